import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { CustomerDetail, DueFollowUp, FollowUp } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, readAllPages, signInAll, today } from '../../../test/support.ts';
import { customers } from './customers.table.ts';
import { buildCustomer } from './test-factories.ts';

let t: TestApp;
let rep1: Session;
let rep2: Session;
let rep4: Session;
let lead1: Session;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  [rep1, rep2, rep4, lead1, admin] = await signInAll(t.app, [
    'rep1',
    'rep2',
    'rep4',
    'lead1',
    'admin',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

/** A customer whose last activity lies in the past, so a follow-up visibly moves it. */
async function buildOldCustomer(session: Session, lastActivityOn: string): Promise<CustomerDetail> {
  const c = await buildCustomer(session);
  await t.database.db.update(customers).set({ lastActivityOn }).where(eq(customers.id, c.id));
  return c;
}

async function followUp(
  session: Session,
  customerId: number,
  body: Record<string, unknown>,
): Promise<FollowUp> {
  const res = await session.send('POST', `/api/v1/customers/${customerId}/follow-ups`, {
    kind: 'visit',
    happenedOn: today(),
    notes: '拜访，了解需求',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function lastActivityOf(id: number): Promise<string> {
  const [row] = await t.database.db.select().from(customers).where(eq(customers.id, id));
  return row!.lastActivityOn;
}

describe('record a follow-up', () => {
  it('records who, what and the next date, and moves the last activity in the same write', async () => {
    const c = await buildOldCustomer(rep1, addDays(today(), -40));
    const f = await followUp(rep1, c.id, {
      kind: 'wecom',
      happenedOn: addDays(today(), -2),
      outcome: '有意向，等报价',
      nextFollowUpOn: addDays(today(), 3),
    });
    expect(f).toMatchObject({
      customerId: c.id,
      employeeName: '赵磊',
      kind: 'wecom',
      outcome: '有意向，等报价',
      nextFollowUpOn: addDays(today(), 3),
    });
    expect(await lastActivityOf(c.id)).toBe(addDays(today(), -2));
    // An older follow-up entered late never moves the last activity back.
    await followUp(rep1, c.id, { happenedOn: addDays(today(), -10) });
    expect(await lastActivityOf(c.id)).toBe(addDays(today(), -2));
  });

  it.each([
    [{ happenedOn: addDays(today(), 1) }, 'body.happenedOn'],
    [{ happenedOn: '2026-02-30' }, 'body.happenedOn'],
    [{ nextFollowUpOn: addDays(today(), -1) }, 'body.nextFollowUpOn'],
    [{ kind: 'email' }, 'body.kind'],
    [{ notes: '' }, 'body.notes'],
    [{ mood: 'good' }, 'body.mood'],
  ])('400 for %j naming %s', async (override, path) => {
    const c = await buildCustomer(rep1);
    const res = await rep1.send('POST', `/api/v1/customers/${c.id}/follow-ups`, {
      kind: 'call',
      happenedOn: today(),
      notes: '电话',
      ...override,
    });
    expectError(res, 400, 'validation', path);
  });

  it('401 without sign-in, 404 on a customer outside scope', async () => {
    const c = await buildCustomer(rep1);
    const body = { kind: 'call', happenedOn: today(), notes: '电话' };
    expectError(
      await anonymous('POST', `/api/v1/customers/${c.id}/follow-ups`, body),
      401,
      'unauthenticated',
    );
    expectError(await rep4.send('POST', `/api/v1/customers/${c.id}/follow-ups`, body), 404, 'not_found');
    expectError(await rep2.send('POST', `/api/v1/customers/${c.id}/follow-ups`, body), 404, 'not_found');
  });

  it("the admin (no employee) records it in the owner's name", async () => {
    const c = await buildCustomer(rep1);
    const f = await followUp(admin, c.id, {});
    expect(f.employeeName).toBe('赵磊');
  });
});

describe('list per customer', () => {
  it('newest first by default; pages; the lead sees the team’s', async () => {
    const c = await buildCustomer(rep1);
    for (let i = 5; i >= 1; i--) await followUp(rep1, c.id, { happenedOn: addDays(today(), -i) });
    const page = (await rep1.get(`/api/v1/customers/${c.id}/follow-ups?pageSize=2`)).json();
    expect(page.total).toBe(5);
    expect(page.items.map((f: FollowUp) => f.happenedOn)).toEqual([
      addDays(today(), -1),
      addDays(today(), -2),
    ]);
    const all = await readAllPages<FollowUp>(lead1, `/api/v1/customers/${c.id}/follow-ups?order=asc`, 2);
    expect(all.items.map((f) => f.happenedOn)).toEqual([5, 4, 3, 2, 1].map((i) => addDays(today(), -i)));
  });

  it('401, 400, 404 outside scope', async () => {
    const c = await buildCustomer(rep1);
    expectError(await anonymous('GET', `/api/v1/customers/${c.id}/follow-ups`), 401, 'unauthenticated');
    expectError(
      await rep1.get(`/api/v1/customers/${c.id}/follow-ups?sort=notes`),
      400,
      'validation',
      'query.sort',
    );
    expectError(await rep4.get(`/api/v1/customers/${c.id}/follow-ups`), 404, 'not_found');
  });
});

describe('due list (due today)', () => {
  it('lists customers whose latest follow-up planned the next one by the date; overdue flagged', async () => {
    const due = await buildCustomer(rep1);
    const overdue = await buildCustomer(rep1);
    const later = await buildCustomer(rep1);
    const doneSince = await buildCustomer(rep1);
    const noPlan = await buildCustomer(rep1);
    const elsewhere = await buildCustomer(rep4);
    await followUp(rep1, due.id, { happenedOn: addDays(today(), -3), nextFollowUpOn: today() });
    await followUp(rep1, overdue.id, {
      happenedOn: addDays(today(), -9),
      nextFollowUpOn: addDays(today(), -4),
    });
    await followUp(rep1, later.id, { nextFollowUpOn: addDays(today(), 2) });
    await followUp(rep1, doneSince.id, {
      happenedOn: addDays(today(), -9),
      nextFollowUpOn: addDays(today(), -2),
    });
    await followUp(rep1, doneSince.id, {
      happenedOn: addDays(today(), -1),
      nextFollowUpOn: addDays(today(), 6),
    });
    await followUp(rep1, noPlan.id, {});
    await followUp(rep4, elsewhere.id, { nextFollowUpOn: today() });

    const res = await rep1.get('/api/v1/follow-ups/due');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: DueFollowUp[] }>().items;
    expect(items.map((i) => [i.id, i.overdue, i.daysOverdue])).toEqual([
      [overdue.id, true, 4],
      [due.id, false, 0],
    ]);
    expect(items[0]).toMatchObject({
      ownerName: '赵磊',
      lastFollowUpKind: 'visit',
      nextFollowUpOn: addDays(today(), -4),
    });

    // Looking ahead two days brings the later one in.
    const ahead = (await rep1.get(`/api/v1/follow-ups/due?date=${addDays(today(), 2)}`)).json();
    expect(ahead.items.map((i: DueFollowUp) => i.id)).toEqual([overdue.id, due.id, later.id]);
    // The lead sees the team's (and, acting for the channel supervisor, the other East team's).
    const leads = (await lead1.get('/api/v1/follow-ups/due')).json();
    expect(leads.items.map((i: DueFollowUp) => i.id)).toEqual(
      expect.arrayContaining([overdue.id, due.id, elsewhere.id]),
    );
    const mine = (await rep4.get('/api/v1/follow-ups/due')).json();
    expect(mine.items.map((i: DueFollowUp) => i.id)).toEqual([elsewhere.id]);
  });

  it('401 and 400', async () => {
    expectError(await anonymous('GET', '/api/v1/follow-ups/due'), 401, 'unauthenticated');
    expectError(await rep1.get('/api/v1/follow-ups/due?date=tomorrow'), 400, 'validation', 'query.date');
  });
});
