import { and, eq } from 'drizzle-orm';
import { splitTax } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { customers } from '../customers/customers.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { contracts, orderLines, orders, salesReturns } from '../orders/orders.table.ts';
import { idOf, loadDemoIds } from '../../../test/demo-org.ts';
import { refreshOpenAmounts } from './open-amount.ts';

/**
 * Test factories for money in: customers, products, orders and returns written straight into their tables
 * (their own APIs are built elsewhere), consistent with the table comments — the order's owner is the
 * customer's owner, the total is the sum of its lines, tax is inside the amount.
 */

let seq = 0;
const next = () => ++seq;

export interface CustomerSpec {
  companyId: number;
  ownerEmployeeId: number | null;
  name?: string;
  category?: string;
}

export async function buildCustomer(db: Db, spec: CustomerSpec) {
  const [row] = await db
    .insert(customers)
    .values({
      companyId: spec.companyId,
      name: spec.name ?? `测试客户${next()}有限公司`,
      kind: 'company',
      category: spec.category ?? 'end_customer',
      level: 'A',
      source: 'visit',
      ownerEmployeeId: spec.ownerEmployeeId,
      vettingStatus: 'approved',
      lastActivityOn: '2026-01-01',
    })
    .returning();
  return row!;
}

/** One product per company and tax rate, made on first use. */
export async function buildProduct(db: Db, companyId: number, taxRateBp = 1300) {
  const code = `T-${taxRateBp}`;
  const [existing] = await db
    .select()
    .from(products)
    .where(and(eq(products.companyId, companyId), eq(products.code, code)));
  if (existing) return existing;
  const [row] = await db
    .insert(products)
    .values({
      companyId,
      code,
      name: `测试货品（税率 ${taxRateBp / 100}%）`,
      category: '测试',
      unit: '件',
      listPriceFen: 10_000,
      taxRateBp,
    })
    .returning();
  return row!;
}

export interface OrderSpec {
  companyId: number;
  customerId: number;
  ownerEmployeeId: number;
  unitId?: number | null;
  orderDate: string;
  /** Default: the order date. */
  dueOn?: string;
  status?: string;
  /** Line amounts, tax included. */
  lines: { amountFen: number; taxRateBp?: number; quantity?: number }[];
  contractId?: number | null;
  no?: string;
}

export async function buildOrder(db: Db, spec: OrderSpec) {
  const lines = [];
  for (const l of spec.lines) {
    const rate = l.taxRateBp ?? 1300;
    const product = await buildProduct(db, spec.companyId, rate);
    lines.push({ ...l, rate, productId: product.id, taxFen: splitTax(l.amountFen, rate).taxFen });
  }
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const [order] = await db
    .insert(orders)
    .values({
      companyId: spec.companyId,
      no: spec.no ?? `SO-T${String(next()).padStart(6, '0')}`,
      customerId: spec.customerId,
      contractId: spec.contractId ?? null,
      ownerEmployeeId: spec.ownerEmployeeId,
      unitId: spec.unitId ?? null,
      orderDate: spec.orderDate,
      status: spec.status ?? 'confirmed',
      totalFen,
      openFen: totalFen,
      taxFen: lines.reduce((s, l) => s + l.taxFen, 0),
      dueOn: spec.dueOn ?? spec.orderDate,
    })
    .returning();
  const lineRows = await db
    .insert(orderLines)
    .values(
      lines.map((l, i) => {
        const quantity = l.quantity ?? 1;
        return {
          companyId: spec.companyId,
          orderId: order!.id,
          lineNo: i + 1,
          productId: l.productId,
          quantity,
          unitPriceFen: Math.floor(l.amountFen / quantity),
          taxRateBp: l.rate,
          amountFen: l.amountFen,
          taxFen: l.taxFen,
          promisedOn: spec.orderDate,
          shippedQuantity: quantity,
        };
      }),
    )
    .returning();
  return { order: order!, lines: lineRows };
}

/** A return of part of one order line (退货), reducing sales on its return date. */
export async function buildReturn(
  db: Db,
  spec: {
    companyId: number;
    order: typeof orders.$inferSelect;
    line: typeof orderLines.$inferSelect;
    amountFen: number;
    returnDate: string;
  },
) {
  const taxFen = splitTax(spec.amountFen, spec.line.taxRateBp).taxFen;
  const [row] = await db
    .insert(salesReturns)
    .values({
      companyId: spec.companyId,
      no: `TH-T${String(next()).padStart(6, '0')}`,
      orderId: spec.order.id,
      customerId: spec.order.customerId,
      ownerEmployeeId: spec.order.ownerEmployeeId,
      unitId: spec.order.unitId,
      returnDate: spec.returnDate,
      reason: '测试退货',
      amountFen: spec.amountFen,
      taxFen,
      lines: [{ orderLineId: spec.line.id, quantity: 1, amountFen: spec.amountFen, taxFen }],
    })
    .returning();
  await refreshOpenAmounts(db, [spec.order.id]);
  return row!;
}

/** The team (unit code) each demo seller sells for: the unit credited on their orders. */
export const TEAM_OF: Record<string, string> = {
  lead1: 'XS-E1',
  rep1: 'XS-E1',
  rep2: 'XS-E1',
  rep3: 'XS-E1',
  lead2: 'XS-E2',
  rep4: 'XS-E2',
  rep5: 'XS-E2',
  rep6: 'XS-E2',
  lead3: 'XS-S1',
  rep7: 'XS-S1',
  rep8: 'XS-S1',
  rep9: 'XS-S1',
};

/** Factories bound to the demo company: customers owned by a demo seller, orders credited to them and their team. */
export async function buildMoneyKit(db: Db) {
  const ids = await loadDemoIds(db);
  const employeeOf = (username: string) => idOf(ids.employee, username);
  return {
    ids,
    employeeOf,
    async customer(owner: string | null, name?: string) {
      const row = await buildCustomer(db, {
        companyId: ids.companyId,
        ownerEmployeeId: owner === null ? null : employeeOf(owner),
        name,
      });
      return { ...row, owner };
    },
    async contract(customer: { id: number; owner: string | null }, amountFen: number) {
      const [row] = await db
        .insert(contracts)
        .values({
          companyId: ids.companyId,
          no: `HT-T${String(next()).padStart(6, '0')}`,
          customerId: customer.id,
          ownerEmployeeId: employeeOf(customer.owner ?? 'rep1'),
          amountFen,
          status: 'signed',
        })
        .returning();
      return row!;
    },
    async order(
      customer: { id: number; owner: string | null },
      spec: {
        orderDate: string;
        dueOn?: string;
        amounts: number[];
        status?: string;
        taxRateBp?: number;
        contractId?: number;
      },
    ) {
      const owner = customer.owner ?? 'rep1';
      return buildOrder(db, {
        companyId: ids.companyId,
        customerId: customer.id,
        ownerEmployeeId: employeeOf(owner),
        unitId: TEAM_OF[owner] ? idOf(ids.unit, TEAM_OF[owner]) : null,
        orderDate: spec.orderDate,
        dueOn: spec.dueOn,
        status: spec.status,
        contractId: spec.contractId,
        lines: spec.amounts.map((amountFen) => ({ amountFen, taxRateBp: spec.taxRateBp })),
      });
    },
  };
}
export type MoneyKit = Awaited<ReturnType<typeof buildMoneyKit>>;
