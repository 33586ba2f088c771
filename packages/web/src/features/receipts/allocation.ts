import type { OrderSummary } from '@zuzhang/api-schema';

/** Amounts to put on each open order, as a form value keyed by order id. */
export type AllocationValues = Record<string, number | null | undefined>;

/** Oldest due first, the way the server pays when no orders are chosen: a starting point the user can change. */
export function suggestAllocations(orders: OrderSummary[], amountFen: number): AllocationValues {
  let left = amountFen;
  const out: AllocationValues = {};
  for (const o of orders) {
    const take = Math.max(0, Math.min(left, o.openFen));
    out[String(o.id)] = take > 0 ? take : null;
    left -= take;
  }
  return out;
}

export function allocationsOf(values: AllocationValues | undefined) {
  return Object.entries(values ?? {})
    .filter(([, v]) => !!v && v > 0)
    .map(([orderId, amountFen]) => ({ orderId: Number(orderId), amountFen: amountFen! }));
}
