import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CreateShipmentBody, Order } from '@zuzhang/api-schema';
import { orderStatusAfterShipment } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { lockOrder, readOrder, readOrderLines } from './order-views.ts';
import { loadLinesById, refuse } from './orders.service.ts';
import { orderLines, orders, proofs, shipments } from './orders.table.ts';

/** Orders that may ship: confirmed (approved if they needed it) and not yet shipped in full. */
const SHIPPABLE = ['confirmed', 'partially_shipped'];

/**
 * 发货: some or all of the remaining units of some lines, with the courier and tracking number. Refused
 * while any proof (彩喷稿 / 印刷稿) on the order is pending or rejected: production needs approved artwork.
 * The order's status follows (partially shipped / shipped) and its version moves on.
 */
export async function createShipment(
  db: Db,
  actor: Actor,
  orderId: number,
  body: CreateShipmentBody,
): Promise<Order> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  const shippedOn = body.shippedOn ?? actor.today;
  if (shippedOn > actor.today)
    throw fieldError('body.shippedOn', 'orders.dateInFuture', { today: actor.today });
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, orderId);
    if (!SHIPPABLE.includes(order.status)) {
      throw refuse('shipments.notShippable', { status: `orders.status.${order.status}` }, 'status');
    }
    if (shippedOn < order.orderDate) {
      throw fieldError('body.shippedOn', 'orders.beforeOrderDate', { orderDate: order.orderDate });
    }
    const blocking = await tx
      .select({ id: proofs.id, state: proofs.state })
      .from(proofs)
      .where(and(eq(proofs.orderId, orderId), inArray(proofs.state, ['pending', 'rejected'])));
    if (blocking.length > 0) {
      throw refuse('shipments.proofsNotApproved', { count: blocking.length }, 'proofs');
    }
    const lines = await loadLinesById(
      tx,
      orderId,
      body.lines.map((l) => l.orderLineId),
    );
    const details: ErrorDetail[] = [];
    const seen = new Set<number>();
    body.lines.forEach((l, i) => {
      const line = lines.get(l.orderLineId);
      if (!line) {
        details.push({
          path: `body.lines.${i}.orderLineId`,
          key: 'field.notInCompany',
          params: { entity: 'entity.orderLine' },
        });
      } else if (seen.has(l.orderLineId)) {
        details.push({ path: `body.lines.${i}.orderLineId`, key: 'orders.lineTwice' });
      }
      seen.add(l.orderLineId);
    });
    if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
    body.lines.forEach((l, i) => {
      const line = lines.get(l.orderLineId)!;
      const remaining = line.quantity - line.shippedQuantity;
      if (l.quantity > remaining) {
        details.push({
          path: `body.lines.${i}.quantity`,
          key: 'shipments.moreThanRemaining',
          params: { remaining },
        });
      }
    });
    if (details.length > 0) throw new AppError('business_rule', 'shipments.tooMany', {}, details);

    for (const l of body.lines) {
      await tx
        .update(orderLines)
        .set({ shippedQuantity: sql`${orderLines.shippedQuantity} + ${l.quantity}` })
        .where(eq(orderLines.id, l.orderLineId));
    }
    const [shipment] = await tx
      .insert(shipments)
      .values({
        companyId: actor.companyId,
        orderId,
        shippedOn,
        courier: body.courier,
        trackingNo: body.trackingNo,
        lines: body.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
        createdByUserId: actor.userId,
      })
      .returning();
    const status = orderStatusAfterShipment(await readOrderLines(tx, orderId));
    const [after] = await tx
      .update(orders)
      .set({ status, version: order.version + 1 })
      .where(eq(orders.id, orderId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'shipment',
      entityId: shipment!.id,
      before: { orderStatus: order.status, orderVersion: order.version },
      after: { ...shipment, orderStatus: after!.status, orderVersion: after!.version },
      actingForEmployeeId,
    });
    return readOrder(tx, actor, orderId);
  });
}
