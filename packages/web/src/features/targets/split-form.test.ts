import { describe, expect, it } from 'vitest';
import {
  finerGrains,
  previewBodyOf,
  resizeInputs,
  saveBodyOf,
  splitErrorsOf,
  type SplitChild,
  type SplitInputsState,
} from './split-form.ts';

const line = { target: 100_000, stretch: 110_000, challenge: 120_000, version: 3 };
const months: SplitChild[] = ['2027-01', '2027-02', '2027-03'].map((p) => ({ key: p, label: p, period: p }));
const blank: SplitInputsState = resizeInputs(
  {
    method: 'equal',
    weights: [],
    history: [],
    headcount: [],
    amounts: [],
    readHistory: true,
    readHeadcount: true,
  },
  3,
);

describe('the split preview request', () => {
  it.each([
    ['equal', {}, { method: 'equal' }],
    ['weights', { weights: [2, null, 1] }, { method: 'weights', weights: [2, 0, 1] }],
    ['history typed', { history: [5, 5, 0], readHistory: false }, { method: 'history', history: [5, 5, 0] }],
    [
      'headcount typed',
      { headcount: [3, 2, 1], readHeadcount: false },
      { method: 'headcount', headcount: [3, 2, 1] },
    ],
    [
      'manual, tiers left blank',
      {
        amounts: [
          { target: 50_000, stretch: null, challenge: null },
          { target: null, stretch: null, challenge: null },
          { target: 1, stretch: 2, challenge: 3 },
        ],
      },
      {
        method: 'manual',
        amounts: [{ target: 50_000 }, { target: 0 }, { target: 1, stretch: 2, challenge: 3 }],
      },
    ],
  ] as const)('%s sends the method and its list, blanks as 0', (_name, patch, expected) => {
    const method = expected.method;
    const body = previewBodyOf(line, months, { ...blank, ...patch, method } as SplitInputsState);
    expect(body).toEqual({
      total: { target: 100_000, stretch: 110_000, challenge: 120_000 },
      count: 3,
      labels: ['2027-01', '2027-02', '2027-03'],
      ...expected,
    });
  });

  it.each([
    ['history read by the server', { method: 'history', readHistory: true }],
    ['headcount read by the server', { method: 'headcount', readHeadcount: true }],
  ] as const)('is not made when the %s', (_name, patch) => {
    expect(previewBodyOf(line, months, { ...blank, ...patch })).toBeNull();
  });

  it('is not made without children', () => {
    expect(previewBodyOf(line, [], blank)).toBeNull();
  });
});

describe('the saved split', () => {
  it.each([
    ['period', 'month', { grain: 'month', periods: ['2027-01', '2027-02', '2027-03'] }],
    ['units', undefined, { unitIds: [7, 8, 9] }],
    ['people', undefined, { employeeIds: [11, 12, 13] }],
  ] as const)('by %s names its children and carries the version', (by, grain, owners) => {
    const children: SplitChild[] = months.map((m, i) => ({ ...m, unitId: 7 + i, employeeId: 11 + i }));
    expect(saveBodyOf(line, by, grain, children, { ...blank, method: 'equal' }, '  ')).toEqual({
      by,
      ...owners,
      method: 'equal',
      version: 3,
    });
  });

  it('leaves history to the server when asked, and keeps a note', () => {
    expect(
      saveBodyOf(line, 'period', 'month', months, { ...blank, method: 'history' }, ' Q1 seasonality '),
    ).toEqual({
      by: 'period',
      grain: 'month',
      periods: ['2027-01', '2027-02', '2027-03'],
      method: 'history',
      note: 'Q1 seasonality',
      version: 3,
    });
  });
});

describe('server errors on the split dialog', () => {
  it.each([
    ['body.weights.2', 2],
    ['body.amounts.1.stretch', 1],
    ['body.amounts.0', 0],
    ['body.employeeIds.4', 4],
    ['body.periods.1', 1],
    ['weights.3', 3],
  ])('%s goes on child row %i', (path, row) => {
    const errors = splitErrorsOf([{ path, message: 'bad' }], 'fallback');
    expect([...errors.rows.entries()]).toEqual([[row, ['bad']]]);
    expect(errors.general).toEqual([]);
  });

  it.each(['body.weights', 'body.total.stretch', 'body.grain', 'params.id', 'body.amounts'])(
    '%s is shown on the split as a whole',
    (path) => {
      const errors = splitErrorsOf([{ path, message: 'bad' }], 'fallback');
      expect(errors.rows.size).toBe(0);
      expect(errors.general).toEqual(['bad']);
    },
  );

  it('an error without details shows its message', () => {
    expect(splitErrorsOf([], 'refused').general).toEqual(['refused']);
  });
});

describe('finer grains', () => {
  it.each([
    ['year', ['quarter', 'month', 'week']],
    ['quarter', ['month', 'week']],
    ['month', ['week']],
    ['week', []],
  ] as const)('a %s splits into %j', (grain, expected) => {
    expect(finerGrains(grain)).toEqual(expected);
  });
});
