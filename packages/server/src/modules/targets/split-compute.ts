import {
  PERIOD_GRAINS,
  PeriodError,
  splitTarget,
  splitTiers,
  TIERS,
  type Share,
  type SplitFieldError,
  type Tier,
  type TierSplitMethod,
} from '@zuzhang/domain';
import type { SplitMethodName } from '@zuzhang/api-schema';
import { AppError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';

/**
 * One split (分解) of the three tiers, shared by the preview and the saved split: the domain does the maths
 * (splitTarget / splitTiers, largest remainder, exact to the fen); this file only reads the request and turns
 * the domain's field errors `{path, key, params}` into a 400 naming `body.<path>`.
 */

export type ManualAmount = number | { target: number; stretch?: number; challenge?: number };

export interface SplitInputs {
  method: SplitMethodName;
  weights?: readonly Share[];
  history?: readonly Share[];
  headcount?: readonly number[];
  amounts?: readonly ManualAmount[];
}

export type TierTotalsInput = { target: number; stretch?: number; challenge?: number };

export interface SplitPaths {
  /** Where a tier's total came from: `body.total`, `body.total.stretch`, or `params.id` for a saved line. */
  total(tier: Tier): string;
  /** Where the number of children came from: `body.count`, `body.periods`, `body.employeeIds`… */
  count: string;
}

export interface SplitOutcome {
  /** Parts per tier given in the totals, each in the children's order. */
  tiers: Partial<Record<Tier, number[]>>;
  /** Total − Σ parts per tier given: 0 except for a manual split that does not add up. */
  gap: Partial<Record<Tier, number>>;
}

/** Params naming a tier are shown as the tier's name (目标 / 挑战 / 冲刺). */
function translateParams(params: Record<string, string | number>): Record<string, string | number> {
  const out = { ...params };
  for (const name of ['tier', 'lower']) {
    const value = out[name];
    if (typeof value === 'string' && (TIERS as readonly string[]).includes(value)) {
      out[name] = `targets.tier.${value}`;
    }
  }
  return out;
}

function toDetail(
  error: SplitFieldError,
  paths: SplitPaths,
  manualTier: Tier | null,
  amounts?: readonly ManualAmount[],
): ErrorDetail {
  const [head, index] = error.path.split('.');
  let path: string;
  if ((TIERS as readonly string[]).includes(error.path)) path = paths.total(error.path as Tier);
  else if (error.path === 'total') path = paths.total(manualTier ?? 'target');
  else if (error.path === 'count') path = paths.count;
  else if (head === 'parts') {
    // A manual amount: the entry, or its tier when the entry gives tiers.
    const entry = index === undefined ? undefined : amounts?.[Number(index)];
    path =
      index === undefined
        ? 'body.amounts'
        : typeof entry === 'object'
          ? `body.amounts.${index}.${manualTier ?? 'target'}`
          : `body.amounts.${index}`;
  } else path = `body.${error.path}`;
  return { path, key: error.key as MessageKey, params: translateParams(error.params) };
}

export function validationError(details: ErrorDetail[]): AppError {
  // One message per field is enough: the same fault found in two tiers is shown once.
  const seen = new Set<string>();
  const unique = details.filter((d) => {
    const id = `${d.path}|${'key' in d ? d.key : d.text}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return new AppError('validation', 'errors.validation', {}, unique);
}

/** A PeriodError (a period that does not exist, a week outside the year) as a 400 on the field it came from. */
export function periodFieldError(error: unknown, path: string): unknown {
  if (!(error instanceof PeriodError)) return error;
  const params = { ...error.params };
  if (typeof params.grain === 'string' && (PERIOD_GRAINS as readonly string[]).includes(params.grain)) {
    params.grain = `targets.grain.${params.grain}`;
  }
  return validationError([{ path, key: error.key as MessageKey, params }]);
}

function manualParts(amounts: readonly ManualAmount[], tier: Tier): unknown[] {
  return amounts.map((a) => {
    if (typeof a === 'number') return a;
    if (tier === 'target') return a.target;
    if (tier === 'stretch') return a.stretch ?? a.target;
    return a.challenge ?? a.stretch ?? a.target;
  });
}

/**
 * Split the totals by the inputs. `count`, when known (the children of a saved split, or `count` in a
 * preview), must match the list of the method. Throws a 400 naming every field at fault.
 */
export function runSplit(
  totals: TierTotalsInput,
  inputs: SplitInputs,
  count: number | undefined,
  paths: SplitPaths,
): SplitOutcome {
  const given = TIERS.filter((tier) => tier === 'target' || totals[tier] !== undefined);
  // The totals themselves (non-negative integers, 冲刺 ≥ 挑战 ≥ 目标), checked by the domain's own rules.
  const check = splitTiers(totals, { method: 'equal', count: 1 });
  if (!check.ok) throw validationError(check.errors.map((e) => toDetail(e, paths, null)));

  if (inputs.method === 'manual') {
    const errors: ErrorDetail[] = [];
    const outcome: SplitOutcome = { tiers: {}, gap: {} };
    const amounts = inputs.amounts;
    for (const tier of given) {
      const result = splitTarget({
        method: 'manual',
        parts: (amounts === undefined ? undefined : manualParts(amounts, tier)) as number[],
        ...(count === undefined ? {} : { count }),
        total: totals[tier]!,
      });
      if (!result.ok) errors.push(...result.errors.map((e) => toDetail(e, paths, tier, amounts)));
      else {
        outcome.tiers[tier] = result.parts;
        outcome.gap[tier] = result.gap;
      }
    }
    if (errors.length > 0) throw validationError(errors);
    return outcome;
  }

  const withCount = count === undefined ? {} : { count };
  const method: TierSplitMethod =
    inputs.method === 'equal'
      ? { method: 'equal', count: count as number }
      : inputs.method === 'weights'
        ? { method: 'weights', weights: inputs.weights as Share[], ...withCount }
        : inputs.method === 'history'
          ? { method: 'history', history: inputs.history as Share[], ...withCount }
          : { method: 'headcount', headcount: inputs.headcount as number[], ...withCount };
  const result = splitTiers(totals, method);
  if (!result.ok) throw validationError(result.errors.map((e) => toDetail(e, paths, null)));
  const gap: Partial<Record<Tier, number>> = {};
  for (const tier of given) gap[tier] = 0;
  return { tiers: result.tiers, gap };
}
