import { CrownFilled, FileExcelOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Modal, Segmented, Select, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ProgressLevel, ProgressRow, TargetMetric } from '@zuzhang/api-schema';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useErrorNotice } from '../../app/errors.tsx';
import { todayString } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { PLAIN_METRICS, formatTarget } from '../targets/target-format.ts';
import { PeriodPicker, currentPeriod, usePeriodLabel } from '../targets/period-picker.tsx';
import { dashboardsApi } from './dashboards-api.ts';
import { AttainmentBar, PaceTag } from './progress-cells.tsx';

type Metric = (typeof PLAIN_METRICS)[number];
type By = 'person' | 'team';
type Key = 'attainment' | 'actual';
type Row = ProgressRow & { unitName?: string | null };

/** Gold, silver, bronze. */
const MEDALS = ['#faad14', '#bfbfbf', '#ad6800'];

function RankCell({ rank }: { rank: number | null }) {
  if (rank === null) return <Typography.Text type="secondary">{'\u2014'}</Typography.Text>;
  return rank <= 3 ? (
    <Flex align="center" gap={4}>
      <CrownFilled style={{ color: MEDALS[rank - 1] }} />
      <b>{rank}</b>
    </Flex>
  ) : (
    <span>{rank}</span>
  );
}

/** The figure columns shared by the rankings and the progress table. */
function useFigureColumns(metric: TargetMetric): TableColumnsType<Row> {
  const { t } = useI18n();
  return [
    {
      key: 'target',
      title: t('dashboard.target'),
      align: 'right',
      sorter: (a, b) => (a.target ?? -1) - (b.target ?? -1),
      render: (_, r) => formatTarget(metric, r.target),
    },
    {
      key: 'actual',
      title: t('dashboard.actual'),
      align: 'right',
      sorter: (a, b) => a.actual - b.actual,
      render: (_, r) => <b>{formatTarget(metric, r.actual)}</b>,
    },
    {
      key: 'attainment',
      title: t('progress.attainment'),
      sorter: (a, b) => (a.attainment ?? -Infinity) - (b.attainment ?? -Infinity),
      render: (_, r) => <AttainmentBar attainment={r.attainment} status={r.paceStatus} />,
    },
    {
      key: 'gap',
      title: t('dashboard.gap'),
      align: 'right',
      sorter: (a, b) => (a.gap ?? 0) - (b.gap ?? 0),
      render: (_, r) =>
        r.gap === null ? (
          '\u2014'
        ) : r.gap < 0 ? (
          <Typography.Text type="success">{`+${formatTarget(metric, -r.gap)}`}</Typography.Text>
        ) : (
          formatTarget(metric, r.gap)
        ),
    },
    {
      key: 'projection',
      title: t('dashboard.projection'),
      align: 'right',
      sorter: (a, b) => a.projection - b.projection,
      render: (_, r) => formatTarget(metric, r.projection),
    },
    {
      key: 'pace',
      title: t('progress.pace'),
      render: (_, r) => <PaceTag status={r.paceStatus} metric={metric} />,
    },
  ];
}

