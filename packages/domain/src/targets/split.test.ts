import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitTarget, splitTiers, type SplitInput, type SplitMethod } from './split.ts';

function partsOf(input: SplitInput): number[] {
  const result = splitTarget(input);
  if (!result.ok) throw new Error(`expected a split, got ${JSON.stringify(result.errors)}`);
  return result.parts;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** 1–60 non-negative weights, at least one positive: integers, or decimals written as strings. */
const anyWeights = fc
  .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 })
  .filter((ws) => ws.some((w) => w > 0));
const anyTotal = fc.integer({ min: 0, max: 1e13 });

describe('splitTarget: parts', () => {
  it.each<[string, SplitInput, number[]]>([
    ['equal, remainder to the first', { method: 'equal', total: 100, count: 3 }, [34, 33, 33]],
    ['equal, fewer fen than children', { method: 'equal', total: 2, count: 3 }, [1, 1, 0]],
    ['equal, nothing to split', { method: 'equal', total: 0, count: 3 }, [0, 0, 0]],
    ['equal, one child takes all', { method: 'equal', total: 12345, count: 1 }, [12345]],
    [
      'weights as decimal strings',
      { method: 'weights', total: 101, weights: ['0.5', '0.25', '0.25'] },
      [51, 25, 25],
    ],
    ['weights, a zero weight gets nothing', { method: 'weights', total: 10, weights: [3, 0, 1] }, [8, 0, 2]],
    [
      'weights in percent',
      { method: 'weights', total: 1_000_000, weights: [12.5, 37.5, 50] },
      [125_000, 375_000, 500_000],
    ],
    ['largest remainder wins over index', { method: 'weights', total: 10, weights: [1, 1, 1.2] }, [3, 3, 4]],
    [
      'history: last year by month',
      { method: 'history', total: 1000, history: [100, 200, 300] },
      [167, 333, 500],
    ],
    ['history as strings', { method: 'history', total: 7, history: ['1.5', '0', '2'] }, [3, 0, 4]],
    ['headcount', { method: 'headcount', total: 100_000, headcount: [2, 2, 1] }, [40_000, 40_000, 20_000]],
    ['headcount, uneven', { method: 'headcount', total: 100, headcount: [1, 2] }, [33, 67]],
    ['manual, kept as typed', { method: 'manual', total: 100, parts: [50, 30, 20] }, [50, 30, 20]],
  ])('%s', (_, input, parts) => {
    expect(splitTarget(input)).toEqual({ ok: true, parts, gap: 0 });
  });

  it.each([
    // equal remainders: the lower index first
    [2, [1, 1, 1, 1], [1, 1, 0, 0]],
    [3, [1, 1, 1, 1], [1, 1, 1, 0]],
    [10, [3, 1, 1, 3], [4, 1, 1, 4]],
    [9, [3, 1, 1, 3], [4, 1, 1, 3]],
  ])('ties are broken by child order: %d over %j → %j', (total, weights, parts) => {
    expect(partsOf({ method: 'weights', total, weights })).toEqual(parts);
  });

  it.each([
    [[30, 30, 30], 10],
    [[60, 60], -20],
    [[100, 0], 0],
  ])('manual %j of 100 leaves a gap of %d, parts untouched', (parts, gap) => {
    expect(splitTarget({ method: 'manual', total: 100, parts })).toEqual({ ok: true, parts, gap });
  });
});

