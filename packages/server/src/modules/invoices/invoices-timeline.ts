import { desc, eq } from 'drizzle-orm';
import { formatYuan } from '@zuzhang/domain';
import type { TimelineSource } from '../customers/customer-timeline.ts';
import { invoices } from './invoices.table.ts';

/** Invoices on the customer timeline: requested, and issued with their number. */
export const invoiceTimelineSource: TimelineSource = {
  kinds: ['invoice'],
  async load(db, ctx) {
    const rows = await db
      .select()
      .from(invoices)
      .where(eq(invoices.customerId, ctx.customerId))
      .orderBy(desc(invoices.requestedOn), desc(invoices.id))
      .limit(ctx.limit);
    return rows.map((i) => ({
      at: i.issuedOn ?? i.requestedOn,
      kind: 'invoice',
      title: ctx.t('timeline.invoice', {
        amount: formatYuan(i.amountFen),
        status: `money.status.${i.status}`,
      }),
      detail: i.invoiceNo ?? '',
      refId: i.id,
    }));
  },
};
