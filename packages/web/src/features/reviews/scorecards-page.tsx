import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ScorecardTemplate } from '@zuzhang/api-schema';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { PositionSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { reviewsApi } from './reviews-api.ts';

const STATUSES = ['active', 'retired'] as const;
type Status = (typeof STATUSES)[number];

/** Scorecard templates (考核表): per position, weighted indicators adding up to 100. */
export default function ScorecardsPage() {
  const t = useT();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'name', order: 'asc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<Status>(STATUSES, statusParam) ? statusParam : undefined;
  const positionId = Number(tq.filter('positionId')) || undefined;
  const query = { ...tq.apiQuery, q: undefined, status, positionId };
  const list = useApi(`scorecards:${JSON.stringify(query)}`, (signal) =>
    reviewsApi.scorecards.list(query, signal),
  );

  const columns: TableColumnsType<ScorecardTemplate> = [
    {
      key: 'name',
      title: t('scorecards.name'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      render: (_, s) => <Link to={`/scorecards/${s.id}`}>{s.name}</Link>,
    },
    {
      key: 'position',
      title: t('pay.position'),
      render: (_, s) => s.positionName ?? t('scorecards.noPosition'),
    },
    { key: 'cycle', title: t('reviews.cycle'), render: (_, s) => t(`reviews.cycle.${s.cycle}`) },
    { key: 'lines', title: t('scorecards.lines'), align: 'right', render: (_, s) => s.lines.length },
    {
      key: 'status',
      title: t('pay.statusCol'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, s) => (
        <Tag color={s.status === 'active' ? 'green' : 'default'}>{t(`scorecards.status.${s.status}`)}</Tag>
      ),
    },
    { key: 'reviews', title: t('scorecards.reviewCount'), align: 'right', render: (_, s) => s.reviewCount },
    {
      key: 'createdAt',
      title: t('scorecards.createdAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, s) => formatDateTime(s.createdAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        subTitle={t('scorecards.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/scorecards/new')}>
            {t('scorecards.new')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<Status | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`scorecards.status.${s}`) })),
            ]}
          />
          <PositionSelect
            value={positionId ?? null}
            onChange={(v) => tq.set({ positionId: v })}
            style={{ flex: '1 1 200px', maxWidth: 300 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<ScorecardTemplate>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scorecards.empty')} />,
            }}
          />
        )}
      </Card>
    </>
  );
}
