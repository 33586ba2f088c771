import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  CreatePayRunBody,
  Locale,
  PayRun as PayRunOut,
  PayRunDetail,
  PayRunDiff,
  PayRunListQuery,
  PayStatementSummary,
  RerunPayRunBody,
} from '@zuzhang/api-schema';
import { monthOf, type PayStatementLine } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { isoOrNull } from '../receivables/ledger-refs.ts';
import { users } from '../auth/auth.table.ts';
import { employees, positions, units } from '../org/org.table.ts';
import { payPlans, payRuns, payStatements } from './pay.table.ts';
import { assertNotOwnRun, authorizeAny, canSeeRun, RUN_READERS } from './pay.policy.ts';
import { computeStatementsFor, type ComputedStatement } from './pay-compute.ts';
import { loadPrimarySeats, loadUnitTreeIds, type PrimarySeat } from './pay-figures.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 工资核算: a pay run for a month and a set of people (a unit and the units below it, within the caller's
 * scope, or everyone in it). computed → approved (by someone else with payrun.approve) → locked; a locked
 * run never changes again. Late data is handled by a re-run: a new run for the same month and people that
 * points at the one it replaces, so the difference is shown person by person and line by line. A re-run
 * of a run not yet locked marks it superseded (it can no longer be approved or locked).
 */

const computers = alias(users, 'computer');
const approvers = alias(users, 'approver');

function selectRuns(db: Executor) {
  return db
    .select({
      r: payRuns,
      unitName: units.name,
      computedBy: computers.username,
      approvedBy: approvers.username,
      statementCount:
        sql<number>`(select count(*) from pay_statements s where s.run_id = ${payRuns.id})::int`.mapWith(
          Number,
        ),
      replacedByRunId: sql<
        number | null
      >`(select min(n.id) from pay_runs n where n.previous_run_id = ${payRuns.id})`,
    })
    .from(payRuns)
    .leftJoin(units, eq(units.id, payRuns.unitId))
    .leftJoin(computers, eq(computers.id, payRuns.computedByUserId))
    .leftJoin(approvers, eq(approvers.id, payRuns.approvedByUserId));
}
type RunRow = Awaited<ReturnType<ReturnType<typeof selectRuns>['where']>>[number];

function presentRun(r: RunRow): PayRunOut {
  return {
    id: r.r.id,
    period: r.r.period,
    unitId: r.r.unitId,
    unitName: r.unitName,
    status: r.r.status as PayRunOut['status'],
    previousRunId: r.r.previousRunId,
    replacedByRunId: r.replacedByRunId === null ? null : Number(r.replacedByRunId),
    totalFen: r.r.totalFen,
    statementCount: r.statementCount,
    computedBy: r.computedBy,
    computedAt: isoOrNull(r.r.computedAt)!,
    approvedBy: r.approvedBy,
    approvedAt: isoOrNull(r.r.approvedAt),
    lockedAt: isoOrNull(r.r.lockedAt),
    version: r.r.version,
  };
}

/** Runs the actor may see: of units in scope, or of the whole company with company scope. */
function runScope(actor: Actor): SQL {
  if (actor.scope.company) return sql`true`;
  return sql`${payRuns.unitId} is not null and ${inScope.unit(actor, payRuns.unitId)}`;
}

