import { and, asc, count, eq, max, sql } from 'drizzle-orm';
import { parsePeriod } from '@zuzhang/domain';
import type {
  CreatePlanBody,
  PlanListQuery,
  PlanVersion,
  RevisePlanBody,
  TargetPlanDetail,
  UpdatePlanBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, can, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { targetLines, targetPlans } from './targets.table.ts';
import {
  gapOf,
  loadCompanyName,
  loadPlanChildSums,
  loadPlanForWrite,
  loadPresentedLines,
  loadPresentedPlan,
  loadVisiblePlan,
  planVisible,
  presentPlan,
  presentVersion,
  selectLines,
  selectPlans,
  type LineRow,
  type NamedLine,
  type PlanRow,
} from './targets.repository.ts';
import { findLockedChanges, formatAmount, withTierDefaults } from './targets.policy.ts';
import { runSplit } from './split-compute.ts';

/**
 * 销售目标计划: one per fiscal year and metric (and category for category sales), versioned. A draft is
 * planned and split; publishing assigns every line (and supersedes the version before); a re-plan copies the
 * published version into a new draft with a reason. Figures of locked periods (ended before today) change in
 * a re-plan only with target.override, and the audit trail says so.
 */

// ---- reads -----------------------------------------------------------------------------------------------

export async function listPlans(db: Db, actor: Actor, query: PlanListQuery) {
  authorize(actor, 'target.read');
  const where = and(
    planVisible(actor, db),
    query.fiscalYear === undefined ? undefined : eq(targetPlans.fiscalYear, query.fiscalYear),
    query.metric ? eq(targetPlans.metric, query.metric) : undefined,
    query.status ? eq(targetPlans.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      fiscalYear: targetPlans.fiscalYear,
      createdAt: targetPlans.createdAt,
      name: targetPlans.name,
      versionNo: targetPlans.versionNo,
    },
    'fiscalYear',
    targetPlans.id,
  );
  return pageOf(
    db,
    query,
    selectPlans(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(targetPlans).where(where),
    (rows) => rows.map((r) => presentPlan(r, actor)),
  );
}

export async function getPlan(db: Db, actor: Actor, id: number): Promise<TargetPlanDetail> {
  authorize(actor, 'target.read');
  await loadVisiblePlan(db, actor, id);
  const [plan, lines] = await Promise.all([
    loadPresentedPlan(db, actor, id),
    loadPresentedLines(db, actor, id),
  ]);
  return { ...plan, lines };
}

/** Every version of the plan's year and metric, oldest first: the history of re-plans and their reasons. */
export async function listPlanVersions(db: Db, actor: Actor, id: number): Promise<PlanVersion[]> {
  authorize(actor, 'target.read');
  const plan = await loadVisiblePlan(db, actor, id);
  const rows = await selectPlans(db)
    .where(
      and(
        planVisible(actor, db),
        eq(targetPlans.fiscalYear, plan.fiscalYear),
        eq(targetPlans.metric, plan.metric),
        eq(targetPlans.category, plan.category),
      ),
    )
    .orderBy(asc(targetPlans.versionNo));
  return rows.map(presentVersion);
}

// ---- create, change, delete ------------------------------------------------------------------------------

function wrongStatus(plan: PlanRow, action: string, path = 'params.id'): AppError {
  const params = { status: `targets.status.${plan.status}`, action: `targets.action.${action}` };
  return new AppError('business_rule', 'targets.wrongStatus', params, [
    { path, key: 'targets.wrongStatus', params },
  ]);
}

export async function createPlan(db: Db, actor: Actor, body: CreatePlanBody): Promise<TargetPlanDetail> {
  const { actingForEmployeeId } = authorize(actor, 'target.plan');
  // The plan starts from the company's figure: setting it takes company scope.
  if (!actor.scope.company) throw new AppError('forbidden', 'targets.companyScopeNeeded');
  const tiers = withTierDefaults(body.companyTarget);
  runSplit(body.companyTarget, { method: 'equal' }, 1, {
    total: (tier) => `body.companyTarget.${tier}`,
    count: 'body.companyTarget',
  });
  const category = body.metric === 'category_sales' ? body.category! : '';
  const id = await db.transaction(async (tx) => {
    if (body.metric === 'category_sales') {
      // "A plan for a metric with no data source": a category no product has could never be measured.
      const [known] = await tx
        .select({ n: count() })
        .from(products)
        .where(and(eq(products.companyId, actor.companyId), eq(products.category, category)));
      if (Number(known!.n) === 0) {
        throw fieldError('body.category', 'targets.categoryWithoutData', { category });
      }
    }
    const [existing] = await tx
      .select({ versionNo: targetPlans.versionNo })
      .from(targetPlans)
      .where(
        and(
          eq(targetPlans.companyId, actor.companyId),
          eq(targetPlans.fiscalYear, body.fiscalYear),
          eq(targetPlans.metric, body.metric),
          eq(targetPlans.category, category),
        ),
      )
      .limit(1);
    if (existing) {
      const params = { year: body.fiscalYear, metric: `targets.metric.${body.metric}` };
      throw new AppError('conflict', 'targets.planExists', params, [
        { path: 'body.fiscalYear', key: 'targets.planExists', params },
      ]);
    }
    const [plan] = await tx
      .insert(targetPlans)
      .values({
        companyId: actor.companyId,
        fiscalYear: body.fiscalYear,
        metric: body.metric,
        category,
        name: body.name,
        allowUnallocated: body.allowUnallocated,
        createdByUserId: actor.userId,
      })
      .returning();
    const year = parsePeriod(String(body.fiscalYear));
    const [line] = await tx
      .insert(targetLines)
      .values({
        companyId: actor.companyId,
        planId: plan!.id,
        ownerKind: 'company',
        period: year.text,
        grain: 'year',
        periodStart: year.from,
        periodEnd: year.to,
        ...tiers,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'targetPlan',
      entityId: plan!.id,
      after: { plan, companyLine: line },
      actingForEmployeeId,
    });
    return plan!.id;
  });
  return getPlan(db, actor, id);
}

export async function updatePlan(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdatePlanBody,
): Promise<TargetPlanDetail> {
  const { actingForEmployeeId } = authorize(actor, 'target.plan');
  await db.transaction(async (tx) => {
    const before = await loadPlanForWrite(tx, actor, id);
    if (before.status !== 'draft') throw wrongStatus(before, 'edit');
    if (before.version !== body.version) throw staleVersion('entity.targetPlan');
    const [after] = await tx
      .update(targetPlans)
      .set({
        name: body.name ?? before.name,
        allowUnallocated: body.allowUnallocated ?? before.allowUnallocated,
        version: before.version + 1,
      })
      .where(and(eq(targetPlans.id, id), eq(targetPlans.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.targetPlan');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'targetPlan',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPlan(db, actor, id);
}

/** Only a draft may be deleted: a published or superseded version is history. */
export async function deletePlan(db: Db, actor: Actor, id: number): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'target.plan');
  await db.transaction(async (tx) => {
    const before = await loadPlanForWrite(tx, actor, id);
    if (before.status !== 'draft') throw wrongStatus(before, 'delete');
    await tx.delete(targetPlans).where(eq(targetPlans.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'targetPlan',
      entityId: id,
      before,
      actingForEmployeeId,
    });
  });
}

// ---- publish ---------------------------------------------------------------------------------------------

async function loadAllLines(tx: Executor, planId: number): Promise<NamedLine[]> {
  return selectLines(tx).where(eq(targetLines.planId, planId)).orderBy(asc(targetLines.id));
}

function ownerOf(r: NamedLine, companyName: string): string {
  return r.l.ownerKind === 'company' ? companyName : (r.employeeName ?? r.unitName ?? '');
}

/**
 * Publish a draft: every line's children must add up (分解 adds up to the fen) in every tier, unless the plan
 * allows an unallocated remainder, which is then stored on the line and shown. A revision changing figures
 * of locked periods takes target.override. The version it replaces is superseded, kept for history.
 */
export async function publishPlan(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
): Promise<TargetPlanDetail> {
  const { actingForEmployeeId } = authorize(actor, 'target.plan');
  await db.transaction(async (tx) => {
    const plan = await loadPlanForWrite(tx, actor, id);
    if (plan.status !== 'draft') throw wrongStatus(plan, 'publish');
    if (plan.version !== version) throw staleVersion('entity.targetPlan');
    const lines = await loadAllLines(tx, id);
    const sums = await loadPlanChildSums(tx, id);
    const companyName = await loadCompanyName(tx, actor.companyId);

    const gaps = lines
      .map((r) => ({ r, sum: sums.get(r.l.id) }))
      .filter((x): x is { r: NamedLine; sum: NonNullable<typeof x.sum> } => x.sum !== undefined)
      .map((x) => ({ r: x.r, gap: gapOf(x.r.l, x.sum.sum), sum: x.sum.sum }))
      .filter((x) => x.gap.target !== 0 || x.gap.stretch !== 0 || x.gap.challenge !== 0);
    if (gaps.length > 0 && !plan.allowUnallocated) {
      throw new AppError(
        'business_rule',
        'targets.gapsRefused',
        { count: gaps.length },
        gaps.map(({ r, gap, sum }) => {
          const tier = gap.target !== 0 ? 'target' : gap.stretch !== 0 ? 'stretch' : 'challenge';
          return {
            path: `lines.${r.l.id}`,
            key: 'targets.gapLine',
            params: {
              owner: ownerOf(r, companyName),
              period: r.l.period,
              tier: `targets.tier.${tier}`,
              sum: formatAmount(plan.metric, sum[tier]),
              amount: formatAmount(plan.metric, r.l[tier]),
              gap: formatAmount(plan.metric, gap[tier]),
            },
          };
        }),
      );
    }

    let lockedChanges: ReturnType<typeof findLockedChanges<LineRow>> = [];
    if (plan.previousPlanId !== null) {
      const previous = await tx.select().from(targetLines).where(eq(targetLines.planId, plan.previousPlanId));
      lockedChanges = findLockedChanges(
        previous,
        lines.map((r) => r.l),
        actor.today,
      );
      if (lockedChanges.length > 0 && !can(actor, 'target.override')) {
        const named = new Map(lines.map((r) => [r.l.id, r]));
        throw new AppError(
          'business_rule',
          'targets.lockedChangesRefused',
          { count: lockedChanges.length },
          lockedChanges.map((c) => {
            const line = (c.after ?? c.before)!;
            const r = named.get(c.after?.id ?? -1);
            return {
              path: c.after ? `lines.${c.after.id}` : `previousLines.${c.before!.id}`,
              key: 'targets.lockedChanged',
              params: {
                owner: r ? ownerOf(r, companyName) : '',
                period: line.period,
                end: line.periodEnd,
              },
            };
          }),
        );
      }
    }

    for (const { r, gap } of gaps) {
      await tx.update(targetLines).set({ unallocated: gap.target }).where(eq(targetLines.id, r.l.id));
    }
    const superseded = await tx
      .update(targetPlans)
      .set({ status: 'superseded', version: sql`${targetPlans.version} + 1` })
      .where(
        and(
          eq(targetPlans.companyId, actor.companyId),
          eq(targetPlans.fiscalYear, plan.fiscalYear),
          eq(targetPlans.metric, plan.metric),
          eq(targetPlans.category, plan.category),
          eq(targetPlans.status, 'published'),
        ),
      )
      .returning({ id: targetPlans.id });
    const [after] = await tx
      .update(targetPlans)
      .set({
        status: 'published',
        publishedAt: new Date(),
        publishedByUserId: actor.userId,
        version: plan.version + 1,
      })
      .where(and(eq(targetPlans.id, id), eq(targetPlans.version, version)))
      .returning();
    if (!after) throw staleVersion('entity.targetPlan');
    await recordAudit(tx, actor, {
      action: 'publish',
      entity: 'targetPlan',
      entityId: id,
      before: plan,
      after: {
        ...after,
        supersededPlanIds: superseded.map((s) => s.id),
        unallocated: gaps.map(({ r, gap }) => ({ lineId: r.l.id, gap })),
        // Locked periods changed with the right to do so: recorded, never silent.
        ...(lockedChanges.length > 0
          ? {
              override: 'target.override',
              lockedChanges: lockedChanges.map((c) => ({ key: c.key, before: c.before, after: c.after })),
            }
          : {}),
      },
      actingForEmployeeId,
    });
  });
  return getPlan(db, actor, id);
}

// ---- re-plan ---------------------------------------------------------------------------------------------

/**
 * 调整: copy the published plan into a new draft version (versionNo + 1) with the reason, every line and its
 * split as they were. The published version stays in force until the revision is published.
 */
export async function revisePlan(
  db: Db,
  actor: Actor,
  id: number,
  body: RevisePlanBody,
): Promise<TargetPlanDetail> {
  const { actingForEmployeeId } = authorize(actor, 'target.plan');
  const newId = await db.transaction(async (tx) => {
    const plan = await loadPlanForWrite(tx, actor, id);
    if (plan.status !== 'published') throw wrongStatus(plan, 'revise');
    if (plan.version !== body.version) throw staleVersion('entity.targetPlan');
    const sameKey = and(
      eq(targetPlans.companyId, actor.companyId),
      eq(targetPlans.fiscalYear, plan.fiscalYear),
      eq(targetPlans.metric, plan.metric),
      eq(targetPlans.category, plan.category),
    );
    const [draft] = await tx
      .select({ id: targetPlans.id, versionNo: targetPlans.versionNo })
      .from(targetPlans)
      .where(and(sameKey, eq(targetPlans.status, 'draft')));
    if (draft) {
      const params = { versionNo: draft.versionNo };
      throw new AppError('conflict', 'targets.revisionExists', params, [
        { path: 'params.id', key: 'targets.revisionExists', params },
      ]);
    }
    const [last] = await tx
      .select({ n: max(targetPlans.versionNo) })
      .from(targetPlans)
      .where(sameKey);
    const [revision] = await tx
      .insert(targetPlans)
      .values({
        companyId: actor.companyId,
        fiscalYear: plan.fiscalYear,
        metric: plan.metric,
        category: plan.category,
        name: plan.name,
        versionNo: Number(last!.n) + 1,
        previousPlanId: plan.id,
        reason: body.reason,
        allowUnallocated: plan.allowUnallocated,
        createdByUserId: actor.userId,
      })
      .returning();
    const copied = await copyLines(tx, plan.id, revision!.id);
    await recordAudit(tx, actor, {
      action: 'revise',
      entity: 'targetPlan',
      entityId: revision!.id,
      after: { ...revision, copiedFromPlanId: plan.id, lines: copied },
      actingForEmployeeId,
    });
    return revision!.id;
  });
  return getPlan(db, actor, newId);
}

/**
 * Copy every line of a plan into another, keeping the tree. Ids are taken from the sequence first, so the
 * copy is a few multi-row inserts whatever the size of the plan; parents (lower ids) go in before children.
 */
async function copyLines(tx: Executor, fromPlanId: number, toPlanId: number): Promise<number> {
  const lines = await tx
    .select()
    .from(targetLines)
    .where(eq(targetLines.planId, fromPlanId))
    .orderBy(asc(targetLines.id));
  if (lines.length === 0) return 0;
  const result = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('target_lines', 'id'))::int as id from generate_series(1, ${lines.length})`,
  );
  const fresh = (result as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
  const newId = new Map(lines.map((l, i) => [l.id, fresh[i]!]));
  const rows = lines.map(({ id, planId: _p, parentLineId, unallocated: _u, version: _v, ...rest }) => ({
    ...rest,
    id: newId.get(id)!,
    planId: toPlanId,
    parentLineId: parentLineId === null ? null : newId.get(parentLineId)!,
  }));
  const CHUNK = 1000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(targetLines).values(rows.slice(i, i + CHUNK));
  }
  return lines.length;
}
