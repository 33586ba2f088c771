import type { Invoice, Order } from '@zuzhang/api-schema';
import { describe, expect, it } from 'vitest';
import { uninvoicedByLine } from './uninvoiced.ts';

const order = {
  lines: [
    { id: 11, amountFen: 250000 },
    { id: 12, amountFen: 35200 },
  ],
  returns: [{ lines: [{ orderLineId: 12, amountFen: 7040 }] }],
} as unknown as Order;

const invoice = (lines: [number, number][]) =>
  ({ lines: lines.map(([orderLineId, amountFen]) => ({ orderLineId, amountFen })) }) as unknown as Invoice;

describe('what is left to invoice on an order', () => {
  it('is the line less its returns less the invoices', () => {
    const left = uninvoicedByLine(order, [invoice([[11, 100000]])]);
    expect(left.get(11)).toBe(150000);
    expect(left.get(12)).toBe(28160);
  });

  it('counts a red-letter invoice back (its lines are negative)', () => {
    const left = uninvoicedByLine(order, [invoice([[11, 250000]]), invoice([[11, -250000]])]);
    expect(left.get(11)).toBe(250000);
  });

  it('ignores lines of other orders', () => {
    const left = uninvoicedByLine(order, [invoice([[99, 100]])]);
    expect([...left.keys()]).toEqual([11, 12]);
  });
});
