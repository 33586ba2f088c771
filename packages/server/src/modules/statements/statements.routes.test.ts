import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { monthOf, previousMonth, statementClosing } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { createScopedUser, expectError, signInAll, today } from '../../../test/support.ts';
import { findChromium } from '../job-descriptions/jd-pdf.ts';
import { buildMoneyKit, buildReturn, type MoneyKit } from '../receivables/test-factories.ts';
import { assertMonthOpen } from './month-lock.ts';

let t: TestApp;
let kit: MoneyKit;
let rep1: Session;
let rep4: Session;
let lead2: Session;
let assistant1: Session;
let manager1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
  [rep1, rep4, lead2, assistant1, manager1] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'lead2',
    'assistant1',
    'manager1',
  ]);
});
afterAll(() => t.close());

const M0 = monthOf(today());
const M1 = previousMonth(M0);
const M2 = previousMonth(M1);
const M3 = previousMonth(M2);

interface StatementJson {
  id: number;
  customerId: number;
  period: string;
  openingFen: number;
  ordersFen: number;
  returnsFen: number;
  receiptsFen: number;
  writeOffsFen: number;
  invoicedFen: number;
  closingFen: number;
  status: string;
  disputeNote: string;
  version: number;
  stale: boolean;
  companyName: string;
  lines: {
    kind: string;
    on: string;
    ref: string;
    amountFen: number;
    debitFen: number;
    creditFen: number;
    balanceFen: number;
  }[];
}

let keySeq = 0;
function receiptBody(
  customerId: number,
  receivedOn: string,
  amountFen: number,
  extra: Record<string, unknown> = {},
) {
  return {
    customerId,
    receivedOn,
    amountFen,
    method: 'bank',
    payer: '付款方',
    reference: `回单${++keySeq}`,
    idempotencyKey: `st-${keySeq}`,
    ...extra,
  };
}
async function pay(
  customerId: number,
  receivedOn: string,
  amountFen: number,
  extra: Record<string, unknown> = {},
) {
  const res = await rep1.send(
    'POST',
    '/api/v1/receipts',
    receiptBody(customerId, receivedOn, amountFen, extra),
  );
  if (res.statusCode !== 201) throw new Error(`receipt: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number; version: number; unallocatedFen: number }>();
}

async function generate(customerId: number, period: string, session = assistant1) {
  const res = await session.send('POST', '/api/v1/statements/generate', { customerId, period });
  if (res.statusCode !== 200) throw new Error(`generate: ${res.statusCode} ${res.body}`);
  return res.json<{ generated: StatementJson[] }>().generated[0]!;
}
const detail = async (id: number, session = assistant1) =>
  (await session.get(`/api/v1/statements/${id}`)).json<StatementJson>();

/** rep1's customer with three months of history: orders, a return, receipts, an invoice. */
async function customerWithHistory() {
  const c = await kit.customer('rep1', `对账客户${++keySeq}`);
  const first = await kit.order(c, { orderDate: `${M2}-05`, amounts: [60_000, 40_000] });
  await pay(c.id, `${M2}-20`, 30_000);
  await kit.order(c, { orderDate: `${M1}-03`, amounts: [50_000] });
  await buildReturn(t.database.db, {
    companyId: kit.ids.companyId,
    order: first.order,
    line: first.lines[1]!,
    amountFen: 5_000,
    returnDate: `${M1}-10`,
  });
  await pay(c.id, `${M1}-15`, 40_000);
  const inv = (
    await assistant1.send('POST', '/api/v1/invoices', {
      customerId: c.id,
      type: 'e_normal',
      requestedOn: `${M1}-01`,
      lines: [{ orderLineId: first.lines[0]!.id, amountFen: 60_000 }],
    })
  ).json<{ id: number; version: number }>();
  const issued = await assistant1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
    version: inv.version,
    invoiceNo: `254420000000000${String(keySeq).padStart(5, '0')}`,
    issuedOn: `${M1}-02`,
  });
  if (issued.statusCode !== 200) throw new Error(issued.body);
  return { c, first };
}

describe('generating statements', () => {
  it('opening + orders − returns − receipts − write-offs = closing; every document is a line', async () => {
    const { c } = await customerWithHistory();
    const sep = await generate(c.id, M2);
    expect(sep).toMatchObject({
      period: M2,
      status: 'draft',
      openingFen: 0,
      ordersFen: 100_000,
      returnsFen: 0,
      receiptsFen: 30_000,
      closingFen: 70_000,
    });
    const oct = await generate(c.id, M1);
    expect(oct).toMatchObject({
      openingFen: 70_000,
      ordersFen: 50_000,
      returnsFen: 5_000,
      receiptsFen: 40_000,
      writeOffsFen: 0,
      invoicedFen: 60_000,
      closingFen: 75_000,
    });
    expect(oct.closingFen).toBe(
      statementClosing({
        opening: oct.openingFen,
        orders: 50_000,
        returns: 5_000,
        receipts: 40_000,
        writeOffs: 0,
      }),
    );
    const d = await detail(oct.id);
    expect(d).toMatchObject({ stale: false, companyName: '示例销售有限公司' });
    expect(d.lines.map((l) => [l.kind, l.on, l.balanceFen])).toEqual([
      ['invoice', `${M1}-02`, 70_000],
      ['order', `${M1}-03`, 120_000],
      ['return', `${M1}-10`, 115_000],
      ['receipt', `${M1}-15`, 75_000],
    ]);
    // A month with nothing but a balance carried in.
    const dec = await generate(c.id, M0);
    expect(dec).toMatchObject({ openingFen: 75_000, ordersFen: 0, closingFen: 75_000 });
    // Months chain: each month opens with the previous closing.
    expect(oct.openingFen).toBe(sep.closingFen);
    expect(dec.openingFen).toBe(oct.closingFen);
  });

  it('regenerates a draft when documents change; a stale statement cannot be sent', async () => {
    const { c } = await customerWithHistory();
    const oct = await generate(c.id, M1);
    await pay(c.id, `${M1}-28`, 1_000);
    const stale = await detail(oct.id);
    expect(stale.stale).toBe(true);
    expect(stale.lines.at(-1)!.balanceFen).toBe(74_000);
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${oct.id}/send`, { version: oct.version }),
      422,
      'business_rule',
      'params.id',
    );
    const again = await generate(c.id, M1);
    expect(again).toMatchObject({
      id: oct.id,
      receiptsFen: 41_000,
      closingFen: 74_000,
      version: oct.version + 1,
    });
    expect((await detail(oct.id)).stale).toBe(false);
  });

  it('generates every customer in scope with activity or a balance', async () => {
    const { c } = await customerWithHistory();
    const idle = await kit.customer('rep1');
    const theirs = await kit.customer('rep4');
    await kit.order(theirs, { orderDate: `${M1}-09`, amounts: [9_000] });
    const res = await assistant1.send('POST', '/api/v1/statements/generate', { period: M1 });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json<{ generated: StatementJson[] }>().generated.map((s) => s.customerId);
    expect(ids).toContain(c.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(idle.id);
    // A month before any document: nobody has anything to reconcile.
    const early = await assistant1.send('POST', '/api/v1/statements/generate', { period: previousMonth(M3) });
    expect(early.json().generated.filter((s: StatementJson) => s.customerId === c.id)).toEqual([]);
  });
});

