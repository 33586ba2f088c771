import type {
  ContractStatus,
  CustomerCategory,
  CustomerKind,
  CustomerSource,
  FollowUpKind,
  InvoiceStatus,
  InvoiceType,
  OrderStatus,
  ReceiptMethod,
  StatementStatus,
  SurveyKind,
  VettingStatus,
} from '@zuzhang/api-schema';

/*
 * The API's enumerations, listed here (type-checked against api-schema) so that the web bundle does not
 * carry zod just to read them.
 */
export const CUSTOMER_KINDS = ['company', 'person'] as const satisfies readonly CustomerKind[];
export const CUSTOMER_CATEGORIES = [
  'end_customer',
  'dealer',
  'agent',
  'alliance',
  'online_platform',
] as const satisfies readonly CustomerCategory[];
export const CUSTOMER_SOURCES = [
  'visit',
  'referral',
  'exhibition',
  'online',
  'phone',
  'other',
] as const satisfies readonly CustomerSource[];
export const VETTING_STATUSES = [
  'not_started',
  'pending',
  'approved',
  'rejected',
] as const satisfies readonly VettingStatus[];
export const FOLLOW_UP_KINDS = [
  'visit',
  'call',
  'wechat',
  'wecom',
  'meeting',
] as const satisfies readonly FollowUpKind[];
export const SURVEY_KINDS = ['return_visit', 'satisfaction'] as const satisfies readonly SurveyKind[];
export const CONTRACT_STATUSES = [
  'draft',
  'awaiting_approval',
  'signed',
  'in_progress',
  'completed',
  'terminated',
] as const satisfies readonly ContractStatus[];
export const ORDER_STATUSES = [
  'draft',
  'awaiting_approval',
  'confirmed',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
] as const satisfies readonly OrderStatus[];
export const RECEIPT_METHODS = [
  'bank',
  'cash',
  'wechat',
  'alipay',
  'acceptance_bill',
  'other',
] as const satisfies readonly ReceiptMethod[];
export const INVOICE_TYPES = [
  'e_special',
  'e_normal',
  'special',
  'normal',
] as const satisfies readonly InvoiceType[];
export const INVOICE_STATUSES = [
  'requested',
  'issued',
  'mailed',
  'reversed',
] as const satisfies readonly InvoiceStatus[];
export const STATEMENT_STATUSES = [
  'draft',
  'sent',
  'confirmed',
  'disputed',
] as const satisfies readonly StatementStatus[];
export const WRITE_OFF_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** VAT rates in use in China, basis points (TAX_RATES_BP in api-schema). */
export const TAX_RATES_BP = [0, 100, 300, 500, 600, 900, 1300] as const;

export function isOneOf<T extends string>(list: readonly T[], v: string | undefined): v is T {
  return v !== undefined && (list as readonly string[]).includes(v);
}
