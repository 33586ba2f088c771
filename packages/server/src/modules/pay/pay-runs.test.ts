import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, signInAll } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { seedDemoPayPlans } from './demo-pay.ts';
import { STATEMENT_SLICE } from './pay-compute.ts';
import { countRows } from './test-factories.ts';

/**
 * A run of more people than one slice: the statements are computed and stored a slice at a time (the
 * database stores one while the next is computed, pay-compute.ts), so a run of several slices must store
 * every statement exactly once with its lines adding up, and a person failing in the last slice must leave
 * nothing stored at all.
 */

const PERIOD = '2026-03';
const EXTRA = 2 * STATEMENT_SLICE + 37;

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let extra: number[];

interface Line {
  amountFen: number;
  explanation: { 'zh-CN': string; 'en-US': string };
}
interface Run {
  id: number;
  totalFen: number;
  statements: { id: number; employeeId: number; totalFen: number }[];
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  ids = await loadDemoIds(db);
  const { companyId } = ids;
  await seedDemoPayPlans(db, companyId, { effectiveFrom: '2025-01-01' });
  [vp] = await signInAll(t.app, ['vp']);
  // EXTRA reps on the 华东一组 rep seat, each with their own sales for the month (n × ¥100).
  const rows = (await db.execute(sql`
    with hired as (
      insert into employees (company_id, name, mobile, hire_date, status)
      select ${companyId}, '批量代表' || g, '1' || lpad((390000000 + g)::text, 10, '0'), '2025-06-02', 'active'
        from generate_series(1, ${EXTRA}) g
      returning id)
    insert into assignments (company_id, employee_id, position_id, kind, start_date)
    select ${companyId}, h.id, ${idOf(ids.position, 'XS-REP-E1')}, 'primary', '2025-06-02' from hired h
    returning employee_id`)) as unknown as { rows: { employee_id: number }[] };
  extra = rows.rows.map((r) => Number(r.employee_id)).sort((a, b) => a - b);
  // The month's sales roll-up of each, as the ledger keeps it (test-factories.ts addRollup, set-wise).
  await db.execute(sql`
    insert into sales_rollups (company_id, metric, grain, period_start, employee_id, unit_id, category, amount)
    select ${companyId}, 'sales', 'month', ${`${PERIOD}-01`}, x.id, ${idOf(ids.unit, 'XS-E1')}, '', x.n * 10000
      from unnest(${`{${extra.join(',')}}`}::int[]) with ordinality as x(id, n)`);
});
afterAll(() => t.close());

describe('a run of several slices', () => {
  it('refuses the whole run when a person of the last slice cannot be paid, and stores nothing', async () => {
    const db = t.database.db;
    const [runs, statements] = [await countRows(db, 'pay_runs'), await countRows(db, 'pay_statements')];
    const last = extra.at(-1)!;
    const err = expectError(
      await vp.send('POST', '/api/v1/pay/runs', {
        period: PERIOD,
        unitId: idOf(ids.unit, 'XS-E1'),
        inputs: [{ employeeId: last, figures: { personal_sales: 'a lot' } }],
      }),
      422,
      'business_rule',
    );
    expect(err.details.map((d) => d.path)).toEqual([`people.${last}.figures.personal_sales`]);
    expect(await countRows(db, 'pay_runs')).toBe(runs);
    expect(await countRows(db, 'pay_statements')).toBe(statements);
  });

  it('stores every statement once, each adding up, the run total their sum', async () => {
    const res = await vp.send('POST', '/api/v1/pay/runs', {
      period: PERIOD,
      unitId: idOf(ids.unit, 'XS-E1'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json<Run>();
    const people = run.statements.map((s) => s.employeeId);
    expect(new Set(people).size).toBe(people.length);
    expect(people).toEqual(expect.arrayContaining(extra));
    expect(run.totalFen).toBe(run.statements.reduce((sum, s) => sum + s.totalFen, 0));

    const stored = (await t.database.db.execute(
      sql`select employee_id, total_fen, lines from pay_statements where run_id = ${run.id}`,
    )) as unknown as { rows: { employee_id: number; total_fen: number; lines: Line[] }[] };
    expect(stored.rows).toHaveLength(people.length);
    for (const row of stored.rows) {
      expect(Number(row.total_fen)).toBe(row.lines.reduce((sum, l) => sum + l.amountFen, 0));
    }
    // Base pay ¥2,500 and 3% of the person's sales: the n-th of them sold n × ¥100, so is paid n × ¥3 more.
    for (const [n, employeeId] of extra.entries()) {
      const statement = run.statements.find((s) => s.employeeId === employeeId)!;
      expect(statement.totalFen, `person ${n + 1}`).toBe(250_000 + (n + 1) * 300);
    }
    const lastLines = stored.rows.find((r) => Number(r.employee_id) === extra.at(-1))!.lines;
    expect(lastLines[1]!.explanation['en-US']).toBe(
      `Personal sales ¥${(EXTRA * 100).toLocaleString('en-US')}.00 × Commission rate 3% → Sales commission ¥${EXTRA * 3}.00`,
    );
  });
});
