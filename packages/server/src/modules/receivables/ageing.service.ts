import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AgeingQuery, AgeingReport, Locale, OverdueOrder, OverdueQuery } from '@zuzhang/api-schema';
import { AGEING_BANDS, ageingBand, daysOverdue, emptyBands, type AgeingBand } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { fieldError } from '../../platform/errors/app-error.ts';
import { offsetOf } from '../../platform/http/paging.ts';
import { customers } from '../customers/customers.table.ts';
import { employees, units } from '../org/org.table.ts';
import { orders } from '../orders/orders.table.ts';
import { orderBalancesSql } from './open-amount.ts';
import { isReceivableOrder } from './ledger-refs.ts';
import { AGEING_EXPORT_MESSAGES } from './ageing-export.messages.ts';

/**
 * 账龄 (receivables ageing) and the overdue list (催收): the open amount of every receivable order in the
 * caller's scope as of a day, by band of days overdue. The open amount is the one definition in
 * open-amount.ts, taken as of the day (documents dated after it do not count yet). Both are computed in the
 * database, set-wise: each settlement is summed once per order, then banded, grouped and totalled (the
 * report) or sorted and paged (the overdue list), so only the rows shown reach the server.
 */

/**
 * The domain's `ageingBand` (packages/domain/src/receivables/ageing.ts), which stays the definition, in SQL:
 * days overdue = `asOf` − due date in calendar days; below 0 not yet due ('current'), then 0–30, 31–60,
 * 61–90 and over 90. Both are checked against each other at every boundary (ageing-band.test.ts).
 */
export function ageingBandSql(dueOn: SQL, asOf: SQL): SQL<AgeingBand> {
  const days = sql`(${asOf} - ${dueOn})`;
  return sql<AgeingBand>`case when ${days} < 0 then 'current' when ${days} <= 30 then '0-30'
    when ${days} <= 60 then '31-60' when ${days} <= 90 then '61-90' else '90+' end`;
}

/**
 * Receivable orders of the caller's scope taken on or before `asOf` with money open on that day, one row
 * each (columns of `orderBalancesSql`). As of today (no document can be dated later) the open amount is the
 * one kept on the order (`orders.open_fen`, read through its partial index); as of a past day it is summed
 * from the documents dated up to that day.
 */
