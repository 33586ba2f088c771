import { sql, type SQL } from 'drizzle-orm';
import type {
  MarketAnalysis,
  MarketAnalysisQuery,
  MarketCell,
  ProductAnalysis,
  ProductAnalysisQuery,
  ProductVelocity,
} from '@zuzhang/api-schema';
import {
  computeChange,
  computeCoverage,
  computeMarketShare,
  computeSalesVelocity,
  parsePeriod,
  periodOf,
  previousPeriod,
} from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { periodInfoOf } from './progress.service.ts';

/**
 * Product and market analysis (issue 4 item 7): best sellers and slow movers by sales velocity (畅销 / 滞销)
 * with the change against the previous period (环比), and market share and coverage (市场占有率 / 覆盖率) per
 * region and category against the sizes the company entered.
 *
 * Both are company-wide figures: product roll-ups carry no seller, and a share of a market is only
 * meaningful for the whole company's sales in it. So they are for callers with company scope (the VP, the
 * director, the admin); anyone else gets 403 rather than a share computed from a slice of the sales.
 */

function requireCompanyScope(actor: Actor): void {
  authorize(actor, 'target.read');
  if (!actor.scope.company) throw new AppError('forbidden', 'progress.companyScopeRequired');
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

interface ProductSqlRow {
  id: number;
  code: string;
  name: string;
  category: string;
  active: boolean;
  quantity: number | string;
  amount: number | string;
  previous_quantity: number | string;
  previous_amount: number | string;
  rank: number | string;
  down: number | string;
  up: number | string;
  n: number | string;
}

/**
 * 畅销 / 滞销 over the period (a month, quarter or year: product roll-ups are monthly). Products compared:
 * the active catalogue (a product that sold nothing is the slowest mover of all) and inactive products
 * that sold in the period. Velocity is per day gone by (domain computeSalesVelocity), so every product of a
 * period shares one divisor and the database ranks by the amount itself: the `limit` fastest are best
 * sellers, the `limit` slowest of the rest slow movers, ties by name (the rule of domain classifyProducts,
 * applied in SQL so that only the rows shown leave the database).
 */
export async function analyseProducts(
  db: Db,
  actor: Actor,
  query: ProductAnalysisQuery,
): Promise<ProductAnalysis> {
  requireCompanyScope(actor);
  const period = query.period ?? periodOf(actor.today, 'month');
  const previous = previousPeriod(period);
  const p = parsePeriod(period);
  const pp = parsePeriod(previous);
  const key = sql.raw(query.by === 'quantity' ? 'b.quantity' : 'b.amount');
  const sums = (from: string, to: string) => sql`select r.product_id, sum(r.quantity)::bigint as quantity,
      sum(r.amount)::bigint as amount
    from product_sales_rollups r
   where r.company_id = ${actor.companyId} and r.month between ${from}::date and ${to}::date
   group by 1`;
  const rows = await rowsOf<ProductSqlRow>(
    db,
    sql`with cur as (${sums(p.from, p.to)}), prev as (${sums(pp.from, pp.to)}),
      b as (select pr.id, pr.code, pr.name, pr.category, pr.active,
          coalesce(cur.quantity, 0) as quantity, coalesce(cur.amount, 0) as amount,
          coalesce(prev.quantity, 0) as previous_quantity, coalesce(prev.amount, 0) as previous_amount
        from products pr left join cur on cur.product_id = pr.id left join prev on prev.product_id = pr.id
       where pr.company_id = ${actor.companyId} and (pr.active or cur.product_id is not null)),
      ranked as (select b.*, rank() over (order by ${key} desc) as rank,
          row_number() over (order by ${key} desc, b.name collate "C", b.id) as down,
          row_number() over (order by ${key}, b.name collate "C" desc, b.id desc) as up,
          count(*) over () as n
        from b)
    select * from ranked where down <= ${query.limit} or up <= ${query.limit} order by down`,
  );
  const current = computeSalesVelocity(
    rows.map((r) => ({ row: r, quantity: Number(r.quantity), amountFen: Number(r.amount) })),
    period,
    actor.today,
  );
  const before = computeSalesVelocity(
    rows.map((r) => ({ quantity: Number(r.previous_quantity), amountFen: Number(r.previous_amount) })),
    previous,
    actor.today,
  );
  const started = current[0]?.days !== 0;
  const items: (ProductVelocity & { down: number; up: number })[] = current.map((c, i) => {
    const r = c.row;
    const was = before[i]!;
    const speed = query.by === 'quantity' ? c.quantityPerDay : c.amountPerDay;
    const previousSpeed = query.by === 'quantity' ? was.quantityPerDay : was.amountPerDay;
    const down = Number(r.down);
    const up = Number(r.up);
    return {
      productId: Number(r.id),
      code: r.code,
      name: r.name,
      category: r.category,
      active: Boolean(r.active),
      quantity: c.quantity,
      amountFen: c.amountFen,
      quantityPerDay: c.quantityPerDay?.toNumber() ?? null,
      amountPerDay: c.amountPerDay?.toNumber() ?? null,
      previousQuantity: was.quantity,
      previousAmountFen: was.amountFen,
      change:
        speed === null || previousSpeed === null
          ? null
          : (computeChange(speed, previousSpeed)?.toNumber() ?? null),
      rank: started ? Number(r.rank) : null,
      // Best seller wins when a product would be both (a catalogue smaller than twice the limit).
      classification: !started
        ? 'normal'
        : down <= query.limit
          ? 'best_seller'
          : up <= query.limit
            ? 'slow_mover'
            : 'normal',
      down,
      up,
    };
  });
  const strip = ({ down: _d, up: _u, ...item }: (typeof items)[number]): ProductVelocity => item;
  return {
    period: periodInfoOf(period, actor.today),
    previousPeriod: previous,
    by: query.by,
    productCount: Number(rows[0]?.n ?? 0),
    bestSellers: items.filter((i) => i.classification === 'best_seller').map(strip),
    slowMovers: items
      .filter((i) => i.classification === 'slow_mover')
      .sort((a, b) => a.up - b.up)
      .map(strip),
  };
}

/**
 * 市场占有率 / 覆盖率 for a year: our net sales per customer region and product category (customer roll-ups,
 * the customer's region joined when read) against the market size and outlet count entered for that region
 * and category. Every pair with sales or with a size entered is listed; share and coverage are null where
 * no size (or no outlet count) is entered.
 */
export async function analyseMarket(
  db: Db,
  actor: Actor,
  query: MarketAnalysisQuery,
): Promise<MarketAnalysis> {
  requireCompanyScope(actor);
  const year = query.year ?? Number(actor.today.slice(0, 4));
  const { from, to } = parsePeriod(String(year));
  const region = query.region ? sql`and c.region = ${query.region}` : sql``;
  const category = query.category ? sql`and r.category = ${query.category}` : sql``;
  const [sales, sizes] = await Promise.all([
    rowsOf<{ region: string; category: string; sales: number | string; buyers: number | string }>(
      db,
      sql`select c.region, r.category, sum(r.amount)::bigint as sales, count(*) filter (where r.amount > 0)::int as buyers
        from (select customer_id, category, sum(amount) as amount from customer_sales_rollups
               where company_id = ${actor.companyId} and month between ${from}::date and ${to}::date
               group by 1, 2) r
        join customers c on c.id = r.customer_id
       where true ${region} ${category}
       group by 1, 2`,
    ),
    rowsOf<{ region: string; category: string; market_size_fen: number | string; outlet_count: number }>(
      db,
      sql`select region, category, market_size_fen, outlet_count from market_sizes
       where company_id = ${actor.companyId} and year = ${year}
         ${query.region ? sql`and region = ${query.region}` : sql``}
         ${query.category ? sql`and category = ${query.category}` : sql``}`,
    ),
  ]);
  const cells = new Map<string, MarketCell>();
  const cellOf = (regionName: string, categoryName: string) => {
    const id = JSON.stringify([regionName, categoryName]);
    let cell = cells.get(id);
    if (!cell) {
      cell = {
        region: regionName,
        category: categoryName,
        salesFen: 0,
        buyingCustomers: 0,
        marketSizeFen: null,
        outletCount: null,
        share: null,
        coverage: null,
      };
      cells.set(id, cell);
    }
    return cell;
  };
  for (const s of sales) {
    const cell = cellOf(s.region, s.category);
    cell.salesFen = Number(s.sales);
    cell.buyingCustomers = Number(s.buyers);
  }
  for (const m of sizes) {
    const cell = cellOf(m.region, m.category);
    cell.marketSizeFen = Number(m.market_size_fen);
    cell.outletCount = Number(m.outlet_count);
  }
  const list = [...cells.values()].sort((a, b) =>
    a.region !== b.region
      ? a.region < b.region
        ? -1
        : 1
      : a.category < b.category
        ? -1
        : a.category > b.category
          ? 1
          : 0,
  );
  let sizedSales = 0;
  let sizeTotal = 0;
  for (const cell of list) {
    if (cell.marketSizeFen !== null) {
      cell.share = computeMarketShare(cell.salesFen, cell.marketSizeFen)?.toNumber() ?? null;
      cell.coverage = computeCoverage(cell.buyingCustomers, cell.outletCount ?? 0)?.toNumber() ?? null;
      sizedSales += cell.salesFen;
      sizeTotal += cell.marketSizeFen;
    }
  }
  return {
    year,
    cells: list,
    totals: {
      salesFen: list.reduce((s, c) => s + c.salesFen, 0),
      marketSizeFen: sizeTotal,
      share: computeMarketShare(sizedSales, sizeTotal)?.toNumber() ?? null,
    },
  };
}
