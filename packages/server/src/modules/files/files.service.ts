import crypto from 'node:crypto';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { MAX_FILE_BYTES, type StoredFile, type UploadFileBody } from '@zuzhang/api-schema';
import type { Permission } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, can, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { contracts, orders, proofs } from '../orders/orders.table.ts';
import { files } from './files.table.ts';

/**
 * The upload route's body limit: the base64 of a 10 MB file plus room for the JSON around it. Every other
 * route keeps the app's 1 MB.
 */
export const FILE_UPLOAD_BODY_LIMIT = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 64 * 1024;

/** Who may upload: whoever attaches files to contracts or artwork (proofs) to orders. */
const UPLOADERS: Permission[] = ['contract.manage', 'order.manage'];
/** Who may download, within scope: whoever may see the contracts and orders the files hang off. */
const READERS: Permission[] = ['customer.read', 'contract.manage', 'order.manage'];

function authorizeAny(actor: Actor, permissions: Permission[]) {
  return authorize(actor, permissions.find((p) => can(actor, p)) ?? permissions[0]!);
}

const metaColumns = {
  id: files.id,
  name: files.name,
  mime: files.mime,
  size: files.size,
  sha256: files.sha256,
  createdAt: files.createdAt,
};

function presentFile(row: {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: Date;
}): StoredFile {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/**
 * A file is visible when a record that references it is visible: a contract attachment or an order's
 * proof, on a customer in the actor's scope. The uploader also sees a file not yet attached to anything.
 */
export function fileVisibleTo(actor: Actor): SQL {
  if (actor.scope.company) return sql`true`;
  return or(
    eq(files.createdByUserId, actor.userId),
    sql`exists (select 1 from ${contracts} where ${contracts.companyId} = ${actor.companyId}
      and ${files.id} = any(${contracts.attachmentFileIds}) and ${inScope.customer(actor, contracts.customerId)})`,
    sql`exists (select 1 from ${proofs} inner join ${orders} on ${orders.id} = ${proofs.orderId}
      where ${proofs.fileId} = ${files.id} and ${inScope.customer(actor, orders.customerId)})`,
  )!;
}

export async function uploadFile(db: Db, actor: Actor, body: UploadFileBody): Promise<StoredFile> {
  const { actingForEmployeeId } = authorizeAny(actor, UPLOADERS);
  const content = Buffer.from(body.contentBase64, 'base64');
  if (content.length > MAX_FILE_BYTES) {
    const params = { max: '10 MB', size: `${(content.length / 1024 / 1024).toFixed(1)} MB` };
    throw new AppError('payload_too_large', 'files.tooLarge', params, [
      { path: 'body.contentBase64', key: 'files.tooLarge', params },
    ]);
  }
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        companyId: actor.companyId,
        name: body.name,
        mime: body.mime.toLowerCase(),
        size: content.length,
        sha256,
        content,
        createdByUserId: actor.userId,
      })
      .returning(metaColumns);
    // The audit keeps what was uploaded (name, size, digest), not the bytes.
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'file',
      entityId: row!.id,
      after: { ...row, createdAt: row!.createdAt.toISOString() },
      actingForEmployeeId,
    });
    return presentFile(row!);
  });
}

/** The file's bytes and what to send them as; 404 when no visible record references it. */
export async function downloadFile(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ name: string; mime: string; sha256: string; content: Buffer }> {
  authorizeAny(actor, READERS);
  const [row] = await db
    .select({ name: files.name, mime: files.mime, sha256: files.sha256, content: files.content })
    .from(files)
    .where(and(eq(files.id, id), eq(files.companyId, actor.companyId), fileVisibleTo(actor)));
  if (!row) throw notFound('entity.file');
  return row;
}

/** Name, type and size of files, for the records that list them (contract attachments, proofs). */
export async function loadFileRefs(
  db: Executor,
  ids: number[],
): Promise<Map<number, { id: number; name: string; mime: string; size: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size })
    .from(files)
    .where(inArray(files.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Files a record may point at: in the company and visible to the actor (so nobody gains access to a file
 * by attaching it). A 400 names each id that is not, at the path `pathOf` gives for its position.
 */
export async function checkAttachableFiles(
  tx: Executor,
  actor: Actor,
  ids: number[],
  pathOf: (index: number) => string,
) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(
      and(inArray(files.id, [...new Set(ids)]), eq(files.companyId, actor.companyId), fileVisibleTo(actor)),
    );
  const found = new Set(rows.map((r) => r.id));
  const details: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    if (!found.has(id)) {
      details.push({
        path: pathOf(i),
        key: 'field.notInCompany',
        params: { entity: 'entity.file' },
      });
    }
  });
  if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
}
