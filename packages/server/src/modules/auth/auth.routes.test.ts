import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with the right password and sets httpOnly, SameSite=Lax cookies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'vp', password: 'zuzhang-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().employee.name).toBe('王建国');
    const session = res.cookies.find((c) => c.name === 'zuzhang_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.cookies.find((c) => c.name === 'zuzhang_csrf')!.httpOnly).toBeFalsy();
  });

  it('names the missing field in the caller language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US' },
      payload: { username: 'vp' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.password');
  });

  it('locks the user after five wrong passwords, even against the right one', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'rep9', password: 'wrong' },
      });
      expect(res.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'rep9', password: 'wrong' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'rep9', password: 'zuzhang-demo' },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toContain('锁定');
  });

  it('refuses a cookie-signed write without the CSRF header', async () => {
    const s = await signIn(t.app, 'rep1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect((await s.send('POST', '/api/v1/auth/tokens', { name: 'x' })).statusCode).toBe(201);
  });

  it('answers 401 to /me without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows the secret once, authenticates with it, and stops after revoke', async () => {
    const s = await signIn(t.app, 'lead1');
    const created = (await s.send('POST', '/api/v1/auth/tokens', { name: 'ERP 对接' })).json();
    expect(created.token).toMatch(/^zz_/);
    const list = (await s.get('/api/v1/auth/tokens')).json();
    expect(JSON.stringify(list)).not.toContain(created.token);
    const bearer = { authorization: `Bearer ${created.token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('lead1');
    expect((await s.send('DELETE', `/api/v1/auth/tokens/${created.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(
      401,
    );
  });
});
