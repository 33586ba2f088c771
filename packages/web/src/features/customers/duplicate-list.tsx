import { Alert, Flex } from 'antd';
import { useEffect, useRef } from 'react';
import type { CustomerDuplicate } from '@zuzhang/api-schema';
import { Link } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';

/**
 * What the duplicate check found: a customer the caller may see (with its owner), one in the pool (which
 * can be claimed instead), or one owned by a colleague outside the caller's scope (named by nobody).
 */
export function DuplicateList({
  duplicates,
  serverMessages = [],
}: {
  duplicates: CustomerDuplicate[];
  /** Already-translated lines from a 409 answer, when the save itself found duplicates. */
  serverMessages?: string[];
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const shown = duplicates.length > 0 || serverMessages.length > 0;
  // The save button is at the bottom of a long form: bring the answer into view.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [shown, duplicates, serverMessages]);
  if (!shown) return null;
  return (
    <div ref={ref}>
      <Alert
        type="error"
        showIcon
        data-testid="customer-duplicates"
        style={{ marginBottom: 16 }}
        title={t('customers.dupTitle')}
        description={
          <Flex vertical gap={4}>
            {duplicates.map((d, i) => {
              const field = t(`customers.dupField.${d.field}`);
              if (d.status === 'visible')
                return (
                  <div key={i}>
                    {t('customers.dupVisible', {
                      field,
                      value: d.value,
                      owner: d.ownerName ?? t('ledger.pool'),
                    })}{' '}
                    {d.customerId && <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>}
                  </div>
                );
              if (d.status === 'in_pool')
                return (
                  <div key={i}>
                    {t('customers.dupInPool', { field, value: d.value })}{' '}
                    <Link to={`/pool?q=${encodeURIComponent(d.customerName ?? d.value)}`}>
                      {d.customerName}
                    </Link>
                  </div>
                );
              return <div key={i}>{t('customers.dupOwnedByOther', { field, value: d.value })}</div>;
            })}
            {serverMessages.map((m, i) => (
              <div key={`s${i}`}>{m}</div>
            ))}
          </Flex>
        }
      />
    </div>
  );
}
