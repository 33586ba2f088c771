import type { PriceQuote } from '@zuzhang/api-schema';
import { computeLine, isBelowDiscountFloor, unitPriceAfterDiscount } from '@zuzhang/domain';

/** A line's quote: loaded, loading, or failed (the rep then types the price). */
export type QuoteState = PriceQuote | 'loading' | 'error';

/** What the estimate needs of an order line being typed. */
export interface LineDraft {
  productId?: number;
  quantity?: number | null;
  unitPriceFen?: number | null;
  discountBp?: number | null;
}

/** The line's figures by the domain's rules (the same computeLine the server books), or null while incomplete. */
export function estimateLine(line: LineDraft | undefined, quote: QuoteState | undefined) {
  if (
    !line ||
    !line.productId ||
    !line.quantity ||
    line.unitPriceFen === null ||
    line.unitPriceFen === undefined
  )
    return null;
  if (!quote || quote === 'loading' || quote === 'error') return null;
  const discountBp = line.discountBp ?? 0;
  const amounts = computeLine({
    quantity: line.quantity,
    unitPriceFen: line.unitPriceFen,
    discountBp,
    taxRateBp: quote.taxRateBp,
  });
  const belowFloor = isBelowDiscountFloor(
    unitPriceAfterDiscount(line.unitPriceFen, discountBp),
    quote.listPriceFen,
    quote.discountFloorBp,
  );
  return { ...amounts, belowFloor };
}
