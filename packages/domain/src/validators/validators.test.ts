import { describe, expect, it } from 'vitest';
import { isDateInRange, isIsoDate, isMobileCN } from './validators.ts';

describe('isMobileCN', () => {
  it.each([
    ['13800138000', true],
    ['19912345678', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380000', false],
    ['+8613800138000', false],
    ['1380013800a', false],
  ])('%s → %s', (mobile, ok) => expect(isMobileCN(mobile)).toBe(ok));
});

describe('isIsoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
  ])('%s → %s', (day, ok) => expect(isIsoDate(day)).toBe(ok));
});

describe('isDateInRange', () => {
  it.each([
    ['2026-01-01', '2026-01-01', '2026-01-31', true],
    ['2026-01-31', '2026-01-01', '2026-01-31', true],
    ['2026-02-01', '2026-01-01', '2026-01-31', false],
    ['2030-01-01', '2026-01-01', null, true],
  ])('%s in %s..%s → %s', (d, s, e, ok) => expect(isDateInRange(d, s, e)).toBe(ok));
});
