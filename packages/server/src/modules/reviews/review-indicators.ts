import { and, eq, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type Decimal from 'decimal.js';
import { Dec, attainment, childPeriods, type KpiSource, type ParsedPeriod } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { employees, units } from '../org/org.table.ts';
import { salesRollups } from '../sales-rollups/rollups.table.ts';
import { targetLines, targetPlans } from '../targets/targets.table.ts';
import { followUps } from '../customers/customers.table.ts';
import { complaints, customerSurveys } from '../service/service.table.ts';
import { loadWorkingCalendar } from './calendar.service.ts';
import { summarizeAttendance } from './attendance.service.ts';

/**
 * The computed indicators of a review (issue 5 item 1), filled from the system's own figures for a set of
 * people and one period, in a few set-wise queries (a cycle reviews a whole department at once):
 *
 * - sales / collections attainment: the person's month roll-ups (sales are net of returns) ÷ their
 *   published target for the period (the period's own line, else the sum of its months' lines);
 * - team (department) attainment: the roll-ups of the person's unit and every unit below it ÷ the unit's
 *   published target — a team lead's team, a group leader's 组 / department;
 * - new customers: customers acquired in the period, credited to the person;
 * - return visits done (回访): follow-ups the person recorded plus return-visit surveys;
 * - complaints closed on time: of the person's complaints due in the period (deadline passed, or closed),
 *   the share closed on or before the deadline;
 * - mentees' attainment (带教): Σ sales ÷ Σ targets of the people the person mentors (employees.mentorId);
 * - attendance rate: days present ÷ working days by the company's calendar, up to today.
 *
 * Promotions, stocktakes and expired goods have no data in the system yet: they are left for the rater
 * with a note saying so, like any figure that cannot be computed (no target, no calendar).
 */

export interface Reviewee {
  employeeId: number;
  /** The unit of the person's primary position: their team, or the department they lead. */
  unitId: number | null;
}

export interface IndicatorFigure {
  /** The figure (ratio or count); null when the system cannot compute it (the rater fills it). */
  value: Decimal | null;
  actual: number | null;
  target: number | null;
  note: { key: MessageKey; params: Record<string, string | number> } | null;
}

/** The sources the system has no data for yet. */
export const SOURCES_WITHOUT_DATA: readonly KpiSource[] = [
  'promotion_attainment',
  'stock_checks_done',
  'no_expired_goods',
];

const figure = (value: Decimal | null, extra: Partial<IndicatorFigure> = {}): IndicatorFigure => ({
  value,
  actual: null,
  target: null,
  note: null,
  ...extra,
});
const missing = (key: MessageKey, params: Record<string, string | number> = {}): IndicatorFigure =>
  figure(null, { note: { key, params } });

/** First days of the months in the period (`2026-10-01`, … for 2026-Q4). */
function monthStarts(period: ParsedPeriod): string[] {
  const months = period.grain === 'month' ? [period.text] : childPeriods(period.text, 'month');
  return months.map((m) => `${m}-01`);
}

function monthsOf(period: ParsedPeriod): string[] {
  return period.grain === 'month' ? [period.text] : childPeriods(period.text, 'month');
}

type RollupMetric = 'sales' | 'collections' | 'new_customers';

async function sumByEmployee(
  tx: Executor,
  companyId: number,
  metric: RollupMetric,
  employeeIds: number[],
  period: ParsedPeriod,
): Promise<Map<number, number>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: salesRollups.employeeId,
      amount: sql<number>`sum(${salesRollups.amount})::bigint`.mapWith(Number),
    })
    .from(salesRollups)
    .where(
      and(
        eq(salesRollups.companyId, companyId),
        eq(salesRollups.metric, metric),
        eq(salesRollups.grain, 'month'),
        eq(salesRollups.category, ''),
        inArray(salesRollups.periodStart, monthStarts(period)),
        inArray(salesRollups.employeeId, employeeIds),
      ),
    )
    .groupBy(salesRollups.employeeId);
  return new Map(rows.map((r) => [r.id, r.amount]));
}

async function sumByUnit(
  tx: Executor,
  companyId: number,
  unitIds: number[],
  period: ParsedPeriod,
): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: salesRollups.unitId,
      amount: sql<number>`sum(${salesRollups.amount})::bigint`.mapWith(Number),
    })
    .from(salesRollups)
    .where(
      and(
        eq(salesRollups.companyId, companyId),
        eq(salesRollups.metric, 'sales'),
        eq(salesRollups.grain, 'month'),
        eq(salesRollups.category, ''),
        inArray(salesRollups.periodStart, monthStarts(period)),
        inArray(salesRollups.unitId, unitIds),
      ),
    )
    .groupBy(salesRollups.unitId);
  return new Map(rows.map((r) => [r.id, r.amount]));
}

/**
 * Published targets (目标 tier) of people or units for the period: the period's own line when there is
 * one, else the sum of its months' lines (a quarter split into months only).
 */
