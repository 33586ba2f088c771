import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import {
  AGEING_BANDS,
  ageingBand,
  computeLine,
  isMobileCN,
  statementClosing,
  validateCreditCode,
  validateInvoiceNumber,
  type InvoiceType,
} from '@zuzhang/domain';
import { createTestDatabase } from '../../../test/test-db.ts';
import type { Database, Db } from '../../platform/db/db.ts';
import { loadOrderBalances, RECEIVABLE_ORDER_STATUSES } from '../receivables/open-amount.ts';
import { seedDemo } from './demo-seed.ts';
import { seedDemoLedger, type DemoLedgerSummary } from './demo-ledger.ts';

/**
 * The demo ledger (issue 3 item 11) is realistic only if it keeps the ledger's own rules: these tests
 * check them with SQL on the seeded database, the way a report would read it.
 */
const TODAY = '2026-11-27';
const SEED = 2026;

let database: Database;
let db: Db;
let companyId: number;
let summary: DemoLedgerSummary;

async function rows<T>(query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** Counts and sums over every table of the ledger: two seedings are the same when these are. */
async function fingerprint(target: Db, company: number): Promise<Record<string, string>> {
  const result = await target.execute(sql`select
      (select count(*) from customers where company_id = ${company})::text as customers,
      (select md5(string_agg(name || coalesce(credit_code, '') || coalesce(mobile, '') || coalesce(owner_employee_id::text, '-'), ',' order by name))
         from customers where company_id = ${company}) as customer_names,
      (select count(*) || ':' || sum(total_fen) || ':' || sum(tax_fen) from orders where company_id = ${company}) as orders,
      (select count(*) || ':' || sum(amount_fen) from order_lines where company_id = ${company}) as lines,
      (select count(*) || ':' || sum(amount_fen) || ':' || sum(unallocated_fen) from receipts where company_id = ${company}) as receipts,
      (select count(*) || ':' || sum(amount_fen) from receipt_allocations where company_id = ${company}) as allocations,
      (select count(*) || ':' || sum(amount_fen) from sales_returns where company_id = ${company}) as returns,
      (select count(*) || ':' || sum(amount_fen) from invoices where company_id = ${company}) as invoices,
      (select count(*) || ':' || sum(closing_fen) from statements where company_id = ${company}) as statements,
      (select count(*) || ':' || max(happened_on) from follow_ups where company_id = ${company}) as follow_ups,
      (select count(*)::text from complaints where company_id = ${company}) as complaints`);
  return (result as unknown as { rows: Record<string, string>[] }).rows[0]!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  ({ companyId } = await seedDemo(db, TODAY));
  summary = await seedDemoLedger(db, { companyId, today: TODAY, seed: SEED });
  console.log(`demo ledger seeded in ${summary.milliseconds} ms (${database.engine}):`, summary);
});

afterAll(async () => {
  await database?.close();
});

