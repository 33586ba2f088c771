// HTTP checks of the foundation's contract against the running server (issue 2, Sign-in and API):
// sign-in cookies, the double-submit CSRF check, sign-out, the error shape and the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorBody, MeResponse } from '@zuzhang/api-schema';
import { baseUrl, DEMO_PASSWORD, readSetCookies } from './support.ts';

const LOGIN = '/api/v1/auth/login';

function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, headers, ...rest } = init;
  return fetch(baseUrl + path, {
    ...rest,
    headers: { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
}

/** Reads an error answer, checks it against the shared ErrorBody schema and returns it. */
async function readError(response: Response, status: number, code: string): Promise<ErrorBody['error']> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  const { error } = ErrorBody.parse(JSON.parse(text));
  assert.equal(error.code, code, text);
  assert.ok(error.message.length > 0, 'the error message is empty');
  return error;
}

describe('API smoke', () => {
  test('GET /api/health answers 200 without sign-in', async () => {
    const response = await call('/api/health');
    assert.equal(response.status, 200);
  });

  test('GET /api/v1/auth/me without sign-in is 401 in the error shape', async () => {
    await readError(await call('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('a wrong password is refused with 401 and no session', async () => {
    // One attempt only: five would lock the user for 15 minutes.
    const response = await call(LOGIN, {
      method: 'POST',
      json: { username: 'assistant1', password: 'wrong-password' },
    });
    assert.equal(readSetCookies(response).has('zuzhang_session'), false);
    await readError(response, 401, 'unauthenticated');
  });

  test('bad sign-in bodies are 400 naming the field, 413 over 1 MB', async () => {
    const malformed = await call(LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "vp",',
    });
    await readError(malformed, 400, 'validation');

    const wrongType = await readError(
      await call(LOGIN, { method: 'POST', json: { username: 5, password: DEMO_PASSWORD } }),
      400,
      'validation',
    );
    assert.ok(
      wrongType.details.some((detail) => detail.path.includes('username')),
      JSON.stringify(wrongType),
    );

    const unknownField = await readError(
      await call(LOGIN, { method: 'POST', json: { username: 'vp', password: DEMO_PASSWORD, isAdmin: true } }),
      400,
      'validation',
    );
    assert.match(JSON.stringify(unknownField.details), /isAdmin/);

    const huge = await call(LOGIN, {
      method: 'POST',
      json: { username: 'vp', password: 'x'.repeat(1_100_000) },
    });
    await readError(huge, 413, 'payload_too_large');
  });

  test('sign in as vp, read me, CSRF refusal without the header, sign out', async () => {
    const login = await call(LOGIN, { method: 'POST', json: { username: 'vp', password: DEMO_PASSWORD } });
    assert.equal(login.status, 200, await login.clone().text());
    const cookies = readSetCookies(login);
    const session = cookies.get('zuzhang_session');
    const csrf = cookies.get('zuzhang_csrf');
    assert.ok(session, 'no zuzhang_session cookie');
    assert.ok(csrf, 'no zuzhang_csrf cookie');
    assert.match(session.attributes, /httponly/i, 'the session cookie must be HttpOnly');
    assert.match(session.attributes, /samesite=lax/i, 'the session cookie must be SameSite=Lax');
    assert.doesNotMatch(csrf.attributes, /httponly/i, 'the web app must be able to read the CSRF cookie');
    const cookie = `zuzhang_session=${session.value}; zuzhang_csrf=${csrf.value}`;

    const meResponse = await call('/api/v1/auth/me', { headers: { cookie } });
    assert.equal(meResponse.status, 200);
    const me = MeResponse.parse(await meResponse.json());
    assert.equal(me.user.username, 'vp');
    assert.ok(me.employee, 'vp is linked to an employee');
    assert.ok(
      me.positions.some((position) => position.name === '销售副总'),
      JSON.stringify(me.positions),
    );

    const logout = '/api/v1/auth/logout';
    await readError(await call(logout, { method: 'POST', headers: { cookie } }), 403, 'forbidden');
    await readError(
      await call(logout, { method: 'POST', headers: { cookie, 'x-zuzhang-csrf': 'not-the-token' } }),
      403,
      'forbidden',
    );
    // Still signed in: the refused requests changed nothing.
    assert.equal((await call('/api/v1/auth/me', { headers: { cookie } })).status, 200);

    const out = await call(logout, { method: 'POST', headers: { cookie, 'x-zuzhang-csrf': csrf.value } });
    assert.ok(out.status >= 200 && out.status < 300, `logout answered ${out.status}`);
    await readError(await call('/api/v1/auth/me', { headers: { cookie } }), 401, 'unauthenticated');
  });

  test('OpenAPI 3.1 at /api/openapi.json, readable docs at /api/docs', async () => {
    const spec = await call('/api/openapi.json');
    assert.equal(spec.status, 200);
    const document = (await spec.json()) as { openapi?: string; paths?: Record<string, unknown> };
    assert.match(document.openapi ?? '', /^3\.1\./);
    assert.ok(document.paths && LOGIN in document.paths, 'the login route is not in the OpenAPI document');
    const docs = await call('/api/docs');
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
  });
});
