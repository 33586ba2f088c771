import { and, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  PERMISSIONS,
  isPermission,
  resolveScope,
  widestScope,
  type DataScopeLevel,
  type Permission,
  type ResolvedScope,
} from '@zuzhang/domain';
import type { Locale } from '@zuzhang/api-schema';
import type { Executor } from '../db/db.ts';
import { idArray } from '../db/id-array.ts';
import { assignments, companies, employees, positions, roles, units } from '../../modules/org/org.table.ts';
import { delegations } from '../../modules/delegations/delegation.table.ts';
import { AppError } from '../errors/app-error.ts';
import { todayIn } from '../clock.ts';
import { sideBySide } from '../db/side-by-side.ts';

export interface ActingFor {
  delegationId: number;
  employeeId: number;
  employeeName: string;
  endDate: string;
}

/** Who is calling, what they may do and what they may see: resolved once per request, here only. */
export interface Actor {
  userId: number;
  username: string;
  isAdmin: boolean;
  locale: Locale;
  companyId: number;
  timezone: string;
  today: string;
  employeeId: number | null;
  employeeName: string | null;
  /** Rights of the positions the actor holds. */
  ownPermissions: Set<Permission>;
  /** Rights held only through a delegation, with the employee they act for. */
  delegatedPermissions: Map<Permission, number>;
  scopeLevel: DataScopeLevel;
  scope: ResolvedScope;
  actingFor: ActingFor[];
  via: 'cookie' | 'token';
}

export interface ActorUser {
  id: number;
  username: string;
  isAdmin: boolean;
  locale: string;
  companyId: number;
  employeeId: number | null;
}

type OrgSnapshotRows = Awaited<ReturnType<typeof queryOrgSnapshot>>;
/** Per database handle (tests open several databases in one process), then per company. */
const orgCache = new WeakMap<
  object,
  Map<number, { revision: number; today: string; rows: OrgSnapshotRows }>
>();

/**
 * Units, positions with their rights, and today's assignments of a company: read on every request, so
 * cached per process until the company's org revision (bumped in the same transaction as any change to
 * them, see audit.ts) or the day changes.
 */
async function loadOrgSnapshot(db: Executor, companyId: number, revision: number, today: string) {
  let perCompany = orgCache.get(db);
  if (!perCompany) orgCache.set(db, (perCompany = new Map()));
  const hit = perCompany.get(companyId);
  if (hit && hit.revision === revision && hit.today === today) return hit.rows;
  const rows = await queryOrgSnapshot(db, companyId, today);
  perCompany.set(companyId, { revision, today, rows });
  return rows;
}

async function queryOrgSnapshot(db: Executor, companyId: number, today: string) {
  const [unitRows, positionRows, assignmentRows] = await sideBySide(
    db,
    () =>
      db.select({ id: units.id, parentId: units.parentId }).from(units).where(eq(units.companyId, companyId)),
    () =>
      db
        .select({
          id: positions.id,
          unitId: positions.unitId,
          reportsToId: positions.reportsToId,
          dataScope: positions.dataScope,
          permissions: roles.permissions,
        })
        .from(positions)
        .innerJoin(roles, eq(roles.id, positions.roleId))
        .where(eq(positions.companyId, companyId)),
    () =>
      db
        .select({ employeeId: assignments.employeeId, positionId: assignments.positionId })
        .from(assignments)
        .where(
          and(
            eq(assignments.companyId, companyId),
            lte(assignments.startDate, today),
            or(isNull(assignments.endDate), gte(assignments.endDate, today)),
          ),
        ),
  );
  return { unitRows, positionRows, assignmentRows };
}

