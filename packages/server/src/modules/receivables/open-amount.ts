import { getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/db.ts';
import { orders } from '../orders/orders.table.ts';

export interface OrderBalance {
  orderId: number;
  totalFen: number;
  returnedFen: number;
  allocatedFen: number;
  writtenOffFen: number;
  /** What the customer still owes on the order: total − returns − money allocated − approved write-offs. */
  openFen: number;
}

/**
 * The parts of an order's balance as SQL over `orders`, optionally as of a day (documents dated on or before
 * it): returns by return date, allocations by allocation date, approved write-offs by write-off date. The one
 * definition, used by `loadOrderBalances` for a few orders and by reports (ageing, overdue) over many.
 */
/**
 * A column always written with its table ("orders"."id"). Drizzle leaves a column unqualified when it is a
 * top-level select field of a one-table query, and inside a correlated subquery an unqualified "id" would
 * mean the subquery's own table.
 */
export function qualified(column: PgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

export function orderBalanceParts(asOf?: string) {
  const orderId = qualified(orders.id);
  const returnsUpTo = asOf ? sql` and r.return_date <= ${asOf}` : sql``;
  const allocationsUpTo = asOf ? sql` and a.allocated_on <= ${asOf}` : sql``;
  const writeOffsUpTo = asOf ? sql` and w.written_off_on <= ${asOf}` : sql``;
  const returnedFen = sql<number>`coalesce((select sum(r.amount_fen) from sales_returns r where r.order_id = ${orderId}${returnsUpTo}), 0)::bigint`;
  const allocatedFen = sql<number>`coalesce((select sum(a.amount_fen) from receipt_allocations a where a.order_id = ${orderId}${allocationsUpTo}), 0)::bigint`;
  const writtenOffFen = sql<number>`coalesce((select sum(w.amount_fen) from write_offs w where w.order_id = ${orderId} and w.status = 'approved'${writeOffsUpTo}), 0)::bigint`;
  const openFen: SQL<number> = sql<number>`(${qualified(orders.totalFen)} - ${returnedFen} - ${allocatedFen} - ${writtenOffFen})::bigint`;
  return { returnedFen, allocatedFen, writtenOffFen, openFen };
}

/**
 * Orders that are owed money (应收): confirmed and later, not drafts, orders awaiting a discount approval or
 * cancelled ones. Only these take receipts, age, get written off and appear on statements.
 */
export const RECEIVABLE_ORDER_STATUSES = ['confirmed', 'partially_shipped', 'shipped', 'completed'] as const;

/**
 * The one definition of an order's open amount (应收余额), used by receipts, ageing, write-offs,
 * statements and the order pages alike.
 */
export async function loadOrderBalances(
  db: Executor,
  orderIds: number[],
  options: { asOf?: string } = {},
): Promise<Map<number, OrderBalance>> {
  const out = new Map<number, OrderBalance>();
  if (orderIds.length === 0) return out;
  const parts = orderBalanceParts(options.asOf);
  const rows = await db
    .select({
      orderId: orders.id,
      totalFen: orders.totalFen,
      returnedFen: parts.returnedFen.mapWith(Number),
      allocatedFen: parts.allocatedFen.mapWith(Number),
      writtenOffFen: parts.writtenOffFen.mapWith(Number),
    })
    .from(orders)
    .where(inArray(orders.id, orderIds));
  for (const r of rows) {
    out.set(r.orderId, { ...r, openFen: r.totalFen - r.returnedFen - r.allocatedFen - r.writtenOffFen });
  }
  return out;
}
