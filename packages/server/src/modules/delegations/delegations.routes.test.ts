import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import {
  addDays,
  buildJdBody,
  countAuditRows,
  expectError,
  today,
  signInAll,
} from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';

/**
 * 如销售主管不在岗由销售组长行使主管权力: a superior's rights and data scope go to a named employee for a
 * date range, both sides see it, the audit says on whose behalf, and a revoke ends it.
 *
 * The demo's own delegation (刘洋 → 杨帆) grants no new permission, since both hold the leader role. Here
 * the East sales manager 张伟 (manager role: jd.edit, audit.read, unit + descendants over 华东区)
 * delegates to the East team-2 lead 孙悦 (leader role, own team only), who lacks both rights.
 */
let t: TestApp;
let ids: DemoIds;
let manager1: Session;
let lead2: Session;
let lead3: Session;
let manager2: Session;
let rep1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [manager1, lead2, lead3, manager2, rep1] = await signInAll(t.app, [
    'manager1',
    'lead2',
    'lead3',
    'manager2',
    'rep1',
  ]);
});
afterAll(() => t.close());

interface DelegationJson {
  id: number;
  fromEmployeeName: string;
  toEmployeeName: string;
  startDate: string;
  endDate: string;
  inForce: boolean;
  revokedAt: string | null;
}

const me = async (s: Session) =>
  (await s.get('/api/v1/auth/me')).json<{ permissions: string[]; actingFor: { employeeName: string }[] }>();

describe('the demo delegation 刘洋 → 杨帆', () => {
  it('is in force today and seen by both sides only', async () => {
    const [channel1, lead1] = await Promise.all([signIn(t.app, 'channel1'), signIn(t.app, 'lead1')]);
    for (const s of [channel1, lead1]) {
      const list = (await s.get('/api/v1/delegations')).json() as DelegationJson[];
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ fromEmployeeName: '刘洋', toEmployeeName: '杨帆', inForce: true });
      expect(list[0]!.startDate <= today() && today() <= list[0]!.endDate).toBe(true);
    }
    expect((await rep1.get('/api/v1/delegations')).json()).toEqual([]);
    expect((await me(lead1)).actingFor.map((a) => a.employeeName)).toEqual(['刘洋']);
    // Acting for the channel supervisor, lead1 sees the other East team.
    expect((await lead1.get(`/api/v1/employees/${idOf(ids.employee, 'rep4')}`)).statusCode).toBe(200);
  });
});

