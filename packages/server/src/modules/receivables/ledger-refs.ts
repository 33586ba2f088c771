import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/db.ts';
import { inScope, type Actor } from '../../platform/access/actor.ts';
import { fieldError } from '../../platform/errors/app-error.ts';
import { customers } from '../customers/customers.table.ts';
import { orders } from '../orders/orders.table.ts';
import { RECEIVABLE_ORDER_STATUSES } from './open-amount.ts';

/**
 * Look-ups shared by money in (receipts, write-offs, plans), invoices and statements. Every one applies the
 * caller's data scope: a customer is visible when its owner is in scope (platform/access), and what is not
 * visible is not found.
 */

export interface CustomerRef {
  id: number;
  name: string;
  ownerEmployeeId: number | null;
}

export async function findCustomerInScope(
  db: Executor,
  actor: Actor,
  customerId: number,
): Promise<CustomerRef | null> {
  const [row] = await db
    .select({ id: customers.id, name: customers.name, ownerEmployeeId: customers.ownerEmployeeId })
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        eq(customers.companyId, actor.companyId),
        inScope.employee(actor, customers.ownerEmployeeId),
      ),
    );
  return row ?? null;
}

/** A customer named in a request body: outside the caller's scope it "does not exist" (400 on the field). */
export async function requireCustomerInScope(
  db: Executor,
  actor: Actor,
  customerId: number,
  path: string,
): Promise<CustomerRef> {
  const customer = await findCustomerInScope(db, actor, customerId);
  if (!customer) throw fieldError(path, 'field.notInCompany', { entity: 'money.customer' });
  return customer;
}

/** SQL: the order is owed money (confirmed and later; not draft, awaiting approval or cancelled). */
export function isReceivableOrder() {
  return inArray(orders.status, [...RECEIVABLE_ORDER_STATUSES]);
}

export interface LockedOrder {
  id: number;
  no: string;
  customerId: number;
  dueOn: string;
}

/**
 * Lock orders of one customer (FOR UPDATE, in id order so two writers never deadlock) before reading their
 * open amounts: two receipts, a write-off and a receipt, or two invoices on the same order then run one
 * after the other, and the second sees what the first wrote. Without `ids`, every receivable order of the
 * customer is locked (automatic allocation needs them all).
 */
export async function lockCustomerOrders(
  tx: Executor,
  companyId: number,
  customerId: number,
  ids?: number[],
): Promise<LockedOrder[]> {
  if (ids && ids.length === 0) return [];
  return tx
    .select({
      id: orders.id,
      no: orders.no,
      customerId: orders.customerId,
      // An order without a due date is due when it was taken.
      dueOn: sql<string>`coalesce(${orders.dueOn}, ${orders.orderDate})::text`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.companyId, companyId),
        eq(orders.customerId, customerId),
        isReceivableOrder(),
        ids ? inArray(orders.id, ids) : undefined,
      ),
    )
    .orderBy(asc(orders.id))
    .for('update');
}

export function isoOrNull(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
