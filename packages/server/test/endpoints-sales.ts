import { expect } from 'vitest';
import { idOf } from './demo-org.ts';
import { today } from './support.ts';
import {
  PNG_BYTES,
  day,
  newContract,
  newCustomer,
  newOrder,
  newProduct,
  ok,
  ship,
  shared,
  uniq,
  uploadFile,
  type ContractRef,
  type Ctx,
  type CustomerRef,
  type EndpointCase,
  type OrderRef,
} from './endpoints-shared.ts';

/**
 * Files, products and price lists, contracts, orders, shipments, proofs (彩喷稿 / 印刷稿) and returns: the
 * endpoint table's cases for issue 3 items 3 to 5.
 */

interface Ref {
  id: number;
  version: number;
}
interface SalesWorld {
  /** Uploaded by rep1, attached to contractA. */
  fileC: { id: number };
  /** Uploaded by the assistant as the artwork of proofA: rep1 sees it through the order, not as uploader. */
  fileP: { id: number };
  otherFile: { id: number };
  priceListA: Ref;
  priceListB: Ref;
  otherPriceList: Ref;
  contractA: ContractRef;
  contractB: ContractRef;
  otherContract: ContractRef;
  /** 5 units promised in 3 days, 2 shipped, 1 of them returned (returnA), a pending proof (proofA). */
  orderA: OrderRef;
  orderB: OrderRef;
  otherOrder: OrderRef;
  proofA: Ref;
  proofB: Ref;
  otherProof: Ref;
  returnA: Ref;
  returnB: Ref;
  otherReturn: Ref;
}
const w = {} as SalesWorld;

const items = <T = { id: number }>(res: { json(): unknown }) => (res.json() as { items: T[] }).items;
const idsOf = (res: { json(): unknown }) => items(res).map((x) => x.id);

async function newPriceList(c: Ctx, customer: CustomerRef, as = 'vp'): Promise<Ref> {
  return ok(
    (await c.as(as)).send('POST', '/api/v1/price-lists', {
      name: uniq('客户价'),
      customerId: customer.id,
      validFrom: day(-30),
      items: [
        {
          productId: customer.owner === 'other1' ? shared.otherProduct.id : shared.product.id,
          priceFen: 9_500,
        },
      ],
    }),
  );
}

async function newProof(c: Ctx, order: OrderRef, as: string, fileId?: number): Promise<Ref> {
  return ok(
    (await c.as(as)).send('POST', `/api/v1/orders/${order.id}/proofs`, {
      kind: 'colour',
      fileId: fileId ?? (await uploadFile(c, as)).id,
      note: '彩喷稿第一版',
    }),
  );
}

async function newReturn(c: Ctx, customer: CustomerRef, order: OrderRef): Promise<Ref> {
  return ok(
    (await c.as(customer.owner)).send('POST', `/api/v1/orders/${order.id}/returns`, {
      returnDate: today(),
      reason: '外箱破损',
      lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
    }),
  );
}

/** An order with 5 units promised in 3 days, 2 shipped and 1 returned. */
async function shippedOrder(c: Ctx, customer: CustomerRef) {
  const order = await newOrder(c, customer, { quantity: 5, promisedOn: day(3) });
  await ship(c, customer, order, 2);
  const returned = await newReturn(c, customer, order);
  return { order, returned };
}

/** A contract in `status`, on a fresh vetted customer of `owner` (contracts stay off the shared customers). */
async function contractIn(
  c: Ctx,
  status: 'draft' | 'awaiting_approval' | 'signed' | 'in_progress',
  owner = 'rep1',
) {
  return newContract(c, await newCustomer(c, owner, { vetted: true }), status);
}

