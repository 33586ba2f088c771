import { sql } from 'drizzle-orm';
import type {
  AgeingBands,
  DashboardMember,
  DashboardQuery,
  OverviewDashboard,
  OverviewRow,
  PeriodProgress,
  TeamDashboard,
} from '@zuzhang/api-schema';
import { AGEING_BANDS, Dec, dayCount, emptyBands, parsePeriod, periodOf, roundToFen } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, can, inScope, type Actor } from '../../platform/access/actor.ts';
import { customers } from '../customers/customers.table.ts';
import { buildAgeingReport } from '../receivables/ageing.service.ts';
import { loadActuals, type MetricKey } from './progress.repository.ts';
import { idArray } from '../../platform/db/id-array.ts';
import { loadOrgView, resolveTeamUnit, resolveUnit, type OrgView } from './progress-org.ts';
import {
  companyOwner,
  filterOf,
  measureOwners,
  metricKeyOf,
  periodInfoOf,
  unitOwner,
  type Owner,
} from './progress.service.ts';

/**
 * The team lead's dashboard and the manager's / VP's overview (issue 4 item 6): this ISO week and this
 * month per member or per unit, who is behind and by how much, follow-ups due today, overdue receivables,
 * new hires, and the month's cumulative line for the chart. Actuals come from the roll-ups and targets from
 * published plan lines only; the two scoped counts (follow-ups due, overdue money) are the only other reads,
 * the second through the receivables module's own ageing report.
 */

const TOP_FOLLOW_UPS = 5;

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Customers of these owners whose latest follow-up planned the next one for today (a later follow-up
 * replaces the plan): the count per owner, and the first few by customer name when `top` is asked.
 */
async function loadFollowUpsDue(db: Db, actor: Actor, ownerIds: readonly number[], top: number) {
  const due = sql`from follow_ups f join ${customers} on ${customers.id} = f.customer_id
    where f.company_id = ${actor.companyId} and f.next_follow_up_on = ${actor.today}::date
      and ${customers.ownerEmployeeId} = any(${idArray(ownerIds)})
      and ${inScope.customer(actor, customers.id)}
      and not exists (select 1 from follow_ups g where g.customer_id = f.customer_id
        and (g.happened_on > f.happened_on or (g.happened_on = f.happened_on and g.id > f.id)))`;
  const [counts, items] = await Promise.all([
    rowsOf<{ owner: number; n: number }>(
      db,
      sql`select ${customers.ownerEmployeeId} as owner, count(*)::int as n ${due} group by 1`,
    ),
    top === 0
      ? Promise.resolve([])
      : rowsOf<{
          customer_id: number;
          customer_name: string;
          owner: number;
          owner_name: string;
          happened_on: string;
          kind: string;
        }>(
          db,
          sql`select f.customer_id, ${customers.name} as customer_name, ${customers.ownerEmployeeId} as owner,
              (select e.name from employees e where e.id = ${customers.ownerEmployeeId}) as owner_name,
              f.happened_on::text as happened_on, f.kind
            ${due} order by ${customers.name}, f.customer_id limit ${top}`,
        ),
  ]);
  return {
    byOwner: new Map(counts.map((r) => [Number(r.owner), Number(r.n)])),
    items: items.map((r) => ({
      customerId: Number(r.customer_id),
      customerName: r.customer_name,
      ownerEmployeeId: Number(r.owner),
      ownerName: r.owner_name,
      lastFollowUpOn: r.happened_on,
      kind: r.kind,
    })),
  };
}

/** Overdue = open money in the bands past due (everything but `current`). */
function overdueOf(bands: AgeingBands): number {
  return AGEING_BANDS.filter((b) => b !== 'current').reduce((s, b) => s + bands[b], 0);
}

/**
 * The month's chart: cumulative actual day by day (through today; null after) against the straight-line
 * target (target × day ÷ days in the month, rounded once per point).
 */
async function buildSeries(
  db: Db,
  actor: Actor,
  key: MetricKey,
  month: string,
  subject: Owner[],
  monthTarget: number | null,
) {
  const { from, to } = parsePeriod(month);
  const days = dayCount(month);
  // The subject is people, or units whose subtrees do not overlap, or the company: summed per day in SQL.
  const rows =
    subject.length === 0
      ? []
      : await loadActuals(db, actor.companyId, key, { from, to }, 'day', filterOf(subject).actuals, true);
  const perDay = new Map(rows.map((r) => [r.bucket, r.amount]));
  let cumulative = 0;
  return Array.from({ length: days }, (_, i) => {
    const date = `${month}-${String(i + 1).padStart(2, '0')}`;
    cumulative += perDay.get(date) ?? 0;
    return {
      date,
      actual: date <= actor.today ? cumulative : null,
      target: monthTarget === null ? null : roundToFen(new Dec(monthTarget).times(i + 1).dividedBy(days)),
    };
  });
}

const stripped = (p: PeriodProgress & Record<string, unknown>): PeriodProgress => ({
  target: p.target,
  actual: p.actual,
  attainment: p.attainment,
  projection: p.projection,
  gap: p.gap,
  paceStatus: p.paceStatus,
  shortOfPace: p.shortOfPace,
});

