import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/test-db.ts';
import type { Database, Db } from '../../platform/db/db.ts';
import { seedDemoCompany } from './demo-seed.ts';
import { snapshotRollups } from '../sales-rollups/rollups.service.ts';
import { staleOpenAmounts } from '../receivables/open-amount.ts';

/**
 * The demo company as `npm start` seeds it. Its published sales plan (issue 4): every split adds up to the fen, every person of every
 * team has a target for every month, this month is split into weeks, and the roll-ups the dashboards read
 * equal the ledger they were built from.
 */
const TODAY = '2026-11-27';
let database: Database;
let db: Db;
let companyId: number;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  companyId = (await seedDemoCompany(db, TODAY)).companyId;
}, 180_000);
afterAll(() => database.close());

describe('demo sales targets', () => {
  it('publishes this year and keeps next year in draft', async () => {
    const plans = await rows<{ fiscal_year: number; status: string }>(
      sql`select fiscal_year, status from target_plans where company_id = ${companyId} order by fiscal_year`,
    );
    expect(plans).toEqual([
      { fiscal_year: 2026, status: 'published' },
      { fiscal_year: 2027, status: 'draft' },
    ]);
  });

  it('splits every line into children that add up exactly, in every tier', async () => {
    const gaps = await rows<{ id: number }>(sql`
      select p.id from target_lines p join target_lines c on c.parent_line_id = p.id
       where p.company_id = ${companyId}
       group by p.id, p.target, p.stretch, p.challenge
      having sum(c.target) <> p.target or sum(c.stretch) <> p.stretch or sum(c.challenge) <> p.challenge`);
    expect(gaps).toEqual([]);
    const [counts] = await rows<{ lines: number; weeks: number; people: number }>(sql`
      select count(*)::int as lines,
             count(*) filter (where grain = 'week')::int as weeks,
             count(distinct employee_id)::int as people
        from target_lines where company_id = ${companyId}`);
    expect(counts!.weeks).toBeGreaterThan(0);
    const [reps] = await rows<{ n: number }>(sql`
      select count(distinct a.employee_id)::int as n from assignments a
        join positions p on p.id = a.position_id join units u on u.id = p.unit_id
       where a.company_id = ${companyId} and u.kind = 'team' and a.kind = 'primary' and a.end_date is null`);
    expect(counts!.people).toBe(reps!.n);
  });

  it('gives each person twelve monthly targets, stretch and challenge above the target', async () => {
    const people = await rows<{ months: number; bad: number }>(sql`
      select count(*)::int as months,
             count(*) filter (where not (stretch >= target and challenge >= stretch))::int as bad
        from target_lines
       where company_id = ${companyId} and owner_kind = 'employee' and grain = 'month'
       group by employee_id`);
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect(p).toEqual({ months: 12, bad: 0 });
  });

  it('builds roll-ups equal to the ledger', async () => {
    const stored = await snapshotRollups(db, companyId, 'stored');
    const ledger = await snapshotRollups(db, companyId, 'ledger');
    expect(stored.sales.length).toBeGreaterThan(0);
    expect(stored).toEqual(ledger);
  });

  it("keeps every order's open amount equal to its documents", async () => {
    const open = await rows<{ n: number }>(sql`select count(*)::int as n from orders where open_fen > 0`);
    expect(open[0]!.n).toBeGreaterThan(0);
    expect(await staleOpenAmounts(db, companyId)).toEqual([]);
  });
});

describe('demo pay', () => {
  it("approves last month's pay run, statements adding up line by line and to the run", async () => {
    const runs = await rows<{ id: number; period: string; status: string; total_fen: number }>(
      sql`select id, period, status, total_fen from pay_runs where company_id = ${companyId}`,
    );
    expect(runs.map((r) => [r.period, r.status])).toEqual([['2026-10', 'approved']]);
    const statements = await rows<{ total_fen: number; lines: { amountFen: number }[] }>(
      sql`select total_fen, lines from pay_statements where run_id = ${runs[0]!.id}`,
    );
    expect(statements.length).toBeGreaterThan(5);
    for (const s of statements) {
      expect(s.lines.reduce((sum, l) => sum + l.amountFen, 0)).toBe(Number(s.total_fen));
    }
    expect(statements.reduce((sum, s) => sum + Number(s.total_fen), 0)).toBe(Number(runs[0]!.total_fen));
  });
});
