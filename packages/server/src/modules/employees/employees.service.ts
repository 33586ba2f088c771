import { and, asc, count, eq, ilike, inArray, or, exists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  Assignment,
  CreateAssignmentBody,
  CreateEmployeeBody,
  Employee,
  EmployeeListQuery,
  EmployeeStatus,
  UpdateEmployeeBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { fieldError, notFound, staleVersion, AppError } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { assignments, employees, positions, units } from '../org/org.table.ts';
import { assignmentInForce } from '../org/org.service.ts';
import { users } from '../auth/auth.table.ts';

const mentors = alias(employees, 'mentor');

function presentAssignment(r: {
  a: typeof assignments.$inferSelect;
  employeeName: string;
  positionName: string;
  unitName: string;
}): Assignment {
  return {
    id: r.a.id,
    employeeId: r.a.employeeId,
    employeeName: r.employeeName,
    positionId: r.a.positionId,
    positionName: r.positionName,
    unitName: r.unitName,
    kind: r.a.kind as Assignment['kind'],
    startDate: r.a.startDate,
    endDate: r.a.endDate,
  };
}

async function assignmentsOf(db: Executor, employeeIds: number[]): Promise<Assignment[]> {
  if (employeeIds.length === 0) return [];
  const rows = await db
    .select({
      a: assignments,
      employeeName: employees.name,
      positionName: positions.name,
      unitName: units.name,
    })
    .from(assignments)
    .innerJoin(employees, eq(employees.id, assignments.employeeId))
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(inArray(assignments.employeeId, employeeIds))
    .orderBy(asc(assignments.startDate), asc(assignments.id));
  return rows.map(presentAssignment);
}

const employeeColumns = { e: employees, mentorName: mentors.name, username: users.username };

async function presentEmployees(
  db: Executor,
  rows: { e: typeof employees.$inferSelect; mentorName: string | null; username: string | null }[],
): Promise<Employee[]> {
  const all = await assignmentsOf(
    db,
    rows.map((r) => r.e.id),
  );
  return rows.map(({ e, mentorName, username }) => ({
    id: e.id,
    name: e.name,
    mobile: e.mobile,
    hireDate: e.hireDate,
    probationEnd: e.probationEnd,
    status: e.status as EmployeeStatus,
    mentorId: e.mentorId,
    mentorName,
    username,
    assignments: all.filter((a) => a.employeeId === e.id),
    version: e.version,
  }));
}

export async function listEmployees(db: Db, actor: Actor, query: EmployeeListQuery) {
  authorize(actor, 'employee.read');
  const where = and(
    eq(employees.companyId, actor.companyId),
    inScope.employee(actor, employees.id),
    query.status ? eq(employees.status, query.status) : undefined,
    query.q
      ? or(ilike(employees.name, likePattern(query.q)), ilike(employees.mobile, likePattern(query.q)))
      : undefined,
    query.unitId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(assignments)
            .innerJoin(positions, eq(positions.id, assignments.positionId))
            .where(
              and(
                eq(assignments.employeeId, employees.id),
                eq(positions.unitId, query.unitId),
                assignmentInForce(actor.today),
              ),
            ),
        )
      : undefined,
  );
  const order = orderByOf(
    query,
    { name: employees.name, hireDate: employees.hireDate, status: employees.status },
    'name',
    employees.id,
  );
  return pageOf(
    db,
    query,
    db
      .select(employeeColumns)
      .from(employees)
      .leftJoin(mentors, eq(mentors.id, employees.mentorId))
      .leftJoin(users, eq(users.employeeId, employees.id))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(employees).where(where),
    (rows) => presentEmployees(db, rows),
  );
}

export async function getEmployee(db: Executor, actor: Actor, id: number): Promise<Employee> {
  authorize(actor, 'employee.read');
  if (!isInScope.employee(actor, id)) throw notFound('entity.employee');
  const rows = await db
    .select(employeeColumns)
    .from(employees)
    .leftJoin(mentors, eq(mentors.id, employees.mentorId))
    .leftJoin(users, eq(users.employeeId, employees.id))
    .where(and(eq(employees.id, id), eq(employees.companyId, actor.companyId)));
  if (rows.length === 0) throw notFound('entity.employee');
  return (await presentEmployees(db, rows))[0]!;
}

