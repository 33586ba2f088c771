import type { Executor } from '../db/db.ts';
import type { Actor } from '../access/actor.ts';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from './audit.table.ts';
import { companies } from '../../modules/org/org.table.ts';

/** Entities whose changes alter rights or scope: writing one invalidates the cached org (actor.ts). */
const ORG_ENTITIES = new Set(['unit', 'position', 'role', 'assignment', 'delegation', 'employee', 'user']);

export interface AuditEvent {
  action: 'create' | 'update' | 'delete' | 'publish' | 'acknowledge' | 'revoke' | 'login' | 'logout' | string;
  entity: string;
  entityId: number | string;
  before?: unknown;
  after?: unknown;
  /** Set when the right used came from a delegation (acting for that employee). */
  actingForEmployeeId?: number | null;
}

/** Append one audit row, in the caller's transaction so it is written with the change or not at all. */
export async function recordAudit(
  tx: Executor,
  actor: Pick<Actor, 'companyId' | 'userId' | 'username'>,
  event: AuditEvent,
) {
  await tx.insert(auditLog).values({
    companyId: actor.companyId,
    actorUserId: actor.userId,
    actorName: actor.username,
    actingForEmployeeId: event.actingForEmployeeId ?? null,
    action: event.action,
    entity: event.entity,
    entityId: String(event.entityId),
    before: event.before === undefined ? null : redact(event.before),
    after: event.after === undefined ? null : redact(event.after),
  });
  if (ORG_ENTITIES.has(event.entity)) {
    await tx
      .update(companies)
      .set({ orgRevision: sql`${companies.orgRevision} + 1` })
      .where(eq(companies.id, actor.companyId));
  }
}

const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash', 'csrfToken', 'token']);

/** Secrets never reach the audit log. */
function redact(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}
