import { and, count, eq, ilike, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { poolReturnCutoff } from '@zuzhang/domain';
import type {
  CustomerCategory,
  CustomerDetail,
  CustomerKind,
  PoolCustomer,
  PoolListQuery,
  PoolReturnResult,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { orders } from '../orders/orders.table.ts';
import { customerOwnershipLog, customers } from './customers.table.ts';
import { changeOwner, getCustomer } from './customers.service.ts';
import { loadCustomerSettings } from './customer-settings.service.ts';

/**
 * 公海: customers nobody owns. Anyone who may claim sees the pool, but only what helps choose (name,
 * category, level, region, industry, since when): not the history others wrote on it.
 */
export async function listPool(db: Db, actor: Actor, query: PoolListQuery) {
  authorize(actor, 'customer.claim');
  const where = and(
    eq(customers.companyId, actor.companyId),
    isNull(customers.ownerEmployeeId),
    query.q ? ilike(customers.name, likePattern(query.q)) : undefined,
    query.category ? eq(customers.category, query.category) : undefined,
    query.level ? eq(customers.level, query.level) : undefined,
    query.region ? eq(customers.region, query.region) : undefined,
    query.industry ? eq(customers.industry, query.industry) : undefined,
  );
  const order = orderByOf(
    query,
    { name: customers.name, level: customers.level, pooledAt: customers.pooledAt },
    'name',
    customers.id,
  );
  return pageOf(
    db,
    query,
    db
      .select({
        id: customers.id,
        name: customers.name,
        kind: customers.kind,
        category: customers.category,
        level: customers.level,
        region: customers.region,
        industry: customers.industry,
        pooledAt: customers.pooledAt,
      })
      .from(customers)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(customers).where(where),
    (rows) =>
      rows.map((r): PoolCustomer => ({
        id: r.id,
        name: r.name,
        kind: r.kind as CustomerKind,
        category: r.category as CustomerCategory,
        level: r.level,
        region: r.region,
        industry: r.industry,
        pooledSince: r.pooledAt ? r.pooledAt.toISOString() : null,
      })),
  );
}

/**
 * A rep claims a pool customer, within the company's cap on customers per rep. Two reps claiming the same
 * customer at once: the update only takes an unowned row, so exactly one wins and the other gets 409.
 */
export async function claimCustomer(db: Db, actor: Actor, id: number): Promise<CustomerDetail> {
  const { actingForEmployeeId } = authorize(actor, 'customer.claim');
  const employeeId = actor.employeeId;
  if (employeeId === null) throw new AppError('business_rule', 'customers.claimNeedsEmployee');
  return db.transaction(async (tx) => {
    // One claim at a time per rep, so two parallel claims cannot both slip under the cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('zuzhang.customers.claim'), ${employeeId})`);
    const { claimCapPerRep } = await loadCustomerSettings(tx, actor.companyId);
    const [owned] = await tx
      .select({ n: count() })
      .from(customers)
      .where(and(eq(customers.companyId, actor.companyId), eq(customers.ownerEmployeeId, employeeId)));
    if (Number(owned!.n) >= claimCapPerRep) {
      throw new AppError('business_rule', 'customers.claimCapReached', { cap: claimCapPerRep });
    }
    const [before] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.id, id), eq(customers.companyId, actor.companyId)));
    if (!before) throw notFound('entity.customer');
    if (before.ownerEmployeeId !== null) throw new AppError('conflict', 'customers.alreadyClaimed');
    // Conditional on the row still being unowned: the loser of a race gets 409 (changeOwner).
    await changeOwner(tx, actor, before, employeeId, 'claim', actingForEmployeeId, before.version);
    return getCustomer(tx, actor, id);
  });
}

/**
 * 公海 rule, for the scheduler and the manual run: every owned customer with no follow-up and no order
 * for the company's poolReturnDays (last activity before today − N, and no order since) goes back to the
 * pool, logged with reason pool_return. One transaction; returns the customers moved.
 */
export async function returnIdleCustomers(
  db: Db,
  companyId: number,
  today: string,
  by: { userId: number; username: string } | null = null,
): Promise<PoolReturnResult> {
  return db.transaction(async (tx) => {
    const { poolReturnDays } = await loadCustomerSettings(tx, companyId);
    const cutoff = poolReturnCutoff(today, poolReturnDays);
    const idle = await tx
      .select({ id: customers.id, ownerEmployeeId: customers.ownerEmployeeId, version: customers.version })
      .from(customers)
      .where(
        and(
          eq(customers.companyId, companyId),
          isNotNull(customers.ownerEmployeeId),
          lt(customers.lastActivityOn, cutoff),
          // Orders bump lastActivityOn; this also covers an order written without it.
          sql`not exists (select 1 from ${orders} where ${orders.customerId} = ${customers.id} and ${orders.orderDate} >= ${cutoff})`,
        ),
      )
      .for('update');
    if (idle.length === 0) return { cutoff, returned: 0, customerIds: [] };
    const ids = idle.map((c) => c.id);
    const now = new Date();
    await tx
      .update(customers)
      .set({ ownerEmployeeId: null, pooledAt: now, version: sql`${customers.version} + 1` })
      .where(inArray(customers.id, ids));
    await tx.insert(customerOwnershipLog).values(
      idle.map((c) => ({
        companyId,
        customerId: c.id,
        fromEmployeeId: c.ownerEmployeeId,
        toEmployeeId: null,
        reason: 'pool_return',
        at: now,
        byUserId: by?.userId ?? null,
      })),
    );
    // Written directly rather than through recordAudit: the scheduler runs as nobody (actor "system").
    await tx.insert(auditLog).values(
      idle.map((c) => ({
        companyId,
        actorUserId: by?.userId ?? null,
        actorName: by?.username ?? 'system',
        action: 'pool_return',
        entity: 'customer',
        entityId: String(c.id),
        before: { ownerEmployeeId: c.ownerEmployeeId, version: c.version },
        after: { ownerEmployeeId: null, version: c.version + 1, cutoff },
      })),
    );
    return { cutoff, returned: ids.length, customerIds: ids };
  });
}

/** Run the pool rule now (customer.vet: managers and executives; the admin holds every right). */
export async function runPoolReturn(db: Db, actor: Actor): Promise<PoolReturnResult> {
  authorize(actor, 'customer.vet');
  return returnIdleCustomers(db, actor.companyId, actor.today, {
    userId: actor.userId,
    username: actor.username,
  });
}
