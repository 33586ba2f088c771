import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { ageingBand, daysOverdue, summariseAgeing } from '@zuzhang/domain';
import type { AgeingQuery, OverdueQuery } from '@zuzhang/api-schema';
import { inScope, loadActor, type Actor } from '../../platform/access/actor.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from '../customers/customers.table.ts';
import { employees, units } from '../org/org.table.ts';
import { orders, salesReturns } from '../orders/orders.table.ts';
import { buildTestApp, type TestApp } from '../../../test/test-app.ts';
import { addDays, today } from '../../../test/support.ts';
import { buildAgeingReport, listOverdueOrders } from './ageing.service.ts';
import { isReceivableOrder } from './ledger-refs.ts';
import { loadOrderBalances, refreshOpenAmounts, staleOpenAmounts } from './open-amount.ts';
import { receiptAllocations, receipts, writeOffs } from './receivables.table.ts';
import { buildCustomer, buildMoneyKit, buildOrder, buildReturn, type MoneyKit } from './test-factories.ts';

/**
 * The ageing report and the overdue list, computed set-wise in SQL, give exactly what reading every open
 * order through loadOrderBalances and banding and grouping it in TypeScript (summariseAgeing) gives: same
 * rows, same order, same totals, for every grouping, several scopes and several as-of days, over a random
 * ledger (returns, receipts, write-offs approved, pending and rejected, on either side of the as-of day).
 * As of today the report reads the open amounts kept on the orders; as of other days it sums the documents.
 */

let t: TestApp;
let kit: MoneyKit;
const TODAY = today();
const day = (offset: number) => addDays(TODAY, offset);
/** The services refuse documents dated after today, and so does this ledger. */
const notAfterToday = (date: string) => (date > TODAY ? TODAY : date);
const SEED = Number(process.env.AGEING_TEST_SEED ?? 20261127);