interface Context {
  view: OrgView;
  key: MetricKey;
  week: string;
  month: string;
}

async function openContext(db: Db, actor: Actor, query: DashboardQuery): Promise<Context> {
  authorize(actor, 'target.read');
  const week = periodOf(actor.today, 'week');
  const month = periodOf(actor.today, 'month');
  const w = parsePeriod(week);
  const m = parsePeriod(month);
  const view = await loadOrgView(db, actor, w.from < m.from ? w.from : m.from, w.to > m.to ? w.to : m.to);
  return { view, key: metricKeyOf(query), week, month };
}

/** The whole unit as an owner, when the caller may see it whole (the company for null, with company scope). */
async function wholeOwner(db: Db, view: OrgView, unitId: number | null): Promise<Owner | null> {
  if (unitId !== null) return view.seesWholeUnit(unitId) ? unitOwner(view, unitId) : null;
  return view.actor.scope.company ? companyOwner(db, view.actor) : null;
}

/** Week and month figures of every owner: four statements for all of them together. */
async function measureWeekAndMonth(db: Db, actor: Actor, ctx: Context, owners: Owner[]) {
  const [week, month] = await Promise.all([
    measureOwners(db, actor, ctx.key, ctx.week, owners, ctx.view),
    measureOwners(db, actor, ctx.key, ctx.month, owners, ctx.view),
  ]);
  const keyOf = (o: Owner) => (o.kind === 'company' ? 'c' : `${o.kind}:${o.id}`);
  const out = new Map<string, { week: PeriodProgress; month: PeriodProgress }>();
  owners.forEach((o, i) =>
    out.set(keyOf(o), { week: stripped(week[i]!.progress), month: stripped(month[i]!.progress) }),
  );
  return (o: Owner) => out.get(keyOf(o))!;
}

/**
 * The team lead's dashboard (销售组长: 每日了解组员进度，分解并下达本组周任务、月任务): the unit (default the
 * caller's own team), its members seated today in the caller's scope with their week and month, who is
 * behind the month's pace and by how much, follow-ups due today, overdue receivables, new hires.
 */
