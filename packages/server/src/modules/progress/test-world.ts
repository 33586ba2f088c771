import { and, eq, max } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { childPeriods, parsePeriod, periodOf } from '@zuzhang/domain';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, nextMobile, today } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { targetLines, targetPlans } from '../targets/targets.table.ts';

/**
 * A sales region of its own inside the demo company, built through the API, with a ledger whose every
 * figure the tests know by hand:
 *
 *   测试大区 R (进度经理 mgr, unit + descendants)
 *     测试甲组 TA: 甲组长 leadA (subordinates) → 甲一 repA1, 甲二 repA2, 丙新人 newbie (hired 10 days ago)
 *     测试乙组 TB: 乙组长 leadB (subordinates) → 乙一 repB1, 丁调动 mover
 *   丁调动 sat in TA until 4 days ago and in TB since 3 days ago: their sale 6 days ago is TA's, the one
 *   yesterday TB's.
 *
 * Targets are published straight into the target tables (a plan of their own), for this month (M) and
 * this ISO week (W); see TARGETS.
 */

export const PASSWORD = 'progress-pass-1';
export const PRICE = 10_000;
export const CATEGORY = '进度测试';
export const REGION = '进度测试区';

export type Person = 'mgr' | 'leadA' | 'repA1' | 'repA2' | 'newbie' | 'leadB' | 'repB1' | 'mover';
export type Team = 'R' | 'TA' | 'TB';

export const NAMES: Record<Person, string> = {
  mgr: '进度经理',
  leadA: '甲组长',
  repA1: '甲一',
  repA2: '甲二',
  newbie: '丙新人',
  leadB: '乙组长',
  repB1: '乙一',
  mover: '丁调动',
};

/** One sale (or return) as the tests know it: who, which team gets the credit, when, how much. */
export interface Fact {
  person: Person;
  team: Team;
  date: string;
  amount: number;
}

export interface World {
  t: TestApp;
  ids: DemoIds;
  as: Record<Person | 'vp' | 'admin' | 'rep1', Session>;
  unit: Record<Team, number>;
  employee: Record<Person, number>;
  productId: number;
  customer: Partial<Record<Person, number>>;
  /** Net sales facts (returns negative). */
  sales: Fact[];
  collections: Fact[];
  /** The repA2 order 60 days old, due 30 days ago and unpaid: overdue money. */
  overdueFen: number;
  month: string;
  week: string;
  /** The two weeks of this month newbie has lines for (their only targets). */
  newbieWeeks: string[];
  today: string;
  day(offset: number): string;
}

/** This month's and this week's targets (fen), as published. newbie has only week lines (two weeks). */
export const TARGETS = {
  month: { repA1: 1_000_000, repA2: 400_000, mover: 300_000, TA: 2_000_000, TB: 500_000, R: 3_000_000 },
  week: { repA1: 250_000 },
  newbieWeeks: 30_000,
} as const;

