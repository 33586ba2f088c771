import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { findCycle, isPermission, PERMISSIONS } from '@zuzhang/domain';
import type {
  CreatePositionBody,
  CreatePromotionPathBody,
  CreateRoleBody,
  CreateUnitBody,
  OrgChart,
  OrgChartUnitT,
  Position,
  PromotionPath,
  Role,
  Unit,
  UnitKind,
  UpdatePositionBody,
  UpdateRoleBody,
  UpdateUnitBody,
  PageQuery,
  DataScope,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { assignments, employees, positions, promotionPaths, roles, units } from './org.table.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

// ---- units ---------------------------------------------------------------------------------------

function presentUnit(row: typeof units.$inferSelect): Unit {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    code: row.code,
    kind: row.kind as UnitKind,
    sort: row.sort,
    version: row.version,
  };
}

export async function listUnits(db: Db, actor: Actor): Promise<Unit[]> {
  authorize(actor, 'org.read');
  const rows = await db
    .select()
    .from(units)
    .where(and(eq(units.companyId, actor.companyId), inScope.unit(actor, units.id)))
    .orderBy(asc(units.sort), asc(units.id));
  return rows.map(presentUnit);
}

async function loadUnit(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.id, id), eq(units.companyId, actor.companyId)));
  if (!row || !isInScope.unit(actor, row.id)) throw notFound('entity.unit');
  return row;
}

export async function getUnit(db: Db, actor: Actor, id: number): Promise<Unit> {
  authorize(actor, 'org.read');
  return presentUnit(await loadUnit(db, actor, id));
}

async function checkUnitParent(tx: Executor, actor: Actor, unitId: number | null, parentId: number | null) {
  if (parentId === null) return;
  const [parent] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, parentId), eq(units.companyId, actor.companyId)));
  if (!parent || !isInScope.unit(actor, parentId))
    throw fieldError('body.parentId', 'field.notInCompany', { entity: 'entity.unit' });
  if (unitId === null) return;
  const all = await tx
    .select({ id: units.id, parentId: units.parentId })
    .from(units)
    .where(eq(units.companyId, actor.companyId));
  const loop = findCycle(all, unitId, parentId);
  if (loop) throw fieldError('body.parentId', 'field.unitLoop', { loop: await namesOf(tx, units, loop) });
}

async function namesOf(tx: Executor, table: typeof units | typeof positions, ids: number[]) {
  const rows = await tx.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  const name = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => name.get(id) ?? String(id)).join(' → ');
}

export async function createUnit(db: Db, actor: Actor, body: CreateUnitBody): Promise<Unit> {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  return db.transaction(async (tx) => {
    await checkUnitParent(tx, actor, null, body.parentId);
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(units)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      { path: 'body.code', label: 'field.code', value: body.code },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'unit',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return presentUnit(row!);
  });
}

export async function updateUnit(db: Db, actor: Actor, id: number, body: UpdateUnitBody): Promise<Unit> {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  return db.transaction(async (tx) => {
    const before = await loadUnit(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.unit');
    const { version, ...changes } = body;
    if (changes.parentId !== undefined) await checkUnitParent(tx, actor, id, changes.parentId);
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(units)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(units.id, id), eq(units.version, version)))
          .returning(),
      { path: 'body.code', label: 'field.code', value: changes.code ?? before.code },
    );
    if (!after) throw staleVersion('entity.unit');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'unit',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return presentUnit(after);
  });
}

export async function deleteUnit(db: Db, actor: Actor, id: number) {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  await db.transaction(async (tx) => {
    const before = await loadUnit(tx, actor, id);
    const [children] = await tx.select({ n: count() }).from(units).where(eq(units.parentId, id));
    const [seats] = await tx.select({ n: count() }).from(positions).where(eq(positions.unitId, id));
    if (Number(children!.n) > 0 || Number(seats!.n) > 0) {
      throw new AppError('business_rule', 'field.unitNotEmpty', {}, [
        { path: 'params.id', key: 'field.unitNotEmpty' },
      ]);
    }
    await tx.delete(units).where(eq(units.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'unit',
      entityId: id,
      before,
      actingForEmployeeId,
    });
  });
}

// ---- roles ---------------------------------------------------------------------------------------

