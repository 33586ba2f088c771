import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CustomerTimeline, Locale, TimelineItem } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { todayIn } from '../../platform/clock.ts';
import { translate, type MessageKey } from '../../platform/i18n/i18n.ts';
import { employees } from '../org/org.table.ts';
import { customerOwnershipLog, customerVettings, followUps } from './customers.table.ts';
import { loadCustomerInScope } from './customers.service.ts';
import { complaintTimelineSource, surveyTimelineSource } from '../service/service-timeline.ts';
import { orderTimelineSource } from '../orders/orders-timeline.ts';
import { receiptTimelineSource } from '../receivables/receivables-timeline.ts';
import { invoiceTimelineSource } from '../invoices/invoices-timeline.ts';

/**
 * The customer page's timeline (issue 3 item 10): everything that happened with a customer, newest first.
 * Each kind of record is a source; a feature adds its records (orders, receipts, invoices) by adding a
 * source to TIMELINE_SOURCES. Sources run only after the customer's scope check: whoever sees the customer
 * sees everything on it (issue 3 item 9).
 */
export interface TimelineContext {
  companyId: number;
  customerId: number;
  /** The newest `limit` items of this source are enough: the merge keeps the newest `limit` overall. */
  limit: number;
  locale: Locale;
  timezone: string;
  /** Translate a message key in the caller's language. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A timestamp as the company's calendar day. */
  dayOf(at: Date): string;
}

export interface TimelineSource {
  kinds: string[];
  load(db: Executor, ctx: TimelineContext): Promise<TimelineItem[]>;
}

const followUpSource: TimelineSource = {
  kinds: ['follow_up'],
  async load(db, ctx) {
    const rows = await db
      .select({ f: followUps, by: employees.name })
      .from(followUps)
      .innerJoin(employees, eq(employees.id, followUps.employeeId))
      .where(eq(followUps.customerId, ctx.customerId))
      .orderBy(desc(followUps.happenedOn), desc(followUps.id))
      .limit(ctx.limit);
    return rows.map(({ f, by }) => ({
      at: f.happenedOn,
      kind: 'follow_up',
      title: ctx.t('timeline.followUp', { kind: `followUpKind.${f.kind}`, by }),
      detail: [
        f.notes,
        f.outcome ? ctx.t('timeline.outcome', { outcome: f.outcome }) : '',
        f.nextFollowUpOn ? ctx.t('timeline.nextFollowUp', { date: f.nextFollowUpOn }) : '',
      ]
        .filter(Boolean)
        .join('\n'),
      refId: f.id,
    }));
  },
};

const fromEmployees = alias(employees, 'from_employee');
const toEmployees = alias(employees, 'to_employee');

const ownershipSource: TimelineSource = {
  kinds: ['ownership'],
  async load(db, ctx) {
    const rows = await db
      .select({ log: customerOwnershipLog, fromName: fromEmployees.name, toName: toEmployees.name })
      .from(customerOwnershipLog)
      .leftJoin(fromEmployees, eq(fromEmployees.id, customerOwnershipLog.fromEmployeeId))
      .leftJoin(toEmployees, eq(toEmployees.id, customerOwnershipLog.toEmployeeId))
      .where(eq(customerOwnershipLog.customerId, ctx.customerId))
      .orderBy(desc(customerOwnershipLog.at), desc(customerOwnershipLog.id))
      .limit(ctx.limit);
    const pool = ctx.t('customers.pool');
    return rows.map(({ log, fromName, toName }) => ({
      at: ctx.dayOf(log.at),
      kind: 'ownership',
      title: ctx.t(`timeline.ownership.${log.reason}` as MessageKey),
      // Creation has no previous owner: just who got it (or the pool).
      detail:
        log.reason === 'create'
          ? (toName ?? pool)
          : ctx.t('timeline.ownerChange', { from: fromName ?? pool, to: toName ?? pool }),
      refId: log.id,
    }));
  },
};

const vettingSource: TimelineSource = {
  kinds: ['vetting_requested', 'vetting_decided'],
  async load(db, ctx) {
    const rows = await db
      .select()
      .from(customerVettings)
      .where(eq(customerVettings.customerId, ctx.customerId))
      .orderBy(desc(customerVettings.createdAt), desc(customerVettings.id))
      .limit(ctx.limit);
    const decided = await db
      .select()
      .from(customerVettings)
      .where(and(eq(customerVettings.customerId, ctx.customerId), isNotNull(customerVettings.decidedAt)))
      .orderBy(desc(customerVettings.decidedAt), desc(customerVettings.id))
      .limit(ctx.limit);
    return [
      ...rows.map((v) => ({
        at: ctx.dayOf(v.createdAt),
        kind: 'vetting_requested',
        title: ctx.t('timeline.vettingRequested'),
        detail: `${v.visitNotes}\n${v.creditAssessment}`,
        refId: v.id,
      })),
      ...decided.map((v) => ({
        at: ctx.dayOf(v.decidedAt!),
        kind: 'vetting_decided',
        title: ctx.t('timeline.vettingDecided', { status: `vettingStatus.${v.status}` }),
        detail: v.decisionNote,
        refId: v.id,
      })),
    ];
  },
};

/** Every kind of record on the timeline; a feature adds its records by adding a source here. */
export const TIMELINE_SOURCES: TimelineSource[] = [
  followUpSource,
  ownershipSource,
  vettingSource,
  complaintTimelineSource,
  surveyTimelineSource,
  orderTimelineSource,
  receiptTimelineSource,
  invoiceTimelineSource,
];

/** Newest first; on the same day, the record written last first. */
export function mergeTimeline(lists: TimelineItem[][], limit: number): TimelineItem[] {
  return lists
    .flat()
    .sort((a, b) => (a.at === b.at ? b.refId - a.refId : a.at < b.at ? 1 : -1))
    .slice(0, limit);
}

export async function getCustomerTimeline(
  db: Db,
  actor: Actor,
  locale: Locale,
  customerId: number,
  limit: number,
  sources: TimelineSource[] = TIMELINE_SOURCES,
): Promise<CustomerTimeline> {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, customerId);
  const ctx: TimelineContext = {
    companyId: actor.companyId,
    customerId,
    limit,
    locale,
    timezone: actor.timezone,
    t: (key, params) => translate(locale, key, params),
    dayOf: (at) => todayIn(actor.timezone, at),
  };
  const lists = await Promise.all(sources.map((s) => s.load(db, ctx)));
  return { customerId, items: mergeTimeline(lists, limit) };
}
