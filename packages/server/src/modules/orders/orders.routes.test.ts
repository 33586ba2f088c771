import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq, sql } from 'drizzle-orm';
import { computeLine } from '@zuzhang/domain';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import {
  addDays,
  countAuditRows,
  createScopedUser,
  expectError,
  readAllPages,
  signInAll,
  today,
} from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { customers } from '../customers/customers.table.ts';
import { statements } from '../statements/statements.table.ts';
import { orderLines, orders } from './orders.table.ts';
import {
  buildCustomer,
  buildOrder,
  buildProduct,
  expectStatus,
  uniq,
  type OrderJson,
  type ProductJson,
} from './test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let manager2: Session;
let lead1: Session;
let lead2: Session;
let rep1: Session;
let rep4: Session;
let assistant1: Session;
let product: ProductJson;
let cheap: ProductJson;
const day = today();
const month = `${day.slice(0, 4)}${day.slice(5, 7)}`;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, manager2, lead1, lead2, rep1, rep4, assistant1] = await signInAll(t.app, [
    'vp',
    'manager1',
    'manager2',
    'lead1',
    'lead2',
    'rep1',
    'rep4',
    'assistant1',
  ] as const);
  // 10000 fen list price, 13% VAT, a 90% floor.
  product = await buildProduct(vp, { listPriceFen: 10000, taxRateBp: 1300, discountFloorBp: 9000 });
  cheap = await buildProduct(vp, { listPriceFen: 333, taxRateBp: 600, discountFloorBp: 0 });
});
afterAll(() => t.close());

const customerOf = (owner: string | null, category: 'end_customer' | 'dealer' = 'end_customer') =>
  buildCustomer(t.database.db, ids.companyId, {
    ownerEmployeeId: owner === null ? null : idOf(ids.employee, owner),
    category,
  });

function orderBody(customerId: number, patch: Record<string, unknown> = {}) {
  return {
    customerId,
    orderDate: day,
    lines: [{ productId: product.id, quantity: 3, promisedOn: addDays(day, 20) }],
    ...patch,
  };
}

