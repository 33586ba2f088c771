import { describe, expect, it } from 'vitest';
import { canonical, sumWeights } from './scorecard-form.ts';

describe('the live weight sum of the scorecard editor', () => {
  it.each([
    ['the seed deputy supervisor card', [30, 25, 5, 5, 10, 10, 10, 5], 100],
    ['thirds written with one decimal', [33.3, 33.3, 33.4], 100],
    ['one short', [50, 49], 99],
    ['over', [60, 50], 110],
    ['blank lines count as 0', [50, null, undefined, 50], 100],
    ['no lines', [], 0],
  ])('%s', (_name, weights, sum) => {
    expect(sumWeights(weights.map((weight) => ({ weight })))).toBe(sum);
  });
});

describe("a line's curve is its own when it differs from the library's", () => {
  it.each([
    [{ kind: 'linear', target: 1, cap: 100 }, { cap: 100, kind: 'linear', target: 1 }, true],
    [{ kind: 'linear', target: '1' }, { kind: 'linear', target: 1 }, true],
    [{ kind: 'linear', target: 1 }, { kind: 'linear', target: 1.2 }, false],
    [
      { kind: 'thresholds', steps: [{ atLeast: '0.8', points: 60 }] },
      { kind: 'thresholds', steps: [{ points: 60, atLeast: 0.8 }] },
      true,
    ],
    [{ kind: 'rating', min: 1, max: 5 }, { kind: 'rating', min: 1, max: 10 }, false],
  ])('%j vs %j → same: %s', (a, b, same) => {
    expect(canonical(a) === canonical(b)).toBe(same);
  });
});
