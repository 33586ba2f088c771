import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  atRiskCutoff,
  computeDueOn,
  computeFloorPriceFen,
  computeLine,
  computeOrderTotals,
  computeTaxInside,
  daysLeftToPromise,
  isAtRisk,
  isBelowDiscountFloor,
  orderStatusAfterShipment,
  returnAmounts,
  unitPriceAfterDiscount,
} from './orders.ts';

const TAX_RATES = [0, 100, 300, 500, 600, 900, 1300];

describe('computeLine', () => {
  it.each([
    // quantity, unit price, discount, rate → amount, tax
    [1, 11300, 0, 1300, 11300, 1300],
    [10, 1000, 0, 1300, 10000, 1150], // 10000 × 13/113 = 1150.44 → 1150
    [3, 333, 0, 600, 999, 57], // 999 × 6/106 = 56.55 → 57
    [2, 10000, 500, 1300, 19000, 2186], // 19000 × 13/113 = 2185.84 → 2186
    [1, 1, 5000, 1300, 1, 0], // 0.5 fen rounds half away from zero → 1; tax 0.115 → 0
    [7, 199, 1250, 0, 1219, 0], // 7 × 199 × 0.875 = 1218.875 → 1219
    [1, 100, 10000, 1300, 0, 0], // a free line
    [-2, 1000, 0, 1300, -2000, -230], // credit lines round symmetrically
  ])(
    '%i × %i fen, %i bp off, %i bp VAT → %i fen, tax %i',
    (quantity, unitPriceFen, discountBp, taxRateBp, amount, tax) => {
      expect(computeLine({ quantity, unitPriceFen, discountBp, taxRateBp })).toEqual({
        amountFen: amount,
        taxFen: tax,
      });
    },
  );

  it.each([
    [11300, 1300, 1300],
    [10600, 600, 600],
    [1, 1300, 0],
    [100, 0, 0],
    [5, 1300, 1], // 0.575 → 1
  ])('tax inside %i fen at %i bp = %i', (amount, rate, tax) =>
    expect(computeTaxInside(amount, rate)).toBe(tax),
  );

  it('tax never exceeds the amount and is never negative for a sale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.constantFrom(...TAX_RATES),
        (quantity, unitPriceFen, discountBp, taxRateBp) => {
          const { amountFen, taxFen } = computeLine({ quantity, unitPriceFen, discountBp, taxRateBp });
          return Number.isSafeInteger(amountFen) && taxFen >= 0 && taxFen <= amountFen;
        },
      ),
    );
  });
});

describe('computeOrderTotals', () => {
  it('totals an empty order as zero', () =>
    expect(computeOrderTotals([])).toEqual({ totalFen: 0, taxFen: 0 }));

  it('the total is exactly the sum of the line amounts (and the tax of the line taxes)', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 10_000 }),
      unitPriceFen: fc.integer({ min: 0, max: 5_000_000 }),
      discountBp: fc.integer({ min: 0, max: 10000 }),
      taxRateBp: fc.constantFrom(...TAX_RATES),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (inputs) => {
        const lines = inputs.map(computeLine);
        const totals = computeOrderTotals(lines);
        return (
          totals.totalFen === lines.reduce((s, l) => s + l.amountFen, 0) &&
          totals.taxFen === lines.reduce((s, l) => s + l.taxFen, 0) &&
          totals.taxFen <= totals.totalFen
        );
      }),
    );
  });
});

describe('discount floor', () => {
  it.each([
    // price after discount, list, floor → below?
    [9000, 10000, 9000, false],
    [8999, 10000, 9000, true],
    ['8999.99', 10000, 9000, true],
    [10000, 10000, 10000, false],
    [0, 10000, 0, false],
    [1, 3, 5000, true], // floor is 1.5 fen: 1 fen is below
    [2, 3, 5000, false],
  ])('%s fen against list %i at floor %i bp → %s', (price, list, floor, below) => {
    expect(isBelowDiscountFloor(price, list, floor)).toBe(below);
  });

  it('a 10% discount on the list price is exactly at a 90% floor; 10.01% is below', () => {
    expect(isBelowDiscountFloor(unitPriceAfterDiscount(10000, 1000), 10000, 9000)).toBe(false);
    expect(isBelowDiscountFloor(unitPriceAfterDiscount(10000, 1001), 10000, 9000)).toBe(true);
  });

  it('the floor price is the lowest whole-fen price not below the floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10000 }),
        (list, floor) => {
          const p = computeFloorPriceFen(list, floor);
          return (
            !isBelowDiscountFloor(p, list, floor) && (p === 0 || isBelowDiscountFloor(p - 1, list, floor))
          );
        },
      ),
    );
  });
});

