import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { DEPUTY_SUPERVISOR_SCORECARD, KPI_CODES } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, signInAll } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { scorecardTemplates } from './reviews.table.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let rep1: Session;
let manager1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, rep1, manager1] = await signInAll(t.app, ['vp', 'rep1', 'manager1']);
});
afterAll(() => t.close());

interface TemplateJson {
  id: number;
  name: string;
  positionName: string | null;
  status: string;
  lines: { code: string; label: string; kind: string; weight: number; rubric: unknown }[];
  bands: { grade: string; atLeast: number }[];
  version: number;
}

async function templateCount() {
  const [row] = await t.database.db.select({ n: count() }).from(scorecardTemplates);
  return Number(row!.n);
}

/** The seed's deputy supervisor scorecard as an API body (the library's curves). */
const deputyBody = (positionCode = 'XS-GL-E') => ({
  name: '销售部副主管绩效考核表',
  positionId: idOf(ids.position, positionCode),
  lines: DEPUTY_SUPERVISOR_SCORECARD.lines.map((l) => ({ code: l.code, weight: l.weight })),
});

describe('scorecard templates', () => {
  it('carries the seed’s deputy supervisor scorecard: weights add up to 100, labels in the caller’s language', async () => {
    const res = await vp.send('POST', '/api/v1/scorecards', deputyBody());
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json<TemplateJson>();
    expect(template.positionName).toBe('销售组组长（华东）');
    expect(template.lines.map((l) => [l.label, l.weight])).toEqual([
      ['团队（部门）销售完成率', 30],
      ['个人销售完成率', 25],
      ['处理客户问题', 5],
      ['产品与专业知识', 5],
      ['客户维护及微信、QQ 平台维护', 10],
      ['新员工指导与关注', 10],
      ['协调与管理能力', 10],
      ['出勤率', 5],
    ]);
    expect(template.bands.map((b) => `${b.grade}≥${b.atLeast}`)).toEqual(['A≥90', 'B≥80', 'C≥60', 'D≥0']);
    const en = await vp.get(`/api/v1/scorecards/${template.id}?lang=en-US`);
    expect(en.json<TemplateJson>().lines[0]!.label).toBe('Team (department) sales attainment');
    // A rep reads what they are rated on, rubric included.
    const read = (await rep1.get(`/api/v1/scorecards/${template.id}`)).json<TemplateJson>();
    expect(read.lines.find((l) => l.code === 'product_knowledge')!.rubric).toMatchObject({ min: 1, max: 5 });
  });

  it.each([
    [
      'one short',
      [
        { code: 'sales_attainment', weight: 60 },
        { code: 'teamwork', weight: 39 },
      ],
      '99',
    ],
    [
      'one over',
      [
        { code: 'sales_attainment', weight: 60 },
        { code: 'teamwork', weight: 41 },
      ],
      '101',
    ],
    [
      'in decimals',
      [
        { code: 'sales_attainment', weight: 60.5 },
        { code: 'teamwork', weight: 39.6 },
      ],
      '100.1',
    ],
  ])(
    'refuses weights that do not add up to 100 (%s): 400 naming body.lines and the sum, nothing saved',
    async (_, lines, sum) => {
      const before = await templateCount();
      const res = await vp.send('POST', '/api/v1/scorecards', { name: '不平衡', positionId: null, lines });
      const error = expectError(res, 400, 'validation', 'body.lines');
      expect(error.details.find((d) => d.path === 'body.lines')!.message).toBe(
        `各项权重合计为 ${sum}，应正好为 100`,
      );
      expect(await templateCount()).toBe(before);
    },
  );

  it('refuses an indicator that is not in the library: 400 naming body.lines.N.code, listing what is allowed', async () => {
    const res = await vp.send('POST', '/api/v1/scorecards', {
      name: '未知指标',
      positionId: null,
      lines: [
        { code: 'sales_attainment', weight: 50 },
        { code: 'karma', weight: 50 },
      ],
    });
    const error = expectError(res, 400, 'validation', 'body.lines.1.code');
    const message = error.details.find((d) => d.path === 'body.lines.1.code')!.message;
    expect(message).toContain('karma');
    for (const code of KPI_CODES) expect(message).toContain(code);
  });

  it.each([
    [{ kind: 'linear', target: 0 }, 'body.lines.0.curve.target'],
    [{ kind: 'linear', target: 1, cap: 120 }, 'body.lines.0.curve.cap'],
    [{ kind: 'thresholds', steps: [] }, 'body.lines.0.curve.steps'],
    [
      {
        kind: 'thresholds',
        steps: [
          { atLeast: 1, points: 100 },
          { atLeast: '0.8', points: 60 },
        ],
      },
      'body.lines.0.curve.steps.1.atLeast',
    ],
    [{ kind: 'rating', min: 1, max: 5 }, 'body.lines.0.curve.kind'],
  ])('refuses the curve %j: 400 naming %s', async (curve, path) => {
    const res = await vp.send('POST', '/api/v1/scorecards', {
      name: '曲线',
      positionId: null,
      lines: [
        { code: 'sales_attainment', weight: 50, curve },
        { code: 'teamwork', weight: 50 },
      ],
    });
    expectError(res, 400, 'validation', path);
  });

  it('refuses forced-distribution shares that do not add up to 1', async () => {
    const res = await vp.send('POST', '/api/v1/scorecards', {
      ...deputyBody('XS-GL-S'),
      distribution: { A: 0.2, B: 0.3, C: 0.3, D: 0.1 },
    });
    expectError(res, 400, 'validation', 'body.distribution');
  });

  it('a new template for a position retires the one in force; a used one is retired, an unused one deleted', async () => {
    const first = (await vp.send('POST', '/api/v1/scorecards', deputyBody('XS-GL-S'))).json<TemplateJson>();
    const second = (await vp.send('POST', '/api/v1/scorecards', deputyBody('XS-GL-S'))).json<TemplateJson>();
    expect((await vp.get(`/api/v1/scorecards/${first.id}`)).json<TemplateJson>().status).toBe('retired');
    expect(second.status).toBe('active');
    const active = await vp.get(
      `/api/v1/scorecards?positionId=${idOf(ids.position, 'XS-GL-S')}&status=active`,
    );
    expect(active.json<{ items: TemplateJson[] }>().items.map((x) => x.id)).toEqual([second.id]);

    expect((await vp.send('DELETE', `/api/v1/scorecards/${first.id}`)).statusCode).toBe(204);
    expectError(await vp.get(`/api/v1/scorecards/${first.id}`), 404, 'not_found');
  });

  it('changes with the version read; a stale version is a 409', async () => {
    const created = (
      await vp.send('POST', '/api/v1/scorecards', deputyBody('XS-TL-E2'))
    ).json<TemplateJson>();
    const renamed = await vp.send('PATCH', `/api/v1/scorecards/${created.id}`, {
      name: '组长考核表',
      lines: [
        { code: 'team_sales_attainment', weight: 70 },
        { code: 'management_coordination', weight: 30 },
      ],
      version: created.version,
    });
    expect(renamed.json<TemplateJson>()).toMatchObject({ name: '组长考核表', version: 2 });
    expectError(
      await vp.send('PATCH', `/api/v1/scorecards/${created.id}`, { name: 'x', version: created.version }),
      409,
      'conflict',
    );
    expectError(
      await vp.send('PATCH', `/api/v1/scorecards/${created.id}`, {
        lines: [{ code: 'teamwork', weight: 90 }],
        version: 2,
      }),
      400,
      'validation',
      'body.lines',
    );
  });

  it('only scorecard.manage writes templates', async () => {
    expectError(await manager1.send('POST', '/api/v1/scorecards', deputyBody()), 403, 'forbidden');
  });

  it('lists the KPI library: computed indicators with their source, rated ones with a rubric', async () => {
    const library = (await rep1.get('/api/v1/scorecards/library')).json<
      { code: string; kind: string; source: string | null; rubric: unknown }[]
    >();
    expect(library.map((k) => k.code)).toEqual([...KPI_CODES]);
    expect(library.find((k) => k.code === 'attendance_rate')).toMatchObject({
      kind: 'computed',
      source: 'attendance_rate',
      rubric: null,
    });
    expect(library.find((k) => k.code === 'teamwork')).toMatchObject({ kind: 'rated', source: null });
  });
});
