import type { LightMyRequestResponse } from 'fastify';
import type { CustomerDetail } from '@zuzhang/api-schema';
import type { Db } from '../src/platform/db/db.ts';
import type { Session } from './test-app.ts';
import type { DemoIds } from './demo-org.ts';
import type { OtherCompany } from './other-company.ts';
import { addDays, nextMobile, today } from './support.ts';

/**
 * The shape of the endpoint table (endpoints.test.ts) and the records its sales-ledger cases share: a
 * product, and customers of reps in three teams, all made through the API so that what the cases read is
 * what the server wrote.
 */

export interface Input {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  /** Send with this session instead of the case's user (e.g. a fresh one for sign-out). */
  session?: Session;
}

export interface Ctx {
  ids: DemoIds;
  other: OtherCompany;
  as(user: string): Promise<Session>;
  roleId(code: string): number;
  scoped: { employeeId: number; positionId: number; userId: number };
  db: Db;
}

export interface BadInput {
  input(c: Ctx): Promise<Input> | Input;
  path: string;
  /** A known bug: the request does not get its 400 yet (the test is `it.fails` until fixed). */
  bug?: string;
}

/** A case's bad inputs as a list. */
export const badInputsOf = (c: EndpointCase): BadInput[] =>
  c.bad === undefined ? [] : Array.isArray(c.bad) ? c.bad : [c.bad];

export interface EndpointCase {
  /** Who makes the success, bad-input and missing-id requests; null for routes without sign-in. */
  as: string | null;
  valid(c: Ctx): Promise<Input> | Input;
  status: number;
  check?(res: LightMyRequestResponse, c: Ctx, input: Input): Promise<void> | void;
  /**
   * Required for every route with a params, query or body schema: one bad input, or several (the first
   * without a known bug).
   */
  bad?: BadInput | BadInput[];
  /** Required for every `:id` route: someone for whom the record does not exist. */
  outside?: { as: string; input(c: Ctx): Promise<Input> | Input; why: string; bug?: string }[];
}

let seq = 0;
export const uniq = (prefix: string) => `${prefix}-${++seq}`;

export async function ok<T = { id: number; version: number }>(res: Promise<LightMyRequestResponse>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json<T>();
}

export const day = (offset: number) => addDays(today(), offset);
/** This month, `YYYY-MM`, in the company's time zone. */
export const thisMonth = () => today().slice(0, 7);

// ---- shared records ----------------------------------------------------------------------------------

export interface ProductRef {
  id: number;
  version: number;
  listPriceFen: number;
}

/** A customer and the user who owns it (whose session writes its orders, receipts, complaints…). */
export interface CustomerRef {
  id: number;
  name: string;
  version: number;
  owner: string;
  /** Set when the customer was vetted on creation. */
  vettingId?: number;
}

export interface SharedWorld {
  /** 100.00 yuan a unit, 13% VAT, discount floor 90%. */
  product: ProductRef;
  /** 赵磊's (rep1, 华东一组), vetted: the caller's own customer in most cases. */
  custA: CustomerRef;
  /** 徐强's (rep4, 华东二组), vetted: seen by lead1 (acting for the East channel), not by rep1. */
  custB: CustomerRef;
  /** 高鹏's (rep7, 华南一组), vetted: outside everyone in the East. */
  custS: CustomerRef;
  /** The other company (other1 holds every right there): a product and a vetted customer. */
  otherProduct: ProductRef;
  otherCust: CustomerRef;
}

/** Filled by `setupShared` in the table's beforeAll. */
export const shared = {} as SharedWorld;

/** Who decides vettings, contracts, discounts and write-offs for each seller's customers. */
const MANAGER_OF: Record<string, string> = {
  rep1: 'manager1',
  rep2: 'manager1',
  rep3: 'manager1',
  rep4: 'manager1',
  rep5: 'manager1',
  rep6: 'manager1',
  lead1: 'manager1',
  lead2: 'manager1',
  rep7: 'manager2',
  rep8: 'manager2',
  rep9: 'manager2',
  lead3: 'manager2',
  other1: 'other1',
};
export const managerOf = (owner: string) => MANAGER_OF[owner] ?? 'vp';

let customerSeq = 0;
export const customerName = () => `端点${++customerSeq}号商贸有限公司`;

export async function newProduct(c: Ctx, as = 'vp', spec: Record<string, unknown> = {}): Promise<ProductRef> {
  return ok<ProductRef>(
    (await c.as(as)).send('POST', '/api/v1/products', {
      code: uniq('EP'),
      name: uniq('端点货品'),
      category: '纸品',
      unit: '箱',
      listPriceFen: 10_000,
      taxRateBp: 1300,
      discountFloorBp: 9000,
      ...spec,
    }),
  );
}

/** The owner's request for the new-customer vetting (新客户签约前的拜访及考核). */
export async function requestVetting(c: Ctx, customer: CustomerRef) {
  return ok(
    (await c.as(customer.owner)).send('POST', `/api/v1/customers/${customer.id}/vettings`, vettingBody()),
  );
}
export const vettingBody = () => ({
  visitNotes: '实地拜访，门店两家',
  creditAssessment: '付款记录良好',
  creditLimitFen: 500_000,
});