async function checkMentor(
  tx: Executor,
  actor: Actor,
  mentorId: number | null | undefined,
  selfId: number | null,
) {
  if (mentorId === null || mentorId === undefined) return;
  const [m] = await tx
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.id, mentorId), eq(employees.companyId, actor.companyId)));
  if (!m || mentorId === selfId)
    throw fieldError('body.mentorId', 'field.notInCompany', { entity: 'entity.employee' });
}

function checkProbation(hireDate: string, probationEnd: string | null | undefined) {
  if (probationEnd && probationEnd < hireDate)
    throw fieldError('body.probationEnd', 'field.dateOrder', { start: hireDate });
}

export async function createEmployee(db: Db, actor: Actor, body: CreateEmployeeBody): Promise<Employee> {
  const { actingForEmployeeId } = authorize(actor, 'employee.manage');
  checkProbation(body.hireDate, body.probationEnd);
  return db.transaction(async (tx) => {
    await checkMentor(tx, actor, body.mentorId, null);
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(employees)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      { path: 'body.mobile', label: 'field.mobileNo', value: body.mobile },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'employee',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    // The creator sees the new hire until they are assigned somewhere.
    actor.scope.employeeIds.add(row!.id);
    return getEmployee(tx, actor, row!.id);
  });
}

export async function updateEmployee(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateEmployeeBody,
): Promise<Employee> {
  const { actingForEmployeeId } = authorize(actor, 'employee.manage');
  return db.transaction(async (tx) => {
    await getEmployee(tx, actor, id);
    const [before] = await tx.select().from(employees).where(eq(employees.id, id));
    if (before!.version !== body.version) throw staleVersion('entity.employee');
    const { version, ...changes } = body;
    checkProbation(
      changes.hireDate ?? before!.hireDate,
      changes.probationEnd === undefined ? before!.probationEnd : changes.probationEnd,
    );
    await checkMentor(tx, actor, changes.mentorId, id);
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(employees)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(employees.id, id), eq(employees.version, version)))
          .returning(),
      { path: 'body.mobile', label: 'field.mobileNo', value: changes.mobile ?? before!.mobile },
    );
    if (!after) throw staleVersion('entity.employee');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'employee',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return getEmployee(tx, actor, id);
  });
}

export async function createAssignment(
  db: Db,
  actor: Actor,
  body: CreateAssignmentBody,
): Promise<Assignment> {
  const { actingForEmployeeId } = authorize(actor, 'employee.manage');
  if (body.endDate && body.endDate < body.startDate)
    throw fieldError('body.endDate', 'field.dateOrder', { start: body.startDate });
  if (!isInScope.employee(actor, body.employeeId))
    throw fieldError('body.employeeId', 'field.notInCompany', { entity: 'entity.employee' });
  if (!isInScope.position(actor, body.positionId))
    throw fieldError('body.positionId', 'field.notInCompany', { entity: 'entity.position' });
  return db.transaction(async (tx) => {
    const [e] = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.id, body.employeeId), eq(employees.companyId, actor.companyId)));
    if (!e) throw fieldError('body.employeeId', 'field.notInCompany', { entity: 'entity.employee' });
    const [p] = await tx
      .select({ id: positions.id })
      .from(positions)
      .where(and(eq(positions.id, body.positionId), eq(positions.companyId, actor.companyId)));
    if (!p) throw fieldError('body.positionId', 'field.notInCompany', { entity: 'entity.position' });
    const [row] = await tx
      .insert(assignments)
      .values({ companyId: actor.companyId, ...body })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'assignment',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    const [a] = (await assignmentsOf(tx, [body.employeeId])).filter((x) => x.id === row!.id);
    return a!;
  });
}

export async function endAssignment(db: Db, actor: Actor, id: number, endDate: string): Promise<Assignment> {
  const { actingForEmployeeId } = authorize(actor, 'employee.manage');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.id, id), eq(assignments.companyId, actor.companyId)));
    if (!before || !isInScope.employee(actor, before.employeeId)) throw notFound('entity.assignment');
    if (before.endDate !== null && before.endDate < actor.today) {
      throw new AppError('business_rule', 'field.alreadyEnded', {}, [
        { path: 'params.id', key: 'field.alreadyEnded' },
      ]);
    }
    if (endDate < before.startDate)
      throw fieldError('body.endDate', 'field.endBeforeStart', { start: before.startDate });
    const [after] = await tx.update(assignments).set({ endDate }).where(eq(assignments.id, id)).returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'assignment',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    const [a] = (await assignmentsOf(tx, [before.employeeId])).filter((x) => x.id === id);
    return a!;
  });
}
