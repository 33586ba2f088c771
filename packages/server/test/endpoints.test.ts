import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type Session, type TestApp } from './test-app.ts';
import { routeRegistry, type RegisteredRoute } from '../src/platform/http/route.ts';
import { findChromium } from '../src/modules/job-descriptions/jd-pdf.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-seed.ts';
import { idOf, loadDemoIds } from './demo-org.ts';
import { seedOtherCompany } from './other-company.ts';
import { addDays, buildJdBody, createScopedUser, expectError, nextMobile, today } from './support.ts';
import {
  badInputsOf,
  ok,
  setupShared,
  uniq,
  type Ctx,
  type EndpointCase,
  type Input,
} from './endpoints-shared.ts';
import { CUSTOMER_CASES, setupCustomers } from './endpoints-customers.ts';
import { SALES_CASES, setupSales } from './endpoints-sales.ts';
import { MONEY_CASES, setupMoney } from './endpoints-money.ts';
import { REVIEW_CASES, setupReviews } from './endpoints-reviews.ts';
import { TARGET_CASES, setupTargets } from './endpoints-targets.ts';
import { PAY_CASES, setupPay } from './endpoints-pay.ts';
import { PROGRESS_CASES, setupProgress } from './endpoints-progress.ts';

/**
 * Every endpoint in the route registry (ARCHITECTURE.md, Tests 3): 401 without a session, 400 naming the
 * field for bad input, 404 for a missing id and for an id outside the caller's scope (or company), and one
 * success. The table below must cover exactly the registry: a new route without cases fails here. The
 * sales-ledger routes (issue 3) have their cases in endpoints-customers.ts, endpoints-sales.ts and
 * endpoints-money.ts, each with the setup that makes the records they read.
 */

/** Setup helpers: fresh records made by the VP (company scope, org.manage + employee.manage + jd.*). */
async function newUnit(c: Ctx, parent = 'XS-E') {
  return ok(
    (await c.as('vp')).send('POST', '/api/v1/org/units', {
      parentId: idOf(c.ids.unit, parent),
      name: uniq('测试单元'),
      code: uniq('U'),
      kind: 'section',
    }),
  );
}
async function newPosition(c: Ctx, unit = 'XS-E1', reportsTo = 'XS-TL-E1') {
  return ok(
    (await c.as('vp')).send('POST', '/api/v1/org/positions', {
      unitId: idOf(c.ids.unit, unit),
      reportsToId: idOf(c.ids.position, reportsTo),
      name: uniq('测试岗位'),
      code: uniq('P'),
      headcountPlanned: 1,
      roleId: c.roleId('staff'),
      dataScope: 'own',
    }),
  );
}
async function newEmployee(c: Ctx) {
  return ok(
    (await c.as('vp')).send('POST', '/api/v1/employees', {
      name: uniq('测试'),
      mobile: nextMobile(),
      hireDate: '2025-03-01',
    }),
  );
}
async function newDraft(c: Ctx, unit = 'XS-E1', reportsTo = 'XS-TL-E1') {
  const position = await newPosition(c, unit, reportsTo);
  const draft = await ok(
    (await c.as('vp')).send('POST', `/api/v1/positions/${position.id}/job-descriptions/draft`, buildJdBody()),
  );
  return { position, draft };
}
async function versionOf(c: Ctx, url: string) {
  return (await ok((await c.as('vp')).get(url))).version;
}
const jdOf = (c: Ctx, code: string) => c.ids.jds.get(code)!.at(-1)!.id;

