import { expect } from 'vitest';
import { DEPUTY_SUPERVISOR_PAY_PLAN } from '@zuzhang/domain';
import { idOf } from './demo-org.ts';
import { findChromium } from '../src/modules/job-descriptions/jd-pdf.ts';
import { DEMO_REP_PAY_PLAN, seedDemoPayPlans } from '../src/modules/pay/demo-pay.ts';
import { ok, uniq, type Ctx, type EndpointCase } from './endpoints-shared.ts';

/**
 * Pay (issue 5 items 4, 6, 7): plans, runs, statements, simulate and what-if — the endpoint table's cases.
 * The demo's plans (the deputy supervisor's on the group-leader seats, the reps' commission plan) are
 * seeded; runs pay 华东一组; the other company has a plan, a run and statements of its own.
 */

interface Ref {
  id: number;
  version: number;
}
interface RunRef extends Ref {
  statements: { id: number; employeeId: number }[];
}

const w = {} as {
  /** A draft on the East group-leader seat (XS-GL-E), from 2031. */
  draft: Ref;
  /** The active deputy supervisor plan on XS-GL-E. */
  active: Ref;
  /** June, 华东一组, approved: rep1 reads their statement. */
  run: RunRef;
  rep1Statement: number;
  /** A re-run of May, 华东一组. */
  rerun: RunRef;
  otherPlan: Ref;
  otherRun: RunRef;
};

const deputyFrom = (effectiveFrom: string) => ({
  ...structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN),
  effectiveFrom,
});
const eastTeam = (c: Ctx) => idOf(c.ids.unit, 'XS-E1');

