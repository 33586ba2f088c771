// Figures for customers and the sales ledger (issue 3, "Figures"): with a generated company of 100,000
// customers, 1,000,000 order lines and 300,000 receipts (BENCH_SCALE scales it), the customer list page
// (filtered, sorted, paged, scoped to a team lead) and the receivables ageing report, each at 20
// connections next to a raw SQL query returning the same rows on the same database, run by 20 `pg`
// clients. PostgreSQL only (BENCH_DATABASE_URL). Printed, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { SERVE_ARGS } from '../scripts/server-process.mjs';
import { generateLedgerData } from './ledger-data.ts';
import {
  baseEnv,
  createStorage,
  launch,
  loadTest,
  percentile,
  root,
  stop,
  timeToHealthy,
  withClient,
  type Benchmark,
  type Figure,
  type LoadResult,
  type Settings,
} from './support.ts';

const PASSWORD = 'zuzhang-demo';
const RECEIVABLE = ['confirmed', 'partially_shipped', 'shipped', 'completed'];

function log(message: string): void {
  console.log(`  ${message}`);
}

function readScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 10)
    throw new Error(`BENCH_SCALE must be a number above 0 and at most 10, not "${raw}"`);
  return value;
}

/** Today in the demo company's time zone: the day the server and the generated ledger agree on. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  }
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export async function getJson<T>(url: string, cookie: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A request that takes longer than this on an idle server is measured by count, not by time: each
 * connection sends SLOW_REQUESTS requests and every one is waited for (no timeout), so a p95 of several
 * seconds is a figure rather than a timeout.
 */
export const SLOW_MS = 250;
const SLOW_REQUESTS = 3;

/** `connections` clients running one query in a loop for `duration` seconds (after a 2 s warm-up). */
export async function loadSql(
  url: string,
  connections: number,
  duration: number,
  text: string,
  values: unknown[],
  slow = false,
): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    const latencies: number[] = [];
    const run = async (until: number, record: boolean) => {
      for (let n = 0; slow ? n < SLOW_REQUESTS : performance.now() < until; n++) {
        const start = performance.now();
        await pool.query(text, values);
        if (record) latencies.push(performance.now() - start);
      }
    };
    const clients = (until: number, record: boolean) =>
      Promise.all(Array.from({ length: connections }, () => run(until, record)));
    if (!slow) await clients(performance.now() + 2_000, false);
    const started = performance.now();
    await clients(started + duration * 1000, true);
    const seconds = (performance.now() - started) / 1000;
    return {
      requestsPerSecond: latencies.length / seconds,
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      requests: latencies.length,
      non2xx: 0,
      errors: 0,
    };
  } finally {
    await pool.end();
  }
}

/**
 * The employees a lead sees with "own + subordinates" scope: the lead and everyone whose position reports,
 * directly or not, to the lead's position (platform/access resolves it the same way).
 */
async function scopeOf(client: pg.Client, companyId: number, username: string): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `with recursive lead as (
       select e.id as employee_id, a.position_id from users u join employees e on e.id = u.employee_id
       join assignments a on a.employee_id = e.id and a.kind = 'primary'
       where u.company_id = $1 and u.username = $2),
     below as (
       select position_id from lead
       union select p.id from positions p join below b on p.reports_to_id = b.position_id)
     select distinct a.employee_id as id from assignments a
     where a.position_id in (select position_id from below) and a.start_date <= $3
       and (a.end_date is null or a.end_date >= $3)
     order by 1`,
    [companyId, username, todayInShanghai()],
  );
  return rows.map((r) => r.id);
}

// ---- the customer list ------------------------------------------------------------------------------

const LIST = {
  category: 'end_customer',
  level: 'A',
  sort: 'lastActivityOn',
  order: 'desc',
  page: 3,
  pageSize: 20,
};

/** The list page and its total in one statement: what the endpoint returns, from the table itself. */
const LIST_SQL = `select c.*, e.name as owner_name,
    (select count(*) from customers x where x.company_id = $1 and x.owner_employee_id = any($2::int[])
      and x.category = $3 and x.level = $4) as total
  from customers c left join employees e on e.id = c.owner_employee_id
  where c.company_id = $1 and c.owner_employee_id = any($2::int[]) and c.category = $3 and c.level = $4
  order by c.last_activity_on desc, c.id desc limit $5 offset $6`;

