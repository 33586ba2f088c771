import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Order, OrderStatus, OrderSummary, Proof, SalesReturn, Shipment } from '@zuzhang/api-schema';
import { isBelowDiscountFloor, unitPriceAfterDiscount, type Permission } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { authorize, can, inScope, type Actor } from '../../platform/access/actor.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { employees, units } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { files } from '../files/files.table.ts';
import { loadOrderBalances, type OrderBalance } from '../receivables/open-amount.ts';
import { contracts, orderLines, orders, proofs, salesReturns, shipments } from './orders.table.ts';

/**
 * How orders and what hangs off them (lines, shipments, proofs, returns) are read and shown: one place,
 * so that every service answers with the same shapes and the same scope rule.
 */

const READERS: Permission[] = ['customer.read', 'order.manage'];

/** Orders are read by whoever sells (customer.read) or enters orders (the assistant: order.manage). */
export function authorizeOrderRead(actor: Actor) {
  return authorize(actor, READERS.find((p) => can(actor, p)) ?? READERS[0]!);
}

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

/** Orders are visible when their customer's owner is in the actor's scope. */
export function orderVisible(actor: Actor) {
  return and(eq(orders.companyId, actor.companyId), inScope.customer(actor, orders.customerId))!;
}

/** The order row, locked for the rest of the transaction (every write to an order goes through here). */
export async function lockOrder(tx: Executor, actor: Actor, id: number): Promise<OrderRow> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), orderVisible(actor)))
    .for('update');
  if (!row) throw notFound('entity.order');
  return row;
}

export async function readOrderLines(tx: Executor, orderId: number): Promise<OrderLineRow[]> {
  return tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNo));
}

export const orderSummaryColumns = {
  o: orders,
  customerName: customers.name,
  ownerName: employees.name,
  unitName: units.name,
  contractNo: contracts.no,
};

export type OrderSummaryRow = {
  o: OrderRow;
  customerName: string;
  ownerName: string;
  unitName: string | null;
  contractNo: string | null;
};

function presentSummary(r: OrderSummaryRow, balance: OrderBalance | undefined): OrderSummary {
  const o = r.o;
  return {
    id: o.id,
    no: o.no,
    customerId: o.customerId,
    customerName: r.customerName,
    contractId: o.contractId,
    contractNo: r.contractNo,
    ownerEmployeeId: o.ownerEmployeeId,
    ownerName: r.ownerName,
    unitId: o.unitId,
    unitName: r.unitName,
    orderDate: o.orderDate,
    dueOn: o.dueOn,
    status: o.status as OrderStatus,
    totalFen: o.totalFen,
    taxFen: o.taxFen,
    openFen: balance?.openFen ?? o.totalFen,
    note: o.note,
    createdAt: o.createdAt.toISOString(),
    version: o.version,
  };
}

/** List rows with the open amount of each, from the one definition of it (receivables/open-amount.ts). */
export async function presentOrderSummaries(db: Executor, rows: OrderSummaryRow[]): Promise<OrderSummary[]> {
  const balances = await loadOrderBalances(
    db,
    rows.map((r) => r.o.id),
  );
  return rows.map((r) => presentSummary(r, balances.get(r.o.id)));
}

export function selectOrderSummaries(db: Executor) {
  return db
    .select(orderSummaryColumns)
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(employees, eq(employees.id, orders.ownerEmployeeId))
    .leftJoin(units, eq(units.id, orders.unitId))
    .leftJoin(contracts, eq(contracts.id, orders.contractId));
}

// ---- proofs, shipments, returns ------------------------------------------------------------------

export const proofColumns = { p: proofs, fileName: files.name };

export function presentProof(r: { p: typeof proofs.$inferSelect; fileName: string }): Proof {
  return {
    id: r.p.id,
    orderId: r.p.orderId,
    kind: r.p.kind as Proof['kind'],
    fileId: r.p.fileId,
    fileName: r.fileName,
    state: r.p.state as Proof['state'],
    decidedOn: r.p.decidedOn,
    note: r.p.note,
    version: r.p.version,
  };
}

export async function readProofs(db: Executor, orderId: number): Promise<Proof[]> {
  const rows = await db
    .select(proofColumns)
    .from(proofs)
    .innerJoin(files, eq(files.id, proofs.fileId))
    .where(eq(proofs.orderId, orderId))
    .orderBy(asc(proofs.id));
  return rows.map(presentProof);
}