describe('returnAmounts', () => {
  const line = { quantity: 3, amountFen: 1000, taxFen: 115, returnedQuantity: 0 };
  it.each([
    // returned before, returning now → amount, tax
    [0, 1, 333, 38],
    [1, 1, 334, 39],
    [2, 1, 333, 38],
    [0, 3, 1000, 115],
    [0, 2, 667, 77],
  ])('line of 3 for 1000 fen (tax 115): %i returned, %i more → %i fen, tax %i', (before, q, amount, tax) => {
    expect(returnAmounts({ ...line, returnedQuantity: before }, q)).toEqual({
      amountFen: amount,
      taxFen: tax,
    });
  });

  it.each([
    [0, 0],
    [0, 4],
    [2, 2],
    [0, 1.5],
  ])('refuses %i returned + %s more on a line of 3', (before, q) => {
    expect(() => returnAmounts({ ...line, returnedQuantity: before }, q)).toThrow(RangeError);
  });

  it('returning every unit in any number of steps adds up exactly to the line; tax never exceeds amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.constantFrom(...TAX_RATES),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }),
        (quantity, unitPriceFen, discountBp, taxRateBp, steps) => {
          const { amountFen, taxFen } = computeLine({ quantity, unitPriceFen, discountBp, taxRateBp });
          let returned = 0;
          let sumAmount = 0;
          let sumTax = 0;
          for (const s of [...steps, quantity]) {
            const q = Math.min(s, quantity - returned);
            if (q === 0) break;
            const r = returnAmounts({ quantity, amountFen, taxFen, returnedQuantity: returned }, q);
            if (r.taxFen < 0 || r.taxFen > r.amountFen) return false;
            returned += q;
            sumAmount += r.amountFen;
            sumTax += r.taxFen;
          }
          return returned === quantity && sumAmount === amountFen && sumTax === taxFen;
        },
      ),
    );
  });

  it('a partial return is within one fen of the straight pro-rata share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 1000 }),
        (quantity, amountFen, before, q) => {
          fc.pre(before + q <= quantity);
          const taxFen = computeTaxInside(amountFen, 1300);
          const r = returnAmounts({ quantity, amountFen, taxFen, returnedQuantity: before }, q);
          return Math.abs(r.amountFen - (amountFen * q) / quantity) <= 2;
        },
      ),
    );
  });
});

describe('orderStatusAfterShipment', () => {
  it.each([
    [[{ quantity: 5, shippedQuantity: 0 }], 'confirmed'],
    [[{ quantity: 5, shippedQuantity: 2 }], 'partially_shipped'],
    [[{ quantity: 5, shippedQuantity: 5 }], 'shipped'],
    [
      [
        { quantity: 5, shippedQuantity: 5 },
        { quantity: 1, shippedQuantity: 0 },
      ],
      'partially_shipped',
    ],
    [
      [
        { quantity: 5, shippedQuantity: 5 },
        { quantity: 1, shippedQuantity: 1 },
      ],
      'shipped',
    ],
  ] as const)('%j → %s', (lines, status) => expect(orderStatusAfterShipment(lines)).toBe(status));
});

describe('isAtRisk', () => {
  const today = '2026-11-10';
  it.each([
    // promised, quantity, shipped, warn days → at risk?
    ['2026-11-17', 5, 0, 7, true], // exactly at the edge of the window
    ['2026-11-18', 5, 0, 7, false],
    ['2026-11-01', 5, 4, 7, true], // late and not all shipped
    ['2026-11-01', 5, 5, 7, false], // late but shipped in full
    ['2026-11-10', 1, 0, 0, true], // due today
    ['2026-11-11', 1, 0, 0, false],
    ['2026-12-01', 1, 0, 30, true], // across a month end
  ])(
    'promised %s, %i ordered, %i shipped, %i days → %s',
    (promisedOn, quantity, shippedQuantity, days, risk) => {
      expect(isAtRisk({ promisedOn, quantity, shippedQuantity }, today, days)).toBe(risk);
    },
  );

  it('agrees with the SQL cutoff and the days left', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 365 }), (offset, days) => {
        const promisedOn = computeDueOn(today, offset);
        const risk = isAtRisk({ promisedOn, quantity: 2, shippedQuantity: 1 }, today, days);
        return (
          risk === promisedOn <= atRiskCutoff(today, days) &&
          risk === daysLeftToPromise(promisedOn, today) <= days &&
          daysLeftToPromise(promisedOn, today) === offset
        );
      }),
    );
  });
});

describe('computeDueOn', () => {
  it.each([
    ['2026-11-10', 30, '2026-12-10'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2028-02-01', 29, '2028-03-01'],
    ['2026-12-15', 0, '2026-12-15'],
  ])('%s + %i days → %s', (day, n, due) => expect(computeDueOn(day, n)).toBe(due));
});
