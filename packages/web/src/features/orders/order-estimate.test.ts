import type { PriceQuote } from '@zuzhang/api-schema';
import { describe, expect, it } from 'vitest';
import { estimateLine } from './order-estimate.ts';

const quote = (listPriceFen: number, discountFloorBp: number, taxRateBp = 1300) =>
  ({ listPriceFen, discountFloorBp, taxRateBp, priceFen: listPriceFen }) as PriceQuote;

describe('the live estimate of an order line', () => {
  it('computes the amount and the tax inside it as the server does', () => {
    // 200 x 12.50 at 13%: the server booked 2,500.00 with 287.61 tax for this line.
    expect(
      estimateLine({ productId: 1, quantity: 200, unitPriceFen: 1250, discountBp: 0 }, quote(1250, 9000)),
    ).toEqual({
      amountFen: 250000,
      taxFen: 28761,
      belowFloor: false,
    });
  });

  it('flags a price under the discount floor', () => {
    // 88.00 less 20% = 70.40, under 85% of 88.00 (74.80).
    const e = estimateLine(
      { productId: 2, quantity: 5, unitPriceFen: 8800, discountBp: 2000 },
      quote(8800, 8500),
    );
    expect(e).toEqual({ amountFen: 35200, taxFen: 4050, belowFloor: true });
  });

  it('lets the floor price itself through', () => {
    const e = estimateLine(
      { productId: 2, quantity: 1, unitPriceFen: 7480, discountBp: 0 },
      quote(8800, 8500),
    );
    expect(e?.belowFloor).toBe(false);
  });

  it('waits for the product, the quantity, the price and the quote', () => {
    const q = quote(1000, 9000);
    expect(estimateLine(undefined, q)).toBeNull();
    expect(estimateLine({ quantity: 1, unitPriceFen: 1000 }, q)).toBeNull();
    expect(estimateLine({ productId: 1, quantity: null, unitPriceFen: 1000 }, q)).toBeNull();
    expect(estimateLine({ productId: 1, quantity: 1, unitPriceFen: null }, q)).toBeNull();
    expect(estimateLine({ productId: 1, quantity: 1, unitPriceFen: 1000 }, 'loading')).toBeNull();
    expect(estimateLine({ productId: 1, quantity: 1, unitPriceFen: 1000 }, 'error')).toBeNull();
  });
});
