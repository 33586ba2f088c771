import { z } from 'zod';
import { DateString, Id, PageQuery, INT4_MAX } from './common.ts';

/**
 * Money in (回款): collection plans, receipts and their allocation to orders, the customer's credit, ageing
 * (账龄), bad-debt write-offs (坏账核销), the VAT invoice register (增值税发票 / 数电票) and monthly
 * reconciliation statements (对账单). Money is integer fen, tax included; rates are basis points.
 */

/** An id sent in a JSON body (numbers, not strings). */
const BodyId = z.number().int().positive().max(INT4_MAX);
const PositiveFen = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Fen = z.number().int();
const words = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().positive().max(INT4_MAX);

/** A statement month, `YYYY-MM`. */
export const PeriodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

// ---- collection plans (回款计划) ------------------------------------------------------------------

export const InstalmentInput = z.strictObject({
  dueOn: DateString,
  amountFen: PositiveFen,
  note: words(200).default(''),
});

/**
 * The whole plan of one contract or one order (exactly one of the two, checked by the server): saving
 * replaces the previous instalments. They must add up to the contract or order amount; otherwise the gap is
 * shown and nothing is saved.
 */
export const SaveCollectionPlanBody = z.strictObject({
  contractId: BodyId.optional(),
  orderId: BodyId.optional(),
  instalments: z.array(InstalmentInput).min(1).max(60),
});
export type SaveCollectionPlanBody = z.infer<typeof SaveCollectionPlanBody>;

/** `?contractId=` or `?orderId=`, exactly one. */
export const CollectionPlanQuery = z.strictObject({ contractId: Id.optional(), orderId: Id.optional() });
export type CollectionPlanQuery = z.infer<typeof CollectionPlanQuery>;

export const InstalmentState = z.enum(['paid', 'overdue', 'due', 'upcoming']);

export const Instalment = z.object({
  id: z.number(),
  seq: z.number(),
  dueOn: z.string(),
  amountFen: z.number(),
  note: z.string(),
  collectedFen: z.number(),
  outstandingFen: z.number(),
  state: InstalmentState,
  daysOverdue: z.number(),
});
export type Instalment = z.infer<typeof Instalment>;

export const CollectionPlan = z.object({
  kind: z.enum(['contract', 'order']),
  targetId: z.number(),
  targetNo: z.string(),
  /** The contract or order amount the instalments add up to. */
  targetFen: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  /** Collected so far: money allocated, returns and approved write-offs on the order(s). */
  settledFen: z.number(),
  instalments: z.array(Instalment),
});
export type CollectionPlan = z.infer<typeof CollectionPlan>;

export const DueInstalmentQuery = PageQuery.extend({
  /** Instalments due on or before this day (default today) … */
  asOf: DateString.optional(),
  /** … or within this many days after it. */
  withinDays: z.coerce.number().int().min(0).max(366).default(0),
  /** true: everything in your scope; default: your own customers only (a rep's to-do). */
  all: z.stringbool().default(false),
}).strict();
export type DueInstalmentQuery = z.infer<typeof DueInstalmentQuery>;

export const DueInstalment = Instalment.extend({
  kind: z.enum(['contract', 'order']),
  targetId: z.number(),
  targetNo: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number().nullable(),
  ownerName: z.string().nullable(),
});
export type DueInstalment = z.infer<typeof DueInstalment>;

// ---- receipts (回款 / 收款) and allocation ----------------------------------------------------------

export const ReceiptMethod = z.enum(['bank', 'cash', 'wechat', 'alipay', 'acceptance_bill', 'other']);
export type ReceiptMethod = z.infer<typeof ReceiptMethod>;
export const OverpaymentMode = z.enum(['credit', 'refuse']);

export const AllocationInput = z.strictObject({ orderId: BodyId, amountFen: PositiveFen });

