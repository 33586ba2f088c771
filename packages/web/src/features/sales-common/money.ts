import { formatYuan, parseYuan } from '@zuzhang/domain';

/**
 * Money travels as integer fen (tax included); people read and type yuan. The one formatter and the one
 * parser are the domain's, so the screen shows exactly what the statements and exports show.
 */
export function fen(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `\u00a5${formatYuan(value)}`;
}

/** A yuan figure typed in a number field (at most two decimals) as fen, without floating-point drift. */
export function yuanToFen(yuan: number): number {
  return parseYuan(yuan.toFixed(2));
}

export function fenToYuan(value: number): number {
  return value / 100;
}

/** Basis points as a percentage figure: 1300 → 13. */
export function bpToPercent(bp: number): number {
  return bp / 100;
}

export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

/** 1300 → "13%", 950 → "9.5%". */
export function formatRate(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}
