import dayjs, { type Dayjs } from 'dayjs';
import type { NamePath } from '../../app/errors.tsx';

/** Form items whose value is a `YYYY-MM-DD` string shown in a DatePicker. */
export const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** Form items whose value is a `YYYY-MM` string shown in a month picker. */
export const monthProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(`${v}-01`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM') : null),
};

/**
 * The server names fields from the request root (`body.lines.0.quantity`, `query.sort`); the forms name
 * them from the body. Strips `body`, drops paths the form cannot show (query, params).
 */
export function bodyField(name: NamePath): NamePath | null {
  if (name[0] === 'body') return name.slice(1);
  if (name[0] === 'query' || name[0] === 'params') return null;
  return name;
}

/** Like bodyField, then renames the first segment (e.g. server `lines` to the form's `items`). */
export function bodyFieldAs(rename: Record<string, string>) {
  return (name: NamePath): NamePath | null => {
    const n = bodyField(name);
    if (!n || n.length === 0) return n;
    const first = n[0];
    return typeof first === 'string' && rename[first] ? [rename[first], ...n.slice(1)] : n;
  };
}

/**
 * A key that names one receipt form: sent with every retry of that form, so a double click or a retry
 * after a lost answer returns the first receipt instead of recording a second one.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context; getRandomValues works on plain http too.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `YYYY-MM` of today (browser time; the server checks with the company's time zone). */
export function thisMonth(): string {
  return dayjs().format('YYYY-MM');
}

export function previousMonthOf(period: string): string {
  return dayjs(`${period}-01`).subtract(1, 'month').format('YYYY-MM');
}