export const CreateReceiptBody = z.strictObject({
  customerId: BodyId,
  receivedOn: DateString,
  amountFen: PositiveFen,
  method: ReceiptMethod,
  payer: required(100),
  reference: words(100).default(''),
  /**
   * Required. The same key again returns the first receipt (200) instead of recording a second one; the
   * same key with a different body is a 409. Generate one per receipt form, keep it across retries.
   */
  idempotencyKey: required(100),
  /** Orders of this customer to pay; without them, the oldest due orders are paid first. */
  allocations: z.array(AllocationInput).max(100).optional(),
  /** Money beyond the orders' open amounts: keep it as the customer's credit (default) or refuse. */
  onOverpayment: OverpaymentMode.default('credit'),
});
export type CreateReceiptBody = z.infer<typeof CreateReceiptBody>;

export const AllocateReceiptBody = z.strictObject({
  allocations: z.array(AllocationInput).max(100).optional(),
  /** Default today; not before the money came in. */
  allocatedOn: DateString.optional(),
  onOverpayment: OverpaymentMode.default('credit'),
});
export type AllocateReceiptBody = z.infer<typeof AllocateReceiptBody>;

export const ReceiptAllocation = z.object({
  id: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  amountFen: z.number(),
  allocatedOn: z.string(),
});

export const Receipt = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number().nullable(),
  ownerName: z.string().nullable(),
  receivedOn: z.string(),
  amountFen: z.number(),
  method: ReceiptMethod,
  payer: z.string(),
  reference: z.string(),
  idempotencyKey: z.string(),
  /** The customer's credit from this receipt: amount − allocations. */
  unallocatedFen: z.number(),
  allocations: z.array(ReceiptAllocation),
  createdAt: z.string(),
  version: z.number(),
});
export type Receipt = z.infer<typeof Receipt>;

export const ReceiptListQuery = PageQuery.extend({
  customerId: Id.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  method: ReceiptMethod.optional(),
  /** Only receipts with money not yet allocated (the customer's credit). */
  hasCredit: z.stringbool().optional(),
}).strict();
export type ReceiptListQuery = z.infer<typeof ReceiptListQuery>;

export const CustomerCredit = z.object({
  customerId: z.number(),
  customerName: z.string(),
  creditFen: z.number(),
  receipts: z.array(
    z.object({
      id: z.number(),
      receivedOn: z.string(),
      amountFen: z.number(),
      unallocatedFen: z.number(),
      reference: z.string(),
    }),
  ),
});
export type CustomerCredit = z.infer<typeof CustomerCredit>;

// ---- ageing (账龄) and overdue reminders ----------------------------------------------------------

export const AgeingGroupBy = z.enum(['customer', 'owner', 'team']);
export const AgeingQuery = z.strictObject({
  asOf: DateString.optional(),
  groupBy: AgeingGroupBy.default('customer'),
});
export type AgeingQuery = z.infer<typeof AgeingQuery>;

/** Open amounts by band: not yet due, then days overdue. */
export const AgeingBands = z.object({
  current: Fen,
  '0-30': Fen,
  '31-60': Fen,
  '61-90': Fen,
  '90+': Fen,
});
export type AgeingBands = z.infer<typeof AgeingBands>;

export const AgeingRow = z.object({
  /** Customer, owner (employee) or team (unit) id; null for orders without a team. */
  id: z.number().nullable(),
  name: z.string(),
  bands: AgeingBands,
  totalFen: z.number(),
  orderCount: z.number(),
});
export const AgeingReport = z.object({
  asOf: z.string(),
  groupBy: AgeingGroupBy,
  rows: z.array(AgeingRow),
  totals: z.object({ bands: AgeingBands, totalFen: z.number(), orderCount: z.number() }),
});
export type AgeingReport = z.infer<typeof AgeingReport>;

export const OverdueQuery = PageQuery.extend({
  asOf: DateString.optional(),
  /** true: everything in your scope; default: orders you own (a rep's to-do). */
  all: z.stringbool().default(false),
}).strict();
export type OverdueQuery = z.infer<typeof OverdueQuery>;

export const OverdueOrder = z.object({
  orderId: z.number(),
  orderNo: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  orderDate: z.string(),
  dueOn: z.string(),
  totalFen: z.number(),
  openFen: z.number(),
  daysOverdue: z.number(),
  band: z.enum(['0-30', '31-60', '61-90', '90+']),
});
export type OverdueOrder = z.infer<typeof OverdueOrder>;

