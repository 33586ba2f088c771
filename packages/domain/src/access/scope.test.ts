import { describe, expect, it } from 'vitest';
import { resolveScope, type OrgSnapshot } from './scope.ts';
import { widestScope } from './permissions.ts';

// Units: 1 销售部 → 2 华东区 (→ 4 一组), 3 华南区.  Positions: 10 VP@1, 20 经理@2 → 40 组长@4 → 41 代表@4,
// 30 经理@3 → 31 代表@3. Employees: 100 VP, 200 mgr east, 400 lead, 410 rep, 300 mgr south, 310 rep south.
const org: OrgSnapshot = {
  units: [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 2 },
  ],
  positions: [
    { id: 10, unitId: 1, reportsToId: null },
    { id: 20, unitId: 2, reportsToId: 10 },
    { id: 40, unitId: 4, reportsToId: 20 },
    { id: 41, unitId: 4, reportsToId: 40 },
    { id: 30, unitId: 3, reportsToId: 10 },
    { id: 31, unitId: 3, reportsToId: 30 },
  ],
  assignments: [
    { employeeId: 100, positionId: 10 },
    { employeeId: 200, positionId: 20 },
    { employeeId: 400, positionId: 40 },
    { employeeId: 410, positionId: 41 },
    { employeeId: 411, positionId: 41 },
    { employeeId: 401, positionId: 40 },
    { employeeId: 300, positionId: 30 },
    { employeeId: 310, positionId: 31 },
  ],
};

describe('resolveScope', () => {
  it.each([
    ['rep, own', 410, [{ positionId: 41, dataScope: 'own' as const }], [410]],
    ['lead, subordinates', 400, [{ positionId: 40, dataScope: 'subordinates' as const }], [400, 410, 411]],
    ['lead, unit', 400, [{ positionId: 40, dataScope: 'unit' as const }], [400, 401, 410, 411]],
    [
      'east manager, subordinates',
      200,
      [{ positionId: 20, dataScope: 'subordinates' as const }],
      [200, 400, 401, 410, 411],
    ],
    ['east manager, unit only', 200, [{ positionId: 20, dataScope: 'unit' as const }], [200]],
    [
      'east manager, unit tree',
      200,
      [{ positionId: 20, dataScope: 'unit_tree' as const }],
      [200, 400, 401, 410, 411],
    ],
    [
      'VP, company',
      100,
      [{ positionId: 10, dataScope: 'company' as const }],
      [100, 200, 300, 310, 400, 401, 410, 411],
    ],
    [
      // The domain gives the seat's subordinates; the actor adds the delegator themself (actor.ts).
      'lead acting for the south manager (union of grants)',
      400,
      [
        { positionId: 40, dataScope: 'subordinates' as const },
        { positionId: 30, dataScope: 'subordinates' as const },
      ],
      [310, 400, 410, 411],
    ],
    ['no position at all sees only themself', 999, [], [999]],
    ['a rep sharing a seat sees only themself', 411, [{ positionId: 41, dataScope: 'own' as const }], [411]],
    [
      'a lead sharing a seat sees subordinates, not the peer',
      400,
      [{ positionId: 40, dataScope: 'subordinates' as const }],
      [400, 410, 411],
    ],
  ])('%s', (_label, self, grants, employees) => {
    const scope = resolveScope(org, grants, self);
    expect([...scope.employeeIds].sort()).toEqual(employees);
  });

  it('shows the units where visible positions sit', () => {
    const scope = resolveScope(org, [{ positionId: 40, dataScope: 'subordinates' }], 400);
    expect([...scope.unitIds]).toEqual([4]);
  });
});

describe('widestScope', () => {
  it.each([
    [['own', 'unit'], 'unit'],
    [['company', 'own'], 'company'],
    [[], 'own'],
  ] as const)('%j → %s', (levels, expected) => expect(widestScope(levels)).toBe(expected));
});
