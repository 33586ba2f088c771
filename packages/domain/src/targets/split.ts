import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';

/**
 * 分解并下达: split a parent target (integer fen, or a count such as new customers) into children that add up
 * to the parent exactly. Every method except `manual` comes down to weights, apportioned by the largest
 * remainder (Hamilton): each child gets the whole part of its exact share, and the fen left over go one each
 * to the children with the largest remainders, the lower child index first on a tie. The arithmetic is on
 * integers (BigInt), so no rounding error can move a fen, and the same input always gives the same parts.
 *
 * Bad input is not an exception: the result lists every problem with the field it is in (`total`,
 * `weights.2`, `weights`), which the API turns into a 400 naming the field.
 */

/** A weight or last year's actual: a number, or a decimal string such as "12.5". */
export type Share = number | string;

export const SPLIT_METHODS = ['equal', 'weights', 'history', 'headcount', 'manual'] as const;

/**
 * How to split, without the total. `count`, when given, is the number of children the caller expects (the
 * months of a quarter, the members of a team); a list of another length is refused rather than guessed at.
 */
export type SplitMethod =
  /** Equal parts for `count` children. */
  | { method: 'equal'; count: number }
  /** In proportion to non-negative weights. */
  | { method: 'weights'; weights: readonly Share[]; count?: number }
  /** In proportion to last year's actuals per child: its months (seasonality) or its people (同期占比). */
  | { method: 'history'; history: readonly Share[]; count?: number }
  /** In proportion to the people in each child (岗位定员 / headcount). */
  | { method: 'headcount'; headcount: readonly number[]; count?: number }
  /** Amounts typed by hand, kept as typed: a shortfall or excess is reported as the gap, never rescaled. */
  | { method: 'manual'; parts: readonly number[]; count?: number };

export type SplitInput = SplitMethod & { total: number };

export const SPLIT_ERROR_KEYS = [
  'split.methodUnknown',
  'split.totalNotInteger',
  'split.negativeTotal',
  'split.countInvalid',
  'split.noChildren',
  'split.countMismatch',
  'split.weightInvalid',
  'split.negativeWeight',
  'split.weightsAllZero',
  'split.historyInvalid',
  'split.negativeHistory',
  'split.historyAllZero',
  'split.headcountInvalid',
  'split.headcountAllZero',
  'split.partNotInteger',
  'split.negativePart',
  'split.tierOrder',
  'split.methodNotForTiers',
] as const;
export type SplitErrorKey = (typeof SPLIT_ERROR_KEYS)[number];

export interface SplitFieldError {
  /** The field at fault: `total`, `count`, `weights`, or one entry such as `weights.2`. */
  path: string;
  key: SplitErrorKey;
  params: Record<string, string | number>;
}

export type SplitResult =
  | {
      ok: true;
      parts: number[];
      /** total − sum of the parts: always 0, except for a manual split that does not add up. */
      gap: number;
    }
  | { ok: false; errors: SplitFieldError[] };

/** More children than any real split has (2,000 reps, 53 weeks): a count beyond it is a typing mistake. */
export const MAX_SPLIT_CHILDREN = 100_000;

/** The field and error keys of each proportional method: the same maths, its own words for the user. */
const SHARE_RULES = {
  weights: {
    invalid: 'split.weightInvalid',
    negative: 'split.negativeWeight',
    allZero: 'split.weightsAllZero',
    wholeOnly: false,
  },
  history: {
    invalid: 'split.historyInvalid',
    negative: 'split.negativeHistory',
    allZero: 'split.historyAllZero',
    wholeOnly: false,
  },
  headcount: {
    invalid: 'split.headcountInvalid',
    negative: 'split.headcountInvalid',
    allZero: 'split.headcountAllZero',
    wholeOnly: true,
  },
} as const satisfies Record<
  string,
  { invalid: SplitErrorKey; negative: SplitErrorKey; allZero: SplitErrorKey; wholeOnly: boolean }
>;

type Shares = { kind: 'weights'; weights: bigint[] } | { kind: 'manual'; parts: number[] };

