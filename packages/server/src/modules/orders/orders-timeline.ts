import { desc, eq } from 'drizzle-orm';
import { formatYuan } from '@zuzhang/domain';
import type { TimelineSource } from '../customers/customer-timeline.ts';
import { orders, salesReturns } from './orders.table.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/** Orders and returns on the customer timeline (issue 3 item 10). */
export const orderTimelineSource: TimelineSource = {
  kinds: ['order', 'return'],
  async load(db, ctx) {
    const [orderRows, returnRows] = await sideBySide(
      db,
      () =>
        db
          .select()
          .from(orders)
          .where(eq(orders.customerId, ctx.customerId))
          .orderBy(desc(orders.orderDate), desc(orders.id))
          .limit(ctx.limit),
      () =>
        db
          .select()
          .from(salesReturns)
          .where(eq(salesReturns.customerId, ctx.customerId))
          .orderBy(desc(salesReturns.returnDate), desc(salesReturns.id))
          .limit(ctx.limit),
    );
    return [
      ...orderRows.map((o) => ({
        at: o.orderDate,
        kind: 'order',
        title: ctx.t('timeline.order', {
          no: o.no,
          amount: formatYuan(o.totalFen),
          status: `orders.status.${o.status}`,
        }),
        detail: o.note,
        refId: o.id,
      })),
      ...returnRows.map((r) => ({
        at: r.returnDate,
        kind: 'return',
        title: ctx.t('timeline.return', { no: r.no, amount: formatYuan(r.amountFen) }),
        detail: r.reason,
        refId: r.id,
      })),
    ];
  },
};
