import { Select } from 'antd';
import type { Contract, Customer, OrderSummary, Product } from '@zuzhang/api-schema';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { api } from '../../app/api-client.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { useApi } from '../../app/use-api.ts';
import { fen } from './money.ts';

/** Waits until the user stops typing before searching the server. */
export function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(h);
  }, [value, delay]);
  return debounced;
}

interface PickerProps<T> {
  value?: number | null;
  /** The id, and the record when it came from the loaded list. */
  onChange?: (value: number | null, item?: T) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  /** Shown for the current value before a search has loaded it. */
  initialLabel?: string | null;
  'data-testid'?: string;
}

function withInitial(
  options: { value: number; label: string }[],
  value: number | null | undefined,
  initialLabel: string | null | undefined,
) {
  if (value && initialLabel && !options.some((o) => o.value === value))
    return [{ value, label: initialLabel }, ...options];
  return options;
}

/**
 * A select that searches the server as the user types: the one rendering shared by the customer and
 * product pickers, which differ only in what they load and how an item is labelled.
 */
function ServerSearchSelect<T extends { id: number }>({
  items,
  loading,
  labelOf,
  onSearch,
  value,
  onChange,
  placeholder,
  allowClear,
  initialLabel,
  ...rest
}: PickerProps<T> & {
  items: T[];
  loading: boolean;
  labelOf: (item: T) => string;
  onSearch: (text: string) => void;
  placeholder: string;
}) {
  const t = useT();
  const options = withInitial(
    items.map((item) => ({ value: item.id, label: labelOf(item) })),
    value,
    initialLabel,
  );
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) =>
        onChange?.(
          v ?? null,
          items.find((item) => item.id === v),
        )
      }
      options={options}
      showSearch={{ filterOption: false, onSearch }}
      allowClear={allowClear}
      loading={loading}
      placeholder={placeholder}
      notFoundContent={loading ? t('common.loading') : t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}

/** Customers in the caller's scope, searched by name, mobile or credit code. */
export function CustomerSelect({
  placeholder,
  allowClear = true,
  exclude,
  ...rest
}: PickerProps<Customer> & { exclude?: number }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useApi(`customer-picker:${q}`, (signal) =>
    api.customers.list({ q: q || undefined, pageSize: 30, sort: 'name', order: 'asc' }, signal),
  );
  const items = useMemo(() => (list.data?.items ?? []).filter((c) => c.id !== exclude), [list.data, exclude]);
  return (
    <ServerSearchSelect<Customer>
      {...rest}
      items={items}
      loading={list.loading}
      labelOf={(c) => (c.ownerName ? `${c.name} (${c.ownerName})` : c.name)}
      onSearch={setSearch}
      allowClear={allowClear}
      placeholder={placeholder ?? t('ledger.searchCustomer')}
    />
  );
}

/** Active products, searched by code or name. */
export function ProductSelect({ placeholder, allowClear = false, ...rest }: PickerProps<Product>) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useApi(`product-picker:${q}`, (signal) =>
    api.products.list({ q: q || undefined, active: true, pageSize: 30, sort: 'code', order: 'asc' }, signal),
  );
  return (
    <ServerSearchSelect<Product>
      {...rest}
      items={list.data?.items ?? []}
      loading={list.loading}
      labelOf={(p) => `${p.code} ${p.name}`}
      onSearch={setSearch}
      allowClear={allowClear}
      placeholder={placeholder ?? t('ledger.searchProduct')}
    />
  );
}

/** Orders of one customer (newest first), labelled with what is still open on them. */
export function OrderSelect({
  customerId,
  value,
  onChange,
  placeholder,
  allowClear = false,
  initialLabel,
  filter,
  ...rest
}: PickerProps<OrderSummary> & {
  customerId: number | null | undefined;
  filter?: (o: OrderSummary) => boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useApi(customerId ? `order-picker:${customerId}:${q}` : null, (signal) =>
    api.orders.list(
      {
        customerId: customerId ?? undefined,
        q: q || undefined,
        pageSize: 50,
        sort: 'orderDate',
        order: 'desc',
      },
      signal,
    ),
  );
  const items = (list.data?.items ?? []).filter((o) => !filter || filter(o));
  const options = withInitial(
    items.map((o) => ({
      value: o.id,
      label: `${o.no} \u00b7 ${o.orderDate} \u00b7 ${t('ledger.openAmount')} ${fen(o.openFen)}`,
    })),
    value,
    initialLabel,
  );
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) =>
        onChange?.(
          v ?? null,
          items.find((o) => o.id === v),
        )
      }
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      disabled={rest.disabled || !customerId}
      loading={list.loading}
      placeholder={placeholder ?? (customerId ? t('ledger.searchOrder') : t('ledger.pickCustomerFirst'))}
      notFoundContent={list.loading ? t('common.loading') : t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}

/** Contracts of one customer that orders may be placed under (signed or in progress). */
export function ContractSelect({
  customerId,
  value,
  onChange,
  placeholder,
  allowClear = true,
  initialLabel,
  ...rest
}: PickerProps<Contract> & { customerId: number | null | undefined }) {
  const t = useT();
  const list = useApi(customerId ? `contract-picker:${customerId}` : null, (signal) =>
    api.contracts.list(
      { customerId: customerId ?? undefined, pageSize: 100, sort: 'startOn', order: 'desc' },
      signal,
    ),
  );
  const items = (list.data?.items ?? []).filter((c) => c.status === 'signed' || c.status === 'in_progress');
  const options = withInitial(
    items.map((c) => ({ value: c.id, label: `${c.no} \u00b7 ${fen(c.amountFen)}` })),
    value,
    initialLabel,
  );
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) =>
        onChange?.(
          v ?? null,
          items.find((c) => c.id === v),
        )
      }
      options={options}
      allowClear={allowClear}
      disabled={rest.disabled || !customerId}
      loading={list.loading}
      placeholder={placeholder ?? t('ledger.noContract')}
      notFoundContent={list.loading ? t('common.loading') : t('ledger.noOpenContracts')}
    />
  );
}
