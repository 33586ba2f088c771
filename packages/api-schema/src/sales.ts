import { z } from 'zod';
import { DateString, Id, PageQuery, INT4_MAX } from './common.ts';

/**
 * Products and prices, contracts, orders, shipments, proofs (彩喷稿 / 印刷稿), returns, and the files they
 * carry. Money is integer fen, tax included; rates and discounts are basis points (1300 = 13%).
 */

/** An id sent in a JSON body (numbers, not strings). */
const RefId = z.number().int().positive().max(INT4_MAX);
const FenAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().max(max);
const name = (max: number) => z.string().trim().min(1).max(max);
const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const customerCategory = z.enum(['end_customer', 'dealer', 'agent', 'alliance', 'online_platform']);

// ---- files -------------------------------------------------------------------------------------------

/** Up to 10 MB once decoded (the route takes a larger body than the 1 MB of every other route). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const UploadFileBody = z.strictObject({
  name: name(200),
  mime: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i),
  contentBase64: z.base64().min(1),
});
export type UploadFileBody = z.infer<typeof UploadFileBody>;

export const StoredFile = z.object({
  id: z.number(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof StoredFile>;

// ---- products ----------------------------------------------------------------------------------------

/** VAT rates in use in China (0, 1%, 3%, 5%, 6%, 9%, 13%). */
export const TAX_RATES_BP = [0, 100, 300, 500, 600, 900, 1300] as const;
export const TaxRateBp = z.literal(TAX_RATES_BP);

export const Product = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  listPriceFen: z.number(),
  taxRateBp: z.number(),
  shelfLifeDays: z.number().nullable(),
  /** The lowest price as a share of list a rep may give without approval (9000 = 90%). */
  discountFloorBp: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export type Product = z.infer<typeof Product>;

