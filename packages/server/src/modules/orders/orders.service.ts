import { and, asc, count, eq, gte, ilike, inArray, lt, lte, notInArray } from 'drizzle-orm';
import type {
  AtRiskLine,
  AtRiskQuery,
  CreateOrderBody,
  Order,
  OrderDecisionBody,
  OrderLineInput,
  OrderListQuery,
  OrderStatus,
  UpdateOrderBody,
} from '@zuzhang/api-schema';
import {
  atRiskCutoff,
  computeDueOn,
  computeLine,
  computeOrderTotals,
  daysLeftToPromise,
  isBelowDiscountFloor,
  isContractOpenForOrders,
  unitPriceAfterDiscount,
} from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, staleVersion, type ErrorDetail } from '../../platform/errors/app-error.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { primaryUnitOn } from '../org/org.service.ts';
import { applyLedgerFacts, loadOrderFacts } from '../sales-rollups/rollups.service.ts';
import { customers } from '../customers/customers.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { quotePrices } from '../catalogue/catalogue.service.ts';
import { invoices } from '../invoices/invoices.table.ts';
import { loadOrderBalances, refreshOpenAmounts } from '../receivables/open-amount.ts';
import { touchCustomerActivity } from '../customers/customers.service.ts';
import { assertMonthOpen } from '../statements/month-lock.ts';
import { nextDocumentNo, noteDocumentNo } from './document-numbers.ts';
import {
  authorizeOrderRead,
  loadProductsById,
  lockOrder,
  orderVisible,
  presentOrderSummaries,
  readOrder,
  readOrderLines,
  selectOrderSummaries,
  type OrderLineRow,
} from './order-views.ts';
import { contracts, orderLines, orders } from './orders.table.ts';

/** 账期 when the order has no contract: 30 days (the contracts table's default too). */
const DEFAULT_PAYMENT_DAYS = 30;
/** An order may be edited while nothing has left the warehouse. */
const EDITABLE: OrderStatus[] = ['draft', 'awaiting_approval', 'confirmed'];
/** Orders whose lines still wait for delivery (for the at-risk view). */
const DONE: OrderStatus[] = ['shipped', 'completed', 'cancelled'];

export function refuse(key: MessageKey, params: Record<string, string | number>, path: string) {
  return new AppError('business_rule', key, params, [{ path, key, params }]);
}

function statusParam(status: string) {
  return `orders.status.${status}`;
}

// ---- reading -------------------------------------------------------------------------------------

