import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ReconciliationCheck } from '@zuzhang/api-schema';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useTableQuery } from '../../app/use-table-query.ts';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { InvoiceTabs } from './invoice-tabs.tsx';

type Item = ReconciliationCheck['items'][number];

/** Invoices issued that no receipt covers, and receipts that no invoice covers, per customer. */
export default function InvoiceCheckPage() {
  const t = useT();
  const tq = useTableQuery();
  const customerId = Number(tq.filter('customerId')) || undefined;
  const check = useApi(`invoice-check:${customerId ?? ''}`, (signal) =>
    api.invoices.check({ customerId }, signal),
  );
  const items = check.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('invoices.title')} subTitle={t('invoices.checkHint')} />
      <InvoiceTabs current="check" />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        </Flex>
        {check.error && !check.data ? (
          <ErrorState error={check.error} onRetry={check.reload} />
        ) : (
          <Table<Item>
            rowKey="customerId"
            size="middle"
            loading={check.loading}
            dataSource={items}
            pagination={{
              pageSize: 20,
              size: 'small',
              hideOnSinglePage: true,
              showTotal: (n) => t('common.total', { count: n }),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="invoice-check-table"
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('invoices.checkClean')} />
              ),
            }}
            columns={[
              {
                key: 'customer',
                title: t('ledger.customer'),
                fixed: 'left',
                sorter: (a, b) => a.customerName.localeCompare(b.customerName),
                render: (_, i) => (
                  <Flex vertical>
                    <Link to={`/customers/${i.customerId}?tab=receivables`}>{i.customerName}</Link>
                    {i.ownerName && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {i.ownerName}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                key: 'invoiced',
                title: t('invoices.invoiced'),
                align: 'right',
                sorter: (a, b) => a.invoicedFen - b.invoicedFen,
                render: (_, i) => fen(i.invoicedFen),
              },
              {
                key: 'received',
                title: t('invoices.received'),
                align: 'right',
                sorter: (a, b) => a.receivedFen - b.receivedFen,
                render: (_, i) => fen(i.receivedFen),
              },
              {
                key: 'noReceipt',
                title: t('invoices.withoutReceipts'),
                render: (_, i) =>
                  i.invoicesWithoutReceipts.length === 0
                    ? '\u2014'
                    : i.invoicesWithoutReceipts.map((x) => (
                        <div key={x.id} style={{ whiteSpace: 'nowrap' }}>
                          <Tag color="orange" style={{ marginInlineEnd: 4 }}>
                            {x.invoiceNo ?? '\u2014'}
                          </Tag>
                          {`${formatDate(x.issuedOn)} ${t('invoices.uncovered', { amount: fen(x.uncoveredFen) })}`}
                        </div>
                      )),
              },
              {
                key: 'noInvoice',
                title: t('invoices.withoutInvoices'),
                render: (_, i) =>
                  i.receiptsWithoutInvoices.length === 0
                    ? '\u2014'
                    : i.receiptsWithoutInvoices.map((x) => (
                        <div key={x.id} style={{ whiteSpace: 'nowrap' }}>
                          <Tag color="blue" style={{ marginInlineEnd: 4 }}>
                            {formatDate(x.receivedOn)}
                          </Tag>
                          {`${x.reference ? `${x.reference} ` : ''}${t('invoices.uncovered', { amount: fen(x.uncoveredFen) })}`}
                        </div>
                      )),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
