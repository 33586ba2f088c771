import { expect } from 'vitest';
import { idOf } from './demo-org.ts';
import { ok, uniq, type Ctx, type EndpointCase } from './endpoints-shared.ts';

/**
 * People and reviews (issue 5 items 1–3 and 5): the working-day calendar, attendance, scorecard templates,
 * reviews and their cycles, incidents — the endpoint table's cases, with the records they read made
 * through the API. Reviews are made by cycles over past months, one fresh month whenever a case needs a
 * review in a state of its own.
 */

interface Ref {
  id: number;
  version: number;
}
interface ReviewRef extends Ref {
  /** The reviewed person's username: who confirms and appeals. */
  who: string;
}

const w = {} as {
  /** 赵磊's October 2026 review (a draft), on the 华东一组 reps' template. */
  rep1Review: ReviewRef;
  template: Ref;
  incident: Ref;
  other: { template: Ref; review: Ref; incident: Ref; employeeId: number };
};

/** Rated items only: a review is ready to submit once both have a rating. */
const LINES = [
  { code: 'product_knowledge', weight: 60 },
  { code: 'teamwork', weight: 40 },
];

/** Past months, one per fresh cycle: rep1 and rep2 held their seats in all of them. */
let monthSeq = 0;
function nextMonth(): string {
  const n = monthSeq++;
  return `${2024 + Math.floor((5 + n) / 12)}-${String(((5 + n) % 12) + 1).padStart(2, '0')}`;
}

const pool: ReviewRef[] = [];
/** A draft review nobody has touched, of rep1 or rep2 (华东一组), rated by lead1. */
async function draftReview(c: Ctx): Promise<ReviewRef> {
  if (pool.length === 0) {
    const period = nextMonth();
    const cycle = await ok<{ reviews: { id: number; employeeId: number; version: number }[] }>(
      (await c.as('lead1')).send('POST', '/api/v1/reviews/cycles', {
        period,
        unitId: idOf(c.ids.unit, 'XS-E1'),
      }),
    );
    for (const who of ['rep1', 'rep2']) {
      const review = cycle.reviews.find((r) => r.employeeId === idOf(c.ids.employee, who))!;
      pool.push({ id: review.id, version: review.version, who });
    }
  }
  return pool.pop()!;
}

/** A review walked to `state` by the people who take each step. */
async function reviewIn(c: Ctx, state: 'draft' | 'filled' | 'rated' | 'appealed'): Promise<ReviewRef> {
  const review = await draftReview(c);
  if (state === 'draft') return review;
  const lead1 = await c.as('lead1');
  let next = await ok(
    lead1.send('PATCH', `/api/v1/reviews/${review.id}`, {
      items: LINES.map((l) => ({ code: l.code, value: 4 })),
      version: review.version,
    }),
  );
  if (state !== 'filled') {
    next = await ok(lead1.send('POST', `/api/v1/reviews/${review.id}/submit`, { version: next.version }));
  }
  if (state === 'appealed') {
    next = await ok(
      (await c.as(review.who)).send('POST', `/api/v1/reviews/${review.id}/appeal`, {
        reason: '评分偏低',
        version: next.version,
      }),
    );
  }
  return { ...review, version: next.version };
}

/** A fine lead1 records for rep1, appealed by rep1 when asked. */
async function newIncident(c: Ctx, appealed = false): Promise<Ref> {
  const incident = await ok(
    (await c.as('lead1')).send('POST', '/api/v1/incidents', {
      employeeId: idOf(c.ids.employee, 'rep1'),
      kind: 'fine',
      type: 'new_hire_work_unchecked',
      day: '2026-10-12',
      amountFen: 10_000,
      note: '未检查新员工当日工作',
    }),
  );
  if (!appealed) return incident;
  return ok(
    (await c.as('rep1')).send('POST', `/api/v1/incidents/${incident.id}/appeal`, {
      reason: '当日已检查',
      version: incident.version,
    }),
  );
}

let daySeq = 0;
/** A day of 2025 nobody recorded attendance for yet. */
const nextDay = () => new Date(Date.UTC(2025, 0, 1 + daySeq++)).toISOString().slice(0, 10);

