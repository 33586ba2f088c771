import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  Dec,
  forceDistribution,
  gradeOf,
  parsePeriod,
  scoreIndicator,
  scoreScorecard,
  type Grade,
  type GradeQuota,
  type KpiCode,
  type KpiSource,
  type ParsedPeriod,
} from '@zuzhang/domain';
import type {
  AppealBody,
  CloseReviewCycleBody,
  CloseReviewCycleResult,
  CreateReviewCycleBody,
  DecideReviewAppealBody,
  Locale,
  PageQuery,
  Review,
  ReviewCycleResult,
  ReviewListQuery,
  ReviewStatus,
  ReviewSummary,
  ReviewVersionBody,
  UpdateReviewBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  AppError,
  fieldError,
  notFound,
  staleVersion,
  type ErrorDetail,
} from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { translate, type MessageKey } from '../../platform/i18n/i18n.ts';
import { users } from '../auth/auth.table.ts';
import { assignments, employees, positions, units } from '../org/org.table.ts';
import { reviews, scorecardTemplates } from './reviews.table.ts';
import { bandsOf, indicatorByCode, presentKpi, type TemplateLine } from './scorecards.service.ts';
import { computeIndicators, type IndicatorFigure, type Reviewee } from './review-indicators.ts';

/**
 * 绩效考核 (issue 5 item 3). A cycle makes one draft review per person in scope whose position has an
 * active template, its computed indicators filled from the system's data. The superior (review.rate, the
 * person in their scope, never themself) rates the rest with comments and submits; the employee confirms
 * or appeals with a reason; the next level up (review.decide: neither the rater nor the employee, and the
 * rater within their scope) rejects the appeal (the score stands, final) or accepts it (the review goes
 * back to draft to be corrected, then submitted again). The final score is Σ weight × points ÷ 100, one
 * decimal, half away from zero; grades by the template's bands, or by forced distribution when the cycle
 * is closed.
 */

export interface StoredItem {
  code: KpiCode;
  weight: number;
  curve: TemplateLine['curve'];
  /** Decimal string; null until filled. */
  value: string | null;
  filledBy: 'system' | 'rater' | null;
  note: { key: MessageKey; params: Record<string, string | number> } | null;
  actual: number | null;
  target: number | null;
  comment: string;
}

const SETTLED: readonly ReviewStatus[] = ['confirmed', 'final'];

const raters = alias(users, 'rater');
const deciders = alias(users, 'decider');

function selectReviews(db: Executor) {
  return db
    .select({
      r: reviews,
      employeeName: employees.name,
      templateName: scorecardTemplates.name,
      ratedBy: raters.username,
      decidedBy: deciders.username,
    })
    .from(reviews)
    .innerJoin(employees, eq(employees.id, reviews.employeeId))
    .innerJoin(scorecardTemplates, eq(scorecardTemplates.id, reviews.templateId))
    .leftJoin(raters, eq(raters.id, reviews.ratedByUserId))
    .leftJoin(deciders, eq(deciders.id, reviews.decidedByUserId));
}
type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviews>['where']>>[number];

function presentSummary(row: ReviewRow): ReviewSummary {
  return {
    id: row.r.id,
    employeeId: row.r.employeeId,
    employeeName: row.employeeName,
    templateId: row.r.templateId,
    templateName: row.templateName,
    period: row.r.period,
    status: row.r.status as ReviewStatus,
    score: row.r.score === null ? null : new Dec(row.r.score).toFixed(1),
    grade: (row.r.grade as Grade | null) ?? null,
    ratedBy: row.ratedBy,
    version: row.r.version,
  };
}

function pointsOf(item: StoredItem): string | null {
  return item.value === null ? null : scoreIndicator(item.curve, item.value).toString();
}

