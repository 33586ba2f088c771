import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, like } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/test-db.ts';
import type { Database, Executor } from '../db/db.ts';
import { companies } from '../../modules/org/org.table.ts';
import { pageOf } from './paging.ts';

/** `pageOf`: the page asked for, the total over the same filter, and no concurrent queries in a transaction. */
let database: Database;
const where = like(companies.code, 'paging-%');

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insert(companies)
    .values([1, 2, 3, 4, 5, 6, 7].map((i) => ({ code: `paging-${i}`, name: `Paging ${i}` })));
});
afterAll(async () => {
  await database?.close();
});

function codesOf(db: Executor, page: number) {
  return pageOf(
    db,
    { page, pageSize: 3, order: 'asc' },
    db.select({ code: companies.code }).from(companies).where(where).orderBy(asc(companies.code)),
    db.select({ n: count() }).from(companies).where(where),
    (rows) => rows.map((r) => r.code),
  );
}

/** Wraps a query so that the log shows when it was started and when it finished. */
function logged<T>(log: string[], name: string, query: PromiseLike<T>): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      log.push(`${name} start`);
      return query
        .then((value) => {
          log.push(`${name} end`);
          return value;
        })
        .then(onFulfilled, onRejected);
    },
  };
}

function loggedPage(db: Executor, log: string[]) {
  return pageOf(
    db,
    { page: 1, pageSize: 2, order: 'asc' },
    {
      limit: (n) => ({
        offset: (o) => logged(log, 'rows', db.select().from(companies).where(where).limit(n).offset(o)),
      }),
    },
    logged(log, 'count', db.select({ n: count() }).from(companies).where(where)),
    (rows) => rows,
  );
}

describe('pageOf', () => {
  it('answers the page asked for with the total over the whole filter', async () => {
    expect(await codesOf(database.db, 1)).toEqual({
      items: ['paging-1', 'paging-2', 'paging-3'],
      total: 7,
      page: 1,
      pageSize: 3,
    });
    expect(await codesOf(database.db, 3)).toEqual({ items: ['paging-7'], total: 7, page: 3, pageSize: 3 });
    expect(await codesOf(database.db, 4)).toEqual({ items: [], total: 7, page: 4, pageSize: 3 });
  });

  it('runs the rows and the count side by side outside a transaction', async () => {
    const log: string[] = [];
    await loggedPage(database.db, log);
    expect(log.slice(0, 2)).toEqual(['rows start', 'count start']);
  });

  it('runs them one after the other inside a transaction', async () => {
    const log: string[] = [];
    const page = await database.db.transaction(async (tx) => {
      const inTx = await loggedPage(tx, log);
      expect(await codesOf(tx, 3)).toMatchObject({ items: ['paging-7'], total: 7 });
      return inTx;
    });
    expect(log).toEqual(['rows start', 'rows end', 'count start', 'count end']);
    expect(page.total).toBe(7);
  });
});
