import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies, employees, positions } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/** 岗位职责说明书: one row per version of a position's job description; at most one draft per position. */
export const jobDescriptions = pgTable(
  'job_descriptions',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    positionId: integer('position_id')
      .notNull()
      .references(() => positions.id),
    versionNo: integer('version_no').notNull(),
    status: text('status').notNull(),
    documentControl: jsonb('document_control').notNull(),
    content: jsonb('content').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByUserId: integer('published_by_user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('jd_position_version').on(t.positionId, t.versionNo),
    uniqueIndex('jd_one_draft')
      .on(t.positionId)
      .where(sql`status = 'draft'`),
    index('jd_company').on(t.companyId),
  ],
);

/** 本人已阅读本岗位职责说明，并严格履行: who signed which version, when. */
export const jdAcknowledgements = pgTable(
  'jd_acknowledgements',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    jdId: integer('jd_id')
      .notNull()
      .references(() => jobDescriptions.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    statement: text('statement').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jd_ack_once').on(t.jdId, t.employeeId)],
);
