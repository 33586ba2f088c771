import { z } from 'zod';
import { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES } from '@zuzhang/domain';
import { DateString, Id, MobileCN, PageQuery, INT4_MAX } from './common.ts';

/*
 * Customers (客户档案), follow-ups (拜访 / 回访), the customer pool (公海), new-customer vetting, complaints
 * (客诉) and satisfaction surveys (满意度调查): issue 3 items 1, 2 and 8.
 */

export const CustomerKind = z.enum(['company', 'person']);
export type CustomerKind = z.infer<typeof CustomerKind>;
/** 终端客户 / 经销商 / 代理商 / 异业联盟商家 / 线上平台 */
export const CustomerCategory = z.enum(['end_customer', 'dealer', 'agent', 'alliance', 'online_platform']);
export type CustomerCategory = z.infer<typeof CustomerCategory>;
/** 拜访 / 转介绍 / 展会 / 网络 / 电话 / 其他 */
export const CustomerSource = z.enum(['visit', 'referral', 'exhibition', 'online', 'phone', 'other']);
export type CustomerSource = z.infer<typeof CustomerSource>;
export const VettingStatus = z.enum(['not_started', 'pending', 'approved', 'rejected']);
export type VettingStatus = z.infer<typeof VettingStatus>;
export const OwnershipReason = z.enum(['create', 'claim', 'pool_return', 'transfer', 'release']);
export type OwnershipReason = z.infer<typeof OwnershipReason>;

const contactFields = {
  name: z.string().trim().min(1).max(40),
  /** 决策人 / 采购 / 财务 / 使用人 … */
  role: z.string().trim().max(40),
  mobile: MobileCN.nullable(),
  wechat: z.string().trim().max(60),
  isPrimary: z.boolean(),
};

export const CreateContactBody = z.strictObject({
  ...contactFields,
  role: contactFields.role.default(''),
  mobile: contactFields.mobile.default(null),
  wechat: contactFields.wechat.default(''),
  isPrimary: contactFields.isPrimary.default(false),
});
export type CreateContactBody = z.infer<typeof CreateContactBody>;
export const UpdateContactBody = z.strictObject(contactFields).partial();
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const CustomerContact = z.object({
  id: z.number(),
  customerId: z.number(),
  name: z.string(),
  role: z.string(),
  mobile: z.string().nullable(),
  wechat: z.string(),
  isPrimary: z.boolean(),
});
export type CustomerContact = z.infer<typeof CustomerContact>;

export const CustomerContactParams = z.strictObject({ id: Id, contactId: Id });
export type CustomerContactParams = z.infer<typeof CustomerContactParams>;

/** Editable fields of a customer, without defaults (an update changes only what it sends). */
const customerFields = {
  name: z.string().trim().min(1).max(100),
  kind: CustomerKind,
  category: CustomerCategory,
  /** One of the company's levels (customer settings; A / B / C unless changed). */
  level: z.string().trim().min(1).max(20),
  region: z.string().trim().max(40),
  industry: z.string().trim().max(40),
  source: CustomerSource,
  /** 转介绍: the customer who referred this one (required when source is referral). */
  referrerCustomerId: z.number().int().positive().max(INT4_MAX).nullable(),
  /** 统一社会信用代码; spaces, lower case and full-width characters are normalized. */
  creditCode: z.string().trim().max(40).nullable(),
  /** Why a code whose check character is wrong is right anyway (some issued codes fail it). */
  creditCodeOverride: z.string().trim().min(1).max(200).nullable(),
  mobile: MobileCN.nullable(),
  address: z.string().trim().max(200),
  note: z.string().trim().max(2000),
};

export const CreateCustomerBody = z.strictObject({
  ...customerFields,
  /** Omitted: the lowest of the company's levels. */
  level: customerFields.level.optional(),
  region: customerFields.region.default(''),
  industry: customerFields.industry.default(''),
  source: customerFields.source.default('visit'),
  referrerCustomerId: customerFields.referrerCustomerId.default(null),
  creditCode: customerFields.creditCode.default(null),
  creditCodeOverride: customerFields.creditCodeOverride.default(null),
  /** Omitted: the primary contact's mobile, if any. */
  mobile: customerFields.mobile.default(null),
  address: customerFields.address.default(''),
  note: customerFields.note.default(''),
  /**
   * Omitted: the caller. A lead or manager may name a rep in their scope; null puts the customer straight
   * into the pool (公海).
   */
  ownerEmployeeId: z.number().int().positive().max(INT4_MAX).nullable().optional(),
  contacts: z.array(CreateContactBody).max(20).default([]),
});
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = z
  .strictObject(customerFields)
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

