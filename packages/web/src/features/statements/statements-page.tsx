import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Statement, StatementStatus } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { STATEMENT_STATUSES, isOneOf } from '../sales-common/enums.ts';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { StatementStatusTag } from '../sales-common/tags.tsx';
import { GenerateModal } from './generate-modal.tsx';

/**
 * The months each customer has confirmed: that month and every one before it are locked. Read from
 * the confirmed statements, newest first (the API has no list of locks of its own).
 */
function useLockedMonths() {
  const confirmed = useApi('statements:confirmed', (signal) =>
    api.statements.list({ status: 'confirmed', sort: 'period', order: 'desc', pageSize: 200 }, signal),
  );
  const byCustomer = useMemo(() => {
    const m = new Map<number, { customerName: string; period: string }>();
    for (const s of confirmed.data?.items ?? [])
      if (!m.has(s.customerId)) m.set(s.customerId, { customerName: s.customerName, period: s.period });
    return m;
  }, [confirmed.data]);
  return { byCustomer, loading: confirmed.loading, reload: confirmed.reload };
}

/** Reconciliation statements: monthly statements per customer, sent, confirmed (locking the month) or disputed. */
export default function StatementsPage() {
  const t = useT();
  const { can } = useAuth();
  const tq = useTableQuery({ defaultSort: { key: 'period', order: 'desc' } });
  const period = tq.filter('period');
  const customerId = Number(tq.filter('customerId')) || undefined;
  const statusParam = tq.filter('status');
  const status = isOneOf<StatementStatus>(STATEMENT_STATUSES, statusParam) ? statusParam : undefined;
  const query = { ...tq.apiQuery, q: undefined, period, customerId, status };
  const list = useApi(`statements:${JSON.stringify(query)}`, (signal) => api.statements.list(query, signal));
  const locks = useLockedMonths();
  const [generating, setGenerating] = useState(false);

  const columns: TableColumnsType<Statement> = [
    {
      key: 'period',
      title: t('statements.period'),
      sorter: true,
      sortOrder: tq.sortOrderFor('period'),
      fixed: 'left',
      render: (_, s) => {
        const lock = locks.byCustomer.get(s.customerId);
        return (
          <Flex gap={4} align="center">
            <Link to={`/statements/${s.id}`}>{s.period}</Link>
            {lock && s.period <= lock.period && (
              <Tooltip title={t('statements.lockedThrough', { period: lock.period })}>
                <LockOutlined style={{ color: '#8c8c8c' }} aria-label={t('statements.locked')} />
              </Tooltip>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'customerName',
      title: t('ledger.customer'),
      sorter: true,
      sortOrder: tq.sortOrderFor('customerName'),
      render: (_, s) => <Link to={`/customers/${s.customerId}?tab=receivables`}>{s.customerName}</Link>,
    },
    { key: 'opening', title: t('statements.opening'), align: 'right', render: (_, s) => fen(s.openingFen) },
    { key: 'orders', title: t('statements.orders'), align: 'right', render: (_, s) => fen(s.ordersFen) },
    { key: 'returns', title: t('statements.returns'), align: 'right', render: (_, s) => fen(s.returnsFen) },
    {
      key: 'receipts',
      title: t('statements.receipts'),
      align: 'right',
      render: (_, s) => fen(s.receiptsFen),
    },
    {
      key: 'writeOffs',
      title: t('statements.writeOffs'),
      align: 'right',
      render: (_, s) => fen(s.writeOffsFen),
    },
    {
      key: 'closingFen',
      title: t('statements.closing'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('closingFen'),
      render: (_, s) => <b>{fen(s.closingFen)}</b>,
    },
    {
      key: 'invoiced',
      title: t('statements.invoiced'),
      align: 'right',
      render: (_, s) => fen(s.invoicedFen),
    },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, s) => <StatementStatusTag status={s.status} />,
    },
    { key: 'owner', title: t('ledger.owner'), render: (_, s) => s.ownerName ?? '' },
  ];

  const filtered = !!(period || customerId || status);
  const lockRows = [...locks.byCustomer.entries()].map(([id, l]) => ({ customerId: id, ...l }));
  return (
    <>
      <PageHeader
        title={t('statements.title')}
        subTitle={t('statements.subtitle')}
        extra={
          can('statement.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setGenerating(true)}
              data-testid="statements-generate"
            >
              {t('statements.generate')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Flex wrap gap={8} className="zz-filters">
            <DatePicker
              picker="month"
              value={period ? dayjs(`${period}-01`) : null}
              onChange={(d) => tq.set({ period: d ? d.format('YYYY-MM') : undefined })}
              placeholder={t('statements.anyMonth')}
              style={{ flex: '1 1 140px', maxWidth: 170 }}
            />
            <CustomerSelect
              value={customerId ?? null}
              onChange={(v) => tq.set({ customerId: v })}
              placeholder={t('priceLists.anyCustomer')}
              style={{ flex: '1 1 200px', maxWidth: 280 }}
            />
            <Select<StatementStatus>
              allowClear
              value={status}
              onChange={(v) => tq.set({ status: v })}
              placeholder={t('contracts.allStatuses')}
              options={STATEMENT_STATUSES.map((s) => ({ value: s, label: t(`statementStatus.${s}`) }))}
              style={{ flex: '1 1 130px', maxWidth: 160 }}
            />
          </Flex>
          {list.error && !list.data ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : (
            <Table<Statement>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              onChange={tq.onTableChange}
              pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
              scroll={{ x: 'max-content' }}
              data-testid="statements-table"
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('common.noMatch') : t('statements.empty')}
                  />
                ),
              }}
            />
          )}
        </Card>
        <Collapse
          items={[
            {
              key: 'locks',
              label: (
                <Flex gap={8} align="center">
                  <LockOutlined />
                  {t('statements.lockedMonths', { count: lockRows.length })}
                </Flex>
              ),
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('statements.lockExplain')}</Typography.Paragraph>
                  <Table
                    size="small"
                    rowKey="customerId"
                    loading={locks.loading}
                    dataSource={lockRows}
                    pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
                    locale={{ emptyText: t('statements.noLocks') }}
                    columns={[
                      {
                        key: 'c',
                        title: t('ledger.customer'),
                        render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
                      },
                      {
                        key: 'p',
                        title: t('statements.lockedThroughCol'),
                        render: (_, r) => <Tag icon={<LockOutlined />}>{r.period}</Tag>,
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Flex>
      {generating && (
        <GenerateModal
          period={period}
          customerId={customerId}
          onClose={() => setGenerating(false)}
          onDone={(p) => {
            setGenerating(false);
            tq.set({ period: p });
            list.reload();
            locks.reload();
          }}
        />
      )}
    </>
  );
}
