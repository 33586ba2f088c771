import { and, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { monthBounds } from '@zuzhang/domain';
import type {
  AppealBody,
  CreateIncidentBody,
  DecideIncidentBody,
  Incident,
  IncidentListQuery,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { users } from '../auth/auth.table.ts';
import { employees } from '../org/org.table.ts';
import { incidents } from './reviews.table.ts';
import { loadEmployeeInScope } from './attendance.service.ts';

/**
 * 奖罚 (issue 5 item 5): fines and rewards recorded by the superior (incident.manage) for someone in their
 * scope — e.g. the seed's 100 yuan "在新员工入职2天后对新进员工的基本资料不了解". The employee sees their own
 * and may appeal with a reason; someone with review.decide who neither recorded it nor is the employee
 * upholds or cancels it. Pay counts the active and upheld ones (an appeal pending counts once decided).
 */

const recorders = alias(users, 'recorder');
const deciders = alias(users, 'decider');

function selectIncidents(db: Executor) {
  return db
    .select({
      i: incidents,
      employeeName: employees.name,
      recordedBy: recorders.username,
      decidedBy: deciders.username,
    })
    .from(incidents)
    .innerJoin(employees, eq(employees.id, incidents.employeeId))
    .leftJoin(recorders, eq(recorders.id, incidents.recordedByUserId))
    .leftJoin(deciders, eq(deciders.id, incidents.decidedByUserId));
}
type IncidentRow = Awaited<ReturnType<ReturnType<typeof selectIncidents>['where']>>[number];

function presentIncident(r: IncidentRow): Incident {
  return {
    id: r.i.id,
    employeeId: r.i.employeeId,
    employeeName: r.employeeName,
    kind: r.i.kind as Incident['kind'],
    type: r.i.type as Incident['type'],
    day: r.i.day,
    amountFen: r.i.amountFen,
    note: r.i.note,
    status: r.i.status as Incident['status'],
    appealReason: r.i.appealReason,
    decisionNote: r.i.decisionNote,
    recordedBy: r.recordedBy,
    decidedBy: r.decidedBy,
    createdAt: r.i.createdAt.toISOString(),
    version: r.i.version,
  };
}

const visible = (actor: Actor) =>
  and(eq(incidents.companyId, actor.companyId), inScope.employee(actor, incidents.employeeId));

export async function getIncident(db: Executor, actor: Actor, id: number): Promise<Incident> {
  const [row] = await selectIncidents(db).where(and(eq(incidents.id, id), visible(actor)));
  if (!row) throw notFound('entity.incident');
  return presentIncident(row);
}

/** Incidents of the people in the caller's scope; everyone sees their own. */
export async function listIncidents(db: Db, actor: Actor, query: IncidentListQuery) {
  const month = query.month ? monthBounds(query.month) : undefined;
  const where = and(
    visible(actor),
    query.employeeId ? eq(incidents.employeeId, query.employeeId) : undefined,
    month ? gte(incidents.day, month.from) : undefined,
    month ? lte(incidents.day, month.to) : undefined,
    query.kind ? eq(incidents.kind, query.kind) : undefined,
    query.status ? eq(incidents.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      day: incidents.day,
      amountFen: incidents.amountFen,
      status: incidents.status,
      employeeName: employees.name,
    },
    'day',
    incidents.id,
  );
  return pageOf(
    db,
    query,
    selectIncidents(db)
      .where(where)
      .orderBy(...order),
    db
      .select({ n: count() })
      .from(incidents)
      .innerJoin(employees, eq(employees.id, incidents.employeeId))
      .where(where),
    (rows) => rows.map(presentIncident),
  );
}

export async function recordIncident(db: Db, actor: Actor, body: CreateIncidentBody): Promise<Incident> {
  const { actingForEmployeeId } = authorize(actor, 'incident.manage');
  if (body.day > actor.today) throw fieldError('body.day', 'reviews.dayInFuture', { today: actor.today });
  const id = await db.transaction(async (tx) => {
    await loadEmployeeInScope(tx, actor, body.employeeId, 'body.employeeId');
    // 奖罚由上级记录: nobody fines or rewards themself.
    if (actor.employeeId !== null && actor.employeeId === body.employeeId) {
      throw new AppError('business_rule', 'reviews.incidentSelf', {}, [
        { path: 'body.employeeId', key: 'reviews.incidentSelf' },
      ]);
    }
    const [row] = await tx
      .insert(incidents)
      .values({ companyId: actor.companyId, ...body, recordedByUserId: actor.userId })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'incident',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return row!.id;
  });
  return getIncident(db, actor, id);
}

async function loadForChange(tx: Executor, actor: Actor, id: number, version: number) {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), visible(actor)))
    .for('update');
  if (!row) throw notFound('entity.incident');
  if (row.version !== version) throw staleVersion('entity.incident');
  return row;
}