/** mulberry32: a small seeded generator, so a failing ledger can be rebuilt from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}

const PEOPLE = ['admin', 'vp', 'manager1', 'manager2', 'lead1', 'lead2', 'rep1', 'rep4', 'rep7'];
const AS_OF_OFFSETS = [0, -30, -95, -230, 20];
const orderIds: number[] = [];
let edgeOrder = 0;
const twins: number[] = [];
const TWIN_NAME = '同名账龄客户有限公司';
const twinSellers: number[] = [];
const twinTeams: number[] = [];
const TWIN_SELLER = '同名销售';
const TWIN_TEAM = '同名小组';

let key = 0;
/** Money received and allocated in full to one order on `on` (a receipt with no credit left). */
async function allocate(
  order: { id: number; customerId: number; ownerEmployeeId: number },
  amountFen: number,
  on: string,
) {
  const db = t.database.db;
  const [receipt] = await db
    .insert(receipts)
    .values({
      companyId: kit.ids.companyId,
      customerId: order.customerId,
      ownerEmployeeId: order.ownerEmployeeId,
      receivedOn: on,
      amountFen,
      method: 'bank',
      payer: '付款方',
      idempotencyKey: `ageing-report-${++key}`,
      unallocatedFen: 0,
    })
    .returning();
  await db.insert(receiptAllocations).values({
    companyId: kit.ids.companyId,
    receiptId: receipt!.id,
    orderId: order.id,
    amountFen,
    allocatedOn: on,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  kit = await buildMoneyKit(db);
  const rnd = random(SEED);
  // Owners across both regions and teams, a manager (orders credited to no team) and the pool (no owner).
  const owners = ['rep1', 'rep2', 'rep4', 'rep5', 'rep7', 'lead1', 'channel1', 'manager1', null] as const;
  const customerList = [];
  for (let i = 0; i < 18; i++) {
    const owner = owners[i % owners.length]!;
    customerList.push(await kit.customer(owner));
  }
  const statuses = [
    'confirmed',
    'confirmed',
    'shipped',
    'partially_shipped',
    'completed',
    'draft',
    'cancelled',
  ];
  for (const customer of customerList) {
    const count = rnd.int(1, 6);
    for (let k = 0; k < count; k++) {
      const orderDate = day(-rnd.int(0, 220));
      const amounts = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 50) * 1_000);
      const { order, lines } = await kit.order(customer, {
        orderDate,
        dueOn: addDays(orderDate, rnd.pick([0, 0, 15, 30, 45, 60, 90])),
        amounts,
        status: rnd.pick(statuses),
      });
      orderIds.push(order.id);
      if (rnd.next() < 0.15) await db.update(orders).set({ dueOn: null }).where(eq(orders.id, order.id));
      const total = amounts.reduce((s, a) => s + a, 0);
      let left = total;
      if (rnd.next() < 0.25) {
        const amountFen = rnd.int(1, Math.min(left, lines[0]!.amountFen));
        await buildReturn(db, {
          companyId: kit.ids.companyId,
          order,
          line: lines[0]!,
          amountFen,
          returnDate: notAfterToday(addDays(orderDate, rnd.int(0, 120))),
        });
        left -= amountFen;
      }
      for (let p = rnd.int(0, 3); p > 0 && left > 0; p--) {
        const amountFen = rnd.next() < 0.4 ? left : rnd.int(1, left);
        const receivedOn = notAfterToday(addDays(orderDate, rnd.int(0, 150)));
        await allocate(order, amountFen, receivedOn);
        left -= amountFen;
      }
      if (left > 0 && rnd.next() < 0.3) {
        const status = rnd.pick(['approved', 'approved', 'pending', 'rejected']);
        await db.insert(writeOffs).values({
          companyId: kit.ids.companyId,
          customerId: customer.id,
          orderId: order.id,
          amountFen: rnd.int(1, left),
          reason: '测试核销',
          status,
          writtenOffOn: status === 'approved' ? notAfterToday(addDays(orderDate, rnd.int(30, 200))) : null,
        });
      }
    }
  }
  // A return, a receipt and an approved write-off dated exactly on an as-of day of the checks below: "on or
  // before the day" counts them on that day, not the day before.
  const edge = await kit.customer('rep1');
  const edged = await kit.order(edge, { orderDate: day(-60), amounts: [30_000, 20_000] });
  orderIds.push(edged.order.id);
  const edgeDay = day(AS_OF_OFFSETS[1]!);
  await buildReturn(db, {
    companyId: kit.ids.companyId,
    order: edged.order,
    line: edged.lines[0]!,
    amountFen: 5_000,
    returnDate: edgeDay,
  });
  await allocate(edged.order, 10_000, edgeDay);
  await db.insert(writeOffs).values({
    companyId: kit.ids.companyId,
    customerId: edge.id,
    orderId: edged.order.id,
    amountFen: 4_000,
    reason: '测试核销',
    status: 'approved',
    writtenOffOn: edgeDay,
  });
  edgeOrder = edged.order.id;
  // Two customers of the same name with the same open total: a tie on total and name, which keeps the
  // order the customers are met in (by name, then order id).
  for (const owner of ['rep4', 'rep1'] as const) {
    const twin = await kit.customer(owner, TWIN_NAME);
    twins.push(twin.id);
    orderIds.push((await kit.order(twin, { orderDate: day(-10), amounts: [77_000] })).order.id);
  }
  // Likewise two sellers of the same name, each credited to one of two teams of the same name, each with one
  // order of the same amount. The second seller's customer sorts first, so their group is met first.
  const companyId = kit.ids.companyId;
  const teams = await db
    .insert(units)
    .values(['T-TIE-1', 'T-TIE-2'].map((code) => ({ companyId, name: TWIN_TEAM, code, kind: 'team' })))
    .returning();
  const sellers = await db
    .insert(employees)
    .values(
      ['19900000001', '19900000002'].map((mobile) => ({
        companyId,
        name: TWIN_SELLER,
        mobile,
        hireDate: '2020-01-01',
      })),
    )
    .returning();
  for (const [i, name] of ['B 同名测试有限公司', 'A 同名测试有限公司'].entries()) {
    const customer = await buildCustomer(db, { companyId, ownerEmployeeId: sellers[i]!.id, name });
    const { order } = await buildOrder(db, {
      companyId,
      customerId: customer.id,
      ownerEmployeeId: sellers[i]!.id,
      unitId: teams[i]!.id,
      orderDate: day(-5),
      lines: [{ amountFen: 66_000 }],
    });
    orderIds.push(order.id);
  }
  twinSellers.push(sellers[1]!.id, sellers[0]!.id);
  twinTeams.push(teams[1]!.id, teams[0]!.id);
  // Documents were written straight to their tables: keep the orders' open amounts as the services do.
  await refreshOpenAmounts(db, { companyId });
  expect(await staleOpenAmounts(db, companyId)).toEqual([]);
});
afterAll(() => t.close());

async function actorOf(username: string): Promise<Actor> {
  const [user] = await t.database.db.select().from(users).where(eq(users.username, username));
  return loadActor(t.database.db, user!, 'cookie');
}

/**
 * The receivable orders of the actor's scope taken by `asOf` with money open then, read the way the report
 * read them before it moved into SQL: every order, its open amount from loadOrderBalances, by customer name
 * then order id.
 */