/** Load the actor: positions held today, delegations in force today, and the resulting scope. */
export async function loadActor(db: Executor, user: ActorUser, via: Actor['via']): Promise<Actor> {
  const [company] = await db.select().from(companies).where(eq(companies.id, user.companyId));
  if (!company) throw new AppError('unauthenticated', 'errors.unauthenticated');
  const today = todayIn(company.timezone);
  const [{ unitRows, positionRows, assignmentRows }, delegationRows, employeeRow] = await sideBySide(
    db,
    () => loadOrgSnapshot(db, company.id, company.orgRevision, today),
    () =>
      user.employeeId === null
        ? Promise.resolve([])
        : db
            .select({
              id: delegations.id,
              fromEmployeeId: delegations.fromEmployeeId,
              endDate: delegations.endDate,
              fromName: employees.name,
            })
            .from(delegations)
            .innerJoin(employees, eq(employees.id, delegations.fromEmployeeId))
            .where(
              and(
                eq(delegations.companyId, user.companyId),
                eq(delegations.toEmployeeId, user.employeeId),
                isNull(delegations.revokedAt),
                lte(delegations.startDate, today),
                gte(delegations.endDate, today),
              ),
            ),
    () =>
      user.employeeId === null
        ? Promise.resolve([])
        : db.select({ name: employees.name }).from(employees).where(eq(employees.id, user.employeeId)),
  );

  const positionById = new Map(positionRows.map((p) => [p.id, p]));
  const heldBy = (employeeId: number) =>
    assignmentRows.filter((a) => a.employeeId === employeeId).map((a) => positionById.get(a.positionId)!);

  const own = user.employeeId === null ? [] : heldBy(user.employeeId);
  const ownPermissions = new Set<Permission>();
  for (const p of own) for (const code of p.permissions) if (isPermission(code)) ownPermissions.add(code);
  if (user.isAdmin) for (const code of PERMISSIONS) ownPermissions.add(code);

  const delegatedPermissions = new Map<Permission, number>();
  const grants = own.map((p) => ({ positionId: p.id, dataScope: p.dataScope as DataScopeLevel }));
  for (const d of delegationRows) {
    for (const p of heldBy(d.fromEmployeeId)) {
      grants.push({ positionId: p.id, dataScope: p.dataScope as DataScopeLevel });
      for (const code of p.permissions) {
        if (isPermission(code) && !ownPermissions.has(code) && !delegatedPermissions.has(code)) {
          delegatedPermissions.set(code, d.fromEmployeeId);
        }
      }
    }
  }
  if (user.isAdmin) grants.push({ positionId: positionRows[0]?.id ?? 0, dataScope: 'company' });

  const scope = resolveScope(
    { units: unitRows, positions: positionRows, assignments: assignmentRows },
    grants,
    user.employeeId,
  );
  if (user.isAdmin) scope.company = true;
  // Whoever one acts for is visible too (their seat's peers are not: see resolveScope).
  for (const d of delegationRows) scope.employeeIds.add(d.fromEmployeeId);
  return {
    userId: user.id,
    username: user.username,
    isAdmin: user.isAdmin,
    locale: user.locale === 'en-US' ? 'en-US' : 'zh-CN',
    companyId: user.companyId,
    timezone: company.timezone,
    today,
    employeeId: user.employeeId,
    employeeName: employeeRow[0]?.name ?? null,
    ownPermissions,
    delegatedPermissions,
    scopeLevel: user.isAdmin ? 'company' : widestScope(grants.map((g) => g.dataScope)),
    scope,
    actingFor: delegationRows.map((d) => ({
      delegationId: d.id,
      employeeId: d.fromEmployeeId,
      employeeName: d.fromName,
      endDate: d.endDate,
    })),
    via,
  };
}

/**
 * May the actor do this? Returns whom they act for when the right comes from a delegation (for the
 * audit trail), or null when it is their own.
 */
export function authorize(actor: Actor, permission: Permission): { actingForEmployeeId: number | null } {
  if (actor.ownPermissions.has(permission)) return { actingForEmployeeId: null };
  const from = actor.delegatedPermissions.get(permission);
  if (from !== undefined) return { actingForEmployeeId: from };
  throw new AppError('forbidden', 'errors.forbidden', { permission });
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.ownPermissions.has(permission) || actor.delegatedPermissions.has(permission);
}

export function allPermissions(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p));
}

/**
 * The one place where data scope becomes SQL: rows whose owning column is in the actor's scope.
 * Every list, detail, report and export query composes one of these with its own filters.
 */
export const inScope = {
  employee(actor: Actor, column: PgColumn): SQL {
    return actor.scope.company ? sql`true` : sql`${column} = any(${idArray(actor.scope.employeeIds)})`;
  },
  position(actor: Actor, column: PgColumn): SQL {
    return actor.scope.company ? sql`true` : sql`${column} = any(${idArray(actor.scope.positionIds)})`;
  },
  unit(actor: Actor, column: PgColumn): SQL {
    return actor.scope.company ? sql`true` : sql`${column} = any(${idArray(actor.scope.unitIds)})`;
  },
  /**
   * Records that hang off a customer (follow-ups, orders, receipts, invoices, statements, complaints):
   * visible when the customer's owner is in scope (a rep sees everything on their own customers,
   * including what an assistant entered for them).
   */
  customer(actor: Actor, column: PgColumn): SQL {
    if (actor.scope.company) return sql`true`;
    return sql`${column} in (select c.id from customers c where c.company_id = ${actor.companyId}
      and c.owner_employee_id = any(${idArray(actor.scope.employeeIds)}))`;
  },
};

/** For checks on one record already loaded (e.g. a target of a write given by id). */
export const isInScope = {
  employee: (actor: Actor, id: number) => actor.scope.company || actor.scope.employeeIds.has(id),
  position: (actor: Actor, id: number) => actor.scope.company || actor.scope.positionIds.has(id),
  unit: (actor: Actor, id: number) => actor.scope.company || actor.scope.unitIds.has(id),
};