describe('send, confirm, dispute and the locked month', () => {
  it('a confirmed month refuses receipts, allocations, invoices and regeneration dated in it (422)', async () => {
    const { c, first } = await customerWithHistory();
    // Money received in the month and kept as credit, to be allocated after the month is confirmed.
    const spare = await pay(c.id, `${M2}-25`, 1_000, {
      allocations: [{ orderId: first.order.id, amountFen: 1 }],
    });
    expect(spare.unallocatedFen).toBe(999);
    const sep = await generate(c.id, M2);
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${sep.id}/confirm`, { version: sep.version }),
      422,
      'business_rule',
      'params.id',
    );
    const sent = (
      await assistant1.send('POST', `/api/v1/statements/${sep.id}/send`, { version: sep.version })
    ).json<StatementJson>();
    expect(sent.status).toBe('sent');
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${sep.id}/send`, { version: sent.version }),
      422,
      'business_rule',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${sep.id}/confirm`, { version: sep.version }),
      409,
      'conflict',
    );
    const confirmed = await assistant1.send('POST', `/api/v1/statements/${sep.id}/confirm`, {
      version: sent.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });

    const locked = expectError(
      await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, `${M2}-28`, 1_000)),
      422,
      'business_rule',
      'body.receivedOn',
    );
    expect(locked.message).toContain(M2);
    // Earlier months are locked too: the confirmed opening rests on them.
    expectError(
      await rep1.send('POST', '/api/v1/receipts', receiptBody(c.id, `${M3}-28`, 1_000)),
      422,
      'business_rule',
      'body.receivedOn',
    );
    expectError(
      await rep1.send('POST', `/api/v1/receipts/${spare.id}/allocate`, { allocatedOn: `${M2}-26` }),
      422,
      'business_rule',
      'body.allocatedOn',
    );
    // The next month is open: corrections go there.
    const inOpenMonth = await rep1.send('POST', `/api/v1/receipts/${spare.id}/allocate`, {
      allocatedOn: `${M1}-20`,
    });
    expect(inOpenMonth.statusCode, inOpenMonth.body).toBe(200);
    expect(inOpenMonth.json().unallocatedFen).toBe(0);

    const inv = (
      await assistant1.send('POST', '/api/v1/invoices', {
        customerId: c.id,
        type: 'e_normal',
        requestedOn: `${M2}-01`,
        lines: [{ orderLineId: first.lines[1]!.id, amountFen: 1_000 }],
      })
    ).json<{ id: number; version: number }>();
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
        version: inv.version,
        invoiceNo: '25442000009999999999',
        issuedOn: `${M2}-15`,
      }),
      422,
      'business_rule',
      'body.issuedOn',
    );
    expectError(
      await assistant1.send('POST', '/api/v1/statements/generate', { customerId: c.id, period: M2 }),
      422,
      'business_rule',
      'body.period',
    );
    const bulk = (await assistant1.send('POST', '/api/v1/statements/generate', { period: M2 })).json();
    expect(bulk.skipped).toContainEqual({ customerId: c.id, customerName: c.name, reason: 'confirmed' });
    expect(bulk.generated.map((s: StatementJson) => s.customerId)).not.toContain(c.id);
    expect((await detail(sep.id)).stale).toBe(false);

    // The function the orders engineer calls: a write dated in a locked month is refused.
    await expect(
      t.database.db.transaction((tx) => assertMonthOpen(tx, c.id, `${M2}-15`, 'body.orderDate')),
    ).rejects.toMatchObject({ code: 'business_rule', key: 'money.lockedMonth' });
    await expect(
      t.database.db.transaction((tx) => assertMonthOpen(tx, c.id, `${M1}-15`)),
    ).resolves.toBeUndefined();

    // The next month opens with the confirmed closing.
    const oct = await generate(c.id, M1);
    expect(oct.openingFen).toBe(sep.closingFen);
  });

  it('an approved write-off in a confirmed month is refused', async () => {
    const c = await kit.customer('rep1');
    const o = await kit.order(c, { orderDate: `${M0}-01`, amounts: [10_000] });
    const w = (
      await rep1.send('POST', '/api/v1/write-offs', {
        orderId: o.order.id,
        amountFen: 1_000,
        reason: '无法收回',
      })
    ).json<{ id: number; version: number }>();
    const now = await generate(c.id, M0);
    const sent = (
      await assistant1.send('POST', `/api/v1/statements/${now.id}/send`, { version: now.version })
    ).json<StatementJson>();
    await assistant1.send('POST', `/api/v1/statements/${now.id}/confirm`, { version: sent.version });
    expectError(
      await manager1.send('POST', `/api/v1/write-offs/${w.id}/decide`, {
        decision: 'approve',
        version: w.version,
      }),
      422,
      'business_rule',
    );
  });

  it('a dispute keeps its note; the statement can then be regenerated', async () => {
    const { c } = await customerWithHistory();
    const oct = await generate(c.id, M1);
    const sent = (
      await assistant1.send('POST', `/api/v1/statements/${oct.id}/send`, { version: oct.version })
    ).json<StatementJson>();
    expectError(
      await assistant1.send('POST', '/api/v1/statements/generate', { customerId: c.id, period: M1 }),
      422,
      'business_rule',
      'body.customerId',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${oct.id}/dispute`, { version: sent.version }),
      400,
      'validation',
      'body.note',
    );
    const disputed = await assistant1.send('POST', `/api/v1/statements/${oct.id}/dispute`, {
      version: sent.version,
      note: '客户称 10 月 15 日回款应为 4.2 万元',
    });
    expect(disputed.json()).toMatchObject({
      status: 'disputed',
      disputeNote: '客户称 10 月 15 日回款应为 4.2 万元',
    });
    const again = await generate(c.id, M1);
    expect(again).toMatchObject({
      id: oct.id,
      status: 'draft',
      disputeNote: '客户称 10 月 15 日回款应为 4.2 万元',
    });
  });
});