export async function getTeamDashboard(db: Db, actor: Actor, query: DashboardQuery): Promise<TeamDashboard> {
  const ctx = await openContext(db, actor, query);
  const { view } = ctx;
  const unitId = resolveTeamUnit(view, query.unitId);
  const seats = view.peopleOf(view.subtreeOf(unitId), actor.today, actor.today);
  const people: Owner[] = seats.map((s) => ({ kind: 'person', id: s.employeeId, name: s.name }));
  const whole = await wholeOwner(db, view, unitId);
  const readsCustomers = can(actor, 'customer.read');
  const ids = seats.map((s) => s.employeeId);
  const [figures, followUps, ageing] = await Promise.all([
    measureWeekAndMonth(db, actor, ctx, whole ? [...people, whole] : people),
    readsCustomers ? loadFollowUpsDue(db, actor, ids, TOP_FOLLOW_UPS) : null,
    readsCustomers ? buildAgeingReport(db, actor, { groupBy: 'owner' }, { owners: ids }) : null,
  ]);
  const overdueByOwner = new Map((ageing?.rows ?? []).map((r) => [r.id, r]));
  const members: DashboardMember[] = seats.map((s, i) => ({
    employeeId: s.employeeId,
    name: s.name,
    unitId: s.unitId,
    unitName: view.units.get(s.unitId)?.name ?? '',
    hireDate: s.hireDate,
    newHire: s.newHire,
    ...figures(people[i]!),
    followUpsDue: followUps ? (followUps.byOwner.get(s.employeeId) ?? 0) : null,
    overdueFen: ageing ? overdueOf(overdueByOwner.get(s.employeeId)?.bands ?? emptyBands()) : null,
  }));
  const bands = emptyBands();
  for (const s of seats) {
    const row = overdueByOwner.get(s.employeeId);
    if (row) for (const b of AGEING_BANDS) bands[b] += row.bands[b];
  }
  const totals = whole ? figures(whole) : null;
  const monthTarget = totals
    ? totals.month.target
    : members.some((m) => m.month.target !== null)
      ? members.reduce((s, m) => s + (m.month.target ?? 0), 0)
      : null;
  const series = await buildSeries(db, actor, ctx.key, ctx.month, whole ? [whole] : people, monthTarget);
  return {
    metric: ctx.key.metric,
    category: ctx.key.category,
    today: actor.today,
    unit: unitId === null ? null : { id: unitId, name: view.units.get(unitId)!.name },
    week: periodInfoOf(ctx.week, actor.today),
    month: periodInfoOf(ctx.month, actor.today),
    totals,
    members,
    behind: members
      .filter((m) => m.month.paceStatus === 'behind')
      .map((m) => ({
        employeeId: m.employeeId,
        name: m.name,
        shortOfPace: m.month.shortOfPace ?? 0,
        gap: m.month.gap ?? 0,
        attainment: m.month.attainment,
      }))
      .sort((a, b) => b.shortOfPace - a.shortOfPace || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    followUpsDue: followUps
      ? { count: [...followUps.byOwner.values()].reduce((s, n) => s + n, 0), items: followUps.items }
      : null,
    overdue: ageing
      ? {
          amountFen: overdueOf(bands),
          bands,
          members: members
            .filter((m) => (m.overdueFen ?? 0) !== 0)
            .map((m) => ({ employeeId: m.employeeId, name: m.name, overdueFen: m.overdueFen! }))
            .sort((a, b) => b.overdueFen - a.overdueFen),
        }
      : null,
    newHires: members.filter((m) => m.newHire),
    series,
  };
}

/**
 * A unit with nobody seated today and neither a target nor a result this week or this month: one just set
 * up, or emptied and done with. The overview leaves it out, as the rankings leave out owners with nothing
 * to rank; it comes back once someone is seated in it or a plan gives it a target.
 */
function isEmptyUnitRow(r: OverviewRow): boolean {
  return r.headcount === 0 && [r.week, r.month].every((p) => p.target === null && p.actual === 0);
}

/**
 * The manager's and VP's overview: the same figures rolled up per unit below `unitId` (default the top unit
 * the caller sees), with the unit's totals; a team's rows are its people. Each row's id drills down.
 * People seated directly in the unit (a manager, an assistant) count in its totals, not in a row; a unit
 * with nothing in it is not a row (isEmptyUnitRow).
 */
export async function getOverviewDashboard(
  db: Db,
  actor: Actor,
  query: DashboardQuery,
): Promise<OverviewDashboard> {
  const ctx = await openContext(db, actor, query);
  const { view } = ctx;
  const unitId = resolveUnit(view, query.unitId);
  const childUnits = view.frontierOf(unitId);
  const seats = view.peopleOf(view.subtreeOf(unitId), actor.today, actor.today);
  const people: Owner[] = seats.map((s) => ({ kind: 'person', id: s.employeeId, name: s.name }));
  const rowOwners: Owner[] = childUnits.length > 0 ? childUnits.map((u) => unitOwner(view, u.id)) : people;
  const whole = await wholeOwner(db, view, unitId);
  const readsCustomers = can(actor, 'customer.read');
  const byUnits = childUnits.length > 0;
  const [figures, followUps, ageing] = await Promise.all([
    measureWeekAndMonth(db, actor, ctx, [
      ...(byUnits ? rowOwners : []),
      ...people,
      ...(whole ? [whole] : []),
    ]),
    readsCustomers
      ? loadFollowUpsDue(
          db,
          actor,
          seats.map((s) => s.employeeId),
          0,
        )
      : null,
    readsCustomers ? buildAgeingReport(db, actor, { groupBy: byUnits ? 'team' : 'owner' }) : null,
  ]);

  /** The people and the credited teams a row (or the totals) covers. */
  const coverOf = (o: Owner) => {
    if (o.kind === 'person') return { seats: seats.filter((s) => s.employeeId === o.id), units: null };
    const units = o.kind === 'unit' ? o.subtree : view.subtreeOf(null);
    return { seats: seats.filter((s) => units.has(s.unitId)), units };
  };
  const overviewRow = (o: Owner): OverviewRow => {
    const cover = coverOf(o);
    const ids = new Set(cover.seats.map((s) => s.employeeId));
    let overdueFen: number | null = null;
    if (ageing) {
      overdueFen = ageing.rows
        .filter((r) => r.id !== null && (cover.units && byUnits ? cover.units.has(r.id) : ids.has(r.id)))
        .reduce((s, r) => s + overdueOf(r.bands), 0);
    }
    return {
      kind: o.kind === 'person' ? 'person' : 'unit',
      id: o.kind === 'company' ? 0 : o.id,
      name: o.name,
      hasChildUnits: o.kind === 'unit' ? o.hasChildUnits : false,
      ...figures(o),
      behindCount: cover.seats.filter(
        (s) => figures({ kind: 'person', id: s.employeeId, name: s.name }).month.paceStatus === 'behind',
      ).length,
      headcount: cover.seats.length,
      newHires: cover.seats.filter((s) => s.newHire).length,
      followUpsDue: followUps ? [...ids].reduce((s, id) => s + (followUps.byOwner.get(id) ?? 0), 0) : null,
      overdueFen,
    };
  };
  const rows = rowOwners.map(overviewRow).filter((r) => r.kind === 'person' || !isEmptyUnitRow(r));
  const totals = whole ? overviewRow(whole) : null;
  const monthTarget = totals
    ? totals.month.target
    : rows.some((r) => r.month.target !== null)
      ? rows.reduce((s, r) => s + (r.month.target ?? 0), 0)
      : null;
  const series = await buildSeries(db, actor, ctx.key, ctx.month, whole ? [whole] : rowOwners, monthTarget);
  return {
    metric: ctx.key.metric,
    category: ctx.key.category,
    today: actor.today,
    unit: unitId === null ? null : { id: unitId, name: view.units.get(unitId)!.name },
    week: periodInfoOf(ctx.week, actor.today),
    month: periodInfoOf(ctx.month, actor.today),
    totals,
    rows,
    series,
  };
}
