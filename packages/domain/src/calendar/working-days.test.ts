import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertCalendarCovers,
  attendanceRate,
  buildWorkingDayCalendar,
  CalendarError,
  isWorkingDay,
  workingDaysBetween,
  type WorkingDayCalendar,
} from './working-days.ts';

// Real data for 2025 and 2026 from chinese-days 1.5.7 (dist/chinese-days.json), as the server loads it.
const HOLIDAYS_2025 = (
  '2025-01-01 2025-01-28 2025-01-29 2025-01-30 2025-01-31 2025-02-01 2025-02-02 ' +
  '2025-02-03 2025-02-04 2025-04-04 2025-04-05 2025-04-06 2025-05-01 2025-05-02 ' +
  '2025-05-03 2025-05-04 2025-05-05 2025-05-31 2025-06-01 2025-06-02 2025-10-01 ' +
  '2025-10-02 2025-10-03 2025-10-04 2025-10-05 2025-10-06 2025-10-07 2025-10-08'
).split(' ');
const WORKDAYS_2025 = '2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11'.split(' ');
const HOLIDAYS_2026 = (
  '2026-01-01 2026-01-02 2026-01-03 2026-02-15 2026-02-16 2026-02-17 2026-02-18 ' +
  '2026-02-19 2026-02-20 2026-02-21 2026-02-22 2026-02-23 2026-04-04 2026-04-05 ' +
  '2026-04-06 2026-05-01 2026-05-02 2026-05-03 2026-05-04 2026-05-05 2026-06-19 ' +
  '2026-06-20 2026-06-21 2026-09-25 2026-09-26 2026-09-27 2026-10-01 2026-10-02 ' +
  '2026-10-03 2026-10-04 2026-10-05 2026-10-06 2026-10-07'
).split(' ');
const WORKDAYS_2026 = '2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10'.split(' ');

const cal = buildWorkingDayCalendar({
  holidays: new Set([...HOLIDAYS_2025, ...HOLIDAYS_2026]),
  workdays: [...WORKDAYS_2025, ...WORKDAYS_2026],
});
const only2026 = buildWorkingDayCalendar({ holidays: HOLIDAYS_2026, workdays: WORKDAYS_2026 });

function keyOf(fn: () => unknown): { key: string; params: Record<string, string | number> } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CalendarError) return { key: error.key, params: error.params };
    throw error;
  }
  return undefined;
}

