import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OverviewDashboard, OverviewRow } from '@zuzhang/api-schema';
import { Suspense, lazy, useMemo } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';
import { PageLoading } from '../../app/page-states.tsx';
import { fen } from '../sales-common/money.ts';
import { PeriodCell } from './progress-cells.tsx';
import { PeriodSummaries } from './period-summary.tsx';

const DashboardCharts = lazy(() => import('./dashboard-charts.tsx'));

const byAttainment = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

/**
 * The manager's and the VP's dashboard: the lead's figures rolled up per unit below, each unit a click away
 * from its own units, down to a team and its people.
 */
export function OverviewView({
  data,
  loading,
  onDrill,
}: {
  data: OverviewDashboard;
  loading: boolean;
  onDrill: (unitId: number) => void;
}) {
  const t = useT();
  const metric = data.metric;
  const bars = useMemo(
    () => data.rows.map((r) => ({ name: r.name, actual: r.month.actual, target: r.month.target })),
    [data.rows],
  );
  const showMoney = data.rows.some((r) => r.followUpsDue !== null || r.overdueFen !== null);

  const columns: TableColumnsType<OverviewRow> = [
    {
      key: 'name',
      title: t('dashboard.unit'),
      fixed: 'left',
      width: 120,
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (_, r) =>
        r.kind === 'unit' ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
            onClick={() => onDrill(r.id)}
            data-testid="overview-drill"
          >
            {r.name} <RightOutlined style={{ fontSize: 10 }} />
          </Button>
        ) : (
          r.name
        ),
    },
    {
      key: 'week',
      title: t('dashboard.thisWeek'),
      sorter: (a, b) => byAttainment(a.week.attainment, b.week.attainment),
      render: (_, r) => <PeriodCell p={r.week} metric={metric} />,
    },
    {
      key: 'month',
      title: t('dashboard.thisMonth'),
      sorter: (a, b) => byAttainment(a.month.attainment, b.month.attainment),
      render: (_, r) => <PeriodCell p={r.month} metric={metric} />,
    },
    {
      key: 'behind',
      title: t('dashboard.behindCount'),
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.behindCount - b.behindCount,
      render: (_, r) =>
        r.behindCount > 0 ? <Typography.Text type="danger">{r.behindCount}</Typography.Text> : 0,
    },
    {
      key: 'headcount',
      title: t('dashboard.headcount'),
      align: 'right',
      sorter: (a, b) => a.headcount - b.headcount,
      render: (_, r) =>
        r.newHires > 0 ? t('dashboard.headcountNew', { n: r.headcount, hires: r.newHires }) : r.headcount,
    },
    ...(showMoney
      ? [
          {
            key: 'followUps',
            title: t('dashboard.followUpsDue'),
            align: 'right' as const,
            sorter: (a: OverviewRow, b: OverviewRow) => (a.followUpsDue ?? 0) - (b.followUpsDue ?? 0),
            render: (_: unknown, r: OverviewRow) => r.followUpsDue ?? '\u2014',
          },
          {
            key: 'overdue',
            title: t('dashboard.overdue'),
            align: 'right' as const,
            sorter: (a: OverviewRow, b: OverviewRow) => (a.overdueFen ?? 0) - (b.overdueFen ?? 0),
            render: (_: unknown, r: OverviewRow) =>
              r.overdueFen === null ? (
                '\u2014'
              ) : r.overdueFen > 0 ? (
                <Typography.Text type="danger">{fen(r.overdueFen)}</Typography.Text>
              ) : (
                fen(0)
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {data.totals && (
        <PeriodSummaries
          week={data.totals.week}
          month={data.totals.month}
          weekInfo={data.week}
          monthInfo={data.month}
          metric={metric}
        />
      )}
      <Card size="small" title={t('dashboard.chartTitleUnits')}>
        {data.rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noUnits')} />
        ) : (
          <Suspense fallback={<PageLoading minHeight={240} />}>
            <DashboardCharts series={data.series} bars={bars} metric={metric} />
          </Suspense>
        )}
      </Card>
      <Card size="small" title={t('dashboard.units')}>
        <Table<OverviewRow>
          rowKey={(r) => `${r.kind}:${r.id}`}
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data.rows}
          pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="overview-rows"
          onRow={(r) => ({ 'data-testid': 'overview-row', 'data-unit-id': r.id }) as object}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noUnits')} />,
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dashboard.drillHint')}
        </Typography.Text>
      </Card>
    </Flex>
  );
}
