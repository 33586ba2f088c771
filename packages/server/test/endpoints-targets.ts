import { expect } from 'vitest';
import { idOf } from './demo-org.ts';
import { today } from './support.ts';
import { ok, uniq, type Ctx, type EndpointCase } from './endpoints-shared.ts';

/**
 * Sales targets (issue 4 items 1–4 and 9): plans, the split preview and saved splits, publishing and
 * re-plans, the commitment letter (承诺书) and market sizes: the endpoint table's cases, with the records
 * they read made through the API.
 */

interface LineRef {
  id: number;
  version: number;
  ownerKind: string;
  employeeId: number | null;
  unitId: number | null;
}
interface PlanRef {
  id: number;
  version: number;
  status: string;
  lines: LineRef[];
}

/** Fiscal years far from the ones other tests plan for (one plan per year and metric). */
let yearSeq = 0;
const nextYear = () => Number(today().slice(0, 4)) + 300 + ++yearSeq;

/** A draft plan with only its company-year line, made by `as` (vp, or other1 in the other company). */
async function newDraft(c: Ctx, as = 'vp'): Promise<PlanRef> {
  return ok<PlanRef>(
    (await c.as(as)).send('POST', '/api/v1/targets/plans', {
      fiscalYear: nextYear(),
      metric: 'sales',
      name: uniq('端点目标'),
      companyTarget: { target: 1_200_000 },
    }),
  );
}

async function publishPlan(c: Ctx, plan: PlanRef, as = 'vp'): Promise<PlanRef> {
  const current = await ok<PlanRef>((await c.as(as)).get(`/api/v1/targets/plans/${plan.id}`));
  return ok<PlanRef>(
    (await c.as(as)).send('POST', `/api/v1/targets/plans/${plan.id}/publish`, { version: current.version }),
  );
}

/** Company → 华东一组 → its people (equal), published: 赵磊 has a target in it, the South sees nothing. */
async function newTeamPlan(c: Ctx): Promise<PlanRef> {
  const vp = await c.as('vp');
  const plan = await newDraft(c);
  const team = await ok<{ children: LineRef[] }>(
    vp.send('POST', `/api/v1/targets/lines/${plan.lines[0]!.id}/split`, {
      by: 'units',
      unitIds: [idOf(c.ids.unit, 'XS-E1')],
      method: 'equal',
      version: plan.lines[0]!.version,
    }),
  );
  await ok(
    vp.send('POST', `/api/v1/targets/lines/${team.children[0]!.id}/split`, {
      by: 'people',
      method: 'equal',
      version: 1,
    }),
  );
  return publishPlan(c, plan);
}

const w = {} as {
  /** Published, with 华东一组's people. */
  team: PlanRef;
  /** The other company's published plan, its company line and a market size. */
  other: PlanRef;
  otherMarketSizeId: number;
};

export async function setupTargets(c: Ctx): Promise<void> {
  w.team = await newTeamPlan(c);
  w.other = await publishPlan(c, await newDraft(c, 'other1'), 'other1');
  w.otherMarketSizeId = (
    await ok((await c.as('other1')).send('POST', '/api/v1/market-sizes', marketSizeBody()))
  ).id;
}

const marketSizeBody = () => ({
  year: 2027,
  region: uniq('华东'),
  category: '纸品',
  marketSizeFen: 800_000_000,
  outletCount: 900,
});

async function newMarketSize(c: Ctx) {
  return ok((await c.as('vp')).send('POST', '/api/v1/market-sizes', marketSizeBody()));
}

/** Outsiders for a plan-level write: a South unit-scoped holder of every right, the other company. */
const planOutside = (
  make: (c: Ctx) => Promise<PlanRef>,
  body: (plan: PlanRef) => unknown = (plan) => ({ version: plan.version }),
): EndpointCase['outside'] => [
  {
    as: 'scoped1',
    why: 'a plan with only the company line, outside a South unit-scoped planner',
    input: async (c) => {
      const plan = await make(c);
      return { params: { id: plan.id }, body: body(plan) };
    },
  },
  {
    as: 'admin',
    why: "another company's plan",
    input: () => ({ params: { id: w.other.id }, body: body(w.other) }),
  },
];

/** Outsiders for reading the published team plan: a South rep (no line visible), the other company. */
const teamPlanReaders: EndpointCase['outside'] = [
  { as: 'rep7', why: 'a plan with no line in the South', input: () => ({ params: { id: w.team.id } }) },
  { as: 'admin', why: "another company's plan", input: () => ({ params: { id: w.other.id } }) },
];

const lineOutside = (body: (line: LineRef) => unknown): EndpointCase['outside'] => [
  {
    as: 'scoped1',
    why: "a draft's company line, outside a South unit-scoped planner",
    input: async (c) => {
      const line = (await newDraft(c)).lines[0]!;
      return { params: { id: line.id }, body: body(line) };
    },
  },
  {
    as: 'admin',
    why: "another company's line",
    input: () => ({ params: { id: w.other.lines[0]!.id }, body: body(w.other.lines[0]!) }),
  },
];

