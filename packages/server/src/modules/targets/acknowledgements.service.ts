import { and, asc, eq, inArray } from 'drizzle-orm';
import { comparePeriods } from '@zuzhang/domain';
import type {
  AcknowledgementStatus,
  LetterQuery,
  Locale,
  MyTargets,
  TargetAcknowledgement,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { users } from '../auth/auth.table.ts';
import { employees } from '../org/org.table.ts';
import { targetAcknowledgements, targetLines, targetPlans } from './targets.table.ts';
import {
  loadChildSums,
  loadCompanyName,
  loadVisiblePlan,
  orderAsTree,
  presentLine,
  presentPlan,
  selectLines,
  selectPlans,
  type PlanRow,
} from './targets.repository.ts';
import { renderLetterHtml, type LetterSnapshot } from './letter-print.ts';
import { COMMITMENT_STATEMENT } from './letter-print.messages.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 下达与承诺: publishing assigns each person their lines; each person sees them (`mine`) and signs the
 * commitment letter (承诺书) of the plan version, once, with the time and the letter as signed. Leads see who
 * in their scope has signed and who has not, and print anyone's letter in their scope.
 */

/** The caller's own targets in published plans, with whether they signed each plan's letter. */
export async function listMyTargets(db: Db, actor: Actor): Promise<MyTargets> {
  authorize(actor, 'target.read');
  if (actor.employeeId === null) return { items: [] };
  const rows = await selectLines(db)
    .innerJoin(targetPlans, eq(targetPlans.id, targetLines.planId))
    .where(
      and(
        eq(targetLines.companyId, actor.companyId),
        eq(targetLines.employeeId, actor.employeeId),
        eq(targetPlans.status, 'published'),
      ),
    )
    .orderBy(asc(targetLines.id));
  const planIds = [...new Set(rows.map((r) => r.l.planId))];
  if (planIds.length === 0) return { items: [] };
  const employeeId = actor.employeeId;
  const [plans, acks, sums, companyName] = await sideBySide(
    db,
    () => selectPlans(db).where(inArray(targetPlans.id, planIds)),
    () =>
      db
        .select({ planId: targetAcknowledgements.planId, signedAt: targetAcknowledgements.signedAt })
        .from(targetAcknowledgements)
        .where(
          and(
            inArray(targetAcknowledgements.planId, planIds),
            eq(targetAcknowledgements.employeeId, employeeId),
          ),
        ),
    () =>
      loadChildSums(
        db,
        rows.map((r) => r.l.id),
      ),
    () => loadCompanyName(db, actor.companyId),
  );
  const signedAt = new Map(acks.map((a) => [a.planId, a.signedAt.toISOString()]));
  const items = plans
    .sort((a, b) => b.p.fiscalYear - a.p.fiscalYear || a.p.metric.localeCompare(b.p.metric))
    .map((p) => ({
      plan: presentPlan(p, actor),
      lines: orderAsTree(rows.filter((r) => r.l.planId === p.p.id)).map((r) =>
        presentLine(r, sums, companyName, actor.today),
      ),
      acknowledgedAt: signedAt.get(p.p.id) ?? null,
    }));
  return { items };
}

function isLetterSnapshot(value: unknown): value is LetterSnapshot {
  const letter = value as Partial<LetterSnapshot> | null | undefined;
  return Array.isArray(letter?.lines) && typeof letter.statement === 'string';
}

/** The 承诺书 as it reads now: the person's lines in a plan in period order (null when they have none). */
export async function buildLetter(
  db: Executor,
  plan: PlanRow,
  employeeId: number,
): Promise<LetterSnapshot | null> {
  const rows = await selectLines(db).where(
    and(eq(targetLines.planId, plan.id), eq(targetLines.employeeId, employeeId)),
  );
  if (rows.length === 0) return null;
  const [companyName, [person]] = await sideBySide(
    db,
    () => loadCompanyName(db, plan.companyId),
    () => db.select({ name: employees.name }).from(employees).where(eq(employees.id, employeeId)),
  );
  const lines = rows
    .sort(
      (a, b) =>
        comparePeriods(a.l.period, b.l.period) || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN'),
    )
    .map((r) => ({
      period: r.l.period,
      teamName: r.unitName,
      target: r.l.target,
      stretch: r.l.stretch,
      challenge: r.l.challenge,
    }));
  return {
    companyName,
    planName: plan.name,
    fiscalYear: plan.fiscalYear,
    metric: plan.metric,
    category: plan.category,
    versionNo: plan.versionNo,
    employeeName: person?.name ?? '',
    lines,
    statement: COMMITMENT_STATEMENT,
  };
}

export async function acknowledgePlan(db: Db, actor: Actor, id: number): Promise<TargetAcknowledgement> {
  authorize(actor, 'target.read');
  return db.transaction(async (tx) => {
    const plan = await loadVisiblePlan(tx, actor, id);
    // Only the version in force is signed: a draft is not assigned, a superseded one no longer holds.
    if (plan.status !== 'published') {
      const params = { status: `targets.status.${plan.status}`, action: 'targets.action.acknowledge' };
      throw new AppError('business_rule', 'targets.wrongStatus', params, [
        { path: 'params.id', key: 'targets.wrongStatus', params },
      ]);
    }
    const letter = actor.employeeId === null ? null : await buildLetter(tx, plan, actor.employeeId);
    if (!letter) {
      throw new AppError('business_rule', 'targets.noLinesToSign', {}, [
        { path: 'params.id', key: 'targets.noLinesToSign' },
      ]);
    }
    const [existing] = await tx
      .select({ signedAt: targetAcknowledgements.signedAt })
      .from(targetAcknowledgements)
      .where(
        and(eq(targetAcknowledgements.planId, id), eq(targetAcknowledgements.employeeId, actor.employeeId!)),
      );
    if (existing) {
      const params = { signedAt: existing.signedAt.toISOString() };
      throw new AppError('conflict', 'targets.alreadySigned', params, [
        { path: 'params.id', key: 'targets.alreadySigned', params },
      ]);
    }
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(targetAcknowledgements)
          .values({
            companyId: actor.companyId,
            planId: id,
            employeeId: actor.employeeId!,
            signedByUserId: actor.userId,
            letter,
          })
          .returning(),
      { path: 'params.id', label: 'entity.targetLetter', value: letter.employeeName },
    );
    await recordAudit(tx, actor, {
      action: 'acknowledge',
      entity: 'targetPlan',
      entityId: id,
      after: row,
    });
    return {
      planId: id,
      employeeId: row!.employeeId,
      employeeName: letter.employeeName,
      signedAt: row!.signedAt.toISOString(),
      signedBy: actor.username,
    };
  });
}