describe('create', () => {
  it('prices lines on the server, totals = sum of lines, owner and team from the customer, audited', async () => {
    const c = await customerOf('rep1', 'dealer');
    // The dealers' price list gives 9500; a line without a unit price takes it.
    expectStatus(
      await vp.send('POST', '/api/v1/price-lists', {
        name: uniq('经销商价'),
        customerCategory: 'dealer',
        validFrom: addDays(day, -1),
        items: [{ productId: product.id, priceFen: 9500 }],
      }),
      201,
    );
    const order = expectStatus<OrderJson & { ownerName: string; unitName: string; customerName: string }>(
      await assistant1.send(
        'POST',
        '/api/v1/orders',
        orderBody(c.id, {
          note: '协理代录',
          lines: [
            { productId: product.id, quantity: 3, promisedOn: addDays(day, 20) },
            {
              productId: cheap.id,
              quantity: 7,
              unitPriceFen: 199,
              discountBp: 1250,
              promisedOn: addDays(day, 5),
            },
          ],
        }),
      ),
      201,
    );
    const first = computeLine({ quantity: 3, unitPriceFen: 9500, discountBp: 0, taxRateBp: 1300 });
    const second = computeLine({ quantity: 7, unitPriceFen: 199, discountBp: 1250, taxRateBp: 600 });
    expect(order.lines.map((l) => [l.lineNo, l.unitPriceFen, l.amountFen, l.taxFen])).toEqual([
      [1, 9500, first.amountFen, first.taxFen],
      [2, 199, second.amountFen, second.taxFen],
    ]);
    expect(second.amountFen).toBe(1219);
    expect(order).toMatchObject({
      status: 'confirmed',
      totalFen: first.amountFen + second.amountFen,
      taxFen: first.taxFen + second.taxFen,
      openFen: first.amountFen + second.amountFen,
      customerName: c.name,
      ownerEmployeeId: idOf(ids.employee, 'rep1'),
      ownerName: '赵磊',
      unitId: idOf(ids.unit, 'XS-E1'),
      unitName: '华东一组',
      dueOn: addDays(day, 30),
      version: 1,
    });
    expect(order.no).toMatch(new RegExp(`^SO${month}\\d{4}$`));
    // The order keeps the customer out of the pool: last activity moves to the order date.
    const [row] = await t.database.db
      .select({ lastActivityOn: customers.lastActivityOn })
      .from(customers)
      .where(eq(customers.id, c.id));
    expect(row!.lastActivityOn).toBe(day);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'order'), eq(auditLog.entityId, String(order.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'assistant1' });
    expect((audit!.after as { lines: unknown[] }).lines).toHaveLength(2);
    // The rep sees the order the assistant entered for them.
    expect(expectStatus<OrderJson>(await rep1.get(`/api/v1/orders/${order.id}`), 200).id).toBe(order.id);
  });

  it('numbers orders SO + yyyymm + sequence, distinct under concurrent entry; a typed number is kept', async () => {
    const c = await customerOf('rep1');
    const made = await Promise.all(
      Array.from({ length: 5 }, () =>
        buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day }),
      ),
    );
    const nos = made.map((o) => o.no);
    expect(new Set(nos).size).toBe(5);
    const seqs = nos.map((n) => Number(n.slice(8))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(4);
    const typed = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      extra: { no: `SO${month}9000` },
    });
    expect(typed.no).toBe(`SO${month}9000`);
    const next = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day });
    expect(next.no).toBe(`SO${month}9001`);
    expectError(
      await rep1.send('POST', '/api/v1/orders', orderBody(c.id, { no: typed.no })),
      409,
      'conflict',
      'body.no',
    );
  });

  it('numbers the first order of a month after the orders already numbered in it (loaded in bulk)', async () => {
    const c = await customerOf('rep1');
    const earlier = addDays(day, -400);
    const earlierMonth = `${earlier.slice(0, 4)}${earlier.slice(5, 7)}`;
    await t.database.db.insert(orders).values({
      companyId: ids.companyId,
      no: `SO${earlierMonth}0042`,
      customerId: c.id,
      ownerEmployeeId: idOf(ids.employee, 'rep1'),
      orderDate: earlier,
      status: 'confirmed',
      totalFen: 100,
      taxFen: 0,
      openFen: 100,
    });
    const made = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: earlier });
    expect(made.no).toBe(`SO${earlierMonth}0043`);
  });

  it.each([
    [{ lines: [{ productId: 0, quantity: 1, promisedOn: day }] }, 'body.lines.0.productId'],
    [{ lines: [{ productId: 1, quantity: -2, promisedOn: day }] }, 'body.lines.0.quantity'],
    [{ lines: [{ productId: 1, quantity: 0, promisedOn: day }] }, 'body.lines.0.quantity'],
    [{ lines: [{ productId: 1, quantity: 1.5, promisedOn: day }] }, 'body.lines.0.quantity'],
    [
      { lines: [{ productId: 1, quantity: 1, discountBp: 10001, promisedOn: day }] },
      'body.lines.0.discountBp',
    ],
    [
      { lines: [{ productId: 1, quantity: 1, unitPriceFen: -1, promisedOn: day }] },
      'body.lines.0.unitPriceFen',
    ],
    [{ lines: [{ productId: 1, quantity: 1 }] }, 'body.lines.0.promisedOn'],
    [{ lines: [] }, 'body.lines'],
    [{ totalFen: 100 }, 'body.totalFen'],
    [{ orderDate: 'tomorrow' }, 'body.orderDate'],
    [{ customerId: 'x' }, 'body.customerId'],
  ])('refuses %j (400 naming %s)', async (patch, path) => {
    const c = await customerOf('rep1');
    expectError(await rep1.send('POST', '/api/v1/orders', orderBody(c.id, patch)), 400, 'validation', path);
  });

  it('checks products, dates and customer against the data; nothing is written on refusal', async () => {
    const c = await customerOf('rep1');
    const retired = await buildProduct(vp, { active: false });
    const before = await countAuditRows(t.database.db);
    const line = (patch: Record<string, unknown>) => ({
      lines: [{ productId: product.id, quantity: 1, promisedOn: day, ...patch }],
    });
    for (const [patch, path] of [
      [line({ productId: 999999 }), 'body.lines.0.productId'],
      [line({ productId: retired.id }), 'body.lines.0.productId'],
      [line({ promisedOn: addDays(day, -1) }), 'body.lines.0.promisedOn'],
      [{ orderDate: addDays(day, 1) }, 'body.orderDate'],
      [{ customerId: 999999 }, 'body.customerId'],
    ] as const) {
      expectError(await rep1.send('POST', '/api/v1/orders', orderBody(c.id, patch)), 400, 'validation', path);
    }
    // Outside scope looks the same as not existing.
    const theirs = await customerOf('rep4');
    expectError(
      await rep1.send('POST', '/api/v1/orders', orderBody(theirs.id)),
      400,
      'validation',
      'body.customerId',
    );
    // A customer in the pool is claimed before an order is taken for it.
    const pooled = await customerOf(null);
    expectError(
      await vp.send('POST', '/api/v1/orders', orderBody(pooled.id)),
      422,
      'business_rule',
      'body.customerId',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('401 without sign-in; 403 without order.manage', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/orders'],
      ['GET', '/api/v1/orders/at-risk'],
      ['GET', '/api/v1/orders/1'],
      ['POST', '/api/v1/orders'],
      ['PATCH', '/api/v1/orders/1'],
      ['POST', '/api/v1/orders/1/approve'],
      ['POST', '/api/v1/orders/1/reject'],
      ['POST', '/api/v1/orders/1/cancel'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    // A user who reads customers but holds neither order.manage nor order.approve.
    const admin = await signIn(t.app, 'admin');
    const reader = await createScopedUser(t.app, admin, {
      username: 'orderreader',
      permissions: ['customer.read'],
      unitId: idOf(ids.unit, 'XS-E1'),
      reportsToId: idOf(ids.position, 'XS-TL-E1'),
      dataScope: 'own',
    });
    const c = await customerOf('rep1');
    expectError(await reader.session.send('POST', '/api/v1/orders', orderBody(c.id)), 403, 'forbidden');
    expectError(await rep1.send('POST', '/api/v1/orders/1/approve', { version: 1 }), 403, 'forbidden');
    expect(expectStatus<{ total: number }>(await reader.session.get('/api/v1/orders'), 200).total).toBe(0);
  });

  it('refuses an order dated in a month the customer confirmed on a statement (对账单 lock)', async () => {
    const c = await customerOf('rep1');
    const period = day.slice(0, 7);
    await t.database.db.insert(statements).values({
      companyId: ids.companyId,
      customerId: c.id,
      period,
      openingFen: 0,
      ordersFen: 0,
      returnsFen: 0,
      receiptsFen: 0,
      invoicedFen: 0,
      closingFen: 0,
      status: 'confirmed',
    });
    expectError(
      await rep1.send('POST', '/api/v1/orders', orderBody(c.id)),
      422,
      'business_rule',
      'body.orderDate',
    );
  });
});

describe('discount floor approval (核决权限)', () => {
  it("takes the floor from the customer's own price: a dealer ordering at the dealer price list needs no approval", async () => {
    const listed = await buildProduct(vp, { listPriceFen: 10000, discountFloorBp: 9000 });
    expectStatus(
      await vp.send('POST', '/api/v1/price-lists', {
        name: '经销商价（测试）',
        customerCategory: 'dealer',
        validFrom: '2026-01-01',
        items: [{ productId: listed.id, priceFen: 8600 }],
      }),
      201,
    );
    const dealer = await customerOf('rep1', 'dealer');
    const atDealerPrice = await buildOrder(rep1, {
      customerId: dealer.id,
      productId: listed.id,
      orderDate: day,
      lines: [{ productId: listed.id, quantity: 1, promisedOn: day }],
    });
    expect(atDealerPrice.lines[0]!.unitPriceFen).toBe(8600);
    expect(atDealerPrice.status).toBe('confirmed');
    // 90% of the dealer price is 7740 fen: one fen less waits for a manager.
    const below = await buildOrder(rep1, {
      customerId: dealer.id,
      productId: listed.id,
      orderDate: day,
      lines: [{ productId: listed.id, quantity: 1, unitPriceFen: 7739, promisedOn: day }],
    });
    expect(below.status).toBe('awaiting_approval');
    const quote = expectStatus<{ floorPriceFen: number }>(
      await rep1.get(`/api/v1/prices/quote?customerId=${dealer.id}&productId=${listed.id}&date=${day}`),
      200,
    );
    expect(quote.floorPriceFen).toBe(7740);
  });

  it('below the floor the order awaits approval; a manager in scope approves it', async () => {
    const c = await customerOf('rep1');
    // 9000 fen is exactly the 90% floor: fine. 8999 is below.
    const atFloor = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      lines: [{ productId: product.id, quantity: 1, unitPriceFen: 9000, promisedOn: day }],
    });
    expect(atFloor.status).toBe('confirmed');
    const viaDiscount = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      lines: [{ productId: product.id, quantity: 1, discountBp: 1001, promisedOn: day }],
    });
    expect(viaDiscount.status).toBe('awaiting_approval');
    const order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      lines: [
        { productId: product.id, quantity: 2, unitPriceFen: 8999, promisedOn: day },
        { productId: cheap.id, quantity: 1, promisedOn: day },
      ],
    });
    expect(order.status).toBe('awaiting_approval');
    expect(order.lines.map((l) => l.belowFloor)).toEqual([true, false]);

    const url = `/api/v1/orders/${order.id}/approve`;
    expectError(await rep1.send('POST', url, { version: 1 }), 403, 'forbidden');
    expectError(await manager2.send('POST', url, { version: 1 }), 404, 'not_found');
    expectError(await manager1.send('POST', url, { version: 9 }), 409, 'conflict');
    expectError(await manager1.send('POST', url, { version: 1, note: 7 }), 400, 'validation', 'body.note');
    const approved = expectStatus<OrderJson>(
      await manager1.send('POST', url, { version: 1, note: '大客户首单' }),
      200,
    );
    expect(approved).toMatchObject({ status: 'confirmed', version: 2 });
    expectError(await manager1.send('POST', url, { version: 2 }), 422, 'business_rule', 'status');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'order'),
          eq(auditLog.entityId, String(order.id)),
          eq(auditLog.action, 'approve'),
        ),
      );
    expect(audit).toMatchObject({ actorName: 'manager1' });
    expect(audit!.after).toMatchObject({ status: 'confirmed', note: '大客户首单' });
  });

  it('rejected orders go back to draft; a corrected price confirms them, an unchanged one resubmits', async () => {
    const c = await customerOf('rep1');
    const low = [{ productId: product.id, quantity: 1, unitPriceFen: 5000, promisedOn: day }];
    let order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      lines: low,
    });
    order = expectStatus<OrderJson>(
      await vp.send('POST', `/api/v1/orders/${order.id}/reject`, {
        version: order.version,
        note: '价格太低',
      }),
      200,
    );
    expect(order.status).toBe('draft');
    // Saved again unchanged: back to the approver.
    order = expectStatus<OrderJson>(
      await rep1.send('PATCH', `/api/v1/orders/${order.id}`, { note: '客户坚持', version: order.version }),
      200,
    );
    expect(order.status).toBe('awaiting_approval');
    order = expectStatus<OrderJson>(
      await vp.send('POST', `/api/v1/orders/${order.id}/reject`, { version: order.version }),
      200,
    );
    order = expectStatus<OrderJson>(
      await rep1.send('PATCH', `/api/v1/orders/${order.id}`, {
        lines: [{ productId: product.id, quantity: 1, unitPriceFen: 9500, promisedOn: day }],
        version: order.version,
      }),
      200,
    );
    expect(order).toMatchObject({ status: 'confirmed', totalFen: 9500 });
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/reject`, { version: order.version }),
      403,
      'forbidden',
    );
  });
});

describe('edit', () => {
  it('replaces every line in one transaction and recomputes totals and status', async () => {
    const c = await customerOf('rep1');
    const order = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day });
    const edited = expectStatus<OrderJson>(
      await rep1.send('PATCH', `/api/v1/orders/${order.id}`, {
        orderDate: addDays(day, -3),
        lines: [
          { productId: cheap.id, quantity: 10, promisedOn: day },
          { productId: cheap.id, quantity: 1, promisedOn: day },
        ],
        version: 1,
      }),
      200,
    );
    expect(edited.lines.map((l) => [l.lineNo, l.quantity, l.amountFen])).toEqual([
      [1, 10, 3330],
      [2, 1, 333],
    ]);
    expect(edited).toMatchObject({ totalFen: 3663, version: 2, dueOn: addDays(day, 27) });
    const rows = await t.database.db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(rows).toHaveLength(2);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'order'),
          eq(auditLog.entityId, String(order.id)),
          eq(auditLog.action, 'update'),
        ),
      );
    expect((audit!.before as { lines: unknown[]; totalFen: number }).totalFen).toBe(order.totalFen);
    expect((audit!.after as { lines: unknown[] }).lines).toHaveLength(2);
  });

  it('two people editing the same order: one wins, the other gets 409 and changes nothing', async () => {
    const c = await customerOf('rep1');
    const order = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day });
    const edit = (session: Session, quantity: number) =>
      session.send('PATCH', `/api/v1/orders/${order.id}`, {
        lines: [{ productId: product.id, quantity, promisedOn: day }],
        version: 1,
      });
    const results = await Promise.all([edit(rep1, 5), edit(lead1, 7)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json<OrderJson>();
    const now = expectStatus<OrderJson>(await rep1.get(`/api/v1/orders/${order.id}`), 200);
    expect(now.version).toBe(2);
    expect(now.lines).toHaveLength(1);
    expect(now.lines[0]!.quantity).toBe(winner.lines[0]!.quantity);
    expect(now.totalFen).toBe(now.lines[0]!.amountFen);
    expectError(await edit(rep1, 9), 409, 'conflict');
  });

  it('is refused once anything has shipped, and for cancelled orders', async () => {
    const c = await customerOf('rep1');
    const order = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day });
    const shipped = expectStatus<OrderJson>(
      await rep1.send('POST', `/api/v1/orders/${order.id}/shipments`, {
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      }),
      201,
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/orders/${order.id}`, { note: 'x', version: shipped.version }),
      422,
      'business_rule',
      'status',
    );
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/cancel`, { version: shipped.version }),
      422,
      'business_rule',
      'status',
    );
    const other = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: day });
    const cancelled = expectStatus<OrderJson>(
      await rep1.send('POST', `/api/v1/orders/${other.id}/cancel`, { version: 1, note: '客户取消' }),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    expectError(
      await rep1.send('PATCH', `/api/v1/orders/${other.id}`, { note: 'x', version: 2 }),
      422,
      'business_rule',
      'status',
    );
  });

  it('400 naming the field; 404 outside scope', async () => {
    const theirs = await customerOf('rep4');
    const order = await buildOrder(rep4, { customerId: theirs.id, productId: product.id, orderDate: day });
    expectError(
      await rep1.send('PATCH', `/api/v1/orders/${order.id}`, { note: 'x', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('PATCH', `/api/v1/orders/${order.id}`, {
        lines: [{ productId: product.id, quantity: -1, promisedOn: day }],
        version: 1,
      }),
      400,
      'validation',
      'body.lines.0.quantity',
    );
    expectError(
      await rep4.send('PATCH', `/api/v1/orders/${order.id}`, { note: 'x' }),
      400,
      'validation',
      'body.version',
    );
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/cancel`, { version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await manager1.send('POST', `/api/v1/orders/${order.id}/reject`, {}),
      400,
      'validation',
      'body.version',
    );
  });
});