async function targetsOf(
  tx: Executor,
  companyId: number,
  metric: 'sales' | 'collections',
  ownerKind: 'employee' | 'unit',
  ids: number[],
  period: ParsedPeriod,
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const owner = ownerKind === 'employee' ? targetLines.employeeId : targetLines.unitId;
  const periods = [...new Set([period.text, ...monthsOf(period)])];
  const rows = await tx
    .select({
      id: owner,
      period: targetLines.period,
      target: sql<number>`sum(${targetLines.target})::bigint`.mapWith(Number),
    })
    .from(targetLines)
    .innerJoin(targetPlans, eq(targetPlans.id, targetLines.planId))
    .where(
      and(
        eq(targetLines.companyId, companyId),
        eq(targetPlans.status, 'published'),
        eq(targetPlans.metric, metric),
        eq(targetPlans.category, ''),
        eq(targetLines.ownerKind, ownerKind),
        inArray(owner, ids),
        inArray(targetLines.period, periods),
      ),
    )
    .groupBy(owner, targetLines.period);
  const result = new Map<number, number>();
  for (const id of ids) {
    const mine = rows.filter((r) => r.id === id);
    const own = mine.find((r) => r.period === period.text);
    if (own) result.set(id, own.target);
    else if (mine.length > 0)
      result.set(
        id,
        mine.reduce((sum, r) => sum + r.target, 0),
      );
  }
  return result;
}

function attainmentFigure(actual: number, target: number | undefined, period: ParsedPeriod): IndicatorFigure {
  if (target === undefined) return missing('reviews.noTarget', { period: period.text });
  const ratio = attainment(actual, target);
  if (ratio === null)
    return figure(null, {
      actual,
      target,
      note: { key: 'reviews.noTarget', params: { period: period.text } },
    });
  return figure(ratio, { actual, target });
}

/** Each unit with every unit below it. */
async function loadSubtrees(tx: Executor, companyId: number): Promise<(unitId: number) => number[]> {
  const rows = await tx
    .select({ id: units.id, parentId: units.parentId })
    .from(units)
    .where(eq(units.companyId, companyId));
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parentId !== null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  }
  return (unitId) => {
    const out: number[] = [];
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  };
}

