import { and, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  CreateWriteOffBody,
  DecideWriteOffBody,
  WriteOff,
  WriteOffListQuery,
} from '@zuzhang/api-schema';
import { formatYuan } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { orders } from '../orders/orders.table.ts';
import { assertMonthOpen } from '../statements/month-lock.ts';
import { writeOffs } from './receivables.table.ts';
import { loadOrderBalances, refreshOpenAmounts } from './open-amount.ts';
import { isoOrNull, lockCustomerOrders } from './ledger-refs.ts';

/**
 * 坏账核销: the owner asks to write off what will not be collected on an order (amount ≤ what is open, with
 * a reason); a manager with writeoff.approve (核决权限), not the requester themself unless an admin, approves or
 * rejects it. An approved write-off reduces the order's open amount on the day it is approved.
 */

const requesters = alias(users, 'requester');
const deciders = alias(users, 'decider');

function selectWriteOffs(db: Executor) {
  return db
    .select({
      w: writeOffs,
      customerName: customers.name,
      orderNo: orders.no,
      requestedBy: requesters.username,
      decidedBy: deciders.username,
    })
    .from(writeOffs)
    .innerJoin(customers, eq(customers.id, writeOffs.customerId))
    .innerJoin(orders, eq(orders.id, writeOffs.orderId))
    .leftJoin(requesters, eq(requesters.id, writeOffs.requestedByUserId))
    .leftJoin(deciders, eq(deciders.id, writeOffs.decidedByUserId));
}

type WriteOffRow = Awaited<ReturnType<ReturnType<typeof selectWriteOffs>['where']>>[number];

function presentWriteOff(r: WriteOffRow): WriteOff {
  return {
    id: r.w.id,
    customerId: r.w.customerId,
    customerName: r.customerName,
    orderId: r.w.orderId,
    orderNo: r.orderNo,
    amountFen: r.w.amountFen,
    reason: r.w.reason,
    status: r.w.status as WriteOff['status'],
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy,
    decidedAt: isoOrNull(r.w.decidedAt),
    decisionNote: r.w.decisionNote,
    writtenOffOn: r.w.writtenOffOn,
    createdAt: isoOrNull(r.w.createdAt)!,
    version: r.w.version,
  };
}

export async function getWriteOff(db: Executor, actor: Actor, id: number): Promise<WriteOff> {
  authorize(actor, 'customer.read');
  const [row] = await selectWriteOffs(db).where(
    and(
      eq(writeOffs.id, id),
      eq(writeOffs.companyId, actor.companyId),
      inScope.customer(actor, writeOffs.customerId),
    ),
  );
  if (!row) throw notFound('entity.writeOff');
  return presentWriteOff(row);
}

export async function listWriteOffs(db: Db, actor: Actor, query: WriteOffListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    eq(writeOffs.companyId, actor.companyId),
    inScope.customer(actor, writeOffs.customerId),
    query.status ? eq(writeOffs.status, query.status) : undefined,
    query.customerId ? eq(writeOffs.customerId, query.customerId) : undefined,
  );
  const order = orderByOf(
    query,
    { createdAt: writeOffs.createdAt, amountFen: writeOffs.amountFen, status: writeOffs.status },
    'createdAt',
    writeOffs.id,
  );
  return pageOf(
    db,
    query,
    selectWriteOffs(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(writeOffs).where(where),
    (rows) => rows.map(presentWriteOff),
  );
}

/** Open on the order less what other pending requests already ask for: what may still be written off. */
async function writableOff(tx: Executor, orderId: number, excludeId?: number): Promise<number> {
  const open = (await loadOrderBalances(tx, [orderId])).get(orderId)?.openFen ?? 0;
  const [pending] = await tx
    .select({ fen: sql<number>`coalesce(sum(${writeOffs.amountFen}), 0)::bigint`.mapWith(Number) })
    .from(writeOffs)
    .where(
      and(
        eq(writeOffs.orderId, orderId),
        eq(writeOffs.status, 'pending'),
        excludeId === undefined ? undefined : sql`${writeOffs.id} <> ${excludeId}`,
      ),
    );
  return open - (pending?.fen ?? 0);
}