export function presentShipment(s: typeof shipments.$inferSelect): Shipment {
  return {
    id: s.id,
    orderId: s.orderId,
    shippedOn: s.shippedOn,
    courier: s.courier,
    trackingNo: s.trackingNo,
    lines: s.lines as Shipment['lines'],
    createdAt: s.createdAt.toISOString(),
  };
}

export const returnColumns = {
  r: salesReturns,
  orderNo: orders.no,
  customerName: customers.name,
  ownerName: employees.name,
};

export function selectReturns(db: Executor) {
  return db
    .select(returnColumns)
    .from(salesReturns)
    .innerJoin(orders, eq(orders.id, salesReturns.orderId))
    .innerJoin(customers, eq(customers.id, salesReturns.customerId))
    .innerJoin(employees, eq(employees.id, salesReturns.ownerEmployeeId));
}

export function presentReturn(row: {
  r: typeof salesReturns.$inferSelect;
  orderNo: string;
  customerName: string;
  ownerName: string;
}): SalesReturn {
  const r = row.r;
  return {
    id: r.id,
    no: r.no,
    orderId: r.orderId,
    orderNo: row.orderNo,
    customerId: r.customerId,
    customerName: row.customerName,
    ownerEmployeeId: r.ownerEmployeeId,
    ownerName: row.ownerName,
    unitId: r.unitId,
    returnDate: r.returnDate,
    reason: r.reason,
    amountFen: r.amountFen,
    taxFen: r.taxFen,
    lines: r.lines as SalesReturn['lines'],
    createdAt: r.createdAt.toISOString(),
  };
}

/** One order in full: lines, shipments, proofs, returns and its open amount. 404 outside scope. */
export async function readOrder(db: Executor, actor: Actor, id: number): Promise<Order> {
  const [row] = await selectOrderSummaries(db).where(and(eq(orders.id, id), orderVisible(actor)));
  if (!row) throw notFound('entity.order');
  const lines = await db
    .select({
      l: orderLines,
      productCode: products.code,
      productName: products.name,
      unit: products.unit,
      listPriceFen: products.listPriceFen,
      discountFloorBp: products.discountFloorBp,
    })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, id))
    .orderBy(asc(orderLines.lineNo));
  const shipmentRows = await db
    .select()
    .from(shipments)
    .where(eq(shipments.orderId, id))
    .orderBy(asc(shipments.shippedOn), asc(shipments.id));
  const proofList = await readProofs(db, id);
  const returnRows = await selectReturns(db)
    .where(eq(salesReturns.orderId, id))
    .orderBy(asc(salesReturns.returnDate), asc(salesReturns.id));
  const balance = (await loadOrderBalances(db, [id])).get(id)!;
  return {
    ...presentSummary(row, balance),
    lines: lines.map(({ l, ...p }) => ({
      id: l.id,
      lineNo: l.lineNo,
      productId: l.productId,
      productCode: p.productCode,
      productName: p.productName,
      unit: p.unit,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      discountBp: l.discountBp,
      taxRateBp: l.taxRateBp,
      amountFen: l.amountFen,
      taxFen: l.taxFen,
      promisedOn: l.promisedOn,
      shippedQuantity: l.shippedQuantity,
      returnedQuantity: l.returnedQuantity,
      belowFloor: isBelowDiscountFloor(
        unitPriceAfterDiscount(l.unitPriceFen, l.discountBp),
        p.listPriceFen,
        p.discountFloorBp,
      ),
    })),
    shipments: shipmentRows.map(presentShipment),
    proofs: proofList,
    returns: returnRows.map(presentReturn),
    balance: {
      totalFen: balance.totalFen,
      returnedFen: balance.returnedFen,
      allocatedFen: balance.allocatedFen,
      writtenOffFen: balance.writtenOffFen,
      openFen: balance.openFen,
    },
  };
}

/** Products by id for pricing order lines: only the company's. */
export async function loadProductsById(tx: Executor, companyId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, typeof products.$inferSelect>();
  const rows = await tx
    .select()
    .from(products)
    .where(and(eq(products.companyId, companyId), inArray(products.id, [...new Set(ids)])));
  return new Map(rows.map((p) => [p.id, p]));
}
