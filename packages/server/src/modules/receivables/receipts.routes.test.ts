import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sum } from 'drizzle-orm';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { receiptAllocations, receipts } from './receivables.table.ts';
import { loadOrderBalances } from './open-amount.ts';
import { buildMoneyKit, type MoneyKit } from './test-factories.ts';

let t: TestApp;
let kit: MoneyKit;
let rep1: Session;
let rep4: Session;
let lead1: Session;
let assistant1: Session;
let manager2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
  [rep1, rep4, lead1, assistant1, manager2] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'lead1',
    'assistant1',
    'manager2',
  ]);
});
afterAll(() => t.close());

let keySeq = 0;
const key = () => `test-key-${++keySeq}-${Math.random().toString(36).slice(2)}`;
const day = (offset: number) => addDays(today(), offset);

interface ReceiptJson {
  id: number;
  customerId: number;
  amountFen: number;
  unallocatedFen: number;
  ownerName: string | null;
  allocations: { orderId: number; orderNo: string; amountFen: number; allocatedOn: string }[];
  version: number;
}

function receiptBody(customerId: number, amountFen: number, extra: Record<string, unknown> = {}) {
  return {
    customerId,
    receivedOn: day(-1),
    amountFen,
    method: 'bank',
    payer: '付款单位',
    reference: 'BANK-REF',
    idempotencyKey: key(),
    ...extra,
  };
}

async function openOf(orderId: number) {
  return (await loadOrderBalances(t.database.db, [orderId])).get(orderId)!.openFen;
}

async function receiptCount(customerId: number) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(receipts)
    .where(eq(receipts.customerId, customerId));
  return Number(row!.n);
}