export const CreateProductBody = z.strictObject({
  code: name(40),
  name: name(120),
  category: name(60),
  unit: name(20),
  listPriceFen: FenAmount.positive(),
  taxRateBp: TaxRateBp,
  shelfLifeDays: z.number().int().min(1).max(36500).nullable().default(null),
  discountFloorBp: z.number().int().min(0).max(10000).default(9000),
  active: z.boolean().default(true),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z
  .strictObject({
    code: name(40),
    name: name(120),
    category: name(60),
    unit: name(20),
    listPriceFen: FenAmount.positive(),
    taxRateBp: TaxRateBp,
    shelfLifeDays: z.number().int().min(1).max(36500).nullable(),
    discountFloorBp: z.number().int().min(0).max(10000),
    active: z.boolean(),
  })
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const ProductListQuery = PageQuery.extend({
  category: text(60).optional(),
  active: BoolQuery.optional(),
}).strict();
export type ProductListQuery = z.infer<typeof ProductListQuery>;

// ---- price lists -------------------------------------------------------------------------------------

export const PriceListItem = z.object({
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  listPriceFen: z.number(),
  priceFen: z.number(),
});
export type PriceListItem = z.infer<typeof PriceListItem>;

/** A price list for a customer category (e.g. every dealer) or for one customer (one dealer). */
export const PriceList = z.object({
  id: z.number(),
  name: z.string(),
  customerCategory: customerCategory.nullable(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  items: z.array(PriceListItem),
  version: z.number(),
});
export type PriceList = z.infer<typeof PriceList>;

const PriceListItemInput = z.strictObject({ productId: RefId, priceFen: FenAmount.positive() });

export const CreatePriceListBody = z.strictObject({
  name: name(80),
  /** Exactly one of customerCategory and customerId. */
  customerCategory: customerCategory.nullable().default(null),
  customerId: RefId.nullable().default(null),
  validFrom: DateString,
  validTo: DateString.nullable().default(null),
  items: z.array(PriceListItemInput).max(5000).default([]),
});
export type CreatePriceListBody = z.infer<typeof CreatePriceListBody>;

export const UpdatePriceListBody = z
  .strictObject({
    name: name(80),
    validFrom: DateString,
    validTo: DateString.nullable(),
    /** When sent, replaces every item of the list. */
    items: z.array(PriceListItemInput).max(5000),
  })
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdatePriceListBody = z.infer<typeof UpdatePriceListBody>;

export const PriceListListQuery = PageQuery.extend({
  customerId: Id.optional(),
  customerCategory: customerCategory.optional(),
}).strict();
export type PriceListListQuery = z.infer<typeof PriceListListQuery>;

export const PriceQuoteQuery = z.strictObject({
  customerId: Id,
  productId: Id,
  /** Defaults to today. */
  date: DateString.optional(),
});
export type PriceQuoteQuery = z.infer<typeof PriceQuoteQuery>;

export const PriceQuote = z.object({
  customerId: z.number(),
  productId: z.number(),
  date: z.string(),
  listPriceFen: z.number(),
  /** What the customer pays per unit: their own list, else their category's list, else the list price. */
  priceFen: z.number(),
  source: z.enum(['customer', 'category', 'list']),
  priceListId: z.number().nullable(),
  priceListName: z.string().nullable(),
  taxRateBp: z.number(),
  discountFloorBp: z.number(),
  /** The lowest unit price (after discount) that needs no approval. */
  floorPriceFen: z.number(),
});
export type PriceQuote = z.infer<typeof PriceQuote>;

// ---- contracts ---------------------------------------------------------------------------------------

export const ContractStatus = z.enum([
  'draft',
  'awaiting_approval',
  'signed',
  'in_progress',
  'completed',
  'terminated',
]);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const FileRef = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number() });
export type FileRef = z.infer<typeof FileRef>;

export const Contract = z.object({
  id: z.number(),
  no: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  signedOn: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  amountFen: z.number(),
  paymentTerms: z.string(),
  paymentDays: z.number(),
  status: ContractStatus,
  attachments: z.array(FileRef),
  createdAt: z.string(),
  version: z.number(),
});
export type Contract = z.infer<typeof Contract>;

export const CreateContractBody = z.strictObject({
  no: name(40),
  customerId: RefId,
  /** A rep in your scope; defaults to the customer's owner. */
  ownerEmployeeId: RefId.optional(),
  signedOn: DateString.nullable().default(null),
  startOn: DateString,
  endOn: DateString.nullable().default(null),
  amountFen: FenAmount,
  paymentTerms: text(2000).default(''),
  /** Days after the order the money is due (账期). */
  paymentDays: z.number().int().min(0).max(3650).default(30),
  attachmentFileIds: z.array(RefId).max(50).default([]),
});
export type CreateContractBody = z.infer<typeof CreateContractBody>;

export const UpdateContractBody = z
  .strictObject({
    no: name(40),
    ownerEmployeeId: RefId,
    signedOn: DateString.nullable(),
    startOn: DateString,
    endOn: DateString.nullable(),
    amountFen: FenAmount,
    paymentTerms: text(2000),
    paymentDays: z.number().int().min(0).max(3650),
    attachmentFileIds: z.array(RefId).max(50),
  })
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateContractBody = z.infer<typeof UpdateContractBody>;

/** submit, approve, reject (back to draft), start, complete, terminate: each with the version you read. */
export const ContractActionBody = z.strictObject({
  version: z.number().int().positive().max(INT4_MAX),
  note: text(500).default(''),
});
export type ContractActionBody = z.infer<typeof ContractActionBody>;

export const ContractListQuery = PageQuery.extend({
  customerId: Id.optional(),
  ownerEmployeeId: Id.optional(),
  status: ContractStatus.optional(),
}).strict();
export type ContractListQuery = z.infer<typeof ContractListQuery>;

// ---- orders ------------------------------------------------------------------------------------------

export const OrderStatus = z.enum([
  'draft',
  'awaiting_approval',
  'confirmed',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

const OrderLineInput = z.strictObject({
  productId: RefId,
  /** Whole units, more than zero: negative quantities exist only as returns. */
  quantity: z.number().int().positive().max(1_000_000),
  /** Tax included; defaults to the customer's quote (GET /api/v1/prices/quote). */
  unitPriceFen: FenAmount.max(10_000_000_000).optional(),
  discountBp: z.number().int().min(0).max(10000).default(0),
  /** 交期: the delivery date promised for this line. */
  promisedOn: DateString,
});
export type OrderLineInput = z.infer<typeof OrderLineInput>;

/** Totals are computed by the server from the lines; clients never send them. */
export const CreateOrderBody = z.strictObject({
  /** Defaults to SO + yyyymm + a sequence. */
  no: name(40).optional(),
  customerId: RefId,
  contractId: RefId.nullable().default(null),
  orderDate: DateString,
  note: text(1000).default(''),
  lines: z.array(OrderLineInput).min(1).max(200),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

/** While draft, awaiting approval or confirmed with nothing shipped; `lines`, when sent, replaces them all. */
export const UpdateOrderBody = z
  .strictObject({
    orderDate: DateString,
    contractId: RefId.nullable(),
    note: text(1000),
    lines: z.array(OrderLineInput).min(1).max(200),
  })
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateOrderBody = z.infer<typeof UpdateOrderBody>;

export const OrderDecisionBody = z.strictObject({
  version: z.number().int().positive().max(INT4_MAX),
  note: text(500).default(''),
});
export type OrderDecisionBody = z.infer<typeof OrderDecisionBody>;

export const OrderLine = z.object({
  id: z.number(),
  lineNo: z.number(),
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  unitPriceFen: z.number(),
  discountBp: z.number(),
  taxRateBp: z.number(),
  amountFen: z.number(),
  taxFen: z.number(),
  promisedOn: z.string(),
  shippedQuantity: z.number(),
  returnedQuantity: z.number(),
  /** Priced below the product's discount floor (needs order.approve). */
  belowFloor: z.boolean(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Shipment = z.object({
  id: z.number(),
  orderId: z.number(),
  shippedOn: z.string(),
  courier: z.string(),
  trackingNo: z.string(),
  lines: z.array(z.object({ orderLineId: z.number(), quantity: z.number() })),
  createdAt: z.string(),
});
export type Shipment = z.infer<typeof Shipment>;

export const CreateShipmentBody = z.strictObject({
  /** Defaults to today; not in the future. */
  shippedOn: DateString.optional(),
  courier: text(60).default(''),
  trackingNo: text(60).default(''),
  lines: z
    .array(z.strictObject({ orderLineId: RefId, quantity: z.number().int().positive().max(1_000_000) }))
    .min(1)
    .max(200),
});
export type CreateShipmentBody = z.infer<typeof CreateShipmentBody>;

export const ProofKind = z.enum(['colour', 'print']);
export const ProofState = z.enum(['pending', 'approved', 'rejected']);
export const Proof = z.object({
  id: z.number(),
  orderId: z.number(),
  /** colour (彩喷稿) | print (印刷稿) */
  kind: ProofKind,
  fileId: z.number(),
  fileName: z.string(),
  state: ProofState,
  decidedOn: z.string().nullable(),
  note: z.string(),
  version: z.number(),
});
export type Proof = z.infer<typeof Proof>;

export const CreateProofBody = z.strictObject({
  kind: ProofKind,
  fileId: RefId,
  note: text(500).default(''),
});
export type CreateProofBody = z.infer<typeof CreateProofBody>;

/** The customer's answer, recorded by the rep or the assistant. */
export const DecideProofBody = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  /** Defaults to today; not in the future. */
  decidedOn: DateString.optional(),
  note: text(500).default(''),
  version: z.number().int().positive().max(INT4_MAX),
});
export type DecideProofBody = z.infer<typeof DecideProofBody>;

/** A new revision of the artwork: the proof goes back to pending. */
export const ReviseProofBody = z.strictObject({
  fileId: RefId,
  note: text(500).default(''),
  version: z.number().int().positive().max(INT4_MAX),
});
export type ReviseProofBody = z.infer<typeof ReviseProofBody>;

export const SalesReturn = z.object({
  id: z.number(),
  no: z.string(),
  orderId: z.number(),
  orderNo: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  unitId: z.number().nullable(),
  returnDate: z.string(),
  reason: z.string(),
  /** Positive: what sales and the open amount go down by (tax included). */
  amountFen: z.number(),
  taxFen: z.number(),
  lines: z.array(
    z.object({
      orderLineId: z.number(),
      quantity: z.number(),
      amountFen: z.number(),
      taxFen: z.number(),
    }),
  ),
  createdAt: z.string(),
});
export type SalesReturn = z.infer<typeof SalesReturn>;

export const CreateReturnBody = z.strictObject({
  /** Defaults to TH + yyyymm + a sequence. */
  no: name(40).optional(),
  returnDate: DateString,
  reason: name(500),
  lines: z
    .array(z.strictObject({ orderLineId: RefId, quantity: z.number().int().positive().max(1_000_000) }))
    .min(1)
    .max(200),
});
export type CreateReturnBody = z.infer<typeof CreateReturnBody>;

export const ReturnListQuery = PageQuery.extend({
  customerId: Id.optional(),
  orderId: Id.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
}).strict();
export type ReturnListQuery = z.infer<typeof ReturnListQuery>;

export const OrderBalanceView = z.object({
  totalFen: z.number(),
  returnedFen: z.number(),
  allocatedFen: z.number(),
  writtenOffFen: z.number(),
  /** 应收余额: total − returns − money allocated − approved write-offs. */
  openFen: z.number(),
});
export type OrderBalanceView = z.infer<typeof OrderBalanceView>;

export const OrderSummary = z.object({
  id: z.number(),
  no: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  contractId: z.number().nullable(),
  contractNo: z.string().nullable(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  /** The team credited with the sale: the owner's unit on the order date. */
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  orderDate: z.string(),
  dueOn: z.string().nullable(),
  status: OrderStatus,
  totalFen: z.number(),
  taxFen: z.number(),
  openFen: z.number(),
  note: z.string(),
  createdAt: z.string(),
  version: z.number(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const Order = OrderSummary.extend({
  lines: z.array(OrderLine),
  shipments: z.array(Shipment),
  proofs: z.array(Proof),
  returns: z.array(SalesReturn),
  balance: OrderBalanceView,
});
export type Order = z.infer<typeof Order>;

export const OrderListQuery = PageQuery.extend({
  customerId: Id.optional(),
  contractId: Id.optional(),
  ownerEmployeeId: Id.optional(),
  status: OrderStatus.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
}).strict();
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const AtRiskQuery = PageQuery.extend({
  /** Lines promised within this many days from today, or already late. */
  days: z.coerce.number().int().min(0).max(365).default(7),
}).strict();
export type AtRiskQuery = z.infer<typeof AtRiskQuery>;

export const AtRiskLine = z.object({
  /** The order line's id. */
  id: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  orderStatus: OrderStatus,
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  lineNo: z.number(),
  productId: z.number(),
  productName: z.string(),
  quantity: z.number(),
  shippedQuantity: z.number(),
  remainingQuantity: z.number(),
  promisedOn: z.string(),
  /** Negative when the promised date has passed. */
  daysLeft: z.number(),
  overdue: z.boolean(),
});
export type AtRiskLine = z.infer<typeof AtRiskLine>;
