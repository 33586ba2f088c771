import { asc, desc, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { PageQuery } from '@zuzhang/api-schema';
import type { Executor } from '../db/db.ts';
import { sideBySide } from '../db/side-by-side.ts';
import { fieldError } from '../errors/app-error.ts';

/** ORDER BY from `?sort=&order=`, over a whitelist of sortable columns; the id breaks ties for stable pages. */
export function orderByOf(
  query: PageQuery,
  sortable: Record<string, PgColumn>,
  fallback: string,
  id: PgColumn,
): SQL[] {
  const key = query.sort ?? fallback;
  const column = sortable[key];
  if (!column) {
    throw fieldError('query.sort', 'field.sortUnknown', { key, allowed: Object.keys(sortable).join(', ') });
  }
  const dir = query.order === 'desc' ? desc : asc;
  return [dir(column), dir(id)];
}

export function offsetOf(query: PageQuery): number {
  return (query.page - 1) * query.pageSize;
}

/** What every list endpoint answers: one page of items and how many rows match in all. */
export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

/** A select with its WHERE and ORDER BY but no LIMIT yet; drizzle runs it only when it is awaited. */
interface UnpagedSelect<Row> {
  limit(limit: number): { offset(offset: number): PromiseLike<Row[]> };
}

/**
 * The page `query` asks for out of `rows`, presented, with the total from `counted` (a `select({ n: count() })`
 * over the same WHERE). Drizzle builders run when awaited, so they run here, `sideBySide`.
 */
export async function pageOf<Row, Item>(
  db: Executor,
  query: PageQuery,
  rows: UnpagedSelect<Row>,
  counted: PromiseLike<{ n: number }[]>,
  present: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<Page<Item>> {
  const [found, [total]] = await sideBySide(
    db,
    () => rows.limit(query.pageSize).offset(offsetOf(query)),
    () => counted,
  );
  return { items: await present(found), total: Number(total!.n), page: query.page, pageSize: query.pageSize };
}

/** LIKE pattern for a search term, with the wildcards in the term escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