function presentReview(row: ReviewRow, locale: Locale): Review {
  const items = (row.r.items as StoredItem[]).map((item) => ({
    ...presentKpi(indicatorByCode(item.code)!, locale, item.curve),
    weight: item.weight,
    value: item.value,
    points: pointsOf(item),
    filledBy: item.filledBy,
    note: item.note ? translate(locale, item.note.key, item.note.params) : null,
    actual: item.actual,
    target: item.target,
    comment: item.comment,
  }));
  // An appeal decided: rejected leaves the review final; accepted sends it back to be corrected.
  const decision = row.r.decidedAt === null ? null : row.r.status === 'final' ? 'rejected' : 'accepted';
  return {
    ...presentSummary(row),
    items,
    ratedAt: row.r.ratedAt?.toISOString() ?? null,
    confirmedAt: row.r.confirmedAt?.toISOString() ?? null,
    appeal:
      row.r.appealReason === null
        ? null
        : {
            reason: row.r.appealReason,
            decision,
            note: row.r.appealDecision,
            decidedBy: row.decidedBy,
            decidedAt: row.r.decidedAt?.toISOString() ?? null,
          },
    createdAt: row.r.createdAt.toISOString(),
  };
}

/** Score and grade of the items when every one has a value; null while any is blank. */
function scoreOf(items: readonly StoredItem[], template: { bands: unknown }) {
  if (items.some((i) => i.value === null)) return { score: null, grade: null };
  const result = scoreScorecard(
    items,
    Object.fromEntries(items.map((i) => [i.code, i.value!])),
    bandsOf(template),
  );
  return { score: result.score.toFixed(1), grade: result.grade as string };
}

// ---- reading -------------------------------------------------------------------------------------

export async function getReview(db: Executor, actor: Actor, id: number, locale: Locale): Promise<Review> {
  const [row] = await selectReviews(db).where(
    and(
      eq(reviews.id, id),
      eq(reviews.companyId, actor.companyId),
      inScope.employee(actor, reviews.employeeId),
    ),
  );
  if (!row) throw notFound('entity.review');
  return presentReview(row, locale);
}

async function pageOfReviews(db: Db, actor: Actor, query: PageQuery, filter: ReturnType<typeof and>) {
  const where = and(
    eq(reviews.companyId, actor.companyId),
    inScope.employee(actor, reviews.employeeId),
    filter,
  );
  const order = orderByOf(
    { ...query, order: query.sort ? query.order : 'desc' },
    {
      period: reviews.period,
      employeeName: employees.name,
      score: reviews.score,
      status: reviews.status,
      createdAt: reviews.createdAt,
    },
    'period',
    reviews.id,
  );
  return pageOf(
    db,
    query,
    selectReviews(db)
      .where(where)
      .orderBy(...order),
    db
      .select({ n: count() })
      .from(reviews)
      .innerJoin(employees, eq(employees.id, reviews.employeeId))
      .where(where),
    (rows) => rows.map(presentSummary),
  );
}

/** Reviews in the caller's scope (everyone sees their own), newest period first unless sorted. */
export async function listReviews(db: Db, actor: Actor, query: ReviewListQuery) {
  return pageOfReviews(
    db,
    actor,
    query,
    and(
      query.period ? eq(reviews.period, query.period) : undefined,
      query.employeeId ? eq(reviews.employeeId, query.employeeId) : undefined,
      query.status ? eq(reviews.status, query.status) : undefined,
    ),
  );
}

/** One person's reviews over time; 404 for a person outside the caller's scope. */
export async function listEmployeeReviews(db: Db, actor: Actor, employeeId: number, query: PageQuery) {
  const [employee] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(
      and(
        eq(employees.id, employeeId),
        eq(employees.companyId, actor.companyId),
        inScope.employee(actor, employees.id),
      ),
    );
  if (!employee) throw notFound('entity.employee');
  return pageOfReviews(db, actor, query, eq(reviews.employeeId, employeeId));
}

// ---- cycles --------------------------------------------------------------------------------------

function checkPeriod(actor: Actor, text: string): ParsedPeriod {
  const period = parsePeriod(text);
  if (period.from > actor.today) {
    throw new AppError('business_rule', 'reviews.periodInFuture', { period: text }, [
      { path: 'body.period', key: 'reviews.periodInFuture', params: { period: text } },
    ]);
  }
  return period;
}

