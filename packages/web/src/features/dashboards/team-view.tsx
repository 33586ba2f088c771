import { Badge, Card, Col, Empty, Flex, List, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DashboardMember, TeamDashboard } from '@zuzhang/api-schema';
import { Link } from 'react-router';
import { formatDate } from '../../app/format.ts';
import { isMessageKey, useT } from '../../app/i18n/i18n.tsx';
import { fen } from '../sales-common/money.ts';
import { formatRatio, formatTarget } from '../targets/target-format.ts';
import { BANDS } from '../ageing/bands.ts';
import { AttainmentBar } from './progress-cells.tsx';
import { PeriodCards, moneyColumns, periodColumns } from './period-cards.tsx';

/**
 * The team lead's dashboard (组长看板): this week and this month per member, who is behind and by how much,
 * and what to do today — follow-ups due, overdue money, the new hires.
 */
export function TeamView({ data, loading }: { data: TeamDashboard; loading: boolean }) {
  const t = useT();
  const metric = data.metric;
  const showMoney = data.followUpsDue !== null || data.overdue !== null;

  const columns: TableColumnsType<DashboardMember> = [
    {
      key: 'name',
      title: t('dashboard.member'),
      fixed: 'left',
      width: 110,
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (_, m) => (
        <Flex vertical gap={2}>
          <span data-testid="member-name" style={{ fontWeight: 500 }}>
            {m.name}
          </span>
          {m.newHire && (
            <div>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                {t('dashboard.newHire')}
              </Tag>
            </div>
          )}
        </Flex>
      ),
    },
    ...periodColumns<DashboardMember>(t, metric, { cellTestId: 'member', monthSort: 'ascend' }),
    {
      key: 'projection',
      title: t('dashboard.projection'),
      align: 'right',
      sorter: (a, b) => a.month.projection - b.month.projection,
      render: (_, m) => formatTarget(metric, m.month.projection),
    },
    ...moneyColumns<DashboardMember>(t, showMoney),
  ];

  return (
    <Flex vertical gap={16}>
      <PeriodCards
        data={data}
        rows={data.members}
        chartTitle={t('dashboard.chartTitle')}
        emptyText={t('dashboard.noMembers')}
      />
      <Card size="small" title={t('dashboard.members')}>
        <Table<DashboardMember>
          rowKey="employeeId"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data.members}
          pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="dashboard-members"
          onRow={(m) => ({ 'data-testid': 'member-row', 'data-employee-id': m.employeeId }) as object}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noMembers')} />,
          }}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <BehindCard data={data} />
        </Col>
        <Col xs={24} lg={12}>
          <NewHiresCard data={data} />
        </Col>
        {data.followUpsDue && (
          <Col xs={24} lg={12}>
            <FollowUpsCard due={data.followUpsDue} />
          </Col>
        )}
        {data.overdue && (
          <Col xs={24} lg={12}>
            <OverdueCard overdue={data.overdue} />
          </Col>
        )}
      </Row>
    </Flex>
  );
}

function BehindCard({ data }: { data: TeamDashboard }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {t('dashboard.behindTitle')}
          <Badge count={data.behind.length} showZero color={data.behind.length ? 'red' : 'green'} />
        </Flex>
      }
      data-testid="dashboard-behind"
    >
      {data.behind.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.nobodyBehind')} />
      ) : (
        <List
          size="small"
          dataSource={data.behind}
          renderItem={(b) => (
            <List.Item key={b.employeeId}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <b>{b.name}</b>
                  <Typography.Text type="danger">
                    {t('progress.behindBy', { amount: formatTarget(data.metric, b.shortOfPace) })}
                  </Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dashboard.behindLine', {
                    gap: formatTarget(data.metric, b.gap),
                    attainment: formatRatio(b.attainment),
                    days: data.month.daysLeft,
                  })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function NewHiresCard({ data }: { data: TeamDashboard }) {
  const t = useT();
  return (
    <Card size="small" title={t('dashboard.newHires')} data-testid="dashboard-new-hires">
      {data.newHires.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noNewHires')} />
      ) : (
        <List
          size="small"
          dataSource={data.newHires}
          renderItem={(m) => (
            <List.Item key={m.employeeId}>
              <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
                <Flex vertical>
                  <b>{m.name}</b>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dashboard.hiredOn', { date: formatDate(m.hireDate) })}
                  </Typography.Text>
                </Flex>
                <div style={{ flex: '0 1 200px' }}>
                  <AttainmentBar attainment={m.month.attainment} status={m.month.paceStatus} />
                </div>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function FollowUpsCard({ due }: { due: NonNullable<TeamDashboard['followUpsDue']> }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {t('dashboard.followUpsToday')}
          <Badge count={due.count} showZero color={due.count ? 'blue' : 'default'} overflowCount={999} />
        </Flex>
      }
      extra={<Link to="/my-day">{t('dashboard.openMyDay')}</Link>}
      data-testid="dashboard-follow-ups"
    >
      {due.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noFollowUps')} />
      ) : (
        <List
          size="small"
          dataSource={due.items}
          renderItem={(f) => {
            const kindKey = `followUpKind.${f.kind}`;
            return (
              <List.Item key={f.customerId}>
                <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                  <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dashboard.followUpLine', {
                      owner: f.ownerName,
                      kind: isMessageKey(kindKey) ? t(kindKey) : f.kind,
                      date: formatDate(f.lastFollowUpOn),
                    })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

function OverdueCard({ overdue }: { overdue: NonNullable<TeamDashboard['overdue']> }) {
  const t = useT();
  const members = overdue.members.filter((m) => m.overdueFen > 0);
  return (
    <Card
      size="small"
      title={t('dashboard.overdueTitle')}
      extra={<Link to="/ageing?groupBy=owner">{t('dashboard.openAgeing')}</Link>}
      data-testid="dashboard-overdue"
    >
      <Typography.Title
        level={4}
        type={overdue.amountFen > 0 ? 'danger' : undefined}
        style={{ marginTop: 0 }}
      >
        {fen(overdue.amountFen)}
      </Typography.Title>
      <Flex wrap gap={6} style={{ marginBottom: 8 }}>
        {BANDS.filter((b) => b !== 'current' && overdue.bands[b] > 0).map((b) => (
          <Tag key={b}>{`${t(`ageing.band.${b}`)} ${fen(overdue.bands[b])}`}</Tag>
        ))}
      </Flex>
      {members.length === 0 ? (
        <Typography.Text type="secondary">{t('dashboard.noOverdue')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={members}
          renderItem={(m) => (
            <List.Item key={m.employeeId}>
              <Flex justify="space-between" style={{ width: '100%' }}>
                <span>{m.name}</span>
                <Typography.Text type="danger">{fen(m.overdueFen)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