describe('recording money in', () => {
  it('pays the oldest due order first and keeps the rest as the customer credit', async () => {
    const c = await kit.customer('rep1');
    const late = await kit.order(c, { orderDate: day(-70), dueOn: day(-40), amounts: [60_000, 40_000] });
    const recent = await kit.order(c, { orderDate: day(-20), dueOn: day(-10), amounts: [200_000] });
    // A draft order is not owed yet: it takes no money.
    await kit.order(c, { orderDate: day(-5), amounts: [50_000], status: 'draft' });

    const first = await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 250_000));
    expect(first.statusCode, first.body).toBe(201);
    const r1 = first.json<ReceiptJson>();
    expect(r1.allocations.map((a) => [a.orderId, a.amountFen])).toEqual([
      [late.order.id, 100_000],
      [recent.order.id, 150_000],
    ]);
    expect(r1).toMatchObject({ amountFen: 250_000, unallocatedFen: 0, ownerName: '赵磊' });
    expect(r1.allocations[0]!.allocatedOn).toBe(day(-1));

    const second = (
      await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 80_000))
    ).json<ReceiptJson>();
    expect(second.allocations.map((a) => [a.orderId, a.amountFen])).toEqual([[recent.order.id, 50_000]]);
    expect(second.unallocatedFen).toBe(30_000);
    expect(await openOf(recent.order.id)).toBe(0);

    const credit = await rep1.get(`/api/v1/customers/${c.id}/credit`);
    expect(credit.statusCode).toBe(200);
    expect(credit.json()).toMatchObject({
      customerId: c.id,
      creditFen: 30_000,
      receipts: [{ id: second.id, unallocatedFen: 30_000 }],
    });

    // Receipts and allocations are audited.
    const audits = await t.database.db
      .select({ entity: auditLog.entity })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'receiptAllocation'), eq(auditLog.actorName, 'rep1')));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it('applies explicit allocations; more than an order owes goes to credit, or is refused on request', async () => {
    const c = await kit.customer('rep1');
    const a = await kit.order(c, { orderDate: day(-30), amounts: [10_000] });
    const b = await kit.order(c, { orderDate: day(-60), amounts: [20_000] });

    const credited = await rep1.send(
      'POST',
      '/api/v1/receipts',
      receiptBody(c.id, 15_000, { allocations: [{ orderId: a.order.id, amountFen: 15_000 }] }),
    );
    expect(credited.statusCode, credited.body).toBe(201);
    expect(credited.json()).toMatchObject({
      unallocatedFen: 5_000,
      allocations: [{ orderId: a.order.id, amountFen: 10_000 }],
    });
    // The older order b was not touched: the payer said which order.
    expect(await openOf(b.order.id)).toBe(20_000);

    const before = await receiptCount(c.id);
    expectError(
      await rep1.send(
        'POST',
        '/api/v1/receipts',
        receiptBody(c.id, 25_000, {
          allocations: [{ orderId: b.order.id, amountFen: 25_000 }],
          onOverpayment: 'refuse',
        }),
      ),
      422,
      'business_rule',
      'body.allocations.0.amountFen',
    );
    expectError(
      await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 25_000, { onOverpayment: 'refuse' })),
      422,
      'business_rule',
      'body.amountFen',
    );
    expectError(
      await rep1.send(
        'POST',
        '/api/v1/receipts',
        receiptBody(c.id, 5_000, { allocations: [{ orderId: b.order.id, amountFen: 6_000 }] }),
      ),
      422,
      'business_rule',
      'body.allocations.0.amountFen',
    );
    // Refused: nothing half-written.
    expect(await receiptCount(c.id)).toBe(before);
    expect(await openOf(b.order.id)).toBe(20_000);

    const exact = await rep1.send(
      'POST',
      '/api/v1/receipts',
      receiptBody(c.id, 20_000, {
        allocations: [{ orderId: b.order.id, amountFen: 20_000 }],
        onOverpayment: 'refuse',
      }),
    );
    expect(exact.statusCode, exact.body).toBe(201);
    expect(await openOf(b.order.id)).toBe(0);
  });

  it('refuses what is wrong, naming the field', async () => {
    const c = await kit.customer('rep1');
    const other = await kit.customer('rep4');
    const theirOrder = await kit.order(other, { orderDate: day(-3), amounts: [1_000] });
    const cases: [Record<string, unknown>, string][] = [
      [{ idempotencyKey: undefined }, 'body.idempotencyKey'],
      [{ idempotencyKey: '' }, 'body.idempotencyKey'],
      [{ amountFen: 0 }, 'body.amountFen'],
      [{ amountFen: 12.5 }, 'body.amountFen'],
      [{ method: 'cheque' }, 'body.method'],
      [{ payer: '' }, 'body.payer'],
      [{ receivedOn: '2026-02-30' }, 'body.receivedOn'],
      [{ receivedOn: day(1) }, 'body.receivedOn'],
      [{ surprise: 1 }, 'body.surprise'],
      [{ onOverpayment: 'keep' }, 'body.onOverpayment'],
      [{ allocations: [{ orderId: theirOrder.order.id, amountFen: 100 }] }, 'body.allocations.0.orderId'],
      [{ customerId: other.id }, 'body.customerId'],
    ];
    for (const [change, path] of cases) {
      const body: Record<string, unknown> = { ...receiptBody(c.id, 1_000), ...change };
      if ('idempotencyKey' in change && change.idempotencyKey === undefined) delete body.idempotencyKey;
      expectError(await rep1.send('POST', '/api/v1/receipts', body), 400, 'validation', path);
    }
    expect(await receiptCount(c.id)).toBe(0);
  });

  it('answers 401 without sign-in on every receipt endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/receipts'],
      ['GET', '/api/v1/receipts/1'],
      ['POST', '/api/v1/receipts'],
      ['POST', '/api/v1/receipts/1/allocate'],
      ['GET', '/api/v1/customers/1/credit'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expectError(res, 401, 'unauthenticated');
    }
  });
});

describe('idempotency key', () => {
  it('the same key again returns the first receipt with 200, not a second receipt', async () => {
    const c = await kit.customer('rep1');
    await kit.order(c, { orderDate: day(-10), amounts: [30_000] });
    const body = receiptBody(c.id, 10_000);
    const first = await rep1.send('POST', '/api/v1/receipts', body);
    expect(first.statusCode).toBe(201);
    // A retry by someone else who may see the customer (the lead) gets the same answer.
    for (const session of [rep1, lead1]) {
      const again = await session.send('POST', '/api/v1/receipts', body);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual(first.json());
    }
    expect(await receiptCount(c.id)).toBe(1);
    expect(await openOf(first.json<ReceiptJson>().allocations[0]!.orderId)).toBe(20_000);
  });

  it('the same key with a different body is a 409, and so is a key someone outside the scope used', async () => {
    const c = await kit.customer('rep1');
    const body = receiptBody(c.id, 10_000);
    expect((await rep1.send('POST', '/api/v1/receipts', body)).statusCode).toBe(201);
    expectError(
      await rep1.send('POST', '/api/v1/receipts', { ...body, amountFen: 10_001 }),
      409,
      'conflict',
      'body.idempotencyKey',
    );
    expectError(
      await rep1.send('POST', '/api/v1/receipts', { ...body, onOverpayment: 'refuse' }),
      409,
      'conflict',
      'body.idempotencyKey',
    );
    const theirs = await kit.customer('rep4');
    expectError(
      await rep4.send('POST', '/api/v1/receipts', { ...body, customerId: theirs.id }),
      409,
      'conflict',
      'body.idempotencyKey',
    );
    expect(await receiptCount(c.id)).toBe(1);
    expect(await receiptCount(theirs.id)).toBe(0);
  });

  it('a concurrent double submit records one receipt; every submit gets it', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-10), amounts: [100_000] });
    const body = receiptBody(c.id, 40_000);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => rep1.send('POST', '/api/v1/receipts', body)),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses, results.map((r) => r.body).join('\n')).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<ReceiptJson>().id)).size).toBe(1);
    expect(await receiptCount(c.id)).toBe(1);
    expect(await openOf(o.order.id)).toBe(60_000);
  });
});

