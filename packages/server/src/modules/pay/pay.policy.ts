import type { Permission } from '@zuzhang/domain';
import { authorize, can, isInScope, type Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * Who sees and does what with pay. Pay plans: payplan.manage writes, payplan.manage or payroll.read read.
 * Pay runs: payrun.manage computes and locks, payrun.approve approves (not the one who computed), and
 * payroll.read reads runs and statements in scope. Everyone sees their own statements, nobody else's.
 */

/** The first of `permissions` the actor holds (own right first, then delegated); 403 naming the first. */
export function authorizeAny(actor: Actor, permissions: readonly Permission[]) {
  const held = permissions.find((p) => can(actor, p));
  return authorize(actor, held ?? (permissions[0] as Permission));
}

export const PLAN_READERS: readonly Permission[] = ['payplan.manage', 'payroll.read'];
export const RUN_READERS: readonly Permission[] = ['payroll.read', 'payrun.manage', 'payrun.approve'];
export const SIMULATORS: readonly Permission[] = ['payplan.manage', 'payroll.read'];

/** A run of a unit is seen by whoever has the unit in scope; a whole-company run needs company scope. */
export function canSeeRun(actor: Actor, run: { unitId: number | null }): boolean {
  return run.unitId === null ? actor.scope.company : isInScope.unit(actor, run.unitId);
}

/**
 * A statement is seen by its own employee once the run is approved (a computed run may still change), and
 * by payroll.read for people in scope, whatever the run's state.
 */
export function canSeeStatement(actor: Actor, statement: { employeeId: number; runStatus: string }): boolean {
  const own = actor.employeeId !== null && actor.employeeId === statement.employeeId;
  if (own && (statement.runStatus === 'approved' || statement.runStatus === 'locked')) return true;
  return can(actor, 'payroll.read') && isInScope.employee(actor, statement.employeeId);
}

/** Four eyes (核决权限): whoever computed a run does not approve it. */
export function assertNotOwnRun(actor: Actor, run: { computedByUserId: number | null }): void {
  if (run.computedByUserId === actor.userId) throw new AppError('forbidden', 'pay.runOwnApproval');
}