/** The units from `unitId` down, when it is in the company and the caller's scope; else a 400. */
async function unitTreeOf(tx: Executor, actor: Actor, unitId: number | undefined): Promise<number[] | null> {
  if (unitId === undefined) return null;
  const rows = await tx
    .select({ id: units.id, parentId: units.parentId })
    .from(units)
    .where(eq(units.companyId, actor.companyId));
  if (!rows.some((u) => u.id === unitId) || !isInScope.unit(actor, unitId)) {
    throw fieldError('body.unitId', 'field.notInCompany', { entity: 'entity.unit' });
  }
  const tree = [unitId];
  for (let i = 0; i < tree.length; i++) for (const u of rows) if (u.parentId === tree[i]) tree.push(u.id);
  return tree;
}

interface Candidate extends Reviewee {
  positionId: number;
}

/** People in scope holding a primary position on `day` (in the unit tree when given), one row each. */
async function loadPeople(
  tx: Executor,
  actor: Actor,
  day: string,
  unitTree: number[] | null,
  employeeId?: number,
): Promise<Candidate[]> {
  const rows = await tx
    .select({ employeeId: assignments.employeeId, positionId: positions.id, unitId: positions.unitId })
    .from(assignments)
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .where(
      and(
        eq(assignments.companyId, actor.companyId),
        eq(assignments.kind, 'primary'),
        lte(assignments.startDate, day),
        or(isNull(assignments.endDate), gte(assignments.endDate, day)),
        inScope.employee(actor, assignments.employeeId),
        unitTree ? inArray(positions.unitId, unitTree) : undefined,
        employeeId === undefined ? undefined : eq(assignments.employeeId, employeeId),
      ),
    )
    .orderBy(asc(assignments.employeeId), desc(assignments.startDate), desc(assignments.id));
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.employeeId) && seen.add(r.employeeId));
}

const refDayOf = (period: ParsedPeriod, today: string) => (period.to < today ? period.to : today);

function itemsFromFigures(
  lines: readonly TemplateLine[],
  figures: Map<KpiSource, IndicatorFigure>,
): StoredItem[] {
  return lines.map((line) => {
    const kpi = indicatorByCode(line.code)!;
    const f = kpi.kind === 'computed' ? figures.get(kpi.source) : undefined;
    return {
      code: line.code,
      weight: line.weight,
      curve: line.curve,
      value: f?.value?.toString() ?? null,
      filledBy: f?.value ? 'system' : null,
      note: f?.note ?? null,
      actual: f?.actual ?? null,
      target: f?.target ?? null,
      comment: '',
    };
  });
}

function sourcesOf(lines: readonly TemplateLine[]): Set<KpiSource> {
  return new Set(lines.flatMap((l) => indicatorByCode(l.code)?.source ?? []));
}

/**
 * Open a cycle: a draft review for everyone in scope (in `unitId` and below when given) whose position has
 * an active template of the period's kind. People who already have a review for the period are left as
 * they are, so running it again only adds whoever was missing.
 */
