import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies, employees, units } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { files } from '../files/files.table.ts';

/** 合同: draft → awaiting_approval → signed → in_progress → completed | terminated. */
export const contracts = pgTable(
  'contracts',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    no: text('no').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    ownerEmployeeId: integer('owner_employee_id')
      .notNull()
      .references(() => employees.id),
    signedOn: date('signed_on', { mode: 'string' }),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paymentTerms: text('payment_terms').notNull().default(''),
    /** Days after delivery or invoice the money is due; drives due dates and ageing. */
    paymentDays: integer('payment_days').notNull().default(30),
    status: text('status').notNull().default('draft'),
    attachmentFileIds: integer('attachment_file_ids').array().notNull().default([]),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('contracts_company_no').on(t.companyId, t.no),
    index('contracts_customer').on(t.customerId),
  ],
);

/**
 * 订单. `ownerEmployeeId` and `unitId` are the rep and team credited with the sale when it was taken,
 * so a later change of team does not move past sales. Amounts: fen, tax included; lines add up to them.
 */
export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    no: text('no').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contractId: integer('contract_id').references(() => contracts.id),
    ownerEmployeeId: integer('owner_employee_id')
      .notNull()
      .references(() => employees.id),
    unitId: integer('unit_id').references(() => units.id),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    /** draft | awaiting_approval | confirmed | partially_shipped | shipped | completed | cancelled */
    status: text('status').notNull().default('draft'),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull(),
    /**
     * What the customer still owes today (应收余额): `orderBalancesSql`'s open amount, kept in the same
     * transaction as every write that changes it (receivables/open-amount.ts `refreshOpenAmounts`), so that
     * today's ageing and the dashboards read it instead of summing the ledger.
     */
    openFen: bigint('open_fen', { mode: 'number' }).notNull().default(0),
    /** Due date of the money: order date or delivery plus the payment days. */
    dueOn: date('due_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('orders_company_no').on(t.companyId, t.no),
    index('orders_customer').on(t.customerId),
    index('orders_company_date').on(t.companyId, t.orderDate),
    index('orders_owner_date').on(t.ownerEmployeeId, t.orderDate),
    index('orders_open')
      .on(t.companyId, t.customerId)
      .where(sql`open_fen > 0`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    /** Discount in basis points off the unit price (500 = 5%). */
    discountBp: integer('discount_bp').notNull().default(0),
    taxRateBp: integer('tax_rate_bp').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull(),
    promisedOn: date('promised_on', { mode: 'string' }).notNull(),
    shippedQuantity: integer('shipped_quantity').notNull().default(0),
    returnedQuantity: integer('returned_quantity').notNull().default(0),
  },
  (t) => [
    uniqueIndex('order_lines_order_no').on(t.orderId, t.lineNo),
    index('order_lines_product').on(t.productId),
  ],
);

export const shipments = pgTable(
  'shipments',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    shippedOn: date('shipped_on', { mode: 'string' }).notNull(),
    courier: text('courier').notNull().default(''),
    trackingNo: text('tracking_no').notNull().default(''),
    /** [{ orderLineId, quantity }] */
    lines: jsonb('lines').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shipments_order').on(t.orderId)],
);

/** 彩喷稿 / 印刷稿: artwork the customer must approve before production. */
export const proofs = pgTable(
  'proofs',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    /** colour (彩喷稿) | print (印刷稿) */
    kind: text('kind').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    /** pending | approved | rejected */
    state: text('state').notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('proofs_order').on(t.orderId)],
);

/** 退货 / 红字: a return or credit note reduces sales of the month it is dated. */
export const salesReturns = pgTable(
  'sales_returns',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    no: text('no').notNull(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    ownerEmployeeId: integer('owner_employee_id')
      .notNull()
      .references(() => employees.id),
    unitId: integer('unit_id').references(() => units.id),
    returnDate: date('return_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    /** Positive: the amount sales go down by (tax included). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull(),
    /** [{ orderLineId, quantity, amountFen, taxFen }] */
    lines: jsonb('lines').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('returns_company_no').on(t.companyId, t.no),
    index('returns_customer').on(t.customerId),
    index('returns_order').on(t.orderId),
  ],
);

/**
 * The last sequence number given per company, kind (`SO` orders, `TH` returns) and month: numbering a
 * document takes this row's lock instead of reading every document of the company (document-numbers.ts).
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    kind: text('kind').notNull(),
    /** yyyymm, as in the number. */
    month: text('month').notNull(),
    last: bigint('last', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'document_counters_pk', columns: [t.companyId, t.kind, t.month] })],
);
