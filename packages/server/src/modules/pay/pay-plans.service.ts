import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type {
  CreatePayPlanBody,
  Locale,
  PayPlan as PayPlanOut,
  PayPlanListQuery,
  PayPlanValidation,
  RetirePayPlanBody,
  UpdatePayPlanBody,
  PayPlanDefinition,
} from '@zuzhang/api-schema';
import { findOverlap, isIsoDate, validatePayPlan, type PayPlan } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { isoOrNull } from '../receivables/ledger-refs.ts';
import { users } from '../auth/auth.table.ts';
import { positions } from '../org/org.table.ts';
import { payPlans } from './pay.table.ts';
import { authorizeAny, PLAN_READERS } from './pay.policy.ts';
import { describePayProblem, payProblemsError } from './pay-problems.ts';

/**
 * 薪资方案: a versioned plan per position (docs/pay-plans.md). Drafts are written and rewritten (version
 * check); activating one checks it whole (validatePayPlan: every formula, name, unit and date) and that its
 * dates overlap no other active or retired version of the position, so a position is paid by one plan on
 * any day; retiring closes its dates. Only drafts change; a plan that paid someone stays as it was.
 */

/** The plan's position code always mirrors the position it is saved for. */
function definitionFor(definition: PayPlanDefinition, positionCode: string): PayPlan {
  return { ...(definition as unknown as PayPlan), positionCode };
}

/** What goes into the plan's own columns must be right even for a draft: its name and dates. */
function checkHeader(definition: PayPlanDefinition, prefix: string): void {
  if (definition.name.trim() === '') throw fieldError(`${prefix}.name`, 'pay.plan.required');
  if (!isIsoDate(definition.effectiveFrom)) throw fieldError(`${prefix}.effectiveFrom`, 'pay.plan.date');
  if (definition.effectiveTo !== undefined) {
    if (!isIsoDate(definition.effectiveTo)) throw fieldError(`${prefix}.effectiveTo`, 'pay.plan.date');
    if (definition.effectiveTo < definition.effectiveFrom) {
      throw fieldError(`${prefix}.effectiveTo`, 'pay.plan.dateOrder', { start: definition.effectiveFrom });
    }
  }
}

function selectPlans(db: Executor) {
  return db
    .select({
      p: payPlans,
      positionName: positions.name,
      positionCode: positions.code,
      createdBy: users.username,
    })
    .from(payPlans)
    .innerJoin(positions, eq(positions.id, payPlans.positionId))
    .leftJoin(users, eq(users.id, payPlans.createdByUserId));
}
type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['where']>>[number];

function presentPlan(r: PlanRow): PayPlanOut {
  return {
    id: r.p.id,
    positionId: r.p.positionId,
    positionName: r.positionName,
    positionCode: r.positionCode,
    name: r.p.name,
    versionNo: r.p.versionNo,
    effectiveFrom: r.p.effectiveFrom,
    effectiveTo: r.p.effectiveTo,
    status: r.p.status as PayPlanOut['status'],
    definition: r.p.definition as PayPlanOut['definition'],
    createdBy: r.createdBy,
    createdAt: isoOrNull(r.p.createdAt)!,
    version: r.p.version,
  };
}

function planWhere(actor: Actor, id: number) {
  return and(
    eq(payPlans.id, id),
    eq(payPlans.companyId, actor.companyId),
    inScope.position(actor, payPlans.positionId),
  );
}

export async function getPayPlan(db: Executor, actor: Actor, id: number): Promise<PayPlanOut> {
  authorizeAny(actor, PLAN_READERS);
  const [row] = await selectPlans(db).where(planWhere(actor, id));
  if (!row) throw notFound('entity.payPlan');
  return presentPlan(row);
}