describe('splitTarget: refusals name the field', () => {
  it.each<[string, SplitInput, { path: string; key: string; params: object }[]]>([
    [
      'negative total',
      { method: 'equal', total: -1, count: 2 },
      [{ path: 'total', key: 'split.negativeTotal', params: { total: -1 } }],
    ],
    [
      'total in part fen',
      { method: 'equal', total: 1.5, count: 2 },
      [{ path: 'total', key: 'split.totalNotInteger', params: { total: '1.5' } }],
    ],
    [
      'no children',
      { method: 'equal', total: 10, count: 0 },
      [{ path: 'count', key: 'split.countInvalid', params: { count: '0', max: 100_000 } }],
    ],
    [
      'empty weights',
      { method: 'weights', total: 10, weights: [] },
      [{ path: 'weights', key: 'split.noChildren', params: {} }],
    ],
    [
      'one negative weight',
      { method: 'weights', total: 10, weights: [1, -2, 3] },
      [{ path: 'weights.1', key: 'split.negativeWeight', params: { value: '-2' } }],
    ],
    [
      'all weights zero',
      { method: 'weights', total: 10, weights: [0, '0.00'] },
      [{ path: 'weights', key: 'split.weightsAllZero', params: {} }],
    ],
    [
      'not numbers',
      { method: 'weights', total: 10, weights: ['abc', '1e3', Number.NaN, 2] },
      [
        { path: 'weights.0', key: 'split.weightInvalid', params: { value: 'abc' } },
        { path: 'weights.1', key: 'split.weightInvalid', params: { value: '1e3' } },
        { path: 'weights.2', key: 'split.weightInvalid', params: { value: 'NaN' } },
      ],
    ],
    [
      'count mismatch',
      { method: 'weights', total: 10, weights: [1, 2], count: 3 },
      [{ path: 'weights', key: 'split.countMismatch', params: { expected: 3, actual: 2 } }],
    ],
    [
      'no sales last year',
      { method: 'history', total: 10, history: [0, 0, 0] },
      [{ path: 'history', key: 'split.historyAllZero', params: {} }],
    ],
    [
      'negative history',
      { method: 'history', total: 10, history: [5, -1] },
      [{ path: 'history.1', key: 'split.negativeHistory', params: { value: '-1' } }],
    ],
    [
      'half a person, a negative team',
      { method: 'headcount', total: 10, headcount: [1.5, -1, 2] },
      [
        { path: 'headcount.0', key: 'split.headcountInvalid', params: { value: '1.5' } },
        { path: 'headcount.1', key: 'split.headcountInvalid', params: { value: '-1' } },
      ],
    ],
    [
      'empty teams',
      { method: 'headcount', total: 10, headcount: [0, 0] },
      [{ path: 'headcount', key: 'split.headcountAllZero', params: {} }],
    ],
    [
      'manual part negative or in part fen',
      { method: 'manual', total: 10, parts: [5, -1, 2.5] },
      [
        { path: 'parts.1', key: 'split.negativePart', params: { value: -1 } },
        { path: 'parts.2', key: 'split.partNotInteger', params: { value: '2.5' } },
      ],
    ],
    [
      'manual count mismatch',
      { method: 'manual', total: 10, parts: [10], count: 2 },
      [{ path: 'parts', key: 'split.countMismatch', params: { expected: 2, actual: 1 } }],
    ],
    [
      'every problem at once',
      { method: 'weights', total: -5, weights: [0, -1] },
      [
        { path: 'total', key: 'split.negativeTotal', params: { total: -5 } },
        { path: 'weights.1', key: 'split.negativeWeight', params: { value: '-1' } },
      ],
    ],
  ])('%s', (_, input, errors) => {
    expect(splitTarget(input)).toEqual({ ok: false, errors });
  });

  it('an unknown method (from a bad request) is refused, not thrown', () => {
    const input = { method: 'random', total: 10 } as unknown as SplitInput;
    expect(splitTarget(input)).toEqual({
      ok: false,
      errors: [
        {
          path: 'method',
          key: 'split.methodUnknown',
          params: { method: 'random', allowed: 'equal, weights, history, headcount, manual' },
        },
      ],
    });
  });
});

