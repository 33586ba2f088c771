import { addDays, daysBetween } from '../receivables/ageing.ts';
import { monthBounds, monthOf, previousMonth } from '../statements/period.ts';
import { isIsoDate } from '../validators/validators.ts';

/**
 * Planning periods (年度 / 季度 / 月度 / 周): a target at one grain splits into the next. Written `2027`,
 * `2027-Q1`, `2027-01` or `2027-W05` (ISO-8601 week, Monday to Sunday, numbered in its ISO week-year).
 * Days are `YYYY-MM-DD` strings; nothing here reads the clock, `today` is always passed in.
 */
export const PERIOD_GRAINS = ['year', 'quarter', 'month', 'week'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

export interface ParsedPeriod {
  /** The canonical text, e.g. `2027-Q1`. */
  text: string;
  grain: PeriodGrain;
  /** Calendar year; for a week, its ISO week-year (2027-W01 may start in December 2026). */
  year: number;
  /** Quarter 1–4, month 1–12, week 1–53; always 1 for a year. */
  index: number;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** Message keys of PeriodError, for the server's i18n catalogue. */
export const PERIOD_ERROR_KEYS = [
  'period.invalid',
  'period.weekOutsideYear',
  'period.grainNotFiner',
] as const;
export type PeriodErrorKey = (typeof PERIOD_ERROR_KEYS)[number];

/** A period the user wrote that does not exist; `key` and `params` go through i18n, never shown raw. */
export class PeriodError extends Error {
  constructor(
    readonly key: PeriodErrorKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'PeriodError';
  }
}

/** Plans and days are of years in this range; outside it a year is a typing mistake, not a plan. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

const GRAIN_RANK: Record<PeriodGrain, number> = { year: 0, quarter: 1, month: 2, week: 3 };

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function assertDay(day: string): void {
  const year = Number(day.slice(0, 4));
  if (!isIsoDate(day) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new PeriodError('period.invalid', { period: day });
  }
}

/** ISO weekday: Monday 1 … Sunday 7. */
function isoWeekday(day: string): number {
  const sunday0 = new Date(`${day}T00:00:00Z`).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** The Thursday of the ISO week a day is in: it decides the week's year, number and month. */
function thursdayOf(day: string): string {
  return addDays(day, 4 - isoWeekday(day));
}

/** Monday of ISO week 1: the week with 4 January in it. */
function firstMondayOfWeekYear(year: number): string {
  const fourth = formatDay(year, 1, 4);
  return addDays(fourth, 1 - isoWeekday(fourth));
}

/** 53 when the ISO week-year starts on a Thursday, or on a Wednesday in a leap year; otherwise 52. */
export function weeksInYear(year: number): number {
  return isoWeekOfDay(formatDay(year, 12, 28)).week;
}

function isoWeekOfDay(day: string): { year: number; week: number } {
  const thursday = thursdayOf(day);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(formatDay(year, 1, 1), thursday) / 7) + 1 };
}

/** The ISO week a day belongs to, e.g. `2026-11-26` → `2026-W48`; `2027-01-01` → `2026-W53`. */
export function isoWeekOf(day: string): string {
  assertDay(day);
  const { year, week } = isoWeekOfDay(day);
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

function checkYear(text: string, year: number): void {
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new PeriodError('period.invalid', { period: text });
}

/** Read a period; throws PeriodError (`period.invalid`, `period.weekOutsideYear`) for one that does not exist. */
export function parsePeriod(text: string): ParsedPeriod {
  return remembered(parsedPeriods, text, () => Object.freeze(parseUncached(text)));
}

/**
 * Period arithmetic is pure and a report asks the same few questions thousands of times (once per person
 * and period): each answer is worked out once and kept (a few thousand at most).
 */
function remembered<T>(cache: Map<string, T>, key: string, work: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 10_000) cache.clear();
    value = work();
    cache.set(key, value);
  }
  return value;
}
const parsedPeriods = new Map<string, Readonly<ParsedPeriod>>();
const dayCounts = new Map<string, number>();
const elapsed = new Map<string, number>();

function parseUncached(text: string): ParsedPeriod {
  const match = /^(\d{4})(?:-Q(\d)|-(\d{2})|-W(\d{2}))?$/.exec(text);
  if (!match) throw new PeriodError('period.invalid', { period: text });
  const year = Number(match[1]);
  checkYear(text, year);
  const [, , quarter, month, week] = match;
  if (quarter !== undefined) {
    const index = Number(quarter);
    if (index < 1 || index > 4) throw new PeriodError('period.invalid', { period: text });
    const from = monthBounds(`${match[1]}-${pad(index * 3 - 2, 2)}`).from;
    const to = monthBounds(`${match[1]}-${pad(index * 3, 2)}`).to;
    return { text, grain: 'quarter', year, index, from, to };
  }
  if (month !== undefined) {
    const index = Number(month);
    if (index < 1 || index > 12) throw new PeriodError('period.invalid', { period: text });
    return { text, grain: 'month', year, index, ...monthBounds(text) };
  }
  if (week !== undefined) {
    const index = Number(week);
    const weeks = weeksInYear(year);
    // "A week outside the year" (issue 4): W53 of a 52-week year, or W00, names no week at all.
    if (index < 1 || index > weeks) throw new PeriodError('period.weekOutsideYear', { year, weeks });
    const from = addDays(firstMondayOfWeekYear(year), (index - 1) * 7);
    return { text, grain: 'week', year, index, from, to: addDays(from, 6) };
  }
  return { text, grain: 'year', year, index: 1, from: formatDay(year, 1, 1), to: formatDay(year, 12, 31) };
}

