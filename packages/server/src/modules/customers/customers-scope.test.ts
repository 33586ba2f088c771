import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, Customer, PoolCustomer } from '@zuzhang/api-schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { DEMO_USERS, type DemoUser } from '../../../test/demo-org.ts';
import { readAllPages, today } from '../../../test/support.ts';
import { buildCustomer } from './test-factories.ts';

/**
 * Scope matrix for customers (issue 3 item 9): every demo user × the customer list, each customer's page,
 * the complaints list and the pool. A rep sees their own customers only; a lead the team's; a manager the
 * region's; the VP (and director, admin) all, including the pool; the marketing assistant (营销协理, unit +
 * descendants on 销售部) the sales department's. Pool customers are in nobody's customer list below
 * company scope, but in everyone's pool list.
 */

type Key = 'rep1' | 'rep2' | 'rep4' | 'rep7' | 'pool';
const EAST = ['rep1', 'rep2', 'rep4'] as const;
const SALES = [...EAST, 'rep7'] as const;
const ALL = [...SALES, 'pool'] as const;

const SEES: Record<DemoUser, readonly Key[]> = {
  admin: ALL,
  vp: ALL,
  director: ALL,
  assistant1: SALES,
  manager1: EAST,
  manager2: ['rep7'],
  channel1: EAST,
  group1: SALES,
  // Team 华东一组, and 华东二组 while acting for the channel supervisor (the demo's delegation).
  lead1: EAST,
  lead2: ['rep4'],
  lead3: ['rep7'],
  rep1: ['rep1'],
  rep2: ['rep2'],
  rep3: [],
  rep4: ['rep4'],
  rep5: [],
  rep6: [],
  rep7: ['rep7'],
  rep8: [],
  rep9: [],
  store1: [],
  storelead1: [],
};

let t: TestApp;
const made = {} as Record<Key, Customer>;
const complaintOf = {} as Record<Key, number>;
let checked = 0;

beforeAll(async () => {
  t = await buildTestApp();
  const vp = await signIn(t.app, 'vp');
  for (const owner of ['rep1', 'rep2', 'rep4', 'rep7'] as const) {
    const session = await signIn(t.app, owner);
    made[owner] = await buildCustomer(session, { name: `范围测试${owner}有限公司` });
  }
  made.pool = await buildCustomer(vp, { name: '范围测试公海有限公司', ownerEmployeeId: null });
  for (const key of ALL) {
    const res = await vp.send('POST', '/api/v1/complaints', {
      customerId: made[key].id,
      ownerEmployeeId: made[key].ownerEmployeeId ?? undefined,
      severity: 'low',
      title: `范围 ${key}`,
      description: '范围测试',
      receivedOn: today(),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    complaintOf[key] = res.json<{ id: number }>().id;
  }
});
afterAll(() => {
  console.log(`customer scope matrix: ${checked} cases checked`);
  return t.close();
});

describe.each(DEMO_USERS)('%s', (user) => {
  let session: Session;
  beforeAll(async () => {
    session = await signIn(t.app, user);
  });

  it('customer list: exactly the customers in scope', async () => {
    const { items } = await readAllPages<Customer>(
      session,
      `/api/v1/customers?q=${encodeURIComponent('范围测试')}`,
      50,
    );
    const expected = SEES[user].map((k) => made[k].id).sort((a, b) => a - b);
    expect(items.map((c) => c.id).sort((a, b) => a - b)).toEqual(expected);
    checked += 1;
  });

  it('customer page: 200 in scope, 404 outside', async () => {
    for (const key of ALL) {
      const res = await session.get(`/api/v1/customers/${made[key].id}`);
      expect(res.statusCode, `${user} → ${key}`).toBe(SEES[user].includes(key) ? 200 : 404);
      checked += 1;
    }
  });

  it('complaints: only those on customers in scope', async () => {
    const { items } = await readAllPages<Complaint>(
      session,
      `/api/v1/complaints?q=${encodeURIComponent('范围')}`,
      50,
    );
    expect(items.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      SEES[user].map((k) => complaintOf[k]).sort((a, b) => a - b),
    );
    for (const key of ALL) {
      const res = await session.get(`/api/v1/complaints/${complaintOf[key]}`);
      expect(res.statusCode, `${user} → complaint on ${key}`).toBe(SEES[user].includes(key) ? 200 : 404);
      checked += 1;
    }
  });

  it('pool: everyone who may claim sees the pool customer', async () => {
    const res = await session.get(`/api/v1/customer-pool?q=${encodeURIComponent('范围测试')}`);
    if (user === 'assistant1') {
      expect(res.statusCode).toBe(403);
    } else {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: PoolCustomer[] }>().items.map((p) => p.id)).toEqual([made.pool.id]);
    }
    checked += 1;
  });
});
