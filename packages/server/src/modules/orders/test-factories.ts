import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../platform/db/db.ts';
import { customers } from '../customers/customers.table.ts';
import type { Session } from '../../../test/test-app.ts';

/**
 * Test factories for the sales ledger. Customers are inserted straight into the table (their own API is
 * another feature's), consistent with its comments: an owner, a category, a vetting status.
 */

let seq = 0;
/** A name or code unique within the test file. */
export function uniq(prefix: string): string {
  seq += 1;
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

export async function buildCustomer(
  db: Db,
  companyId: number,
  spec: {
    ownerEmployeeId: number | null;
    name?: string;
    category?: 'end_customer' | 'dealer' | 'agent' | 'alliance' | 'online_platform';
    vettingStatus?: 'not_started' | 'pending' | 'approved' | 'rejected';
  },
): Promise<{ id: number; name: string }> {
  const [row] = await db
    .insert(customers)
    .values({
      companyId,
      name: spec.name ?? uniq('测试客户'),
      kind: 'company',
      category: spec.category ?? 'end_customer',
      level: 'B',
      source: 'visit',
      ownerEmployeeId: spec.ownerEmployeeId,
      vettingStatus: spec.vettingStatus ?? 'approved',
      lastActivityOn: '2026-01-01',
    })
    .returning({ id: customers.id, name: customers.name });
  return row!;
}

/** The response's JSON when it has the expected status; fails with the body otherwise. */
export function expectStatus<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res.json<T>();
}

export interface ProductJson {
  id: number;
  code: string;
  listPriceFen: number;
  taxRateBp: number;
  discountFloorBp: number;
  version: number;
}

/** A product through the API, as someone with catalogue.manage (the VP). */
export async function buildProduct(
  vp: Session,
  spec: Partial<{
    code: string;
    name: string;
    category: string;
    unit: string;
    listPriceFen: number;
    taxRateBp: number;
    discountFloorBp: number;
    shelfLifeDays: number | null;
    active: boolean;
  }> = {},
): Promise<ProductJson> {
  const res = await vp.send('POST', '/api/v1/products', {
    code: uniq('P'),
    name: uniq('货品'),
    category: '纸品',
    unit: '箱',
    listPriceFen: 10000,
    taxRateBp: 1300,
    ...spec,
  });
  return expectStatus<ProductJson>(res, 201);
}

export interface OrderJson {
  id: number;
  no: string;
  status: string;
  totalFen: number;
  taxFen: number;
  openFen: number;
  dueOn: string;
  unitId: number | null;
  ownerEmployeeId: number;
  version: number;
  lines: {
    id: number;
    lineNo: number;
    quantity: number;
    unitPriceFen: number;
    amountFen: number;
    taxFen: number;
    shippedQuantity: number;
    returnedQuantity: number;
    belowFloor: boolean;
    promisedOn: string;
  }[];
  shipments: { id: number; lines: { orderLineId: number; quantity: number }[] }[];
  proofs: { id: number; state: string; version: number }[];
  returns: { id: number; amountFen: number; taxFen: number }[];
  balance: { totalFen: number; returnedFen: number; openFen: number };
}

/** An order through the API; lines default to one line of 2 units of `productId`, promised in 10 days. */
export async function buildOrder(
  session: Session,
  spec: {
    customerId: number;
    productId: number;
    orderDate: string;
    lines?: Record<string, unknown>[];
    extra?: Record<string, unknown>;
  },
): Promise<OrderJson> {
  const res = await session.send('POST', '/api/v1/orders', {
    customerId: spec.customerId,
    orderDate: spec.orderDate,
    lines: spec.lines ?? [{ productId: spec.productId, quantity: 2, promisedOn: spec.orderDate }],
    ...spec.extra,
  });
  return expectStatus<OrderJson>(res, 201);
}
