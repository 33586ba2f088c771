/**
 * Actions a role may grant (工作权限). Later features add their own codes here, so that the list that the
 * admin screens show and the list the server checks are one list.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'employee.read',
  'employee.manage',
  'jd.read',
  'jd.edit',
  'jd.publish',
  'delegation.manage',
  'audit.read',
  'user.manage',
  'role.manage',
  // Customers and the sales ledger
  'customer.read',
  'customer.manage',
  'customer.claim',
  'customer.vet',
  'catalogue.manage',
  'contract.manage',
  'contract.approve',
  'order.manage',
  'order.approve',
  'receipt.manage',
  'writeoff.approve',
  'invoice.manage',
  'statement.manage',
  'complaint.manage',
  // Sales targets
  'target.read',
  'target.plan',
  'target.assign',
  'target.override',
  'market.manage',
  // Scorecards and pay
  'scorecard.manage',
  'review.rate',
  'review.decide',
  'attendance.manage',
  'incident.manage',
  'payplan.manage',
  'payrun.manage',
  'payrun.approve',
  'payroll.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(code: string): code is Permission {
  return (PERMISSIONS as readonly string[]).includes(code);
}

/** 数据范围, narrowest first. */
export const DATA_SCOPES = ['own', 'subordinates', 'unit', 'unit_tree', 'company'] as const;
export type DataScopeLevel = (typeof DATA_SCOPES)[number];

export function widestScope(levels: readonly DataScopeLevel[]): DataScopeLevel {
  let best = 0;
  for (const level of levels) best = Math.max(best, DATA_SCOPES.indexOf(level));
  return DATA_SCOPES[best] ?? 'own';
}