export const Customer = z.object({
  id: z.number(),
  name: z.string(),
  kind: CustomerKind,
  category: CustomerCategory,
  level: z.string(),
  region: z.string(),
  industry: z.string(),
  source: CustomerSource,
  /** null: in the customer pool. */
  ownerEmployeeId: z.number().nullable(),
  ownerName: z.string().nullable(),
  creditCode: z.string().nullable(),
  mobile: z.string().nullable(),
  vettingStatus: VettingStatus,
  lastActivityOn: z.string(),
  pooledAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Customer = z.infer<typeof Customer>;

export const CustomerDetail = Customer.extend({
  referrerCustomerId: z.number().nullable(),
  referrerName: z.string().nullable(),
  /** 转介绍: how many customers name this one as their referrer. */
  referralCount: z.number(),
  creditCodeOverride: z.string().nullable(),
  address: z.string(),
  note: z.string(),
  contacts: z.array(CustomerContact),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const CustomerListQuery = PageQuery.extend({
  kind: CustomerKind.optional(),
  category: CustomerCategory.optional(),
  level: z.string().trim().max(20).optional(),
  region: z.string().trim().max(40).optional(),
  ownerEmployeeId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
  vettingStatus: VettingStatus.optional(),
  /** The customers this one referred (转介绍). */
  referrerCustomerId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
}).strict();
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

/**
 * An existing customer that a new one would duplicate. Who owns it, and which customer it is, is shown
 * only when the caller may see that customer; a pool customer is named (anyone may claim it).
 */
export const CustomerDuplicate = z.object({
  field: z.enum(['name', 'mobile', 'creditCode']),
  value: z.string(),
  status: z.enum(['visible', 'owned_by_other', 'in_pool']),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  ownerName: z.string().nullable(),
});
export type CustomerDuplicate = z.infer<typeof CustomerDuplicate>;

export const CheckDuplicatesBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  mobiles: z.array(MobileCN).max(21).default([]),
  creditCode: z.string().trim().max(40).optional(),
  /** When editing: the customer itself is not its own duplicate. */
  excludeCustomerId: z.number().int().positive().max(INT4_MAX).optional(),
});
export type CheckDuplicatesBody = z.infer<typeof CheckDuplicatesBody>;
export const DuplicateCheckResult = z.object({ duplicates: z.array(CustomerDuplicate) });
export type DuplicateCheckResult = z.infer<typeof DuplicateCheckResult>;

/** Import a CSV (UTF-8 or GB18030, as Excel saves it) or an .xlsx file, sent as base64 in JSON. */
export const CustomerImportBody = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  /** At most about 5 MB of file (7,000,000 base64 characters). */
  contentBase64: z.string().min(1).max(7_000_000),
  /** Validate and report, write nothing. */
  dryRun: z.boolean().default(false),
  /** Import the valid rows even when others fail (otherwise one bad row means nothing is written). */
  skipInvalid: z.boolean().default(false),
});
export type CustomerImportBody = z.infer<typeof CustomerImportBody>;