export async function createReviewCycle(
  db: Db,
  actor: Actor,
  body: CreateReviewCycleBody,
): Promise<ReviewCycleResult> {
  const { actingForEmployeeId } = authorize(actor, 'review.rate');
  const period = checkPeriod(actor, body.period);
  const result = await db.transaction(async (tx) => {
    const unitTree = await unitTreeOf(tx, actor, body.unitId);
    const people = await loadPeople(tx, actor, refDayOf(period, actor.today), unitTree);
    const templates = people.length
      ? await tx
          .select()
          .from(scorecardTemplates)
          .where(
            and(
              eq(scorecardTemplates.companyId, actor.companyId),
              eq(scorecardTemplates.status, 'active'),
              eq(scorecardTemplates.cycle, period.grain),
              inArray(scorecardTemplates.positionId, [...new Set(people.map((p) => p.positionId))]),
            ),
          )
          .orderBy(desc(scorecardTemplates.id))
      : [];
    const templateOf = new Map<number, (typeof templates)[number]>();
    for (const t of templates) if (!templateOf.has(t.positionId!)) templateOf.set(t.positionId!, t);
    const reviewed = people.filter((p) => templateOf.has(p.positionId));
    const existing = reviewed.length
      ? await tx
          .select({ employeeId: reviews.employeeId })
          .from(reviews)
          .where(
            and(
              eq(reviews.companyId, actor.companyId),
              eq(reviews.period, period.text),
              inArray(
                reviews.employeeId,
                reviewed.map((p) => p.employeeId),
              ),
            ),
          )
      : [];
    const has = new Set(existing.map((e) => e.employeeId));
    const fresh = reviewed.filter((p) => !has.has(p.employeeId));
    const sources = new Set(
      fresh.flatMap((p) => [...sourcesOf(templateOf.get(p.positionId)!.lines as TemplateLine[])]),
    );
    const figures = await computeIndicators(tx, actor.companyId, period, actor.today, fresh, sources);
    let created = 0;
    for (const p of fresh) {
      const template = templateOf.get(p.positionId)!;
      const items = itemsFromFigures(template.lines as TemplateLine[], figures.get(p.employeeId)!);
      const inserted = await tx
        .insert(reviews)
        .values({
          companyId: actor.companyId,
          employeeId: p.employeeId,
          templateId: template.id,
          period: period.text,
          items,
          ...scoreOf(items, template),
        })
        .onConflictDoNothing()
        .returning({ id: reviews.id });
      created += inserted.length;
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'review_cycle',
      entityId: period.text,
      after: { unitId: body.unitId ?? null, created, unchanged: reviewed.length - created },
      actingForEmployeeId,
    });
    return { ids: reviewed.map((p) => p.employeeId), created, unchanged: reviewed.length - created };
  });
  const rows = result.ids.length
    ? await selectReviews(db)
        .where(
          and(
            eq(reviews.companyId, actor.companyId),
            eq(reviews.period, period.text),
            inArray(reviews.employeeId, result.ids),
          ),
        )
        .orderBy(asc(employees.name), asc(reviews.id))
    : [];
  return {
    period: period.text,
    created: result.created,
    unchanged: result.unchanged,
    reviews: rows.map(presentSummary),
  };
}

/**
 * Close a cycle: every review of the period in scope (in `unitId` and below) must be settled (confirmed,
 * or final after an appeal); templates with a forced distribution (强制分布) then grade their reviews by
 * rank instead of by band. Closing again grades the same way again.
 */
export async function closeReviewCycle(
  db: Db,
  actor: Actor,
  body: CloseReviewCycleBody,
): Promise<CloseReviewCycleResult> {
  const { actingForEmployeeId } = authorize(actor, 'review.decide');
  const period = checkPeriod(actor, body.period);
  const ids = await db.transaction(async (tx) => {
    const unitTree = await unitTreeOf(tx, actor, body.unitId);
    const people = unitTree ? await loadPeople(tx, actor, refDayOf(period, actor.today), unitTree) : null;
    const rows = await tx
      .select({ r: reviews, t: scorecardTemplates })
      .from(reviews)
      .innerJoin(scorecardTemplates, eq(scorecardTemplates.id, reviews.templateId))
      .where(
        and(
          eq(reviews.companyId, actor.companyId),
          eq(reviews.period, period.text),
          inScope.employee(actor, reviews.employeeId),
          people ? inArray(reviews.employeeId, [-1, ...people.map((p) => p.employeeId)]) : undefined,
        ),
      )
      .for('update', { of: reviews });
    const open = rows.filter((r) => !SETTLED.includes(r.r.status as ReviewStatus));
    if (open.length > 0) {
      throw new AppError('business_rule', 'reviews.cycleOpen', { period: period.text, count: open.length }, [
        {
          path: 'body.period',
          key: 'reviews.cycleOpen',
          params: { period: period.text, count: open.length },
        },
      ]);
    }
    const byTemplate = new Map<number, typeof rows>();
    for (const row of rows) byTemplate.set(row.t.id, [...(byTemplate.get(row.t.id) ?? []), row]);
    let changed = 0;
    for (const group of byTemplate.values()) {
      const template = group[0]!.t;
      const quota = template.distribution as GradeQuota | null;
      const grades = quota
        ? new Map(
            forceDistribution(
              group.map((g) => ({ id: g.r.id, score: g.r.score ?? '0' })),
              quota,
            ).map((d) => [d.id, d.grade as string]),
          )
        : new Map(group.map((g) => [g.r.id, gradeOf(g.r.score ?? '0', bandsOf(template)) as string]));
      for (const { r } of group) {
        const grade = grades.get(r.id)!;
        if (grade === r.grade) continue;
        await tx
          .update(reviews)
          .set({ grade, version: r.version + 1 })
          .where(eq(reviews.id, r.id));
        changed++;
      }
    }
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'review_cycle',
      entityId: period.text,
      after: { unitId: body.unitId ?? null, reviews: rows.length, regraded: changed },
      actingForEmployeeId,
    });
    return rows.map((r) => r.r.id);
  });
  const rows = ids.length
    ? await selectReviews(db).where(inArray(reviews.id, ids)).orderBy(asc(employees.name), asc(reviews.id))
    : [];
  return { period: period.text, closed: rows.length, reviews: rows.map(presentSummary) };
}

