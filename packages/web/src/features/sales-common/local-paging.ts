import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { Translate } from '../../app/i18n/i18n.tsx';

/**
 * Paging of a table inside a page (a tab of the customer page), where the URL already belongs to the page:
 * kept in component state, still sent to the server.
 */
export function useLocalPaging(pageSize = 10) {
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const pagination = (t: Translate, total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize: size,
    total: total ?? 0,
    size: 'small',
    hideOnSinglePage: true,
    showTotal: (n) => t('common.total', { count: n }),
    onChange: (p, s) => {
      setPage(s !== size ? 1 : p);
      setSize(s);
    },
  });
  return { page, pageSize: size, pagination, reset: () => setPage(1) };
}