export async function setupReviews(c: Ctx): Promise<void> {
  await ok((await c.as('assistant1')).send('POST', '/api/v1/calendar/load', { year: 2026 }));
  w.template = await ok(
    (await c.as('vp')).send('POST', '/api/v1/scorecards', {
      name: '销售代表考核表',
      positionId: idOf(c.ids.position, 'XS-REP-E1'),
      lines: LINES,
    }),
  );
  const cycle = await ok<{ reviews: { id: number; employeeId: number; version: number }[] }>(
    (await c.as('lead1')).send('POST', '/api/v1/reviews/cycles', {
      period: '2026-10',
      unitId: idOf(c.ids.unit, 'XS-E1'),
    }),
  );
  const rep1 = cycle.reviews.find((r) => r.employeeId === idOf(c.ids.employee, 'rep1'))!;
  w.rep1Review = { id: rep1.id, version: rep1.version, who: 'rep1' };
  w.incident = await newIncident(c);

  // The other company: a template on its reps' seat, a cycle, and a fine for its second rep.
  const other1 = await c.as('other1');
  const template = await ok(
    other1.send('POST', '/api/v1/scorecards', {
      name: '他司考核表',
      positionId: c.other.positionId,
      lines: LINES,
    }),
  );
  const otherCycle = await ok<{ reviews: { id: number; employeeId: number; version: number }[] }>(
    other1.send('POST', '/api/v1/reviews/cycles', { period: '2026-10' }),
  );
  const review = otherCycle.reviews.find((r) => r.employeeId === c.other.employeeIds[1])!;
  const incident = await ok(
    other1.send('POST', '/api/v1/incidents', {
      employeeId: c.other.employeeIds[1],
      kind: 'fine',
      type: 'discipline',
      day: '2026-10-12',
      amountFen: 5_000,
    }),
  );
  w.other = { template, review, incident, employeeId: c.other.employeeIds[1] };
}

/** The other company's records, for the admin of the demo company: they do not exist for them. */
const otherReview = (body: (r: Ref) => unknown = (r) => ({ version: r.version })) => ({
  as: 'admin',
  why: "another company's review",
  input: () => ({ params: { id: w.other.review.id }, body: body(w.other.review) }),
});
const otherIncident = (body: (r: Ref) => unknown = (r) => ({ version: r.version })) => ({
  as: 'admin',
  why: "another company's fine",
  input: () => ({ params: { id: w.other.incident.id }, body: body(w.other.incident) }),
});
const otherTemplate = (body?: unknown) => ({
  as: 'admin',
  why: "another company's scorecard",
  input: () => ({ params: { id: w.other.template.id }, ...(body === undefined ? {} : { body }) }),
});

/** A template nobody reviews on (no seat), made by the VP for a case to change or delete. */
const looseTemplate = async (c: Ctx) =>
  ok(
    (await c.as('vp')).send('POST', '/api/v1/scorecards', {
      name: uniq('临时考核表'),
      positionId: null,
      lines: LINES,
    }),
  );

