import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CustomerCategory, PoolCustomer } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, isApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { useCustomerSettings } from '../customers/use-customer-settings.ts';
import { CUSTOMER_CATEGORIES, isOneOf } from '../sales-common/enums.ts';

/** The customer pool: customers nobody owns; any rep may claim them, up to the company's per-rep cap. */
export default function PoolPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'pooledAt', order: 'desc' } });
  const settings = useCustomerSettings();
  const categoryParam = tq.filter('category');
  const category = isOneOf<CustomerCategory>(CUSTOMER_CATEGORIES, categoryParam) ? categoryParam : undefined;
  const level = tq.filter('level');
  const region = tq.filter('region');
  const industry = tq.filter('industry');
  const query = { ...tq.apiQuery, category, level, region, industry };
  const list = useApi(`pool:${JSON.stringify(query)}`, (signal) => api.pool.list(query, signal));
  const [claiming, setClaiming] = useState<number | null>(null);
  const [returning, setReturning] = useState(false);

  const claim = async (c: PoolCustomer) => {
    setClaiming(c.id);
    try {
      const claimed = await api.pool.claim(c.id);
      void message.success(
        <span>
          {t('pool.claimed', { name: claimed.name })}{' '}
          <Link to={`/customers/${claimed.id}`}>{t('ledger.view')}</Link>
        </span>,
      );
      list.reload();
    } catch (err) {
      // 422: the per-rep cap is reached; say it plainly, it is not a failure to retry.
      if (isApiError(err) && err.status === 422) {
        modal.warning({ title: t('pool.capTitle'), content: errorText(err, t) });
      } else if (isApiError(err) && err.status === 409) {
        void message.warning(errorText(err, t));
        list.reload();
      } else notice(err);
    } finally {
      setClaiming(null);
    }
  };

  const runReturn = () => {
    modal.confirm({
      title: t('pool.runReturnConfirm'),
      content: t('pool.runReturnHint', { days: settings.data?.poolReturnDays ?? '' }),
      onOk: async () => {
        setReturning(true);
        try {
          const r = await api.pool.runReturn();
          void message.success(t('pool.runReturnDone', { count: r.returned }));
          list.reload();
        } catch (err) {
          notice(err);
        } finally {
          setReturning(false);
        }
      },
    });
  };

  const columns: TableColumnsType<PoolCustomer> = [
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      fixed: 'left',
      dataIndex: 'name',
    },
    {
      key: 'category',
      title: t('customers.category'),
      render: (_, c) => t(`customerCategory.${c.category}`),
    },
    {
      key: 'level',
      title: t('customers.level'),
      sorter: true,
      sortOrder: tq.sortOrderFor('level'),
      render: (_, c) => <Tag style={{ marginInlineEnd: 0 }}>{c.level}</Tag>,
    },
    { key: 'region', title: t('customers.region'), dataIndex: 'region' },
    { key: 'industry', title: t('customers.industry'), dataIndex: 'industry' },
    {
      key: 'pooledAt',
      title: t('pool.since'),
      sorter: true,
      sortOrder: tq.sortOrderFor('pooledAt'),
      render: (_, c) => formatDate(c.pooledSince),
    },
    {
      key: 'claim',
      title: t('common.actions'),
      render: (_, c) => (
        <Button
          size="small"
          type="primary"
          loading={claiming === c.id}
          disabled={claiming !== null && claiming !== c.id}
          onClick={() => void claim(c)}
          data-testid="pool-claim"
        >
          {t('pool.claim')}
        </Button>
      ),
    },
  ];

  const filtered = !!(tq.q || category || level || region || industry);
  return (
    <>
      <PageHeader
        title={t('pool.title')}
        subTitle={
          settings.data
            ? t('pool.rules', { cap: settings.data.claimCapPerRep, days: settings.data.poolReturnDays })
            : undefined
        }
        extra={
          <>
            {can('customer.vet') && (
              <Button icon={<ReloadOutlined />} loading={returning} onClick={runReturn}>
                {t('pool.runReturn')}
              </Button>
            )}
            <Button onClick={() => navigate('/customers')}>{t('nav.customers')}</Button>
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('pool.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 220px', maxWidth: 300 }}
          />
          <Select<CustomerCategory>
            allowClear
            value={category}
            onChange={(v) => tq.set({ category: v })}
            placeholder={t('customers.allCategories')}
            options={CUSTOMER_CATEGORIES.map((c) => ({ value: c, label: t(`customerCategory.${c}`) }))}
            style={{ flex: '1 1 150px', maxWidth: 180 }}
          />
          <Select<string>
            allowClear
            value={level}
            onChange={(v) => tq.set({ level: v })}
            placeholder={t('customers.allLevels')}
            options={(settings.data?.levels ?? []).map((l) => ({ value: l, label: l }))}
            style={{ flex: '1 1 110px', maxWidth: 140 }}
          />
          <Input.Search
            key={`r:${region ?? ''}`}
            defaultValue={region}
            allowClear
            placeholder={t('customers.regionFilter')}
            onSearch={(v) => tq.set({ region: v })}
            style={{ flex: '1 1 130px', maxWidth: 170 }}
          />
          <Input.Search
            key={`i:${industry ?? ''}`}
            defaultValue={industry}
            allowClear
            placeholder={t('customers.industry')}
            onSearch={(v) => tq.set({ industry: v })}
            style={{ flex: '1 1 130px', maxWidth: 170 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PoolCustomer>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="pool-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('pool.empty')}
                />
              ),
            }}
          />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pool.explain')}
        </Typography.Text>
      </Card>
    </>
  );
}
