import { sql, type SQL } from 'drizzle-orm';
import { Dec, monthBounds, previousMonth, type PayFigureSource, type PeriodFigures } from '@zuzhang/domain';
import { idArray } from '../../platform/db/id-array.ts';
import type { Executor } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { incidentTotals } from '../reviews/incidents.service.ts';
import { attendanceSummary } from '../reviews/attendance.service.ts';
import { settledScores } from '../reviews/reviews.service.ts';

/**
 * The figures a pay run gives each person for a month (PAY_FIGURES of packages/domain/src/pay/figures.ts),
 * each with where it came from. Read set-wise: a handful of grouped queries for everyone at once, never a
 * query per person (the bench pays 2,000 people), and never over the ledger itself: sales, returns,
 * collections and new customers come from the roll-ups kept with every ledger write (sales_rollups).
 *
 * Definitions (docs/pay-plans.md):
 * - personal_sales: orders booked in the month, before returns = roll-up `sales` (net) + `returns`.
 * - team_sales: the same over the person's team, i.e. the unit of their primary position and every unit
 *   below it (a group leader's team is the teams they lead); department: the nearest unit of kind
 *   `department` above (or at) it. Roll-ups credit the team the seller was in on the day of the sale.
 * - targets: the month's lines of published plans (metric sales / collections, no category), a person's
 *   own lines, a unit's own line; attainment = figure ÷ target, 0 when no target is set.
 * - written_off: approved write-offs dated in the month on orders the person owns.
 * - mentee_probation_sales: sales of the new hires the person mentors, on the days of the month that fall
 *   within their probation (hire date to probation end, or three months when no end is recorded).
 * - incidents: fines and rewards dated in the month, active or upheld (an appeal still open, or a
 *   cancelled one, does not count yet).
 * - attendance: present or late working days recorded in the month; working days from the company's
 *   calendar (left out when it has no data for the year, so a plan reading them says what is missing).
 * - score: the final score of the month's review once confirmed or decided (left out until then).
 * - draw_balance: the opening draw balance of the person's last locked statement plus its draw lines.
 */

export interface PayFigure {
  value: number | string;
  source: PayFigureSource;
  /** What exactly was read, e.g. the team's name. */
  detail: string;
}
export type PersonFigures = Record<string, PayFigure>;

/** The steps one after another: inside a transaction every query goes over the same connection. */
async function inTurn<T extends readonly unknown[]>(steps: {
  [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}

async function rowsOf<T>(tx: Executor, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '0' : new Dec(numerator).div(denominator).toString();
}

export interface PrimarySeat {
  employeeId: number;
  employeeName: string;
  positionId: number;
  unitId: number;
}

/**
 * Each person's primary position in the month (the latest one held in it), for `employeeIds` or for every
 * employee of the company (null). Hired after the month's end: not there.
 */
export async function loadPrimarySeats(
  tx: Executor,
  companyId: number,
  period: string,
  employeeIds: readonly number[] | null,
): Promise<Map<number, PrimarySeat>> {
  const { from, to } = monthBounds(period);
  const rows = await rowsOf<{ employee_id: number; name: string; position_id: number; unit_id: number }>(
    tx,
    sql`select distinct on (a.employee_id) a.employee_id, e.name, a.position_id, p.unit_id
          from assignments a
          join positions p on p.id = a.position_id
          join employees e on e.id = a.employee_id
         where a.company_id = ${companyId} and a.kind = 'primary'
           and a.start_date <= ${to} and (a.end_date is null or a.end_date >= ${from})
           and e.hire_date <= ${to}
           ${employeeIds === null ? sql`` : sql`and a.employee_id = any(${idArray(employeeIds)})`}
         order by a.employee_id, a.start_date desc, a.id desc`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.employee_id),
      {
        employeeId: Number(r.employee_id),
        employeeName: r.name,
        positionId: Number(r.position_id),
        unitId: Number(r.unit_id),
      },
    ]),
  );
}

