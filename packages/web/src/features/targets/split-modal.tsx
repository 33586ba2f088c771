import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Spin,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import type { SplitLineResult, SplitMethodName, TargetLine, TargetPlan } from '@zuzhang/api-schema';
import { childPeriods, parsePeriod } from '@zuzhang/domain';
import { useMemo, useState, type ReactNode } from 'react';
import { api, isApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { useUnits } from '../../app/pickers.tsx';
import { todayString } from '../../app/format.ts';
import { useApi } from '../../app/use-api.ts';
import { AmountInput } from './amount-input.tsx';
import { usePeriodLabel } from './period-picker.tsx';
import {
  finerGrains,
  previewBodyOf,
  resizeInputs,
  saveBodyOf,
  serverReadsInputs,
  splitErrorsOf,
  type ChildGrain,
  type SplitBy,
  type SplitChild,
  type SplitErrors,
  type SplitInputsState,
} from './split-form.ts';
import { SPLIT_METHODS, TIERS, formatTarget, type Tier } from './target-format.ts';
import { targetsApi } from './targets-api.ts';
import { useSplitPreview } from './use-split-preview.ts';

/** How a line's existing children were made, so the dialog opens on the split already saved. */
function splitOf(line: TargetLine, existing: readonly TargetLine[]): { by: SplitBy; grain?: ChildGrain } {
  const first = existing[0];
  if (first && first.period !== line.period) return { by: 'period', grain: first.grain as ChildGrain };
  if (first) return { by: first.ownerKind === 'employee' ? 'people' : 'units' };
  const grains = finerGrains(line.grain);
  return { by: 'period', grain: grains.includes('month') ? 'month' : grains[0] };
}

function childKeyOf(by: SplitBy, line: Pick<TargetLine, 'period' | 'unitId' | 'employeeId'>): string {
  return by === 'period' ? line.period : by === 'units' ? `u${line.unitId}` : `e${line.employeeId}`;
}

/** The team of a unit as the server splits it: people whose primary position is in the unit. */
function useTeam(line: TargetLine, enabled: boolean) {
  return useApi(enabled && line.unitId ? `split-team:${line.unitId}` : null, (signal) =>
    api.employees.list({ unitId: line.unitId!, pageSize: 100, sort: 'name', order: 'asc' }, signal),
  );
}

/**
 * 分解: splits a line into children by period (same owner) or by owner (the units below, a team's people)
 * with a method and its inputs per child. The preview is asked for as the user types and shows each child's
 * parts in the three tiers, the totals and the gap (red when it is not 0); errors sit on the child they name.
 * `weeklyOnly`: a published month split into weekly tasks by the team lead (分解并下达本组周任务).
 */
export function SplitModal({
  plan,
  line,
  existing,
  weeklyOnly = false,
  onClose,
  onSaved,
}: {
  plan: TargetPlan;
  line: TargetLine;
  existing: readonly TargetLine[];
  weeklyOnly?: boolean;
  onClose: () => void;
  onSaved: (result: SplitLineResult) => void;
}) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const periodLabel = usePeriodLabel();
  const metric = plan.metric;
  const initial = useMemo(
    () => (weeklyOnly ? { by: 'period' as const, grain: 'week' as const } : splitOf(line, existing)),
    [weeklyOnly, line, existing],
  );
  const [by, setBy] = useState<SplitBy>(initial.by);
  const [grain, setGrain] = useState<ChildGrain | undefined>(initial.grain);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveErrors, setSaveErrors] = useState<SplitErrors | null>(null);

  const units = useUnits();
  const team = useTeam(line, by === 'people');
  const grains = weeklyOnly ? (['week'] as ChildGrain[]) : finerGrains(line.grain);
  const byOptions: SplitBy[] = weeklyOnly
    ? ['period']
    : [
        ...(grains.length > 0 ? (['period'] as const) : []),
        ...(line.ownerKind !== 'employee' ? (['units'] as const) : []),
        ...(line.ownerKind === 'unit' ? (['people'] as const) : []),
      ];

  const children = useMemo((): SplitChild[] => {
    if (by === 'period') {
      if (!grain) return [];
      const today = todayString();
      return childPeriods(line.period, grain).map((p) => ({
        key: p,
        label: periodLabel(p),
        period: p,
        locked: parsePeriod(p).to < today,
      }));
    }
    if (by === 'units') {
      return (units.data ?? [])
        .filter((u) => u.parentId === line.unitId)
        .sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))
        .map((u) => ({ key: `u${u.id}`, label: u.name, unitId: u.id }));
    }
    return (team.data?.items ?? [])
      .filter(
        (e) =>
          e.status !== 'left' &&
          e.assignments.some(
            (a) => a.kind === 'primary' && a.endDate === null && a.unitName === line.unitName,
          ),
      )
      .map((e) => ({ key: `e${e.id}`, label: e.name, employeeId: e.id }));
  }, [by, grain, line, units.data, team.data, periodLabel]);

  // The inputs belong to one list of children: a new list (another grain, units instead of months) starts
  // afresh, with the amounts already saved for children that are still there.
  const signature = `${by}:${grain ?? ''}:${children.map((c) => c.key).join(',')}`;
  const fresh = (method: SplitMethodName): SplitInputsState => {
    const saved = new Map(existing.map((c) => [childKeyOf(by, c), c]));
    const base = resizeInputs(
      {
        method,
        weights: [],
        history: [],
        headcount: [],
        amounts: children.map((c) => {
          const s = saved.get(c.key);
          return s
            ? { target: s.target, stretch: s.stretch, challenge: s.challenge }
            : { target: null, stretch: null, challenge: null };
        }),
        readHistory: true,
        readHeadcount: by === 'units',
      },
      children.length,
    );
    return base;
  };
  const [form, setForm] = useState<{ signature: string; inputs: SplitInputsState }>(() => ({
    signature,
    inputs: fresh(line.splitMethod ?? 'equal'),
  }));
  if (form.signature !== signature) setForm({ signature, inputs: fresh(form.inputs.method) });
  const inputs = form.signature === signature ? form.inputs : fresh(form.inputs.method);
  const update = (patch: Partial<SplitInputsState>) => {
    setSaveErrors(null);
    setForm({ signature, inputs: { ...inputs, ...patch } });
  };
  const setAt = (field: 'weights' | 'history' | 'headcount', i: number, v: number | null) =>
    update({ [field]: inputs[field].map((x, j) => (j === i ? v : x)) });
  const setAmount = (i: number, tier: Tier, v: number | null) =>
    update({ amounts: inputs.amounts.map((a, j) => (j === i ? { ...a, [tier]: v } : a)) });

  const body = previewBodyOf(line, children, inputs);
  const preview = useSplitPreview(body);
  const previewErrors =
    preview.error !== undefined
      ? splitErrorsOf(isApiError(preview.error) ? preview.error.details : [], errorText(preview.error, t))
      : null;
  const errors = saveErrors ?? previewErrors;
  const parts = preview.preview?.children;
  const childrenLoading = (by === 'units' && units.loading) || (by === 'people' && team.loading);
  const childrenError = by === 'people' ? team.error : by === 'units' ? units.error : undefined;

  const save = async () => {
    setSaving(true);
    setSaveErrors(null);
    try {
      const result = await targetsApi.splitLine(line.id, saveBodyOf(line, by, grain, children, inputs, note));
      void message.success(t('targets.splitSaved', { count: result.children.length }));
      onSaved(result);
    } catch (err) {
      if (isApiError(err) && err.status !== 409) setSaveErrors(splitErrorsOf(err.details, errorText(err, t)));
      else notice(err);
    } finally {
      setSaving(false);
    }
  };

  const rowError = (i: number): ReactNode =>
    errors?.rows.get(i)?.map((m) => (
      <Typography.Text key={m} type="danger" style={{ fontSize: 12, display: 'block' }}>
        {m}
      </Typography.Text>
    ));

  // The list typed for weights or headcount (the other methods have their own inputs, or none).
  const listField = inputs.method === 'headcount' ? 'headcount' : 'weights';
  const inputColumn: TableColumnsType<SplitChild>[number] | null =
    inputs.method === 'equal' ||
    (inputs.method === 'history' && inputs.readHistory) ||
    (inputs.method === 'headcount' && inputs.readHeadcount)
      ? null
      : {
          key: 'input',
          title: t(`splitMethod.input.${inputs.method}`),
          width: inputs.method === 'manual' ? 200 : 150,
          render: (_, c, i) => (
            <div data-testid="split-input">
              {inputs.method === 'manual' ? (
                <Flex vertical gap={4}>
                  {TIERS.map((tier) => (
                    <AmountInput
                      key={tier}
                      metric={metric}
                      value={inputs.amounts[i]?.[tier] ?? null}
                      onChange={(v) => setAmount(i, tier, v)}
                      disabled={c.locked}
                      placeholder={tier === 'target' ? t('tier.target') : t(`targets.tierDefault.${tier}`)}
                      aria-label={`${c.label} ${t(`tier.${tier}`)}`}
                    />
                  ))}
                </Flex>
              ) : inputs.method === 'history' ? (
                <AmountInput
                  metric={metric}
                  value={inputs.history[i] ?? null}
                  onChange={(v) => setAt('history', i, v)}
                  aria-label={`${c.label} ${t('splitMethod.input.history')}`}
                />
              ) : (
                <InputNumber<number>
                  value={inputs[listField][i] ?? null}
                  onChange={(v) => setAt(listField, i, v ?? null)}
                  min={0}
                  precision={listField === 'headcount' ? 0 : undefined}
                  inputMode="decimal"
                  style={{ width: '100%' }}
                  aria-label={`${c.label} ${t(`splitMethod.input.${listField}`)}`}
                />
              )}
              {rowError(i)}
            </div>
          ),
        };

  const partCell = (i: number, tier: Tier) => {
    const v = parts?.[i]?.[tier];
    return v === undefined || v === null ? (
      <Typography.Text type="secondary">{'\u2014'}</Typography.Text>
    ) : (
      formatTarget(metric, v)
    );
  };

  const columns: TableColumnsType<SplitChild> = [
    {
      key: 'child',
      title: t(`targets.splitChild.${by}`),
      fixed: 'left',
      width: 120,
      render: (_, c, i) => (
        <>
          {c.label}
          {c.locked && (
            <Tooltip title={t('targets.lockedHint')}>
              <LockOutlined
                style={{ marginInlineStart: 4, color: '#8c8c8c' }}
                aria-label={t('targets.locked')}
              />
            </Tooltip>
          )}
          {inputColumn === null && rowError(i)}
        </>
      ),
    },
    ...(inputColumn ? [inputColumn] : []),
    ...TIERS.map((tier) => ({
      key: tier,
      title: t(`tier.${tier}`),
      align: 'right' as const,
      render: (_: unknown, _c: SplitChild, i: number) => (
        <span data-testid={`split-part-${tier}`}>{partCell(i, tier)}</span>
      ),
    })),
  ];

  const gap = preview.preview?.gap;
  const sumOf = (tier: Tier) =>
    parts ? parts.reduce((s, p) => s + (tier === 'target' ? p.target : (p[tier] ?? p.target)), 0) : null;

  return (
    <Modal
      open
      title={t(weeklyOnly ? 'targets.weeklyTitle' : 'targets.splitTitle', {
        owner: line.ownerName,
        period: periodLabel(line.period),
      })}
      onCancel={onClose}
      footer={
        // The totals and the gap stay in sight while the list of children scrolls.
        <Flex wrap gap={12} align="center" justify="space-between">
          <Flex wrap gap={12} style={{ textAlign: 'start' }} data-testid="split-totals">
            {TIERS.map((tier) => {
              const g = gap ? (gap[tier] ?? 0) : null;
              return (
                <Flex key={tier} vertical style={{ minWidth: 110 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('targets.tierSum', { tier: t(`tier.${tier}`) })}
                  </Typography.Text>
                  <span>{formatTarget(metric, sumOf(tier))}</span>
                  <Typography.Text
                    type={g ? 'danger' : g === 0 ? 'success' : 'secondary'}
                    strong={!!g}
                    style={{ fontSize: 12 }}
                    data-testid={`split-gap-${tier}`}
                  >
                    {`${t('targets.gap')} ${formatTarget(metric, g)}`}
                  </Typography.Text>
                </Flex>
              );
            })}
          </Flex>
          <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={saving}
              disabled={children.length === 0}
              onClick={() => void save()}
              data-testid="split-save"
            >
              {t('targets.saveSplit')}
            </Button>
          </Flex>
        </Flex>
      }
      destroyOnHidden
      width={860}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto' } }}
    >
      <Flex vertical gap={12} data-testid="split-dialog">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={TIERS.map((tier) => ({
            key: tier,
            label: t(`tier.${tier}`),
            children: <b>{formatTarget(metric, line[tier])}</b>,
          }))}
        />
        {!weeklyOnly && byOptions.length > 1 && (
          <Flex wrap gap={8} align="center">
            <Typography.Text>{t('targets.splitBy')}</Typography.Text>
            <Segmented<SplitBy>
              value={by}
              onChange={(v) => {
                setBy(v);
                setSaveErrors(null);
              }}
              options={byOptions.map((b) => ({ value: b, label: t(`targets.by.${b}`) }))}
              data-testid="split-by"
            />
          </Flex>
        )}
        {by === 'period' && !weeklyOnly && grains.length > 1 && (
          <Flex wrap gap={8} align="center">
            <Typography.Text>{t('targets.splitInto')}</Typography.Text>
            <Segmented<ChildGrain>
              value={grain}
              onChange={(g) => setGrain(g)}
              options={grains.map((g) => ({ value: g, label: t(`period.grain.${g}`) }))}
              data-testid="split-grain"
            />
          </Flex>
        )}
        <Flex wrap gap={8} align="center">
          <Typography.Text>{t('targets.method')}</Typography.Text>
          <Segmented<SplitMethodName>
            value={inputs.method}
            onChange={(m) => update({ method: m })}
            options={SPLIT_METHODS.map((m) => ({ value: m, label: t(`splitMethod.${m}`) }))}
            data-testid="split-method"
          />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`splitMethod.hint.${inputs.method}`)}
        </Typography.Text>
        {inputs.method === 'history' && (
          <Checkbox checked={inputs.readHistory} onChange={(e) => update({ readHistory: e.target.checked })}>
            {t('targets.readHistory')}
          </Checkbox>
        )}
        {inputs.method === 'headcount' && by === 'units' && (
          <Checkbox
            checked={inputs.readHeadcount}
            onChange={(e) => update({ readHeadcount: e.target.checked })}
          >
            {t('targets.readHeadcount')}
          </Checkbox>
        )}
        {serverReadsInputs(inputs) && <Alert type="info" showIcon title={t('targets.serverReadsInputs')} />}
        {errors && errors.general.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="split-errors"
            title={errors.general.length === 1 ? errors.general[0] : t('targets.splitRefused')}
            description={
              errors.general.length > 1 ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {errors.general.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {childrenError ? (
          <Alert type="error" showIcon title={errorText(childrenError, t)} />
        ) : (
          <Spin spinning={preview.pending || childrenLoading} delay={150}>
            <Table<SplitChild>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={children}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="split-children"
              locale={{ emptyText: t(`targets.noChildren.${by}`) }}
            />
          </Spin>
        )}
        {existing.length > 0 && (
          <Alert type="warning" showIcon title={t('targets.replacesChildren', { count: existing.length })} />
        )}
        {weeklyOnly && !plan.allowUnallocated && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('targets.weeklyMustAddUp')}
          </Typography.Text>
        )}
        <Form layout="vertical">
          <Form.Item label={t('targets.splitNote')} style={{ marginBottom: 0 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
          </Form.Item>
        </Form>
        {!can('target.plan') && !weeklyOnly && (
          <Typography.Text type="secondary">{t('targets.noPlanRight')}</Typography.Text>
        )}
      </Flex>
    </Modal>
  );
}