// ---- write-offs (坏账核销) --------------------------------------------------------------------------

export const WriteOffStatus = z.enum(['pending', 'approved', 'rejected']);
export const CreateWriteOffBody = z.strictObject({
  orderId: BodyId,
  amountFen: PositiveFen,
  reason: required(500),
});
export type CreateWriteOffBody = z.infer<typeof CreateWriteOffBody>;
export const DecideWriteOffBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: words(500).default(''),
  version: Version,
});
export type DecideWriteOffBody = z.infer<typeof DecideWriteOffBody>;

export const WriteOff = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  orderId: z.number(),
  orderNo: z.string(),
  amountFen: z.number(),
  reason: z.string(),
  status: WriteOffStatus,
  requestedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  writtenOffOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type WriteOff = z.infer<typeof WriteOff>;

export const WriteOffListQuery = PageQuery.extend({
  status: WriteOffStatus.optional(),
  customerId: Id.optional(),
}).strict();
export type WriteOffListQuery = z.infer<typeof WriteOffListQuery>;

// ---- invoices (增值税发票 / 数电票) -------------------------------------------------------------------

/** special 专票, normal 普票 (code + number); e_special 数电专票, e_normal 数电普票 (20-digit number). */
export const InvoiceType = z.enum(['special', 'normal', 'e_special', 'e_normal']);
export type InvoiceType = z.infer<typeof InvoiceType>;
export const InvoiceStatus = z.enum(['requested', 'issued', 'mailed', 'reversed']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;
const VatRateBp = z.literal([0, 100, 300, 500, 600, 900, 1300]);

export const InvoiceLineInput = z.strictObject({ orderLineId: BodyId, amountFen: PositiveFen });

export const CreateInvoiceBody = z.strictObject({
  customerId: BodyId,
  type: InvoiceType,
  /** Default: the tax rate of the lines covered (they must share one). */
  taxRateBp: VatRateBp.optional(),
  /** The order lines covered and the amount (tax included) invoiced on each. */
  lines: z.array(InvoiceLineInput).min(1).max(200),
  requestedOn: DateString.optional(),
});
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;

/** A paper invoice needs the 10- or 12-digit code and an 8-digit number; a 数电票 a 20-digit number only. */
const InvoiceNumbers = {
  invoiceNo: required(20),
  invoiceCode: words(12).nullable().optional(),
};
export const IssueInvoiceBody = z.strictObject({
  version: Version,
  ...InvoiceNumbers,
  issuedOn: DateString,
});
export type IssueInvoiceBody = z.infer<typeof IssueInvoiceBody>;

export const MailInvoiceBody = z.strictObject({
  version: Version,
  courier: required(50),
  trackingNo: required(50),
  mailedOn: DateString,
});
export type MailInvoiceBody = z.infer<typeof MailInvoiceBody>;

/** 红字发票: the red-letter invoice's own number, and when it was issued. */
export const ReverseInvoiceBody = z.strictObject({
  version: Version,
  ...InvoiceNumbers,
  issuedOn: DateString,
});
export type ReverseInvoiceBody = z.infer<typeof ReverseInvoiceBody>;

export const InvoiceLine = z.object({
  orderLineId: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  lineNo: z.number(),
  productName: z.string(),
  amountFen: z.number(),
  taxFen: z.number(),
});

export const Invoice = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  /** Set when every line is on one order. */
  orderId: z.number().nullable(),
  status: InvoiceStatus,
  type: InvoiceType,
  invoiceNo: z.string().nullable(),
  invoiceCode: z.string().nullable(),
  taxRateBp: z.number(),
  amountExTaxFen: z.number(),
  taxFen: z.number(),
  amountFen: z.number(),
  lines: z.array(InvoiceLine),
  requestedOn: z.string(),
  issuedOn: z.string().nullable(),
  courier: z.string(),
  trackingNo: z.string(),
  mailedOn: z.string().nullable(),
  /** On a red-letter invoice: the invoice it reverses. */
  reversesInvoiceId: z.number().nullable(),
  /** On a reversed invoice: its red-letter invoice. */
  reversedByInvoiceId: z.number().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceListQuery = PageQuery.extend({
  customerId: Id.optional(),
  orderId: Id.optional(),
  status: InvoiceStatus.optional(),
  type: InvoiceType.optional(),
}).strict();
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

export const ReconciliationCheckQuery = z.strictObject({ customerId: Id.optional() });
export type ReconciliationCheckQuery = z.infer<typeof ReconciliationCheckQuery>;

export const ReconciliationCheck = z.object({
  items: z.array(
    z.object({
      customerId: z.number(),
      customerName: z.string(),
      ownerName: z.string().nullable(),
      invoicedFen: z.number(),
      receivedFen: z.number(),
      invoicesWithoutReceipts: z.array(
        z.object({
          id: z.number(),
          invoiceNo: z.string().nullable(),
          issuedOn: z.string(),
          amountFen: z.number(),
          uncoveredFen: z.number(),
        }),
      ),
      receiptsWithoutInvoices: z.array(
        z.object({
          id: z.number(),
          receivedOn: z.string(),
          reference: z.string(),
          amountFen: z.number(),
          uncoveredFen: z.number(),
        }),
      ),
    }),
  ),
});
export type ReconciliationCheck = z.infer<typeof ReconciliationCheck>;

// ---- reconciliation statements (对账单) ------------------------------------------------------------

export const StatementStatus = z.enum(['draft', 'sent', 'confirmed', 'disputed']);
export type StatementStatus = z.infer<typeof StatementStatus>;

export const GenerateStatementsBody = z.strictObject({
  period: PeriodMonth,
  /** One customer; without it, every customer in your scope with activity or a balance. */
  customerId: BodyId.optional(),
});
export type GenerateStatementsBody = z.infer<typeof GenerateStatementsBody>;

export const Statement = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  ownerName: z.string().nullable(),
  period: z.string(),
  openingFen: z.number(),
  ordersFen: z.number(),
  returnsFen: z.number(),
  receiptsFen: z.number(),
  writeOffsFen: z.number(),
  invoicedFen: z.number(),
  closingFen: z.number(),
  status: StatementStatus,
  sentAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  disputeNote: z.string(),
  createdAt: z.string(),
  version: z.number(),
});
export type Statement = z.infer<typeof Statement>;

