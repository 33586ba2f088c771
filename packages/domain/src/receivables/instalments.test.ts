import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInstalmentTotal, coverInstalments } from './instalments.ts';

const PLAN = [
  { seq: 1, dueOn: '2026-01-31', amountFen: 30_000 },
  { seq: 2, dueOn: '2026-02-28', amountFen: 30_000 },
  { seq: 3, dueOn: '2026-03-31', amountFen: 40_000 },
];

describe('checkInstalmentTotal', () => {
  it.each([
    [100_000, 0],
    [120_000, 20_000],
    [90_000, -10_000],
  ])('target %d → gap %d', (target, gap) => expect(checkInstalmentTotal(PLAN, target)).toBe(gap));
});

describe('coverInstalments', () => {
  it.each([
    [0, '2026-02-01', ['overdue', 'upcoming', 'upcoming']],
    [30_000, '2026-02-01', ['paid', 'upcoming', 'upcoming']],
    [45_000, '2026-03-01', ['paid', 'overdue', 'upcoming']],
    [45_000, '2026-02-28', ['paid', 'due', 'upcoming']],
    [100_000, '2026-12-31', ['paid', 'paid', 'paid']],
  ] as const)('settled %d on %s', (settled, today, states) => {
    expect(coverInstalments(PLAN, settled, today).map((i) => i.state)).toEqual(states);
  });
  it('a due window marks instalments due within it', () => {
    expect(coverInstalments(PLAN, 30_000, '2026-02-25', 7).map((i) => i.state)).toEqual([
      'paid',
      'due',
      'upcoming',
    ]);
  });
  it('collected + outstanding = amount, and collected adds up to what was settled (capped at the plan)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (settled) => {
        const covered = coverInstalments(PLAN, settled, '2026-02-15');
        for (const c of covered) expect(c.collectedFen + c.outstandingFen).toBe(c.amountFen);
        expect(covered.reduce((s, c) => s + c.collectedFen, 0)).toBe(Math.min(settled, 100_000));
      }),
    );
  });
});
