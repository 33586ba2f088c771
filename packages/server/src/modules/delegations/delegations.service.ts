import { and, desc, eq, isNull, or, gte, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CreateDelegationBody, Delegation } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { employees } from '../org/org.table.ts';
import { delegations } from './delegation.table.ts';

const fromE = alias(employees, 'from_e');
const toE = alias(employees, 'to_e');

function select(db: Executor, today: string) {
  return db
    .select({
      d: delegations,
      fromName: fromE.name,
      toName: toE.name,
      inForce: and(
        isNull(delegations.revokedAt),
        lte(delegations.startDate, today),
        gte(delegations.endDate, today),
      )!.mapWith(Boolean),
    })
    .from(delegations)
    .innerJoin(fromE, eq(fromE.id, delegations.fromEmployeeId))
    .innerJoin(toE, eq(toE.id, delegations.toEmployeeId));
}

function present(r: {
  d: typeof delegations.$inferSelect;
  fromName: string;
  toName: string;
  inForce: boolean;
}): Delegation {
  return {
    id: r.d.id,
    fromEmployeeId: r.d.fromEmployeeId,
    fromEmployeeName: r.fromName,
    toEmployeeId: r.d.toEmployeeId,
    toEmployeeName: r.toName,
    startDate: r.d.startDate,
    endDate: r.d.endDate,
    reason: r.d.reason,
    revokedAt: r.d.revokedAt?.toISOString() ?? null,
    inForce: Boolean(r.inForce),
  };
}

/** Both sides see a delegation (ARCHITECTURE: recorded and visible to both); admins see all. */
export async function listDelegations(db: Db, actor: Actor): Promise<Delegation[]> {
  const mine =
    actor.employeeId === null
      ? undefined
      : or(eq(delegations.fromEmployeeId, actor.employeeId), eq(delegations.toEmployeeId, actor.employeeId));
  const rows = await select(db, actor.today)
    .where(
      and(
        eq(delegations.companyId, actor.companyId),
        actor.isAdmin ? undefined : (mine ?? eq(delegations.id, -1)),
      ),
    )
    .orderBy(desc(delegations.startDate), desc(delegations.id));
  return rows.map(present);
}

async function loadOne(db: Executor, actor: Actor, id: number) {
  const [row] = await select(db, actor.today).where(
    and(eq(delegations.id, id), eq(delegations.companyId, actor.companyId)),
  );
  const visible =
    row &&
    (actor.isAdmin || row.d.fromEmployeeId === actor.employeeId || row.d.toEmployeeId === actor.employeeId);
  if (!row || !visible) throw notFound('entity.delegation');
  return row;
}

export async function createDelegation(
  db: Db,
  actor: Actor,
  body: CreateDelegationBody,
): Promise<Delegation> {
  const { actingForEmployeeId } = authorize(actor, 'delegation.manage');
  const fromEmployeeId = body.fromEmployeeId ?? actor.employeeId;
  if (fromEmployeeId === null) throw fieldError('body.fromEmployeeId', 'field.required');
  if (fromEmployeeId !== actor.employeeId && !actor.isAdmin)
    throw fieldError('body.fromEmployeeId', 'field.notOwnDelegation');
  if (body.toEmployeeId === fromEmployeeId) throw fieldError('body.toEmployeeId', 'field.selfDelegation');
  if (body.endDate < body.startDate)
    throw fieldError('body.endDate', 'field.dateOrder', { start: body.startDate });
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(
        and(
          eq(employees.companyId, actor.companyId),
          or(eq(employees.id, fromEmployeeId), eq(employees.id, body.toEmployeeId)),
        ),
      );
    if (!found.some((e) => e.id === body.toEmployeeId))
      throw fieldError('body.toEmployeeId', 'field.notInCompany', { entity: 'entity.employee' });
    if (!found.some((e) => e.id === fromEmployeeId))
      throw fieldError('body.fromEmployeeId', 'field.notInCompany', { entity: 'entity.employee' });
    const [row] = await tx
      .insert(delegations)
      .values({
        companyId: actor.companyId,
        fromEmployeeId,
        toEmployeeId: body.toEmployeeId,
        startDate: body.startDate,
        endDate: body.endDate,
        reason: body.reason,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'delegation',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return present(await loadOne(tx, actor, row!.id));
  });
}

export async function revokeDelegation(db: Db, actor: Actor, id: number): Promise<Delegation> {
  return db.transaction(async (tx) => {
    const before = await loadOne(tx, actor, id);
    if (before.d.fromEmployeeId !== actor.employeeId && !actor.isAdmin) {
      throw new AppError('forbidden', 'errors.forbidden', { permission: 'delegation.manage' });
    }
    if (before.d.revokedAt === null) {
      const [after] = await tx
        .update(delegations)
        .set({ revokedAt: new Date() })
        .where(eq(delegations.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'revoke',
        entity: 'delegation',
        entityId: id,
        before: before.d,
        after,
      });
    }
    return present(await loadOne(tx, actor, id));
  });
}
