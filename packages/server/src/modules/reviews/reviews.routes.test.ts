import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, nextMobile, signInAll } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { targetLines, targetPlans } from '../targets/targets.table.ts';
import { settledScores } from './reviews.service.ts';

/**
 * Reviews through the API on the demo company: a cycle fills the computed indicators from the roll-ups of
 * orders and receipts entered through the API, targets published for October 2026, the attendance imported
 * and the 2026 calendar; then the rater, the employee and the next level up take their turns.
 */

let t: TestApp;
let ids: DemoIds;
let s: Record<string, Session>;
const PEOPLE = [
  'vp',
  'director',
  'manager1',
  'manager2',
  'lead1',
  'lead2',
  'lead3',
  'rep1',
  'rep2',
  'rep3',
  'rep4',
  'rep5',
  'rep6',
  'rep7',
  'assistant1',
] as const;

const emp = (who: string) => idOf(ids.employee, who);

async function ok<T = { id: number; version: number }>(
  res: Promise<{ statusCode: number; body: string; json<X>(): X }>,
) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body.slice(0, 400)}`);
  return r.json<T>();
}

/** A template on a seat, made by the VP. */
async function template(
  position: string,
  lines: { code: string; weight: number; curve?: unknown }[],
  extra = {},
) {
  return ok(
    s.vp!.send('POST', '/api/v1/scorecards', {
      name: `${position} 考核表`,
      positionId: idOf(ids.position, position),
      lines,
      ...extra,
    }),
  );
}

/** A vetted customer of `owner` with a confirmed order of `quantity` × 100.00 yuan on `orderDate`. */
async function sale(owner: string, productId: number, orderDate: string, quantity: number) {
  const customer = await ok(
    s[owner]!.send('POST', '/api/v1/customers', {
      name: `${owner}考核客户${nextMobile()}`,
      kind: 'company',
      category: 'end_customer',
      mobile: nextMobile(),
    }),
  );
  const vetting = await ok(
    s[owner]!.send('POST', `/api/v1/customers/${customer.id}/vettings`, {
      visitNotes: '实地拜访',
      creditAssessment: '良好',
      creditLimitFen: 5_000_000,
    }),
  );
  await ok(
    s.manager1!.send('POST', `/api/v1/vettings/${vetting.id}/decide`, {
      decision: 'approve',
      version: vetting.version,
    }),
  );
  const order = await ok<{ id: number; status: string; totalFen: number }>(
    s[owner]!.send('POST', '/api/v1/orders', {
      customerId: customer.id,
      orderDate,
      lines: [{ productId, quantity, promisedOn: orderDate }],
    }),
  );
  expect(order).toMatchObject({ status: 'confirmed', totalFen: quantity * 10_000 });
  return { customerId: customer.id, order };
}

/** A published sales (or collections) plan for 2026 with the given October lines. */
async function publishTargets(
  metric: 'sales' | 'collections',
  lines: { ownerKind: 'employee' | 'unit'; unit: string; who?: string; target: number; period?: string }[],
) {
  const db = t.database.db;
  const [plan] = await db
    .insert(targetPlans)
    .values({
      companyId: ids.companyId,
      fiscalYear: 2026,
      metric,
      name: `2026 ${metric}`,
      status: 'published',
    })
    .returning();
  await db.insert(targetLines).values(
    lines.map((l) => {
      const period = l.period ?? '2026-10';
      return {
        companyId: ids.companyId,
        planId: plan!.id,
        ownerKind: l.ownerKind,
        unitId: idOf(ids.unit, l.unit),
        employeeId: l.who ? emp(l.who) : null,
        period,
        grain: 'month',
        periodStart: `${period}-01`,
        periodEnd: `${period}-${period === '2026-09' ? '30' : '31'}`,
        target: l.target,
        stretch: l.target,
        challenge: l.target,
      };
    }),
  );
}

interface ItemJson {
  code: string;
  value: string | null;
  points: string | null;
  filledBy: string | null;
  note: string | null;
  actual: number | null;
  target: number | null;
  comment: string;
}
interface ReviewJson {
  id: number;
  employeeId: number;
  employeeName: string;
  status: string;
  score: string | null;
  grade: string | null;
  items: ItemJson[];
  appeal: { reason: string; decision: string | null; note: string | null; decidedBy: string | null } | null;
  version: number;
}
interface SummaryJson {
  id: number;
  employeeName: string;
  status: string;
  score: string | null;
  grade: string | null;
  version: number;
}

const item = (review: ReviewJson, code: string) => review.items.find((i) => i.code === code)!;

async function reviewOf(who: string, period: string, as = 'vp'): Promise<ReviewJson> {
  const list = await ok<{ items: SummaryJson[] }>(
    s[as]!.get(`/api/v1/reviews?period=${period}&employeeId=${emp(who)}`),
  );
  return ok<ReviewJson>(s[as]!.get(`/api/v1/reviews/${list.items[0]!.id}`));
}

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  s = Object.fromEntries(PEOPLE.map((p, i) => [p, i])) as unknown as Record<string, Session>;
  const sessions = await signInAll(t.app, PEOPLE);
  PEOPLE.forEach((p, i) => (s[p] = sessions[i]!));

  await ok(s.assistant1!.send('POST', '/api/v1/calendar/load', { year: 2026 }));
  const product = await ok(
    s.vp!.send('POST', '/api/v1/products', {
      code: 'KPI-1',
      name: '考核货品',
      category: '纸品',
      unit: '箱',
      listPriceFen: 10_000,
      taxRateBp: 1300,
      discountFloorBp: 9000,
    }),
  );
  // October 2026: rep1 sells 1,500.00 and collects 1,000.00; rep3 (rep1's mentee) sells 500.00.
  const rep1Sale = await sale('rep1', product.id, '2026-10-15', 15);
  await sale('rep3', product.id, '2026-10-16', 5);
  await ok(
    s.rep1!.send('POST', '/api/v1/receipts', {
      customerId: rep1Sale.customerId,
      receivedOn: '2026-10-20',
      amountFen: 100_000,
      method: 'bank',
      payer: '客户财务',
      idempotencyKey: 'kpi-receipt-1',
    }),
  );
  await publishTargets('sales', [
    { ownerKind: 'employee', unit: 'XS-E1', who: 'rep1', target: 200_000 },
    { ownerKind: 'employee', unit: 'XS-E1', who: 'rep3', target: 100_000 },
    { ownerKind: 'unit', unit: 'XS-E1', target: 1_000_000 },
  ]);
  await publishTargets('collections', [
    { ownerKind: 'employee', unit: 'XS-E1', who: 'rep1', target: 100_000 },
  ]);

  // rep1's October: 16 of the 18 working days present (one of them late), an absence, a day of leave, and
  // National Day worked (a holiday: it does not count).
  const present = [
    '08',
    '09',
    '10',
    '12',
    '13',
    '14',
    '15',
    '16',
    '19',
    '20',
    '21',
    '22',
    '23',
    '26',
    '27',
    '28',
  ];
  const rows = [
    '姓名,日期,状态',
    '赵磊,2026-10-01,出勤',
    ...present.map((d) => `赵磊,2026-10-${d},${d === '09' ? '迟到' : '出勤'}`),
    '赵磊,2026-10-29,缺勤',
    '赵磊,2026-10-30,请假',
  ];
  await ok(
    s.assistant1!.send('POST', '/api/v1/attendance/import', {
      fileName: 'october.csv',
      contentBase64: Buffer.from(rows.join('\n')).toString('base64'),
    }),
  );

  await template('XS-REP-E1', [
    { code: 'sales_attainment', weight: 30 },
    { code: 'team_sales_attainment', weight: 10 },
    { code: 'collections_attainment', weight: 10 },
    { code: 'mentee_attainment', weight: 10 },
    { code: 'attendance_rate', weight: 10 },
    { code: 'promotion_attainment', weight: 10 },
    { code: 'product_knowledge', weight: 20 },
  ]);
  await template('XS-TL-E1', [
    { code: 'team_sales_attainment', weight: 50 },
    { code: 'management_coordination', weight: 50 },
  ]);
});
afterAll(() => t.close());

describe('a review cycle', () => {
  it('makes a draft for everyone in the unit whose seat has a template, and leaves them alone the second time', async () => {
    const body = { period: '2026-10', unitId: idOf(ids.unit, 'XS-E1') };
    const first = await ok<{ created: number; unchanged: number; reviews: SummaryJson[] }>(
      s.lead1!.send('POST', '/api/v1/reviews/cycles', body),
    );
    expect(first.created).toBe(4);
    expect(first.reviews.map((r) => r.employeeName).sort()).toEqual(['吴昊', '杨帆', '赵磊', '黄丽'].sort());
    const again = await ok<{ created: number; unchanged: number; reviews: SummaryJson[] }>(
      s.lead1!.send('POST', '/api/v1/reviews/cycles', body),
    );
    expect(again).toMatchObject({ created: 0, unchanged: 4 });
    expect(again.reviews.map((r) => r.version)).toEqual(first.reviews.map((r) => r.version));
  });

  it('fills the computed indicators from the roll-ups, the targets, the mentees and the attendance', async () => {
    const review = await reviewOf('rep1', '2026-10', 'lead1');
    expect(review.status).toBe('draft');
    const figures = Object.fromEntries(
      review.items.map((i) => [i.code, [i.value, i.filledBy, i.actual, i.target]]),
    );
    expect(figures).toEqual({
      sales_attainment: ['0.75', 'system', 150_000, 200_000],
      // 华东一组: rep1's 1,500 and rep3's 500 against the team's 10,000.
      team_sales_attainment: ['0.2', 'system', 200_000, 1_000_000],
      collections_attainment: ['1', 'system', 100_000, 100_000],
      // rep3, whom rep1 mentors: 500 of 1,000.
      mentee_attainment: ['0.5', 'system', 50_000, 100_000],
      attendance_rate: [new Dec(16).dividedBy(18).toString(), 'system', 16, 18],
      promotion_attainment: [null, null, null, null],
      product_knowledge: [null, null, null, null],
    });
    expect(item(review, 'sales_attainment').points).toBe('75');
    expect(item(review, 'promotion_attainment').note).toBe('系统暂无此项数据，请评分人填写');
    expect(review).toMatchObject({ score: null, grade: null });
  });

  it('says why a figure is left for the rater: no target, no mentees, no attendance', async () => {
    const rep2 = await reviewOf('rep2', '2026-10');
    expect(item(rep2, 'sales_attainment')).toMatchObject({
      value: null,
      note: '2026-10 没有已发布的目标，系统无法计算，请评分人填写',
    });
    expect(item(rep2, 'mentee_attainment').note).toBe('本期没有带教的新员工，请评分人填写');
    expect(item(rep2, 'attendance_rate').note).toBe('本期没有考勤记录，请先录入或导入考勤，或由评分人填写');
    const en = await ok<ReviewJson>(s.vp!.get(`/api/v1/reviews/${rep2.id}?lang=en-US`));
    expect(item(en, 'mentee_attainment').note).toBe(
      'The person mentors no new staff in the period: the rater fills this in',
    );
  });

  it('fills the computed items again on refresh, from what was entered since', async () => {
    let review = await reviewOf('rep3', '2026-10', 'lead1');
    expect(item(review, 'attendance_rate')).toMatchObject({ value: null, filledBy: null });
    const working = [
      '08',
      '09',
      '10',
      '12',
      '13',
      '14',
      '15',
      '16',
      '19',
      '20',
      '21',
      '22',
      '23',
      '26',
      '27',
      '28',
      '29',
      '30',
    ];
    await ok(
      s.assistant1!.send('POST', '/api/v1/attendance/import', {
        fileName: 'rep3.csv',
        contentBase64: Buffer.from(
          ['姓名,日期,状态', ...working.map((d) => `吴昊,2026-10-${d},出勤`)].join('\n'),
        ).toString('base64'),
      }),
    );
    review = await ok<ReviewJson>(
      s.lead1!.send('PATCH', `/api/v1/reviews/${review.id}`, { refresh: true, version: review.version }),
    );
    expect(item(review, 'attendance_rate')).toMatchObject({
      value: '1',
      filledBy: 'system',
      note: null,
      actual: 18,
      target: 18,
    });
    expect(item(review, 'sales_attainment')).toMatchObject({ value: '0.5', filledBy: 'system' });
  });

  it('refuses a period that has not started', async () => {
    const res = await s.lead1!.send('POST', '/api/v1/reviews/cycles', { period: '2099-01' });
    expectError(res, 422, 'business_rule', 'body.period');
    expectError(
      await s.lead1!.send('POST', '/api/v1/reviews/cycles', { period: '2026-13' }),
      400,
      'validation',
      'body.period',
    );
  });
});

describe('rating, confirming, appealing, deciding', () => {
  it('the rater fills the rated items; computed figures and bad ratings are refused, naming the item', async () => {
    const review = await reviewOf('rep1', '2026-10', 'lead1');
    const patch = (items: unknown[], version = review.version) =>
      s.lead1!.send('PATCH', `/api/v1/reviews/${review.id}`, { items, version });
    expectError(
      await patch([{ code: 'sales_attainment', value: 1 }]),
      400,
      'validation',
      'body.items.0.value',
    );
    expectError(
      await patch([
        { code: 'promotion_attainment', value: 1 },
        { code: 'product_knowledge', value: 7 },
      ]),
      400,
      'validation',
      'body.items.1.value',
    );
    expectError(await patch([{ code: 'karma', value: 1 }]), 400, 'validation', 'body.items.0.code');
    expectError(
      await s.lead1!.send('POST', `/api/v1/reviews/${review.id}/submit`, { version: review.version }),
      422,
      'business_rule',
      'items.5.value',
    );

    const rated = await ok<ReviewJson>(
      patch([
        { code: 'promotion_attainment', value: '0.9', comment: '国庆促销完成九成' },
        { code: 'product_knowledge', value: 4, comment: '熟悉主要产品' },
      ]),
    );
    // (30×75 + 10×20 + 10×100 + 10×50 + 10×88.88… + 10×90 + 20×80) ÷ 100 = 73.388… → 73.4, grade C.
    expect(rated).toMatchObject({ status: 'draft', score: '73.4', grade: 'C' });
    expect(item(rated, 'product_knowledge')).toMatchObject({
      value: '4',
      points: '80',
      filledBy: 'rater',
      comment: '熟悉主要产品',
    });
    expectError(await patch([{ code: 'product_knowledge', value: 5 }]), 409, 'conflict');
  });

  it('nobody rates their own review', async () => {
    const own = await reviewOf('lead1', '2026-10', 'lead1');
    expectError(
      await s.lead1!.send('PATCH', `/api/v1/reviews/${own.id}`, { items: [], version: own.version }),
      403,
      'forbidden',
    );
  });

  it('submitted, the employee confirms or appeals — nobody else', async () => {
    let review = await reviewOf('rep1', '2026-10', 'lead1');
    review = await ok<ReviewJson>(
      s.lead1!.send('POST', `/api/v1/reviews/${review.id}/submit`, { version: review.version }),
    );
    expect(review).toMatchObject({ status: 'rated', score: '73.4' });
    const url = (action: string) => `/api/v1/reviews/${review.id}/${action}`;
    // rep2 cannot see rep1's review at all; the rater sees it but is not the employee.
    expectError(await s.rep2!.send('POST', url('confirm'), { version: review.version }), 404, 'not_found');
    expectError(await s.lead1!.send('POST', url('confirm'), { version: review.version }), 403, 'forbidden');
    expectError(
      await s.rep1!.send('POST', url('appeal'), { reason: ' ', version: review.version }),
      400,
      'validation',
      'body.reason',
    );
    expectError(
      await s.manager1!.send('POST', url('decide'), { decision: 'reject', version: review.version }),
      422,
      'business_rule',
    );
    review = await ok<ReviewJson>(
      s.rep1!.send('POST', url('appeal'), { reason: '产品知识考核已满分通过', version: review.version }),
    );
    expect(review.status).toBe('appealed');

    // The next level up decides: not the rater's peers below (no right), not a manager of another region.
    expectError(
      await s.lead1!.send('POST', url('decide'), { decision: 'accept', version: review.version }),
      403,
      'forbidden',
    );
    expectError(
      await s.manager2!.send('POST', url('decide'), { decision: 'accept', version: review.version }),
      404,
      'not_found',
    );
    review = await ok<ReviewJson>(
      s.manager1!.send('POST', url('decide'), {
        decision: 'accept',
        note: '以考核记录为准，请重新评分',
        version: review.version,
      }),
    );
    expect(review).toMatchObject({
      status: 'draft',
      appeal: {
        reason: '产品知识考核已满分通过',
        decision: 'accepted',
        note: '以考核记录为准，请重新评分',
        decidedBy: 'manager1',
      },
    });

    // Corrected and submitted again: (7338.88… − 20×80 + 20×100) ÷ 100 = 77.388… → 77.4.
    review = await ok<ReviewJson>(
      s.lead1!.send('PATCH', `/api/v1/reviews/${review.id}`, {
        items: [{ code: 'product_knowledge', value: 5 }],
        version: review.version,
      }),
    );
    review = await ok<ReviewJson>(s.lead1!.send('POST', url('submit'), { version: review.version }));
    review = await ok<ReviewJson>(s.rep1!.send('POST', url('confirm'), { version: review.version }));
    expect(review).toMatchObject({ status: 'confirmed', score: '77.4', grade: 'C' });
    expectError(
      await s.rep1!.send('POST', url('appeal'), { reason: '再申诉', version: review.version }),
      422,
      'business_rule',
    );
    expect(
      (await settledScores(t.database.db, ids.companyId, [emp('rep1'), emp('rep2')], '2026-10')).get(
        emp('rep1'),
      ),
    ).toBe('77.4');
  });

  it('the rater cannot decide the appeal against their own rating; a rejected appeal leaves the score final', async () => {
    let review = await reviewOf('rep2', '2026-10', 'manager1');
    review = await ok<ReviewJson>(
      s.manager1!.send('PATCH', `/api/v1/reviews/${review.id}`, {
        items: [
          // No target, no collections target, no mentees, no attendance: the rater gives the figures.
          { code: 'sales_attainment', value: '0.5' },
          { code: 'collections_attainment', value: '0.8' },
          { code: 'mentee_attainment', value: 1 },
          { code: 'attendance_rate', value: 1 },
          { code: 'promotion_attainment', value: 1 },
          { code: 'product_knowledge', value: 3 },
        ],
        version: review.version,
      }),
    );
    // 30×50 + 10×20 + 10×80 + 10×100 + 10×100 + 10×100 + 20×60 = 6700 → 67.0, C.
    expect(review).toMatchObject({ score: '67.0', grade: 'C' });
    review = await ok<ReviewJson>(
      s.manager1!.send('POST', `/api/v1/reviews/${review.id}/submit`, { version: review.version }),
    );
    review = await ok<ReviewJson>(
      s.rep2!.send('POST', `/api/v1/reviews/${review.id}/appeal`, {
        reason: '销售目标未下达',
        version: review.version,
      }),
    );
    expectError(
      await s.manager1!.send('POST', `/api/v1/reviews/${review.id}/decide`, {
        decision: 'accept',
        version: review.version,
      }),
      403,
      'forbidden',
    );
    review = await ok<ReviewJson>(
      s.director!.send('POST', `/api/v1/reviews/${review.id}/decide`, {
        decision: 'reject',
        note: '目标已于九月下达',
        version: review.version,
      }),
    );
    expect(review).toMatchObject({
      status: 'final',
      score: '67.0',
      appeal: { decision: 'rejected', note: '目标已于九月下达' },
    });
  });

  it('each person sees their own history; others outside their scope get a 404', async () => {
    const mine = await ok<{ items: SummaryJson[] }>(s.rep2!.get(`/api/v1/employees/${emp('rep2')}/reviews`));
    expect(mine.items.map((r) => [r.status, r.score])).toEqual([['final', '67.0']]);
    expectError(await s.rep1!.get(`/api/v1/employees/${emp('rep2')}/reviews`), 404, 'not_found');
    const list = await ok<{ items: SummaryJson[] }>(s.rep1!.get('/api/v1/reviews?period=2026-10'));
    expect(list.items.map((r) => r.employeeName)).toEqual(['赵磊']);
  });

  it('a cycle with reviews still open cannot be closed', async () => {
    const res = await s.manager1!.send('POST', '/api/v1/reviews/cycles/close', {
      period: '2026-10',
      unitId: idOf(ids.unit, 'XS-E1'),
    });
    const error = expectError(res, 422, 'business_rule', 'body.period');
    // rep3's and lead1's reviews are still drafts.
    expect(error.message).toContain('2 份');
  });
});

describe('forced distribution at cycle close', () => {
  it('grades by rank: ties share the better grade, the next grade gets fewer people', async () => {
    await template('XS-REP-E2', [{ code: 'product_knowledge', weight: 100 }], {
      distribution: { A: 0.34, B: 0.33, C: 0.33, D: 0 },
    });
    const cycle = await ok<{ reviews: SummaryJson[] }>(
      s.lead2!.send('POST', '/api/v1/reviews/cycles', { period: '2026-09', unitId: idOf(ids.unit, 'XS-E2') }),
    );
    expect(cycle.reviews).toHaveLength(3);
    for (const [who, rating] of [
      ['rep4', 5],
      ['rep5', 5],
      ['rep6', 4],
    ] as const) {
      let review = await reviewOf(who, '2026-09', 'lead2');
      review = await ok<ReviewJson>(
        s.lead2!.send('PATCH', `/api/v1/reviews/${review.id}`, {
          items: [{ code: 'product_knowledge', value: rating }],
          version: review.version,
        }),
      );
      review = await ok<ReviewJson>(
        s.lead2!.send('POST', `/api/v1/reviews/${review.id}/submit`, { version: review.version }),
      );
      await ok(s[who]!.send('POST', `/api/v1/reviews/${review.id}/confirm`, { version: review.version }));
    }
    const before = await ok<{ items: SummaryJson[] }>(
      s.manager1!.get('/api/v1/reviews?period=2026-09&sort=employeeName'),
    );
    expect(before.items.map((r) => [r.employeeName, r.score, r.grade])).toEqual([
      ['徐强', '100.0', 'A'],
      ['朱涛', '80.0', 'B'],
      ['胡敏', '100.0', 'A'],
    ]);
    const closed = await ok<{ closed: number; reviews: SummaryJson[] }>(
      s.manager1!.send('POST', '/api/v1/reviews/cycles/close', {
        period: '2026-09',
        unitId: idOf(ids.unit, 'XS-E2'),
      }),
    );
    expect(closed.closed).toBe(3);
    // Three people, shares 34% / 33% / 33%: one A, one B, one C — the tie at 100 takes both A places…
    expect(Object.fromEntries(closed.reviews.map((r) => [r.employeeName, r.grade]))).toEqual({
      徐强: 'A',
      胡敏: 'A',
      // …so B is left empty and 80.0 ranks third: C, though its band would say B.
      朱涛: 'C',
    });
  });
});

describe('scores and grades', () => {
  // 50% promotion attainment (a figure the rater gives, linear to 100 points) and 50% product knowledge (1–5).
  it.each([
    ['2026-01', '1', 5, '100.0', 'A'],
    ['2026-02', '0.999', 4, '90.0', 'A'], // 49.95 + 40 = 89.95: half away from zero makes it 90.0, an A
    ['2026-03', '0.9988', 4, '89.9', 'B'], // 89.94
    ['2026-04', '1.5', 1, '60.0', 'C'], // capped at 100 points: 50 + 10, exactly the C bar
    ['2026-05', '0.6', 4, '70.0', 'C'],
    ['2026-06', '0.2', 3, '40.0', 'D'],
  ])(
    '%s: promotion %s and knowledge %i score %s, grade %s',
    async (period, promotion, rating, score, grade) => {
      if (period === '2026-01') {
        await template('XS-REP-S1', [
          { code: 'promotion_attainment', weight: 50 },
          { code: 'product_knowledge', weight: 50 },
        ]);
      }
      await ok(s.lead3!.send('POST', '/api/v1/reviews/cycles', { period }));
      const review = await reviewOf('rep7', period, 'lead3');
      const rated = await ok<ReviewJson>(
        s.lead3!.send('PATCH', `/api/v1/reviews/${review.id}`, {
          items: [
            { code: 'promotion_attainment', value: promotion },
            { code: 'product_knowledge', value: rating },
          ],
          version: review.version,
        }),
      );
      expect([rated.score, rated.grade]).toEqual([score, grade]);
    },
  );
});
