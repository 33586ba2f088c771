import { date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { companies, employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { orders } from '../orders/orders.table.ts';

/** 客诉: severity, owner, deadline, steps taken, resolution, the customer's satisfaction. */
export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: integer('order_id').references(() => orders.id),
    /** low | medium | high | critical */
    severity: text('severity').notNull(),
    ownerEmployeeId: integer('owner_employee_id')
      .notNull()
      .references(() => employees.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    deadlineOn: date('deadline_on', { mode: 'string' }).notNull(),
    /** [{ on, byUserId, byName, text }] */
    steps: jsonb('steps').notNull().default([]),
    resolution: text('resolution').notNull().default(''),
    /** 1–5, asked when the case is closed. */
    satisfaction: smallint('satisfaction'),
    /** open | in_progress | resolved | closed */
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('complaints_customer').on(t.customerId),
    index('complaints_owner_status').on(t.ownerEmployeeId, t.status),
  ],
);

/** 回访 and 满意度调查: a score (1–5) and comment per customer. */
export const customerSurveys = pgTable(
  'customer_surveys',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    /** return_visit | satisfaction */
    kind: text('kind').notNull(),
    doneOn: date('done_on', { mode: 'string' }).notNull(),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_customer').on(t.customerId, t.doneOn)],
);