export const REVIEW_CASES: Record<string, EndpointCase> = {
  // ---- calendar ---------------------------------------------------------------------------------
  'GET /api/v1/calendar': {
    as: 'rep1',
    valid: () => ({ query: { year: '2026' } }),
    status: 200,
    check: (res) => {
      expect(res.json()).toMatchObject({ year: 2026, covered: true });
      expect(res.json().months.find((m: { month: string }) => m.month === '2026-10').workingDays).toBe(18);
    },
    bad: { input: () => ({ query: { year: 'next' } }), path: 'query.year' },
  },
  'PUT /api/v1/calendar/days/:day': {
    as: 'assistant1',
    valid: () => ({ params: { day: '2026-12-30' }, body: { kind: 'holiday', name: '公司年会' } }),
    status: 200,
    check: (res) =>
      expect(res.json().days).toContainEqual({ day: '2026-12-30', kind: 'holiday', name: '公司年会' }),
    bad: [
      { input: () => ({ params: { day: '30-12-2026' }, body: { kind: 'holiday' } }), path: 'params.day' },
      { input: () => ({ params: { day: '2026-12-30' }, body: { kind: 'halfday' } }), path: 'body.kind' },
    ],
  },
  'DELETE /api/v1/calendar/days/:day': {
    as: 'assistant1',
    valid: async (c) => {
      await ok(
        (await c.as('assistant1')).send('PUT', '/api/v1/calendar/days/2026-12-29', { kind: 'holiday' }),
      );
      return { params: { day: '2026-12-29' } };
    },
    status: 204,
    bad: { input: () => ({ params: { day: '2026-02-30' } }), path: 'params.day' },
  },
  'POST /api/v1/calendar/load': {
    as: 'assistant1',
    valid: () => ({ body: { year: 2025 } }),
    status: 200,
    check: (res) =>
      expect(res.json().days).toContainEqual({ day: '2025-10-01', kind: 'holiday', name: '国庆节' }),
    bad: { input: () => ({ body: { year: '2025' } }), path: 'body.year' },
  },

  // ---- attendance -------------------------------------------------------------------------------
  'GET /api/v1/attendance': {
    as: 'rep1',
    valid: () => ({ query: { month: '2025-01' } }),
    status: 200,
    check: (res) => {
      const names = new Set(res.json().items.map((r: { employeeName: string }) => r.employeeName));
      expect([...names].every((n) => n === '赵磊')).toBe(true);
    },
    bad: { input: () => ({ query: { month: '2025-13' } }), path: 'query.month' },
  },
  'PUT /api/v1/attendance': {
    as: 'assistant1',
    valid: (c) => ({ body: { employeeId: idOf(c.ids.employee, 'rep1'), day: nextDay(), status: 'present' } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ employeeName: '赵磊', status: 'present', version: 1 }),
    bad: {
      input: (c) => ({
        body: { employeeId: idOf(c.ids.employee, 'rep1'), day: '2025-06-01', status: 'asleep' },
      }),
      path: 'body.status',
    },
  },
  'POST /api/v1/attendance/import': {
    as: 'assistant1',
    valid: () => ({
      body: {
        fileName: 'attendance.csv',
        contentBase64: Buffer.from(`姓名,日期,状态\n黄丽,${nextDay()},出勤`).toString('base64'),
      },
    }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ committed: true, imported: 1 }),
    bad: { input: () => ({ body: { fileName: '', contentBase64: 'eA==' } }), path: 'body.fileName' },
  },
  'GET /api/v1/attendance/summary': {
    as: 'rep1',
    valid: () => ({ query: { month: '2026-10' } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toEqual([expect.objectContaining({ employeeName: '赵磊', workingDays: 18 })]),
    bad: { input: () => ({ query: {} }), path: 'query.month' },
  },

  // ---- scorecard templates ----------------------------------------------------------------------
  'GET /api/v1/scorecards/library': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json().map((k: { code: string }) => k.code)).toContain('attendance_rate'),
  },
  'GET /api/v1/scorecards': {
    as: 'rep1',
    valid: () => ({ query: { status: 'active' } }),
    status: 200,
    check: (res) => {
      const ids = res.json().items.map((x: { id: number }) => x.id);
      expect(ids).toContain(w.template.id);
      expect(ids).not.toContain(w.other.template.id);
    },
    bad: { input: () => ({ query: { status: 'lost' } }), path: 'query.status' },
  },
  'GET /api/v1/scorecards/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.template.id } }),
    status: 200,
    check: (res) => expect(res.json().positionName).toBe('销售代表（华东一组）'),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [otherTemplate()],
  },
  'POST /api/v1/scorecards': {
    as: 'vp',
    valid: () => ({ body: { name: uniq('考核表'), positionId: null, lines: LINES } }),
    status: 201,
    check: (res) => expect(res.json().lines.map((l: { weight: number }) => l.weight)).toEqual([60, 40]),
    bad: {
      input: () => ({
        body: { name: '不平衡', positionId: null, lines: [{ code: 'teamwork', weight: 90 }] },
      }),
      path: 'body.lines',
    },
  },
  'PATCH /api/v1/scorecards/:id': {
    as: 'vp',
    valid: async (c) => {
      const template = await looseTemplate(c);
      return { params: { id: template.id }, body: { name: '改名考核表', version: template.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ name: '改名考核表', version: 2 }),
    bad: { input: () => ({ params: { id: w.template.id }, body: { name: 'x' } }), path: 'body.version' },
    outside: [otherTemplate({ name: '越权', version: 1 })],
  },
  'DELETE /api/v1/scorecards/:id': {
    as: 'vp',
    valid: async (c) => ({ params: { id: (await looseTemplate(c)).id } }),
    status: 204,
    bad: { input: () => ({ params: { id: '0' } }), path: 'params.id' },
    outside: [otherTemplate()],
  },

  // ---- reviews ----------------------------------------------------------------------------------
  'POST /api/v1/reviews/cycles': {
    as: 'lead1',
    valid: (c) => ({ body: { period: '2026-10', unitId: idOf(c.ids.unit, 'XS-E1') } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ period: '2026-10', created: 0 }),
    bad: { input: () => ({ body: { period: '2026-10-01' } }), path: 'body.period' },
  },
  'POST /api/v1/reviews/cycles/close': {
    as: 'manager1',
    valid: (c) => ({ body: { period: '2023-01', unitId: idOf(c.ids.unit, 'XS-E2') } }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ period: '2023-01', closed: 0 }),
    bad: { input: () => ({ body: { period: 'Q4' } }), path: 'body.period' },
  },
  'GET /api/v1/reviews': {
    as: 'rep1',
    valid: () => ({ query: { period: '2026-10' } }),
    status: 200,
    check: (res) =>
      expect(res.json().items.map((r: { employeeName: string }) => r.employeeName)).toEqual(['赵磊']),
    bad: { input: () => ({ query: { status: 'lost' } }), path: 'query.status' },
  },
  'GET /api/v1/reviews/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.rep1Review.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ employeeName: '赵磊', period: '2026-10', status: 'draft' }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep2', why: "a peer's review (own scope)", input: () => ({ params: { id: w.rep1Review.id } }) },
      otherReview(),
    ],
  },
  'PATCH /api/v1/reviews/:id': {
    as: 'lead1',
    valid: async (c) => {
      const review = await reviewIn(c, 'draft');
      return {
        params: { id: review.id },
        body: { items: [{ code: 'teamwork', value: 5, comment: '配合积极' }], version: review.version },
      };
    },
    status: 200,
    check: (res) =>
      expect(res.json().items.find((i: { code: string }) => i.code === 'teamwork')).toMatchObject({
        value: '5',
        comment: '配合积极',
      }),
    bad: {
      input: () => ({ params: { id: w.rep1Review.id }, body: { items: 'all', version: 1 } }),
      path: 'body.items',
    },
    outside: [
      {
        as: 'scoped1',
        why: 'an East review, outside a South unit-scoped rater',
        input: async (c) => {
          const review = await reviewIn(c, 'draft');
          return { params: { id: review.id }, body: { items: [], version: review.version } };
        },
      },
      otherReview((r) => ({ items: [], version: r.version })),
    ],
  },
  'POST /api/v1/reviews/:id/submit': {
    as: 'lead1',
    valid: async (c) => {
      const review = await reviewIn(c, 'filled');
      return { params: { id: review.id }, body: { version: review.version } };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ status: 'rated', score: '80.0', grade: 'B', ratedBy: 'lead1' }),
    bad: { input: () => ({ params: { id: w.rep1Review.id }, body: {} }), path: 'body.version' },
    outside: [
      {
        as: 'scoped1',
        why: 'an East review, outside a South unit-scoped rater',
        input: async (c) => {
          const review = await reviewIn(c, 'filled');
          return { params: { id: review.id }, body: { version: review.version } };
        },
      },
      otherReview(),
    ],
  },
  'POST /api/v1/reviews/:id/confirm': {
    as: 'rep1',
    valid: async (c) => {
      let review = await reviewIn(c, 'rated');
      // The case signs in as rep1: make sure the review is theirs.
      while (review.who !== 'rep1') review = await reviewIn(c, 'rated');
      return { params: { id: review.id }, body: { version: review.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'confirmed', employeeName: '赵磊' }),
    bad: {
      input: () => ({ params: { id: w.rep1Review.id }, body: { version: 'one' } }),
      path: 'body.version',
    },
    outside: [
      {
        as: 'rep2',
        why: "a peer's review (own scope)",
        input: async (c) => {
          let review = await reviewIn(c, 'rated');
          while (review.who !== 'rep1') review = await reviewIn(c, 'rated');
          return { params: { id: review.id }, body: { version: review.version } };
        },
      },
      otherReview(),
    ],
  },
  'POST /api/v1/reviews/:id/appeal': {
    as: 'rep1',
    valid: async (c) => {
      let review = await reviewIn(c, 'rated');
      while (review.who !== 'rep1') review = await reviewIn(c, 'rated');
      return { params: { id: review.id }, body: { reason: '客户维护工作未计入', version: review.version } };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        status: 'appealed',
        appeal: { reason: '客户维护工作未计入', decision: null },
      }),
    bad: {
      input: () => ({ params: { id: w.rep1Review.id }, body: { reason: '', version: 1 } }),
      path: 'body.reason',
    },
    outside: [
      {
        as: 'rep2',
        why: "a peer's review (own scope)",
        input: () => ({
          params: { id: w.rep1Review.id },
          body: { reason: '代为申诉', version: w.rep1Review.version },
        }),
      },
      otherReview((r) => ({ reason: '越权', version: r.version })),
    ],
  },
  'POST /api/v1/reviews/:id/decide': {
    as: 'manager1',
    valid: async (c) => {
      const review = await reviewIn(c, 'appealed');
      return {
        params: { id: review.id },
        body: { decision: 'reject', note: '维持评分', version: review.version },
      };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        status: 'final',
        appeal: { decision: 'rejected', decidedBy: 'manager1' },
      }),
    bad: {
      input: () => ({ params: { id: w.rep1Review.id }, body: { decision: 'maybe', version: 1 } }),
      path: 'body.decision',
    },
    outside: [
      {
        as: 'manager2',
        why: 'an East review, outside the South manager',
        input: async (c) => {
          const review = await reviewIn(c, 'appealed');
          return { params: { id: review.id }, body: { decision: 'reject', version: review.version } };
        },
      },
      otherReview((r) => ({ decision: 'reject', version: r.version })),
    ],
  },
  'GET /api/v1/employees/:id/reviews': {
    as: 'rep1',
    valid: (c) => ({ params: { id: idOf(c.ids.employee, 'rep1') } }),
    status: 200,
    check: (res) => {
      const names = new Set(res.json().items.map((r: { employeeName: string }) => r.employeeName));
      expect([...names]).toEqual(['赵磊']);
    },
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: "a peer's history",
        input: (c) => ({ params: { id: idOf(c.ids.employee, 'rep2') } }),
      },
      {
        as: 'admin',
        why: "another company's employee",
        input: () => ({ params: { id: w.other.employeeId } }),
      },
    ],
  },

  // ---- incidents --------------------------------------------------------------------------------
  'GET /api/v1/incidents': {
    as: 'rep1',
    valid: () => ({ query: { month: '2026-10' } }),
    status: 200,
    check: (res) => {
      const ids = res.json().items.map((x: { id: number }) => x.id);
      expect(ids).toContain(w.incident.id);
      expect(ids).not.toContain(w.other.incident.id);
    },
    bad: { input: () => ({ query: { kind: 'bonus' } }), path: 'query.kind' },
  },
  'GET /api/v1/incidents/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.incident.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ employeeName: '赵磊', amountFen: 10_000, status: 'active' }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep2', why: "a peer's fine", input: () => ({ params: { id: w.incident.id } }) },
      otherIncident(),
    ],
  },
  'POST /api/v1/incidents': {
    as: 'lead1',
    valid: (c) => ({
      body: {
        employeeId: idOf(c.ids.employee, 'rep2'),
        kind: 'reward',
        type: 'commendation',
        day: '2026-10-20',
        amountFen: 20_000,
        note: '客户表扬',
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ employeeName: '黄丽', kind: 'reward', recordedBy: 'lead1' }),
    bad: {
      input: (c) => ({
        body: {
          employeeId: idOf(c.ids.employee, 'rep2'),
          kind: 'fine',
          type: 'other',
          day: '2026-10-20',
          amountFen: -100,
        },
      }),
      path: 'body.amountFen',
    },
  },
  'POST /api/v1/incidents/:id/appeal': {
    as: 'rep1',
    valid: async (c) => {
      const incident = await newIncident(c);
      return { params: { id: incident.id }, body: { reason: '当日已检查', version: incident.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'appealed', appealReason: '当日已检查' }),
    bad: { input: () => ({ params: { id: w.incident.id }, body: { version: 1 } }), path: 'body.reason' },
    outside: [
      {
        as: 'rep2',
        why: "a peer's fine",
        input: () => ({
          params: { id: w.incident.id },
          body: { reason: '代为申诉', version: w.incident.version },
        }),
      },
      otherIncident((r) => ({ reason: '越权', version: r.version })),
    ],
  },
  'POST /api/v1/incidents/:id/decide': {
    as: 'manager1',
    valid: async (c) => {
      const incident = await newIncident(c, true);
      return { params: { id: incident.id }, body: { decision: 'upheld', version: incident.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'upheld', decidedBy: 'manager1' }),
    bad: {
      input: () => ({ params: { id: w.incident.id }, body: { decision: 'forgiven', version: 1 } }),
      path: 'body.decision',
    },
    outside: [
      {
        as: 'manager2',
        why: 'an East fine, outside the South manager',
        input: async (c) => {
          const incident = await newIncident(c, true);
          return { params: { id: incident.id }, body: { decision: 'upheld', version: incident.version } };
        },
      },
      otherIncident((r) => ({ decision: 'cancelled', version: r.version })),
    ],
  },
};
