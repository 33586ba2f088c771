import { and, asc, count, eq, gte, inArray, lte, or, isNull, sql, type SQL } from 'drizzle-orm';
import type Decimal from 'decimal.js';
import { attendanceRate, monthBounds, workingDaysBetween, type WorkingDayCalendar } from '@zuzhang/domain';
import type {
  AttendanceListQuery,
  AttendanceRecord,
  AttendanceStatus,
  AttendanceSummaryQuery,
  AttendanceSummaryRow,
  PutAttendanceBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { users } from '../auth/auth.table.ts';
import { assignments, employees } from '../org/org.table.ts';
import { attendanceRecords } from './reviews.table.ts';
import { loadWorkingCalendar } from './calendar.service.ts';

/**
 * 考勤: one row per person per day (present, late, absent, leave), entered by whoever keeps attendance
 * (attendance.manage) or imported from a sheet. 出勤率 = days present ÷ the working days of the calendar;
 * late still counts as present (the person came), leave and absence do not.
 */

const PRESENT: readonly AttendanceStatus[] = ['present', 'late'];

export interface AttendanceFigures {
  /** Working days of the range by the company's calendar. */
  workingDays: number;
  /** Working days recorded present or late. */
  daysPresent: number;
  daysLate: number;
  daysAbsent: number;
  daysLeave: number;
  /** Rows recorded in the range at all (any day): 0 means nobody entered anything. */
  recordedDays: number;
  /** daysPresent ÷ workingDays, exact; null when the range has no working day. */
  rate: Decimal | null;
}

/** `day` is a working day by the calendar, as SQL (the calendar's lists are a few dozen days a year). */
function isWorkingDaySql(day: SQL | typeof attendanceRecords.day, calendar: WorkingDayCalendar): SQL {
  const list = (days: ReadonlySet<string>) =>
    days.size === 0
      ? sql`false`
      : sql`${day} in (${sql.join(
          [...days].map((d) => sql`${d}::date`),
          sql`, `,
        )})`;
  return sql`(${list(calendar.workdays)} or (extract(isodow from ${day}) < 6 and not ${list(calendar.holidays)}))`;
}

/** Attendance figures of each person for the days from..to, on a calendar already loaded for them. */
export async function summarizeAttendance(
  tx: Executor,
  companyId: number,
  employeeIds: readonly number[],
  from: string,
  to: string,
  calendar: WorkingDayCalendar,
): Promise<Map<number, AttendanceFigures>> {
  const result = new Map<number, AttendanceFigures>();
  if (employeeIds.length === 0) return result;
  const workingDays = workingDaysBetween(from, to, calendar);
  const working = isWorkingDaySql(attendanceRecords.day, calendar);
  const rows = await tx
    .select({
      employeeId: attendanceRecords.employeeId,
      status: attendanceRecords.status,
      all: sql<number>`count(*)::int`.mapWith(Number),
      onWorkingDays: sql<number>`(count(*) filter (where ${working}))::int`.mapWith(Number),
    })
    .from(attendanceRecords)
    .where(
      and(
        eq(attendanceRecords.companyId, companyId),
        inArray(attendanceRecords.employeeId, [...employeeIds]),
        gte(attendanceRecords.day, from),
        lte(attendanceRecords.day, to),
      ),
    )
    .groupBy(attendanceRecords.employeeId, attendanceRecords.status);
  for (const id of employeeIds) {
    const mine = rows.filter((r) => r.employeeId === id);
    const on = (status: AttendanceStatus) => mine.find((r) => r.status === status)?.onWorkingDays ?? 0;
    const daysPresent = PRESENT.reduce((sum, s) => sum + on(s), 0);
    result.set(id, {
      workingDays,
      daysPresent,
      daysLate: on('late'),
      daysAbsent: on('absent'),
      daysLeave: on('leave'),
      recordedDays: mine.reduce((sum, r) => sum + r.all, 0),
      rate: attendanceRate(daysPresent, workingDays),
    });
  }
  return result;
}

/**
 * 出勤率 of each person for a month (`YYYY-MM`): working days, days present, rate. Every id asked for gets
 * an entry (nothing recorded: 0 present, recordedDays 0). Throws 422 calendar.yearMissing when the
 * company's calendar has no data for the year. For pay (应出勤天数 / 出勤天数 / 出勤率) and reviews.
 */
export async function attendanceSummary(
  tx: Executor,
  companyId: number,
  employeeIds: readonly number[],
  month: string,
): Promise<Map<number, AttendanceFigures>> {
  const { from, to } = monthBounds(month);
  const calendar = await loadWorkingCalendar(tx, companyId, from, to);
  return summarizeAttendance(tx, companyId, employeeIds, from, to, calendar);
}

function selectRecords(db: Executor) {
  return db
    .select({ r: attendanceRecords, employeeName: employees.name, recordedBy: users.username })
    .from(attendanceRecords)
    .innerJoin(employees, eq(employees.id, attendanceRecords.employeeId))
    .leftJoin(users, eq(users.id, attendanceRecords.recordedByUserId));
}
type RecordRow = Awaited<ReturnType<ReturnType<typeof selectRecords>['where']>>[number];

function presentRecord(row: RecordRow): AttendanceRecord {
  return {
    id: row.r.id,
    employeeId: row.r.employeeId,
    employeeName: row.employeeName,
    day: row.r.day,
    status: row.r.status as AttendanceStatus,
    note: row.r.note,
    recordedBy: row.recordedBy,
    version: row.r.version,
  };
}

/** Attendance of the people in the caller's scope (everyone sees their own). */
export async function listAttendance(db: Db, actor: Actor, query: AttendanceListQuery) {
  const month = query.month ? monthBounds(query.month) : undefined;
  const where = and(
    eq(attendanceRecords.companyId, actor.companyId),
    inScope.employee(actor, attendanceRecords.employeeId),
    month ? gte(attendanceRecords.day, month.from) : undefined,
    month ? lte(attendanceRecords.day, month.to) : undefined,
    query.employeeId ? eq(attendanceRecords.employeeId, query.employeeId) : undefined,
    query.status ? eq(attendanceRecords.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    { day: attendanceRecords.day, employeeName: employees.name, status: attendanceRecords.status },
    'day',
    attendanceRecords.id,
  );
  return pageOf(
    db,
    query,
    selectRecords(db)
      .where(where)
      .orderBy(...order),
    db
      .select({ n: count() })
      .from(attendanceRecords)
      .innerJoin(employees, eq(employees.id, attendanceRecords.employeeId))
      .where(where),
    (rows) => rows.map(presentRecord),
  );
}

/** The employee, when in the company and the caller's scope; else a 400 naming `path`. */
export async function loadEmployeeInScope(tx: Executor, actor: Actor, employeeId: number, path: string) {
  const [employee] = await tx
    .select({ id: employees.id, name: employees.name })
    .from(employees)
    .where(
      and(
        eq(employees.id, employeeId),
        eq(employees.companyId, actor.companyId),
        inScope.employee(actor, employees.id),
      ),
    );
  if (!employee) throw fieldError(path, 'field.notInCompany', { entity: 'entity.employee' });
  return employee;
}

/** Present, late and absent are facts of days that have happened; leave may be entered ahead. */
export function checkAttendanceDay(
  actor: Actor,
  day: string,
  status: AttendanceStatus,
  path: string,
): AppError | null {
  if (day > actor.today && status !== 'leave') {
    return fieldError(path, 'reviews.dayInFuture', { today: actor.today });
  }
  return null;
}

/** Record one day of one person (attendance.manage); an existing day needs the version read. */
export async function putAttendance(
  db: Db,
  actor: Actor,
  body: PutAttendanceBody,
): Promise<AttendanceRecord> {
  const { actingForEmployeeId } = authorize(actor, 'attendance.manage');
  const id = await db.transaction(async (tx) => {
    await loadEmployeeInScope(tx, actor, body.employeeId, 'body.employeeId');
    const dayError = checkAttendanceDay(actor, body.day, body.status, 'body.day');
    if (dayError) throw dayError;
    const [before] = await tx
      .select()
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.employeeId, body.employeeId), eq(attendanceRecords.day, body.day)))
      .for('update');
    if (body.version === undefined) {
      if (before) throw new AppError('conflict', 'reviews.attendanceExists', { day: body.day });
      const [row] = await tx
        .insert(attendanceRecords)
        .values({
          companyId: actor.companyId,
          employeeId: body.employeeId,
          day: body.day,
          status: body.status,
          note: body.note,
          recordedByUserId: actor.userId,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError('conflict', 'reviews.attendanceExists', { day: body.day });
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'attendance',
        entityId: row.id,
        after: row,
        actingForEmployeeId,
      });
      return row.id;
    }
    if (!before) throw notFound('entity.attendance');
    if (before.version !== body.version) throw staleVersion('entity.attendance');
    const [after] = await tx
      .update(attendanceRecords)
      .set({
        status: body.status,
        note: body.note,
        recordedByUserId: actor.userId,
        version: before.version + 1,
      })
      .where(and(eq(attendanceRecords.id, before.id), eq(attendanceRecords.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.attendance');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'attendance',
      entityId: before.id,
      before,
      after,
      actingForEmployeeId,
    });
    return before.id;
  });
  const [row] = await selectRecords(db).where(eq(attendanceRecords.id, id));
  return presentRecord(row!);
}

