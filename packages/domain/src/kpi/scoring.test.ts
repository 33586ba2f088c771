import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  forceDistribution,
  gradeOf,
  scoreIndicator,
  validateCurve,
  validateWeights,
  weightedScore,
  type Grade,
  type GradeQuota,
  type ScoringCurve,
} from './scoring.ts';

const attainment: ScoringCurve = { kind: 'linear', target: 1, cap: 100 };
const overshoot: ScoringCurve = { kind: 'linear', target: 1 };
const countTo20: ScoringCurve = { kind: 'linear', target: 20 };
const onTime: ScoringCurve = {
  kind: 'thresholds',
  steps: [
    { atLeast: '0.8', points: 60 },
    { atLeast: '0.9', points: 80 },
    { atLeast: 1, points: 100 },
  ],
};
const rating: ScoringCurve = { kind: 'rating', min: 1, max: 5 };

describe('scoreIndicator', () => {
  it.each([
    ['attainment 103.2% is capped at 100', attainment, '1.032', '100'],
    ['attainment 100%', attainment, 1, '100'],
    ['attainment 79.9%', attainment, '0.799', '79.9'],
    ['attainment 0', attainment, 0, '0'],
    ['negative figure (returns exceed sales) floors at 0', attainment, '-0.2', '0'],
    ['a cap below 100', { kind: 'linear', target: 1, cap: 90 }, '0.95', '90'],
    ['without a cap, at most 100', overshoot, 2, '100'],
    ['15 follow-up calls of 20', countTo20, 15, '75'],
    ['on time 100%', onTime, 1, '100'],
    ['on time 99.9% is the 90% step', onTime, '0.999', '80'],
    ['on time exactly 90%', onTime, '0.9', '80'],
    ['on time 89.99%', onTime, '0.8999', '60'],
    ['on time 79.99%, below every step', onTime, '0.7999', '0'],
    ['rating 5', rating, 5, '100'],
    ['rating 3 (合格) lands on the C floor', rating, 3, '60'],
    ['rating 1', rating, 1, '20'],
  ] as const)('%s → %s points', (_name, curve, value, points) => {
    expect(scoreIndicator(curve, value).toString()).toBe(points);
  });

  it('keeps points exact: 1 of 3 follow-up calls is 33.33… points, not rounded yet', () => {
    expect(scoreIndicator({ kind: 'linear', target: 3 }, 1).toFixed(10)).toBe('33.3333333333');
  });

  it.each([0, 6, 3.5, -1])('refuses rating %s on a 1–5 scale', (value) => {
    expect(() => scoreIndicator(rating, value)).toThrow(RangeError);
  });

  it('refuses an unusable curve', () => {
    expect(() => scoreIndicator({ kind: 'linear', target: 0 }, 1)).toThrow(RangeError);
  });

  it('linear points stay within 0..cap and never fall as the figure rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        (a, b, target, cap) => {
          const curve: ScoringCurve = { kind: 'linear', target, cap };
          const [low, high] = a <= b ? [a, b] : [b, a];
          const pLow = scoreIndicator(curve, low);
          const pHigh = scoreIndicator(curve, high);
          expect(pLow.gte(0) && pHigh.lte(cap)).toBe(true);
          expect(pHigh.gte(pLow)).toBe(true);
        },
      ),
    );
  });
});

describe('validateCurve', () => {
  it.each([
    ['target 0', { kind: 'linear', target: 0 }, 'curve.target', 'kpi.curveTargetPositive'],
    ['cap above 100', { kind: 'linear', target: 1, cap: 120 }, 'curve.cap', 'kpi.pointsRange'],
    ['no steps', { kind: 'thresholds', steps: [] }, 'curve.steps', 'kpi.stepsEmpty'],
    [
      'steps out of order',
      {
        kind: 'thresholds',
        steps: [
          { atLeast: 1, points: 100 },
          { atLeast: '0.9', points: 80 },
        ],
      },
      'curve.steps[1].atLeast',
      'kpi.stepsOrder',
    ],
    [
      'step points above 100',
      { kind: 'thresholds', steps: [{ atLeast: 1, points: 150 }] },
      'curve.steps[0].points',
      'kpi.pointsRange',
    ],
    ['scale upside down', { kind: 'rating', min: 5, max: 1 }, 'curve.max', 'kpi.ratingScale'],
    ['scale of halves', { kind: 'rating', min: 1, max: 4.5 }, 'curve.max', 'kpi.ratingScale'],
  ] as const)('%s', (_name, curve, path, key) => {
    expect(validateCurve(curve as ScoringCurve)).toEqual([expect.objectContaining({ path, key })]);
  });

  it.each([attainment, countTo20, onTime, rating])('accepts a usable curve (%#)', (curve) => {
    expect(validateCurve(curve)).toEqual([]);
  });
});