describe('allocating the same order from two receipts at once', () => {
  it('never takes more than the open amount; the rest stays as credit', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-15), amounts: [100_000] });
    const explicit = [{ orderId: o.order.id, amountFen: 80_000 }];
    const [a, b, auto] = await Promise.all([
      rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 80_000, { allocations: explicit })),
      lead1.send('POST', '/api/v1/receipts', receiptBody(c.id, 80_000, { allocations: explicit })),
      assistant1.send('POST', '/api/v1/receipts', receiptBody(c.id, 30_000)),
    ]);
    for (const r of [a, b, auto]) expect(r.statusCode, r.body).toBe(201);
    const [allocated] = await t.database.db
      .select({ fen: sum(receiptAllocations.amountFen).mapWith(Number) })
      .from(receiptAllocations)
      .where(eq(receiptAllocations.orderId, o.order.id));
    expect(allocated!.fen).toBe(100_000);
    expect(await openOf(o.order.id)).toBe(0);
    const credit = [a, b, auto].reduce((s, r) => s + r.json<ReceiptJson>().unallocatedFen, 0);
    expect(credit).toBe(80_000 + 80_000 + 30_000 - 100_000);
  });

  it('two credit allocations of the same receipt at once never allocate its credit twice', async () => {
    const c = await kit.customer('rep1');
    const r = (await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 50_000))).json<ReceiptJson>();
    expect(r.unallocatedFen).toBe(50_000);
    const o1 = await kit.order(c, { orderDate: day(-2), amounts: [40_000] });
    const o2 = await kit.order(c, { orderDate: day(-1), amounts: [40_000] });
    const [x, y] = await Promise.all([
      rep1.send('POST', `/api/v1/receipts/${r.id}/allocate`, {
        allocations: [{ orderId: o1.order.id, amountFen: 40_000 }],
      }),
      lead1.send('POST', `/api/v1/receipts/${r.id}/allocate`, {
        allocations: [{ orderId: o2.order.id, amountFen: 40_000 }],
      }),
    ]);
    const ok = [x, y].filter((res) => res.statusCode === 200);
    const refused = [x, y].filter((res) => res.statusCode !== 200);
    expect(ok).toHaveLength(1);
    expectError(refused[0]!, 422, 'business_rule', 'body.allocations.0.amountFen');
    const after = (await rep1.get(`/api/v1/receipts/${r.id}`)).json<ReceiptJson>();
    expect(after.unallocatedFen).toBe(10_000);
    expect((await openOf(o1.order.id)) + (await openOf(o2.order.id))).toBe(40_000);
  });
});

