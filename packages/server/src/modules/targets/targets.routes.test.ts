import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { childPeriods, parsePeriod, weeksInYear } from '@zuzhang/domain';
import { SplitLineBody } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { createScopedUser, expectError, nextMobile, signInAll, today } from '../../../test/support.ts';
import { idOf, loadDemoIds, NAME_OF, type DemoIds } from '../../../test/demo-org.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { loadActor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { users } from '../auth/auth.table.ts';
import { splitLine as splitLineAs } from './split.service.ts';
import { targetAcknowledgements, targetLines, targetPlans } from './targets.table.ts';

/**
 * Target plans end to end (issue 4 items 1–4 and 9): create, split the year and the owners, publish (refused
 * with a gap unless allowed), re-plan with a reason and locked periods, the lead's weekly split, the
 * commitment letter (承诺书), market sizes, and bad input that names its field and saves nothing.
 */

interface Tiers {
  target: number;
  stretch: number;
  challenge: number;
}
interface Line extends Tiers {
  id: number;
  parentLineId: number | null;
  ownerKind: string;
  unitId: number | null;
  employeeId: number | null;
  ownerName: string;
  period: string;
  grain: string;
  splitMethod: string | null;
  childCount: number;
  childrenSum: Tiers | null;
  gap: Tiers | null;
  unallocated: number;
  locked: boolean;
  version: number;
}
interface Plan {
  id: number;
  fiscalYear: number;
  status: string;
  versionNo: number;
  previousPlanId: number | null;
  reason: string;
  allowUnallocated: boolean;
  companyTarget: Tiers | null;
  version: number;
  lines: Line[];
}
type Res = Awaited<ReturnType<Session['get']>>;

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let lead1: Session;
let lead2: Session;
let rep1: Session;
let rep2: Session;
let rep4: Session;
let rep7: Session;
let admin: Session;
/** Company scope and target.plan, not target.override: a planner who may not change locked periods. */
let planner: Session;

const THIS_YEAR = Number(today().slice(0, 4));
const LAST_YEAR = THIS_YEAR - 1;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const emp = (user: string) => idOf(ids.employee, user);
const unit = (code: string) => idOf(ids.unit, code);

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, lead1, lead2, rep1, rep2, rep4, rep7, admin] = await signInAll(t.app, [
    'vp',
    'manager1',
    'lead1',
    'lead2',
    'rep1',
    'rep2',
    'rep4',
    'rep7',
    'admin',
  ]);
  planner = (
    await createScopedUser(t.app, admin, {
      username: 'planner2',
      permissions: ['target.read', 'target.plan'],
      unitId: unit('XS'),
      reportsToId: idOf(ids.position, 'XS-DIR'),
      // The helper's type stops at unit_tree; the API takes company scope as well.
      dataScope: 'company' as 'unit_tree',
    })
  ).session;
});
afterAll(() => t.close());

// ---- helpers -------------------------------------------------------------------------------------------

let yearSeq = 0;
/** A future fiscal year no other test has a sales plan for (one plan per year and metric). */
const freshYear = () => THIS_YEAR + 2 + yearSeq++;

async function json<T>(res: Promise<Res>, status?: number): Promise<T> {
  const r = await res;
  if (status === undefined ? r.statusCode >= 300 : r.statusCode !== status) {
    throw new Error(`unexpected ${r.statusCode}: ${r.body.slice(0, 500)}`);
  }
  return r.json() as T;
}

async function newPlan(fiscalYear: number, extra: Record<string, unknown> = {}): Promise<Plan> {
  return json<Plan>(
    vp.send('POST', '/api/v1/targets/plans', {
      fiscalYear,
      metric: 'sales',
      name: `${fiscalYear}年度销售目标`,
      companyTarget: { target: 120_000_000 },
      ...extra,
    }),
    201,
  );
}

const getPlan = (id: number, as: Session = vp) => json<Plan>(as.get(`/api/v1/targets/plans/${id}`));

function splitLine(as: Session, line: Pick<Line, 'id' | 'version'>, body: Record<string, unknown>) {
  return as.send('POST', `/api/v1/targets/lines/${line.id}/split`, { version: line.version, ...body });
}
function split(as: Session, line: Pick<Line, 'id' | 'version'>, body: Record<string, unknown>) {
  return json<{ line: Line; children: Line[] }>(splitLine(as, line, body), 200);
}

const targetsOf = (lines: Line[]) => lines.map((l) => l.target);

/**
 * A plan of 1,200,000.00 yuan split company → East and South (3 : 2) → East's two teams (equal) → 华东一组's
 * four people (equal) → 赵磊's year into months (equal), every split exact.
 */
