import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './db.ts';

/**
 * Runs independent reads side by side on the pool, but one after the other inside a transaction: a
 * transaction holds a single connection, and node-postgres warns about concurrent queries on one client
 * (deprecated, to be refused in pg 9). Each read is a function, so that none starts before its turn.
 */
export async function sideBySide<T extends readonly unknown[]>(
  db: Executor,
  ...reads: { [K in keyof T]: () => PromiseLike<T[K]> }
): Promise<T> {
  if (!is(db, PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}
