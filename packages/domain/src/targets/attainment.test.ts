import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import { attainment, gapToTarget, paceStatus, projectRunRate, rankBy } from './attainment.ts';

describe('attainment (完成率) and gap', () => {
  it.each([
    [50, 100, '0.5'],
    [150, 100, '1.5'],
    [0, 100, '0'],
    [1, 3, '0.3333333333333333333333333333333333333333'],
    [-20, 100, '-0.2'],
  ])('%d of %d is %s', (actual, target, ratio) => {
    expect(attainment(actual, target)?.toString()).toBe(ratio);
  });

  it.each([
    [10, 0],
    [0, 0],
  ])('%d against a target of %d has no rate', (actual, target) => {
    expect(attainment(actual, target)).toBeNull();
  });

  it.each([
    [30, 100, 70],
    [100, 100, 0],
    [120, 100, -20],
    [5, 0, -5],
  ])('%d of %d leaves %d to do', (actual, target, gap) => expect(gapToTarget(actual, target)).toBe(gap));
});

describe('projectRunRate to the end of March 2027 (31 days)', () => {
  it.each([
    ['before the month', '2027-02-28', 0, 0],
    ['first day', '2027-03-01', 1_000, 31_000],
    ['day 10', '2027-03-10', 10_000, 31_000],
    ['day 3, rounded down', '2027-03-03', 100, 1_033],
    ['day 2, a half rounds up', '2027-03-02', 1, 16],
    ['day 2, returns round away from zero', '2027-03-02', -1, -16],
    ['last day', '2027-03-31', 5_000, 5_000],
    ['after the end', '2027-04-05', 5_000, 5_000],
  ])('%s (%s): %d so far → %d', (_, today, actual, projected) => {
    expect(projectRunRate(actual, '2027-03', today)).toBe(projected);
  });

  it('a week and a year project the same way', () => {
    expect(projectRunRate(300, '2027-W05', '2027-02-03')).toBe(700);
    expect(projectRunRate(1_000, '2028', '2028-01-10')).toBe(36_600);
  });
});

describe('paceStatus: target 31,000 for March 2027 (1,000 a day), tolerance 5 points = 1,550', () => {
  const target = 31_000;
  it.each([
    ['2027-02-28', 0, 'not_started'],
    // First day: pace 1,000, so even nothing sold is within the 1,550 band.
    ['2027-03-01', 0, 'on_track'],
    ['2027-03-01', 2_551, 'ahead'],
    // Day 10: pace 10,000.
    ['2027-03-10', 8_450, 'on_track'],
    ['2027-03-10', 8_449, 'behind'],
    ['2027-03-10', 11_550, 'on_track'],
    ['2027-03-10', 11_551, 'ahead'],
    // Last day: pace is the whole target, still in progress.
    ['2027-03-31', 29_450, 'on_track'],
    ['2027-03-31', 29_449, 'behind'],
    ['2027-04-01', 31_000, 'done_met'],
    ['2027-04-01', 30_999, 'done_missed'],
    ['2028-01-01', 40_000, 'done_met'],
  ])('on %s with %d sold: %s', (today, actual, status) => {
    expect(paceStatus(actual, target, '2027-03', today)).toBe(status);
  });

  it.each([
    ['2027-03-10', 0, 'on_track'],
    ['2027-03-10', 1, 'ahead'],
    ['2027-04-01', 0, 'done_met'],
  ])('with a target of 0, on %s with %d sold: %s', (today, actual, status) => {
    expect(paceStatus(actual, 0, '2027-03', today)).toBe(status);
  });

  it('takes a company’s own tolerance', () => {
    expect(paceStatus(9_999, target, '2027-03', '2027-03-10', 0)).toBe('behind');
    expect(paceStatus(5_000, target, '2027-03', '2027-03-10', '0.2')).toBe('on_track');
  });
});

describe('rankBy (排行榜)', () => {
  const reps = [
    { name: '王五', sales: 300 },
    { name: '张三', sales: 500 },
    { name: '赵六', sales: 100 },
    { name: '李四', sales: 300 },
  ];

  it('competition ranking 1, 2, 2, 4, ties in name order', () => {
    expect(rankBy(reps, 'sales').map((r) => [r.name, r.rank])).toEqual([
      ['张三', 1],
      ['李四', 2],
      ['王五', 2],
      ['赵六', 4],
    ]);
  });

  it('dense ranking 1, 2, 2, 3', () => {
    expect(rankBy(reps, 'sales', 'dense').map((r) => r.rank)).toEqual([1, 2, 2, 3]);
  });

  it('ranks decimals, and lists people without a target last, unranked', () => {
    const rows: { name: string; rate: Decimal | null }[] = [
      { name: 'A', rate: null },
      { name: 'B', rate: new Dec('0.95') },
      { name: 'C', rate: new Dec('1.2') },
      { name: 'D', rate: new Dec('0.950') },
    ];
    expect(rankBy(rows, 'rate').map((r) => [r.name, r.rank])).toEqual([
      ['C', 1],
      ['B', 2],
      ['D', 2],
      ['A', null],
    ]);
  });

  it('the board is the same whatever order the rows arrive in', () => {
    const anyRows = fc.uniqueArray(
      fc.record({ name: fc.string({ maxLength: 3 }), sales: fc.integer({ min: 0, max: 5 }) }),
      { selector: (r) => r.name, maxLength: 20 },
    );
    const rowsAndShuffle = anyRows.chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      ),
    );
    fc.assert(
      fc.property(rowsAndShuffle, ([rows, shuffled]) => {
        const board = rankBy(rows, 'sales');
        expect(rankBy(shuffled, 'sales')).toEqual(board);
        board.forEach((row) => expect(row.rank).toBe(board.findIndex((r) => r.sales === row.sales) + 1));
      }),
    );
  });
});
