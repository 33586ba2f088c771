import { and, count, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import type { AuditEntry, AuditQuery } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { likePattern, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';

/** Read-only: the product offers no way to change or delete audit rows. */
export async function searchAudit(db: Db, actor: Actor, query: AuditQuery) {
  authorize(actor, 'audit.read');
  const nextDay = (d: string) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const where = and(
    eq(auditLog.companyId, actor.companyId),
    // Outside company scope, a reader sees what people in their scope did.
    actor.scope.company
      ? undefined
      : sql`${auditLog.actorUserId} in (select ${users.id} from ${users} where ${inScope.employee(actor, users.employeeId)})`,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
    query.from ? gte(auditLog.at, new Date(`${query.from}T00:00:00+08:00`)) : undefined,
    query.to ? lt(auditLog.at, new Date(`${nextDay(query.to)}T00:00:00+08:00`)) : undefined,
    query.q
      ? or(
          ilike(auditLog.action, likePattern(query.q)),
          ilike(auditLog.actorName, likePattern(query.q)),
          ilike(auditLog.entity, likePattern(query.q)),
        )
      : undefined,
  );
  const order = query.order === 'asc' ? [auditLog.id] : [desc(auditLog.id)];
  return pageOf(
    db,
    query,
    db
      .select({ a: auditLog, actingForName: employees.name })
      .from(auditLog)
      .leftJoin(employees, eq(employees.id, auditLog.actingForEmployeeId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(auditLog).where(where),
    (rows) =>
      rows.map(({ a, actingForName }): AuditEntry => ({
        id: a.id,
        at: a.at.toISOString(),
        actorUserId: a.actorUserId,
        actorName: a.actorName,
        actingForEmployeeId: a.actingForEmployeeId,
        actingForName,
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        before: a.before,
        after: a.after,
      })),
  );
}