/** Everyone in the caller's scope who held a position during the month, with their 出勤率. */
export async function listAttendanceSummary(
  db: Db,
  actor: Actor,
  query: AttendanceSummaryQuery,
): Promise<AttendanceSummaryRow[]> {
  const { from, to } = monthBounds(query.month);
  const people = await db
    .selectDistinct({ id: employees.id, name: employees.name })
    .from(employees)
    .innerJoin(assignments, eq(assignments.employeeId, employees.id))
    .where(
      and(
        eq(employees.companyId, actor.companyId),
        inScope.employee(actor, employees.id),
        query.employeeId ? eq(employees.id, query.employeeId) : undefined,
        lte(assignments.startDate, to),
        or(isNull(assignments.endDate), gte(assignments.endDate, from)),
      ),
    )
    .orderBy(asc(employees.name), asc(employees.id));
  const figures = await attendanceSummary(
    db,
    actor.companyId,
    people.map((p) => p.id),
    query.month,
  );
  return people.map((p) => {
    const f = figures.get(p.id)!;
    return {
      employeeId: p.id,
      employeeName: p.name,
      month: query.month,
      workingDays: f.workingDays,
      daysPresent: f.daysPresent,
      daysLate: f.daysLate,
      daysAbsent: f.daysAbsent,
      daysLeave: f.daysLeave,
      recordedDays: f.recordedDays,
      rate: f.rate?.toString() ?? null,
    };
  });
}