/** Plan execution sheet (年度 / 季度 / 月度计划执行表) as an Excel file. */
function ExecutionSheetModal({ metric, onClose }: { metric: Metric; onClose: () => void }) {
  const { t, locale } = useI18n();
  const notice = useErrorNotice();
  const thisYear = Number(todayString().slice(0, 4));
  const [form] = Form.useForm<{ fiscalYear: number; grain: 'year' | 'quarter' | 'month' }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await dashboardsApi.downloadExecutionSheet(
        { metric, fiscalYear: v.fiscalYear, grain: v.grain, lang: locale },
        `${t('progress.sheetFile', { year: v.fiscalYear })}-${t(`progress.sheetGrain.${v.grain}`)}.xlsx`,
      );
      onClose();
    } catch (err) {
      notice(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('progress.sheetTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ledger.downloadExcel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('progress.sheetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fiscalYear: thisYear, grain: 'month' }}>
        <Form.Item name="fiscalYear" label={t('targets.fiscalYear')}>
          <Select
            options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({
              value: y,
              label: t('period.year', { year: y }),
            }))}
          />
        </Form.Item>
        <Form.Item name="grain" label={t('progress.sheetGrainLabel')}>
          <Segmented
            options={(['year', 'quarter', 'month'] as const).map((g) => ({
              value: g,
              label: t(`progress.sheetGrain.${g}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 业绩与排行: 个人 / 团队排行榜 for any period and metric, progress by person, team and company with
 * drill-down, and the plan execution sheets in Excel.
 */
export default function ProgressPage() {
  const { t } = useI18n();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (patch: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  const tab = get('tab') === 'progress' ? 'progress' : 'rankings';
  const period = get('period') ?? currentPeriod('month');
  const metric: Metric = PLAIN_METRICS.includes(get('metric') as Metric)
    ? (get('metric') as Metric)
    : 'sales';
  const by: By = get('by') === 'team' ? 'team' : 'person';
  const key: Key = get('key') === 'actual' ? 'actual' : 'attainment';
  const levelParam = get('level');
  const level: ProgressLevel = levelParam === 'team' || levelParam === 'company' ? levelParam : 'person';
  const unitId = Number(get('unitId')) || undefined;
  const [sheet, setSheet] = useState(false);
  const figures = useFigureColumns(metric);

  const rankings = useApi(tab === 'rankings' ? `rankings:${period}:${metric}:${by}:${key}` : null, (signal) =>
    dashboardsApi.rankings({ period, metric, by, key, limit: 200 }, signal),
  );
  const progress = useApi(
    tab === 'progress' ? `progress:${period}:${metric}:${level}:${unitId ?? ''}` : null,
    (signal) => dashboardsApi.progress({ period, metric, level, unitId }, signal),
  );

  const rankColumns: TableColumnsType<Row> = [
    { key: 'rank', title: t('progress.rank'), width: 64, render: (_, r) => <RankCell rank={r.rank} /> },
    {
      key: 'name',
      title: by === 'person' ? t('progress.person') : t('progress.team'),
      render: (_, r) => (
        <Flex vertical>
          <span data-testid="ranking-name">{r.name}</span>
          {r.unitName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.unitName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...figures,
  ];

  const progressColumns: TableColumnsType<Row> = [
    {
      key: 'name',
      title:
        level === 'person'
          ? t('progress.person')
          : level === 'team'
            ? t('progress.team')
            : t('progress.company'),
      render: (_, r) =>
        r.kind === 'unit' ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => set({ level: r.hasChildUnits ? 'team' : 'person', unitId: r.id ?? undefined })}
          >
            {r.name} <RightOutlined style={{ fontSize: 10 }} />
          </Button>
        ) : (
          r.name
        ),
    },
    { key: 'rank', title: t('progress.rank'), width: 64, render: (_, r) => <RankCell rank={r.rank} /> },
    ...figures,
  ];

  const report = progress.data;
  const board = rankings.data;
  const info = (tab === 'rankings' ? board : report)?.period;

  return (
    <>
      <PageHeader
        title={t('progress.title')}
        subTitle={
          info
            ? t('progress.periodInfo', {
                period: periodLabel(info.period),
                from: info.from,
                to: info.to,
                left: info.daysLeft,
              })
            : undefined
        }
        extra={
          <Button icon={<FileExcelOutlined />} onClick={() => setSheet(true)} data-testid="execution-sheet">
            {t('progress.sheetButton')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
          <Select<Metric>
            value={metric}
            onChange={(m) => set({ metric: m === 'sales' ? undefined : m })}
            options={PLAIN_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
            style={{ width: 140 }}
            aria-label={t('targets.metric')}
          />
        </Flex>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'rankings' ? undefined : k })}
          items={[
            {
              key: 'rankings',
              label: t('progress.rankings'),
              children: (
                <>
                  <Flex wrap gap={8} className="zz-filters">
                    <Segmented<By>
                      value={by}
                      onChange={(v) => set({ by: v === 'person' ? undefined : v })}
                      options={[
                        { value: 'person', label: t('progress.byPerson') },
                        { value: 'team', label: t('progress.byTeam') },
                      ]}
                    />
                    <Segmented<Key>
                      value={key}
                      onChange={(v) => set({ key: v === 'attainment' ? undefined : v })}
                      options={[
                        { value: 'attainment', label: t('progress.byAttainment') },
                        { value: 'actual', label: t('progress.byActual') },
                      ]}
                    />
                  </Flex>
                  {rankings.error && !board ? (
                    <ErrorState error={rankings.error} onRetry={rankings.reload} />
                  ) : (
                    <Table<Row>
                      rowKey={(r) => `${r.kind}:${r.id ?? 0}`}
                      size="small"
                      loading={rankings.loading}
                      columns={rankColumns}
                      dataSource={board?.rows ?? []}
                      pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
                      scroll={{ x: 'max-content' }}
                      data-testid="rankings-table"
                      locale={{
                        emptyText: (
                          <Empty
                            image={Empty.PRESENTED_IMAGE_SIMPLE}
                            description={t('progress.emptyRankings')}
                          />
                        ),
                      }}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'progress',
              label: t('progress.byLevel'),
              children: (
                <>
                  <Flex wrap gap={8} align="center" className="zz-filters">
                    <Segmented<ProgressLevel>
                      value={level}
                      onChange={(v) => set({ level: v === 'person' ? undefined : v, unitId: undefined })}
                      options={(['person', 'team', 'company'] as const).map((l) => ({
                        value: l,
                        label: t(`progress.level.${l}`),
                      }))}
                    />
                    {report?.unit && (
                      <Typography.Text type="secondary">
                        {t('progress.within', { unit: report.unit.name })}
                      </Typography.Text>
                    )}
                    {unitId && (
                      <Button size="small" onClick={() => set({ unitId: undefined })}>
                        {t('progress.backToTop')}
                      </Button>
                    )}
                  </Flex>
                  {progress.error && !report ? (
                    <ErrorState error={progress.error} onRetry={progress.reload} />
                  ) : (
                    <Table<Row>
                      rowKey={(r) => `${r.kind}:${r.id ?? 0}`}
                      size="small"
                      loading={progress.loading}
                      columns={progressColumns}
                      dataSource={report?.rows ?? []}
                      pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
                      scroll={{ x: 'max-content' }}
                      data-testid="progress-table"
                      locale={{
                        emptyText: (
                          <Empty
                            image={Empty.PRESENTED_IMAGE_SIMPLE}
                            description={t('progress.emptyProgress')}
                          />
                        ),
                      }}
                      summary={() =>
                        report?.total && level !== 'company' ? (
                          <Table.Summary.Row>
                            <Table.Summary.Cell index={0}>
                              <b>{t('progress.totalOf', { unit: report.total.name })}</b>
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={1} />
                            <Table.Summary.Cell index={2} align="right">
                              {formatTarget(metric, report.total.target)}
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={3} align="right">
                              <b>{formatTarget(metric, report.total.actual)}</b>
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={4}>
                              <AttainmentBar
                                attainment={report.total.attainment}
                                status={report.total.paceStatus}
                              />
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={5} align="right">
                              {formatTarget(metric, report.total.gap)}
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={6} align="right">
                              {formatTarget(metric, report.total.projection)}
                            </Table.Summary.Cell>
                            <Table.Summary.Cell index={7}>
                              <PaceTag status={report.total.paceStatus} metric={metric} />
                            </Table.Summary.Cell>
                          </Table.Summary.Row>
                        ) : null
                      }
                    />
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      {sheet && <ExecutionSheetModal metric={metric} onClose={() => setSheet(false)} />}
    </>
  );
}
