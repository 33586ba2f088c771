import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { addDays, expectError, readAllPages, signInAll, today } from '../../../test/support.ts';
import { buildCustomer } from '../customers/test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let rep1: Session;
let rep4: Session;
let lead1: Session;
let manager2: Session;
let assistant1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [rep1, rep4, lead1, manager2, assistant1] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'lead1',
    'manager2',
    'assistant1',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

async function buildComplaint(session: Session, body: Record<string, unknown> = {}): Promise<Complaint> {
  const customerId = body.customerId ?? (await buildCustomer(session)).id;
  const res = await session.send('POST', '/api/v1/complaints', {
    severity: 'high',
    title: '交货延迟三天',
    description: '客户反映 11 月订单晚到，影响其门店上新',
    receivedOn: today(),
    ...body,
    customerId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('complaints (客诉)', () => {
  it('open → steps → resolved → closed, each step recorded with who and when', async () => {
    const c = await buildComplaint(rep1);
    expect(c).toMatchObject({
      status: 'open',
      ownerName: '赵磊',
      severity: 'high',
      // High severity: three days to answer unless told otherwise.
      deadlineOn: addDays(today(), 3),
      overdue: false,
      steps: [],
      version: 1,
    });
    const step = await rep1.send('POST', `/api/v1/complaints/${c.id}/steps`, {
      text: '已致电客户致歉',
      version: 1,
    });
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json()).toMatchObject({
      status: 'in_progress',
      steps: [{ on: today(), byName: '赵磊', text: '已致电客户致歉' }],
      version: 2,
    });
    const resolved = await rep1.send('POST', `/api/v1/complaints/${c.id}/resolve`, {
      resolution: '补发并减免运费',
      satisfaction: 4,
      version: 2,
    });
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      satisfaction: 4,
      resolution: '补发并减免运费',
    });
    expectError(
      await rep1.send('POST', `/api/v1/complaints/${c.id}/steps`, { text: '再跟进', version: 3 }),
      422,
      'business_rule',
    );
    const closed = await rep1.send('POST', `/api/v1/complaints/${c.id}/close`, {
      satisfaction: 5,
      version: 3,
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: today(), satisfaction: 5 });
    expectError(
      await rep1.send('PATCH', `/api/v1/complaints/${c.id}`, { title: '改', version: 4 }),
      422,
      'business_rule',
    );
  });

  it('close before resolve is refused (422); a stale version is 409', async () => {
    const c = await buildComplaint(rep1);
    expectError(
      await rep1.send('POST', `/api/v1/complaints/${c.id}/close`, { version: 1 }),
      422,
      'business_rule',
    );
    expectError(
      await rep1.send('POST', `/api/v1/complaints/${c.id}/resolve`, { resolution: '已处理', version: 7 }),
      409,
      'conflict',
    );
  });

  it('edit: severity, owner within scope, deadline not before received', async () => {
    const c = await buildComplaint(lead1, {
      receivedOn: addDays(today(), -2),
      deadlineOn: addDays(today(), 5),
    });
    const res = await lead1.send('PATCH', `/api/v1/complaints/${c.id}`, {
      severity: 'critical',
      ownerEmployeeId: idOf(ids.employee, 'rep2'),
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ severity: 'critical', ownerName: '黄丽' });
    expectError(
      await lead1.send('PATCH', `/api/v1/complaints/${c.id}`, {
        deadlineOn: addDays(today(), -3),
        version: 2,
      }),
      400,
      'validation',
      'body.deadlineOn',
    );
    expectError(
      await lead1.send('PATCH', `/api/v1/complaints/${c.id}`, {
        ownerEmployeeId: idOf(ids.employee, 'rep7'),
        version: 2,
      }),
      400,
      'validation',
      'body.ownerEmployeeId',
    );
  });

  it('list: filters status, severity, overdue; scoped by customer; sorted by gravity', async () => {
    const customer = await buildCustomer(rep4);
    const late = await buildComplaint(rep4, {
      customerId: customer.id,
      severity: 'low',
      receivedOn: addDays(today(), -20),
      deadlineOn: addDays(today(), -5),
    });
    const onTime = await buildComplaint(rep4, { customerId: customer.id, severity: 'critical' });
    const list = async (q: string) =>
      (await rep4.get(`/api/v1/complaints?customerId=${customer.id}&${q}`)).json<{ items: Complaint[] }>()
        .items;
    expect((await list('overdue=true')).map((x) => x.id)).toEqual([late.id]);
    expect((await list('overdue=true'))[0]!.overdue).toBe(true);
    expect((await list('overdue=false')).map((x) => x.id)).toEqual([onTime.id]);
    expect((await list('severity=critical')).map((x) => x.id)).toEqual([onTime.id]);
    expect((await list('sort=severity&order=desc')).map((x) => x.id)).toEqual([onTime.id, late.id]);
    expect((await list('status=open')).length).toBe(2);
    // Another team's complaints never show; the marketing assistant sees the sales department's.
    const mine = await readAllPages<Complaint>(rep1, '/api/v1/complaints', 50);
    expect(mine.items.some((x) => x.customerId === customer.id)).toBe(false);
    const assistant = await readAllPages<Complaint>(assistant1, '/api/v1/complaints', 50);
    expect(assistant.items.map((x) => x.id)).toEqual(expect.arrayContaining([late.id, onTime.id]));
    const south = await readAllPages<Complaint>(manager2, '/api/v1/complaints', 50);
    expect(south.items.map((x) => x.id)).not.toContain(late.id);
  });

  it('400 naming the field on create', async () => {
    const customer = await buildCustomer(rep1);
    const base = {
      customerId: customer.id,
      severity: 'low',
      title: '包装破损',
      description: '外箱破损',
      receivedOn: today(),
    };
    for (const [override, path] of [
      [{ severity: 'urgent' }, 'body.severity'],
      [{ receivedOn: addDays(today(), 1) }, 'body.receivedOn'],
      [{ deadlineOn: addDays(today(), -1) }, 'body.deadlineOn'],
      [{ title: '' }, 'body.title'],
      [{ orderId: 999999 }, 'body.orderId'],
      [{ ownerEmployeeId: idOf(ids.employee, 'rep4') }, 'body.ownerEmployeeId'],
      [{ customerId: (await buildCustomer(rep4)).id }, 'body.customerId'],
    ] as const) {
      expectError(
        await rep1.send('POST', '/api/v1/complaints', { ...base, ...override }),
        400,
        'validation',
        path,
      );
    }
    expectError(await rep1.get('/api/v1/complaints?overdue=maybe'), 400, 'validation', 'query.overdue');
    expectError(
      await rep1.send('POST', '/api/v1/complaints/1/steps', { text: '', version: 1 }),
      400,
      'validation',
      'body.text',
    );
    expectError(
      await rep1.send('POST', '/api/v1/complaints/1/resolve', {
        resolution: 'x',
        satisfaction: 6,
        version: 1,
      }),
      400,
      'validation',
      'body.satisfaction',
    );
    expectError(
      await rep1.send('POST', '/api/v1/complaints/1/close', { satisfaction: 0, version: 1 }),
      400,
      'validation',
      'body.satisfaction',
    );
    expectError(
      await rep1.send('PATCH', '/api/v1/complaints/1', { title: 'x' }),
      400,
      'validation',
      'body.version',
    );
  });

  it("404 on another team's complaint for every endpoint; 401 without sign-in", async () => {
    const c = await buildComplaint(rep1);
    expectError(await rep4.get(`/api/v1/complaints/${c.id}`), 404, 'not_found');
    expectError(
      await rep4.send('PATCH', `/api/v1/complaints/${c.id}`, { title: 'x', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('POST', `/api/v1/complaints/${c.id}/steps`, { text: 'x', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('POST', `/api/v1/complaints/${c.id}/resolve`, { resolution: 'x', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('POST', `/api/v1/complaints/${c.id}/close`, { version: 1 }),
      404,
      'not_found',
    );
    expectError(await anonymous('GET', '/api/v1/complaints'), 401, 'unauthenticated');
    expectError(await anonymous('GET', `/api/v1/complaints/${c.id}`), 401, 'unauthenticated');
    expectError(await anonymous('POST', '/api/v1/complaints', {}), 401, 'unauthenticated');
    expectError(
      await anonymous('PATCH', `/api/v1/complaints/${c.id}`, { version: 1 }),
      401,
      'unauthenticated',
    );
    expectError(
      await anonymous('POST', `/api/v1/complaints/${c.id}/steps`, { text: 'x', version: 1 }),
      401,
      'unauthenticated',
    );
    expectError(
      await anonymous('POST', `/api/v1/complaints/${c.id}/resolve`, { resolution: 'x', version: 1 }),
      401,
      'unauthenticated',
    );
    expectError(
      await anonymous('POST', `/api/v1/complaints/${c.id}/close`, { version: 1 }),
      401,
      'unauthenticated',
    );
    // The marketing assistant reads complaints but does not handle them.
    expectError(
      await assistant1.send('POST', `/api/v1/complaints/${c.id}/steps`, { text: 'x', version: 1 }),
      403,
      'forbidden',
    );
  });
});
