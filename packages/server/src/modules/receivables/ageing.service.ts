import { and, asc, count, desc, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AgeingQuery, AgeingReport, Locale, OverdueOrder, OverdueQuery } from '@zuzhang/api-schema';
import { AGEING_BANDS, ageingBand, daysOverdue, summariseAgeing } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { fieldError } from '../../platform/errors/app-error.ts';
import { offsetOf } from '../../platform/http/paging.ts';
import { customers } from '../customers/customers.table.ts';
import { employees, units } from '../org/org.table.ts';
import { orders } from '../orders/orders.table.ts';
import { orderBalanceParts } from './open-amount.ts';
import { isReceivableOrder } from './ledger-refs.ts';
import { AGEING_EXPORT_MESSAGES } from './ageing-export.messages.ts';

/**
 * 账龄 (receivables ageing) and the overdue list (催收): the open amount of every receivable order in the
 * caller's scope as of a day, by band of days overdue. The open amount is the one definition in
 * open-amount.ts, taken as of the day (documents dated after it do not count yet).
 */

/** Receivable orders of the caller's scope with money open on `asOf`, one row each. */
function openOrders(db: Db, actor: Actor, asOf: string, extra?: SQL) {
  const parts = orderBalanceParts(asOf);
  return db
    .select({
      orderId: sql<number>`${orders.id}`.as('order_id'),
      orderNo: sql<string>`${orders.no}`.as('order_no'),
      customerId: sql<number>`${orders.customerId}`.as('customer_id'),
      customerName: sql<string>`${customers.name}`.as('customer_name'),
      ownerEmployeeId: sql<number>`${orders.ownerEmployeeId}`.as('owner_employee_id'),
      ownerName: sql<string>`${employees.name}`.as('owner_name'),
      unitId: sql<number | null>`${orders.unitId}`.as('unit_id'),
      unitName: sql<string | null>`${units.name}`.as('unit_name'),
      orderDate: sql<string>`${orders.orderDate}::text`.as('order_date'),
      totalFen: sql<number>`${orders.totalFen}`.as('total_fen'),
      // An order without a due date is due when it was taken.
      dueOn: sql<string>`coalesce(${orders.dueOn}, ${orders.orderDate})::text`.as('due_on'),
      openFen: sql<number>`${parts.openFen}`.as('open_fen'),
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(employees, eq(employees.id, orders.ownerEmployeeId))
    .leftJoin(units, eq(units.id, orders.unitId))
    .where(
      and(
        eq(orders.companyId, actor.companyId),
        isReceivableOrder(),
        lte(orders.orderDate, asOf),
        inScope.customer(actor, orders.customerId),
        extra,
      ),
    )
    .as('open_orders');
}

export async function buildAgeingReport(db: Db, actor: Actor, query: AgeingQuery): Promise<AgeingReport> {
  authorize(actor, 'customer.read');
  const asOf = query.asOf ?? actor.today;
  const o = openOrders(db, actor, asOf);
  const rows = await db.select().from(o).where(gt(o.openFen, 0)).orderBy(asc(o.customerName), asc(o.orderId));
  const keyOf = (r: (typeof rows)[number]) => {
    if (query.groupBy === 'owner') return { id: Number(r.ownerEmployeeId), name: r.ownerName };
    if (query.groupBy === 'team') {
      return { id: r.unitId === null ? null : Number(r.unitId), name: r.unitName ?? '' };
    }
    return { id: Number(r.customerId), name: r.customerName };
  };
  const { rows: grouped, totals } = summariseAgeing(
    rows.map((r) => {
      const key = keyOf(r);
      return { key, groupId: key.id ?? 'none', openFen: Number(r.openFen), dueOn: r.dueOn };
    }),
    asOf,
  );
  return {
    asOf,
    groupBy: query.groupBy,
    // Largest receivable first: what the reader chases first.
    rows: grouped
      .map((g) => ({
        id: g.key.id,
        name: g.key.name,
        bands: g.bands,
        totalFen: g.totalFen,
        orderCount: g.orderCount,
      }))
      .sort((a, b) => b.totalFen - a.totalFen || a.name.localeCompare(b.name)),
    totals,
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

/**
 * Overdue orders (催收 to-do): open money past its due date, with the days overdue. By default the orders
 * the caller is credited with (谁销售谁回款); `all=true` everything in their scope.
 */
export async function listOverdueOrders(db: Db, actor: Actor, query: OverdueQuery) {
  authorize(actor, 'customer.read');
  const asOf = query.asOf ?? actor.today;
  const mine = !query.all && actor.employeeId !== null;
  const o = openOrders(db, actor, asOf, mine ? eq(orders.ownerEmployeeId, actor.employeeId!) : undefined);
  const where = and(gt(o.openFen, 0), sql`${o.dueOn} < ${asOf}`);
  const sortKey = query.sort ?? 'dueOn';
  if (!(OVERDUE_SORTS as readonly string[]).includes(sortKey)) {
    throw fieldError('query.sort', 'field.sortUnknown', { key: sortKey, allowed: OVERDUE_SORTS.join(', ') });
  }
  const column = {
    dueOn: o.dueOn,
    openFen: o.openFen,
    customerName: o.customerName,
    orderDate: o.orderDate,
  }[sortKey as (typeof OVERDUE_SORTS)[number]];
  const dir = query.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(o)
      .where(where)
      .orderBy(dir(column), dir(o.orderId))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(o).where(where),
  ]);
  const items: OverdueOrder[] = rows.map((r) => ({
    orderId: Number(r.orderId),
    orderNo: r.orderNo,
    customerId: Number(r.customerId),
    customerName: r.customerName,
    ownerEmployeeId: Number(r.ownerEmployeeId),
    ownerName: r.ownerName,
    orderDate: r.orderDate,
    dueOn: r.dueOn,
    totalFen: Number(r.totalFen),
    openFen: Number(r.openFen),
    daysOverdue: daysOverdue(r.dueOn, asOf),
    band: ageingBand(r.dueOn, asOf) as OverdueOrder['band'],
  }));
  return { items, total: Number(total!.n), page: query.page, pageSize: query.pageSize };
}
