import { inArray, sql } from 'drizzle-orm';
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
 * The one definition of an order's open amount (应收余额), used by receipts, ageing, write-offs,
 * statements and the order pages alike.
 */
export async function loadOrderBalances(
  db: Executor,
  orderIds: number[],
): Promise<Map<number, OrderBalance>> {
  const out = new Map<number, OrderBalance>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .select({
      orderId: orders.id,
      totalFen: orders.totalFen,
      returnedFen:
        sql<number>`coalesce((select sum(r.amount_fen) from sales_returns r where r.order_id = ${orders.id}), 0)::bigint`.mapWith(
          Number,
        ),
      allocatedFen:
        sql<number>`coalesce((select sum(a.amount_fen) from receipt_allocations a where a.order_id = ${orders.id}), 0)::bigint`.mapWith(
          Number,
        ),
      writtenOffFen:
        sql<number>`coalesce((select sum(w.amount_fen) from write_offs w where w.order_id = ${orders.id} and w.status = 'approved'), 0)::bigint`.mapWith(
          Number,
        ),
    })
    .from(orders)
    .where(inArray(orders.id, orderIds));
  for (const r of rows) {
    out.set(r.orderId, { ...r, openFen: r.totalFen - r.returnedFen - r.allocatedFen - r.writtenOffFen });
  }
  return out;
}