let month = 0;
/** A month with no run yet (2025-01 onwards), for cases that each compute a run of their own. */
function freshMonth(): string {
  const n = month++;
  return `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

async function newDraft(c: Ctx, as = 'vp', positionId?: number): Promise<Ref> {
  return ok(
    (await c.as(as)).send('POST', '/api/v1/pay/plans', {
      positionId: positionId ?? idOf(c.ids.position, 'XS-GL-E'),
      definition: deputyFrom('2031-01-01'),
    }),
  );
}

/** A seat of its own (so its plan overlaps nothing), in 华东一组. */
async function newSeat(c: Ctx): Promise<number> {
  const position = await ok(
    (await c.as('vp')).send('POST', '/api/v1/org/positions', {
      unitId: eastTeam(c),
      reportsToId: idOf(c.ids.position, 'XS-TL-E1'),
      name: uniq('薪资测试岗'),
      code: uniq('PAY'),
      headcountPlanned: 1,
      roleId: c.roleId('staff'),
      dataScope: 'own',
    }),
  );
  return position.id;
}

async function activePlan(c: Ctx): Promise<Ref> {
  const plan = await newDraft(c, 'vp', await newSeat(c));
  return ok(
    (await c.as('vp')).send('POST', `/api/v1/pay/plans/${plan.id}/activate`, { version: plan.version }),
  );
}

/** A computed run of 华东一组 for a fresh month, computed by the VP. */
async function newRun(c: Ctx): Promise<RunRef> {
  return ok<RunRef>(
    (await c.as('vp')).send('POST', '/api/v1/pay/runs', { period: freshMonth(), unitId: eastTeam(c) }),
  );
}

async function approved(c: Ctx, run: Ref): Promise<RunRef> {
  return ok<RunRef>(
    (await c.as('director')).send('POST', `/api/v1/pay/runs/${run.id}/approve`, { version: run.version }),
  );
}

export async function setupPay(c: Ctx): Promise<void> {
  await seedDemoPayPlans(c.db, c.ids.companyId, { effectiveFrom: '2025-01-01' });
  w.draft = await newDraft(c);
  const vp = await c.as('vp');
  const list = await ok<{ items: Ref[] }>(
    vp.get(`/api/v1/pay/plans?positionId=${idOf(c.ids.position, 'XS-GL-E')}&status=active`),
  );
  w.active = list.items[0]!;
  const june = await ok<RunRef>(
    vp.send('POST', '/api/v1/pay/runs', { period: '2026-06', unitId: eastTeam(c) }),
  );
  w.run = await approved(c, june);
  w.rep1Statement = w.run.statements.find((s) => s.employeeId === idOf(c.ids.employee, 'rep1'))!.id;
  const may = await ok<RunRef>(
    vp.send('POST', '/api/v1/pay/runs', { period: '2026-05', unitId: eastTeam(c) }),
  );
  w.rerun = await ok<RunRef>(vp.send('POST', `/api/v1/pay/runs/${may.id}/rerun`, {}));

  const other = await c.as('other1');
  const draft = await ok(
    other.send('POST', '/api/v1/pay/plans', {
      positionId: c.other.positionId,
      definition: { ...DEMO_REP_PAY_PLAN, effectiveFrom: '2025-01-01' },
    }),
  );
  w.otherPlan = await ok(
    other.send('POST', `/api/v1/pay/plans/${draft.id}/activate`, { version: draft.version }),
  );
  w.otherRun = await ok<RunRef>(other.send('POST', '/api/v1/pay/runs', { period: '2026-06' }));
}

/** Someone for whom a plan does not exist: a South unit-scoped holder of every right, the other company. */
const planOutside = (
  body: (c: Ctx) => Record<string, unknown> | undefined = () => undefined,
): EndpointCase['outside'] => [
  {
    as: 'scoped1',
    why: 'a plan of an East seat, outside a South unit-scoped holder of payplan.manage',
    input: async (c) => {
      const draft = await newDraft(c);
      return { params: { id: draft.id }, body: { version: draft.version, ...body(c) } };
    },
  },
  {
    as: 'admin',
    why: "another company's plan",
    input: (c) => ({ params: { id: w.otherPlan.id }, body: { version: w.otherPlan.version, ...body(c) } }),
  },
];

/** Someone for whom a run does not exist; `versioned` routes take the version in the body. */
const runOutside = (versioned = false): EndpointCase['outside'] => [
  {
    as: 'scoped1',
    why: 'a run of an East team, outside a South unit-scoped holder of every pay right',
    input: async (c) => {
      const run = await newRun(c);
      return { params: { id: run.id }, body: versioned ? { version: run.version } : {} };
    },
  },
  {
    as: 'admin',
    why: "another company's run",
    input: () => ({ params: { id: w.otherRun.id }, body: versioned ? { version: w.otherRun.version } : {} }),
  },
];

/** Someone for whom rep1's statement does not exist. */
const statementOutside: EndpointCase['outside'] = [
  {
    as: 'rep2',
    why: "a peer's statement (everyone sees only their own)",
    input: () => ({ params: { id: w.rep1Statement } }),
  },
  {
    as: 'admin',
    why: "a statement of another company's run",
    input: () => ({ params: { id: w.otherRun.statements[0]!.id } }),
  },
];

const idBad = { input: () => ({ params: { id: 'x' } }), path: 'params.id' };

export const PAY_CASES: Record<string, EndpointCase> = {
  // ---- plans (薪资方案) -----------------------------------------------------------------------
  'GET /api/v1/pay/plans': {
    as: 'vp',
    valid: () => ({ query: { status: 'active' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((p: { id: number }) => p.id)).toContain(w.active.id),
    bad: { input: () => ({ query: { status: 'paid' } }), path: 'query.status' },
  },
  'POST /api/v1/pay/plans': {
    as: 'vp',
    valid: (c) => ({
      body: { positionId: idOf(c.ids.position, 'XS-GL-S'), definition: deputyFrom('2032-01-01') },
    }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ status: 'draft', positionCode: 'XS-GL-S' }),
    bad: {
      input: () => ({ body: { positionId: 'x', definition: deputyFrom('2032-01-01') } }),
      path: 'body.positionId',
    },
  },
  'POST /api/v1/pay/plans/validate': {
    as: 'vp',
    valid: () => ({ body: { definition: deputyFrom('2026-01-01') } }),
    status: 200,
    check: (res) => expect(res.json()).toEqual({ valid: true, problems: [] }),
    bad: {
      input: () => ({ body: { definition: { ...deputyFrom('2026-01-01'), components: 'x' } } }),
      path: 'body.definition.components',
    },
  },
  'GET /api/v1/pay/plans/:id': {
    as: 'vp',
    valid: () => ({ params: { id: w.active.id } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'active', positionCode: 'XS-GL-E' }),
    bad: idBad,
    outside: planOutside(),
  },
  'PATCH /api/v1/pay/plans/:id': {
    as: 'vp',
    valid: async (c) => {
      const draft = await newDraft(c);
      return {
        params: { id: draft.id },
        body: { version: draft.version, definition: { ...deputyFrom('2031-02-01'), name: '改过的方案' } },
      };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ name: '改过的方案', effectiveFrom: '2031-02-01', version: 2 }),
    bad: { input: () => ({ params: { id: w.draft.id }, body: { version: 'one' } }), path: 'body.version' },
    outside: planOutside(() => ({ definition: deputyFrom('2031-03-01') })),
  },
  'DELETE /api/v1/pay/plans/:id': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newDraft(c)).id } }),
    status: 204,
    bad: idBad,
    outside: planOutside(),
  },
  'POST /api/v1/pay/plans/:id/activate': {
    as: 'vp',
    valid: async (c) => {
      const draft = await newDraft(c, 'vp', await newSeat(c));
      return { params: { id: draft.id }, body: { version: draft.version } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe('active'),
    bad: { input: () => ({ params: { id: w.draft.id }, body: { version: 0 } }), path: 'body.version' },
    outside: planOutside(),
  },
  'POST /api/v1/pay/plans/:id/retire': {
    as: 'vp',
    valid: async (c) => {
      const plan = await activePlan(c);
      return { params: { id: plan.id }, body: { version: plan.version, effectiveTo: '2031-12-31' } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'retired', effectiveTo: '2031-12-31' }),
    bad: {
      input: () => ({ params: { id: w.active.id }, body: { version: 1, effectiveTo: '31/12/2026' } }),
      path: 'body.effectiveTo',
    },
    outside: planOutside(() => ({ effectiveTo: '2026-12-31' })),
  },

  // ---- runs (工资核算) ------------------------------------------------------------------------
  'GET /api/v1/pay/runs': {
    as: 'vp',
    valid: () => ({ query: { period: '2026-06' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((r: { id: number }) => r.id)).toEqual([w.run.id]),
    bad: { input: () => ({ query: { period: '2026-13' } }), path: 'query.period' },
  },
  'POST /api/v1/pay/runs': {
    as: 'vp',
    valid: (c) => ({ body: { period: freshMonth(), unitId: eastTeam(c) } }),
    status: 201,
    check: (res) => {
      const run = res.json();
      expect(run.status).toBe('computed');
      expect(run.totalFen).toBe(
        run.statements.reduce((s: number, x: { totalFen: number }) => s + x.totalFen, 0),
      );
    },
    bad: { input: () => ({ body: { period: '2026-6' } }), path: 'body.period' },
  },
  'GET /api/v1/pay/runs/:id': {
    as: 'vp',
    valid: () => ({ params: { id: w.run.id } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ id: w.run.id, status: 'approved', period: '2026-06' }),
    bad: idBad,
    outside: runOutside(),
  },
  'POST /api/v1/pay/runs/:id/approve': {
    as: 'director',
    valid: async (c) => {
      const run = await newRun(c);
      return { params: { id: run.id }, body: { version: run.version } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe('approved'),
    bad: { input: () => ({ params: { id: w.run.id }, body: { version: 'x' } }), path: 'body.version' },
    outside: runOutside(true),
  },
  'POST /api/v1/pay/runs/:id/lock': {
    as: 'vp',
    valid: async (c) => {
      const run = await approved(c, await newRun(c));
      return { params: { id: run.id }, body: { version: run.version } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe('locked'),
    bad: { input: () => ({ params: { id: w.run.id }, body: {} }), path: 'body.version' },
    outside: runOutside(true),
  },
  'POST /api/v1/pay/runs/:id/rerun': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newRun(c)).id }, body: {} }),
    status: 201,
    check: (res, _c, input) => expect(res.json().previousRunId).toBe(input.params!.id),
    bad: { input: () => ({ params: { id: w.run.id }, body: { inputs: 'none' } }), path: 'body.inputs' },
    outside: runOutside(),
  },
  'GET /api/v1/pay/runs/:id/diff': {
    as: 'vp',
    valid: () => ({ params: { id: w.rerun.id } }),
    status: 200,
    check: (res) => {
      const diff = res.json();
      expect(diff.previousRunId).not.toBeNull();
      expect(diff.people.length).toBe(w.rerun.statements.length);
    },
    bad: idBad,
    outside: runOutside(),
  },
  'GET /api/v1/pay/runs/:id/export.xlsx': {
    as: 'vp',
    valid: () => ({ params: { id: w.run.id } }),
    status: 200,
    check: (res) => {
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    },
    bad: idBad,
    outside: runOutside(),
  },

  // ---- statements (工资条) --------------------------------------------------------------------
  'GET /api/v1/pay/statements/mine': {
    as: 'rep1',
    valid: () => ({ query: { period: '2026-06' } }),
    status: 200,
    check: (res) => expect(res.json().items.map((s: { id: number }) => s.id)).toEqual([w.rep1Statement]),
    bad: { input: () => ({ query: { period: 'June' } }), path: 'query.period' },
  },
  'GET /api/v1/pay/statements/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.rep1Statement } }),
    status: 200,
    check: (res) => {
      const s = res.json();
      expect(s.totalFen).toBe(
        s.lines.reduce((sum: number, l: { amountFen: number }) => sum + l.amountFen, 0),
      );
      expect(s.lines[0].explanation['zh-CN']).toContain('基本工资');
    },
    bad: idBad,
    outside: statementOutside,
  },
  'GET /api/v1/pay/statements/:id/pdf': {
    as: 'rep1',
    valid: () => ({ params: { id: w.rep1Statement } }),
    // Without Chromium the route says what to install (503); with it, a PDF.
    status: findChromium() === null ? 503 : 200,
    check: (res) => {
      if (findChromium() === null) expect(res.json().error.code).toBe('unavailable');
      else expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    },
    bad: idBad,
    outside: statementOutside,
  },

  // ---- what-if (模拟测算) ---------------------------------------------------------------------
  'POST /api/v1/pay/simulate': {
    as: 'vp',
    valid: () => ({
      body: {
        plan: DEMO_REP_PAY_PLAN,
        people: [
          {
            name: '试算',
            periods: [
              { period: '2026-07', figures: { personal_sales: 100_000, returns: 0, written_off: 0 } },
            ],
          },
        ],
      },
    }),
    status: 200,
    check: (res) => expect(res.json().totalFen).toBe(250_000 + 3_000),
    bad: { input: () => ({ body: { plan: DEMO_REP_PAY_PLAN, people: [] } }), path: 'body.people' },
  },
  'POST /api/v1/pay/what-if': {
    as: 'vp',
    valid: () => ({ body: { planId: w.draft.id, from: '2026-05', to: '2026-06' } }),
    status: 200,
    check: (res) =>
      expect(res.json().periods.map((p: { period: string }) => p.period)).toEqual(['2026-05', '2026-06']),
    bad: { input: () => ({ body: { planId: 1, from: '2026/05', to: '2026-06' } }), path: 'body.from' },
  },
};
