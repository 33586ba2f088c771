import { KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Modal, Popconfirm, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { User } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice, useFormErrorHandler } from '../../app/errors.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';

const USERNAME = /^[a-z][a-z0-9_.-]{1,31}$/;

interface CreateValues {
  username: string;
  employeeId: number | null;
  password: string;
  isAdmin: boolean;
}

function CreateUserModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.users.create({
        username: v.username.trim(),
        employeeId: v.employeeId ?? null,
        password: v.password,
        isAdmin: !!v.isAdmin,
      });
      onSaved();
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ isAdmin: false, employeeId: null }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: USERNAME, message: t('users.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="employeeId" label={t('users.employee')} extra={t('users.employeeHint')}>
          {can('employee.read') ? (
            <EmployeeSelect />
          ) : (
            <Input disabled placeholder={t('users.employeeUnavailable')} />
          )}
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          rules={[
            { required: true, message: t('settings.passwordRequired') },
            { min: 10, message: t('settings.passwordTooShort', { min: 10 }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item name="isAdmin" valuePropName="checked">
          <Checkbox>{t('users.isAdmin')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: User;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.users.resetPassword(user.id, v.newPassword);
      onSaved();
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('users.resetTitle', { username: user.username })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('users.reset')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="newPassword"
          label={t('settings.newPassword')}
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
      </Form>
    </Modal>
  );
}

function isLocked(u: User): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
}

export default function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const list = useApi('users', (signal) => api.users.list(signal));
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [search, setSearch] = useState('');
  const [unlocking, setUnlocking] = useState<number | null>(null);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (list.data ?? []).filter(
      (u) =>
        !needle ||
        u.username.toLowerCase().includes(needle) ||
        (u.employeeName ?? '').toLowerCase().includes(needle),
    );
  }, [list.data, search]);

  const unlock = async (u: User) => {
    setUnlocking(u.id);
    try {
      await api.users.unlock(u.id);
      void message.success(t('users.unlocked', { username: u.username }));
      list.reload();
    } catch (err) {
      notice(err, list.reload);
    } finally {
      setUnlocking(null);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      title: t('users.username'),
      dataIndex: 'username',
      sorter: (a, b) => a.username.localeCompare(b.username),
    },
    {
      key: 'employee',
      title: t('users.employee'),
      render: (_, u) =>
        u.employeeId && u.employeeName ? (
          <Link to={`/employees/${u.employeeId}`}>{u.employeeName}</Link>
        ) : (
          '\u2014'
        ),
    },
    {
      key: 'role',
      title: t('users.kind'),
      render: (_, u) =>
        u.isAdmin ? <Tag color="purple">{t('users.admin')}</Tag> : <Tag>{t('users.regular')}</Tag>,
    },
    {
      key: 'status',
      title: t('users.status'),
      render: (_, u) =>
        isLocked(u) ? (
          <Tag color="red">{t('users.lockedUntil', { at: formatDateTime(u.lockedUntil) })}</Tag>
        ) : (
          <Tag color="green">{t('users.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, u) => (
        <Flex gap={6} wrap>
          <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
            {t('users.reset')}
          </Button>
          {isLocked(u) && (
            <Popconfirm
              title={t('users.unlockConfirm', { username: u.username })}
              onConfirm={() => void unlock(u)}
            >
              <Button size="small" icon={<UnlockOutlined />} loading={unlocking === u.id}>
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={rows}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="users-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={search ? t('common.noMatch') : t('users.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {creating && (
        <CreateUserModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void message.success(t('users.created'));
            list.reload();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onSaved={() => {
            void message.success(t('users.resetDone', { username: resetting.username }));
            setResetting(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
