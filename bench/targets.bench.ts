// Figures for sales targets (issue 4, "Figures"): with a generated company of 2,000 reps in 200 teams and
// 10,000,000 order lines over two years (BENCH_TARGETS_SCALE scales the lines), the team lead's dashboard,
// the manager's overview and the VP's overview at 20 connections, each next to a raw SQL aggregate over
// the ledger (orders, order lines, returns) giving the same month figures; and what a ledger write pays for
// keeping the roll-ups: POST /api/v1/orders next to the roll-up part of the same orders alone. PostgreSQL
// only (BENCH_DATABASE_URL, else the local 127.0.0.1:5432 server when it answers). Printed, never asserted.
import { TransactionRollbackError } from 'drizzle-orm';
import { SERVE_ARGS } from '../scripts/server-process.mjs';
import { openDatabase } from '../packages/server/src/platform/db/db.ts';
import {
  applyLedgerFacts,
  loadOrderFacts,
} from '../packages/server/src/modules/sales-rollups/rollups.service.ts';
import {
  getJson,
  loadHttp,
  loadSql,
  problems,
  signIn,
  SLOW_MS,
  timeOnce,
  todayInShanghai,
} from './ledger.bench.ts';
import { COUNTED, generateTargetsData, leadName, managerName, REPS_PER_TEAM } from './targets-data.ts';
import {
  baseEnv,
  createStorage,
  launch,
  percentile,
  stop,
  timeToHealthy,
  withClient,
  type Benchmark,
  type Figure,
  type LoadResult,
  type Settings,
} from './support.ts';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const DASHBOARD_GOAL = { max: 100, text: '< 100 ms' };

function log(message: string): void {
  console.log(`  ${message}`);
}

