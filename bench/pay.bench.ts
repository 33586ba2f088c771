// Figures for pay (issue 5, "Figures"): a pay run for 2,000 people with 1,000,000 ledger lines in the month,
// next to ONE SQL pass that sums each person's sales for the month over order_lines, and the memory the
// run needs. In-process: the server's own pay-run service on a fresh database (BENCH_DATABASE_URL, or
// PGlite in a temporary folder). Printed, never asserted.
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { monthBounds, monthOf, previousMonth } from '@zuzhang/domain';
import { openDatabase, type Database, type Db } from '../packages/server/src/platform/db/db.ts';
import { loadActor } from '../packages/server/src/platform/access/actor.ts';
import { users } from '../packages/server/src/modules/auth/auth.table.ts';
import { seedDemo } from '../packages/server/src/modules/demo/demo-seed.ts';
import { rebuildRollups } from '../packages/server/src/modules/sales-rollups/rollups.service.ts';
import { seedDemoPayPlans } from '../packages/server/src/modules/pay/demo-pay.ts';
import { createPayRun, rerunPayRun } from '../packages/server/src/modules/pay/pay-runs.service.ts';
import { createStorage, median, type Benchmark, type Figure, type Settings } from './support.ts';

const PEOPLE = 2_000;
/** BENCH_SCALE (default 1) scales the ledger lines, e.g. 0.01 for a quick check of the bench itself. */
const LINES = Math.round((Number(process.env.BENCH_SCALE || 1) * 1_000_000) / 5) * 5;
const LINES_PER_ORDER = 5;
/** One in ten is a group leader paid by the deputy supervisor plan (PREV over two earlier months). */
const DEPUTY_EVERY = 10;

