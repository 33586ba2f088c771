import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  daysBetween,
  defaultComplaintDeadline,
  followUpDaysOverdue,
  followUpDueState,
  isComplaintOverdue,
  isIdle,
  nextComplaintStatus,
  poolReturnCutoff,
  shiftDay,
  type ComplaintAction,
  type ComplaintStatus,
} from './customer-rules.ts';

describe('isIdle (公海: back to the pool after N days without a follow-up or an order)', () => {
  it.each([
    ['2026-01-01', '2026-01-31', 30, false],
    ['2026-01-01', '2026-02-01', 30, true],
    ['2026-01-31', '2026-01-31', 1, false],
    ['2026-01-30', '2026-01-31', 1, false],
    ['2026-01-29', '2026-01-31', 1, true],
    ['2025-12-31', '2026-03-01', 60, false],
    ['2025-12-31', '2026-03-02', 60, true],
    ['2026-02-10', '2026-01-31', 30, false],
  ])('last activity %s, today %s, %i days → %s', (last, today, days, idle) =>
    expect(isIdle(last, today, days)).toBe(idle),
  );

  it('is idle exactly when more than N days have passed', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => shiftDay('2024-01-01', n));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 365 }), (last, today, days) => {
        return isIdle(last, today, days) === daysBetween(last, today) > days;
      }),
    );
  });

  it('cutoff is today minus N days', () => {
    expect(poolReturnCutoff('2026-03-01', 30)).toBe('2026-01-30');
    expect(poolReturnCutoff('2028-03-01', 1)).toBe('2028-02-29');
  });
});

describe('followUpDueState', () => {
  it.each([
    ['2026-05-01', '2026-05-01', 'due'],
    ['2026-04-30', '2026-05-01', 'overdue'],
    ['2026-05-02', '2026-05-01', 'later'],
  ])('next %s on %s → %s', (next, date, state) => expect(followUpDueState(next, date)).toBe(state));
});

describe('complaints', () => {
  it.each([
    ['open', 'step', 'in_progress'],
    ['in_progress', 'step', 'in_progress'],
    ['resolved', 'step', null],
    ['closed', 'step', null],
    ['open', 'resolve', 'resolved'],
    ['in_progress', 'resolve', 'resolved'],
    ['resolved', 'resolve', null],
    ['open', 'close', null],
    ['in_progress', 'close', null],
    ['resolved', 'close', 'closed'],
    ['closed', 'close', null],
    ['open', 'edit', 'open'],
    ['resolved', 'edit', 'resolved'],
    ['closed', 'edit', null],
  ] as [ComplaintStatus, ComplaintAction, ComplaintStatus | null][])('%s + %s → %s', (status, action, next) =>
    expect(nextComplaintStatus(status, action)).toBe(next),
  );

  it.each([
    ['2026-05-01', 'open', '2026-05-02', true],
    ['2026-05-01', 'in_progress', '2026-05-02', true],
    ['2026-05-01', 'open', '2026-05-01', false],
    ['2026-05-01', 'resolved', '2026-05-09', false],
    ['2026-05-01', 'closed', '2026-05-09', false],
  ] as [string, ComplaintStatus, string, boolean][])('deadline %s, %s, today %s → overdue %s', (d, s, t, o) =>
    expect(isComplaintOverdue(d, s, t)).toBe(o),
  );

  it.each([
    ['critical', '2026-05-02'],
    ['high', '2026-05-04'],
    ['medium', '2026-05-08'],
    ['low', '2026-05-16'],
  ] as const)('default deadline for %s → %s', (severity, deadline) =>
    expect(defaultComplaintDeadline('2026-05-01', severity)).toBe(deadline),
  );
});

describe('followUpDaysOverdue', () => {
  it.each([
    ['2026-05-01', '2026-05-01', 0],
    ['2026-04-28', '2026-05-01', 3],
    ['2026-05-03', '2026-05-01', 0],
  ])('next %s on %s → %i', (next, date, days) => expect(followUpDaysOverdue(next, date)).toBe(days));
});