describe('exports', () => {
  it('prints an A4 statement with the confirmation block, as HTML, PDF and Excel', async () => {
    const { c } = await customerWithHistory();
    const oct = await generate(c.id, M1);
    const html = await rep1.get(`/api/v1/statements/${oct.id}/print`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    for (const text of [
      '客户对账单',
      '示例销售有限公司',
      c.name,
      M1,
      '客户签字',
      '客户盖章',
      '期初余额',
      '750.00',
    ]) {
      expect(html.body).toContain(text);
    }
    const en = await rep1.get(`/api/v1/statements/${oct.id}/print?lang=en-US`);
    expect(en.body).toContain('Customer statement of account');

    const xlsx = await rep1.get(`/api/v1/statements/${oct.id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === '期末余额')?.at(-1)).toBe(750);

    const pdf = await rep1.get(`/api/v1/statements/${oct.id}/pdf`);
    if (findChromium()) {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expectError(pdf, 503, 'unavailable');
    }
  }, 60_000);
});

describe('every endpoint: 401, 400, 404 outside scope', () => {
  it('answers 401 without sign-in', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/statements'],
      ['POST', '/api/v1/statements/generate'],
      ['GET', '/api/v1/statements/1'],
      ['POST', '/api/v1/statements/1/send'],
      ['POST', '/api/v1/statements/1/confirm'],
      ['POST', '/api/v1/statements/1/dispute'],
      ['GET', '/api/v1/statements/1/print'],
      ['GET', '/api/v1/statements/1/pdf'],
      ['GET', '/api/v1/statements/1/xlsx'],
    ] as const) {
      expectError(
        await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined }),
        401,
        'unauthenticated',
      );
    }
  });

  it("a rep cannot see another team's statement (404), nor generate statements (403)", async () => {
    const theirs = await kit.customer('rep4');
    await kit.order(theirs, { orderDate: `${M1}-02`, amounts: [3_000] });
    const s = await generate(theirs.id, M1);
    for (const suffix of ['', '/print', '/pdf', '/xlsx']) {
      expectError(await rep1.get(`/api/v1/statements/${s.id}${suffix}`), 404, 'not_found');
    }
    expect((await rep4.get(`/api/v1/statements/${s.id}`)).statusCode).toBe(200);
    expect((await lead2.get(`/api/v1/statements/${s.id}`)).statusCode).toBe(200);
    const listed = (await rep1.get('/api/v1/statements?pageSize=200')).json<{ items: StatementJson[] }>();
    expect(listed.items.map((x) => x.id)).not.toContain(s.id);
    expect(
      (await rep4.get(`/api/v1/statements?customerId=${theirs.id}&period=${M1}&status=draft`)).json().total,
    ).toBe(1);
    expectError(await rep1.send('POST', '/api/v1/statements/generate', { period: M1 }), 403, 'forbidden');
    expectError(
      await rep4.send('POST', `/api/v1/statements/${s.id}/send`, { version: s.version }),
      403,
      'forbidden',
    );

    // A statement manager whose scope does not reach the customer: 404 on every action.
    const [admin] = await signInAll(t.app, ['admin']);
    const scoped = await createScopedUser(t.app, admin, {
      username: 'statements-e1',
      permissions: ['customer.read', 'statement.manage'],
      unitId: kit.ids.unit.get('XS-E1')!,
      reportsToId: kit.ids.position.get('XS-TL-E1')!,
      dataScope: 'unit',
    });
    for (const action of ['send', 'confirm']) {
      expectError(
        await scoped.session.send('POST', `/api/v1/statements/${s.id}/${action}`, { version: s.version }),
        404,
        'not_found',
      );
    }
    expectError(
      await scoped.session.send('POST', `/api/v1/statements/${s.id}/dispute`, {
        version: s.version,
        note: 'x',
      }),
      404,
      'not_found',
    );
    expectError(
      await scoped.session.send('POST', '/api/v1/statements/generate', { customerId: theirs.id, period: M1 }),
      400,
      'validation',
      'body.customerId',
    );
  });

  it('names the field of bad input', async () => {
    const c = await kit.customer('rep1');
    for (const [body, path] of [
      [{ period: '2026-13' }, 'body.period'],
      [{ period: '202611' }, 'body.period'],
      [{ period: `${Number(M0.slice(0, 4)) + 1}-01` }, 'body.period'],
      [{ period: M1, customerId: 'x' }, 'body.customerId'],
      [{ period: M1, extra: true }, 'body.extra'],
    ] as const) {
      expectError(
        await assistant1.send('POST', '/api/v1/statements/generate', body),
        400,
        'validation',
        path,
      );
    }
    const s = await generate(c.id, M1);
    expectError(
      await assistant1.send('POST', `/api/v1/statements/${s.id}/send`, {}),
      400,
      'validation',
      'body.version',
    );
    expectError(await assistant1.get('/api/v1/statements/abc'), 400, 'validation', 'params.id');
    expectError(await assistant1.get('/api/v1/statements/999999'), 404, 'not_found');
    expectError(await assistant1.get('/api/v1/statements?period=2026-1'), 400, 'validation', 'query.period');
    for (const suffix of ['print', 'pdf', 'xlsx']) {
      expectError(await assistant1.get(`/api/v1/statements/abc/${suffix}`), 400, 'validation', 'params.id');
      expectError(await assistant1.get(`/api/v1/statements/999999/${suffix}`), 404, 'not_found');
    }
  });
});
