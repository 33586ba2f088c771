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
} from 'drizzle-orm/pg-core';
import { companies, employees, positions } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/**
 * 激励 / 惩罚体制 as a pay plan: the declarative definition (docs/pay-plans.md) for a position, in force
 * from `effectiveFrom` to `effectiveTo` (inclusive; open-ended when null). Versions of one position never
 * overlap once active. draft → active → retired.
 */
export const payPlans = pgTable(
  'pay_plans',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    positionId: integer('position_id')
      .notNull()
      .references(() => positions.id),
    name: text('name').notNull(),
    versionNo: integer('version_no').notNull().default(1),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    definition: jsonb('definition').notNull(),
    status: text('status').notNull().default('draft'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('pay_plans_position_version').on(t.positionId, t.versionNo)],
);

/**
 * 工资核算: a pay run for a month and a set of people. computed → approved → locked. A re-run of a locked
 * month is a new run pointing at it (`previousRunId`), so late data shows as a difference, never a rewrite.
 */
export const payRuns = pgTable(
  'pay_runs',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    period: text('period').notNull(),
    /** The unit whose people are paid in this run (null = the whole company). */
    unitId: integer('unit_id'),
    status: text('status').notNull().default('computed'),
    previousRunId: integer('previous_run_id'),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    computedByUserId: integer('computed_by_user_id').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedByUserId: integer('approved_by_user_id').references(() => users.id),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('pay_runs_company_period').on(t.companyId, t.period)],
);

/**
 * 工资条: one person's statement in a run. Lines `[{ componentKey, kind, label, amountFen, formula,
 * inputs, explanation }]` add up to `totalFen` exactly; `figures` are the named figures it was computed from.
 */
export const payStatements = pgTable(
  'pay_statements',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    runId: integer('run_id')
      .notNull()
      .references(() => payRuns.id, { onDelete: 'cascade' }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    planId: integer('plan_id')
      .notNull()
      .references(() => payPlans.id),
    period: text('period').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    lines: jsonb('lines').notNull(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [
    uniqueIndex('pay_statements_run_employee').on(t.runId, t.employeeId),
    index('pay_statements_employee').on(t.companyId, t.employeeId, t.period),
  ],
);