export async function listOrders(db: Db, actor: Actor, query: OrderListQuery) {
  authorizeOrderRead(actor);
  const where = and(
    orderVisible(actor),
    query.q ? ilike(orders.no, likePattern(query.q)) : undefined,
    query.customerId ? eq(orders.customerId, query.customerId) : undefined,
    query.contractId ? eq(orders.contractId, query.contractId) : undefined,
    query.ownerEmployeeId ? eq(orders.ownerEmployeeId, query.ownerEmployeeId) : undefined,
    query.status ? eq(orders.status, query.status) : undefined,
    query.from ? gte(orders.orderDate, query.from) : undefined,
    query.to ? lte(orders.orderDate, query.to) : undefined,
  );
  const order = orderByOf(
    query,
    {
      no: orders.no,
      orderDate: orders.orderDate,
      totalFen: orders.totalFen,
      status: orders.status,
      dueOn: orders.dueOn,
      createdAt: orders.createdAt,
    },
    'orderDate',
    orders.id,
  );
  return pageOf(
    db,
    query,
    selectOrderSummaries(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(orders).where(where),
    (rows) => presentOrderSummaries(db, rows),
  );
}

export async function getOrder(db: Db, actor: Actor, id: number): Promise<Order> {
  authorizeOrderRead(actor);
  return readOrder(db, actor, id);
}

/**
 * 交期预警: lines not fully shipped whose promised date is within `days` of today or already past, on
 * orders in the actor's scope, the most urgent first.
 */
export async function listOrdersAtRisk(db: Db, actor: Actor, query: AtRiskQuery) {
  authorizeOrderRead(actor);
  const where = and(
    orderVisible(actor),
    notInArray(orders.status, DONE),
    lt(orderLines.shippedQuantity, orderLines.quantity),
    lte(orderLines.promisedOn, atRiskCutoff(actor.today, query.days)),
  );
  return pageOf(
    db,
    query,
    db
      .select({
        l: orderLines,
        orderNo: orders.no,
        orderStatus: orders.status,
        customerId: orders.customerId,
        customerName: customers.name,
        ownerEmployeeId: orders.ownerEmployeeId,
        ownerName: employees.name,
        productName: products.name,
      })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .innerJoin(employees, eq(employees.id, orders.ownerEmployeeId))
      .innerJoin(products, eq(products.id, orderLines.productId))
      .where(where)
      .orderBy(asc(orderLines.promisedOn), asc(orders.no), asc(orderLines.lineNo), asc(orderLines.id)),
    db
      .select({ n: count() })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(where),
    (rows) =>
      rows.map((r): AtRiskLine => {
        const daysLeft = daysLeftToPromise(r.l.promisedOn, actor.today);
        return {
          id: r.l.id,
          orderId: r.l.orderId,
          orderNo: r.orderNo,
          orderStatus: r.orderStatus as OrderStatus,
          customerId: r.customerId,
          customerName: r.customerName,
          ownerEmployeeId: r.ownerEmployeeId,
          ownerName: r.ownerName,
          lineNo: r.l.lineNo,
          productId: r.l.productId,
          productName: r.productName,
          quantity: r.l.quantity,
          shippedQuantity: r.l.shippedQuantity,
          remainingQuantity: r.l.quantity - r.l.shippedQuantity,
          promisedOn: r.l.promisedOn,
          daysLeft,
          overdue: daysLeft < 0,
        };
      }),
  );
}

// ---- writing -------------------------------------------------------------------------------------

/** The customer of a new order: in scope, and owned (a customer in the pool is claimed first). */
async function loadOrderCustomer(tx: Executor, actor: Actor, customerId: number) {
  const [c] = await tx
    .select({ id: customers.id, category: customers.category, ownerEmployeeId: customers.ownerEmployeeId })
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        eq(customers.companyId, actor.companyId),
        inScope.customer(actor, customers.id),
      ),
    );
  if (!c) throw fieldError('body.customerId', 'field.notInCompany', { entity: 'entity.customer' });
  if (c.ownerEmployeeId === null) throw refuse('orders.customerInPool', {}, 'body.customerId');
  return { ...c, ownerEmployeeId: c.ownerEmployeeId };
}

/** A contract of this customer that is signed or in progress; null for an order without one. */
async function resolveContract(tx: Executor, actor: Actor, contractId: number | null, customerId: number) {
  if (contractId === null) return null;
  const [c] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.companyId, actor.companyId)))
    .for('update');
  if (!c || c.customerId !== customerId) {
    throw fieldError('body.contractId', 'field.notInCompany', { entity: 'entity.contract' });
  }
  if (!isContractOpenForOrders(c.status)) {
    throw refuse('orders.contractNotOpen', { status: `contracts.status.${c.status}` }, 'body.contractId');
  }
  return c;
}

/** The first order under a signed contract puts it in progress (合同执行中), recorded like any change. */
async function startContractOnOrder(
  tx: Executor,
  actor: Actor,
  contract: typeof contracts.$inferSelect | null,
) {
  if (contract === null || contract.status !== 'signed') return;
  const [after] = await tx
    .update(contracts)
    .set({ status: 'in_progress', version: contract.version + 1 })
    .where(eq(contracts.id, contract.id))
    .returning();
  await recordAudit(tx, actor, {
    action: 'start',
    entity: 'contract',
    entityId: contract.id,
    before: { status: contract.status, version: contract.version },
    after: { status: after!.status, version: after!.version },
  });
}

interface PricedLine {
  productId: number;
  quantity: number;
  unitPriceFen: number;
  discountBp: number;
  taxRateBp: number;
  amountFen: number;
  taxFen: number;
  promisedOn: string;
  belowFloor: boolean;
}

/**
 * Price the lines on the server: unit price defaults to the customer's quote, amounts and tax come from
 * the domain's one computation, and each line is checked against the product's discount floor.
 */
