/** Shift a YYYY-MM-DD day by whole days (calendar arithmetic in UTC: no clock, no time zone). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * 公海 rule: a customer with no follow-up and no order for `days` days returns to the pool. The last
 * activity must be older than today − N: on day N after the last visit the rep still has the customer.
 */
export function isIdle(lastActivityOn: string, today: string, days: number): boolean {
  return lastActivityOn < poolReturnCutoff(today, days);
}

/** Customers whose last activity is before this day are idle. */
export function poolReturnCutoff(today: string, days: number): string {
  return shiftDay(today, -days);
}

/** Days a planned follow-up is late on `date` (0 when due that day or later). */
export function followUpDaysOverdue(nextFollowUpOn: string, date: string): number {
  return Math.max(0, daysBetween(nextFollowUpOn, date));
}

/** A follow-up planned for `nextFollowUpOn` is due on `date` when it is on or before it; overdue when before. */
export function followUpDueState(nextFollowUpOn: string, date: string): 'due' | 'overdue' | 'later' {
  if (nextFollowUpOn > date) return 'later';
  return nextFollowUpOn < date ? 'overdue' : 'due';
}

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintAction = 'step' | 'resolve' | 'close' | 'edit';

/**
 * Days to answer a complaint when no deadline is given: the graver the case, the sooner (客诉 handled
 * "及时", the pre-sales service lead's duty to follow every case to its end).
 */
export const COMPLAINT_RESPONSE_DAYS: Record<ComplaintSeverity, number> = {
  critical: 1,
  high: 3,
  medium: 7,
  low: 15,
};

export function defaultComplaintDeadline(receivedOn: string, severity: ComplaintSeverity): string {
  return shiftDay(receivedOn, COMPLAINT_RESPONSE_DAYS[severity]);
}

/**
 * A complaint's life: open → in_progress (a step is recorded) → resolved → closed. Steps may be added
 * until it is resolved; a closed case cannot change. Returns the next status, or null when not allowed.
 */
export function nextComplaintStatus(
  status: ComplaintStatus,
  action: ComplaintAction,
): ComplaintStatus | null {
  switch (action) {
    case 'step':
      return status === 'open' || status === 'in_progress' ? 'in_progress' : null;
    case 'edit':
      return status === 'closed' ? null : status;
    case 'resolve':
      return status === 'open' || status === 'in_progress' ? 'resolved' : null;
    case 'close':
      return status === 'resolved' ? 'closed' : null;
  }
}

/** Overdue: the deadline has passed and the case is not yet resolved. */
export function isComplaintOverdue(deadlineOn: string, status: ComplaintStatus, today: string): boolean {
  return deadlineOn < today && (status === 'open' || status === 'in_progress');
}
