import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DEPUTY_SUPERVISOR_PAY_PLAN } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, signInAll } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { findChromium } from '../job-descriptions/jd-pdf.ts';
import { seedDemoPayPlans } from './demo-pay.ts';
import { addIncident, addMentee, addRollup, addTarget, countRows } from './test-factories.ts';

/**
 * The seed's deputy supervisor plan (销售部副主管薪资待遇) through a real pay run: figures from the roll-ups,
 * targets, incidents and a mentee; lines that add up with their explanations; who sees which statement;
 * approval by someone else, a locked run that never changes, a re-run after late data and its difference;
 * simulations and what-ifs that save nothing. Each rule's thresholds are the domain's tests (plan.test.ts).
 */

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let director: Session;
let group1: Session;
let rep1: Session;
let rep2: Session;
let companyId: number;

const M1 = '2026-04';
const M2 = '2026-05';
const RUN = '2026-06';

interface Line {
  componentKey: string;
  amountFen: number;
  explanation: { 'zh-CN': string; 'en-US': string };
  inputs: { name: string; source: string; value: number | null; periodsBack: number }[];
  formula: string;
}
interface Statement {
  id: number;
  employeeId: number;
  employeeName: string;
  totalFen: number;
  lines: Line[];
  skipped: { componentKey: string }[];
  figures: Record<string, { value: number | string; source: string; detail: string }>;
}
interface Run {
  id: number;
  status: string;
  version: number;
  totalFen: number;
  previousRunId: number | null;
  statements: { id: number; employeeId: number; totalFen: number }[];
}

let run: Run;
const statementOf = (r: Run, person: string) =>
  r.statements.find((s) => s.employeeId === idOf(ids.employee, person))!;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  ids = await loadDemoIds(db);
  companyId = ids.companyId;
  await seedDemoPayPlans(db, companyId, { effectiveFrom: '2025-01-01' });
  [vp, director, group1, rep1, rep2] = await signInAll(t.app, ['vp', 'director', 'group1', 'rep1', 'rep2']);

  const g1 = idOf(ids.employee, 'group1');
  const east = idOf(ids.unit, 'XS-E');
  const east1 = idOf(ids.unit, 'XS-E1');
  // April: 160% of target (¥16,000 of ¥10,000). May: 70% (¥7,000), below 80% of April's ¥16,000.
  for (const [period, sales] of [
    [M1, 1_600_000],
    [M2, 700_000],
  ] as const) {
    await addRollup(db, { companyId, metric: 'sales', employeeId: g1, unitId: east, amount: sales, period });
    await addTarget(db, { companyId, period, target: 1_000_000, employeeId: g1, unitId: east });
  }
  // June: ¥15,000 booked (¥14,000 net of ¥1,000 returned) = 150% of ¥10,000; the team (华东区 and below)
  // ¥61,920 of ¥60,000 = 103.2%.
  await addRollup(db, {
    companyId,
    metric: 'sales',
    employeeId: g1,
    unitId: east,
    amount: 1_400_000,
    period: RUN,
  });
  await addRollup(db, {
    companyId,
    metric: 'returns',
    employeeId: g1,
    unitId: east,
    amount: 100_000,
    period: RUN,
  });
  await addRollup(db, {
    companyId,
    metric: 'sales',
    employeeId: idOf(ids.employee, 'rep1'),
    unitId: east1,
    amount: 4_692_000,
    period: RUN,
  });
  await addTarget(db, { companyId, period: RUN, target: 1_000_000, employeeId: g1, unitId: east });
  await addTarget(db, { companyId, period: RUN, target: 6_000_000, unitId: east });
  // A new hire mentored from 10 June: ¥2,000 sold on 15 June, within probation.
  const mentee = await addMentee(db, {
    companyId,
    mentorId: g1,
    hireDate: '2026-06-10',
    probationEnd: '2026-09-09',
  });
  await addRollup(db, {
    companyId,
    metric: 'sales',
    employeeId: mentee.id,
    unitId: east1,
    amount: 200_000,
    day: '2026-06-15',
  });
  // Two fines in June; a cancelled one does not count.
  await addIncident(db, { companyId, employeeId: g1, day: '2026-06-03' });
  await addIncident(db, { companyId, employeeId: g1, day: '2026-06-17' });
  await addIncident(db, { companyId, employeeId: g1, day: '2026-06-18', status: 'cancelled' });

  const res = await vp.send('POST', '/api/v1/pay/runs', { period: RUN, unitId: east });
  expect(res.statusCode, res.body).toBe(201);
  run = res.json<Run>();
});
afterAll(() => t.close());

