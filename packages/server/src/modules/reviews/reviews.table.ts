import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  bigint,
} from 'drizzle-orm/pg-core';
import { companies, employees, positions } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/**
 * The working-day calendar (法定节假日 and 调休上班日), editable per company; loaded from the chinese-days
 * data for the years it covers. A day not listed follows the week: Monday–Friday work, weekends off.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    day: date('day', { mode: 'string' }).notNull(),
    /** holiday (a day off) | workday (a make-up working day on a weekend) */
    kind: text('kind').notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [uniqueIndex('calendar_days_company_day').on(t.companyId, t.day)],
);

/** 考勤: one row per person per working day recorded, entered or imported. */
export const attendanceRecords = pgTable(
  'attendance_records',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    day: date('day', { mode: 'string' }).notNull(),
    /** present | late | absent | leave */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('attendance_employee_day').on(t.employeeId, t.day),
    index('attendance_company_day').on(t.companyId, t.day),
  ],
);

/**
 * 考核表: a scorecard template for a position, its lines `[{ code, label, weight, curve, kind, source?,
 * rubric? }]` with weights adding up to 100. A new version replaces the one in force from its date.
 */
export const scorecardTemplates = pgTable(
  'scorecard_templates',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    positionId: integer('position_id').references(() => positions.id),
    name: text('name').notNull(),
    /** month | quarter */
    cycle: text('cycle').notNull().default('month'),
    lines: jsonb('lines').notNull(),
    /** Grade bands `[{ grade, atLeast }]`; the default A ≥ 90, B ≥ 80, C ≥ 60, D when empty. */
    bands: jsonb('bands'),
    /** Optional forced distribution `{ A: 0.2, B: 0.3, ... }`. */
    distribution: jsonb('distribution'),
    /** active | retired */
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('scorecard_templates_position').on(t.companyId, t.positionId)],
);

/**
 * 绩效考核: one person's scorecard for one cycle. Items carry each indicator's value, points, source and
 * the rater's comment. draft → rated → confirmed | appealed → final (the next level up decides an appeal).
 */
export const reviews = pgTable(
  'reviews',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    templateId: integer('template_id')
      .notNull()
      .references(() => scorecardTemplates.id),
    /** `2026-11` or `2026-Q4` */
    period: text('period').notNull(),
    status: text('status').notNull().default('draft'),
    items: jsonb('items').notNull(),
    /** Weighted score, one decimal (e.g. "87.5"); null until every item has a value. */
    score: numeric('score', { precision: 5, scale: 1 }),
    grade: text('grade'),
    ratedByUserId: integer('rated_by_user_id').references(() => users.id),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    appealReason: text('appeal_reason'),
    appealDecision: text('appeal_decision'),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('reviews_employee_period').on(t.employeeId, t.period, t.templateId),
    index('reviews_company_period').on(t.companyId, t.period),
  ],
);

/** 奖罚: a fine or a reward recorded by the superior, visible to the employee, who may appeal. */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    /** fine | reward */
    kind: text('kind').notNull(),
    /** e.g. new_hire_details_unknown, new_hire_work_unchecked, other */
    type: text('type').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    /** active | appealed | upheld | cancelled */
    status: text('status').notNull().default('active'),
    appealReason: text('appeal_reason'),
    decisionNote: text('decision_note'),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('incidents_employee_day').on(t.employeeId, t.day),
    index('incidents_company_day').on(t.companyId, t.day),
  ],
);
