import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import type { PeriodInfo, PeriodProgress, TargetMetric } from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';
import { formatTarget } from '../targets/target-format.ts';
import { usePeriodLabel } from '../targets/period-picker.tsx';
import { AttainmentBar, PaceTag } from './progress-cells.tsx';

/** This week's or this month's figures of the team or unit as a whole. */
function PeriodSummary({
  title,
  p,
  info,
  metric,
  testId,
}: {
  title: string;
  p: PeriodProgress;
  info: PeriodInfo;
  metric: TargetMetric;
  testId: string;
}) {
  const t = useT();
  const periodLabel = usePeriodLabel();
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{title}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {periodLabel(info.period)}
          </Typography.Text>
        </Flex>
      }
      extra={<PaceTag status={p.paceStatus} shortOfPace={p.shortOfPace} metric={metric} />}
    >
      <Row gutter={[12, 12]}>
        <Col span={12}>
          <Statistic
            title={t('dashboard.actual')}
            value={formatTarget(metric, p.actual)}
            styles={{ content: { fontSize: 18 } }}
          />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('dashboard.target')}
            value={formatTarget(metric, p.target)}
            styles={{ content: { fontSize: 18 } }}
          />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('dashboard.projection')}
            value={formatTarget(metric, p.projection)}
            styles={{ content: { fontSize: 18 } }}
          />
        </Col>
        <Col span={12}>
          <Statistic
            title={p.gap !== null && p.gap < 0 ? t('dashboard.beatenBy') : t('dashboard.gap')}
            value={formatTarget(metric, p.gap === null ? null : Math.abs(p.gap))}
            styles={{ content: { fontSize: 18 } }}
          />
        </Col>
      </Row>
      <Flex align="center" gap={12} wrap style={{ marginTop: 8 }}>
        <div style={{ flex: '1 1 200px' }}>
          <AttainmentBar attainment={p.attainment} status={p.paceStatus} />
        </div>
        <Typography.Text type="secondary">
          {t('dashboard.daysLeft', { days: info.daysLeft, total: info.days })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The week and the month side by side (stacked on a phone). */
export function PeriodSummaries({
  week,
  month,
  weekInfo,
  monthInfo,
  metric,
}: {
  week: PeriodProgress;
  month: PeriodProgress;
  weekInfo: PeriodInfo;
  monthInfo: PeriodInfo;
  metric: TargetMetric;
}) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <PeriodSummary
          title={t('dashboard.thisWeek')}
          p={week}
          info={weekInfo}
          metric={metric}
          testId="dashboard-week"
        />
      </Col>
      <Col xs={24} xl={12}>
        <PeriodSummary
          title={t('dashboard.thisMonth')}
          p={month}
          info={monthInfo}
          metric={metric}
          testId="dashboard-month"
        />
      </Col>
    </Row>
  );
}
