import type { Fen } from '../money/money.ts';

/**
 * 账龄 bands of the issue ("0–30, 31–60, 61–90, over 90 days"), plus money not yet due. An order due today
 * is 0 days overdue: due, so in the first band, not "current".
 */
export const AGEING_BANDS = ['current', '0-30', '31-60', '61-90', '90+'] as const;
export type AgeingBand = (typeof AGEING_BANDS)[number];

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new RangeError(`not a date: ${day}`);
  return ms / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Calendar days, no clock involved. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Days past the due date on `today`; 0 or less = not overdue. */
export function daysOverdue(dueOn: string, today: string): number {
  return daysBetween(dueOn, today);
}

export function ageingBand(dueOn: string, today: string): AgeingBand {
  const days = daysOverdue(dueOn, today);
  if (days < 0) return 'current';
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

export type BandAmounts = Record<AgeingBand, Fen>;

export interface AgeingRow<K> {
  key: K;
  bands: BandAmounts;
  totalFen: Fen;
  orderCount: number;
}

export function emptyBands(): BandAmounts {
  return { current: 0, '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

/**
 * Sum open amounts into bands per group (customer, owner or team), keeping the groups in first-seen order.
 * Each row's bands add up to its total and the rows add up to the grand total, fen for fen.
 */
export function summariseAgeing<K>(
  items: readonly { key: K; groupId: string | number; openFen: Fen; dueOn: string }[],
  today: string,
): { rows: AgeingRow<K>[]; totals: { bands: BandAmounts; totalFen: Fen; orderCount: number } } {
  const byGroup = new Map<string | number, AgeingRow<K>>();
  const totals = { bands: emptyBands(), totalFen: 0, orderCount: 0 };
  for (const item of items) {
    let row = byGroup.get(item.groupId);
    if (!row) {
      row = { key: item.key, bands: emptyBands(), totalFen: 0, orderCount: 0 };
      byGroup.set(item.groupId, row);
    }
    const band = ageingBand(item.dueOn, today);
    row.bands[band] += item.openFen;
    row.totalFen += item.openFen;
    row.orderCount += 1;
    totals.bands[band] += item.openFen;
    totals.totalFen += item.openFen;
    totals.orderCount += 1;
  }
  return { rows: [...byGroup.values()], totals };
}
