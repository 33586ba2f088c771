// A generated sales organisation for the `targets` benchmark (issue 4, "Figures"): 2,000 reps in 200 teams
// under 10 regions (each with a manager), 10,000,000 order lines over the last two years at scale 1, some
// returns and receipts, the roll-ups rebuilt from that ledger by the server's own code, and a published
// target plan for this year (company, regions, teams and reps; every month and this ISO week).
// Written by PostgreSQL itself (INSERT … SELECT over generate_series), in the demo company of a database
// the server has already migrated and seeded, under the demo sales department (销售部), so the demo VP
// sees it all. Everything is derived from row numbers: two runs at the same scale build the same ledger.
// The figures stay consistent: order totals are the sums of their lines, a return's amount is the sum of
// its lines, a receipt pays one order in full, and every order, return and receipt is credited to the team
// its rep was in on its date (40 reps moved team on the first of this month).
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../packages/server/src/platform/db/db.ts';
import { rebuildRollups } from '../packages/server/src/modules/sales-rollups/rollups.service.ts';
import { refreshOpenAmounts } from '../packages/server/src/modules/receivables/open-amount.ts';

export interface TargetsDataOptions {
  /** 1 = 10,000,000 order lines (the organisation is always 2,000 reps in 200 teams). */
  scale: number;
  /** The last day of the history (YYYY-MM-DD, Asia/Shanghai). */
  today: string;
  log?: (message: string) => void;
}

export interface TargetsDataResult {
  companyId: number;
  reps: number;
  teams: number;
  regions: number;
  customers: number;
  orders: number;
  orderLines: number;
  returns: number;
  receipts: number;
  rollupRows: number;
  targetLines: number;
  planId: number;
  /** Seconds per phase: generation, roll-up rebuild, target plan, vacuum. */
  seconds: Record<string, number>;
}

/** Codes of the generated records: units BR01 / BT001, positions BP-…, users bmgr01 / blead001. */
export const TARGETS_NOTE = 'bench-targets';
export const REGIONS = 10;
export const TEAMS_PER_REGION = 20;
export const REPS_PER_TEAM = 10;
const TEAMS = REGIONS * TEAMS_PER_REGION;
const REPS = TEAMS * REPS_PER_TEAM;
const CUSTOMERS_PER_REP = 100;
const HISTORY_DAYS = 730;
/** Statuses counted as sales (rollups.service.ts COUNTED_ORDER_STATUSES). */
export const COUNTED = ['confirmed', 'partially_shipped', 'shipped', 'completed'];

/** The username of region `r`'s manager and of team `t`'s lead (both 1-based). */
export const managerName = (r: number) => `bmgr${String(r).padStart(2, '0')}`;
export const leadName = (t: number) => `blead${String(t).padStart(3, '0')}`;