export const CustomerImportRow = z.object({
  /** Row number in the sheet (the header is row 1). */
  row: z.number(),
  name: z.string(),
  ok: z.boolean(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  duplicates: z.array(CustomerDuplicate),
  customerId: z.number().nullable(),
});
export type CustomerImportRow = z.infer<typeof CustomerImportRow>;
export const CustomerImportResult = z.object({
  dryRun: z.boolean(),
  /** Whether rows were written. */
  committed: z.boolean(),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  imported: z.number(),
  rows: z.array(CustomerImportRow),
});
export type CustomerImportResult = z.infer<typeof CustomerImportResult>;

export const TransferCustomerBody = z.strictObject({
  toEmployeeId: z.number().int().positive().max(INT4_MAX),
  version: z.number().int().positive().max(INT4_MAX),
});
export type TransferCustomerBody = z.infer<typeof TransferCustomerBody>;
export const ReleaseCustomerBody = z.strictObject({ version: z.number().int().positive().max(INT4_MAX) });
export type ReleaseCustomerBody = z.infer<typeof ReleaseCustomerBody>;

export const OwnershipChange = z.object({
  id: z.number(),
  customerId: z.number(),
  fromEmployeeId: z.number().nullable(),
  fromName: z.string().nullable(),
  toEmployeeId: z.number().nullable(),
  toName: z.string().nullable(),
  reason: OwnershipReason,
  at: z.string(),
  byUserId: z.number().nullable(),
  byUsername: z.string().nullable(),
});
export type OwnershipChange = z.infer<typeof OwnershipChange>;

// Follow-ups (拜访 / 电话 / 微信 / 企业微信 / 会议)

export const FollowUpKind = z.enum(['visit', 'call', 'wechat', 'wecom', 'meeting']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

export const CreateFollowUpBody = z.strictObject({
  kind: FollowUpKind,
  /** Not in the future. */
  happenedOn: DateString,
  notes: z.string().trim().min(1).max(4000),
  outcome: z.string().trim().max(1000).default(''),
  /** Not before happenedOn. */
  nextFollowUpOn: DateString.nullable().default(null),
});
export type CreateFollowUpBody = z.infer<typeof CreateFollowUpBody>;

export const FollowUp = z.object({
  id: z.number(),
  customerId: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  kind: FollowUpKind,
  happenedOn: z.string(),
  notes: z.string(),
  outcome: z.string(),
  nextFollowUpOn: z.string().nullable(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpListQuery = PageQuery.extend({
  order: z.enum(['asc', 'desc']).default('desc'),
}).strict();
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;

export const DueFollowUpQuery = PageQuery.extend({
  /** Default today. */
  date: DateString.optional(),
  ownerEmployeeId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
}).strict();
export type DueFollowUpQuery = z.infer<typeof DueFollowUpQuery>;

/** A customer whose planned next follow-up is due: the rep's "due today" list. `id` is the customer's. */
export const DueFollowUp = z.object({
  id: z.number(),
  customerName: z.string(),
  level: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  lastFollowUpId: z.number(),
  lastFollowUpOn: z.string(),
  lastFollowUpKind: FollowUpKind,
  nextFollowUpOn: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
});
export type DueFollowUp = z.infer<typeof DueFollowUp>;

// The customer pool (公海) and the company's customer rules

export const PoolCustomer = z.object({
  id: z.number(),
  name: z.string(),
  kind: CustomerKind,
  category: CustomerCategory,
  level: z.string(),
  region: z.string(),
  industry: z.string(),
  pooledSince: z.string().nullable(),
});
export type PoolCustomer = z.infer<typeof PoolCustomer>;

export const PoolListQuery = PageQuery.extend({
  category: CustomerCategory.optional(),
  level: z.string().trim().max(20).optional(),
  region: z.string().trim().max(40).optional(),
  industry: z.string().trim().max(40).optional(),
}).strict();
export type PoolListQuery = z.infer<typeof PoolListQuery>;

export const PoolReturnResult = z.object({
  /** Customers whose last activity is before this day went back to the pool. */
  cutoff: z.string(),
  returned: z.number(),
  customerIds: z.array(z.number()),
});
export type PoolReturnResult = z.infer<typeof PoolReturnResult>;

export const CustomerSettings = z.object({
  levels: z.array(z.string()),
  poolReturnDays: z.number(),
  claimCapPerRep: z.number(),
  version: z.number(),
});
export type CustomerSettings = z.infer<typeof CustomerSettings>;

export const UpdateCustomerSettingsBody = z.strictObject({
  /** Highest first, e.g. A, B, C. */
  levels: z
    .array(z.string().trim().min(1).max(20))
    .min(1)
    .max(10)
    .refine((levels) => new Set(levels).size === levels.length, { error: 'levels must be distinct' }),
  poolReturnDays: z.number().int().min(1).max(365),
  claimCapPerRep: z.number().int().min(1).max(10000),
  version: z.number().int().positive().max(INT4_MAX),
});
export type UpdateCustomerSettingsBody = z.infer<typeof UpdateCustomerSettingsBody>;

// New-customer vetting (新客户签约前的拜访及考核)

export const VettingDecisionStatus = z.enum(['pending', 'approved', 'rejected']);
export const CreateVettingBody = z.strictObject({
  visitNotes: z.string().trim().min(1).max(4000),
  creditAssessment: z.string().trim().min(1).max(4000),
  /** 信用额度 in fen. */
  creditLimitFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
export type CreateVettingBody = z.infer<typeof CreateVettingBody>;

export const DecideVettingBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(1000).default(''),
  version: z.number().int().positive().max(INT4_MAX),
});
export type DecideVettingBody = z.infer<typeof DecideVettingBody>;

export const Vetting = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number().nullable(),
  ownerName: z.string().nullable(),
  visitNotes: z.string(),
  creditAssessment: z.string(),
  creditLimitFen: z.number(),
  status: VettingDecisionStatus,
  requestedByUserId: z.number().nullable(),
  requestedByUsername: z.string().nullable(),
  decidedByUserId: z.number().nullable(),
  decidedByUsername: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  createdAt: z.string(),
  version: z.number(),
});
export type Vetting = z.infer<typeof Vetting>;

export const VettingListQuery = PageQuery.extend({
  status: VettingDecisionStatus.optional(),
  customerId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
}).strict();
export type VettingListQuery = z.infer<typeof VettingListQuery>;

// The customer page's timeline

/** One event on a customer's timeline; later features add their own kinds (orders, receipts, invoices). */
export const TimelineItem = z.object({
  /** The day it happened (YYYY-MM-DD, company time zone). */
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string(),
  refId: z.number(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;
export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;
export const CustomerTimeline = z.object({ customerId: z.number(), items: z.array(TimelineItem) });
export type CustomerTimeline = z.infer<typeof CustomerTimeline>;

// Service: complaints (客诉), return visits (回访) and satisfaction surveys (满意度调查)

export const ComplaintSeverity = z.enum(COMPLAINT_SEVERITIES);
export type ComplaintSeverity = z.infer<typeof ComplaintSeverity>;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

const complaintFields = {
  severity: ComplaintSeverity,
  /** The employee who handles the case; in the caller's scope. */
  ownerEmployeeId: z.number().int().positive().max(INT4_MAX),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
  /** Not before receivedOn. */
  deadlineOn: DateString,
};

export const CreateComplaintBody = z.strictObject({
  ...complaintFields,
  customerId: z.number().int().positive().max(INT4_MAX),
  orderId: z.number().int().positive().max(INT4_MAX).nullable().default(null),
  /** Omitted: the customer's owner. */
  ownerEmployeeId: complaintFields.ownerEmployeeId.optional(),
  /** Not in the future. */
  receivedOn: DateString,
  /** Omitted: received + 1 / 3 / 7 / 15 days for critical / high / medium / low. */
  deadlineOn: complaintFields.deadlineOn.optional(),
});
export type CreateComplaintBody = z.infer<typeof CreateComplaintBody>;

export const UpdateComplaintBody = z
  .strictObject(complaintFields)
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateComplaintBody = z.infer<typeof UpdateComplaintBody>;

export const AddComplaintStepBody = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  /** Default today; not in the future. */
  on: DateString.optional(),
  version: z.number().int().positive().max(INT4_MAX),
});
export type AddComplaintStepBody = z.infer<typeof AddComplaintStepBody>;

export const ResolveComplaintBody = z.strictObject({
  resolution: z.string().trim().min(1).max(4000),
  /** The customer's satisfaction with the outcome, 1–5. */
  satisfaction: z.number().int().min(1).max(5).optional(),
  version: z.number().int().positive().max(INT4_MAX),
});
export type ResolveComplaintBody = z.infer<typeof ResolveComplaintBody>;

export const CloseComplaintBody = z.strictObject({
  satisfaction: z.number().int().min(1).max(5).optional(),
  version: z.number().int().positive().max(INT4_MAX),
});
export type CloseComplaintBody = z.infer<typeof CloseComplaintBody>;

export const ComplaintStep = z.object({
  on: z.string(),
  byUserId: z.number(),
  byName: z.string(),
  text: z.string(),
});
export type ComplaintStep = z.infer<typeof ComplaintStep>;

export const Complaint = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  orderId: z.number().nullable(),
  severity: ComplaintSeverity,
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  title: z.string(),
  description: z.string(),
  receivedOn: z.string(),
  deadlineOn: z.string(),
  steps: z.array(ComplaintStep),
  resolution: z.string(),
  satisfaction: z.number().nullable(),
  status: ComplaintStatus,
  /** Deadline passed and not yet resolved. */
  overdue: z.boolean(),
  closedOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintListQuery = PageQuery.extend({
  status: ComplaintStatus.optional(),
  severity: ComplaintSeverity.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  customerId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
  ownerEmployeeId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
}).strict();
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const SurveyKind = z.enum(['return_visit', 'satisfaction']);
export type SurveyKind = z.infer<typeof SurveyKind>;

export const CreateSurveyBody = z.strictObject({
  kind: SurveyKind,
  /** Default today; not in the future. */
  doneOn: DateString.optional(),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).default(''),
});
export type CreateSurveyBody = z.infer<typeof CreateSurveyBody>;

export const Survey = z.object({
  id: z.number(),
  customerId: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  kind: SurveyKind,
  doneOn: z.string(),
  score: z.number(),
  comment: z.string(),
  createdAt: z.string(),
});
export type Survey = z.infer<typeof Survey>;

export const SurveySummaryQuery = z.strictObject({
  from: DateString,
  to: DateString,
  kind: SurveyKind.optional(),
});
export type SurveySummaryQuery = z.infer<typeof SurveySummaryQuery>;

export const SurveySummary = z.object({
  from: z.string(),
  to: z.string(),
  /** Per customer owner in the caller's scope. */
  items: z.array(
    z.object({
      ownerEmployeeId: z.number(),
      ownerName: z.string(),
      count: z.number(),
      /** Mean score, two decimals. */
      averageScore: z.number(),
      returnVisits: z.number(),
      satisfactionSurveys: z.number(),
    }),
  ),
  count: z.number(),
  averageScore: z.number().nullable(),
});
export type SurveySummary = z.infer<typeof SurveySummary>;
