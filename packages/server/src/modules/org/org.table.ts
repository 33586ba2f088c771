import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/** 公司: the tenant. Every business row carries company_id. */
export const companies = pgTable('companies', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  /** Bumped with every change to who holds what (audit.ts), so scope can be cached until it changes. */
  orgRevision: integer('org_revision').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 部门 / 中心 / 课(组) / 门店: a tree of units. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('units_company_code').on(t.companyId, t.code), index('units_parent').on(t.parentId)],
);

/** A role: the actions (工作权限) a position may take. */
export const roles = pgTable(
  'roles',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('roles_company_code').on(t.companyId, t.code)],
);

/** 岗位: a seat in a unit, reporting to another position (直接上级). */
export const positions = pgTable(
  'positions',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    reportsToId: integer('reports_to_id').references((): AnyPgColumn => positions.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    headcountPlanned: integer('headcount_planned').notNull().default(1),
    headcountNote: text('headcount_note').notNull().default(''),
    category: text('category').notNull().default(''),
    payBand: text('pay_band').notNull().default(''),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
    dataScope: text('data_scope').notNull().default('own'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('positions_company_code').on(t.companyId, t.code),
    index('positions_unit').on(t.unitId),
    index('positions_reports_to').on(t.reportsToId),
  ],
);

export const employees = pgTable(
  'employees',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    mobile: text('mobile').notNull(),
    hireDate: date('hire_date', { mode: 'string' }).notNull(),
    probationEnd: date('probation_end', { mode: 'string' }),
    status: text('status').notNull().default('probation'),
    mentorId: integer('mentor_id').references((): AnyPgColumn => employees.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('employees_company_mobile').on(t.companyId, t.mobile),
    index('employees_name').on(t.companyId, t.name),
  ],
);

/** An employee holds a position from a date (primary or concurrent, 兼任). */
export const assignments = pgTable(
  'assignments',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    positionId: integer('position_id')
      .notNull()
      .references(() => positions.id),
    kind: text('kind').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
  },
  (t) => [index('assignments_employee').on(t.employeeId), index('assignments_position').on(t.positionId)],
);

/** 晋升方向: an ordered list of positions. */
export const promotionPaths = pgTable('promotion_paths', {
  id: serial('id').primaryKey(),
  companyId: integer('company_id')
    .notNull()
    .references(() => companies.id),
  name: text('name').notNull(),
  positionIds: integer('position_ids').array().notNull(),
  version: integer('version').notNull().default(1),
});

/** Settings a company may change; one row per company. */
export const companySettings = pgTable('company_settings', {
  companyId: integer('company_id')
    .primaryKey()
    .references(() => companies.id),
  lockoutAttempts: integer('lockout_attempts').notNull().default(5),
  lockoutMinutes: integer('lockout_minutes').notNull().default(15),
  sessionHours: integer('session_hours').notNull().default(12),
});
