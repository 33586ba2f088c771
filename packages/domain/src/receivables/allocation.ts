import type { Fen } from '../money/money.ts';

/** An order of the paying customer that still has money owed on it (应收余额 > 0). */
export interface OpenOrder {
  orderId: number;
  openFen: Fen;
  /** When the money was due; the oldest due is paid first when the payer did not say which order. */
  dueOn: string;
}

export interface RequestedAllocation {
  orderId: number;
  amountFen: Fen;
}

export interface Allocation {
  orderId: number;
  amountFen: Fen;
}

/**
 * What to do with money beyond what the orders are owed: keep it as the customer's credit (预收/余款, the
 * default: money received is never lost) or refuse the receipt so the user can correct it.
 */
export type OverpaymentMode = 'credit' | 'refuse';

export type AllocationRefusal =
  /** An explicit allocation asks for more than the order's open amount (refuse mode only). */
  | { reason: 'exceeds_open'; index: number; orderId: number; openFen: Fen }
  /** The explicit allocations add up to more than the money received. */
  | { reason: 'exceeds_receipt'; index: number; orderId: number; availableFen: Fen }
  /** An explicit allocation names an order that is not open for this customer. */
  | { reason: 'unknown_order'; index: number; orderId: number }
  | { reason: 'duplicate_order'; index: number; orderId: number }
  /** Refuse mode: money would be left over as credit. */
  | { reason: 'overpayment'; creditFen: Fen };

export type AllocationResult =
  { ok: true; allocations: Allocation[]; creditFen: Fen } | ({ ok: false } & AllocationRefusal);

/**
 * Split money received (回款) over a customer's open orders.
 *
 * Explicit allocations (the payer's remittance advice names the orders) are applied as asked, each capped at
 * the order's open amount; without them the money pays the oldest due order first (ties: lower order id).
 * What is left is the customer's credit, or — in refuse mode — a refusal, so that nothing is silently
 * parked. The parts always add up: sum(allocations) + creditFen = amountFen.
 */
export function allocateReceipt(
  amountFen: Fen,
  openOrders: readonly OpenOrder[],
  requested: readonly RequestedAllocation[] | undefined,
  mode: OverpaymentMode,
): AllocationResult {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amountFen must be ≥ 0 fen');
  // Every order of the customer that may take money, even one paid up meanwhile: asking to pay it is an
  // over-allocation (credit, or refused), not an unknown order.
  const openOf = new Map<number, OpenOrder>();
  for (const o of openOrders) openOf.set(o.orderId, { ...o, openFen: Math.max(0, o.openFen) });

  const allocations: Allocation[] = [];
  let left = amountFen;
  if (requested && requested.length > 0) {
    const seen = new Set<number>();
    for (const [index, r] of requested.entries()) {
      if (seen.has(r.orderId)) return { ok: false, reason: 'duplicate_order', index, orderId: r.orderId };
      seen.add(r.orderId);
      if (!Number.isSafeInteger(r.amountFen) || r.amountFen <= 0) {
        throw new RangeError('requested amounts must be whole fen > 0');
      }
      const order = openOf.get(r.orderId);
      if (!order) return { ok: false, reason: 'unknown_order', index, orderId: r.orderId };
      if (r.amountFen > left) {
        return { ok: false, reason: 'exceeds_receipt', index, orderId: r.orderId, availableFen: left };
      }
      if (r.amountFen > order.openFen && mode === 'refuse') {
        return { ok: false, reason: 'exceeds_open', index, orderId: r.orderId, openFen: order.openFen };
      }
      const applied = Math.min(r.amountFen, order.openFen);
      if (applied > 0) allocations.push({ orderId: r.orderId, amountFen: applied });
      // Only what was applied leaves the receipt: the excess over the open amount stays as credit.
      left -= applied;
    }
  } else {
    const oldestFirst = [...openOf.values()]
      .filter((o) => o.openFen > 0)
      .sort((a, b) => (a.dueOn === b.dueOn ? a.orderId - b.orderId : a.dueOn < b.dueOn ? -1 : 1));
    for (const order of oldestFirst) {
      if (left === 0) break;
      const applied = Math.min(left, order.openFen);
      allocations.push({ orderId: order.orderId, amountFen: applied });
      left -= applied;
    }
  }
  if (left > 0 && mode === 'refuse') return { ok: false, reason: 'overpayment', creditFen: left };
  return { ok: true, allocations, creditFen: left };
}
