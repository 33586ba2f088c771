import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { countAuditRows, expectError } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { loadActor } from '../../platform/access/actor.ts';
import { users } from '../auth/auth.table.ts';
import * as org from './org.service.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let admin: Session;
let rep1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, admin, rep1] = await Promise.all([signIn(t.app, 'vp'), signIn(t.app, 'admin'), signIn(t.app, 'rep1')]);
});
afterAll(() => t.close());

async function lastAudit(entity: string, entityId: number) {
  const rows = await t.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(entityId)));
  return rows.filter((r) => r.entity === entity).at(-1)!;
}

// First, while the demo is as seeded: later tests add seats.
describe('org chart of the demo company', () => {
  interface ChartPosition {
    code: string;
    headcountPlanned: number;
    vacancies: number;
    holders: { name: string; kind: string }[];
  }
  interface ChartUnit {
    code: string;
    planned: number;
    filled: number;
    positions: ChartPosition[];
    children: ChartUnit[];
  }
  const flatten = (u: ChartUnit): ChartUnit[] => [u, ...u.children.flatMap(flatten)];

  it('shows planned against filled headcount per unit, counted by hand from the seed', async () => {
    const chart = (await vp.get('/api/v1/org/chart')).json() as {
      roots: ChartUnit[];
      planned: number;
      filled: number;
    };
    expect(chart.roots.map((r) => r.code)).toEqual(['HQ']);
    // 26 people, each in one primary seat; 33 seats planned (岗位定员数).
    expect({ planned: chart.planned, filled: chart.filled }).toEqual({ planned: 33, filled: 26 });
    const byCode = Object.fromEntries(flatten(chart.roots[0]!).map((u) => [u.code, [u.planned, u.filled]]));
    expect(byCode).toEqual({
      HQ: [33, 26],
      XS: [24, 19],
      'XS-E': [13, 11],
      'XS-E1': [5, 4],
      'XS-E2': [4, 4],
      'XS-S': [8, 5],
      'XS-S1': [4, 4],
      'MD-01': [8, 6],
      KF: [1, 1],
    });
  });

  it('lists the vacancies and who holds each seat, the concurrent holder included', async () => {
    const chart = (await vp.get('/api/v1/org/chart')).json() as { roots: ChartUnit[] };
    const positions = flatten(chart.roots[0]!).flatMap((u) => u.positions);
    const vacancies = Object.fromEntries(
      positions.filter((p) => p.vacancies > 0).map((p) => [p.code, p.vacancies]),
    );
    expect(vacancies).toEqual({
      'XS-GL-E': 1,
      'XS-REP-E1': 1,
      'XS-CH-S': 1,
      'XS-GL-S': 2,
      'MD-SA': 1,
      'MD-IN': 1,
    });
    const southGroup = positions.find((p) => p.code === 'XS-GL-S')!;
    expect(southGroup.holders).toEqual([
      { employeeId: idOf(ids.employee, 'group1'), name: '陈静', kind: 'concurrent' },
    ]);
    expect(positions.find((p) => p.code === 'XS-REP-S1')!.holders.map((h) => h.name)).toEqual([
      '高鹏',
      '林婷',
      '罗斌',
    ]);
  });
  it('agrees with the positions list on how many seats are filled', async () => {
    const chart = (await vp.get('/api/v1/org/chart')).json() as { roots: ChartUnit[] };
    const positions = flatten(chart.roots[0]!).flatMap((u) => u.positions);
    const list = (await vp.get('/api/v1/org/positions?pageSize=200')).json().items as {
      code: string;
      headcountFilled: number;
    }[];
    for (const p of positions) {
      const listed = list.find((l) => l.code === p.code)!;
      expect(listed.headcountFilled, p.code).toBe(p.headcountPlanned - p.vacancies);
    }
  });

  it('is cut to the caller scope: a team lead sees their team only', async () => {
    const lead3 = await signIn(t.app, 'lead3');
    const chart = (await lead3.get('/api/v1/org/chart')).json() as {
      roots: ChartUnit[];
      planned: number;
      filled: number;
    };
    expect(chart.roots.map((r) => r.code)).toEqual(['XS-S1']);
    expect({ planned: chart.planned, filled: chart.filled }).toEqual({ planned: 4, filled: 4 });
  });
});

