import { desc, eq } from 'drizzle-orm';
import { formatYuan } from '@zuzhang/domain';
import type { TimelineSource } from '../customers/customer-timeline.ts';
import { receipts } from './receivables.table.ts';

/** Money received on the customer timeline, with what stayed as credit. */
export const receiptTimelineSource: TimelineSource = {
  kinds: ['receipt'],
  async load(db, ctx) {
    const rows = await db
      .select()
      .from(receipts)
      .where(eq(receipts.customerId, ctx.customerId))
      .orderBy(desc(receipts.receivedOn), desc(receipts.id))
      .limit(ctx.limit);
    return rows.map((r) => ({
      at: r.receivedOn,
      kind: 'receipt',
      title: ctx.t('timeline.receipt', {
        amount: formatYuan(r.amountFen),
        method: `timeline.method.${r.method}`,
      }),
      detail: [
        r.payer,
        r.reference,
        r.unallocatedFen > 0 ? ctx.t('timeline.credit', { amount: formatYuan(r.unallocatedFen) }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      refId: r.id,
    }));
  },
};