function log(message: string): void {
  console.log(`  ${message}`);
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

async function timed(label: string, work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

async function run(db: Db, query: ReturnType<typeof sql>) {
  return (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
}

/**
 * 2,000 people on the demo's rep and group-leader seats, one customer each, and 1,000,000 order lines in
 * `period` (200,000 orders of five lines) owned by them; then the roll-ups rebuilt from the ledger exactly
 * as after a bulk load, person and team targets for the month, and the demo's pay plans.
 */
async function generate(db: Db, companyId: number, period: string): Promise<void> {
  const { from } = monthBounds(period);
  const days = Number(monthBounds(period).to.slice(8, 10));
  await timed('people and seats', async () => {
    await run(
      db,
      sql`insert into employees (company_id, name, mobile, hire_date, status)
          select ${companyId}, '员工' || g, '1' || lpad((350000000 + g)::text, 10, '0'), '2024-01-02', 'active'
            from generate_series(1, ${PEOPLE}) g`,
    );
    await run(
      db,
      sql`create table bench_people as
          select (row_number() over (order by e.id) - 1)::int as n, e.id as employee_id
            from employees e where e.company_id = ${companyId} and e.name like '员工%'`,
    );
    await run(
      db,
      sql`insert into assignments (company_id, employee_id, position_id, kind, start_date)
          select ${companyId}, b.employee_id, p.id, 'primary', '2024-01-02'
            from bench_people b
            join positions p on p.company_id = ${companyId} and p.code = case
              when b.n % ${DEPUTY_EVERY} = 0 then (array['XS-GL-E', 'XS-GL-S'])[1 + (b.n / ${DEPUTY_EVERY}) % 2]
              else (array['XS-REP-E1', 'XS-REP-E2', 'XS-REP-S1'])[1 + b.n % 3] end`,
    );
  });
  await timed('customers and a product', async () => {
    await run(
      db,
      sql`insert into products (company_id, code, name, category, unit, list_price_fen, tax_rate_bp, discount_floor_bp)
          values (${companyId}, 'PAY-BENCH', '测试货品', '包装材料', '个', 1000, 1300, 9000)`,
    );
    await run(
      db,
      sql`insert into customers (company_id, name, kind, category, level, source, owner_employee_id, mobile,
            vetting_status, last_activity_on)
          select ${companyId}, '薪资测试客户' || b.n, 'company', 'end_customer', 'B', 'visit', b.employee_id,
                 '1' || lpad((360000000 + b.n)::text, 10, '0'), 'approved', ${from}::date
            from bench_people b`,
    );
  });
  const orders = LINES / LINES_PER_ORDER;
  await timed(`${orders.toLocaleString('en-US')} orders`, () =>
    run(
      db,
      sql`insert into orders (company_id, no, customer_id, owner_employee_id, unit_id, order_date, status,
            total_fen, tax_fen, due_on, note)
          select ${companyId}, 'PB' || lpad(g::text, 8, '0'), c.id, c.owner_employee_id, p.unit_id,
                 ${from}::date + (g % ${days}), 'confirmed', 0, 0, ${from}::date + 40, 'bench'
            from generate_series(0, ${orders - 1}) g
            join bench_people b on b.n = g % ${PEOPLE}
            join customers c on c.company_id = ${companyId} and c.owner_employee_id = b.employee_id
            join assignments a on a.employee_id = b.employee_id and a.kind = 'primary'
            join positions p on p.id = a.position_id`,
    ),
  );
  await timed(`${LINES.toLocaleString('en-US')} order lines`, async () => {
    await run(
      db,
      sql`insert into order_lines (company_id, order_id, line_no, product_id, quantity, unit_price_fen,
            discount_bp, tax_rate_bp, amount_fen, tax_fen, promised_on, shipped_quantity)
          select ${companyId}, o.id, k, pr.id, q, 1000, 0, 1300, q * 1000, round(q * 1000 * 1300 / 11300.0),
                 o.order_date + 10, 0
            from orders o
            cross join generate_series(1, ${LINES_PER_ORDER}) k
            cross join lateral (select 1 + (o.id * 7 + k * 13) % 40 as q) x
            join products pr on pr.company_id = ${companyId} and pr.code = 'PAY-BENCH'
           where o.company_id = ${companyId} and o.note = 'bench'`,
    );
    await run(
      db,
      sql`update orders o set total_fen = s.amount, tax_fen = s.tax
            from (select order_id, sum(amount_fen) as amount, sum(tax_fen) as tax from order_lines
                   where company_id = ${companyId} group by order_id) s
           where s.order_id = o.id`,
    );
  });
  await timed('roll-ups rebuilt from the ledger', () => rebuildRollups(db, companyId));
  await timed('targets, plans, statistics', async () => {
    const [plan] = (
      await run(
        db,
        sql`insert into target_plans (company_id, fiscal_year, metric, name, status)
            values (${companyId}, ${Number(period.slice(0, 4))}, 'sales', '薪资测评目标', 'published') returning id`,
      )
    ).rows;
    const planId = Number(plan!.id);
    const { to } = monthBounds(period);
    const targetLine = (owner: ReturnType<typeof sql>) =>
      run(
        db,
        sql`insert into target_lines (company_id, plan_id, owner_kind, unit_id, employee_id, period, grain,
              period_start, period_end, target, stretch, challenge)
            select ${companyId}, ${planId}, x.kind, x.unit_id, x.employee_id, ${period}, 'month',
                   ${from}::date, ${to}::date, x.target, x.target, x.target
              from (${owner}) x`,
      );
    await targetLine(
      sql`select 'employee' as kind, p.unit_id, b.employee_id, (1500000 + (b.n * 7919) % 2000000)::bigint as target
            from bench_people b
            join assignments a on a.employee_id = b.employee_id and a.kind = 'primary'
            join positions p on p.id = a.position_id`,
    );
    await targetLine(
      sql`select 'unit' as kind, u.id as unit_id, null::int as employee_id, 1000000000::bigint as target
            from units u where u.company_id = ${companyId} and u.code in ('XS-E', 'XS-S', 'XS-E1', 'XS-E2', 'XS-S1')`,
    );
    await seedDemoPayPlans(db, companyId, { effectiveFrom: '2025-01-01' });
    // A plain table, not a temporary one: the pool may run each statement on another connection.
    await run(db, sql`drop table bench_people`);
    await run(db, sql`analyze`);
  });
}

function mb(bytes: number): number {
  return bytes / 2 ** 20;
}

/** RSS during `work`, sampled every 5 ms: the highest seen. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function measure(settings: Settings): Promise<Figure[]> {
  const storage = await createStorage(settings);
  const database: Database = await openDatabase({
    databaseUrl: storage.url,
    dataDir: storage.env.DATA_DIR ?? '',
  });
  try {
    const db = database.db;
    const today = todayInShanghai();
    const period = previousMonth(monthOf(today));
    await database.migrate();
    const { companyId } = await seedDemo(db, today);
    log(
      `${database.engine}: ${PEOPLE.toLocaleString('en-US')} people, ${LINES.toLocaleString('en-US')} lines in ${period}`,
    );
    await generate(db, companyId, period);

    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    const actor = await loadActor(db, admin!, 'cookie');
    const { from, to } = monthBounds(period);
    const sqlPass = () =>
      run(
        db,
        sql`select o.owner_employee_id, sum(l.amount_fen)::bigint as sales
              from orders o join order_lines l on l.order_id = o.id
             where o.company_id = ${companyId} and o.order_date between ${from} and ${to}
               and o.status in ('confirmed', 'partially_shipped', 'shipped', 'completed')
             group by o.owner_employee_id`,
      );
    const sqlTimes: number[] = [];
    const runTimes: number[] = [];
    const rssDeltas: number[] = [];
    const heapDeltas: number[] = [];
    let people = 0;
    let latest: number | null = null;
    await sqlPass(); // warm the cache for both sides alike
    for (let i = 0; i < settings.runs; i++) {
      let started = performance.now();
      const rows = (await sqlPass()).rows.length;
      sqlTimes.push(performance.now() - started);
      global.gc?.();
      const before = process.memoryUsage();
      started = performance.now();
      const { result, peak } = await peakRss(() =>
        latest === null
          ? createPayRun(db, actor, { period }, 'zh-CN')
          : rerunPayRun(db, actor, latest, {}, 'zh-CN'),
      );
      runTimes.push(performance.now() - started);
      const after = process.memoryUsage();
      rssDeltas.push(mb(peak - before.rss));
      heapDeltas.push(mb(after.heapUsed - before.heapUsed));
      latest = result.id;
      people = result.statements.length;
      log(
        `run ${i + 1}: pay run ${(runTimes.at(-1)! / 1000).toFixed(2)} s for ${people} statements; SQL pass ` +
          `${sqlTimes.at(-1)!.toFixed(0)} ms over ${rows} people; peak RSS +${rssDeltas.at(-1)!.toFixed(0)} MB`,
      );
    }
    const sqlMs = median(sqlTimes);
    const runMs = median(runTimes);
    return [
      {
        id: 'pay-run',
        label: `Pay run, ${people.toLocaleString('en-US')} people (compute + store statements), median of ${settings.runs}`,
        unit: 'ms',
        value: runMs,
        baseline: { label: 'one SQL pass summing sales per person', value: sqlMs },
        goal: { max: 3 * sqlMs, text: '≤ 3× the SQL pass' },
        samples: runTimes,
        note: `${LINES.toLocaleString('en-US')} order lines in ${period}; ${database.engine}; the run reads roll-ups, never the lines`,
      },
      {
        id: 'pay-run-rss',
        label: 'Memory of the pay run (peak RSS above the start)',
        unit: 'MB',
        value: median(rssDeltas),
        baseline: { label: 'RSS before the run', value: mb(process.memoryUsage.rss()) },
        samples: rssDeltas,
        note:
          `heap used after the run − before: ${median(heapDeltas).toFixed(0)} MB (median)` +
          (database.engine === 'pglite' ? '; with PGlite the database itself lives in this process' : ''),
      },
    ];
  } finally {
    await database.close();
    await storage.drop();
  }
}

export const pay: Benchmark = { name: 'pay', run: measure };
