import { describe, expect, it } from 'vitest';
import { formatMonth } from './pay-format.tsx';

describe('formatMonth', () => {
  it.each([
    ['2026-11', 'zh-CN', '2026年11月'],
    ['2026-01', 'zh-CN', '2026年1月'],
    ['2026-11', 'en-US', 'Nov 2026'],
    ['2026-05', 'en-US', 'May 2026'],
    ['2026', 'zh-CN', '2026'],
    ['2026-Q4', 'en-US', '2026-Q4'],
  ] as const)('%s in %s reads %s', (period, locale, expected) =>
    expect(formatMonth(period, locale)).toBe(expected),
  );
});