describe('a pay run pays the seed deputy supervisor plan', () => {
  it('computes every rule from the real figures and the lines add up to the total', async () => {
    const s = (await vp.get(`/api/v1/pay/statements/${statementOf(run, 'group1').id}`)).json<Statement>();
    const amount = Object.fromEntries(s.lines.map((l) => [l.componentKey, l.amountFen]));
    expect(amount).toEqual({
      base: 320_000,
      commission: 45_000, // 3% of ¥15,000 booked
      mentoring: 2_000, // 1% of the mentee's ¥2,000
      team_bonus: 50_000, // team 103.2% ≥ 100%
      base_raise: 30_000, // personal 150% ≥ 150%
      base_demotion: -20_000, // May 70% < 80%: base down to the team lead's 3,000
      base_drop: -30_000, // April ≥ 150% and May < 80% of April
      incident_fines: -20_000, // two fines of 100
    });
    expect(s.totalFen).toBe(377_000);
    expect(s.lines.reduce((sum, l) => sum + l.amountFen, 0)).toBe(s.totalFen);
    expect(s.skipped).toEqual([]);
  });

  it('explains each line with its inputs, their sources and the formula', async () => {
    const s = (await vp.get(`/api/v1/pay/statements/${statementOf(run, 'group1').id}`)).json<Statement>();
    const line = (key: string) => s.lines.find((l) => l.componentKey === key)!;
    expect(line('team_bonus').explanation['zh-CN']).toBe('组达成率 103.2% ≥ 100% → 组业绩达标奖 ¥500.00');
    expect(line('team_bonus').explanation['en-US']).toContain('103.2%');
    expect(line('commission').inputs).toContainEqual(
      expect.objectContaining({ name: 'personal_sales', source: 'sales', value: 1_500_000, periodsBack: 0 }),
    );
    expect(line('base_demotion').explanation['zh-CN']).toContain('70%');
    expect(line('incident_fines').formula).toBe('-100 * incident_count');
    for (const l of s.lines) expect(l.explanation['zh-CN'].length).toBeGreaterThan(0);
    expect(s.figures.personal_sales).toEqual({ value: 1_500_000, source: 'sales', detail: 'sales_rollups' });
    expect(s.figures.team_sales).toMatchObject({ value: 6_192_000, detail: '华东区' });
    expect(s.figures.mentee_probation_sales).toMatchObject({ value: 200_000, source: 'mentoring' });
    expect(s.figures.incident_count).toMatchObject({ value: 2, source: 'incidents' });
  });

  it('pays the reps by their plan and the run total is the sum of the statements', async () => {
    const detail = (await vp.get(`/api/v1/pay/runs/${run.id}`)).json<Run>();
    // 华东区 and below: the group leader and the five reps hired by June (rep3 started in September).
    expect(detail.statements.map((s) => s.employeeId).sort()).toEqual(
      ['group1', 'rep1', 'rep2', 'rep4', 'rep5', 'rep6'].map((p) => idOf(ids.employee, p)).sort(),
    );
    expect(detail.totalFen).toBe(detail.statements.reduce((sum, s) => sum + s.totalFen, 0));
    expect(statementOf(detail, 'rep1').totalFen).toBe(250_000 + 140_760);
  });

  it('exports one row per person and one column per component for the payroll system', async () => {
    const res = await vp.get(`/api/v1/pay/runs/${run.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['基本工资', '个人提成', '组业绩达标奖', '违规罚款', '实发合计']),
    );
    const chen = rows.find((r) => r[1] === '陈静')!;
    expect(chen.at(-1)).toBe(3770);
  });
});

describe('who sees which statement', () => {
  it('an employee sees nothing before approval, then only their own', async () => {
    const own = statementOf(run, 'group1').id;
    expect((await group1.get('/api/v1/pay/statements/mine')).json().total).toBe(0);
    expectError(await group1.get(`/api/v1/pay/statements/${own}`), 404, 'not_found');

    // Four eyes: the VP computed the run, the director approves it.
    expectError(
      await vp.send('POST', `/api/v1/pay/runs/${run.id}/approve`, { version: run.version }),
      403,
      'forbidden',
    );
    const approved = await director.send('POST', `/api/v1/pay/runs/${run.id}/approve`, {
      version: run.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    run = approved.json<Run>();

    const mine = (await group1.get('/api/v1/pay/statements/mine')).json<{
      items: { id: number; totalFen: number }[];
    }>();
    expect(mine.items).toEqual([expect.objectContaining({ id: own, totalFen: 377_000 })]);
    expect((await group1.get(`/api/v1/pay/statements/${own}`)).statusCode).toBe(200);
    // A rep: their own, never someone else's (404, as if it did not exist).
    const repOwn = statementOf(run, 'rep1').id;
    expect((await rep1.get(`/api/v1/pay/statements/${repOwn}`)).statusCode).toBe(200);
    expectError(await rep1.get(`/api/v1/pay/statements/${own}`), 404, 'not_found');
    expectError(await rep2.get(`/api/v1/pay/statements/${repOwn}`), 404, 'not_found');
    expect(
      (await rep2.get('/api/v1/pay/statements/mine'))
        .json()
        .items.map((s: { employeeId: number }) => s.employeeId),
    ).toEqual([idOf(ids.employee, 'rep2')]);
    expectError(await rep1.get(`/api/v1/pay/runs/${run.id}`), 403, 'forbidden');
  });

  it('prints the pay slip as a PDF, or says what to install', async () => {
    const res = await group1.get(`/api/v1/pay/statements/${statementOf(run, 'group1').id}/pdf`);
    if (findChromium()) {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expectError(res, 503, 'unavailable');
    }
  });
});

describe('lock, re-run and difference', () => {
  it('a locked run never changes; a re-run after late data shows the difference line by line', async () => {
    const locked = await vp.send('POST', `/api/v1/pay/runs/${run.id}/lock`, { version: run.version });
    expect(locked.statusCode, locked.body).toBe(200);
    run = locked.json<Run>();
    expect(run.status).toBe('locked');
    for (const action of ['approve', 'lock']) {
      const err = expectError(
        await director.send('POST', `/api/v1/pay/runs/${run.id}/${action}`, { version: run.version }),
        422,
        'business_rule',
      );
      expect(err.message).toContain(`#${run.id}`);
    }
    expectError(
      await vp.send('POST', '/api/v1/pay/runs', { period: RUN, unitId: idOf(ids.unit, 'XS-E') }),
      409,
      'conflict',
    );

    // Late data: another fine for the group leader, ¥1,000 more sold by rep1.
    await addIncident(t.database.db, {
      companyId,
      employeeId: idOf(ids.employee, 'group1'),
      day: '2026-06-25',
    });
    await addRollup(t.database.db, {
      companyId,
      metric: 'sales',
      employeeId: idOf(ids.employee, 'rep1'),
      unitId: idOf(ids.unit, 'XS-E1'),
      amount: 100_000,
      period: RUN,
    });
    const rerun = await vp.send('POST', `/api/v1/pay/runs/${run.id}/rerun`, {});
    expect(rerun.statusCode, rerun.body).toBe(201);
    const next = rerun.json<Run>();
    expect(next).toMatchObject({ previousRunId: run.id, status: 'computed' });
    const old = (await vp.get(`/api/v1/pay/runs/${run.id}`)).json<Run>();
    expect(old).toMatchObject({ status: 'locked', totalFen: run.totalFen, replacedByRunId: next.id });
    expect(old.statements).toEqual(run.statements);

    const diff = (await vp.get(`/api/v1/pay/runs/${next.id}/diff`)).json<{
      diffFen: number;
      people: {
        employeeId: number;
        oldFen: number;
        newFen: number;
        diffFen: number;
        lines: { componentKey: string; oldFen: number; newFen: number; diffFen: number }[];
      }[];
    }>();
    const chen = diff.people.find((p) => p.employeeId === idOf(ids.employee, 'group1'))!;
    expect(chen).toMatchObject({ oldFen: 377_000, newFen: 367_000, diffFen: -10_000 });
    expect(chen.lines.find((l) => l.componentKey === 'incident_fines')).toMatchObject({
      oldFen: -20_000,
      newFen: -30_000,
      diffFen: -10_000,
    });
    const zhao = diff.people.find((p) => p.employeeId === idOf(ids.employee, 'rep1'))!;
    expect(zhao.lines.find((l) => l.componentKey === 'commission')!.diffFen).toBe(3_000);
    expect(diff.diffFen).toBe(-10_000 + 3_000);
    // The locked run is the one that was re-run; it cannot be re-run twice.
    expectError(await vp.send('POST', `/api/v1/pay/runs/${run.id}/rerun`, {}), 422, 'business_rule');
  });
});