function checkTotal(total: unknown, path: string, errors: SplitFieldError[]): total is number {
  if (typeof total !== 'number' || !Number.isSafeInteger(total)) {
    errors.push({ path, key: 'split.totalNotInteger', params: { total: String(total) } });
    return false;
  }
  if (total < 0) {
    errors.push({ path, key: 'split.negativeTotal', params: { total } });
    return false;
  }
  return true;
}

/** The list of a method, checked for emptiness and against the expected count. */
function readList(list: unknown, field: string, count: unknown, errors: SplitFieldError[]): unknown[] | null {
  const expected = count === undefined || !checkCount(count, errors) ? null : count;
  if (!Array.isArray(list) || list.length === 0) {
    errors.push({ path: field, key: 'split.noChildren', params: {} });
    return null;
  }
  if (expected !== null && expected !== list.length) {
    errors.push({
      path: field,
      key: 'split.countMismatch',
      params: { expected, actual: list.length },
    });
    return null;
  }
  return list;
}

function checkCount(count: unknown, errors: SplitFieldError[]): count is number {
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_SPLIT_CHILDREN)
    return true;
  errors.push({
    path: 'count',
    key: 'split.countInvalid',
    params: { count: String(count), max: MAX_SPLIT_CHILDREN },
  });
  return false;
}

/** A share as an exact decimal, or null when it is not a plain number ("1e3", "abc", NaN, Infinity). */
function readShare(value: unknown, wholeOnly: boolean): Decimal | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (wholeOnly && !Number.isInteger(value))) return null;
    return new Dec(value);
  }
  if (typeof value === 'string' && !wholeOnly && /^-?\d+(\.\d+)?$/.test(value.trim()))
    return new Dec(value.trim());
  return null;
}

/** Decimal weights scaled by one power of ten into integers with the same ratios. */
function toIntegerWeights(shares: Decimal[]): bigint[] {
  const places = Math.max(...shares.map((s) => s.decimalPlaces()));
  return shares.map((s) => BigInt(s.toFixed(places).replace('.', '')));
}

function readWeights(
  field: keyof typeof SHARE_RULES,
  list: unknown[],
  errors: SplitFieldError[],
): bigint[] | null {
  const rules = SHARE_RULES[field];
  const before = errors.length;
  const shares = list.map((value, i) => {
    const share = readShare(value, rules.wholeOnly);
    if (share === null)
      errors.push({ path: `${field}.${i}`, key: rules.invalid, params: { value: String(value) } });
    else if (share.isNegative() && !share.isZero()) {
      errors.push({ path: `${field}.${i}`, key: rules.negative, params: { value: share.toString() } });
    }
    return share;
  });
  if (errors.length > before) return null;
  const valid = shares as Decimal[];
  if (valid.every((s) => s.isZero())) {
    errors.push({ path: field, key: rules.allZero, params: {} });
    return null;
  }
  return toIntegerWeights(valid);
}

function readManualParts(list: unknown[], errors: SplitFieldError[]): number[] | null {
  const before = errors.length;
  list.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      errors.push({ path: `parts.${i}`, key: 'split.partNotInteger', params: { value: String(value) } });
    } else if (value < 0) {
      errors.push({ path: `parts.${i}`, key: 'split.negativePart', params: { value } });
    }
  });
  return errors.length > before ? null : (list as number[]);
}

/** What a method says about the children, or null with the reasons added to `errors`. */
function readShares(method: SplitMethod, errors: SplitFieldError[]): Shares | null {
  switch (method.method) {
    case 'equal':
      return checkCount(method.count, errors)
        ? { kind: 'weights', weights: new Array<bigint>(method.count).fill(1n) }
        : null;
    case 'weights':
    case 'history':
    case 'headcount': {
      const field = method.method;
      const given =
        field === 'weights' ? method.weights : field === 'history' ? method.history : method.headcount;
      const list = readList(given, field, method.count, errors);
      const weights = list && readWeights(field, list, errors);
      return weights ? { kind: 'weights', weights } : null;
    }
    case 'manual': {
      const list = readList(method.parts, 'parts', method.count, errors);
      const parts = list && readManualParts(list, errors);
      return parts ? { kind: 'manual', parts } : null;
    }
    default:
      errors.push({
        path: 'method',
        key: 'split.methodUnknown',
        params: { method: String((method as { method: unknown }).method), allowed: SPLIT_METHODS.join(', ') },
      });
      return null;
  }
}

