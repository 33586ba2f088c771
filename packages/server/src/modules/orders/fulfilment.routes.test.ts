import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import {
  addDays,
  countAuditRows,
  expectError,
  readAllPages,
  signInAll,
  today,
} from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { orderLines, salesReturns } from './orders.table.ts';
import {
  buildCustomer,
  buildOrder,
  buildProduct,
  expectStatus,
  type OrderJson,
  type ProductJson,
} from './test-factories.ts';

/** Shipments, proofs (彩喷稿 / 印刷稿) and returns on an order. */

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let rep1: Session;
let rep4: Session;
let assistant1: Session;
let product: ProductJson;
const day = today();
const month = `${day.slice(0, 4)}${day.slice(5, 7)}`;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, rep1, rep4, assistant1] = await signInAll(t.app, [
    'vp',
    'manager1',
    'rep1',
    'rep4',
    'assistant1',
  ] as const);
  product = await buildProduct(vp, { listPriceFen: 1000, taxRateBp: 1300 });
});
afterAll(() => t.close());

const customerOf = (owner: string) =>
  buildCustomer(t.database.db, ids.companyId, { ownerEmployeeId: idOf(ids.employee, owner) });

/** An order of rep1's (or `owner`'s) with lines of the given quantities, dated a week ago. */
async function orderWith(quantities: number[], session: Session = rep1, owner = 'rep1') {
  const c = await customerOf(owner);
  return buildOrder(session, {
    customerId: c.id,
    productId: product.id,
    orderDate: addDays(day, -7),
    lines: quantities.map((quantity) => ({ productId: product.id, quantity, promisedOn: day })),
  });
}

/** A shipment of [line index, quantity] pairs, answered as is. */
function tryShip(session: Session, order: OrderJson, lines: [number, number][]) {
  return session.send('POST', `/api/v1/orders/${order.id}/shipments`, {
    courier: '顺丰',
    trackingNo: 'SF1234567890',
    lines: lines.map(([i, quantity]) => ({ orderLineId: order.lines[i]!.id, quantity })),
  });
}

/** A shipment that must succeed; the order after it. */
async function ship(session: Session, order: OrderJson, lines: [number, number][]) {
  return expectStatus<OrderJson>(await tryShip(session, order, lines), 201);
}

async function upload(session: Session, name = 'proof.png') {
  return expectStatus<{ id: number }>(
    await session.send('POST', '/api/v1/files', {
      name,
      mime: 'image/png',
      contentBase64: Buffer.from(`PNG ${name} ${Math.random()}`).toString('base64'),
    }),
    201,
  );
}

