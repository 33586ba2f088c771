import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import { elapsedDays } from '../periods/periods.ts';
import { rankBy, type RankableKey } from './attainment.ts';

/**
 * Product and market analysis (畅销 / 滞销, 市场覆盖率 / 市场占有率). Rates are decimals, never rounded here;
 * a denominator of zero gives null ("no figure"), not zero and not an error.
 */

export type Velocity = {
  /** Days of the period gone by on `today` (all of them once it has ended). */
  days: number;
  /** Units sold per day; null before the period starts. */
  quantityPerDay: Decimal | null;
  /** Fen sold per day (a rate, not an amount: round with roundToFen only to display it). */
  amountPerDay: Decimal | null;
};

/**
 * Sales velocity (动销速度) per product: quantity and amount per day over the days of the period gone by, so
 * a month in progress is compared fairly with a finished one.
 */
export function computeSalesVelocity<T extends { quantity: number; amountFen: number }>(
  rows: readonly T[],
  period: string,
  today: string,
): (T & Velocity)[] {
  const days = elapsedDays(period, today);
  return rows.map((row) => ({
    ...row,
    days,
    quantityPerDay: days === 0 ? null : new Dec(row.quantity).dividedBy(days),
    amountPerDay: days === 0 ? null : new Dec(row.amountFen).dividedBy(days),
  }));
}

/**
 * Period-over-period change (环比 / 同比): (current − previous) ÷ |previous|, so a rise is positive even from
 * a negative base (returns above sales); null when the previous period is 0, where growth has no meaning.
 */
export function computeChange(current: Decimal.Value, previous: Decimal.Value): Decimal | null {
  const base = new Dec(previous);
  return base.isZero() ? null : new Dec(current).minus(base).dividedBy(base.abs());
}

export type ProductClassification = 'best_seller' | 'slow_mover' | 'normal';

export type ClassifyRule =
  /** The `top` fastest are best sellers and the `bottom` slowest of the rest are slow movers. */
  | { kind: 'rank'; top: number; bottom: number }
  /** At or above `bestAtLeast` per day is a best seller; at or below `slowAtMost` is a slow mover. */
  | { kind: 'threshold'; bestAtLeast: Decimal.Value; slowAtMost: Decimal.Value };

/**
 * 畅销 / 滞销: classify products by a velocity field, fastest first. The order is the leaderboard's (value,
 * then name, then input order), so a tie at the cut-off always falls the same way. A product with no value
 * (period not started) is `normal`. Best seller wins when a rule would make a product both.
 */
export function classifyProducts<T extends { name: string }>(
  rows: readonly T[],
  key: RankableKey<T>,
  rule: ClassifyRule,
): (T & { classification: ProductClassification })[] {
  const ranked = rankBy(rows, key);
  const valued = ranked.filter((row) => row.rank !== null).length;
  return ranked.map(({ rank, ...rest }, position) => {
    const row = rest as unknown as T;
    const value = row[key] as number | Decimal | null;
    let classification: ProductClassification = 'normal';
    if (rank !== null && value !== null) {
      if (rule.kind === 'rank') {
        if (position < rule.top) classification = 'best_seller';
        else if (position >= valued - rule.bottom) classification = 'slow_mover';
      } else if (new Dec(value).greaterThanOrEqualTo(rule.bestAtLeast)) classification = 'best_seller';
      else if (new Dec(value).lessThanOrEqualTo(rule.slowAtMost)) classification = 'slow_mover';
    }
    return { ...row, classification };
  });
}

/** 市场占有率 = our sales ÷ the market size the user entered; null while no size (0 or less) is entered. */
export function computeMarketShare(ourSales: Decimal.Value, marketSize: Decimal.Value): Decimal | null {
  return ratioOrNull(ourSales, marketSize);
}

/** 市场覆盖率 = customers who bought ÷ outlets in the market; null while no outlet count is entered. */
export function computeCoverage(buyingCustomers: number, outlets: number): Decimal | null {
  return ratioOrNull(buyingCustomers, outlets);
}

function ratioOrNull(part: Decimal.Value, whole: Decimal.Value): Decimal | null {
  const denominator = new Dec(whole);
  return denominator.lessThanOrEqualTo(0) ? null : new Dec(part).dividedBy(denominator);
}