describe('splitTarget: laws', () => {
  it('the parts add up to the total, none negative, and the same input gives the same parts', () => {
    fc.assert(
      fc.property(anyTotal, anyWeights, fc.integer({ min: 0, max: 4 }), (total, ints, places) => {
        const weights = ints.map((w) => (w / 10 ** places).toFixed(places));
        const parts = partsOf({ method: 'weights', total, weights });
        expect(sum(parts)).toBe(total);
        expect(parts.every((p) => p >= 0 && Number.isSafeInteger(p))).toBe(true);
        expect(partsOf({ method: 'weights', total, weights })).toEqual(parts);
      }),
    );
  });

  it('each part is its exact share rounded down or up (largest remainder stays within quota)', () => {
    fc.assert(
      fc.property(anyTotal, anyWeights, (total, weights) => {
        const parts = partsOf({ method: 'weights', total, weights });
        const whole = BigInt(weights.reduce((a, b) => a + b, 0));
        parts.forEach((part, i) => {
          const offBy = BigInt(part) * whole - BigInt(total) * BigInt(weights[i]!);
          expect(offBy > -whole && offBy < whole).toBe(true);
        });
      }),
    );
  });

  it('equal weights (and the equal method) give parts that differ by at most 1 fen', () => {
    fc.assert(
      fc.property(
        anyTotal,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 1000 }),
        (total, n, w) => {
          const equal = partsOf({ method: 'equal', total, count: n });
          expect(Math.max(...equal) - Math.min(...equal)).toBeLessThanOrEqual(1);
          expect(partsOf({ method: 'weights', total, weights: Array(n).fill(w) })).toEqual(equal);
        },
      ),
    );
  });

  it('scaling every weight by the same factor gives the same parts', () => {
    fc.assert(
      fc.property(anyTotal, anyWeights, fc.integer({ min: 2, max: 10_000 }), (total, weights, k) => {
        const parts = partsOf({ method: 'weights', total, weights });
        expect(partsOf({ method: 'weights', total, weights: weights.map((w) => w * k) })).toEqual(parts);
        expect(
          partsOf({ method: 'weights', total, weights: weights.map((w) => (w / 1000).toFixed(3)) }),
        ).toEqual(parts);
      }),
    );
  });

  it('history and headcount are the same maths as weights', () => {
    fc.assert(
      fc.property(anyTotal, anyWeights, (total, weights) => {
        const parts = partsOf({ method: 'weights', total, weights });
        expect(partsOf({ method: 'history', total, history: weights })).toEqual(parts);
        expect(partsOf({ method: 'headcount', total, headcount: weights })).toEqual(parts);
      }),
    );
  });

  it('a manual split reports gap = total − sum of the parts', () => {
    fc.assert(
      fc.property(
        anyTotal,
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 30 }),
        (total, parts) => {
          expect(splitTarget({ method: 'manual', total, parts })).toEqual({
            ok: true,
            parts,
            gap: total - sum(parts),
          });
        },
      ),
    );
  });
});

describe('splitTiers', () => {
  const monthsByHistory: SplitMethod = { method: 'history', history: [120, 80, 100] };

  it('splits 目标 / 挑战 / 冲刺 with the same weights, each tier adding up', () => {
    expect(splitTiers({ target: 3000, stretch: 3300, challenge: 3600 }, monthsByHistory)).toEqual({
      ok: true,
      tiers: { target: [1200, 800, 1000], stretch: [1320, 880, 1100], challenge: [1440, 960, 1200] },
    });
  });

  it('splits only the tiers that are given', () => {
    expect(splitTiers({ target: 100 }, { method: 'equal', count: 3 })).toEqual({
      ok: true,
      tiers: { target: [34, 33, 33] },
    });
  });

  it.each<[string, Parameters<typeof splitTiers>[0], Parameters<typeof splitTiers>[1], object[]]>([
    [
      'a stretch below the target',
      { target: 1000, stretch: 900 },
      monthsByHistory,
      [{ path: 'stretch', key: 'split.tierOrder', params: { tier: 'stretch', lower: 'target' } }],
    ],
    [
      'a challenge below the target when there is no stretch',
      { target: 1000, challenge: 999 },
      monthsByHistory,
      [{ path: 'challenge', key: 'split.tierOrder', params: { tier: 'challenge', lower: 'target' } }],
    ],
    [
      'a negative target, and weights all zero',
      { target: -1, stretch: 10 },
      { method: 'weights', weights: [0, 0] },
      [
        { path: 'target', key: 'split.negativeTotal', params: { total: -1 } },
        { path: 'weights', key: 'split.weightsAllZero', params: {} },
      ],
    ],
    [
      'amounts typed by hand',
      { target: 10 },
      { method: 'manual', parts: [10] } as unknown as Parameters<typeof splitTiers>[1],
      [{ path: 'method', key: 'split.methodNotForTiers', params: { method: 'manual' } }],
    ],
  ])('refuses %s', (_, totals, method, errors) => {
    expect(splitTiers(totals, method)).toEqual({ ok: false, errors });
  });

  it('every tier adds up to its own total', () => {
    fc.assert(
      fc.property(anyTotal, fc.nat(1e9), fc.nat(1e9), anyWeights, (target, up1, up2, weights) => {
        const totals = { target, stretch: target + up1, challenge: target + up1 + up2 };
        const result = splitTiers(totals, { method: 'weights', weights });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(sum(result.tiers.target)).toBe(totals.target);
        expect(sum(result.tiers.stretch!)).toBe(totals.stretch);
        expect(sum(result.tiers.challenge!)).toBe(totals.challenge);
      }),
    );
  });
});
