export * from './credit-code.ts';
export * from './customer-name.ts';
// Only the customer rules, not the private day arithmetic, so other folders' helpers never collide.
export {
  COMPLAINT_RESPONSE_DAYS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  defaultComplaintDeadline,
  followUpDaysOverdue,
  followUpDueState,
  isComplaintOverdue,
  isIdle,
  nextComplaintStatus,
  poolReturnCutoff,
  type ComplaintAction,
  type ComplaintSeverity,
  type ComplaintStatus,
} from './customer-rules.ts';
