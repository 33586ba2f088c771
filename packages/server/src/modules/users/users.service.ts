import { and, asc, eq } from 'drizzle-orm';
import type { CreateUserBody, User } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { hashPassword } from '../../platform/auth/secrets.ts';
import { employees } from '../org/org.table.ts';
import { sessions, users } from '../auth/auth.table.ts';

function present(r: { u: typeof users.$inferSelect; employeeName: string | null }): User {
  return {
    id: r.u.id,
    username: r.u.username,
    employeeId: r.u.employeeId,
    employeeName: r.employeeName,
    isAdmin: r.u.isAdmin,
    lockedUntil: r.u.lockedUntil && r.u.lockedUntil > new Date() ? r.u.lockedUntil.toISOString() : null,
    version: r.u.version,
  };
}

const select = (db: Executor) =>
  db
    .select({ u: users, employeeName: employees.name })
    .from(users)
    .leftJoin(employees, eq(employees.id, users.employeeId));

/**
 * Users are in scope when their employee is; sign-ins with no employee (pure admins) only for company
 * scope. A user manager never sees or changes a sign-in outside their scope.
 */
function usersInScope(actor: Actor) {
  return actor.scope.company ? undefined : inScope.employee(actor, users.employeeId);
}

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  authorize(actor, 'user.manage');
  const rows = await select(db)
    .where(and(eq(users.companyId, actor.companyId), usersInScope(actor)))
    .orderBy(asc(users.username));
  return rows.map(present);
}

async function loadUser(db: Executor, actor: Actor, id: number) {
  const [row] = await select(db).where(
    and(eq(users.id, id), eq(users.companyId, actor.companyId), usersInScope(actor)),
  );
  if (!row) throw notFound('entity.user');
  return row;
}

/** Shared by the API and the CLI: create a sign-in for an employee (or a pure admin with none). */
export async function insertUser(tx: Executor, companyId: number, body: CreateUserBody) {
  const passwordHash = await hashPassword(body.password);
  const [row] = await withDuplicateCheck(
    () =>
      tx
        .insert(users)
        .values({
          companyId,
          username: body.username,
          employeeId: body.employeeId,
          isAdmin: body.isAdmin,
          passwordHash,
        })
        .returning(),
    { path: 'body.username', label: 'field.username', value: body.username },
  );
  return row!;
}

export async function createUser(db: Db, actor: Actor, body: CreateUserBody): Promise<User> {
  const { actingForEmployeeId } = authorize(actor, 'user.manage');
  return db.transaction(async (tx) => {
    // Only a company admin may make another admin.
    if (body.isAdmin && !actor.isAdmin)
      throw new AppError('forbidden', 'errors.forbidden', { permission: 'admin' });
    if (body.employeeId !== null && !isInScope.employee(actor, body.employeeId)) {
      throw fieldError('body.employeeId', 'field.notInCompany', { entity: 'entity.employee' });
    }
    if (body.employeeId !== null) {
      const [e] = await tx
        .select({ id: employees.id })
        .from(employees)
        .where(and(eq(employees.id, body.employeeId), eq(employees.companyId, actor.companyId)));
      if (!e) throw fieldError('body.employeeId', 'field.notInCompany', { entity: 'entity.employee' });
    }
    const row = await insertUser(tx, actor.companyId, body);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: row.id,
      after: row,
      actingForEmployeeId,
    });
    return present(await loadUser(tx, actor, row.id));
  });
}

/** Admin reset: new password, lock cleared, every session of that user ended. */
export async function resetPassword(db: Db, actor: Actor, id: number, newPassword: string): Promise<User> {
  const { actingForEmployeeId } = authorize(actor, 'user.manage');
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, id);
    await tx
      .update(users)
      .set({ passwordHash, failedAttempts: 0, lockedUntil: null, version: before.u.version + 1 })
      .where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      actingForEmployeeId,
    });
    return present(await loadUser(tx, actor, id));
  });
}

export async function unlockUser(db: Db, actor: Actor, id: number): Promise<User> {
  const { actingForEmployeeId } = authorize(actor, 'user.manage');
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, id);
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id));
    await recordAudit(tx, actor, {
      action: 'unlock',
      entity: 'user',
      entityId: id,
      before: { lockedUntil: before.u.lockedUntil },
      actingForEmployeeId,
    });
    return present(await loadUser(tx, actor, id));
  });
}
