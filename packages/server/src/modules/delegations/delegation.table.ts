import { date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { companies, employees } from '../org/org.table.ts';

/** 如销售主管不在岗由销售组长行使主管权力: the `from` employee's rights go to `to` for the dates given. */
export const delegations = pgTable(
  'delegations',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    fromEmployeeId: integer('from_employee_id')
      .notNull()
      .references(() => employees.id),
    toEmployeeId: integer('to_employee_id')
      .notNull()
      .references(() => employees.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('delegations_to').on(t.toEmployeeId), index('delegations_from').on(t.fromEmployeeId)],
);
