import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { CustomerSettings, OwnershipChange, PoolCustomer } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { orders } from '../orders/orders.table.ts';
import { customerOwnershipLog, customers } from './customers.table.ts';
import { returnIdleCustomers } from './customer-pool.service.ts';
import { touchCustomerActivity } from './customers.service.ts';
import { buildCustomer } from './test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let rep1: Session;
let rep4: Session;
let rep7: Session;
let assistant1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, rep1, rep4, rep7, assistant1] = await signInAll(t.app, [
    'vp',
    'manager1',
    'rep1',
    'rep4',
    'rep7',
    'assistant1',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

async function buildPoolCustomer(overrides: Record<string, unknown> = {}) {
  return buildCustomer(vp, { ownerEmployeeId: null, ...overrides });
}

async function setLastActivity(customerIds: number[], day: string) {
  await t.database.db
    .update(customers)
    .set({ lastActivityOn: day })
    .where(inArray(customers.id, customerIds));
}

async function settings(): Promise<CustomerSettings> {
  return (await vp.get('/api/v1/customer-settings')).json();
}

async function putSettings(changes: Partial<CustomerSettings>) {
  const current = await settings();
  const res = await vp.send('PUT', '/api/v1/customer-settings', { ...current, ...changes });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CustomerSettings>();
}

describe('the pool list (公海)', () => {
  it('shows unowned customers with what helps choose, and nothing of their history', async () => {
    const a = await buildPoolCustomer({ category: 'dealer', region: '华东', industry: '包装', level: 'B' });
    await buildCustomer(rep1);
    const res = await rep7.get(`/api/v1/customer-pool?q=${encodeURIComponent(a.name)}`);
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json<{ items: PoolCustomer[] }>().items;
    expect(Object.keys(item!).sort()).toEqual(
      ['category', 'id', 'industry', 'kind', 'level', 'name', 'pooledSince', 'region'].sort(),
    );
    expect(item).toMatchObject({
      id: a.id,
      category: 'dealer',
      region: '华东',
      industry: '包装',
      level: 'B',
    });
    const filtered = (
      await rep7.get('/api/v1/customer-pool?category=dealer&region=%E5%8D%8E%E4%B8%9C')
    ).json();
    expect(filtered.items.every((p: PoolCustomer) => p.category === 'dealer' && p.region === '华东')).toBe(
      true,
    );
    // A pool customer's page and history are not for reps: they see the pool entry only.
    expectError(await rep7.get(`/api/v1/customers/${a.id}`), 404, 'not_found');
  });

  it('401, 400, 403 without the claim right', async () => {
    expectError(await anonymous('GET', '/api/v1/customer-pool'), 401, 'unauthenticated');
    expectError(await rep1.get('/api/v1/customer-pool?sort=mobile'), 400, 'validation', 'query.sort');
    expectError(await assistant1.get('/api/v1/customer-pool'), 403, 'forbidden');
  });
});

describe('claim', () => {
  it('the rep becomes the owner with a fresh activity date; the change is logged', async () => {
    const c = await buildPoolCustomer();
    await setLastActivity([c.id], addDays(today(), -200));
    const res = await rep1.send('POST', `/api/v1/customer-pool/${c.id}/claim`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerName: '赵磊', pooledAt: null, lastActivityOn: today() });
    const history = (await rep1.get(`/api/v1/customers/${c.id}/ownership-history`)).json<OwnershipChange[]>();
    expect(history.map((h) => [h.reason, h.toName])).toEqual([
      ['create', null],
      ['claim', '赵磊'],
    ]);
    const pool = (await rep1.get(`/api/v1/customer-pool?q=${encodeURIComponent(c.name)}`)).json();
    expect(pool.total).toBe(0);
  });

  it('a customer someone already claimed is 409; none is 404; 401; 400', async () => {
    const c = await buildPoolCustomer();
    expect((await rep1.send('POST', `/api/v1/customer-pool/${c.id}/claim`)).statusCode).toBe(200);
    expectError(await rep4.send('POST', `/api/v1/customer-pool/${c.id}/claim`), 409, 'conflict');
    expectError(await rep4.send('POST', '/api/v1/customer-pool/999999/claim'), 404, 'not_found');
    expectError(await anonymous('POST', `/api/v1/customer-pool/${c.id}/claim`), 401, 'unauthenticated');
    expectError(await rep4.send('POST', '/api/v1/customer-pool/x/claim'), 400, 'validation', 'params.id');
  });

  it('two reps claiming the same customer at once: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await buildPoolCustomer();
      const results = await Promise.all([
        rep1.send('POST', `/api/v1/customer-pool/${c.id}/claim`),
        rep4.send('POST', `/api/v1/customer-pool/${c.id}/claim`),
        rep7.send('POST', `/api/v1/customer-pool/${c.id}/claim`),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const claims = await t.database.db
        .select()
        .from(customerOwnershipLog)
        .where(and(eq(customerOwnershipLog.customerId, c.id), eq(customerOwnershipLog.reason, 'claim')));
      expect(claims).toHaveLength(1);
    }
  });

  it('the per-rep cap: a rep who owns the maximum cannot claim (422)', async () => {
    const rep9 = (await signInAll(t.app, ['rep9'] as const))[0];
    await buildCustomer(rep9);
    await buildCustomer(rep9);
    const before = await settings();
    await putSettings({ claimCapPerRep: 2 });
    try {
      const c = await buildPoolCustomer();
      expectError(await rep9.send('POST', `/api/v1/customer-pool/${c.id}/claim`), 422, 'business_rule');
      await putSettings({ claimCapPerRep: 3 });
      expect((await rep9.send('POST', `/api/v1/customer-pool/${c.id}/claim`)).statusCode).toBe(200);
    } finally {
      await putSettings({ claimCapPerRep: before.claimCapPerRep });
    }
  });
});

describe('return to the pool after N idle days', () => {
  it('returns owned customers with no follow-up and no order for N days, logged as pool_return', async () => {
    const n = (await settings()).poolReturnDays;
    const idle = await buildCustomer(rep1);
    const edge = await buildCustomer(rep1);
    const ordered = await buildCustomer(rep4);
    const fresh = await buildCustomer(rep7);
    await setLastActivity([idle.id, ordered.id], addDays(today(), -n - 1));
    // Exactly N days since the last activity: the rep still has it today.
    await setLastActivity([edge.id], addDays(today(), -n));
    // An order within the period keeps a customer even if its activity date was not moved.
    await t.database.db.insert(orders).values({
      companyId: ids.companyId,
      no: 'SO-POOL-1',
      customerId: ordered.id,
      ownerEmployeeId: idOf(ids.employee, 'rep4'),
      orderDate: addDays(today(), -3),
      status: 'confirmed',
      totalFen: 10000,
      taxFen: 1150,
    });

    const res = await manager1.send('POST', '/api/v1/customer-pool/run-return');
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ cutoff: string; returned: number; customerIds: number[] }>();
    expect(result.cutoff).toBe(addDays(today(), -n));
    expect(result.customerIds).toContain(idle.id);
    expect(result.customerIds).not.toContain(edge.id);
    expect(result.customerIds).not.toContain(ordered.id);
    expect(result.customerIds).not.toContain(fresh.id);

    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, idle.id));
    expect(row).toMatchObject({ ownerEmployeeId: null, version: 2 });
    expect(row!.pooledAt).not.toBeNull();
    const [log] = await t.database.db
      .select()
      .from(customerOwnershipLog)
      .where(
        and(eq(customerOwnershipLog.customerId, idle.id), eq(customerOwnershipLog.reason, 'pool_return')),
      );
    expect(log).toMatchObject({ fromEmployeeId: idOf(ids.employee, 'rep1'), toEmployeeId: null });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(idle.id)), eq(auditLog.action, 'pool_return')));
    expect(audits).toHaveLength(1);
    expectError(await rep1.get(`/api/v1/customers/${idle.id}`), 404, 'not_found');

    // Running again finds nothing more to return.
    const again = await returnIdleCustomers(t.database.db, ids.companyId, today());
    expect(again.returned).toBe(0);
  });

  it('touchCustomerActivity (called by orders) keeps a customer out of the pool', async () => {
    const n = (await settings()).poolReturnDays;
    const c = await buildCustomer(rep1);
    await setLastActivity([c.id], addDays(today(), -n - 5));
    await t.database.db.transaction((tx) => touchCustomerActivity(tx, c.id, addDays(today(), -1)));
    const result = await returnIdleCustomers(t.database.db, ids.companyId, today());
    expect(result.customerIds).not.toContain(c.id);
    // Never moves the date back.
    await t.database.db.transaction((tx) => touchCustomerActivity(tx, c.id, addDays(today(), -60)));
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row!.lastActivityOn).toBe(addDays(today(), -1));
  });

  it('the scheduler entry point honours the company setting', async () => {
    const c = await buildCustomer(rep1);
    await setLastActivity([c.id], addDays(today(), -8));
    await putSettings({ poolReturnDays: 10 });
    try {
      expect((await returnIdleCustomers(t.database.db, ids.companyId, today())).customerIds).not.toContain(
        c.id,
      );
      await putSettings({ poolReturnDays: 7 });
      const result = await returnIdleCustomers(t.database.db, ids.companyId, today());
      expect(result.customerIds).toContain(c.id);
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, String(c.id)), eq(auditLog.action, 'pool_return')));
      expect(audit).toMatchObject({ actorName: 'system', actorUserId: null });
    } finally {
      await putSettings({ poolReturnDays: 30 });
    }
  });

  it('run-return: 401 without sign-in, 403 for a rep', async () => {
    expectError(await anonymous('POST', '/api/v1/customer-pool/run-return'), 401, 'unauthenticated');
    expectError(await rep1.send('POST', '/api/v1/customer-pool/run-return'), 403, 'forbidden');
  });
});

