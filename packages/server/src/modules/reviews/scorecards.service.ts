import { and, count, eq, ne, sql } from 'drizzle-orm';
import {
  Dec,
  DEFAULT_GRADE_BANDS,
  GRADES,
  KPI_CODES,
  KPI_LIBRARY,
  validateCurve,
  validateWeights,
  type GradeBand,
  type KpiCode,
  type KpiIndicator,
  type ScorecardIssue,
  type ScorecardLine as DomainLine,
  type ScoringCurve as DomainCurve,
} from '@zuzhang/domain';
import type {
  CreateScorecardBody,
  KpiDefinition,
  Locale,
  ScorecardListQuery,
  ScorecardTemplate,
  UpdateScorecardBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  AppError,
  fieldError,
  notFound,
  staleVersion,
  type ErrorDetail,
} from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { positions } from '../org/org.table.ts';
import { reviews, scorecardTemplates } from './reviews.table.ts';

/**
 * 考核表: a scorecard template per position, its lines drawn from the KPI library (关键考核指标) with weights
 * (权重) that add up to 100 (issue 5 item 2). Reviews copy the lines when they are made, so changing a
 * template changes the next cycle, never a review already under way. A template in use is retired, not
 * deleted: the reviews made on it keep pointing at it.
 */

export type TemplateLine = DomainLine;

const LIBRARY = new Map<string, KpiIndicator>(KPI_LIBRARY.map((k) => [k.code, k]));

export function indicatorByCode(code: string): KpiIndicator | undefined {
  return LIBRARY.get(code);
}

/** One library KPI in the caller's language. */
export function presentKpi(kpi: KpiIndicator, locale: Locale, curve: DomainCurve = kpi.curve): KpiDefinition {
  return {
    code: kpi.code,
    kind: kpi.kind,
    unit: kpi.unit,
    label: kpi.label[locale],
    source: kpi.source ?? null,
    curve: curve as KpiDefinition['curve'],
    rubric: kpi.rubric
      ? {
          min: kpi.rubric.min,
          max: kpi.rubric.max,
          levels: kpi.rubric.levels.map((l) => ({
            value: l.value,
            name: l.name[locale],
            description: l.description[locale],
          })),
        }
      : null,
  };
}

export function listKpiLibrary(locale: Locale): KpiDefinition[] {
  return KPI_LIBRARY.map((k) => presentKpi(k, locale));
}

/** Domain paths (`lines[2].curve.steps[0].points`) as request paths (`body.lines.2.curve.steps.0.points`). */
function toDetail(issue: ScorecardIssue): ErrorDetail {
  return {
    path: issue.path.replace(/\[(\d+)\]/g, '.$1'),
    key: issue.key as MessageKey,
    params: issue.params,
  };
}

/**
 * The lines as the template stores them (the library's curve where none is given), or a 400 naming each
 * line to correct: unknown or repeated codes, unusable curves, weights out of range or not adding up to 100.
 */
export function prepareLines(
  input: readonly { code: string; weight: number; curve?: unknown }[],
  path = 'body.lines',
): TemplateLine[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const lines: TemplateLine[] = [];
  input.forEach((line, i) => {
    const kpi = indicatorByCode(line.code);
    if (!kpi) {
      details.push({
        path: `${path}.${i}.code`,
        key: 'reviews.codeUnknown',
        params: { code: line.code, allowed: KPI_CODES.join(', ') },
      });
      return;
    }
    if (seen.has(line.code)) {
      details.push({ path: `${path}.${i}.code`, key: 'reviews.codeDuplicate', params: { code: line.code } });
    }
    seen.add(line.code);
    const curve = (line.curve as DomainCurve | undefined) ?? kpi.curve;
    // A rated KPI is scored on its rubric's scale; a computed figure (a ratio, a count) never is.
    if ((kpi.kind === 'rated') !== (curve.kind === 'rating')) {
      details.push({
        path: `${path}.${i}.curve.kind`,
        key: kpi.kind === 'rated' ? 'reviews.curveRated' : 'reviews.curveComputed',
        params: {},
      });
    } else {
      details.push(...validateCurve(curve, `${path}[${i}].curve`).map(toDetail));
    }
    lines.push({ code: line.code as KpiCode, weight: line.weight, curve });
  });
  details.push(...validateWeights(input, path).map(toDetail));
  if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
  return lines;
}

