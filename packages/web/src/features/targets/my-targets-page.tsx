import { CheckCircleFilled, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { MyTargets, TargetLine } from '@zuzhang/api-schema';
import type { PeriodGrain } from '@zuzhang/domain';
import { useState } from 'react';
import { useMe } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDateTime, todayString } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { usePeriodLabel } from './period-picker.tsx';
import { TIERS, formatTarget } from './target-format.ts';
import { targetsApi } from './targets-api.ts';

type Item = MyTargets['items'][number];
const GRAIN_ORDER: PeriodGrain[] = ['year', 'quarter', 'month', 'week'];

/** The person's targets that no other of their lines contains: their sum is everything they commit to. */
function topLines(lines: readonly TargetLine[]): TargetLine[] {
  const ids = new Set(lines.map((l) => l.id));
  return lines.filter((l) => l.parentLineId === null || !ids.has(l.parentLineId));
}

/** One plan's targets of the person, by period, with the 承诺书 to sign and to print. */
function PlanTargets({ item, onSigned }: { item: Item; onSigned: () => void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { modal, message } = App.useApp();
  const notice = useErrorNotice();
  const periodLabel = usePeriodLabel();
  const { plan, lines, acknowledgedAt } = item;
  const metric = plan.metric;
  const grains = GRAIN_ORDER.filter((g) => lines.some((l) => l.grain === g));
  const [grain, setGrain] = useState<PeriodGrain>(
    grains.includes('month') ? 'month' : (grains[0] ?? 'month'),
  );
  const shown = lines
    .filter((l) => l.grain === grain)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.ownerName.localeCompare(b.ownerName));
  const today = todayString();
  const top = topLines(lines);
  const total = Object.fromEntries(
    TIERS.map((tier) => [tier, top.reduce((s, l) => s + l[tier], 0)]),
  ) as Record<(typeof TIERS)[number], number>;

  const sign = () =>
    modal.confirm({
      title: t('targets.signTitle', { plan: plan.name }),
      width: 560,
      content: (
        <blockquote
          style={{
            margin: '8px 0',
            padding: '8px 12px',
            borderInlineStart: '3px solid #1677ff',
            background: '#f5f8ff',
          }}
          data-testid="commitment-text"
        >
          {t('targets.commitmentText', {
            name: me.employee?.name ?? me.user.username,
            plan: plan.name,
            periods: top.length,
            target: formatTarget(metric, total.target),
            stretch: formatTarget(metric, total.stretch),
            challenge: formatTarget(metric, total.challenge),
          })}
        </blockquote>
      ),
      okText: t('targets.sign'),
      onOk: async () => {
        try {
          await targetsApi.acknowledge(plan.id);
          void message.success(t('targets.signedOk'));
          onSigned();
        } catch (err) {
          notice(err, onSigned);
        }
      },
    });

  return (
    <Card
      size="small"
      data-testid="my-plan"
      title={
        <Flex gap={8} wrap align="center">
          <span>{plan.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {plan.category ? `${t(`metric.${metric}`)} · ${plan.category}` : t(`metric.${metric}`)}
            {` · v${plan.versionNo}`}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex gap={8} wrap justify="flex-end">
          {acknowledgedAt ? (
            <Tag color="green" icon={<CheckCircleFilled />} data-testid="my-plan-signed">
              {t('targets.signedOn', { at: formatDateTime(acknowledgedAt) })}
            </Tag>
          ) : (
            <Button
              type="primary"
              size="small"
              icon={<EditOutlined />}
              onClick={sign}
              data-testid="my-plan-sign"
            >
              {t('targets.sign')}
            </Button>
          )}
          <a href={targetsApi.letterUrl(plan.id, locale)} target="_blank" rel="noreferrer">
            <Button size="small" icon={<FileTextOutlined />}>
              {t('targets.openLetter')}
            </Button>
          </a>
        </Flex>
      }
    >
      <Flex wrap gap={16} style={{ marginBottom: 12 }}>
        {TIERS.map((tier) => (
          <div key={tier}>
            <Typography.Text type="secondary">{t(`tier.${tier}`)}</Typography.Text>
            <div style={{ fontSize: 18, fontWeight: tier === 'target' ? 600 : undefined }}>
              {formatTarget(metric, total[tier])}
            </div>
          </div>
        ))}
      </Flex>
      {grains.length > 1 && (
        <Segmented<PeriodGrain>
          value={grain}
          onChange={setGrain}
          options={grains.map((g) => ({ value: g, label: t(`period.grain.${g}`) }))}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<TargetLine>
        rowKey="id"
        size="small"
        dataSource={shown}
        pagination={{ pageSize: 13, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(l) =>
          ({
            'data-testid': 'my-target-line',
            // This period: the one to act on now.
            style: l.periodStart <= today && today <= l.periodEnd ? { background: '#e6f4ff' } : undefined,
          }) as object
        }
        columns={[
          { key: 'period', title: t('targets.period'), render: (_, l) => periodLabel(l.period) },
          ...TIERS.map((tier) => ({
            key: tier,
            title: t(`tier.${tier}`),
            align: 'right' as const,
            render: (_: unknown, l: TargetLine) =>
              tier === 'target' ? <b>{formatTarget(metric, l[tier])}</b> : formatTarget(metric, l[tier]),
          })),
          { key: 'team', title: t('ledger.team'), render: (_, l) => l.unitName ?? '' },
        ]}
      />
    </Card>
  );
}

/** 我的目标: every published target of the person, by period and tier, and the commitment letters to sign. */
export default function MyTargetsPage() {
  const { t } = useI18n();
  const mine = useApi('my-targets', (signal) => targetsApi.mine(signal));
  const items = mine.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('targets.mineTitle')} subTitle={t('targets.mineSubtitle')} />
      {mine.error && !mine.data ? (
        <ErrorState error={mine.error} onRetry={mine.reload} />
      ) : !mine.data ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('targets.mineEmpty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {items.map((item) => (
            <PlanTargets key={item.plan.id} item={item} onSigned={mine.reload} />
          ))}
        </Flex>
      )}
    </>
  );
}