const CASES: Record<string, EndpointCase> = {
  // ---- sign-in -------------------------------------------------------------------------------
  'POST /api/v1/auth/login': {
    as: null,
    valid: () => ({ body: { username: 'rep2', password: DEMO_PASSWORD } }),
    status: 200,
    check: (res) => {
      expect(res.json().user.username).toBe('rep2');
      expect(res.cookies.map((x) => x.name).sort()).toEqual(['zuzhang_csrf', 'zuzhang_session']);
    },
    bad: { input: () => ({ body: { username: 'vp' } }), path: 'body.password' },
  },
  'POST /api/v1/auth/logout': {
    as: 'rep2',
    valid: async () => ({ session: await signIn(tApp(), 'rep2') }),
    status: 204,
    check: async (_res, _c, input) => {
      expect((await input.session!.get('/api/v1/auth/me')).statusCode).toBe(401);
    },
  },
  'GET /api/v1/auth/me': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json().employee.name).toBe('赵磊'),
  },
  'POST /api/v1/auth/password': {
    as: 'rep6',
    valid: () => ({ body: { currentPassword: DEMO_PASSWORD, newPassword: 'rep6-new-password' } }),
    status: 204,
    check: async () => {
      const s = await signIn(tApp(), 'rep6', 'rep6-new-password');
      const back = await s.send('POST', '/api/v1/auth/password', {
        currentPassword: 'rep6-new-password',
        newPassword: DEMO_PASSWORD,
      });
      expect(back.statusCode).toBe(204);
    },
    bad: {
      input: () => ({ body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } }),
      path: 'body.newPassword',
    },
  },
  'PUT /api/v1/auth/locale': {
    as: 'rep1',
    valid: () => ({ body: { locale: 'en-US' } }),
    status: 204,
    check: async (_res, c) => {
      const s = await c.as('rep1');
      expect((await s.get('/api/v1/auth/me')).json().user.locale).toBe('en-US');
      expect((await s.send('PUT', '/api/v1/auth/locale', { locale: 'zh-CN' })).statusCode).toBe(204);
    },
    bad: { input: () => ({ body: { locale: 'fr-FR' } }), path: 'body.locale' },
  },
  'GET /api/v1/auth/tokens': { as: 'rep1', valid: () => ({}), status: 200 },
  'POST /api/v1/auth/tokens': {
    as: 'rep1',
    valid: () => ({ body: { name: '集成' } }),
    status: 201,
    check: (res) => expect(res.json().token).toMatch(/^zz_/),
    bad: { input: () => ({ body: { name: '' } }), path: 'body.name' },
  },
  'DELETE /api/v1/auth/tokens/:id': {
    as: 'lead1',
    valid: async (c) => {
      const token = await ok((await c.as('lead1')).send('POST', '/api/v1/auth/tokens', { name: 'x' }));
      return { params: { id: token.id } };
    },
    status: 204,
    bad: { input: () => ({ params: { id: 'abc' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: "another user's token",
        input: async (c) => {
          const token = await ok((await c.as('lead1')).send('POST', '/api/v1/auth/tokens', { name: 'y' }));
          return { params: { id: token.id } };
        },
      },
      {
        as: 'other1',
        why: "a demo user's token, seen from another company",
        input: async (c) => {
          const token = await ok((await c.as('lead1')).send('POST', '/api/v1/auth/tokens', { name: 'z' }));
          return { params: { id: token.id } };
        },
      },
    ],
  },

  // ---- organisation --------------------------------------------------------------------------
  'GET /api/v1/org/chart': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json().roots.map((r: { code: string }) => r.code)).toEqual(['XS-E1']),
  },
  'GET /api/v1/org/units': { as: 'rep1', valid: () => ({}), status: 200 },
  'GET /api/v1/org/units/:id': {
    as: 'rep1',
    valid: (c) => ({ params: { id: idOf(c.ids.unit, 'XS-E1') } }),
    status: 200,
    check: (res) => expect(res.json().code).toBe('XS-E1'),
    bad: { input: () => ({ params: { id: 'abc' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: 'the head office', input: (c) => ({ params: { id: idOf(c.ids.unit, 'HQ') } }) },
      { as: 'admin', why: "another company's unit", input: (c) => ({ params: { id: c.other.unitId } }) },
    ],
  },
  'POST /api/v1/org/units': {
    as: 'vp',
    valid: (c) => ({
      body: { parentId: idOf(c.ids.unit, 'XS'), name: '西区', code: uniq('XS-W'), kind: 'centre' },
    }),
    status: 201,
    check: (res) => expect(res.json().version).toBe(1),
    bad: {
      input: () => ({ body: { parentId: null, name: 'x', code: 'y', kind: 'planet' } }),
      path: 'body.kind',
    },
  },
  'PATCH /api/v1/org/units/:id': {
    as: 'vp',
    valid: async (c) => {
      const unit = await newUnit(c);
      return { params: { id: unit.id }, body: { name: '改名单元', version: unit.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ name: '改名单元', version: 2 }),
    bad: {
      input: (c) => ({ params: { id: idOf(c.ids.unit, 'XS-E') }, body: { version: 'one' } }),
      path: 'body.version',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'a unit outside a unit-scoped manager',
        input: async (c) => ({
          params: { id: idOf(c.ids.unit, 'XS-E') },
          body: {
            name: '越权',
            version: await versionOf(c, `/api/v1/org/units/${idOf(c.ids.unit, 'XS-E')}`),
          },
        }),
      },
      {
        as: 'admin',
        why: "another company's unit",
        input: (c) => ({ params: { id: c.other.unitId }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'DELETE /api/v1/org/units/:id': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newUnit(c)).id } }),
    status: 204,
    bad: { input: () => ({ params: { id: 0 } }), path: 'params.id' },
    outside: [
      {
        as: 'scoped1',
        why: 'an empty unit outside a unit-scoped manager',
        input: async (c) => ({ params: { id: (await newUnit(c)).id } }),
      },
      { as: 'admin', why: "another company's unit", input: (c) => ({ params: { id: c.other.unitId } }) },
    ],
  },
  'GET /api/v1/org/positions': {
    as: 'rep1',
    valid: () => ({ query: { q: '销售代表' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((p: { code: string }) => p.code)).toEqual(['XS-REP-E1']),
    bad: { input: () => ({ query: { pageSize: '0' } }), path: 'query.pageSize' },
  },
  'GET /api/v1/org/positions/:id': {
    as: 'rep1',
    valid: (c) => ({ params: { id: idOf(c.ids.position, 'XS-REP-E1') } }),
    status: 200,
    bad: { input: () => ({ params: { id: '-1' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: 'the VP seat', input: (c) => ({ params: { id: idOf(c.ids.position, 'XS-VP') } }) },
      {
        as: 'admin',
        why: "another company's position",
        input: (c) => ({ params: { id: c.other.positionId } }),
      },
    ],
  },
  'POST /api/v1/org/positions': {
    as: 'vp',
    valid: (c) => ({
      body: {
        unitId: idOf(c.ids.unit, 'XS-E2'),
        reportsToId: idOf(c.ids.position, 'XS-TL-E2'),
        name: '实习销售代表',
        code: uniq('XS-INT-E2'),
        headcountPlanned: 2,
        roleId: c.roleId('staff'),
        dataScope: 'own',
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ headcountFilled: 0, reportsToName: '销售组长（华东二组）' }),
    bad: {
      input: (c) => ({
        body: {
          unitId: idOf(c.ids.unit, 'XS-E2'),
          reportsToId: null,
          name: 'x',
          code: 'x',
          headcountPlanned: -1,
          roleId: c.roleId('staff'),
          dataScope: 'own',
        },
      }),
      path: 'body.headcountPlanned',
    },
  },
  'PATCH /api/v1/org/positions/:id': {
    as: 'vp',
    valid: async (c) => {
      const p = await newPosition(c);
      return { params: { id: p.id }, body: { headcountPlanned: 3, version: p.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ headcountPlanned: 3, version: 2 }),
    bad: {
      input: (c) => ({
        params: { id: idOf(c.ids.position, 'XS-MA') },
        body: { dataScope: 'galaxy', version: 1 },
      }),
      path: 'body.dataScope',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'an East seat, outside a South unit-scoped manager',
        input: async (c) => {
          const id = idOf(c.ids.position, 'XS-TL-E1');
          return {
            params: { id },
            body: { name: '越权', version: await versionOf(c, `/api/v1/org/positions/${id}`) },
          };
        },
      },
      {
        as: 'admin',
        why: "another company's position",
        input: (c) => ({ params: { id: c.other.positionId }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'GET /api/v1/org/roles': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => {
      const codes = res.json().map((r: { code: string }) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['admin', 'executive', 'manager', 'leader', 'staff']));
      // The other company's role (code "all") is not listed.
      expect(codes).not.toContain('all');
    },
  },
  'POST /api/v1/org/roles': {
    as: 'admin',
    valid: () => ({
      body: { code: uniq('auditor'), name: '审计员', permissions: ['org.read', 'audit.read'] },
    }),
    status: 201,
    bad: { input: () => ({ body: { code: 'x', name: 'x', permissions: 'all' } }), path: 'body.permissions' },
  },
  'PATCH /api/v1/org/roles/:id': {
    as: 'admin',
    valid: async (c) => {
      const role = await ok(
        (await c.as('admin')).send('POST', '/api/v1/org/roles', {
          code: uniq('r'),
          name: '临时',
          permissions: [],
        }),
      );
      return { params: { id: role.id }, body: { name: '改名角色', version: role.version } };
    },
    status: 200,
    check: (res) => expect(res.json().name).toBe('改名角色'),
    bad: {
      input: (c) => ({ params: { id: c.roleId('staff') }, body: { colour: 'red', version: 1 } }),
      path: 'body.colour',
    },
    outside: [
      {
        as: 'admin',
        why: "another company's role",
        input: (c) => ({ params: { id: c.other.roleId }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'GET /api/v1/org/permissions': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json()).toContainEqual({ code: 'audit.read' }),
  },
  'GET /api/v1/org/promotion-paths': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json().map((p: { name: string }) => p.name)).toEqual(['销售序列', '门店序列']),
  },
  'POST /api/v1/org/promotion-paths': {
    as: 'vp',
    valid: (c) => ({
      body: {
        name: '华东二组序列',
        positionIds: [idOf(c.ids.position, 'XS-REP-E2'), idOf(c.ids.position, 'XS-TL-E2')],
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json().steps.map((s: { positionName: string }) => s.positionName)).toEqual([
        '销售代表（华东二组）',
        '销售组长（华东二组）',
      ]),
    bad: { input: () => ({ body: { name: 'x', positionIds: [1] } }), path: 'body.positionIds' },
  },

  // ---- employees -----------------------------------------------------------------------------
  'GET /api/v1/employees': {
    as: 'lead1',
    valid: () => ({ query: { q: '黄' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((e: { name: string }) => e.name)).toEqual(['黄丽']),
    bad: { input: () => ({ query: { status: 'retired' } }), path: 'query.status' },
  },
  'GET /api/v1/employees/:id': {
    as: 'lead1',
    valid: (c) => ({ params: { id: idOf(c.ids.employee, 'rep2') } }),
    status: 200,
    check: (res) => expect(res.json().name).toBe('黄丽'),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: 'a peer on the same seat (own scope: only oneself)',
        input: (c) => ({ params: { id: idOf(c.ids.employee, 'rep2') } }),
      },
      {
        as: 'rep1',
        why: 'a shop assistant',
        input: (c) => ({ params: { id: idOf(c.ids.employee, '郑慧') } }),
      },
      {
        as: 'admin',
        why: "another company's employee",
        input: (c) => ({ params: { id: c.other.employeeIds[0] } }),
      },
    ],
  },
  'POST /api/v1/employees': {
    as: 'vp',
    valid: () => ({ body: { name: '新同事', mobile: nextMobile(), hireDate: '2026-11-01' } }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ status: 'probation', version: 1 }),
    bad: {
      input: () => ({ body: { name: 'x', mobile: '12345', hireDate: '2026-11-01' } }),
      path: 'body.mobile',
    },
  },
  'PATCH /api/v1/employees/:id': {
    as: 'vp',
    valid: async (c) => {
      const e = await newEmployee(c);
      return { params: { id: e.id }, body: { status: 'active', version: e.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'active', version: 2 }),
    bad: {
      input: (c) => ({
        params: { id: idOf(c.ids.employee, 'rep1') },
        body: { hireDate: '2026-02-30', version: 1 },
      }),
      path: 'body.hireDate',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'an East rep, outside a South unit-scoped manager',
        input: async (c) => {
          const id = idOf(c.ids.employee, 'rep1');
          return {
            params: { id },
            body: { name: '越权', version: await versionOf(c, `/api/v1/employees/${id}`) },
          };
        },
      },
      {
        as: 'admin',
        why: "another company's employee",
        input: (c) => ({ params: { id: c.other.employeeIds[0] }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'POST /api/v1/assignments': {
    as: 'vp',
    valid: async (c) => ({
      body: {
        employeeId: (await newEmployee(c)).id,
        positionId: idOf(c.ids.position, 'XS-REP-E1'),
        kind: 'primary',
        startDate: today(),
      },
    }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ positionName: '销售代表（华东一组）', endDate: null }),
    bad: {
      input: (c) => ({
        body: {
          employeeId: idOf(c.ids.employee, 'rep1'),
          positionId: idOf(c.ids.position, 'XS-REP-E1'),
          kind: 'temporary',
          startDate: today(),
        },
      }),
      path: 'body.kind',
    },
  },
  'POST /api/v1/assignments/:id/end': {
    as: 'vp',
    valid: async (c) => {
      const a = await ok(
        (await c.as('vp')).send('POST', '/api/v1/assignments', {
          employeeId: (await newEmployee(c)).id,
          positionId: idOf(c.ids.position, 'XS-REP-E2'),
          kind: 'concurrent',
          startDate: '2025-03-01',
        }),
      );
      return { params: { id: a.id }, body: { endDate: today() } };
    },
    status: 200,
    check: (res) => expect(res.json().endDate).toBe(today()),
    bad: {
      input: (c) => ({ params: { id: c.ids.primaryAssignment.get('rep1')! }, body: {} }),
      path: 'body.endDate',
    },
    outside: [
      {
        as: 'scoped1',
        why: "an East rep's assignment",
        input: (c) => ({ params: { id: c.ids.primaryAssignment.get('rep1')! }, body: { endDate: today() } }),
      },
      {
        as: 'admin',
        why: "another company's assignment",
        input: (c) => ({ params: { id: c.other.assignmentId }, body: { endDate: today() } }),
      },
    ],
  },

  // ---- delegations ---------------------------------------------------------------------------
  'GET /api/v1/delegations': {
    as: 'lead1',
    valid: () => ({}),
    status: 200,
    check: (res) =>
      expect(res.json().map((d: { fromEmployeeName: string }) => d.fromEmployeeName)).toEqual(['刘洋']),
  },
  'POST /api/v1/delegations': {
    as: 'manager1',
    valid: (c) => ({
      body: {
        toEmployeeId: idOf(c.ids.employee, 'lead2'),
        startDate: addDays(today(), 30),
        endDate: addDays(today(), 31),
        reason: '年假',
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ fromEmployeeName: '张伟', toEmployeeName: '孙悦', inForce: false }),
    bad: {
      input: (c) => ({
        body: {
          toEmployeeId: idOf(c.ids.employee, 'lead2'),
          startDate: 'tomorrow',
          endDate: today(),
          reason: 'x',
        },
      }),
      path: 'body.startDate',
    },
  },
  'POST /api/v1/delegations/:id/revoke': {
    as: 'manager1',
    valid: async (c) => {
      const d = await ok(
        (await c.as('manager1')).send('POST', '/api/v1/delegations', {
          toEmployeeId: idOf(c.ids.employee, 'lead2'),
          startDate: addDays(today(), 40),
          endDate: addDays(today(), 41),
          reason: '培训',
        }),
      );
      return { params: { id: d.id } };
    },
    status: 200,
    check: (res) => expect(res.json().revokedAt).not.toBeNull(),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: 'the demo delegation 刘洋 → 杨帆, neither given by nor to rep1',
        input: async (c) => {
          const list = await ok<{ id: number }[]>((await c.as('lead1')).get('/api/v1/delegations'));
          return { params: { id: list[0]!.id } };
        },
      },
      {
        as: 'admin',
        why: "another company's delegation",
        input: (c) => ({ params: { id: c.other.delegationId } }),
      },
    ],
  },

  // ---- audit ---------------------------------------------------------------------------------
  'GET /api/v1/audit': {
    as: 'vp',
    valid: () => ({ query: { entity: 'company' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((a: { action: string }) => a.action)).toEqual(['seed']),
    bad: { input: () => ({ query: { from: 'yesterday' } }), path: 'query.from' },
  },

  // ---- users ---------------------------------------------------------------------------------
  'GET /api/v1/users': { as: 'admin', valid: () => ({}), status: 200 },
  'POST /api/v1/users': {
    as: 'admin',
    valid: (c) => ({
      body: {
        username: uniq('zhenghui'),
        employeeId: idOf(c.ids.employee, '郑慧'),
        password: 'a-long-password',
      },
    }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ employeeName: '郑慧', isAdmin: false }),
    bad: {
      input: () => ({ body: { username: 'Bad Name', employeeId: null, password: 'a-long-password' } }),
      path: 'body.username',
    },
  },
  'POST /api/v1/users/:id/reset-password': {
    as: 'admin',
    valid: (c) => ({ params: { id: idOf(c.ids.user, 'rep7') }, body: { newPassword: 'rep7-new-password' } }),
    status: 200,
    check: (res) => expect(res.json().username).toBe('rep7'),
    bad: {
      input: (c) => ({ params: { id: idOf(c.ids.user, 'rep7') }, body: { newPassword: 'short' } }),
      path: 'body.newPassword',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'the store manager, outside a South unit-scoped holder of user.manage',
        input: (c) => ({ params: { id: idOf(c.ids.user, 'store1') }, body: { newPassword: 'taken-over-1' } }),
      },
      {
        as: 'admin',
        why: "another company's user",
        input: (c) => ({ params: { id: c.other.userId }, body: { newPassword: 'taken-over-1' } }),
      },
    ],
  },
  'POST /api/v1/users/:id/unlock': {
    as: 'admin',
    valid: (c) => ({ params: { id: idOf(c.ids.user, 'storelead1') } }),
    status: 200,
    check: (res) => expect(res.json().lockedUntil).toBeNull(),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'scoped1',
        why: 'the store team lead, outside a South unit-scoped holder of user.manage',
        input: (c) => ({ params: { id: idOf(c.ids.user, 'storelead1') } }),
      },
      { as: 'admin', why: "another company's user", input: (c) => ({ params: { id: c.other.userId } }) },
    ],
  },

  // ---- job descriptions ----------------------------------------------------------------------
  'GET /api/v1/positions/:id/job-descriptions': {
    as: 'rep1',
    valid: (c) => ({ params: { id: idOf(c.ids.position, 'XS-REP-E1') } }),
    status: 200,
    check: (res) => expect(res.json()[0].status).toBe('published'),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: 'the VP seat', input: (c) => ({ params: { id: idOf(c.ids.position, 'XS-VP') } }) },
      {
        as: 'admin',
        why: "another company's position",
        input: (c) => ({ params: { id: c.other.positionId } }),
      },
    ],
  },
  'GET /api/v1/positions/:id/job-descriptions/current': {
    as: 'rep1',
    valid: (c) => ({ params: { id: idOf(c.ids.position, 'XS-REP-E1') } }),
    status: 200,
    check: (res) => expect(res.json().documentControl.docNo).not.toBe(''),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: 'the VP seat', input: (c) => ({ params: { id: idOf(c.ids.position, 'XS-VP') } }) },
      {
        as: 'admin',
        why: "another company's position",
        input: (c) => ({ params: { id: c.other.positionId } }),
      },
    ],
  },
  'POST /api/v1/positions/:id/job-descriptions/draft': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newPosition(c)).id }, body: buildJdBody() }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'draft', versionNo: 1, version: 1 }),
    bad: {
      input: (c) => {
        const body = buildJdBody() as { content: { summary: unknown } };
        body.content.summary = 42;
        return { params: { id: idOf(c.ids.position, 'XS-MA') }, body };
      },
      path: 'body.content.summary',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'an East seat',
        input: (c) => ({ params: { id: idOf(c.ids.position, 'XS-TL-E1') }, body: buildJdBody() }),
      },
      {
        as: 'admin',
        why: "another company's position",
        input: (c) => ({ params: { id: c.other.positionId }, body: buildJdBody() }),
      },
    ],
  },
  'GET /api/v1/job-descriptions/compare': {
    as: 'group1',
    valid: (c) => {
      const [v1, v2] = c.ids.jds.get('XS-GL-E')!;
      return { query: { from: String(v1!.id), to: String(v2!.id) } };
    },
    status: 200,
    check: (res) => expect(res.json().length).toBeGreaterThan(0),
    bad: { input: () => ({ query: { from: '1' } }), path: 'query.to' },
    outside: [
      {
        as: 'rep1',
        why: "the group leader's versions",
        input: (c) => {
          const [v1, v2] = c.ids.jds.get('XS-GL-E')!;
          return { query: { from: String(v1!.id), to: String(v2!.id) } };
        },
      },
    ],
  },
  'GET /api/v1/job-descriptions/:id': {
    as: 'rep1',
    valid: (c) => ({ params: { id: jdOf(c, 'XS-REP-E1') } }),
    status: 200,
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "the VP's JD", input: (c) => ({ params: { id: jdOf(c, 'XS-VP') } }) },
      { as: 'admin', why: "another company's JD", input: (c) => ({ params: { id: c.other.jdId } }) },
    ],
  },
  'POST /api/v1/job-descriptions/:id/publish': {
    as: 'vp',
    valid: async (c) => {
      const { draft } = await newDraft(c);
      return { params: { id: draft.id }, body: { version: draft.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'published', publishedBy: 'vp' }),
    bad: { input: (c) => ({ params: { id: jdOf(c, 'XS-MA') }, body: { version: 0 } }), path: 'body.version' },
    outside: [
      {
        as: 'scoped1',
        why: 'a draft of an East seat',
        input: async (c) => {
          const { draft } = await newDraft(c);
          return { params: { id: draft.id }, body: { version: draft.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's JD",
        input: (c) => ({ params: { id: c.other.jdId }, body: { version: 1 } }),
      },
    ],
  },
  'GET /api/v1/job-descriptions/:id/print': {
    as: 'rep1',
    valid: (c) => ({ params: { id: jdOf(c, 'XS-REP-E1') } }),
    status: 200,
    check: (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('销售代表（华东一组）');
    },
    bad: {
      input: () => ({ params: { id: 'abc' } }),
      path: 'params.id',
    },
    outside: [
      { as: 'rep1', why: "the VP's JD", input: (c) => ({ params: { id: jdOf(c, 'XS-VP') } }) },
      { as: 'admin', why: "another company's JD", input: (c) => ({ params: { id: c.other.jdId } }) },
    ],
  },
  'GET /api/v1/job-descriptions/:id/pdf': {
    as: 'rep1',
    valid: (c) => ({ params: { id: jdOf(c, 'XS-REP-E1') } }),
    // Without Chromium the route says what to install (503); with it, a PDF. Either way it is checked.
    status: findChromium() === null ? 503 : 200,
    check: (res) => {
      if (findChromium() === null) {
        expect(res.json().error.code).toBe('unavailable');
        expect(res.json().error.message).toMatch(/chromium/i);
      } else {
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      }
    },
    bad: {
      input: () => ({ params: { id: 'abc' } }),
      path: 'params.id',
    },
    outside: [
      { as: 'rep1', why: "the VP's JD", input: (c) => ({ params: { id: jdOf(c, 'XS-VP') } }) },
      { as: 'admin', why: "another company's JD", input: (c) => ({ params: { id: c.other.jdId } }) },
    ],
  },
  'POST /api/v1/job-descriptions/:id/acknowledge': {
    as: 'rep2',
    valid: (c) => ({ params: { id: jdOf(c, 'XS-REP-E1') } }),
    status: 201,
    check: (res) => expect(res.json().employeeName).toBe('黄丽'),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "the VP's JD", input: (c) => ({ params: { id: jdOf(c, 'XS-VP') } }) },
      { as: 'admin', why: "another company's JD", input: (c) => ({ params: { id: c.other.jdId } }) },
    ],
  },
  'GET /api/v1/job-descriptions/:id/acknowledgements': {
    as: 'group1',
    valid: (c) => ({ params: { id: jdOf(c, 'XS-GL-E') } }),
    status: 200,
    check: (res) => expect(res.json().map((a: { employeeName: string }) => a.employeeName)).toEqual(['陈静']),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "the group leader's JD", input: (c) => ({ params: { id: jdOf(c, 'XS-GL-E') } }) },
      { as: 'admin', why: "another company's JD", input: (c) => ({ params: { id: c.other.jdId } }) },
    ],
  },

  // ---- sales ledger (issue 3) ----------------------------------------------------------------
  ...CUSTOMER_CASES,
  ...SALES_CASES,
  ...MONEY_CASES,
  ...REVIEW_CASES,

  // ---- sales targets (issue 4) ----------------------------------------------------------------
  ...TARGET_CASES,
  ...PAY_CASES,
  ...PROGRESS_CASES,
};

