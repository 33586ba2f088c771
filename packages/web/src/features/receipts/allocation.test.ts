import type { OrderSummary } from '@zuzhang/api-schema';
import { describe, expect, it } from 'vitest';
import { allocationsOf, suggestAllocations } from './allocation.ts';

const order = (id: number, openFen: number) => ({ id, openFen }) as OrderSummary;

describe('suggested allocation of a receipt', () => {
  const orders = [order(1, 1000), order(2, 500), order(3, 2000)];

  it('pays the oldest due first, as the server does without a choice', () => {
    expect(suggestAllocations(orders, 1200)).toEqual({ '1': 1000, '2': 200, '3': null });
  });

  it('leaves the rest for the credit when the receipt is larger than what is open', () => {
    const s = suggestAllocations(orders, 5000);
    expect(s).toEqual({ '1': 1000, '2': 500, '3': 2000 });
    expect(allocationsOf(s).reduce((n, a) => n + a.amountFen, 0)).toBe(3500);
  });

  it('sends only positive amounts', () => {
    expect(allocationsOf({ '1': 100, '2': null, '3': 0, '4': undefined })).toEqual([
      { orderId: 1, amountFen: 100 },
    ]);
    expect(allocationsOf(undefined)).toEqual([]);
  });
});
