import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Contract, ContractStatus } from '@zuzhang/api-schema';
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
import { CONTRACT_STATUSES, isOneOf } from '../sales-common/enums.ts';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { ContractStatusTag } from '../sales-common/tags.tsx';
import { ContractFormModal } from './contract-form.tsx';

export default function ContractsPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'createdAt', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<ContractStatus>(CONTRACT_STATUSES, statusParam) ? statusParam : undefined;
  const customerId = Number(tq.filter('customerId')) || undefined;
  const ownerEmployeeId = Number(tq.filter('ownerEmployeeId')) || undefined;
  const query = { ...tq.apiQuery, status, customerId, ownerEmployeeId };
  const list = useApi(`contracts:${JSON.stringify(query)}`, (signal) => api.contracts.list(query, signal));
  const [creating, setCreating] = useState(false);
  const seesOthers = me.scope.level !== 'own' || me.user.isAdmin;

  const columns: TableColumnsType<Contract> = [
    {
      key: 'no',
      title: t('contracts.no'),
      sorter: true,
      sortOrder: tq.sortOrderFor('no'),
      fixed: 'left',
      render: (_, c) => <Link to={`/contracts/${c.id}`}>{c.no}</Link>,
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, c) => <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>,
    },
    { key: 'owner', title: t('ledger.owner'), dataIndex: 'ownerName' },
    {
      key: 'amountFen',
      title: t('contracts.amount'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('amountFen'),
      render: (_, c) => fen(c.amountFen),
    },
    {
      key: 'signedOn',
      title: t('contracts.signedOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('signedOn'),
      render: (_, c) => formatDate(c.signedOn) || '\u2014',
    },
    {
      key: 'startOn',
      title: t('contracts.term'),
      sorter: true,
      sortOrder: tq.sortOrderFor('startOn'),
      render: (_, c) => `${formatDate(c.startOn)} ~ ${formatDate(c.endOn)}`,
    },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, c) => <ContractStatusTag status={c.status} />,
    },
  ];

  const filtered = !!(tq.q || status || customerId || ownerEmployeeId);
  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        extra={
          can('contract.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="contract-create"
            >
              {t('contracts.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('contracts.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
          <Select<ContractStatus>
            allowClear
            value={status}
            onChange={(v) => tq.set({ status: v })}
            placeholder={t('contracts.allStatuses')}
            options={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contractStatus.${s}`) }))}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
          />
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          {seesOthers && (
            <EmployeeSelect
              value={ownerEmployeeId ?? null}
              onChange={(v) => tq.set({ ownerEmployeeId: v })}
              placeholder={t('customers.allOwners')}
              style={{ flex: '1 1 160px', maxWidth: 220 }}
            />
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Contract>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="contracts-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('contracts.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {creating && (
        <ContractFormModal
          customerId={customerId}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/contracts/${c.id}`);
          }}
        />
      )}
    </>
  );
}