/** The two statements the server runs for the page (rows, then count), as drizzle writes them. */
function serverListSql(ids: number[]): string[] {
  const where = `"customers"."company_id" = $1 and "customers"."owner_employee_id" in (${ids.join(', ')})
    and "customers"."category" = 'end_customer' and "customers"."level" = 'A'`;
  return [
    `select "customers".*, "owners"."name" from "customers" left join "employees" "owners"
       on "owners"."id" = "customers"."owner_employee_id" where ${where}
       order by "customers"."last_activity_on" desc, "customers"."id" desc limit 20 offset 40`,
    `select count(*) from "customers" where ${where}`,
  ];
}

// ---- the ageing report ------------------------------------------------------------------------------

/** Ageing from the tables: open amount per order as of $2 (total − returns − allocations − write-offs). */
function ageingSql(groupBy: 'customer' | 'owner'): string {
  const [key, name, join] =
    groupBy === 'customer'
      ? ['b.customer_id', 'g.name', 'join customers g on g.id = b.customer_id']
      : ['b.owner_employee_id', 'g.name', 'join employees g on g.id = b.owner_employee_id'];
  const sums = (table: string, day: string, extra = '') =>
    `(select order_id, sum(amount_fen) as fen from ${table} where company_id = $1${extra} and ${day} <= $2::date
      group by order_id)`;
  return `select ${key} as id, ${name} as name,
      coalesce(sum(b.open_fen) filter (where b.due_on > $2::date), 0) as current,
      coalesce(sum(b.open_fen) filter (where $2::date - b.due_on between 0 and 30), 0) as d30,
      coalesce(sum(b.open_fen) filter (where $2::date - b.due_on between 31 and 60), 0) as d60,
      coalesce(sum(b.open_fen) filter (where $2::date - b.due_on between 61 and 90), 0) as d90,
      coalesce(sum(b.open_fen) filter (where $2::date - b.due_on > 90), 0) as over90,
      sum(b.open_fen) as total, count(*) as orders
    from (select o.customer_id, o.owner_employee_id, coalesce(o.due_on, o.order_date) as due_on,
            o.total_fen - coalesce(a.fen, 0) - coalesce(r.fen, 0) - coalesce(w.fen, 0) as open_fen
          from orders o join customers c on c.id = o.customer_id
          left join ${sums('receipt_allocations', 'allocated_on')} a on a.order_id = o.id
          left join ${sums('sales_returns', 'return_date')} r on r.order_id = o.id
          left join ${sums('write_offs', 'written_off_on', " and status = 'approved'")} w on w.order_id = o.id
          where o.company_id = $1 and o.status in (${RECEIVABLE.map((x) => `'${x}'`).join(', ')})
            and o.order_date <= $2::date and c.company_id = $1 and c.owner_employee_id = any($3::int[])) b
    ${join}
    where b.open_fen > 0 group by 1, 2 order by total desc, name`;
}

/** The server's own shape of the ageing query (open-amount.ts: correlated subqueries per order). */
function serverAgeingSql(ids: number[]): string {
  const asOf = '$2::date';
  return `select * from (select "orders"."id" as order_id, "orders"."customer_id", "customers"."name",
      coalesce("orders"."due_on", "orders"."order_date") as due_on,
      ("orders"."total_fen"
        - coalesce((select sum(r.amount_fen) from sales_returns r where r.order_id = "orders"."id" and r.return_date <= ${asOf}), 0)
        - coalesce((select sum(a.amount_fen) from receipt_allocations a where a.order_id = "orders"."id" and a.allocated_on <= ${asOf}), 0)
        - coalesce((select sum(w.amount_fen) from write_offs w where w.order_id = "orders"."id" and w.status = 'approved' and w.written_off_on <= ${asOf}), 0)
      )::bigint as open_fen
    from "orders" inner join "customers" on "customers"."id" = "orders"."customer_id"
    inner join "employees" on "employees"."id" = "orders"."owner_employee_id"
    left join "units" on "units"."id" = "orders"."unit_id"
    where "orders"."company_id" = $1 and "orders"."status" in (${RECEIVABLE.map((x) => `'${x}'`).join(', ')})
      and "orders"."order_date" <= ${asOf}
      and "orders"."customer_id" in (select c.id from customers c where c.company_id = $1
        and c.owner_employee_id in (${ids.join(', ')}))) "open_orders"
    where "open_fen" > 0 order by "name" asc, "order_id" asc`;
}

interface AgeingReport {
  rows: { id: number | null; totalFen: number; orderCount: number }[];
  totals: { totalFen: number; orderCount: number };
}

