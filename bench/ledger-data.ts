// A generated sales ledger for the `ledger` benchmark (issue 3, "Figures"): 100,000 customers, 1,000,000
// order lines and 300,000 receipts at scale 1, written by PostgreSQL itself (INSERT … SELECT over
// generate_series), so a full-size company takes about a minute rather than hours of row-by-row inserts.
// Everything is derived from the row number, so two runs at the same scale build the same ledger.
// The figures stay consistent: order totals are the sums of their lines (amounts tax included, tax inside
// rounded half away from zero as computeLine does), a receipt pays one order and never more than it owes,
// and unallocated = amount − allocation.
import pg from 'pg';
import { openDatabase } from '../packages/server/src/platform/db/db.ts';
import { refreshOpenAmounts } from '../packages/server/src/modules/receivables/open-amount.ts';

export interface LedgerDataOptions {
  /** 1 = 100,000 customers, 1,000,000 order lines, 300,000 receipts. */
  scale: number;
  /** The last day of the history (YYYY-MM-DD). */
  today: string;
  log?: (message: string) => void;
}

export interface LedgerDataResult {
  companyId: number;
  customers: number;
  orders: number;
  orderLines: number;
  receipts: number;
  allocations: number;
  milliseconds: number;
}

/** Marks the generated rows, so the bench can tell them from the demo company's own. */
export const BENCH_NOTE = 'bench';

const CITIES = [
  '苏州',
  '上海',
  '杭州',
  '宁波',
  '南京',
  '无锡',
  '广州',
  '深圳',
  '东莞',
  '佛山',
  '厦门',
  '中山',
];
const BRANDS = (
  '恒通 华远 鑫达 盛源 金鹏 瑞丰 宏达 永信 天瑞 嘉禾 博雅 锦程 德信 万和 新润 佳美 鼎盛 昌隆 广源 和信 同创 ' +
  '优品 美佳 安达 汇通 富华 兴业 康达 润泽 明阳 华邦 联创 众诚 荣华 顺昌 亿丰 鸿运 长盛 金诺 星辰 云帆 启航 ' +
  '睿智 卓越 信诚 宝丰 旭日 南洋 海川 凯瑞 正源 泰和 恒信 聚源 立达 青禾 一品 百川 千禧 万隆'
).split(' ');
const SUFFIXES = [
  '包装材料有限公司',
  '食品有限公司',
  '电子科技有限公司',
  '茶业有限公司',
  '生物科技有限公司',
  '商贸有限公司',
  '服饰有限公司',
  '家居用品有限公司',
  '医药有限公司',
  '电子商务有限公司',
];
const INDUSTRIES = [
  '包装经销',
  '食品',
  '电子',
  '茶叶',
  '化妆品',
  '贸易代理',
  '服装',
  '家居',
  '医药',
  '电商平台',
];

/** The GB 32100 check character of a credit code body, in SQL (the weights and character set of the standard). */
const CHECK_CHARACTER = `substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((31 - (select sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY',
    substr(body, k, 1)) - 1) * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[k]) from generate_series(1, 17) k) % 31) % 31)::int + 1, 1)`;

function textArray(values: string[]): string {
  return `(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}])`;
}

/**
 * Adds the generated ledger to the demo company of the database at `url` (seeded by the server's first
 * start). Customers are spread over the demo reps (5% in the pool); orders over the last 365 days.
 */
