import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, isNull } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { addDays, signInAll, today } from '../../../test/support.ts';
import { DEMO_LEDGER_SEED, seedDemoLedger } from '../demo/demo-ledger.ts';
import { assignments } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';
import { uniqueCustomerName } from '../customers/test-factories.ts';
import { buildProduct, type OrderJson, type ProductJson } from '../orders/test-factories.ts';
import { snapshotRollups } from './rollups.service.ts';
import { staleOpenAmounts } from '../receivables/open-amount.ts';

/**
 * Issue 4 item 8 (快 by design): dashboards read roll-ups kept in the same transaction as each ledger write,
 * so the roll-ups must always equal a full recomputation from the ledger. Random sequences of writes go
 * through the real API as demo users (orders, edits, approvals, shipments and returns, receipts, new
 * customers, a rep moving team, a product changing category); after each sequence the stored roll-ups
 * and the recomputed ones must be the same rows.
 */

let t: TestApp;
let ids: DemoIds;
let vp: Session;
const day = today();
const REPS = ['rep1', 'rep2', 'rep4', 'rep7'] as const;
const sessionOf = new Map<number, Session>();
/** The reps' seats: a move takes a rep to another of these (another team, under another manager). */
const SEATS = ['XS-REP-E1', 'XS-REP-E2', 'XS-REP-S1'];
const CATEGORIES = ['纸品', '文具', '设备', '耗材'];
let products: ProductJson[] = [];
/** Orders made by the property runs, in the order they were made. */
const orderIds: number[] = [];
let receiptNo = 0;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  const sessions = await signInAll(t.app, ['vp', ...REPS] as const);
  vp = sessions[0];
  REPS.forEach((rep, i) => sessionOf.set(ids.employee.get(rep)!, sessions[i + 1]!));
  // 折扣底线 80%: a line at 30% off waits for approval (核决权限).
  products = [];
  for (const category of CATEGORIES.slice(0, 3)) {
    products.push(await buildProduct(vp, { category, listPriceFen: 12_345, discountFloorBp: 8000 }));
  }
  // Every rep starts with a customer of their own, so the first sequence already has someone to sell to.
  for (const rep of REPS) await runStep({ kind: 'customer', rep, pool: false });
}, 300_000);
afterAll(() => t?.close());

async function expectRollupsEqualLedger({ database }: TestApp, companyId: number) {
  const db = database.db;
  const ledger = await snapshotRollups(db, companyId, 'ledger');
  const stored = await snapshotRollups(db, companyId, 'stored');
  expect(stored).toEqual(ledger);
  // The open amounts kept on the orders are kept by the same writes.
  expect(await staleOpenAmounts(db, companyId)).toEqual([]);
  return stored;
}

/** A write the business rules may refuse (422: shipped, paid, month closed…); anything else is a failure. */
function expectDoneOrRefused(res: LightMyRequestResponse) {
  expect([200, 201, 422], res.body.slice(0, 500)).toContain(res.statusCode);
  return res.statusCode < 300;
}

const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];
const monthStart = (d: string) => `${d.slice(0, 8)}01`;
const nextMonthStart = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

const lineArb = fc.record({
  product: fc.nat(),
  quantity: fc.integer({ min: 1, max: 5 }),
  belowFloor: fc.boolean(),
});
type LineSpec = { product: number; quantity: number; belowFloor: boolean };

/** Lines as the API takes them: promised today, so any order date up to today is valid. */
function linesOf(specs: LineSpec[]) {
  return specs.map((l) => ({
    productId: pick(products, l.product)!.id,
    quantity: l.quantity,
    discountBp: l.belowFloor ? 3000 : 0,
    promisedOn: day,
  }));
}

const stepArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      rep: fc.constantFrom(...REPS),
      customer: fc.nat(),
      daysAgo: fc.integer({ min: 0, max: 75 }),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      order: fc.nat(),
      lines: fc.option(fc.array(lineArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      // Across a month boundary: to the last day of the month before, or the first of the next.
      move: fc.constantFrom('none', 'back', 'forward'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      order: fc.nat(),
      action: fc.constantFrom('approve', 'approve', 'reject', 'cancel'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('shipAndReturn' as const),
      order: fc.nat(),
      line: fc.nat(),
      returned: fc.integer({ min: 0, max: 5 }),
      daysAfterOrder: fc.nat({ max: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receipt' as const),
      pool: fc.boolean(),
      customer: fc.nat(),
      amountFen: fc.integer({ min: 1, max: 300_000 }),
      daysAgo: fc.integer({ min: 0, max: 75 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('writeOff' as const),
      order: fc.nat(),
      amountFen: fc.integer({ min: 1, max: 100_000 }),
      approve: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('customer' as const),
      rep: fc.constantFrom(...REPS),
      pool: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      rep: fc.constantFrom(...REPS),
      seat: fc.nat(),
      daysAgo: fc.integer({ min: 0, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('recategorize' as const),
      product: fc.nat(),
      category: fc.constantFrom(...CATEGORIES),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

/** An order as the API shows it (the factories' type leaves out the order date). */
type Order = OrderJson & { orderDate: string };

async function readOrder(id: number): Promise<Order> {
  const res = await vp.get(`/api/v1/orders/${id}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<Order>();
}

/** The session of an order's owner: the rep sells, edits, ships and takes returns on their own orders. */
const ownerSession = (order: Order) => sessionOf.get(order.ownerEmployeeId) ?? vp;

async function customersOf(ownerEmployeeId: number | null) {
  const rows = await t.database.db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.companyId, ids.companyId),
        ownerEmployeeId === null
          ? isNull(customers.ownerEmployeeId)
          : eq(customers.ownerEmployeeId, ownerEmployeeId),
      ),
    )
    .orderBy(customers.id);
  return rows.map((r) => r.id);
}

async function runStep(step: Step): Promise<void> {
  switch (step.kind) {
    case 'order': {
      const session = sessionOf.get(ids.employee.get(step.rep)!)!;
      const customerId = pick(await customersOf(ids.employee.get(step.rep)!), step.customer);
      if (customerId === undefined) return;
      const res = await session.send('POST', '/api/v1/orders', {
        customerId,
        orderDate: addDays(day, -step.daysAgo),
        lines: linesOf(step.lines),
      });
      if (expectDoneOrRefused(res)) orderIds.push(res.json<OrderJson>().id);
      return;
    }
    case 'edit': {
      const id = pick(orderIds, step.order);
      if (id === undefined) return;
      const order = await readOrder(id);
      const moved =
        step.move === 'back'
          ? addDays(monthStart(order.orderDate), -1)
          : step.move === 'forward' && nextMonthStart(order.orderDate) <= day
            ? nextMonthStart(order.orderDate)
            : undefined;
      const res = await ownerSession(order).send('PATCH', `/api/v1/orders/${id}`, {
        version: order.version,
        ...(moved === undefined ? {} : { orderDate: moved }),
        ...(step.lines === undefined ? {} : { lines: linesOf(step.lines) }),
      });
      expectDoneOrRefused(res);
      return;
    }
    case 'decide': {
      const id = pick(orderIds, step.order);
      if (id === undefined) return;
      const order = await readOrder(id);
      // 核决: the VP approves or sends back a price below the floor; the rep cancels their own order.
      const session = step.action === 'cancel' ? ownerSession(order) : vp;
      const res = await session.send('POST', `/api/v1/orders/${id}/${step.action}`, {
        version: order.version,
      });
      expectDoneOrRefused(res);
      return;
    }
    case 'shipAndReturn': {
      const id = pick(orderIds, step.order);
      if (id === undefined) return;
      let order = await readOrder(id);
      const session = ownerSession(order);
      if (order.status === 'confirmed' || order.status === 'partially_shipped') {
        const open = order.lines.filter((l) => l.quantity > l.shippedQuantity);
        const res = await session.send('POST', `/api/v1/orders/${id}/shipments`, {
          courier: '顺丰',
          trackingNo: 'SF0000000001',
          lines: open.map((l) => ({ orderLineId: l.id, quantity: l.quantity - l.shippedQuantity })),
        });
        if (!expectDoneOrRefused(res)) return;
        order = res.json<Order>();
      }
      const line = pick(
        order.lines.filter((l) => l.shippedQuantity > l.returnedQuantity),
        step.line,
      );
      if (line === undefined || step.returned === 0) return;
      const returnDate = addDays(order.orderDate, step.daysAfterOrder);
      const res = await session.send('POST', `/api/v1/orders/${id}/returns`, {
        returnDate: returnDate > day ? day : returnDate,
        reason: '包装破损',
        lines: [
          {
            orderLineId: line.id,
            quantity: Math.min(step.returned, line.shippedQuantity - line.returnedQuantity),
          },
        ],
      });
      expectDoneOrRefused(res);
      return;
    }
    case 'receipt': {
      // Money from a customer in the pool (公海) is nobody's collection: it is recorded, not credited.
      const pool = step.pool ? await customersOf(null) : [];
      const owned = step.pool
        ? []
        : (await Promise.all(REPS.map((r) => customersOf(ids.employee.get(r)!)))).flat();
      const customerId = pick([...pool, ...owned], step.customer);
      if (customerId === undefined) return;
      receiptNo += 1;
      const res = await vp.send('POST', '/api/v1/receipts', {
        customerId,
        receivedOn: addDays(day, -step.daysAgo),
        amountFen: step.amountFen,
        method: 'bank',
        payer: '回款单位',
        idempotencyKey: `rollups-${receiptNo}`,
      });
      expectDoneOrRefused(res);
      return;
    }
    case 'writeOff': {
      // 坏账核销: the owner asks, the VP approves (the open amount goes down) or rejects (it stays).
      const id = pick(orderIds, step.order);
      if (id === undefined) return;
      const order = await readOrder(id);
      if (!['confirmed', 'partially_shipped', 'shipped', 'completed'].includes(order.status)) return;
      const asked = await ownerSession(order).send('POST', '/api/v1/write-offs', {
        orderId: id,
        amountFen: step.amountFen,
        reason: '客户破产',
      });
      if (!expectDoneOrRefused(asked)) return;
      const writeOff = asked.json<{ id: number; version: number }>();
      const res = await vp.send('POST', `/api/v1/write-offs/${writeOff.id}/decide`, {
        decision: step.approve ? 'approve' : 'reject',
        version: writeOff.version,
      });
      expectDoneOrRefused(res);
      return;
    }
    case 'customer': {
      // A rep records their own new customer (新客户); only a superior may put one straight into the pool.
      const session = step.pool ? vp : sessionOf.get(ids.employee.get(step.rep)!)!;
      const res = await session.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName('回归'),
        kind: 'company',
        category: 'end_customer',
        ...(step.pool ? { ownerEmployeeId: null } : {}),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      return;
    }
    case 'move': {
      // 调岗: the rep's seat ends the day before and a seat in another team starts that day. Sales before
      // it stay with the old team (credit goes to the team they were in when the sale happened).
      const employeeId = ids.employee.get(step.rep)!;
      const [current] = await t.database.db
        .select()
        .from(assignments)
        .where(
          and(
            eq(assignments.employeeId, employeeId),
            eq(assignments.kind, 'primary'),
            isNull(assignments.endDate),
          ),
        );
      const from = addDays(day, -step.daysAgo);
      if (!current || addDays(from, -1) < current.startDate) return;
      const seats = SEATS.map((code) => ids.position.get(code)!).filter((p) => p !== current.positionId);
      const ended = await vp.send('POST', `/api/v1/assignments/${current.id}/end`, {
        endDate: addDays(from, -1),
      });
      expect(ended.statusCode, ended.body.slice(0, 300)).toBe(200);
      const started = await vp.send('POST', '/api/v1/assignments', {
        employeeId,
        positionId: pick(seats, step.seat),
        kind: 'primary',
        startDate: from,
      });
      expect(started.statusCode, started.body.slice(0, 300)).toBe(201);
      return;
    }
    case 'recategorize': {
      const product = pick(products, step.product)!;
      const res = await vp.send('PATCH', `/api/v1/products/${product.id}`, {
        version: product.version,
        category: step.category,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      products = products.map((p) => (p.id === product.id ? res.json<ProductJson>() : p));
      return;
    }
  }
}

describe('roll-ups equal a recomputation from the ledger', () => {
  it('after the demo ledger is seeded (twelve months of orders, returns, receipts, new customers)', async () => {
    // Its own database: the demo ledger is seeded only into a company without customers.
    const demo = await buildTestApp();
    try {
      const { companyId } = await loadDemoIds(demo.database.db);
      const seeded = await seedDemoLedger(demo.database.db, {
        companyId,
        today: day,
        seed: DEMO_LEDGER_SEED,
      });
      expect(seeded.skipped).toBe(false);
      await expectRollupsEqualLedger(demo, companyId);
    } finally {
      await demo.close();
    }
  }, 300_000);

  it('after random sequences of orders, edits, approvals, returns, receipts, new customers and team moves', async () => {
    await fc.assert(
      // The roll-ups are never rebuilt between sequences: each one goes on from what the others wrote.
      fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 30 }), async (steps) => {
        for (const step of steps) await runStep(step);
        await expectRollupsEqualLedger(t, ids.companyId);
      }),
      // No shrinking: replaying shortened sequences against the database takes minutes. The failure
      // prints the sequence, its seed and the rows that differ.
      { numRuns: 20, endOnFailure: true },
    );
    // The sequences did reach every metric (a property over empty roll-ups would prove nothing).
    const stored = await expectRollupsEqualLedger(t, ids.companyId);
    const metrics = new Set(stored.sales.map((row) => row.split('|')[0]));
    expect([...metrics].sort()).toEqual(['collections', 'new_customers', 'returns', 'sales']);
    expect(stored.products.length).toBeGreaterThan(0);
    expect(stored.customers.length).toBeGreaterThan(0);
  }, 300_000);
});