export async function setupSales(c: Ctx): Promise<void> {
  const { custA, custB, otherCust } = shared;
  w.fileC = await uploadFile(c, 'rep1', '合同扫描件.png');
  w.fileP = await uploadFile(c, 'assistant1', '彩喷稿.png');
  w.otherFile = await uploadFile(c, 'other1');
  w.priceListA = await newPriceList(c, custA);
  w.priceListB = await newPriceList(c, custB);
  w.otherPriceList = await newPriceList(c, otherCust, 'other1');
  await ok(
    (await c.as('vp')).send('POST', '/api/v1/price-lists', {
      name: '经销商价',
      customerCategory: 'dealer',
      validFrom: day(-30),
      items: [{ productId: shared.product.id, priceFen: 8_800 }],
    }),
  );
  w.contractA = await newContract(c, custA, 'draft', { attachmentFileIds: [w.fileC.id] });
  w.contractB = await newContract(c, custB);
  w.otherContract = await newContract(c, otherCust);
  ({ order: w.orderA, returned: w.returnA } = await shippedOrder(c, custA));
  ({ order: w.orderB, returned: w.returnB } = await shippedOrder(c, custB));
  ({ order: w.otherOrder, returned: w.otherReturn } = await shippedOrder(c, otherCust));
  w.proofA = await newProof(c, w.orderA, 'assistant1', w.fileP.id);
  w.proofB = await newProof(c, w.orderB, 'rep4');
  w.otherProof = await newProof(c, w.otherOrder, 'other1', w.otherFile.id);
}

/** One line worth 10^16 fen: more than the server can count exactly. */
const hugeLine = () => ({
  productId: shared.product.id,
  quantity: 1_000_000,
  unitPriceFen: 10_000_000_000,
  promisedOn: day(5),
});

const orderBody = (customerId: number) => ({
  customerId,
  orderDate: today(),
  note: '月底前送达',
  lines: [{ productId: shared.product.id, quantity: 3, promisedOn: day(5) }],
});

/** The owner's outsider for each step of a contract, and the manager's for approval. */
function contractActionCase(
  action: 'submit' | 'approve' | 'reject' | 'start' | 'complete' | 'terminate',
  from: 'draft' | 'awaiting_approval' | 'signed' | 'in_progress',
  to: string,
): EndpointCase {
  const approving = action === 'approve' || action === 'reject';
  const as = approving ? 'manager1' : 'rep1';
  return {
    as,
    valid: async (c) => {
      const contract = await contractIn(c, from);
      return { params: { id: contract.id }, body: { version: contract.version, note: '按流程' } };
    },
    status: 200,
    check: (res) => {
      expect(res.json().status).toBe(to);
      if (action === 'approve') expect(res.json().signedOn).toBe(today());
    },
    bad: { input: () => ({ params: { id: w.contractA.id }, body: { version: 'x' } }), path: 'body.version' },
    outside: [
      approving
        ? {
            as: 'manager2',
            why: 'an East contract, for the South manager',
            input: async (c: Ctx) => {
              const contract = await contractIn(c, from);
              return { params: { id: contract.id }, body: { version: contract.version } };
            },
          }
        : {
            as: 'rep1',
            why: "another team's contract",
            input: async (c: Ctx) => {
              const contract = await contractIn(c, from, 'rep4');
              return { params: { id: contract.id }, body: { version: contract.version } };
            },
          },
      {
        as: 'admin',
        why: "another company's contract",
        input: () => ({ params: { id: w.otherContract.id }, body: { version: w.otherContract.version } }),
      },
    ],
  };
}