// ---- harness -----------------------------------------------------------------------------------

let t: TestApp;
let ctx: Ctx;
const tApp = () => t.app;
const sessions = new Map<string, Promise<Session>>();
let registry: RegisteredRoute[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  registry = [...routeRegistry];
  const ids = await loadDemoIds(t.database.db);
  const other = await seedOtherCompany(t.database.db, today());
  const as = (user: string) => {
    if (!sessions.has(user)) sessions.set(user, signIn(t.app, user));
    return sessions.get(user)!;
  };
  const admin = await as('admin');
  const roles = (await admin.get('/api/v1/org/roles')).json<{ id: number; code: string }[]>();
  const roleIds = new Map(roles.map((r) => [r.code, r.id]));
  const permissions = (await admin.get('/api/v1/org/permissions'))
    .json<{ code: string }[]>()
    .map((p) => p.code);
  // Every right, but only over the 华南一组 unit: the caller for "outside scope" on write routes.
  const scoped = await createScopedUser(t.app, admin, {
    username: 'scoped1',
    permissions,
    unitId: idOf(ids.unit, 'XS-S1'),
    reportsToId: idOf(ids.position, 'XS-TL-S1'),
    dataScope: 'unit',
  });
  sessions.set('scoped1', Promise.resolve(scoped.session));
  ctx = { ids, other, as, roleId: (code) => idOf(roleIds, code), scoped, db: t.database.db };
  await setupShared(ctx);
  await setupCustomers(ctx);
  await setupSales(ctx);
  await setupMoney(ctx);
  await setupReviews(ctx);
  await setupTargets(ctx);
  await setupPay(ctx);
  await setupProgress(ctx);
});
afterAll(() => t.close());

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

