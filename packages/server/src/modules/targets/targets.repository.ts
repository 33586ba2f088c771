import { and, asc, count, eq, exists, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PlanVersion, TargetLine, TargetPlan, Tiers } from '@zuzhang/api-schema';
import type { Executor } from '../../platform/db/db.ts';
import { can, inScope, type Actor } from '../../platform/access/actor.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import { users } from '../auth/auth.table.ts';
import { companies, employees, units } from '../org/org.table.ts';
import { targetLines, targetPlans } from './targets.table.ts';
import { isLocked } from './targets.policy.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * Loading plans and lines within the caller's scope, and presenting them. Scope (issue 4): a person's line is
 * visible when the person is in scope, a unit's line when the unit is, the company's line with company
 * scope. A plan is visible when at least one of its lines is; a draft only to planners (target.plan), since
 * nothing in it is assigned yet. Anything else is a 404, never loaded.
 */

export type PlanRow = typeof targetPlans.$inferSelect;
export type LineRow = typeof targetLines.$inferSelect;

/** Target lines the actor may see, as SQL over target_lines. */
export function lineVisible(actor: Actor): SQL {
  if (actor.scope.company) return sql`true`;
  return or(
    and(eq(targetLines.ownerKind, 'unit'), inScope.unit(actor, targetLines.unitId)),
    and(eq(targetLines.ownerKind, 'employee'), inScope.employee(actor, targetLines.employeeId)),
  )!;
}

/** Plans the actor may see, as SQL over target_plans. */
export function planVisible(actor: Actor, db: Executor): SQL {
  return and(
    eq(targetPlans.companyId, actor.companyId),
    can(actor, 'target.plan') ? undefined : ne(targetPlans.status, 'draft'),
    actor.scope.company
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(targetLines)
            .where(and(eq(targetLines.planId, targetPlans.id), lineVisible(actor))),
        ),
  )!;
}

export async function loadVisiblePlan(db: Executor, actor: Actor, id: number): Promise<PlanRow> {
  const [plan] = await db
    .select()
    .from(targetPlans)
    .where(and(eq(targetPlans.id, id), planVisible(actor, db)));
  if (!plan) throw notFound('entity.targetPlan');
  return plan;
}

/**
 * A plan the actor may change as a whole (its name, publishing, re-plans, deleting): it sets the company's
 * figure, so it takes company scope. Seen but not theirs to change: 403; not seen: 404.
 */
export async function loadPlanForWrite(db: Executor, actor: Actor, id: number): Promise<PlanRow> {
  const plan = await loadVisiblePlan(db, actor, id);
  if (!actor.scope.company) throw new AppError('forbidden', 'targets.companyScopeNeeded');
  return plan;
}

export async function loadVisibleLine(
  db: Executor,
  actor: Actor,
  id: number,
): Promise<{ line: LineRow; plan: PlanRow }> {
  const [row] = await db
    .select({ line: targetLines, plan: targetPlans })
    .from(targetLines)
    .innerJoin(targetPlans, eq(targetPlans.id, targetLines.planId))
    .where(
      and(
        eq(targetLines.id, id),
        eq(targetLines.companyId, actor.companyId),
        lineVisible(actor),
        can(actor, 'target.plan') ? undefined : ne(targetPlans.status, 'draft'),
      ),
    );
  if (!row) throw notFound('entity.targetLine');
  return row;
}

// ---- lines with names and their children's sums -------------------------------------------------------

export function selectLines(db: Executor) {
  return db
    .select({ l: targetLines, unitName: units.name, employeeName: employees.name })
    .from(targetLines)
    .leftJoin(units, eq(units.id, targetLines.unitId))
    .leftJoin(employees, eq(employees.id, targetLines.employeeId));
}
export type NamedLine = Awaited<ReturnType<ReturnType<typeof selectLines>['where']>>[number];

export interface ChildSums {
  count: number;
  sum: Tiers;
}

