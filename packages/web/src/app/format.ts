import dayjs from 'dayjs';

/** `YYYY-MM-DD` date strings are shown as they are; timestamps in the browser's time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dayjs(value).format('YYYY-MM-DD');
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function todayString(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** A list-or-record value (JD diff, audit before/after) as readable text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  return JSON.stringify(value, null, 2);
}
