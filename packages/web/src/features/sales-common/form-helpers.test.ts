import { describe, expect, it } from 'vitest';
import { bodyField, bodyFieldAs, newIdempotencyKey, previousMonthOf } from './form-helpers.ts';

describe('server field paths on forms', () => {
  it.each([
    [
      ['body', 'lines', 0, 'quantity'],
      ['lines', 0, 'quantity'],
    ],
    [['body', 'creditCode'], ['creditCode']],
    [['query', 'sort'], null],
    [['params', 'id'], null],
    [['name'], ['name']],
  ])('%j goes to %j', (from, to) => {
    expect(bodyField(from)).toEqual(to);
  });

  it('renames the first segment when the form names it differently', () => {
    const map = bodyFieldAs({ shippedOn: 'date' });
    expect(map(['body', 'shippedOn'])).toEqual(['date']);
    expect(map(['body', 'lines', 1, 'quantity'])).toEqual(['lines', 1, 'quantity']);
    expect(map(['query', 'x'])).toBeNull();
  });
});

describe('receipt idempotency keys', () => {
  it('are new for every form', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k.length).toBeGreaterThanOrEqual(32);
  });
});

describe('months', () => {
  it.each([
    ['2026-11', '2026-10'],
    ['2026-01', '2025-12'],
  ])('the month before %s is %s', (m, prev) => {
    expect(previousMonthOf(m)).toBe(prev);
  });
});
