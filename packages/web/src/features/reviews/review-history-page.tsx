import { Card, Empty, Flex, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReviewSummary } from '@zuzhang/api-schema';
import { Suspense, lazy } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useLocalPaging } from '../sales-common/local-paging.ts';
import { GradeTag, ReviewStatusTag } from './review-format.tsx';
import { reviewsApi } from './reviews-api.ts';

const ScoreTrendChart = lazy(() => import('./score-trend-chart.tsx'));

/** One person's reviews over time (绩效档案): the trend of the score and every review. */
export default function ReviewHistoryPage() {
  const t = useT();
  const { employeeId: param } = useParams();
  const employeeId = Number(param);
  const valid = Number.isInteger(employeeId) && employeeId > 0;
  const paging = useLocalPaging(20);
  const history = useApi(
    valid ? `review-history:${employeeId}:${paging.page}:${paging.pageSize}` : null,
    (signal) =>
      reviewsApi.reviews.history(employeeId, { page: paging.page, pageSize: paging.pageSize }, signal),
  );
  if (!valid) return <NotFound />;
  if (history.error && !history.data) return <ErrorState error={history.error} onRetry={history.reload} />;
  if (!history.data) return <PageLoading />;
  const items = history.data.items;
  const name = items[0]?.employeeName ?? '';

  const columns: TableColumnsType<ReviewSummary> = [
    {
      key: 'period',
      title: t('reviews.period'),
      render: (_, r) => <Link to={`/reviews/${r.id}`}>{r.period}</Link>,
    },
    { key: 'template', title: t('reviews.template'), render: (_, r) => r.templateName },
    { key: 'status', title: t('pay.statusCol'), render: (_, r) => <ReviewStatusTag status={r.status} /> },
    {
      key: 'score',
      title: t('reviews.score'),
      align: 'right',
      render: (_, r) => (
        <Flex gap={4} justify="flex-end" align="center">
          <span>{r.score ?? '\u2014'}</span>
          <GradeTag grade={r.grade} />
        </Flex>
      ),
    },
    { key: 'ratedBy', title: t('reviews.ratedBy'), render: (_, r) => r.ratedBy ?? '' },
  ];

  return (
    <>
      <PageHeader backTo="/reviews" title={t('reviews.historyTitle', { name })} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        {items.some((r) => r.score !== null) && (
          <Card size="small" title={t('reviews.trend')}>
            <Suspense fallback={<PageLoading minHeight={220} />}>
              <ScoreTrendChart reviews={items} />
            </Suspense>
          </Card>
        )}
        <Card size="small">
          <Table<ReviewSummary>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={history.loading}
            pagination={paging.pagination(t, history.data.total)}
            scroll={{ x: 'max-content' }}
            data-testid="review-history-table"
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.historyEmpty')} />
              ),
            }}
          />
        </Card>
      </Flex>
    </>
  );
}
