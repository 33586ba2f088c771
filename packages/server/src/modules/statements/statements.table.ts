import { bigint, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { companies } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';

/**
 * 对账单: per customer per month. closing = opening + orders − returns − receipts (− write-offs); once the
 * customer confirms, the month is locked and corrections go into the next month.
 */
export const statements = pgTable(
  'statements',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    /** YYYY-MM */
    period: text('period').notNull(),
    openingFen: bigint('opening_fen', { mode: 'number' }).notNull(),
    ordersFen: bigint('orders_fen', { mode: 'number' }).notNull(),
    returnsFen: bigint('returns_fen', { mode: 'number' }).notNull(),
    receiptsFen: bigint('receipts_fen', { mode: 'number' }).notNull(),
    writeOffsFen: bigint('write_offs_fen', { mode: 'number' }).notNull().default(0),
    invoicedFen: bigint('invoiced_fen', { mode: 'number' }).notNull(),
    closingFen: bigint('closing_fen', { mode: 'number' }).notNull(),
    /** draft | sent | confirmed | disputed */
    status: text('status').notNull().default('draft'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    disputeNote: text('dispute_note').notNull().default(''),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('statements_customer_period').on(t.customerId, t.period),
    index('statements_company_period').on(t.companyId, t.period),
  ],
);