async function priceLines(
  tx: Executor,
  actor: Actor,
  customer: { id: number; category: string },
  lines: OrderLineInput[],
  orderDate: string,
): Promise<PricedLine[]> {
  const byId = await loadProductsById(
    tx,
    actor.companyId,
    lines.map((l) => l.productId),
  );
  const details: ErrorDetail[] = [];
  lines.forEach((l, i) => {
    const p = byId.get(l.productId);
    if (!p) {
      details.push({
        path: `body.lines.${i}.productId`,
        key: 'field.notInCompany',
        params: { entity: 'entity.product' },
      });
    } else if (!p.active) {
      details.push({
        path: `body.lines.${i}.productId`,
        key: 'orders.productInactive',
        params: { code: p.code },
      });
    }
    if (l.promisedOn < orderDate) {
      details.push({
        path: `body.lines.${i}.promisedOn`,
        key: 'orders.promisedBeforeOrder',
        params: { orderDate },
      });
    }
  });
  if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
  const quotes = await quotePrices(tx, actor.companyId, customer, [...byId.values()], orderDate);
  const priced = lines.map((l) => {
    const p = byId.get(l.productId)!;
    const unitPriceFen = l.unitPriceFen ?? quotes.get(p.id)!.priceFen;
    // Quantity × price past the exact range of a number cannot be an order line: refuse it as input.
    if (!Number.isSafeInteger(l.quantity * unitPriceFen))
      throw fieldError('body.lines', 'orders.amountTooLarge');
    const amounts = computeLine({
      quantity: l.quantity,
      unitPriceFen,
      discountBp: l.discountBp,
      taxRateBp: p.taxRateBp,
    });
    return {
      productId: p.id,
      quantity: l.quantity,
      unitPriceFen,
      discountBp: l.discountBp,
      taxRateBp: p.taxRateBp,
      ...amounts,
      promisedOn: l.promisedOn,
      // 折扣底线 (核决权限): below it the order waits for a manager's approval. The floor is taken from the
      // price this customer is entitled to (their price list, else the list price): a dealer's approved
      // price list is not a discount.
      belowFloor: isBelowDiscountFloor(
        unitPriceAfterDiscount(unitPriceFen, l.discountBp),
        quotes.get(p.id)!.priceFen,
        p.discountFloorBp,
      ),
    };
  });
  if (!Number.isSafeInteger(computeOrderTotals(priced).totalFen)) {
    throw fieldError('body.lines', 'orders.amountTooLarge');
  }
  return priced;
}

/** Lines already on an order, re-checked against today's floors (for a resubmitted draft). */
async function anyLineBelowFloor(
  tx: Executor,
  companyId: number,
  customer: { id: number; category: string },
  lines: OrderLineRow[],
  orderDate: string,
): Promise<boolean> {
  const byId = await loadProductsById(
    tx,
    companyId,
    lines.map((l) => l.productId),
  );
  const quotes = await quotePrices(tx, companyId, customer, [...byId.values()], orderDate);
  return lines.some((l) => {
    const p = byId.get(l.productId)!;
    return isBelowDiscountFloor(
      unitPriceAfterDiscount(l.unitPriceFen, l.discountBp),
      quotes.get(p.id)!.priceFen,
      p.discountFloorBp,
    );
  });
}

async function insertLines(tx: Executor, companyId: number, orderId: number, lines: PricedLine[]) {
  await tx
    .insert(orderLines)
    .values(lines.map(({ belowFloor: _b, ...l }, i) => ({ companyId, orderId, lineNo: i + 1, ...l })));
}

function checkOrderDate(actor: Actor, orderDate: string) {
  if (orderDate > actor.today)
    throw fieldError('body.orderDate', 'orders.dateInFuture', { today: actor.today });
}

/**
 * 接单: an order with lines priced on the server. Owner = the customer's owner now, team = that owner's
 * unit on the order date; a line below the discount floor sends the order for approval, otherwise it is
 * confirmed. The customer's last activity moves to the order date (keeping it out of the pool).
 */
