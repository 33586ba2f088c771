import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { idOf } from '../../../test/demo-org.ts';
import { loadOrderBalances } from './open-amount.ts';
import { buildMoneyKit, buildReturn, type MoneyKit } from './test-factories.ts';

/** Collection plans, ageing, the overdue list and bad-debt write-offs. */

let t: TestApp;
let kit: MoneyKit;
let rep1: Session;
let rep4: Session;
let lead1: Session;
let manager1: Session;
let manager2: Session;
let lead2: Session;
let lead3: Session;
let vp: Session;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
  [rep1, rep4, lead1, lead2, lead3, manager1, manager2, vp, admin] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'lead1',
    'lead2',
    'lead3',
    'manager1',
    'manager2',
    'vp',
    'admin',
  ]);
});
afterAll(() => t.close());

const day = (offset: number) => addDays(today(), offset);
let keySeq = 0;
async function pay(
  session: Session,
  customerId: number,
  amountFen: number,
  extra: Record<string, unknown> = {},
) {
  const res = await session.send('POST', '/api/v1/receipts', {
    customerId,
    receivedOn: day(0),
    amountFen,
    method: 'bank',
    payer: '付款方',
    idempotencyKey: `plans-${++keySeq}`,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`receipt: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number; unallocatedFen: number }>();
}
const openOf = async (orderId: number) =>
  (await loadOrderBalances(t.database.db, [orderId])).get(orderId)!.openFen;

describe('collection plans (回款计划)', () => {
  it('instalments must add up to the order amount; the gap is shown and nothing is saved', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-40), amounts: [100_000] });
    const short = await rep1.send('PUT', '/api/v1/collection-plans', {
      orderId: o.order.id,
      instalments: [
        { dueOn: day(-30), amountFen: 30_000 },
        { dueOn: day(10), amountFen: 60_000 },
      ],
    });
    const error = expectError(short, 422, 'business_rule', 'body.instalments');
    expect(error.message).toContain('100.00');
    expect(error.details[0]!.message).toMatch(/900\.00.*1,000\.00.*100\.00/);
    const empty = await rep1.get(`/api/v1/collection-plans?orderId=${o.order.id}`);
    expect(empty.json()).toMatchObject({ kind: 'order', targetFen: 100_000, instalments: [] });
  });

  it('saves, covers instalments in due order with what was settled, and replaces on save', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-40), amounts: [100_000] });
    const saved = await rep1.send('PUT', '/api/v1/collection-plans', {
      orderId: o.order.id,
      instalments: [
        { dueOn: day(30), amountFen: 40_000, note: '尾款' },
        { dueOn: day(-10), amountFen: 60_000, note: '首付' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().instalments.map((i: { seq: number; state: string }) => [i.seq, i.state])).toEqual([
      [1, 'overdue'],
      [2, 'upcoming'],
    ]);
    await pay(rep1, c.id, 70_000);
    const plan = (await rep1.get(`/api/v1/collection-plans?orderId=${o.order.id}`)).json();
    expect(plan.settledFen).toBe(70_000);
    expect(plan.instalments).toMatchObject([
      { seq: 1, note: '首付', collectedFen: 60_000, outstandingFen: 0, state: 'paid' },
      { seq: 2, note: '尾款', collectedFen: 10_000, outstandingFen: 30_000, state: 'upcoming' },
    ]);
    const replaced = await rep1.send('PUT', '/api/v1/collection-plans', {
      orderId: o.order.id,
      instalments: [{ dueOn: day(5), amountFen: 100_000 }],
    });
    expect(replaced.json().instalments).toHaveLength(1);
  });

  it('plans a contract across its orders', async () => {
    const c = await kit.customer('rep1');
    const contract = await kit.contract(c, 300_000);
    await kit.order(c, { orderDate: day(-20), amounts: [100_000], contractId: contract.id });
    await kit.order(c, { orderDate: day(-10), amounts: [50_000], contractId: contract.id });
    const res = await rep1.send('PUT', '/api/v1/collection-plans', {
      contractId: contract.id,
      instalments: [
        { dueOn: day(-5), amountFen: 100_000 },
        { dueOn: day(3), amountFen: 100_000 },
        { dueOn: day(40), amountFen: 100_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    await pay(rep1, c.id, 120_000);
    const plan = (await rep1.get(`/api/v1/collection-plans?contractId=${contract.id}`)).json();
    expect(plan).toMatchObject({
      kind: 'contract',
      targetNo: contract.no,
      targetFen: 300_000,
      settledFen: 120_000,
    });
    expect(plan.instalments.map((i: { outstandingFen: number }) => i.outstandingFen)).toEqual([
      0, 80_000, 100_000,
    ]);

    // The to-do: due within a week, outstanding only.
    const due = (await rep1.get('/api/v1/collection-plans/due?withinDays=7')).json();
    const mine = due.items.filter((i: { targetId: number }) => i.targetId === contract.id);
    expect(mine).toMatchObject([
      { kind: 'contract', seq: 2, state: 'due', outstandingFen: 80_000, ownerName: '赵磊' },
    ]);
    const notYet = (await rep1.get('/api/v1/collection-plans/due')).json();
    expect(notYet.items.filter((i: { targetId: number }) => i.targetId === contract.id)).toEqual([]);
  });

  it('lists overdue instalments for the owner; the lead sees them with all=true', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-60), amounts: [10_000] });
    await rep1.send('PUT', '/api/v1/collection-plans', {
      orderId: o.order.id,
      instalments: [{ dueOn: day(-20), amountFen: 10_000 }],
    });
    const item = (res: { items: { targetId: number }[] }) => res.items.find((i) => i.targetId === o.order.id);
    expect(item((await rep1.get('/api/v1/collection-plans/due')).json())).toMatchObject({
      state: 'overdue',
      daysOverdue: 20,
    });
    expect(item((await lead1.get('/api/v1/collection-plans/due')).json())).toBeUndefined();
    expect(item((await lead1.get('/api/v1/collection-plans/due?all=true')).json())).toBeDefined();
    expect(item((await manager2.get('/api/v1/collection-plans/due?all=true')).json())).toBeUndefined();
  });

  it('401, 400 naming the field, 404 outside scope', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/collection-plans?orderId=1' }),
      401,
      'unauthenticated',
    );
    expectError(
      await t.app.inject({ method: 'PUT', url: '/api/v1/collection-plans', payload: {} }),
      401,
      'unauthenticated',
    );
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/collection-plans/due' }),
      401,
      'unauthenticated',
    );

    const theirs = await kit.customer('rep4');
    const o = await kit.order(theirs, { orderDate: day(-5), amounts: [1_000] });
    expectError(await rep1.get(`/api/v1/collection-plans?orderId=${o.order.id}`), 404, 'not_found');
    expectError(
      await rep1.send('PUT', '/api/v1/collection-plans', {
        orderId: o.order.id,
        instalments: [{ dueOn: day(1), amountFen: 1_000 }],
      }),
      404,
      'not_found',
    );
    expect((await rep4.get(`/api/v1/collection-plans?orderId=${o.order.id}`)).statusCode).toBe(200);

    expectError(await rep1.get('/api/v1/collection-plans'), 400, 'validation', 'query.orderId');
    expectError(
      await rep1.get('/api/v1/collection-plans?orderId=1&contractId=1'),
      400,
      'validation',
      'query.orderId',
    );
    expectError(
      await rep1.send('PUT', '/api/v1/collection-plans', { orderId: o.order.id, instalments: [] }),
      400,
      'validation',
      'body.instalments',
    );
    expectError(
      await rep1.send('PUT', '/api/v1/collection-plans', {
        orderId: o.order.id,
        instalments: [{ dueOn: 'tomorrow', amountFen: 1_000 }],
      }),
      400,
      'validation',
      'body.instalments.0.dueOn',
    );
    expectError(
      await rep1.get('/api/v1/collection-plans/due?withinDays=-1'),
      400,
      'validation',
      'query.withinDays',
    );
  });
});

interface AgeingJson {
  asOf: string;
  rows: {
    id: number | null;
    name: string;
    bands: Record<string, number>;
    totalFen: number;
    orderCount: number;
  }[];
  totals: { bands: Record<string, number>; totalFen: number; orderCount: number };
}

describe('ageing (账龄) and overdue', () => {
  let east: { id: number }[] = [];
  beforeAll(async () => {
    // rep1: bands across the board; rep2: one overdue order; rep4 (another team): one order.
    const a = await kit.customer('rep1', '账龄甲公司');
    await kit.order(a, { orderDate: day(-5), dueOn: day(10), amounts: [1_000] }); // current
    await kit.order(a, { orderDate: day(-20), dueOn: day(0), amounts: [2_000] }); // 0-30 (due today)
    await kit.order(a, { orderDate: day(-60), dueOn: day(-31), amounts: [3_000] }); // 31-60
    await kit.order(a, { orderDate: day(-90), dueOn: day(-61), amounts: [4_000] }); // 61-90
    const old = await kit.order(a, { orderDate: day(-200), dueOn: day(-91), amounts: [5_000, 5_000] }); // 90+
    await buildReturn(t.database.db, {
      companyId: kit.ids.companyId,
      order: old.order,
      line: old.lines[0]!,
      amountFen: 2_000,
      returnDate: day(-50),
    });
    // Paid in full: not in the report.
    const paid = await kit.order(a, { orderDate: day(-10), dueOn: day(-1), amounts: [7_000] });
    await pay(rep1, a.id, 7_000, { allocations: [{ orderId: paid.order.id, amountFen: 7_000 }] });
    const b = await kit.customer('rep2', '账龄乙公司');
    await kit.order(b, { orderDate: day(-45), dueOn: day(-15), amounts: [6_000] });
    const c = await kit.customer('rep4', '账龄丙公司');
    await kit.order(c, { orderDate: day(-45), dueOn: day(-40), amounts: [9_000] });
    east = [a, b, c];
  });

  it('bands the open amounts per customer; bands and rows add up to the totals', async () => {
    const res = await manager1.get('/api/v1/receivables/ageing');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<AgeingJson>();
    const a = report.rows.find((r) => r.id === east[0]!.id)!;
    expect(a).toMatchObject({
      name: '账龄甲公司',
      bands: { current: 1_000, '0-30': 2_000, '31-60': 3_000, '61-90': 4_000, '90+': 8_000 },
      totalFen: 18_000,
      orderCount: 5,
    });
    expect(report.rows.find((r) => r.id === east[1]!.id)).toMatchObject({ bands: { '0-30': 6_000 } });
    expect(report.rows.find((r) => r.id === east[2]!.id)).toMatchObject({ bands: { '31-60': 9_000 } });
    // Scope: a rep sees their own customers, the other team's lead only their team's.
    const own = (await rep1.get('/api/v1/receivables/ageing')).json<AgeingJson>();
    expect(own.rows.map((r) => r.id)).toContain(east[0]!.id);
    expect(own.rows.map((r) => r.id)).not.toContain(east[2]!.id);
    const other = (await lead2.get('/api/v1/receivables/ageing')).json<AgeingJson>();
    expect(other.rows.map((r) => r.id)).toContain(east[2]!.id);
    expect(other.rows.map((r) => r.id)).not.toContain(east[0]!.id);
    const sum = (pick: (r: AgeingJson['rows'][number]) => number) =>
      report.rows.reduce((s, r) => s + pick(r), 0);
    expect(sum((r) => r.totalFen)).toBe(report.totals.totalFen);
    for (const band of ['current', '0-30', '31-60', '61-90', '90+']) {
      expect(sum((r) => r.bands[band]!)).toBe(report.totals.bands[band]);
    }
  });

  it('groups by owner and by team (the team credited on the order)', async () => {
    const byOwner = (await lead2.get('/api/v1/receivables/ageing?groupBy=owner')).json<AgeingJson>();
    const byCustomer = (await lead2.get('/api/v1/receivables/ageing')).json<AgeingJson>();
    const rep4Total = byCustomer.totals.totalFen;
    expect(rep4Total).toBeGreaterThanOrEqual(9_000);
    expect(byOwner.rows).toMatchObject([{ id: kit.employeeOf('rep4'), name: '徐强', totalFen: rep4Total }]);
    const byTeam = (await manager1.get('/api/v1/receivables/ageing?groupBy=team')).json<AgeingJson>();
    expect(byTeam.rows.find((r) => r.id === idOf(kit.ids.unit, 'XS-E2'))).toMatchObject({
      name: '华东二组',
      totalFen: rep4Total,
    });
    const everyOwner = (await manager1.get('/api/v1/receivables/ageing?groupBy=owner')).json<AgeingJson>();
    expect(byTeam.totals).toEqual(everyOwner.totals);
    expect(byTeam.rows.reduce((s, r) => s + r.totalFen, 0)).toBe(byTeam.totals.totalFen);
    const south = (await manager2.get('/api/v1/receivables/ageing?groupBy=team')).json<AgeingJson>();
    expect(south.rows).toEqual([]);
  });

  it('as of an earlier day: later documents do not count yet', async () => {
    const res = (await rep1.get(`/api/v1/receivables/ageing?asOf=${day(-55)}`)).json<AgeingJson>();
    const a = res.rows.find((r) => r.id === east[0]!.id)!;
    // On that day three orders existed and the return (day −50) had not happened yet.
    expect(a.totalFen).toBe(3_000 + 4_000 + 10_000);
    expect(a.bands).toEqual({ current: 3_000, '0-30': 4_000, '31-60': 10_000, '61-90': 0, '90+': 0 });
  });

  it('exports the ageing report to Excel', async () => {
    const res = await rep1.get('/api/v1/receivables/ageing.xlsx?groupBy=customer&lang=en-US');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Ageing');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values.find((v) => v[0] === '账龄甲公司')).toEqual(['账龄甲公司', 10, 20, 30, 40, 80, 180, 5]);
    expect(values.at(-1)![0]).toBe('Total');
    const zh = await rep1.get('/api/v1/receivables/ageing.xlsx');
    expect(zh.statusCode).toBe(200);
  });

  it("lists the caller's overdue orders with days overdue; all=true for the scope", async () => {
    const mine = (await rep1.get('/api/v1/receivables/overdue?pageSize=100')).json();
    const ours = mine.items.filter((i: { customerId: number }) => i.customerId === east[0]!.id);
    expect(
      ours.map((i: { daysOverdue: number; band: string; openFen: number }) => [
        i.daysOverdue,
        i.band,
        i.openFen,
      ]),
    ).toEqual([
      [91, '90+', 8_000],
      [61, '61-90', 4_000],
      [31, '31-60', 3_000],
    ]);
    expect(mine.items.every((i: { ownerName: string }) => i.ownerName === '赵磊')).toBe(true);
    expect(mine.items.map((i: { customerId: number }) => i.customerId)).not.toContain(east[1]!.id);
    const team = (await manager1.get('/api/v1/receivables/overdue?all=true&sort=openFen&order=desc')).json();
    expect(team.items.map((i: { customerId: number }) => i.customerId)).toContain(east[1]!.id);
    const other = (await lead2.get('/api/v1/receivables/overdue?all=true')).json();
    expect(other.items.map((i: { customerId: number }) => i.customerId)).toContain(east[2]!.id);
    expect(other.items.map((i: { customerId: number }) => i.customerId)).not.toContain(east[0]!.id);
    // Without all=true a lead sees only orders credited to them: none here.
    expect((await lead2.get('/api/v1/receivables/overdue')).json().total).toBe(0);
    const amounts = team.items.map((i: { openFen: number }) => i.openFen);
    expect(amounts).toEqual([...amounts].sort((x: number, y: number) => y - x));
    const page = (await manager1.get('/api/v1/receivables/overdue?all=true&pageSize=1&page=2')).json();
    expect(page).toMatchObject({ total: team.total, page: 2, pageSize: 1 });
  });

  it('401 and 400 naming the field', async () => {
    for (const url of [
      '/api/v1/receivables/ageing',
      '/api/v1/receivables/ageing.xlsx',
      '/api/v1/receivables/overdue',
    ]) {
      expectError(await t.app.inject({ method: 'GET', url }), 401, 'unauthenticated');
    }
    expectError(
      await rep1.get('/api/v1/receivables/ageing?groupBy=region'),
      400,
      'validation',
      'query.groupBy',
    );
    expectError(
      await rep1.get('/api/v1/receivables/ageing?asOf=2026-13-01'),
      400,
      'validation',
      'query.asOf',
    );
    expectError(
      await rep1.get('/api/v1/receivables/ageing.xlsx?groupBy=x'),
      400,
      'validation',
      'query.groupBy',
    );
    expectError(await rep1.get('/api/v1/receivables/overdue?sort=payer'), 400, 'validation', 'query.sort');
    expectError(await rep1.get('/api/v1/receivables/overdue?all=maybe'), 400, 'validation', 'query.all');
  });
});

interface WriteOffJson {
  id: number;
  status: string;
  amountFen: number;
  version: number;
  requestedBy: string | null;
  decidedBy: string | null;
  writtenOffOn: string | null;
}

describe('write-offs (坏账核销)', () => {
  it('the owner asks, a manager approves; the open amount goes down', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-300), dueOn: day(-200), amounts: [50_000] });
    const asked = await rep1.send('POST', '/api/v1/write-offs', {
      orderId: o.order.id,
      amountFen: 20_000,
      reason: '客户破产',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const w = asked.json<WriteOffJson>();
    expect(w).toMatchObject({ status: 'pending', requestedBy: 'rep1', writtenOffOn: null });
    // Pending requests do not reduce the open amount, but they are reserved against another request.
    expect(await openOf(o.order.id)).toBe(50_000);
    expectError(
      await rep1.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 30_001,
        reason: '再核销',
      }),
      422,
      'business_rule',
      'body.amountFen',
    );
    // A lead has no writeoff.approve.
    expectError(
      await lead1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version,
      }),
      403,
      'forbidden',
    );
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version + 1,
      }),
      409,
      'conflict',
    );
    const approved = await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
      decision: 'approve',
      note: '同意',
      version: w.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: 'manager1',
      writtenOffOn: today(),
    });
    expect(await openOf(o.order.id)).toBe(30_000);
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'reject',
        version: w.version + 1,
      }),
      422,
      'business_rule',
      'params.id',
    );
    const listed = (await lead1.get(`/api/v1/write-offs?customerId=${c.id}&status=approved`)).json();
    expect((await lead2.get(`/api/v1/write-offs?customerId=${c.id}`)).json().total).toBe(0);
    expect(listed).toMatchObject({ total: 1, items: [{ id: w.id }] });
  });

  it('rejection leaves the open amount; nobody approves their own request but an admin', async () => {
    const c = await kit.customer('rep4');
    const o = await kit.order(c, { orderDate: day(-300), amounts: [10_000] });
    const w = (
      await manager1.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 10_000,
        reason: '无法收回',
      })
    ).json<WriteOffJson>();
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version,
      }),
      403,
      'forbidden',
    );
    const rejected = await vp.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
      decision: 'reject',
      note: '继续催收',
      version: w.version,
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', writtenOffOn: null });
    expect(await openOf(o.order.id)).toBe(10_000);

    const own = (
      await admin.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 1_000,
        reason: '尾差',
      })
    ).json<WriteOffJson>();
    const self = await admin.send('POST', `/api/v1/write-offs/${own.id}/decide`, {
      decision: 'approve',
      version: own.version,
    });
    expect(self.statusCode, self.body).toBe(200);
    expect(await openOf(o.order.id)).toBe(9_000);
  });

  it('an approval re-checks the open amount: money that came in meanwhile is not written off too', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: day(-100), amounts: [10_000] });
    const w = (
      await rep1.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 8_000,
        reason: '无法收回',
      })
    ).json<WriteOffJson>();
    await pay(rep1, c.id, 5_000);
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version,
      }),
      422,
      'business_rule',
      'params.id',
    );
  });

  it('401, 400 naming the field, 404 outside scope', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/write-offs' }), 401, 'unauthenticated');
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/write-offs/1' }), 401, 'unauthenticated');
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/v1/write-offs', payload: {} }),
      401,
      'unauthenticated',
    );
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/v1/write-offs/1/decide', payload: {} }),
      401,
      'unauthenticated',
    );
    const theirs = await kit.customer('rep4');
    const o = await kit.order(theirs, { orderDate: day(-100), amounts: [10_000] });
    const w = (
      await rep4.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 1_000,
        reason: '无法收回',
      })
    ).json<WriteOffJson>();
    expectError(await rep1.get(`/api/v1/write-offs/${w.id}`), 404, 'not_found');
    expectError(
      await (
        await signInAll(t.app, ['manager2'])
      )[0].send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version,
      }),
      404,
      'not_found',
    );
    expect((await lead3.get(`/api/v1/write-offs/${w.id}`)).statusCode).toBe(404);
    expect((await manager1.get(`/api/v1/write-offs/${w.id}`)).json()).toMatchObject({
      id: w.id,
      requestedBy: 'rep4',
    });
    expectError(
      await rep1.send('POST', '/api/v1/write-offs', { orderId: o.order.id, amountFen: 1_000, reason: 'x' }),
      400,
      'validation',
      'body.orderId',
    );
    expectError(
      await rep1.send('POST', '/api/v1/write-offs', { orderId: o.order.id, amountFen: 1_000 }),
      400,
      'validation',
      'body.reason',
    );
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, { decision: 'maybe', version: 1 }),
      400,
      'validation',
      'body.decision',
    );
    expectError(await rep1.get('/api/v1/write-offs?status=done'), 400, 'validation', 'query.status');
    const draft = await kit.order(await kit.customer('rep1'), {
      orderDate: day(-1),
      amounts: [1_000],
      status: 'draft',
    });
    expectError(
      await rep1.send('POST', '/api/v1/write-offs', {
        orderId: draft.order.id,
        amountFen: 1_000,
        reason: '草稿',
      }),
      400,
      'validation',
      'body.orderId',
    );
  });
});