/** Largest-remainder apportionment of a non-negative integer total over non-negative integer weights. */
function apportion(total: number, weights: readonly bigint[]): number[] {
  const whole = BigInt(total);
  const sum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((w) => (whole * w) / sum);
  const remainders = weights.map((w) => (whole * w) % sum);
  const leftover = Number(whole - parts.reduce((a, b) => a + b, 0n));
  const byRemainder = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[a]! === remainders[b]! ? a - b : remainders[a]! > remainders[b]! ? -1 : 1));
  for (const i of byRemainder.slice(0, leftover)) parts[i]! += 1n;
  return parts.map(Number);
}

function applyShares(total: number, shares: Shares): { parts: number[]; gap: number } {
  if (shares.kind === 'manual') {
    return { parts: [...shares.parts], gap: total - shares.parts.reduce((a, b) => a + b, 0) };
  }
  return { parts: apportion(total, shares.weights), gap: 0 };
}

/** Split a total by one method. Every problem is reported at once, each with the field it is in. */
export function splitTarget(input: SplitInput): SplitResult {
  const errors: SplitFieldError[] = [];
  const totalOk = checkTotal(input.total, 'total', errors);
  const shares = readShares(input, errors);
  if (!totalOk || !shares) return { ok: false, errors };
  return { ok: true, ...applyShares(input.total, shares) };
}

/** The three levels of one target: 目标 (target), 挑战 (stretch), 冲刺 (challenge); the last two optional. */
export const TIERS = ['target', 'stretch', 'challenge'] as const;
export type Tier = (typeof TIERS)[number];
export type TierTotals = { target: number } & Partial<Record<'stretch' | 'challenge', number>>;
export type TierParts = { target: number[] } & Partial<Record<'stretch' | 'challenge', number[]>>;
/** Tiers split by proportion; amounts typed by hand belong to one tier and cannot be shared. */
export type TierSplitMethod = Exclude<SplitMethod, { method: 'manual' }>;

export type TierSplitResult = { ok: true; tiers: TierParts } | { ok: false; errors: SplitFieldError[] };

/**
 * Split each tier with the same method and weights, so that every tier adds up to its own total. A higher
 * tier may not be below a lower one (冲刺 ≥ 挑战 ≥ 目标); errors on a tier's total name the tier (`stretch`).
 * Largest remainders are taken per tier, so in a weighted split a child's stretch part can, rarely, be a
 * fen below its target part (the Alabama paradox of Hamilton's method); each tier still adds up exactly.
 */
export function splitTiers(totals: TierTotals, method: TierSplitMethod): TierSplitResult {
  const errors: SplitFieldError[] = [];
  const given = TIERS.filter((tier) => tier === 'target' || totals[tier] !== undefined);
  const valid = given.filter((tier) => checkTotal(totals[tier], tier, errors));
  valid.forEach((tier, i) => {
    const lower = valid[i - 1];
    if (lower !== undefined && totals[tier]! < totals[lower]!) {
      errors.push({ path: tier, key: 'split.tierOrder', params: { tier, lower } });
    }
  });
  const manual = (method as SplitMethod).method === 'manual';
  if (manual) errors.push({ path: 'method', key: 'split.methodNotForTiers', params: { method: 'manual' } });
  const shares = manual ? null : readShares(method, errors);
  if (!shares || errors.length > 0) return { ok: false, errors };
  const tiers: TierParts = { target: applyShares(totals.target, shares).parts };
  for (const tier of given) tiers[tier] = applyShares(totals[tier]!, shares).parts;
  return { ok: true, tiers };
}
