import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifyProducts,
  computeChange,
  computeCoverage,
  computeMarketShare,
  computeSalesVelocity,
  type ClassifyRule,
} from './analysis.ts';

describe('computeSalesVelocity (动销速度) over March 2027', () => {
  const sold = [{ productId: 7, quantity: 62, amountFen: 155 }];

  it.each([
    ['day 10: per day so far', '2027-03-10', 10, '6.2', '15.5'],
    ['after the month: over all 31 days', '2027-04-20', 31, '2', '5'],
  ])('%s', (_, today, days, quantityPerDay, amountPerDay) => {
    const [row] = computeSalesVelocity(sold, '2027-03', today);
    expect(row).toMatchObject({ productId: 7, quantity: 62, days });
    expect(row?.quantityPerDay?.toString()).toBe(quantityPerDay);
    expect(row?.amountPerDay?.toString()).toBe(amountPerDay);
  });

  it('has no velocity before the month starts', () => {
    expect(computeSalesVelocity(sold, '2027-03', '2027-02-28')).toEqual([
      { ...sold[0], days: 0, quantityPerDay: null, amountPerDay: null },
    ]);
  });
});

describe('computeChange (环比 / 同比)', () => {
  it.each([
    [120, 100, '0.2'],
    [80, 100, '-0.2'],
    [100, 100, '0'],
    [0, 100, '-1'],
    // From a negative base (more returned than sold), getting back to 0 is a rise.
    [0, -100, '1'],
    [-50, -100, '0.5'],
  ])('%d after %d is %s', (current, previous, change) => {
    expect(computeChange(current, previous)?.toString()).toBe(change);
  });

  it('is null when there was nothing before', () => expect(computeChange(5, 0)).toBeNull());
});

describe('classifyProducts (畅销 / 滞销)', () => {
  const products = [
    { name: 'E 纸杯', perDay: 0 },
    { name: 'B 名片', perDay: 40 },
    { name: 'A 海报', perDay: 40 },
    { name: 'D 台历', perDay: 2 },
    { name: 'C 手提袋', perDay: 12 },
    { name: 'F 新品', perDay: null },
  ];
  const classes = (rule: ClassifyRule) =>
    classifyProducts(products, 'perDay', rule).map((p) => [p.name, p.classification]);

  it('top 1 and bottom 2: fastest first, a tie at the cut-off goes by name, no value is normal', () => {
    expect(classes({ kind: 'rank', top: 1, bottom: 2 })).toEqual([
      ['A 海报', 'best_seller'],
      ['B 名片', 'normal'],
      ['C 手提袋', 'normal'],
      ['D 台历', 'slow_mover'],
      ['E 纸杯', 'slow_mover'],
      ['F 新品', 'normal'],
    ]);
  });

  it('best sellers win when top and bottom overlap', () => {
    expect(classes({ kind: 'rank', top: 4, bottom: 4 }).map(([, c]) => c)).toEqual([
      'best_seller',
      'best_seller',
      'best_seller',
      'best_seller',
      'slow_mover',
      'normal',
    ]);
  });

  it('by thresholds per day', () => {
    expect(classes({ kind: 'threshold', bestAtLeast: 12, slowAtMost: '2' })).toEqual([
      ['A 海报', 'best_seller'],
      ['B 名片', 'best_seller'],
      ['C 手提袋', 'best_seller'],
      ['D 台历', 'slow_mover'],
      ['E 纸杯', 'slow_mover'],
      ['F 新品', 'normal'],
    ]);
  });

  it('top N and bottom N are exactly N products, whatever the input order', () => {
    const anyProducts = fc.uniqueArray(fc.record({ name: fc.string(), perDay: fc.nat(5) }), {
      selector: (p) => p.name,
      maxLength: 30,
    });
    fc.assert(
      fc.property(anyProducts, fc.nat(10), fc.nat(10), (rows, top, bottom) => {
        const result = classifyProducts(rows, 'perDay', { kind: 'rank', top, bottom });
        const count = (c: string) => result.filter((r) => r.classification === c).length;
        expect(count('best_seller')).toBe(Math.min(top, rows.length));
        expect(count('slow_mover')).toBe(Math.min(bottom, rows.length - count('best_seller')));
        expect(classifyProducts([...rows].reverse(), 'perDay', { kind: 'rank', top, bottom })).toEqual(
          result,
        );
      }),
    );
  });
});

describe('market share (市场占有率) and coverage (市场覆盖率)', () => {
  it.each([
    [500_000, 2_000_000, '0.25'],
    [0, 2_000_000, '0'],
    ['1234.5', '10000', '0.12345'],
  ])('share of %s in a market of %s is %s', (ours, market, share) => {
    expect(computeMarketShare(ours, market)?.toString()).toBe(share);
  });

  it.each([
    [30, 120, '0.25'],
    [120, 120, '1'],
  ])('%d buying customers of %d outlets cover %s', (buying, outlets, coverage) => {
    expect(computeCoverage(buying, outlets)?.toString()).toBe(coverage);
  });

  it('has no figure until a market size or outlet count is entered', () => {
    expect(computeMarketShare(500, 0)).toBeNull();
    expect(computeCoverage(3, 0)).toBeNull();
  });
});
