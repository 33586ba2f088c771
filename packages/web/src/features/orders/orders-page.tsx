import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OrderStatus, OrderSummary } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { ORDER_STATUSES, isOneOf } from '../sales-common/enums.ts';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { OrderStatusTag } from '../sales-common/tags.tsx';

export default function OrdersPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const tq = useTableQuery({ defaultSort: { key: 'orderDate', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<OrderStatus>(ORDER_STATUSES, statusParam) ? statusParam : undefined;
  const customerId = Number(tq.filter('customerId')) || undefined;
  const ownerEmployeeId = Number(tq.filter('ownerEmployeeId')) || undefined;
  const from = tq.filter('from');
  const to = tq.filter('to');
  const query = { ...tq.apiQuery, status, customerId, ownerEmployeeId, from, to };
  const list = useApi(`orders:${JSON.stringify(query)}`, (signal) => api.orders.list(query, signal));
  const seesOthers = me.scope.level !== 'own' || me.user.isAdmin;

  const columns: TableColumnsType<OrderSummary> = [
    {
      key: 'no',
      title: t('orders.no'),
      sorter: true,
      sortOrder: tq.sortOrderFor('no'),
      fixed: 'left',
      render: (_, o) => <Link to={`/orders/${o.id}`}>{o.no}</Link>,
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, o) => <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>,
    },
    {
      key: 'orderDate',
      title: t('orders.orderDate'),
      sorter: true,
      sortOrder: tq.sortOrderFor('orderDate'),
      render: (_, o) => formatDate(o.orderDate),
    },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, o) => <OrderStatusTag status={o.status} />,
    },
    {
      key: 'totalFen',
      title: t('orders.total'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('totalFen'),
      render: (_, o) => fen(o.totalFen),
    },
    { key: 'open', title: t('ledger.openAmount'), align: 'right', render: (_, o) => fen(o.openFen) },
    {
      key: 'dueOn',
      title: t('orders.dueOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('dueOn'),
      render: (_, o) => formatDate(o.dueOn),
    },
    { key: 'owner', title: t('ledger.owner'), render: (_, o) => o.ownerName },
    { key: 'contract', title: t('orders.contract'), render: (_, o) => o.contractNo ?? '' },
  ];

  const filtered = !!(tq.q || status || customerId || ownerEmployeeId || from || to);
  return (
    <>
      <PageHeader
        title={t('orders.title')}
        extra={
          <>
            <Link to="/orders/at-risk">
              <Button icon={<WarningOutlined />}>{t('orders.atRisk')}</Button>
            </Link>
            {can('order.manage') && (
              <Link to="/orders/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="order-create">
                  {t('orders.create')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('orders.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 180px', maxWidth: 240 }}
          />
          <Select<OrderStatus>
            allowClear
            value={status}
            onChange={(v) => tq.set({ status: v })}
            placeholder={t('contracts.allStatuses')}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
            style={{ flex: '1 1 140px', maxWidth: 170 }}
          />
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
          {seesOthers && (
            <EmployeeSelect
              value={ownerEmployeeId ?? null}
              onChange={(v) => tq.set({ ownerEmployeeId: v })}
              placeholder={t('customers.allOwners')}
              style={{ flex: '1 1 160px', maxWidth: 200 }}
            />
          )}
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => tq.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            placeholder={[t('ledger.from'), t('ledger.to')]}
            style={{ flex: '1 1 240px', maxWidth: 280 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<OrderSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="orders-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('orders.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}
