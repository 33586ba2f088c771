import { and, asc, between, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { childPeriods, parsePeriod, samePeriodLastYear, TIERS, type PeriodGrain } from '@zuzhang/domain';
import type {
  SplitLineBody,
  SplitLineResult,
  SplitPreview,
  SplitPreviewBody,
  TargetLine,
  UpdateLineBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, can, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { assignments, employees, positions, units } from '../org/org.table.ts';
import { assignmentInForce } from '../org/org.service.ts';
import { salesRollups } from '../sales-rollups/rollups.table.ts';
import { targetLines } from './targets.table.ts';
import {
  loadChildSums,
  loadCompanyName,
  loadVisibleLine,
  presentLine,
  selectLines,
  type LineRow,
  type PlanRow,
} from './targets.repository.ts';
import {
  findLockedChanges,
  formatAmount,
  isLocked,
  isWeeklyAssignment,
  withTierDefaults,
  type VersionedLine,
} from './targets.policy.ts';
import { periodFieldError, runSplit, type SplitInputs } from './split-compute.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 分解并下达: the split preview (nothing saved, called as the user types) and the saved split of one line into
 * children by period (same owner, finer grain) or by owner (same period: the units below, or the people of a
 * team). A saved split replaces the line's children and everything below them. In a published plan the only
 * split is a person's or team's month into weekly tasks (分解并下达本组周任务), by a lead (target.assign) whose
 * scope covers the team, never for a locked period.
 */

// ---- preview ---------------------------------------------------------------------------------------------

export function previewSplit(actor: Actor, body: SplitPreviewBody): SplitPreview {
  authorize(actor, 'target.read');
  const tiered = typeof body.total === 'object';
  const totals = typeof body.total === 'number' ? { target: body.total } : body.total;
  const outcome = runSplit(totals, body, body.count, {
    total: (tier) => (tiered ? `body.total.${tier}` : 'body.total'),
    count: 'body.count',
  });
  const parts = outcome.tiers.target!;
  if (body.labels !== undefined && body.labels.length !== parts.length) {
    throw fieldError('body.labels', 'split.countMismatch', {
      expected: parts.length,
      actual: body.labels.length,
    });
  }
  return {
    parts,
    children: parts.map((target, i) => ({
      label: body.labels?.[i] ?? null,
      target,
      stretch: outcome.tiers.stretch?.[i] ?? null,
      challenge: outcome.tiers.challenge?.[i] ?? null,
    })),
    gap: {
      target: outcome.gap.target ?? 0,
      stretch: outcome.gap.stretch ?? null,
      challenge: outcome.gap.challenge ?? null,
    },
  };
}

// ---- children of a saved split -----------------------------------------------------------------------------

interface Child {
  ownerKind: 'company' | 'unit' | 'employee';
  unitId: number | null;
  employeeId: number | null;
  period: string;
  grain: PeriodGrain;
  periodStart: string;
  periodEnd: string;
}

interface Resolved {
  children: Child[];
  /** The body field listing the children, named by errors about them. */
  field: 'periods' | 'grain' | 'unitIds' | 'employeeIds';
  /** Names of the children's owners, for messages. */
  names: string[];
}

interface UnitNode {
  id: number;
  parentId: number | null;
  name: string;
}

async function loadUnits(tx: Executor, companyId: number): Promise<UnitNode[]> {
  return tx
    .select({ id: units.id, parentId: units.parentId, name: units.name })
    .from(units)
    .where(eq(units.companyId, companyId));
}

/** The unit and every unit below it. */
function subtreeOf(all: UnitNode[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of all) {
      if (u.parentId !== null && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** People whose primary position is in the unit on the day (the team the target is counted in). */
async function loadTeam(tx: Executor, companyId: number, unitId: number, day: string) {
  const rows = await tx
    .selectDistinct({ id: employees.id, name: employees.name })
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .innerJoin(employees, eq(employees.id, assignments.employeeId))
    .where(
      and(
        eq(assignments.companyId, companyId),
        eq(assignments.kind, 'primary'),
        eq(positions.unitId, unitId),
        assignmentInForce(day),
      ),
    )
    .orderBy(asc(employees.name), asc(employees.id));
  return rows;
}

function sameOwner(line: LineRow, period: string): Child {
  const p = parsePeriod(period);
  return {
    ownerKind: line.ownerKind as Child['ownerKind'],
    unitId: line.unitId,
    employeeId: line.employeeId,
    period: p.text,
    grain: p.grain,
    periodStart: p.from,
    periodEnd: p.to,
  };
}

function byPeriod(line: LineRow, body: SplitLineBody): Resolved {
  const listed = body.periods;
  let grain = body.grain as PeriodGrain | undefined;
  if (grain === undefined && listed !== undefined && listed.length > 0) {
    try {
      grain = parsePeriod(listed[0]!).grain;
    } catch (error) {
      throw periodFieldError(error, 'body.periods.0');
    }
  }
  if (grain === undefined) throw fieldError('body.grain', 'field.required');
  let all: string[];
  try {
    all = childPeriods(line.period, grain);
  } catch (error) {
    throw periodFieldError(error, 'body.grain');
  }
  if (listed === undefined) {
    return { children: all.map((p) => sameOwner(line, p)), field: 'grain', names: all };
  }
  const seen = new Set<string>();
  const children = listed.map((text, i) => {
    let period: string;
    try {
      period = parsePeriod(text).text;
    } catch (error) {
      throw periodFieldError(error, `body.periods.${i}`);
    }
    if (!all.includes(period)) {
      throw fieldError(`body.periods.${i}`, 'targets.periodNotInParent', { period, parent: line.period });
    }
    if (seen.has(period)) throw fieldError(`body.periods.${i}`, 'targets.periodTwice', { period });
    seen.add(period);
    return sameOwner(line, period);
  });
  return { children, field: 'periods', names: listed };
}

function ownerChild(
  line: LineRow,
  ownerKind: 'unit' | 'employee',
  unitId: number,
  employeeId: number | null,
) {
  return {
    ownerKind,
    unitId,
    employeeId,
    period: line.period,
    grain: line.grain as PeriodGrain,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
  };
}

function byUnits(actor: Actor, line: LineRow, body: SplitLineBody, all: UnitNode[]): Resolved {
  if (line.ownerKind === 'employee') {
    throw fieldError('body.by', 'targets.byNotForOwner', { by: 'targets.by.units' });
  }
  const below =
    line.unitId === null
      ? new Set(all.map((u) => u.id))
      : new Set([...subtreeOf(all, line.unitId)].filter((id) => id !== line.unitId));
  const defaults = all
    .filter((u) => (line.unitId === null ? u.parentId === null : u.parentId === line.unitId))
    .map((u) => u.id);
  const ids = body.unitIds ?? defaults;
  const byId = new Map(all.map((u) => [u.id, u]));
  const seen: number[] = [];
  ids.forEach((id, i) => {
    if (!below.has(id) || !isInScope.unit(actor, id)) {
      throw fieldError(`body.unitIds.${i}`, 'targets.unitNotBelow');
    }
    // Two units where one contains the other would count the same sales twice.
    const nested = seen.find((other) => subtreeOf(all, other).has(id) || subtreeOf(all, id).has(other));
    if (nested !== undefined) {
      throw fieldError(`body.unitIds.${i}`, 'targets.unitsOverlap', {
        unit: byId.get(id)!.name,
        other: byId.get(nested)!.name,
      });
    }
    seen.push(id);
  });
  return {
    children: ids.map((id) => ownerChild(line, 'unit', id, null)),
    field: 'unitIds',
    names: ids.map((id) => byId.get(id)!.name),
  };
}

async function byPeople(tx: Executor, actor: Actor, line: LineRow, body: SplitLineBody): Promise<Resolved> {
  if (line.ownerKind !== 'unit' || line.unitId === null) {
    throw fieldError('body.by', 'targets.byNotForOwner', { by: 'targets.by.people' });
  }
  const team = await loadTeam(tx, actor.companyId, line.unitId, line.periodStart);
  const nameOf = new Map(team.map((p) => [p.id, p.name]));
  const ids = body.employeeIds ?? team.map((p) => p.id);
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (!nameOf.has(id) || !isInScope.employee(actor, id)) {
      throw fieldError(`body.employeeIds.${i}`, 'targets.notInTeam', { day: line.periodStart });
    }
    // A person is assigned once per team and period (unique in a plan): twice in one split is a mistake.
    if (seen.has(id)) {
      throw fieldError(`body.employeeIds.${i}`, 'targets.personTwice', {
        name: nameOf.get(id)!,
        period: line.period,
      });
    }
    seen.add(id);
  });
  return {
    children: ids.map((id) => ownerChild(line, 'employee', line.unitId!, id)),
    field: 'employeeIds',
    names: ids.map((id) => nameOf.get(id)!),
  };
}

// ---- inputs the server reads: last year's actuals and headcount ---------------------------------------

/** The roll-up metric and category a plan's metric is measured by. */
function rollupOf(plan: PlanRow): { metric: string; category: string } {
  if (plan.metric === 'category_sales') return { metric: 'sales', category: plan.category };
  return { metric: plan.metric, category: '' };
}

/**
 * 同期: each child's actual in the same period a year earlier (seasonality for periods, the same people or
 * units for owners), from the roll-ups: month grain for years, quarters and months, day grain for weeks.
 * A unit's actual is what was credited to it and the units below it; a person's is theirs in any team.
 */
async function readHistory(
  tx: Executor,
  companyId: number,
  plan: PlanRow,
  children: Child[],
  all: UnitNode[],
): Promise<number[]> {
  const { metric, category } = rollupOf(plan);
  const sumFor = async (child: Child, owner: ReturnType<typeof and>) => {
    const last = parsePeriod(samePeriodLastYear(child.period));
    const [row] = await tx
      .select({ amount: sql<number>`coalesce(sum(${salesRollups.amount}), 0)::bigint`.mapWith(Number) })
      .from(salesRollups)
      .where(
        and(
          eq(salesRollups.companyId, companyId),
          eq(salesRollups.metric, metric),
          eq(salesRollups.category, category),
          eq(salesRollups.grain, last.grain === 'week' ? 'day' : 'month'),
          between(salesRollups.periodStart, last.from, last.to),
          owner,
        ),
      );
    return row?.amount ?? 0;
  };
  const out: number[] = [];
  for (const child of children) {
    const owner =
      child.ownerKind === 'employee'
        ? eq(salesRollups.employeeId, child.employeeId!)
        : child.ownerKind === 'unit'
          ? inArray(salesRollups.unitId, [...subtreeOf(all, child.unitId!)])
          : undefined;
    out.push(await sumFor(child, owner));
  }
  return out;
}

/** People in each child unit (and the units below it) on the period's first day; 1 for each person. */
async function readHeadcount(
  tx: Executor,
  companyId: number,
  children: Child[],
  all: UnitNode[],
): Promise<number[] | undefined> {
  if (children.every((c) => c.ownerKind === 'employee')) return children.map(() => 1);
  if (!children.every((c) => c.ownerKind === 'unit') || children.length === 0) return undefined;
  const day = children[0]!.periodStart;
  const rows = await tx
    .select({ unitId: positions.unitId, n: countDistinct(assignments.employeeId) })
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(and(eq(assignments.companyId, companyId), eq(assignments.kind, 'primary'), assignmentInForce(day)))
    .groupBy(positions.unitId);
  const perUnit = new Map(rows.map((r) => [r.unitId, Number(r.n)]));
  return children.map((c) => [...subtreeOf(all, c.unitId!)].reduce((s, id) => s + (perUnit.get(id) ?? 0), 0));
}

// ---- the saved split -----------------------------------------------------------------------------------

function lockedError(line: LineRow): AppError {
  const key = 'targets.periodLocked';
  const params = { period: line.period, end: line.periodEnd };
  return new AppError('business_rule', key, params, [{ path: 'params.id', key, params }]);
}

/**
 * A weekly split of an open month (a person's or a team's) that would change a week already ended: the
 * message names whose target it is and that week, e.g. "赵磊 2026-W45 已于 2026-11-08 结束".
 */
async function lockedChangeError(
  tx: Executor,
  line: LineRow,
  ended: { period: string; periodEnd: string },
): Promise<AppError> {
  const [named] = await selectLines(tx).where(eq(targetLines.id, line.id));
  const owner = named?.employeeName ?? named?.unitName ?? '';
  const key = 'targets.lockedChanged';
  const params = { owner, period: ended.period, end: ended.periodEnd };
  return new AppError('business_rule', key, params, [{ path: 'params.id', key, params }]);
}

/**
 * Who may split in the plan's state: planners (target.plan) in a draft, a locked line only with
 * target.override; in a published plan a lead (target.assign) whose scope covers the team. Returns whether
 * target.override was used, for the audit trail.
 */
function checkSplitRights(actor: Actor, plan: PlanRow, line: LineRow) {
  const locked = isLocked(line.periodEnd, actor.today);
  if (plan.status === 'draft') {
    const { actingForEmployeeId } = authorize(actor, 'target.plan');
    if (locked && !can(actor, 'target.override')) throw lockedError(line);
    return { actingForEmployeeId, override: locked };
  }
  if (plan.status !== 'published') {
    throw new AppError('business_rule', 'targets.wrongStatus', {
      status: `targets.status.${plan.status}`,
      action: 'targets.action.split',
    });
  }
  const { actingForEmployeeId } = authorize(actor, 'target.assign');
  // 分解并下达本组周任务 is the team lead's: the team must be theirs to lead, not only the person visible.
  if (line.unitId === null || !isInScope.unit(actor, line.unitId)) {
    throw new AppError('forbidden', 'targets.teamNotInScope');
  }
  // Never for a locked period, whatever the rights: a published month that has ended is history.
  if (locked) throw lockedError(line);
  return { actingForEmployeeId, override: false };
}

async function assertNoOwnerTwice(tx: Executor, planId: number, resolved: Resolved) {
  const periods = [...new Set(resolved.children.map((c) => c.period))];
  const existing = await tx
    .select({
      ownerKind: targetLines.ownerKind,
      unitId: targetLines.unitId,
      employeeId: targetLines.employeeId,
      period: targetLines.period,
    })
    .from(targetLines)
    .where(and(eq(targetLines.planId, planId), inArray(targetLines.period, periods)));
  const key = (c: { ownerKind: string; unitId: number | null; employeeId: number | null; period: string }) =>
    `${c.ownerKind}|${c.unitId ?? 0}|${c.employeeId ?? 0}|${c.period}`;
  const taken = new Set(existing.map(key));
  const i = resolved.children.findIndex((c) => taken.has(key(c)));
  if (i >= 0) {
    const child = resolved.children[i]!;
    const params = { name: resolved.names[i]!, period: child.period };
    const path = resolved.field === 'grain' ? 'body.grain' : `body.${resolved.field}.${i}`;
    throw new AppError('conflict', 'targets.ownerTwice', params, [
      { path, key: 'targets.ownerTwice', params },
    ]);
  }
}

export async function splitLine(
  db: Db,
  actor: Actor,
  id: number,
  body: SplitLineBody,
): Promise<SplitLineResult> {
  authorize(actor, 'target.read');
  await db.transaction(async (tx) => {
    const { line, plan } = await loadVisibleLine(tx, actor, id);
    const { actingForEmployeeId, override } = checkSplitRights(actor, plan, line);
    if (line.version !== body.version) throw staleVersion('entity.targetLine');

    const all = await loadUnits(tx, actor.companyId);
    const resolved =
      body.by === 'period'
        ? byPeriod(line, body)
        : body.by === 'units'
          ? byUnits(actor, line, body, all)
          : await byPeople(tx, actor, line, body);
    if (plan.status === 'published' && !isWeeklyAssignment(line, body.by, resolved.children[0]?.grain)) {
      throw new AppError('business_rule', 'targets.publishedOnlyWeeks', {}, [
        { path: 'body.by', key: 'targets.publishedOnlyWeeks' },
      ]);
    }
    const countPath = resolved.field === 'grain' ? 'body.grain' : `body.${resolved.field}`;
    if (resolved.children.length === 0) throw fieldError(countPath, 'split.noChildren');

    const inputs: SplitInputs = { ...body };
    if (body.method === 'history' && body.history === undefined) {
      inputs.history = await readHistory(tx, actor.companyId, plan, resolved.children, all);
    }
    if (body.method === 'headcount' && body.headcount === undefined) {
      inputs.headcount = await readHeadcount(tx, actor.companyId, resolved.children, all);
      if (inputs.headcount === undefined) throw fieldError('body.headcount', 'field.required');
    }
    const totals = { target: line.target, stretch: line.stretch, challenge: line.challenge };
    const outcome = runSplit(totals, inputs, resolved.children.length, {
      total: () => 'params.id',
      count: countPath,
    });

    const before = await tx.select().from(targetLines).where(eq(targetLines.parentLineId, line.id));
    const rows = resolved.children.map((c, i) => {
      const tiers = withTierDefaults({
        target: outcome.tiers.target![i]!,
        stretch: outcome.tiers.stretch?.[i],
        challenge: outcome.tiers.challenge?.[i],
      });
      return { companyId: actor.companyId, planId: plan.id, parentLineId: line.id, ...c, ...tiers };
    });
    let unallocated = 0;
    if (plan.status === 'published') {
      // Weekly tasks of a published month: weeks already given out that have ended stay as they were.
      if (
        before.some((c) => c.grain !== 'week' || c.employeeId !== line.employeeId || c.unitId !== line.unitId)
      ) {
        throw new AppError('business_rule', 'targets.replaceWouldDrop', {}, [
          { path: 'params.id', key: 'targets.replaceWouldDrop' },
        ]);
      }
      const [ended] = before.length > 0 ? findLockedChanges<VersionedLine>(before, rows, actor.today) : [];
      if (ended) throw await lockedChangeError(tx, line, (ended.after ?? ended.before)!);
      const gap = outcome.gap.target ?? 0;
      if (TIERS.some((tier) => (outcome.gap[tier] ?? 0) !== 0) && !plan.allowUnallocated) {
        // Publishing refuses a gap; a weekly split of a published month is held to the same rule.
        const params = { gap: formatAmount(plan.metric, gap) };
        throw new AppError('business_rule', 'targets.weekGap', params, [
          { path: 'body.amounts', key: 'targets.weekGap', params },
        ]);
      }
      unallocated = gap;
    }

    await tx.delete(targetLines).where(eq(targetLines.parentLineId, line.id));
    await assertNoOwnerTwice(tx, plan.id, resolved);
    // The check above names the owner; the unique index still guards two splits racing each other.
    const children = await withDuplicateCheck(() => tx.insert(targetLines).values(rows).returning(), {
      path: countPath,
      label: 'entity.targetLine',
      value: line.period,
    });
    const { version: _v, ...splitInputs } = body;
    const [after] = await tx
      .update(targetLines)
      .set({
        splitMethod: body.method,
        splitInputs: { ...splitInputs, ...(inputs.history ? { history: inputs.history } : {}) },
        unallocated,
        version: line.version + 1,
      })
      .where(and(eq(targetLines.id, line.id), eq(targetLines.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.targetLine');
    await recordAudit(tx, actor, {
      action: 'split',
      entity: 'targetLine',
      entityId: line.id,
      before: { line, children: before },
      after: { line: after, children, ...(override ? { override: 'target.override' } : {}) },
      actingForEmployeeId,
    });
  });
  return loadSplitResult(db, actor, id);
}

async function loadSplitResult(db: Executor, actor: Actor, id: number): Promise<SplitLineResult> {
  const rows = await selectLines(db)
    .where(
      and(
        eq(targetLines.companyId, actor.companyId),
        sql`(${targetLines.id} = ${id} or ${targetLines.parentLineId} = ${id})`,
      ),
    )
    .orderBy(asc(targetLines.periodStart), asc(targetLines.id));
  const [sums, companyName] = await sideBySide(
    db,
    () =>
      loadChildSums(
        db,
        rows.map((r) => r.l.id),
      ),
    () => loadCompanyName(db, actor.companyId),
  );
  const present = rows.map((r) => presentLine(r, sums, companyName, actor.today));
  return { line: present.find((l) => l.id === id)!, children: present.filter((l) => l.id !== id) };
}

// ---- amounts by hand -----------------------------------------------------------------------------------

export async function updateLine(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateLineBody,
): Promise<TargetLine> {
  authorize(actor, 'target.read');
  await db.transaction(async (tx) => {
    const { line, plan } = await loadVisibleLine(tx, actor, id);
    const { actingForEmployeeId } = authorize(actor, 'target.plan');
    // A published plan changes only through a re-plan (a new version with a reason), never in place.
    if (plan.status !== 'draft') {
      throw new AppError('business_rule', 'targets.wrongStatus', {
        status: `targets.status.${plan.status}`,
        action: 'targets.action.edit',
      });
    }
    const locked = isLocked(line.periodEnd, actor.today);
    if (locked && !can(actor, 'target.override')) throw lockedError(line);
    if (line.version !== body.version) throw staleVersion('entity.targetLine');
    const next = {
      target: body.target ?? line.target,
      stretch: body.stretch ?? line.stretch,
      challenge: body.challenge ?? line.challenge,
    };
    // 冲刺 ≥ 挑战 ≥ 目标: the tier named is the one typed out of order.
    if (next.stretch < next.target) {
      throw fieldError(body.stretch === undefined ? 'body.target' : 'body.stretch', 'split.tierOrder', {
        tier: 'targets.tier.stretch',
        lower: 'targets.tier.target',
      });
    }
    if (next.challenge < next.stretch) {
      throw fieldError(body.challenge === undefined ? 'body.stretch' : 'body.challenge', 'split.tierOrder', {
        tier: 'targets.tier.challenge',
        lower: 'targets.tier.stretch',
      });
    }
    const [after] = await tx
      .update(targetLines)
      .set({ ...next, note: body.note ?? line.note, version: line.version + 1 })
      .where(and(eq(targetLines.id, id), eq(targetLines.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.targetLine');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'targetLine',
      entityId: id,
      before: line,
      after: locked ? { ...after, override: 'target.override' } : after,
      actingForEmployeeId,
    });
  });
  return (await loadSplitResult(db, actor, id)).line;
}
