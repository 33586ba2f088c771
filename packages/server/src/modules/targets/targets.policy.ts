import { formatYuan } from '@zuzhang/domain';

/**
 * Rules of target plans that need no database: pure functions, tested as tables (targets.policy.test.ts).
 */

/**
 * A LOCKED period is one that ended before today (its last day < today, in the company's time zone): its
 * figures are history. Issue 4: "a mid-year change … never rewrites past periods' figures silently. Locked
 * periods cannot change without the right permission" — target.override in a draft; never in a published
 * plan. The current period (today inside it) is open.
 */
export function isLocked(periodEnd: string, today: string): boolean {
  return periodEnd < today;
}

export interface TierValues {
  target: number;
  stretch: number;
  challenge: number;
}

/**
 * The three tiers 目标 / 挑战 / 冲刺 with their defaults: a stretch not given is the target, a challenge not
 * given is the stretch, so a plan with one figure has three equal tiers that split alike.
 */
export function withTierDefaults(tiers: {
  target: number;
  stretch?: number;
  challenge?: number;
}): TierValues {
  const stretch = tiers.stretch ?? tiers.target;
  return { target: tiers.target, stretch, challenge: tiers.challenge ?? stretch };
}

/** The owner and period of a line: the same target in two versions of a plan. */
export interface LineKeyFields {
  ownerKind: string;
  unitId: number | null;
  employeeId: number | null;
  period: string;
}

export function lineKey(line: LineKeyFields): string {
  return `${line.ownerKind}|${line.unitId ?? 0}|${line.employeeId ?? 0}|${line.period}`;
}

export interface VersionedLine extends LineKeyFields, TierValues {
  periodEnd: string;
}

export interface LockedChange<L extends VersionedLine> {
  key: string;
  before: L | null;
  after: L | null;
}

/**
 * The lines of locked periods that differ between the previous published version and its revision: added,
 * removed, or with another amount in any tier. Publishing a revision with any of them takes target.override.
 */
export function findLockedChanges<L extends VersionedLine>(
  previous: readonly L[],
  next: readonly L[],
  today: string,
): LockedChange<L>[] {
  const before = new Map(previous.map((l) => [lineKey(l), l]));
  const after = new Map(next.map((l) => [lineKey(l), l]));
  const changes: LockedChange<L>[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key) ?? null;
    const a = after.get(key) ?? null;
    const periodEnd = (a ?? b)!.periodEnd;
    if (!isLocked(periodEnd, today)) continue;
    const same =
      a !== null &&
      b !== null &&
      a.target === b.target &&
      a.stretch === b.stretch &&
      a.challenge === b.challenge;
    if (!same) changes.push({ key, before: b, after: a });
  }
  return changes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/**
 * In a published plan the one split allowed is 分解并下达本组周任务: a person's or a team's month into weeks.
 */
export function isWeeklyAssignment(
  line: { ownerKind: string; grain: string },
  by: string,
  grain: string | undefined,
): boolean {
  return (
    (line.ownerKind === 'employee' || line.ownerKind === 'unit') &&
    line.grain === 'month' &&
    by === 'period' &&
    grain === 'week'
  );
}

/** Amounts as people read them: yuan for money metrics, a plain count for new customers. */
export function formatAmount(metric: string, amount: number): string {
  return metric === 'new_customers' ? amount.toLocaleString('en-US') : formatYuan(amount);
}
