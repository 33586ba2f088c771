import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Delegation } from '@zuzhang/api-schema';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useErrorNotice, useFormErrorHandler } from '../../app/errors.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';

type Filter = 'all' | 'given' | 'received';

function statusOf(d: Delegation, today: string): 'inForce' | 'revoked' | 'expired' | 'scheduled' {
  if (d.revokedAt) return 'revoked';
  if (d.inForce) return 'inForce';
  if (d.endDate < today) return 'expired';
  return 'scheduled';
}

const STATUS_COLORS = {
  inForce: 'green',
  revoked: 'default',
  expired: 'default',
  scheduled: 'blue',
} as const;

function DelegationStatus({ d, today, t }: { d: Delegation; today: string; t: Translate }) {
  const s = statusOf(d, today);
  return <Tag color={STATUS_COLORS[s]}>{t(`delegations.status.${s}`)}</Tag>;
}

interface CreateValues {
  fromEmployeeId?: number | null;
  toEmployeeId: number;
  period: [Dayjs, Dayjs];
  reason: string;
}

function CreateDelegationModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();
  const fromId = Form.useWatch('fromEmployeeId', form) ?? me.employee?.id;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.delegations.create({
        ...(v.fromEmployeeId ? { fromEmployeeId: v.fromEmployeeId } : {}),
        toEmployeeId: v.toEmployeeId,
        startDate: v.period[0].format('YYYY-MM-DD'),
        endDate: v.period[1].format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      });
      onSaved();
    } catch (err) {
      // The server names startDate / endDate; both belong to the one range field here.
      handleError(form, err, undefined, (name) =>
        name[0] === 'startDate' || name[0] === 'endDate' ? ['period'] : name,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('delegations.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('delegations.create')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('delegations.explain')}</Typography.Paragraph>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ period: [dayjs(), dayjs().add(6, 'day')] }}
      >
        {me.user.isAdmin && (
          <Form.Item name="fromEmployeeId" label={t('delegations.from')} extra={t('delegations.fromHint')}>
            <EmployeeSelect placeholder={me.employee?.name ?? t('common.searchEmployee')} />
          </Form.Item>
        )}
        <Form.Item name="toEmployeeId" label={t('delegations.to')} rules={[{ required: true }]}>
          <EmployeeSelect filter={(e) => e.id !== fromId} />
        </Form.Item>
        <Form.Item name="period" label={t('delegations.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('delegations.reason')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={200}
            showCount
            placeholder={t('delegations.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DelegationsPage() {
  const t = useT();
  const me = useMe();
  const { refresh, can } = useAuth();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const list = useApi('delegations', (signal) => api.delegations.list(signal));
  const [filter, setFilter] = useState<Filter>('all');
  const [inForceOnly, setInForceOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<number | null>(null);
  const today = todayString();
  const myId = me.employee?.id;

  const rows = useMemo(
    () =>
      (list.data ?? [])
        .filter(
          (d) =>
            filter === 'all' || (filter === 'given' ? d.fromEmployeeId === myId : d.toEmployeeId === myId),
        )
        .filter((d) => !inForceOnly || d.inForce)
        .sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.startDate.localeCompare(a.startDate)),
    [list.data, filter, inForceOnly, myId],
  );

  const revoke = async (d: Delegation) => {
    setRevoking(d.id);
    try {
      await api.delegations.revoke(d.id);
      void message.success(t('delegations.revoked'));
      list.reload();
      void refresh();
    } catch (err) {
      notice(err, list.reload);
    } finally {
      setRevoking(null);
    }
  };

  const columns: TableColumnsType<Delegation> = [
    { key: 'from', title: t('delegations.from'), dataIndex: 'fromEmployeeName' },
    { key: 'to', title: t('delegations.to'), dataIndex: 'toEmployeeName' },
    {
      key: 'period',
      title: t('delegations.period'),
      render: (_, d) => `${formatDate(d.startDate)} ~ ${formatDate(d.endDate)}`,
    },
    {
      key: 'reason',
      title: t('delegations.reason'),
      render: (_, d) => (
        <div style={{ minWidth: 160, maxWidth: 360 }} className="zz-multiline">
          {d.reason}
        </div>
      ),
    },
    {
      key: 'status',
      title: t('delegations.statusTitle'),
      render: (_, d) => <DelegationStatus d={d} today={today} t={t} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, d) =>
        !d.revokedAt && d.endDate >= today && (d.fromEmployeeId === myId || me.user.isAdmin) ? (
          <Popconfirm
            title={t('delegations.revokeConfirm', { name: d.toEmployeeName })}
            okText={t('delegations.revoke')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void revoke(d)}
          >
            <Button size="small" danger icon={<StopOutlined />} loading={revoking === d.id}>
              {t('delegations.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  const inForceToMe = (list.data ?? []).filter((d) => d.inForce && d.toEmployeeId === myId);

  return (
    <>
      <PageHeader
        title={t('delegations.title')}
        extra={
          can('delegation.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="delegation-create"
            >
              {t('delegations.create')}
            </Button>
          )
        }
      />
      {inForceToMe.map((d) => (
        <Alert
          key={d.id}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('delegations.actingBanner', { name: d.fromEmployeeName, date: formatDate(d.endDate) })}
        />
      ))}
      <Card>
        <Flex wrap gap={12} align="center" className="zz-filters">
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('delegations.filterAll') },
              { value: 'given', label: t('delegations.filterGiven') },
              { value: 'received', label: t('delegations.filterReceived') },
            ]}
          />
          <Flex gap={6} align="center">
            <Switch checked={inForceOnly} onChange={setInForceOnly} size="small" id="in-force-only" />
            <label htmlFor="in-force-only">{t('delegations.inForceOnly')}</label>
          </Flex>
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Delegation>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={rows}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="delegations-table"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delegations.empty')} />,
            }}
          />
        )}
      </Card>
      {creating && (
        <CreateDelegationModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void message.success(t('delegations.created'));
            list.reload();
            void refresh();
          }}
        />
      )}
    </>
  );
}
