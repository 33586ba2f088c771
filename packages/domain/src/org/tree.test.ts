import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collectSubtree, findCycle, listAncestors } from './tree.ts';

// 销售副总(1) → 销售总监(2) → 销售经理(3, 4) → 渠道拓展主管(5 under 3)
const org = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 3 },
];

describe('collectSubtree', () => {
  it.each([
    [[1], [1, 2, 3, 4, 5]],
    [[3], [3, 5]],
    [[4], [4]],
    [
      [3, 4],
      [3, 4, 5],
    ],
  ])('below %j is %j', (roots, expected) => {
    expect([...collectSubtree(org, roots)].sort()).toEqual(expected);
  });
});

describe('findCycle', () => {
  it.each([
    [1, 5, [1, 5, 3, 2, 1]],
    [3, 3, [3, 3]],
    [5, 4, null],
    [2, null, null],
  ])('moving %d under %s → %j', (id, parent, loop) => {
    expect(findCycle(org, id, parent)).toEqual(loop);
  });

  it('never reports a loop when the new parent is outside the subtree', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4, 5), fc.constantFrom(1, 2, 3, 4, 5), (id, parent) => {
        const inSubtree = collectSubtree(org, [id]).has(parent);
        return (findCycle(org, id, parent) !== null) === inSubtree;
      }),
    );
  });
});

describe('listAncestors', () => {
  it('walks up to the root', () => expect(listAncestors(org, 5)).toEqual([3, 2, 1]));
});
