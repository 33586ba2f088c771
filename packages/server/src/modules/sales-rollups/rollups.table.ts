import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { companies } from '../org/org.table.ts';

/**
 * Roll-ups of the sales ledger, kept in the same transaction as every ledger write (orders, returns,
 * receipts, new customers) so that dashboards, progress and pay never scan the ledger. A test proves they
 * equal a full recomputation (`recomputeRollups`).
 *
 * One row per company, metric, grain (day | month), period start, employee and team credited, category
 * ('' = all categories). Metrics: sales (orders counted on their order date, returns subtracted on their
 * return date: net sales), returns (returned amount), collections (receipts), new_customers (count).
 * `unitId` 0 = the person had no team that day (never null: it is part of the key). The key leads with
 * metric, grain and category so that a dashboard's read (one metric, one grain, all categories, a date
 * range) is one index range.
 */
export const salesRollups = pgTable(
  'sales_rollups',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    metric: text('metric').notNull(),
    grain: text('grain').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    employeeId: integer('employee_id').notNull(),
    unitId: integer('unit_id').notNull(),
    category: text('category').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'sales_rollups_pk',
      columns: [t.companyId, t.metric, t.grain, t.category, t.periodStart, t.employeeId, t.unitId],
    }),
  ],
);

/** Net quantity and amount per product per month: best sellers and slow movers (畅销 / 滞销). */
export const productSalesRollups = pgTable(
  'product_sales_rollups',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    month: date('month', { mode: 'string' }).notNull(),
    productId: integer('product_id').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'product_sales_rollups_pk', columns: [t.companyId, t.month, t.productId] })],
);

/**
 * Net sales per customer and product category per month: market share and coverage by region (the
 * customer's region is joined when read).
 */
export const customerSalesRollups = pgTable(
  'customer_sales_rollups',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    month: date('month', { mode: 'string' }).notNull(),
    customerId: integer('customer_id').notNull(),
    category: text('category').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'customer_sales_rollups_pk',
      columns: [t.companyId, t.month, t.customerId, t.category],
    }),
  ],
);