function presentRole(row: typeof roles.$inferSelect): Role {
  return { id: row.id, code: row.code, name: row.name, permissions: row.permissions, version: row.version };
}

export function listPermissions() {
  return PERMISSIONS.map((code) => ({ code }));
}

export async function listRoles(db: Db, actor: Actor): Promise<Role[]> {
  authorize(actor, 'org.read');
  const rows = await db
    .select()
    .from(roles)
    .where(eq(roles.companyId, actor.companyId))
    .orderBy(asc(roles.id));
  return rows.map(presentRole);
}

function checkPermissions(codes: string[] | undefined) {
  codes?.forEach((code, i) => {
    if (!isPermission(code)) throw fieldError(`body.permissions.${i}`, 'field.permission', { code });
  });
}

export async function createRole(db: Db, actor: Actor, body: CreateRoleBody): Promise<Role> {
  const { actingForEmployeeId } = authorize(actor, 'role.manage');
  checkPermissions(body.permissions);
  return db.transaction(async (tx) => {
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(roles)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      { path: 'body.code', label: 'field.code', value: body.code },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'role',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return presentRole(row!);
  });
}

export async function updateRole(db: Db, actor: Actor, id: number, body: UpdateRoleBody): Promise<Role> {
  const { actingForEmployeeId } = authorize(actor, 'role.manage');
  checkPermissions(body.permissions);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.id, id), eq(roles.companyId, actor.companyId)));
    if (!before) throw notFound('entity.role');
    const { version, ...changes } = body;
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(roles)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(roles.id, id), eq(roles.version, version)))
          .returning(),
      { path: 'body.code', label: 'field.code', value: changes.code ?? before.code },
    );
    if (!after) throw staleVersion('entity.role');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'role',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return presentRole(after);
  });
}

// ---- positions -----------------------------------------------------------------------------------

/** Assignments in force on a day: started, and not yet ended. */
export function assignmentInForce(day: string): SQL {
  return and(
    lte(assignments.startDate, day),
    or(isNull(assignments.endDate), gte(assignments.endDate, day)),
  )!;
}

/** The team (unit of the primary position) a person was in on a day: sales and collections are credited to it. */
export async function primaryUnitOn(tx: Executor, employeeId: number, day: string): Promise<number | null> {
  const [row] = await tx
    .select({ unitId: positions.unitId })
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(
      and(eq(assignments.employeeId, employeeId), eq(assignments.kind, 'primary'), assignmentInForce(day)),
    )
    .orderBy(desc(assignments.startDate), desc(assignments.id))
    .limit(1);
  return row?.unitId ?? null;
}

const reportsTo = sql<
  string | null
>`(select p2.name from positions p2 where p2.id = ${positions.reportsToId})`;

function positionColumns(today: string) {
  return {
    row: positions,
    unitName: units.name,
    roleName: roles.name,
    reportsToName: reportsTo,
    // A seat is filled by its primary holders; a concurrent (兼任) holder covers it but leaves it vacant,
    // as the org chart counts it.
    filled: sql<number>`(select count(*)::int from assignments a where a.position_id = ${positions.id}
      and a.kind = 'primary' and a.start_date <= ${today} and (a.end_date is null or a.end_date >= ${today}))`,
  };
}

type PositionRow = {
  row: typeof positions.$inferSelect;
  unitName: string;
  roleName: string;
  reportsToName: string | null;
  filled: number;
};

function presentPosition(r: PositionRow): Position {
  const p = r.row;
  return {
    id: p.id,
    unitId: p.unitId,
    unitName: r.unitName,
    reportsToId: p.reportsToId,
    reportsToName: r.reportsToName,
    name: p.name,
    code: p.code,
    headcountPlanned: p.headcountPlanned,
    headcountNote: p.headcountNote,
    headcountFilled: Number(r.filled),
    category: p.category,
    payBand: p.payBand,
    roleId: p.roleId,
    roleName: r.roleName,
    dataScope: p.dataScope as DataScope,
    version: p.version,
  };
}

