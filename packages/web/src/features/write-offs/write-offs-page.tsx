import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { OrderSummary, WriteOff } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { DecideDialog } from '../../app/decide-dialog.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { WRITE_OFF_STATUSES, isOneOf } from '../sales-common/enums.ts';
import { bodyField } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect, OrderSelect } from '../sales-common/pickers.tsx';
import { DecisionTag } from '../sales-common/tags.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

type Status = (typeof WRITE_OFF_STATUSES)[number];

interface Values {
  customerId?: number;
  orderId?: number;
  amountFen?: number | null;
  reason: string;
}

function RequestModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [order, setOrder] = useState<OrderSummary | null>(null);
  const handleError = useSaveErrorHandler();
  const customerId = Form.useWatch('customerId', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.writeOffs.create({ orderId: v.orderId!, amountFen: v.amountFen!, reason: v.reason.trim() });
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
      title={t('writeOffs.requestTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ledger.submit')}
      confirmLoading={saving}
      destroyOnHidden
      width={620}
    >
      <Typography.Paragraph type="secondary">{t('writeOffs.requestHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={(c: Partial<Values>) => {
          if ('customerId' in c) {
            form.setFieldsValue({ orderId: undefined, amountFen: null });
            setOrder(null);
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
              <CustomerSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orderId" label={t('writeOffs.order')} rules={[{ required: true }]}>
              <OrderSelect
                customerId={customerId}
                filter={(o) => o.openFen > 0}
                onChange={(_id, o) => {
                  setOrder(o ?? null);
                  if (o) form.setFieldValue('amountFen', o.openFen);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="amountFen"
              label={t('ledger.amount')}
              extra={order ? t('writeOffs.atMost', { open: fen(order.openFen) }) : undefined}
              rules={[
                { required: true },
                {
                  validator: (_, v: number | null) =>
                    order && v && v > order.openFen
                      ? Promise.reject(new Error(t('writeOffs.atMost', { open: fen(order.openFen) })))
                      : Promise.resolve(),
                },
              ]}
            >
              <YuanInput min={1} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t('writeOffs.reason')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('writeOffs.reasonHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Bad-debt write-offs: requests by the money desk, decided by whoever holds writeoff.approve (not their own). */
export default function WriteOffsPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'createdAt', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<Status>(WRITE_OFF_STATUSES, statusParam) ? statusParam : undefined;
  const customerId = Number(tq.filter('customerId')) || undefined;
  const query = { ...tq.apiQuery, q: undefined, status, customerId };
  const list = useApi(`write-offs:${JSON.stringify(query)}`, (signal) => api.writeOffs.list(query, signal));
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ w: WriteOff; decision: 'approve' | 'reject' } | null>(null);
  const mayApprove = can('writeoff.approve');

  const columns: TableColumnsType<WriteOff> = [
    {
      key: 'createdAt',
      title: t('writeOffs.requestedAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, w) => formatDateTime(w.createdAt),
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, w) => <Link to={`/customers/${w.customerId}?tab=receivables`}>{w.customerName}</Link>,
    },
    {
      key: 'order',
      title: t('writeOffs.order'),
      render: (_, w) => <Link to={`/orders/${w.orderId}`}>{w.orderNo}</Link>,
    },
    {
      key: 'amountFen',
      title: t('ledger.amount'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('amountFen'),
      render: (_, w) => fen(w.amountFen),
    },
    {
      key: 'reason',
      title: t('writeOffs.reason'),
      render: (_, w) => <span className="zz-multiline">{w.reason}</span>,
    },
    { key: 'by', title: t('writeOffs.requestedBy'), render: (_, w) => w.requestedBy ?? '' },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, w) => (
        <Flex vertical>
          <DecisionTag status={w.status} />
          {w.decidedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${w.decidedBy} ${formatDate(w.decidedAt)}`}
            </Typography.Text>
          )}
          {w.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {w.decisionNote}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(mayApprove
      ? [
          {
            key: 'act',
            title: t('common.actions'),
            render: (_: unknown, w: WriteOff) =>
              w.status === 'pending' && w.requestedBy !== me.user.username ? (
                <Flex gap={4} wrap>
                  <Button size="small" type="primary" onClick={() => setDeciding({ w, decision: 'approve' })}>
                    {t('ledger.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ w, decision: 'reject' })}>
                    {t('ledger.reject')}
                  </Button>
                </Flex>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('writeOffs.title')}
        subTitle={t('writeOffs.subtitle')}
        extra={
          can('receipt.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
              {t('writeOffs.request')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<Status | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...WRITE_OFF_STATUSES.map((s) => ({ value: s, label: t(`decision.${s}`) })),
            ]}
          />
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WriteOff>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('writeOffs.empty')} />,
            }}
          />
        )}
      </Card>
      {requesting && (
        <RequestModal
          onClose={() => setRequesting(false)}
          onSaved={() => {
            setRequesting(false);
            void message.success(t('writeOffs.requested'));
            list.reload();
          }}
        />
      )}
      {deciding && (
        <DecideDialog
          title={t(deciding.decision === 'approve' ? 'writeOffs.approveTitle' : 'writeOffs.rejectTitle', {
            order: deciding.w.orderNo,
            amount: fen(deciding.w.amountFen),
          })}
          description={deciding.decision === 'approve' ? t('writeOffs.approveHint') : undefined}
          okText={deciding.decision === 'approve' ? t('ledger.approve') : t('ledger.reject')}
          danger={deciding.decision === 'reject'}
          noteRequired={deciding.decision === 'reject'}
          send={(note) =>
            api.writeOffs.decide(deciding.w.id, {
              decision: deciding.decision,
              note,
              version: deciding.w.version,
            })
          }
          reload={list.reload}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
