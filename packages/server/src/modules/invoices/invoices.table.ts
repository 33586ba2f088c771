import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { orders } from '../orders/orders.table.ts';

/**
 * 增值税发票登记: requested → issued → mailed; a red-letter invoice (红字发票) reverses an issued one.
 * A fully digital e-invoice (数电票) has a 20-digit number; an older invoice has a code plus a number.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: integer('order_id').references(() => orders.id),
    /** requested | issued | mailed | reversed */
    status: text('status').notNull().default('requested'),
    /** special (专票) | normal (普票) | e_special (数电专票) | e_normal (数电普票) */
    type: text('type').notNull(),
    invoiceNo: text('invoice_no'),
    invoiceCode: text('invoice_code'),
    taxRateBp: integer('tax_rate_bp').notNull(),
    amountExTaxFen: bigint('amount_ex_tax_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** [{ orderLineId, amountFen, taxFen }] */
    lines: jsonb('lines').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    courier: text('courier').notNull().default(''),
    trackingNo: text('tracking_no').notNull().default(''),
    mailedOn: date('mailed_on', { mode: 'string' }),
    /** Set on a red-letter invoice: the one it reverses (its amounts are negative). */
    reversesInvoiceId: integer('reverses_invoice_id').references((): AnyPgColumn => invoices.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('invoices_customer').on(t.customerId),
    index('invoices_order').on(t.orderId),
    uniqueIndex('invoices_company_no')
      .on(t.companyId, t.invoiceCode, t.invoiceNo)
      .where(sql`invoice_no is not null`),
  ],
);