/** HTTP load: `duration` seconds after a 2 s warm-up, or SLOW_REQUESTS per connection when slow. */
export async function loadHttp(
  target: string,
  cookie: string,
  connections: number,
  duration: number,
  slow: boolean,
): Promise<LoadResult> {
  if (!slow) {
    await loadTest({ url: target, headers: { cookie }, connections, duration: 2 });
    return loadTest({ url: target, headers: { cookie }, connections, duration });
  }
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target, headers: { cookie }, connections, amount: connections * SLOW_REQUESTS, timeout: 600 },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
  return {
    requestsPerSecond: latencies.length / ((performance.now() - started) / 1000),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Milliseconds of one request on the idle server. */
export async function timeOnce(target: string, cookie: string): Promise<number> {
  const start = performance.now();
  await getJson(target, cookie);
  return performance.now() - start;
}

async function explain(client: pg.Client, text: string, values: unknown[]): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, values);
  return rows.map((r) => r['QUERY PLAN']);
}

export function problems(result: LoadResult): string | undefined {
  if (result.non2xx === 0 && result.errors === 0) return undefined;
  return `${result.non2xx} non-2xx answers and ${result.errors} errors/timeouts in ${result.requests} requests`;
}

function skipped(reason: string): Figure[] {
  const none = { label: 'raw SQL', value: null };
  return [
    {
      id: 'customer-list-p95',
      label: 'GET /api/v1/customers (lead, filtered, sorted, paged): p95',
      unit: 'ms',
      value: null,
      baseline: none,
      goal: { max: 50, text: '< 50 ms' },
      note: reason,
    },
    {
      id: 'ageing-p95',
      label: 'GET /api/v1/receivables/ageing (lead): p95',
      unit: 'ms',
      value: null,
      baseline: none,
      note: reason,
    },
  ];
}

