import {
  ApartmentOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  HistoryOutlined,
  LockOutlined,
  PartitionOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TargetLine, TargetPlanDetail } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { NoteModal } from '../sales-common/note-modal.tsx';
import { AcknowledgementsCard } from './acknowledgements-card.tsx';
import { LineModal, PlanSettingsModal } from './plan-forms.tsx';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { VersionsDrawer } from './versions-drawer.tsx';
import { usePeriodLabel } from './period-picker.tsx';
import { SplitModal } from './split-modal.tsx';
import { TIERS, formatTarget } from './target-format.ts';
import { targetsApi } from './targets-api.ts';

type Node = TargetLine & { children?: Node[] };

/** The lines as a tree (company → units → teams → people; year → quarters → months → weeks). */
function buildLineTree(lines: readonly TargetLine[]): Node[] {
  const nodes = new Map<number, Node>(lines.map((l) => [l.id, { ...l }]));
  const roots: Node[] = [];
  for (const l of lines) {
    const node = nodes.get(l.id)!;
    const parent = l.parentLineId === null ? undefined : nodes.get(l.parentLineId);
    // A line whose parent the user may not see (outside their scope) is a root of what they see.
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of the lines above `id`, to open the tree down to it. */
function ancestorsOf(lines: readonly TargetLine[], ids: readonly number[]): number[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const out = new Set<number>();
  for (const id of ids) {
    for (let p = byId.get(id)?.parentLineId ?? null; p !== null; p = byId.get(p)?.parentLineId ?? null) {
      if (out.has(p)) break;
      out.add(p);
    }
  }
  return [...out];
}

function OwnerIcon({ kind }: { kind: TargetLine['ownerKind'] }) {
  return kind === 'employee' ? (
    <UserOutlined />
  ) : kind === 'unit' ? (
    <ApartmentOutlined />
  ) : (
    <PartitionOutlined />
  );
}

/**
 * A plan: its lines as a tree with each split's gap, the split dialog, publishing (a refusal lists the lines
 * that do not add up), re-plans with a reason, versions and who has signed the 承诺书.
 */
export default function PlanRoute() {
  const { id } = useParams();
  // Another plan (a re-plan opens its new version) starts with its own tree state.
  return <PlanPage key={id} />;
}

function PlanPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const navigate = useNavigate();
  const periodLabel = usePeriodLabel();
  const { id } = useParams();
  const planId = Number(id);
  const valid = Number.isInteger(planId) && planId > 0;
  const plan = useApi(valid ? `target-plan:${planId}` : null, (signal) => targetsApi.plan(planId, signal));
  const [splitting, setSplitting] = useState<{ line: TargetLine; weeklyOnly: boolean } | null>(null);
  const [editing, setEditing] = useState<TargetLine | null>(null);
  const [settings, setSettings] = useState(false);
  const [revising, setRevising] = useState(false);
  const [versions, setVersions] = useState(false);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [refusal, setRefusal] = useState<{
    title: string;
    items: { lineId: number | null; text: string }[];
  } | null>(null);
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const p = plan.data;
  const lines = useMemo(() => p?.lines ?? [], [p]);
  const tree = useMemo(() => buildLineTree(lines), [lines]);
  const childrenOf = useMemo(() => {
    const map = new Map<number, TargetLine[]>();
    for (const l of lines)
      if (l.parentLineId !== null) map.set(l.parentLineId, [...(map.get(l.parentLineId) ?? []), l]);
    return map;
  }, [lines]);
  const gapLines = useMemo(
    () => lines.filter((l) => l.gap && TIERS.some((tier) => l.gap![tier] !== 0)),
    [lines],
  );
  const flagged = useMemo(() => new Set(refusal?.items.map((i) => i.lineId) ?? []), [refusal]);

  if (!valid) return <NotFound />;
  if (plan.error && !p) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (!p) return <PageLoading />;

  const metric = p.metric;
  const draft = p.status === 'draft';
  const mayPlan = can('target.plan');
  const mayOverride = can('target.override');
  const defaultExpanded = tree.map((n) => n.id);
  const expandedKeys = expanded ?? defaultExpanded;

  const applyDetail = (next: TargetPlanDetail) => {
    plan.setData(next);
    setRefusal(null);
  };

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      notice(err, plan.reload);
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    modal.confirm({
      title: t('targets.publishTitle', { name: p.name }),
      content: p.allowUnallocated ? t('targets.publishHintUnallocated') : t('targets.publishHint'),
      okText: t('targets.publish'),
      onOk: async () => {
        setBusy('publish');
        try {
          applyDetail(await targetsApi.publish(p.id, p.version));
          void message.success(t('targets.published'));
        } catch (err) {
          if (isApiError(err) && err.status === 422 && err.details.length > 0) {
            // Every line that does not add up, named by the server; the tree opens down to each of them.
            const items = err.details.map((d) => {
              const m = /^lines\.(\d+)$/.exec(d.path);
              return { lineId: m ? Number(m[1]) : null, text: d.message };
            });
            setRefusal({ title: errorText(err, t), items });
            const ids = items.flatMap((i) => (i.lineId === null ? [] : [i.lineId]));
            setExpanded([...new Set([...expandedKeys, ...ancestorsOf(lines, ids)])]);
          } else notice(err, plan.reload);
        } finally {
          setBusy(null);
        }
      },
    });

  const remove = () =>
    modal.confirm({
      title: t('targets.deleteTitle', { name: p.name }),
      content: t('targets.deleteHint'),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () =>
        run('delete', async () => {
          await targetsApi.deletePlan(p.id);
          void message.success(t('targets.deleted'));
          void navigate('/plans');
        }),
    });

  const lineActions = (l: TargetLine) => {
    const lockedForMe = l.locked && !mayOverride;
    const actions: React.ReactNode[] = [];
    if (draft && mayPlan && !lockedForMe) {
      actions.push(
        <Button
          key="split"
          size="small"
          icon={<PartitionOutlined />}
          onClick={() => setSplitting({ line: l, weeklyOnly: false })}
          disabled={l.grain === 'week' && l.ownerKind === 'employee'}
          data-testid="line-split"
        >
          {t('targets.split')}
        </Button>,
        <Button
          key="edit"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(l)}
          aria-label={t('common.edit')}
        />,
      );
    }
    // 分解并下达本组周任务: a published month of a person or team, split into weeks by the lead.
    if (
      p.status === 'published' &&
      can('target.assign') &&
      l.grain === 'month' &&
      l.ownerKind !== 'company' &&
      !l.locked &&
      // A month already split among people keeps that split: only weeks may replace weeks.
      (childrenOf.get(l.id) ?? []).every((c) => c.grain === 'week')
    ) {
      actions.push(
        <Button
          key="weekly"
          size="small"
          icon={<PartitionOutlined />}
          onClick={() => setSplitting({ line: l, weeklyOnly: true })}
          data-testid="line-weekly"
        >
          {t('targets.splitWeeks')}
        </Button>,
      );
    }
    return actions.length ? <Flex gap={4}>{actions}</Flex> : null;
  };

  const columns: TableColumnsType<Node> = [
    {
      key: 'owner',
      title: t('targets.owner'),
      fixed: 'left',
      width: 180,
      render: (_, l) => (
        <Flex gap={6} align="baseline" style={{ minWidth: 0 }}>
          <OwnerIcon kind={l.ownerKind} />
          <Flex vertical style={{ minWidth: 0 }}>
            <span>
              {l.ownerName} <Typography.Text type="secondary">{periodLabel(l.period)}</Typography.Text>
            </span>
            {l.ownerKind === 'employee' && l.unitName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.unitName}
              </Typography.Text>
            )}
          </Flex>
          {l.locked && (
            <Tooltip title={t('targets.lockedHint')}>
              <LockOutlined style={{ color: '#8c8c8c' }} aria-label={t('targets.locked')} />
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'target',
      title: t('tier.target'),
      align: 'right',
      render: (_, l) => <b>{formatTarget(metric, l.target)}</b>,
    },
    {
      key: 'gap',
      title: t('targets.gap'),
      align: 'right',
      render: (_, l) => {
        if (!l.gap) return <Typography.Text type="secondary">{'\u2014'}</Typography.Text>;
        const off = TIERS.filter((tier) => l.gap![tier] !== 0);
        if (off.length === 0)
          return <Typography.Text type="success">{formatTarget(metric, 0)}</Typography.Text>;
        return (
          <Tooltip
            title={off
              .map((tier) => `${t(`tier.${tier}`)} ${formatTarget(metric, l.gap![tier])}`)
              .join(' · ')}
          >
            <Typography.Text type="danger" strong data-testid="line-gap">
              {formatTarget(metric, l.gap.target !== 0 ? l.gap.target : l.gap[off[0]!])}
            </Typography.Text>
            {l.unallocated !== 0 && (
              <div>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {t('targets.unallocated')}
                </Tag>
              </div>
            )}
          </Tooltip>
        );
      },
    },
    { key: 'actions', title: t('common.actions'), render: (_, l) => lineActions(l) },
    ...(['stretch', 'challenge'] as const).map((tier) => ({
      key: tier,
      title: t(`tier.${tier}`),
      align: 'right' as const,
      render: (_: unknown, l: Node) => formatTarget(metric, l[tier]),
    })),
    {
      key: 'split',
      title: t('targets.splitColumn'),
      render: (_, l) =>
        l.childCount > 0 ? (
          <Flex vertical>
            <span>{l.splitMethod ? t(`splitMethod.${l.splitMethod}`) : ''}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.childCount', { count: l.childCount })}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('targets.notSplit')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        backTo="/plans"
        title={p.name}
        subTitle={
          <Flex gap={8} wrap align="center">
            <PlanStatusTag status={p.status} />
            <span>{`v${p.versionNo}`}</span>
            <span>{p.category ? `${t(`metric.${metric}`)} · ${p.category}` : t(`metric.${metric}`)}</span>
            {p.allowUnallocated && <Tag>{t('targets.allowsUnallocated')}</Tag>}
          </Flex>
        }
        extra={
          <>
            {draft && mayPlan && (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                loading={busy === 'publish'}
                onClick={publish}
                data-testid="plan-publish"
              >
                {t('targets.publish')}
              </Button>
            )}
            {p.status === 'published' && mayPlan && (
              <Button icon={<EditOutlined />} onClick={() => setRevising(true)} data-testid="plan-revise">
                {t('targets.revise')}
              </Button>
            )}
            {draft && mayPlan && (
              <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
                {t('targets.settings')}
              </Button>
            )}
            <Button icon={<HistoryOutlined />} onClick={() => setVersions(true)}>
              {t('targets.versions')}
            </Button>
            {draft && mayPlan && (
              <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} onClick={remove}>
                {t('common.remove')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        {p.reason && p.versionNo > 1 && (
          <Alert
            type="info"
            showIcon
            title={t('targets.revisionReason', { version: p.versionNo })}
            description={p.reason}
          />
        )}
        {p.status === 'superseded' && <Alert type="warning" showIcon title={t('targets.supersededHint')} />}
        {refusal && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setRefusal(null)}
            title={refusal.title}
            data-testid="publish-refusal"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {refusal.items.map((i, n) => (
                  <li key={n}>{i.text}</li>
                ))}
              </ul>
            }
          />
        )}
        <Card
          size="small"
          title={t('targets.lines')}
          extra={
            <Flex gap={8} align="center">
              <Switch size="small" checked={onlyGaps} onChange={setOnlyGaps} id="only-gaps" />
              <label htmlFor="only-gaps">{t('targets.onlyGaps', { count: gapLines.length })}</label>
            </Flex>
          }
        >
          <Table<Node>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={onlyGaps ? gapLines : tree}
            pagination={onlyGaps ? { pageSize: 50, size: 'small', hideOnSinglePage: true } : false}
            scroll={{ x: 'max-content' }}
            data-testid="plan-lines"
            expandable={
              onlyGaps
                ? { childrenColumnName: '__none' }
                : { expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }
            }
            onRow={(l) =>
              ({
                'data-testid': 'plan-line',
                'data-line-id': l.id,
                // A line the refused publish named stays marked until the next publish.
                style: flagged.has(l.id) ? { background: '#fff1f0' } : undefined,
              }) as object
            }
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noLines')} />,
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('targets.linesHint')}
          </Typography.Text>
        </Card>
        {p.status !== 'draft' && <AcknowledgementsCard plan={p} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('targets.createdBy', { by: p.createdBy ?? '', at: formatDateTime(p.createdAt) })}
          {p.publishedAt &&
            ` · ${t('targets.publishedBy', { by: p.publishedBy ?? '', at: formatDateTime(p.publishedAt) })}`}
        </Typography.Text>
      </Flex>
      {splitting && (
        <SplitModal
          plan={p}
          line={splitting.line}
          existing={childrenOf.get(splitting.line.id) ?? []}
          weeklyOnly={splitting.weeklyOnly}
          onClose={() => setSplitting(null)}
          onSaved={(result) => {
            setSplitting(null);
            setExpanded([...new Set([...expandedKeys, result.line.id])]);
            plan.reload();
          }}
        />
      )}
      {editing && (
        <LineModal
          metric={metric}
          line={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            plan.reload();
          }}
          onConflict={plan.reload}
        />
      )}
      {settings && (
        <PlanSettingsModal
          plan={p}
          onClose={() => setSettings(false)}
          onSaved={(next) => {
            setSettings(false);
            applyDetail(next);
          }}
          onConflict={plan.reload}
        />
      )}
      {revising && (
        <NoteModal
          title={t('targets.reviseTitle', { name: p.name })}
          description={t('targets.reviseHint')}
          okText={t('targets.revise')}
          noteRequired
          onSubmit={async (reason) => {
            try {
              const next = await targetsApi.revise(p.id, { reason, version: p.version });
              setRevising(false);
              void message.success(t('targets.revised', { version: next.versionNo }));
              void navigate(`/plans/${next.id}`);
            } catch (err) {
              notice(err, plan.reload);
              throw err;
            }
          }}
          onClose={() => setRevising(false)}
        />
      )}
      {versions && <VersionsDrawer plan={p} onClose={() => setVersions(false)} />}
    </>
  );
}
