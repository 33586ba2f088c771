import { describe, expect, it } from 'vitest';
import {
  findLockedChanges,
  formatAmount,
  isLocked,
  isWeeklyAssignment,
  withTierDefaults,
  type VersionedLine,
} from './targets.policy.ts';

describe('isLocked: a period that ended before today', () => {
  it.each([
    ['2026-10-31', '2026-11-27', true],
    ['2026-11-26', '2026-11-27', true],
    ['2026-11-27', '2026-11-27', false],
    ['2026-12-31', '2026-11-27', false],
  ])('ending %s, on %s: %s', (end, today, locked) => expect(isLocked(end, today)).toBe(locked));
});

describe('withTierDefaults: 目标 / 挑战 / 冲刺', () => {
  it.each([
    [{ target: 100 }, { target: 100, stretch: 100, challenge: 100 }],
    [
      { target: 100, stretch: 120 },
      { target: 100, stretch: 120, challenge: 120 },
    ],
    [
      { target: 100, challenge: 150 },
      { target: 100, stretch: 100, challenge: 150 },
    ],
    [
      { target: 100, stretch: 120, challenge: 150 },
      { target: 100, stretch: 120, challenge: 150 },
    ],
  ])('%o → %o', (given, expected) => expect(withTierDefaults(given)).toEqual(expected));
});

const line = (period: string, periodEnd: string, target: number, employeeId: number | null = 7) =>
  ({
    ownerKind: employeeId === null ? 'unit' : 'employee',
    unitId: 3,
    employeeId,
    period,
    periodEnd,
    target,
    stretch: target,
    challenge: target,
  }) satisfies VersionedLine;

describe('findLockedChanges: what a revision changes in periods that have ended', () => {
  const today = '2026-06-15';
  const may = line('2026-05', '2026-05-31', 100);
  const june = line('2026-06', '2026-06-30', 100);
  it.each<[string, VersionedLine[], VersionedLine[], string[]]>([
    ['nothing changed', [may, june], [may, june], []],
    ['an open month changed', [may, june], [may, { ...june, target: 200 }], []],
    ['a locked month changed', [may, june], [{ ...may, target: 90 }, june], ['employee|3|7|2026-05']],
    ['a locked tier changed', [may], [{ ...may, challenge: 300 }], ['employee|3|7|2026-05']],
    ['a locked month removed', [may, june], [june], ['employee|3|7|2026-05']],
    ['a locked month added', [june], [may, june], ['employee|3|7|2026-05']],
    [
      'the same month of another owner is another line',
      [may],
      [may, line('2026-05', '2026-05-31', 100, null)],
      ['unit|3|0|2026-05'],
    ],
  ])('%s', (_name, before, after, keys) => {
    expect(findLockedChanges(before, after, today).map((c) => c.key)).toEqual(keys);
  });
});

describe('isWeeklyAssignment: the one split of a published plan', () => {
  it.each([
    [{ ownerKind: 'employee', grain: 'month' }, 'period', 'week', true],
    [{ ownerKind: 'unit', grain: 'month' }, 'period', 'week', true],
    [{ ownerKind: 'company', grain: 'month' }, 'period', 'week', false],
    [{ ownerKind: 'employee', grain: 'year' }, 'period', 'week', false],
    [{ ownerKind: 'employee', grain: 'month' }, 'people', 'week', false],
    [{ ownerKind: 'unit', grain: 'month' }, 'period', undefined, false],
  ])('%o by %s into %s: %s', (l, by, grain, allowed) =>
    expect(isWeeklyAssignment(l, by, grain)).toBe(allowed),
  );
});

describe('formatAmount', () => {
  it.each([
    ['sales', 123_456_789, '1,234,567.89'],
    ['collections', -5, '-0.05'],
    ['new_customers', 1_234, '1,234'],
  ])('%s %d → %s', (metric, amount, text) => expect(formatAmount(metric, amount)).toBe(text));
});