function openOrdersSql(actor: Actor, asOf: string, extra?: SQL): SQL {
  const where = and(
    eq(orders.companyId, actor.companyId),
    isReceivableOrder(),
    lte(orders.orderDate, asOf),
    inScope.customer(actor, orders.customerId),
    extra,
  )!;
  if (asOf >= actor.today) {
    return sql`select ${orders.id} as order_id, ${orders.no} as order_no, ${orders.customerId} as customer_id,
        ${orders.ownerEmployeeId} as owner_employee_id, ${orders.unitId} as unit_id,
        ${orders.orderDate} as order_date, coalesce(${orders.dueOn}, ${orders.orderDate}) as due_on,
        ${orders.totalFen} as total_fen, ${orders.openFen} as open_fen
      from ${orders} where ${where} and ${orders.openFen} > 0`;
  }
  return sql`select * from (${orderBalancesSql(where, asOf)}) balances where balances.open_fen > 0`;
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

interface AgeingSqlRow {
  is_total: boolean;
  id: number | null;
  name: string | null;
  band_current: number | string;
  band_0_30: number | string;
  band_31_60: number | string;
  band_61_90: number | string;
  band_90_plus: number | string;
  total_fen: number | string;
  order_count: number;
}

/**
 * The columns a report is grouped by, and how to list its groups in the order their first orders are met
 * when the open orders are read by customer name, then order id (`firstSeen`; see buildAgeingReport).
 */
const AGEING_GROUPS = {
  customer: {
    id: sql`b.customer_id`,
    name: sql`b.customer_name`,
    join: sql``,
    firstSeen: sql`b.customer_name, min(b.order_id)`,
  },
  owner: {
    id: sql`b.owner_employee_id`,
    name: sql`e.name`,
    join: sql`join ${employees} e on e.id = b.owner_employee_id`,
    firstSeen: sql`min(b.seen)`,
  },
  team: {
    id: sql`b.unit_id`,
    name: sql`u.name`,
    join: sql`left join ${units} u on u.id = b.unit_id`,
    firstSeen: sql`min(b.seen)`,
  },
} as const;

/**
 * One row per group with its bands, total and count of open orders, and a last row (`is_total`) with the
 * totals: banded, grouped and summed in one statement. With `firstSeen`, the groups come in the order their
 * first orders are met (what costs a sort of every open order, for owners and teams).
 */
async function queryAgeingRows(
  db: Db,
  actor: Actor,
  asOf: string,
  groupBy: AgeingQuery['groupBy'],
  firstSeen: boolean,
  narrow: SQL | undefined,
): Promise<AgeingSqlRow[]> {
  const group = AGEING_GROUPS[groupBy];
  const bandSum = (band: AgeingBand) =>
    sql`coalesce(sum(b.open_fen) filter (where b.band = ${sql.raw(`'${band}'`)}), 0)::bigint`;
  const byCustomer = groupBy === 'customer';
  const customer = byCustomer || firstSeen ? sql`join ${customers} c on c.id = o.customer_id` : sql``;
  const extra = byCustomer
    ? sql`, c.name as customer_name`
    : firstSeen
      ? sql`, row_number() over (order by c.name, o.order_id) as seen`
      : sql``;
  return rowsOf<AgeingSqlRow>(
    db,
    sql`select grouping(${group.id}) = 1 as is_total, ${group.id} as id, ${group.name} as name,
        ${bandSum('current')} as band_current, ${bandSum('0-30')} as band_0_30, ${bandSum('31-60')} as band_31_60,
        ${bandSum('61-90')} as band_61_90, ${bandSum('90+')} as band_90_plus,
        coalesce(sum(b.open_fen), 0)::bigint as total_fen, count(*)::int as order_count
      from (select o.order_id, o.customer_id, o.owner_employee_id, o.unit_id, o.open_fen,
          ${ageingBandSql(sql`o.due_on`, sql`${asOf}::date`)} as band${extra}
        from (${openOrdersSql(actor, asOf, narrow)}) o ${customer}) b
      ${group.join}
      group by grouping sets ((${group.id}, ${group.name}), ())
      order by is_total${firstSeen ? sql`, ${group.firstSeen}` : sql``}`,
  );
}

/**
 * The ageing report of the caller's scope; `options.owners` narrows it to the orders credited to these
 * people (a team dashboard reads its members' money only).
 */
export async function buildAgeingReport(
  db: Db,
  actor: Actor,
  query: AgeingQuery,
  options: { owners?: readonly number[] } = {},
): Promise<AgeingReport> {
  authorize(actor, 'customer.read');
  const asOf = query.asOf ?? actor.today;
  const narrow =
    options.owners === undefined
      ? undefined
      : options.owners.length === 0
        ? sql`false`
        : inArray(orders.ownerEmployeeId, [...options.owners]);
  const bandsOf = (r: AgeingSqlRow) => ({
    current: Number(r.band_current),
    '0-30': Number(r.band_0_30),
    '31-60': Number(r.band_31_60),
    '61-90': Number(r.band_61_90),
    '90+': Number(r.band_90_plus),
  });
  // Largest receivable first: what the reader chases first. Groups tied on total and name stay in the order
  // their first orders are met (by customer name, then order id; the sort is stable). Ties are rare, so that
  // order is asked of the database only when there is one.
  const groupsOf = (rows: AgeingSqlRow[]) =>
    rows
      .filter((r) => !r.is_total)
      .map((r) => ({
        id: r.id === null ? null : Number(r.id),
        name: r.name ?? '',
        bands: bandsOf(r),
        totalFen: Number(r.total_fen),
        orderCount: Number(r.order_count),
      }))
      .sort((a, b) => b.totalFen - a.totalFen || a.name.localeCompare(b.name));
  let rows = await queryAgeingRows(db, actor, asOf, query.groupBy, false, narrow);
  let groups = groupsOf(rows);
  const tied = groups.some(
    (g, i) =>
      i > 0 && g.totalFen === groups[i - 1]!.totalFen && g.name.localeCompare(groups[i - 1]!.name) === 0,
  );
  if (tied) {
    rows = await queryAgeingRows(db, actor, asOf, query.groupBy, true, narrow);
    groups = groupsOf(rows);
  }
  const total = rows.find((r) => r.is_total);
  return {
    asOf,
    groupBy: query.groupBy,
    rows: groups,
    totals: total
      ? { bands: bandsOf(total), totalFen: Number(total.total_fen), orderCount: Number(total.order_count) }
      : { bands: emptyBands(), totalFen: 0, orderCount: 0 },
  };
}

/** The ageing report as an Excel workbook: one row per group, the bands as columns, totals at the foot. */
export async function exportAgeingXlsx(report: AgeingReport, locale: Locale): Promise<Buffer> {
  const t = AGEING_EXPORT_MESSAGES[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zuzhang';
  const sheet = workbook.addWorksheet(t.sheet);
  sheet.addRow([t.title]).font = { bold: true, size: 14 };
  sheet.addRow([`${t.asOf}: ${report.asOf}`, `${t.groupBy}: ${t[report.groupBy]}`, t.unit]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t[report.groupBy],
    ...AGEING_BANDS.map((b) => t.bands[b]),
    t.total,
    t.orderCount,
  ]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const yuan = (fen: number) => fen / 100;
  for (const r of report.rows) {
    sheet.addRow([
      r.name || t.none,
      ...AGEING_BANDS.map((b) => yuan(r.bands[b])),
      yuan(r.totalFen),
      r.orderCount,
    ]);
  }
  const foot = sheet.addRow([
    t.total,
    ...AGEING_BANDS.map((b) => yuan(report.totals.bands[b])),
    yuan(report.totals.totalFen),
    report.totals.orderCount,
  ]);
  foot.font = { bold: true };
  foot.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
  sheet.getColumn(1).width = 28;
  for (let c = 2; c <= AGEING_BANDS.length + 2; c++) {
    sheet.getColumn(c).width = 16;
    sheet.getColumn(c).numFmt = '#,##0.00';
  }
  sheet.getColumn(AGEING_BANDS.length + 3).width = 10;
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const OVERDUE_SORTS = ['dueOn', 'openFen', 'customerName', 'orderDate'] as const;
const OVERDUE_SORT_COLUMNS: Record<(typeof OVERDUE_SORTS)[number], SQL> = {
  dueOn: sql`b.due_on`,
  openFen: sql`b.open_fen`,
  customerName: sql`c.name`,
  orderDate: sql`b.order_date`,
};

interface OverdueSqlRow {
  order_id: number;
  order_no: string;
  customer_id: number;
  customer_name: string;
  owner_employee_id: number;
  owner_name: string;
  order_date: string;
  due_on: string;
  total_fen: number | string;
  open_fen: number | string;
  total: number;
}

/**
 * Overdue orders (催收 to-do): open money past its due date, with the days overdue. By default the orders
 * the caller is credited with (谁销售谁回款); `all=true` everything in their scope. One statement returns the
 * page and the count of all matching orders.
 */
export async function listOverdueOrders(db: Db, actor: Actor, query: OverdueQuery) {
  authorize(actor, 'customer.read');
  const asOf = query.asOf ?? actor.today;
  const mine = !query.all && actor.employeeId !== null;
  const sortKey = query.sort ?? 'dueOn';
  if (!(OVERDUE_SORTS as readonly string[]).includes(sortKey)) {
    throw fieldError('query.sort', 'field.sortUnknown', { key: sortKey, allowed: OVERDUE_SORTS.join(', ') });
  }
  const column = OVERDUE_SORT_COLUMNS[sortKey as (typeof OVERDUE_SORTS)[number]];
  const dir = sql.raw(query.order === 'desc' ? 'desc' : 'asc');
  const overdue = sql`from (${openOrdersSql(actor, asOf, mine ? eq(orders.ownerEmployeeId, actor.employeeId!) : undefined)}) b
    join ${customers} c on c.id = b.customer_id
    join ${employees} e on e.id = b.owner_employee_id
    where b.due_on < ${asOf}::date`;
  const rows = await rowsOf<OverdueSqlRow>(
    db,
    sql`select b.order_id, b.order_no, b.customer_id, c.name as customer_name, b.owner_employee_id,
        e.name as owner_name, b.order_date::text as order_date, b.due_on::text as due_on, b.total_fen, b.open_fen,
        count(*) over ()::int as total
      ${overdue}
      order by ${column} ${dir}, b.order_id ${dir}
      limit ${query.pageSize} offset ${offsetOf(query)}`,
  );
  // A page past the end has no rows to carry the count: count on its own then.
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && query.page > 1) {
    total = Number((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n ${overdue}`))[0]!.n);
  }
  const items: OverdueOrder[] = rows.map((r) => ({
    orderId: Number(r.order_id),
    orderNo: r.order_no,
    customerId: Number(r.customer_id),
    customerName: r.customer_name,
    ownerEmployeeId: Number(r.owner_employee_id),
    ownerName: r.owner_name,
    orderDate: r.order_date,
    dueOn: r.due_on,
    totalFen: Number(r.total_fen),
    openFen: Number(r.open_fen),
    daysOverdue: daysOverdue(r.due_on, asOf),
    band: ageingBand(r.due_on, asOf) as OverdueOrder['band'],
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
