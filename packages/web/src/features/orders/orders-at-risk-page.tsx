import { Card, Empty, Flex, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AtRiskLine } from '@zuzhang/api-schema';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { OrderStatusTag } from '../sales-common/tags.tsx';

const WINDOWS = [3, 7, 14, 30];

/** Delivery-date warnings: order lines not fully shipped whose promised date is near or past. */
export default function OrdersAtRiskPage() {
  const t = useT();
  const tq = useTableQuery();
  const daysParam = Number(tq.filter('days'));
  const days = WINDOWS.includes(daysParam) ? daysParam : 7;
  const query = { page: tq.page, pageSize: tq.pageSize, days };
  const list = useApi(`at-risk:${JSON.stringify(query)}`, (signal) => api.orders.atRisk(query, signal));

  const columns: TableColumnsType<AtRiskLine> = [
    {
      key: 'promised',
      title: t('orders.promisedOn'),
      fixed: 'left',
      render: (_, l) => (
        <Flex gap={6} align="center" wrap>
          {formatDate(l.promisedOn)}
          {l.overdue ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('orders.lateDays', { days: -l.daysLeft })}
            </Tag>
          ) : (
            <Tag color={l.daysLeft <= 2 ? 'orange' : 'gold'} style={{ marginInlineEnd: 0 }}>
              {t('orders.daysLeft', { days: l.daysLeft })}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'order',
      title: t('orders.no'),
      render: (_, l) => <Link to={`/orders/${l.orderId}`}>{`${l.orderNo} #${l.lineNo}`}</Link>,
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, l) => <Link to={`/customers/${l.customerId}`}>{l.customerName}</Link>,
    },
    { key: 'product', title: t('orders.product'), dataIndex: 'productName' },
    {
      key: 'qty',
      title: t('orders.remaining'),
      align: 'right',
      render: (_, l) => `${l.remainingQuantity} / ${l.quantity}`,
    },
    { key: 'status', title: t('ledger.status'), render: (_, l) => <OrderStatusTag status={l.orderStatus} /> },
    { key: 'owner', title: t('ledger.owner'), dataIndex: 'ownerName' },
  ];

  return (
    <>
      <PageHeader backTo="/orders" title={t('orders.atRiskTitle')} subTitle={t('orders.atRiskHint')} />
      <Card>
        <Flex wrap gap={8} className="zz-filters" align="center">
          <Segmented<number>
            value={days}
            onChange={(v) => tq.set({ days: v === 7 ? undefined : v })}
            options={WINDOWS.map((d) => ({ value: d, label: t('orders.withinDays', { days: d }) }))}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<AtRiskLine>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noneAtRisk')} />,
            }}
          />
        )}
      </Card>
    </>
  );
}
