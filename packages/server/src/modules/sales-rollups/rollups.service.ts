import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/db.ts';
import { orderLines, orders, salesReturns } from '../orders/orders.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { customerSalesRollups, productSalesRollups, salesRollups } from './rollups.table.ts';

/** Order statuses that count as sales: confirmed by the customer and, where needed, approved. */
export const COUNTED_ORDER_STATUSES = ['confirmed', 'partially_shipped', 'shipped', 'completed'] as const;

export type RollupMetric = 'sales' | 'returns' | 'collections' | 'new_customers';

/**
 * One ledger fact as the roll-ups see it: an amount (fen, or a count for new customers) credited to a
 * person and the team they were in on the day. Product and customer are set for sales and returns.
 */
export interface LedgerFact {
  metric: RollupMetric;
  day: string;
  employeeId: number;
  unitId: number | null;
  category: string;
  amount: number;
  productId?: number;
  quantity?: number;
  customerId?: number;
}

/** The facts an order contributes now: one per line while its status counts, none otherwise. */
export async function loadOrderFacts(tx: Executor, orderId: number): Promise<LedgerFact[]> {
  const rows = await tx
    .select({
      status: orders.status,
      day: orders.orderDate,
      employeeId: orders.ownerEmployeeId,
      unitId: orders.unitId,
      customerId: orders.customerId,
      productId: orderLines.productId,
      category: products.category,
      quantity: orderLines.quantity,
      amount: orderLines.amountFen,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orders.id, orderId))
    .orderBy(asc(orderLines.lineNo));
  return rows
    .filter((r) => (COUNTED_ORDER_STATUSES as readonly string[]).includes(r.status))
    .map(({ status: _s, ...r }) => ({ metric: 'sales' as const, ...r }));
}

/** A return lowers net sales on its own date (metric sales, negative) and is counted as returns. */
export async function loadReturnFacts(tx: Executor, returnId: number): Promise<LedgerFact[]> {
  const [ret] = await tx.select().from(salesReturns).where(eq(salesReturns.id, returnId));
  if (!ret) return [];
  const lines = ret.lines as { orderLineId: number; quantity: number; amountFen: number }[];
  const byLine = new Map(
    (
      await tx
        .select({ id: orderLines.id, productId: orderLines.productId, category: products.category })
        .from(orderLines)
        .innerJoin(products, eq(products.id, orderLines.productId))
        .where(
          inArray(
            orderLines.id,
            lines.map((l) => l.orderLineId),
          ),
        )
    ).map((l) => [l.id, l]),
  );
  return lines.flatMap((l) => {
    const line = byLine.get(l.orderLineId)!;
    const base = {
      day: ret.returnDate,
      employeeId: ret.ownerEmployeeId,
      unitId: ret.unitId,
      customerId: ret.customerId,
      productId: line.productId,
      category: line.category,
    };
    return [
      { ...base, metric: 'sales' as const, amount: -l.amountFen, quantity: -l.quantity },
      {
        metric: 'returns' as const,
        day: base.day,
        employeeId: base.employeeId,
        unitId: base.unitId,
        category: base.category,
        amount: l.amountFen,
      },
    ];
  });
}

interface Delta<K> {
  key: K;
  amount: number;
  quantity: number;
}

function accumulate<K>(map: Map<string, Delta<K>>, id: string, key: K, amount: number, quantity = 0) {
  const d = map.get(id);
  if (d) {
    d.amount += amount;
    d.quantity += quantity;
  } else map.set(id, { key, amount, quantity });
}

/**
 * Move the roll-ups from what the ledger said before a write to what it says after, inside the write's
 * transaction. Each fact counts at day and month grain, in its category and in the all-categories total
 * (''); sales facts also count per product and per customer and category. Keys are written in a fixed
 * order so that two transactions touching the same rows never deadlock.
 */