function checkBands(bands: readonly GradeBand[] | null | undefined, path = 'body.bands'): ErrorDetail[] {
  if (!bands) return [];
  const seen = new Set<string>();
  return bands.flatMap((b, i) => {
    if (seen.has(b.grade)) {
      return [{ path: `${path}.${i}.grade`, key: 'reviews.bandsDuplicate', params: { grade: b.grade } }];
    }
    seen.add(b.grade);
    return [];
  });
}

function checkDistribution(
  distribution: Record<string, number> | null | undefined,
  path = 'body.distribution',
): ErrorDetail[] {
  if (!distribution) return [];
  const sum = Dec.sum(...GRADES.map((g) => new Dec(distribution[g] ?? 0)));
  return sum.eq(1) ? [] : [{ path, key: 'reviews.distributionSum', params: { sum: sum.toString() } }];
}

function throwIfAny(details: ErrorDetail[]) {
  if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
}

export type TemplateRow = typeof scorecardTemplates.$inferSelect;

export function bandsOf(row: Pick<TemplateRow, 'bands'>): readonly GradeBand[] {
  const bands = row.bands as GradeBand[] | null;
  return bands && bands.length > 0 ? bands : DEFAULT_GRADE_BANDS;
}

function selectTemplates(db: Executor) {
  return db
    .select({
      t: scorecardTemplates,
      positionName: positions.name,
      reviewCount:
        sql<number>`(select count(*) from ${reviews} where ${reviews.templateId} = ${scorecardTemplates.id})::int`.mapWith(
          Number,
        ),
    })
    .from(scorecardTemplates)
    .leftJoin(positions, eq(positions.id, scorecardTemplates.positionId));
}
type SelectedTemplate = Awaited<ReturnType<ReturnType<typeof selectTemplates>['where']>>[number];

export function presentLines(lines: readonly TemplateLine[], locale: Locale) {
  return lines.map((line) => ({
    ...presentKpi(indicatorByCode(line.code)!, locale, line.curve),
    weight: line.weight,
  }));
}

function presentTemplate(r: SelectedTemplate, locale: Locale): ScorecardTemplate {
  return {
    id: r.t.id,
    name: r.t.name,
    positionId: r.t.positionId,
    positionName: r.positionName,
    cycle: r.t.cycle as ScorecardTemplate['cycle'],
    lines: presentLines(r.t.lines as TemplateLine[], locale),
    bands: bandsOf(r.t).map((b) => ({ grade: b.grade, atLeast: Number(b.atLeast) })),
    distribution: (r.t.distribution as ScorecardTemplate['distribution']) ?? null,
    status: r.t.status as ScorecardTemplate['status'],
    reviewCount: r.reviewCount,
    createdAt: r.t.createdAt.toISOString(),
    version: r.t.version,
  };
}

/** Templates are company settings: everyone signed in may read them (a rep sees what they are rated on). */
export async function getScorecard(db: Executor, actor: Actor, id: number, locale: Locale) {
  const [row] = await selectTemplates(db).where(
    and(eq(scorecardTemplates.id, id), eq(scorecardTemplates.companyId, actor.companyId)),
  );
  if (!row) throw notFound('entity.scorecard');
  return presentTemplate(row, locale);
}

export async function listScorecards(db: Db, actor: Actor, query: ScorecardListQuery, locale: Locale) {
  const where = and(
    eq(scorecardTemplates.companyId, actor.companyId),
    query.positionId ? eq(scorecardTemplates.positionId, query.positionId) : undefined,
    query.status ? eq(scorecardTemplates.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      name: scorecardTemplates.name,
      createdAt: scorecardTemplates.createdAt,
      status: scorecardTemplates.status,
    },
    'name',
    scorecardTemplates.id,
  );
  return pageOf(
    db,
    query,
    selectTemplates(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(scorecardTemplates).where(where),
    (rows) => rows.map((r) => presentTemplate(r, locale)),
  );
}

async function checkPosition(tx: Executor, actor: Actor, positionId: number | null) {
  if (positionId === null) return;
  const [position] = await tx
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.id, positionId), eq(positions.companyId, actor.companyId)));
  if (!position || !isInScope.position(actor, positionId)) {
    throw fieldError('body.positionId', 'field.notInCompany', { entity: 'entity.position' });
  }
}