export async function listPositions(db: Db, actor: Actor, query: PageQuery & { unitId?: number }) {
  authorize(actor, 'org.read');
  const where = and(
    eq(positions.companyId, actor.companyId),
    inScope.position(actor, positions.id),
    query.unitId ? eq(positions.unitId, query.unitId) : undefined,
    query.q
      ? or(ilike(positions.name, likePattern(query.q)), ilike(positions.code, likePattern(query.q)))
      : undefined,
  );
  const order = orderByOf(
    query,
    { name: positions.name, code: positions.code, unit: units.name, headcount: positions.headcountPlanned },
    'code',
    positions.id,
  );
  const base = () =>
    db
      .select(positionColumns(actor.today))
      .from(positions)
      .innerJoin(units, eq(units.id, positions.unitId))
      .innerJoin(roles, eq(roles.id, positions.roleId));
  return pageOf(
    db,
    query,
    base()
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(positions).where(where),
    (rows) => rows.map(presentPosition),
  );
}

export async function getPosition(db: Executor, actor: Actor, id: number): Promise<Position> {
  authorize(actor, 'org.read');
  const [row] = await db
    .select(positionColumns(actor.today))
    .from(positions)
    .innerJoin(units, eq(units.id, positions.unitId))
    .innerJoin(roles, eq(roles.id, positions.roleId))
    .where(and(eq(positions.id, id), eq(positions.companyId, actor.companyId)));
  if (!row || !isInScope.position(actor, id)) throw notFound('entity.position');
  return presentPosition(row);
}

async function checkPositionRefs(
  tx: Executor,
  actor: Actor,
  id: number | null,
  body: Partial<CreatePositionBody>,
) {
  if (body.unitId !== undefined) {
    const [u] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, body.unitId), eq(units.companyId, actor.companyId)));
    if (!u || !isInScope.unit(actor, body.unitId))
      throw fieldError('body.unitId', 'field.notInCompany', { entity: 'entity.unit' });
  }
  if (body.roleId !== undefined) {
    const [r] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.id, body.roleId), eq(roles.companyId, actor.companyId)));
    if (!r) throw fieldError('body.roleId', 'field.notInCompany', { entity: 'entity.role' });
  }
  if (body.reportsToId !== undefined && body.reportsToId !== null) {
    const all = await tx
      .select({ id: positions.id, parentId: positions.reportsToId })
      .from(positions)
      .where(eq(positions.companyId, actor.companyId));
    if (!all.some((p) => p.id === body.reportsToId)) {
      throw fieldError('body.reportsToId', 'field.notInCompany', { entity: 'entity.position' });
    }
    if (id !== null) {
      const loop = findCycle(all, id, body.reportsToId);
      if (loop)
        throw fieldError('body.reportsToId', 'field.reportsToLoop', {
          loop: await namesOf(tx, positions, loop),
        });
    }
  }
}

export async function createPosition(db: Db, actor: Actor, body: CreatePositionBody): Promise<Position> {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  return db.transaction(async (tx) => {
    await checkPositionRefs(tx, actor, null, body);
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(positions)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      { path: 'body.code', label: 'field.code', value: body.code },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'position',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    actor.scope.positionIds.add(row!.id);
    return getPosition(tx, actor, row!.id);
  });
}

export async function updatePosition(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdatePositionBody,
): Promise<Position> {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  return db.transaction(async (tx) => {
    await getPosition(tx, actor, id);
    const [before] = await tx.select().from(positions).where(eq(positions.id, id));
    if (before!.version !== body.version) throw staleVersion('entity.position');
    const { version, ...changes } = body;
    await checkPositionRefs(tx, actor, id, changes);
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(positions)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(positions.id, id), eq(positions.version, version)))
          .returning(),
      { path: 'body.code', label: 'field.code', value: changes.code ?? before!.code },
    );
    if (!after) throw staleVersion('entity.position');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'position',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return getPosition(tx, actor, id);
  });
}

// ---- promotion paths (晋升方向) ------------------------------------------------------------------

export async function listPromotionPaths(db: Db, actor: Actor): Promise<PromotionPath[]> {
  authorize(actor, 'org.read');
  const [paths, names] = await sideBySide(
    db,
    () =>
      db
        .select()
        .from(promotionPaths)
        .where(eq(promotionPaths.companyId, actor.companyId))
        .orderBy(asc(promotionPaths.id)),
    () =>
      db
        .select({ id: positions.id, name: positions.name })
        .from(positions)
        .where(eq(positions.companyId, actor.companyId)),
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return paths.map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    steps: p.positionIds.map((positionId) => ({ positionId, positionName: nameOf.get(positionId) ?? '' })),
  }));
}