/** Who with targets in the plan (and in the caller's scope) has signed, and who has not. */
export async function listAcknowledgements(db: Db, actor: Actor, id: number): Promise<AcknowledgementStatus> {
  authorize(actor, 'target.read');
  await loadVisiblePlan(db, actor, id);
  const rows = await selectLines(db).where(
    and(
      eq(targetLines.planId, id),
      eq(targetLines.ownerKind, 'employee'),
      inScope.employee(actor, targetLines.employeeId),
    ),
  );
  const teamsOf = new Map<number, Set<string>>();
  const byPerson = new Map<number, string>();
  for (const r of rows) {
    byPerson.set(r.l.employeeId!, r.employeeName ?? '');
    const set = teamsOf.get(r.l.employeeId!) ?? new Set<string>();
    if (r.unitName) set.add(r.unitName);
    teamsOf.set(r.l.employeeId!, set);
  }
  const acks = await db
    .select({
      employeeId: targetAcknowledgements.employeeId,
      signedAt: targetAcknowledgements.signedAt,
      signedBy: users.username,
    })
    .from(targetAcknowledgements)
    .leftJoin(users, eq(users.id, targetAcknowledgements.signedByUserId))
    .where(eq(targetAcknowledgements.planId, id));
  const ackOf = new Map(acks.map((a) => [a.employeeId, a]));
  const list = [...byPerson.entries()]
    .map(([employeeId, employeeName]) => {
      const ack = ackOf.get(employeeId);
      return {
        employeeId,
        employeeName,
        unitNames: [...(teamsOf.get(employeeId) ?? [])].sort(),
        signedAt: ack ? ack.signedAt.toISOString() : null,
        signedBy: ack?.signedBy ?? null,
      };
    })
    .sort((a, b) => a.employeeName.localeCompare(b.employeeName, 'zh-CN') || a.employeeId - b.employeeId);
  return {
    planId: id,
    signed: list.filter((p) => p.signedAt !== null).length,
    total: list.length,
    people: list,
  };
}

/**
 * The printable letter of a person (default: the caller) in a plan: as signed when signed (the stored
 * letter), else as the plan stands. A person outside the caller's scope, or without targets in the plan,
 * has no letter to show (404).
 */
export async function renderLetter(
  db: Db,
  actor: Actor,
  id: number,
  query: LetterQuery,
  locale: Locale,
): Promise<string> {
  authorize(actor, 'target.read');
  const plan = await loadVisiblePlan(db, actor, id);
  const employeeId = query.employeeId ?? actor.employeeId;
  if (employeeId === null) throw fieldError('query.employeeId', 'field.required');
  if (!isInScope.employee(actor, employeeId)) throw notFound('entity.targetLetter');
  const [ack] = await db
    .select()
    .from(targetAcknowledgements)
    .where(
      and(
        eq(targetAcknowledgements.planId, id),
        eq(targetAcknowledgements.employeeId, employeeId),
        eq(targetAcknowledgements.companyId, actor.companyId),
      ),
    );
  // The letter as signed; a signature stored without the full letter (an import, older demo data) shows
  // the plan's lines, which a published version never changes.
  const letter = isLetterSnapshot(ack?.letter) ? ack.letter : await buildLetter(db, plan, employeeId);
  if (!letter) throw notFound('entity.targetLetter');
  return renderLetterHtml(
    letter,
    ack ? { at: ack.signedAt.toISOString(), timezone: actor.timezone } : null,
    locale,
  );
}
