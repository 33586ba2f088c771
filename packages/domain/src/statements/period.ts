/** A statement month, `YYYY-MM`. */
export function isPeriodMonth(period: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parse(period: string): { year: number; month: number } {
  if (!isPeriodMonth(period)) throw new RangeError(`not a month (YYYY-MM): ${period}`);
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** First and last day of the month, as `YYYY-MM-DD`. */
export function monthBounds(period: string): { from: string; to: string } {
  const { year, month } = parse(period);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

export function previousMonth(period: string): string {
  const { year, month } = parse(period);
  return month === 1 ? format(year - 1, 12) : format(year, month - 1);
}

export function nextMonth(period: string): string {
  const { year, month } = parse(period);
  return month === 12 ? format(year + 1, 1) : format(year, month + 1);
}

/** The month a day falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}