describe('validateWeights', () => {
  it.each([
    ['the seed deputy scorecard', [55, 10, 10, 10, 10, 5], []],
    ['decimals that add up exactly', [27.5, 27.5, 45], []],
    ['0.1 + 0.2 + 99.7 is exactly 100 in decimals', [0.1, 0.2, 99.7], []],
    ['95', [55, 10, 10, 10, 10], [{ path: 'lines', key: 'kpi.weightsSum', params: { sum: '95' } }]],
    ['105', [55, 10, 10, 10, 10, 10], [{ path: 'lines', key: 'kpi.weightsSum', params: { sum: '105' } }]],
    ['no lines', [], [{ path: 'lines', key: 'kpi.weightsSum', params: { sum: '0' } }]],
    [
      'a zero weight that still adds up',
      [100, 0],
      [{ path: 'lines[1].weight', key: 'kpi.weightRange', params: { weight: '0' } }],
    ],
    [
      'a negative weight',
      [110, -10],
      [
        { path: 'lines[0].weight', key: 'kpi.weightRange', params: { weight: '110' } },
        { path: 'lines[1].weight', key: 'kpi.weightRange', params: { weight: '-10' } },
      ],
    ],
  ])('%s', (_name, weights, issues) => {
    expect(validateWeights(weights.map((weight) => ({ weight })))).toEqual(issues);
  });

  it('names the list it was given', () => {
    expect(validateWeights([{ weight: 50 }], 'template.lines')[0]?.path).toBe('template.lines');
  });
});

describe('weightedScore', () => {
  it.each([
    [
      'all full points',
      [
        [55, 100],
        [45, 100],
      ],
      '100',
    ],
    [
      'the seed deputy card, a typical month',
      [
        [55, '92.4'],
        [10, 80],
        [10, 60],
        [10, 100],
        [10, 80],
        [5, '95.45'],
      ],
      '87.6',
    ],
    // 84.85: half away from zero gives 84.9 where banker's rounding would give 84.8.
    [
      '84.85 rounds half away from zero to 84.9',
      [
        [50, '84.8'],
        [50, '84.9'],
      ],
      '84.9',
    ],
    [
      '84.95 rounds half away from zero to 85.0',
      [
        [50, '84.9'],
        [50, 85],
      ],
      '85',
    ],
    [
      '84.9499… rounds down',
      [
        [50, '84.8999'],
        [50, 85],
      ],
      '84.9',
    ],
    ['nothing earned', [[100, 0]], '0'],
  ] as const)('%s', (_name, items, score) => {
    const result = weightedScore(items.map(([weight, points]) => ({ weight, points })));
    expect(result.toString()).toBe(score);
    expect(result.decimalPlaces()).toBeLessThanOrEqual(1);
  });

  it('refuses weights that do not add up to 100', () => {
    expect(() => weightedScore([{ weight: 90, points: 100 }])).toThrow(/add up to 100/);
  });

  it('stays within 0..100 when every line does, and equals the points when all lines agree', () => {
    const weightsTo100 = fc
      .array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 })
      .filter((parts) => parts.reduce((s, p) => s + p, 0) < 100)
      .map((parts) => [...parts, 100 - parts.reduce((s, p) => s + p, 0)]);
    fc.assert(
      fc.property(
        weightsTo100,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 9, maxLength: 9 }),
        (weights, tenths) => {
          const score = weightedScore(weights.map((weight, i) => ({ weight, points: tenths[i]! / 10 })));
          expect(score.gte(0) && score.lte(100)).toBe(true);
          const same = weightedScore(weights.map((weight) => ({ weight, points: tenths[0]! / 10 })));
          expect(same.toNumber()).toBe(tenths[0]! / 10);
        },
      ),
    );
  });
});