describe('isWorkingDay with the 2025 and 2026 State Council schedules', () => {
  it.each([
    ['2026-10-01', false, 'National Day, a Thursday'],
    ['2026-10-07', false, 'last day of the National Day week, a Wednesday'],
    ['2026-10-08', true, 'the Thursday after National Day 2026 is back at work'],
    ['2025-10-08', false, 'National Day 2025 ran to the 8th (Mid-autumn joined it)'],
    ['2026-10-10', true, 'make-up Saturday (调休上班)'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-17', false, 'Spring Festival, a Tuesday'],
    ['2026-02-23', false, 'Spring Festival day given in lieu, a Monday'],
    ['2026-02-24', true, 'first Tuesday back after Spring Festival'],
    ['2026-01-04', true, 'make-up Sunday after New Year'],
    ['2026-06-19', false, 'Dragon Boat Festival, a Friday'],
    ['2026-03-14', false, 'an ordinary Saturday'],
    ['2026-03-16', true, 'an ordinary Monday'],
  ])('%s → %s (%s)', (day, working) => {
    expect(isWorkingDay(day, cal)).toBe(working);
  });
});

describe('workingDaysBetween (both ends included)', () => {
  it.each([
    // 22 weekdays, 5 of them National Day holidays, plus make-up Saturday the 10th.
    ['October 2026', '2026-10-01', '2026-10-31', 18],
    // 22 weekdays, Mid-autumn Friday the 25th off, plus make-up Sunday the 20th.
    ['September 2026', '2026-09-01', '2026-09-30', 22],
    // 20 weekdays, 6 of them Spring Festival, plus make-up Saturdays the 14th and 28th.
    ['February 2026', '2026-02-01', '2026-02-28', 16],
    ['the National Day week', '2026-10-01', '2026-10-08', 1],
    ['a single holiday', '2026-10-01', '2026-10-01', 0],
    ['a single make-up day', '2026-10-10', '2026-10-10', 1],
    // 29–31 Dec 2025 (Mon–Wed), 1–3 Jan 2026 off, Sunday the 4th a make-up day.
    ['across the year end', '2025-12-29', '2026-01-04', 4],
  ])('%s: %s..%s → %d', (_name, from, to, days) => {
    expect(workingDaysBetween(from, to, cal)).toBe(days);
  });

  it('refuses an end before the start', () => {
    expect(() => workingDaysBetween('2026-10-31', '2026-10-01', cal)).toThrow(RangeError);
  });

  it('splits additively and agrees with isWorkingDay day by day', () => {
    const start = Date.UTC(2025, 0, 1);
    const dayIn = fc
      .integer({ min: 0, max: 729 })
      .map((n) => new Date(start + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(dayIn, { minLength: 3, maxLength: 3 }), (days) => {
        const [a, b, c] = [...days].sort() as [string, string, string];
        const nextOfB = new Date(Date.parse(`${b}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const whole = workingDaysBetween(a, c, cal);
        if (b < c) expect(workingDaysBetween(a, b, cal) + workingDaysBetween(nextOfB, c, cal)).toBe(whole);
        let count = 0;
        for (
          let d = a;
          d <= c;
          d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
        ) {
          if (isWorkingDay(d, cal)) count += 1;
        }
        expect(count).toBe(whole);
      }),
      { numRuns: 50 },
    );
  });
});

describe('a year with no data is an error, not a guess', () => {
  it.each([
    ['a day in 2027', () => isWorkingDay('2027-03-01', cal), 2027],
    ['a range reaching into 2027', () => workingDaysBetween('2026-12-01', '2027-01-31', cal), 2027],
    [
      'a range from 2025 on a calendar holding only 2026',
      () => workingDaysBetween('2025-12-29', '2026-01-04', only2026),
      2025,
    ],
    ['asking for 2024 directly', () => assertCalendarCovers(2024, cal), 2024],
  ])('%s → calendar.yearMissing', (_name, fn, year) => {
    expect(keyOf(fn)).toEqual({ key: 'calendar.yearMissing', params: { year } });
  });

  it.each([2025, 2026])('covers %d', (year) => {
    expect(() => assertCalendarCovers(year, cal)).not.toThrow();
  });

  it('an empty calendar covers nothing', () => {
    const empty: WorkingDayCalendar = buildWorkingDayCalendar({ holidays: [], workdays: [] });
    expect(keyOf(() => isWorkingDay('2026-03-16', empty))?.key).toBe('calendar.yearMissing');
  });
});

describe('bad calendar data', () => {
  it.each([
    [
      'a day both off and on',
      { holidays: ['2026-10-10'], workdays: ['2026-10-10'] },
      'calendar.dayConflict',
      { day: '2026-10-10' },
    ],
    [
      'a date that does not exist',
      { holidays: ['2026-02-30'], workdays: [] },
      'calendar.notADate',
      { day: '2026-02-30' },
    ],
    [
      'not a date at all',
      { holidays: [], workdays: ['10/10/2026'] },
      'calendar.notADate',
      { day: '10/10/2026' },
    ],
  ])('%s → %s', (_name, data, key, params) => {
    expect(keyOf(() => buildWorkingDayCalendar(data))).toEqual({ key, params });
  });
});

describe('attendanceRate', () => {
  it.each([
    [18, 18, '1'],
    [17, 18, '0.94444'],
    ['16.5', 22, '0.75'],
    [0, 22, '0'],
  ] as const)('%s of %s working days → %s', (present, working, rate) => {
    expect(attendanceRate(present, working)?.toDecimalPlaces(5).toString()).toBe(rate);
  });

  it('is null when there was no working day to attend', () => {
    expect(attendanceRate(0, 0)).toBeNull();
  });

  it('refuses negative days', () => {
    expect(() => attendanceRate(-1, 22)).toThrow(RangeError);
  });
});
