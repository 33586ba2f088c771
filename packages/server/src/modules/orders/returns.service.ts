import { and, count, eq, gte, ilike, lte, sql } from 'drizzle-orm';
import type { CreateReturnBody, ReturnListQuery, SalesReturn } from '@zuzhang/api-schema';
import { returnAmounts } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { assertMonthOpen } from '../statements/month-lock.ts';
import { nextDocumentNo, noteDocumentNo } from './document-numbers.ts';
import { authorizeOrderRead, lockOrder, presentReturn, selectReturns } from './order-views.ts';
import { loadLinesById } from './orders.service.ts';
import { applyLedgerFacts, loadReturnFacts } from '../sales-rollups/rollups.service.ts';
import { refreshOpenAmounts } from '../receivables/open-amount.ts';
import { orderLines, orders, salesReturns } from './orders.table.ts';

function returnVisible(actor: Actor) {
  return and(eq(salesReturns.companyId, actor.companyId), inScope.customer(actor, salesReturns.customerId))!;
}

async function readReturn(db: Executor, actor: Actor, id: number): Promise<SalesReturn> {
  const [row] = await selectReturns(db).where(and(eq(salesReturns.id, id), returnVisible(actor)));
  if (!row) throw notFound('entity.salesReturn');
  return presentReturn(row);
}

export async function getReturn(db: Db, actor: Actor, id: number): Promise<SalesReturn> {
  authorizeOrderRead(actor);
  return readReturn(db, actor, id);
}

export async function listReturns(db: Db, actor: Actor, query: ReturnListQuery) {
  authorizeOrderRead(actor);
  const where = and(
    returnVisible(actor),
    query.q ? ilike(salesReturns.no, likePattern(query.q)) : undefined,
    query.customerId ? eq(salesReturns.customerId, query.customerId) : undefined,
    query.orderId ? eq(salesReturns.orderId, query.orderId) : undefined,
    query.from ? gte(salesReturns.returnDate, query.from) : undefined,
    query.to ? lte(salesReturns.returnDate, query.to) : undefined,
  );
  const order = orderByOf(
    query,
    { no: salesReturns.no, returnDate: salesReturns.returnDate, amountFen: salesReturns.amountFen },
    'returnDate',
    salesReturns.id,
  );
  return pageOf(
    db,
    query,
    selectReturns(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(salesReturns).where(where),
    (rows) => rows.map(presentReturn),
  );
}

/**
 * 退货 / 红字: units that were shipped come back. Each line's amount and tax are pro-rated by the domain
 * (returning every unit in several steps adds up exactly to the line); the return is credited to the
 * order's owner and team, so it nets against the sale it reverses, and reduces sales in the month it is
 * dated and the order's open amount (receivables/open-amount.ts subtracts it).
 */
export async function createReturn(
  db: Db,
  actor: Actor,
  orderId: number,
  body: CreateReturnBody,
): Promise<SalesReturn> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  if (body.returnDate > actor.today)
    throw fieldError('body.returnDate', 'orders.dateInFuture', { today: actor.today });
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, orderId);
    if (body.returnDate < order.orderDate) {
      throw fieldError('body.returnDate', 'orders.beforeOrderDate', { orderDate: order.orderDate });
    }
    const lines = await loadLinesById(
      tx,
      orderId,
      body.lines.map((l) => l.orderLineId),
    );
    const details: ErrorDetail[] = [];
    const seen = new Set<number>();
    body.lines.forEach((l, i) => {
      if (!lines.has(l.orderLineId)) {
        details.push({
          path: `body.lines.${i}.orderLineId`,
          key: 'field.notInCompany',
          params: { entity: 'entity.orderLine' },
        });
      } else if (seen.has(l.orderLineId)) {
        details.push({ path: `body.lines.${i}.orderLineId`, key: 'orders.lineTwice' });
      }
      seen.add(l.orderLineId);
    });
    if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
    body.lines.forEach((l, i) => {
      const line = lines.get(l.orderLineId)!;
      const left = line.shippedQuantity - line.returnedQuantity;
      if (l.quantity > left)
        details.push({ path: `body.lines.${i}.quantity`, key: 'returns.moreThanShipped', params: { left } });
    });
    if (details.length > 0) throw new AppError('business_rule', 'returns.tooMany', {}, details);
    await assertMonthOpen(tx, order.customerId, body.returnDate, 'body.returnDate');

    const returned = body.lines.map((l) => {
      const line = lines.get(l.orderLineId)!;
      return { orderLineId: line.id, quantity: l.quantity, ...returnAmounts(line, l.quantity) };
    });
    for (const r of returned) {
      await tx
        .update(orderLines)
        .set({ returnedQuantity: sql`${orderLines.returnedQuantity} + ${r.quantity}` })
        .where(eq(orderLines.id, r.orderLineId));
    }
    if (body.no) await noteDocumentNo(tx, actor.companyId, 'TH', body.no);
    const no = body.no ?? (await nextDocumentNo(tx, actor.companyId, 'TH', body.returnDate));
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(salesReturns)
          .values({
            companyId: actor.companyId,
            no,
            orderId,
            customerId: order.customerId,
            ownerEmployeeId: order.ownerEmployeeId,
            unitId: order.unitId,
            returnDate: body.returnDate,
            reason: body.reason,
            amountFen: returned.reduce((s, r) => s + r.amountFen, 0),
            taxFen: returned.reduce((s, r) => s + r.taxFen, 0),
            lines: returned,
            createdByUserId: actor.userId,
          })
          .returning(),
      { path: 'body.no', label: 'field.returnNo', value: no },
    );
    await applyLedgerFacts(tx, actor.companyId, [], await loadReturnFacts(tx, row!.id));
    await refreshOpenAmounts(tx, [orderId]);
    // The order changed (its open amount went down): anyone editing it from an older read gets 409.
    await tx
      .update(orders)
      .set({ version: order.version + 1 })
      .where(eq(orders.id, orderId));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'sales_return',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return readReturn(tx, actor, row!.id);
  });
}
