import { collectSubtree } from '../org/tree.ts';
import type { DataScopeLevel } from './permissions.ts';

/** The organisation as scope needs it: small (one row per unit, position, assignment). */
export interface OrgSnapshot {
  units: { id: number; parentId: number | null }[];
  positions: { id: number; unitId: number; reportsToId: number | null }[];
  /** Assignments in force today. */
  assignments: { employeeId: number; positionId: number }[];
}

/** One source of rights: a position the actor holds, or holds through a delegation (acting for). */
export interface ScopeGrant {
  positionId: number;
  dataScope: DataScopeLevel;
}

export interface ResolvedScope {
  company: boolean;
  positionIds: Set<number>;
  unitIds: Set<number>;
  employeeIds: Set<number>;
}

/**
 * What an actor may see: the union over every grant (ARCHITECTURE.md: rights are the union over the
 * positions held). The actor always sees themself.
 *  own          – the position itself; of people, only oneself (not others holding the same seat)
 *  subordinates – the position and every position below it in the reports-to tree (直接/间接下级),
 *                 with their holders; peers on the same seat are not subordinates
 *  unit         – every position in the position's unit
 *  unit_tree    – every position in the unit and the units below it
 *  company      – everything
 */
export function resolveScope(
  org: OrgSnapshot,
  grants: readonly ScopeGrant[],
  selfEmployeeId: number | null,
): ResolvedScope {
  const allPositions = new Set(org.positions.map((p) => p.id));
  if (grants.some((g) => g.dataScope === 'company')) {
    return {
      company: true,
      positionIds: allPositions,
      unitIds: new Set(org.units.map((u) => u.id)),
      employeeIds: new Set(org.assignments.map((a) => a.employeeId).concat(selfEmployeeId ?? [])),
    };
  }
  const positionTree = org.positions.map((p) => ({ id: p.id, parentId: p.reportsToId }));
  const unitOf = new Map(org.positions.map((p) => [p.id, p.unitId]));
  const positionIds = new Set<number>();
  const unitIds = new Set<number>();
  // Positions whose holders are visible. A position held under `own` or `subordinates` scope is visible
  // itself (its job description, its place in the chart) but its other holders are peers, not subordinates.
  const staffedBy = new Set<number>();
  for (const grant of grants) {
    const unitId = unitOf.get(grant.positionId);
    if (unitId === undefined) continue;
    positionIds.add(grant.positionId);
    if (grant.dataScope === 'subordinates') {
      for (const id of collectSubtree(positionTree, [grant.positionId])) {
        positionIds.add(id);
        if (id !== grant.positionId) staffedBy.add(id);
      }
    }
    if (grant.dataScope === 'unit' || grant.dataScope === 'unit_tree') {
      const units = grant.dataScope === 'unit' ? new Set([unitId]) : collectSubtree(org.units, [unitId]);
      for (const u of units) unitIds.add(u);
      for (const p of org.positions) {
        if (units.has(p.unitId)) {
          positionIds.add(p.id);
          staffedBy.add(p.id);
        }
      }
    }
  }
  // A unit is visible when one of its positions is: the org chart shows where visible people sit.
  for (const id of positionIds) unitIds.add(unitOf.get(id) as number);
  const employeeIds = new Set<number>(selfEmployeeId === null ? [] : [selfEmployeeId]);
  for (const a of org.assignments) if (staffedBy.has(a.positionId)) employeeIds.add(a.employeeId);
  return { company: false, positionIds, unitIds, employeeIds };
}
