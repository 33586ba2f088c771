import { CheckOutlined, CloseOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Row, Statistic, Table } from 'antd';
import type { Invoice, OrderLine } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { CollectionPlanCard } from '../sales-common/collection-plan-card.tsx';
import { fen, formatRate } from '../sales-common/money.ts';
import { NoteModal } from '../sales-common/note-modal.tsx';
import { InvoiceStatusTag, OrderStatusTag } from '../sales-common/tags.tsx';
import { BelowFloorTag, ProofsCard, ReturnsCard, ShipmentsCard } from './order-fulfilment.tsx';

type Decision = 'approve' | 'reject' | 'cancel';
const EDITABLE = ['draft', 'awaiting_approval', 'confirmed'];

export default function OrderPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const { id } = useParams();
  const orderId = Number(id);
  const valid = Number.isInteger(orderId) && orderId > 0;
  const order = useApi(valid ? `order:${orderId}` : null, (signal) => api.orders.get(orderId, signal));
  const invoices = useApi(valid ? `order-invoices:${orderId}` : null, (signal) =>
    api.invoices.list({ orderId, pageSize: 50, sort: 'requestedOn', order: 'desc' }, signal),
  );
  const [deciding, setDeciding] = useState<Decision | null>(null);

  if (!valid) return <NotFound />;
  if (order.error && !order.data) return <ErrorState error={order.error} onRetry={order.reload} />;
  if (!order.data) return <PageLoading />;
  const o = order.data;
  const nothingShipped = o.lines.every((l) => l.shippedQuantity === 0);
  const mayEdit = can('order.manage') && EDITABLE.includes(o.status) && nothingShipped;
  const mayDecide = can('order.approve') && o.status === 'awaiting_approval';
  const mayCancel =
    can('order.manage') && EDITABLE.includes(o.status) && nothingShipped && o.balance.allocatedFen === 0;
  const changed = () => {
    order.reload();
    invoices.reload();
  };

  const decide = async (d: Decision, note: string) => {
    try {
      const saved =
        d === 'approve'
          ? await api.orders.approve(o.id, o.version, note)
          : d === 'reject'
            ? await api.orders.reject(o.id, o.version, note)
            : await api.orders.cancel(o.id, o.version, note);
      order.setData(saved);
      setDeciding(null);
      void message.success(t('orders.nowStatus', { status: t(`orderStatus.${saved.status}`) }));
    } catch (err) {
      notice(err, order.reload);
      throw err;
    }
  };

  return (
    <>
      <PageHeader
        backTo="/orders"
        title={t('orders.pageTitle', { no: o.no })}
        subTitle={<OrderStatusTag status={o.status} />}
        extra={
          <>
            {mayDecide && (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => setDeciding('approve')}
                  data-testid="order-approve"
                >
                  {t('ledger.approve')}
                </Button>
                <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
                  {t('ledger.reject')}
                </Button>
              </>
            )}
            {mayEdit && (
              <Link to={`/orders/${o.id}/edit`}>
                <Button icon={<EditOutlined />}>{t('common.edit')}</Button>
              </Link>
            )}
            {can('receipt.manage') && o.balance.openFen > 0 && (
              <Link to={`/receipts?new=1&customerId=${o.customerId}&orderId=${o.id}`}>
                <Button icon={<PlusOutlined />}>{t('receipts.record')}</Button>
              </Link>
            )}
            {(can('invoice.manage') || can('order.manage')) && !['draft', 'cancelled'].includes(o.status) && (
              <Link to={`/invoices?new=1&customerId=${o.customerId}&orderId=${o.id}`}>
                <Button icon={<PlusOutlined />}>{t('invoices.request')}</Button>
              </Link>
            )}
            {mayCancel && (
              <Button danger icon={<StopOutlined />} onClick={() => setDeciding('cancel')}>
                {t('orders.cancel')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('orders.total')} value={fen(o.totalFen)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('orders.received')} value={fen(o.balance.allocatedFen)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('orders.returnedAndWrittenOff')}
                value={fen(o.balance.returnedFen + o.balance.writtenOffFen)}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('ledger.openAmount')}
                value={fen(o.balance.openFen)}
                styles={{ content: { color: o.balance.openFen > 0 ? '#cf1322' : '#389e0d' } }}
              />
            </Card>
          </Col>
        </Row>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'customer',
                label: t('ledger.customer'),
                children: <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>,
              },
              {
                key: 'contract',
                label: t('orders.contract'),
                children: o.contractId ? (
                  <Link to={`/contracts/${o.contractId}`}>{o.contractNo}</Link>
                ) : (
                  '\u2014'
                ),
              },
              {
                key: 'owner',
                label: t('ledger.owner'),
                children: `${o.ownerName}${o.unitName ? ` \u00b7 ${o.unitName}` : ''}`,
              },
              { key: 'date', label: t('orders.orderDate'), children: formatDate(o.orderDate) },
              { key: 'due', label: t('orders.dueOn'), children: formatDate(o.dueOn) || '\u2014' },
              { key: 'tax', label: t('orders.tax'), children: fen(o.taxFen) },
              { key: 'created', label: t('customers.createdAt'), children: formatDateTime(o.createdAt) },
              ...(o.note
                ? [
                    {
                      key: 'note',
                      label: t('ledger.note'),
                      span: 'filled' as const,
                      children: <span className="zz-multiline">{o.note}</span>,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card size="small" title={t('orders.lines')}>
          <Table<OrderLine>
            size="small"
            rowKey="id"
            dataSource={o.lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'no', title: '#', dataIndex: 'lineNo', width: 40 },
              {
                key: 'product',
                title: t('orders.product'),
                render: (_, l) => (
                  <Flex vertical>
                    <span>{l.productName}</span>
                    <span style={{ color: '#8c8c8c', fontSize: 12 }}>{l.productCode}</span>
                  </Flex>
                ),
              },
              {
                key: 'qty',
                title: t('ledger.quantity'),
                align: 'right',
                render: (_, l) => `${l.quantity} ${l.unit}`,
              },
              {
                key: 'price',
                title: t('orders.unitPrice'),
                align: 'right',
                render: (_, l) => fen(l.unitPriceFen),
              },
              {
                key: 'discount',
                title: t('orders.discount'),
                align: 'right',
                render: (_, l) => (
                  <Flex vertical align="flex-end">
                    {l.discountBp ? formatRate(l.discountBp) : '\u2014'}
                    {l.belowFloor && (
                      <BelowFloorTag pending={o.status === 'awaiting_approval' || o.status === 'draft'} />
                    )}
                  </Flex>
                ),
              },
              {
                key: 'amount',
                title: t('ledger.amount'),
                align: 'right',
                render: (_, l) => fen(l.amountFen),
              },
              {
                key: 'tax',
                title: t('orders.tax'),
                align: 'right',
                render: (_, l) => `${fen(l.taxFen)} (${formatRate(l.taxRateBp)})`,
              },
              { key: 'promised', title: t('orders.promisedOn'), render: (_, l) => formatDate(l.promisedOn) },
              {
                key: 'shipped',
                title: t('orders.shippedQty'),
                align: 'right',
                render: (_, l) => `${l.shippedQuantity}/${l.quantity}`,
              },
              {
                key: 'returned',
                title: t('orders.returnedQty'),
                align: 'right',
                render: (_, l) => l.returnedQuantity || '\u2014',
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  {t('orders.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <b>{fen(o.totalFen)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {fen(o.taxFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} colSpan={3} />
              </Table.Summary.Row>
            )}
          />
        </Card>
        <ShipmentsCard order={o} onChanged={changed} />
        <ProofsCard order={o} onChanged={changed} />
        <ReturnsCard order={o} onChanged={changed} />
        <CollectionPlanCard orderId={o.id} amountFen={o.totalFen} />
        <Card size="small" title={t('invoices.title')}>
          <Table<Invoice>
            size="small"
            rowKey="id"
            loading={invoices.loading}
            dataSource={invoices.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('invoices.noneForOrder') }}
            columns={[
              { key: 'no', title: t('invoices.no'), render: (_, i) => i.invoiceNo ?? '\u2014' },
              { key: 'type', title: t('invoices.type'), render: (_, i) => t(`invoiceType.${i.type}`) },
              {
                key: 'amount',
                title: t('ledger.amount'),
                align: 'right',
                render: (_, i) => fen(i.amountFen),
              },
              {
                key: 'status',
                title: t('ledger.status'),
                render: (_, i) => <InvoiceStatusTag status={i.status} />,
              },
              { key: 'date', title: t('invoices.requestedOn'), render: (_, i) => formatDate(i.requestedOn) },
            ]}
          />
        </Card>
      </Flex>
      {deciding && (
        <NoteModal
          title={
            deciding === 'approve'
              ? t('orders.approveTitle', { no: o.no })
              : deciding === 'reject'
                ? t('orders.rejectTitle', { no: o.no })
                : t('orders.cancelTitle', { no: o.no })
          }
          description={deciding === 'reject' ? t('orders.rejectHint') : undefined}
          okText={
            deciding === 'approve'
              ? t('ledger.approve')
              : deciding === 'reject'
                ? t('ledger.reject')
                : t('orders.cancel')
          }
          danger={deciding !== 'approve'}
          noteRequired={deciding !== 'approve'}
          onSubmit={(note) => decide(deciding, note)}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
