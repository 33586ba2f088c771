import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Rate, Row, Statistic, Table, Typography } from 'antd';
import type { Complaint, FollowUp, OrderSummary, Receipt, Survey } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useLocalPaging } from '../sales-common/local-paging.ts';
import { fen } from '../sales-common/money.ts';
import { ComplaintStatusTag, OrderStatusTag, OverdueTag, SeverityTag } from '../sales-common/tags.tsx';
import { FollowUpFormModal } from './follow-up-form.tsx';
import { SurveyFormModal } from './survey-form.tsx';

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

export function CustomerFollowUps({
  customerId,
  customerName,
  onAdded,
}: {
  customerId: number;
  customerName: string;
  onAdded: () => void;
}) {
  const t = useT();
  const { can } = useAuth();
  const paging = useLocalPaging();
  const [adding, setAdding] = useState(false);
  const list = useApi(`customer-follow-ups:${customerId}:${paging.page}:${paging.pageSize}`, (signal) =>
    api.customers.followUps(customerId, { page: paging.page, pageSize: paging.pageSize }, signal),
  );
  return (
    <Flex vertical gap={12}>
      {can('customer.manage') && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ alignSelf: 'flex-start' }}
          data-testid="follow-up-add"
        >
          {t('followUps.add')}
        </Button>
      )}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<FollowUp>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={paging.pagination(t, list.data?.total)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty(t('followUps.empty')) }}
          columns={[
            { key: 'on', title: t('followUps.happenedOn'), render: (_, f) => formatDate(f.happenedOn) },
            { key: 'kind', title: t('followUps.kind'), render: (_, f) => t(`followUpKind.${f.kind}`) },
            { key: 'by', title: t('followUps.by'), dataIndex: 'employeeName' },
            {
              key: 'notes',
              title: t('followUps.notes'),
              render: (_, f) => (
                <div style={{ maxWidth: 420 }} className="zz-multiline">
                  {f.notes}
                  {f.outcome && (
                    <div>
                      <Typography.Text type="secondary">{`${t('followUps.outcome')}${t('common.colon')}${f.outcome}`}</Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: 'next',
              title: t('followUps.next'),
              render: (_, f) => formatDate(f.nextFollowUpOn) || '\u2014',
            },
          ]}
        />
      )}
      {adding && (
        <FollowUpFormModal
          customerId={customerId}
          customerName={customerName}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
            onAdded();
          }}
        />
      )}
    </Flex>
  );
}

export function CustomerOrders({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const paging = useLocalPaging();
  const list = useApi(`customer-orders:${customerId}:${paging.page}:${paging.pageSize}`, (signal) =>
    api.orders.list(
      { customerId, page: paging.page, pageSize: paging.pageSize, sort: 'orderDate', order: 'desc' },
      signal,
    ),
  );
  return (
    <Flex vertical gap={12}>
      {can('order.manage') && (
        <Link to={`/orders/new?customerId=${customerId}`} style={{ alignSelf: 'flex-start' }}>
          <Button type="primary" icon={<PlusOutlined />}>
            {t('orders.create')}
          </Button>
        </Link>
      )}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<OrderSummary>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={paging.pagination(t, list.data?.total)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty(t('orders.empty')) }}
          columns={[
            {
              key: 'no',
              title: t('orders.no'),
              render: (_, o) => <Link to={`/orders/${o.id}`}>{o.no}</Link>,
            },
            { key: 'date', title: t('orders.orderDate'), render: (_, o) => formatDate(o.orderDate) },
            {
              key: 'status',
              title: t('ledger.status'),
              render: (_, o) => <OrderStatusTag status={o.status} />,
            },
            { key: 'total', title: t('orders.total'), align: 'right', render: (_, o) => fen(o.totalFen) },
            { key: 'open', title: t('ledger.openAmount'), align: 'right', render: (_, o) => fen(o.openFen) },
            { key: 'due', title: t('orders.dueOn'), render: (_, o) => formatDate(o.dueOn) },
          ]}
        />
      )}
    </Flex>
  );
}

