import { sql, type SQL } from 'drizzle-orm';

/**
 * A list of ids as ONE parameter (an int[]) for `column = any(…)`, however many there are: a report over
 * thousands of people binds one value instead of thousands (an empty list matches nothing).
 */
export function idArray(ids: Iterable<number>): SQL {
  return sql`${`{${[...ids].join(',')}}`}::int[]`;
}