/** A customer made by its owner through the API (activity today, so the pool rule leaves it alone). */
export async function newCustomer(
  c: Ctx,
  owner = 'rep1',
  opts: { vetted?: boolean; body?: Record<string, unknown> } = {},
): Promise<CustomerRef> {
  const created = await ok<CustomerDetail>(
    (await c.as(owner)).send('POST', '/api/v1/customers', {
      name: customerName(),
      kind: 'company',
      category: 'end_customer',
      mobile: nextMobile(),
      ...opts.body,
    }),
  );
  const ref: CustomerRef = {
    id: created.id,
    name: created.name,
    version: created.version,
    owner,
  };
  if (opts.vetted) {
    const vetting = await requestVetting(c, ref);
    await ok(
      (await c.as(managerOf(owner))).send('POST', `/api/v1/vettings/${vetting.id}/decide`, {
        decision: 'approve',
        version: vetting.version,
      }),
    );
    ref.vettingId = vetting.id;
  }
  return ref;
}

export interface OrderRef {
  id: number;
  no: string;
  version: number;
  status: string;
  totalFen: number;
  customerId: number;
  lines: { id: number; quantity: number; amountFen: number }[];
}

/**
 * An order entered by the customer's owner: `quantity` units of the shared product at list price (confirmed),
 * or at half price (below the floor: awaiting approval).
 */
export async function newOrder(
  c: Ctx,
  customer: CustomerRef,
  opts: {
    orderDate?: string;
    quantity?: number;
    belowFloor?: boolean;
    promisedOn?: string;
    contractId?: number;
  } = {},
): Promise<OrderRef> {
  const orderDate = opts.orderDate ?? today();
  const order = await ok<OrderRef>(
    (await c.as(customer.owner)).send('POST', '/api/v1/orders', {
      customerId: customer.id,
      orderDate,
      ...(opts.contractId === undefined ? {} : { contractId: opts.contractId }),
      lines: [
        {
          productId: customer.owner === 'other1' ? shared.otherProduct.id : shared.product.id,
          quantity: opts.quantity ?? 2,
          ...(opts.belowFloor ? { unitPriceFen: 5_000 } : {}),
          promisedOn: opts.promisedOn ?? addDays(orderDate, 10),
        },
      ],
    }),
  );
  return { ...order, customerId: customer.id };
}

/** Ship `quantity` units of the order's first line (as the owner). */
export async function ship(c: Ctx, customer: CustomerRef, order: OrderRef, quantity: number) {
  return ok<OrderRef>(
    (await c.as(customer.owner)).send('POST', `/api/v1/orders/${order.id}/shipments`, {
      courier: '顺丰',
      trackingNo: uniq('SF'),
      lines: [{ orderLineId: order.lines[0]!.id, quantity }],
    }),
  );
}

/** A small file uploaded by `as` (contract.manage or order.manage). */
export async function uploadFile(c: Ctx, as = 'rep1', name = 'proof.png') {
  return ok<{ id: number; name: string; mime: string; size: number }>(
    (await c.as(as)).send('POST', '/api/v1/files', {
      name,
      mime: 'image/png',
      contentBase64: PNG_BYTES.toString('base64'),
    }),
  );
}
/** The 8-byte PNG signature and a little more: enough to be a file, not to be an image. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

export interface ContractRef {
  id: number;
  no: string;
  version: number;
  status: string;
}

/**
 * A contract of the customer, walked to `status` by the people who take each step: the owner submits,
 * starts, completes; the manager approves.
 */
export async function newContract(
  c: Ctx,
  customer: CustomerRef,
  status: 'draft' | 'awaiting_approval' | 'signed' | 'in_progress' = 'draft',
  extra: Record<string, unknown> = {},
): Promise<ContractRef> {
  const owner = await c.as(customer.owner);
  let contract = await ok<ContractRef>(
    owner.send('POST', '/api/v1/contracts', {
      no: uniq('HT-EP'),
      customerId: customer.id,
      startOn: today(),
      amountFen: 1_000_000,
      paymentTerms: '月结30天',
      ...extra,
    }),
  );
  const steps: [string, string][] = [
    ['submit', customer.owner],
    ['approve', managerOf(customer.owner)],
    ['start', customer.owner],
  ];
  const goal = ['draft', 'awaiting_approval', 'signed', 'in_progress'].indexOf(status);
  for (const [action, who] of steps.slice(0, goal)) {
    contract = await ok<ContractRef>(
      (await c.as(who)).send('POST', `/api/v1/contracts/${contract.id}/${action}`, {
        version: contract.version,
      }),
    );
  }
  return contract;
}

let receiptKey = 0;
/** Money received from the customer, recorded by its owner; `allocations` explicit, else oldest due first. */
export async function newReceipt(
  c: Ctx,
  customer: CustomerRef,
  amountFen: number,
  allocations?: { orderId: number; amountFen: number }[],
) {
  return ok<{ id: number; version: number; unallocatedFen: number }>(
    (await c.as(customer.owner)).send('POST', '/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: today(),
      amountFen,
      method: 'bank',
      payer: customer.name,
      reference: uniq('BANK'),
      idempotencyKey: `endpoints-${++receiptKey}`,
      ...(allocations ? { allocations } : {}),
    }),
  );
}

/** Everything the sales-ledger cases share; each area adds its own records on top. */
export async function setupShared(c: Ctx): Promise<void> {
  shared.product = await newProduct(c);
  shared.custA = await newCustomer(c, 'rep1', { vetted: true });
  shared.custB = await newCustomer(c, 'rep4', { vetted: true });
  shared.custS = await newCustomer(c, 'rep7', { vetted: true });
  shared.otherProduct = await newProduct(c, 'other1');
  shared.otherCust = await newCustomer(c, 'other1', { vetted: true });
}
