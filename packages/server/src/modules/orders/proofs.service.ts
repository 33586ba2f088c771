import { and, eq } from 'drizzle-orm';
import type { CreateProofBody, DecideProofBody, Proof, ReviseProofBody } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { files } from '../files/files.table.ts';
import { checkAttachableFiles } from '../files/files.service.ts';
import {
  authorizeOrderRead,
  lockOrder,
  orderVisible,
  presentProof,
  proofColumns,
  readProofs,
} from './order-views.ts';
import { refuse } from './orders.service.ts';
import { orders, proofs } from './orders.table.ts';

/**
 * 彩喷稿 / 印刷稿: artwork the customer approves before production. The rep or the assistant uploads it
 * and records the customer's answer; while any proof on an order is pending or rejected, nothing ships.
 */

export async function listProofs(db: Db, actor: Actor, orderId: number): Promise<Proof[]> {
  authorizeOrderRead(actor);
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, orderId), orderVisible(actor)));
  if (!order) throw notFound('entity.order');
  return readProofs(db, orderId);
}

async function readProof(db: Executor, id: number): Promise<Proof> {
  const [row] = await db
    .select(proofColumns)
    .from(proofs)
    .innerJoin(files, eq(files.id, proofs.fileId))
    .where(eq(proofs.id, id));
  return presentProof(row!);
}

export async function createProof(
  db: Db,
  actor: Actor,
  orderId: number,
  body: CreateProofBody,
): Promise<Proof> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, orderId);
    if (order.status === 'cancelled') {
      throw refuse('proofs.orderClosed', { status: `orders.status.${order.status}` }, 'status');
    }
    await checkAttachableFiles(tx, actor, [body.fileId], () => 'body.fileId');
    const [row] = await tx
      .insert(proofs)
      .values({ companyId: actor.companyId, orderId, kind: body.kind, fileId: body.fileId, note: body.note })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'proof',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return readProof(tx, row!.id);
  });
}

/** The proof with its order locked; 404 when the order is outside the actor's scope. */
async function lockProof(tx: Executor, actor: Actor, id: number) {
  const [row] = await tx
    .select({ p: proofs })
    .from(proofs)
    .innerJoin(orders, eq(orders.id, proofs.orderId))
    .where(and(eq(proofs.id, id), orderVisible(actor)));
  if (!row) throw notFound('entity.proof');
  await lockOrder(tx, actor, row.p.orderId);
  return row.p;
}

/** The customer's answer on a pending proof: approved or rejected, on a day, with a note. */
export async function decideProof(db: Db, actor: Actor, id: number, body: DecideProofBody): Promise<Proof> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  const decidedOn = body.decidedOn ?? actor.today;
  if (decidedOn > actor.today)
    throw fieldError('body.decidedOn', 'orders.dateInFuture', { today: actor.today });
  return db.transaction(async (tx) => {
    const before = await lockProof(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.proof');
    if (before.state !== 'pending') {
      throw refuse('proofs.alreadyDecided', { state: `proofs.state.${before.state}` }, 'state');
    }
    const [after] = await tx
      .update(proofs)
      .set({ state: body.decision, decidedOn, note: body.note, version: before.version + 1 })
      .where(and(eq(proofs.id, id), eq(proofs.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.proof');
    await recordAudit(tx, actor, {
      action: body.decision === 'approved' ? 'approve' : 'reject',
      entity: 'proof',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return readProof(tx, id);
  });
}

/** A new revision of the artwork (after a rejection, or a change the customer asked for): back to pending. */
export async function reviseProof(db: Db, actor: Actor, id: number, body: ReviseProofBody): Promise<Proof> {
  const { actingForEmployeeId } = authorize(actor, 'order.manage');
  return db.transaction(async (tx) => {
    const before = await lockProof(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.proof');
    if (body.fileId !== before.fileId)
      await checkAttachableFiles(tx, actor, [body.fileId], () => 'body.fileId');
    const [after] = await tx
      .update(proofs)
      .set({
        fileId: body.fileId,
        note: body.note,
        state: 'pending',
        decidedOn: null,
        version: before.version + 1,
      })
      .where(and(eq(proofs.id, id), eq(proofs.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.proof');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'proof',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return readProof(tx, id);
  });
}
