import { DeleteOutlined, EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { CustomerContact, CustomerDetail } from '@zuzhang/api-schema';
import { MOBILE_CN } from '@zuzhang/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { bodyField } from '../sales-common/form-helpers.ts';
import { VettingStatusTag } from '../sales-common/tags.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface ContactValues {
  name: string;
  role?: string;
  mobile?: string;
  wechat?: string;
  isPrimary?: boolean;
}

function ContactFormModal({
  customerId,
  contact,
  onClose,
  onSaved,
}: {
  customerId: number;
  contact?: CustomerContact;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ContactValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const body = {
      name: v.name.trim(),
      role: (v.role ?? '').trim(),
      mobile: v.mobile ? v.mobile.replace(/\s+/g, '') : null,
      wechat: (v.wechat ?? '').trim(),
      isPrimary: !!v.isPrimary,
    };
    try {
      if (contact) await api.customers.updateContact(customerId, contact.id, body);
      else await api.customers.addContact(customerId, body);
      onSaved();
    } catch (err) {
      handleError(form, err, undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={contact ? t('customers.editContact') : t('customers.addContact')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<ContactValues>
        form={form}
        layout="vertical"
        initialValues={
          contact
            ? { ...contact, mobile: contact.mobile ?? '' }
            : { name: '', role: '', mobile: '', wechat: '', isPrimary: false }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('customers.contactName')}
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('customers.contactRole')} rules={[{ max: 40 }]}>
              <Input maxLength={40} placeholder={t('customers.contactRoleHint')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="mobile"
              label={t('customers.mobile')}
              normalize={(v: string) => v.replace(/\s+/g, '')}
              rules={[{ pattern: MOBILE_CN, message: t('customers.mobileInvalid') }]}
            >
              <Input inputMode="numeric" maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="wechat" label={t('customers.wechat')} rules={[{ max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('customers.primaryContact')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CustomerOverview({
  customer,
  onChanged,
}: {
  customer: CustomerDetail;
  onChanged: () => void;
}) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const [editing, setEditing] = useState<CustomerContact | 'new' | null>(null);
  const canManage = can('customer.manage');
  const c = customer;
  const dash = '\u2014';

  const remove = async (contact: CustomerContact) => {
    try {
      await api.customers.removeContact(c.id, contact.id);
      void message.success(t('customers.contactRemoved'));
      onChanged();
    } catch (err) {
      notice(err);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t('customers.details')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'kind', label: t('customers.kind'), children: t(`customerKind.${c.kind}`) },
            {
              key: 'category',
              label: t('customers.category'),
              children: t(`customerCategory.${c.category}`),
            },
            { key: 'level', label: t('customers.level'), children: <Tag>{c.level}</Tag> },
            { key: 'region', label: t('customers.region'), children: c.region || dash },
            { key: 'industry', label: t('customers.industry'), children: c.industry || dash },
            {
              key: 'source',
              label: t('customers.source'),
              children:
                c.source === 'referral' && c.referrerCustomerId ? (
                  <span>
                    {t('customerSource.referral')}
                    {t('common.colon')}
                    <Link to={`/customers/${c.referrerCustomerId}`}>{c.referrerName}</Link>
                  </span>
                ) : (
                  t(`customerSource.${c.source}`)
                ),
            },
            {
              key: 'referrals',
              label: t('customers.referralCount'),
              children:
                c.referralCount > 0 ? (
                  <Link to={`/customers?referrerCustomerId=${c.id}`}>{c.referralCount}</Link>
                ) : (
                  0
                ),
            },
            {
              key: 'owner',
              label: t('ledger.owner'),
              children: c.ownerName ?? <Tag>{t('ledger.pool')}</Tag>,
            },
            {
              key: 'vetting',
              label: t('customers.vetting'),
              children: <VettingStatusTag status={c.vettingStatus} />,
            },
            {
              key: 'creditCode',
              label: t('customers.creditCode'),
              children: c.creditCode ? (
                <Flex vertical>
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                    {c.creditCode}
                  </Typography.Text>
                  {c.creditCodeOverride && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t('customers.creditCodeOverrideShown', { reason: c.creditCodeOverride })}
                    </Typography.Text>
                  )}
                </Flex>
              ) : (
                dash
              ),
            },
            { key: 'mobile', label: t('customers.mobile'), children: c.mobile ?? dash },
            { key: 'address', label: t('customers.address'), children: c.address || dash },
            {
              key: 'lastActivity',
              label: t('customers.lastActivity'),
              children: formatDate(c.lastActivityOn),
            },
            ...(c.pooledAt
              ? [{ key: 'pooled', label: t('customers.pooledAt'), children: formatDateTime(c.pooledAt) }]
              : []),
            { key: 'created', label: t('customers.createdAt'), children: formatDateTime(c.createdAt) },
            ...(c.note
              ? [
                  {
                    key: 'note',
                    label: t('ledger.note'),
                    span: 'filled' as const,
                    children: <span className="zz-multiline">{c.note}</span>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title={t('customers.contacts')}
        size="small"
        extra={
          canManage && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('customers.addContact')}
            </Button>
          )
        }
      >
        <Table<CustomerContact>
          size="small"
          rowKey="id"
          dataSource={c.contacts}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noContacts')} />,
          }}
          columns={[
            {
              key: 'name',
              title: t('customers.contactName'),
              render: (_, x) => (
                <Flex gap={4} align="center">
                  {x.isPrimary && (
                    <StarFilled style={{ color: '#faad14' }} title={t('customers.primaryContact')} />
                  )}
                  {x.name}
                </Flex>
              ),
            },
            { key: 'role', title: t('customers.contactRole'), dataIndex: 'role' },
            {
              key: 'mobile',
              title: t('customers.mobile'),
              render: (_, x) => (x.mobile ? <a href={`tel:${x.mobile}`}>{x.mobile}</a> : dash),
            },
            { key: 'wechat', title: t('customers.wechat'), dataIndex: 'wechat' },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_: unknown, x: CustomerContact) => (
                      <Flex gap={4}>
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing(x)}
                        />
                        <Popconfirm
                          title={t('customers.removeContactConfirm', { name: x.name })}
                          onConfirm={() => remove(x)}
                        >
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('common.remove')}
                          />
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <ContactFormModal
          customerId={c.id}
          contact={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('common.saved'));
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}
