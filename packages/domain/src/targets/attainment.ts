import type Decimal from 'decimal.js';
import { Dec, roundToFen } from '../money/money.ts';
import { dayCount, elapsedDays, parsePeriod } from '../periods/periods.ts';

/**
 * Progress against a target (完成率 / 达成率): actual and target are integers (fen, or counts); ratios are
 * decimals, rounded only where they are shown.
 */

/** 完成率 = actual ÷ target (1 = 100%); null when the target is 0, where a rate means nothing. */
export function attainment(actual: number, target: number): Decimal | null {
  return target === 0 ? null : new Dec(actual).dividedBy(target);
}

/** What is still to do: target − actual. Negative when the target is beaten (超额). */
export function gapToTarget(actual: number, target: number): number {
  return target - actual;
}

/**
 * Run-rate projection to the end of the period: actual ÷ days gone × days in the period, rounded once with
 * roundToFen. Before the period starts there is no rate, so the projection is what is already booked; after
 * it ends the projection is the actual.
 */
export function projectRunRate(actual: number, period: string, today: string): number {
  const elapsed = elapsedDays(period, today);
  if (elapsed === 0) return actual;
  return roundToFen(new Dec(actual).times(dayCount(period)).dividedBy(elapsed));
}

export const PACE_STATUSES = [
  'not_started',
  'ahead',
  'on_track',
  'behind',
  'done_met',
  'done_missed',
] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];

/**
 * How far from the straight-line pace a person may be and still count as on track: 5 percentage points of
 * the target. On day 10 of a 30-day month the pace is 33.3%; 28.3% or less of the target is behind, 38.3% or
 * more is ahead. The band keeps the first days of a period (and a sale booked a day late) from flagging a
 * rep who is in fact on course; a company may pass its own.
 */
export const DEFAULT_PACE_TOLERANCE = '0.05';

/**
 * Where a person stands in a period on `today` (today counted as gone, as in the run rate): the team lead's
 * "who is behind and by how much". Pace is target × days gone ÷ days in the period. Before the period:
 * not_started; after its last day: done_met when the target was reached, else done_missed. With a target
 * of 0 anything sold is ahead and nothing sold is on track.
 */
export function paceStatus(
  actual: number,
  target: number,
  period: string,
  today: string,
  tolerance: Decimal.Value = DEFAULT_PACE_TOLERANCE,
): PaceStatus {
  const elapsed = elapsedDays(period, today);
  if (elapsed === 0) return 'not_started';
  if (today > parsePeriod(period).to) return actual >= target ? 'done_met' : 'done_missed';
  const pace = new Dec(target).times(elapsed).dividedBy(dayCount(period));
  const band = new Dec(target).abs().times(tolerance);
  const ahead = new Dec(actual).minus(pace);
  if (ahead.lessThan(band.negated())) return 'behind';
  if (ahead.greaterThan(band)) return 'ahead';
  return 'on_track';
}

export type Ranked<T> = T & { rank: number | null };
/** The fields of a row that can be ranked: numbers, decimals, or null for "no value". */
export type RankableKey<T> = { [P in keyof T]: T[P] extends number | Decimal | null ? P : never }[keyof T];

/**
 * 排行榜: rows ordered by `key`, highest first, ties in name order (then input order), so the board never
 * reshuffles between two loads. Competition ranking gives 1, 2, 2, 4; dense gives 1, 2, 2, 3. A row whose
 * value is null (an attainment with no target) is listed last, unranked.
 */
export function rankBy<T extends { name: string }>(
  rows: readonly T[],
  key: RankableKey<T>,
  style: 'competition' | 'dense' = 'competition',
): Ranked<T>[] {
  const valueOf = (row: T): Decimal | null => {
    const value = row[key] as number | Decimal | null;
    return value === null ? null : new Dec(value);
  };
  const sorted = rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (!a.value.equals(b.value)) return a.value.greaterThan(b.value) ? -1 : 1;
      if (a.row.name !== b.row.name) return a.row.name < b.row.name ? -1 : 1;
      return a.index - b.index;
    });
  let rank = 0;
  return sorted.map(({ row, value }, i) => {
    const previous = sorted[i - 1]?.value;
    if (value !== null && !previous?.equals(value)) {
      rank = style === 'dense' ? rank + 1 : i + 1;
    }
    return { ...row, rank: value === null ? null : rank };
  });
}