export async function createOrder(db: Db, actor: Actor, body: CreateOrderBody): Promise<Order> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  checkOrderDate(actor, body.orderDate);
  return db.transaction(async (tx) => {
    const customer = await loadOrderCustomer(tx, actor, body.customerId);
    const contract = await resolveContract(tx, actor, body.contractId, customer.id);
    const priced = await priceLines(tx, actor, customer, body.lines, body.orderDate);
    await assertMonthOpen(tx, customer.id, body.orderDate, 'body.orderDate');
    const totals = computeOrderTotals(priced);
    if (body.no) await noteDocumentNo(tx, actor.companyId, 'SO', body.no);
    const no = body.no ?? (await nextDocumentNo(tx, actor.companyId, 'SO', body.orderDate));
    const unitId = await primaryUnitOn(tx, customer.ownerEmployeeId, body.orderDate);
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(orders)
          .values({
            companyId: actor.companyId,
            no,
            customerId: customer.id,
            contractId: contract?.id ?? null,
            ownerEmployeeId: customer.ownerEmployeeId,
            unitId,
            orderDate: body.orderDate,
            status: priced.some((l) => l.belowFloor) ? 'awaiting_approval' : 'confirmed',
            totalFen: totals.totalFen,
            taxFen: totals.taxFen,
            openFen: totals.totalFen,
            dueOn: computeDueOn(body.orderDate, contract?.paymentDays ?? DEFAULT_PAYMENT_DAYS),
            note: body.note,
            createdByUserId: actor.userId,
          })
          .returning(),
      { path: 'body.no', label: 'field.orderNo', value: no },
    );
    await insertLines(tx, actor.companyId, row!.id, priced);
    await applyLedgerFacts(tx, actor.companyId, [], await loadOrderFacts(tx, row!.id));
    await startContractOnOrder(tx, actor, contract);
    await touchCustomerActivity(tx, customer.id, body.orderDate);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'order',
      entityId: row!.id,
      after: { ...row, lines: await readOrderLines(tx, row!.id) },
      actingForEmployeeId,
    });
    return readOrder(tx, actor, row!.id);
  });
}

/**
 * Change an order while nothing has shipped: header fields and, when sent, every line (replaced in the
 * same transaction). The order row is locked and its version checked, so of two people editing the same
 * order one gets 409. New lines are priced and checked against the floor again.
 */
