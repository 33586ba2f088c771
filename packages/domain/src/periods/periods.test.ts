import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../receivables/ageing.ts';
import {
  PeriodError,
  childPeriods,
  comparePeriods,
  dayCount,
  daysLeft,
  elapsedDays,
  isoWeekOf,
  parsePeriod,
  periodOf,
  previousPeriod,
  samePeriodLastYear,
  weeksInYear,
  type PeriodGrain,
} from './periods.ts';

/** Any day from 1950 to 2100, as YYYY-MM-DD. */
const anyDay = fc.integer({ min: 0, max: 55_000 }).map((offset) => addDays('1950-01-01', offset));
const anyGrain = fc.constantFrom<PeriodGrain>('year', 'quarter', 'month', 'week');
const anyPeriod = fc.tuple(anyDay, anyGrain).map(([day, grain]) => periodOf(day, grain));

function errorOf(run: () => unknown): { key: string; params: unknown } | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof PeriodError) return { key: e.key, params: e.params };
    throw e;
  }
  return undefined;
}

describe('parsePeriod', () => {
  it.each([
    ['2027', 'year', 2027, 1, '2027-01-01', '2027-12-31'],
    ['2027-Q1', 'quarter', 2027, 1, '2027-01-01', '2027-03-31'],
    ['2027-Q4', 'quarter', 2027, 4, '2027-10-01', '2027-12-31'],
    ['2028-02', 'month', 2028, 2, '2028-02-01', '2028-02-29'],
    ['2027-02', 'month', 2027, 2, '2027-02-01', '2027-02-28'],
    ['2027-W05', 'week', 2027, 5, '2027-02-01', '2027-02-07'],
    // ISO week-year rules: week 1 of 2027 starts in 2027, week 1 of 2025 starts in December 2024.
    ['2027-W01', 'week', 2027, 1, '2027-01-04', '2027-01-10'],
    ['2025-W01', 'week', 2025, 1, '2024-12-30', '2025-01-05'],
    ['2026-W53', 'week', 2026, 53, '2026-12-28', '2027-01-03'],
    ['2020-W53', 'week', 2020, 53, '2020-12-28', '2021-01-03'],
  ])('%s is a %s of %d, index %d, %s to %s', (text, grain, year, index, from, to) => {
    expect(parsePeriod(text)).toEqual({ text, grain, year, index, from, to });
  });

  it.each([
    '',
    '27',
    '2027-1',
    '2027-13',
    '2027-00',
    '2027-Q0',
    '2027-Q5',
    '2027-W5',
    '2027/01',
    '1899',
    'x',
  ])('%j is not a period', (text) => {
    expect(errorOf(() => parsePeriod(text))).toEqual({ key: 'period.invalid', params: { period: text } });
  });

  it.each([
    ['2027-W53', 2027, 52],
    ['2027-W54', 2027, 52],
    ['2026-W54', 2026, 53],
    ['2027-W00', 2027, 52],
  ])('%s is outside %d, which has %d weeks', (text, year, weeks) => {
    expect(errorOf(() => parsePeriod(text))).toEqual({
      key: 'period.weekOutsideYear',
      params: { year, weeks },
    });
  });
});

describe('isoWeekOf / weeksInYear / periodOf', () => {
  it.each([
    ['2026-11-26', '2026-W48'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2008-12-29', '2009-W01'],
  ])('%s is in %s', (day, week) => expect(isoWeekOf(day)).toBe(week));

  it.each([
    [2015, 53],
    [2020, 53],
    [2026, 53],
    [2027, 52],
    [2032, 53],
    [2024, 52],
  ])('%d has %d ISO weeks', (year, weeks) => expect(weeksInYear(year)).toBe(weeks));

  it.each([
    ['2027-05-17', 'year', '2027'],
    ['2027-05-17', 'quarter', '2027-Q2'],
    ['2027-03-31', 'quarter', '2027-Q1'],
    ['2027-10-01', 'quarter', '2027-Q4'],
    ['2027-05-17', 'month', '2027-05'],
    ['2027-05-17', 'week', '2027-W20'],
  ] as const)('%s in grain %s is %s', (day, grain, period) => expect(periodOf(day, grain)).toBe(period));

  it.each(['2027-02-30', '2027-5-1', 'today'])('refuses the day %j', (day) => {
    expect(errorOf(() => isoWeekOf(day))?.key).toBe('period.invalid');
  });

  it('every day lies inside the period it belongs to', () => {
    fc.assert(
      fc.property(anyDay, anyGrain, (day, grain) => {
        const { from, to } = parsePeriod(periodOf(day, grain));
        return from <= day && day <= to;
      }),
    );
  });
});

describe('childPeriods', () => {
  it.each([
    ['2027', 'quarter', ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']],
    ['2027-Q2', 'month', ['2027-04', '2027-05', '2027-06']],
    // 2027-03-01 is a Monday and 2027-03-29 a Monday whose Thursday is 1 April: that week is April's.
    ['2027-03', 'week', ['2027-W09', '2027-W10', '2027-W11', '2027-W12']],
    // 2026-12-28 … 2027-01-03 has its Thursday on 31 December: December's week, 2026-W53.
    ['2026-12', 'week', ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']],
    ['2027-01', 'week', ['2027-W01', '2027-W02', '2027-W03', '2027-W04']],
  ] as const)('%s into %s → %j', (period, grain, children) => {
    expect(childPeriods(period, grain)).toEqual(children);
  });

  it('a year has 12 months and 52 or 53 weeks', () => {
    expect(childPeriods('2027', 'month')).toHaveLength(12);
    expect(childPeriods('2027', 'week')).toHaveLength(52);
    expect(childPeriods('2026', 'week').at(-1)).toBe('2026-W53');
  });

  it.each([
    ['2027-01', 'quarter'],
    ['2027-01', 'month'],
    ['2027-W05', 'week'],
    ['2027', 'year'],
  ] as const)('%s cannot split into %s', (period, grain) => {
    expect(errorOf(() => childPeriods(period, grain))).toEqual({
      key: 'period.grainNotFiner',
      params: { period, grain },
    });
  });

  it('quarters and months tile the parent day by day, with no gap and no overlap', () => {
    fc.assert(
      fc.property(anyPeriod, fc.constantFrom<PeriodGrain>('quarter', 'month'), (period, grain) => {
        const parent = parsePeriod(period);
        fc.pre(parent.grain === 'year' || (parent.grain === 'quarter' && grain === 'month'));
        const kids = childPeriods(period, grain).map(parsePeriod);
        expect(kids[0]?.from).toBe(parent.from);
        expect(kids.at(-1)?.to).toBe(parent.to);
        kids.slice(1).forEach((kid, i) => expect(addDays(kids[i]!.to, 1)).toBe(kid.from));
      }),
    );
  });

  it('weeks of a year = weeks of its quarters = weeks of its months, each exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), (year) => {
        const ofYear = childPeriods(String(year), 'week');
        const ofQuarters = childPeriods(String(year), 'quarter').flatMap((q) => childPeriods(q, 'week'));
        const ofMonths = childPeriods(String(year), 'month').flatMap((m) => childPeriods(m, 'week'));
        expect(ofQuarters).toEqual(ofYear);
        expect(ofMonths).toEqual(ofYear);
        expect(new Set(ofYear).size).toBe(weeksInYear(year));
      }),
    );
  });

  it('every week of a month contains that month’s day for its Thursday', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const month = periodOf(day, 'month');
        for (const week of childPeriods(month, 'week')) {
          expect(periodOf(addDays(parsePeriod(week).from, 3), 'month')).toBe(month);
        }
      }),
    );
  });
});