export async function applyLedgerFacts(
  tx: Executor,
  companyId: number,
  before: readonly LedgerFact[],
  after: readonly LedgerFact[],
): Promise<void> {
  const sales = new Map<
    string,
    Delta<{
      metric: string;
      grain: string;
      periodStart: string;
      employeeId: number;
      unitId: number;
      category: string;
    }>
  >();
  const byProduct = new Map<string, Delta<{ month: string; productId: number }>>();
  const byCustomer = new Map<string, Delta<{ month: string; customerId: number; category: string }>>();
  const add = (f: LedgerFact, sign: 1 | -1) => {
    const amount = sign * f.amount;
    const month = `${f.day.slice(0, 7)}-01`;
    const unitId = f.unitId ?? 0;
    for (const [grain, periodStart] of [
      ['day', f.day],
      ['month', month],
    ] as const) {
      for (const category of f.category === '' ? [''] : ['', f.category]) {
        const key = { metric: f.metric, grain, periodStart, employeeId: f.employeeId, unitId, category };
        accumulate(sales, JSON.stringify(Object.values(key)), key, amount);
      }
    }
    if (f.metric === 'sales' && f.productId !== undefined) {
      accumulate(
        byProduct,
        `${month}|${f.productId}`,
        { month, productId: f.productId },
        amount,
        sign * (f.quantity ?? 0),
      );
    }
    if (f.metric === 'sales' && f.customerId !== undefined) {
      const key = { month, customerId: f.customerId, category: f.category };
      accumulate(byCustomer, `${month}|${f.customerId}|${f.category}`, key, amount);
    }
  };
  for (const f of before) add(f, -1);
  for (const f of after) add(f, 1);

  const changed = <K>(map: Map<string, Delta<K>>) =>
    [...map.entries()]
      .filter(([, d]) => d.amount !== 0 || d.quantity !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);

  const salesRows = changed(sales);
  if (salesRows.length > 0) {
    await tx
      .insert(salesRollups)
      .values(salesRows.map((d) => ({ companyId, ...d.key, amount: d.amount })))
      .onConflictDoUpdate({
        target: [
          salesRollups.companyId,
          salesRollups.metric,
          salesRollups.grain,
          salesRollups.periodStart,
          salesRollups.employeeId,
          salesRollups.unitId,
          salesRollups.category,
        ],
        set: { amount: sql`${salesRollups.amount} + excluded.amount` },
      });
  }
  const productRows = changed(byProduct);
  if (productRows.length > 0) {
    await tx
      .insert(productSalesRollups)
      .values(productRows.map((d) => ({ companyId, ...d.key, amount: d.amount, quantity: d.quantity })))
      .onConflictDoUpdate({
        target: [productSalesRollups.companyId, productSalesRollups.month, productSalesRollups.productId],
        set: {
          amount: sql`${productSalesRollups.amount} + excluded.amount`,
          quantity: sql`${productSalesRollups.quantity} + excluded.quantity`,
        },
      });
  }
  const customerRows = changed(byCustomer);
  if (customerRows.length > 0) {
    await tx
      .insert(customerSalesRollups)
      .values(customerRows.map((d) => ({ companyId, ...d.key, amount: d.amount })))
      .onConflictDoUpdate({
        target: [
          customerSalesRollups.companyId,
          customerSalesRollups.month,
          customerSalesRollups.customerId,
          customerSalesRollups.category,
        ],
        set: { amount: sql`${customerSalesRollups.amount} + excluded.amount` },
      });
  }
}

