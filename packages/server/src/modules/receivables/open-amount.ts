import { eq, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/db.ts';
import { orders, salesReturns } from '../orders/orders.table.ts';
import { receiptAllocations, writeOffs } from './receivables.table.ts';

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
 * A column always written with its table ("orders"."id"). Drizzle leaves a column unqualified when it is a
 * top-level select field of a one-table query, and inside a correlated subquery an unqualified "id" would
 * mean the subquery's own table.
 */
export function qualified(column: PgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/**
 * Orders that are owed money (应收): confirmed and later, not drafts, orders awaiting a discount approval or
 * cancelled ones. Only these take receipts, age, get written off and appear on statements.
 */
export const RECEIVABLE_ORDER_STATUSES = ['confirmed', 'partially_shipped', 'shipped', 'completed'] as const;

/**
 * What settles part of an order, one row per document: money allocated from receipts ('allocation', dated
 * by its allocation date), returns and credit notes ('return', by return date) and bad-debt write-offs
 * ('write_off', by write-off date; only approved ones count). Columns: order_id, kind, amount_fen, dated_on,
 * counts. The branches carry no WHERE of their own: PostgreSQL then treats the union as one relation and
 * pushes the join on order_id and the conditions on `counts` and `dated_on` into each table (index look-ups
 * for a few orders, one scan each for a report), which it cannot do through a branch with a WHERE.
 */
const ORDER_SETTLEMENTS = sql`select ${receiptAllocations.orderId} as order_id, 'allocation' as kind,
      ${receiptAllocations.amountFen} as amount_fen, ${receiptAllocations.allocatedOn} as dated_on, true as counts
    from ${receiptAllocations}
    union all select ${salesReturns.orderId}, 'return', ${salesReturns.amountFen}, ${salesReturns.returnDate}, true
    from ${salesReturns}
    union all select ${writeOffs.orderId}, 'write_off', ${writeOffs.amountFen}, ${writeOffs.writtenOffOn},
      ${writeOffs.status} = 'approved'
    from ${writeOffs}`;

/**
 * The one definition of an order's open amount (应收余额), as SQL: one row per order matching `where`
 * (conditions on `orders`), with its settled parts and its open amount, optionally as of a day. Every
 * settlement is summed once per order (a join and `group by`, no subquery per order), so the same statement
 * serves a handful of orders (index look-ups) and a report over a whole team (one pass over each table).
 * Columns: order_id, order_no, customer_id, owner_employee_id, unit_id, order_date, due_on, total_fen,
 * returned_fen, allocated_fen, written_off_fen, open_fen; due_on is the order date when the order has no due
 * date (it is due when it was taken). Columns a caller does not read cost nothing (the planner drops them).
 */
export function orderBalancesSql(where: SQL, asOf?: string): SQL {
  // As of a day: only documents dated on or before it (an ageing as of a past day does not see later ones).
  const upTo = asOf === undefined ? sql`` : sql` and m.dated_on <= ${asOf}`;
  const settled = (kind: 'allocation' | 'return' | 'write_off') =>
    sql`coalesce(sum(m.amount_fen) filter (where m.kind = ${sql.raw(`'${kind}'`)}), 0)::bigint`;
  return sql`select ${orders.id} as order_id, ${orders.no} as order_no, ${orders.customerId} as customer_id,
      ${orders.ownerEmployeeId} as owner_employee_id, ${orders.unitId} as unit_id, ${orders.orderDate} as order_date,
      coalesce(${orders.dueOn}, ${orders.orderDate}) as due_on,
      ${orders.totalFen} as total_fen,
      ${settled('return')} as returned_fen,
      ${settled('allocation')} as allocated_fen,
      ${settled('write_off')} as written_off_fen,
      (${orders.totalFen} - coalesce(sum(m.amount_fen), 0))::bigint as open_fen
    from ${orders} left join (${ORDER_SETTLEMENTS}) m on m.order_id = ${orders.id} and m.counts${upTo}
    where ${where}
    group by ${orders.id}`;
}

/**
 * The open amount of a few orders (应收余额), used by receipts, write-offs, collection plans and the order
 * pages alike; reports read the same definition over many orders through `orderBalancesSql`.
 */
export async function loadOrderBalances(
  db: Executor,
  orderIds: number[],
  options: { asOf?: string } = {},
): Promise<Map<number, OrderBalance>> {
  const out = new Map<number, OrderBalance>();
  if (orderIds.length === 0) return out;
  const result = await db.execute(orderBalancesSql(inArray(orders.id, orderIds), options.asOf));
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  for (const r of rows) {
    const balance: OrderBalance = {
      orderId: Number(r.order_id),
      totalFen: Number(r.total_fen),
      returnedFen: Number(r.returned_fen),
      allocatedFen: Number(r.allocated_fen),
      writtenOffFen: Number(r.written_off_fen),
      openFen: Number(r.open_fen),
    };
    out.set(balance.orderId, balance);
  }
  return out;
}

/**
 * Brings `orders.open_fen` up to date for these orders (or every order of a company, after a bulk load):
 * called in the same transaction as every write that changes what an order is owed (its total, returns,
 * allocations, approved write-offs), after the write. The stored figure is today's open amount (no document
 * may be dated after today); reports as of a past day still read `orderBalancesSql`.
 */
export async function refreshOpenAmounts(
  tx: Executor,
  which: number[] | { companyId: number },
): Promise<void> {
  if (Array.isArray(which) && which.length === 0) return;
  const where = Array.isArray(which)
    ? inArray(orders.id, [...new Set(which)])
    : eq(orders.companyId, which.companyId);
  await tx.execute(sql`update ${orders} set open_fen = b.open_fen from (${orderBalancesSql(where)}) b
    where ${qualified(orders.id)} = b.order_id and ${qualified(orders.openFen)} <> b.open_fen`);
}

/** Orders whose stored open amount differs from the one definition (none, unless a write path forgot). */
export async function staleOpenAmounts(db: Executor, companyId: number): Promise<number[]> {
  const result =
    await db.execute(sql`select b.order_id from (${orderBalancesSql(eq(orders.companyId, companyId))}) b
    join ${orders} o on o.id = b.order_id where o.open_fen <> b.open_fen order by b.order_id`);
  return (result as unknown as { rows: { order_id: number }[] }).rows.map((r) => Number(r.order_id));
}
