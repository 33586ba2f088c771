import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, ageingBand, daysBetween, summariseAgeing, AGEING_BANDS } from './ageing.ts';

describe('ageingBand at each boundary (today 2026-06-30)', () => {
  const today = '2026-06-30';
  it.each([
    [-1, 'current'], // due tomorrow
    [-30, 'current'],
    [0, '0-30'], // due today: due, 0 days overdue
    [1, '0-30'],
    [30, '0-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [400, '90+'],
  ])('%d days overdue → %s', (days, band) => {
    expect(ageingBand(addDays(today, -days), today)).toBe(band);
  });
  it('counts calendar days across month and leap-year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(ageingBand('2026-03-31', '2026-05-01')).toBe('31-60');
  });
  it('refuses what is not a date', () => expect(() => ageingBand('2026-13-45', '2026-01-01')).toThrow());
});

describe('summariseAgeing', () => {
  it('groups, bands and totals add up', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            groupId: fc.integer({ min: 1, max: 5 }),
            openFen: fc.integer({ min: 1, max: 10_000_000 }),
            offset: fc.integer({ min: -60, max: 400 }),
          }),
          { maxLength: 40 },
        ),
        (items) => {
          const today = '2026-06-30';
          const { rows, totals } = summariseAgeing(
            items.map((i) => ({
              key: i.groupId,
              groupId: i.groupId,
              openFen: i.openFen,
              dueOn: addDays(today, -i.offset),
            })),
            today,
          );
          const all = items.reduce((s, i) => s + i.openFen, 0);
          expect(totals.totalFen).toBe(all);
          expect(AGEING_BANDS.reduce((s, b) => s + totals.bands[b], 0)).toBe(all);
          expect(rows.reduce((s, r) => s + r.totalFen, 0)).toBe(all);
          for (const r of rows) expect(AGEING_BANDS.reduce((s, b) => s + r.bands[b], 0)).toBe(r.totalFen);
          expect(rows.reduce((s, r) => s + r.orderCount, 0)).toBe(items.length);
        },
      ),
    );
  });
});
