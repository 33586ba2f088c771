import { and, asc, count, desc, eq, ilike, inArray, lt, sql } from 'drizzle-orm';
import {
  defaultComplaintDeadline,
  isComplaintOverdue,
  nextComplaintStatus,
  type ComplaintAction,
  type ComplaintStatus,
} from '@zuzhang/domain';
import type {
  AddComplaintStepBody,
  CloseComplaintBody,
  Complaint,
  ComplaintListQuery,
  ComplaintSeverity,
  ComplaintStep,
  CreateComplaintBody,
  ResolveComplaintBody,
  UpdateComplaintBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';
import { orders } from '../orders/orders.table.ts';
import { checkAssignee, customerInScope } from '../customers/customers.service.ts';
import { complaints } from './service.table.ts';

/*
 * 客诉: a case on a customer with a severity, an owner who handles it, a deadline, the steps taken, the
 * resolution and the customer's satisfaction. Visible to whoever sees the customer (scope by customer).
 */

const complaintColumns = { c: complaints, customerName: customers.name, ownerName: employees.name };

function selectComplaints(db: Executor) {
  return db
    .select(complaintColumns)
    .from(complaints)
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .innerJoin(employees, eq(employees.id, complaints.ownerEmployeeId));
}

function presentComplaint(
  r: { c: typeof complaints.$inferSelect; customerName: string; ownerName: string },
  today: string,
): Complaint {
  const status = r.c.status as ComplaintStatus;
  return {
    id: r.c.id,
    customerId: r.c.customerId,
    customerName: r.customerName,
    orderId: r.c.orderId,
    severity: r.c.severity as ComplaintSeverity,
    ownerEmployeeId: r.c.ownerEmployeeId,
    ownerName: r.ownerName,
    title: r.c.title,
    description: r.c.description,
    receivedOn: r.c.receivedOn,
    deadlineOn: r.c.deadlineOn,
    steps: r.c.steps as ComplaintStep[],
    resolution: r.c.resolution,
    satisfaction: r.c.satisfaction,
    status,
    overdue: isComplaintOverdue(r.c.deadlineOn, status, today),
    closedOn: r.c.closedOn,
    createdAt: r.c.createdAt.toISOString(),
    version: r.c.version,
  };
}

function complaintInScope(actor: Actor) {
  return and(eq(complaints.companyId, actor.companyId), inScope.customer(actor, complaints.customerId));
}

async function loadComplaint(db: Executor, actor: Actor, id: number): Promise<Complaint> {
  const [row] = await selectComplaints(db).where(and(eq(complaints.id, id), complaintInScope(actor)));
  if (!row) throw notFound('entity.complaint');
  return presentComplaint(row, actor.today);
}

export async function getComplaint(db: Db, actor: Actor, id: number): Promise<Complaint> {
  authorize(actor, 'customer.read');
  return loadComplaint(db, actor, id);
}

export async function listComplaints(db: Db, actor: Actor, query: ComplaintListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    complaintInScope(actor),
    query.status ? eq(complaints.status, query.status) : undefined,
    query.severity ? eq(complaints.severity, query.severity) : undefined,
    query.customerId ? eq(complaints.customerId, query.customerId) : undefined,
    query.ownerEmployeeId ? eq(complaints.ownerEmployeeId, query.ownerEmployeeId) : undefined,
    query.q ? ilike(complaints.title, likePattern(query.q)) : undefined,
    // Overdue: the deadline has passed and the case is not yet resolved.
    query.overdue === 'true'
      ? and(lt(complaints.deadlineOn, actor.today), inArray(complaints.status, ['open', 'in_progress']))
      : undefined,
    query.overdue === 'false'
      ? sql`not (${complaints.deadlineOn} < ${actor.today} and ${complaints.status} in ('open', 'in_progress'))`
      : undefined,
  );
  // Severity sorts by gravity (low → critical), not alphabetically.
  const dir = query.order === 'desc' ? desc : asc;
  const order =
    query.sort === 'severity'
      ? [
          dir(sql`array_position(array['low','medium','high','critical']::text[], ${complaints.severity})`),
          dir(complaints.id),
        ]
      : orderByOf(
          query,
          { receivedOn: complaints.receivedOn, deadlineOn: complaints.deadlineOn, status: complaints.status },
          'deadlineOn',
          complaints.id,
        );
  return pageOf(
    db,
    query,
    selectComplaints(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(complaints).where(where),
    (rows) => rows.map((r) => presentComplaint(r, actor.today)),
  );
}

function checkDeadline(receivedOn: string, deadlineOn: string) {
  if (deadlineOn < receivedOn) {
    throw fieldError('body.deadlineOn', 'complaints.deadlineBeforeReceived', { receivedOn });
  }
}

export async function createComplaint(db: Db, actor: Actor, body: CreateComplaintBody): Promise<Complaint> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  if (body.receivedOn > actor.today)
    throw fieldError('body.receivedOn', 'customers.notInFuture', { today: actor.today });
  const deadlineOn = body.deadlineOn ?? defaultComplaintDeadline(body.receivedOn, body.severity);
  checkDeadline(body.receivedOn, deadlineOn);
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id, ownerEmployeeId: customers.ownerEmployeeId })
      .from(customers)
      .where(
        and(
          eq(customers.id, body.customerId),
          eq(customers.companyId, actor.companyId),
          customerInScope(actor),
        ),
      );
    if (!customer) throw fieldError('body.customerId', 'field.notInCompany', { entity: 'entity.customer' });
    if (body.orderId !== null) {
      const [order] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, body.orderId), eq(orders.customerId, customer.id)));
      if (!order) throw fieldError('body.orderId', 'complaints.orderNotOfCustomer');
    }
    // Default handler: the customer's owner (客诉 follow the customer), else the person recording it.
    const ownerEmployeeId = body.ownerEmployeeId ?? customer.ownerEmployeeId ?? actor.employeeId;
    if (body.ownerEmployeeId !== undefined)
      await checkAssignee(tx, actor, body.ownerEmployeeId, 'body.ownerEmployeeId');
    if (ownerEmployeeId === null) throw fieldError('body.ownerEmployeeId', 'field.required');
    const [row] = await tx
      .insert(complaints)
      .values({
        companyId: actor.companyId,
        customerId: customer.id,
        orderId: body.orderId,
        severity: body.severity,
        ownerEmployeeId,
        title: body.title,
        description: body.description,
        receivedOn: body.receivedOn,
        deadlineOn,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'complaint',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return loadComplaint(tx, actor, row!.id);
  });
}

