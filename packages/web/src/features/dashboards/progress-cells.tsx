import { Flex, Progress, Tag, Typography } from 'antd';
import type { PeriodProgress, TargetMetric } from '@zuzhang/api-schema';
import type { PaceStatus } from '@zuzhang/domain';
import { useT } from '../../app/i18n/i18n.tsx';
import { formatRatio, formatTarget } from '../targets/target-format.ts';

const PACE_COLORS: Record<PaceStatus, string> = {
  not_started: 'default',
  ahead: 'green',
  on_track: 'blue',
  behind: 'red',
  done_met: 'green',
  done_missed: 'volcano',
};

const BAR_COLORS: Record<PaceStatus, string> = {
  not_started: '#bfbfbf',
  ahead: '#52c41a',
  on_track: '#1677ff',
  behind: '#ff4d4f',
  done_met: '#52c41a',
  done_missed: '#fa541c',
};

/** 领先 / 正常 / 落后: behind says by how much against the straight-line pace (the lead's "by how much"). */
export function PaceTag({
  status,
  shortOfPace,
  metric,
}: {
  status: PaceStatus;
  shortOfPace?: number | null;
  metric: TargetMetric;
}) {
  const t = useT();
  const label =
    status === 'behind' && shortOfPace
      ? t('progress.behindBy', { amount: formatTarget(metric, shortOfPace) })
      : t(`pace.${status}`);
  return (
    <Tag
      color={PACE_COLORS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="pace-tag"
      data-status={status}
    >
      {label}
    </Tag>
  );
}

/** Attainment as a bar (capped at 100% wide) with the real percentage written next to it. */
export function AttainmentBar({
  attainment,
  status,
  width = 120,
}: {
  attainment: number | null;
  status: PaceStatus;
  width?: number;
}) {
  const t = useT();
  if (attainment === null) {
    return <Typography.Text type="secondary">{t('progress.noTarget')}</Typography.Text>;
  }
  return (
    <Flex align="center" gap={6} style={{ minWidth: width }}>
      <Progress
        percent={Math.max(0, Math.min(100, attainment * 100))}
        showInfo={false}
        size="small"
        strokeColor={BAR_COLORS[status]}
        style={{ margin: 0, flex: 1, minWidth: 60 }}
        aria-label={formatRatio(attainment)}
      />
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {formatRatio(attainment)}
      </span>
    </Flex>
  );
}

/** One period's figures in a table cell: actual of target, the bar, and the pace. */
export function PeriodCell({ p, metric }: { p: PeriodProgress; metric: TargetMetric }) {
  return (
    <Flex vertical gap={2} style={{ minWidth: 150 }}>
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        <b data-testid="cell-actual">{formatTarget(metric, p.actual)}</b>
        <Typography.Text type="secondary">
          {' / '}
          <span data-testid="cell-target">{formatTarget(metric, p.target)}</span>
        </Typography.Text>
      </span>
      <AttainmentBar attainment={p.attainment} status={p.paceStatus} />
      <div>
        <PaceTag status={p.paceStatus} shortOfPace={p.shortOfPace} metric={metric} />
      </div>
    </Flex>
  );
}