export async function generateTargetsData(
  url: string,
  options: TargetsDataOptions,
): Promise<TargetsDataResult> {
  const log = options.log ?? (() => {});
  const { today } = options;
  const lineCount = Math.max(1000, Math.round(10_000_000 * options.scale));
  // 1 + id % 5 lines per order: three on average.
  const orderCount = Math.round(lineCount / 3);
  const seconds: Record<string, number> = {};
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await client.query(text, values);
    log(
      `${label}: ${(result.rowCount ?? 0).toLocaleString('en-US')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    return result;
  };
  const scalar = async (text: string, values: unknown[] = []) =>
    Number(Object.values((await client.query(text, values)).rows[0] as object)[0]);
  let started = performance.now();
  let companyId: number;
  try {
    companyId = await scalar(`select id from companies where code = 'demo'`);
    if (!companyId) throw new Error('the bench database has no demo company (start the server once first)');
    await client.query('begin');
    await client.query(`set local work_mem = '256MB'`);
    const ref = (
      await client.query<Record<string, number | string>>(
        `select (select id from units where company_id = $1 and code = 'XS') as xs,
           (select id from positions where company_id = $1 and code = 'XS-DIR') as director,
           (select id from roles where company_id = $1 and code = 'manager') as manager_role,
           (select id from roles where company_id = $1 and code = 'leader') as leader_role,
           (select id from roles where company_id = $1 and code = 'staff') as staff_role,
           (select password_hash from users where username = 'lead1') as hash`,
        [companyId],
      )
    ).rows[0]!;
    const start = `($2::date - ${HISTORY_DAYS + 30})`;
    // The first of this month: the day the moved reps start in their new team.
    const moveOn = `date_trunc('month', $2::date)::date`;

    await step(
      'regions',
      `insert into units (company_id, parent_id, name, code, kind, sort)
       select $1, $2, '压测大区' || lpad(r::text, 2, '0'), 'BR' || lpad(r::text, 2, '0'), 'centre', 100 + r
       from generate_series(1, ${REGIONS}) r`,
      [companyId, ref.xs],
    );
    await step(
      'teams',
      `insert into units (company_id, parent_id, name, code, kind, sort)
       select $1, u.id, '压测' || lpad(t::text, 3, '0') || '组', 'BT' || lpad(t::text, 3, '0'), 'team', t
       from generate_series(1, ${TEAMS}) t
       join units u on u.company_id = $1 and u.code = 'BR' || lpad((1 + (t - 1) / ${TEAMS_PER_REGION})::text, 2, '0')`,
      [companyId],
    );
    // Seats: a manager per region (reports to the director), a lead per team, a rep seat per team.
    await step(
      'manager seats',
      `insert into positions (company_id, unit_id, reports_to_id, name, code, headcount_planned, role_id, data_scope, category)
       select $1, u.id, $2, '销售经理（' || u.name || '）', 'BP-MGR-' || substr(u.code, 3), 1, $3, 'unit_tree', '管理'
       from units u where u.company_id = $1 and u.code ~ '^BR[0-9]+$'`,
      [companyId, ref.director, ref.manager_role],
    );
    await step(
      'lead seats',
      `insert into positions (company_id, unit_id, reports_to_id, name, code, headcount_planned, role_id, data_scope, category)
       select $1, t.id, m.id, '销售组长（' || t.name || '）', 'BP-TL-' || substr(t.code, 3), 1, $2, 'subordinates', '管理'
       from units t join units r on r.id = t.parent_id
       join positions m on m.company_id = $1 and m.code = 'BP-MGR-' || substr(r.code, 3)
       where t.company_id = $1 and t.code ~ '^BT[0-9]+$'`,
      [companyId, ref.leader_role],
    );
    await step(
      'rep seats',
      `insert into positions (company_id, unit_id, reports_to_id, name, code, headcount_planned, role_id, data_scope, category)
       select $1, t.id, l.id, '销售代表（' || t.name || '）', 'BP-REP-' || substr(t.code, 3), ${REPS_PER_TEAM}, $2, 'own', '销售'
       from units t join positions l on l.company_id = $1 and l.code = 'BP-TL-' || substr(t.code, 3)
       where t.company_id = $1 and t.code ~ '^BT[0-9]+$'`,
      [companyId, ref.staff_role],
    );
    // People: kind m (manager, n = region), l (lead, n = team), r (rep, n = 0-based rep number).
    await step(
      'people',
      `create temp table bt_people on commit drop as
       select kind, n, nextval(pg_get_serial_sequence('employees', 'id'))::int as employee_id
       from (select 'm' as kind, g as n from generate_series(1, ${REGIONS}) g
             union all select 'l', g from generate_series(1, ${TEAMS}) g
             union all select 'r', g from generate_series(0, ${REPS - 1}) g) p`,
    );
    await step(
      'employees',
      `insert into employees (id, company_id, name, mobile, hire_date, status)
       select employee_id, $1,
         case kind when 'm' then '压测经理' || lpad(n::text, 2, '0') when 'l' then '压测组长' || lpad(n::text, 3, '0')
           else '压测代表' || lpad(n::text, 4, '0') end,
         '136' || lpad((employee_id % 100000000)::text, 8, '0'), ${start}, 'active'
       from bt_people`,
      [companyId, today],
    );
    // Reps: team t0 = n / 10 (0-based) until the move; reps n % 50 = 7 move to the next team on the 1st.
    await step(
      'reps',
      `create temp table bt_reps on commit drop as
       select p.n, p.employee_id, old.id as old_unit, new.id as new_unit, oldp.id as old_position, newp.id as new_position,
         case when p.n % 50 = 7 then ${moveOn} end as moved_on
       from bt_people p
       join units old on old.company_id = $1 and old.code = 'BT' || lpad((1 + p.n / ${REPS_PER_TEAM})::text, 3, '0')
       join units new on new.company_id = $1 and new.code = 'BT' || lpad((1 + case when p.n % 50 = 7
         then (p.n / ${REPS_PER_TEAM} + 1) % ${TEAMS} else p.n / ${REPS_PER_TEAM} end)::text, 3, '0')
       join positions oldp on oldp.company_id = $1 and oldp.code = 'BP-REP-' || substr(old.code, 3)
       join positions newp on newp.company_id = $1 and newp.code = 'BP-REP-' || substr(new.code, 3)
       where p.kind = 'r'`,
      [companyId, today],
    );
    await client.query('create unique index on bt_reps (n)');
    await client.query('create unique index on bt_reps (employee_id)');
    await client.query('analyze bt_reps');
    await step(
      'assignments',
      `insert into assignments (company_id, employee_id, position_id, kind, start_date, end_date)
       select $1, p.employee_id, pos.id, 'primary', ${start}, null
       from bt_people p join positions pos on pos.company_id = $1 and pos.code = case p.kind
         when 'm' then 'BP-MGR-' || lpad(p.n::text, 2, '0') else 'BP-TL-' || lpad(p.n::text, 3, '0') end
       where p.kind <> 'r'
       union all
       select $1, r.employee_id, r.old_position, 'primary', ${start}, r.moved_on - 1 from bt_reps r
       union all
       select $1, r.employee_id, r.new_position, 'primary', r.moved_on, null from bt_reps r where r.moved_on is not null`,
      [companyId, today],
    );
    await step(
      'sign-ins for managers and leads (password of the demo users)',
      `insert into users (company_id, employee_id, username, password_hash)
       select $1, employee_id, case kind when 'm' then 'bmgr' || lpad(n::text, 2, '0') else 'blead' || lpad(n::text, 3, '0') end, $2
       from bt_people where kind <> 'r'`,
      [companyId, ref.hash],
    );

    await step(
      'products',
      `insert into products (company_id, code, name, category, unit, list_price_fen, tax_rate_bp, discount_floor_bp)
       select $1, 'BTP-' || lpad(g::text, 2, '0'), '压测货品 ' || g, (array['纸品', '文具', '设备', '耗材'])[1 + g % 4],
         '件', 500 + (g * 997) % 20000, case when g % 7 = 0 then 900 else 1300 end, 0
       from generate_series(0, 19) g`,
      [companyId],
    );
    await client.query(
      `create temp table bt_products on commit drop as
       select (row_number() over (order by id) - 1)::int as n, id, list_price_fen, tax_rate_bp
       from products where company_id = $1 and code like 'BTP-%'`,
      [companyId],
    );
    await step(
      'customers',
      `insert into customers (company_id, name, kind, category, level, region, industry, source, owner_employee_id,
         vetting_status, last_activity_on, acquired_on, note, created_at)
       select $1, '压测客户' || lpad(g::text, 6, '0') || '号有限公司', 'company', 'end_customer',
         (array['A', 'B', 'C'])[1 + g % 3], '', '', 'visit', r.employee_id, 'approved', $2::date - g % 30,
         $2::date - (g * 37) % ${HISTORY_DAYS}, '${TARGETS_NOTE}', $2::timestamptz - interval '800 days'
       from generate_series(0, ${REPS * CUSTOMERS_PER_REP - 1}) g
       join bt_reps r on r.n = g / ${CUSTOMERS_PER_REP}`,
      [companyId, today],
    );
    await client.query(
      `create temp table bt_customers on commit drop as
       select (row_number() over (order by id) - 1)::int as rn, id from customers
       where company_id = $1 and note = '${TARGETS_NOTE}'`,
      [companyId],
    );
    await client.query('create unique index on bt_customers (rn)');
    await client.query('analyze bt_customers');

    // Orders over the last two years: rep g % 2,000, one of their customers, credited to their team that day;
    // each rep's k-th order falls k × 7919 days (mod 730) after their first, so every day gets orders.
    await step(
      'orders',
      `insert into orders (company_id, no, customer_id, owner_employee_id, unit_id, order_date, status, total_fen,
         tax_fen, due_on, note, created_at)
       select $1, 'BT' || lpad(g::text, 9, '0'), c.id, r.employee_id,
         case when r.moved_on is not null and x.d >= r.moved_on then r.new_unit else r.old_unit end, x.d,
         case when g % 100 = 0 then 'cancelled' when x.d > $2::date - 10 then 'confirmed' else 'shipped' end,
         0, 0, x.d + 30, '${TARGETS_NOTE}', x.d::timestamptz + interval '10 hours'
       from generate_series(1, $3) g
       cross join lateral (select ($2::date - ((g / ${REPS}) * 7919 + (g % ${REPS}) * 31) % ${HISTORY_DAYS})::date as d) x
       join bt_reps r on r.n = g % ${REPS}
       join bt_customers c on c.rn = r.n * ${CUSTOMERS_PER_REP} + (g::bigint * 104729 / ${REPS} % ${CUSTOMERS_PER_REP})::int`,
      [companyId, today, orderCount],
    );
    await step(
      'order lines',
      `insert into order_lines (company_id, order_id, line_no, product_id, quantity, unit_price_fen, discount_bp,
         tax_rate_bp, amount_fen, tax_fen, promised_on, shipped_quantity)
       select $1, o.id, k, p.id, q.q, p.list_price_fen, q.discount, p.tax_rate_bp, a.amount,
         round(a.amount * p.tax_rate_bp / (10000 + p.tax_rate_bp)), o.order_date + 10,
         case when o.status = 'shipped' then q.q else 0 end
       from orders o
       cross join lateral generate_series(1, 1 + o.id % 5) k
       join bt_products p on p.n = (o.id * 7 + k * 3) % 20
       cross join lateral (select 1 + (o.id * 31 + k * 17) % 40 as q,
         case when (o.id + k) % 10 < 7 then 0 when (o.id + k) % 10 < 9 then 300 else 500 end as discount) q
       cross join lateral (select round(p.list_price_fen::numeric * q.q * (10000 - q.discount) / 10000) as amount) a
       where o.company_id = $1 and o.note = '${TARGETS_NOTE}'`,
      [companyId],
    );
    await step(
      'order totals',
      `update orders o set total_fen = s.amount, tax_fen = s.tax
       from (select order_id, sum(amount_fen) as amount, sum(tax_fen) as tax from order_lines l
             where l.company_id = $1 and l.order_id in (select id from orders where company_id = $1 and note = '${TARGETS_NOTE}')
             group by order_id) s
       where s.order_id = o.id`,
      [companyId],
    );
    // Returns: one unit of the first line of one shipped order in a hundred, 5–30 days after the order.
    await step(
      'returns',
      `insert into sales_returns (company_id, no, order_id, customer_id, owner_employee_id, unit_id, return_date,
         reason, amount_fen, tax_fen, lines, created_at)
       select $1, 'BTR' || lpad(o.id::text, 9, '0'), o.id, o.customer_id, o.owner_employee_id,
         case when r.moved_on is not null and d.d >= r.moved_on then r.new_unit else r.old_unit end, d.d, '包装破损',
         a.amount, a.tax, jsonb_build_array(jsonb_build_object('orderLineId', l.id, 'quantity', 1,
           'amountFen', a.amount, 'taxFen', a.tax)), d.d::timestamptz + interval '14 hours'
       from orders o join order_lines l on l.order_id = o.id and l.line_no = 1
       join bt_reps r on r.employee_id = o.owner_employee_id
       cross join lateral (select least(o.order_date + 5 + (o.id % 26)::int, $2::date) as d) d
       cross join lateral (select round(l.amount_fen::numeric / l.quantity) as amount) x
       cross join lateral (select x.amount::bigint as amount,
         round(x.amount * l.tax_rate_bp / (10000 + l.tax_rate_bp))::bigint as tax) a
       where o.company_id = $1 and o.note = '${TARGETS_NOTE}' and o.status = 'shipped' and o.id % 100 = 3`,
      [companyId, today],
    );
    await step(
      'returned quantities',
      `update order_lines l set returned_quantity = 1
       from sales_returns s where s.company_id = $1 and s.no like 'BTR%' and l.id = (s.lines -> 0 ->> 'orderLineId')::int`,
      [companyId],
    );
    // Receipts: every shipped order at least 20 days old is paid in full 20–60 days after it, but one in twenty,
    // which stays open (and ages into the overdue bands): receivables as a company that collects would have.
    await step(
      'receipts',
      `insert into receipts (company_id, customer_id, owner_employee_id, unit_id, received_on, amount_fen, method,
         payer, reference, idempotency_key, unallocated_fen, created_at)
       select $1, o.customer_id, o.owner_employee_id,
         case when r.moved_on is not null and d.d >= r.moved_on then r.new_unit else r.old_unit end, d.d,
         o.total_fen - coalesce(s.amount_fen, 0), 'bank', '压测客户', 'BTP' || o.id, '${TARGETS_NOTE}-' || o.id, 0,
         d.d::timestamptz + interval '15 hours'
       from orders o join bt_reps r on r.employee_id = o.owner_employee_id
       left join sales_returns s on s.order_id = o.id
       cross join lateral (select least(o.order_date + 20 + (o.id % 41)::int, $2::date) as d) d
       where o.company_id = $1 and o.note = '${TARGETS_NOTE}' and o.status = 'shipped' and o.id % 20 <> 7
         and o.order_date <= $2::date - 20`,
      [companyId, today],
    );
    await step(
      'allocations',
      `insert into receipt_allocations (company_id, receipt_id, order_id, amount_fen, allocated_on)
       select $1, rc.id, substr(rc.idempotency_key, ${TARGETS_NOTE.length + 2})::int, rc.amount_fen, rc.received_on
       from receipts rc where rc.company_id = $1 and rc.idempotency_key like '${TARGETS_NOTE}-%'`,
      [companyId],
    );
    await client.query('commit');
    seconds.generation = (performance.now() - started) / 1000;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    await client.end();
    throw error;
  }

  try {
    // The roll-ups from the whole ledger, by the server's own code (what a restore or an import does).
    started = performance.now();
    log('rebuilding the roll-ups and open amounts from the ledger (rebuildRollups, refreshOpenAmounts)…');
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '512MB'`);
        await rebuildRollups(tx, companyId);
        // And each order's open amount (orders.open_fen), which the services keep on every write.
        await refreshOpenAmounts(tx, { companyId });
      });
    } finally {
      await database.close();
    }
    seconds.rollups = (performance.now() - started) / 1000;
    log(`roll-ups rebuilt in ${seconds.rollups.toFixed(1)} s`);

    started = performance.now();
    const planId = await publishPlan(client, companyId, today, log);
    seconds.plan = (performance.now() - started) / 1000;

    started = performance.now();
    await step('vacuum analyze', 'vacuum analyze');
    seconds.vacuum = (performance.now() - started) / 1000;

    const counts = (
      await client.query<Record<string, number>>(
        `select (select count(*)::int from customers where company_id = $1) as customers,
           (select count(*)::int from orders where company_id = $1) as orders,
           (select count(*)::int from order_lines where company_id = $1) as "orderLines",
           (select count(*)::int from sales_returns where company_id = $1) as returns,
           (select count(*)::int from receipts where company_id = $1) as receipts,
           (select count(*)::int from sales_rollups where company_id = $1) as "rollupRows",
           (select count(*)::int from target_lines where plan_id = $2) as "targetLines"`,
        [companyId, planId],
      )
    ).rows[0]!;
    return {
      companyId,
      reps: REPS,
      teams: TEAMS,
      regions: REGIONS,
      customers: counts.customers!,
      orders: counts.orders!,
      orderLines: counts.orderLines!,
      returns: counts.returns!,
      receipts: counts.receipts!,
      rollupRows: counts.rollupRows!,
      targetLines: counts.targetLines!,
      planId,
      seconds,
    };
  } finally {
    await client.end();
  }
}