export async function listPayPlans(db: Db, actor: Actor, query: PayPlanListQuery) {
  authorizeAny(actor, PLAN_READERS);
  const where = and(
    eq(payPlans.companyId, actor.companyId),
    inScope.position(actor, payPlans.positionId),
    query.positionId ? eq(payPlans.positionId, query.positionId) : undefined,
    query.status ? eq(payPlans.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      effectiveFrom: payPlans.effectiveFrom,
      name: payPlans.name,
      status: payPlans.status,
      createdAt: payPlans.createdAt,
    },
    'effectiveFrom',
    payPlans.id,
  );
  return pageOf(
    db,
    query,
    selectPlans(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(payPlans).where(where),
    (rows) => rows.map(presentPlan),
  );
}

/** The position, in the company and the caller's scope, locked so versions are numbered one at a time. */
async function lockPosition(tx: Executor, actor: Actor, positionId: number, path: string) {
  const [position] = await tx
    .select({ id: positions.id, code: positions.code, name: positions.name })
    .from(positions)
    .where(and(eq(positions.id, positionId), eq(positions.companyId, actor.companyId)))
    .for('update');
  if (!position || !isInScope.position(actor, positionId)) {
    throw fieldError(path, 'field.notInCompany', { entity: 'entity.position' });
  }
  return position;
}

export async function createPayPlan(db: Db, actor: Actor, body: CreatePayPlanBody): Promise<PayPlanOut> {
  const { actingForEmployeeId } = authorize(actor, 'payplan.manage');
  checkHeader(body.definition, 'body.definition');
  const id = await db.transaction(async (tx) => {
    const position = await lockPosition(tx, actor, body.positionId, 'body.positionId');
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${payPlans.versionNo}), 0)::int + 1`.mapWith(Number) })
      .from(payPlans)
      .where(eq(payPlans.positionId, position.id))) as [{ next: number }];
    const definition = definitionFor(body.definition, position.code);
    const [row] = await tx
      .insert(payPlans)
      .values({
        companyId: actor.companyId,
        positionId: position.id,
        name: definition.name,
        versionNo: next,
        effectiveFrom: definition.effectiveFrom,
        effectiveTo: definition.effectiveTo ?? null,
        definition,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'payPlan',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return row!.id;
  });
  return getPayPlan(db, actor, id);
}

/** The plan for a write: in the company and scope, at the version the caller saw. */
async function loadForWrite(tx: Executor, actor: Actor, id: number, version: number) {
  const [before] = await tx.select().from(payPlans).where(planWhere(actor, id)).for('update');
  if (!before) throw notFound('entity.payPlan');
  if (before.version !== version) throw staleVersion('entity.payPlan');
  return before;
}

function assertDraft(plan: { name: string; status: string }): void {
  if (plan.status !== 'draft') {
    throw new AppError('business_rule', 'pay.planNotDraft', {
      name: plan.name,
      status: `pay.status.${plan.status}`,
    });
  }
}

export async function updatePayPlan(db: Db, actor: Actor, id: number, body: UpdatePayPlanBody) {
  const { actingForEmployeeId } = authorize(actor, 'payplan.manage');
  if (body.definition) checkHeader(body.definition, 'body.definition');
  await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, body.version);
    assertDraft(before);
    const positionId = body.positionId ?? before.positionId;
    const position = await lockPosition(tx, actor, positionId, 'body.positionId');
    const definition = definitionFor(
      body.definition ?? (before.definition as PayPlanDefinition),
      position.code,
    );
    let versionNo = before.versionNo;
    if (positionId !== before.positionId) {
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${payPlans.versionNo}), 0)::int + 1`.mapWith(Number) })
        .from(payPlans)
        .where(eq(payPlans.positionId, positionId))) as [{ next: number }];
      versionNo = next;
    }
    const [after] = await tx
      .update(payPlans)
      .set({
        positionId,
        versionNo,
        name: definition.name,
        effectiveFrom: definition.effectiveFrom,
        effectiveTo: definition.effectiveTo ?? null,
        definition,
        version: before.version + 1,
      })
      .where(and(eq(payPlans.id, id), eq(payPlans.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.payPlan');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'payPlan',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPayPlan(db, actor, id);
}

export async function deletePayPlan(db: Db, actor: Actor, id: number): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'payplan.manage');
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(payPlans).where(planWhere(actor, id)).for('update');
    if (!before) throw notFound('entity.payPlan');
    assertDraft(before);
    await tx.delete(payPlans).where(eq(payPlans.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'payPlan',
      entityId: id,
      before,
      actingForEmployeeId,
    });
  });
}

/** Check a definition without saving it (the plan editor calls this as the user types). */
export function checkPayPlan(actor: Actor, definition: PayPlanDefinition, locale: Locale): PayPlanValidation {
  authorizeAny(actor, PLAN_READERS);
  const problems = validatePayPlan(definition as unknown as PayPlan).map((p) =>
    describePayProblem(p, locale, 'definition'),
  );
  return { valid: problems.length === 0, problems };
}

function endText(to: string | null | undefined, locale: Locale): string {
  return to ?? translate(locale, 'pay.openEnded');
}

