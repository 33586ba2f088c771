import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo, type Key } from 'react';
import { useSearchParams } from 'react-router';
import type { Translate } from './i18n/i18n.tsx';

export type SortOrder = 'asc' | 'desc';
type Patch = Record<string, string | number | null | undefined>;

/** The part of antd's SorterResult that server-side sorting needs. */
interface SortLike {
  order?: 'ascend' | 'descend' | null;
  columnKey?: Key;
  field?: Key | readonly Key[];
}

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * Paging, sorting, search and filters of a server-side table, kept in the URL so that a filtered list can
 * be bookmarked, shared and returned to with the back button.
 */
export function useTableQuery(
  options: { defaultPageSize?: number; defaultSort?: { key: string; order: SortOrder } } = {},
) {
  const { defaultPageSize = 20, defaultSort } = options;
  const [params, setParams] = useSearchParams();

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSizeParam = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(pageSizeParam) ? pageSizeParam : defaultPageSize;
  const q = params.get('q') ?? '';
  const sortParam = params.get('sort') ?? undefined;
  const orderParam = params.get('order');
  const sort = sortParam ?? defaultSort?.key;
  const order: SortOrder | undefined =
    orderParam === 'desc'
      ? 'desc'
      : orderParam === 'asc'
        ? 'asc'
        : sortParam
          ? undefined
          : defaultSort?.order;

  /** Changes the query; any change other than the page itself goes back to page 1. */
  const set = useCallback(
    (patch: Patch) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const filter = useCallback((key: string) => params.get(key) ?? undefined, [params]);

  const onTableChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SortLike | SortLike[]) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
      const nextOrder = s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
      const sortChanged = (field || undefined) !== sort || nextOrder !== order;
      const nextSize = pagination.pageSize ?? pageSize;
      set({
        sort: field || undefined,
        order: field ? nextOrder : undefined,
        pageSize: nextSize === defaultPageSize ? undefined : nextSize,
        page: sortChanged || nextSize !== pageSize ? undefined : pagination.current,
      });
    },
    [set, sort, order, pageSize, defaultPageSize],
  );

  const sortOrderFor = useCallback(
    (key: string): 'ascend' | 'descend' | null =>
      sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null,
    [sort, order],
  );

  const apiQuery = useMemo(
    () => ({ page, pageSize, q: q || undefined, sort, order: sort ? order : undefined }),
    [page, pageSize, q, sort, order],
  );

  return { page, pageSize, q, sort, order, set, filter, onTableChange, sortOrderFor, apiQuery, params };
}

export function paginationConfig(
  t: Translate,
  page: number,
  pageSize: number,
  total: number | undefined,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n) => t('common.total', { count: n }),
    responsive: true,
    size: 'small',
  };
}