export const StatementLineKind = z.enum(['order', 'return', 'receipt', 'write_off', 'invoice']);
export const StatementLine = z.object({
  kind: StatementLineKind,
  id: z.number(),
  on: z.string(),
  ref: z.string(),
  amountFen: z.number(),
  /** + to the balance (orders). */
  debitFen: z.number(),
  /** − from the balance (returns, receipts, write-offs). */
  creditFen: z.number(),
  balanceFen: z.number(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const StatementDetail = Statement.extend({
  companyName: z.string(),
  lines: z.array(StatementLine),
  /** The documents no longer add up to the stored figures: regenerate (draft) before sending. */
  stale: z.boolean(),
});
export type StatementDetail = z.infer<typeof StatementDetail>;

export const GenerateStatementsResult = z.object({
  generated: z.array(Statement),
  /**
   * Customers whose statement was left alone: already sent (awaiting the customer's answer), confirmed, or
   * locked by a later confirmed month.
   */
  skipped: z.array(
    z.object({
      customerId: z.number(),
      customerName: z.string(),
      reason: z.enum(['sent', 'confirmed', 'locked']),
    }),
  ),
});
export type GenerateStatementsResult = z.infer<typeof GenerateStatementsResult>;

export const StatementListQuery = PageQuery.extend({
  customerId: Id.optional(),
  period: PeriodMonth.optional(),
  status: StatementStatus.optional(),
}).strict();
export type StatementListQuery = z.infer<typeof StatementListQuery>;

export const StatementVersionBody = z.strictObject({ version: Version });
export type StatementVersionBody = z.infer<typeof StatementVersionBody>;
export const DisputeStatementBody = z.strictObject({ version: Version, note: required(1000) });
export type DisputeStatementBody = z.infer<typeof DisputeStatementBody>;
