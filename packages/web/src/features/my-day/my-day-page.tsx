import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import type { DueFollowUp, DueInstalment, OverdueOrder } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { FollowUpFormModal } from '../customers/follow-up-form.tsx';
import { useLocalPaging } from '../sales-common/local-paging.ts';
import { fen } from '../sales-common/money.ts';
import { OverdueTag } from '../sales-common/tags.tsx';

type Whose = 'mine' | 'team';

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

/**
 * My day: the signed-in rep's follow-ups due today or overdue, their overdue receivables (dunning) and the
 * collection instalments falling due. A lead can switch to the whole team.
 */
export default function MyDayPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const today = todayString();
  const seesTeam = me.scope.level !== 'own' || me.user.isAdmin;
  const [whose, setWhose] = useState<Whose>('mine');
  const mine = whose === 'mine';
  const ownerEmployeeId = mine ? (me.employee?.id ?? undefined) : undefined;
  const fuPaging = useLocalPaging(10);
  const odPaging = useLocalPaging(10);
  const dueFollowUps = useApi(`my-day:fu:${whose}:${fuPaging.page}:${fuPaging.pageSize}`, (signal) =>
    api.followUps.due({ ownerEmployeeId, page: fuPaging.page, pageSize: fuPaging.pageSize }, signal),
  );
  const overdue = useApi(`my-day:od:${whose}:${odPaging.page}:${odPaging.pageSize}`, (signal) =>
    api.receivables.overdue(
      { all: !mine, page: odPaging.page, pageSize: odPaging.pageSize, sort: 'dueOn', order: 'asc' },
      signal,
    ),
  );
  const instalments = useApi(`my-day:inst:${whose}`, (signal) =>
    api.collectionPlans.due({ all: !mine, withinDays: 7, pageSize: 50 }, signal),
  );
  const [followUp, setFollowUp] = useState<DueFollowUp | null>(null);
  const overdueFollowUps = (dueFollowUps.data?.items ?? []).filter((f) => f.overdue).length;
  const overdueOpen = (overdue.data?.items ?? []).reduce((s, o) => s + o.openFen, 0);

  return (
    <>
      <PageHeader
        title={t('myDay.title')}
        subTitle={today}
        extra={
          seesTeam && (
            <Segmented<Whose>
              value={whose}
              onChange={(v) => {
                setWhose(v);
                fuPaging.reset();
                odPaging.reset();
              }}
              options={[
                { value: 'mine', label: t('myDay.mine') },
                { value: 'team', label: t('myDay.team') },
              ]}
            />
          )
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('myDay.followUpsDue')}
                value={dueFollowUps.data?.total ?? 0}
                loading={dueFollowUps.loading}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('myDay.followUpsOverdue')}
                value={overdueFollowUps}
                loading={dueFollowUps.loading}
                styles={{ content: { color: overdueFollowUps ? '#cf1322' : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('myDay.overdueOrders')}
                value={overdue.data?.total ?? 0}
                loading={overdue.loading}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('myDay.overdueAmount')}
                value={fen(overdueOpen)}
                loading={overdue.loading}
                styles={{ content: { color: overdueOpen ? '#cf1322' : undefined } }}
              />
            </Card>
          </Col>
        </Row>

        <Card title={t('myDay.followUps')} size="small" data-testid="my-day-follow-ups">
          {dueFollowUps.error && !dueFollowUps.data ? (
            <ErrorState error={dueFollowUps.error} onRetry={dueFollowUps.reload} />
          ) : (
            <Table<DueFollowUp>
              size="small"
              rowKey="id"
              loading={dueFollowUps.loading}
              dataSource={dueFollowUps.data?.items ?? []}
              pagination={fuPaging.pagination(t, dueFollowUps.data?.total)}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: empty(t('myDay.noFollowUps')) }}
              columns={[
                {
                  key: 'customer',
                  title: t('ledger.customer'),
                  render: (_, f) => (
                    <Flex gap={6} align="center" wrap>
                      <Link to={`/customers/${f.id}`}>{f.customerName}</Link>
                      <Tag style={{ marginInlineEnd: 0 }}>{f.level}</Tag>
                    </Flex>
                  ),
                },
                {
                  key: 'next',
                  title: t('followUps.next'),
                  render: (_, f) => (
                    <Flex gap={6} align="center" wrap>
                      {formatDate(f.nextFollowUpOn)}
                      {f.overdue && <OverdueTag days={f.daysOverdue} />}
                    </Flex>
                  ),
                },
                {
                  key: 'last',
                  title: t('myDay.lastFollowUp'),
                  render: (_, f) =>
                    `${formatDate(f.lastFollowUpOn)} \u00b7 ${t(`followUpKind.${f.lastFollowUpKind}`)}`,
                },
                ...(mine ? [] : [{ key: 'owner', title: t('ledger.owner'), dataIndex: 'ownerName' }]),
                ...(can('customer.manage')
                  ? [
                      {
                        key: 'act',
                        title: t('common.actions'),
                        render: (_: unknown, f: DueFollowUp) => (
                          <Button size="small" icon={<PlusOutlined />} onClick={() => setFollowUp(f)}>
                            {t('followUps.add')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Card>

        <Card
          title={t('myDay.overdueTitle')}
          size="small"
          extra={<Link to="/ageing">{t('nav.ageing')}</Link>}
          data-testid="my-day-overdue"
        >
          {overdue.error && !overdue.data ? (
            <ErrorState error={overdue.error} onRetry={overdue.reload} />
          ) : (
            <Table<OverdueOrder>
              size="small"
              rowKey="orderId"
              loading={overdue.loading}
              dataSource={overdue.data?.items ?? []}
              pagination={odPaging.pagination(t, overdue.data?.total)}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: empty(t('myDay.noOverdue')) }}
              columns={[
                {
                  key: 'customer',
                  title: t('ledger.customer'),
                  render: (_, o) => (
                    <Link to={`/customers/${o.customerId}?tab=receivables`}>{o.customerName}</Link>
                  ),
                },
                {
                  key: 'order',
                  title: t('orders.no'),
                  render: (_, o) => <Link to={`/orders/${o.orderId}`}>{o.orderNo}</Link>,
                },
                {
                  key: 'due',
                  title: t('orders.dueOn'),
                  render: (_, o) => (
                    <Flex gap={6} align="center" wrap>
                      {formatDate(o.dueOn)}
                      <OverdueTag days={o.daysOverdue} />
                    </Flex>
                  ),
                },
                {
                  key: 'open',
                  title: t('ledger.openAmount'),
                  align: 'right',
                  render: (_, o) => fen(o.openFen),
                },
                ...(mine ? [] : [{ key: 'owner', title: t('ledger.owner'), dataIndex: 'ownerName' }]),
              ]}
            />
          )}
        </Card>

        <Card title={t('myDay.instalments')} size="small">
          {instalments.error && !instalments.data ? (
            <ErrorState error={instalments.error} onRetry={instalments.reload} />
          ) : (
            <Table<DueInstalment>
              size="small"
              rowKey="id"
              loading={instalments.loading}
              dataSource={instalments.data?.items ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: empty(t('myDay.noInstalments')) }}
              columns={[
                {
                  key: 'customer',
                  title: t('ledger.customer'),
                  render: (_, i) => (
                    <Link to={`/customers/${i.customerId}?tab=receivables`}>{i.customerName}</Link>
                  ),
                },
                {
                  key: 'target',
                  title: t('myDay.instalmentOf'),
                  render: (_, i) =>
                    i.kind === 'order' ? (
                      <Link to={`/orders/${i.targetId}`}>{i.targetNo}</Link>
                    ) : (
                      <Link to={`/contracts/${i.targetId}`}>{i.targetNo}</Link>
                    ),
                },
                {
                  key: 'due',
                  title: t('myDay.instalmentDue'),
                  render: (_, i) => (
                    <Flex gap={6} align="center" wrap>
                      {formatDate(i.dueOn)}
                      {i.state === 'overdue' && <OverdueTag days={i.daysOverdue} />}
                    </Flex>
                  ),
                },
                {
                  key: 'out',
                  title: t('myDay.outstanding'),
                  align: 'right',
                  render: (_, i) => fen(i.outstandingFen),
                },
              ]}
            />
          )}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('myDay.instalmentsHint')}
          </Typography.Text>
        </Card>
      </Flex>
      {followUp && (
        <FollowUpFormModal
          customerId={followUp.id}
          customerName={followUp.customerName}
          onClose={() => setFollowUp(null)}
          onSaved={() => {
            setFollowUp(null);
            dueFollowUps.reload();
          }}
        />
      )}
    </>
  );
}
