import Decimal from 'decimal.js';

/**
 * Money is integer fen (分). Rates and intermediate figures are decimals; they become fen at exactly one
 * place, `roundToFen`, with one rule: half away from zero (= Excel ROUND = 四舍五入).
 */
export type Fen = number;

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export { D as Dec };

/** The one rounding point of the product. ROUND_HALF_UP in decimal.js rounds half away from zero. */
export function roundToFen(yuanOrFen: Decimal.Value, unit: 'fen' | 'yuan' = 'fen'): Fen {
  const fen = unit === 'yuan' ? new D(yuanOrFen).times(100) : new D(yuanOrFen);
  const rounded = fen.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (!rounded.abs().lte(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return rounded.toNumber();
}

export function assertFen(value: number, field = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be a whole number of fen`);
  return value;
}

/** Parse a yuan string such as "3,200.50" or "3200.5" into fen; rejects more than two decimals. */
export function parseYuan(text: string): Fen {
  const clean = text.replace(/[,\s¥￥]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(clean)) throw new RangeError(`not an amount in yuan: ${text}`);
  return roundToFen(clean, 'yuan');
}

/** Format fen as yuan with two decimals and thousands separators: 320050 → "3,200.50". */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
