import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Invoice, InvoiceStatus, InvoiceType } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { INVOICE_STATUSES, INVOICE_TYPES, isOneOf } from '../sales-common/enums.ts';
import { fen, formatRate } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { InvoiceStatusTag } from '../sales-common/tags.tsx';
import { InvoiceActionModal, type InvoiceAction } from './invoice-actions.tsx';
import { InvoiceRequestModal } from './invoice-request.tsx';
import { InvoiceTabs } from './invoice-tabs.tsx';

/** The VAT invoice register (paper invoices and fully digital e-invoices): requested → issued → mailed, or reversed in red. */
export default function InvoicesPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'requestedOn', order: 'desc' } });
  const customerId = Number(tq.filter('customerId')) || undefined;
  const orderId = Number(tq.filter('orderId')) || undefined;
  const statusParam = tq.filter('status');
  const status = isOneOf<InvoiceStatus>(INVOICE_STATUSES, statusParam) ? statusParam : undefined;
  const typeParam = tq.filter('type');
  const type = isOneOf<InvoiceType>(INVOICE_TYPES, typeParam) ? typeParam : undefined;
  const newParam = tq.filter('new');
  const query = {
    ...tq.apiQuery,
    q: undefined,
    customerId,
    orderId: newParam ? undefined : orderId,
    status,
    type,
  };
  const list = useApi(`invoices:${JSON.stringify(query)}`, (signal) => api.invoices.list(query, signal));
  const [requesting, setRequesting] = useState(newParam === '1');
  const [acting, setActing] = useState<{ invoice: Invoice; action: InvoiceAction } | null>(null);
  const canManage = can('invoice.manage');
  const canRequest = canManage || can('order.manage');

  const closeRequest = () => {
    setRequesting(false);
    if (newParam) tq.set({ new: undefined, orderId: undefined });
  };

  const columns: TableColumnsType<Invoice> = [
    {
      key: 'requestedOn',
      title: t('invoices.requestedOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('requestedOn'),
      fixed: 'left',
      render: (_, i) => formatDate(i.requestedOn),
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, i) => <Link to={`/customers/${i.customerId}`}>{i.customerName}</Link>,
    },
    {
      key: 'type',
      title: t('invoices.type'),
      render: (_, i) => (
        <Flex vertical>
          <span>{t(`invoiceType.${i.type}`)}</span>
          {i.reversesInvoiceId && (
            <Tag color="red" style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
              {t('invoices.redLetter')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'number',
      title: t('invoices.no'),
      render: (_, i) =>
        i.invoiceNo ? (
          <Typography.Text copyable style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {i.invoiceCode ? `${i.invoiceCode} ${i.invoiceNo}` : i.invoiceNo}
          </Typography.Text>
        ) : (
          '\u2014'
        ),
    },
    {
      key: 'orders',
      title: t('invoices.orders'),
      render: (_, i) =>
        [...new Map(i.lines.map((l) => [l.orderId, l.orderNo])).entries()].map(([id, no]) => (
          <div key={id}>
            <Link to={`/orders/${id}`}>{no}</Link>
          </div>
        )),
    },
    { key: 'rate', title: t('products.taxRate'), align: 'right', render: (_, i) => formatRate(i.taxRateBp) },
    { key: 'exTax', title: t('invoices.exTax'), align: 'right', render: (_, i) => fen(i.amountExTaxFen) },
    { key: 'tax', title: t('orders.tax'), align: 'right', render: (_, i) => fen(i.taxFen) },
    {
      key: 'amountFen',
      title: t('invoices.amount'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('amountFen'),
      render: (_, i) => <b>{fen(i.amountFen)}</b>,
    },
    {
      key: 'issuedOn',
      title: t('invoices.issuedOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('issuedOn'),
      render: (_, i) => formatDate(i.issuedOn) || '\u2014',
    },
    {
      key: 'status',
      title: t('ledger.status'),
      render: (_, i) => (
        <Flex vertical>
          <InvoiceStatusTag status={i.status} />
          {i.mailedOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {`${i.courier} ${i.trackingNo}`}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(canManage
      ? [
          {
            key: 'act',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, i: Invoice) => (
              <Flex gap={4} wrap>
                {i.status === 'requested' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setActing({ invoice: i, action: 'issue' })}
                  >
                    {t('invoices.issue')}
                  </Button>
                )}
                {i.status === 'issued' && !i.reversesInvoiceId && (
                  <Button size="small" onClick={() => setActing({ invoice: i, action: 'mail' })}>
                    {t('invoices.mail')}
                  </Button>
                )}
                {(i.status === 'issued' || i.status === 'mailed') && !i.reversesInvoiceId && (
                  <Button size="small" danger onClick={() => setActing({ invoice: i, action: 'reverse' })}>
                    {t('invoices.reverse')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const filtered = !!(customerId || status || type || orderId);
  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        extra={
          canRequest && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRequesting(true)}
              data-testid="invoice-request"
            >
              {t('invoices.request')}
            </Button>
          )
        }
      />
      <InvoiceTabs current="register" />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          <Select<InvoiceStatus>
            allowClear
            value={status}
            onChange={(v) => tq.set({ status: v })}
            placeholder={t('contracts.allStatuses')}
            options={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoiceStatus.${s}`) }))}
            style={{ flex: '1 1 130px', maxWidth: 160 }}
          />
          <Select<InvoiceType>
            allowClear
            value={type}
            onChange={(v) => tq.set({ type: v })}
            placeholder={t('invoices.anyType')}
            options={INVOICE_TYPES.map((s) => ({ value: s, label: t(`invoiceType.${s}`) }))}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
            popupMatchSelectWidth={false}
          />
          {orderId && !newParam && (
            <Tag closable onClose={() => tq.set({ orderId: undefined })} style={{ alignSelf: 'center' }}>
              {t('invoices.oneOrder')}
            </Tag>
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Invoice>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="invoices-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('invoices.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {requesting && (
        <InvoiceRequestModal
          customerId={customerId}
          orderId={orderId}
          onClose={closeRequest}
          onSaved={() => {
            closeRequest();
            void message.success(t('invoices.requested'));
            list.reload();
          }}
        />
      )}
      {acting && (
        <InvoiceActionModal
          invoice={acting.invoice}
          action={acting.action}
          onClose={() => setActing(null)}
          onSaved={() => {
            setActing(null);
            void message.success(t('ledger.done'));
            list.reload();
          }}
          onConflict={() => {
            setActing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
