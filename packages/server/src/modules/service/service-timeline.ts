import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/db.ts';
import type { TimelineContext, TimelineSource } from '../customers/customer-timeline.ts';
import type { TimelineItem } from '@zuzhang/api-schema';
import { complaints, customerSurveys } from './service.table.ts';

/** Complaints on the customer timeline: when received, and when closed. */
export const complaintTimelineSource: TimelineSource = {
  kinds: ['complaint', 'complaint_closed'],
  async load(db: Executor, ctx: TimelineContext): Promise<TimelineItem[]> {
    const received = await db
      .select()
      .from(complaints)
      .where(eq(complaints.customerId, ctx.customerId))
      .orderBy(desc(complaints.receivedOn), desc(complaints.id))
      .limit(ctx.limit);
    const closed = await db
      .select()
      .from(complaints)
      .where(and(eq(complaints.customerId, ctx.customerId), isNotNull(complaints.closedOn)))
      .orderBy(desc(complaints.closedOn), desc(complaints.id))
      .limit(ctx.limit);
    return [
      ...received.map((c) => ({
        at: c.receivedOn,
        kind: 'complaint',
        title: ctx.t('timeline.complaint', {
          severity: `complaintSeverity.${c.severity}`,
          title: c.title,
          status: `complaintStatus.${c.status}`,
        }),
        detail: c.description,
        refId: c.id,
      })),
      ...closed.map((c) => ({
        at: c.closedOn!,
        kind: 'complaint_closed',
        title: ctx.t('timeline.complaintClosed', { title: c.title }),
        detail: c.resolution,
        refId: c.id,
      })),
    ];
  },
};

/** Return visits (回访) and satisfaction surveys with their score. */
export const surveyTimelineSource: TimelineSource = {
  kinds: ['survey'],
  async load(db: Executor, ctx: TimelineContext): Promise<TimelineItem[]> {
    const rows = await db
      .select()
      .from(customerSurveys)
      .where(eq(customerSurveys.customerId, ctx.customerId))
      .orderBy(desc(customerSurveys.doneOn), desc(customerSurveys.id))
      .limit(ctx.limit);
    return rows.map((s) => ({
      at: s.doneOn,
      kind: 'survey',
      title: ctx.t('timeline.survey', { kind: `surveyKind.${s.kind}`, score: s.score }),
      detail: s.comment,
      refId: s.id,
    }));
  },
};