const COUNTED_SQL = sql.join(
  COUNTED_ORDER_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * Every ledger fact of a company, straight from the ledger: the definition the roll-ups must equal.
 * Columns: metric, day, employee_id, unit_id, category, amount, product_id, quantity, customer_id.
 * With `productId`, only the sales and returns of that product.
 */
function ledgerFactsSql(companyId: number, productId?: number): SQL {
  const ofProduct = productId === undefined ? sql`` : sql` and l.product_id = ${productId}`;
  const salesAndReturns = sql`
    select 'sales'::text as metric, o.order_date as day, o.owner_employee_id as employee_id,
           coalesce(o.unit_id, 0) as unit_id, p.category, l.amount_fen::bigint as amount,
           l.product_id, l.quantity::bigint as quantity, o.customer_id
      from orders o join order_lines l on l.order_id = o.id join products p on p.id = l.product_id
     where o.company_id = ${companyId} and o.status in (${COUNTED_SQL})${ofProduct}
    union all
    select m.metric, r.return_date, r.owner_employee_id, coalesce(r.unit_id, 0), p.category,
           case m.metric when 'sales' then -x."amountFen" else x."amountFen" end,
           case m.metric when 'sales' then l.product_id end,
           case m.metric when 'sales' then -x.quantity end,
           case m.metric when 'sales' then r.customer_id end
      from sales_returns r
      cross join lateral jsonb_to_recordset(r.lines) as x("orderLineId" int, quantity bigint, "amountFen" bigint)
      join order_lines l on l.id = x."orderLineId" join products p on p.id = l.product_id
      cross join (values ('sales'), ('returns')) as m(metric)
     where r.company_id = ${companyId}${ofProduct}`;
  if (productId !== undefined) return salesAndReturns;
  return sql`${salesAndReturns}
    union all
    select 'collections', rc.received_on, rc.owner_employee_id, coalesce(rc.unit_id, 0), '', rc.amount_fen::bigint,
           null, null, null
      from receipts rc where rc.company_id = ${companyId} and rc.owner_employee_id is not null
    union all
    select 'new_customers', c.acquired_on, lg.to_employee_id, coalesce(c.acquired_unit_id, 0), '', 1::bigint,
           null, null, null
      from customers c join customer_ownership_log lg on lg.customer_id = c.id and lg.reason = 'create'
     where c.company_id = ${companyId} and lg.to_employee_id is not null`;
}

function recomputedSalesSql(companyId: number): SQL {
  return sql`
    select f.metric, g.grain,
           case g.grain when 'day' then f.day else date_trunc('month', f.day)::date end as period_start,
           f.employee_id, f.unit_id, c.category, sum(f.amount)::bigint as amount
      from (${ledgerFactsSql(companyId)}) f
      cross join (values ('day'), ('month')) as g(grain)
      cross join lateral (select ''::text as category union all select f.category where f.category <> '') c
     group by 1, 2, 3, 4, 5, 6
    having sum(f.amount) <> 0`;
}

function recomputedProductSql(companyId: number): SQL {
  return sql`
    select date_trunc('month', f.day)::date as month, f.product_id,
           sum(f.quantity)::bigint as quantity, sum(f.amount)::bigint as amount
      from (${ledgerFactsSql(companyId)}) f
     where f.metric = 'sales'
     group by 1, 2
    having sum(f.amount) <> 0 or sum(f.quantity) <> 0`;
}

function recomputedCustomerSql(companyId: number): SQL {
  return sql`
    select date_trunc('month', f.day)::date as month, f.customer_id, f.category, sum(f.amount)::bigint as amount
      from (${ledgerFactsSql(companyId)}) f
     where f.metric = 'sales'
     group by 1, 2, 3
    having sum(f.amount) <> 0`;
}

/**
 * A product moved to another category: its sales and returns, which the roll-ups counted under the old
 * category, now count under the new one (the ledger lines carry the product, not its category, so the
 * recomputation already sees them there). Set-wise, in the product update's transaction; the
 * all-categories rows ('') and the per-product roll-ups do not change.
 */
export async function moveProductCategory(
  tx: Executor,
  companyId: number,
  productId: number,
  from: string,
  to: string,
): Promise<void> {
  if (from === to) return;
  const facts = ledgerFactsSql(companyId, productId);
  const moves = sql`(values (${from}::text, -1), (${to}::text, 1)) as c(category, sign)`;
  await tx.execute(sql`
    insert into sales_rollups (company_id, metric, grain, period_start, employee_id, unit_id, category, amount)
    select ${companyId}, f.metric, g.grain,
           case g.grain when 'day' then f.day else date_trunc('month', f.day)::date end,
           f.employee_id, f.unit_id, c.category, sum(f.amount * c.sign)::bigint
      from (${facts}) f
      cross join (values ('day'), ('month')) as g(grain)
      cross join ${moves}
     group by 2, 3, 4, 5, 6, 7
    having sum(f.amount) <> 0
     order by 2, 3, 4, 5, 6, 7
    on conflict (company_id, metric, grain, period_start, employee_id, unit_id, category)
    do update set amount = sales_rollups.amount + excluded.amount`);
  await tx.execute(sql`
    insert into customer_sales_rollups (company_id, month, customer_id, category, amount)
    select ${companyId}, date_trunc('month', f.day)::date, f.customer_id, c.category, sum(f.amount * c.sign)::bigint
      from (${facts}) f
      cross join ${moves}
     where f.metric = 'sales'
     group by 2, 3, 4
    having sum(f.amount) <> 0
     order by 2, 3, 4
    on conflict (company_id, month, customer_id, category)
    do update set amount = customer_sales_rollups.amount + excluded.amount`);
}

/**
 * Throw the company's roll-ups away and build them again from the ledger, set-wise: after a bulk load
 * (demo data, an import, a restore) and when a database created before roll-ups existed is migrated.
 */
export async function rebuildRollups(tx: Executor, companyId: number): Promise<void> {
  await tx.delete(salesRollups).where(eq(salesRollups.companyId, companyId));
  await tx.delete(productSalesRollups).where(eq(productSalesRollups.companyId, companyId));
  await tx.delete(customerSalesRollups).where(eq(customerSalesRollups.companyId, companyId));
  // Written in key order: a dashboard reads one period's rows of many people, and rows of one period
  // lying together on disk make that a few pages instead of one page per row (as rows written day by day
  // by the ledger writes already do).
  await tx.execute(sql`
    insert into sales_rollups (company_id, metric, grain, period_start, employee_id, unit_id, category, amount)
    select ${companyId}, r.* from (${recomputedSalesSql(companyId)}) r
     order by r.metric, r.grain, r.category, r.period_start, r.employee_id, r.unit_id`);
  await tx.execute(sql`
    insert into product_sales_rollups (company_id, month, product_id, quantity, amount)
    select ${companyId}, r.* from (${recomputedProductSql(companyId)}) r order by r.month, r.product_id`);
  await tx.execute(sql`
    insert into customer_sales_rollups (company_id, month, customer_id, category, amount)
    select ${companyId}, r.* from (${recomputedCustomerSql(companyId)}) r
     order by r.month, r.customer_id, r.category`);
}

export interface RollupSnapshot {
  sales: string[];
  products: string[];
  customers: string[];
}

/** Roll-ups as sorted text rows, zero rows left out: stored (`stored`) or recomputed from the ledger. */
export async function snapshotRollups(
  tx: Executor,
  companyId: number,
  from: 'stored' | 'ledger',
): Promise<RollupSnapshot> {
  const read = async (query: SQL) => {
    const result = await tx.execute(query);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return rows.map((r) => Object.values(r).map(String).join('|')).sort();
  };
  if (from === 'ledger') {
    return {
      sales: await read(recomputedSalesSql(companyId)),
      products: await read(recomputedProductSql(companyId)),
      customers: await read(recomputedCustomerSql(companyId)),
    };
  }
  return {
    sales: await read(sql`select metric, grain, period_start, employee_id, unit_id, category, amount
      from sales_rollups where company_id = ${companyId} and amount <> 0`),
    products: await read(sql`select month, product_id, quantity, amount
      from product_sales_rollups where company_id = ${companyId} and (amount <> 0 or quantity <> 0)`),
    customers: await read(sql`select month, customer_id, category, amount
      from customer_sales_rollups where company_id = ${companyId} and amount <> 0`),
  };
}

/** Rebuild the roll-ups of every company that has ledger rows but none yet (a database from before them). */
export async function ensureRollups(tx: Executor): Promise<void> {
  const result = await tx.execute(sql`
    select c.id from companies c
     where not exists (select 1 from sales_rollups s where s.company_id = c.id)
       and (exists (select 1 from orders o where o.company_id = c.id)
         or exists (select 1 from receipts r where r.company_id = c.id))`);
  for (const row of (result as unknown as { rows: { id: number }[] }).rows) {
    await rebuildRollups(tx, Number(row.id));
  }
}