function urlFor(route: RegisteredRoute, input: Input): string {
  // Every path parameter (`:id`, `:contactId`) from the input's params, 1 when it has none.
  let url = route.url.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(input.params?.[name] ?? 1)),
  );
  if (input.query) url += `?${new URLSearchParams(input.query).toString()}`;
  return url;
}

async function call(route: RegisteredRoute, input: Input, user: string | null) {
  const url = urlFor(route, input);
  const session = input.session ?? (user === null ? null : await ctx.as(user));
  if (session === null) {
    return t.app.inject({
      method: route.method,
      url,
      ...(input.body === undefined ? {} : { payload: input.body as object }),
    });
  }
  if (route.method === 'GET') return session.get(url);
  return session.send(route.method, url, input.body);
}

describe('the case table', () => {
  it('covers exactly the routes in the registry', () => {
    expect(registry.length).toBeGreaterThan(40);
    expect(new Set(registry.map(keyOf)).size).toBe(registry.length);
    const routes = registry.map(keyOf);
    expect(
      routes.filter((k) => !(k in CASES)),
      'routes without cases: add them to CASES',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((k) => !routes.includes(k)),
      'cases for routes that no longer exist',
    ).toEqual([]);
  });

  it('has bad input for every route with a schema and an outside case for every :id route', () => {
    for (const r of registry.filter((x) => keyOf(x) in CASES)) {
      const c = CASES[keyOf(r)]!;
      // A bad input marked as a known bug does not count: every route with a schema has one that works.
      const working = badInputsOf(c).filter((b) => !b.bug);
      expect(working.length > 0, `${keyOf(r)} bad input`).toBe(Boolean(r.params || r.query || r.body));
      if (r.url.includes(':id')) expect(c.outside?.length ?? 0, `${keyOf(r)} outside`).toBeGreaterThan(0);
    }
  });
});

