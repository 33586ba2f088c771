import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Receipt, ReceiptMethod } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { RECEIPT_METHODS, isOneOf } from '../sales-common/enums.ts';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { AllocateModal } from './allocate-modal.tsx';
import { ReceiptFormModal } from './receipt-form.tsx';

/** Receipts: money received, where it went (orders), and what is left as the customer's credit. */
export default function ReceiptsPage() {
  const t = useT();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'receivedOn', order: 'desc' } });
  const customerId = Number(tq.filter('customerId')) || undefined;
  const methodParam = tq.filter('method');
  const method = isOneOf<ReceiptMethod>(RECEIPT_METHODS, methodParam) ? methodParam : undefined;
  const from = tq.filter('from');
  const to = tq.filter('to');
  const hasCreditParam = tq.filter('hasCredit');
  const hasCredit = hasCreditParam === 'true' ? true : undefined;
  const query = { ...tq.apiQuery, q: undefined, customerId, method, from, to, hasCredit };
  const list = useApi(`receipts:${JSON.stringify(query)}`, (signal) => api.receipts.list(query, signal));
  const newParam = tq.filter('new');
  const [creating, setCreating] = useState(newParam === '1');
  const [allocating, setAllocating] = useState<Receipt | null>(null);
  const orderId = Number(tq.filter('orderId')) || undefined;
  const canManage = can('receipt.manage');

  const closeForm = () => {
    setCreating(false);
    if (newParam) tq.set({ new: undefined, orderId: undefined });
  };

  const showResult = (r: Receipt) => {
    modal.success({
      title: t('receipts.recorded', { amount: fen(r.amountFen) }),
      content: (
        <Flex vertical gap={4} data-testid="receipt-result">
          {r.allocations.map((a) => (
            <div key={a.id}>
              {t('receipts.allocatedLine', { order: a.orderNo, amount: fen(a.amountFen) })}
            </div>
          ))}
          {r.unallocatedFen > 0 && (
            <Typography.Text type="warning">
              {t('receipts.toCredit', { amount: fen(r.unallocatedFen) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    });
  };

  const columns: TableColumnsType<Receipt> = [
    {
      key: 'receivedOn',
      title: t('receipts.receivedOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('receivedOn'),
      fixed: 'left',
      render: (_, r) => formatDate(r.receivedOn),
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, r) => <Link to={`/customers/${r.customerId}?tab=receivables`}>{r.customerName}</Link>,
    },
    {
      key: 'amountFen',
      title: t('ledger.amount'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('amountFen'),
      render: (_, r) => fen(r.amountFen),
    },
    { key: 'method', title: t('receipts.method'), render: (_, r) => t(`receiptMethod.${r.method}`) },
    { key: 'payer', title: t('receipts.payer'), dataIndex: 'payer' },
    { key: 'reference', title: t('receipts.reference'), dataIndex: 'reference' },
    {
      key: 'alloc',
      title: t('receipts.allocatedTo'),
      render: (_, r) =>
        r.allocations.length === 0
          ? '\u2014'
          : r.allocations.map((a) => (
              <div key={a.id} style={{ whiteSpace: 'nowrap' }}>
                <Link to={`/orders/${a.orderId}`}>{a.orderNo}</Link> {fen(a.amountFen)}
              </div>
            )),
    },
    {
      key: 'credit',
      title: t('receipts.credit'),
      align: 'right',
      render: (_, r) =>
        r.unallocatedFen > 0 ? (
          <Flex vertical align="flex-end" gap={2}>
            <Typography.Text type="warning">{fen(r.unallocatedFen)}</Typography.Text>
            {canManage && (
              <Button size="small" onClick={() => setAllocating(r)}>
                {t('receipts.allocate')}
              </Button>
            )}
          </Flex>
        ) : (
          '\u2014'
        ),
    },
    { key: 'owner', title: t('ledger.owner'), render: (_, r) => r.ownerName ?? '' },
    {
      key: 'createdAt',
      title: t('receipts.recordedAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, r) => formatDateTime(r.createdAt),
    },
  ];

  const filtered = !!(customerId || method || from || to || hasCredit);
  return (
    <>
      <PageHeader
        title={t('receipts.title')}
        subTitle={t('receipts.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="receipt-create"
            >
              {t('receipts.record')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          <Select<ReceiptMethod>
            allowClear
            value={method}
            onChange={(v) => tq.set({ method: v })}
            placeholder={t('receipts.anyMethod')}
            options={RECEIPT_METHODS.map((m) => ({ value: m, label: t(`receiptMethod.${m}`) }))}
            style={{ flex: '1 1 130px', maxWidth: 170 }}
          />
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => tq.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            placeholder={[t('ledger.from'), t('ledger.to')]}
            style={{ flex: '1 1 240px', maxWidth: 280 }}
          />
          <Select<string>
            allowClear
            value={hasCreditParam}
            onChange={(v) => tq.set({ hasCredit: v })}
            placeholder={t('receipts.anyCredit')}
            options={[{ value: 'true', label: t('receipts.withCredit') }]}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Receipt>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="receipts-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('receipts.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {creating && (
        <ReceiptFormModal
          customerId={customerId}
          orderId={orderId}
          onClose={closeForm}
          onSaved={(r) => {
            closeForm();
            list.reload();
            showResult(r);
          }}
        />
      )}
      {allocating && (
        <AllocateModal
          receipt={allocating}
          onClose={() => setAllocating(null)}
          onSaved={() => {
            setAllocating(null);
            void message.success(t('receipts.allocated'));
            list.reload();
          }}
        />
      )}
    </>
  );
}