// ---- the rater -----------------------------------------------------------------------------------

type ReviewRecord = typeof reviews.$inferSelect;

async function loadForChange(tx: Executor, actor: Actor, id: number, version: number): Promise<ReviewRecord> {
  const [row] = await tx
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.id, id),
        eq(reviews.companyId, actor.companyId),
        inScope.employee(actor, reviews.employeeId),
      ),
    )
    .for('update');
  if (!row) throw notFound('entity.review');
  if (row.version !== version) throw staleVersion('entity.review');
  return row;
}

function wrongStatus(status: string, action: string): AppError {
  const params = { status: `reviews.status.${status}`, action: `reviews.action.${action}` };
  return new AppError('business_rule', 'reviews.wrongStatus', params, [
    { path: 'params.id', key: 'reviews.wrongStatus', params },
  ]);
}

/** 上级评分: nobody rates their own review. */
function assertNotOwn(actor: Actor, review: ReviewRecord) {
  if (actor.employeeId !== null && actor.employeeId === review.employeeId) {
    throw new AppError('forbidden', 'reviews.notOwnReview');
  }
}

async function save(
  tx: Executor,
  actor: Actor,
  before: ReviewRecord,
  set: Partial<ReviewRecord>,
  action: string,
  actingForEmployeeId: number | null,
) {
  const [after] = await tx
    .update(reviews)
    .set({ ...set, version: before.version + 1 })
    .where(and(eq(reviews.id, before.id), eq(reviews.version, before.version)))
    .returning();
  if (!after) throw staleVersion('entity.review');
  await recordAudit(tx, actor, {
    action,
    entity: 'review',
    entityId: before.id,
    before,
    after,
    actingForEmployeeId,
  });
}

async function templateOfReview(tx: Executor, review: ReviewRecord) {
  const [template] = await tx
    .select()
    .from(scorecardTemplates)
    .where(eq(scorecardTemplates.id, review.templateId));
  return template!;
}

/** A value the rater typed for an item, or the error naming it. */
function checkValue(item: StoredItem, value: string | number, path: string): string {
  const v = new Dec(value);
  if (item.curve.kind === 'rating') {
    if (!v.isInteger() || v.lt(item.curve.min) || v.gt(item.curve.max)) {
      throw fieldError(path, 'reviews.ratingValue', { min: item.curve.min, max: item.curve.max });
    }
  } else if (v.isNegative()) {
    throw fieldError(path, 'reviews.valueNegative');
  }
  return v.toString();
}

/**
 * The rater's changes to a draft: ratings and comments, figures the system has no data for, and
 * `refresh` to fill the computed items again from today's data. Figures the system computed are not
 * typed over: the data says what it says.
 */
