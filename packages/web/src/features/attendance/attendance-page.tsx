import { CalendarOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type {
  AttendanceRecord,
  AttendanceStatus,
  AttendanceSummaryRow,
  CalendarDay,
} from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../app/api-client.ts';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { useTableQuery } from '../../app/use-table-query.ts';
import { thisMonth } from '../sales-common/form-helpers.ts';
import { attendanceApi } from './attendance-api.ts';
import { AttendanceImportModal } from './attendance-import.tsx';

export const ATTENDANCE_STATUSES = [
  'present',
  'late',
  'absent',
  'leave',
] as const satisfies readonly AttendanceStatus[];
export const STATUS_COLOR: Record<AttendanceStatus, string> = {
  present: '#52c41a',
  late: '#fa8c16',
  absent: '#f5222d',
  leave: '#1677ff',
};

/** Every record of the month in scope: the list pages at 200, a month of a large team is a few pages. */
async function loadMonth(month: string, signal: AbortSignal): Promise<AttendanceRecord[]> {
  const all: AttendanceRecord[] = [];
  for (let page = 1; ; page++) {
    const p = await attendanceApi.list({ month, page, pageSize: 200, sort: 'day', order: 'asc' }, signal);
    all.push(...p.items);
    if (all.length >= p.total || p.items.length === 0) return all;
  }
}

/** Weekday or weekend as the week has it, unless the calendar lists the day (holiday or make-up workday). */
function isWorkingDay(day: string, listed: Map<string, CalendarDay>): boolean {
  const entry = listed.get(day);
  if (entry) return entry.kind === 'workday';
  const dow = dayjs(day).day();
  return dow !== 0 && dow !== 6;
}

interface Editing {
  employeeId: number;
  employeeName: string;
  day: string;
  record?: AttendanceRecord;
}

function DayModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onClose: () => void;
  onSaved: (record: AttendanceRecord) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ status: AttendanceStatus; note: string }>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await attendanceApi.put({
          employeeId: editing.employeeId,
          day: editing.day,
          status: v.status,
          note: (v.note ?? '').trim(),
          ...(editing.record ? { version: editing.record.version } : {}),
        }),
      );
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('attendance.editTitle', { name: editing.employeeName, day: editing.day })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: editing.record?.status ?? 'present', note: editing.record?.note ?? '' }}
      >
        <Form.Item name="status" label={t('attendance.status')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`attendance.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('ledger.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      {editing.record?.recordedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attendance.recordedBy', { name: editing.record.recordedBy })}
        </Typography.Text>
      )}
    </Modal>
  );
}

type Row = AttendanceSummaryRow;

/**
 * 考勤: a month grid per team (one row a person, one column a day; weekends and holidays shaded from the
 * working-day calendar), a click edits a day; import from the time clock's CSV / Excel with a dry run.
 */
export default function AttendancePage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tq = useTableQuery();
  const month = tq.filter('month') ?? thisMonth();
  const unitId = Number(tq.filter('unitId')) || undefined;
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [importing, setImporting] = useState(false);
  const [changed, setChanged] = useState<Map<string, AttendanceRecord>>(new Map());
  const [loadingCalendar, setLoadingCalendar] = useState(false);
  const notice = useErrorNotice();

  const summary = useApi(`attendance-summary:${month}`, (signal) => attendanceApi.summary({ month }, signal));
  const records = useApi(`attendance-month:${month}`, (signal) => loadMonth(month, signal));
  const year = Number(month.slice(0, 4));
  const calendar = useApi(`calendar:${year}`, (signal) => attendanceApi.calendar.get(year, signal));
  const members = useApi(unitId ? `unit-members:${unitId}` : null, (signal) =>
    api.employees.list({ unitId, pageSize: 200 }, signal),
  );

  const days = useMemo(() => {
    const first = dayjs(`${month}-01`);
    return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
  }, [month]);
  const listed = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.day, d])), [calendar.data]);
  const byCell = useMemo(() => {
    const map = new Map<string, AttendanceRecord>();
    for (const r of records.data ?? []) map.set(`${r.employeeId}:${r.day}`, r);
    for (const [k, r] of changed) map.set(k, r);
    return map;
  }, [records.data, changed]);
  const rows = useMemo(() => {
    const memberIds = members.data ? new Set(members.data.items.map((e) => e.id)) : null;
    const text = q.trim().toLowerCase();
    return (summary.data ?? []).filter(
      (r) =>
        (!memberIds || memberIds.has(r.employeeId)) && (!text || r.employeeName.toLowerCase().includes(text)),
    );
  }, [summary.data, members.data, q]);
  const monthWorking = calendar.data?.months.find((m) => m.month === month)?.workingDays ?? null;
  const weekdayFormat = new Intl.DateTimeFormat(locale, { weekday: 'narrow' });

  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('pay.employee'),
      fixed: 'left',
      width: 96,
      render: (_, r) => (
        <Typography.Text ellipsis style={{ maxWidth: 88 }}>
          {r.employeeName}
        </Typography.Text>
      ),
    },
    ...days.map((day) => {
      const working = isWorkingDay(day, listed);
      const entry = listed.get(day);
      return {
        key: day,
        width: 34,
        align: 'center' as const,
        onHeaderCell: () => ({ style: { background: working ? undefined : '#f5f5f5', padding: '4px 0' } }),
        onCell: () => ({ style: { background: working ? undefined : '#fafafa', padding: 0 } }),
        title: (
          <Tooltip title={entry ? `${day} ${entry.name || t(`calendar.kind.${entry.kind}`)}` : day}>
            <Flex vertical align="center" style={{ lineHeight: 1.2, fontSize: 12 }}>
              <span style={{ color: entry?.kind === 'holiday' ? '#cf1322' : undefined }}>
                {Number(day.slice(8))}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 10 }}>
                {entry?.kind === 'workday'
                  ? t('calendar.workdayShort')
                  : weekdayFormat.format(dayjs(day).toDate())}
              </Typography.Text>
            </Flex>
          </Tooltip>
        ),
        render: (_: unknown, r: Row) => {
          const rec = byCell.get(`${r.employeeId}:${day}`);
          return (
            <button
              type="button"
              className="zz-att-cell"
              data-testid="attendance-cell"
              aria-label={`${r.employeeName} ${day} ${rec ? t(`attendance.status.${rec.status}`) : t('attendance.notRecorded')}`}
              onClick={() =>
                setEditing({ employeeId: r.employeeId, employeeName: r.employeeName, day, record: rec })
              }
              style={{
                width: '100%',
                height: 30,
                border: 0,
                cursor: 'pointer',
                background: 'transparent',
                color: rec ? STATUS_COLOR[rec.status] : '#bfbfbf',
                fontWeight: 600,
              }}
              title={rec?.note || undefined}
            >
              {rec ? t(`attendance.short.${rec.status}`) : working ? '·' : ''}
            </button>
          );
        },
      };
    }),
    {
      key: 'days',
      title: t('attendance.presentOfWorking'),
      align: 'right',
      width: 90,
      render: (_, r) => `${r.daysPresent} / ${r.workingDays}`,
    },
    {
      key: 'rate',
      title: t('attendance.rate'),
      align: 'right',
      width: 80,
      render: (_, r) =>
        r.rate === null ? (
          '\u2014'
        ) : r.recordedDays === 0 ? (
          <Typography.Text type="secondary">{t('attendance.noRecords')}</Typography.Text>
        ) : (
          `${Number((Number(r.rate) * 100).toFixed(1))}%`
        ),
    },
  ];

  const error = summary.error ?? records.error;
  const loadCalendar = async () => {
    setLoadingCalendar(true);
    try {
      calendar.setData(await attendanceApi.calendar.load(year));
      void message.success(t('calendar.loaded', { year }));
      summary.reload();
    } catch (err) {
      notice(err);
    } finally {
      setLoadingCalendar(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('attendance.title')}
        subTitle={
          monthWorking === null
            ? calendar.data && !calendar.data.covered
              ? t('attendance.noCalendar', { year })
              : undefined
            : t('attendance.workingDays', { count: monthWorking })
        }
        extra={
          <>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="attendance-import"
            >
              {t('attendance.import')}
            </Button>
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/attendance/calendar')}>
              {t('calendar.title')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            onChange={(d) => {
              setChanged(new Map());
              tq.set({ month: d && d.format('YYYY-MM') !== thisMonth() ? d.format('YYYY-MM') : undefined });
            }}
            style={{ width: 150 }}
          />
          <UnitTreeSelect
            value={unitId ?? null}
            onChange={(v) => tq.set({ unitId: v })}
            placeholder={t('attendance.anyTeam')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          <Input.Search
            allowClear
            placeholder={t('common.searchEmployee')}
            onChange={(e) => setQ(e.target.value)}
            style={{ flex: '1 1 160px', maxWidth: 220 }}
          />
        </Flex>
        {isApiError(summary.error) && summary.error.status === 422 ? (
          // No holiday data for the year: working days are never guessed, the calendar is loaded first.
          <Alert
            type="warning"
            showIcon
            title={errorText(summary.error, t)}
            action={
              <Button type="primary" loading={loadingCalendar} onClick={() => void loadCalendar()}>
                {t('calendar.load')}
              </Button>
            }
          />
        ) : error && !summary.data ? (
          <ErrorState error={error} onRetry={() => (summary.reload(), records.reload())} />
        ) : (
          <Table<Row>
            rowKey="employeeId"
            size="small"
            bordered
            columns={columns}
            dataSource={rows}
            loading={summary.loading || records.loading}
            pagination={{
              pageSize: 50,
              size: 'small',
              hideOnSinglePage: true,
              showTotal: (n) => t('common.total', { count: n }),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="attendance-grid"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.empty')} />,
            }}
          />
        )}
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          {ATTENDANCE_STATUSES.map((s) => (
            <Tag key={s} color={STATUS_COLOR[s]}>
              {`${t(`attendance.short.${s}`)} ${t(`attendance.status.${s}`)}`}
            </Tag>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attendance.legendHint')}
          </Typography.Text>
        </Flex>
      </Card>
      {editing && (
        <DayModal
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(record) => {
            setChanged((m) => new Map(m).set(`${record.employeeId}:${record.day}`, record));
            setEditing(null);
            void message.success(t('common.saved'));
            summary.reload();
          }}
        />
      )}
      {importing && (
        <AttendanceImportModal
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            setChanged(new Map());
            records.reload();
            summary.reload();
          }}
        />
      )}
    </>
  );
}
