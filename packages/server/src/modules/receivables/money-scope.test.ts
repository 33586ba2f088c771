import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, previousMonth } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, signInAll, today } from '../../../test/support.ts';
import { DEMO_USERS, EXPECTED_SCOPE, idOf, nameOf, type DemoUser } from '../../../test/demo-org.ts';
import { buildMoneyKit, type MoneyKit } from './test-factories.ts';

/**
 * Scope matrix for money in: every demo user × every list and detail of receipts, invoices, write-offs,
 * statements, ageing, overdue orders, due instalments and the reconciliation check. A record is visible
 * exactly when its customer's owner is in the user's scope (a pool customer: company scope only), and
 * everything else answers 404.
 */

let t: TestApp;
let kit: MoneyKit;
const sessions = new Map<DemoUser, Session>();
let cases = 0;

const OWNERS = ['rep1', 'rep4', 'rep7', 'lead1', 'lead3', 'manager2', 'vp', null] as const;
const PERIOD = previousMonth(monthOf(today()));

interface Fixture {
  customerId: number;
  ownerEmployeeId: number | null;
  receiptId: number;
  invoiceId: number;
  writeOffId: number;
  statementId: number;
}
const fixtures: Fixture[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  kit = await buildMoneyKit(t.database.db);
  const [admin] = await signInAll(t.app, ['admin']);
  const ok = async <T>(res: Promise<{ statusCode: number; body: string; json<J>(): J }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`setup: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  for (const [n, owner] of OWNERS.entries()) {
    const c = await kit.customer(owner, `范围客户${n}`);
    const o = await kit.order(
      { id: c.id, owner: owner ?? 'rep1' },
      { orderDate: `${PERIOD}-05`, dueOn: addDays(today(), -40), amounts: [100_000] },
    );
    await ok(
      admin.send('PUT', '/api/v1/collection-plans', {
        orderId: o.order.id,
        instalments: [{ dueOn: addDays(today(), -10), amountFen: 100_000 }],
      }),
    );
    const receipt = await ok<{ id: number }>(
      admin.send('POST', '/api/v1/receipts', {
        customerId: c.id,
        receivedOn: `${PERIOD}-10`,
        amountFen: 30_000,
        method: 'bank',
        payer: '付款方',
        idempotencyKey: `scope-${n}`,
      }),
    );
    const invoice = await ok<{ id: number }>(
      admin.send('POST', '/api/v1/invoices', {
        customerId: c.id,
        type: 'e_normal',
        lines: [{ orderLineId: o.lines[0]!.id, amountFen: 50_000 }],
      }),
    );
    const writeOff = await ok<{ id: number }>(
      admin.send('POST', '/api/v1/write-offs', { orderId: o.order.id, amountFen: 1_000, reason: '测试' }),
    );
    const generated = await ok<{ generated: { id: number }[] }>(
      admin.send('POST', '/api/v1/statements/generate', { customerId: c.id, period: PERIOD }),
    );
    fixtures.push({
      customerId: c.id,
      ownerEmployeeId: c.ownerEmployeeId,
      receiptId: receipt.id,
      invoiceId: invoice.id,
      writeOffId: writeOff.id,
      statementId: generated.generated[0]!.id,
    });
  }
  const signed = await signInAll(t.app, DEMO_USERS);
  DEMO_USERS.forEach((u, i) => sessions.set(u, signed[i]!));
});
afterAll(() => {
  console.log(`money scope matrix: ${cases} cases checked`);
  return t.close();
});

/** The customers a user may see: owners in their scope; the pool only with company scope. */
function visibleCustomers(user: DemoUser): Set<number> {
  const scope = EXPECTED_SCOPE[user];
  const people = new Set(scope.people.map((p) => idOf(kit.ids.employee, nameOf(p))));
  const company = scope.units.includes('HQ');
  return new Set(
    fixtures
      .filter((f) => (f.ownerEmployeeId === null ? company : people.has(f.ownerEmployeeId)))
      .map((f) => f.customerId),
  );
}

const LISTS: { url: string; customerOf: (item: Record<string, unknown>) => number }[] = [
  { url: '/api/v1/receipts?pageSize=200', customerOf: (i) => i.customerId as number },
  { url: '/api/v1/invoices?pageSize=200', customerOf: (i) => i.customerId as number },
  { url: '/api/v1/write-offs?pageSize=200', customerOf: (i) => i.customerId as number },
  { url: '/api/v1/statements?pageSize=200', customerOf: (i) => i.customerId as number },
  { url: '/api/v1/receivables/overdue?all=true&pageSize=200', customerOf: (i) => i.customerId as number },
  { url: '/api/v1/collection-plans/due?all=true&pageSize=200', customerOf: (i) => i.customerId as number },
];

describe.each(DEMO_USERS)('%s', (user) => {
  it('lists hold exactly the records of customers in scope', async () => {
    const want = [...visibleCustomers(user)].sort((a, b) => a - b);
    const s = sessions.get(user)!;
    for (const list of LISTS) {
      const res = await s.get(list.url);
      expect(res.statusCode, `${list.url}: ${res.body.slice(0, 200)}`).toBe(200);
      const seen = [...new Set(res.json<{ items: Record<string, unknown>[] }>().items.map(list.customerOf))];
      expect(
        seen.sort((a, b) => a - b),
        list.url,
      ).toEqual(want);
      cases++;
    }
    const ageing = (await s.get('/api/v1/receivables/ageing')).json<{ rows: { id: number }[] }>();
    expect(
      ageing.rows.map((r) => r.id).sort((a, b) => a - b),
      'ageing',
    ).toEqual(want);
    const check = (await s.get('/api/v1/invoices/reconciliation-check')).json<{
      items: { customerId: number }[];
    }>();
    expect(
      check.items.map((i) => i.customerId).sort((a, b) => a - b),
      'reconciliation',
    ).toEqual(want);
    cases += 2;
  });

  it('every record answers 200 inside the scope and 404 outside', async () => {
    const visible = visibleCustomers(user);
    const s = sessions.get(user)!;
    for (const f of fixtures) {
      const status = visible.has(f.customerId) ? 200 : 404;
      for (const url of [
        `/api/v1/receipts/${f.receiptId}`,
        `/api/v1/invoices/${f.invoiceId}`,
        `/api/v1/write-offs/${f.writeOffId}`,
        `/api/v1/statements/${f.statementId}`,
        `/api/v1/customers/${f.customerId}/credit`,
      ]) {
        const res = await s.get(url);
        expect(res.statusCode, `${user} ${url}: ${res.body.slice(0, 200)}`).toBe(status);
        cases++;
      }
    }
  });
});