async function buildTeamPlan() {
  const plan = await newPlan(freshYear());
  const regions = await split(vp, plan.lines[0]!, {
    by: 'units',
    unitIds: [unit('XS-E'), unit('XS-S')],
    method: 'weights',
    weights: [3, 2],
  });
  const east = regions.children.find((l) => l.unitId === unit('XS-E'))!;
  const teams = await split(vp, east, { by: 'units', method: 'equal' });
  const e1 = teams.children.find((l) => l.unitId === unit('XS-E1'))!;
  const people = await split(vp, e1, { by: 'people', method: 'equal' });
  const rep1Year = people.children.find((l) => l.employeeId === emp('rep1'))!;
  const months = await split(vp, rep1Year, { by: 'period', grain: 'month', method: 'equal' });
  return { plan, regions, teams, people, months };
}

async function publish(id: number, as: Session = vp) {
  const plan = await getPlan(id);
  return as.send('POST', `/api/v1/targets/plans/${id}/publish`, { version: plan.version });
}

/** Rows of the target tables: "nothing saved" means none of these move. */
async function countRows() {
  const db = t.database.db;
  const [plans] = await db.select({ n: count() }).from(targetPlans);
  const [lines] = await db.select({ n: count() }).from(targetLines);
  const [acks] = await db.select({ n: count() }).from(targetAcknowledgements);
  return { plans: Number(plans!.n), lines: Number(lines!.n), acks: Number(acks!.n) };
}

// ---- sales through the API, for the history split --------------------------------------------------------

let product: { id: number } | undefined;
const customerOf = new Map<Session, number>();

/** An order of `quantity` units at the list price of 100.00 yuan (confirmed at once) by the session's rep. */
async function sell(as: Session, orderDate: string, quantity: number): Promise<number> {
  product ??= await json<{ id: number }>(
    vp.send('POST', '/api/v1/products', {
      code: 'TGT-1',
      name: '目标测试货品',
      category: '纸品',
      unit: '箱',
      listPriceFen: 10_000,
      taxRateBp: 1300,
      discountFloorBp: 9000,
    }),
  );
  if (!customerOf.has(as)) {
    const c = await json<{ id: number }>(
      as.send('POST', '/api/v1/customers', {
        name: `目标测试客户${customerOf.size + 1}有限公司`,
        kind: 'company',
        category: 'end_customer',
        mobile: nextMobile(),
      }),
    );
    customerOf.set(as, c.id);
  }
  const order = await json<{ totalFen: number; status: string }>(
    as.send('POST', '/api/v1/orders', {
      customerId: customerOf.get(as),
      orderDate,
      lines: [{ productId: product.id, quantity, promisedOn: orderDate }],
    }),
  );
  expect(order.status).toBe('confirmed');
  return order.totalFen;
}

// ---- plans and splits ------------------------------------------------------------------------------------

