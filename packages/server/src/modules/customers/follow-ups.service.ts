import { and, asc, count, desc, eq, isNotNull, lte } from 'drizzle-orm';
import { followUpDaysOverdue } from '@zuzhang/domain';
import type {
  CreateFollowUpBody,
  DueFollowUp,
  DueFollowUpQuery,
  FollowUp,
  FollowUpKind,
  FollowUpListQuery,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { customers, followUps } from './customers.table.ts';
import { customerInScope, loadCustomerInScope, touchCustomerActivity } from './customers.service.ts';

function presentFollowUp(row: typeof followUps.$inferSelect, employeeName: string): FollowUp {
  return {
    id: row.id,
    customerId: row.customerId,
    employeeId: row.employeeId,
    employeeName,
    kind: row.kind as FollowUpKind,
    happenedOn: row.happenedOn,
    notes: row.notes,
    outcome: row.outcome,
    nextFollowUpOn: row.nextFollowUpOn,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * 拜访 / 回访: a visit, call, WeChat / WeCom message or meeting with its next follow-up date. It keeps the
 * customer out of the pool (lastActivityOn moves in the same transaction).
 */
export async function createFollowUp(
  db: Db,
  actor: Actor,
  customerId: number,
  body: CreateFollowUpBody,
): Promise<FollowUp> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  if (body.happenedOn > actor.today)
    throw fieldError('body.happenedOn', 'customers.notInFuture', { today: actor.today });
  if (body.nextFollowUpOn !== null && body.nextFollowUpOn < body.happenedOn) {
    throw fieldError('body.nextFollowUpOn', 'customers.nextBeforeHappened', { happenedOn: body.happenedOn });
  }
  return db.transaction(async (tx) => {
    const customer = await loadCustomerInScope(tx, actor, customerId, { forUpdate: true });
    // Who followed up: the caller; the admin (no employee) records it for the owner.
    const employeeId = actor.employeeId ?? customer.ownerEmployeeId;
    if (employeeId === null) throw new AppError('business_rule', 'customers.followUpNeedsOwner');
    const [row] = await tx
      .insert(followUps)
      .values({ companyId: actor.companyId, customerId, employeeId, ...body, createdByUserId: actor.userId })
      .returning();
    await touchCustomerActivity(tx, customerId, body.happenedOn);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'follow_up',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    const [who] = await tx
      .select({ name: employees.name })
      .from(employees)
      .where(eq(employees.id, employeeId));
    return presentFollowUp(row!, who!.name);
  });
}

export async function listFollowUps(db: Db, actor: Actor, customerId: number, query: FollowUpListQuery) {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, customerId);
  const where = eq(followUps.customerId, customerId);
  const order = orderByOf(
    query,
    { happenedOn: followUps.happenedOn, createdAt: followUps.createdAt },
    'happenedOn',
    followUps.id,
  );
  return pageOf(
    db,
    query,
    db
      .select({ f: followUps, employeeName: employees.name })
      .from(followUps)
      .innerJoin(employees, eq(employees.id, followUps.employeeId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(followUps).where(where),
    (rows) => rows.map((r) => presentFollowUp(r.f, r.employeeName)),
  );
}

/**
 * The "due today" list: customers in scope whose latest follow-up planned a next one on or before `date`
 * (default today). A later follow-up replaces the plan, so a customer followed up since is not listed.
 */
export async function listDueFollowUps(db: Executor, actor: Actor, query: DueFollowUpQuery) {
  authorize(actor, 'customer.read');
  const date = query.date ?? actor.today;
  const latest = db
    .selectDistinctOn([followUps.customerId], {
      customerId: followUps.customerId,
      id: followUps.id,
      kind: followUps.kind,
      happenedOn: followUps.happenedOn,
      nextFollowUpOn: followUps.nextFollowUpOn,
    })
    .from(followUps)
    .where(eq(followUps.companyId, actor.companyId))
    .orderBy(followUps.customerId, desc(followUps.happenedOn), desc(followUps.id))
    .as('latest');
  const where = and(
    eq(customers.companyId, actor.companyId),
    customerInScope(actor),
    isNotNull(customers.ownerEmployeeId),
    query.ownerEmployeeId ? eq(customers.ownerEmployeeId, query.ownerEmployeeId) : undefined,
    isNotNull(latest.nextFollowUpOn),
    lte(latest.nextFollowUpOn, date),
  );
  return pageOf(
    db,
    query,
    db
      .select({
        id: customers.id,
        customerName: customers.name,
        level: customers.level,
        ownerEmployeeId: customers.ownerEmployeeId,
        ownerName: employees.name,
        lastFollowUpId: latest.id,
        lastFollowUpOn: latest.happenedOn,
        lastFollowUpKind: latest.kind,
        nextFollowUpOn: latest.nextFollowUpOn,
      })
      .from(latest)
      .innerJoin(customers, eq(customers.id, latest.customerId))
      .innerJoin(employees, eq(employees.id, customers.ownerEmployeeId))
      .where(where)
      .orderBy(asc(latest.nextFollowUpOn), asc(customers.name), asc(customers.id)),
    db
      .select({ n: count() })
      .from(latest)
      .innerJoin(customers, eq(customers.id, latest.customerId))
      .where(where),
    (rows) =>
      rows.map((r): DueFollowUp => {
        const daysOverdue = followUpDaysOverdue(r.nextFollowUpOn!, date);
        return {
          id: r.id,
          customerName: r.customerName,
          level: r.level,
          ownerEmployeeId: r.ownerEmployeeId!,
          ownerName: r.ownerName,
          lastFollowUpId: r.lastFollowUpId,
          lastFollowUpOn: r.lastFollowUpOn,
          lastFollowUpKind: r.lastFollowUpKind as FollowUpKind,
          nextFollowUpOn: r.nextFollowUpOn!,
          overdue: daysOverdue > 0,
          daysOverdue,
        };
      }),
  );
}