export async function updateReview(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateReviewBody,
  locale: Locale,
): Promise<Review> {
  const { actingForEmployeeId } = authorize(actor, 'review.rate');
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    assertNotOwn(actor, before);
    if (before.status !== 'draft') throw wrongStatus(before.status, 'edit');
    let items = structuredClone(before.items as StoredItem[]);
    if (body.refresh) items = await refreshItems(tx, actor, before, items);
    const allowed = items.map((i) => i.code).join(', ');
    body.items.forEach((input, n) => {
      const item = items.find((i) => i.code === input.code);
      if (!item)
        throw fieldError(`body.items.${n}.code`, 'reviews.itemUnknown', { code: input.code, allowed });
      if (input.value !== undefined) {
        if (item.filledBy === 'system') {
          throw fieldError(`body.items.${n}.value`, 'reviews.itemComputed', {
            label: indicatorByCode(item.code)!.label[locale],
          });
        }
        item.value = input.value === null ? null : checkValue(item, input.value, `body.items.${n}.value`);
        item.filledBy = item.value === null ? null : 'rater';
      }
      if (input.comment !== undefined) item.comment = input.comment;
    });
    const template = await templateOfReview(tx, before);
    await save(tx, actor, before, { items, ...scoreOf(items, template) }, 'update', actingForEmployeeId);
  });
  return getReview(db, actor, id, locale);
}

async function refreshItems(tx: Executor, actor: Actor, review: ReviewRecord, items: StoredItem[]) {
  const period = parsePeriod(review.period);
  const [person] = await loadPeople(tx, actor, refDayOf(period, actor.today), null, review.employeeId);
  const reviewee = { employeeId: review.employeeId, unitId: person?.unitId ?? null };
  const figures = await computeIndicators(
    tx,
    actor.companyId,
    period,
    actor.today,
    [reviewee],
    sourcesOf(items),
  );
  const mine = figures.get(review.employeeId)!;
  return items.map((item) => {
    const source = indicatorByCode(item.code)!.source;
    const f = source ? mine.get(source) : undefined;
    if (!f) return item;
    if (f.value !== null) {
      return {
        ...item,
        value: f.value.toString(),
        filledBy: 'system' as const,
        note: null,
        actual: f.actual,
        target: f.target,
      };
    }
    // Still no data: what the rater entered stays; a figure the data no longer gives is cleared.
    return item.filledBy === 'rater'
      ? { ...item, note: f.note }
      : { ...item, value: null, filledBy: null, note: f.note, actual: f.actual, target: f.target };
  });
}

/** Submit the rating: every item has a value; the score and grade are fixed, the employee is asked. */
export async function submitReview(
  db: Db,
  actor: Actor,
  id: number,
  body: ReviewVersionBody,
  locale: Locale,
): Promise<Review> {
  const { actingForEmployeeId } = authorize(actor, 'review.rate');
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    assertNotOwn(actor, before);
    if (before.status !== 'draft') throw wrongStatus(before.status, 'submit');
    const items = before.items as StoredItem[];
    const blank = items.flatMap((item, n) => (item.value === null ? [{ item, n }] : []));
    if (blank.length > 0) {
      const labels = blank.map(({ item }) => indicatorByCode(item.code)!.label[locale]).join('、');
      const details: ErrorDetail[] = blank.map(({ n }) => ({
        path: `items.${n}.value`,
        key: 'reviews.itemMissing',
      }));
      throw new AppError('business_rule', 'reviews.itemsMissing', { count: blank.length, labels }, details);
    }
    const template = await templateOfReview(tx, before);
    await save(
      tx,
      actor,
      before,
      { status: 'rated', ...scoreOf(items, template), ratedByUserId: actor.userId, ratedAt: new Date() },
      'submit',
      actingForEmployeeId,
    );
  });
  return getReview(db, actor, id, locale);
}

// ---- the employee --------------------------------------------------------------------------------

