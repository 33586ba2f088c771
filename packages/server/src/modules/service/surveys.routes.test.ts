import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SurveySummary } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { customers } from '../customers/customers.table.ts';
import { buildCustomer } from '../customers/test-factories.ts';

let t: TestApp;
let rep1: Session;
let rep2: Session;
let rep4: Session;
let lead1: Session;
let manager2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  [rep1, rep2, rep4, lead1, manager2] = await signInAll(t.app, [
    'rep1',
    'rep2',
    'rep4',
    'lead1',
    'manager2',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

async function survey(session: Session, customerId: number, body: Record<string, unknown>) {
  const res = await session.send('POST', `/api/v1/customers/${customerId}/surveys`, {
    kind: 'satisfaction',
    score: 5,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('return visits and satisfaction surveys', () => {
  it('records a score and comment; a return visit counts as activity (keeps it out of the pool)', async () => {
    const c = await buildCustomer(rep1);
    await t.database.db
      .update(customers)
      .set({ lastActivityOn: addDays(today(), -50) })
      .where(eq(customers.id, c.id));
    const s = await survey(rep1, c.id, {
      kind: 'satisfaction',
      score: 3,
      comment: '交期一般',
      doneOn: addDays(today(), -5),
    });
    expect(s).toMatchObject({ kind: 'satisfaction', score: 3, comment: '交期一般', employeeName: '赵磊' });
    let [row] = await t.database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row!.lastActivityOn).toBe(addDays(today(), -50));
    await survey(rep1, c.id, { kind: 'return_visit', score: 4 });
    [row] = await t.database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row!.lastActivityOn).toBe(today());
    const list = (await rep1.get(`/api/v1/customers/${c.id}/surveys?sort=doneOn&order=desc`)).json();
    expect(list.items.map((x: { score: number }) => x.score)).toEqual([4, 3]);
  });

  it('summary: average per owner in scope over the period', async () => {
    const a = await buildCustomer(rep1);
    const b = await buildCustomer(rep2);
    const other = await buildCustomer(rep4);
    // The first test's surveys (today, 5 days ago) fall outside this window.
    const from = addDays(today(), -3);
    const to = addDays(today(), -1);
    await survey(rep1, a.id, { score: 5, doneOn: addDays(today(), -1) });
    await survey(rep1, a.id, { score: 4, kind: 'return_visit', doneOn: addDays(today(), -2) });
    await survey(rep2, b.id, { score: 2, doneOn: addDays(today(), -3) });
    await survey(rep4, other.id, { score: 1, doneOn: addDays(today(), -3) });
    // Outside the period: not counted.
    await survey(rep1, a.id, { score: 1, doneOn: addDays(today(), -40) });

    const res = await lead1.get(`/api/v1/surveys/summary?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json<SurveySummary>();
    const byName = Object.fromEntries(summary.items.map((i) => [i.ownerName, i]));
    expect(byName['赵磊']).toMatchObject({
      count: 2,
      averageScore: 4.5,
      returnVisits: 1,
      satisfactionSurveys: 1,
    });
    expect(byName['黄丽']).toMatchObject({ count: 1, averageScore: 2 });
    const mine = (await rep1.get(`/api/v1/surveys/summary?from=${from}&to=${to}`)).json<SurveySummary>();
    expect(mine.items.map((i) => i.ownerName)).toEqual(['赵磊']);
    expect(mine).toMatchObject({ count: 2, averageScore: 4.5 });
    const south = (await manager2.get(`/api/v1/surveys/summary?from=${from}&to=${to}`)).json<SurveySummary>();
    expect(south).toMatchObject({ items: [], count: 0, averageScore: null });
  });

  it('400 naming the field, 404 outside scope, 401', async () => {
    const c = await buildCustomer(rep1);
    const cases: [Record<string, unknown>, string][] = [
      [{ score: 6 }, 'body.score'],
      [{ score: 0 }, 'body.score'],
      [{ kind: 'visit' }, 'body.kind'],
      [{ doneOn: addDays(today(), 1) }, 'body.doneOn'],
    ];
    for (const [body, path] of cases) {
      expectError(
        await rep1.send('POST', `/api/v1/customers/${c.id}/surveys`, {
          kind: 'satisfaction',
          score: 3,
          ...body,
        }),
        400,
        'validation',
        path,
      );
    }
    expectError(await rep1.get(`/api/v1/surveys/summary?from=${today()}`), 400, 'validation', 'query.to');
    expectError(
      await rep1.get(`/api/v1/surveys/summary?from=${today()}&to=${addDays(today(), -1)}`),
      400,
      'validation',
      'query.to',
    );
    expectError(
      await rep1.get(`/api/v1/customers/${c.id}/surveys?sort=comment`),
      400,
      'validation',
      'query.sort',
    );
    expectError(
      await rep4.send('POST', `/api/v1/customers/${c.id}/surveys`, { kind: 'satisfaction', score: 3 }),
      404,
      'not_found',
    );
    expectError(await rep4.get(`/api/v1/customers/${c.id}/surveys`), 404, 'not_found');
    expectError(
      await anonymous('POST', `/api/v1/customers/${c.id}/surveys`, { kind: 'satisfaction', score: 3 }),
      401,
      'unauthenticated',
    );
    expectError(await anonymous('GET', `/api/v1/customers/${c.id}/surveys`), 401, 'unauthenticated');
    expectError(
      await anonymous('GET', `/api/v1/surveys/summary?from=${today()}&to=${today()}`),
      401,
      'unauthenticated',
    );
  });
});