export const TARGET_CASES: Record<string, EndpointCase> = {
  // ---- plans ------------------------------------------------------------------------------------
  'GET /api/v1/targets/plans': {
    as: 'rep1',
    valid: () => ({ query: { status: 'published' } }),
    status: 200,
    check: (res) => {
      const ids = res.json().items.map((p: { id: number }) => p.id);
      expect(ids).toContain(w.team.id);
      expect(ids).not.toContain(w.other.id);
    },
    bad: { input: () => ({ query: { status: 'lost' } }), path: 'query.status' },
  },
  'POST /api/v1/targets/plans': {
    as: 'vp',
    valid: () => ({
      body: {
        fiscalYear: nextYear(),
        metric: 'new_customers',
        name: '新客户目标',
        companyTarget: { target: 120, stretch: 150 },
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({
        status: 'draft',
        companyTarget: { target: 120, stretch: 150, challenge: 150 },
      }),
    bad: [
      {
        input: () => ({ body: { fiscalYear: 2027, metric: 'sales', name: 'x' } }),
        path: 'body.companyTarget',
      },
      {
        input: () => ({
          body: {
            fiscalYear: nextYear(),
            metric: 'category_sales',
            category: '没有货品的品类',
            name: 'x',
            companyTarget: { target: 1 },
          },
        }),
        path: 'body.category',
      },
    ],
  },
  'GET /api/v1/targets/plans/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.team.id } }),
    status: 200,
    check: (res, c) => {
      const lines = res.json().lines as LineRef[];
      expect(lines.filter((l) => l.ownerKind === 'employee').map((l) => l.employeeId)).toEqual([
        idOf(c.ids.employee, 'rep1'),
      ]);
    },
    bad: { input: () => ({ params: { id: 'abc' } }), path: 'params.id' },
    outside: [
      ...teamPlanReaders!,
      {
        as: 'rep1',
        why: 'a draft (not assigned yet)',
        input: async (c) => ({ params: { id: (await newDraft(c)).id } }),
      },
    ],
  },
  'PATCH /api/v1/targets/plans/:id': {
    as: 'vp',
    valid: async (c) => {
      const plan = await newDraft(c);
      return { params: { id: plan.id }, body: { name: '改名目标', version: plan.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ name: '改名目标', version: 2 }),
    bad: {
      input: () => ({ params: { id: w.team.id }, body: { allowUnallocated: 'yes', version: 1 } }),
      path: 'body.allowUnallocated',
    },
    outside: planOutside(newDraft, (plan) => ({ name: '越权', version: plan.version })),
  },
  'DELETE /api/v1/targets/plans/:id': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newDraft(c)).id } }),
    status: 204,
    bad: { input: () => ({ params: { id: 0 } }), path: 'params.id' },
    outside: planOutside(newDraft, () => undefined),
  },
  'POST /api/v1/targets/plans/:id/publish': {
    as: 'vp',
    valid: async (c) => {
      const plan = await newDraft(c);
      return { params: { id: plan.id }, body: { version: plan.version } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe('published'),
    bad: { input: () => ({ params: { id: w.team.id }, body: {} }), path: 'body.version' },
    outside: planOutside(newDraft),
  },
  'POST /api/v1/targets/plans/:id/revise': {
    as: 'vp',
    valid: async (c) => {
      const plan = await publishPlan(c, await newDraft(c));
      return { params: { id: plan.id }, body: { reason: '年中调整', version: plan.version } };
    },
    status: 201,
    check: (res, _c, input) =>
      expect(res.json()).toMatchObject({ versionNo: 2, status: 'draft', previousPlanId: input.params!.id }),
    bad: {
      input: () => ({ params: { id: w.team.id }, body: { reason: '', version: 1 } }),
      path: 'body.reason',
    },
    outside: planOutside(
      async (c) => publishPlan(c, await newDraft(c)),
      (plan) => ({ reason: '越权', version: plan.version }),
    ),
  },
  'GET /api/v1/targets/plans/:id/versions': {
    as: 'rep1',
    valid: () => ({ params: { id: w.team.id } }),
    status: 200,
    check: (res) => expect(res.json().map((v: { versionNo: number }) => v.versionNo)).toEqual([1]),
    bad: { input: () => ({ params: { id: '1.5' } }), path: 'params.id' },
    outside: teamPlanReaders,
  },

  // ---- splitting (分解) ---------------------------------------------------------------------------
  'POST /api/v1/targets/split': {
    as: 'rep1',
    valid: () => ({ body: { total: 100, method: 'weights', weights: [1, 2, 1] } }),
    status: 200,
    check: (res) => expect(res.json().parts).toEqual([25, 50, 25]),
    bad: [
      { input: () => ({ body: { total: 100, method: 'weights', weights: [0, 0] } }), path: 'body.weights' },
      { input: () => ({ body: { total: -100, method: 'equal', count: 2 } }), path: 'body.total' },
    ],
  },
  'POST /api/v1/targets/lines/:id/split': {
    as: 'vp',
    valid: async (c) => {
      const line = (await newDraft(c)).lines[0]!;
      return {
        params: { id: line.id },
        body: { by: 'period', grain: 'quarter', method: 'equal', version: line.version },
      };
    },
    status: 200,
    check: (res) =>
      expect(res.json().children.map((l: { target: number }) => l.target)).toEqual([
        300_000, 300_000, 300_000, 300_000,
      ]),
    bad: [
      {
        input: async (c) => {
          const line = (await newDraft(c)).lines[0]!;
          return {
            params: { id: line.id },
            body: { by: 'period', grain: 'day', method: 'equal', version: 1 },
          };
        },
        path: 'body.grain',
      },
      {
        input: async (c) => {
          const line = (await newDraft(c)).lines[0]!;
          return {
            params: { id: line.id },
            body: { by: 'period', grain: 'quarter', method: 'weights', weights: [0, 0, 0, 0], version: 1 },
          };
        },
        path: 'body.weights',
      },
    ],
    outside: lineOutside((line) => ({
      by: 'period',
      grain: 'month',
      method: 'equal',
      version: line.version,
    })),
  },
  'PATCH /api/v1/targets/lines/:id': {
    as: 'vp',
    valid: async (c) => {
      const line = (await newDraft(c)).lines[0]!;
      return {
        params: { id: line.id },
        body: { target: 1_000_000, challenge: 1_500_000, version: line.version },
      };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ target: 1_000_000, stretch: 1_200_000, challenge: 1_500_000 }),
    bad: {
      input: async (c) => {
        const line = (await newDraft(c)).lines[0]!;
        return { params: { id: line.id }, body: { target: -1, version: line.version } };
      },
      path: 'body.target',
    },
    outside: lineOutside((line) => ({ target: 1, version: line.version })),
  },

  // ---- assign and acknowledge (承诺书) ----------------------------------------------------------------
  'GET /api/v1/targets/mine': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) =>
      expect(res.json().items.map((i: { plan: { id: number } }) => i.plan.id)).toContain(w.team.id),
  },
  'POST /api/v1/targets/plans/:id/acknowledge': {
    as: 'rep2',
    // A fresh plan each time: a letter is signed once.
    valid: async (c) => ({ params: { id: (await newTeamPlan(c)).id } }),
    status: 201,
    check: (res, c) => expect(res.json().employeeId).toBe(idOf(c.ids.employee, 'rep2')),
    bad: { input: () => ({ params: { id: 'abc' } }), path: 'params.id' },
    outside: teamPlanReaders,
  },
  'GET /api/v1/targets/plans/:id/acknowledgements': {
    as: 'lead1',
    valid: () => ({ params: { id: w.team.id } }),
    status: 200,
    check: (res) => expect(res.json().total).toBeGreaterThanOrEqual(3),
    bad: { input: () => ({ params: { id: 'abc' } }), path: 'params.id' },
    outside: teamPlanReaders,
  },
  'GET /api/v1/targets/plans/:id/letter': {
    as: 'rep1',
    valid: () => ({ params: { id: w.team.id } }),
    status: 200,
    check: (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('承诺书');
    },
    bad: {
      input: () => ({ params: { id: w.team.id }, query: { employeeId: 'abc' } }),
      path: 'query.employeeId',
    },
    outside: [
      ...teamPlanReaders!,
      {
        as: 'rep2',
        why: "a peer's letter (own scope: only oneself)",
        input: (c) => ({
          params: { id: w.team.id },
          query: { employeeId: String(idOf(c.ids.employee, 'rep1')) },
        }),
      },
    ],
  },

  // ---- market sizes (市场容量) --------------------------------------------------------------------------
  'GET /api/v1/market-sizes': {
    as: 'rep1',
    valid: () => ({ query: { year: '2027' } }),
    status: 200,
    check: (res) => expect(res.json().items.every((m: { year: number }) => m.year === 2027)).toBe(true),
    bad: { input: () => ({ query: { year: 'next' } }), path: 'query.year' },
  },
  'POST /api/v1/market-sizes': {
    as: 'vp',
    valid: () => ({ body: marketSizeBody() }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ marketSizeFen: 800_000_000, version: 1 }),
    bad: { input: () => ({ body: { ...marketSizeBody(), marketSizeFen: -1 } }), path: 'body.marketSizeFen' },
  },
  'PATCH /api/v1/market-sizes/:id': {
    as: 'manager1',
    valid: async (c) => {
      const m = await newMarketSize(c);
      return { params: { id: m.id }, body: { outletCount: 1_000, version: m.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ outletCount: 1_000, version: 2 }),
    bad: {
      input: async (c) => ({ params: { id: (await newMarketSize(c)).id }, body: { outletCount: 1 } }),
      path: 'body.version',
    },
    outside: [
      {
        as: 'admin',
        why: "another company's market size",
        input: () => ({ params: { id: w.otherMarketSizeId }, body: { outletCount: 1, version: 1 } }),
      },
    ],
  },
  'DELETE /api/v1/market-sizes/:id': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await newMarketSize(c)).id } }),
    status: 204,
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'admin',
        why: "another company's market size",
        input: () => ({ params: { id: w.otherMarketSizeId } }),
      },
    ],
  },
};
