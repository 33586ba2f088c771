import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { countAuditRows, createScopedUser, expectError } from '../../../test/support.ts';
import { sessions, users } from '../auth/auth.table.ts';
import { DEMO_PASSWORD } from '../demo/demo-seed.ts';

let t: TestApp;
let ids: DemoIds;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

async function lockOut(username: string) {
  for (let i = 0; i < 5; i++) await login(username, 'wrong-password');
  expect((await login(username, DEMO_PASSWORD)).statusCode).toBe(423);
}

describe('create', () => {
  it('creates a sign-in for an employee, stored as an argon2id hash', async () => {
    const res = await admin.send('POST', '/api/v1/users', {
      username: 'zhenghui',
      employeeId: idOf(ids.employee, '郑慧'),
      password: 'zhenghui-password',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'zhenghui',
      employeeName: '郑慧',
      isAdmin: false,
      lockedUntil: null,
    });
    expect(JSON.stringify(res.json())).not.toMatch(/password|argon/i);
    const [row] = await t.database.db.select().from(users).where(eq(users.username, 'zhenghui'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain('zhenghui-password');
    // The new user signs in and sees their own store (导购, own position).
    const s = await signIn(t.app, 'zhenghui', 'zhenghui-password');
    const me = (await s.get('/api/v1/auth/me')).json();
    expect(me.employee.name).toBe('郑慧');
    expect(me.positions.map((p: { name: string }) => p.name)).toEqual(['导购']);
    expect((await admin.get('/api/v1/users')).json().map((u: { username: string }) => u.username)).toContain(
      'zhenghui',
    );
  });

  it('refuses a duplicate username (409), a short password and an unknown employee (400)', async () => {
    const before = await countAuditRows(t.database.db);
    expectError(
      await admin.send('POST', '/api/v1/users', {
        username: 'vp',
        employeeId: null,
        password: 'long-enough-1',
      }),
      409,
      'conflict',
      'body.username',
    );
    expectError(
      await admin.send('POST', '/api/v1/users', { username: 'xiela', employeeId: null, password: 'short' }),
      400,
      'validation',
      'body.password',
    );
    expectError(
      await admin.send('POST', '/api/v1/users', {
        username: 'xiela',
        employeeId: 999_999,
        password: 'long-enough-1',
      }),
      400,
      'validation',
      'body.employeeId',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('needs user.manage: the VP gets 403 on every users route', async () => {
    const vp = await signIn(t.app, 'vp');
    expectError(await vp.get('/api/v1/users'), 403, 'forbidden');
    expectError(
      await vp.send('POST', '/api/v1/users', {
        username: 'sneaky',
        employeeId: null,
        password: 'long-enough-1',
      }),
      403,
      'forbidden',
    );
    const rep1Id = idOf(ids.user, 'rep1');
    expectError(
      await vp.send('POST', `/api/v1/users/${rep1Id}/reset-password`, { newPassword: 'taken-over-1' }),
      403,
      'forbidden',
    );
    expectError(await vp.send('POST', `/api/v1/users/${rep1Id}/unlock`), 403, 'forbidden');
  });
});

describe('reset password', () => {
  it('sets the new password, ends every session of the user and clears the lock', async () => {
    const phone = await signIn(t.app, 'rep4');
    const laptop = await signIn(t.app, 'rep4');
    await lockOut('rep4');
    const id = idOf(ids.user, 'rep4');
    expect(
      (await admin.get('/api/v1/users')).json().find((u: { id: number }) => u.id === id).lockedUntil,
    ).not.toBeNull();

    const res = await admin.send('POST', `/api/v1/users/${id}/reset-password`, {
      newPassword: 'rep4-fresh-password',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'rep4', lockedUntil: null, version: 2 });

    for (const s of [phone, laptop]) expectError(await s.get('/api/v1/auth/me'), 401, 'unauthenticated');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
    expect((await login('rep4', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('rep4', 'rep4-fresh-password')).statusCode).toBe(200);
  });

  it('leaves other users signed in', async () => {
    const rep5 = await signIn(t.app, 'rep5');
    await admin.send('POST', `/api/v1/users/${idOf(ids.user, 'rep6')}/reset-password`, {
      newPassword: 'rep6-fresh-password',
    });
    expect((await rep5.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('unlock', () => {
  it('lets a locked user sign in again with the right password, before the 15 minutes are up', async () => {
    await lockOut('rep7');
    const id = idOf(ids.user, 'rep7');
    const locked = (await admin.get('/api/v1/users')).json().find((u: { id: number }) => u.id === id);
    const minutes = (Date.parse(locked.lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const res = await admin.send('POST', `/api/v1/users/${id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect((await login('rep7', DEMO_PASSWORD)).statusCode).toBe(200);
    // The count of wrong passwords starts again: four more are not yet a lock.
    for (let i = 0; i < 4; i++) expect((await login('rep7', 'wrong')).statusCode).toBe(401);
    expect((await login('rep7', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('answers 404 for a user that does not exist', async () => {
    expectError(await admin.send('POST', '/api/v1/users/999999/unlock'), 404, 'not_found');
  });
});

describe('a holder of user.manage who is not the admin', () => {
  let manager: Session;
  beforeAll(async () => {
    const permissions = (await admin.get('/api/v1/org/permissions'))
      .json()
      .map((p: { code: string }) => p.code);
    ({ session: manager } = await createScopedUser(t.app, admin, {
      username: 'hrsouth',
      permissions: permissions.filter((p: string) => p !== 'role.manage'),
      unitId: idOf(ids.unit, 'XS-S1'),
      reportsToId: idOf(ids.position, 'XS-TL-S1'),
      dataScope: 'unit',
    }));
  });
  it('cannot mint a company admin', async () => {
    const res = await manager.send('POST', '/api/v1/users', {
      username: 'shadowadmin',
      employeeId: null,
      password: 'shadow-admin-pw',
      isAdmin: true,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(
      (await admin.get('/api/v1/users')).json().map((u: { username: string }) => u.username),
    ).not.toContain('shadowadmin');
  });
  it('lists only the users of people in their scope', async () => {
    const listed = (await manager.get('/api/v1/users')).json().map((u: { username: string }) => u.username);
    expect(listed).not.toContain('vp');
    expect(listed).toContain('rep7');
  });
});