export async function generateLedgerData(url: string, options: LedgerDataOptions): Promise<LedgerDataResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const customerCount = Math.max(100, Math.round(100_000 * options.scale));
  // 1 + id % 5 lines per order: three on average.
  const orderCount = Math.max(50, Math.round((1_000_000 * options.scale) / 3));
  const receiptCount = Math.max(30, Math.round(300_000 * options.scale));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await client.query(text, values);
    log(`${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    const company = await client.query<{ id: number }>(`select id from companies where code = 'demo'`);
    const companyId = company.rows[0]?.id;
    if (companyId === undefined)
      throw new Error('the bench database has no demo company (start the server once first)');
    const today = options.today;

    await client.query('begin');
    await step(
      'reps',
      `create temp table bench_reps on commit drop as
       select (row_number() over (order by e.id) - 1)::int as n, e.id as employee_id, p.unit_id,
         case when un.code like 'XS-S%' then '华南' else '华东' end as region
       from users u join employees e on e.id = u.employee_id
       join assignments a on a.employee_id = e.id and a.kind = 'primary'
       join positions p on p.id = a.position_id join units un on un.id = p.unit_id
       where u.company_id = $1 and u.username ~ '^rep[0-9]+$'`,
      [companyId],
    );
    const reps = (await client.query<{ n: number }>('select count(*)::int as n from bench_reps')).rows[0]!.n;
    if (reps === 0) throw new Error('the demo company has no reps (rep1 … rep9)');

    await step(
      'products',
      `insert into products (company_id, code, name, category, unit, list_price_fen, tax_rate_bp, shelf_life_days, discount_floor_bp)
       select $1, 'BENCH-' || lpad(g::text, 3, '0'), '测试货品 ' || g,
         (array['包装材料', '印刷品', '礼盒', '食品礼盒'])[1 + g % 4], '个',
         50 + (g * 997) % 20000, case when g % 7 = 0 then 900 else 1300 end, null, 9000
       from generate_series(0, 19) g`,
      [companyId],
    );
    await client.query(
      `create temp table bench_products on commit drop as
       select (row_number() over (order by id) - 1)::int as n, id, list_price_fen, tax_rate_bp
       from products where company_id = $1 and code like 'BENCH-%'`,
      [companyId],
    );

    const cities = textArray(CITIES);
    const brands = textArray(BRANDS);
    const suffixes = textArray(SUFFIXES);
    const industries = textArray(INDUSTRIES);
    const combos = CITIES.length * BRANDS.length * SUFFIXES.length;
    await step(
      'customers',
      `insert into customers (company_id, name, kind, category, level, region, industry, source, owner_employee_id,
         credit_code, mobile, address, note, vetting_status, last_activity_on, created_at)
       select $1, c.name, 'company', c.category, c.level, coalesce(r.region, '华东'), c.industry, 'visit', r.employee_id,
         c.body || ${CHECK_CHARACTER.replaceAll('body', 'c.body')}, c.mobile, '', '${BENCH_NOTE}', 'approved',
         ($2::date - (g * 7 % 400))::date, ($2::date - (g % 1000))::timestamptz
       from generate_series(1, $3) g
       cross join lateral (select
           ${cities}[1 + g % ${CITIES.length}] || ${brands}[1 + (g / ${CITIES.length}) % ${BRANDS.length}]
             || ${suffixes}[1 + (g / ${CITIES.length * BRANDS.length}) % ${SUFFIXES.length}]
             || case when g >= ${combos} then '（' || (g / ${combos}) || '）' else '' end as name,
           case when g % 50 < 30 then 'end_customer' when g % 50 < 38 then 'dealer' when g % 50 < 42 then 'agent'
             when g % 50 < 47 then 'alliance' else 'online_platform' end as category,
           case when g % 20 < 4 then 'A' when g % 20 < 13 then 'B' else 'C' end as level,
           ${industries}[1 + g % ${INDUSTRIES.length}] as industry,
           '91110108' || lpad(g::text, 9, '0') as body,
           '1' || (array['38', '39', '50', '86', '89', '77'])[1 + g % 6] || lpad((g::bigint * 7919 % 100000000)::text, 8, '0') as mobile
         ) c
       left join bench_reps r on g % 20 <> 0 and r.n = (g * 7) % ${reps}`,
      [companyId, today, customerCount],
    );
    await client.query(
      `create temp table bench_owned on commit drop as
       select (row_number() over (order by id) - 1)::int as rn, id, owner_employee_id from customers
       where company_id = $1 and note = '${BENCH_NOTE}' and owner_employee_id is not null`,
      [companyId],
    );
    await client.query('create index on bench_owned (rn)');
    const owned = (await client.query<{ n: number }>('select count(*)::int as n from bench_owned')).rows[0]!
      .n;

    await step(
      'orders',
      `insert into orders (company_id, no, customer_id, owner_employee_id, unit_id, order_date, status, total_fen,
         tax_fen, due_on, note, created_at)
       select $1, 'SO' || to_char(x.d, 'YYYYMM') || lpad(g::text, 7, '0'), c.id, c.owner_employee_id, r.unit_id, x.d,
         case when g % 100 = 0 then 'cancelled' when x.d > $2::date - 10 then 'confirmed' else 'shipped' end,
         0, 0, x.d + 30, '${BENCH_NOTE}', x.d::timestamptz + interval '10 hours'
       from generate_series(1, $3) g
       cross join lateral (select ($2::date - (g::bigint * 7919 % 365)::int)::date as d) x
       join bench_owned c on c.rn = (g::bigint * 104729 % ${owned})::int
       join bench_reps r on r.employee_id = c.owner_employee_id`,
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
       join bench_products p on p.n = (o.id * 7 + k * 3) % 20
       cross join lateral (select 100 + (o.id * 31 + k * 17) % 4900 as q,
         case when (o.id + k) % 10 < 7 then 0 when (o.id + k) % 10 < 9 then 300 else 500 end as discount) q
       cross join lateral (select round(p.list_price_fen::numeric * q.q * (10000 - q.discount) / 10000) as amount) a
       where o.company_id = $1 and o.note = '${BENCH_NOTE}'`,
      [companyId],
    );
    await step(
      'order totals',
      `update orders o set total_fen = s.amount, tax_fen = s.tax
       from (select order_id, sum(amount_fen) as amount, sum(tax_fen) as tax from order_lines
             where company_id = $1 group by order_id) s
       where s.order_id = o.id and o.note = '${BENCH_NOTE}'`,
      [companyId],
    );

    // Receipts: shipped orders at least 20 days old, in a scrambled order; most paid in full, some in part,
    // some over-paid (the rest stays as credit). A receipt pays 20–60 days after its order.
    await step(
      'receipt plan',
      `create temp table bench_pay on commit drop as
       select rn, order_id, customer_id, owner_employee_id, received_on, allocated,
         allocated + case when rn % 100 >= 94 then 100000 - allocated % 100000 else 0 end as amount
       from (select row_number() over (order by (o.id::bigint * 2654435761) % 4294967296, o.id) as rn,
               o.id as order_id, o.customer_id, o.owner_employee_id, least(o.order_date + 20 + (o.id % 41)::int, $2::date) as received_on,
               o.total_fen
             from orders o where o.company_id = $1 and o.note = '${BENCH_NOTE}' and o.status = 'shipped'
               and o.order_date <= $2::date - 20) s
       cross join lateral (select case when s.rn % 100 between 80 and 91 then s.total_fen / 2 else s.total_fen end as allocated) a
       where s.rn <= $3`,
      [companyId, today, receiptCount],
    );
    await step(
      'receipts',
      `insert into receipts (company_id, customer_id, owner_employee_id, received_on, amount_fen, method, payer,
         reference, idempotency_key, unallocated_fen, created_at)
       select $1, p.customer_id, p.owner_employee_id, p.received_on, p.amount, 'bank', c.name, 'HX' || p.rn,
         '${BENCH_NOTE}-' || p.rn, p.amount - p.allocated, p.received_on::timestamptz + interval '15 hours'
       from bench_pay p join customers c on c.id = p.customer_id`,
      [companyId],
    );
    await step(
      'allocations',
      `insert into receipt_allocations (company_id, receipt_id, order_id, amount_fen, allocated_on)
       select $1, r.id, p.order_id, p.allocated, p.received_on
       from bench_pay p join receipts r on r.company_id = $1 and r.idempotency_key = '${BENCH_NOTE}-' || p.rn`,
      [companyId],
    );
    await client.query('commit');
    // Each order's open amount (orders.open_fen), by the server's own code, as the services keep it.
    const t = performance.now();
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    try {
      await refreshOpenAmounts(database.db, { companyId });
    } finally {
      await database.close();
    }
    log(`open amounts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // As a database in service would be: hint bits set, visibility map and statistics up to date.
    await step('vacuum analyze', 'vacuum analyze');

    const counts = await client.query<Record<string, number>>(
      `select (select count(*)::int from customers where company_id = $1) as customers,
         (select count(*)::int from orders where company_id = $1) as orders,
         (select count(*)::int from order_lines where company_id = $1) as "orderLines",
         (select count(*)::int from receipts where company_id = $1) as receipts,
         (select count(*)::int from receipt_allocations where company_id = $1) as allocations`,
      [companyId],
    );
    const c = counts.rows[0]!;
    return {
      companyId,
      customers: c.customers!,
      orders: c.orders!,
      orderLines: c.orderLines!,
      receipts: c.receipts!,
      allocations: c.allocations!,
      milliseconds: performance.now() - started,
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