async function openOrdersByHand(actor: Actor, asOf: string) {
  const db = t.database.db;
  const rows = await db
    .select({
      orderId: orders.id,
      orderNo: orders.no,
      customerId: orders.customerId,
      customerName: customers.name,
      ownerEmployeeId: orders.ownerEmployeeId,
      ownerName: employees.name,
      unitId: orders.unitId,
      unitName: units.name,
      orderDate: sql<string>`${orders.orderDate}::text`,
      totalFen: orders.totalFen,
      dueOn: sql<string>`coalesce(${orders.dueOn}, ${orders.orderDate})::text`,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(employees, eq(employees.id, orders.ownerEmployeeId))
    .leftJoin(units, eq(units.id, orders.unitId))
    .where(
      and(
        eq(orders.companyId, actor.companyId),
        isReceivableOrder(),
        lte(orders.orderDate, asOf),
        inScope.customer(actor, orders.customerId),
      ),
    )
    .orderBy(asc(customers.name), asc(orders.id));
  const balances = await loadOrderBalances(
    db,
    rows.map((r) => r.orderId),
    { asOf },
  );
  return rows.map((r) => ({ ...r, openFen: balances.get(r.orderId)!.openFen })).filter((r) => r.openFen > 0);
}

async function reportByHand(actor: Actor, query: Required<AgeingQuery>) {
  const open = await openOrdersByHand(actor, query.asOf);
  const keyOf = (r: (typeof open)[number]) => {
    if (query.groupBy === 'owner') return { id: r.ownerEmployeeId, name: r.ownerName };
    if (query.groupBy === 'team') return { id: r.unitId, name: r.unitName ?? '' };
    return { id: r.customerId, name: r.customerName };
  };
  const { rows, totals } = summariseAgeing(
    open.map((r) => {
      const k = keyOf(r);
      return { key: k, groupId: k.id ?? 'none', openFen: r.openFen, dueOn: r.dueOn };
    }),
    query.asOf,
  );
  return {
    asOf: query.asOf,
    groupBy: query.groupBy,
    rows: rows
      .map((g) => ({
        id: g.key.id,
        name: g.key.name,
        bands: g.bands,
        totalFen: g.totalFen,
        orderCount: g.orderCount,
      }))
      .sort((a, b) => b.totalFen - a.totalFen || a.name.localeCompare(b.name)),
    totals,
  };
}

describe('loadOrderBalances, set-wise', () => {
  it('is the total less the returns, allocations and approved write-offs dated by the day', async () => {
    const db = t.database.db;
    const [orderRows, returnRows, allocationRows, writeOffRows] = await Promise.all([
      db.select().from(orders).where(inArray(orders.id, orderIds)),
      db.select().from(salesReturns).where(inArray(salesReturns.orderId, orderIds)),
      db.select().from(receiptAllocations).where(inArray(receiptAllocations.orderId, orderIds)),
      db.select().from(writeOffs).where(inArray(writeOffs.orderId, orderIds)),
    ]);
    for (const asOf of [undefined, ...AS_OF_OFFSETS.map(day)]) {
      const upTo = (date: string | null) => asOf === undefined || (date !== null && date <= asOf);
      const sumOf = (rows: { orderId: number; amountFen: number }[], orderId: number) =>
        rows.filter((r) => r.orderId === orderId).reduce((s, r) => s + r.amountFen, 0);
      const balances = await loadOrderBalances(db, orderIds, { asOf });
      expect(balances.size).toBe(orderIds.length);
      if (asOf === day(AS_OF_OFFSETS[1]!)) {
        expect(balances.get(edgeOrder)).toMatchObject({
          returnedFen: 5_000,
          allocatedFen: 10_000,
          writtenOffFen: 4_000,
        });
        const dayBefore = await loadOrderBalances(db, [edgeOrder], { asOf: addDays(asOf, -1) });
        expect(dayBefore.get(edgeOrder)!.openFen).toBe(50_000);
      }
      for (const o of orderRows) {
        const returnedFen = sumOf(
          returnRows.filter((r) => upTo(r.returnDate)),
          o.id,
        );
        const allocatedFen = sumOf(
          allocationRows.filter((a) => upTo(a.allocatedOn)),
          o.id,
        );
        const writtenOffFen = sumOf(
          writeOffRows.filter((w) => w.status === 'approved' && upTo(w.writtenOffOn)),
          o.id,
        );
        expect(balances.get(o.id), `order ${o.id} as of ${asOf ?? 'now'}`).toEqual({
          orderId: o.id,
          totalFen: o.totalFen,
          returnedFen,
          allocatedFen,
          writtenOffFen,
          openFen: o.totalFen - returnedFen - allocatedFen - writtenOffFen,
        });
      }
    }
  });
});

describe('ageing report in SQL = loadOrderBalances banded and grouped by hand', () => {
  it('has a ledger worth checking', async () => {
    const admin = await actorOf('admin');
    const open = await openOrdersByHand(admin, TODAY);
    expect(open.length).toBeGreaterThan(20);
    expect(new Set(open.map((o) => ageingBand(o.dueOn, TODAY))).size).toBe(5);
    const returns = await t.database.db
      .select()
      .from(salesReturns)
      .where(inArray(salesReturns.orderId, orderIds));
    expect(returns.length).toBeGreaterThan(0);
    const approved = await t.database.db
      .select()
      .from(writeOffs)
      .where(and(inArray(writeOffs.orderId, orderIds), eq(writeOffs.status, 'approved')));
    expect(approved.length).toBeGreaterThan(0);
  });

  it.each(PEOPLE)('for %s, every grouping and as-of day', async (username) => {
    const actor = await actorOf(username);
    for (const offset of AS_OF_OFFSETS) {
      for (const groupBy of ['customer', 'owner', 'team'] as const) {
        const query = { asOf: day(offset), groupBy };
        const report = await buildAgeingReport(t.database.db, actor, query);
        expect(report, `${username} ${groupBy} as of ${query.asOf}`).toEqual(
          await reportByHand(actor, query),
        );
      }
      // The totals are the open amounts of loadOrderBalances, summed.
      const open = await openOrdersByHand(actor, day(offset));
      const report = await buildAgeingReport(t.database.db, actor, {
        asOf: day(offset),
        groupBy: 'customer',
      });
      expect(report.totals.totalFen).toBe(open.reduce((s, o) => s + o.openFen, 0));
      expect(report.totals.orderCount).toBe(open.length);
    }
  });

  it('keeps groups tied on total and name in the order their first orders are met', async () => {
    const admin = await actorOf('admin');
    const idsOf = async (groupBy: AgeingQuery['groupBy'], name: string) =>
      (await buildAgeingReport(t.database.db, admin, { asOf: TODAY, groupBy })).rows
        .filter((r) => r.name === name)
        .map((r) => r.id);
    expect(await idsOf('customer', TWIN_NAME)).toEqual(twins);
    expect(await idsOf('owner', TWIN_SELLER)).toEqual(twinSellers);
    expect(await idsOf('team', TWIN_TEAM)).toEqual(twinTeams);
  });
});

describe('overdue list in SQL = the same orders sorted and paged by hand', () => {
  async function overdueByHand(actor: Actor, query: OverdueQuery & { asOf: string }) {
    const mine = !query.all && actor.employeeId !== null;
    const open = (await openOrdersByHand(actor, query.asOf)).filter(
      (r) => r.dueOn < query.asOf && (!mine || r.ownerEmployeeId === actor.employeeId),
    );
    // Customer names in the database's own order (the rows come sorted by it).
    const nameRank = new Map<string, number>();
    for (const r of open) if (!nameRank.has(r.customerName)) nameRank.set(r.customerName, nameRank.size);
    const keys: Record<string, (r: (typeof open)[number]) => string | number> = {
      dueOn: (r) => r.dueOn,
      openFen: (r) => r.openFen,
      customerName: (r) => nameRank.get(r.customerName)!,
      orderDate: (r) => r.orderDate,
    };
    const keyOf = keys[query.sort ?? 'dueOn']!;
    const sign = query.order === 'desc' ? -1 : 1;
    const sorted = [...open].sort((a, b) => {
      const x = keyOf(a);
      const y = keyOf(b);
      return sign * (x < y ? -1 : x > y ? 1 : a.orderId - b.orderId);
    });
    const start = (query.page - 1) * query.pageSize;
    return {
      items: sorted.slice(start, start + query.pageSize).map((r) => ({
        orderId: r.orderId,
        orderNo: r.orderNo,
        customerId: r.customerId,
        customerName: r.customerName,
        ownerEmployeeId: r.ownerEmployeeId,
        ownerName: r.ownerName,
        orderDate: r.orderDate,
        dueOn: r.dueOn,
        totalFen: r.totalFen,
        openFen: r.openFen,
        daysOverdue: daysOverdue(r.dueOn, query.asOf),
        band: ageingBand(r.dueOn, query.asOf),
      })),
      total: sorted.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  it.each(['admin', 'manager1', 'lead1', 'rep1', 'rep7'])(
    'for %s, every sort, both directions, pages',
    async (username) => {
      const actor = await actorOf(username);
      for (const offset of [0, -60]) {
        for (const all of [true, false]) {
          for (const sort of ['dueOn', 'openFen', 'customerName', 'orderDate']) {
            for (const order of ['asc', 'desc'] as const) {
              for (const [page, pageSize] of [
                [1, 200],
                [2, 7],
                [40, 7],
              ] as const) {
                const query = { asOf: day(offset), all, sort, order, page, pageSize };
                expect(
                  await listOverdueOrders(t.database.db, actor, query),
                  `${username} ${JSON.stringify(query)}`,
                ).toEqual(await overdueByHand(actor, query));
              }
            }
          }
        }
      }
    },
  );
});
