import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { DEPUTY_SUPERVISOR_PAY_PLAN } from '@zuzhang/domain';
import { PayCliError, simulateFromFiles } from '../../cli/pay.ts';

/** `zuzhang pay simulate PLAN FIGURES`: the seed's deputy supervisor plan from temporary files. */

const dir = mkdtempSync(path.join(os.tmpdir(), 'zuzhang-pay-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown, yaml = false): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml ? toYaml(content) : JSON.stringify(content));
  return file;
}

const PEOPLE = [
  {
    name: '陈静',
    periods: [
      {
        period: '2026-11',
        figures: {
          personal_sales: 1_000_000,
          personal_attainment: '103.2%',
          team_attainment: 1.032,
          mentee_probation_sales: 200_000,
          incident_count: 1,
        },
      },
    ],
  },
];

describe('zuzhang pay simulate', () => {
  it.each([
    ['JSON', false],
    ['YAML', true],
  ])('prints the statements as a table with Chinese labels from %s files', async (_kind, yaml) => {
    const plan = write(`plan-${yaml}.${yaml ? 'yaml' : 'json'}`, DEPUTY_SUPERVISOR_PAY_PLAN, yaml);
    const figures = write(`figures-${yaml}.${yaml ? 'yaml' : 'json'}`, { people: PEOPLE }, yaml);
    const text = await simulateFromFiles(plan, figures);
    expect(text).toContain('陈静  2026-11');
    expect(text).toMatch(/基本工资\s+3,200\.00/);
    expect(text).toMatch(/个人提成\s+300\.00/);
    expect(text).toContain('组达成率 103.2% ≥ 100% → 组业绩达标奖 ¥500.00');
    expect(text).toMatch(/违规罚款\s+-100\.00/);
    // 3,200 + 300 commission + 20 mentoring + 500 bonus − 100 fine
    expect(text).toMatch(/合计\s+3,920\.00/);
    expect(text).toContain('(未适用) 基本工资上调');
  });

  it('prints JSON with --json: statements whose lines add up to the total', async () => {
    const out = await simulateFromFiles(
      write('p.json', DEPUTY_SUPERVISOR_PAY_PLAN),
      write('f.json', PEOPLE),
      {
        json: true,
      },
    );
    const result = JSON.parse(out) as {
      totalFen: number;
      people: { statements: { totalFen: number; lines: { amountFen: number }[] }[] }[];
    };
    const [statement] = result.people[0]!.statements;
    expect(statement!.totalFen).toBe(392_000);
    expect(statement!.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(statement!.totalFen);
    expect(result.totalFen).toBe(392_000);
  });

  it('a bad formula names the component, the position and what is allowed', async () => {
    const bad = structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN);
    bad.components[1]!.formula = 'personal_sales * rate';
    const error = await simulateFromFiles(write('bad.json', bad), write('f2.json', PEOPLE)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PayCliError);
    const message = (error as Error).message;
    expect(message).toContain('components.1.formula');
    expect(message).toContain('组件“commission”公式第 18 个字符处');
    expect(message).toContain('未知名称“rate”');
    expect(message).toContain('commission_rate');
  });

  it('a missing figure names the person and the figure', async () => {
    const people = structuredClone(PEOPLE);
    delete (people[0]!.periods[0]!.figures as Record<string, unknown>).incident_count;
    const error = await simulateFromFiles(
      write('p3.json', DEPUTY_SUPERVISOR_PAY_PLAN),
      write('f3.json', people),
      {
        locale: 'en-US',
      },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('people.0.periods.0.figures.incident_count');
    expect((error as Error).message).toContain('The figure "incident_count" is missing');
  });

  it('exits with code 1 on a bad plan, saying why', async () => {
    const bad = structuredClone(DEPUTY_SUPERVISOR_PAY_PLAN);
    bad.components[0]!.formula = 'base_pay +';
    const root = path.resolve(import.meta.dirname, '../../../../..');
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/server/src/cli/main.ts',
        'pay',
        'simulate',
        write('bad2.json', bad),
        write('f4.json', PEOPLE),
      ],
      { cwd: root },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('组件“base”公式');
  }, 60_000);
});

describe('the example files in docs/examples', () => {
  const examples = path.resolve(import.meta.dirname, '../../../../../docs/examples');
  it('are the seed plan and simulate to the amounts the docs show', async () => {
    const out = await simulateFromFiles(
      path.join(examples, 'deputy-supervisor-plan.yaml'),
      path.join(examples, 'deputy-supervisor-figures.yaml'),
      { json: true },
    );
    const result = JSON.parse(out) as { people: { statements: { totalFen: number }[] }[] };
    // August: every bonus; September: a fine; October: both base-pay cuts of the seed's penalty rules.
    expect(result.people[0]!.statements.map((s) => s.totalFen)).toEqual([790_000, 575_000, 590_000]);
  });
});
