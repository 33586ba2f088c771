import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import { isIsoDate } from '../validators/validators.ts';

/**
 * The working-day calendar behind 出勤率: Monday to Friday, minus the public holidays (法定节假日), plus the
 * make-up working days on weekends (调休上班). The data comes in (the server keeps chinese-days' data in an
 * editable table); nothing here knows a holiday by itself. A year with no data is an error, not a guess:
 * guessing "Monday to Friday" would count Spring Festival as working days and lower everyone's attendance.
 */
export interface WorkingDayCalendarData {
  /** Days off: public holidays, including the weekdays given off in exchange for make-up days. */
  holidays: Iterable<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: Iterable<string>;
}

export interface WorkingDayCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  /** Years the data covers: every year that has at least one holiday or make-up day (each has 元旦). */
  readonly years: ReadonlySet<number>;
}

export type CalendarErrorKey = 'calendar.yearMissing' | 'calendar.dayConflict' | 'calendar.notADate';

/** A problem the user fixes by editing the holiday table; the server translates `key` with `params`. */
export class CalendarError extends Error {
  constructor(
    readonly key: CalendarErrorKey,
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

const DAY_MS = 86_400_000;

function dayNumberOf(day: string): number {
  if (!isIsoDate(day))
    throw new CalendarError('calendar.notADate', { day }, `not a date (YYYY-MM-DD): ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Check the data once and index it. A day cannot be both a holiday and a make-up working day. */
export function buildWorkingDayCalendar(data: WorkingDayCalendarData): WorkingDayCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const years = new Set<number>();
  for (const day of data.holidays) {
    dayNumberOf(day);
    holidays.add(day);
    years.add(yearOf(day));
  }
  for (const day of data.workdays) {
    dayNumberOf(day);
    if (holidays.has(day)) {
      throw new CalendarError(
        'calendar.dayConflict',
        { day },
        `${day} is both a holiday and a make-up working day`,
      );
    }
    workdays.add(day);
    years.add(yearOf(day));
  }
  return { holidays, workdays, years };
}

/** Throws `calendar.yearMissing` when the calendar has no data for `year`. */
export function assertCalendarCovers(year: number, cal: WorkingDayCalendar): void {
  if (!cal.years.has(year)) {
    throw new CalendarError(
      'calendar.yearMissing',
      { year },
      `no public-holiday data for ${year}: load or enter the year's holidays and make-up working days first`,
    );
  }
}

export function isWorkingDay(day: string, cal: WorkingDayCalendar): boolean {
  const dayNumber = dayNumberOf(day);
  assertCalendarCovers(yearOf(day), cal);
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days from `from` to `to`, both included (a month is its first to its last day). */
export function workingDaysBetween(from: string, to: string, cal: WorkingDayCalendar): number {
  const first = dayNumberOf(from);
  const last = dayNumberOf(to);
  if (last < first) throw new RangeError(`${to} is before ${from}`);
  for (let year = yearOf(from); year <= yearOf(to); year += 1) assertCalendarCovers(year, cal);
  let count = 0;
  for (let n = first; n <= last; n += 1) if (isWorkingDay(dayOf(n), cal)) count += 1;
  return count;
}

/**
 * 出勤率 = days present ÷ working days, exact (no rounding: it feeds a score, which is rounded once).
 * Null when there was no working day to attend: a rate of nothing is not 0% and not 100%. Count presence
 * on working days only, so the rate reads as a share of the days the person was expected.
 */
export function attendanceRate(daysPresent: Decimal.Value, workingDays: Decimal.Value): Decimal | null {
  const present = new Dec(daysPresent);
  const expected = new Dec(workingDays);
  if (present.isNegative() || expected.isNegative()) throw new RangeError('days cannot be negative');
  if (expected.isZero()) return null;
  return present.dividedBy(expected);
}