/** A position has one active template per cycle: a new one retires the one in force (kept for history). */
async function retireOthers(
  tx: Executor,
  actor: Actor,
  keep: TemplateRow,
  actingForEmployeeId: number | null,
) {
  if (keep.positionId === null || keep.status !== 'active') return;
  const retired = await tx
    .update(scorecardTemplates)
    .set({ status: 'retired', version: sql`${scorecardTemplates.version} + 1` })
    .where(
      and(
        eq(scorecardTemplates.companyId, actor.companyId),
        eq(scorecardTemplates.positionId, keep.positionId),
        eq(scorecardTemplates.cycle, keep.cycle),
        eq(scorecardTemplates.status, 'active'),
        ne(scorecardTemplates.id, keep.id),
      ),
    )
    .returning({ id: scorecardTemplates.id });
  for (const r of retired) {
    await recordAudit(tx, actor, {
      action: 'retire',
      entity: 'scorecard',
      entityId: r.id,
      after: { replacedBy: keep.id },
      actingForEmployeeId,
    });
  }
}

export async function createScorecard(db: Db, actor: Actor, body: CreateScorecardBody, locale: Locale) {
  const { actingForEmployeeId } = authorize(actor, 'scorecard.manage');
  const lines = prepareLines(body.lines);
  throwIfAny([...checkBands(body.bands), ...checkDistribution(body.distribution)]);
  const id = await db.transaction(async (tx) => {
    await checkPosition(tx, actor, body.positionId);
    const [row] = await tx
      .insert(scorecardTemplates)
      .values({
        companyId: actor.companyId,
        positionId: body.positionId,
        name: body.name,
        cycle: body.cycle,
        lines,
        bands: body.bands,
        distribution: body.distribution,
      })
      .returning();
    await retireOthers(tx, actor, row!, actingForEmployeeId);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'scorecard',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return row!.id;
  });
  return getScorecard(db, actor, id, locale);
}

export async function updateScorecard(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateScorecardBody,
  locale: Locale,
) {
  const { actingForEmployeeId } = authorize(actor, 'scorecard.manage');
  const lines = body.lines === undefined ? undefined : prepareLines(body.lines);
  throwIfAny([...checkBands(body.bands), ...checkDistribution(body.distribution)]);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(scorecardTemplates)
      .where(and(eq(scorecardTemplates.id, id), eq(scorecardTemplates.companyId, actor.companyId)));
    if (!before) throw notFound('entity.scorecard');
    if (before.version !== body.version) throw staleVersion('entity.scorecard');
    const [after] = await tx
      .update(scorecardTemplates)
      .set({
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.cycle === undefined ? {} : { cycle: body.cycle }),
        ...(lines === undefined ? {} : { lines }),
        ...(body.bands === undefined ? {} : { bands: body.bands }),
        ...(body.distribution === undefined ? {} : { distribution: body.distribution }),
        ...(body.status === undefined ? {} : { status: body.status }),
        version: before.version + 1,
      })
      .where(and(eq(scorecardTemplates.id, id), eq(scorecardTemplates.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.scorecard');
    await retireOthers(tx, actor, after, actingForEmployeeId);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'scorecard',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getScorecard(db, actor, id, locale);
}

/** Delete an unused template; a template reviews were made on is retired instead. */
export async function deleteScorecard(db: Db, actor: Actor, id: number): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'scorecard.manage');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(scorecardTemplates)
      .where(and(eq(scorecardTemplates.id, id), eq(scorecardTemplates.companyId, actor.companyId)))
      .for('update');
    if (!before) throw notFound('entity.scorecard');
    const [used] = await tx.select({ n: count() }).from(reviews).where(eq(reviews.templateId, id));
    if (Number(used!.n) > 0) {
      const [after] = await tx
        .update(scorecardTemplates)
        .set({ status: 'retired', version: before.version + 1 })
        .where(eq(scorecardTemplates.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'retire',
        entity: 'scorecard',
        entityId: id,
        before,
        after,
        actingForEmployeeId,
      });
      return;
    }
    await tx.delete(scorecardTemplates).where(eq(scorecardTemplates.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'scorecard',
      entityId: id,
      before,
      actingForEmployeeId,
    });
  });
}