async function ok<T = { id: number; version: number }>(res: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body.slice(0, 400)}`);
  return r.json<T>();
}

export async function buildWorld(): Promise<World> {
  const t = await buildTestApp();
  const ids = await loadDemoIds(t.database.db);
  const day = (offset: number) => addDays(today(), offset);
  const admin = await signIn(t.app, 'admin');
  const vp = await signIn(t.app, 'vp');
  const rep1 = await signIn(t.app, 'rep1');
  const roles = (await admin.get('/api/v1/org/roles')).json<{ id: number; code: string }[]>();
  const roleId = (code: string) => roles.find((r) => r.code === code)!.id;

  const newUnit = (name: string, code: string, parentId: number, kind: string) =>
    ok(admin.send('POST', '/api/v1/org/units', { parentId, name, code, kind }));
  const R = await newUnit('测试大区', 'PT-R', idOf(ids.unit, 'XS'), 'centre');
  const TA = await newUnit('测试甲组', 'PT-A', R.id, 'team');
  const TB = await newUnit('测试乙组', 'PT-B', R.id, 'team');
  const unit: Record<Team, number> = { R: R.id, TA: TA.id, TB: TB.id };

  const newPosition = (code: string, unitId: number, reportsToId: number, role: string, dataScope: string) =>
    ok(
      admin.send('POST', '/api/v1/org/positions', {
        unitId,
        reportsToId,
        name: `${code} 岗位`,
        code,
        headcountPlanned: 5,
        roleId: roleId(role),
        dataScope,
      }),
    );
  const mgrSeat = await newPosition('PT-MGR', R.id, idOf(ids.position, 'XS-DIR'), 'manager', 'unit_tree');
  const leadASeat = await newPosition('PT-TL-A', TA.id, mgrSeat.id, 'leader', 'subordinates');
  const repASeat = await newPosition('PT-REP-A', TA.id, leadASeat.id, 'staff', 'own');
  const leadBSeat = await newPosition('PT-TL-B', TB.id, mgrSeat.id, 'leader', 'subordinates');
  const repBSeat = await newPosition('PT-REP-B', TB.id, leadBSeat.id, 'staff', 'own');

  const seatOf: Record<Person, number> = {
    mgr: mgrSeat.id,
    leadA: leadASeat.id,
    repA1: repASeat.id,
    repA2: repASeat.id,
    newbie: repASeat.id,
    leadB: leadBSeat.id,
    repB1: repBSeat.id,
    mover: repASeat.id,
  };
  const employee = {} as Record<Person, number>;
  const as = { vp, admin, rep1 } as World['as'];
  for (const person of Object.keys(NAMES) as Person[]) {
    const hireDate = person === 'newbie' ? day(-10) : '2025-01-01';
    const e = await ok(
      admin.send('POST', '/api/v1/employees', {
        name: NAMES[person],
        mobile: nextMobile(),
        hireDate,
        status: person === 'newbie' ? 'probation' : 'active',
      }),
    );
    employee[person] = e.id;
    const seat = await ok(
      admin.send('POST', '/api/v1/assignments', {
        employeeId: e.id,
        positionId: seatOf[person],
        kind: 'primary',
        startDate: hireDate,
      }),
    );
    if (person === 'mover') {
      // 调岗: out of TA at the end of day −4, into TB from day −3.
      await ok(admin.send('POST', `/api/v1/assignments/${seat.id}/end`, { endDate: day(-4) }));
      await ok(
        admin.send('POST', '/api/v1/assignments', {
          employeeId: e.id,
          positionId: repBSeat.id,
          kind: 'primary',
          startDate: day(-3),
        }),
      );
    }
    await ok(
      admin.send('POST', '/api/v1/users', {
        username: `pt-${person.toLowerCase()}`,
        employeeId: e.id,
        password: PASSWORD,
      }),
    );
    as[person] = await signIn(t.app, `pt-${person.toLowerCase()}`, PASSWORD);
  }

  const product = await ok(
    vp.send('POST', '/api/v1/products', {
      code: 'PT-P1',
      name: '进度测试纸品',
      category: CATEGORY,
      unit: '箱',
      listPriceFen: PRICE,
      taxRateBp: 1300,
      discountFloorBp: 9000,
    }),
  );

  const customer: World['customer'] = {};
  const customerOf = async (person: Person) => {
    if (customer[person] === undefined) {
      const c = await ok(
        as[person].send('POST', '/api/v1/customers', {
          name: `${NAMES[person]}的进度测试客户有限公司`,
          kind: 'company',
          category: 'end_customer',
          mobile: nextMobile(),
          region: REGION,
        }),
      );
      customer[person] = c.id;
    }
    return customer[person];
  };
  const sales: Fact[] = [];
  const order = async (person: Person, team: Team, date: string, quantity: number) => {
    const o = await ok<{ id: number; totalFen: number; lines: { id: number }[] }>(
      as[person].send('POST', '/api/v1/orders', {
        customerId: await customerOf(person),
        orderDate: date,
        lines: [{ productId: product.id, quantity, promisedOn: date }],
      }),
    );
    if (o.totalFen !== quantity * PRICE) throw new Error(`order at list price: ${o.totalFen}`);
    sales.push({ person, team, date, amount: o.totalFen });
    return o;
  };

  await order('repA1', 'TA', day(0), 30);
  const a2 = await order('repA2', 'TA', day(0), 60);
  // 10 boxes come back the same day: net sales fall by the return's amount.
  await ok(
    as.repA2.send('POST', `/api/v1/orders/${a2.id}/shipments`, {
      courier: '顺丰',
      trackingNo: 'SF-PT-1',
      lines: [{ orderLineId: a2.lines[0]!.id, quantity: 10 }],
    }),
  );
  const returned = await ok<{ amountFen: number }>(
    as.repA2.send('POST', `/api/v1/orders/${a2.id}/returns`, {
      returnDate: day(0),
      reason: '破损退回',
      lines: [{ orderLineId: a2.lines[0]!.id, quantity: 10 }],
    }),
  );
  // The return's amount is the ledger's (pro-rated with its tax), not ten boxes at list price.
  sales.push({ person: 'repA2', team: 'TA', date: day(0), amount: -returned.amountFen });
  // Ordered 60 days ago on 30 days' terms, never paid: overdue.
  await order('repA2', 'TA', day(-60), 5);
  await order('repB1', 'TB', day(0), 20);
  await order('newbie', 'TA', day(0), 8);
  await order('mover', 'TA', day(-6), 5);
  await order('mover', 'TB', day(-1), 7);

  const collections: Fact[] = [];
  await ok(
    as.repA1.send('POST', '/api/v1/receipts', {
      customerId: customer.repA1,
      receivedOn: day(0),
      amountFen: 100_000,
      method: 'bank',
      payer: '甲一的客户',
      reference: 'PT-BANK-1',
      idempotencyKey: 'progress-world-1',
    }),
  );
  collections.push({ person: 'repA1', team: 'TA', date: day(0), amount: 100_000 });

  // A call today that plans the next one for today (a follow-up due today).
  await ok(
    as.repA1.send('POST', `/api/v1/customers/${customer.repA1}/follow-ups`, {
      kind: 'call',
      happenedOn: day(0),
      notes: '电话确认补货',
      nextFollowUpOn: day(0),
    }),
  );

  const month = periodOf(today(), 'month');
  const week = periodOf(today(), 'week');
  const line = (
    owner: { unitId: number; employeeId?: number },
    period: string,
    target: number,
  ): Omit<typeof targetLines.$inferInsert, 'planId' | 'companyId'> => {
    const p = parsePeriod(period);
    return {
      ownerKind: owner.employeeId === undefined ? 'unit' : 'employee',
      unitId: owner.unitId,
      employeeId: owner.employeeId ?? null,
      period,
      grain: p.grain,
      periodStart: p.from,
      periodEnd: p.to,
      target,
      stretch: Math.round(target * 1.1),
      challenge: Math.round(target * 1.2),
    };
  };
  const m = TARGETS.month;
  const newbieWeeks = childPeriods(month, 'week').slice(0, 2);
  await publishLines(t, ids.companyId, [
    line({ unitId: TA.id, employeeId: employee.repA1 }, month, m.repA1),
    line({ unitId: TA.id, employeeId: employee.repA2 }, month, m.repA2),
    line({ unitId: TB.id, employeeId: employee.mover }, month, m.mover),
    line({ unitId: TA.id }, month, m.TA),
    line({ unitId: TB.id }, month, m.TB),
    line({ unitId: R.id }, month, m.R),
    line({ unitId: TA.id, employeeId: employee.repA1 }, week, TARGETS.week.repA1),
    ...newbieWeeks.map((w) => line({ unitId: TA.id, employeeId: employee.newbie }, w, TARGETS.newbieWeeks)),
  ]);

  return {
    t,
    ids,
    as,
    unit,
    employee,
    productId: product.id,
    customer,
    sales,
    collections,
    overdueFen: 5 * PRICE,
    month,
    week,
    newbieWeeks,
    today: today(),
    day,
  };
}

/** Lines into a published sales plan of their period's year (one of its own, made on first use). */
export async function publishLines(
  t: TestApp,
  companyId: number,
  lines: Omit<typeof targetLines.$inferInsert, 'planId' | 'companyId'>[],
  metric = 'sales',
  category = '',
) {
  const db = t.database.db;
  for (const l of lines) {
    const year = parsePeriod(l.period).year;
    let [plan] = await db
      .select({ id: targetPlans.id })
      .from(targetPlans)
      .where(
        and(
          eq(targetPlans.companyId, companyId),
          eq(targetPlans.fiscalYear, year),
          eq(targetPlans.metric, metric),
          eq(targetPlans.category, category),
          eq(targetPlans.status, 'published'),
        ),
      );
    if (!plan) {
      const [{ last }] = (await db
        .select({ last: max(targetPlans.versionNo) })
        .from(targetPlans)
        .where(
          and(
            eq(targetPlans.companyId, companyId),
            eq(targetPlans.fiscalYear, year),
            eq(targetPlans.metric, metric),
            eq(targetPlans.category, category),
          ),
        )) as [{ last: number | null }];
      [plan] = await db
        .insert(targetPlans)
        .values({
          companyId,
          fiscalYear: year,
          metric,
          category,
          name: `${year} 进度测试计划`,
          versionNo: (last ?? 0) + 1,
          status: 'published',
          publishedAt: new Date(),
        })
        .returning({ id: targetPlans.id });
    }
    await db.insert(targetLines).values({ ...l, companyId, planId: plan!.id });
  }
}

/** Σ of the facts that match. */
export function sumOf(facts: readonly Fact[], match: (f: Fact) => boolean): number {
  return facts.filter(match).reduce((s, f) => s + f.amount, 0);
}

/** Is the day inside the period? */
export function within(period: string, date: string): boolean {
  const p = parsePeriod(period);
  return p.from <= date && date <= p.to;
}
