import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { NAV_ITEMS } from '../../app/navigation.tsx';

export function HomePage() {
  const me = useMe();
  const { can } = useAuth();
  const t = useT();
  const name = me.employee?.name ?? me.user.username;
  const links = NAV_ITEMS.filter((i) => i.key !== 'home' && (!i.permission || can(i.permission)));

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.greeting', { name })}
        </Typography.Title>
        <Typography.Text type="secondary">{me.company.name}</Typography.Text>
      </div>

      {me.actingFor.map((a) => (
        <Alert
          key={a.delegationId}
          type="warning"
          showIcon
          title={t('home.actingFor', { name: a.employeeName, date: a.endDate })}
        />
      ))}

      {/* Issue 4: the team dashboard is where a lead or manager starts the day; everyone else, their targets. */}
      {can('target.read') && (
        <Card size="small" data-testid="home-targets">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <div style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Typography.Text strong>
                {can('target.assign') || can('target.plan') ? t('home.dashboardTitle') : t('nav.myTargets')}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {can('target.assign') || can('target.plan')
                    ? t('home.dashboardHint')
                    : t('home.myTargetsHint')}
                </Typography.Text>
              </div>
            </div>
            {can('target.assign') || can('target.plan') ? (
              <Link to="/dashboard">
                <Button type="primary" data-testid="home-open-dashboard">
                  {t('home.openDashboard')}
                </Button>
              </Link>
            ) : (
              <Link to="/my-targets">
                <Button type="primary">{t('home.openMyTargets')}</Button>
              </Link>
            )}
          </Flex>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('home.myPositions')}>
            {me.positions.length === 0 ? (
              <Empty description={t('home.noPositions')} />
            ) : (
              <Flex vertical gap={12}>
                {me.positions.map((p) => (
                  <Flex key={p.id} justify="space-between" align="center" wrap gap={8}>
                    <div>
                      {can('org.read') || can('jd.read') ? (
                        <Link to={`/positions/${p.id}?tab=jd`}>{p.name}</Link>
                      ) : (
                        <Typography.Text>{p.name}</Typography.Text>
                      )}
                      <div>
                        <Typography.Text type="secondary">{p.unitName}</Typography.Text>
                      </div>
                    </div>
                    <Tag color={p.kind === 'primary' ? 'blue' : 'default'}>
                      {t(`assignmentKind.${p.kind}`)}
                    </Tag>
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.scope')}>
            <Flex vertical gap={4} style={{ marginBottom: 16 }}>
              <div>
                <Tag color="geekblue">{t(`dataScope.${me.scope.level}`)}</Tag>
              </div>
              <Typography.Text type="secondary">{t(`dataScopeHint.${me.scope.level}`)}</Typography.Text>
            </Flex>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={t('home.scopeEmployees')} value={me.scope.employeeCount} />
              </Col>
              <Col span={12}>
                <Statistic title={t('home.scopeUnits')} value={me.scope.unitCount} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>

      <Card title={t('home.shortcuts')}>
        <Row gutter={[12, 12]}>
          {links.map((i) => (
            <Col key={i.key} xs={12} md={8} lg={6}>
              <Link to={i.path}>
                <Card size="small" hoverable>
                  <Flex gap={8} align="center">
                    {i.icon}
                    <span>{t(i.label)}</span>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Flex>
  );
}