describe('gradeOf', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    ['89.9', 'B'],
    [80, 'B'],
    ['79.9', 'C'],
    [60, 'C'],
    ['59.9', 'D'],
    [0, 'D'],
  ] as const)('score %s → %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  it('takes a company’s own bands, in any order', () => {
    const bands = [
      { grade: 'C', atLeast: 70 },
      { grade: 'A', atLeast: 95 },
      { grade: 'B', atLeast: 85 },
    ] as const;
    expect([96, 90, 70, 50].map((s) => gradeOf(s, bands))).toEqual(['A', 'B', 'C', 'C']);
  });
});

describe('forceDistribution', () => {
  const quota: GradeQuota = { A: '0.2', B: '0.3', C: '0.4', D: '0.1' };
  const people = (scores: number[]) =>
    scores.map((score, i) => ({ id: `p${String(i + 1).padStart(2, '0')}`, score }));
  const gradesOf = (rows: { grade: Grade }[]) => rows.map((r) => r.grade).join('');

  it.each([
    ['10 people, distinct scores', [99, 95, 90, 88, 85, 80, 75, 70, 65, 50], 'AABBBCCCCD'],
    // 7 × 0.2 = 1.4 → 1 A; 7 × 0.5 = 3.5 → 4, so 3 B; 7 × 0.9 = 6.3 → 6, so 2 C; 1 D.
    ['7 people, counts by cumulative rounding', [99, 95, 90, 88, 85, 80, 75], 'ABBBCCD'],
    ['one person: 0.2 rounds to no A, 0.5 rounds up to one B', [40], 'B'],
    [
      'a tie across the A/B boundary: both A, B gets one fewer',
      [99, 95, 95, 88, 85, 80, 75, 70, 65, 50],
      'AAABBCCCCD',
    ],
    [
      'a tie across the C/D boundary: both C, nobody is D',
      [99, 95, 90, 88, 85, 80, 75, 70, 60, 60],
      'AABBBCCCCC',
    ],
    ['everyone tied: everyone gets the best grade', [80, 80, 80, 80, 80], 'AAAAA'],
  ])('%s', (_name, scores, grades) => {
    expect(gradesOf(forceDistribution(people(scores), quota))).toBe(grades);
  });

  it('ranks by score, then id, whatever the input order', () => {
    const rows = forceDistribution(
      [
        { id: 'b', score: 70 },
        { id: 'c', score: 90 },
        { id: 'a', score: 70 },
      ],
      quota,
    );
    expect(rows.map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('refuses quotas that do not add up to 1', () => {
    expect(() => forceDistribution(people([1]), { A: '0.2', B: '0.3', C: '0.4', D: '0.2' })).toThrow(
      RangeError,
    );
  });

  it('laws: counts add up, a higher score never gets a worse grade, equal scores share a grade, order-free', () => {
    const order = 'ABCD';
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 50, max: 60 }), { maxLength: 30 }), (scores) => {
        const input = people(scores);
        const rows = forceDistribution(input, quota);
        expect(rows).toHaveLength(scores.length);
        for (let i = 1; i < rows.length; i += 1) {
          const [prev, cur] = [rows[i - 1]!, rows[i]!];
          expect(prev.score.gte(cur.score)).toBe(true);
          expect(order.indexOf(prev.grade)).toBeLessThanOrEqual(order.indexOf(cur.grade));
          if (prev.score.eq(cur.score)) expect(cur.grade).toBe(prev.grade);
        }
        expect(forceDistribution([...input].reverse(), quota)).toEqual(rows);
      }),
    );
  });

  it('without ties, each grade gets exactly its rounded cumulative share', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 40 }), (scores) => {
        const rows = forceDistribution(people(scores), quota);
        const n = scores.length;
        const ends = [0.2, 0.5, 0.9, 1].map((c) => Math.floor(c * n + 0.5 + 1e-9));
        const expected = ends.map((end, i) => end - (i === 0 ? 0 : ends[i - 1]!));
        const counts = ['A', 'B', 'C', 'D'].map((g) => rows.filter((r) => r.grade === g).length);
        expect(counts).toEqual(expected);
      }),
    );
  });
});