describe('a delegation in force', () => {
  let delegation: DelegationJson;
  const eastLead1Seat = () => idOf(ids.position, 'XS-TL-E1');

  it('starts without the rights: lead2 may not edit JDs, read the audit or see team 1', async () => {
    expect((await me(lead2)).permissions).not.toContain('jd.edit');
    expectError(
      await lead2.send('POST', `/api/v1/positions/${eastLead1Seat()}/job-descriptions/draft`, buildJdBody()),
      403,
      'forbidden',
    );
    expectError(await lead2.get('/api/v1/audit'), 403, 'forbidden');
    expect((await lead2.get(`/api/v1/employees/${idOf(ids.employee, 'rep1')}`)).statusCode).toBe(404);
  });

  it('is created by the giver and seen by both sides, audited', async () => {
    const res = await manager1.send('POST', '/api/v1/delegations', {
      toEmployeeId: idOf(ids.employee, 'lead2'),
      startDate: today(),
      endDate: addDays(today(), 3),
      reason: '销售经理出差，由销售组长行使经理权力',
    });
    expect(res.statusCode, res.body).toBe(201);
    delegation = res.json();
    expect(delegation).toMatchObject({
      fromEmployeeName: '张伟',
      toEmployeeName: '孙悦',
      inForce: true,
      revokedAt: null,
    });
    for (const s of [manager1, lead2]) {
      expect(((await s.get('/api/v1/delegations')).json() as DelegationJson[]).map((d) => d.id)).toContain(
        delegation.id,
      );
    }
    expect(
      ((await lead3.get('/api/v1/delegations')).json() as DelegationJson[]).map((d) => d.id),
    ).not.toContain(delegation.id);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'delegation'), eq(auditLog.entityId, String(delegation.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'manager1' });
  });

  it("gives the delegate the giver's permissions and scope", async () => {
    const mine = await me(lead2);
    expect(mine.permissions).toEqual(expect.arrayContaining(['jd.edit', 'audit.read']));
    expect(mine.actingFor.map((a) => a.employeeName)).toEqual(['张伟']);
    expect((await lead2.get(`/api/v1/employees/${idOf(ids.employee, 'rep1')}`)).statusCode).toBe(200);
    expect((await lead2.get(`/api/v1/employees/${idOf(ids.employee, 'manager1')}`)).statusCode).toBe(200);
    expect((await lead2.get('/api/v1/audit')).statusCode).toBe(200);
    // Not more than the giver has: the South and the store stay out of reach.
    expect((await lead2.get(`/api/v1/employees/${idOf(ids.employee, 'rep7')}`)).statusCode).toBe(404);
    expectError(
      await lead2.send('POST', `/api/v1/job-descriptions/${ids.jds.get('XS-TL-E1')!.at(-1)!.id}/publish`, {
        version: 1,
      }),
      403,
      'forbidden',
    );
  });

  it('records in the audit that a delegated right was used on behalf of the giver', async () => {
    const res = await lead2.send(
      'POST',
      `/api/v1/positions/${eastLead1Seat()}/job-descriptions/draft`,
      buildJdBody({ summary: '代理期间起草' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json();
    const audit = (await manager1.get(`/api/v1/audit?entity=job_description&entityId=${draft.id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'create',
      actorName: 'lead2',
      actingForEmployeeId: idOf(ids.employee, 'manager1'),
      actingForName: '张伟',
    });
    // A right of their own is not "acting for": lead2 reading is not audited, and their own writes carry no one.
    const token = await lead2.send('POST', '/api/v1/auth/tokens', { name: '自己的' });
    const tokenAudit = (
      await manager1.get(`/api/v1/audit?entity=api_token&entityId=${token.json().id}`)
    ).json();
    expect(tokenAudit.items[0]).toMatchObject({ actorName: 'lead2', actingForEmployeeId: null });
  });

  it('can be revoked only by the giver; the revoke ends the rights at once', async () => {
    expectError(await lead2.send('POST', `/api/v1/delegations/${delegation.id}/revoke`), 403, 'forbidden');
    const res = await manager1.send('POST', `/api/v1/delegations/${delegation.id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ inForce: false });
    expect(res.json().revokedAt).not.toBeNull();
    expect((await me(lead2)).permissions).not.toContain('jd.edit');
    expect((await me(lead2)).actingFor).toEqual([]);
    expect((await lead2.get(`/api/v1/employees/${idOf(ids.employee, 'rep1')}`)).statusCode).toBe(404);
    expectError(await lead2.get('/api/v1/audit'), 403, 'forbidden');
    // Both still see it, as revoked.
    const seen = ((await lead2.get('/api/v1/delegations')).json() as DelegationJson[]).find(
      (d) => d.id === delegation.id,
    );
    expect(seen).toMatchObject({ inForce: false });
    // Revoking twice changes nothing more.
    const before = await countAuditRows(t.database.db);
    expect(
      (await manager1.send('POST', `/api/v1/delegations/${delegation.id}/revoke`)).json().revokedAt,
    ).toBe(res.json().revokedAt);
    expect(await countAuditRows(t.database.db)).toBe(before);
  });
});

describe('only within the date range', () => {
  it.each([
    ['starts tomorrow', 1, 5],
    ['ended yesterday', -5, -1],
  ])('a delegation that %s gives nothing today', async (_label, from, to) => {
    const res = await manager2.send('POST', '/api/v1/delegations', {
      toEmployeeId: idOf(ids.employee, 'lead3'),
      startDate: addDays(today(), from),
      endDate: addDays(today(), to),
      reason: '计划中的休假',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().inForce).toBe(false);
    expect((await me(lead3)).permissions).not.toContain('audit.read');
    expect((await lead3.get(`/api/v1/employees/${idOf(ids.employee, 'manager2')}`)).statusCode).toBe(404);
    expect((await lead3.get('/api/v1/delegations')).json().map((d: DelegationJson) => d.id)).toContain(
      res.json().id,
    );
  });

  it('a one-day delegation for today is in force (both ends count)', async () => {
    const res = await manager2.send('POST', '/api/v1/delegations', {
      toEmployeeId: idOf(ids.employee, 'lead3'),
      startDate: today(),
      endDate: today(),
      reason: '今天外出',
    });
    expect(res.json().inForce).toBe(true);
    expect((await lead3.get(`/api/v1/employees/${idOf(ids.employee, 'manager2')}`)).statusCode).toBe(200);
    await manager2.send('POST', `/api/v1/delegations/${res.json().id}/revoke`);
    expect((await lead3.get(`/api/v1/employees/${idOf(ids.employee, 'manager2')}`)).statusCode).toBe(404);
  });
});

describe('refusals', () => {
  it('nobody delegates what is not theirs; self and reversed dates are refused by field', async () => {
    const before = await countAuditRows(t.database.db);
    const base = { startDate: today(), endDate: addDays(today(), 1), reason: '出差' };
    expectError(
      await manager1.send('POST', '/api/v1/delegations', {
        ...base,
        fromEmployeeId: idOf(ids.employee, 'manager2'),
        toEmployeeId: idOf(ids.employee, 'lead2'),
      }),
      400,
      'validation',
      'body.fromEmployeeId',
    );
    expectError(
      await manager1.send('POST', '/api/v1/delegations', {
        ...base,
        toEmployeeId: idOf(ids.employee, 'manager1'),
      }),
      400,
      'validation',
      'body.toEmployeeId',
    );
    expectError(
      await manager1.send('POST', '/api/v1/delegations', {
        ...base,
        toEmployeeId: idOf(ids.employee, 'lead2'),
        endDate: addDays(today(), -1),
      }),
      400,
      'validation',
      'body.endDate',
    );
    expectError(
      await manager1.send('POST', '/api/v1/delegations', { ...base, toEmployeeId: 999_999 }),
      400,
      'validation',
      'body.toEmployeeId',
    );
    expectError(
      await rep1.send('POST', '/api/v1/delegations', { ...base, toEmployeeId: idOf(ids.employee, 'rep2') }),
      403,
      'forbidden',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('the admin may set one up for someone else', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await admin.send('POST', '/api/v1/delegations', {
      fromEmployeeId: idOf(ids.employee, 'store1'),
      toEmployeeId: idOf(ids.employee, 'storelead1'),
      startDate: addDays(today(), 10),
      endDate: addDays(today(), 12),
      reason: '店长休假',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fromEmployeeName: '梁雪', toEmployeeName: '宋佳' });
  });
});
