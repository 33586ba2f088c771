import { RightOutlined } from '@ant-design/icons';
import { Card, DatePicker, Empty, Flex, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useTableQuery } from '../../app/use-table-query.ts';
import { payApi } from './pay-api.ts';
import { RunStatusTag, formatMonth, signedFen } from './pay-format.tsx';

/** 工资条: the signed-in person's own statements, newest month first; one tap opens a statement. */
export default function MyPayPage() {
  const { t, locale } = useI18n();
  const tq = useTableQuery({ defaultPageSize: 10 });
  const period = tq.filter('period');
  const query = { page: tq.page, pageSize: tq.pageSize, period };
  const list = useApi(`my-pay:${JSON.stringify(query)}`, (signal) => payApi.statements.mine(query, signal));

  return (
    <>
      <PageHeader title={t('pay.myPayTitle')} subTitle={t('pay.myPaySubtitle')} />
      <Card size="small">
        <Flex wrap gap={8} className="zz-filters" style={{ marginBottom: 8 }}>
          <DatePicker
            picker="month"
            value={period ? dayjs(`${period}-01`) : null}
            onChange={(d) => tq.set({ period: d ? d.format('YYYY-MM') : undefined })}
            placeholder={t('pay.anyMonth')}
            style={{ width: 160 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <List
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            data-testid="my-pay-list"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.myPayEmpty')} />,
            }}
            pagination={
              (list.data?.total ?? 0) > tq.pageSize
                ? {
                    current: tq.page,
                    pageSize: tq.pageSize,
                    total: list.data?.total ?? 0,
                    size: 'small',
                    align: 'center',
                    showTotal: (n) => t('common.total', { count: n }),
                    onChange: (page) => tq.set({ page: page === 1 ? undefined : page }),
                  }
                : false
            }
            renderItem={(s) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Link
                  to={`/my-pay/${s.id}`}
                  style={{ display: 'block', width: '100%', color: 'inherit' }}
                  data-testid="my-pay-item"
                >
                  <Flex justify="space-between" align="center" gap={12}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text strong>{formatMonth(s.period, locale)}</Typography.Text>
                        <RunStatusTag status={s.runStatus} />
                      </Flex>
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {s.planName}
                      </Typography.Text>
                    </Flex>
                    <Flex gap={8} align="center">
                      <Typography.Text strong style={{ whiteSpace: 'nowrap', fontSize: 16 }}>
                        {signedFen(s.totalFen)}
                      </Typography.Text>
                      <RightOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
                    </Flex>
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
