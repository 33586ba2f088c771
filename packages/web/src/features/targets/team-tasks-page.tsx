import { PartitionOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TargetLine } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { PeriodPicker, currentPeriod, usePeriodLabel } from './period-picker.tsx';
import { SplitModal } from './split-modal.tsx';
import { TIERS, formatTarget } from './target-format.ts';
import { targetsApi } from './targets-api.ts';

type Row = TargetLine & { weeks: TargetLine[] };

/**
 * 分解并下达本组周任务: the lead picks a published plan and a month, sees each member's month target and
 * the weekly tasks given so far, and splits a month into weeks.
 */
export default function TeamTasksPage() {
  const t = useT();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? currentPeriod('month');
  const plans = useApi('team-tasks-plans', (signal) =>
    targetsApi.plans({ status: 'published', pageSize: 100, sort: 'fiscalYear', order: 'desc' }, signal),
  );
  const planParam = Number(params.get('planId')) || undefined;
  const year = Number(month.slice(0, 4));
  // The plan of the month's year by default, sales first: the one a lead hands out weekly.
  const planId =
    planParam ??
    (
      plans.data?.items.find((p) => p.fiscalYear === year && p.metric === 'sales') ??
      plans.data?.items.find((p) => p.fiscalYear === year)
    )?.id;
  const plan = useApi(planId ? `target-plan:${planId}` : null, (signal) => targetsApi.plan(planId!, signal));
  const [splitting, setSplitting] = useState<Row | null>(null);
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const p = plan.data;
  const rows = useMemo((): Row[] => {
    const lines = p?.lines ?? [];
    return (
      lines
        // Each member's month: the weekly tasks a lead hands out are per person.
        .filter((l) => l.grain === 'month' && l.period === month && l.ownerKind === 'employee')
        .map((l) => ({ ...l, weeks: lines.filter((w) => w.parentLineId === l.id && w.grain === 'week') }))
        .sort(
          (a, b) =>
            (a.unitName ?? '').localeCompare(b.unitName ?? '') || a.ownerName.localeCompare(b.ownerName),
        )
    );
  }, [p, month]);

  const metric = p?.metric ?? 'sales';
  return (
    <>
      <PageHeader title={t('targets.teamTasksTitle')} subTitle={t('targets.teamTasksSubtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <PeriodPicker value={month} grains={['month']} onChange={(m) => set({ month: m })} />
          <Select<number>
            value={planId}
            onChange={(v) => set({ planId: String(v) })}
            loading={plans.loading}
            placeholder={t('targets.pickPlan')}
            options={(plans.data?.items ?? []).map((pl) => ({
              value: pl.id,
              label: `${pl.name} v${pl.versionNo}`,
            }))}
            style={{ minWidth: 220 }}
            popupMatchSelectWidth={false}
          />
          {p && <Link to={`/plans/${p.id}`}>{t('targets.openPlan')}</Link>}
        </Flex>
      </Card>
      {plans.error && !plans.data ? (
        <ErrorState error={plans.error} onRetry={plans.reload} />
      ) : plans.data && !planId ? (
        <Card>
          <Empty description={t('targets.noPublishedPlan', { year })} />
        </Card>
      ) : plan.error && !p ? (
        <ErrorState error={plan.error} onRetry={plan.reload} />
      ) : !p ? (
        <PageLoading />
      ) : (
        <Card size="small" title={periodLabel(month)}>
          <Table<Row>
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="team-tasks"
            expandable={{
              childrenColumnName: '__none',
              rowExpandable: (r) => r.weeks.length > 0,
              expandedRowRender: (r) => (
                <Flex wrap gap={8}>
                  {r.weeks.map((w) => (
                    <Tag key={w.id} style={{ marginInlineEnd: 0 }}>
                      {`${periodLabel(w.period)} ${formatTarget(metric, w.target)}`}
                    </Tag>
                  ))}
                </Flex>
              ),
            }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noMonthLines')} />
              ),
            }}
            columns={[
              {
                key: 'owner',
                title: t('targets.owner'),
                render: (_, r) => (
                  <Flex vertical>
                    <b>{r.ownerName}</b>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.unitName}
                    </Typography.Text>
                  </Flex>
                ),
              },
              ...TIERS.map((tier) => ({
                key: tier,
                title: t(`tier.${tier}`),
                align: 'right' as const,
                render: (_: unknown, r: Row) => formatTarget(metric, r[tier]),
              })),
              {
                key: 'weeks',
                title: t('targets.weeklyTasks'),
                render: (_, r) =>
                  r.weeks.length === 0 ? (
                    <Tag color="orange">{t('targets.noWeeksYet')}</Tag>
                  ) : r.gap && r.gap.target !== 0 ? (
                    <Typography.Text type="danger">
                      {t('targets.weeksGap', {
                        count: r.weeks.length,
                        gap: formatTarget(metric, r.gap.target),
                      })}
                    </Typography.Text>
                  ) : (
                    <Tag color="green">{t('targets.weeksDone', { count: r.weeks.length })}</Tag>
                  ),
              },
              {
                key: 'act',
                title: t('common.actions'),
                render: (_, r) =>
                  r.locked ? (
                    <Typography.Text type="secondary">{t('targets.locked')}</Typography.Text>
                  ) : (
                    <Button
                      size="small"
                      icon={<PartitionOutlined />}
                      onClick={() => setSplitting(r)}
                      data-testid="split-weeks"
                    >
                      {t('targets.splitWeeks')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      {splitting && p && (
        <SplitModal
          plan={p}
          line={splitting}
          existing={splitting.weeks}
          weeklyOnly
          onClose={() => setSplitting(null)}
          onSaved={() => {
            setSplitting(null);
            plan.reload();
          }}
        />
      )}
    </>
  );
}
