import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateReceipt, type OpenOrder } from './allocation.ts';

const OPEN: OpenOrder[] = [
  { orderId: 3, openFen: 30_000, dueOn: '2026-03-31' },
  { orderId: 1, openFen: 10_000, dueOn: '2026-01-31' },
  { orderId: 2, openFen: 20_000, dueOn: '2026-01-31' },
];

describe('allocateReceipt: oldest due first', () => {
  it.each([
    // amount, expected allocations, credit
    [5_000, [[1, 5_000]], 0],
    [10_000, [[1, 10_000]], 0],
    [
      25_000,
      [
        [1, 10_000],
        [2, 15_000],
      ],
      0,
    ],
    [
      60_000,
      [
        [1, 10_000],
        [2, 20_000],
        [3, 30_000],
      ],
      0,
    ],
    [
      70_000,
      [
        [1, 10_000],
        [2, 20_000],
        [3, 30_000],
      ],
      10_000,
    ],
    [0, [], 0],
  ])('%d fen → %j, credit %d', (amount, expected, credit) => {
    const r = allocateReceipt(amount, OPEN, undefined, 'credit');
    expect(r).toEqual({
      ok: true,
      allocations: expected.map(([orderId, amountFen]) => ({ orderId, amountFen })),
      creditFen: credit,
    });
  });

  it('refuse mode turns a leftover into a refusal with the amount', () => {
    expect(allocateReceipt(70_000, OPEN, undefined, 'refuse')).toEqual({
      ok: false,
      reason: 'overpayment',
      creditFen: 10_000,
    });
    expect(allocateReceipt(60_000, OPEN, undefined, 'refuse')).toMatchObject({ ok: true, creditFen: 0 });
  });

  it('skips orders with nothing open', () => {
    const r = allocateReceipt(100, [{ orderId: 9, openFen: 0, dueOn: '2020-01-01' }, ...OPEN], [], 'credit');
    expect(r).toMatchObject({ ok: true, allocations: [{ orderId: 1, amountFen: 100 }] });
  });
});

describe('allocateReceipt: explicit allocations', () => {
  it('applies them as asked; the rest is credit', () => {
    const r = allocateReceipt(50_000, OPEN, [{ orderId: 3, amountFen: 30_000 }], 'credit');
    expect(r).toEqual({ ok: true, allocations: [{ orderId: 3, amountFen: 30_000 }], creditFen: 20_000 });
  });
  it('an order paid up meanwhile takes nothing: credit, or a refusal naming it', () => {
    const paid = [...OPEN, { orderId: 7, openFen: 0, dueOn: '2026-01-01' }];
    expect(allocateReceipt(500, paid, [{ orderId: 7, amountFen: 500 }], 'credit')).toEqual({
      ok: true,
      allocations: [],
      creditFen: 500,
    });
    expect(allocateReceipt(500, paid, [{ orderId: 7, amountFen: 500 }], 'refuse')).toEqual({
      ok: false,
      reason: 'exceeds_open',
      index: 0,
      orderId: 7,
      openFen: 0,
    });
  });
  it('over-allocation goes to credit in credit mode', () => {
    const r = allocateReceipt(15_000, OPEN, [{ orderId: 1, amountFen: 15_000 }], 'credit');
    expect(r).toEqual({ ok: true, allocations: [{ orderId: 1, amountFen: 10_000 }], creditFen: 5_000 });
  });
  it.each([
    [
      'exceeds_open',
      15_000,
      [{ orderId: 1, amountFen: 15_000 }],
      'refuse',
      { index: 0, orderId: 1, openFen: 10_000 },
    ],
    [
      'exceeds_receipt',
      15_000,
      [
        { orderId: 1, amountFen: 10_000 },
        { orderId: 2, amountFen: 10_000 },
      ],
      'credit',
      { index: 1, orderId: 2, availableFen: 5_000 },
    ],
    ['unknown_order', 100, [{ orderId: 99, amountFen: 100 }], 'credit', { index: 0, orderId: 99 }],
    [
      'duplicate_order',
      300,
      [
        { orderId: 1, amountFen: 100 },
        { orderId: 1, amountFen: 100 },
      ],
      'credit',
      { index: 1, orderId: 1 },
    ],
    ['overpayment', 15_000, [{ orderId: 1, amountFen: 10_000 }], 'refuse', { creditFen: 5_000 }],
  ] as const)('%s', (reason, amount, requested, mode, extra) => {
    expect(allocateReceipt(amount, OPEN, requested, mode)).toEqual({ ok: false, reason, ...extra });
  });
});

const openOrders = fc.uniqueArray(
  fc.record({
    orderId: fc.integer({ min: 1, max: 50 }),
    openFen: fc.integer({ min: 0, max: 1_000_000 }),
    dueOn: fc.constantFrom('2026-01-01', '2026-02-15', '2026-03-31', '2026-04-01'),
  }),
  { selector: (o) => o.orderId, maxLength: 12 },
);

describe('allocateReceipt: laws', () => {
  it('allocations + credit = amount exactly; none exceeds an open amount; none negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        openOrders,
        fc.boolean(),
        fc.array(fc.record({ pick: fc.nat(), amountFen: fc.integer({ min: 1, max: 1_500_000 }) }), {
          maxLength: 5,
        }),
        fc.constantFrom('credit' as const, 'refuse' as const),
        (amount, orders, explicit, picks, mode) => {
          const requested =
            explicit && orders.length > 0
              ? [
                  ...new Map(
                    picks.map((p) => [orders[p.pick % orders.length]!.orderId, p.amountFen]),
                  ).entries(),
                ].map(([orderId, amountFen]) => ({ orderId, amountFen }))
              : undefined;
          const r = allocateReceipt(amount, orders, requested, mode);
          if (!r.ok) return true;
          const open = new Map(orders.map((o) => [o.orderId, o.openFen]));
          const sum = r.allocations.reduce((s, a) => s + a.amountFen, 0);
          expect(sum + r.creditFen).toBe(amount);
          expect(r.creditFen).toBeGreaterThanOrEqual(0);
          if (mode === 'refuse') expect(r.creditFen).toBe(0);
          for (const a of r.allocations) {
            expect(a.amountFen).toBeGreaterThan(0);
            expect(a.amountFen).toBeLessThanOrEqual(open.get(a.orderId)!);
          }
          return true;
        },
      ),
    );
  });

  it('credit mode without explicit allocations never refuses and pays down the oldest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), openOrders, (amount, orders) => {
        const r = allocateReceipt(amount, orders, undefined, 'credit');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const totalOpen = orders.reduce((s, o) => s + o.openFen, 0);
        expect(r.creditFen).toBe(Math.max(0, amount - totalOpen));
        // Only the last order touched may be partly paid.
        const open = new Map(orders.map((o) => [o.orderId, o.openFen]));
        r.allocations.slice(0, -1).forEach((a) => expect(a.amountFen).toBe(open.get(a.orderId)));
      }),
    );
  });
});
