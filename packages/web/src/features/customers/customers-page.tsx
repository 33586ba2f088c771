import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Customer, CustomerCategory, VettingStatus } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { CUSTOMER_CATEGORIES, VETTING_STATUSES, isOneOf } from '../sales-common/enums.ts';
import { VettingStatusTag } from '../sales-common/tags.tsx';
import { CustomerFormModal } from './customer-form.tsx';
import { CustomerImportModal } from './customer-import.tsx';
import { useCustomerSettings } from './use-customer-settings.ts';

export default function CustomersPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'lastActivityOn', order: 'desc' } });
  const settings = useCustomerSettings();
  const categoryParam = tq.filter('category');
  const category = isOneOf<CustomerCategory>(CUSTOMER_CATEGORIES, categoryParam) ? categoryParam : undefined;
  const vettingParam = tq.filter('vettingStatus');
  const vettingStatus = isOneOf<VettingStatus>(VETTING_STATUSES, vettingParam) ? vettingParam : undefined;
  const level = tq.filter('level');
  const region = tq.filter('region');
  const ownerEmployeeId = Number(tq.filter('ownerEmployeeId')) || undefined;
  const referrerCustomerId = Number(tq.filter('referrerCustomerId')) || undefined;
  const query = {
    ...tq.apiQuery,
    category,
    vettingStatus,
    level,
    region,
    ownerEmployeeId,
    referrerCustomerId,
  };
  const list = useApi(`customers:${JSON.stringify(query)}`, (signal) => api.customers.list(query, signal));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canManage = can('customer.manage');
  // A rep sees only their own customers: the owner filter is for leads and managers.
  const seesOthers = me.scope.level !== 'own' || me.user.isAdmin;

  const columns: TableColumnsType<Customer> = [
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      fixed: 'left',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.id}`}>{c.name}</Link>
          {c.mobile && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.mobile}
            </Typography.Text>
          )}
        </Flex>
      ),
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
    {
      key: 'owner',
      title: t('ledger.owner'),
      render: (_, c) => c.ownerName ?? <Tag style={{ marginInlineEnd: 0 }}>{t('ledger.pool')}</Tag>,
    },
    {
      key: 'vetting',
      title: t('customers.vetting'),
      render: (_, c) => <VettingStatusTag status={c.vettingStatus} />,
    },
    {
      key: 'lastActivityOn',
      title: t('customers.lastActivity'),
      sorter: true,
      sortOrder: tq.sortOrderFor('lastActivityOn'),
      render: (_, c) => formatDate(c.lastActivityOn),
    },
    {
      key: 'createdAt',
      title: t('customers.createdAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, c) => formatDate(c.createdAt),
    },
  ];

  const filtered = !!(
    tq.q ||
    category ||
    vettingStatus ||
    level ||
    region ||
    ownerEmployeeId ||
    referrerCustomerId
  );

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          canManage && (
            <>
              <Button
                icon={<ImportOutlined />}
                onClick={() => setImporting(true)}
                data-testid="customer-import"
              >
                {t('customers.import')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="customer-create"
              >
                {t('customers.create')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('customers.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 240px', maxWidth: 320 }}
            data-testid="customers-search"
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
            key={`region:${region ?? ''}`}
            defaultValue={region}
            allowClear
            placeholder={t('customers.regionFilter')}
            onSearch={(v) => tq.set({ region: v })}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
          />
          <Select<VettingStatus>
            allowClear
            value={vettingStatus}
            onChange={(v) => tq.set({ vettingStatus: v })}
            placeholder={t('customers.allVetting')}
            options={VETTING_STATUSES.map((s) => ({ value: s, label: t(`vettingStatus.${s}`) }))}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
          />
          {seesOthers && (
            <EmployeeSelect
              value={ownerEmployeeId ?? null}
              onChange={(v) => tq.set({ ownerEmployeeId: v })}
              placeholder={t('customers.allOwners')}
              style={{ flex: '1 1 160px', maxWidth: 220 }}
            />
          )}
          {referrerCustomerId && (
            <Tag
              closable
              onClose={() => tq.set({ referrerCustomerId: undefined })}
              style={{ alignSelf: 'center' }}
            >
              {t('customers.referredFilter')}
            </Tag>
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <div data-testid="customers-table">
            <Table<Customer>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              onChange={tq.onTableChange}
              pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('common.noMatch') : t('customers.empty')}
                  />
                ),
              }}
            />
          </div>
        )}
      </Card>
      {creating && (
        <CustomerFormModal
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/customers/${c.id}`);
          }}
        />
      )}
      {importing && (
        <CustomerImportModal
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}