describe('scope', () => {
  it('rep1 cannot see rep4’s orders (404) nor list them; lead2 sees the team’s; manager2 none of East', async () => {
    const mine = await customerOf('rep1');
    const teamMate = await customerOf('rep5');
    const theirs = await customerOf('rep4');
    const a = await buildOrder(rep1, { customerId: mine.id, productId: product.id, orderDate: day });
    const b = await buildOrder(lead2, { customerId: teamMate.id, productId: product.id, orderDate: day });
    const d = await buildOrder(rep4, { customerId: theirs.id, productId: product.id, orderDate: day });
    expectError(await rep1.get(`/api/v1/orders/${d.id}`), 404, 'not_found');
    expectError(await rep1.get(`/api/v1/orders/${b.id}`), 404, 'not_found');
    expectError(await rep4.get(`/api/v1/orders/${b.id}`), 404, 'not_found');
    expectError(await manager2.get(`/api/v1/orders/${a.id}`), 404, 'not_found');
    expectError(await lead2.get(`/api/v1/orders/${a.id}`), 404, 'not_found');
    const visible = async (s: Session) =>
      new Set((await readAllPages<OrderJson>(s, '/api/v1/orders', 50)).items.map((o) => o.id));
    const rep1Sees = await visible(rep1);
    expect(rep1Sees.has(a.id) && !rep1Sees.has(b.id) && !rep1Sees.has(d.id)).toBe(true);
    // lead2 sees the team's (rep4, rep5), not East 1's.
    const lead2Sees = await visible(lead2);
    expect(lead2Sees.has(d.id) && lead2Sees.has(b.id) && !lead2Sees.has(a.id)).toBe(true);
    // lead1, acting for the channel supervisor this week, sees all of East.
    const lead1Sees = await visible(lead1);
    expect([a.id, b.id, d.id].every((id) => lead1Sees.has(id))).toBe(true);
    const manager2Sees = await visible(manager2);
    expect([a.id, b.id, d.id].some((id) => manager2Sees.has(id))).toBe(false);
    const vpSees = await visible(vp);
    expect([a.id, b.id, d.id].every((id) => vpSees.has(id))).toBe(true);
    // Every order in rep1's list is on one of rep1's own customers.
    const owners = await t.database.db
      .select({ id: orders.id, owner: customers.ownerEmployeeId })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId));
    const ownerOf = new Map(owners.map((o) => [o.id, o.owner]));
    for (const id of rep1Sees) expect(ownerOf.get(id)).toBe(idOf(ids.employee, 'rep1'));
  });

  it('filters, sorts and pages the list', async () => {
    const c = await customerOf('rep1');
    for (const q of [1, 3, 2]) {
      await buildOrder(rep1, {
        customerId: c.id,
        productId: product.id,
        orderDate: addDays(day, -q),
        lines: [{ productId: product.id, quantity: q, promisedOn: day }],
      });
    }
    const page = expectStatus<{ items: OrderJson[]; total: number }>(
      await rep1.get(`/api/v1/orders?customerId=${c.id}&sort=totalFen&order=desc`),
      200,
    );
    expect(page.total).toBe(3);
    expect(page.items.map((o) => o.totalFen)).toEqual([30000, 20000, 10000]);
    expect(page.items.every((o) => o.openFen === o.totalFen)).toBe(true);
    const dated = expectStatus<{ total: number }>(
      await rep1.get(`/api/v1/orders?customerId=${c.id}&from=${addDays(day, -2)}&to=${addDays(day, -1)}`),
      200,
    );
    expect(dated.total).toBe(2);
    expectError(await rep1.get('/api/v1/orders?status=lost'), 400, 'validation', 'query.status');
    expectError(await rep1.get('/api/v1/orders?from=yesterday'), 400, 'validation', 'query.from');
    expectError(await rep1.get('/api/v1/orders/0'), 400, 'validation', 'params.id');
    expectError(await rep1.get('/api/v1/orders/999999'), 404, 'not_found');
  });
});

