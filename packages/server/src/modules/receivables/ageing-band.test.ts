import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { AGEING_BANDS, ageingBand } from '@zuzhang/domain';
import type { Database } from '../../platform/db/db.ts';
import { createTestDatabase } from '../../../test/test-db.ts';
import { addDays } from '../../../test/support.ts';
import { ageingBandSql } from './ageing.service.ts';

/**
 * The ageing report bands in SQL (ageingBandSql) what the domain's ageingBand defines: both must put every
 * due date in the same band, on either side of every boundary, on both engines.
 */

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The SQL band of each (due date, as-of day) pair, in one statement. */
async function sqlBands(pairs: { dueOn: string; asOf: string }[]): Promise<string[]> {
  const values = sql.join(
    pairs.map((p, i) => sql`(${i}::int, ${p.dueOn}::date, ${p.asOf}::date)`),
    sql`, `,
  );
  const result = await database.db.execute(
    sql`select v.n, ${ageingBandSql(sql`v.due_on`, sql`v.as_of`)} as band
      from (values ${values}) v(n, due_on, as_of) order by v.n`,
  );
  return (result as unknown as { rows: { band: string }[] }).rows.map((r) => r.band);
}

// Days overdue on each side of every boundary of the bands (current | 0–30 | 31–60 | 61–90 | 90+).
const DAYS_OVERDUE = [
  -1000, -366, -31, -2, -1, 0, 1, 29, 30, 31, 32, 59, 60, 61, 62, 89, 90, 91, 92, 365, 366, 5000,
];
// As-of days across month ends, a leap day and year ends.
const AS_OF = [
  '2026-11-27',
  '2026-01-01',
  '2025-12-31',
  '2026-03-01',
  '2026-03-31',
  '2028-02-29',
  '2028-03-01',
];

describe('ageingBandSql mirrors the domain ageingBand', () => {
  it('agrees at every band boundary', async () => {
    const pairs = AS_OF.flatMap((asOf) =>
      DAYS_OVERDUE.map((days) => ({ asOf, dueOn: addDays(asOf, -days) })),
    );
    const expected = pairs.map((p) => ageingBand(p.dueOn, p.asOf));
    expect(await sqlBands(pairs)).toEqual(expected);
    // The table reaches every band, and each boundary day lands where the issue says.
    expect(new Set(expected)).toEqual(new Set(AGEING_BANDS));
    const at = (days: number) => ageingBand(addDays('2026-11-27', -days), '2026-11-27');
    expect([-1, 0, 30, 31, 60, 61, 90, 91].map(at)).toEqual([
      'current',
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
    ]);
  });

  it('agrees on any due date and any day', async () => {
    const day = fc
      .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    const pair = fc
      .tuple(day, fc.integer({ min: -200, max: 200 }))
      .map(([asOf, days]) => ({ asOf, dueOn: addDays(asOf, -days) }));
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 60 }), async (pairs) => {
        expect(await sqlBands(pairs)).toEqual(pairs.map((p) => ageingBand(p.dueOn, p.asOf)));
      }),
      { numRuns: 25 },
    );
  });
});