describe('customer settings', () => {
  it('anyone with customer.read reads them; the defaults before any change', async () => {
    const res = await rep1.get('/api/v1/customer-settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ levels: ['A', 'B', 'C'] });
    expectError(await anonymous('GET', '/api/v1/customer-settings'), 401, 'unauthenticated');
  });

  it('an executive changes them (version checked); a regional manager or a rep cannot', async () => {
    const current = await settings();
    const body = { ...current, levels: ['A', 'B', 'C', 'D'] };
    expectError(await manager1.send('PUT', '/api/v1/customer-settings', body), 403, 'forbidden');
    expectError(await rep1.send('PUT', '/api/v1/customer-settings', body), 403, 'forbidden');
    const res = await vp.send('PUT', '/api/v1/customer-settings', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ levels: ['A', 'B', 'C', 'D'], version: current.version + 1 });
    expectError(await vp.send('PUT', '/api/v1/customer-settings', body), 409, 'conflict');
    // The new level is usable at once.
    const c = await buildCustomer(rep1, { level: 'D' });
    expect(c.level).toBe('D');
    // …and cannot be removed while a customer has it.
    const removing = await vp.send('PUT', '/api/v1/customer-settings', {
      ...(await settings()),
      levels: ['A', 'B', 'C'],
    });
    expectError(removing, 422, 'business_rule', 'body.levels');
  });

  it.each([
    [{ poolReturnDays: 0 }, 'body.poolReturnDays'],
    [{ poolReturnDays: 366 }, 'body.poolReturnDays'],
    [{ claimCapPerRep: 10001 }, 'body.claimCapPerRep'],
    [{ levels: [] }, 'body.levels'],
    [{ levels: ['A', 'A'] }, 'body.levels'],
    [{ version: undefined }, 'body.version'],
  ])('400 for %j naming %s', async (changes, path) => {
    const res = await vp.send('PUT', '/api/v1/customer-settings', { ...(await settings()), ...changes });
    expectError(res, 400, 'validation', path);
  });

  it('401 on change without sign-in', async () => {
    expectError(await anonymous('PUT', '/api/v1/customer-settings', {}), 401, 'unauthenticated');
  });
});