describe('orders at risk of missing their delivery date (交期预警)', () => {
  it('lists lines not fully shipped promised within N days or late, in scope, most urgent first', async () => {
    const c = await customerOf('rep1');
    const theirs = await customerOf('rep4');
    const order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: addDays(day, -20),
      lines: [
        { productId: product.id, quantity: 2, promisedOn: addDays(day, -2) }, // late
        { productId: product.id, quantity: 2, promisedOn: addDays(day, 7) }, // at the edge
        { productId: product.id, quantity: 2, promisedOn: addDays(day, 8) }, // outside
        { productId: cheap.id, quantity: 2, promisedOn: addDays(day, 1) }, // shipped in full below
      ],
    });
    await buildOrder(rep4, {
      customerId: theirs.id,
      productId: product.id,
      orderDate: day,
      lines: [{ productId: product.id, quantity: 1, promisedOn: day }],
    });
    expectStatus(
      await rep1.send('POST', `/api/v1/orders/${order.id}/shipments`, {
        lines: [
          { orderLineId: order.lines[3]!.id, quantity: 2 },
          { orderLineId: order.lines[0]!.id, quantity: 1 },
        ],
      }),
      201,
    );
    const risk = expectStatus<{
      items: { id: number; orderId: number; daysLeft: number; overdue: boolean; remainingQuantity: number }[];
      total: number;
    }>(await rep1.get('/api/v1/orders/at-risk?days=7&pageSize=200'), 200);
    const ofOrder = risk.items.filter((i) => i.orderId === order.id);
    expect(ofOrder.map((i) => [i.id, i.daysLeft, i.overdue, i.remainingQuantity])).toEqual([
      [order.lines[0]!.id, -2, true, 1],
      [order.lines[1]!.id, 7, false, 2],
    ]);
    expect(risk.items.every((i) => i.daysLeft <= 7)).toBe(true);
    const rep4Risk = expectStatus<{ items: { orderId: number }[] }>(
      await rep4.get('/api/v1/orders/at-risk'),
      200,
    );
    expect(rep4Risk.items.some((i) => i.orderId === order.id)).toBe(false);
    const wider = expectStatus<{ items: { orderId: number }[] }>(
      await rep1.get('/api/v1/orders/at-risk?days=8&pageSize=200'),
      200,
    );
    expect(wider.items.filter((i) => i.orderId === order.id)).toHaveLength(3);
    expectError(await rep1.get('/api/v1/orders/at-risk?days=-1'), 400, 'validation', 'query.days');
    expectError(await rep1.get('/api/v1/orders/at-risk?days=x'), 400, 'validation', 'query.days');
  });
});