/**
 * This year's sales plan, published as a new version of the demo's (which it supersedes): each rep's month
 * is their average month of the last twelve (from the roll-ups) × 90–110%, this ISO week a week's share of
 * this month; teams, regions and the company are the sums of their people, so every split adds up.
 * Tiers 挑战 / 冲刺 at 110% / 120%.
 */
async function publishPlan(
  client: pg.Client,
  companyId: number,
  today: string,
  log: (message: string) => void,
): Promise<number> {
  const year = Number(today.slice(0, 4));
  await client.query('begin');
  try {
    await client.query(
      `update target_plans set status = 'superseded'
       where company_id = $1 and fiscal_year = $2 and metric = 'sales' and category = '' and status = 'published'`,
      [companyId, year],
    );
    const plan = await client.query<{ id: number }>(
      `insert into target_plans (company_id, fiscal_year, metric, category, name, version_no, status, previous_plan_id,
         reason, published_at)
       select $1, $2::int, 'sales', '', $3, coalesce(max(version_no), 0) + 1, 'published',
         (select id from target_plans where company_id = $1 and fiscal_year = $2 and metric = 'sales'
            and category = '' order by version_no desc limit 1),
         '压测：2,000 名销售代表的年度目标', now()
       from target_plans where company_id = $1 and fiscal_year = $2 and metric = 'sales' and category = ''
       returning id`,
      [companyId, year, `${year}年销售目标（压测组织）`],
    );
    const planId = plan.rows[0]!.id;
    // Per rep: the month target, and the team they sit in today (their lines count there).
    await client.query(
      `create temp table bt_rep_targets on commit drop as
       select e.id as employee_id, p.unit_id as team_id, t.parent_id as region_id,
         round(coalesce(h.amount, 0) / 12.0 * (90 + e.id % 21) / 100)::bigint as month_target
       from employees e
       join assignments a on a.employee_id = e.id and a.kind = 'primary' and a.end_date is null
       join positions p on p.id = a.position_id and p.code like 'BP-REP-%'
       join units t on t.id = p.unit_id
       left join (select employee_id, sum(amount) as amount from sales_rollups
                  where company_id = $1 and metric = 'sales' and grain = 'month' and category = ''
                    and period_start >= date_trunc('month', $2::date) - interval '12 months'
                    and period_start < date_trunc('month', $2::date)
                  group by 1) h on h.employee_id = e.id
       where e.company_id = $1`,
      [companyId, today],
    );
    // Periods: the twelve months of the year and this ISO week (its share: 7 days of this month's).
    await client.query(
      `create temp table bt_periods on commit drop as
       select to_char(m, 'YYYY-MM') as period, 'month' as grain, m::date as period_start,
         (m + interval '1 month - 1 day')::date as period_end, 1.0 as share
       from generate_series(make_date($1, 1, 1), make_date($1, 12, 1), interval '1 month') m
       union all
       select to_char($2::date, 'IYYY-"W"IW'), 'week', date_trunc('week', $2::date)::date,
         (date_trunc('week', $2::date) + interval '6 days')::date,
         7.0 / extract(day from date_trunc('month', $2::date) + interval '1 month - 1 day')`,
      [year, today],
    );
    const insert = (owner: string, select: string) =>
      client.query(
        `insert into target_lines (company_id, plan_id, owner_kind, unit_id, employee_id, period, grain,
           period_start, period_end, target, stretch, challenge)
         select $1, $2, '${owner}', s.unit_id, s.employee_id, p.period, p.grain, p.period_start, p.period_end,
           s.target, round(s.target * 1.1), round(s.target * 1.2)
         from bt_periods p cross join lateral (${select}) s`,
        [companyId, planId],
      );
    const t = performance.now();
    await insert(
      'employee',
      `select team_id as unit_id, employee_id, round(month_target * p.share)::bigint as target from bt_rep_targets`,
    );
    await insert(
      'unit',
      `select team_id as unit_id, null::int as employee_id, sum(round(month_target * p.share))::bigint as target
       from bt_rep_targets group by team_id`,
    );
    await insert(
      'unit',
      `select region_id as unit_id, null::int as employee_id, sum(round(month_target * p.share))::bigint as target
       from bt_rep_targets group by region_id`,
    );
    await insert(
      'company',
      `select null::int as unit_id, null::int as employee_id, sum(round(month_target * p.share))::bigint as target
       from bt_rep_targets`,
    );
    await client.query('commit');
    log(`target plan ${planId} published in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return planId;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
