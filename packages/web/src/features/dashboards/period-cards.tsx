import { Card, Empty, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PeriodInfo, PeriodProgress, TargetMetric, TeamDashboard } from '@zuzhang/api-schema';
import { Suspense, lazy, useMemo } from 'react';
import type { Translate } from '../../app/i18n/i18n.tsx';
import { PageLoading } from '../../app/page-states.tsx';
import { fen } from '../sales-common/money.ts';
import { PeriodCell } from './progress-cells.tsx';
import { PeriodSummaries } from './period-summary.tsx';

const DashboardCharts = lazy(() => import('./dashboard-charts.tsx'));

/** A dashboard row: a member (team view) or a unit or person (overview), with its week, month and money. */
interface PeriodRow {
  name: string;
  week: PeriodProgress;
  month: PeriodProgress;
  /** Null without customer.read. */
  followUpsDue: number | null;
  overdueFen: number | null;
}

/** Sorts rows without a target after those with one. */
const byAttainment = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

/**
 * This week's and this month's columns. With `cellTestId`, each cell is wrapped for the browser tests
 * (`<cellTestId>-week`, `<cellTestId>-month`).
 */
export function periodColumns<R extends PeriodRow>(
  t: Translate,
  metric: TargetMetric,
  { cellTestId, monthSort }: { cellTestId?: string; monthSort?: 'ascend' } = {},
): TableColumnsType<R> {
  const cell = (p: PeriodProgress, which: 'week' | 'month') =>
    cellTestId ? (
      <div data-testid={`${cellTestId}-${which}`}>
        <PeriodCell p={p} metric={metric} />
      </div>
    ) : (
      <PeriodCell p={p} metric={metric} />
    );
  return [
    {
      key: 'week',
      title: t('dashboard.thisWeek'),
      sorter: (a, b) => byAttainment(a.week.attainment, b.week.attainment),
      render: (_, r) => cell(r.week, 'week'),
    },
    {
      key: 'month',
      title: t('dashboard.thisMonth'),
      ...(monthSort ? { defaultSortOrder: monthSort } : {}),
      sorter: (a, b) => byAttainment(a.month.attainment, b.month.attainment),
      render: (_, r) => cell(r.month, 'month'),
    },
  ];
}

/** Follow-ups due today and overdue money: shown only to those who may read customers. */
export function moneyColumns<R extends PeriodRow>(t: Translate, show: boolean): TableColumnsType<R> {
  if (!show) return [];
  return [
    {
      key: 'followUps',
      title: t('dashboard.followUpsDue'),
      align: 'right',
      sorter: (a, b) => (a.followUpsDue ?? 0) - (b.followUpsDue ?? 0),
      render: (_, r) => r.followUpsDue ?? '\u2014',
    },
    {
      key: 'overdue',
      title: t('dashboard.overdue'),
      align: 'right',
      sorter: (a, b) => (a.overdueFen ?? 0) - (b.overdueFen ?? 0),
      render: (_, r) =>
        r.overdueFen === null ? (
          '\u2014'
        ) : r.overdueFen > 0 ? (
          <Typography.Text type="danger">{fen(r.overdueFen)}</Typography.Text>
        ) : (
          fen(0)
        ),
    },
  ];
}

/**
 * The top of a dashboard: the week and month of the whole (when the caller may see it), then this month's
 * chart with one bar per row.
 */
export function PeriodCards({
  data,
  rows,
  chartTitle,
  emptyText,
}: {
  data: {
    metric: TargetMetric;
    week: PeriodInfo;
    month: PeriodInfo;
    totals: { week: PeriodProgress; month: PeriodProgress } | null;
    series: TeamDashboard['series'];
  };
  rows: PeriodRow[];
  chartTitle: string;
  emptyText: string;
}) {
  const bars = useMemo(
    () => rows.map((r) => ({ name: r.name, actual: r.month.actual, target: r.month.target })),
    [rows],
  );
  return (
    <>
      {data.totals && (
        <PeriodSummaries
          week={data.totals.week}
          month={data.totals.month}
          weekInfo={data.week}
          monthInfo={data.month}
          metric={data.metric}
        />
      )}
      <Card size="small" title={chartTitle}>
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : (
          <Suspense fallback={<PageLoading minHeight={240} />}>
            <DashboardCharts series={data.series} bars={bars} metric={data.metric} />
          </Suspense>
        )}
      </Card>
    </>
  );
}
