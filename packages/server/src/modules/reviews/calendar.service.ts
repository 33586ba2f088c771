import { createRequire } from 'node:module';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import {
  CalendarError,
  buildWorkingDayCalendar,
  monthBounds,
  workingDaysBetween,
  type WorkingDayCalendar,
} from '@zuzhang/domain';
import type {
  CalendarDayKind,
  CalendarYear,
  LoadCalendarBody,
  PutCalendarDayBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import { calendarDays } from './reviews.table.ts';

/**
 * The working-day calendar behind 出勤率: each company keeps its own editable table of public holidays
 * (法定节假日) and make-up working days (调休上班), loaded from the chinese-days data for the years it covers.
 * A year with no rows is not a year of Mondays to Fridays: counting Spring Festival as working days would
 * lower everyone's attendance, so such a year is an error (calendar.yearMissing), never a guess.
 */

interface ChineseDaysData {
  /** day → "English name,中文名,days": days off, the weekdays given off in exchange included. */
  holidays: Record<string, string>;
  /** day → same: weekend days that are working days. */
  workdays: Record<string, string>;
}

let chineseDays: ChineseDaysData | undefined;
function readChineseDays(): ChineseDaysData {
  // Read once, on first use: 200 KB of JSON the server needs only when a year is loaded.
  chineseDays ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  return chineseDays;
}

/** The Chinese name in a chinese-days entry ("National Day,国庆节,3" → 国庆节). */
function chineseNameOf(entry: string): string {
  return entry.split(',')[1]?.trim() ?? '';
}

/** The chinese-days entries of one year, or none when the package has no data for it. */
export function chineseDaysOf(year: number): { day: string; kind: CalendarDayKind; name: string }[] {
  const data = readChineseDays();
  const prefix = `${year}-`;
  const pick = (map: Record<string, string>, kind: CalendarDayKind) =>
    Object.entries(map)
      .filter(([day]) => day.startsWith(prefix))
      .map(([day, entry]) => ({ day, kind, name: chineseNameOf(entry) }));
  return [...pick(data.holidays, 'holiday'), ...pick(data.workdays, 'workday')].sort((a, b) =>
    a.day < b.day ? -1 : 1,
  );
}

/** The years chinese-days has data for, oldest first. */
export function chineseDaysYears(): number[] {
  const data = readChineseDays();
  return [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
}

/** A CalendarError of the domain as the error users see: 422 with the year or day to fix. */
export function calendarAppError(error: CalendarError): AppError {
  return new AppError('business_rule', error.key, error.params);
}

/**
 * The company's calendar for the years from..to (both days included). Throws 422 calendar.yearMissing for
 * the first year without data: load or enter it first. Used by reviews (出勤率) and pay (应出勤天数).
 */
export async function loadWorkingCalendar(
  tx: Executor,
  companyId: number,
  from: string,
  to: string,
): Promise<WorkingDayCalendar> {
  const rows = await tx
    .select({ day: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .where(
      and(
        eq(calendarDays.companyId, companyId),
        gte(calendarDays.day, `${from.slice(0, 4)}-01-01`),
        lte(calendarDays.day, `${to.slice(0, 4)}-12-31`),
      ),
    );
  try {
    const calendar = buildWorkingDayCalendar({
      holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.day),
      workdays: rows.filter((r) => r.kind === 'workday').map((r) => r.day),
    });
    // Counting the days checks that every year in the range is covered.
    workingDaysBetween(from, to, calendar);
    return calendar;
  } catch (error) {
    if (error instanceof CalendarError) throw calendarAppError(error);
    throw error;
  }
}

export async function getCalendarYear(db: Executor, actor: Actor, year: number): Promise<CalendarYear> {
  const from = `${String(year).padStart(4, '0')}-01-01`;
  const to = `${String(year).padStart(4, '0')}-12-31`;
  const rows = await db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(
      and(
        eq(calendarDays.companyId, actor.companyId),
        gte(calendarDays.day, from),
        lte(calendarDays.day, to),
      ),
    )
    .orderBy(asc(calendarDays.day));
  const days = rows.map((r) => ({ ...r, kind: r.kind as CalendarDayKind }));
  const months = Array.from(
    { length: 12 },
    (_, i) => `${from.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`,
  );
  if (days.length === 0) {
    return {
      year,
      covered: false,
      workingDays: null,
      months: months.map((month) => ({ month, workingDays: null })),
      days,
    };
  }
  const calendar = buildWorkingDayCalendar({
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
  });
  const perMonth = months.map((month) => ({
    month,
    workingDays: workingDaysBetween(monthBounds(month).from, monthBounds(month).to, calendar),
  }));
  return {
    year,
    covered: true,
    workingDays: perMonth.reduce((sum, m) => sum + m.workingDays, 0),
    months: perMonth,
    days,
  };
}

/** Enter or change one day: a holiday (a day off) or a make-up working day. */
export async function putCalendarDay(
  db: Db,
  actor: Actor,
  day: string,
  body: PutCalendarDayBody,
): Promise<CalendarYear> {
  const { actingForEmployeeId } = authorize(actor, 'attendance.manage');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.companyId, actor.companyId), eq(calendarDays.day, day)));
    const [after] = await tx
      .insert(calendarDays)
      .values({ companyId: actor.companyId, day, kind: body.kind, name: body.name })
      .onConflictDoUpdate({
        target: [calendarDays.companyId, calendarDays.day],
        set: { kind: body.kind, name: body.name },
      })
      .returning();
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'calendar_day',
      entityId: day,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getCalendarYear(db, actor, Number(day.slice(0, 4)));
}

/** Remove a day's entry: it follows the week again (Monday–Friday work). */
export async function deleteCalendarDay(db: Db, actor: Actor, day: string): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'attendance.manage');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.companyId, actor.companyId), eq(calendarDays.day, day)))
      .returning();
    if (!before) throw notFound('entity.calendarDay');
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'calendar_day',
      entityId: day,
      before,
      actingForEmployeeId,
    });
  });
}

/**
 * Write one year of chinese-days data into the company's table. Days the company entered itself and the
 * data does not list are kept; days the data lists take the data's kind and name.
 */
export async function fillCalendarYear(tx: Executor, companyId: number, year: number): Promise<number> {
  const entries = chineseDaysOf(year);
  if (entries.length === 0) {
    throw new AppError('business_rule', 'calendar.yearMissing', { year });
  }
  await tx
    .insert(calendarDays)
    .values(entries.map((e) => ({ companyId, ...e })))
    .onConflictDoUpdate({
      target: [calendarDays.companyId, calendarDays.day],
      set: { kind: sql`excluded.kind`, name: sql`excluded.name` },
    });
  return entries.length;
}

export async function loadCalendarYear(db: Db, actor: Actor, body: LoadCalendarBody): Promise<CalendarYear> {
  const { actingForEmployeeId } = authorize(actor, 'attendance.manage');
  await db.transaction(async (tx) => {
    const loaded = await fillCalendarYear(tx, actor.companyId, body.year);
    await recordAudit(tx, actor, {
      action: 'load',
      entity: 'calendar_year',
      entityId: body.year,
      after: { source: 'chinese-days', days: loaded },
      actingForEmployeeId,
    });
  });
  return getCalendarYear(db, actor, body.year);
}