/** The period of the given grain a day falls in. */
export function periodOf(day: string, grain: PeriodGrain): string {
  assertDay(day);
  const year = day.slice(0, 4);
  switch (grain) {
    case 'year':
      return year;
    case 'quarter':
      return `${year}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
    case 'month':
      return monthOf(day);
    case 'week':
      return isoWeekOf(day);
  }
}

/** The ISO weeks whose Thursday falls between from and to (inclusive), in order. */
function weeksByThursday(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let thursday = addDays(from, (4 - isoWeekday(from) + 7) % 7); thursday <= to;) {
    weeks.push(isoWeekOf(thursday));
    thursday = addDays(thursday, 7);
  }
  return weeks;
}

/**
 * The periods one grain finer that make up a period, in order, never overlapping, so a split of the parent
 * (分解) lands every child in exactly one place:
 * - a year's quarters and months are the calendar ones; a year's weeks are the ISO weeks of that ISO week-year;
 * - the weeks of a quarter or month are the ISO weeks whose Thursday falls inside it. A week that straddles
 *   two months belongs to the month holding its Thursday (the month with 4 or more of its days), the same
 *   rule that gives a week its year, so the weeks of the months of a year are exactly the weeks of the year.
 */
export function childPeriods(period: string, grain: PeriodGrain): string[] {
  const parent = parsePeriod(period);
  if (GRAIN_RANK[grain] <= GRAIN_RANK[parent.grain]) {
    throw new PeriodError('period.grainNotFiner', { period, grain });
  }
  const year = pad(parent.year, 4);
  if (grain === 'week') {
    if (parent.grain !== 'year') return weeksByThursday(parent.from, parent.to);
    return Array.from({ length: weeksInYear(parent.year) }, (_, i) => `${year}-W${pad(i + 1, 2)}`);
  }
  if (grain === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  const firstMonth = parent.grain === 'quarter' ? parent.index * 3 - 2 : 1;
  const count = parent.grain === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${pad(firstMonth + i, 2)}`);
}

/** Days in the period: 365 or 366, 90–92, 28–31, 7. */
export function dayCount(period: string): number {
  return remembered(dayCounts, period, () => {
    const { from, to } = parsePeriod(period);
    return daysBetween(from, to) + 1;
  });
}

/**
 * Days of the period gone by on `today`, today included (a sale made today already counts for the run
 * rate): 0 before the period starts, all of them after it ends.
 */
export function elapsedDays(period: string, today: string): number {
  return remembered(elapsed, `${period} ${today}`, () => {
    assertDay(today);
    const { from, to } = parsePeriod(period);
    if (today < from) return 0;
    if (today > to) return daysBetween(from, to) + 1;
    return daysBetween(from, today) + 1;
  });
}

/** Days still to come after today, so elapsedDays + daysLeft = dayCount. 0 on the last day. */
export function daysLeft(period: string, today: string): number {
  return dayCount(period) - elapsedDays(period, today);
}

/**
 * Orders periods by start day; a longer period before a shorter one starting the same day (2027 before
 * 2027-Q1 before 2027-01), so a mixed list reads from the whole to its parts.
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa.from !== pb.from) return pa.from < pb.from ? -1 : 1;
  if (pa.to !== pb.to) return pa.to > pb.to ? -1 : 1;
  return 0;
}

/** The period just before, of the same grain: 2027-Q1 → 2026-Q4, 2027-W01 → 2026-W53. */
export function previousPeriod(period: string): string {
  const p = parsePeriod(period);
  switch (p.grain) {
    case 'year':
      return pad(p.year - 1, 4);
    case 'quarter':
      return p.index === 1 ? `${pad(p.year - 1, 4)}-Q4` : `${pad(p.year, 4)}-Q${p.index - 1}`;
    case 'month':
      return previousMonth(period);
    case 'week':
      return isoWeekOf(addDays(p.from, -7));
  }
}

/**
 * The same period a year earlier, for year-on-year comparison and the seasonality split (同期): same
 * quarter, month or week number. Week 53 has no twin in a 52-week year and maps to that year's week 52.
 */
export function samePeriodLastYear(period: string): string {
  const p = parsePeriod(period);
  const lastYear = pad(p.year - 1, 4);
  switch (p.grain) {
    case 'year':
      return lastYear;
    case 'quarter':
      return `${lastYear}-Q${p.index}`;
    case 'month':
      return `${lastYear}-${pad(p.index, 2)}`;
    case 'week':
      return `${lastYear}-W${pad(Math.min(p.index, weeksInYear(p.year - 1)), 2)}`;
  }
}
