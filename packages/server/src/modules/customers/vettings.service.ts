import { and, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CreateVettingBody, DecideVettingBody, Vetting, VettingListQuery } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customerVettings, customers } from './customers.table.ts';
import { loadCustomerInScope } from './customers.service.ts';

/*
 * 新客户签约前的拜访及考核: before the first contract the rep visits the new customer and assesses its credit;
 * the manager approves or rejects. Contracts check the result (assertCustomerVetted).
 */

const requesters = alias(users, 'requester');
const deciders = alias(users, 'decider');

const vettingColumns = {
  v: customerVettings,
  customerName: customers.name,
  ownerEmployeeId: customers.ownerEmployeeId,
  ownerName: employees.name,
  requestedByUsername: requesters.username,
  decidedByUsername: deciders.username,
};

function selectVettings(db: Executor) {
  return db
    .select(vettingColumns)
    .from(customerVettings)
    .innerJoin(customers, eq(customers.id, customerVettings.customerId))
    .leftJoin(employees, eq(employees.id, customers.ownerEmployeeId))
    .leftJoin(requesters, eq(requesters.id, customerVettings.requestedByUserId))
    .leftJoin(deciders, eq(deciders.id, customerVettings.decidedByUserId));
}

type VettingRow = Awaited<ReturnType<ReturnType<typeof selectVettings>['execute']>>[number];

function presentVetting(r: VettingRow): Vetting {
  return {
    id: r.v.id,
    customerId: r.v.customerId,
    customerName: r.customerName,
    ownerEmployeeId: r.ownerEmployeeId,
    ownerName: r.ownerName,
    visitNotes: r.v.visitNotes,
    creditAssessment: r.v.creditAssessment,
    creditLimitFen: r.v.creditLimitFen,
    status: r.v.status as Vetting['status'],
    requestedByUserId: r.v.requestedByUserId,
    requestedByUsername: r.requestedByUsername,
    decidedByUserId: r.v.decidedByUserId,
    decidedByUsername: r.decidedByUsername,
    decidedAt: r.v.decidedAt ? r.v.decidedAt.toISOString() : null,
    decisionNote: r.v.decisionNote,
    createdAt: r.v.createdAt.toISOString(),
    version: r.v.version,
  };
}

/** Vettings on customers whose owner is in scope (records hanging off a customer). */
function vettingInScope(actor: Actor) {
  return and(
    eq(customerVettings.companyId, actor.companyId),
    inScope.customer(actor, customerVettings.customerId),
  );
}

async function loadVetting(db: Executor, actor: Actor, id: number): Promise<Vetting> {
  const [row] = await selectVettings(db).where(and(eq(customerVettings.id, id), vettingInScope(actor)));
  if (!row) throw notFound('entity.vetting');
  return presentVetting(row);
}

export async function getVetting(db: Db, actor: Actor, id: number): Promise<Vetting> {
  authorize(actor, 'customer.read');
  return loadVetting(db, actor, id);
}

export async function listVettings(db: Db, actor: Actor, query: VettingListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    vettingInScope(actor),
    query.status ? eq(customerVettings.status, query.status) : undefined,
    query.customerId ? eq(customerVettings.customerId, query.customerId) : undefined,
  );
  const order = orderByOf(
    query,
    { createdAt: customerVettings.createdAt, customerName: customers.name, status: customerVettings.status },
    'createdAt',
    customerVettings.id,
  );
  return pageOf(
    db,
    query,
    selectVettings(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(customerVettings).where(where),
    (rows) => rows.map(presentVetting),
  );
}

/** The rep submits the visit and credit assessment; the customer waits for the manager (pending). */
export async function requestVetting(
  db: Db,
  actor: Actor,
  customerId: number,
  body: CreateVettingBody,
): Promise<Vetting> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    const customer = await loadCustomerInScope(tx, actor, customerId, { forUpdate: true });
    if (customer.vettingStatus === 'pending') throw new AppError('business_rule', 'customers.vettingPending');
    if (customer.vettingStatus === 'approved') throw new AppError('business_rule', 'customers.alreadyVetted');
    const [row] = await tx
      .insert(customerVettings)
      .values({ companyId: actor.companyId, customerId, ...body, requestedByUserId: actor.userId })
      .returning();
    await tx.update(customers).set({ vettingStatus: 'pending' }).where(eq(customers.id, customerId));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'customer_vetting',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return loadVetting(tx, actor, row!.id);
  });
}

/**
 * The manager decides (核决权限: customer.vet, with the customer in their scope). Nobody approves their own
 * request, except the company admin who sets things up.
 */
export async function decideVetting(
  db: Db,
  actor: Actor,
  id: number,
  body: DecideVettingBody,
): Promise<Vetting> {
  const { actingForEmployeeId } = authorize(actor, 'customer.vet');
  return db.transaction(async (tx) => {
    const current = await loadVetting(tx, actor, id);
    const [before] = await tx
      .select()
      .from(customerVettings)
      .where(eq(customerVettings.id, id))
      .for('update');
    if (before!.version !== body.version) throw staleVersion('entity.vetting');
    if (before!.status !== 'pending') {
      throw new AppError('business_rule', 'customers.vettingNotPending', {
        status: `vettingStatus.${before!.status}`,
      });
    }
    if (before!.requestedByUserId === actor.userId && !actor.isAdmin) {
      throw new AppError('forbidden', 'customers.vettingOwnRequest');
    }
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const [after] = await tx
      .update(customerVettings)
      .set({
        status,
        decidedByUserId: actor.userId,
        decidedAt: new Date(),
        decisionNote: body.note,
        version: body.version + 1,
      })
      .where(and(eq(customerVettings.id, id), eq(customerVettings.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.vetting');
    await tx.update(customers).set({ vettingStatus: status }).where(eq(customers.id, current.customerId));
    await recordAudit(tx, actor, {
      action: body.decision,
      entity: 'customer_vetting',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return loadVetting(tx, actor, id);
  });
}