export async function listPayRuns(db: Db, actor: Actor, query: PayRunListQuery) {
  authorizeAny(actor, RUN_READERS);
  const where = and(
    eq(payRuns.companyId, actor.companyId),
    runScope(actor),
    query.period ? eq(payRuns.period, query.period) : undefined,
    query.status ? eq(payRuns.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      period: payRuns.period,
      computedAt: payRuns.computedAt,
      totalFen: payRuns.totalFen,
      status: payRuns.status,
    },
    'computedAt',
    payRuns.id,
  );
  return pageOf(
    db,
    query,
    selectRuns(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(payRuns).where(where),
    (rows) => rows.map(presentRun),
  );
}

/** The run, in the company and visible to the actor (404 otherwise: its existence is not revealed). */
async function findRun(db: Executor, actor: Actor, id: number): Promise<RunRow> {
  const [row] = await selectRuns(db).where(
    and(eq(payRuns.id, id), eq(payRuns.companyId, actor.companyId), runScope(actor)),
  );
  if (!row) throw notFound('entity.payRun');
  return row;
}

export function selectStatementSummaries(db: Executor) {
  return db
    .select({
      id: payStatements.id,
      runId: payStatements.runId,
      runStatus: payRuns.status,
      period: payStatements.period,
      employeeId: payStatements.employeeId,
      employeeName: employees.name,
      positionName: positions.name,
      planId: payStatements.planId,
      planName: payPlans.name,
      totalFen: payStatements.totalFen,
    })
    .from(payStatements)
    .innerJoin(payRuns, eq(payRuns.id, payStatements.runId))
    .innerJoin(employees, eq(employees.id, payStatements.employeeId))
    .innerJoin(payPlans, eq(payPlans.id, payStatements.planId))
    .innerJoin(positions, eq(positions.id, payPlans.positionId));
}

export async function getPayRun(db: Executor, actor: Actor, id: number): Promise<PayRunDetail> {
  authorizeAny(actor, RUN_READERS);
  const run = await findRun(db, actor, id);
  const statements: PayStatementSummary[] = await selectStatementSummaries(db)
    .where(and(eq(payStatements.runId, id), inScope.employee(actor, payStatements.employeeId)))
    .orderBy(employees.name, payStatements.id);
  // The run's total is the sum of its statements (stored with them, in the same transaction).
  return { ...presentRun(run), statements };
}

function inputsOf(body: { inputs?: CreatePayRunBody['inputs'] }, people: ReadonlySet<number>) {
  const inputs = new Map<number, Record<string, number | string>>();
  (body.inputs ?? []).forEach((input, i) => {
    if (!people.has(input.employeeId)) {
      throw fieldError(`body.inputs.${i}.employeeId`, 'pay.inputUnknownPerson', { id: input.employeeId });
    }
    inputs.set(input.employeeId, { ...inputs.get(input.employeeId), ...input.figures });
  });
  return inputs;
}

function assertPastOrCurrent(actor: Actor, period: string, path: string): void {
  if (period > monthOf(actor.today)) throw fieldError(path, 'pay.futurePeriod', { period });
}

/**
 * Write the run and compute its statements into it (pay-compute.ts hands them over a slice at a time, each
 * slice ONE insert with the rows as one JSON parameter: a row-by-row VALUES list with eight parameters a row
 * was most of the run's time). 422 when nobody in `people` has a plan in force.
 */
async function computeRun(
  tx: Executor,
  actor: Actor,
  run: { period: string; unitId: number | null; previousRunId: number | null },
  people: readonly PrimarySeat[],
  inputs: ReadonlyMap<number, Record<string, number | string>>,
  locale: Locale,
): Promise<{ runId: number; count: number }> {
  const [row] = await tx
    .insert(payRuns)
    .values({ ...run, companyId: actor.companyId, computedByUserId: actor.userId })
    .returning({ id: payRuns.id });
  const runId = row!.id;
  const store = async (statements: ComputedStatement[]) => {
    const rows = statements.map((s) => ({
      employee_id: s.employeeId,
      plan_id: s.planId,
      total_fen: s.totalFen,
      lines: s.lines,
      // The named figures it was computed from, where each came from, and the rules that did not apply.
      figures: { values: s.values, sources: s.sources, skipped: s.skipped },
    }));
    await tx.execute(sql`
      insert into pay_statements (company_id, run_id, employee_id, plan_id, period, total_fen, lines, figures)
      select ${actor.companyId}, ${runId}, x.employee_id, x.plan_id, ${run.period}, x.total_fen, x.lines, x.figures
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(employee_id int, plan_id int, total_fen bigint, lines jsonb, figures jsonb)`);
  };
  const { count, totalFen } = await computeStatementsFor(
    tx,
    actor.companyId,
    run.period,
    people,
    locale,
    { inputs },
    store,
  );
  if (count === 0) throw new AppError('business_rule', 'pay.noPeople', { period: run.period });
  // The run's total is the sum of its statements, known once they all are.
  await tx.update(payRuns).set({ totalFen }).where(eq(payRuns.id, runId));
  return { runId, count };
}

export async function createPayRun(db: Db, actor: Actor, body: CreatePayRunBody, locale: Locale) {
  const { actingForEmployeeId } = authorize(actor, 'payrun.manage');
  assertPastOrCurrent(actor, body.period, 'body.period');
  const unitId = body.unitId ?? null;
  if (unitId === null && !actor.scope.company) {
    // Without company scope a run is for a unit one sees: everyone in scope would mix teams silently.
    throw fieldError('body.unitId', 'field.required');
  }
  const id = await db.transaction(async (tx) => {
    if (unitId !== null) {
      const [unit] = await tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.id, unitId), eq(units.companyId, actor.companyId)));
      if (!unit || !isInScope.unit(actor, unitId)) {
        throw fieldError('body.unitId', 'field.notInCompany', { entity: 'entity.unit' });
      }
    }
    // One run per month and unit: a later change is a re-run of it, so two runs never pay twice.
    const [existing] = await tx
      .select({ id: payRuns.id, status: payRuns.status })
      .from(payRuns)
      .where(
        and(
          eq(payRuns.companyId, actor.companyId),
          eq(payRuns.period, body.period),
          unitId === null ? sql`${payRuns.unitId} is null` : eq(payRuns.unitId, unitId),
          sql`${payRuns.status} <> 'superseded'`,
          sql`not exists (select 1 from pay_runs n where n.previous_run_id = ${payRuns.id})`,
        ),
      )
      .orderBy(desc(payRuns.id))
      .limit(1);
    if (existing) {
      throw new AppError('conflict', 'pay.runExists', {
        period: body.period,
        id: existing.id,
        status: `pay.runStatus.${existing.status}`,
      });
    }
    const seats = await loadPrimarySeats(tx, actor.companyId, body.period, null);
    const tree = unitId === null ? null : await loadUnitTreeIds(tx, unitId);
    const people = [...seats.values()].filter(
      (s) => isInScope.employee(actor, s.employeeId) && (tree === null || tree.has(s.unitId)),
    );
    const inputs = inputsOf(body, new Set(people.map((p) => p.employeeId)));
    const { runId, count } = await computeRun(
      tx,
      actor,
      { period: body.period, unitId, previousRunId: null },
      people,
      inputs,
      locale,
    );
    await recordAudit(tx, actor, {
      action: 'compute',
      entity: 'payRun',
      entityId: runId,
      after: { period: body.period, unitId, people: count },
      actingForEmployeeId,
    });
    return runId;
  });
  return getPayRun(db, actor, id);
}

