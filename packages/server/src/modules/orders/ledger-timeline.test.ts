import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerTimeline } from '@zuzhang/api-schema';
import { buildTestApp, signIn, type TestApp } from '../../../test/test-app.ts';
import { buildMoneyKit, buildReturn, type MoneyKit } from '../receivables/test-factories.ts';

let t: TestApp;
let kit: MoneyKit;
beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
});
afterAll(() => t.close());

describe('customer timeline: the ledger', () => {
  it('shows orders, returns and receipts, newest first', async () => {
    const customer = await kit.customer('rep1');
    const { order, lines } = await kit.order(customer, { orderDate: '2026-10-08', amounts: [113_000] });
    await buildReturn(t.database.db, {
      companyId: kit.ids.companyId,
      order,
      line: lines[0]!,
      amountFen: 11_300,
      returnDate: '2026-10-20',
    });
    const rep1 = await signIn(t.app, 'rep1');
    const receipt = await rep1.send('POST', '/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: '2026-11-02',
      amountFen: 120_000,
      method: 'bank',
      payer: '苏州恒通包装材料有限公司',
      reference: 'BANK-001',
      idempotencyKey: 'timeline-test-1',
    });
    expect(receipt.statusCode).toBeLessThan(300);

    const res = await rep1.get(`/api/v1/customers/${customer.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json<CustomerTimeline>().items;
    const kinds = items.map((i) => i.kind);
    expect(kinds).toContain('order');
    expect(kinds).toContain('receipt');
    expect(kinds).toContain('return');
    expect(kinds.indexOf('receipt')).toBeLessThan(kinds.indexOf('order'));
    const orderItem = items.find((i) => i.kind === 'order')!;
    expect(orderItem.title).toContain(order.no);
    expect(orderItem.title).toContain('1,130.00');
    const receiptItem = items.find((i) => i.kind === 'receipt')!;
    expect(receiptItem.title).toContain('银行转账');
  });

  it('is not shown to a rep of another team (404)', async () => {
    const customer = await kit.customer('rep4');
    const rep1 = await signIn(t.app, 'rep1');
    expect((await rep1.get(`/api/v1/customers/${customer.id}/timeline`)).statusCode).toBe(404);
  });
});