async function countByEmployee(
  tx: Executor,
  companyId: number,
  employeeIds: number[],
  from: string,
  to: string,
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (employeeIds.length === 0) return result;
  const visits = await tx
    .select({ id: followUps.employeeId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(followUps)
    .where(
      and(
        eq(followUps.companyId, companyId),
        inArray(followUps.employeeId, employeeIds),
        gte(followUps.happenedOn, from),
        lte(followUps.happenedOn, to),
      ),
    )
    .groupBy(followUps.employeeId);
  const surveys = await tx
    .select({ id: customerSurveys.employeeId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(customerSurveys)
    .where(
      and(
        eq(customerSurveys.companyId, companyId),
        eq(customerSurveys.kind, 'return_visit'),
        inArray(customerSurveys.employeeId, employeeIds),
        gte(customerSurveys.doneOn, from),
        lte(customerSurveys.doneOn, to),
      ),
    )
    .groupBy(customerSurveys.employeeId);
  for (const r of [...visits, ...surveys]) result.set(r.id, (result.get(r.id) ?? 0) + r.n);
  return result;
}

async function complaintsOnTime(
  tx: Executor,
  companyId: number,
  employeeIds: number[],
  from: string,
  to: string,
  today: string,
) {
  if (employeeIds.length === 0) return new Map<number, { due: number; onTime: number }>();
  const rows = await tx
    .select({
      id: complaints.ownerEmployeeId,
      due: sql<number>`count(*)::int`.mapWith(Number),
      onTime:
        sql<number>`(count(*) filter (where ${complaints.closedOn} <= ${complaints.deadlineOn}))::int`.mapWith(
          Number,
        ),
    })
    .from(complaints)
    .where(
      and(
        eq(complaints.companyId, companyId),
        inArray(complaints.ownerEmployeeId, employeeIds),
        gte(complaints.deadlineOn, from),
        lte(complaints.deadlineOn, to),
        // Due means the deadline has passed, or the case is closed already; one still open before its
        // deadline is not late yet.
        or(isNotNull(complaints.closedOn), lt(complaints.deadlineOn, today)),
      ),
    )
    .groupBy(complaints.ownerEmployeeId);
  return new Map(rows.map((r) => [r.id, { due: r.due, onTime: r.onTime }]));
}

/**
 * The computed figures of each person for the period, for the sources asked. Every person gets an entry
 * for every source asked: a value, or null with the reason in `note`.
 */
export async function computeIndicators(
  tx: Executor,
  companyId: number,
  period: ParsedPeriod,
  today: string,
  people: readonly Reviewee[],
  sources: ReadonlySet<KpiSource>,
): Promise<Map<number, Map<KpiSource, IndicatorFigure>>> {
  const result = new Map(people.map((p) => [p.employeeId, new Map<KpiSource, IndicatorFigure>()]));
  const ids = people.map((p) => p.employeeId);
  const set = (id: number, source: KpiSource, f: IndicatorFigure) => result.get(id)!.set(source, f);
  // Figures that grow during the period (attendance, complaints due) are counted up to today.
  const upTo = period.to < today ? period.to : today;

  if (sources.has('sales_attainment')) {
    const sales = await sumByEmployee(tx, companyId, 'sales', ids, period);
    const targets = await targetsOf(tx, companyId, 'sales', 'employee', ids, period);
    for (const id of ids)
      set(id, 'sales_attainment', attainmentFigure(sales.get(id) ?? 0, targets.get(id), period));
  }

  if (sources.has('collections_attainment')) {
    const money = await sumByEmployee(tx, companyId, 'collections', ids, period);
    const targets = await targetsOf(tx, companyId, 'collections', 'employee', ids, period);
    for (const id of ids) {
      set(id, 'collections_attainment', attainmentFigure(money.get(id) ?? 0, targets.get(id), period));
    }
  }

  if (sources.has('team_sales_attainment')) {
    const subtreeOf = await loadSubtrees(tx, companyId);
    const teams = [...new Set(people.flatMap((p) => (p.unitId === null ? [] : [p.unitId])))];
    const allUnits = [...new Set(teams.flatMap(subtreeOf))];
    const sales = await sumByUnit(tx, companyId, allUnits, period);
    const targets = await targetsOf(tx, companyId, 'sales', 'unit', teams, period);
    for (const p of people) {
      if (p.unitId === null) {
        set(p.employeeId, 'team_sales_attainment', missing('reviews.noTeam'));
        continue;
      }
      const actual = subtreeOf(p.unitId).reduce((sum, u) => sum + (sales.get(u) ?? 0), 0);
      set(p.employeeId, 'team_sales_attainment', attainmentFigure(actual, targets.get(p.unitId), period));
    }
  }

  if (sources.has('new_customers')) {
    const counts = await sumByEmployee(tx, companyId, 'new_customers', ids, period);
    for (const id of ids) set(id, 'new_customers', figure(new Dec(counts.get(id) ?? 0)));
  }

  if (sources.has('return_visits_done')) {
    const counts = await countByEmployee(tx, companyId, ids, period.from, period.to);
    for (const id of ids) set(id, 'return_visits_done', figure(new Dec(counts.get(id) ?? 0)));
  }

  if (sources.has('complaints_closed_on_time_rate')) {
    const counts = await complaintsOnTime(tx, companyId, ids, period.from, period.to, today);
    for (const id of ids) {
      const c = counts.get(id);
      set(
        id,
        'complaints_closed_on_time_rate',
        c && c.due > 0
          ? figure(new Dec(c.onTime).dividedBy(c.due), { actual: c.onTime, target: c.due })
          : missing('reviews.noComplaintsDue'),
      );
    }
  }

  if (sources.has('mentee_attainment')) {
    const mentees = ids.length
      ? await tx
          .select({ id: employees.id, mentorId: employees.mentorId })
          .from(employees)
          .where(and(eq(employees.companyId, companyId), inArray(employees.mentorId, ids)))
      : [];
    const menteeIds = mentees.map((m) => m.id);
    const sales = await sumByEmployee(tx, companyId, 'sales', menteeIds, period);
    const targets = await targetsOf(tx, companyId, 'sales', 'employee', menteeIds, period);
    for (const id of ids) {
      const mine = mentees.filter((m) => m.mentorId === id && targets.has(m.id));
      if (!mentees.some((m) => m.mentorId === id)) {
        set(id, 'mentee_attainment', missing('reviews.noMentees'));
        continue;
      }
      const actual = mine.reduce((sum, m) => sum + (sales.get(m.id) ?? 0), 0);
      const target = mine.reduce((sum, m) => sum + targets.get(m.id)!, 0);
      set(id, 'mentee_attainment', attainmentFigure(actual, mine.length > 0 ? target : undefined, period));
    }
  }

  if (sources.has('attendance_rate')) {
    try {
      const calendar = await loadWorkingCalendar(tx, companyId, period.from, upTo);
      const figures = await summarizeAttendance(tx, companyId, ids, period.from, upTo, calendar);
      for (const id of ids) {
        const f = figures.get(id)!;
        set(
          id,
          'attendance_rate',
          f.recordedDays === 0
            ? missing('reviews.noAttendance')
            : f.rate === null
              ? missing('reviews.noWorkingDays')
              : figure(f.rate, { actual: f.daysPresent, target: f.workingDays }),
        );
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const id of ids) set(id, 'attendance_rate', missing(error.key, error.params));
    }
  }

  for (const source of SOURCES_WITHOUT_DATA) {
    if (sources.has(source)) for (const id of ids) set(id, source, missing('reviews.noDataYet'));
  }
  return result;
}