describe('units', () => {
  it('creates, renames with the version, moves and deletes an empty unit, auditing each step', async () => {
    const created = await vp.send('POST', '/api/v1/org/units', {
      parentId: idOf(ids.unit, 'XS'),
      name: '华北区',
      code: 'XS-N',
      kind: 'centre',
      sort: 7,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ name: '华北区', code: 'XS-N', kind: 'centre', sort: 7, version: 1 });
    expect((await lastAudit('unit', unit.id)).action).toBe('create');

    const renamed = await vp.send('PATCH', `/api/v1/org/units/${unit.id}`, { name: '华北大区', version: 1 });
    expect(renamed.json()).toMatchObject({ name: '华北大区', code: 'XS-N', version: 2 });
    const audit = await lastAudit('unit', unit.id);
    expect(audit).toMatchObject({ action: 'update', actorName: 'vp' });
    expect(audit.before).toMatchObject({ name: '华北区', version: 1 });
    expect(audit.after).toMatchObject({ name: '华北大区', version: 2 });

    const moved = await vp.send('PATCH', `/api/v1/org/units/${unit.id}`, {
      parentId: idOf(ids.unit, 'HQ'),
      version: 2,
    });
    expect(moved.json().parentId).toBe(idOf(ids.unit, 'HQ'));

    expect((await vp.send('DELETE', `/api/v1/org/units/${unit.id}`)).statusCode).toBe(204);
    expect((await vp.get(`/api/v1/org/units/${unit.id}`)).statusCode).toBe(404);
    expect((await lastAudit('unit', unit.id)).action).toBe('delete');
  });

  it('refuses to delete a unit that still has positions or sub-units (422)', async () => {
    const before = await countAuditRows(t.database.db);
    const withPositions = await vp.send('DELETE', `/api/v1/org/units/${idOf(ids.unit, 'XS-E1')}`);
    expectError(withPositions, 422, 'business_rule', 'params.id');
    const withChildren = await vp.send('DELETE', `/api/v1/org/units/${idOf(ids.unit, 'XS-S')}`);
    expectError(withChildren, 422, 'business_rule', 'params.id');
    expect((await vp.get(`/api/v1/org/units/${idOf(ids.unit, 'XS-E1')}`)).statusCode).toBe(200);
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('refuses a parent that does not exist in the company', async () => {
    const res = await vp.send('POST', '/api/v1/org/units', {
      parentId: 999_999,
      name: '孤岛',
      code: 'LOST',
      kind: 'team',
    });
    expectError(res, 400, 'validation', 'body.parentId');
  });

  it('needs org.manage: a rep gets 403', async () => {
    const res = await rep1.send('POST', '/api/v1/org/units', {
      parentId: null,
      name: '自建',
      code: 'SELF',
      kind: 'team',
    });
    expectError(res, 403, 'forbidden');
  });
});

describe('positions', () => {
  it('creates a position under a superior and changes it with the version', async () => {
    const created = await vp.send('POST', '/api/v1/org/positions', {
      unitId: idOf(ids.unit, 'XS-S1'),
      reportsToId: idOf(ids.position, 'XS-TL-S1'),
      name: '销售助理（华南一组）',
      code: 'XS-AS-S1',
      headcountPlanned: 2,
      headcountNote: '1+1',
      category: '销售',
      payBand: 'S1',
      roleId: (await admin.get('/api/v1/org/roles')).json().find((r: { code: string }) => r.code === 'staff')
        .id,
      dataScope: 'own',
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      unitName: '华南一组',
      reportsToName: '销售组长（华南一组）',
      headcountPlanned: 2,
      headcountNote: '1+1',
      headcountFilled: 0,
      roleName: '一线员工',
      dataScope: 'own',
      version: 1,
    });
    // The team lead now sees the new seat (own + subordinates); the East lead does not.
    const lead3 = await signIn(t.app, 'lead3');
    expect((await lead3.get(`/api/v1/org/positions/${p.id}`)).statusCode).toBe(200);
    const lead2 = await signIn(t.app, 'lead2');
    expect((await lead2.get(`/api/v1/org/positions/${p.id}`)).statusCode).toBe(404);

    const changed = await vp.send('PATCH', `/api/v1/org/positions/${p.id}`, {
      reportsToId: idOf(ids.position, 'XS-GL-S'),
      headcountPlanned: 3,
      version: 1,
    });
    expect(changed.json()).toMatchObject({
      reportsToName: '销售组组长（华南）',
      headcountPlanned: 3,
      version: 2,
    });
    const audit = await lastAudit('position', p.id);
    expect(audit.before).toMatchObject({ headcountPlanned: 2 });
    expect(audit.after).toMatchObject({ headcountPlanned: 3 });
  });

  it('refuses a reports-to that is not a position of the company', async () => {
    const res = await vp.send('PATCH', `/api/v1/org/positions/${idOf(ids.position, 'XS-MA')}`, {
      reportsToId: 999_999,
      version: 1,
    });
    expectError(res, 400, 'validation', 'body.reportsToId');
  });

  it('lists with search, unit filter and sort', async () => {
    const reps = (await vp.get('/api/v1/org/positions?q=销售代表&sort=code&order=desc')).json();
    expect(reps.items.map((p: { code: string }) => p.code)).toEqual(['XS-REP-S1', 'XS-REP-E2', 'XS-REP-E1']);
    const store = (
      await vp.get(`/api/v1/org/positions?unitId=${idOf(ids.unit, 'MD-01')}&sort=headcount`)
    ).json();
    expect(store.items.map((p: { headcountPlanned: number }) => p.headcountPlanned)).toEqual([1, 1, 1, 2, 3]);
    expectError(await vp.get('/api/v1/org/positions?sort=salary'), 400, 'validation', 'query.sort');
  });
});

describe('roles', () => {
  it('creates a role; an unknown permission is a 400 naming its index', async () => {
    const bad = await admin.send('POST', '/api/v1/org/roles', {
      code: 'sales-ops',
      name: '销售运营',
      permissions: ['org.read', 'salary.approve'],
    });
    const error = expectError(bad, 400, 'validation', 'body.permissions.1');
    expect(error.details[0]!.message).toContain('salary.approve');

    const ok = await admin.send('POST', '/api/v1/org/roles', {
      code: 'sales-ops',
      name: '销售运营',
      permissions: ['org.read', 'audit.read'],
    });
    expect(ok.statusCode).toBe(201);
    const role = ok.json();
    const badUpdate = await admin.send('PATCH', `/api/v1/org/roles/${role.id}`, {
      permissions: ['everything'],
      version: 1,
    });
    expectError(badUpdate, 400, 'validation', 'body.permissions.0');
    const updated = await admin.send('PATCH', `/api/v1/org/roles/${role.id}`, {
      permissions: ['org.read'],
      version: 1,
    });
    expect(updated.json()).toMatchObject({ permissions: ['org.read'], version: 2 });
    expectError(
      await admin.send('PATCH', `/api/v1/org/roles/${role.id}`, { name: '旧版本', version: 1 }),
      409,
      'conflict',
    );
  });

  it('needs role.manage: even the VP gets 403', async () => {
    expectError(
      await vp.send('POST', '/api/v1/org/roles', { code: 'x', name: 'x', permissions: [] }),
      403,
      'forbidden',
    );
  });

  it('a new permission on a role reaches its holders at their next request', async () => {
    const roles = (await admin.get('/api/v1/org/roles')).json() as {
      id: number;
      code: string;
      version: number;
      permissions: string[];
    }[];
    const storeRole = (await admin.get(`/api/v1/org/positions/${idOf(ids.position, 'MD-TL')}`)).json().roleId;
    const leader = roles.find((r) => r.id === storeRole)!;
    const storelead = await signIn(t.app, 'storelead1');
    expect((await storelead.get('/api/v1/audit')).statusCode).toBe(403);
    const granted = await admin.send('PATCH', `/api/v1/org/roles/${leader.id}`, {
      permissions: [...leader.permissions, 'audit.read'],
      version: leader.version,
    });
    expect(granted.statusCode).toBe(200);
    expect((await storelead.get('/api/v1/audit')).statusCode).toBe(200);
    await admin.send('PATCH', `/api/v1/org/roles/${leader.id}`, {
      permissions: leader.permissions,
      version: leader.version + 1,
    });
    expect((await storelead.get('/api/v1/audit')).statusCode).toBe(403);
  });
});

describe('promotion paths (晋升方向)', () => {
  it('lists the demo paths in order', async () => {
    const paths = (await rep1.get('/api/v1/org/promotion-paths')).json();
    expect(paths.map((p: { name: string }) => p.name)).toEqual(['销售序列', '门店序列']);
    expect(paths[1].steps.map((s: { positionName: string }) => s.positionName)).toEqual([
      '实习导购',
      '导购',
      '门店组长',
      '店长',
    ]);
    expect(paths[0].steps).toHaveLength(7);
    expect(paths[0].steps[0].positionName).toBe('销售代表（华东一组）');
    expect(paths[0].steps.at(-1).positionName).toBe('销售副总');
  });

  it('creates a path; a step that is not a position of the company names its index', async () => {
    const bad = await vp.send('POST', '/api/v1/org/promotion-paths', {
      name: '客服序列',
      positionIds: [idOf(ids.position, 'KF-PS'), 999_999],
    });
    expectError(bad, 400, 'validation', 'body.positionIds.1');
    const ok = await vp.send('POST', '/api/v1/org/promotion-paths', {
      name: '客服序列',
      positionIds: [idOf(ids.position, 'KF-PS'), idOf(ids.position, 'XS-DIR')],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().steps.map((s: { positionName: string }) => s.positionName)).toEqual([
      '售前客服组长',
      '销售总监',
    ]);
    expect((await rep1.get('/api/v1/org/promotion-paths')).json()).toHaveLength(3);
  });
});

describe('the service without HTTP', () => {
  it('refuses a write the actor may not make, before touching the database', async () => {
    const [user] = await t.database.db.select().from(users).where(eq(users.username, 'rep2'));
    const actor = await loadActor(t.database.db, user!, 'cookie');
    const before = await countAuditRows(t.database.db);
    await expect(
      org.createUnit(t.database.db, actor, { parentId: null, name: 'x', code: 'X', kind: 'team', sort: 0 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await countAuditRows(t.database.db)).toBe(before);
  });
});