function readNumber(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${name} must be a number above 0 and at most ${max}, not "${raw}"`);
  return value;
}

/** BENCH_DATABASE_URL, else the local PostgreSQL when it answers, else null (the bench is skipped). */
async function findPostgres(settings: Settings): Promise<string | null> {
  if (settings.databaseUrl) return settings.databaseUrl;
  try {
    await withClient(LOCAL_POSTGRES, (client) => client.query('select 1'));
    return LOCAL_POSTGRES;
  } catch {
    return null;
  }
}

const monthOf = (today: string) => {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
};

const counted = COUNTED.map((s) => `'${s}'`).join(', ');

/**
 * This month's net sales per person, straight from the ledger: order lines of counted orders dated in the
 * month minus returns dated in the month, by the rep credited (what the lead's dashboard shows per member).
 */
const PEOPLE_SQL = `select m.id, coalesce(sum(x.amount), 0)::bigint as amount
  from unnest($2::int[]) as m(id)
  left join (
    select o.owner_employee_id as id, l.amount_fen as amount
      from orders o join order_lines l on l.order_id = o.id
     where o.company_id = $1 and o.owner_employee_id = any($2::int[]) and o.order_date between $3 and $4
       and o.status in (${counted})
    union all
    select r.owner_employee_id, -r.amount_fen from sales_returns r
     where r.company_id = $1 and r.owner_employee_id = any($2::int[]) and r.return_date between $3 and $4
  ) x on x.id = m.id
 group by m.id order by m.id`;

/**
 * This month's net sales per unit and everything below it, straight from the ledger, by the team credited
 * on the order or return (what the overview shows per team for a manager, per region for the VP).
 */
const UNITS_SQL = `with recursive tree(root, id) as (
    select id, id from units where id = any($2::int[])
    union all select t.root, u.id from units u join tree t on u.parent_id = t.id)
  select t.root as id, coalesce(sum(x.amount), 0)::bigint as amount
  from tree t
  left join (
    select o.unit_id as unit_id, l.amount_fen as amount
      from orders o join order_lines l on l.order_id = o.id
     where o.company_id = $1 and o.order_date between $3 and $4 and o.status in (${counted})
    union all
    select r.unit_id, -r.amount_fen from sales_returns r
     where r.company_id = $1 and r.return_date between $3 and $4
  ) x on x.unit_id = t.id
 group by t.root order by t.root`;

interface Month {
  month: { actual: number };
}
interface TeamDashboardJson {
  unit: { id: number; name: string } | null;
  members: (Month & { employeeId: number })[];
}
interface OverviewJson {
  unit: { id: number; name: string } | null;
  rows: (Month & { kind: 'unit' | 'person'; id: number; name: string })[];
}

/** Whether the endpoint's month actuals equal the ledger's, row by row. */
function sameAnswer(api: Map<number, number>, ledger: { id: number; amount: number | string }[]): boolean {
  return api.size === ledger.length && ledger.every((r) => api.get(Number(r.id)) === Number(r.amount));
}

interface Dashboard {
  id: string;
  label: string;
  url: string;
  cookie: string;
  sql: string;
  values: unknown[];
  same: boolean;
  rows: number;
}

function skipped(reason: string): Figure[] {
  const none = { label: 'raw SQL over the ledger', value: null };
  return ['lead dashboard', 'manager overview', 'VP overview', 'POST /api/v1/orders'].map((what) => ({
    id: `targets-${what.replace(/\W+/g, '-')}`,
    label: what,
    unit: 'ms',
    value: null,
    baseline: none,
    note: reason,
  }));
}

export const targets: Benchmark = {
  name: 'targets',
  async run(settings: Settings): Promise<Figure[]> {
    const admin = await findPostgres(settings);
    if (!admin) {
      const reason = `skipped: the targets benchmark runs on PostgreSQL only; set BENCH_DATABASE_URL=${LOCAL_POSTGRES}`;
      log(reason);
      return skipped(reason);
    }
    const scale = readNumber('BENCH_TARGETS_SCALE', 1, 10);
    const writes = Math.round(readNumber('BENCH_TARGETS_WRITES', 200, 100_000));
    const { connections, duration } = settings;
    const storage = await createStorage({ ...settings, databaseUrl: admin });
    const url = storage.url!;

    // The server migrates the fresh database and seeds the demo company; the organisation and its ledger
    // are then added by SQL, and the roll-ups rebuilt by the server's own code.
    const server = await launch(SERVE_ARGS, { ...baseEnv(), ...storage.env });
    try {
      await timeToHealthy(server);
      const today = todayInShanghai();
      log(
        `generating 2,000 reps in 200 teams and ${(10 * scale).toLocaleString('en-US')} million order lines…`,
      );
      const data = await generateTargetsData(url, { scale, today, log: (m) => log(`  ${m}`) });
      const generated =
        `${data.reps.toLocaleString('en-US')} reps in ${data.teams} teams and ${data.regions} regions, ` +
        `${data.orders.toLocaleString('en-US')} orders, ${data.orderLines.toLocaleString('en-US')} order lines, ` +
        `${data.returns.toLocaleString('en-US')} returns, ${data.receipts.toLocaleString('en-US')} receipts ` +
        `(demo company included); ledger ${data.seconds.generation!.toFixed(0)} s, roll-ups ` +
        `${data.seconds.rollups!.toFixed(0)} s (${data.rollupRows.toLocaleString('en-US')} rows), ` +
        `${data.targetLines.toLocaleString('en-US')} target lines`;
      log(generated);

      const base = server.baseUrl;
      const [lead, manager, vp] = [leadName(1), managerName(1), 'vp'];
      const cookies = {
        lead: await signIn(base, lead),
        manager: await signIn(base, manager),
        vp: await signIn(base, vp),
      };
      const { from, to } = monthOf(today);
      const salesDepartment = await withClient(url, async (client) => {
        const { rows } = await client.query<{ id: number }>(
          `select id from units where company_id = $1 and code = 'XS'`,
          [data.companyId],
        );
        return rows[0]!.id;
      });

      // Each dashboard and its ledger SQL give the same month figures: checked once before the load.
      const team = await getJson<TeamDashboardJson>(`${base}/api/v1/dashboards/team`, cookies.lead);
      const region = await getJson<OverviewJson>(`${base}/api/v1/dashboards/overview`, cookies.manager);
      const vpUrl = `${base}/api/v1/dashboards/overview?unitId=${salesDepartment}`;
      const department = await getJson<OverviewJson>(vpUrl, cookies.vp);
      const memberIds = team.members.map((m) => m.employeeId);
      const unitRows = (o: OverviewJson) => o.rows.filter((r) => r.kind === 'unit');
      const dashboards = await withClient(url, async (client): Promise<Dashboard[]> => {
        const check = async (text: string, values: unknown[], api: Map<number, number>) =>
          sameAnswer(api, (await client.query<{ id: number; amount: string }>(text, values)).rows);
        const teamValues = [data.companyId, memberIds, from, to];
        const regionValues = [data.companyId, unitRows(region).map((r) => r.id), from, to];
        const vpValues = [data.companyId, unitRows(department).map((r) => r.id), from, to];
        const monthOfRows = (rows: { id: number; month: { actual: number } }[]) =>
          new Map(rows.map((r) => [r.id, r.month.actual]));
        return [
          {
            id: 'lead-dashboard',
            label: `GET /api/v1/dashboards/team as ${lead} (${team.unit?.name}, ${team.members.length} people)`,
            url: `${base}/api/v1/dashboards/team`,
            cookie: cookies.lead,
            sql: PEOPLE_SQL,
            values: teamValues,
            same: await check(
              PEOPLE_SQL,
              teamValues,
              monthOfRows(team.members.map((m) => ({ id: m.employeeId, month: m.month }))),
            ),
            rows: team.members.length,
          },
          {
            id: 'manager-overview',
            label: `GET /api/v1/dashboards/overview as ${manager} (${region.unit?.name}, ${unitRows(region).length} teams)`,
            url: `${base}/api/v1/dashboards/overview`,
            cookie: cookies.manager,
            sql: UNITS_SQL,
            values: regionValues,
            same: await check(UNITS_SQL, regionValues, monthOfRows(unitRows(region))),
            rows: unitRows(region).length,
          },
          {
            id: 'vp-overview',
            label: `GET /api/v1/dashboards/overview?unitId=… as ${vp} (${department.unit?.name}, ${unitRows(department).length} regions)`,
            url: vpUrl,
            cookie: cookies.vp,
            sql: UNITS_SQL,
            values: vpValues,
            same: await check(UNITS_SQL, vpValues, monthOfRows(unitRows(department))),
            rows: unitRows(department).length,
          },
        ];
      });
      for (const d of dashboards)
        log(`${d.label}: same month figures as the ledger SQL: ${d.same ? 'yes' : 'NO'}`);

      const measured: [Dashboard, LoadResult, LoadResult][] = [];
      for (const d of dashboards) {
        const idle = await timeOnce(d.url, d.cookie);
        const slow = idle > SLOW_MS;
        const api = await loadHttp(d.url, d.cookie, connections, duration, slow);
        const raw = await loadSql(url, connections, duration, d.sql, d.values, slow);
        log(
          `${d.id}: idle ${idle.toFixed(0)} ms; p95 ${api.p95?.toFixed(1)} ms at ${connections} connections` +
            `${slow ? ' (3 requests each)' : ''}; ledger SQL p95 ${raw.p95?.toFixed(1)} ms`,
        );
        measured.push([d, api, raw]);
      }

      const write = await measureWrites(url, base, cookies.lead, data.companyId, today, writes);
      log(
        `POST /api/v1/orders × ${write.orders}: p50 ${write.writeP50.toFixed(1)} ms, p95 ${write.writeP95.toFixed(1)} ms; ` +
          `roll-up part p50 ${write.rollupP50.toFixed(2)} ms, p95 ${write.rollupP95.toFixed(2)} ms; ` +
          `numbered by the server p50 ${write.serverNumberedP50.toFixed(1)} ms`,
      );

      const sqlLabel = `raw SQL over the ledger, same answer, ${connections} pg clients`;
      const overhead = (w: number, r: number) => `${((100 * r) / (w - r)).toFixed(1)}%`;
      const without = (w: number, r: number) => ({
        label: 'the same write without the roll-up part',
        value: w - r,
      });
      return [
        ...measured.map(([d, api, raw], i): Figure => ({
          id: `${d.id}-p95`,
          label: `${d.label}: p95 at ${connections} connections`,
          unit: 'ms',
          value: api.p95,
          baseline: { label: sqlLabel, value: raw.p95 },
          goal: DASHBOARD_GOAL,
          note:
            problems(api) ??
            `${i === 0 ? `${generated}. ` : ''}Same month figures as the ledger SQL (${d.rows} rows): ${d.same ? 'yes' : 'NO'}; ` +
              `${api.requestsPerSecond.toFixed(1)} req/s vs ${raw.requestsPerSecond.toFixed(1)} queries/s`,
        })),
        {
          id: 'order-write-p50',
          label: `POST /api/v1/orders as ${lead} (3 lines, numbered, one at a time, ${write.orders} orders): p50`,
          unit: 'ms',
          value: write.writeP50,
          baseline: without(write.writeP50, write.rollupP50),
          goal: { max: 1.2 * (write.writeP50 - write.rollupP50), text: '< 20% more' },
          note: `roll-up part (loadOrderFacts + applyLedgerFacts) p50 ${write.rollupP50.toFixed(2)} ms: overhead ${overhead(write.writeP50, write.rollupP50)}`,
        },
        {
          id: 'order-write-p95',
          label: 'POST /api/v1/orders: p95',
          unit: 'ms',
          value: write.writeP95,
          baseline: without(write.writeP95, write.rollupP95),
          goal: { max: 1.2 * (write.writeP95 - write.rollupP95), text: '< 20% more' },
          note: `roll-up part p95 ${write.rollupP95.toFixed(2)} ms: overhead ${overhead(write.writeP95, write.rollupP95)}`,
        },
        {
          id: 'order-write-server-numbered-p50',
          label: `POST /api/v1/orders without a number (the server numbers it), ${SERVER_NUMBERED} orders: p50`,
          unit: 'ms',
          value: write.serverNumberedP50,
          baseline: { label: 'the same write with its number sent', value: write.writeP50 },
          note: 'nextDocumentNo moves the counter of the company, kind and month (document_counters)',
        },
      ];
    } finally {
      await stop(server);
    }
  },
};

/** Orders posted without a number, to show what numbering costs next to the write. */
const SERVER_NUMBERED = 20;

/**
 * The write cost: `count` orders posted one at a time by the lead (three lines each, for customers of the
 * team, dated today, numbered by the bench) after a warm-up of 20, then for the same orders the roll-up
 * part alone — the facts loaded and applied as the write does it, in a transaction that is rolled back so
 * nothing counts twice. Then SERVER_NUMBERED more orders without a number: the server numbers them
 * (orders/document-numbers.ts), which at this size costs more than the rest of the write.
 */
async function measureWrites(
  url: string,
  base: string,
  cookie: string,
  companyId: number,
  today: string,
  count: number,
) {
  const csrf = /zuzhang_csrf=([^;]+)/.exec(cookie)?.[1];
  if (!csrf) throw new Error('the sign-in set no CSRF cookie');
  const { customers, products } = await withClient(url, async (client) => ({
    customers: (
      await client.query<{ id: number }>(
        `select c.id from customers c
           join assignments a on a.employee_id = c.owner_employee_id and a.kind = 'primary' and a.end_date is null
           join positions p on p.id = a.position_id join units u on u.id = p.unit_id
          where c.company_id = $1 and u.code = 'BT001' order by c.id`,
        [companyId],
      )
    ).rows.map((r) => r.id),
    products: (
      await client.query<{ id: number }>(
        `select id from products where company_id = $1 and code like 'BTP-%' order by id`,
        [companyId],
      )
    ).rows.map((r) => r.id),
  }));
  if (customers.length < REPS_PER_TEAM) throw new Error('team BT001 has no customers to sell to');
  /** One order; numbered by the bench (`no`) unless `serverNumbers`, when the server numbers it. */
  const post = async (i: number, serverNumbers = false) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-zuzhang-csrf': csrf },
      body: JSON.stringify({
        ...(serverNumbers ? {} : { no: `BW${String(i).padStart(8, '0')}` }),
        customerId: customers[(i * 7) % customers.length],
        orderDate: today,
        lines: [0, 1, 2].map((k) => ({
          productId: products[(i + k * 7) % products.length],
          quantity: 1 + ((i + k) % 5),
          promisedOn: today,
        })),
      }),
    });
    const body = (await response.json()) as { id?: number };
    const ms = performance.now() - started;
    if (response.status !== 201)
      throw new Error(`POST /api/v1/orders answered ${response.status}: ${JSON.stringify(body)}`);
    return { id: body.id!, ms };
  };
  for (let i = 0; i < 20; i++) await post(count + i);
  const written: { id: number; ms: number }[] = [];
  for (let i = 0; i < count; i++) written.push(await post(i));
  // The same write with the order number left to the server (SO + month + next number).
  const serverNumbered: number[] = [];
  for (let i = 0; i < SERVER_NUMBERED; i++) serverNumbered.push((await post(count + 20 + i, true)).ms);

  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const parts: number[] = [];
  try {
    for (const { id } of written) {
      await database.db
        .transaction(async (tx) => {
          const started = performance.now();
          await applyLedgerFacts(tx, companyId, [], await loadOrderFacts(tx, id));
          parts.push(performance.now() - started);
          tx.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        });
    }
  } finally {
    await database.close();
  }
  const ms = written.map((w) => w.ms);
  return {
    orders: count,
    serverNumberedP50: percentile(serverNumbered, 50)!,
    writeP50: percentile(ms, 50)!,
    writeP95: percentile(ms, 95)!,
    rollupP50: percentile(parts, 50)!,
    rollupP95: percentile(parts, 95)!,
  };
}