describe('applying credit later', () => {
  it('allocates the unallocated part to orders, oldest due first or as asked', async () => {
    const c = await kit.customer('rep1');
    const r = (await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 30_000))).json<ReceiptJson>();
    expect(r.unallocatedFen).toBe(30_000);
    const o1 = await kit.order(c, { orderDate: day(-9), dueOn: day(-5), amounts: [10_000] });
    const o2 = await kit.order(c, { orderDate: day(-9), dueOn: day(-8), amounts: [12_000] });

    const res = await rep1.send('POST', `/api/v1/receipts/${r.id}/allocate`, {});
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<ReceiptJson>();
    expect(after.allocations.map((a) => [a.orderId, a.amountFen, a.allocatedOn])).toEqual([
      [o2.order.id, 12_000, today()],
      [o1.order.id, 10_000, today()],
    ]);
    expect(after).toMatchObject({ unallocatedFen: 8_000, version: r.version + 1 });
    expect((await rep1.get(`/api/v1/customers/${c.id}/credit`)).json().creditFen).toBe(8_000);

    // Nothing open any more: the credit stays where it is.
    const again = await rep1.send('POST', `/api/v1/receipts/${r.id}/allocate`, {});
    expect(again.json<ReceiptJson>().unallocatedFen).toBe(8_000);
  });

  it('refuses a date before the money came in, a future date, a receipt with no credit, and bad input', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-9), amounts: [10_000] });
    const full = (await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 10_000))).json<ReceiptJson>();
    expect(full.unallocatedFen).toBe(0);
    expectError(
      await rep1.send('POST', `/api/v1/receipts/${full.id}/allocate`, {}),
      422,
      'business_rule',
      'params.id',
    );
    const spare = (
      await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, 5_000, { receivedOn: day(-3) }))
    ).json<ReceiptJson>();
    expectError(
      await rep1.send('POST', `/api/v1/receipts/${spare.id}/allocate`, { allocatedOn: day(-4) }),
      400,
      'validation',
      'body.allocatedOn',
    );
    expectError(
      await rep1.send('POST', `/api/v1/receipts/${spare.id}/allocate`, { allocatedOn: day(1) }),
      400,
      'validation',
      'body.allocatedOn',
    );
    expectError(
      await rep1.send('POST', `/api/v1/receipts/${spare.id}/allocate`, {
        allocations: [{ orderId: o.order.id, amountFen: -1 }],
      }),
      400,
      'validation',
      'body.allocations.0.amountFen',
    );
    expectError(await rep1.send('POST', '/api/v1/receipts/abc/allocate', {}), 400, 'validation', 'params.id');
  });
});

describe('scope', () => {
  it('a rep sees receipts of their own customers, not of another team (404); the lead sees the team', async () => {
    const mine = await kit.customer('rep1');
    const theirs = await kit.customer('rep4');
    const r1 = (await rep1.send('POST', '/api/v1/receipts', receiptBody(mine.id, 1_000))).json<ReceiptJson>();
    const r4 = (
      await rep4.send('POST', '/api/v1/receipts', receiptBody(theirs.id, 2_000))
    ).json<ReceiptJson>();

    expectError(await rep1.get(`/api/v1/receipts/${r4.id}`), 404, 'not_found');
    expectError(await rep1.send('POST', `/api/v1/receipts/${r4.id}/allocate`, {}), 404, 'not_found');
    expectError(await rep1.get(`/api/v1/customers/${theirs.id}/credit`), 404, 'not_found');
    expectError(await manager2.get(`/api/v1/receipts/${r1.id}`), 404, 'not_found');
    expectError(await rep1.get('/api/v1/receipts/999999'), 404, 'not_found');

    expect((await lead1.get(`/api/v1/receipts/${r1.id}`)).statusCode).toBe(200);
    expect((await assistant1.get(`/api/v1/receipts/${r4.id}`)).statusCode).toBe(200);

    const listed = (await rep1.get('/api/v1/receipts?pageSize=200')).json<{
      items: ReceiptJson[];
      total: number;
    }>();
    expect(listed.items.map((r) => r.id)).toContain(r1.id);
    expect(listed.items.map((r) => r.id)).not.toContain(r4.id);
    const byCustomer = (await rep4.get(`/api/v1/receipts?customerId=${theirs.id}`)).json();
    expect(byCustomer).toMatchObject({ total: 1, items: [{ id: r4.id }] });
    const m2 = (await manager2.get('/api/v1/receipts')).json();
    expect(m2.total).toBe(0);
  });

  it('lists with filters, paging and sort; bad query parameters are named', async () => {
    const c = await kit.customer('rep1');
    await rep1.send(
      'POST',
      '/api/v1/receipts',
      receiptBody(c.id, 3_000, { method: 'wechat', receivedOn: day(-5) }),
    );
    await rep1.send(
      'POST',
      '/api/v1/receipts',
      receiptBody(c.id, 4_000, { method: 'cash', receivedOn: day(-2) }),
    );
    const res = await rep1.get(
      `/api/v1/receipts?customerId=${c.id}&sort=amountFen&order=desc&hasCredit=true`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((r: ReceiptJson) => r.amountFen)).toEqual([4_000, 3_000]);
    expect((await rep1.get(`/api/v1/receipts?customerId=${c.id}&method=wechat`)).json().total).toBe(1);
    expect((await rep1.get(`/api/v1/receipts?customerId=${c.id}&from=${day(-3)}`)).json().total).toBe(1);
    expectError(await rep1.get('/api/v1/receipts?sort=payer'), 400, 'validation', 'query.sort');
    expectError(await rep1.get('/api/v1/receipts?method=cheque'), 400, 'validation', 'query.method');
    expectError(await rep1.get('/api/v1/customers/x/credit'), 400, 'validation', 'params.id');
  });
});