export const ledger: Benchmark = {
  name: 'ledger',
  async run(settings: Settings): Promise<Figure[]> {
    if (!settings.databaseUrl) {
      const reason =
        'skipped: the ledger benchmark runs on PostgreSQL only; set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres';
      log(reason);
      return skipped(reason);
    }
    const scale = readScale();
    const lead = process.env.BENCH_LEAD?.trim() || 'lead2';
    const { connections, duration } = settings;
    const env = baseEnv();
    const storage = await createStorage(settings);
    const url = storage.url!;

    // The server migrates the fresh database and seeds the demo company; the ledger is then added by SQL.
    const server = await launch(SERVE_ARGS, { ...env, ...storage.env });
    try {
      await timeToHealthy(server);
      const today = todayInShanghai();
      log(`generating the ledger at scale ${scale} on PostgreSQL…`);
      const data = await generateLedgerData(url, { scale, today, log: (m) => log(`  ${m}`) });
      const generated =
        `${data.customers.toLocaleString('en-US')} customers, ${data.orders.toLocaleString('en-US')} orders, ` +
        `${data.orderLines.toLocaleString('en-US')} order lines, ${data.receipts.toLocaleString('en-US')} receipts ` +
        `generated in ${(data.milliseconds / 1000).toFixed(1)} s`;
      log(generated);

      const cookie = await signIn(server.baseUrl, lead);
      const scope = await withClient(url, (client) => scopeOf(client, data.companyId, lead));
      const listQuery = new URLSearchParams(
        Object.entries(LIST).map(([k, v]): [string, string] => [k, String(v)]),
      );
      const listUrl = `${server.baseUrl}/api/v1/customers?${listQuery}`;
      const listValues = [
        data.companyId,
        scope,
        LIST.category,
        LIST.level,
        LIST.pageSize,
        (LIST.page - 1) * LIST.pageSize,
      ];
      const ageingUrl = (groupBy: string) =>
        `${server.baseUrl}/api/v1/receivables/ageing?groupBy=${groupBy}&asOf=${today}`;
      const ageingValues = [data.companyId, today, scope];

      // The endpoint and the raw SQL return the same rows: checked once before the load.
      const page = await getJson<{ items: { id: number }[]; total: number }>(listUrl, cookie);
      const checks = await withClient(url, async (client) => {
        const raw = await client.query<{ id: number; total: string }>(LIST_SQL, listValues);
        const inScope = await client.query<{ n: number }>(
          'select count(*)::int as n from customers where company_id = $1 and owner_employee_id = any($2::int[])',
          [data.companyId, scope],
        );
        const byCustomer = await client.query<{ id: number; total: string }>(
          ageingSql('customer'),
          ageingValues,
        );
        const byOwner = await client.query<{ id: number; total: string }>(ageingSql('owner'), ageingValues);
        return {
          raw: raw.rows,
          inScope: inScope.rows[0]!.n,
          byCustomer: byCustomer.rows,
          byOwner: byOwner.rows,
        };
      });
      const listMatches =
        page.total === Number(checks.raw[0]?.total ?? 0) &&
        page.items.map((r) => r.id).join() === checks.raw.map((r) => r.id).join();
      const ageingMatches = async (groupBy: 'customer' | 'owner', rows: { id: number; total: string }[]) => {
        const report = await getJson<AgeingReport>(ageingUrl(groupBy), cookie);
        const api = new Map(report.rows.map((r) => [r.id, r.totalFen]));
        return report.rows.length === rows.length && rows.every((r) => api.get(r.id) === Number(r.total));
      };
      const byCustomerMatches = await ageingMatches('customer', checks.byCustomer);
      const byOwnerMatches = await ageingMatches('owner', checks.byOwner);
      log(
        `${lead} sees ${checks.inScope.toLocaleString('en-US')} customers; the list filter matches ${page.total.toLocaleString('en-US')} ` +
          `(same rows as SQL: ${listMatches ? 'yes' : 'NO'}); ageing by customer ${checks.byCustomer.length.toLocaleString('en-US')} rows ` +
          `(same as SQL: ${byCustomerMatches ? 'yes' : 'NO'}), by owner ${checks.byOwner.length} rows (same: ${byOwnerMatches ? 'yes' : 'NO'})`,
      );

      // Where the time goes: the plans of the server's own statements and of the baselines, one run each on
      // the idle server, before the load (each statement run once first, so the plan is not a cold one).
      const plans = await withClient(url, async (client) => {
        const [rowsSql, countSql] = serverListSql(scope);
        await client.query(ageingSql('customer'), ageingValues);
        return {
          jit: (await client.query<{ jit: string }>('show jit')).rows[0]!.jit,
          listRows: await explain(client, rowsSql!, [data.companyId]),
          listCount: await explain(client, countSql!, [data.companyId]),
          listBaseline: await explain(client, LIST_SQL, listValues),
          ageingServer: await explain(client, serverAgeingSql(scope), [data.companyId, today]),
          ageingBaseline: await explain(client, ageingSql('customer'), ageingValues),
        };
      });
      const resultsDir = path.join(root, 'bench', 'results');
      mkdirSync(resultsDir, { recursive: true });
      const planFile = path.join(
        resultsDir,
        `ledger-plans-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      );
      writeFileSync(
        planFile,
        JSON.stringify({ scale, lead, today, data, scope, list: LIST, plans }, null, 2) + '\n',
      );
      const timeOf = (plan: string[]) => plan.find((line) => line.startsWith('Execution Time'))?.trim() ?? '';
      log(
        `EXPLAIN ANALYZE (one run, idle): server list rows ${timeOf(plans.listRows)}, count ${timeOf(plans.listCount)}; ` +
          `baseline ${timeOf(plans.listBaseline)}; server ageing ${timeOf(plans.ageingServer)}, baseline ${timeOf(plans.ageingBaseline)}`,
      );
      log(`plans written to ${path.relative(process.cwd(), planFile)}`);

      const idle = {
        list: await timeOnce(listUrl, cookie),
        customer: await timeOnce(ageingUrl('customer'), cookie),
        owner: await timeOnce(ageingUrl('owner'), cookie),
      };
      const slow = (ms: number) => ms > SLOW_MS;
      const how = (ms: number) =>
        slow(ms)
          ? `${SLOW_REQUESTS} requests per connection (one took ${Math.round(ms)} ms on the idle server)`
          : `${duration} s after a 2 s warm-up`;
      log(`load at ${connections} connections: list ${how(idle.list)}; ageing ${how(idle.customer)}`);
      const measure = async (
        what: string,
        ms: number,
        target: string,
        sqlText: string,
        values: unknown[],
      ) => {
        const api = await loadHttp(target, cookie, connections, duration, slow(ms));
        log(`${what}: p95 ${api.p95?.toFixed(1)} ms, ${api.requestsPerSecond.toFixed(1)} req/s`);
        const raw = await loadSql(url, connections, duration, sqlText, values, slow(ms));
        log(`raw SQL ${what}: p95 ${raw.p95?.toFixed(1)} ms, ${raw.requestsPerSecond.toFixed(1)} queries/s`);
        return [api, raw] as const;
      };
      const [list, listSql] = await measure('customer list', idle.list, listUrl, LIST_SQL, listValues);
      // The floor of any signed-in request (session, actor and scope, no business query), same load.
      const me = await loadHttp(`${server.baseUrl}/api/v1/auth/me`, cookie, connections, duration, false);
      log(`GET /api/v1/auth/me: p95 ${me.p95?.toFixed(1)} ms, ${me.requestsPerSecond.toFixed(1)} req/s`);
      const [ageing, ageingRaw] = await measure(
        'ageing by customer',
        idle.customer,
        ageingUrl('customer'),
        ageingSql('customer'),
        ageingValues,
      );
      const [ageingOwner, ageingOwnerRaw] = await measure(
        'ageing by owner',
        idle.owner,
        ageingUrl('owner'),
        ageingSql('owner'),
        ageingValues,
      );

      const load = `${connections} connections`;
      const sqlLabel = `raw SQL, same rows, ${connections} pg clients`;
      const twice = (base: number | null) =>
        base === null ? undefined : { max: 2 * base, text: `≤ 2× SQL (${(2 * base).toFixed(1)} ms)` };
      const listLabel = `GET /api/v1/customers as ${lead} (${LIST.category}, level ${LIST.level}, ${LIST.sort} ${LIST.order}, page ${LIST.page} of ${LIST.pageSize}), ${load}`;
      return [
        {
          id: 'customer-list-p95',
          label: `${listLabel}: p95`,
          unit: 'ms',
          value: list.p95,
          baseline: { label: sqlLabel, value: listSql.p95 },
          goal: { max: 50, text: '< 50 ms' },
          note:
            problems(list) ??
            `${generated}; ${lead} sees ${checks.inScope} customers, ${page.total} match; same rows as SQL: ${listMatches ? 'yes' : 'no'}`,
        },
        {
          id: 'customer-list-vs-sql',
          label: 'Customer list p95 within 2× of its raw SQL p95',
          unit: 'ms',
          value: list.p95,
          baseline: { label: sqlLabel, value: listSql.p95 },
          goal: twice(listSql.p95),
        },
        {
          id: 'customer-list-vs-signed-in-floor',
          label: 'Customer list p95 next to the signed-in floor',
          unit: 'ms',
          value: list.p95,
          baseline: { label: `GET /api/v1/auth/me as ${lead}, same load`, value: me.p95 },
          note: problems(me),
        },
        {
          id: 'customer-list-p99',
          label: 'Customer list p99',
          unit: 'ms',
          value: list.p99,
          baseline: { label: sqlLabel, value: listSql.p99 },
        },
        {
          id: 'customer-list-throughput',
          label: 'Customer list throughput',
          unit: 'req/s',
          value: list.requestsPerSecond,
          baseline: { label: sqlLabel, value: listSql.requestsPerSecond, unit: 'queries/s' },
        },
        {
          id: 'ageing-customer-p95',
          label: `GET /api/v1/receivables/ageing?groupBy=customer as ${lead} (${checks.byCustomer.length} rows), ${load}: p95`,
          unit: 'ms',
          value: ageing.p95,
          baseline: { label: sqlLabel, value: ageingRaw.p95 },
          goal: twice(ageingRaw.p95),
          note: problems(ageing) ?? `same rows and totals as SQL: ${byCustomerMatches ? 'yes' : 'no'}`,
        },
        {
          id: 'ageing-customer-throughput',
          label: 'Ageing by customer throughput',
          unit: 'req/s',
          value: ageing.requestsPerSecond,
          baseline: { label: sqlLabel, value: ageingRaw.requestsPerSecond, unit: 'queries/s' },
        },
        {
          id: 'ageing-owner-p95',
          label: `GET /api/v1/receivables/ageing?groupBy=owner as ${lead} (${checks.byOwner.length} rows), ${load}: p95`,
          unit: 'ms',
          value: ageingOwner.p95,
          baseline: { label: sqlLabel, value: ageingOwnerRaw.p95 },
          goal: twice(ageingOwnerRaw.p95),
          note: problems(ageingOwner) ?? `same rows and totals as SQL: ${byOwnerMatches ? 'yes' : 'no'}`,
        },
      ];
    } finally {
      await stop(server);
    }
  },
};
