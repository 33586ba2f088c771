import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { ApiToken, Locale } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api, type CreatedApiToken } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useErrorNotice, useFormErrorHandler } from '../../app/errors.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n, useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function ChangePasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();

  const onFinish = async (v: PasswordValues) => {
    setSaving(true);
    try {
      await api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success(t('settings.passwordChanged'));
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('settings.changePassword')}>
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        disabled={saving}
      >
        <Form.Item
          name="currentPassword"
          label={t('settings.currentPassword')}
          rules={[{ required: true, message: t('settings.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('settings.newPassword')}
          extra={t('settings.passwordRule', { min: 10 })}
          rules={[
            { required: true, message: t('settings.passwordRequired') },
            { min: 10, message: t('settings.passwordTooShort', { min: 10 }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('settings.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('settings.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('settings.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('settings.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function TokensCard() {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const tokens = useApi('tokens', (signal) => api.auth.tokens(signal));
  const [form] = Form.useForm<{ name: string }>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const handleError = useFormErrorHandler();

  const create = async ({ name }: { name: string }) => {
    setCreating(true);
    try {
      setCreated(await api.auth.createToken(name.trim()));
      form.resetFields();
      tokens.reload();
    } catch (err) {
      handleError(form, err);
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    try {
      await api.auth.revokeToken(token.id);
      void message.success(t('settings.tokenRevoked', { name: token.name }));
      tokens.reload();
    } catch (err) {
      notice(err, tokens.reload);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('settings.tokenName'), dataIndex: 'name' },
    {
      key: 'prefix',
      title: t('settings.tokenPrefix'),
      render: (_, k) => <Typography.Text code>{k.prefix}</Typography.Text>,
    },
    { key: 'createdAt', title: t('settings.tokenCreated'), render: (_, k) => formatDateTime(k.createdAt) },
    {
      key: 'lastUsedAt',
      title: t('settings.tokenLastUsed'),
      render: (_, k) => formatDateTime(k.lastUsedAt) || t('settings.tokenNeverUsed'),
    },
    {
      key: 'status',
      title: t('settings.tokenStatus'),
      render: (_, k) =>
        k.revokedAt ? (
          <Tag>{t('settings.tokenRevokedAt', { at: formatDateTime(k.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('settings.tokenActive')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={t('settings.tokenRevokeConfirm', { name: k.name })}
            description={t('settings.tokenRevokeHint')}
            okButtonProps={{ danger: true }}
            okText={t('settings.tokenRevoke')}
            onConfirm={() => void revoke(k)}
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('settings.tokenRevoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title={t('settings.tokens')}>
      <Typography.Paragraph type="secondary">{t('settings.tokensExplain')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void create(v)}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, message: t('settings.tokenNameRequired') }]}
          style={{ flex: '1 1 200px', maxWidth: 360 }}
        >
          <Input placeholder={t('settings.tokenNamePlaceholder')} maxLength={80} data-testid="token-name" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={creating}
          data-testid="token-create"
        >
          {t('settings.tokenCreate')}
        </Button>
      </Form>
      {tokens.error && !tokens.data ? (
        <ErrorState error={tokens.error} onRetry={tokens.reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.loading}
          dataSource={tokens.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.tokensEmpty')} />,
          }}
        />
      )}
      <Modal
        open={!!created}
        title={t('settings.tokenCreatedTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('settings.tokenSaved')}
          </Button>
        }
        mask={{ closable: false }}
        destroyOnHidden
      >
        {created && (
          <Flex vertical gap={12}>
            <Alert type="warning" showIcon title={t('settings.tokenShownOnce')} />
            <Typography.Paragraph
              copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }}
              code
              style={{ wordBreak: 'break-all', marginBottom: 0 }}
              data-testid="token-secret"
            >
              {created.token}
            </Typography.Paragraph>
          </Flex>
        )}
      </Modal>
    </Card>
  );
}

function PreferencesCard() {
  const t = useT();
  const { locale } = useI18n();
  const { changeLocale } = useAuth();
  const me = useMe();
  return (
    <Card title={t('settings.preferences')}>
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">{t('settings.account')}</Typography.Text>
          <div>
            <b>{me.user.username}</b>
            {me.user.isAdmin && (
              <Tag color="purple" style={{ marginInlineStart: 8 }}>
                {t('users.admin')}
              </Tag>
            )}
          </div>
        </div>
        <div>
          <Typography.Text type="secondary">{t('settings.language')}</Typography.Text>
          <div>
            <Segmented<Locale>
              value={locale}
              onChange={changeLocale}
              options={[
                { value: 'zh-CN', label: t('settings.langZh') },
                { value: 'en-US', label: t('settings.langEn') },
              ]}
            />
          </div>
        </div>
      </Flex>
    </Card>
  );
}

export default function SettingsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <PreferencesCard />
            <ChangePasswordCard />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}
