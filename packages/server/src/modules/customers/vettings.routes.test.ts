import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vetting } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, signInAll } from '../../../test/support.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { assertCustomerVetted } from './customers.service.ts';
import { buildCustomer } from './test-factories.ts';

let t: TestApp;
let rep1: Session;
let rep4: Session;
let rep7: Session;
let lead1: Session;
let manager1: Session;
let manager2: Session;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  [rep1, rep4, rep7, lead1, manager1, manager2, admin] = await signInAll(t.app, [
    'rep1',
    'rep4',
    'rep7',
    'lead1',
    'manager1',
    'manager2',
    'admin',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

const vettingBody = {
  visitNotes: '实地拜访：厂房 3000 平，设备新，员工约 80 人',
  creditAssessment: '近两年无诉讼，同行口碑良好，建议月结 30 天',
  creditLimitFen: 50_000_000,
};

async function requestVetting(session: Session, customerId: number): Promise<Vetting> {
  const res = await session.send('POST', `/api/v1/customers/${customerId}/vettings`, vettingBody);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function vetted(customerId: number): Promise<'ok' | string> {
  try {
    await t.database.db.transaction((tx) => assertCustomerVetted(tx, customerId));
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.key}` : String(error);
  }
}

describe('new-customer vetting (新客户签约前的拜访及考核)', () => {
  it('the rep submits, the customer waits; the manager approves; contracts may follow', async () => {
    const c = await buildCustomer(rep1);
    expect(await vetted(c.id)).toBe('business_rule:customers.notVetted');
    const v = await requestVetting(rep1, c.id);
    expect(v).toMatchObject({
      customerId: c.id,
      customerName: c.name,
      ownerName: '赵磊',
      status: 'pending',
      creditLimitFen: 50_000_000,
      requestedByUsername: 'rep1',
      version: 1,
    });
    expect((await rep1.get(`/api/v1/customers/${c.id}`)).json().vettingStatus).toBe('pending');
    expect(await vetted(c.id)).toBe('business_rule:customers.notVetted');

    const pending = (await manager1.get('/api/v1/vettings?status=pending')).json();
    expect(pending.items.map((x: Vetting) => x.id)).toContain(v.id);

    const res = await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, {
      decision: 'approve',
      note: '同意，额度 50 万',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedByUsername: 'manager1', version: 2 });
    expect((await rep1.get(`/api/v1/customers/${c.id}`)).json().vettingStatus).toBe('approved');
    expect(await vetted(c.id)).toBe('ok');
    // Decided: not again, and a new request is refused while approved.
    expectError(
      await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'reject', version: 2 }),
      422,
      'business_rule',
    );
    expectError(
      await rep1.send('POST', `/api/v1/customers/${c.id}/vettings`, vettingBody),
      422,
      'business_rule',
    );
  });

  it('a rejected customer may be assessed again; one pending request at a time', async () => {
    const c = await buildCustomer(rep1);
    const v = await requestVetting(rep1, c.id);
    expectError(
      await rep1.send('POST', `/api/v1/customers/${c.id}/vettings`, vettingBody),
      422,
      'business_rule',
    );
    const res = await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, {
      decision: 'reject',
      note: '资信不足',
      version: 1,
    });
    expect(res.json()).toMatchObject({ status: 'rejected', decisionNote: '资信不足' });
    expect(await vetted(c.id)).toBe('business_rule:customers.notVetted');
    await requestVetting(rep1, c.id);
  });

  it('nobody decides their own request, except the admin', async () => {
    const mine = await buildCustomer(manager1);
    const v = await requestVetting(manager1, mine.id);
    expectError(
      await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 1 }),
      403,
      'forbidden',
    );
    const byAdmin = await buildCustomer(admin, { ownerEmployeeId: null });
    // The admin sees the pool customer (company scope) and may vet it, even their own request.
    const av = await requestVetting(admin, byAdmin.id);
    const res = await admin.send('POST', `/api/v1/vettings/${av.id}/decide`, {
      decision: 'approve',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the decider must see the customer: a manager of another region gets 404; a lead has no right (403)', async () => {
    const c = await buildCustomer(rep1);
    const v = await requestVetting(rep1, c.id);
    expectError(
      await manager2.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await lead1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 1 }),
      403,
      'forbidden',
    );
    expectError(
      await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 9 }),
      409,
      'conflict',
    );
  });

  it('lists and details are scoped by the customer', async () => {
    const east = await buildCustomer(rep4);
    const south = await buildCustomer(rep7);
    const ve = await requestVetting(rep4, east.id);
    const vs = await requestVetting(rep7, south.id);
    const ids = (await manager2.get('/api/v1/vettings?status=pending&pageSize=200'))
      .json()
      .items.map((x: Vetting) => x.id);
    expect(ids).toContain(vs.id);
    expect(ids).not.toContain(ve.id);
    expect((await rep4.get(`/api/v1/vettings/${ve.id}`)).statusCode).toBe(200);
    expectError(await rep1.get(`/api/v1/vettings/${ve.id}`), 404, 'not_found');
    const byCustomer = (await rep4.get(`/api/v1/vettings?customerId=${east.id}`)).json();
    expect(byCustomer.items.map((x: Vetting) => x.id)).toEqual([ve.id]);
  });

  it('401, 400 naming the field, 404 outside scope for every vetting endpoint', async () => {
    const c = await buildCustomer(rep1);
    const v = await requestVetting(rep1, c.id);
    expectError(
      await anonymous('POST', `/api/v1/customers/${c.id}/vettings`, vettingBody),
      401,
      'unauthenticated',
    );
    expectError(await anonymous('GET', '/api/v1/vettings'), 401, 'unauthenticated');
    expectError(await anonymous('GET', `/api/v1/vettings/${v.id}`), 401, 'unauthenticated');
    expectError(
      await anonymous('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 1 }),
      401,
      'unauthenticated',
    );
    const other = await buildCustomer(rep1);
    expectError(
      await rep1.send('POST', `/api/v1/customers/${other.id}/vettings`, {
        ...vettingBody,
        creditLimitFen: -1,
      }),
      400,
      'validation',
      'body.creditLimitFen',
    );
    expectError(
      await rep1.send('POST', `/api/v1/customers/${other.id}/vettings`, { ...vettingBody, visitNotes: '' }),
      400,
      'validation',
      'body.visitNotes',
    );
    expectError(await rep1.get('/api/v1/vettings?status=unknown'), 400, 'validation', 'query.status');
    expectError(await rep1.get('/api/v1/vettings/0'), 400, 'validation', 'params.id');
    expectError(
      await manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'maybe', version: 1 }),
      400,
      'validation',
      'body.decision',
    );
    expectError(
      await rep4.send('POST', `/api/v1/customers/${other.id}/vettings`, vettingBody),
      404,
      'not_found',
    );
    expectError(await rep4.get(`/api/v1/vettings/${v.id}`), 404, 'not_found');
  });
});