export async function updateOrder(db: Db, actor: Actor, id: number, body: UpdateOrderBody): Promise<Order> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  if (body.orderDate !== undefined) checkOrderDate(actor, body.orderDate);
  return db.transaction(async (tx) => {
    const before = await lockOrder(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.order');
    if (!EDITABLE.includes(before.status as OrderStatus)) {
      throw refuse('orders.notEditable', { status: statusParam(before.status) }, 'status');
    }
    const beforeLines = await readOrderLines(tx, id);
    if (beforeLines.some((l) => l.shippedQuantity > 0)) throw refuse('orders.alreadyShipped', {}, 'status');
    const factsBefore = await loadOrderFacts(tx, id);
    const [invoiced] = await tx.select({ n: count() }).from(invoices).where(eq(invoices.orderId, id));
    if (body.lines !== undefined && Number(invoiced!.n) > 0)
      throw refuse('orders.invoiced', {}, 'body.lines');

    const orderDate = body.orderDate ?? before.orderDate;
    const contractId = body.contractId === undefined ? before.contractId : body.contractId;
    const [customer] = await tx
      .select({ id: customers.id, category: customers.category })
      .from(customers)
      .where(eq(customers.id, before.customerId));
    const contract =
      contractId === before.contractId && contractId !== null
        ? ((await tx.select().from(contracts).where(eq(contracts.id, contractId)))[0] ?? null)
        : await resolveContract(tx, actor, contractId, before.customerId);
    // 对账单: a month the customer confirmed is closed, both the month the order was in and the one it moves to.
    await assertMonthOpen(tx, before.customerId, before.orderDate, 'body.orderDate');
    if (orderDate !== before.orderDate)
      await assertMonthOpen(tx, before.customerId, orderDate, 'body.orderDate');

    let totals = { totalFen: before.totalFen, taxFen: before.taxFen };
    let status = before.status;
    if (body.lines !== undefined) {
      const priced = await priceLines(tx, actor, customer!, body.lines, orderDate);
      totals = computeOrderTotals(priced);
      const balance = (await loadOrderBalances(tx, [id])).get(id)!;
      const settled = balance.allocatedFen + balance.returnedFen + balance.writtenOffFen;
      if (totals.totalFen < settled) {
        throw refuse('orders.totalBelowSettled', { settled }, 'body.lines');
      }
      await tx.delete(orderLines).where(eq(orderLines.orderId, id));
      await insertLines(tx, actor.companyId, id, priced);
      status = priced.some((l) => l.belowFloor) ? 'awaiting_approval' : 'confirmed';
    } else {
      const late = beforeLines.find((l) => l.promisedOn < orderDate);
      if (late) throw fieldError('body.orderDate', 'orders.promisedBeforeOrder', { orderDate });
      // Saving a draft sent back by the approver resubmits it.
      if (before.status === 'draft') {
        status = (await anyLineBelowFloor(tx, actor.companyId, customer!, beforeLines, orderDate))
          ? 'awaiting_approval'
          : 'confirmed';
      }
    }
    const [after] = await tx
      .update(orders)
      .set({
        orderDate,
        contractId,
        note: body.note ?? before.note,
        unitId:
          orderDate === before.orderDate
            ? before.unitId
            : await primaryUnitOn(tx, before.ownerEmployeeId, orderDate),
        dueOn: computeDueOn(orderDate, contract?.paymentDays ?? DEFAULT_PAYMENT_DAYS),
        totalFen: totals.totalFen,
        taxFen: totals.taxFen,
        status,
        version: before.version + 1,
      })
      .where(and(eq(orders.id, id), eq(orders.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.order');
    await refreshOpenAmounts(tx, [id]);
    await applyLedgerFacts(tx, actor.companyId, factsBefore, await loadOrderFacts(tx, id));
    await startContractOnOrder(tx, actor, contractId !== before.contractId ? contract : null);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'order',
      entityId: id,
      before: { ...before, lines: beforeLines },
      after: { ...after, lines: await readOrderLines(tx, id) },
      actingForEmployeeId,
    });
    return readOrder(tx, actor, id);
  });
}

async function decideOrder(
  db: Db,
  actor: Actor,
  id: number,
  body: OrderDecisionBody,
  step: { action: 'approve' | 'reject' | 'cancel'; from: OrderStatus[]; to: OrderStatus },
): Promise<Order> {
  const { actingForEmployeeId } = authorize(
    actor,
    step.action === 'cancel' ? 'order.manage' : 'order.approve',
  );
  return db.transaction(async (tx) => {
    const before = await lockOrder(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.order');
    if (!step.from.includes(before.status as OrderStatus)) {
      throw refuse(
        'orders.illegalTransition',
        { status: statusParam(before.status), action: `orders.action.${step.action}` },
        'status',
      );
    }
    if (step.action === 'cancel') {
      await assertMonthOpen(tx, before.customerId, before.orderDate, 'orderDate');
      const lines = await readOrderLines(tx, id);
      if (lines.some((l) => l.shippedQuantity > 0)) throw refuse('orders.alreadyShipped', {}, 'status');
      const balance = (await loadOrderBalances(tx, [id])).get(id)!;
      if (balance.allocatedFen !== 0 || balance.writtenOffFen !== 0) {
        throw refuse('orders.hasMoney', {}, 'status');
      }
    }
    const factsBefore = await loadOrderFacts(tx, id);
    const [after] = await tx
      .update(orders)
      .set({ status: step.to, version: before.version + 1 })
      .where(and(eq(orders.id, id), eq(orders.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.order');
    await applyLedgerFacts(tx, actor.companyId, factsBefore, await loadOrderFacts(tx, id));
    await recordAudit(tx, actor, {
      action: step.action,
      entity: 'order',
      entityId: id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, note: body.note },
      actingForEmployeeId,
    });
    return readOrder(tx, actor, id);
  });
}

/** 核决: a manager with order.approve accepts the price below the floor; the order is confirmed. */
export function approveOrder(db: Db, actor: Actor, id: number, body: OrderDecisionBody) {
  return decideOrder(db, actor, id, body, {
    action: 'approve',
    from: ['awaiting_approval'],
    to: 'confirmed',
  });
}

/** Refused: the order goes back to draft; the rep changes the price (PATCH) and it is submitted again. */
export function rejectOrder(db: Db, actor: Actor, id: number, body: OrderDecisionBody) {
  return decideOrder(db, actor, id, body, { action: 'reject', from: ['awaiting_approval'], to: 'draft' });
}

/** Cancel an order nothing has been shipped, paid or written off on. */
export function cancelOrder(db: Db, actor: Actor, id: number, body: OrderDecisionBody) {
  return decideOrder(db, actor, id, body, { action: 'cancel', from: EDITABLE, to: 'cancelled' });
}

/** Used by the shipment and return services: lines of an order by id. */
export async function loadLinesById(tx: Executor, orderId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, OrderLineRow>();
  const rows = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), inArray(orderLines.id, ids)));
  return new Map(rows.map((l) => [l.id, l]));
}