describe('shipments', () => {
  it('partial then full: status follows, shipped quantities add up, the order’s version moves on', async () => {
    const order = await orderWith([5, 2]);
    let after = await ship(rep1, order, [[0, 3]]);
    expect(after).toMatchObject({ status: 'partially_shipped', version: 2 });
    expect(after.lines.map((l) => l.shippedQuantity)).toEqual([3, 0]);
    expect(after.shipments).toHaveLength(1);
    expect(after.shipments[0]).toMatchObject({ courier: '顺丰', trackingNo: 'SF1234567890', shippedOn: day });
    after = await ship(assistant1, after, [
      [0, 2],
      [1, 2],
    ]);
    expect(after).toMatchObject({ status: 'shipped', version: 3 });
    expect(after.lines.map((l) => l.shippedQuantity)).toEqual([5, 2]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'shipment'), eq(auditLog.entityId, String(after.shipments[1]!.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'assistant1' });
    expect(audit!.after).toMatchObject({ orderStatus: 'shipped' });
    // Nothing left: a shipped order takes no more shipments.
    expectError(await tryShip(rep1, after, [[0, 1]]), 422, 'business_rule', 'status');
  });

  it('more than remains is refused naming body.lines.N.quantity, and nothing ships', async () => {
    const order = await orderWith([5, 2]);
    const before = await countAuditRows(t.database.db);
    const err = expectError(
      await tryShip(rep1, order, [
        [0, 5],
        [1, 3],
      ]),
      422,
      'business_rule',
      'body.lines.1.quantity',
    );
    expect(err.details.map((d) => d.path)).toEqual(['body.lines.1.quantity']);
    expect(await countAuditRows(t.database.db)).toBe(before);
    const rows = await t.database.db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(rows.every((r) => r.shippedQuantity === 0)).toBe(true);
  });

  it.each([
    [{ lines: [] }, 'body.lines'],
    [{ lines: [{ orderLineId: 1, quantity: -1 }] }, 'body.lines.0.quantity'],
    [{ lines: [{ orderLineId: 1, quantity: 0 }] }, 'body.lines.0.quantity'],
    [{ lines: [{ orderLineId: 'a', quantity: 1 }] }, 'body.lines.0.orderLineId'],
    [{ shippedOn: '2026-02-31', lines: [{ orderLineId: 1, quantity: 1 }] }, 'body.shippedOn'],
    [{ carrier: 'x', lines: [{ orderLineId: 1, quantity: 1 }] }, 'body.carrier'],
  ])('400 for %j naming %s', async (body, path) => {
    const order = await orderWith([1]);
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/shipments`, body),
      400,
      'validation',
      path,
    );
  });

  it('a line of another order, the same line twice, or a future date are 400', async () => {
    const order = await orderWith([3]);
    const other = await orderWith([3]);
    const url = `/api/v1/orders/${order.id}/shipments`;
    expectError(
      await rep1.send('POST', url, { lines: [{ orderLineId: other.lines[0]!.id, quantity: 1 }] }),
      400,
      'validation',
      'body.lines.0.orderLineId',
    );
    expectError(
      await rep1.send('POST', url, {
        lines: [
          { orderLineId: order.lines[0]!.id, quantity: 1 },
          { orderLineId: order.lines[0]!.id, quantity: 1 },
        ],
      }),
      400,
      'validation',
      'body.lines.1.orderLineId',
    );
    expectError(
      await rep1.send('POST', url, {
        shippedOn: addDays(day, 1),
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      }),
      400,
      'validation',
      'body.shippedOn',
    );
  });

  it('an order awaiting its discount approval does not ship; 401 and 404 outside scope', async () => {
    const c = await customerOf('rep1');
    const order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: day,
      lines: [{ productId: product.id, quantity: 1, unitPriceFen: 100, promisedOn: day }],
    });
    expect(order.status).toBe('awaiting_approval');
    expectError(await tryShip(rep1, order, [[0, 1]]), 422, 'business_rule', 'status');
    const theirs = await orderWith([2], rep4, 'rep4');
    expectError(await tryShip(rep1, theirs, [[0, 1]]), 404, 'not_found');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/shipments`,
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('proofs (彩喷稿 / 印刷稿)', () => {
  it('a pending or rejected proof stops shipment; approved artwork lets it go', async () => {
    const order = await orderWith([4]);
    const file = await upload(rep1, '彩喷稿-v1.png');
    const proof = expectStatus<{
      id: number;
      state: string;
      version: number;
      fileName: string;
      kind: string;
    }>(
      await rep1.send('POST', `/api/v1/orders/${order.id}/proofs`, { kind: 'colour', fileId: file.id }),
      201,
    );
    expect(proof).toMatchObject({ state: 'pending', fileName: '彩喷稿-v1.png', kind: 'colour', version: 1 });
    const blocked = expectError(await tryShip(rep1, order, [[0, 1]]), 422, 'business_rule', 'proofs');
    expect(blocked.message).toContain('1');

    const rejected = expectStatus<{ state: string; decidedOn: string; version: number }>(
      await assistant1.send('POST', `/api/v1/proofs/${proof.id}/decide`, {
        decision: 'rejected',
        note: '客户要求改颜色',
        version: 1,
      }),
      200,
    );
    expect(rejected).toMatchObject({ state: 'rejected', decidedOn: day, version: 2 });
    expectError(await tryShip(rep1, order, [[0, 1]]), 422, 'business_rule', 'proofs');
    // Deciding twice is refused; a new revision goes back to pending.
    expectError(
      await rep1.send('POST', `/api/v1/proofs/${proof.id}/decide`, { decision: 'approved', version: 2 }),
      422,
      'business_rule',
      'state',
    );
    const v2 = await upload(rep1, '彩喷稿-v2.png');
    const revised = expectStatus<{ state: string; decidedOn: null; version: number; fileName: string }>(
      await rep1.send('PATCH', `/api/v1/proofs/${proof.id}`, { fileId: v2.id, version: 2 }),
      200,
    );
    expect(revised).toMatchObject({
      state: 'pending',
      decidedOn: null,
      version: 3,
      fileName: '彩喷稿-v2.png',
    });
    expectStatus(
      await rep1.send('POST', `/api/v1/proofs/${proof.id}/decide`, {
        decision: 'approved',
        decidedOn: addDays(day, -1),
        version: 3,
      }),
      200,
    );
    const shipped = await ship(rep1, order, [[0, 4]]);
    expect(shipped.status).toBe('shipped');
    expect(shipped.proofs).toEqual([
      expect.objectContaining({ id: proof.id, state: 'approved', decidedOn: addDays(day, -1) }),
    ]);
    const list = expectStatus<{ id: number }[]>(await rep1.get(`/api/v1/orders/${order.id}/proofs`), 200);
    expect(list.map((p) => p.id)).toEqual([proof.id]);
    // The artwork is downloadable by whoever sees the order, and nobody else.
    expect((await manager1.get(`/api/v1/files/${v2.id}`)).statusCode).toBe(200);
    expect((await rep4.get(`/api/v1/files/${v2.id}`)).statusCode).toBe(404);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'proof'), eq(auditLog.entityId, String(proof.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(['approve', 'create', 'reject', 'update']);
  });

  it('400 naming the field; a file the caller may not see cannot be attached; 404 and 409', async () => {
    const order = await orderWith([1]);
    const url = `/api/v1/orders/${order.id}/proofs`;
    const file = await upload(rep1);
    expectError(
      await rep1.send('POST', url, { kind: 'photo', fileId: file.id }),
      400,
      'validation',
      'body.kind',
    );
    expectError(await rep1.send('POST', url, { kind: 'print' }), 400, 'validation', 'body.fileId');
    const foreign = await upload(rep4);
    expectError(
      await rep1.send('POST', url, { kind: 'print', fileId: foreign.id }),
      400,
      'validation',
      'body.fileId',
    );
    const proof = expectStatus<{ id: number }>(
      await rep1.send('POST', url, { kind: 'print', fileId: file.id }),
      201,
    );
    expectError(
      await rep1.send('POST', `/api/v1/proofs/${proof.id}/decide`, { decision: 'maybe', version: 1 }),
      400,
      'validation',
      'body.decision',
    );
    expectError(
      await rep1.send('POST', `/api/v1/proofs/${proof.id}/decide`, {
        decision: 'approved',
        decidedOn: addDays(day, 1),
        version: 1,
      }),
      400,
      'validation',
      'body.decidedOn',
    );
    expectError(
      await rep1.send('POST', `/api/v1/proofs/${proof.id}/decide`, { decision: 'approved', version: 5 }),
      409,
      'conflict',
    );
    expectError(
      await rep4.send('POST', `/api/v1/proofs/${proof.id}/decide`, { decision: 'approved', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('PATCH', `/api/v1/proofs/${proof.id}`, { fileId: foreign.id, version: 1 }),
      404,
      'not_found',
    );
    expectError(await rep4.get(`/api/v1/orders/${order.id}/proofs`), 404, 'not_found');
    expectError(await rep4.send('POST', url, { kind: 'print', fileId: foreign.id }), 404, 'not_found');
    expectError(
      await rep1.send('PATCH', `/api/v1/proofs/${proof.id}`, { version: 1 }),
      400,
      'validation',
      'body.fileId',
    );
    for (const [method, u] of [
      ['GET', url],
      ['POST', url],
      ['POST', `/api/v1/proofs/${proof.id}/decide`],
      ['PATCH', `/api/v1/proofs/${proof.id}`],
    ] as const) {
      const res = await t.app.inject({ method, url: u, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${u}`).toBe(401);
    }
  });
});

interface ReturnJson {
  id: number;
  no: string;
  orderId: number;
  amountFen: number;
  taxFen: number;
  lines: { orderLineId: number; quantity: number; amountFen: number; taxFen: number }[];
}

describe('returns and credit notes (退货 / 红字)', () => {
  it('pro-rates each return; returning every unit in steps adds up exactly to the line; open amount falls', async () => {
    const c = await customerOf('rep1');
    // 7 units at 1000 fen less 3.33%: 6766.9 → 6767 fen, tax 778.5 → 779 — no even split.
    const order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: addDays(day, -7),
      lines: [{ productId: product.id, quantity: 7, discountBp: 333, promisedOn: day }],
    });
    const line = order.lines[0]!;
    expect([line.amountFen, line.taxFen]).toEqual([6767, 779]);
    await ship(rep1, order, [[0, 7]]);
    const returns: ReturnJson[] = [];
    for (const quantity of [2, 3, 1, 1]) {
      returns.push(
        expectStatus<ReturnJson>(
          await rep1.send('POST', `/api/v1/orders/${order.id}/returns`, {
            returnDate: day,
            reason: '破损',
            lines: [{ orderLineId: line.id, quantity }],
          }),
          201,
        ),
      );
    }
    expect(returns.reduce((s, r) => s + r.amountFen, 0)).toBe(line.amountFen);
    expect(returns.reduce((s, r) => s + r.taxFen, 0)).toBe(line.taxFen);
    expect(returns.every((r) => r.no.startsWith(`TH${month}`))).toBe(true);
    expect(new Set(returns.map((r) => r.no)).size).toBe(4);
    const after = expectStatus<OrderJson>(await rep1.get(`/api/v1/orders/${order.id}`), 200);
    expect(after.lines[0]!.returnedQuantity).toBe(7);
    expect(after.returns).toHaveLength(4);
    expect(after.balance).toMatchObject({ totalFen: 6767, returnedFen: 6767, openFen: 0 });
    expect(after.openFen).toBe(0);
    // Nothing left to return.
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/returns`, {
        returnDate: day,
        reason: '破损',
        lines: [{ orderLineId: line.id, quantity: 1 }],
      }),
      422,
      'business_rule',
      'body.lines.0.quantity',
    );
  });

  it('any sequence of partial returns adds up exactly (property over the API)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
        async (quantity, unitPriceFen, discountBp, steps) => {
          const c = await customerOf('rep1');
          const order = await buildOrder(manager1, {
            customerId: c.id,
            productId: product.id,
            orderDate: day,
            lines: [
              { productId: product.id, quantity, unitPriceFen: Math.max(unitPriceFen, 1000), discountBp: 0 },
            ].map((l) => ({ ...l, discountBp: discountBp % 1000, promisedOn: day })),
          });
          await ship(manager1, order, [[0, quantity]]);
          let left = quantity;
          for (const s of [...steps, quantity]) {
            const q = Math.min(s, left);
            if (q === 0) break;
            expectStatus(
              await manager1.send('POST', `/api/v1/orders/${order.id}/returns`, {
                returnDate: day,
                reason: 'x',
                lines: [{ orderLineId: order.lines[0]!.id, quantity: q }],
              }),
              201,
            );
            left -= q;
          }
          const rows = await t.database.db
            .select()
            .from(salesReturns)
            .where(eq(salesReturns.orderId, order.id));
          const amount = rows.reduce((s, r) => s + r.amountFen, 0);
          const tax = rows.reduce((s, r) => s + r.taxFen, 0);
          return (
            amount === order.lines[0]!.amountFen &&
            tax === order.lines[0]!.taxFen &&
            rows.every((r) => r.taxFen <= r.amountFen && r.taxFen >= 0)
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('only shipped units come back: more than shipped − returned is refused, nothing written', async () => {
    const order = await orderWith([5, 5]);
    await ship(rep1, order, [[0, 2]]);
    const before = await countAuditRows(t.database.db);
    const err = expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/returns`, {
        returnDate: day,
        reason: '质量问题',
        lines: [
          { orderLineId: order.lines[0]!.id, quantity: 2 },
          { orderLineId: order.lines[1]!.id, quantity: 1 },
        ],
      }),
      422,
      'business_rule',
      'body.lines.1.quantity',
    );
    expect(err.details).toHaveLength(1);
    expect(await countAuditRows(t.database.db)).toBe(before);
    const rows = await t.database.db.select().from(salesReturns).where(eq(salesReturns.orderId, order.id));
    expect(rows).toHaveLength(0);
  });

  it.each([
    [{ reason: '', lines: [{ orderLineId: 1, quantity: 1 }] }, 'body.reason'],
    [{ reason: 'x', lines: [{ orderLineId: 1, quantity: -1 }] }, 'body.lines.0.quantity'],
    [{ reason: 'x', lines: [] }, 'body.lines'],
    [{ reason: 'x', amountFen: 5, lines: [{ orderLineId: 1, quantity: 1 }] }, 'body.amountFen'],
  ])('400 for %j naming %s', async (patch, path) => {
    const order = await orderWith([1]);
    expectError(
      await rep1.send('POST', `/api/v1/orders/${order.id}/returns`, { returnDate: day, ...patch }),
      400,
      'validation',
      path,
    );
  });

  it('dates: not before the order, not in the future; credited to the order’s owner and team', async () => {
    const order = await orderWith([2]);
    await ship(rep1, order, [[0, 2]]);
    const url = `/api/v1/orders/${order.id}/returns`;
    const lines = [{ orderLineId: order.lines[0]!.id, quantity: 1 }];
    expectError(
      await rep1.send('POST', url, { returnDate: addDays(day, -8), reason: 'x', lines }),
      400,
      'validation',
      'body.returnDate',
    );
    expectError(
      await rep1.send('POST', url, { returnDate: addDays(day, 1), reason: 'x', lines }),
      400,
      'validation',
      'body.returnDate',
    );
    const r = expectStatus<ReturnJson & { ownerEmployeeId: number; unitId: number; customerName: string }>(
      await assistant1.send('POST', url, { returnDate: day, reason: '客户退货', lines }),
      201,
    );
    expect(r).toMatchObject({
      ownerEmployeeId: idOf(ids.employee, 'rep1'),
      unitId: idOf(ids.unit, 'XS-E1'),
      orderId: order.id,
    });
  });

  it('lists and reads returns in scope only; 401 and 404', async () => {
    const mine = await orderWith([2]);
    const theirs = await orderWith([2], rep4, 'rep4');
    await ship(rep1, mine, [[0, 2]]);
    await ship(rep4, theirs, [[0, 2]]);
    const make = async (s: Session, o: OrderJson) =>
      expectStatus<ReturnJson>(
        await s.send('POST', `/api/v1/orders/${o.id}/returns`, {
          returnDate: day,
          reason: 'x',
          lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }],
        }),
        201,
      );
    const a = await make(rep1, mine);
    const b = await make(rep4, theirs);
    expectError(
      await rep1.send('POST', `/api/v1/orders/${theirs.id}/returns`, {
        returnDate: day,
        reason: 'x',
        lines: [{ orderLineId: theirs.lines[0]!.id, quantity: 1 }],
      }),
      404,
      'not_found',
    );
    expectError(await rep1.get(`/api/v1/returns/${b.id}`), 404, 'not_found');
    expect(expectStatus<ReturnJson>(await rep1.get(`/api/v1/returns/${a.id}`), 200).id).toBe(a.id);
    const listed = await readAllPages<ReturnJson>(rep1, '/api/v1/returns', 3);
    expect(listed.items.some((r) => r.id === a.id)).toBe(true);
    expect(listed.items.some((r) => r.id === b.id)).toBe(false);
    const byOrder = expectStatus<{ items: ReturnJson[]; total: number }>(
      await vp.get(`/api/v1/returns?orderId=${theirs.id}`),
      200,
    );
    expect(byOrder.items.map((r) => r.id)).toEqual([b.id]);
    expectError(await rep1.get('/api/v1/returns?from=x'), 400, 'validation', 'query.from');
    expectError(await rep1.get('/api/v1/returns/x'), 400, 'validation', 'params.id');
    for (const url of ['/api/v1/returns', `/api/v1/returns/${a.id}`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/orders/${mine.id}/returns`, payload: {} }))
        .statusCode,
    ).toBe(401);
  });
});
