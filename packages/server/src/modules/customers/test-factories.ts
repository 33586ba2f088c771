import { expect } from 'vitest';
import { computeCreditCodeCheck } from '@zuzhang/domain';
import type { CustomerDetail } from '@zuzhang/api-schema';
import type { Session } from '../../../test/test-app.ts';
import { nextMobile } from '../../../test/support.ts';

let seq = 0;

/** A company name no other test in the file uses (and that does not normalize to another one). */
export function uniqueCustomerName(prefix = '测试'): string {
  seq += 1;
  return `${prefix}${String(seq).padStart(4, '0')}号贸易有限公司`;
}

/** A valid 统一社会信用代码 (工商, 企业, 上海), unique within the file. */
export function buildCreditCode(): string {
  seq += 1;
  const body = `91310000MA${String(seq).padStart(7, '0')}`;
  return body + computeCreditCodeCheck(body);
}

/** Create a customer through the API as `session` (its owner by default) and return it. */
export async function buildCustomer(
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<CustomerDetail> {
  const res = await session.send('POST', '/api/v1/customers', {
    name: uniqueCustomerName(),
    kind: 'company',
    category: 'end_customer',
    mobile: nextMobile(),
    ...overrides,
  });
  expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
  return res.json<CustomerDetail>();
}
