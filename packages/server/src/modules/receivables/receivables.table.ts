import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { companies, employees, units } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { contracts, orders } from '../orders/orders.table.ts';

/** 回款计划: instalments with due dates per contract or order. */
export const collectionPlans = pgTable(
  'collection_plans',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contractId: integer('contract_id').references(() => contracts.id),
    orderId: integer('order_id').references(() => orders.id),
    seq: integer('seq').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('collection_plans_customer').on(t.customerId),
    index('collection_plans_due').on(t.companyId, t.dueOn),
  ],
);

/**
 * 回款 / 收款. The idempotency key makes a retried submission return the first receipt instead of a
 * second one. Whatever is not allocated to orders is the customer's credit, never lost.
 */
export const receipts = pgTable(
  'receipts',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The rep credited with the collection (the customer's owner when it came in). */
    ownerEmployeeId: integer('owner_employee_id').references(() => employees.id),
    /** The owner's team on the day the money came in: collections stay with that team after a move. */
    unitId: integer('unit_id').references(() => units.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** bank | cash | wechat | alipay | acceptance_bill | other */
    method: text('method').notNull(),
    payer: text('payer').notNull(),
    reference: text('reference').notNull().default(''),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Kept equal to amount − allocations, in the same transaction as each allocation. */
    unallocatedFen: bigint('unallocated_fen', { mode: 'number' }).notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('receipts_company_idempotency').on(t.companyId, t.idempotencyKey),
    index('receipts_customer').on(t.customerId, t.receivedOn),
    index('receipts_company_date').on(t.companyId, t.receivedOn),
  ],
);

export const receiptAllocations = pgTable(
  'receipt_allocations',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => receipts.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    allocatedOn: date('allocated_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('allocations_receipt').on(t.receiptId), index('allocations_order').on(t.orderId)],
);

/** 坏账核销: writing off what will not be collected, approved by the manager. */
export const writeOffs = pgTable(
  'write_offs',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    requestedByUserId: integer('requested_by_user_id').references(() => users.id),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note').notNull().default(''),
    writtenOffOn: date('written_off_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('write_offs_order').on(t.orderId), index('write_offs_customer').on(t.customerId)],
);
