import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { collectSubtree, listAncestors } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { isInScope, type Actor } from '../../platform/access/actor.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { assignments, employees, positions, units } from '../org/org.table.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * The organisation as progress and dashboards read it: the unit tree, and who sat where over a span of
 * days. Two small queries per request (units; assignments overlapping the span), then everything is
 * worked out in memory, so no report loops over people with queries.
 *
 * Scope (ARCHITECTURE.md, one place: platform/access): a person's row is shown only when the person is in
 * the caller's scope; a unit's figures only when the caller may see the whole unit, i.e. the unit is in
 * scope and so is every person assigned in it or below it today. A rep's own team is in their scope (they
 * sit in it) but their peers are not, so a rep sees their own row and not the team's total; a lead sees the
 * team, a manager the region, a VP everything.
 */

export interface OrgUnit {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  kind: string;
  sort: number;
}

export interface Seat {
  employeeId: number;
  name: string;
  hireDate: string;
  status: string;
  /** 新员工: in probation, or hired less than NEW_HIRE_DAYS ago (the 带教 period). */
  newHire: boolean;
  unitId: number;
  kind: string;
  startDate: string;
  endDate: string | null;
}

export interface OrgView {
  actor: Actor;
  today: string;
  units: Map<number, OrgUnit>;
  seats: Seat[];
  /** Units directly below `id` (the roots for null), in chart order. */
  childrenOf(id: number | null): OrgUnit[];
  /** The unit and every unit below it; every unit for null. */
  subtreeOf(id: number | null): Set<number>;
  /** May the caller see this unit's figures (the whole unit and everyone in it)? */
  seesWholeUnit(id: number): boolean;
  /**
   * The units to list below `id`: each child the caller sees whole, or, for a child they do not, the
   * highest units below it that they do (a lead acting for a channel supervisor sees both teams of a
   * region whose manager they do not see).
   */
  frontierOf(id: number | null): OrgUnit[];
  /** The people seated in these units at some time between from and to, in the caller's scope. */
  peopleOf(unitIds: Set<number>, from: string, to: string): Seat[];
  /** The caller's primary unit today, if any. */
  ownUnitId: number | null;
}

/** Hired less than this many days ago counts as a new hire (as does anyone still in probation). */
export const NEW_HIRE_DAYS = 90;

const byChartOrder = (a: OrgUnit, b: OrgUnit) =>
  a.sort - b.sort || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);

/** Load units and the assignments overlapping [from, to] (and today, which scope is judged on). */
export async function loadOrgView(db: Executor, actor: Actor, from: string, to: string): Promise<OrgView> {
  const today = actor.today;
  const spanFrom = from < today ? from : today;
  const spanTo = to > today ? to : today;
  const [unitRows, seatRows] = await sideBySide(
    db,
    () =>
      db
        .select({
          id: units.id,
          parentId: units.parentId,
          name: units.name,
          code: units.code,
          kind: units.kind,
          sort: units.sort,
        })
        .from(units)
        .where(eq(units.companyId, actor.companyId)),
    () =>
      db
        .select({
          employeeId: assignments.employeeId,
          name: employees.name,
          hireDate: employees.hireDate,
          status: employees.status,
          newHire: sql<boolean>`(${employees.status} = 'probation' or ${employees.hireDate} > ${today}::date - ${NEW_HIRE_DAYS}::int)`,
          unitId: positions.unitId,
          kind: assignments.kind,
          startDate: assignments.startDate,
          endDate: assignments.endDate,
        })
        .from(assignments)
        .innerJoin(positions, eq(positions.id, assignments.positionId))
        .innerJoin(employees, eq(employees.id, assignments.employeeId))
        .where(
          and(
            eq(assignments.companyId, actor.companyId),
            lte(assignments.startDate, spanTo),
            or(isNull(assignments.endDate), gte(assignments.endDate, spanFrom)),
          ),
        ),
  );
  return buildOrgView(actor, unitRows, seatRows);
}

const overlaps = (s: Seat, from: string, to: string) =>
  s.startDate <= to && (s.endDate === null || s.endDate >= from);