describe('dayCount / elapsedDays / daysLeft', () => {
  it.each([
    ['2027', 365],
    ['2028', 366],
    ['2027-Q1', 90],
    ['2028-Q1', 91],
    ['2027-Q3', 92],
    ['2027-02', 28],
    ['2027-W05', 7],
  ])('%s has %d days', (period, days) => expect(dayCount(period)).toBe(days));

  it.each([
    ['2027-03', '2027-02-28', 0, 31],
    ['2027-03', '2027-03-01', 1, 30],
    ['2027-03', '2027-03-15', 15, 16],
    ['2027-03', '2027-03-31', 31, 0],
    ['2027-03', '2027-04-01', 31, 0],
    ['2027-03', '2030-01-01', 31, 0],
    ['2027-W05', '2027-02-03', 3, 4],
    ['2027', '2027-12-31', 365, 0],
  ])('%s on %s: %d days gone, %d left', (period, today, elapsed, left) => {
    expect(elapsedDays(period, today)).toBe(elapsed);
    expect(daysLeft(period, today)).toBe(left);
  });

  it('elapsed + left = the whole period, never negative', () => {
    fc.assert(
      fc.property(anyPeriod, anyDay, (period, today) => {
        const elapsed = elapsedDays(period, today);
        const left = daysLeft(period, today);
        return elapsed >= 0 && left >= 0 && elapsed + left === dayCount(period);
      }),
    );
  });
});

describe('comparePeriods / previousPeriod / samePeriodLastYear', () => {
  it('sorts a mixed list from the whole to its parts, in time', () => {
    const sorted = ['2027-02', '2027-W01', '2026-12', '2027-Q1', '2027', '2026-W53'].sort(comparePeriods);
    expect(sorted).toEqual(['2026-12', '2026-W53', '2027', '2027-Q1', '2027-W01', '2027-02']);
  });

  it.each([
    ['2027', '2026'],
    ['2027-Q1', '2026-Q4'],
    ['2027-Q3', '2027-Q2'],
    ['2027-01', '2026-12'],
    ['2027-W01', '2026-W53'],
    ['2028-W01', '2027-W52'],
    ['2027-W20', '2027-W19'],
  ])('before %s comes %s', (period, previous) => expect(previousPeriod(period)).toBe(previous));

  it('the previous period ends the day before this one starts, at the same grain', () => {
    fc.assert(
      fc.property(anyPeriod, (period) => {
        const current = parsePeriod(period);
        const previous = parsePeriod(previousPeriod(period));
        expect(previous.grain).toBe(current.grain);
        expect(daysBetween(previous.to, current.from)).toBe(1);
        expect(comparePeriods(previous.text, period)).toBe(-1);
      }),
    );
  });

  it.each([
    ['2027', '2026'],
    ['2027-Q2', '2026-Q2'],
    ['2028-02', '2027-02'],
    ['2027-W20', '2026-W20'],
    ['2027-W52', '2026-W52'],
    ['2027-W01', '2026-W01'],
    // 2026 has 53 weeks, 2025 only 52: week 53 has no twin and takes the last week.
    ['2026-W53', '2025-W52'],
  ])('a year before %s was %s', (period, lastYear) => expect(samePeriodLastYear(period)).toBe(lastYear));
});