/** A unit and every unit below it. */
export async function loadUnitTreeIds(tx: Executor, unitId: number): Promise<Set<number>> {
  const rows = await rowsOf<{ id: number }>(
    tx,
    sql`with recursive tree as (select id from units where id = ${unitId}
          union all select u.id from units u join tree t on u.parent_id = t.id)
        select id from tree`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

interface UnitRow {
  id: number;
  parentId: number | null;
  kind: string;
  name: string;
}

/** The company's units: each unit's subtree (itself and below) and its department. */
async function loadUnitTree(tx: Executor, companyId: number) {
  const rows = (
    await rowsOf<{ id: number; parent_id: number | null; kind: string; name: string }>(
      tx,
      sql`select id, parent_id, kind, name from units where company_id = ${companyId}`,
    )
  ).map((r): UnitRow => ({
    id: Number(r.id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    kind: r.kind,
    name: r.name,
  }));
  const byId = new Map(rows.map((u) => [u.id, u]));
  const children = new Map<number, number[]>();
  for (const u of rows) {
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const subtree = (id: number): number[] => {
    const out: number[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as number;
      out.push(next);
      stack.push(...(children.get(next) ?? []));
    }
    return out;
  };
  const departmentOf = (id: number): UnitRow | undefined => {
    for (let u = byId.get(id); u !== undefined; u = u.parentId === null ? undefined : byId.get(u.parentId)) {
      if (u.kind === 'department') return u;
    }
    return undefined;
  };
  return { byId, subtree, departmentOf };
}

/**
 * Incidents, attendance (with the working-day calendar) and settled review scores of the month, from the
 * reviews module's own summaries. A year the calendar has no data for leaves the attendance figures out.
 */
async function loadReviewFigures(tx: Executor, companyId: number, ids: readonly number[], period: string) {
  const [incidents, attendance, scores] = await inTurn([
    () => incidentTotals(tx, companyId, ids, period),
    () =>
      attendanceSummary(tx, companyId, ids, period).catch((error: unknown) => {
        if (error instanceof AppError && error.key.startsWith('calendar.')) return null;
        throw error;
      }),
    () => settledScores(tx, companyId, ids, period),
  ]);
  return { incidents, attendance, scores };
}

/**
 * Every standard pay figure of the month for each person in `employeeIds`, with its source. People
 * without a primary position in the month get the personal figures only (team ones are 0).
 */
export async function loadPayFigures(
  tx: Executor,
  companyId: number,
  employeeIds: readonly number[],
  period: string,
): Promise<Map<number, PersonFigures>> {
  const result = new Map<number, PersonFigures>();
  if (employeeIds.length === 0) return result;
  const ids = [...new Set(employeeIds)];
  const { from, to } = monthBounds(period);
  const [seats, units, personal, byUnit, targets, writtenOff, mentoring, draws, review] = await inTurn([
    () => loadPrimarySeats(tx, companyId, period, ids),
    () => loadUnitTree(tx, companyId),
    () =>
      rowsOf<{ employee_id: number; metric: string; amount: string }>(
        tx,
        sql`select employee_id, metric, sum(amount)::bigint as amount from sales_rollups
           where company_id = ${companyId} and grain = 'month' and period_start = ${from} and category = ''
             and employee_id = any(${idArray(ids)})
           group by employee_id, metric`,
      ),
    () =>
      rowsOf<{ unit_id: number; amount: string }>(
        tx,
        sql`select unit_id, sum(amount)::bigint as amount from sales_rollups
           where company_id = ${companyId} and grain = 'month' and period_start = ${from} and category = ''
             and metric in ('sales', 'returns')
           group by unit_id`,
      ),
    () =>
      rowsOf<{
        owner_kind: string;
        employee_id: number | null;
        unit_id: number | null;
        metric: string;
        target: string;
      }>(
        tx,
        sql`select l.owner_kind, l.employee_id, l.unit_id, p.metric, sum(l.target)::bigint as target
            from target_lines l join target_plans p on p.id = l.plan_id
           where l.company_id = ${companyId} and p.status = 'published' and p.category = ''
             and p.metric in ('sales', 'collections') and l.period = ${period}
             and l.owner_kind in ('employee', 'unit')
           group by l.owner_kind, l.employee_id, l.unit_id, p.metric`,
      ),
    () =>
      rowsOf<{ employee_id: number; amount: string }>(
        tx,
        sql`select o.owner_employee_id as employee_id, sum(w.amount_fen)::bigint as amount
            from write_offs w join orders o on o.id = w.order_id
           where w.company_id = ${companyId} and w.status = 'approved'
             and w.written_off_on between ${from} and ${to} and o.owner_employee_id = any(${idArray(ids)})
           group by o.owner_employee_id`,
      ),
    () =>
      rowsOf<{ mentor_id: number; mentees: number; amount: string }>(
        tx,
        sql`with mentees as (
            select m.id, m.mentor_id, greatest(m.hire_date, ${from}::date) as first_day,
                   least(coalesce(m.probation_end, (m.hire_date + interval '3 months' - interval '1 day')::date),
                         ${to}::date) as last_day
              from employees m
             where m.company_id = ${companyId} and m.mentor_id = any(${idArray(ids)}))
          select x.mentor_id, count(distinct x.id)::int as mentees, coalesce(sum(r.amount), 0)::bigint as amount
            from mentees x
            left join sales_rollups r on r.company_id = ${companyId} and r.grain = 'day' and r.category = ''
                 and r.metric in ('sales', 'returns') and r.employee_id = x.id
                 and r.period_start between x.first_day and x.last_day
           where x.first_day <= x.last_day
           group by x.mentor_id`,
      ),
    () =>
      rowsOf<{ employee_id: number; balance: string }>(
        tx,
        sql`select distinct on (s.employee_id) s.employee_id,
                 (coalesce((s.figures->'values'->>'draw_balance')::numeric, 0)
                  + coalesce((select sum((l->>'amountFen')::numeric) from jsonb_array_elements(s.lines) l
                               where l->>'kind' = 'draw'), 0))::bigint as balance
            from pay_statements s join pay_runs r on r.id = s.run_id
           where s.company_id = ${companyId} and r.status = 'locked' and s.period < ${period}
             and s.employee_id = any(${idArray(ids)})
           order by s.employee_id, s.period desc, r.id desc`,
      ),
    () => loadReviewFigures(tx, companyId, ids, period),
  ]);

  const metricOf = new Map<string, number>();
  for (const r of personal) metricOf.set(`${r.employee_id}|${r.metric}`, Number(r.amount));
  const unitGross = new Map(byUnit.map((r) => [Number(r.unit_id), Number(r.amount)]));
  const personTarget = new Map<string, number>();
  const unitTarget = new Map<string, number>();
  for (const t of targets) {
    if (t.owner_kind === 'employee' && t.employee_id !== null) {
      const key = `${t.employee_id}|${t.metric}`;
      personTarget.set(key, (personTarget.get(key) ?? 0) + Number(t.target));
    } else if (t.owner_kind === 'unit' && t.unit_id !== null) {
      unitTarget.set(`${t.unit_id}|${t.metric}`, Number(t.target));
    }
  }
  const writtenOffOf = new Map(writtenOff.map((r) => [Number(r.employee_id), Number(r.amount)]));
  const mentoringOf = new Map(mentoring.map((r) => [Number(r.mentor_id), r]));
  const drawOf = new Map(draws.map((r) => [Number(r.employee_id), Number(r.balance)]));
  const subtreeSales = new Map<number, number>();
  const salesOfTree = (unitId: number): number => {
    let total = subtreeSales.get(unitId);
    if (total === undefined) {
      total = units.subtree(unitId).reduce((sum, id) => sum + (unitGross.get(id) ?? 0), 0);
      subtreeSales.set(unitId, total);
    }
    return total;
  };

  for (const id of ids) {
    const metric = (name: string) => metricOf.get(`${id}|${name}`) ?? 0;
    const seat = seats.get(id);
    const team = seat === undefined ? undefined : units.byId.get(seat.unitId);
    const department = seat === undefined ? undefined : units.departmentOf(seat.unitId);
    const personalSales = metric('sales') + metric('returns');
    const personalTarget = personTarget.get(`${id}|sales`) ?? 0;
    const collections = metric('collections');
    const collectionTarget = personTarget.get(`${id}|collections`) ?? 0;
    const teamSales = team === undefined ? 0 : salesOfTree(team.id);
    const teamTarget = team === undefined ? 0 : (unitTarget.get(`${team.id}|sales`) ?? 0);
    const departmentSales = department === undefined ? 0 : salesOfTree(department.id);
    const departmentTarget = department === undefined ? 0 : (unitTarget.get(`${department.id}|sales`) ?? 0);
    const mentor = mentoringOf.get(id);
    const incident = review.incidents.get(id);
    const attendance = review.attendance?.get(id);
    const teamName = team?.name ?? '';
    const figures: PersonFigures = {
      personal_sales: { value: personalSales, source: 'sales', detail: 'sales_rollups' },
      personal_target: { value: personalTarget, source: 'targets', detail: '' },
      personal_attainment: { value: ratio(personalSales, personalTarget), source: 'targets', detail: '' },
      team_sales: { value: teamSales, source: 'sales', detail: teamName },
      team_target: { value: teamTarget, source: 'targets', detail: teamName },
      team_attainment: { value: ratio(teamSales, teamTarget), source: 'targets', detail: teamName },
      department_attainment: {
        value: ratio(departmentSales, departmentTarget),
        source: 'targets',
        detail: department?.name ?? '',
      },
      collections: { value: collections, source: 'collections', detail: 'sales_rollups' },
      collection_attainment: {
        value: ratio(collections, collectionTarget),
        source: 'targets',
        detail: '',
      },
      returns: { value: metric('returns'), source: 'returns', detail: 'sales_rollups' },
      written_off: { value: writtenOffOf.get(id) ?? 0, source: 'receivables', detail: 'write_offs' },
      new_customers: { value: metric('new_customers'), source: 'customers', detail: 'sales_rollups' },
      mentee_probation_sales: {
        value: mentor === undefined ? 0 : Number(mentor.amount),
        source: 'mentoring',
        detail: '',
      },
      mentee_count: {
        value: mentor === undefined ? 0 : Number(mentor.mentees),
        source: 'mentoring',
        detail: '',
      },
      incident_count: { value: incident?.count ?? 0, source: 'incidents', detail: '' },
      incident_fines: { value: Math.abs(incident?.finesFen ?? 0), source: 'incidents', detail: '' },
      rewards: { value: incident?.rewardsFen ?? 0, source: 'incidents', detail: '' },
      draw_balance: { value: drawOf.get(id) ?? 0, source: 'pay', detail: '' },
    };
    if (attendance !== undefined) {
      figures.working_days = { value: attendance.workingDays, source: 'calendar', detail: '' };
      figures.days_worked = { value: attendance.daysPresent, source: 'attendance', detail: '' };
      figures.attendance_rate = {
        value: ratio(attendance.daysPresent, attendance.workingDays),
        source: 'attendance',
        detail: '',
      };
    }
    const score = review.scores.get(id);
    if (score !== undefined) figures.score = { value: score, source: 'scorecard', detail: '' };
    result.set(id, figures);
  }
  return result;
}

/** Just the values, as the domain's computeStatement takes them. */
export function valuesOf(figures: PersonFigures): Record<string, number | string> {
  return Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, f.value]));
}

/**
 * The `depth` months before `period` for each person, oldest first, as PREV reads them: the figures a
 * locked statement of that month was computed from (what the person was paid on), else recomputed. A month
 * in which the person did not hold the same primary position is left out: PREV then finds no figure and
 * the plan's fallback applies (someone new in the post cannot have broken last month's rule).
 */
export async function loadFigureHistory(
  tx: Executor,
  companyId: number,
  positionOf: ReadonlyMap<number, number>,
  period: string,
  depth: number,
): Promise<Map<number, PeriodFigures[]>> {
  const employeeIds = [...positionOf.keys()];
  const history = new Map<number, PeriodFigures[]>(employeeIds.map((id) => [id, []]));
  if (depth === 0 || employeeIds.length === 0) return history;
  const months: string[] = [];
  for (let p = previousMonth(period), i = 0; i < depth; i++, p = previousMonth(p)) months.unshift(p);
  const recomputed: Map<number, PersonFigures>[] = [];
  const seats: Map<number, PrimarySeat>[] = [];
  for (const m of months) {
    recomputed.push(await loadPayFigures(tx, companyId, employeeIds, m));
    seats.push(await loadPrimarySeats(tx, companyId, m, employeeIds));
  }
  const locked = await rowsOf<{
    employee_id: number;
    period: string;
    values: Record<string, number | string> | null;
  }>(
    tx,
    sql`select distinct on (s.employee_id, s.period) s.employee_id, s.period, s.figures->'values' as values
            from pay_statements s join pay_runs r on r.id = s.run_id
           where s.company_id = ${companyId} and r.status = 'locked'
             and s.period between ${months[0]} and ${months.at(-1)}
             and s.employee_id = any(${idArray(employeeIds)})
           order by s.employee_id, s.period, r.id desc`,
  );
  const lockedOf = new Map(locked.map((r) => [`${r.employee_id}|${r.period}`, r.values ?? {}]));
  for (const id of employeeIds) {
    const list = history.get(id) as PeriodFigures[];
    months.forEach((month, i) => {
      if (seats[i]?.get(id)?.positionId !== positionOf.get(id)) return;
      const computed = valuesOf(recomputed[i]?.get(id) ?? {});
      list.push({ period: month, figures: { ...computed, ...lockedOf.get(`${id}|${month}`) } });
    });
  }
  return history;
}