describe('simulate and what-if save nothing', () => {
  const tables = ['pay_runs', 'pay_statements', 'pay_plans', 'audit_log'] as const;
  const counts = () => Promise.all(tables.map((name) => countRows(t.database.db, name)));

  it('simulate returns statements from the figures given', async () => {
    const before = await counts();
    const res = await vp.send('POST', '/api/v1/pay/simulate', {
      plan: DEPUTY_SUPERVISOR_PAY_PLAN,
      people: [
        {
          name: '陈静',
          periods: [
            {
              period: '2026-07',
              figures: {
                personal_sales: 1_000_000,
                personal_attainment: '103.2%',
                team_attainment: 1.05,
                mentee_probation_sales: 0,
                incident_count: 1,
              },
            },
          ],
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [statement] = res.json().people[0].statements as { lines: Line[]; totalFen: number }[];
    expect(statement!.totalFen).toBe(statement!.lines.reduce((s, l) => s + l.amountFen, 0));
    expect(statement!.totalFen).toBe(320_000 + 30_000 + 50_000 - 10_000);
    expect(await counts()).toEqual(before);
  });

  it('simulate names the component, the position in the formula and what is allowed', async () => {
    const plan = structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN);
    plan.components[1]!.formula = 'personal_sales * bonus_rate';
    const err = expectError(
      await vp.send('POST', '/api/v1/pay/simulate', {
        plan,
        people: [{ name: 'x', periods: [{ period: '2026-07', figures: {} }] }],
      }),
      400,
      'validation',
      'body.plan.components.1.formula',
    );
    const detail = err.details.find((d) => d.path === 'body.plan.components.1.formula')!;
    expect(detail.message).toContain('commission');
    expect(detail.message).toContain('第 18 个字符');
    expect(detail.message).toContain('bonus_rate');
    expect(detail.message).toContain('commission_rate');
  });

  it('what-if compares a draft with the plan in force, month by month, without saving', async () => {
    const draft = structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN);
    draft.name = '副主管方案（底薪3500试算）';
    draft.parameters![0]!.value = 3500;
    const before = await counts();
    const res = await vp.send('POST', '/api/v1/pay/what-if', {
      definition: draft,
      positionId: idOf(ids.position, 'XS-GL-E'),
      from: M2,
      to: RUN,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const chen = body.people.find(
      (p: { employeeId: number }) => p.employeeId === idOf(ids.employee, 'group1'),
    );
    // May: base +300. June: base +300, but the demotion to 3,000 now takes 500 instead of 200.
    expect(chen.periods.map((p: { period: string; diffFen: number }) => [p.period, p.diffFen])).toEqual([
      [M2, 30_000],
      [RUN, 0],
    ]);
    expect(chen.periods[1].currentFen).toBe(367_000);
    expect(body.diffFen).toBe(body.draftFen - body.currentFen);
    expect(await counts()).toEqual(before);
  });
});

describe('pay plans', () => {
  const deputySeat = () => idOf(ids.position, 'XS-GL-E');

  it('activating a draft with a bad formula is a 400 naming the component and the position; nothing saved', async () => {
    const definition = structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN);
    definition.effectiveFrom = '2030-01-01';
    definition.components[3]!.when = 'AND(team_attainment >= 100%, eval(1))';
    const draft = (
      await vp.send('POST', '/api/v1/pay/plans', { positionId: deputySeat(), definition })
    ).json();
    expect(draft.status).toBe('draft');
    const err = expectError(
      await vp.send('POST', `/api/v1/pay/plans/${draft.id}/activate`, { version: draft.version }),
      400,
      'validation',
      'body.definition.components.3.when',
    );
    expect(err.details[0]!.message).toMatch(/team_bonus.*eval.*IF, AND, OR/);
    expect((await vp.get(`/api/v1/pay/plans/${draft.id}`)).json()).toMatchObject({
      status: 'draft',
      version: 1,
    });

    const check = (await vp.send('POST', '/api/v1/pay/plans/validate', { definition })).json();
    expect(check.valid).toBe(false);
    expect(check.problems[0]).toMatchObject({
      path: 'definition.components.3.when',
      component: 'team_bonus',
      position: 29,
    });
  });

  it('a version whose dates overlap the active one is refused naming both; retiring the old one makes room', async () => {
    const definition = { ...structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN), effectiveFrom: '2027-01-01' };
    const draft = (
      await vp.send('POST', '/api/v1/pay/plans', { positionId: deputySeat(), definition })
    ).json();
    const err = expectError(
      await vp.send('POST', `/api/v1/pay/plans/${draft.id}/activate`, { version: draft.version }),
      422,
      'business_rule',
    );
    expect(err.message).toContain('2027-01-01');
    expect(err.message).toContain('2025-01-01');
    expect((await vp.get(`/api/v1/pay/plans/${draft.id}`)).json().status).toBe('draft');

    const list = (await vp.get(`/api/v1/pay/plans?positionId=${deputySeat()}&status=active`)).json();
    const active = list.items[0];
    const patch = await vp.send('PATCH', `/api/v1/pay/plans/${active.id}`, {
      version: active.version,
      definition,
    });
    expectError(patch, 422, 'business_rule');
    const retired = await vp.send('POST', `/api/v1/pay/plans/${active.id}/retire`, {
      version: active.version,
      effectiveTo: '2026-12-31',
    });
    expect(retired.json()).toMatchObject({ status: 'retired', effectiveTo: '2026-12-31' });
    const activated = await vp.send('POST', `/api/v1/pay/plans/${draft.id}/activate`, {
      version: draft.version,
    });
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json().versionNo).toBeGreaterThan(active.versionNo);
  });
});