export async function activatePayPlan(db: Db, actor: Actor, id: number, version: number, locale: Locale) {
  const { actingForEmployeeId } = authorize(actor, 'payplan.manage');
  await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, version);
    assertDraft(before);
    const definition = before.definition as PayPlan;
    const problems = validatePayPlan(definition);
    if (problems.length > 0) throw payProblemsError(problems, locale, 'body.definition');
    await tx
      .select({ id: positions.id })
      .from(positions)
      .where(eq(positions.id, before.positionId))
      .for('update');
    const others = await tx
      .select()
      .from(payPlans)
      .where(
        and(
          eq(payPlans.positionId, before.positionId),
          inArray(payPlans.status, ['active', 'retired']),
          ne(payPlans.id, id),
        ),
      );
    const dated = [before, ...others].map((p) => ({
      name: p.name,
      positionCode: 'same',
      effectiveFrom: p.effectiveFrom,
      ...(p.effectiveTo === null ? {} : { effectiveTo: p.effectiveTo }),
    }));
    const overlap = findOverlap(dated);
    if (overlap !== null) {
      const [first, second] = [overlap.first, overlap.second].map((i) => [before, ...others][i]!);
      const other = first!.id === id ? second! : first!;
      const params = {
        plan: before.name,
        from: before.effectiveFrom,
        to: endText(before.effectiveTo, locale),
        other: `${other.name} (#${other.id})`,
        otherFrom: other.effectiveFrom,
        otherTo: endText(other.effectiveTo, locale),
        overlapFrom: overlap.from,
        overlapTo: endText(overlap.to, locale),
      };
      throw new AppError('business_rule', 'pay.planOverlap', params, [
        { path: 'body.definition.effectiveFrom', key: 'pay.planOverlap', params },
      ]);
    }
    const [after] = await tx
      .update(payPlans)
      .set({ status: 'active', version: before.version + 1 })
      .where(and(eq(payPlans.id, id), eq(payPlans.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.payPlan');
    await recordAudit(tx, actor, {
      action: 'activate',
      entity: 'payPlan',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPayPlan(db, actor, id);
}

export async function retirePayPlan(db: Db, actor: Actor, id: number, body: RetirePayPlanBody) {
  const { actingForEmployeeId } = authorize(actor, 'payplan.manage');
  await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, body.version);
    if (before.status !== 'active') {
      throw new AppError('business_rule', 'pay.planNotActive', {
        name: before.name,
        status: `pay.status.${before.status}`,
      });
    }
    if (body.effectiveTo < before.effectiveFrom) {
      throw fieldError('body.effectiveTo', 'pay.retireBeforeStart', { start: before.effectiveFrom });
    }
    // A retired plan keeps paying the months up to its last day and none after (a later version takes over).
    const effectiveTo =
      before.effectiveTo !== null && before.effectiveTo < body.effectiveTo
        ? before.effectiveTo
        : body.effectiveTo;
    const [after] = await tx
      .update(payPlans)
      .set({
        status: 'retired',
        effectiveTo,
        definition: { ...(before.definition as PayPlan), effectiveTo },
        version: before.version + 1,
      })
      .where(and(eq(payPlans.id, id), eq(payPlans.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.payPlan');
    await recordAudit(tx, actor, {
      action: 'retire',
      entity: 'payPlan',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPayPlan(db, actor, id);
}

export interface PlanVersion {
  id: number;
  positionId: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  definition: PayPlan;
}

/** Active and retired plans of the company (for `positionIds`), the versions a pay run chooses from. */
export async function loadPlansInForce(
  tx: Executor,
  companyId: number,
  positionIds: readonly number[] | null,
): Promise<PlanVersion[]> {
  if (positionIds !== null && positionIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(payPlans)
    .where(
      and(
        eq(payPlans.companyId, companyId),
        inArray(payPlans.status, ['active', 'retired']),
        positionIds === null ? undefined : inArray(payPlans.positionId, [...positionIds]),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    positionId: r.positionId,
    name: r.name,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    definition: r.definition as PayPlan,
  }));
}

/**
 * The plan that pays a position for a month: the version in effect on the month's last day (pay is worked
 * out at month end, so a version starting mid-month pays that whole month).
 */
export function choosePlan(plans: readonly PlanVersion[], positionId: number, monthEnd: string) {
  return plans.find(
    (p) =>
      p.positionId === positionId &&
      p.effectiveFrom <= monthEnd &&
      (p.effectiveTo === null || monthEnd <= p.effectiveTo),
  );
}