/**
 * Load for a change: in scope, the version the caller read, and the action allowed in the current status
 * (open → in_progress → resolved → closed; a closed case does not change).
 */
async function loadForChange(
  tx: Executor,
  actor: Actor,
  id: number,
  version: number,
  action: ComplaintAction,
) {
  await loadComplaint(tx, actor, id);
  const [before] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update');
  if (before!.version !== version) throw staleVersion('entity.complaint');
  const next = nextComplaintStatus(before!.status as ComplaintStatus, action);
  if (next === null) {
    throw new AppError('business_rule', 'complaints.illegalTransition', {
      status: `complaintStatus.${before!.status}`,
      action: `complaintAction.${action}`,
    });
  }
  return { before: before!, next };
}

async function writeChange(
  tx: Executor,
  actor: Actor,
  before: typeof complaints.$inferSelect,
  changes: Partial<typeof complaints.$inferInsert>,
  action: string,
  actingForEmployeeId: number | null,
): Promise<Complaint> {
  const [after] = await tx
    .update(complaints)
    .set({ ...changes, version: before.version + 1 })
    .where(and(eq(complaints.id, before.id), eq(complaints.version, before.version)))
    .returning();
  if (!after) throw staleVersion('entity.complaint');
  await recordAudit(tx, actor, {
    action,
    entity: 'complaint',
    entityId: before.id,
    before,
    after,
    actingForEmployeeId,
  });
  return loadComplaint(tx, actor, before.id);
}

export async function updateComplaint(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateComplaintBody,
): Promise<Complaint> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  return db.transaction(async (tx) => {
    const { before } = await loadForChange(tx, actor, id, body.version, 'edit');
    const { version: _version, ...changes } = body;
    if (changes.deadlineOn !== undefined) checkDeadline(before.receivedOn, changes.deadlineOn);
    if (changes.ownerEmployeeId !== undefined && changes.ownerEmployeeId !== before.ownerEmployeeId) {
      await checkAssignee(tx, actor, changes.ownerEmployeeId, 'body.ownerEmployeeId');
    }
    return writeChange(tx, actor, before, changes, 'update', actingForEmployeeId);
  });
}

/** A step taken on the case (处理过程), appended with who and when; the case is then in progress. */
export async function addComplaintStep(
  db: Db,
  actor: Actor,
  id: number,
  body: AddComplaintStepBody,
): Promise<Complaint> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  const on = body.on ?? actor.today;
  if (on > actor.today) throw fieldError('body.on', 'customers.notInFuture', { today: actor.today });
  return db.transaction(async (tx) => {
    const { before, next } = await loadForChange(tx, actor, id, body.version, 'step');
    if (on < before.receivedOn)
      throw fieldError('body.on', 'complaints.stepBeforeReceived', { receivedOn: before.receivedOn });
    const step: ComplaintStep = {
      on,
      byUserId: actor.userId,
      byName: actor.employeeName ?? actor.username,
      text: body.text,
    };
    const steps = [...(before.steps as ComplaintStep[]), step];
    return writeChange(tx, actor, before, { steps, status: next }, 'step', actingForEmployeeId);
  });
}

export async function resolveComplaint(
  db: Db,
  actor: Actor,
  id: number,
  body: ResolveComplaintBody,
): Promise<Complaint> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  return db.transaction(async (tx) => {
    const { before, next } = await loadForChange(tx, actor, id, body.version, 'resolve');
    return writeChange(
      tx,
      actor,
      before,
      { status: next, resolution: body.resolution, satisfaction: body.satisfaction ?? before.satisfaction },
      'resolve',
      actingForEmployeeId,
    );
  });
}

export async function closeComplaint(
  db: Db,
  actor: Actor,
  id: number,
  body: CloseComplaintBody,
): Promise<Complaint> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  return db.transaction(async (tx) => {
    const { before, next } = await loadForChange(tx, actor, id, body.version, 'close');
    return writeChange(
      tx,
      actor,
      before,
      { status: next, closedOn: actor.today, satisfaction: body.satisfaction ?? before.satisfaction },
      'close',
      actingForEmployeeId,
    );
  });
}
