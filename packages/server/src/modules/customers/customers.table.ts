import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies, employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/**
 * 客户档案. `ownerEmployeeId` null = in the customer pool (公海). Data scope follows the owner: a rep sees
 * their own customers and everything on them, a lead the team's, a manager the region's.
 */
export const customers = pgTable(
  'customers',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    /** company | person */
    kind: text('kind').notNull(),
    /** end_customer | dealer (经销商) | agent (代理商) | alliance (异业联盟商家) | online_platform */
    category: text('category').notNull(),
    /** A / B / C by default; the company's list is in customer settings. */
    level: text('level').notNull(),
    region: text('region').notNull().default(''),
    industry: text('industry').notNull().default(''),
    /** visit | referral (转介绍) | exhibition | online | phone | other */
    source: text('source').notNull(),
    referrerCustomerId: integer('referrer_customer_id').references((): AnyPgColumn => customers.id),
    ownerEmployeeId: integer('owner_employee_id').references(() => employees.id),
    /** 统一社会信用代码 (18 characters) for companies. */
    creditCode: text('credit_code'),
    /** Why a code failing its check character was accepted anyway. */
    creditCodeOverride: text('credit_code_override'),
    /** Primary contact mobile, kept here too for duplicate detection. */
    mobile: text('mobile'),
    address: text('address').notNull().default(''),
    note: text('note').notNull().default(''),
    /** not_started | pending | approved | rejected: vetting before the first contract. */
    vettingStatus: text('vetting_status').notNull().default('not_started'),
    /** Last follow-up or order date: drives the return to the pool. */
    lastActivityOn: date('last_activity_on', { mode: 'string' }).notNull(),
    /** The day the customer was won (created with an owner): the new-customers metric counts it then. */
    acquiredOn: date('acquired_on', { mode: 'string' }).notNull().defaultNow(),
    /** The winning rep's team that day: the new customer stays credited to it after a move. */
    acquiredUnitId: integer('acquired_unit_id'),
    pooledAt: timestamp('pooled_at', { withTimezone: true }),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('customers_company_owner').on(t.companyId, t.ownerEmployeeId),
    index('customers_company_name').on(t.companyId, t.name),
    index('customers_company_mobile').on(t.companyId, t.mobile),
    uniqueIndex('customers_company_credit_code')
      .on(t.companyId, t.creditCode)
      .where(sql`credit_code is not null`),
    index('customers_referrer').on(t.referrerCustomerId),
    index('customers_company_activity').on(t.companyId, t.lastActivityOn),
  ],
);

export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 决策人 / 采购 / 财务 / 使用人 … free text */
    role: text('role').notNull().default(''),
    mobile: text('mobile'),
    wechat: text('wechat').notNull().default(''),
    isPrimary: smallint('is_primary').notNull().default(0),
  },
  (t) => [
    index('contacts_customer').on(t.customerId),
    index('contacts_company_mobile').on(t.companyId, t.mobile),
  ],
);

/** Every change of owner: assignment, claim from the pool, return to the pool, transfer. */
export const customerOwnershipLog = pgTable(
  'customer_ownership_log',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    fromEmployeeId: integer('from_employee_id').references(() => employees.id),
    toEmployeeId: integer('to_employee_id').references(() => employees.id),
    /** create | claim | pool_return | transfer | release */
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('ownership_customer').on(t.customerId), index('ownership_to_at').on(t.toEmployeeId, t.at)],
);

/** 拜访 / 电话 / 微信 / 企业微信 / 会议, with the next follow-up date. */
export const followUps = pgTable(
  'follow_ups',
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
    /** visit | call | wechat | wecom | meeting */
    kind: text('kind').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull(),
    outcome: text('outcome').notNull().default(''),
    nextFollowUpOn: date('next_follow_up_on', { mode: 'string' }),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('follow_ups_customer').on(t.customerId, t.happenedOn),
    index('follow_ups_due').on(t.companyId, t.nextFollowUpOn),
  ],
);

/** New-customer vetting (新客户签约前的拜访及考核): visit and credit assessment, decided by the manager. */
export const customerVettings = pgTable(
  'customer_vettings',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    visitNotes: text('visit_notes').notNull(),
    creditAssessment: text('credit_assessment').notNull(),
    creditLimitFen: bigint('credit_limit_fen', { mode: 'number' }).notNull().default(0),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    requestedByUserId: integer('requested_by_user_id').references(() => users.id),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('vettings_customer').on(t.customerId)],
);

/** Per-company customer rules: levels, pool return after N days, claim cap per rep. */
export const customerSettings = pgTable('customer_settings', {
  companyId: integer('company_id')
    .primaryKey()
    .references(() => companies.id),
  levels: text('levels')
    .array()
    .notNull()
    .default(sql`'{A,B,C}'::text[]`),
  poolReturnDays: integer('pool_return_days').notNull().default(30),
  claimCapPerRep: integer('claim_cap_per_rep').notNull().default(50),
  version: integer('version').notNull().default(1),
});
