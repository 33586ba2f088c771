/** Mainland China mobile number: 11 digits, 1 then 3–9 (the carriers' ranges). */
export const MOBILE_CN = /^1[3-9]\d{9}$/;

export function isMobileCN(value: string): boolean {
  return MOBILE_CN.test(value);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Inclusive date ranges written YYYY-MM-DD compare correctly as strings. */
export function isDateInRange(day: string, start: string, end: string | null): boolean {
  return day >= start && (end === null || day <= end);
}
