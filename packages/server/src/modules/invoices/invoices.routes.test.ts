import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, createScopedUser, expectError, signInAll, today } from '../../../test/support.ts';
import { buildMoneyKit, buildReturn, type MoneyKit } from '../receivables/test-factories.ts';

let t: TestApp;
let kit: MoneyKit;
let rep1: Session;
let rep4: Session;
let lead2: Session;
let assistant1: Session;
let manager2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
  [rep1, rep4, lead2, assistant1, manager2] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'lead2',
    'assistant1',
    'manager2',
  ]);
});
afterAll(() => t.close());

const day = (offset: number) => addDays(today(), offset);
let noSeq = 0;
/** A fresh 20-digit 数电票 number. */
const digitalNo = () => `2544200000${String(++noSeq).padStart(10, '0')}`;

interface InvoiceJson {
  id: number;
  status: string;
  type: string;
  orderId: number | null;
  invoiceNo: string | null;
  invoiceCode: string | null;
  taxRateBp: number;
  amountFen: number;
  amountExTaxFen: number;
  taxFen: number;
  lines: {
    orderLineId: number;
    orderNo: string;
    lineNo: number;
    productName: string;
    amountFen: number;
    taxFen: number;
  }[];
  issuedOn: string | null;
  mailedOn: string | null;
  courier: string;
  trackingNo: string;
  reversesInvoiceId: number | null;
  reversedByInvoiceId: number | null;
  version: number;
}

async function setup(owner = 'rep1') {
  const c = await kit.customer(owner);
  const o = await kit.order(c, { orderDate: day(-20), amounts: [11_300, 5_000] });
  return { c, o, l1: o.lines[0]!, l2: o.lines[1]! };
}

async function requestInvoice(session: Session, body: Record<string, unknown>) {
  const res = await session.send('POST', '/api/v1/invoices', body);
  if (res.statusCode !== 201) throw new Error(`request invoice: ${res.statusCode} ${res.body}`);
  return res.json<InvoiceJson>();
}

