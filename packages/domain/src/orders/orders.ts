import type Decimal from 'decimal.js';
import { Dec, roundToFen, type Fen } from '../money/money.ts';

/** Basis points in one whole (10000 bp = 100%). */
const WHOLE_BP = 10000;

export interface LineInput {
  quantity: number;
  unitPriceFen: Fen;
  /** Discount off the unit price in basis points (500 = 5%). */
  discountBp: number;
  /** VAT rate in basis points (1300 = 13%). */
  taxRateBp: number;
}

export interface LineAmounts {
  /** Tax included, after the discount (含税金额). */
  amountFen: Fen;
  /** The VAT inside the amount: amount × rate / (1 + rate). */
  taxFen: Fen;
}

/** The tax contained in a tax-included amount (价税合计 → 税额), rounded once. */
export function computeTaxInside(amountFen: Fen, taxRateBp: number): Fen {
  return roundToFen(new Dec(amountFen).times(taxRateBp).dividedBy(WHOLE_BP + taxRateBp));
}

/**
 * One order line: quantity × unit price less the discount, tax included, and the tax inside it. Each
 * figure is rounded exactly once (roundToFen), so the same line always gives the same fen.
 */
export function computeLine(line: LineInput): LineAmounts {
  const amountFen = roundToFen(
    new Dec(line.unitPriceFen)
      .times(line.quantity)
      .times(WHOLE_BP - line.discountBp)
      .dividedBy(WHOLE_BP),
  );
  return { amountFen, taxFen: computeTaxInside(amountFen, line.taxRateBp) };
}

/** Order totals are the sums of the line amounts, exactly: no second rounding on the whole. */
export function computeOrderTotals(lines: readonly LineAmounts[]): { totalFen: Fen; taxFen: Fen } {
  let totalFen = 0;
  let taxFen = 0;
  for (const l of lines) {
    totalFen += l.amountFen;
    taxFen += l.taxFen;
  }
  return { totalFen, taxFen };
}

/** The unit price a line actually gives after its discount (not rounded: compared, never booked). */
export function unitPriceAfterDiscount(unitPriceFen: Fen, discountBp: number): Decimal {
  return new Dec(unitPriceFen).times(WHOLE_BP - discountBp).dividedBy(WHOLE_BP);
}

/**
 * 折扣底线: a price below `floorBp` of the list price needs the manager's approval (核决权限). Compared
 * exactly, without rounding, so a price one fen under the floor is caught.
 */
export function isBelowDiscountFloor(
  unitPriceAfterDiscountFen: Decimal.Value,
  listPriceFen: Fen,
  floorBp: number,
): boolean {
  return new Dec(unitPriceAfterDiscountFen).times(WHOLE_BP).lessThan(new Dec(listPriceFen).times(floorBp));
}

/** The lowest unit price without approval, in fen, rounded up so that the floor price itself is allowed. */
export function computeFloorPriceFen(listPriceFen: Fen, floorBp: number): Fen {
  return new Dec(listPriceFen).times(floorBp).dividedBy(WHOLE_BP).ceil().toNumber();
}

export interface ReturnableLine {
  quantity: number;
  amountFen: Fen;
  taxFen: Fen;
  /** Units already returned before this return. */
  returnedQuantity: number;
}

/**
 * The amount and tax of returning `quantity` more units of a line (退货 / 红字). Pro-rated on the
 * cumulative quantity: the first k units returned are worth round(amount × k / quantity), so the steps of
 * any sequence of partial returns telescope to the line's amount exactly; the remainder of each rounding
 * goes to the step where it accumulates to a whole fen (largest remainder over the sequence). The part
 * without tax and the tax are pro-rated separately, so a step's tax never exceeds its amount.
 */
export function returnAmounts(line: ReturnableLine, quantity: number): LineAmounts {
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError('return quantity must be a positive integer');
  const after = line.returnedQuantity + quantity;
  if (after > line.quantity) throw new RangeError('return quantity exceeds what is left on the line');
  const netFen = line.amountFen - line.taxFen;
  const share = (total: Fen, k: number) =>
    k === line.quantity ? total : roundToFen(new Dec(total).times(k).dividedBy(line.quantity));
  const taxFen = share(line.taxFen, after) - share(line.taxFen, line.returnedQuantity);
  const net = share(netFen, after) - share(netFen, line.returnedQuantity);
  return { amountFen: net + taxFen, taxFen };
}

export type ShipmentStatus = 'confirmed' | 'partially_shipped' | 'shipped';

/** An order's status from what has left the warehouse: nothing, some, or every unit of every line. */
export function orderStatusAfterShipment(
  lines: readonly { quantity: number; shippedQuantity: number }[],
): ShipmentStatus {
  const shipped = lines.reduce((n, l) => n + l.shippedQuantity, 0);
  if (shipped === 0) return 'confirmed';
  return lines.every((l) => l.shippedQuantity >= l.quantity) ? 'shipped' : 'partially_shipped';
}

/** Days left until a promised delivery date (交期): negative when it has passed. */
export function daysLeftToPromise(promisedOn: string, today: string): number {
  return Math.round((Date.parse(`${promisedOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The day `days` after `day` (YYYY-MM-DD). */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 交期预警: a line not fully shipped whose promised date is within `warnDays` of today, or already past. */
export function isAtRisk(
  line: { quantity: number; shippedQuantity: number; promisedOn: string },
  today: string,
  warnDays: number,
): boolean {
  return line.shippedQuantity < line.quantity && line.promisedOn <= shiftDay(today, warnDays);
}

/** The last day of the at-risk window: lines promised on or before it are at risk (for the SQL filter). */
export function atRiskCutoff(today: string, warnDays: number): string {
  return shiftDay(today, warnDays);
}

/** 账期: the day the money of an order falls due, the order date plus the contract's payment days. */
export function computeDueOn(orderDate: string, paymentDays: number): string {
  return shiftDay(orderDate, paymentDays);
}
