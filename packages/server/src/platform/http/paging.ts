import { asc, desc, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { PageQuery } from '@zuzhang/api-schema';
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

/** LIKE pattern for a search term, with the wildcards in the term escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
