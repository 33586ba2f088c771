import {
  bigint,
  boolean,
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
import { companies, employees, units } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/**
 * 销售目标 plan: one fiscal year, one metric (sales | collections | new_customers | category_sales with
 * `category`). Re-plans make a new version (`versionNo` + 1, with a reason) and supersede the previous one,
 * which is kept for history. `version` is the optimistic-lock counter of this row.
 */
export const targetPlans = pgTable(
  'target_plans',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    fiscalYear: integer('fiscal_year').notNull(),
    metric: text('metric').notNull(),
    /** Product category for category_sales, '' otherwise. */
    category: text('category').notNull().default(''),
    name: text('name').notNull(),
    versionNo: integer('version_no').notNull().default(1),
    /** draft | published | superseded */
    status: text('status').notNull().default('draft'),
    previousPlanId: integer('previous_plan_id').references((): AnyPgColumn => targetPlans.id),
    /** Why this version replaced the previous one (required for a re-plan). */
    reason: text('reason').notNull().default(''),
    /** A split by hand that does not add up may be published, its gap shown as unallocated. */
    allowUnallocated: boolean('allow_unallocated').notNull().default(false),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByUserId: integer('published_by_user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('target_plans_version').on(t.companyId, t.fiscalYear, t.metric, t.category, t.versionNo),
  ],
);

/**
 * One target: an owner (company, unit/team, or a person in a team) for one period at any grain
 * (`2027`, `2027-Q1`, `2027-01`, `2027-W05`), with its three tiers 目标 / 挑战 / 冲刺. Children made by a
 * split point at the line they came from; the split's method and inputs are kept on the parent. Amounts:
 * fen for money metrics, a count for new customers.
 */
export const targetLines = pgTable(
  'target_lines',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    planId: integer('plan_id')
      .notNull()
      .references(() => targetPlans.id, { onDelete: 'cascade' }),
    parentLineId: integer('parent_line_id').references((): AnyPgColumn => targetLines.id, {
      onDelete: 'cascade',
    }),
    /** company | unit | employee */
    ownerKind: text('owner_kind').notNull(),
    /** The unit owning the target, or the team the person is counted in; null for the company. */
    unitId: integer('unit_id').references(() => units.id),
    employeeId: integer('employee_id').references(() => employees.id),
    period: text('period').notNull(),
    /** year | quarter | month | week */
    grain: text('grain').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    target: bigint('target', { mode: 'number' }).notNull(),
    stretch: bigint('stretch', { mode: 'number' }).notNull(),
    challenge: bigint('challenge', { mode: 'number' }).notNull(),
    /** How this line's children were split: equal | weights | history | headcount | manual. */
    splitMethod: text('split_method'),
    splitInputs: jsonb('split_inputs'),
    /** target − Σ children when a manual split was published with a remainder the company allows. */
    unallocated: bigint('unallocated', { mode: 'number' }).notNull().default(0),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // A person (or team) has one target per period in a plan: assigning them twice is refused.
    uniqueIndex('target_lines_owner_period').on(
      t.planId,
      t.ownerKind,
      sql`coalesce(${t.unitId}, 0)`,
      sql`coalesce(${t.employeeId}, 0)`,
      t.period,
    ),
    index('target_lines_parent').on(t.parentLineId),
    index('target_lines_employee').on(t.companyId, t.employeeId, t.periodStart),
    index('target_lines_unit').on(t.companyId, t.unitId, t.periodStart),
    index('target_lines_period').on(t.companyId, t.periodStart),
  ],
);

/** 承诺书: the person signed their targets of a plan version, with the letter's text as signed. */
export const targetAcknowledgements = pgTable(
  'target_acknowledgements',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    planId: integer('plan_id')
      .notNull()
      .references(() => targetPlans.id, { onDelete: 'cascade' }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    signedByUserId: integer('signed_by_user_id').references(() => users.id),
    /** The targets and duties as shown when signed. */
    letter: jsonb('letter').notNull(),
  },
  (t) => [uniqueIndex('target_acks_plan_employee').on(t.planId, t.employeeId)],
);

/** Market size the user enters per year, region and product category: share and coverage are read against it. */
export const marketSizes = pgTable(
  'market_sizes',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    year: integer('year').notNull(),
    region: text('region').notNull(),
    category: text('category').notNull(),
    marketSizeFen: bigint('market_size_fen', { mode: 'number' }).notNull(),
    /** Outlets (potential buying customers) in the market: the denominator of coverage. */
    outletCount: integer('outlet_count').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('market_sizes_key').on(t.companyId, t.year, t.region, t.category)],
);
