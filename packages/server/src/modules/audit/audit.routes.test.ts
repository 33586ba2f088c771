import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { addDays, buildJdBody, expectError, nextMobile, readAllPages, today } from '../../../test/support.ts';
import { routeRegistry } from '../../platform/http/route.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { DEMO_PASSWORD } from '../demo/demo-seed.ts';

/**
 * Every write records who (and for whom), when, what, and the values before and after; the log can be
 * searched and never changed through the product.
 */
interface AuditJson {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  actingForEmployeeId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface Expectation {
  action: string;
  entity: string;
  entityId: number;
  actor: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

let t: TestApp;
let ids: DemoIds;
const s: Record<string, Session> = {};
let startedAt: number;

const body = <T = { id: number; version: number }>(res: {
  statusCode: number;
  body: string;
  json(): unknown;
}) => {
  if (res.statusCode >= 300) throw new Error(`write failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return (res.statusCode === 204 ? {} : res.json()) as T;
};

/** The writes of the foundation, each made once through the API, with what its audit row must say. */
const WRITES: [string, () => Promise<Expectation>, string?][] = [
  [
    'unit create',
    async () => {
      const u = body(
        await s.vp!.send('POST', '/api/v1/org/units', {
          parentId: null,
          name: '审计测试部',
          code: 'AUD',
          kind: 'department',
        }),
      );
      return {
        action: 'create',
        entity: 'unit',
        entityId: u.id,
        actor: 'vp',
        before: null,
        after: { name: '审计测试部' },
      };
    },
  ],
  [
    'unit update',
    async () => {
      const id = idOf(ids.unit, 'KF');
      body(await s.vp!.send('PATCH', `/api/v1/org/units/${id}`, { name: '客户服务部', version: 1 }));
      return {
        action: 'update',
        entity: 'unit',
        entityId: id,
        actor: 'vp',
        before: { name: '客服部', version: 1 },
        after: { name: '客户服务部', version: 2 },
      };
    },
  ],
  [
    'unit delete',
    async () => {
      const u = body(
        await s.vp!.send('POST', '/api/v1/org/units', {
          parentId: null,
          name: '临时部',
          code: 'TMP',
          kind: 'section',
        }),
      );
      body(await s.vp!.send('DELETE', `/api/v1/org/units/${u.id}`));
      return {
        action: 'delete',
        entity: 'unit',
        entityId: u.id,
        actor: 'vp',
        before: { code: 'TMP' },
        after: null,
      };
    },
  ],
  [
    'position create',
    async () => {
      const roles = body<{ id: number; code: string }[]>(await s.admin!.get('/api/v1/org/roles'));
      const p = body(
        await s.vp!.send('POST', '/api/v1/org/positions', {
          unitId: idOf(ids.unit, 'KF'),
          reportsToId: idOf(ids.position, 'KF-PS'),
          name: '售前客服',
          code: 'KF-CS',
          headcountPlanned: 4,
          roleId: roles.find((r) => r.code === 'staff')!.id,
          dataScope: 'own',
        }),
      );
      return {
        action: 'create',
        entity: 'position',
        entityId: p.id,
        actor: 'vp',
        after: { code: 'KF-CS', headcountPlanned: 4 },
      };
    },
  ],
  [
    'position update',
    async () => {
      const id = idOf(ids.position, 'MD-SA');
      body(await s.vp!.send('PATCH', `/api/v1/org/positions/${id}`, { headcountPlanned: 4, version: 1 }));
      return {
        action: 'update',
        entity: 'position',
        entityId: id,
        actor: 'vp',
        before: { headcountPlanned: 3 },
        after: { headcountPlanned: 4 },
      };
    },
  ],
  [
    'role create',
    async () => {
      const r = body(
        await s.admin!.send('POST', '/api/v1/org/roles', {
          code: 'aud',
          name: '审计',
          permissions: ['audit.read'],
        }),
      );
      return {
        action: 'create',
        entity: 'role',
        entityId: r.id,
        actor: 'admin',
        after: { permissions: ['audit.read'] },
      };
    },
  ],
  [
    'role update',
    async () => {
      const r = body(
        await s.admin!.send('POST', '/api/v1/org/roles', { code: 'aud2', name: '审计二', permissions: [] }),
      );
      body(await s.admin!.send('PATCH', `/api/v1/org/roles/${r.id}`, { name: '审计贰', version: 1 }));
      return {
        action: 'update',
        entity: 'role',
        entityId: r.id,
        actor: 'admin',
        before: { name: '审计二' },
        after: { name: '审计贰' },
      };
    },
  ],
  [
    'promotion path create',
    async () => {
      const p = body(
        await s.vp!.send('POST', '/api/v1/org/promotion-paths', {
          name: '客服序列',
          positionIds: [idOf(ids.position, 'KF-PS'), idOf(ids.position, 'XS-DIR')],
        }),
      );
      return {
        action: 'create',
        entity: 'promotion_path',
        entityId: p.id,
        actor: 'vp',
        after: { name: '客服序列' },
      };
    },
  ],
  [
    'employee create',
    async () => {
      const e = body(
        await s.vp!.send('POST', '/api/v1/employees', {
          name: '审计员工',
          mobile: nextMobile(),
          hireDate: '2026-11-02',
        }),
      );
      return {
        action: 'create',
        entity: 'employee',
        entityId: e.id,
        actor: 'vp',
        after: { name: '审计员工' },
      };
    },
  ],
  [
    'employee update',
    async () => {
      const id = idOf(ids.employee, '韩雪');
      body(await s.vp!.send('PATCH', `/api/v1/employees/${id}`, { status: 'on_leave', version: 1 }));
      return {
        action: 'update',
        entity: 'employee',
        entityId: id,
        actor: 'vp',
        before: { status: 'active' },
        after: { status: 'on_leave' },
      };
    },
  ],
  [
    'assignment create',
    async () => {
      const a = body(
        await s.vp!.send('POST', '/api/v1/assignments', {
          employeeId: idOf(ids.employee, '冯晨'),
          positionId: idOf(ids.position, 'XS-MA'),
          kind: 'concurrent',
          startDate: '2026-11-01',
        }),
      );
      return {
        action: 'create',
        entity: 'assignment',
        entityId: a.id,
        actor: 'vp',
        after: { kind: 'concurrent' },
      };
    },
  ],
  [
    'assignment end',
    async () => {
      const id = ids.primaryAssignment.get('唐糖')!;
      body(await s.vp!.send('POST', `/api/v1/assignments/${id}/end`, { endDate: today() }));
      return {
        action: 'update',
        entity: 'assignment',
        entityId: id,
        actor: 'vp',
        before: { endDate: null },
        after: { endDate: today() },
      };
    },
  ],
  [
    'delegation create',
    async () => {
      const d = body(
        await s.manager1!.send('POST', '/api/v1/delegations', {
          toEmployeeId: idOf(ids.employee, 'lead2'),
          startDate: addDays(today(), 20),
          endDate: addDays(today(), 21),
          reason: '审计测试',
        }),
      );
      return {
        action: 'create',
        entity: 'delegation',
        entityId: d.id,
        actor: 'manager1',
        after: { reason: '审计测试' },
      };
    },
  ],
  [
    'delegation revoke',
    async () => {
      const d = body(
        await s.manager1!.send('POST', '/api/v1/delegations', {
          toEmployeeId: idOf(ids.employee, 'lead2'),
          startDate: addDays(today(), 30),
          endDate: addDays(today(), 31),
          reason: '取消的',
        }),
      );
      body(await s.manager1!.send('POST', `/api/v1/delegations/${d.id}/revoke`));
      return {
        action: 'revoke',
        entity: 'delegation',
        entityId: d.id,
        actor: 'manager1',
        before: { revokedAt: null },
        after: { revokedAt: expect.any(String) },
      };
    },
  ],
  [
    'job description draft, save and publish',
    async () => {
      const seat = idOf(ids.position, 'MD-CA');
      const d = body(
        await s.vp!.send(
          'POST',
          `/api/v1/positions/${seat}/job-descriptions/draft`,
          buildJdBody({ summary: '一' }),
        ),
      );
      body(
        await s.vp!.send('POST', `/api/v1/positions/${seat}/job-descriptions/draft`, {
          ...buildJdBody({ summary: '二' }),
          version: 1,
        }),
      );
      body(await s.vp!.send('POST', `/api/v1/job-descriptions/${d.id}/publish`, { version: 2 }));
      return {
        action: 'publish',
        entity: 'job_description',
        entityId: d.id,
        actor: 'vp',
        before: { status: 'draft' },
        after: { status: 'published', versionNo: 2 },
      };
    },
  ],
  [
    'job description draft save (before and after content)',
    async () => {
      const seat = idOf(ids.position, 'MD-IN');
      const d = body(
        await s.vp!.send(
          'POST',
          `/api/v1/positions/${seat}/job-descriptions/draft`,
          buildJdBody({ summary: '旧' }),
        ),
      );
      body(
        await s.vp!.send('POST', `/api/v1/positions/${seat}/job-descriptions/draft`, {
          ...buildJdBody({ summary: '新' }),
          version: 1,
        }),
      );
      return {
        action: 'update',
        entity: 'job_description',
        entityId: d.id,
        actor: 'vp',
        before: { content: expect.objectContaining({ summary: '旧' }) },
        after: { content: expect.objectContaining({ summary: '新' }) },
      };
    },
  ],
  [
    'job description acknowledge',
    async () => {
      const jd = ids.jds.get('XS-REP-E1')!.at(-1)!.id;
      const rep1 = await signIn(t.app, 'rep1');
      body(await rep1.send('POST', `/api/v1/job-descriptions/${jd}/acknowledge`));
      return {
        action: 'acknowledge',
        entity: 'job_description',
        entityId: jd,
        actor: 'rep1',
        after: { employeeId: idOf(ids.employee, 'rep1') },
      };
    },
  ],
  [
    'user create (secrets redacted)',
    async () => {
      const u = body(
        await s.admin!.send('POST', '/api/v1/users', {
          username: 'hanxue',
          employeeId: idOf(ids.employee, '韩雪'),
          password: 'hanxue-password',
        }),
      );
      return {
        action: 'create',
        entity: 'user',
        entityId: u.id,
        actor: 'admin',
        after: { username: 'hanxue', passwordHash: '[redacted]' },
      };
    },
  ],
  [
    'user password reset',
    async () => {
      const id = idOf(ids.user, 'rep8');
      body(
        await s.admin!.send('POST', `/api/v1/users/${id}/reset-password`, {
          newPassword: 'rep8-new-password',
        }),
      );
      return { action: 'reset_password', entity: 'user', entityId: id, actor: 'admin' };
    },
  ],
  [
    'user lock after five wrong passwords, and unlock',
    async () => {
      for (let i = 0; i < 5; i++) {
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'rep5', password: 'wrong' },
        });
      }
      const id = idOf(ids.user, 'rep5');
      body(await s.admin!.send('POST', `/api/v1/users/${id}/unlock`));
      return {
        action: 'unlock',
        entity: 'user',
        entityId: id,
        actor: 'admin',
        before: { lockedUntil: expect.any(String) },
      };
    },
  ],
  [
    'sign-in',
    async () => {
      await signIn(t.app, 'rep4');
      return { action: 'login', entity: 'user', entityId: idOf(ids.user, 'rep4'), actor: 'rep4' };
    },
  ],
  [
    'sign-out',
    async () => {
      const rep3 = await signIn(t.app, 'rep3');
      body(await rep3.send('POST', '/api/v1/auth/logout'));
      return { action: 'logout', entity: 'user', entityId: idOf(ids.user, 'rep3'), actor: 'rep3' };
    },
  ],
  [
    'password change',
    async () => {
      const rep6 = await signIn(t.app, 'rep6');
      body(
        await rep6.send('POST', '/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'rep6-changed-pw',
        }),
      );
      return { action: 'change_password', entity: 'user', entityId: idOf(ids.user, 'rep6'), actor: 'rep6' };
    },
  ],
  [
    'API token create and revoke',
    async () => {
      const token = body<{ id: number; token: string }>(
        await s.manager1!.send('POST', '/api/v1/auth/tokens', { name: 'BI 报表' }),
      );
      tokenSecret = token.token;
      body(await s.manager1!.send('DELETE', `/api/v1/auth/tokens/${token.id}`));
      return {
        action: 'revoke',
        entity: 'api_token',
        entityId: token.id,
        actor: 'manager1',
        before: { name: 'BI 报表', revokedAt: null },
        after: { revokedAt: expect.any(String) },
      };
    },
  ],
];

const results = new Map<string, Expectation>();
let tokenSecret = '';

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  for (const u of ['admin', 'vp', 'manager1']) s[u] = await signIn(t.app, u);
  startedAt = Date.now();
  for (const [label, run] of WRITES) results.set(label, await run());
});
afterAll(() => t.close());

describe('every write is in the audit log', () => {
  const check = async (label: string) => {
    const want = results.get(label)!;
    const res = await s.admin!.get(
      `/api/v1/audit?entity=${want.entity}&entityId=${want.entityId}&pageSize=200`,
    );
    expect(res.statusCode).toBe(200);
    const rows = (res.json().items as AuditJson[]).filter((r) => r.action === want.action);
    expect(rows, `no ${want.action} row for ${want.entity} ${want.entityId}`).toHaveLength(1);
    const row = rows[0]!;
    expect(row.actorName).toBe(want.actor);
    expect(row.actorUserId).toBe(idOf(ids.user, want.actor));
    expect(row.actingForEmployeeId).toBeNull();
    expect(Date.parse(row.at)).toBeGreaterThanOrEqual(startedAt - 1_000);
    expect(Date.parse(row.at)).toBeLessThanOrEqual(Date.now() + 1_000);
    if (want.before === null) expect(row.before).toBeNull();
    else if (want.before) expect(row.before).toMatchObject(want.before);
    if (want.after === null) expect(row.after).toBeNull();
    else if (want.after) expect(row.after).toMatchObject(want.after);
  };
  for (const [label, , bug] of WRITES) {
    if (bug) it.fails(`${label} — known bug: ${bug}`, () => check(label));
    else it(label, () => check(label));
  }

  it('a language change is in the audit log too', async () => {
    const rep7 = await signIn(t.app, 'rep7');
    expect((await rep7.send('PUT', '/api/v1/auth/locale', { locale: 'en-US' })).statusCode).toBe(204);
    const rows = (await s.admin!.get(`/api/v1/audit?entity=user&entityId=${idOf(ids.user, 'rep7')}`)).json()
      .items as AuditJson[];
    expect(rows.find((r) => r.action === 'update')).toMatchObject({
      actorName: 'rep7',
      before: { locale: 'zh-CN' },
      after: { locale: 'en-US' },
    });
  });

  it('never holds a password or a secret', async () => {
    const rows = await t.database.db.select().from(auditLog);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/\$argon2id\$/);
    for (const secret of [
      'hanxue-password',
      'rep8-new-password',
      'rep6-changed-pw',
      DEMO_PASSWORD,
      tokenSecret,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('nobody can change the audit log through the product', () => {
  it('the registry has no route under /api/v1/audit but GET', () => {
    const audit = routeRegistry.filter((r) => r.url.startsWith('/api/v1/audit'));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'] as const)(
    '%s on the audit log is 404 even for the admin',
    async (method) => {
      const count = (await s.admin!.get('/api/v1/audit?pageSize=1')).json().total;
      for (const url of ['/api/v1/audit', '/api/v1/audit/1']) {
        expectError(await s.admin!.send(method, url, { action: 'forged' }), 404, 'not_found');
      }
      // The count is unchanged apart from nothing: reading does not write.
      expect((await s.admin!.get('/api/v1/audit?pageSize=1')).json().total).toBe(count);
    },
  );
});

describe('search', () => {
  it('needs audit.read', async () => {
    const rep2 = await signIn(t.app, 'rep2');
    expectError(await rep2.get('/api/v1/audit'), 403, 'forbidden');
  });

  it('filters by entity, record, person, text and date; orders and pages', async () => {
    const admin = s.admin!;
    const units = (await admin.get('/api/v1/audit?entity=unit&pageSize=200')).json().items as AuditJson[];
    expect(units.length).toBeGreaterThanOrEqual(4);
    expect(new Set(units.map((u) => u.entity))).toEqual(new Set(['unit']));

    const vpId = idOf(ids.user, 'vp');
    const byVp = (await admin.get(`/api/v1/audit?actorUserId=${vpId}&pageSize=200`)).json()
      .items as AuditJson[];
    expect(byVp.length).toBeGreaterThan(5);
    expect(new Set(byVp.map((r) => r.actorName))).toEqual(new Set(['vp']));

    const q = (await admin.get('/api/v1/audit?q=reset_password')).json().items as AuditJson[];
    expect(q.map((r) => r.action)).toEqual(['reset_password']);
    const byName = (await admin.get('/api/v1/audit?q=manager1&pageSize=200')).json().items as AuditJson[];
    expect(new Set(byName.map((r) => r.actorName))).toEqual(new Set(['manager1']));

    const all = (await admin.get('/api/v1/audit?pageSize=1')).json().total as number;
    expect((await admin.get(`/api/v1/audit?from=${today()}&to=${today()}&pageSize=1`)).json().total).toBe(
      all,
    );
    expect((await admin.get(`/api/v1/audit?to=${addDays(today(), -1)}&pageSize=1`)).json().total).toBe(0);
    expect((await admin.get(`/api/v1/audit?from=${addDays(today(), 1)}&pageSize=1`)).json().total).toBe(0);

    const desc = (await admin.get('/api/v1/audit?pageSize=5&order=desc')).json().items as AuditJson[];
    expect(desc[0]!.id).toBe(
      Math.max(...(await readAllPages<AuditJson>(admin, '/api/v1/audit', 200)).items.map((r) => r.id)),
    );
    expect(desc.map((r) => r.id)).toEqual([...desc.map((r) => r.id)].sort((a, b) => b - a));
    const asc = (await admin.get('/api/v1/audit?pageSize=5&order=asc')).json().items as AuditJson[];
    expect(asc[0]).toMatchObject({ action: 'seed', actorName: 'zuzhang demo' });

    const { items } = await readAllPages<AuditJson>(admin, '/api/v1/audit', 17);
    expect(items).toHaveLength(all);
    expectError(await admin.get('/api/v1/audit?from=27/11/2026'), 400, 'validation', 'query.from');
  });

  it('a sales manager sees what the people of their region did, not the VP nor the admin', async () => {
    const lead1 = await signIn(t.app, 'lead1');
    await lead1.send('POST', '/api/v1/auth/tokens', { name: 'lead1 token' });
    const { items } = await readAllPages<AuditJson>(s.manager1!, '/api/v1/audit', 200);
    const actors = new Set(items.map((r) => r.actorName));
    expect(actors.has('lead1')).toBe(true);
    expect(actors.has('manager1')).toBe(true);
    for (const outside of ['vp', 'admin', 'rep7', 'rep8', 'zuzhang demo'])
      expect(actors.has(outside), outside).toBe(false);
  });

  it('shows acting-for by name', async () => {
    const manager1 = s.manager1!;
    const d = body(
      await manager1.send('POST', '/api/v1/delegations', {
        toEmployeeId: idOf(ids.employee, 'lead2'),
        startDate: today(),
        endDate: today(),
        reason: '今天代理',
      }),
    );
    const lead2 = await signIn(t.app, 'lead2');
    const seat = idOf(ids.position, 'XS-TL-E2');
    const draft = body(
      await lead2.send('POST', `/api/v1/positions/${seat}/job-descriptions/draft`, buildJdBody()),
    );
    await manager1.send('POST', `/api/v1/delegations/${d.id}/revoke`);
    const row = (await s.admin!.get(`/api/v1/audit?entity=job_description&entityId=${draft.id}`)).json()
      .items[0];
    expect(row).toMatchObject({
      actorName: 'lead2',
      actingForEmployeeId: idOf(ids.employee, 'manager1'),
      actingForName: '张伟',
    });
  });
});