/** What the customer owes (orders with money open, oldest due first), what they paid, and their credit. */
export function CustomerReceivables({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const paging = useLocalPaging();
  const credit = useApi(`customer-credit:${customerId}`, (signal) =>
    api.customers.credit(customerId, signal),
  );
  const open = useApi(`customer-open:${customerId}`, (signal) =>
    api.orders.list({ customerId, pageSize: 100, sort: 'dueOn', order: 'asc' }, signal),
  );
  const receipts = useApi(`customer-receipts:${customerId}:${paging.page}:${paging.pageSize}`, (signal) =>
    api.receipts.list(
      { customerId, page: paging.page, pageSize: paging.pageSize, sort: 'receivedOn', order: 'desc' },
      signal,
    ),
  );
  const openOrders = (open.data?.items ?? []).filter((o) => o.openFen > 0);
  const openTotal = openOrders.reduce((s, o) => s + o.openFen, 0);
  const today = todayString();
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title={t('customers.openTotal')} value={fen(openTotal)} loading={open.loading} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic
              title={t('receipts.credit')}
              value={fen(credit.data?.creditFen ?? 0)}
              loading={credit.loading}
            />
          </Card>
        </Col>
        {can('receipt.manage') && (
          <Col xs={24} md={8}>
            <Link to={`/receipts?new=1&customerId=${customerId}`}>
              <Button type="primary" icon={<PlusOutlined />} block style={{ height: '100%', minHeight: 40 }}>
                {t('receipts.record')}
              </Button>
            </Link>
          </Col>
        )}
      </Row>
      <Card size="small" title={t('customers.openOrders')}>
        {open.error && !open.data ? (
          <ErrorState error={open.error} onRetry={open.reload} />
        ) : (
          <Table<OrderSummary>
            size="small"
            rowKey="id"
            loading={open.loading}
            dataSource={openOrders}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty(t('customers.noOpenOrders')) }}
            columns={[
              {
                key: 'no',
                title: t('orders.no'),
                render: (_, o) => <Link to={`/orders/${o.id}`}>{o.no}</Link>,
              },
              { key: 'date', title: t('orders.orderDate'), render: (_, o) => formatDate(o.orderDate) },
              {
                key: 'due',
                title: t('orders.dueOn'),
                render: (_, o) => (
                  <Flex gap={6} align="center" wrap>
                    {formatDate(o.dueOn)}
                    {o.dueOn && o.dueOn < today && <OverdueTag />}
                  </Flex>
                ),
              },
              { key: 'total', title: t('orders.total'), align: 'right', render: (_, o) => fen(o.totalFen) },
              {
                key: 'open',
                title: t('ledger.openAmount'),
                align: 'right',
                render: (_, o) => fen(o.openFen),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('receipts.title')}>
        {receipts.error && !receipts.data ? (
          <ErrorState error={receipts.error} onRetry={receipts.reload} />
        ) : (
          <Table<Receipt>
            size="small"
            rowKey="id"
            loading={receipts.loading}
            dataSource={receipts.data?.items ?? []}
            pagination={paging.pagination(t, receipts.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty(t('receipts.empty')) }}
            columns={[
              { key: 'on', title: t('receipts.receivedOn'), render: (_, r) => formatDate(r.receivedOn) },
              {
                key: 'amount',
                title: t('ledger.amount'),
                align: 'right',
                render: (_, r) => fen(r.amountFen),
              },
              {
                key: 'method',
                title: t('receipts.method'),
                render: (_, r) => t(`receiptMethod.${r.method}`),
              },
              { key: 'payer', title: t('receipts.payer'), dataIndex: 'payer' },
              {
                key: 'alloc',
                title: t('receipts.allocatedTo'),
                render: (_, r) =>
                  r.allocations.length === 0
                    ? '\u2014'
                    : r.allocations.map((a) => (
                        <div key={a.id}>
                          <Link to={`/orders/${a.orderId}`}>{a.orderNo}</Link> {fen(a.amountFen)}
                        </div>
                      )),
              },
              {
                key: 'credit',
                title: t('receipts.credit'),
                align: 'right',
                render: (_, r) => (r.unallocatedFen ? fen(r.unallocatedFen) : '\u2014'),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}

export function CustomerComplaints({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const paging = useLocalPaging();
  const list = useApi(`customer-complaints:${customerId}:${paging.page}:${paging.pageSize}`, (signal) =>
    api.complaints.list(
      { customerId, page: paging.page, pageSize: paging.pageSize, sort: 'receivedOn', order: 'desc' },
      signal,
    ),
  );
  return (
    <Flex vertical gap={12}>
      {can('complaint.manage') && (
        <Link to={`/complaints?new=1&customerId=${customerId}`} style={{ alignSelf: 'flex-start' }}>
          <Button type="primary" icon={<PlusOutlined />}>
            {t('complaints.create')}
          </Button>
        </Link>
      )}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Complaint>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={paging.pagination(t, list.data?.total)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty(t('complaints.empty')) }}
          columns={[
            {
              key: 'title',
              title: t('complaints.titleField'),
              render: (_, c) => <Link to={`/complaints/${c.id}`}>{c.title}</Link>,
            },
            {
              key: 'severity',
              title: t('complaints.severity'),
              render: (_, c) => <SeverityTag severity={c.severity} />,
            },
            {
              key: 'status',
              title: t('ledger.status'),
              render: (_, c) => (
                <Flex gap={4} wrap>
                  <ComplaintStatusTag status={c.status} />
                  {c.overdue && <OverdueTag />}
                </Flex>
              ),
            },
            {
              key: 'received',
              title: t('complaints.receivedOn'),
              render: (_, c) => formatDate(c.receivedOn),
            },
            {
              key: 'deadline',
              title: t('complaints.deadlineOn'),
              render: (_, c) => formatDate(c.deadlineOn),
            },
            { key: 'owner', title: t('complaints.owner'), dataIndex: 'ownerName' },
          ]}
        />
      )}
    </Flex>
  );
}

export function CustomerSurveys({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const paging = useLocalPaging();
  const [adding, setAdding] = useState(false);
  const list = useApi(`customer-surveys:${customerId}:${paging.page}:${paging.pageSize}`, (signal) =>
    api.customers.surveys(
      customerId,
      { page: paging.page, pageSize: paging.pageSize, sort: 'doneOn', order: 'desc' },
      signal,
    ),
  );
  return (
    <Flex vertical gap={12}>
      {can('complaint.manage') && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }}>
          {t('surveys.add')}
        </Button>
      )}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Survey>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={paging.pagination(t, list.data?.total)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty(t('surveys.empty')) }}
          columns={[
            { key: 'on', title: t('surveys.doneOn'), render: (_, s) => formatDate(s.doneOn) },
            { key: 'kind', title: t('surveys.kind'), render: (_, s) => t(`surveyKind.${s.kind}`) },
            {
              key: 'score',
              title: t('surveys.score'),
              render: (_, s) => <Rate disabled value={s.score} style={{ fontSize: 14 }} />,
            },
            {
              key: 'comment',
              title: t('surveys.comment'),
              render: (_, s) => <span className="zz-multiline">{s.comment}</span>,
            },
            { key: 'by', title: t('followUps.by'), dataIndex: 'employeeName' },
          ]}
        />
      )}
      {adding && (
        <SurveyFormModal
          customerId={customerId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </Flex>
  );
}