describe('target plans (销售目标) and splits (分解)', () => {
  it('creates a draft with its company-year line; planners see it, reps do not', async () => {
    const year = freshYear();
    const plan = await newPlan(year, { companyTarget: { target: 100_000_000, stretch: 110_000_000 } });
    expect(plan).toMatchObject({ status: 'draft', versionNo: 1, previousPlanId: null });
    // Tiers not given follow the one below: challenge = stretch.
    expect(plan.companyTarget).toEqual({ target: 100_000_000, stretch: 110_000_000, challenge: 110_000_000 });
    expect(plan.lines).toHaveLength(1);
    expect(plan.lines[0]).toMatchObject({
      ownerKind: 'company',
      ownerName: '示例销售有限公司',
      period: String(year),
      grain: 'year',
      target: 100_000_000,
      childrenSum: null,
      locked: false,
    });
    expectError(await rep1.get(`/api/v1/targets/plans/${plan.id}`), 404, 'not_found');
    const repList = await json<{ items: { id: number }[] }>(rep1.get('/api/v1/targets/plans'));
    expect(repList.items.map((p) => p.id)).not.toContain(plan.id);
    const drafts = await json<{ items: { id: number }[] }>(
      vp.get(`/api/v1/targets/plans?fiscalYear=${year}&status=draft`),
    );
    expect(drafts.items.map((p) => p.id)).toEqual([plan.id]);
    // A second plan for the same year and metric: the draft is changed, or the published plan revised.
    const again = { fiscalYear: year, metric: 'sales', name: '重复', companyTarget: { target: 1 } };
    expectError(await vp.send('POST', '/api/v1/targets/plans', again), 409, 'conflict', 'body.fiscalYear');
    // The company's figure takes company scope: a regional manager plans their region, not the company.
    expectError(
      await manager1.send('POST', '/api/v1/targets/plans', { ...again, fiscalYear: freshYear() }),
      403,
      'forbidden',
    );
  });

  it('splits the year into months, equal to the fen, then by weights, replacing the children', async () => {
    const plan = await newPlan(freshYear(), { companyTarget: { target: 100_000_005 } });
    const equal = await split(vp, plan.lines[0]!, { by: 'period', grain: 'month', method: 'equal' });
    expect(equal.children.map((c) => c.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${plan.fiscalYear}-${String(i + 1).padStart(2, '0')}`),
    );
    // 100,000,005 fen over 12 months: 8,333,333 each and 9 fen over, one each to the first nine months.
    expect(targetsOf(equal.children)).toEqual([...Array(9).fill(8_333_334), ...Array(3).fill(8_333_333)]);
    expect(equal.line).toMatchObject({ childCount: 12, gap: { target: 0, stretch: 0, challenge: 0 } });

    const weighted = await split(vp, equal.line, {
      by: 'period',
      grain: 'month',
      method: 'weights',
      weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9],
    });
    // 100,000,005 × 9/20 = 45,000,002.25 for December; the eleven others 5,000,000.25 each, the fen left
    // over going to the largest remainders (all equal, so the earliest months).
    expect(weighted.children[11]!.target).toBe(45_000_002);
    expect(sum(targetsOf(weighted.children))).toBe(100_000_005);
    const detail = await getPlan(plan.id);
    expect(detail.lines).toHaveLength(13);
    expect(detail.lines[0]).toMatchObject({ splitMethod: 'weights', childrenSum: { target: 100_000_005 } });
  });

  it("splits by last year's actuals from the roll-ups: months by seasonality, people by their own sales", async () => {
    const jan = await sell(rep1, `${LAST_YEAR}-01-15`, 3);
    const mar = (await sell(rep1, `${LAST_YEAR}-03-10`, 6)) + (await sell(rep2, `${LAST_YEAR}-03-20`, 3));
    expect(mar).toBe(3 * jan);

    const plan = await newPlan(THIS_YEAR, { companyTarget: { target: 1_200_000 } });
    const months = await split(vp, plan.lines[0]!, { by: 'period', grain: 'month', method: 'history' });
    expect(targetsOf(months.children)).toEqual([300_000, 0, 900_000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    // The same people: 赵磊 sold 9 units of 纸品 last year, 黄丽 3, the team's other two nothing.
    const paper = await newPlan(THIS_YEAR, {
      metric: 'category_sales',
      category: '纸品',
      name: '纸品销售目标',
      companyTarget: { target: 1_200 },
    });
    const e1 = await split(vp, paper.lines[0]!, { by: 'units', unitIds: [unit('XS-E1')], method: 'equal' });
    const people = await split(vp, e1.children[0]!, {
      by: 'people',
      employeeIds: [emp('lead1'), emp('rep1'), emp('rep2')],
      method: 'history',
    });
    expect(Object.fromEntries(people.children.map((c) => [c.ownerName, c.target]))).toEqual({
      [NAME_OF.lead1]: 0,
      [NAME_OF.rep1]: 900,
      [NAME_OF.rep2]: 300,
    });

    // A year after nothing was sold: no history to follow, refused with the field named.
    const later = await newPlan(freshYear());
    const res = await splitLine(vp, later.lines[0]!, { by: 'period', grain: 'quarter', method: 'history' });
    expectError(res, 400, 'validation', 'body.history');
  });

  it('splits by headcount from the org chart: the people whose primary seat is in each unit', async () => {
    const plan = await newPlan(freshYear(), { companyTarget: { target: 1_600 } });
    const regions = await split(vp, plan.lines[0]!, {
      by: 'units',
      unitIds: [unit('XS-E'), unit('XS-S')],
      method: 'headcount',
    });
    // 华东: manager, channel supervisor, group leader and two teams of four = 11; 华南: manager and one team
    // of four = 5 (the group leader covers 华南 concurrently, and is counted where the primary seat is).
    expect(targetsOf(regions.children)).toEqual([1_100, 500]);
  });

  it('splits company → regions → teams → people, each exact, and shows each person their own lines', async () => {
    const { plan, regions, teams, people, months } = await buildTeamPlan();
    expect(targetsOf(regions.children)).toEqual([72_000_000, 48_000_000]);
    expect(teams.children.map((c) => c.ownerName)).toEqual(['华东一组', '华东二组']);
    expect(targetsOf(teams.children)).toEqual([36_000_000, 36_000_000]);
    expect(people.children.map((c) => c.ownerName).sort()).toEqual(
      [NAME_OF.lead1, NAME_OF.rep1, NAME_OF.rep2, NAME_OF.rep3].sort(),
    );
    expect(people.children.every((c) => c.unitId === unit('XS-E1') && c.target === 9_000_000)).toBe(true);
    expect(targetsOf(months.children)).toEqual(Array(12).fill(750_000));

    // The East manager sees the East lines of the draft, not the company's nor the South's …
    const east = await getPlan(plan.id, manager1);
    expect(east.companyTarget).toBeNull();
    expect(east.lines.some((l) => l.ownerKind === 'company' || l.unitId === unit('XS-S'))).toBe(false);
    expect(east.lines[0]).toMatchObject({ ownerName: '华东区', childrenSum: { target: 72_000_000 } });
    // … parents before their children …
    const listed = new Set<number>();
    for (const l of east.lines) {
      if (east.lines.some((x) => x.id === l.parentLineId)) expect(listed.has(l.parentLineId!)).toBe(true);
      listed.add(l.id);
    }
    // … and may not split the company's line, which is outside their scope.
    const company = (await getPlan(plan.id)).lines[0]!;
    expectError(
      await splitLine(manager1, company, { by: 'period', grain: 'month', method: 'equal' }),
      404,
      'not_found',
    );
    // Splitting a person by units, or the company by people, makes no sense: refused naming `by`.
    const rep1Year = people.children.find((l) => l.employeeId === emp('rep1'))!;
    const fresh = (await getPlan(plan.id)).lines.find((l) => l.id === rep1Year.id)!;
    expectError(await splitLine(vp, fresh, { by: 'units', method: 'equal' }), 400, 'validation', 'body.by');
    expectError(
      await splitLine(vp, company, { by: 'people', method: 'equal' }),
      400,
      'validation',
      'body.by',
    );
  });

  it('refuses to publish splits that do not add up, unless the plan allows an unallocated remainder', async () => {
    const plan = await newPlan(freshYear(), { companyTarget: { target: 1_000 } });
    const regions = await split(vp, plan.lines[0]!, {
      by: 'units',
      unitIds: [unit('XS-E'), unit('XS-S')],
      method: 'manual',
      amounts: [500, 400],
    });
    expect(regions.line.gap).toEqual({ target: 100, stretch: 100, challenge: 100 });

    const refused = expectError(await publish(plan.id), 422, 'business_rule', `lines.${plan.lines[0]!.id}`);
    expect(refused.details[0]!.message).toContain('1.00');
    expect((await getPlan(plan.id)).status).toBe('draft');

    const allowed = await json<Plan>(
      vp.send('PATCH', `/api/v1/targets/plans/${plan.id}`, { allowUnallocated: true, version: plan.version }),
    );
    expect(allowed).toMatchObject({ allowUnallocated: true, version: plan.version + 1 });
    expectError(
      await vp.send('PATCH', `/api/v1/targets/plans/${plan.id}`, { name: '旧版本', version: plan.version }),
      409,
      'conflict',
    );
    const published = await json<Plan>(publish(plan.id));
    expect(published.status).toBe('published');
    expect(published.lines[0]).toMatchObject({ unallocated: 100, gap: { target: 100 } });
    // Published: not deleted, not edited in place, not split but for weekly tasks.
    expectError(await vp.send('DELETE', `/api/v1/targets/plans/${plan.id}`), 422, 'business_rule');
    expectError(
      await vp.send('PATCH', `/api/v1/targets/plans/${plan.id}`, { name: 'x', version: published.version }),
      422,
      'business_rule',
    );
    const south = published.lines.find((l) => l.unitId === unit('XS-S'))!;
    expectError(
      await splitLine(vp, south, { by: 'units', method: 'equal' }),
      422,
      'business_rule',
      'body.by',
    );
  });

  it('deletes a draft with its lines', async () => {
    const { plan } = await buildTeamPlan();
    expect((await vp.send('DELETE', `/api/v1/targets/plans/${plan.id}`)).statusCode).toBe(204);
    expectError(await vp.get(`/api/v1/targets/plans/${plan.id}`), 404, 'not_found');
    const [left] = await t.database.db
      .select({ n: count() })
      .from(targetLines)
      .where(eq(targetLines.planId, plan.id));
    expect(Number(left!.n)).toBe(0);
  });
});

// ---- re-plans and locked periods ---------------------------------------------------------------------------

describe('re-plans (调整) and locked periods', () => {
  it('revises with a reason, keeps the history, and refuses changes to locked periods without target.override', async () => {
    // Last year has ended: every period of it is locked.
    const plan = await newPlan(LAST_YEAR, { name: '去年销售目标' });
    const quarters = await split(vp, plan.lines[0]!, { by: 'period', grain: 'quarter', method: 'equal' });
    expect(quarters.children.every((q) => q.locked && q.target === 30_000_000)).toBe(true);
    expect((await publish(plan.id)).statusCode).toBe(200);
    const v1 = await getPlan(plan.id);

    const revise = (as: Session, reason: string) =>
      as.send('POST', `/api/v1/targets/plans/${plan.id}/revise`, { reason, version: v1.version });
    expectError(await revise(vp, '   '), 400, 'validation', 'body.reason');
    const v2 = await json<Plan>(revise(vp, '华南渠道调整，重新分配季度目标'), 201);
    expect(v2).toMatchObject({
      versionNo: 2,
      status: 'draft',
      previousPlanId: plan.id,
      reason: '华南渠道调整，重新分配季度目标',
    });
    expect(v2.lines.map((l) => [l.period, l.target])).toEqual(v1.lines.map((l) => [l.period, l.target]));
    expect(v2.lines.every((l) => !v1.lines.some((o) => o.id === l.id))).toBe(true);
    expectError(await revise(vp, '第二份调整'), 409, 'conflict');

    // A planner without target.override may not touch a locked line …
    const q1 = v2.lines.find((l) => l.period === `${LAST_YEAR}-Q1`)!;
    expectError(
      await planner.send('PATCH', `/api/v1/targets/lines/${q1.id}`, { target: 1, version: q1.version }),
      422,
      'business_rule',
      'params.id',
    );
    // … nor publish a revision in which someone who may has changed them.
    await split(vp, v2.lines[0]!, {
      by: 'period',
      grain: 'quarter',
      method: 'weights',
      weights: [1, 1, 1, 2],
    });
    const refused = expectError(await publish(v2.id, planner), 422, 'business_rule');
    expect(refused.details).toHaveLength(4);
    expect(refused.details.every((d) => d.path.startsWith('lines.'))).toBe(true);

    const published = await json<Plan>(publish(v2.id, vp));
    expect(published.status).toBe('published');
    expect(targetsOf(published.lines.slice(1))).toEqual([24_000_000, 24_000_000, 24_000_000, 48_000_000]);
    // The old version stays, superseded, with its figures as they were.
    const old = await getPlan(plan.id);
    expect(old.status).toBe('superseded');
    expect(targetsOf(old.lines.slice(1))).toEqual(Array(4).fill(30_000_000));
    const versions = await json<{ versionNo: number; status: string; reason: string }[]>(
      vp.get(`/api/v1/targets/plans/${v2.id}/versions`),
    );
    expect(versions.map((v) => [v.versionNo, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    // The audit trail says the locked periods were changed, and by which right.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'targetPlan'),
          eq(auditLog.action, 'publish'),
          eq(auditLog.entityId, String(v2.id)),
        ),
      );
    expect(audit!.after).toMatchObject({ override: 'target.override' });
    expect((audit!.after as { lockedChanges: unknown[] }).lockedChanges).toHaveLength(4);
  });

  it('a lead splits a published month of a team member into weeks (分解并下达本组周任务), nobody else', async () => {
    const { plan, months } = await buildTeamPlan();
    expect((await publish(plan.id)).statusCode).toBe(200);
    const jan = months.children[0]!;
    const weeks = childPeriods(jan.period, 'week');
    const body = { by: 'period', grain: 'week', method: 'equal' };

    expectError(await splitLine(rep1, jan, body), 403, 'forbidden');
    // 华东二组's lead does not see 华东一组's people.
    expectError(await splitLine(lead2, jan, body), 404, 'not_found');
    // The year of a published plan is not split again: only months into weeks.
    expectError(
      await splitLine(lead1, months.line, { by: 'period', grain: 'quarter', method: 'equal' }),
      422,
      'business_rule',
      'body.by',
    );
    const assigned = await split(lead1, jan, {
      ...body,
      method: 'weights',
      weights: weeks.map((_, i) => i + 1),
    });
    expect(assigned.children.map((c) => c.period)).toEqual(weeks);
    expect(sum(targetsOf(assigned.children))).toBe(750_000);
    expect(assigned.children.every((c) => c.employeeId === emp('rep1') && c.unitId === unit('XS-E1'))).toBe(
      true,
    );
    // 赵磊 sees his weekly tasks.
    const mine = await json<{ items: { plan: { id: number }; lines: Line[] }[] }>(
      rep1.get('/api/v1/targets/mine'),
    );
    const lines = mine.items.find((i) => i.plan.id === plan.id)!.lines;
    expect(lines.filter((l) => l.grain === 'week').map((l) => l.period)).toEqual(weeks);
  });

  it('never splits a locked month of a published plan; in a draft a locked line takes target.override', async () => {
    const plan = await newPlan(LAST_YEAR, { metric: 'collections', name: '去年回款目标' });
    const byTeam = { by: 'units', unitIds: [unit('XS-E1')], method: 'equal' };
    expectError(await splitLine(planner, plan.lines[0]!, byTeam), 422, 'business_rule', 'params.id');
    const e1 = (await split(vp, plan.lines[0]!, byTeam)).children[0]!;
    const months = await split(vp, e1, { by: 'period', grain: 'month', method: 'equal' });
    expect((await publish(plan.id)).statusCode).toBe(200);
    const december = months.children[11]!;
    expectError(
      await splitLine(lead1, december, { by: 'period', grain: 'week', method: 'equal' }),
      422,
      'business_rule',
      'params.id',
    );
  });
});

describe('a weekly split that would change a week already ended', () => {
  it('is refused with a message naming whose target and which week, in Chinese and English', async () => {
    const { plan, months } = await buildTeamPlan();
    expect((await publish(plan.id)).statusCode).toBe(200);
    const march = months.children[2]!;
    const weeks = childPeriods(march.period, 'week');
    const given = await split(lead1, march, { by: 'period', grain: 'week', method: 'equal' });
    // The lead again, on the 20th of that March: its first two weeks have ended, the month has not.
    const db = t.database.db;
    const [user] = await db.select().from(users).where(eq(users.username, 'lead1'));
    const actor = { ...(await loadActor(db, user!, 'cookie')), today: `${march.period}-20` };
    const body = SplitLineBody.parse({
      by: 'period',
      grain: 'week',
      method: 'weights',
      weights: weeks.map((_, i) => i + 1),
      version: given.line.version,
    });
    const error = await splitLineAs(db, actor, march.id, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const { key, params, details } = error as AppError;
    expect(key).toBe('targets.lockedChanged');
    const first = parsePeriod(weeks[0]!);
    expect(translate('zh-CN', key, params)).toBe(
      `${NAME_OF.rep1} ${weeks[0]} 已于 ${first.to} 结束，这条目标不能改动`,
    );
    expect(translate('en-US', key, params)).toBe(
      `${NAME_OF.rep1} ${weeks[0]} ended on ${first.to}; this target cannot change`,
    );
    expect(details).toEqual([{ path: 'params.id', key, params }]);
  });
});

describe('the OpenAPI text of POST /api/v1/targets/lines/:id/split', () => {
  it('says who may split: planners in a draft, a lead (target.assign) a published month into weeks', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { summary: string; 'x-permission'?: string }>>;
    }>();
    const op = doc.paths['/api/v1/targets/lines/{id}/split']!.post!;
    // target.plan is not needed by a lead splitting a published month: the gate is target.read.
    expect(op['x-permission']).toBe('target.read');
    expect(op.summary).toMatch(/draft.*target\.plan/);
    expect(op.summary).toMatch(/published.*target\.assign/);
    // And it is so: 华东一组's lead, who lacks target.plan, splits a published month (test above).
    const lead = await json<{ permissions: string[] }>(lead1.get('/api/v1/auth/me'));
    expect(lead.permissions).toContain('target.assign');
    expect(lead.permissions).not.toContain('target.plan');
  });
});

// ---- assign and acknowledge (承诺书) ----------------------------------------------------------------------

describe('commitment letters (承诺书)', () => {
  it('each person signs once; leads see who has signed; the letter prints in Chinese and English', async () => {
    const { plan } = await buildTeamPlan();
    const mineOf = async (as: Session) =>
      (
        await json<{ items: { plan: { id: number }; lines: Line[]; acknowledgedAt: string | null }[] }>(
          as.get('/api/v1/targets/mine'),
        )
      ).items.find((i) => i.plan.id === plan.id);
    expect(await mineOf(rep1)).toBeUndefined();
    expectError(await rep1.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`), 404, 'not_found');
    expect((await publish(plan.id)).statusCode).toBe(200);

    const mine = (await mineOf(rep1))!;
    expect(mine.acknowledgedAt).toBeNull();
    expect(mine.lines).toHaveLength(13);
    expect(mine.lines.every((l) => l.employeeId === emp('rep1'))).toBe(true);
    // 赵磊 sees his team's line and his own, no one else's.
    const seen = await getPlan(plan.id, rep1);
    expect(
      seen.lines.filter((l) => l.ownerKind === 'employee').every((l) => l.employeeId === emp('rep1')),
    ).toBe(true);

    const signed = await json<{ signedAt: string; employeeName: string }>(
      rep1.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`),
      201,
    );
    expect(signed.employeeName).toBe(NAME_OF.rep1);
    expectError(await rep1.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`), 409, 'conflict');
    expectError(
      await vp.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`),
      422,
      'business_rule',
      'params.id',
    );
    // 徐强 sees his team's line (华东二组) but has no target of his own to sign; 高鹏 (华南一组) sees no
    // line of this plan at all: for him it does not exist.
    expectError(
      await rep4.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`),
      422,
      'business_rule',
      'params.id',
    );
    expectError(await rep7.send('POST', `/api/v1/targets/plans/${plan.id}/acknowledge`), 404, 'not_found');
    expect((await mineOf(rep1))!.acknowledgedAt).toBe(signed.signedAt);

    const status = await json<{
      signed: number;
      total: number;
      people: { employeeId: number; signedAt: string | null }[];
    }>(lead1.get(`/api/v1/targets/plans/${plan.id}/acknowledgements`));
    expect(status).toMatchObject({ signed: 1, total: 4 });
    expect(status.people.find((p) => p.employeeId === emp('rep1'))!.signedAt).toBe(signed.signedAt);
    expect(status.people.find((p) => p.employeeId === emp('rep2'))!.signedAt).toBeNull();

    const letter = await rep1.get(`/api/v1/targets/plans/${plan.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toMatch(/^text\/html/);
    for (const text of ['销售目标承诺书', NAME_OF.rep1, '华东一组', '90,000.00', '7,500.00', '已于']) {
      expect(letter.body).toContain(text);
    }
    const english = await rep1.get(`/api/v1/targets/plans/${plan.id}/letter?lang=en-US`);
    expect(english.body).toContain('Sales Target Commitment Letter');
    expect(english.body).toContain('Signed in the system on');

    const unsigned = await lead1.get(`/api/v1/targets/plans/${plan.id}/letter?employeeId=${emp('rep2')}`);
    expect(unsigned.statusCode).toBe(200);
    expect(unsigned.body).toContain(NAME_OF.rep2);
    expect(unsigned.body).toContain('尚未签署');
    expectError(
      await rep2.get(`/api/v1/targets/plans/${plan.id}/letter?employeeId=${emp('rep1')}`),
      404,
      'not_found',
    );
  });
});

// ---- the split preview ----------------------------------------------------------------------------------

describe('split preview (POST /api/v1/targets/split)', () => {
  const preview = (body: Record<string, unknown>) => rep1.send('POST', '/api/v1/targets/split', body);

  it.each([
    [
      'equal parts, the fen left over to the first',
      { total: 100, method: 'equal', count: 3 },
      [34, 33, 33],
      0,
    ],
    ['weights', { total: 100, method: 'weights', weights: [1, 3] }, [25, 75], 0],
    [
      'last year as decimal strings',
      { total: 100, method: 'history', history: ['12.5', '37.5'] },
      [25, 75],
      0,
    ],
    ['headcount', { total: 90, method: 'headcount', headcount: [2, 1] }, [60, 30], 0],
    ['by hand, with the gap shown', { total: 100, method: 'manual', amounts: [40, 50] }, [40, 50], 10],
  ])('%s', async (_name, body, parts, gap) => {
    const res = await json<{ parts: number[]; gap: { target: number } }>(preview(body), 200);
    expect(res.parts).toEqual(parts);
    expect(res.gap.target).toBe(gap);
  });

  it('splits every tier and keeps the labels', async () => {
    const res = await json<{ children: unknown[] }>(
      preview({
        total: { target: 100, stretch: 120, challenge: 150 },
        method: 'weights',
        weights: [1, 2],
        labels: ['华东', '华南'],
      }),
      200,
    );
    expect(res.children).toEqual([
      { label: '华东', target: 33, stretch: 40, challenge: 50 },
      { label: '华南', target: 67, stretch: 80, challenge: 100 },
    ]);
  });

  it.each([
    ['weights all zero', { total: 100, method: 'weights', weights: [0, 0] }, 'body.weights'],
    ['a negative weight', { total: 100, method: 'weights', weights: [1, -1] }, 'body.weights.1'],
    ['a weight that is not a number', { total: 100, method: 'weights', weights: ['abc'] }, 'body.weights.0'],
    ['a negative total', { total: -1, method: 'equal', count: 2 }, 'body.total'],
    ['a fraction of a fen', { total: 10.5, method: 'equal', count: 2 }, 'body.total'],
    [
      'a stretch below the target',
      { total: { target: 10, stretch: 5 }, method: 'equal', count: 2 },
      'body.total.stretch',
    ],
    ['equal without a count', { total: 10, method: 'equal' }, 'body.count'],
    ['a negative amount by hand', { total: 10, method: 'manual', amounts: [5, -1] }, 'body.amounts.1'],
    [
      'a negative tier by hand',
      { total: { target: 10, stretch: 10 }, method: 'manual', amounts: [{ target: 5, stretch: -5 }, 5] },
      'body.amounts.0.stretch',
    ],
    ['labels of another length', { total: 10, method: 'equal', count: 2, labels: ['a'] }, 'body.labels'],
    ['an unknown method', { total: 10, method: 'random' }, 'body.method'],
  ])('400 for %s, naming %s', async (_name, body, path) => {
    expectError(await preview(body), 400, 'validation', path);
  });
});

// ---- bad input saves nothing ---------------------------------------------------------------------------------

describe('bad input names the field and saves nothing', () => {
  /** A year of 52 ISO weeks, far from the other tests' years. */
  const shortYear = (() => {
    let y = THIS_YEAR + 60;
    while (weeksInYear(y) !== 52) y++;
    return y;
  })();
  let draft: Plan;
  let team: Line;

  beforeAll(async () => {
    draft = await newPlan(shortYear, { companyTarget: { target: 1_000_000 } });
    const e1 = await split(vp, draft.lines[0]!, { by: 'units', unitIds: [unit('XS-E1')], method: 'equal' });
    team = e1.children[0]!;
    draft = await getPlan(draft.id);
  });
  const company = () => draft.lines[0]!;
  const monthly = (body: Record<string, unknown>) => ({ by: 'period', grain: 'month', ...body });

  it.each<[string, () => Promise<Res>, number, string]>([
    [
      'weights that are all zero',
      () => splitLine(vp, company(), monthly({ method: 'weights', weights: Array(12).fill(0) })),
      400,
      'body.weights',
    ],
    [
      'a negative weight',
      () =>
        splitLine(vp, company(), monthly({ method: 'weights', weights: [1, 1, -1, ...Array(9).fill(1)] })),
      400,
      'body.weights.2',
    ],
    [
      'weights of another count',
      () => splitLine(vp, company(), monthly({ method: 'weights', weights: [1, 2] })),
      400,
      'body.weights',
    ],
    [
      'a negative amount by hand',
      () => splitLine(vp, team, { by: 'people', method: 'manual', amounts: [1, -1, 1, 1] }),
      400,
      'body.amounts.1',
    ],
    [
      'a negative target for the company',
      () =>
        vp.send('POST', '/api/v1/targets/plans', {
          fiscalYear: shortYear + 1,
          metric: 'sales',
          name: 'x',
          companyTarget: { target: -5 },
        }),
      400,
      'body.companyTarget.target',
    ],
    [
      'a negative target typed on a line',
      () => vp.send('PATCH', `/api/v1/targets/lines/${team.id}`, { target: -1, version: team.version }),
      400,
      'body.target',
    ],
    [
      'a stretch below the target on a line',
      () => vp.send('PATCH', `/api/v1/targets/lines/${team.id}`, { stretch: 1, version: team.version }),
      400,
      'body.stretch',
    ],
    [
      'a week outside the year',
      () => splitLine(vp, company(), { by: 'period', periods: [`${shortYear}-W53`], method: 'equal' }),
      400,
      'body.periods.0',
    ],
    [
      'a period of another year',
      () => splitLine(vp, company(), { by: 'period', periods: [`${shortYear + 1}-01`], method: 'equal' }),
      400,
      'body.periods.0',
    ],
    [
      'a person twice in one team',
      () => splitLine(vp, team, { by: 'people', employeeIds: [emp('rep1'), emp('rep1')], method: 'equal' }),
      400,
      'body.employeeIds.1',
    ],
    [
      'a person of another team',
      () => splitLine(vp, team, { by: 'people', employeeIds: [emp('rep4')], method: 'equal' }),
      400,
      'body.employeeIds.0',
    ],
    [
      'a unit that is not below',
      () => splitLine(vp, team, { by: 'units', unitIds: [unit('XS-S1')], method: 'equal' }),
      400,
      'body.unitIds.0',
    ],
    [
      'units above one another',
      () =>
        splitLine(vp, company(), { by: 'units', unitIds: [unit('XS-E'), unit('XS-E1')], method: 'equal' }),
      400,
      'body.unitIds.1',
    ],
    [
      'a stretch below the company target',
      () =>
        vp.send('POST', '/api/v1/targets/plans', {
          fiscalYear: shortYear + 1,
          metric: 'sales',
          name: 'x',
          companyTarget: { target: 10, stretch: 5 },
        }),
      400,
      'body.companyTarget.stretch',
    ],
    [
      'a year into years',
      () => splitLine(vp, company(), { by: 'period', grain: 'year', method: 'equal' }),
      400,
      'body.grain',
    ],
    [
      'a metric with no data source',
      () =>
        vp.send('POST', '/api/v1/targets/plans', {
          fiscalYear: shortYear,
          metric: 'category_sales',
          category: '不存在的品类',
          name: 'x',
          companyTarget: { target: 1 },
        }),
      400,
      'body.category',
    ],
    [
      'category sales without a category',
      () =>
        vp.send('POST', '/api/v1/targets/plans', {
          fiscalYear: shortYear,
          metric: 'category_sales',
          name: 'x',
          companyTarget: { target: 1 },
        }),
      400,
      'body.category',
    ],
    [
      'a stale version',
      () => splitLine(vp, { id: company().id, version: company().version + 5 }, monthly({ method: 'equal' })),
      409,
      'params.id',
    ],
  ])('%s', async (_name, request, status, path) => {
    const before = await countRows();
    const res = await request();
    if (status === 409) expectError(res, 409, 'conflict');
    else expectError(res, status, 'validation', path);
    expect(await countRows()).toEqual(before);
    // The draft is as it was: one split, company → 华东一组.
    expect((await getPlan(draft.id)).lines.map((l) => l.target)).toEqual([1_000_000, 1_000_000]);
  });
});

// ---- market sizes (市场容量) ------------------------------------------------------------------------------

describe('market sizes', () => {
  it('are entered once per year, region and category by planners, and read by everyone', async () => {
    const body = {
      year: THIS_YEAR,
      region: '华东',
      category: '纸品',
      marketSizeFen: 500_000_000,
      outletCount: 1200,
    };
    const created = await json<{ id: number; version: number }>(
      vp.send('POST', '/api/v1/market-sizes', body),
      201,
    );
    expectError(await vp.send('POST', '/api/v1/market-sizes', body), 409, 'conflict', 'body.region');
    expectError(
      await rep1.send('POST', '/api/v1/market-sizes', { ...body, region: '华北' }),
      403,
      'forbidden',
    );
    expectError(
      await vp.send('POST', '/api/v1/market-sizes', { ...body, region: '华北', marketSizeFen: -1 }),
      400,
      'validation',
      'body.marketSizeFen',
    );
    const list = await json<{ items: { id: number }[] }>(
      rep1.get(`/api/v1/market-sizes?region=${encodeURIComponent('华东')}`),
    );
    expect(list.items.map((m) => m.id)).toEqual([created.id]);
    const changed = await json<{ outletCount: number; version: number }>(
      manager1.send('PATCH', `/api/v1/market-sizes/${created.id}`, {
        outletCount: 1300,
        version: created.version,
      }),
    );
    expect(changed).toMatchObject({ outletCount: 1300, version: 2 });
    expectError(
      await vp.send('PATCH', `/api/v1/market-sizes/${created.id}`, {
        outletCount: 1,
        version: created.version,
      }),
      409,
      'conflict',
    );
    expect((await vp.send('DELETE', `/api/v1/market-sizes/${created.id}`)).statusCode).toBe(204);
    expect((await json<{ total: number }>(vp.get('/api/v1/market-sizes'))).total).toBe(0);
  });
});
