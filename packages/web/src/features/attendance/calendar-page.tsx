import { CloudDownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { CalendarDay, CalendarDayKind, CalendarYear } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useErrorNotice } from '../../app/errors.tsx';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useTableQuery } from '../../app/use-table-query.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { attendanceApi } from './attendance-api.ts';

const KIND_STYLE: Record<CalendarDayKind, { background: string; color: string }> = {
  holiday: { background: '#fff1f0', color: '#cf1322' },
  workday: { background: '#fff7e6', color: '#d46b08' },
};

function DayModal({
  day,
  entry,
  onClose,
  onSaved,
}: {
  day: string;
  entry: CalendarDay | undefined;
  onClose: () => void;
  onSaved: (year: CalendarYear | null) => void;
}) {
  const { t } = useI18n();
  const notice = useErrorNotice();
  const handleError = useSaveErrorHandler();
  const [form] = Form.useForm<{ kind: CalendarDayKind | 'none'; name: string }>();
  const [saving, setSaving] = useState(false);
  const weekend = [0, 6].includes(dayjs(day).day());
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      if (v.kind === 'none') {
        if (entry) await attendanceApi.calendar.removeDay(day);
        onSaved(null);
      } else onSaved(await attendanceApi.calendar.putDay(day, v.kind, (v.name ?? '').trim()));
    } catch (err) {
      if (v.kind === 'none') notice(err);
      else handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('calendar.editTitle', { day })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: entry?.kind ?? 'none', name: entry?.name ?? '' }}
      >
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Radio.Group
            options={[
              { value: 'none', label: t(weekend ? 'calendar.kind.weekend' : 'calendar.kind.normal') },
              { value: 'holiday', label: t('calendar.kind.holiday') },
              { value: 'workday', label: t('calendar.kind.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} rules={[{ max: 50 }]}>
          <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MonthGrid({
  month,
  listed,
  workingDays,
  onPick,
}: {
  month: string;
  listed: Map<string, CalendarDay>;
  workingDays: number | null;
  onPick: (day: string) => void;
}) {
  const { t, locale } = useI18n();
  const first = dayjs(`${month}-01`);
  // Weeks start on Monday, as Chinese calendars print them.
  const lead = (first.day() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD')),
  ];
  const heads = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'narrow' }).format(dayjs('2024-01-01').add(i, 'day').toDate()),
  );
  return (
    <Card
      size="small"
      title={new Intl.DateTimeFormat(locale, { month: 'long' }).format(first.toDate())}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {workingDays === null ? '' : t('calendar.monthWorkingDays', { count: workingDays })}
        </Typography.Text>
      }
      data-testid="calendar-month"
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {heads.map((h, i) => (
          <Typography.Text key={i} type="secondary" style={{ fontSize: 11 }}>
            {h}
          </Typography.Text>
        ))}
        {cells.map((day, i) => {
          if (!day) return <span key={`e${i}`} />;
          const entry = listed.get(day);
          const weekend = [0, 6].includes(dayjs(day).day());
          const style = entry
            ? KIND_STYLE[entry.kind]
            : weekend
              ? { background: '#fafafa', color: '#8c8c8c' }
              : {};
          return (
            <button
              key={day}
              type="button"
              onClick={() => onPick(day)}
              title={entry ? `${entry.name || t(`calendar.kind.${entry.kind}`)}` : undefined}
              aria-label={`${day}${entry ? ` ${entry.name || t(`calendar.kind.${entry.kind}`)}` : ''}`}
              style={{
                border: 0,
                borderRadius: 4,
                padding: '4px 0',
                cursor: 'pointer',
                fontSize: 12,
                fontWeight: entry ? 600 : undefined,
                background: 'transparent',
                ...style,
              }}
            >
              {Number(day.slice(8))}
            </button>
          );
        })}
      </div>
    </Card>
  );
}

/**
 * The working-day calendar (法定节假日 and 调休上班日) the attendance rate counts on: loaded from the public
 * holiday data for the years it covers, every day editable. A year without data is never guessed.
 */
export default function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const tq = useTableQuery();
  const year = Number(tq.filter('year')) || dayjs().year();
  const calendar = useApi(`calendar:${year}`, (signal) => attendanceApi.calendar.get(year, signal));
  const [picked, setPicked] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const listed = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.day, d])), [calendar.data]);

  const load = async () => {
    setLoading(true);
    try {
      calendar.setData(await attendanceApi.calendar.load(year));
      void message.success(t('calendar.loaded', { year }));
    } catch (err) {
      notice(err);
    } finally {
      setLoading(false);
    }
  };

  const c = calendar.data;
  return (
    <>
      <PageHeader
        backTo="/attendance"
        title={t('calendar.title')}
        subTitle={
          c && c.workingDays !== null
            ? t('calendar.yearWorkingDays', { year, count: c.workingDays })
            : undefined
        }
        extra={
          <>
            <Button
              icon={<LeftOutlined />}
              onClick={() => tq.set({ year: year - 1 })}
              aria-label={t('calendar.prevYear')}
            />
            <Typography.Text strong style={{ alignSelf: 'center' }}>
              {year}
            </Typography.Text>
            <Button
              icon={<RightOutlined />}
              onClick={() => tq.set({ year: year + 1 })}
              aria-label={t('calendar.nextYear')}
            />
            <Button icon={<CloudDownloadOutlined />} loading={loading} onClick={() => void load()}>
              {t('calendar.load')}
            </Button>
          </>
        }
      />
      {calendar.error && !c ? (
        <ErrorState error={calendar.error} onRetry={calendar.reload} />
      ) : !c ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          {!c.covered && <Alert type="warning" showIcon title={t('calendar.notCovered', { year })} />}
          <Flex gap={8} wrap>
            <Tag style={KIND_STYLE.holiday}>{t('calendar.kind.holiday')}</Tag>
            <Tag style={KIND_STYLE.workday}>{t('calendar.kind.workday')}</Tag>
            <Tag>{t('calendar.kind.weekend')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('calendar.clickHint')}
            </Typography.Text>
          </Flex>
          <Row gutter={[12, 12]}>
            {c.months.map((m) => (
              <Col key={m.month} xs={24} sm={12} lg={8} xl={6}>
                <MonthGrid month={m.month} listed={listed} workingDays={m.workingDays} onPick={setPicked} />
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('calendar.listed', { count: c.days.length })}>
            <Table<CalendarDay>
              size="small"
              rowKey="day"
              dataSource={c.days}
              pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'day', title: t('attendance.day'), render: (_, d) => d.day },
                {
                  key: 'weekday',
                  title: t('calendar.weekday'),
                  render: (_, d) => dayjs(d.day).format('ddd'),
                },
                {
                  key: 'kind',
                  title: t('calendar.kind'),
                  render: (_, d) => <Tag style={KIND_STYLE[d.kind]}>{t(`calendar.kind.${d.kind}`)}</Tag>,
                },
                { key: 'name', title: t('calendar.name'), render: (_, d) => d.name },
                {
                  key: 'edit',
                  title: t('common.actions'),
                  render: (_, d) => (
                    <Button size="small" type="link" onClick={() => setPicked(d.day)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Flex>
      )}
      {picked && (
        <DayModal
          day={picked}
          entry={listed.get(picked)}
          onClose={() => setPicked(null)}
          onSaved={(next) => {
            setPicked(null);
            void message.success(t('common.saved'));
            if (next && next.year === year) calendar.setData(next);
            else calendar.reload();
          }}
        />
      )}
    </>
  );
}