describe('seedDemoLedger', () => {
  it('writes a year of history of the size the demo promises', () => {
    expect(summary.skipped).toBe(false);
    expect(summary.customers).toBe(300);
    expect(summary.orders).toBe(3000);
    expect(summary.orderLines).toBeGreaterThan(5000);
    expect(summary.receipts).toBeGreaterThan(2200);
    expect(summary.followUps).toBeGreaterThan(3500);
    expect(summary.complaints).toBeGreaterThanOrEqual(35);
    expect(summary.returns).toBeGreaterThan(30);
    expect(summary.writeOffs).toBeGreaterThan(0);
    expect(summary.statements).toBeGreaterThan(10);
  });

  it('leaves a company that already has customers alone', async () => {
    const again = await seedDemoLedger(db, { companyId, today: TODAY, seed: SEED });
    expect(again.skipped).toBe(true);
    const [row] = await rows<{ n: number }>(
      sql`select count(*)::int as n from customers where company_id = ${companyId}`,
    );
    expect(Number(row!.n)).toBe(300);
  });

  it('prices every line with the domain rule and makes each order total the sum of its lines', async () => {
    const lines = await rows<
      Record<string, string | number>
    >(sql`select quantity, unit_price_fen, discount_bp,
      tax_rate_bp, amount_fen, tax_fen from order_lines where company_id = ${companyId}`);
    for (const l of lines) {
      expect(
        computeLine({
          quantity: Number(l.quantity),
          unitPriceFen: Number(l.unit_price_fen),
          discountBp: Number(l.discount_bp),
          taxRateBp: Number(l.tax_rate_bp),
        }),
      ).toEqual({ amountFen: Number(l.amount_fen), taxFen: Number(l.tax_fen) });
    }
    const [mismatch] = await rows<{ n: number }>(sql`select count(*)::int as n from orders o
      cross join lateral (select coalesce(sum(l.amount_fen), 0) as amount, coalesce(sum(l.tax_fen), 0) as tax
        from order_lines l where l.order_id = o.id) s
      where o.company_id = ${companyId} and (o.total_fen <> s.amount or o.tax_fen <> s.tax)`);
    expect(Number(mismatch!.n)).toBe(0);
    const [empty] = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from orders o where o.company_id = ${companyId}
      and not exists (select 1 from order_lines l where l.order_id = o.id)`);
    expect(Number(empty!.n)).toBe(0);
  });

  it('ships and returns no more than was ordered and shipped, and returns add up to their lines', async () => {
    const [shipped] = await rows<{ n: number }>(sql`select count(*)::int as n from order_lines l
      where l.company_id = ${companyId} and (l.shipped_quantity > l.quantity or l.returned_quantity > l.shipped_quantity
        or l.shipped_quantity <> coalesce((select sum((x->>'quantity')::int) from shipments s,
          jsonb_array_elements(s.lines) x where s.order_id = l.order_id and (x->>'orderLineId')::int = l.id), 0))`);
    expect(Number(shipped!.n)).toBe(0);
    const [returns] = await rows<{ n: number }>(sql`select count(*)::int as n from sales_returns r
      where r.company_id = ${companyId} and r.amount_fen <> (select sum((x->>'amountFen')::bigint) from jsonb_array_elements(r.lines) x)`);
    expect(Number(returns!.n)).toBe(0);
    const statuses = await rows<{ status: string; shipped: boolean }>(sql`select distinct o.status,
        bool_and(l.shipped_quantity = l.quantity) over (partition by o.id) as shipped
      from orders o join order_lines l on l.order_id = o.id where o.company_id = ${companyId}`);
    for (const s of statuses) {
      if (s.status === 'shipped' || s.status === 'completed') expect(s.shipped).toBe(true);
    }
  });

  it('never allocates more than an order owes (loadOrderBalances), now or at any month end', async () => {
    const orderRows = await rows<{ id: number; status: string }>(
      sql`select id, status from orders where company_id = ${companyId}`,
    );
    const ids = orderRows.map((o) => Number(o.id));
    const balances = await loadOrderBalances(db, ids);
    const negative = [...balances.values()].filter((b) => b.openFen < 0);
    expect(negative).toEqual([]);
    for (const asOf of ['2026-02-28', '2026-06-30', '2026-10-31']) {
      const past = await loadOrderBalances(db, ids, { asOf });
      expect([...past.values()].filter((b) => b.openFen < 0 && b.totalFen > 0)).toEqual([]);
    }
    const [misplaced] = await rows<{ n: number }>(sql`select count(*)::int as n from receipt_allocations a
      join orders o on o.id = a.order_id join receipts r on r.id = a.receipt_id
      where a.company_id = ${companyId} and (o.status not in (${sql.join(
        RECEIVABLE_ORDER_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )}) or r.customer_id <> o.customer_id or a.amount_fen <= 0 or a.allocated_on < o.order_date)`);
    expect(Number(misplaced!.n)).toBe(0);
  });

  it("keeps every receipt's unallocated amount equal to amount − allocations, credit included", async () => {
    const [wrong] = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from receipts r where r.company_id = ${companyId}
      and (r.unallocated_fen < 0 or r.unallocated_fen <> r.amount_fen
        - coalesce((select sum(a.amount_fen) from receipt_allocations a where a.receipt_id = r.id), 0))`);
    expect(Number(wrong!.n)).toBe(0);
    const [credit] = await rows<{ n: number }>(
      sql`select count(*)::int as n from receipts where company_id = ${companyId} and unallocated_fen > 0`,
    );
    expect(Number(credit!.n)).toBeGreaterThan(0);
    const [late] = await rows<{ n: number }>(
      sql`select count(*)::int as n from receipts where company_id = ${companyId} and received_on > ${TODAY}`,
    );
    expect(Number(late!.n)).toBe(0);
  });

  it('gives every customer a rep of the region as owner, or puts it in the pool', async () => {
    const list = await rows<{
      owner: string | null;
      pooled: boolean;
      region: string;
      owner_region: string | null;
    }>(sql`
      select u.username as owner, c.pooled_at is not null as pooled, c.region,
        case when un.code like 'XS-E%' then '华东' when un.code like 'XS-S%' then '华南' end as owner_region
      from customers c
      left join users u on u.employee_id = c.owner_employee_id
      left join assignments a on a.employee_id = c.owner_employee_id and a.kind = 'primary'
      left join positions p on p.id = a.position_id
      left join units un on un.id = p.unit_id
      where c.company_id = ${companyId}`);
    expect(list).toHaveLength(300);
    for (const c of list) {
      if (c.owner === null) expect(c.pooled).toBe(true);
      else {
        expect(c.owner).toMatch(/^rep[1-9]$/);
        expect(c.region).toBe(c.owner_region);
      }
    }
    expect(list.filter((c) => c.owner === null).length).toBeGreaterThan(5);
    // The ownership log ends with the current owner.
    const [logMismatch] = await rows<{ n: number }>(sql`select count(*)::int as n from customers c
      where c.company_id = ${companyId} and c.owner_employee_id is distinct from
        (select l.to_employee_id from customer_ownership_log l where l.customer_id = c.id order by l.at desc, l.id desc limit 1)`);
    expect(Number(logMismatch!.n)).toBe(0);
  });

  it('credits each order to an owner of the customer and to that rep team', async () => {
    const [wrong] = await rows<{ n: number }>(sql`select count(*)::int as n from orders o
      where o.company_id = ${companyId} and (
        o.owner_employee_id not in (select l.to_employee_id from customer_ownership_log l where l.customer_id = o.customer_id and l.to_employee_id is not null)
        or o.unit_id is distinct from (select p.unit_id from assignments a join positions p on p.id = a.position_id
          where a.employee_id = o.owner_employee_id and a.kind = 'primary'))`);
    expect(Number(wrong!.n)).toBe(0);
  });

  it('has valid credit codes, mobiles and unique names', async () => {
    const list = await rows<{
      name: string;
      kind: string;
      credit_code: string | null;
      mobile: string | null;
    }>(sql`select name, kind, credit_code, mobile from customers where company_id = ${companyId}`);
    expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
    for (const c of list) {
      if (c.kind === 'company') expect(validateCreditCode(c.credit_code!)).toEqual({ ok: true });
      else expect(c.credit_code).toBeNull();
      expect(isMobileCN(c.mobile!)).toBe(true);
    }
    const kinds = await rows<{ category: string }>(
      sql`select distinct category from customers where company_id = ${companyId}`,
    );
    expect(kinds.map((k) => k.category).sort()).toEqual([
      'agent',
      'alliance',
      'dealer',
      'end_customer',
      'online_platform',
    ]);
    const contacts = await rows<{ mobile: string }>(
      sql`select mobile from customer_contacts where company_id = ${companyId} and mobile is not null`,
    );
    for (const c of contacts) expect(isMobileCN(c.mobile)).toBe(true);
    const [referrals] = await rows<{ n: number; bad: number }>(sql`select count(*)::int as n,
      count(*) filter (where r.created_at > c.created_at or c.source <> 'referral')::int as bad
      from customers c join customers r on r.id = c.referrer_customer_id where c.company_id = ${companyId}`);
    expect(Number(referrals!.n)).toBeGreaterThan(5);
    expect(Number(referrals!.bad)).toBe(0);
  });

  it('has orders in every one of the last twelve months, more in Q4 and before 春节 than in summer', async () => {
    const months = await rows<{
      month: string;
      n: number;
    }>(sql`select to_char(order_date, 'YYYY-MM') as month,
      count(*)::int as n from orders where company_id = ${companyId} group by 1 order by 1`);
    const byMonth = new Map(months.map((m) => [m.month, Number(m.n)]));
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2026, 10 - m, 1));
      const month = date.toISOString().slice(0, 7);
      expect(byMonth.get(month) ?? 0, month).toBeGreaterThan(50);
    }
    expect(byMonth.get('2026-01')!).toBeGreaterThan(byMonth.get('2026-07')!);
    expect(byMonth.get('2026-11')!).toBeGreaterThan(byMonth.get('2026-07')!);
    const [future] = await rows<{ n: number }>(
      sql`select count(*)::int as n from orders where company_id = ${companyId} and order_date > ${TODAY}`,
    );
    expect(Number(future!.n)).toBe(0);
  });

  it('leaves receivables open in every ageing band, for the company and for lead1 team', async () => {
    const open = await rows<{ id: number; due_on: string; username: string }>(sql`select o.id,
        coalesce(o.due_on, o.order_date)::text as due_on, u.username
      from orders o join users u on u.employee_id = o.owner_employee_id
      where o.company_id = ${companyId} and o.status in (${sql.join(
        RECEIVABLE_ORDER_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})`);
    const balances = await loadOrderBalances(
      db,
      open.map((o) => Number(o.id)),
    );
    const bands = (filter: (username: string) => boolean) =>
      new Set(
        open
          .filter((o) => filter(o.username) && balances.get(Number(o.id))!.openFen > 0)
          .map((o) => ageingBand(o.due_on, TODAY)),
      );
    expect([...bands(() => true)].sort()).toEqual([...AGEING_BANDS].sort());
    expect([...bands((u) => ['rep1', 'rep2', 'rep3'].includes(u))].sort()).toEqual([...AGEING_BANDS].sort());
    expect([...bands((u) => u === 'rep1')].sort()).toEqual([...AGEING_BANDS].sort());
    const [writtenOff] = await rows<{ n: number }>(sql`select count(*)::int as n from write_offs
      where company_id = ${companyId} and status = 'approved' and written_off_on <= ${TODAY} and decided_by_user_id is not null`);
    expect(Number(writtenOff!.n)).toBeGreaterThan(0);
  });

  it('gives rep1 and lead1 team follow-ups due today and overdue', async () => {
    const due = await rows<{
      username: string;
      next: string;
    }>(sql`select u.username, f.next_follow_up_on::text as next
      from (select distinct on (customer_id) customer_id, next_follow_up_on from follow_ups
            where company_id = ${companyId} order by customer_id, happened_on desc, id desc) f
      join customers c on c.id = f.customer_id join users u on u.employee_id = c.owner_employee_id
      where f.next_follow_up_on <= ${TODAY}`);
    for (const rep of ['rep1', 'rep2', 'rep3']) {
      expect(due.filter((d) => d.username === rep && d.next === TODAY).length, rep).toBeGreaterThan(0);
      expect(due.filter((d) => d.username === rep && d.next < TODAY).length, rep).toBeGreaterThan(0);
    }
    const [future] = await rows<{ n: number }>(
      sql`select count(*)::int as n from follow_ups where company_id = ${companyId} and happened_on > ${TODAY}`,
    );
    expect(Number(future!.n)).toBe(0);
  });

  it('keeps lastActivityOn the latest follow-up or order, recent enough that the pool rule keeps owned customers', async () => {
    const [wrong] = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from customers c where c.company_id = ${companyId}
      and c.last_activity_on <> greatest(
        (select max(happened_on) from follow_ups f where f.customer_id = c.id),
        (select max(order_date) from orders o where o.customer_id = c.id),
        (c.created_at at time zone 'Asia/Shanghai')::date)`);
    expect(Number(wrong!.n)).toBe(0);
    const [idle] = await rows<{ n: number }>(sql`select count(*)::int as n from customers c
      join customer_settings s on s.company_id = c.company_id
      where c.company_id = ${companyId} and c.owner_employee_id is not null
        and c.last_activity_on < ${TODAY}::date - s.pool_return_days`);
    expect(Number(idle!.n)).toBe(0);
  });

  it('issues valid invoices that never exceed what is left to invoice on a line', async () => {
    const list = await rows<{
      type: InvoiceType;
      invoice_no: string | null;
      invoice_code: string | null;
      status: string;
    }>(sql`select type, invoice_no, invoice_code, status from invoices where company_id = ${companyId}`);
    for (const i of list) {
      if (i.status === 'requested') expect(i.invoice_no).toBeNull();
      else
        expect(
          validateInvoiceNumber({ type: i.type, invoiceNo: i.invoice_no!, invoiceCode: i.invoice_code }),
        ).toEqual({ ok: true });
    }
    expect(list.filter((i) => i.status === 'mailed').length).toBeGreaterThan(0);
    expect(list.filter((i) => i.type.startsWith('e_')).length).toBeGreaterThan(list.length / 2);
    const [sums] = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from invoices i where i.company_id = ${companyId}
      and (i.amount_fen <> i.amount_ex_tax_fen + i.tax_fen
        or i.amount_fen <> (select sum((x->>'amountFen')::bigint) from jsonb_array_elements(i.lines) x)
        or i.tax_fen <> (select sum((x->>'taxFen')::bigint) from jsonb_array_elements(i.lines) x))`);
    expect(Number(sums!.n)).toBe(0);
    const [over] = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from order_lines l where l.company_id = ${companyId}
      and l.amount_fen
        - coalesce((select sum((x->>'amountFen')::bigint) from sales_returns r, jsonb_array_elements(r.lines) x
            where r.order_id = l.order_id and (x->>'orderLineId')::int = l.id), 0)
        - coalesce((select sum((x->>'amountFen')::bigint) from invoices i, jsonb_array_elements(i.lines) x
            where i.order_id = l.order_id and (x->>'orderLineId')::int = l.id), 0) < 0`);
    expect(Number(over!.n)).toBe(0);
  });

  it("states last month's balances for the dealers with the statement rule, some confirmed", async () => {
    const list = await rows<Record<string, string | number>>(sql`select s.*, c.category from statements s
      join customers c on c.id = s.customer_id where s.company_id = ${companyId}`);
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) {
      expect(s.period).toBe('2026-10');
      expect(s.category).toBe('dealer');
      const n = (k: string) => Number(s[k]);
      expect(n('closing_fen')).toBe(
        statementClosing({
          opening: n('opening_fen'),
          orders: n('orders_fen'),
          returns: n('returns_fen'),
          receipts: n('receipts_fen'),
          writeOffs: n('write_offs_fen'),
        }),
      );
      // The same figures from the documents themselves.
      const [live] = await rows<Record<string, string | number>>(sql`select
        (select coalesce(sum(total_fen), 0) from orders where customer_id = ${s.customer_id} and order_date between '2026-10-01' and '2026-10-31'
           and status in ('confirmed', 'partially_shipped', 'shipped', 'completed'))::text as orders,
        (select coalesce(sum(amount_fen), 0) from receipts where customer_id = ${s.customer_id} and received_on between '2026-10-01' and '2026-10-31')::text as receipts,
        (select coalesce(sum(amount_fen), 0) from sales_returns where customer_id = ${s.customer_id} and return_date between '2026-10-01' and '2026-10-31')::text as returns`);
      expect([n('orders_fen'), n('receipts_fen'), n('returns_fen')]).toEqual([
        Number(live!.orders),
        Number(live!.receipts),
        Number(live!.returns),
      ]);
    }
    expect(list.some((s) => s.status === 'confirmed' && s.confirmed_at !== null)).toBe(true);
  });

  it('has complaints, some open past their deadline, and surveys', async () => {
    const [c] = await rows<{ n: number; overdue: number }>(sql`select count(*)::int as n,
      count(*) filter (where status in ('open', 'in_progress') and deadline_on < ${TODAY})::int as overdue
      from complaints where company_id = ${companyId}`);
    expect(Number(c!.n)).toBeGreaterThanOrEqual(35);
    expect(Number(c!.overdue)).toBeGreaterThan(0);
    const [s] = await rows<{ n: number }>(
      sql`select count(*)::int as n from customer_surveys where company_id = ${companyId}`,
    );
    expect(Number(s!.n)).toBeGreaterThan(100);
    const [p] = await rows<{ n: number; files: number }>(sql`select count(*)::int as n,
      count(distinct f.id)::int as files from proofs p join files f on f.id = p.file_id where p.company_id = ${companyId}
      and f.mime = 'image/png' and f.size = length(f.content)`);
    expect(Number(p!.n)).toBeGreaterThan(50);
  });

  it('is deterministic: the same seed gives the same ledger, another seed another one', async () => {
    const other = await createTestDatabase();
    try {
      const { companyId: otherCompany } = await seedDemo(other.db, TODAY);
      await seedDemoLedger(other.db, { companyId: otherCompany, today: TODAY, seed: SEED });
      const mine = await fingerprint(db, companyId);
      expect(await fingerprint(other.db, otherCompany)).toEqual(mine);
      const third = await createTestDatabase();
      try {
        const { companyId: thirdCompany } = await seedDemo(third.db, TODAY);
        await seedDemoLedger(third.db, { companyId: thirdCompany, today: TODAY, seed: SEED + 1 });
        const theirs = await fingerprint(third.db, thirdCompany);
        expect(theirs.orders).not.toBe(mine.orders);
        expect(theirs.customers).toBe(mine.customers);
      } finally {
        await third.close();
      }
    } finally {
      await other.close();
    }
  }, 120_000);
});