function wrongStatus(status: string, action: string): AppError {
  const params = { status: `reviews.incidentStatus.${status}`, action: `reviews.action.${action}` };
  return new AppError('business_rule', 'reviews.wrongStatus', params, [
    { path: 'params.id', key: 'reviews.wrongStatus', params },
  ]);
}

export async function appealIncident(db: Db, actor: Actor, id: number, body: AppealBody): Promise<Incident> {
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    if (actor.employeeId === null || actor.employeeId !== before.employeeId) {
      throw new AppError('forbidden', 'reviews.onlyEmployee', { action: 'reviews.action.appeal' });
    }
    if (before.status !== 'active') throw wrongStatus(before.status, 'appeal');
    const [after] = await tx
      .update(incidents)
      .set({ status: 'appealed', appealReason: body.reason, version: before.version + 1 })
      .where(and(eq(incidents.id, id), eq(incidents.version, before.version)))
      .returning();
    await recordAudit(tx, actor, { action: 'appeal', entity: 'incident', entityId: id, before, after });
  });
  return getIncident(db, actor, id);
}

export async function decideIncident(
  db: Db,
  actor: Actor,
  id: number,
  body: DecideIncidentBody,
): Promise<Incident> {
  const { actingForEmployeeId } = authorize(actor, 'review.decide');
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    if (before.status !== 'appealed') throw wrongStatus(before.status, 'decide');
    if (
      before.recordedByUserId === actor.userId ||
      (actor.employeeId !== null && actor.employeeId === before.employeeId)
    ) {
      throw new AppError('forbidden', 'reviews.incidentDecideNotAllowed');
    }
    const [after] = await tx
      .update(incidents)
      .set({
        status: body.decision,
        decisionNote: body.note,
        decidedByUserId: actor.userId,
        version: before.version + 1,
      })
      .where(and(eq(incidents.id, id), eq(incidents.version, before.version)))
      .returning();
    await recordAudit(tx, actor, {
      action: body.decision,
      entity: 'incident',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getIncident(db, actor, id);
}

export interface IncidentTotals {
  /** Fines counted (罚款事项次数). */
  count: number;
  /** Sum of the fines, positive fen. */
  finesFen: number;
  rewardCount: number;
  rewardsFen: number;
}

/**
 * Each person's fines and rewards dated in the month (`YYYY-MM`), active or upheld ones only (an appeal
 * pending or a cancelled incident costs nothing). Every id asked for gets an entry. For pay.
 */
export async function incidentTotals(
  tx: Executor,
  companyId: number,
  employeeIds: readonly number[],
  month: string,
): Promise<Map<number, IncidentTotals>> {
  const result = new Map<number, IncidentTotals>(
    employeeIds.map((id) => [id, { count: 0, finesFen: 0, rewardCount: 0, rewardsFen: 0 }]),
  );
  if (employeeIds.length === 0) return result;
  const { from, to } = monthBounds(month);
  const rows = await tx
    .select({
      employeeId: incidents.employeeId,
      kind: incidents.kind,
      n: sql<number>`count(*)::int`.mapWith(Number),
      fen: sql<number>`sum(${incidents.amountFen})::bigint`.mapWith(Number),
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.companyId, companyId),
        inArray(incidents.employeeId, [...employeeIds]),
        gte(incidents.day, from),
        lte(incidents.day, to),
        inArray(incidents.status, ['active', 'upheld']),
      ),
    )
    .groupBy(incidents.employeeId, incidents.kind);
  for (const r of rows) {
    const totals = result.get(r.employeeId)!;
    if (r.kind === 'fine') {
      totals.count += r.n;
      totals.finesFen += r.fen;
    } else {
      totals.rewardCount += r.n;
      totals.rewardsFen += r.fen;
    }
  }
  return result;
}
