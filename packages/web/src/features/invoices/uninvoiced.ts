import type { Invoice, Order } from '@zuzhang/api-schema';

/**
 * What is left to invoice on each line of the order, as far as this page can see: the line less its
 * returns less the invoices on this order (red-letter ones count negative). The server's check is the rule.
 */
export function uninvoicedByLine(order: Order, invoices: Invoice[]): Map<number, number> {
  const left = new Map(order.lines.map((l) => [l.id, l.amountFen]));
  for (const r of order.returns)
    for (const l of r.lines) left.set(l.orderLineId, (left.get(l.orderLineId) ?? 0) - l.amountFen);
  for (const i of invoices)
    for (const l of i.lines)
      if (left.has(l.orderLineId)) left.set(l.orderLineId, left.get(l.orderLineId)! - l.amountFen);
  return left;
}