/** An approval decision on an order priced below the floor. */
function orderDecisionCase(action: 'approve' | 'reject', to: string): EndpointCase {
  return {
    as: 'manager1',
    valid: async (c) => {
      const order = await newOrder(c, shared.custA, { belowFloor: true });
      return { params: { id: order.id }, body: { version: order.version, note: '特价' } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe(to),
    bad: { input: () => ({ params: { id: w.orderA.id }, body: { version: 0 } }), path: 'body.version' },
    outside: [
      {
        as: 'manager2',
        why: 'an East order, for the South manager',
        input: async (c) => {
          const order = await newOrder(c, shared.custA, { belowFloor: true });
          return { params: { id: order.id }, body: { version: order.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's order",
        input: async (c) => {
          const order = await newOrder(c, shared.otherCust, { belowFloor: true });
          return { params: { id: order.id }, body: { version: order.version } };
        },
      },
    ],
  };
}

export const SALES_CASES: Record<string, EndpointCase> = {
  // ---- files ---------------------------------------------------------------------------------
  'POST /api/v1/files': {
    as: 'rep1',
    valid: () => ({
      body: {
        name: '盖章合同.pdf',
        mime: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ name: '盖章合同.pdf', mime: 'application/pdf', size: 8 }),
    bad: {
      input: () => ({ body: { name: 'x.pdf', mime: 'not a type', contentBase64: 'eA==' } }),
      path: 'body.mime',
    },
  },
  'GET /api/v1/files/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.fileP.id } }),
    status: 200,
    check: (res) => {
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.rawPayload.equals(PNG_BYTES)).toBe(true);
    },
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep4',
        why: "the artwork of another team's order",
        input: () => ({ params: { id: w.fileP.id } }),
      },
      {
        as: 'rep4',
        why: "another team's contract attachment",
        input: () => ({ params: { id: w.fileC.id } }),
      },
      { as: 'admin', why: "another company's file", input: () => ({ params: { id: w.otherFile.id } }) },
    ],
  },

  // ---- products and prices -------------------------------------------------------------------
  'GET /api/v1/products': {
    as: 'rep1',
    valid: () => ({ query: { active: 'true', pageSize: '200' } }),
    status: 200,
    check: (res) => {
      expect(idsOf(res)).toContain(shared.product.id);
      expect(idsOf(res)).not.toContain(shared.otherProduct.id);
    },
    bad: { input: () => ({ query: { active: 'yes' } }), path: 'query.active' },
  },
  'GET /api/v1/products/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.product.id } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ listPriceFen: 10_000, taxRateBp: 1300, active: true }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'admin',
        why: "another company's product",
        input: () => ({ params: { id: shared.otherProduct.id } }),
      },
    ],
  },
  'POST /api/v1/products': {
    as: 'vp',
    valid: () => ({
      body: {
        code: uniq('A4'),
        name: 'A4 复印纸',
        category: '纸品',
        unit: '箱',
        listPriceFen: 15_800,
        taxRateBp: 1300,
      },
    }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ discountFloorBp: 9000, active: true, version: 1 }),
    bad: {
      input: () => ({
        body: { code: 'X', name: 'x', category: 'x', unit: '箱', listPriceFen: 100, taxRateBp: 1700 },
      }),
      path: 'body.taxRateBp',
    },
  },
  'PATCH /api/v1/products/:id': {
    as: 'vp',
    valid: async (c) => {
      const product = await newProduct(c);
      return {
        params: { id: product.id },
        body: { listPriceFen: 12_000, active: false, version: product.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ listPriceFen: 12_000, active: false, version: 2 }),
    bad: {
      input: () => ({ params: { id: shared.product.id }, body: { listPriceFen: 0, version: 1 } }),
      path: 'body.listPriceFen',
    },
    outside: [
      {
        as: 'admin',
        why: "another company's product",
        input: () => ({ params: { id: shared.otherProduct.id }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'GET /api/v1/price-lists': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res) => {
      const lists = items<{ id: number; customerId: number | null; customerCategory: string | null }>(res);
      expect(lists.map((x) => x.id)).toContain(w.priceListA.id);
      expect(lists.map((x) => x.id)).not.toContain(w.priceListB.id);
      expect(lists.some((x) => x.customerCategory === 'dealer')).toBe(true);
      const customerIds = lists.flatMap((x) => (x.customerId === null ? [] : [x.customerId]));
      expect(customerIds).not.toContain(shared.custB.id);
    },
    bad: { input: () => ({ query: { customerCategory: 'wholesaler' } }), path: 'query.customerCategory' },
  },
  'GET /api/v1/price-lists/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.priceListA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        customerId: shared.custA.id,
        items: [{ productId: shared.product.id, priceFen: 9_500 }],
      }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer price list",
        input: () => ({ params: { id: w.priceListB.id } }),
      },
      {
        as: 'admin',
        why: "another company's price list",
        input: () => ({ params: { id: w.otherPriceList.id } }),
      },
    ],
  },
  'POST /api/v1/price-lists': {
    as: 'vp',
    valid: () => ({
      body: {
        name: uniq('代理商价'),
        customerCategory: 'agent',
        validFrom: today(),
        items: [{ productId: shared.product.id, priceFen: 9_000 }],
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ customerCategory: 'agent', customerId: null, version: 1 }),
    bad: {
      input: () => ({ body: { name: 'x', customerCategory: 'agent', validFrom: '2026-02-30' } }),
      path: 'body.validFrom',
    },
  },
  'PATCH /api/v1/price-lists/:id': {
    as: 'vp',
    valid: async (c) => {
      const list = await newPriceList(c, shared.custA);
      return {
        params: { id: list.id },
        body: { name: '改名价目表', validTo: day(90), version: list.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ name: '改名价目表', validTo: day(90), version: 2 }),
    bad: { input: () => ({ params: { id: w.priceListA.id }, body: { version: 0 } }), path: 'body.version' },
    outside: [
      {
        as: 'scoped1',
        why: "an East customer's price list, outside a South unit-scoped holder of catalogue.manage",
        input: async (c) => {
          const list = await newPriceList(c, shared.custA);
          return { params: { id: list.id }, body: { name: '越权', version: list.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's price list",
        input: () => ({ params: { id: w.otherPriceList.id }, body: { name: '越权', version: 1 } }),
      },
    ],
  },
  'GET /api/v1/prices/quote': {
    as: 'rep1',
    valid: () => ({ query: { customerId: String(shared.custA.id), productId: String(shared.product.id) } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        priceFen: 9_500,
        source: 'customer',
        priceListId: w.priceListA.id,
        // The floor is 90% of the customer's own price (9,500), not of the list price.
        floorPriceFen: 8_550,
      }),
    bad: {
      input: () => ({ query: { customerId: 'x', productId: String(shared.product.id) } }),
      path: 'query.customerId',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: () => ({
          query: { customerId: String(shared.custB.id), productId: String(shared.product.id) },
        }),
      },
      {
        as: 'admin',
        why: "another company's customer and product",
        input: () => ({
          query: { customerId: String(shared.otherCust.id), productId: String(shared.otherProduct.id) },
        }),
      },
    ],
  },

  // ---- contracts -----------------------------------------------------------------------------
  'GET /api/v1/contracts': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res) => {
      expect(idsOf(res)).toContain(w.contractA.id);
      expect(idsOf(res)).not.toContain(w.contractB.id);
    },
    bad: { input: () => ({ query: { status: 'sealed' } }), path: 'query.status' },
  },
  'GET /api/v1/contracts/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.contractA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        customerId: shared.custA.id,
        status: 'draft',
        attachments: [{ id: w.fileC.id, name: '合同扫描件.png' }],
      }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's contract", input: () => ({ params: { id: w.contractB.id } }) },
      {
        as: 'admin',
        why: "another company's contract",
        input: () => ({ params: { id: w.otherContract.id } }),
      },
    ],
  },
  'POST /api/v1/contracts': {
    as: 'rep1',
    valid: () => ({
      body: {
        no: uniq('HT-2026'),
        customerId: shared.custA.id,
        startOn: today(),
        endOn: day(365),
        amountFen: 5_000_000,
        paymentDays: 60,
        attachmentFileIds: [w.fileC.id],
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ status: 'draft', ownerName: '赵磊', paymentDays: 60, version: 1 }),
    bad: {
      input: () => ({ body: { no: 'x', customerId: shared.custA.id, startOn: today(), amountFen: -1 } }),
      path: 'body.amountFen',
    },
  },
  'PATCH /api/v1/contracts/:id': {
    as: 'rep1',
    valid: async (c) => {
      const contract = await newContract(c, shared.custA);
      return { params: { id: contract.id }, body: { paymentDays: 45, version: contract.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ paymentDays: 45, version: 2 }),
    bad: {
      input: () => ({ params: { id: w.contractA.id }, body: { paymentDays: -1, version: 1 } }),
      path: 'body.paymentDays',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's contract",
        input: () => ({
          params: { id: w.contractB.id },
          body: { paymentDays: 1, version: w.contractB.version },
        }),
      },
      {
        as: 'scoped1',
        why: 'an East contract, outside a South unit-scoped manager',
        input: async (c) => {
          const contract = await newContract(c, shared.custA);
          return { params: { id: contract.id }, body: { paymentDays: 1, version: contract.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's contract",
        input: () => ({
          params: { id: w.otherContract.id },
          body: { paymentDays: 1, version: w.otherContract.version },
        }),
      },
    ],
  },
  'POST /api/v1/contracts/:id/submit': contractActionCase('submit', 'draft', 'awaiting_approval'),
  'POST /api/v1/contracts/:id/approve': contractActionCase('approve', 'awaiting_approval', 'signed'),
  'POST /api/v1/contracts/:id/reject': contractActionCase('reject', 'awaiting_approval', 'draft'),
  'POST /api/v1/contracts/:id/start': contractActionCase('start', 'signed', 'in_progress'),
  'POST /api/v1/contracts/:id/complete': contractActionCase('complete', 'in_progress', 'completed'),
  'POST /api/v1/contracts/:id/terminate': contractActionCase('terminate', 'signed', 'terminated'),

  // ---- orders --------------------------------------------------------------------------------
  'GET /api/v1/orders': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res, c) => {
      expect(idsOf(res)).toContain(w.orderA.id);
      expect(idsOf(res)).not.toContain(w.orderB.id);
      const owners = items<{ ownerEmployeeId: number }>(res).map((x) => x.ownerEmployeeId);
      expect(new Set(owners)).toEqual(new Set([idOf(c.ids.employee, 'rep1')]));
    },
    bad: [
      { input: () => ({ query: { status: 'lost' } }), path: 'query.status' },
      {
        input: () => ({ query: { customerId: '2147483648' } }),
        path: 'query.customerId',
      },
    ],
  },
  'GET /api/v1/orders/at-risk': {
    as: 'rep1',
    valid: () => ({ query: { days: '7', pageSize: '200' } }),
    status: 200,
    check: (res) => {
      const lines = items<{ orderId: number; remainingQuantity: number }>(res);
      expect(lines.find((x) => x.orderId === w.orderA.id)).toMatchObject({ remainingQuantity: 3 });
      expect(lines.map((x) => x.orderId)).not.toContain(w.orderB.id);
    },
    bad: { input: () => ({ query: { days: '-1' } }), path: 'query.days' },
  },
  'GET /api/v1/orders/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.orderA.id } }),
    status: 200,
    check: (res) => {
      expect(res.json()).toMatchObject({ status: 'partially_shipped', customerId: shared.custA.id });
      expect(res.json().shipments).toHaveLength(1);
      expect(res.json().returns.map((x: { id: number }) => x.id)).toEqual([w.returnA.id]);
      expect(res.json().proofs.map((x: { id: number }) => x.id)).toEqual([w.proofA.id]);
    },
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's order", input: () => ({ params: { id: w.orderB.id } }) },
      { as: 'admin', why: "another company's order", input: () => ({ params: { id: w.otherOrder.id } }) },
    ],
  },
  'POST /api/v1/orders': {
    as: 'rep1',
    valid: () => ({ body: orderBody(shared.custA.id) }),
    status: 201,
    // 3 units at the customer's own price (95.00).
    check: (res) =>
      expect(res.json()).toMatchObject({
        status: 'confirmed',
        totalFen: 28_500,
        ownerName: '赵磊',
        dueOn: day(30),
      }),
    bad: [
      { input: () => ({ body: { ...orderBody(shared.custA.id), lines: [] } }), path: 'body.lines' },
      {
        input: () => ({ body: { ...orderBody(2_147_483_648) } }),
        path: 'body.customerId',
      },
      {
        input: () => ({ body: { ...orderBody(shared.custA.id), lines: [hugeLine()] } }),
        path: 'body.lines',
      },
    ],
  },
  'PATCH /api/v1/orders/:id': {
    as: 'rep1',
    valid: async (c) => {
      const order = await newOrder(c, shared.custA);
      return { params: { id: order.id }, body: { note: '加急', version: order.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ note: '加急', version: 2 }),
    bad: [
      { input: () => ({ params: { id: w.orderA.id }, body: { lines: [], version: 1 } }), path: 'body.lines' },
      {
        input: async (c) => {
          const order = await newOrder(c, shared.custA);
          return { params: { id: order.id }, body: { lines: [hugeLine()], version: order.version } };
        },
        path: 'body.lines',
      },
    ],
    outside: [
      {
        as: 'rep1',
        why: "another team's order",
        input: async (c) => {
          const order = await newOrder(c, shared.custB);
          return { params: { id: order.id }, body: { note: '越权', version: order.version } };
        },
      },
      {
        as: 'scoped1',
        why: 'an East order, outside a South unit-scoped manager',
        input: async (c) => {
          const order = await newOrder(c, shared.custA);
          return { params: { id: order.id }, body: { note: '越权', version: order.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's order",
        input: async (c) => {
          const order = await newOrder(c, shared.otherCust);
          return { params: { id: order.id }, body: { note: '越权', version: order.version } };
        },
      },
    ],
  },
  'POST /api/v1/orders/:id/approve': orderDecisionCase('approve', 'confirmed'),
  'POST /api/v1/orders/:id/reject': orderDecisionCase('reject', 'draft'),
  'POST /api/v1/orders/:id/cancel': {
    as: 'rep1',
    valid: async (c) => {
      const order = await newOrder(c, shared.custA);
      return { params: { id: order.id }, body: { version: order.version, note: '客户取消' } };
    },
    status: 200,
    check: (res) => expect(res.json().status).toBe('cancelled'),
    bad: {
      input: () => ({ params: { id: w.orderA.id }, body: { version: 1, note: 42 } }),
      path: 'body.note',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's order",
        input: async (c) => {
          const order = await newOrder(c, shared.custB);
          return { params: { id: order.id }, body: { version: order.version } };
        },
      },
      {
        as: 'scoped1',
        why: 'an East order, outside a South unit-scoped manager',
        input: async (c) => {
          const order = await newOrder(c, shared.custA);
          return { params: { id: order.id }, body: { version: order.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's order",
        input: async (c) => {
          const order = await newOrder(c, shared.otherCust);
          return { params: { id: order.id }, body: { version: order.version } };
        },
      },
    ],
  },
  'POST /api/v1/orders/:id/shipments': {
    as: 'rep1',
    valid: async (c) => {
      const order = await newOrder(c, shared.custA, { quantity: 4 });
      return {
        params: { id: order.id },
        body: {
          courier: '顺丰',
          trackingNo: uniq('SF'),
          lines: [{ orderLineId: order.lines[0]!.id, quantity: 4 }],
        },
      };
    },
    status: 201,
    check: (res) => {
      expect(res.json().status).toBe('shipped');
      expect(res.json().shipments).toMatchObject([{ courier: '顺丰', shippedOn: today() }]);
    },
    bad: {
      input: () => ({
        params: { id: w.orderA.id },
        body: { lines: [{ orderLineId: w.orderA.lines[0]!.id, quantity: 0 }] },
      }),
      path: 'body.lines.0.quantity',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's order",
        input: async (c) => {
          const order = await newOrder(c, shared.custB);
          return {
            params: { id: order.id },
            body: { lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] },
          };
        },
      },
      {
        as: 'admin',
        why: "another company's order",
        input: async (c) => {
          const order = await newOrder(c, shared.otherCust);
          return {
            params: { id: order.id },
            body: { lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] },
          };
        },
      },
    ],
  },

  // ---- proofs (彩喷稿 / 印刷稿) -----------------------------------------------------------------
  'GET /api/v1/orders/:id/proofs': {
    as: 'rep1',
    valid: () => ({ params: { id: w.orderA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject([
        { id: w.proofA.id, state: 'pending', fileId: w.fileP.id, kind: 'colour' },
      ]),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's order", input: () => ({ params: { id: w.orderB.id } }) },
      { as: 'admin', why: "another company's order", input: () => ({ params: { id: w.otherOrder.id } }) },
    ],
  },
  'POST /api/v1/orders/:id/proofs': {
    as: 'rep1',
    valid: async (c) => ({
      params: { id: w.orderA.id },
      body: { kind: 'print', fileId: (await uploadFile(c, 'rep1')).id, note: '印刷稿' },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ orderId: w.orderA.id, kind: 'print', state: 'pending' }),
    bad: {
      input: () => ({ params: { id: w.orderA.id }, body: { kind: 'draft', fileId: 1 } }),
      path: 'body.kind',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's order",
        input: async (c) => ({
          params: { id: w.orderB.id },
          body: { kind: 'print', fileId: (await uploadFile(c, 'rep1')).id },
        }),
      },
      {
        as: 'scoped1',
        why: 'an East order, outside a South unit-scoped manager',
        input: async (c) => ({
          params: { id: w.orderA.id },
          body: { kind: 'print', fileId: (await uploadFile(c, 'scoped1')).id },
        }),
      },
      {
        as: 'admin',
        why: "another company's order",
        input: async (c) => ({
          params: { id: w.otherOrder.id },
          body: { kind: 'print', fileId: (await uploadFile(c, 'admin')).id },
        }),
      },
    ],
  },
  'POST /api/v1/proofs/:id/decide': {
    as: 'rep1',
    valid: async (c) => {
      const proof = await newProof(c, w.orderA, 'rep1');
      return {
        params: { id: proof.id },
        body: { decision: 'approved', note: '客户签字确认', version: proof.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ state: 'approved', decidedOn: today(), version: 2 }),
    bad: {
      input: () => ({ params: { id: w.proofA.id }, body: { decision: 'ok', version: 1 } }),
      path: 'body.decision',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's proof",
        input: () => ({
          params: { id: w.proofB.id },
          body: { decision: 'approved', version: w.proofB.version },
        }),
      },
      {
        as: 'admin',
        why: "another company's proof",
        input: () => ({
          params: { id: w.otherProof.id },
          body: { decision: 'approved', version: w.otherProof.version },
        }),
      },
    ],
  },
  'PATCH /api/v1/proofs/:id': {
    as: 'rep1',
    valid: async (c) => {
      const proof = await newProof(c, w.orderA, 'rep1');
      const file = await uploadFile(c, 'rep1', '彩喷稿第二版.png');
      return { params: { id: proof.id }, body: { fileId: file.id, note: '第二版', version: proof.version } };
    },
    status: 200,
    check: (res, _c, input) =>
      expect(res.json()).toMatchObject({
        state: 'pending',
        fileId: (input.body as { fileId: number }).fileId,
        fileName: '彩喷稿第二版.png',
        version: 2,
      }),
    bad: {
      input: () => ({ params: { id: w.proofA.id }, body: { fileId: 'x', version: 1 } }),
      path: 'body.fileId',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's proof",
        input: async (c) => ({
          params: { id: w.proofB.id },
          body: { fileId: (await uploadFile(c, 'rep1')).id, version: w.proofB.version },
        }),
      },
      {
        as: 'admin',
        why: "another company's proof",
        input: async (c) => ({
          params: { id: w.otherProof.id },
          body: { fileId: (await uploadFile(c, 'admin')).id, version: w.otherProof.version },
        }),
      },
    ],
  },

  // ---- returns (退货) --------------------------------------------------------------------------
  'POST /api/v1/orders/:id/returns': {
    as: 'rep1',
    valid: async (c) => {
      const order = await newOrder(c, shared.custA, { quantity: 2 });
      await ship(c, shared.custA, order, 2);
      return {
        params: { id: order.id },
        body: {
          returnDate: today(),
          reason: '规格不符',
          lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
        },
      };
    },
    status: 201,
    // One of two units at 95.00: the amount comes back off sales and the open amount.
    check: (res) => expect(res.json()).toMatchObject({ amountFen: 9_500, customerId: shared.custA.id }),
    bad: {
      input: () => ({
        params: { id: w.orderA.id },
        body: {
          returnDate: today(),
          reason: '',
          lines: [{ orderLineId: w.orderA.lines[0]!.id, quantity: 1 }],
        },
      }),
      path: 'body.reason',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's shipped order",
        input: () => ({
          params: { id: w.orderB.id },
          body: {
            returnDate: today(),
            reason: '越权',
            lines: [{ orderLineId: w.orderB.lines[0]!.id, quantity: 1 }],
          },
        }),
      },
      {
        as: 'admin',
        why: "another company's shipped order",
        input: () => ({
          params: { id: w.otherOrder.id },
          body: {
            returnDate: today(),
            reason: '越权',
            lines: [{ orderLineId: w.otherOrder.lines[0]!.id, quantity: 1 }],
          },
        }),
      },
    ],
  },
  'GET /api/v1/returns': {
    as: 'rep1',
    valid: () => ({ query: { from: day(-1), pageSize: '200' } }),
    status: 200,
    check: (res) => {
      expect(idsOf(res)).toContain(w.returnA.id);
      expect(idsOf(res)).not.toContain(w.returnB.id);
    },
    bad: { input: () => ({ query: { from: 'yesterday' } }), path: 'query.from' },
  },
  'GET /api/v1/returns/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.returnA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        orderId: w.orderA.id,
        reason: '外箱破损',
        lines: [{ quantity: 1 }],
      }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's return", input: () => ({ params: { id: w.returnB.id } }) },
      { as: 'admin', why: "another company's return", input: () => ({ params: { id: w.otherReturn.id } }) },
    ],
  },
};