function lockedError(run: { id: number; period: string }) {
  const params = { id: run.id, period: run.period };
  return new AppError('business_rule', 'pay.runLocked', params, [
    { path: 'params.id', key: 'pay.runLocked', params },
  ]);
}

function wrongStatus(run: { id: number; status: string }, action: 'approve' | 'lock' | 'rerun') {
  const params = { id: run.id, status: `pay.runStatus.${run.status}`, action: `pay.action.${action}` };
  return new AppError('business_rule', 'pay.runWrongStatus', params, [
    { path: 'params.id', key: 'pay.runWrongStatus', params },
  ]);
}

/** The run for a write, locked for update, at the version the caller saw. */
async function loadRunForWrite(tx: Executor, actor: Actor, id: number) {
  const [run] = await tx
    .select()
    .from(payRuns)
    .where(and(eq(payRuns.id, id), eq(payRuns.companyId, actor.companyId)))
    .for('update');
  if (!run || !canSeeRun(actor, run)) throw notFound('entity.payRun');
  return run;
}

export async function approvePayRun(db: Db, actor: Actor, id: number, version: number) {
  const { actingForEmployeeId } = authorize(actor, 'payrun.approve');
  await db.transaction(async (tx) => {
    const before = await loadRunForWrite(tx, actor, id);
    if (before.status === 'locked') throw lockedError(before);
    if (before.version !== version) throw staleVersion('entity.payRun');
    if (before.status !== 'computed') throw wrongStatus(before, 'approve');
    assertNotOwnRun(actor, before);
    const [after] = await tx
      .update(payRuns)
      .set({
        status: 'approved',
        approvedAt: new Date(),
        approvedByUserId: actor.userId,
        version: version + 1,
      })
      .where(and(eq(payRuns.id, id), eq(payRuns.version, version)))
      .returning();
    if (!after) throw staleVersion('entity.payRun');
    await recordAudit(tx, actor, {
      action: 'approve',
      entity: 'payRun',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPayRun(db, actor, id);
}

export async function lockPayRun(db: Db, actor: Actor, id: number, version: number) {
  const { actingForEmployeeId } = authorize(actor, 'payrun.manage');
  await db.transaction(async (tx) => {
    const before = await loadRunForWrite(tx, actor, id);
    if (before.status === 'locked') throw lockedError(before);
    if (before.version !== version) throw staleVersion('entity.payRun');
    if (before.status !== 'approved') throw wrongStatus(before, 'lock');
    const [after] = await tx
      .update(payRuns)
      .set({ status: 'locked', lockedAt: new Date(), version: version + 1 })
      .where(and(eq(payRuns.id, id), eq(payRuns.version, version)))
      .returning();
    if (!after) throw staleVersion('entity.payRun');
    await recordAudit(tx, actor, {
      action: 'lock',
      entity: 'payRun',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getPayRun(db, actor, id);
}

export async function rerunPayRun(db: Db, actor: Actor, id: number, body: RerunPayRunBody, locale: Locale) {
  const { actingForEmployeeId } = authorize(actor, 'payrun.manage');
  const newId = await db.transaction(async (tx) => {
    const old = await loadRunForWrite(tx, actor, id);
    if (old.status === 'superseded') throw wrongStatus(old, 'rerun');
    const [next] = await tx
      .select({ id: payRuns.id })
      .from(payRuns)
      .where(eq(payRuns.previousRunId, id))
      .limit(1);
    if (next) {
      throw new AppError('business_rule', 'pay.runReplaced', { id, next: next.id }, [
        { path: 'params.id', key: 'pay.runReplaced', params: { id, next: next.id } },
      ]);
    }
    // The same people as the run it replaces (those still in scope), with today's figures and plans.
    const ids = (
      await tx
        .select({ employeeId: payStatements.employeeId })
        .from(payStatements)
        .where(eq(payStatements.runId, id))
    )
      .map((r) => r.employeeId)
      .filter((e) => isInScope.employee(actor, e));
    const seats = await loadPrimarySeats(tx, actor.companyId, old.period, ids);
    const people = [...seats.values()];
    const inputs = inputsOf(body, new Set(people.map((p) => p.employeeId)));
    const { runId, count } = await computeRun(
      tx,
      actor,
      { period: old.period, unitId: old.unitId, previousRunId: id },
      people,
      inputs,
      locale,
    );
    if (old.status !== 'locked') {
      await tx
        .update(payRuns)
        .set({ status: 'superseded', version: old.version + 1 })
        .where(eq(payRuns.id, id));
    }
    await recordAudit(tx, actor, {
      action: 'rerun',
      entity: 'payRun',
      entityId: runId,
      after: { period: old.period, previousRunId: id, people: count },
      actingForEmployeeId,
    });
    return runId;
  });
  return getPayRun(db, actor, newId);
}

interface StoredStatement {
  employeeId: number;
  employeeName: string;
  totalFen: number;
  lines: PayStatementLine[];
}

async function loadStoredStatements(db: Executor, actor: Actor, runId: number): Promise<StoredStatement[]> {
  return (await db
    .select({
      employeeId: payStatements.employeeId,
      employeeName: employees.name,
      totalFen: payStatements.totalFen,
      lines: payStatements.lines,
    })
    .from(payStatements)
    .innerJoin(employees, eq(employees.id, payStatements.employeeId))
    .where(and(eq(payStatements.runId, runId), inScope.employee(actor, payStatements.employeeId)))
    .orderBy(employees.name, payStatements.employeeId)) as StoredStatement[];
}

/** The re-run against the run it replaced, person by person and line by line (component by component). */
export async function diffPayRun(db: Db, actor: Actor, id: number): Promise<PayRunDiff> {
  authorizeAny(actor, RUN_READERS);
  const run = await findRun(db, actor, id);
  const previousRunId = run.r.previousRunId;
  const [current, previous] = await sideBySide(
    db,
    () => loadStoredStatements(db, actor, id),
    () => (previousRunId === null ? Promise.resolve([]) : loadStoredStatements(db, actor, previousRunId)),
  );
  const before = new Map(previous.map((s) => [s.employeeId, s]));
  const after = new Map(current.map((s) => [s.employeeId, s]));
  const people = [...new Set([...after.keys(), ...before.keys()])].map((employeeId) => {
    const o = before.get(employeeId);
    const n = after.get(employeeId);
    const keys: string[] = [];
    for (const line of [...(n?.lines ?? []), ...(o?.lines ?? [])]) {
      if (!keys.includes(line.componentKey)) keys.push(line.componentKey);
    }
    const lines = keys.map((componentKey) => {
      const ol = o?.lines.find((l) => l.componentKey === componentKey);
      const nl = n?.lines.find((l) => l.componentKey === componentKey);
      return {
        componentKey,
        label: (nl ?? ol)!.label,
        oldFen: ol?.amountFen ?? null,
        newFen: nl?.amountFen ?? null,
        diffFen: (nl?.amountFen ?? 0) - (ol?.amountFen ?? 0),
      };
    });
    return {
      employeeId,
      employeeName: (n ?? o)!.employeeName,
      oldFen: o?.totalFen ?? null,
      newFen: n?.totalFen ?? null,
      diffFen: (n?.totalFen ?? 0) - (o?.totalFen ?? 0),
      lines,
    };
  });
  const totalFen = current.reduce((s, x) => s + x.totalFen, 0);
  const previousTotalFen = previous.reduce((s, x) => s + x.totalFen, 0);
  return {
    runId: id,
    previousRunId,
    period: run.r.period,
    totalFen,
    previousTotalFen,
    diffFen: totalFen - previousTotalFen,
    people,
  };
}

/** Every statement of a run in scope with its lines, for the payroll export. */
export async function loadRunForExport(db: Db, actor: Actor, id: number) {
  authorize(actor, 'payroll.read');
  const run = await findRun(db, actor, id);
  const rows = await db
    .select({
      employeeId: payStatements.employeeId,
      employeeName: employees.name,
      mobile: employees.mobile,
      positionName: positions.name,
      planName: payPlans.name,
      totalFen: payStatements.totalFen,
      lines: payStatements.lines,
    })
    .from(payStatements)
    .innerJoin(employees, eq(employees.id, payStatements.employeeId))
    .innerJoin(payPlans, eq(payPlans.id, payStatements.planId))
    .innerJoin(positions, eq(positions.id, payPlans.positionId))
    .where(and(eq(payStatements.runId, id), inScope.employee(actor, payStatements.employeeId)))
    .orderBy(employees.name, payStatements.employeeId);
  return {
    run: presentRun(run),
    rows: rows as (Omit<(typeof rows)[number], 'lines'> & { lines: PayStatementLine[] })[],
  };
}
