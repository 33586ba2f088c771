import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Segmented,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Incident, IncidentStatus } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../app/auth.tsx';
import { DecideDialog } from '../../app/decide-dialog.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen } from '../sales-common/money.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { incidentsApi } from './incidents-api.ts';

const KINDS = ['fine', 'reward'] as const;
type Kind = (typeof KINDS)[number];
const TYPES = [
  'new_hire_details_unknown',
  'new_hire_work_unchecked',
  'discipline',
  'service',
  'commendation',
  'other',
] as const satisfies readonly Incident['type'][];
const STATUSES = ['active', 'appealed', 'upheld', 'cancelled'] as const satisfies readonly IncidentStatus[];
const STATUS_COLOR: Record<IncidentStatus, string> = {
  active: 'blue',
  appealed: 'orange',
  upheld: 'red',
  cancelled: 'default',
};

interface Values {
  employeeId?: number;
  kind: Kind;
  type: Incident['type'];
  day: string;
  amountFen: number | null;
  note: string;
}

/** The seed's 惩罚体制 fines 100 per incident: the form starts there for a fine. */
const DEFAULT_FINE_FEN = 10_000;

function RecordModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const kind = Form.useWatch('kind', form) ?? 'fine';
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await incidentsApi.create({
        employeeId: v.employeeId!,
        kind: v.kind,
        type: v.type,
        day: v.day,
        amountFen: v.amountFen ?? 0,
        note: (v.note ?? '').trim(),
      });
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
      title={t('incidents.recordTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'fine',
          type: 'new_hire_details_unknown',
          day: todayString(),
          amountFen: DEFAULT_FINE_FEN,
          note: '',
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind === 'reward') form.setFieldsValue({ type: 'commendation' });
          if (changed.kind === 'fine')
            form.setFieldsValue({ type: 'new_hire_details_unknown', amountFen: DEFAULT_FINE_FEN });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="employeeId" label={t('pay.employee')} rules={[{ required: true }]}>
              <EmployeeSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('incidents.kind')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('incidents.type')} rules={[{ required: true }]}>
              <Select options={TYPES.map((ty) => ({ value: ty, label: t(`incidents.type.${ty}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="day" label={t('incidents.day')} rules={[{ required: true }]} {...dateProps}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="amountFen" label={t('ledger.amount')} rules={[{ required: true }]}>
              <YuanInput min={0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('ledger.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t(`incidents.notePlaceholder.${kind}`)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 奖罚: fines and rewards a superior records (type, date, amount, note). The employee sees their own and may
 * appeal; the next level up upholds or cancels. Pay reads the ones in force.
 */
export default function IncidentsPage() {
  const t = useT();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'day', order: 'desc' } });
  const kindParam = tq.filter('kind');
  const kind = isOneOf<Kind>(KINDS, kindParam) ? kindParam : undefined;
  const statusParam = tq.filter('status');
  const status = isOneOf<IncidentStatus>(STATUSES, statusParam) ? statusParam : undefined;
  const month = tq.filter('month');
  const employeeId = Number(tq.filter('employeeId')) || undefined;
  const query = { ...tq.apiQuery, q: undefined, kind, status, month, employeeId };
  const list = useApi(`incidents:${JSON.stringify(query)}`, (signal) => incidentsApi.list(query, signal));
  const [recording, setRecording] = useState(false);
  const [dialog, setDialog] = useState<{
    incident: Incident;
    action: 'appeal' | 'upheld' | 'cancelled';
  } | null>(null);
  const myId = me?.employee?.id;
  const mayDecide = can('review.decide');

  const columns: TableColumnsType<Incident> = [
    {
      key: 'day',
      title: t('incidents.day'),
      sorter: true,
      sortOrder: tq.sortOrderFor('day'),
      render: (_, i) => formatDate(i.day),
    },
    {
      key: 'employeeName',
      title: t('pay.employee'),
      sorter: true,
      sortOrder: tq.sortOrderFor('employeeName'),
      render: (_, i) => i.employeeName,
    },
    {
      key: 'kind',
      title: t('incidents.kind'),
      render: (_, i) => (
        <Tag color={i.kind === 'fine' ? 'volcano' : 'green'}>{t(`incidents.kind.${i.kind}`)}</Tag>
      ),
    },
    { key: 'type', title: t('incidents.type'), render: (_, i) => t(`incidents.type.${i.type}`) },
    {
      key: 'amountFen',
      title: t('ledger.amount'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('amountFen'),
      render: (_, i) => (
        <Typography.Text type={i.kind === 'fine' ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>
          {i.kind === 'fine' ? '-' : '+'}
          {fen(i.amountFen)}
        </Typography.Text>
      ),
    },
    {
      key: 'note',
      title: t('ledger.note'),
      render: (_, i) => (
        <Flex vertical style={{ maxWidth: 320 }}>
          {i.note && <span className="zz-multiline">{i.note}</span>}
          {i.appealReason && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('incidents.appealReason')}
              {t('common.colon')}
              {i.appealReason}
            </Typography.Text>
          )}
          {i.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reviews.decisionNote')}
              {t('common.colon')}
              {i.decisionNote}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('pay.statusCol'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, i) => (
        <Flex vertical>
          <Tag color={STATUS_COLOR[i.status]} style={{ width: 'fit-content' }}>
            {t(`incidents.status.${i.status}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.decidedBy ?? i.recordedBy ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'act',
      title: t('common.actions'),
      render: (_, i) => (
        <Flex gap={4} wrap>
          {i.employeeId === myId && i.status === 'active' && (
            <Button
              size="small"
              danger
              onClick={() => setDialog({ incident: i, action: 'appeal' })}
              data-testid="incident-appeal"
            >
              {t('reviews.appeal')}
            </Button>
          )}
          {mayDecide && i.status === 'appealed' && i.employeeId !== myId && (
            <>
              <Button
                size="small"
                type="primary"
                onClick={() => setDialog({ incident: i, action: 'upheld' })}
              >
                {t('incidents.uphold')}
              </Button>
              <Button size="small" onClick={() => setDialog({ incident: i, action: 'cancelled' })}>
                {t('incidents.cancel')}
              </Button>
            </>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subTitle={t('incidents.subtitle')}
        extra={
          can('incident.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('incidents.record')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<Kind | 'all'>
            value={kind ?? 'all'}
            onChange={(v) => tq.set({ kind: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) })),
            ]}
          />
          <Select<IncidentStatus | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            style={{ width: 130 }}
            options={[
              { value: 'all', label: t('reviews.anyStatus') },
              ...STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
            ]}
          />
          <DatePicker
            picker="month"
            value={month ? dayjs(`${month}-01`) : null}
            onChange={(d) => tq.set({ month: d ? d.format('YYYY-MM') : undefined })}
            placeholder={t('pay.anyMonth')}
            style={{ width: 140 }}
          />
          {can('incident.manage') && (
            <EmployeeSelect
              value={employeeId ?? null}
              onChange={(v) => tq.set({ employeeId: v })}
              style={{ flex: '1 1 180px', maxWidth: 260 }}
            />
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Incident>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="incidents-table"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.empty')} />,
            }}
          />
        )}
      </Card>
      {recording && (
        <RecordModal
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            void message.success(t('incidents.recorded'));
            list.reload();
          }}
        />
      )}
      {dialog && (
        <DecideDialog
          title={t(
            dialog.action === 'appeal'
              ? 'incidents.appealTitle'
              : dialog.action === 'upheld'
                ? 'incidents.upholdTitle'
                : 'incidents.cancelTitle',
            { name: dialog.incident.employeeName, amount: fen(dialog.incident.amountFen) },
          )}
          description={dialog.action === 'appeal' ? t('incidents.appealHint') : undefined}
          okText={t(
            dialog.action === 'appeal'
              ? 'reviews.appeal'
              : dialog.action === 'upheld'
                ? 'incidents.uphold'
                : 'incidents.cancel',
          )}
          danger={dialog.action !== 'cancelled'}
          noteRequired={dialog.action === 'appeal'}
          send={(note) =>
            dialog.action === 'appeal'
              ? incidentsApi.appeal(dialog.incident.id, note, dialog.incident.version)
              : incidentsApi.decide(dialog.incident.id, {
                  decision: dialog.action,
                  note,
                  version: dialog.incident.version,
                })
          }
          reload={list.reload}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