function assertEmployee(actor: Actor, review: ReviewRecord, action: string) {
  if (actor.employeeId === null || actor.employeeId !== review.employeeId) {
    throw new AppError('forbidden', 'reviews.onlyEmployee', { action: `reviews.action.${action}` });
  }
}

/** The employee agrees with the rated review (本人确认). */
export async function confirmReview(
  db: Db,
  actor: Actor,
  id: number,
  body: ReviewVersionBody,
  locale: Locale,
): Promise<Review> {
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    assertEmployee(actor, before, 'confirm');
    if (before.status !== 'rated') throw wrongStatus(before.status, 'confirm');
    await save(tx, actor, before, { status: 'confirmed', confirmedAt: new Date() }, 'confirm', null);
  });
  return getReview(db, actor, id, locale);
}

/** The employee disagrees (申诉), with a reason; the next level up decides. */
export async function appealReview(
  db: Db,
  actor: Actor,
  id: number,
  body: AppealBody,
  locale: Locale,
): Promise<Review> {
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    assertEmployee(actor, before, 'appeal');
    if (before.status !== 'rated') throw wrongStatus(before.status, 'appeal');
    await save(
      tx,
      actor,
      before,
      {
        status: 'appealed',
        appealReason: body.reason,
        appealDecision: null,
        decidedByUserId: null,
        decidedAt: null,
      },
      'appeal',
      null,
    );
  });
  return getReview(db, actor, id, locale);
}

// ---- the next level up ---------------------------------------------------------------------------

/**
 * 申诉由上一级裁定: the decider is neither the rater nor the employee, and the rater is someone within
 * the decider's scope (their superior sees them); an admin without a seat decides for the company.
 */
async function assertAboveRater(tx: Executor, actor: Actor, review: ReviewRecord) {
  const isParty =
    review.ratedByUserId === actor.userId ||
    (actor.employeeId !== null && actor.employeeId === review.employeeId);
  let raterBelow = true;
  if (!isParty && review.ratedByUserId !== null && !actor.scope.company) {
    const [rater] = await tx
      .select({ employeeId: users.employeeId })
      .from(users)
      .where(eq(users.id, review.ratedByUserId));
    const raterEmployee = rater?.employeeId ?? null;
    raterBelow =
      raterEmployee !== null &&
      raterEmployee !== actor.employeeId &&
      isInScope.employee(actor, raterEmployee);
  }
  if (isParty || !raterBelow) throw new AppError('forbidden', 'reviews.decideNotAllowed');
}

export async function decideReviewAppeal(
  db: Db,
  actor: Actor,
  id: number,
  body: DecideReviewAppealBody,
  locale: Locale,
): Promise<Review> {
  const { actingForEmployeeId } = authorize(actor, 'review.decide');
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, body.version);
    if (before.status !== 'appealed') throw wrongStatus(before.status, 'decide');
    await assertAboveRater(tx, actor, before);
    await save(
      tx,
      actor,
      before,
      {
        // Accepted: back to the rater (or the decider, who may rate too) to be corrected and submitted again.
        status: body.decision === 'reject' ? 'final' : 'draft',
        appealDecision: body.note,
        decidedByUserId: actor.userId,
        decidedAt: new Date(),
      },
      body.decision,
      actingForEmployeeId,
    );
  });
  return getReview(db, actor, id, locale);
}

/** A review's final score as a number, for pay's `score` figure: settled reviews only. */
export async function settledScores(
  tx: Executor,
  companyId: number,
  employeeIds: readonly number[],
  period: string,
): Promise<Map<number, string>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await tx
    .select({ employeeId: reviews.employeeId, score: reviews.score })
    .from(reviews)
    .where(
      and(
        eq(reviews.companyId, companyId),
        eq(reviews.period, period),
        inArray(reviews.employeeId, [...employeeIds]),
        inArray(reviews.status, [...SETTLED]),
        sql`${reviews.score} is not null`,
      ),
    );
  return new Map(rows.map((r) => [r.employeeId, new Dec(r.score!).toFixed(1)]));
}