describe('requesting an invoice', () => {
  it('covers order lines; amounts with and without tax add up; lines add up to the invoice', async () => {
    const { c, o, l1, l2 } = await setup();
    const res = await assistant1.send('POST', '/api/v1/invoices', {
      customerId: c.id,
      type: 'e_special',
      lines: [
        { orderLineId: l1.id, amountFen: 11_300 },
        { orderLineId: l2.id, amountFen: 2_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const inv = res.json<InvoiceJson>();
    expect(inv).toMatchObject({
      status: 'requested',
      orderId: o.order.id,
      taxRateBp: 1300,
      amountFen: 13_300,
      taxFen: 1_530,
      amountExTaxFen: 11_770,
      invoiceNo: null,
    });
    expect(inv.amountExTaxFen + inv.taxFen).toBe(inv.amountFen);
    expect(inv.lines.reduce((s, l) => s + l.taxFen, 0)).toBe(inv.taxFen);
    expect(inv.lines[0]).toMatchObject({ orderNo: o.order.no, lineNo: 1, amountFen: 11_300 });
    expect(inv.lines[0]!.productName).toContain('13%');
  });

  it('refuses more than is uninvoiced on a line, naming body.lines.N.amountFen; returns count too', async () => {
    const { c, o, l1, l2 } = await setup();
    await requestInvoice(rep1, {
      customerId: c.id,
      type: 'e_normal',
      lines: [{ orderLineId: l1.id, amountFen: 11_300 }],
    });
    expectError(
      await assistant1.send('POST', '/api/v1/invoices', {
        customerId: c.id,
        type: 'e_normal',
        lines: [
          { orderLineId: l2.id, amountFen: 3_000 },
          { orderLineId: l1.id, amountFen: 1 },
        ],
      }),
      422,
      'business_rule',
      'body.lines.1.amountFen',
    );
    await buildReturn(t.database.db, {
      companyId: kit.ids.companyId,
      order: o.order,
      line: l2,
      amountFen: 1_000,
      returnDate: day(-1),
    });
    expectError(
      await assistant1.send('POST', '/api/v1/invoices', {
        customerId: c.id,
        type: 'e_normal',
        lines: [{ orderLineId: l2.id, amountFen: 4_001 }],
      }),
      422,
      'business_rule',
      'body.lines.0.amountFen',
    );
    const exact = await assistant1.send('POST', '/api/v1/invoices', {
      customerId: c.id,
      type: 'e_normal',
      lines: [{ orderLineId: l2.id, amountFen: 4_000 }],
    });
    expect(exact.statusCode, exact.body).toBe(201);
  });

  it('one tax rate per invoice: mixed lines need separate invoices', async () => {
    const c = await kit.customer('rep1');
    const a = await kit.order(c, { orderDate: day(-5), amounts: [10_600], taxRateBp: 600 });
    const b = await kit.order(c, { orderDate: day(-5), amounts: [11_300] });
    const lines = [
      { orderLineId: a.lines[0]!.id, amountFen: 10_600 },
      { orderLineId: b.lines[0]!.id, amountFen: 11_300 },
    ];
    expectError(
      await assistant1.send('POST', '/api/v1/invoices', { customerId: c.id, type: 'normal', lines }),
      400,
      'validation',
      'body.taxRateBp',
    );
    expectError(
      await assistant1.send('POST', '/api/v1/invoices', {
        customerId: c.id,
        type: 'normal',
        taxRateBp: 1300,
        lines,
      }),
      400,
      'validation',
      'body.lines.0.orderLineId',
    );
    const six = await requestInvoice(assistant1, { customerId: c.id, type: 'normal', lines: [lines[0]] });
    expect(six).toMatchObject({ taxRateBp: 600, taxFen: 600, amountExTaxFen: 10_000 });
  });

  it('refuses bad input and lines of another customer, naming the field', async () => {
    const { c, l1 } = await setup();
    const other = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'vat' }, 'body.type'],
      [{ lines: [] }, 'body.lines'],
      [{ lines: [{ orderLineId: l1.id, amountFen: 0 }] }, 'body.lines.0.amountFen'],
      [{ taxRateBp: 1700 }, 'body.taxRateBp'],
      [{ lines: [{ orderLineId: other.l1.id, amountFen: 100 }] }, 'body.lines.0.orderLineId'],
      [
        {
          lines: [
            { orderLineId: l1.id, amountFen: 100 },
            { orderLineId: l1.id, amountFen: 100 },
          ],
        },
        'body.lines.1.orderLineId',
      ],
      [{ requestedOn: day(1) }, 'body.requestedOn'],
      // A customer in the pool is outside the assistant's scope (the sales department's owners).
      [{ customerId: (await kit.customer(null)).id }, 'body.customerId'],
    ];
    for (const [change, path] of cases) {
      const body = {
        customerId: c.id,
        type: 'e_normal',
        lines: [{ orderLineId: l1.id, amountFen: 100 }],
        ...change,
      };
      expectError(await assistant1.send('POST', '/api/v1/invoices', body), 400, 'validation', path);
    }
  });
});

describe('issue, mail, reverse', () => {
  it('issues a 数电票 with a 20-digit number; duplicate numbers are 409; then mails it', async () => {
    const { c, l1, l2 } = await setup();
    const inv = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'e_special',
      lines: [{ orderLineId: l1.id, amountFen: 11_300 }],
      requestedOn: day(-3),
    });
    const issue = (body: Record<string, unknown>, id = inv.id) =>
      assistant1.send('POST', `/api/v1/invoices/${id}/issue`, {
        version: inv.version,
        issuedOn: day(-2),
        ...body,
      });
    expectError(await issue({ invoiceNo: '1234567890' }), 400, 'validation', 'body.invoiceNo');
    expectError(
      await issue({ invoiceNo: digitalNo(), invoiceCode: '4400231130' }),
      400,
      'validation',
      'body.invoiceCode',
    );
    expectError(
      await issue({ invoiceNo: digitalNo(), issuedOn: day(1) }),
      400,
      'validation',
      'body.issuedOn',
    );
    expectError(
      await issue({ invoiceNo: digitalNo(), issuedOn: day(-4) }),
      400,
      'validation',
      'body.issuedOn',
    );
    expectError(await issue({ invoiceNo: digitalNo(), version: inv.version + 1 }), 409, 'conflict');
    expectError(
      await rep1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
        version: 1,
        invoiceNo: digitalNo(),
        issuedOn: day(-2),
      }),
      403,
      'forbidden',
    );
    const no = digitalNo();
    const issued = await issue({ invoiceNo: no });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'issued',
      invoiceNo: no,
      invoiceCode: null,
      issuedOn: day(-2),
    });
    expectError(
      await issue({ invoiceNo: digitalNo(), version: inv.version + 1 }),
      422,
      'business_rule',
      'params.id',
    );

    const second = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'e_normal',
      lines: [{ orderLineId: l2.id, amountFen: 100 }],
    });
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${second.id}/issue`, {
        version: second.version,
        invoiceNo: no,
        issuedOn: day(0),
      }),
      409,
      'conflict',
      'body.invoiceNo',
    );

    const v = issued.json<InvoiceJson>().version;
    const mail = (body: Record<string, unknown>) =>
      assistant1.send('POST', `/api/v1/invoices/${inv.id}/mail`, {
        version: v,
        courier: '顺丰',
        trackingNo: 'SF1234567890',
        mailedOn: day(-1),
        ...body,
      });
    expectError(await mail({ mailedOn: day(-3) }), 400, 'validation', 'body.mailedOn');
    expectError(await mail({ courier: '' }), 400, 'validation', 'body.courier');
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${second.id}/mail`, {
        version: second.version,
        courier: '顺丰',
        trackingNo: 'x',
        mailedOn: day(0),
      }),
      422,
      'business_rule',
      'params.id',
    );
    const mailed = await mail({});
    expect(mailed.statusCode, mailed.body).toBe(200);
    expect(mailed.json()).toMatchObject({
      status: 'mailed',
      courier: '顺丰',
      trackingNo: 'SF1234567890',
      mailedOn: day(-1),
    });
  });

  it('paper invoices need a 10- or 12-digit code and an 8-digit number; the same number under another code is fine', async () => {
    const { c, l1, l2 } = await setup();
    const a = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'special',
      lines: [{ orderLineId: l1.id, amountFen: 1_000 }],
    });
    const b = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'normal',
      lines: [{ orderLineId: l2.id, amountFen: 1_000 }],
    });
    const issue = (inv: InvoiceJson, body: Record<string, unknown>) =>
      assistant1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
        version: inv.version,
        issuedOn: day(0),
        ...body,
      });
    expectError(await issue(a, { invoiceNo: '01234567' }), 400, 'validation', 'body.invoiceCode');
    expectError(
      await issue(a, { invoiceNo: '0123456', invoiceCode: '4400231130' }),
      400,
      'validation',
      'body.invoiceNo',
    );
    expect((await issue(a, { invoiceNo: '01234567', invoiceCode: '4400231130' })).json()).toMatchObject({
      status: 'issued',
      invoiceCode: '4400231130',
    });
    expect((await issue(b, { invoiceNo: '01234567', invoiceCode: '044002300111' })).statusCode).toBe(200);
    const c2 = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'special',
      lines: [{ orderLineId: l1.id, amountFen: 1_000 }],
    });
    expectError(
      await issue(c2, { invoiceNo: '01234567', invoiceCode: '4400231130' }),
      409,
      'conflict',
      'body.invoiceNo',
    );
  });

  it('a red-letter invoice reverses an issued one and frees the lines for a corrected invoice', async () => {
    const { c, l1 } = await setup();
    const inv = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'e_special',
      lines: [{ orderLineId: l1.id, amountFen: 11_300 }],
    });
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${inv.id}/reverse`, {
        version: inv.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      422,
      'business_rule',
      'params.id',
    );
    const issued = (
      await assistant1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
        version: inv.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      })
    ).json<InvoiceJson>();
    const res = await assistant1.send('POST', `/api/v1/invoices/${inv.id}/reverse`, {
      version: issued.version,
      invoiceNo: digitalNo(),
      issuedOn: day(0),
    });
    expect(res.statusCode, res.body).toBe(201);
    const red = res.json<InvoiceJson>();
    expect(red).toMatchObject({
      status: 'issued',
      reversesInvoiceId: inv.id,
      amountFen: -11_300,
      taxFen: -1_300,
      amountExTaxFen: -10_000,
      lines: [{ orderLineId: l1.id, amountFen: -11_300, taxFen: -1_300 }],
    });
    const original = (await assistant1.get(`/api/v1/invoices/${inv.id}`)).json<InvoiceJson>();
    expect(original).toMatchObject({ status: 'reversed', reversedByInvoiceId: red.id });
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${red.id}/reverse`, {
        version: red.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      422,
      'business_rule',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${inv.id}/reverse`, {
        version: original.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      422,
      'business_rule',
    );
    // The line is uninvoiced again.
    expect(
      (
        await assistant1.send('POST', '/api/v1/invoices', {
          customerId: c.id,
          type: 'e_special',
          lines: [{ orderLineId: l1.id, amountFen: 11_300 }],
        })
      ).statusCode,
    ).toBe(201);
  });
});

describe('reconciliation check (发票与回款核对)', () => {
  it('flags invoices without receipts and receipts without invoices, per customer, scoped', async () => {
    const { c, l1 } = await setup();
    const inv = await requestInvoice(assistant1, {
      customerId: c.id,
      type: 'e_normal',
      requestedOn: day(-3),
      lines: [{ orderLineId: l1.id, amountFen: 11_300 }],
    });
    const no = digitalNo();
    await assistant1.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
      version: inv.version,
      invoiceNo: no,
      issuedOn: day(-2),
    });
    const pay = (customerId: number, amountFen: number, session = rep1) =>
      session.send('POST', '/api/v1/receipts', {
        customerId,
        receivedOn: day(-1),
        amountFen,
        method: 'bank',
        payer: '付款方',
        reference: 'R-1',
        idempotencyKey: `rc-${customerId}-${amountFen}`,
      });
    expect((await pay(c.id, 5_000)).statusCode).toBe(201);
    const prepaid = await kit.customer('rep1');
    expect((await pay(prepaid.id, 8_000)).statusCode).toBe(201);
    const theirs = await kit.customer('rep4');
    expect((await pay(theirs.id, 1_000, rep4)).statusCode).toBe(201);

    const res = await rep1.get('/api/v1/invoices/reconciliation-check');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { customerId: number }[] }>().items;
    expect(items.find((i) => i.customerId === c.id)).toMatchObject({
      invoicedFen: 11_300,
      receivedFen: 5_000,
      invoicesWithoutReceipts: [{ id: inv.id, invoiceNo: no, amountFen: 11_300, uncoveredFen: 6_300 }],
      receiptsWithoutInvoices: [],
    });
    expect(items.find((i) => i.customerId === prepaid.id)).toMatchObject({
      invoicesWithoutReceipts: [],
      receiptsWithoutInvoices: [{ amountFen: 8_000, uncoveredFen: 8_000, reference: 'R-1' }],
    });
    expect(items.find((i) => i.customerId === theirs.id)).toBeUndefined();
    const one = (
      await assistant1.get(`/api/v1/invoices/reconciliation-check?customerId=${theirs.id}`)
    ).json();
    expect(one.items.map((i: { customerId: number }) => i.customerId)).toEqual([theirs.id]);
    expect((await manager2.get('/api/v1/invoices/reconciliation-check')).json().items).toEqual([]);
  });
});

describe('every endpoint: 401, 400, 404 outside scope, list', () => {
  it('answers 401 without sign-in', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/invoices'],
      ['GET', '/api/v1/invoices/reconciliation-check'],
      ['GET', '/api/v1/invoices/1'],
      ['POST', '/api/v1/invoices'],
      ['POST', '/api/v1/invoices/1/issue'],
      ['POST', '/api/v1/invoices/1/mail'],
      ['POST', '/api/v1/invoices/1/reverse'],
    ] as const) {
      expectError(
        await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined }),
        401,
        'unauthenticated',
      );
    }
  });

  it("another team's invoice is not found; the list shows only the scope", async () => {
    const mine = await setup('rep1');
    const theirs = await setup('rep4');
    const a = await requestInvoice(rep1, {
      customerId: mine.c.id,
      type: 'e_normal',
      lines: [{ orderLineId: mine.l1.id, amountFen: 100 }],
    });
    const b = await requestInvoice(rep4, {
      customerId: theirs.c.id,
      type: 'e_normal',
      lines: [{ orderLineId: theirs.l1.id, amountFen: 100 }],
    });
    expectError(await rep1.get(`/api/v1/invoices/${b.id}`), 404, 'not_found');
    expect((await lead2.get(`/api/v1/invoices/${b.id}`)).statusCode).toBe(200);
    expectError(await manager2.get(`/api/v1/invoices/${a.id}`), 404, 'not_found');
    const bodies: Record<string, Record<string, unknown>> = {
      issue: { version: 1, invoiceNo: digitalNo(), issuedOn: day(0) },
      mail: { version: 1, courier: 'x', trackingNo: 'y', mailedOn: day(0) },
      reverse: { version: 1, invoiceNo: digitalNo(), issuedOn: day(0) },
    };
    for (const [action, body] of Object.entries(bodies)) {
      // manager2 has no invoice.manage: the permission check answers first (403). 404 outside scope: below.
      expectError(await manager2.send('POST', `/api/v1/invoices/${a.id}/${action}`, body), 403, 'forbidden');
    }
    const list = (await rep1.get('/api/v1/invoices?pageSize=200')).json<{ items: InvoiceJson[] }>();
    expect(list.items.map((i) => i.id)).toContain(a.id);
    expect(list.items.map((i) => i.id)).not.toContain(b.id);
    expect((await rep1.get(`/api/v1/invoices?customerId=${mine.c.id}&status=requested`)).json().total).toBe(
      1,
    );
    expect((await rep1.get(`/api/v1/invoices?orderId=${mine.o.order.id}&type=e_normal`)).json().total).toBe(
      1,
    );
    expectError(await rep1.get('/api/v1/invoices?status=void'), 400, 'validation', 'query.status');
    expectError(await rep1.get('/api/v1/invoices/abc'), 400, 'validation', 'params.id');
    expectError(await rep1.get('/api/v1/invoices/999999'), 404, 'not_found');
    expectError(
      await rep1.get('/api/v1/invoices/reconciliation-check?customerId=x'),
      400,
      'validation',
      'query.customerId',
    );
    expectError(
      await assistant1.send('POST', '/api/v1/invoices/999999/issue', {
        version: 1,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      404,
      'not_found',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${a.id}/issue`, { version: 1, issuedOn: day(0) }),
      400,
      'validation',
      'body.invoiceNo',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${a.id}/mail`, { version: 1 }),
      400,
      'validation',
      'body.courier',
    );
    expectError(
      await assistant1.send('POST', `/api/v1/invoices/${a.id}/reverse`, { version: 'x' }),
      400,
      'validation',
      'body.version',
    );
  });

  it('an invoice manager with a narrow scope gets 404 for an invoice outside it', async () => {
    // Nobody in the demo holds invoice.manage below the sales department, so make one for the East 2 team.
    const [admin] = await signInAll(t.app, ['admin']);
    const scoped = await createScopedUser(t.app, admin, {
      username: 'invoicer-e2',
      permissions: ['customer.read', 'invoice.manage'],
      unitId: kit.ids.unit.get('XS-E2')!,
      reportsToId: kit.ids.position.get('XS-TL-E2')!,
      dataScope: 'unit',
    });
    const mine = await setup('rep1');
    const inv = await requestInvoice(assistant1, {
      customerId: mine.c.id,
      type: 'e_normal',
      lines: [{ orderLineId: mine.l1.id, amountFen: 100 }],
    });
    expectError(
      await scoped.session.send('POST', `/api/v1/invoices/${inv.id}/issue`, {
        version: inv.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      404,
      'not_found',
    );
    expectError(
      await scoped.session.send('POST', `/api/v1/invoices/${inv.id}/mail`, {
        version: inv.version,
        courier: 'x',
        trackingNo: 'y',
        mailedOn: day(0),
      }),
      404,
      'not_found',
    );
    expectError(
      await scoped.session.send('POST', `/api/v1/invoices/${inv.id}/reverse`, {
        version: inv.version,
        invoiceNo: digitalNo(),
        issuedOn: day(0),
      }),
      404,
      'not_found',
    );
    const theirs = await setup('rep4');
    const ok = await scoped.session.send('POST', '/api/v1/invoices', {
      customerId: theirs.c.id,
      type: 'e_normal',
      lines: [{ orderLineId: theirs.l1.id, amountFen: 100 }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