export async function requestWriteOff(db: Db, actor: Actor, body: CreateWriteOffBody): Promise<WriteOff> {
  const { actingForEmployeeId } = authorize(actor, 'receipt.manage');
  const id = await db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, customerId: orders.customerId })
      .from(orders)
      .where(
        and(
          eq(orders.id, body.orderId),
          eq(orders.companyId, actor.companyId),
          inScope.customer(actor, orders.customerId),
        ),
      );
    if (!order) throw fieldError('body.orderId', 'field.notInCompany', { entity: 'money.order' });
    const [locked] = await lockCustomerOrders(tx, actor.companyId, order.customerId, [order.id]);
    if (!locked) throw fieldError('body.orderId', 'money.orderNotReceivable');
    const available = await writableOff(tx, order.id);
    if (body.amountFen > available) {
      const params = { open: formatYuan(Math.max(0, available)) };
      throw new AppError('business_rule', 'money.writeOffExceedsOpen', params, [
        { path: 'body.amountFen', key: 'money.writeOffExceedsOpen', params },
      ]);
    }
    const [row] = await tx
      .insert(writeOffs)
      .values({
        companyId: actor.companyId,
        customerId: order.customerId,
        orderId: order.id,
        amountFen: body.amountFen,
        reason: body.reason,
        requestedByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'writeOff',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return row!.id;
  });
  return getWriteOff(db, actor, id);
}

export async function decideWriteOff(
  db: Db,
  actor: Actor,
  id: number,
  body: DecideWriteOffBody,
): Promise<WriteOff> {
  const { actingForEmployeeId } = authorize(actor, 'writeoff.approve');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(writeOffs)
      .where(
        and(
          eq(writeOffs.id, id),
          eq(writeOffs.companyId, actor.companyId),
          inScope.customer(actor, writeOffs.customerId),
        ),
      );
    if (!before) throw notFound('entity.writeOff');
    if (before.version !== body.version) throw staleVersion('entity.writeOff');
    if (before.status !== 'pending') {
      throw new AppError(
        'business_rule',
        'money.wrongStatus',
        { status: `money.status.${before.status}`, action: `money.action.${body.decision}` },
        [
          {
            path: 'params.id',
            key: 'money.wrongStatus',
            params: { status: `money.status.${before.status}`, action: `money.action.${body.decision}` },
          },
        ],
      );
    }
    // 核决权限: whoever asked does not approve their own request (an admin may, for setup and corrections).
    if (before.requestedByUserId === actor.userId && !actor.isAdmin) {
      throw new AppError('forbidden', 'money.writeOffOwnRequest');
    }
    if (body.decision === 'approve') {
      await assertMonthOpen(tx, before.customerId, actor.today);
      await lockCustomerOrders(tx, actor.companyId, before.customerId, [before.orderId]);
      const available = await writableOff(tx, before.orderId, before.id);
      if (before.amountFen > available) {
        const params = { open: formatYuan(Math.max(0, available)) };
        throw new AppError('business_rule', 'money.writeOffExceedsOpen', params, [
          { path: 'params.id', key: 'money.writeOffExceedsOpen', params },
        ]);
      }
    }
    const [after] = await tx
      .update(writeOffs)
      .set({
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        decidedByUserId: actor.userId,
        decidedAt: new Date(),
        decisionNote: body.note,
        writtenOffOn: body.decision === 'approve' ? actor.today : null,
        version: body.version + 1,
      })
      .where(and(eq(writeOffs.id, id), eq(writeOffs.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.writeOff');
    await refreshOpenAmounts(tx, [after.orderId]);
    await recordAudit(tx, actor, {
      action: body.decision,
      entity: 'writeOff',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getWriteOff(db, actor, id);
}