/** Σ of the children of the given lines per tier (all children, whoever may see them: they make the gap). */
export async function loadChildSums(db: Executor, parentIds: number[]): Promise<Map<number, ChildSums>> {
  if (parentIds.length === 0) return new Map();
  const rows = await db
    .select({
      parentId: targetLines.parentLineId,
      n: count(),
      target: sql<number>`sum(${targetLines.target})::bigint`.mapWith(Number),
      stretch: sql<number>`sum(${targetLines.stretch})::bigint`.mapWith(Number),
      challenge: sql<number>`sum(${targetLines.challenge})::bigint`.mapWith(Number),
    })
    .from(targetLines)
    .where(and(isNotNull(targetLines.parentLineId), inArray(targetLines.parentLineId, parentIds)))
    .groupBy(targetLines.parentLineId);
  return new Map(
    rows.map((r) => [
      r.parentId!,
      { count: Number(r.n), sum: { target: r.target, stretch: r.stretch, challenge: r.challenge } },
    ]),
  );
}

/** Σ children per tier of every line of a plan that has children. */
export async function loadPlanChildSums(db: Executor, planId: number): Promise<Map<number, ChildSums>> {
  const rows = await db
    .select({
      parentId: targetLines.parentLineId,
      n: count(),
      target: sql<number>`sum(${targetLines.target})::bigint`.mapWith(Number),
      stretch: sql<number>`sum(${targetLines.stretch})::bigint`.mapWith(Number),
      challenge: sql<number>`sum(${targetLines.challenge})::bigint`.mapWith(Number),
    })
    .from(targetLines)
    .where(and(eq(targetLines.planId, planId), isNotNull(targetLines.parentLineId)))
    .groupBy(targetLines.parentLineId);
  return new Map(
    rows.map((r) => [
      r.parentId!,
      { count: Number(r.n), sum: { target: r.target, stretch: r.stretch, challenge: r.challenge } },
    ]),
  );
}

export function gapOf(line: Pick<LineRow, 'target' | 'stretch' | 'challenge'>, sum: Tiers): Tiers {
  return {
    target: line.target - sum.target,
    stretch: line.stretch - sum.stretch,
    challenge: line.challenge - sum.challenge,
  };
}

export async function loadCompanyName(db: Executor, companyId: number): Promise<string> {
  const [row] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  return row?.name ?? '';
}

export function presentLine(
  r: NamedLine,
  sums: Map<number, ChildSums>,
  companyName: string,
  today: string,
): TargetLine {
  const l = r.l;
  const children = sums.get(l.id);
  return {
    id: l.id,
    planId: l.planId,
    parentLineId: l.parentLineId,
    ownerKind: l.ownerKind as TargetLine['ownerKind'],
    unitId: l.unitId,
    unitName: r.unitName,
    employeeId: l.employeeId,
    employeeName: r.employeeName,
    ownerName:
      l.ownerKind === 'company'
        ? companyName
        : l.ownerKind === 'unit'
          ? (r.unitName ?? '')
          : (r.employeeName ?? ''),
    period: l.period,
    grain: l.grain as TargetLine['grain'],
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    target: l.target,
    stretch: l.stretch,
    challenge: l.challenge,
    splitMethod: (l.splitMethod as TargetLine['splitMethod']) ?? null,
    childCount: children?.count ?? 0,
    childrenSum: children?.sum ?? null,
    gap: children ? gapOf(l, children.sum) : null,
    unallocated: l.unallocated,
    locked: isLocked(l.periodEnd, today),
    note: l.note,
    version: l.version,
  };
}

const OWNER_RANK: Record<string, number> = { company: 0, unit: 1, employee: 2 };

function compareSiblings(a: NamedLine, b: NamedLine): number {
  if (a.l.periodStart !== b.l.periodStart) return a.l.periodStart < b.l.periodStart ? -1 : 1;
  if (a.l.periodEnd !== b.l.periodEnd) return a.l.periodEnd > b.l.periodEnd ? -1 : 1;
  const rank = (OWNER_RANK[a.l.ownerKind] ?? 3) - (OWNER_RANK[b.l.ownerKind] ?? 3);
  if (rank !== 0) return rank;
  const name = (x: NamedLine) => x.employeeName ?? x.unitName ?? '';
  return name(a).localeCompare(name(b), 'zh-CN') || a.l.id - b.l.id;
}