export async function createPromotionPath(
  db: Db,
  actor: Actor,
  body: CreatePromotionPathBody,
): Promise<PromotionPath> {
  const { actingForEmployeeId } = authorize(actor, 'org.manage');
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: positions.id, name: positions.name })
      .from(positions)
      .where(and(eq(positions.companyId, actor.companyId), inArray(positions.id, body.positionIds)));
    body.positionIds.forEach((pid, i) => {
      if (!found.some((f) => f.id === pid))
        throw fieldError(`body.positionIds.${i}`, 'field.notInCompany', { entity: 'entity.position' });
    });
    const [row] = await tx
      .insert(promotionPaths)
      .values({ companyId: actor.companyId, ...body })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'promotion_path',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    const nameOf = new Map(found.map((f) => [f.id, f.name]));
    return {
      id: row!.id,
      name: row!.name,
      version: row!.version,
      steps: row!.positionIds.map((positionId) => ({
        positionId,
        positionName: nameOf.get(positionId) ?? '',
      })),
    };
  });
}

// ---- org chart -----------------------------------------------------------------------------------

/** The unit tree with positions, holders, planned vs filled headcount and vacancies, within scope. */
export async function buildOrgChart(db: Db, actor: Actor): Promise<OrgChart> {
  authorize(actor, 'org.read');
  const [unitRows, positionRows, holderRows] = await sideBySide(
    db,
    () =>
      db
        .select()
        .from(units)
        .where(and(eq(units.companyId, actor.companyId), inScope.unit(actor, units.id)))
        .orderBy(asc(units.sort), asc(units.id)),
    () =>
      db
        .select()
        .from(positions)
        .where(and(eq(positions.companyId, actor.companyId), inScope.position(actor, positions.id)))
        .orderBy(asc(positions.id)),
    () =>
      db
        .select({
          positionId: assignments.positionId,
          employeeId: employees.id,
          name: employees.name,
          kind: assignments.kind,
        })
        .from(assignments)
        .innerJoin(employees, eq(employees.id, assignments.employeeId))
        .where(
          and(
            eq(assignments.companyId, actor.companyId),
            assignmentInForce(actor.today),
            // Holders are people: show only those the caller may see (a rep's peers on the same seat are not).
            inScope.employee(actor, assignments.employeeId),
          ),
        )
        .orderBy(asc(assignments.kind), asc(employees.id)),
  );
  const nodes = new Map<number, OrgChartUnitT>();
  for (const u of unitRows) {
    nodes.set(u.id, {
      id: u.id,
      name: u.name,
      code: u.code,
      kind: u.kind as UnitKind,
      positions: [],
      children: [],
      planned: 0,
      filled: 0,
    });
  }
  for (const p of positionRows) {
    const holders = holderRows
      .filter((h) => h.positionId === p.id)
      .map((h) => ({ employeeId: h.employeeId, name: h.name, kind: h.kind as 'primary' | 'concurrent' }));
    const node = nodes.get(p.unitId);
    if (!node) continue;
    const primaries = holders.filter((h) => h.kind === 'primary').length;
    node.positions.push({
      id: p.id,
      name: p.name,
      code: p.code,
      reportsToId: p.reportsToId,
      headcountPlanned: p.headcountPlanned,
      headcountNote: p.headcountNote,
      holders,
      vacancies: Math.max(0, p.headcountPlanned - primaries),
    });
  }
  const roots: OrgChartUnitT[] = [];
  for (const u of unitRows) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const total = (node: OrgChartUnitT): [number, number] => {
    let planned = node.positions.reduce((s, p) => s + p.headcountPlanned, 0);
    let filled = node.positions.reduce(
      (s, p) => s + Math.min(p.headcountPlanned, p.holders.filter((h) => h.kind === 'primary').length),
      0,
    );
    for (const child of node.children) {
      const [cp, cf] = total(child);
      planned += cp;
      filled += cf;
    }
    node.planned = planned;
    node.filled = filled;
    return [planned, filled];
  };
  let planned = 0;
  let filled = 0;
  for (const r of roots) {
    const [p, f] = total(r);
    planned += p;
    filled += f;
  }
  return { roots, planned, filled };
}