/** The view over rows already loaded (pure: tested as a table in progress-org.test.ts). */
export function buildOrgView(actor: Actor, unitRows: OrgUnit[], seats: Seat[]): OrgView {
  const today = actor.today;
  const unitMap = new Map(unitRows.map((u) => [u.id, u]));
  const children = new Map<number | null, OrgUnit[]>();
  for (const u of unitRows) {
    const parent = u.parentId !== null && unitMap.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  for (const list of children.values()) list.sort(byChartOrder);
  const childrenOf = (id: number | null) => children.get(id) ?? [];
  const subtreeOf = (id: number | null) =>
    id === null ? new Set(unitMap.keys()) : collectSubtree(unitRows, [id]);

  // Units with someone seated today whom the caller may not see, directly or below.
  const seatedToday = seats.filter((s) => overlaps(s, today, today));
  const hidden = new Set<number>();
  if (!actor.scope.company) {
    for (const s of seatedToday) if (!actor.scope.employeeIds.has(s.employeeId)) hidden.add(s.unitId);
    // Then their ancestors: one walk per unit, not per person (thousands of people sit in a few units).
    for (const u of [...hidden]) for (const a of listAncestors(unitRows, u)) hidden.add(a);
  }
  const seesWholeUnit = (id: number) =>
    unitMap.has(id) && (actor.scope.company || (isInScope.unit(actor, id) && !hidden.has(id)));

  const frontierOf = (id: number | null): OrgUnit[] =>
    childrenOf(id).flatMap((c) => (seesWholeUnit(c.id) ? [c] : frontierOf(c.id)));

  const peopleOf = (unitIds: Set<number>, from: string, to: string) => {
    const seen = new Set<number>();
    const out: Seat[] = [];
    // Latest seat first, so a person who moved is shown with the team they are (or were last) in.
    const ordered = seats
      .filter((s) => unitIds.has(s.unitId) && overlaps(s, from, to))
      .sort((a, b) =>
        a.kind === b.kind ? (a.startDate < b.startDate ? 1 : -1) : a.kind === 'primary' ? -1 : 1,
      );
    for (const s of ordered) {
      if (seen.has(s.employeeId)) continue;
      if (!actor.scope.company && !actor.scope.employeeIds.has(s.employeeId)) continue;
      seen.add(s.employeeId);
      out.push(s);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.employeeId - b.employeeId));
  };

  const own = seatedToday
    .filter((s) => s.employeeId === actor.employeeId && s.kind === 'primary')
    .sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0];

  return {
    actor,
    today,
    units: unitMap,
    seats,
    childrenOf,
    subtreeOf,
    seesWholeUnit,
    frontierOf,
    peopleOf,
    ownUnitId: own?.unitId ?? null,
  };
}

/**
 * The unit a report starts from when none is asked for: the company's root for company scope; else the
 * nearest unit holding every unit the caller sees whole (a manager's region, a lead's team, the region of
 * a lead acting for its channel supervisor); else the caller's own team (a rep, who sees only themself).
 */
export function defaultUnitOf(view: OrgView): number | null {
  const roots = view.childrenOf(null);
  if (view.actor.scope.company) return roots.length === 1 ? roots[0]!.id : null;
  const unitRows = [...view.units.values()];
  const whole = unitRows.filter((u) => view.seesWholeUnit(u.id));
  const top = whole.filter((u) => !listAncestors(unitRows, u.id).some((a) => view.seesWholeUnit(a)));
  if (top.length === 0) return view.ownUnitId;
  const chains = top.map((u) => [u.id, ...listAncestors(unitRows, u.id)]);
  return chains[0]!.find((id) => chains.every((chain) => chain.includes(id))) ?? null;
}

/**
 * The unit asked for, checked: it must be the company's and in the caller's scope (or be their default
 * unit); otherwise 404, as for any record outside scope.
 */
export function resolveUnit(view: OrgView, unitId: number | undefined): number | null {
  const fallback = defaultUnitOf(view);
  if (unitId === undefined) return fallback;
  if (!view.units.has(unitId) || (!isInScope.unit(view.actor, unitId) && unitId !== fallback)) {
    throw notFound('entity.unit');
  }
  return unitId;
}

/** The team dashboard's unit: the caller's own team when they see it whole, else their default unit. */
export function resolveTeamUnit(view: OrgView, unitId: number | undefined): number | null {
  if (unitId !== undefined) return resolveUnit(view, unitId);
  if (view.ownUnitId !== null && view.seesWholeUnit(view.ownUnitId)) return view.ownUnitId;
  return defaultUnitOf(view);
}

/** Leaf units (teams, stores) at or below `id` that the caller sees whole: the 团队排行榜's entrants. */
export function teamsBelow(view: OrgView, id: number | null): OrgUnit[] {
  return [...view.subtreeOf(id)]
    .map((u) => view.units.get(u)!)
    .filter((u) => view.childrenOf(u.id).length === 0 && view.seesWholeUnit(u.id))
    .sort(byChartOrder);
}