/**
 * Lines in reading order, parents before their children: depth first from the lines whose parent the caller
 * cannot see (or that have none), siblings by period, then owner.
 */
export function orderAsTree(rows: NamedLine[]): NamedLine[] {
  const ids = new Set(rows.map((r) => r.l.id));
  const childrenOf = new Map<number, NamedLine[]>();
  const roots: NamedLine[] = [];
  for (const r of rows) {
    const parent = r.l.parentLineId;
    if (parent === null || !ids.has(parent)) roots.push(r);
    else childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), r]);
  }
  const out: NamedLine[] = [];
  const visit = (list: NamedLine[]) => {
    for (const r of [...list].sort(compareSiblings)) {
      out.push(r);
      visit(childrenOf.get(r.l.id) ?? []);
    }
  };
  visit(roots);
  return out;
}

/** The lines of a plan the actor may see, presented in reading order. */
export async function loadPresentedLines(
  db: Executor,
  actor: Actor,
  planId: number,
  extra?: SQL,
): Promise<TargetLine[]> {
  const rows = await selectLines(db)
    .where(and(eq(targetLines.planId, planId), lineVisible(actor), extra))
    .orderBy(asc(targetLines.id));
  const [sums, companyName] = await sideBySide(
    db,
    () =>
      loadChildSums(
        db,
        rows.map((r) => r.l.id),
      ),
    () => loadCompanyName(db, actor.companyId),
  );
  return orderAsTree(rows).map((r) => presentLine(r, sums, companyName, actor.today));
}

// ---- plans -----------------------------------------------------------------------------------------------

const creators = alias(users, 'creator');
const publishers = alias(users, 'publisher');
const companyLines = alias(targetLines, 'company_line');

export function selectPlans(db: Executor) {
  return db
    .select({
      p: targetPlans,
      createdBy: creators.username,
      publishedBy: publishers.username,
      companyTarget: companyLines.target,
      companyStretch: companyLines.stretch,
      companyChallenge: companyLines.challenge,
    })
    .from(targetPlans)
    .leftJoin(creators, eq(creators.id, targetPlans.createdByUserId))
    .leftJoin(publishers, eq(publishers.id, targetPlans.publishedByUserId))
    .leftJoin(
      companyLines,
      and(
        eq(companyLines.planId, targetPlans.id),
        eq(companyLines.ownerKind, 'company'),
        sql`${companyLines.parentLineId} is null`,
      ),
    );
}
export type PlanWithNames = Awaited<ReturnType<ReturnType<typeof selectPlans>['where']>>[number];

export const isoOrNull = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function presentPlan(r: PlanWithNames, actor: Actor): TargetPlan {
  const p = r.p;
  return {
    id: p.id,
    fiscalYear: p.fiscalYear,
    metric: p.metric as TargetPlan['metric'],
    category: p.category,
    name: p.name,
    versionNo: p.versionNo,
    status: p.status as TargetPlan['status'],
    previousPlanId: p.previousPlanId,
    reason: p.reason,
    allowUnallocated: p.allowUnallocated,
    companyTarget:
      actor.scope.company && r.companyTarget !== null
        ? { target: r.companyTarget, stretch: r.companyStretch!, challenge: r.companyChallenge! }
        : null,
    createdBy: r.createdBy,
    createdAt: p.createdAt.toISOString(),
    publishedBy: r.publishedBy,
    publishedAt: isoOrNull(p.publishedAt),
    version: p.version,
  };
}

export function presentVersion(r: PlanWithNames): PlanVersion {
  return {
    id: r.p.id,
    versionNo: r.p.versionNo,
    status: r.p.status as PlanVersion['status'],
    reason: r.p.reason,
    createdBy: r.createdBy,
    createdAt: r.p.createdAt.toISOString(),
    publishedBy: r.publishedBy,
    publishedAt: isoOrNull(r.p.publishedAt),
  };
}

export async function loadPresentedPlan(db: Executor, actor: Actor, id: number): Promise<TargetPlan> {
  const [row] = await selectPlans(db).where(eq(targetPlans.id, id));
  if (!row) throw notFound('entity.targetPlan');
  return presentPlan(row, actor);
}
