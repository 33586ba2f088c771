import { Select, TreeSelect } from 'antd';
import type { Employee, Position, Unit } from '@zuzhang/api-schema';
import { useEffect, useMemo, useState } from 'react';
import { api } from './api-client.ts';
import { useT } from './i18n/i18n.tsx';
import { useApi } from './use-api.ts';

export interface UnitTreeNode {
  value: number;
  title: string;
  children: UnitTreeNode[];
}

/** Builds the unit tree from the flat list (parents before children is not assumed). */
export function buildUnitTree(units: Unit[]): UnitTreeNode[] {
  const nodes = new Map<number, UnitTreeNode>();
  const sorted = [...units].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
  for (const u of sorted) nodes.set(u.id, { value: u.id, title: u.name, children: [] });
  const roots: UnitTreeNode[] = [];
  for (const u of sorted) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function useUnits() {
  return useApi('units', (signal) => api.org.units(signal));
}

interface ValueProps<T> {
  value?: T | null;
  onChange?: (value: T | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function UnitTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear = true,
  ...rest
}: ValueProps<number>) {
  const t = useT();
  const units = useUnits();
  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  return (
    <TreeSelect<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={tree}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={units.loading}
      placeholder={placeholder ?? t('common.selectUnit')}
      popupMatchSelectWidth={false}
      notFoundContent={units.error ? t('error.loadFailed') : undefined}
    />
  );
}

/** Waits until the user stops typing before searching the server. */
function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(h);
  }, [value, delay]);
  return debounced;
}

interface RemoteSelectProps<T> extends ValueProps<number> {
  /** Shown for the current value before a search has loaded it (e.g. the name already on the record). */
  initialLabel?: string | null;
  filter?: (item: T) => boolean;
}

export function PositionSelect({
  value,
  onChange,
  placeholder,
  initialLabel,
  filter,
  allowClear = true,
  ...rest
}: RemoteSelectProps<Position>) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useApi(`positions:${q}`, (signal) =>
    api.org.positions({ q: q || undefined, pageSize: 50, sort: 'name', order: 'asc' }, signal),
  );
  const options = useMemo(() => {
    const items = (list.data?.items ?? []).filter((p) => !filter || filter(p));
    const opts = items.map((p) => ({ value: p.id, label: `${p.name} (${p.unitName})` }));
    if (value && initialLabel && !opts.some((o) => o.value === value))
      opts.unshift({ value, label: initialLabel });
    return opts;
  }, [list.data, filter, value, initialLabel]);
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      loading={list.loading}
      placeholder={placeholder ?? t('common.searchPosition')}
      notFoundContent={list.loading ? t('common.loading') : t('common.noMatch')}
    />
  );
}

export function EmployeeSelect({
  value,
  onChange,
  placeholder,
  initialLabel,
  filter,
  allowClear = true,
  ...rest
}: RemoteSelectProps<Employee>) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useApi(`employees:${q}`, (signal) =>
    api.employees.list({ q: q || undefined, pageSize: 50, sort: 'name', order: 'asc' }, signal),
  );
  const options = useMemo(() => {
    const items = (list.data?.items ?? []).filter((e) => !filter || filter(e));
    const opts = items.map((e) => {
      const primary = e.assignments.find((a) => a.kind === 'primary' && !a.endDate);
      return { value: e.id, label: primary ? `${e.name} (${primary.positionName})` : e.name };
    });
    if (value && initialLabel && !opts.some((o) => o.value === value))
      opts.unshift({ value, label: initialLabel });
    return opts;
  }, [list.data, filter, value, initialLabel]);
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      loading={list.loading}
      placeholder={placeholder ?? t('common.searchEmployee')}
      notFoundContent={list.loading ? t('common.loading') : t('common.noMatch')}
    />
  );
}

export function RoleSelect({
  value,
  onChange,
  placeholder,
  allowClear = false,
  ...rest
}: ValueProps<number>) {
  const t = useT();
  const roles = useApi('roles', (signal) => api.org.roles(signal));
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      loading={roles.loading}
      placeholder={placeholder ?? t('common.select')}
    />
  );
}
