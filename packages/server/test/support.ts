import { count } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { JdContent, JdDocumentControl } from '@zuzhang/api-schema';
import type { Db } from '../src/platform/db/db.ts';
import { auditLog } from '../src/platform/audit/audit.table.ts';
import { todayIn } from '../src/platform/clock.ts';
import { DEMO_JOB_DESCRIPTIONS } from '../src/modules/demo/demo-job-descriptions.ts';
import { signIn, type Session } from './test-app.ts';

/** Today in the demo company's time zone (Asia/Shanghai), as the server sees it. */
export function today(): string {
  return todayIn('Asia/Shanghai');
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface ErrorJson {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

/**
 * The response is the error we expect: its status, its code and, when given, a detail naming `path`.
 * Returns the error body for further checks.
 */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  code: string,
  path?: string,
): ErrorJson['error'] {
  const context = `${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, context).toBe(status);
  const body = res.json<ErrorJson>();
  expect(body.error.code, context).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if (path !== undefined) {
    expect(
      body.error.details.map((d) => d.path),
      context,
    ).toContain(path);
    for (const d of body.error.details) expect(d.message.length, `message of ${d.path}`).toBeGreaterThan(0);
  }
  return body.error;
}

export async function countAuditRows(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return Number(row!.n);
}

/** Every item of a paged list, page by page; fails if a page repeats an item or the total is off. */
export async function readAllPages<T extends { id: number }>(
  session: Session,
  url: string,
  pageSize: number,
): Promise<{ items: T[]; total: number; pages: number }> {
  const items: T[] = [];
  let total = -1;
  let page = 1;
  for (; ; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await session.get(`${url}${sep}page=${page}&pageSize=${pageSize}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body = res.json<{ items: T[]; total: number; page: number; pageSize: number }>();
    expect(body.page).toBe(page);
    expect(body.pageSize).toBe(pageSize);
    if (total === -1) total = body.total;
    expect(body.total).toBe(total);
    items.push(...body.items);
    if (body.items.length < pageSize) break;
  }
  expect(new Set(items.map((i) => i.id)).size, `${url}: an item repeats across pages`).toBe(items.length);
  expect(items.length).toBe(total);
  return { items, total, pages: page };
}

/** A complete job description body (the 销售组组长 seed), ready to save as a draft. */
export function buildJdBody(overrides: { summary?: string; docNo?: string } = {}): {
  documentControl: JdDocumentControl;
  content: JdContent;
} {
  const { documentControl, content } = structuredClone(DEMO_JOB_DESCRIPTIONS.group_leader);
  if (overrides.summary !== undefined) content.summary = overrides.summary;
  if (overrides.docNo !== undefined) documentControl.docNo = overrides.docNo;
  return { documentControl, content };
}

let mobileCounter = 0;
/** A fresh valid mainland mobile number (139 0000 xxxx), unique within a test file. */
export function nextMobile(): string {
  mobileCounter += 1;
  return `1390000${String(1000 + mobileCounter).padStart(4, '0')}`;
}

/**
 * A user whose role grants `permissions` but whose data scope is narrow: a new position in `unitId`
 * (reporting to `reportsToId`) with the given scope, a new employee in it and a sign-in. The demo has
 * nobody with write rights below company scope, and "404 outside scope" needs one.
 */
export async function createScopedUser(
  app: FastifyInstance,
  admin: Session,
  spec: {
    username: string;
    permissions: string[];
    unitId: number;
    reportsToId: number | null;
    dataScope: 'own' | 'subordinates' | 'unit' | 'unit_tree';
  },
): Promise<{ session: Session; employeeId: number; positionId: number; userId: number }> {
  const ok = (res: LightMyRequestResponse, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>();
  };
  const role = ok(
    await admin.send('POST', '/api/v1/org/roles', {
      code: `role-${spec.username}`,
      name: `测试角色 ${spec.username}`,
      permissions: spec.permissions,
    }),
    'create role',
  );
  const position = ok(
    await admin.send('POST', '/api/v1/org/positions', {
      unitId: spec.unitId,
      reportsToId: spec.reportsToId,
      name: `测试岗位 ${spec.username}`,
      code: `POS-${spec.username}`,
      headcountPlanned: 1,
      roleId: role.id,
      dataScope: spec.dataScope,
    }),
    'create position',
  );
  const employee = ok(
    await admin.send('POST', '/api/v1/employees', {
      name: `测试员工${spec.username}`,
      mobile: nextMobile(),
      hireDate: '2025-01-01',
      status: 'active',
    }),
    'create employee',
  );
  ok(
    await admin.send('POST', '/api/v1/assignments', {
      employeeId: employee.id,
      positionId: position.id,
      kind: 'primary',
      startDate: '2025-01-01',
    }),
    'assign',
  );
  const user = ok(
    await admin.send('POST', '/api/v1/users', {
      username: spec.username,
      employeeId: employee.id,
      password: 'scoped-password-1',
    }),
    'create user',
  );
  const session = await signIn(app, spec.username, 'scoped-password-1');
  return { session, employeeId: employee.id, positionId: position.id, userId: user.id };
}

/** Sign several users in at once (argon2 runs off the main thread), one session per name, in order. */
export async function signInAll<const N extends readonly string[]>(
  app: FastifyInstance,
  names: N,
): Promise<{ -readonly [K in keyof N]: Session }> {
  return (await Promise.all(names.map((n) => signIn(app, n)))) as { -readonly [K in keyof N]: Session };
}