// The registry is filled when the app is built, inside beforeAll; the table's keys stand for it here and
// the test above proves they are the same list.
describe.each(Object.keys(CASES).sort())('%s', (key) => {
  const c = CASES[key]!;
  const route = () => registry.find((r) => keyOf(r) === key)!;

  if (c.as !== null) {
    it('401 without a session', async () => {
      const res = await call(route(), { params: { id: 1 }, body: {} }, null);
      expectError(res, 401, 'unauthenticated');
    });
  }

  for (const [i, b] of badInputsOf(c).entries()) {
    const name = `400 naming ${b.path}${i === 0 ? '' : ` #${i + 1}`}`;
    const test = async () => {
      const res = await call(route(), await b.input(ctx), c.as);
      expectError(res, 400, 'validation', b.path);
    };
    if (b.bug) it.fails(`${name} — known bug: ${b.bug}`, test);
    else it(name, test);
  }

  if (key.includes(':id')) {
    it('404 for an id that does not exist', async () => {
      const input = await c.valid(ctx);
      const res = await call(route(), { ...input, params: { ...input.params, id: 999_999 } }, c.as);
      expectError(res, 404, 'not_found');
    });
  }

  for (const [i, o] of (c.outside ?? []).entries()) {
    const name = `404 outside scope #${i + 1} (${o.as})`;
    const test = async () => {
      const res = await call(route(), await o.input(ctx), o.as);
      expectError(res, 404, 'not_found');
    };
    if (o.bug) it.fails(`${name} — known bug: ${o.bug}`, test);
    else it(name, test);
  }

  it(`success (${c.status})`, async () => {
    const input = await c.valid(ctx);
    const res = await call(route(), input, c.as);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
    await c.check?.(res, ctx, input);
  });
});

describe('OpenAPI and docs', () => {
  it('/api/openapi.json is OpenAPI 3.1.0 and lists every registered route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([url, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${url.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(listed.sort()).toEqual(registry.map(keyOf).sort());
  });
  it('documents the success status each route really answers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const wrong = registry
      .filter((r) => keyOf(r) in CASES && CASES[keyOf(r)]!.status < 300)
      .filter((r) => {
        const responses = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')][r.method.toLowerCase()].responses;
        return !(String(CASES[keyOf(r)]!.status) in responses);
      })
      .map(keyOf);
    expect(wrong).toEqual([]);
  });

  it('/api/docs is a readable HTML page naming the routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('/api/v1/org/positions/{id}');
  });

  it('/api/health answers without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: t.database.engine });
  });

  it('an unknown /api route is a 404 in the error shape once signed in', async () => {
    const res = await (await ctx.as('rep1')).get('/api/v1/nothing-here');
    expectError(res, 404, 'not_found');
  });
});
