import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/platform/http/app.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import type { Database } from '../src/platform/db/db.ts';
import { seedDemo, DEMO_PASSWORD } from '../src/modules/demo/demo-seed.ts';
import { todayIn } from '../src/platform/clock.ts';
import { createTestDatabase } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The whole server over a fresh database with the demo company, without a network port. */
export async function buildTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.demo !== false) await seedDemo(database.db, todayIn('Asia/Shanghai'));
  const config = { ...loadConfig({}), logLevel: 'silent', webDist: '/nonexistent' };
  const app = await buildApp(config, database);
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** Sign in as a demo user (password zuzhang-demo) and get a client that sends the cookie and CSRF header. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'zuzhang_session')!.value;
  const csrf = cookies.find((c) => c.name === 'zuzhang_csrf')!.value;
  const cookie = `zuzhang_session=${session}; zuzhang_csrf=${csrf}`;
  return {
    username,
    cookie,
    csrf,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    send: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-zuzhang-csrf': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