describe('totals equal the sum of the lines (property, on this engine)', () => {
  it('for any lines the server stores total = Σ line amounts and tax = Σ line taxes', async () => {
    const c = await customerOf('rep1');
    const line = fc.record({
      productId: fc.constantFrom(product.id, cheap.id),
      quantity: fc.integer({ min: 1, max: 5000 }),
      unitPriceFen: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
      discountBp: fc.integer({ min: 0, max: 10000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
        const order = await buildOrder(manager1, {
          customerId: c.id,
          productId: product.id,
          orderDate: day,
          lines: lines.map((l) => ({ ...l, promisedOn: day })),
        });
        const [stored] = await t.database.db
          .select({
            total: orders.totalFen,
            tax: orders.taxFen,
            // Spelled out: drizzle writes a lone column of a one-table select without its table name.
            sumAmount: sql<number>`(select sum(l.amount_fen) from order_lines l where l.order_id = orders.id)`,
            sumTax: sql<number>`(select sum(l.tax_fen) from order_lines l where l.order_id = orders.id)`,
          })
          .from(orders)
          .where(eq(orders.id, order.id));
        const expected = lines.map((l) =>
          computeLine({
            quantity: l.quantity,
            unitPriceFen: l.unitPriceFen ?? (l.productId === product.id ? 10000 : 333),
            discountBp: l.discountBp,
            taxRateBp: l.productId === product.id ? 1300 : 600,
          }),
        );
        const lineRows = await t.database.db
          .select({ amount: orderLines.amountFen })
          .from(orderLines)
          .where(eq(orderLines.orderId, order.id))
          .orderBy(asc(orderLines.lineNo));
        return (
          stored!.total === Number(stored!.sumAmount) &&
          stored!.tax === Number(stored!.sumTax) &&
          stored!.total === order.totalFen &&
          lineRows.map((r) => r.amount).join() === expected.map((e) => e.amountFen).join()
        );
      }),
      { numRuns: 15 },
    );
  });
});
