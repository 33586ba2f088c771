import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OverviewDashboard, OverviewRow } from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';
import { PeriodCards, moneyColumns, periodColumns } from './period-cards.tsx';

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
    ...periodColumns<OverviewRow>(t, metric),
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
    ...moneyColumns<OverviewRow>(t, showMoney),
  ];

  return (
    <Flex vertical gap={16}>
      <PeriodCards
        data={data}
        rows={data.rows}
        chartTitle={t('dashboard.chartTitleUnits')}
        emptyText={t('dashboard.noUnits')}
      />
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
