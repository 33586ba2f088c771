import { eq } from 'drizzle-orm';
import type {
  PeriodInfo,
  PeriodProgress,
  ProgressQuery,
  ProgressReport,
  ProgressRow,
  Rankings,
  RankingsQuery,
} from '@zuzhang/api-schema';
import {
  Dec,
  attainment,
  dayCount,
  daysLeft,
  elapsedDays,
  gapToTarget,
  paceStatus,
  parsePeriod,
  periodOf,
  projectRunRate,
  rankBy,
  roundToFen,
  type PeriodGrain,
} from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { companies } from '../org/org.table.ts';
import {
  loadActuals,
  loadTargets,
  resolveTarget,
  type ActualRow,
  type MetricKey,
  type ResolvedTarget,
  type TargetRow,
} from './progress.repository.ts';
import { loadOrgView, resolveUnit, teamsBelow, type OrgView } from './progress-org.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * Progress against targets (issue 4 item 5): for each owner in scope, the target of the period, the actual
 * from the roll-ups, attainment (完成率), the run-rate projection to the period's end, the gap, the days left,
 * where they stand against the straight-line pace, and their rank. All figures come from the domain
 * (packages/domain/src/targets); this file only gathers the owners and the two reads.
 *
 * The target of a period is the published line for that very period; an owner without one gets the sum of
 * the lines of its shorter periods (a month planned only week by week: the sum of its weeks; see
 * resolveTarget); a unit with neither, the sum of its members' targets (see indexTargets).
 */

/** An owner whose figures are measured: a person, a unit (with the units below it) or the company. */
export type Owner =
  | { kind: 'person'; id: number; name: string }
  | { kind: 'unit'; id: number; name: string; subtree: Set<number>; hasChildUnits: boolean }
  | { kind: 'company'; name: string };

export function metricKeyOf(query: {
  metric: MetricKey['metric'];
  category?: string | undefined;
}): MetricKey {
  return { metric: query.metric, category: query.metric === 'category_sales' ? (query.category ?? '') : '' };
}

export function periodInfoOf(period: string, today: string): PeriodInfo {
  const p = parsePeriod(period);
  return {
    period,
    from: p.from,
    to: p.to,
    days: dayCount(period),
    elapsedDays: elapsedDays(period, today),
    daysLeft: daysLeft(period, today),
  };
}

/** One owner's figures in a period, from their actual and their target (null: none). */
export function progressOf(
  actual: number,
  target: ResolvedTarget | null,
  period: string,
  today: string,
): PeriodProgress & {
  stretch: number | null;
  challenge: number | null;
  targetSource: ProgressRow['targetSource'];
} {
  const amount = target?.target ?? null;
  const rate = amount === null ? null : attainment(actual, amount);
  let shortOfPace: number | null = null;
  if (amount !== null) {
    // 落后进度: what the straight line says should be done by today, minus what is.
    const pace = new Dec(amount).times(elapsedDays(period, today)).dividedBy(dayCount(period));
    shortOfPace = Math.max(0, roundToFen(pace.minus(actual)));
  }
  return {
    target: amount,
    stretch: target?.stretch ?? null,
    challenge: target?.challenge ?? null,
    targetSource: target?.source ?? 'none',
    actual,
    attainment: rate === null ? null : rate.toNumber(),
    projection: projectRunRate(actual, period, today),
    gap: amount === null ? null : gapToTarget(actual, amount),
    paceStatus: paceStatus(actual, amount ?? 0, period, today),
    shortOfPace,
  };
}

/** Actual rows indexed for lookup: per person, per credited team, and in all. */
export function indexActuals(rows: readonly ActualRow[]) {
  const byEmployee = new Map<number, number>();
  const byUnit = new Map<number, number>();
  let all = 0;
  for (const r of rows) {
    byEmployee.set(r.employeeId, (byEmployee.get(r.employeeId) ?? 0) + r.amount);
    byUnit.set(r.unitId, (byUnit.get(r.unitId) ?? 0) + r.amount);
    all += r.amount;
  }
  /**
   * An owner's actual: a person's own results whichever team they were in; a unit's, what was credited to
   * it or a unit below it (the team of the time, so a move does not carry past results along); the
   * company's, everything.
   */
  return (owner: Owner): number => {
    if (owner.kind === 'company') return all;
    if (owner.kind === 'person') return byEmployee.get(owner.id) ?? 0;
    let sum = 0;
    for (const u of owner.subtree) sum += byUnit.get(u) ?? 0;
    return sum;
  };
}

/** Σ of the targets there are (null when none is), as a unit's members' targets. */
function addMemberTargets(parts: readonly (ResolvedTarget | null)[]): ResolvedTarget | null {
  const given = parts.filter((p): p is ResolvedTarget => p !== null);
  if (given.length === 0) return null;
  return {
    target: given.reduce((s, p) => s + p.target, 0),
    stretch: given.reduce((s, p) => s + p.stretch, 0),
    challenge: given.reduce((s, p) => s + p.challenge, 0),
    source: 'members',
  };
}

/**
 * Every owner's target in one bucket (of `grain`) from the rows loaded for them (filterOf). A person's: their
 * own lines, in every team they were counted in. A unit's: its own lines (the period's, else its shorter
 * periods', see resolveTarget); a unit with none has its members' targets added up: the units directly
 * below it (each resolved the same way) and the people counted in it. That is how a team's week is read
 * when the lead gave out weekly tasks to the people (分解并下达本组周任务) under the team's month line, and
 * how a region without lines of its own reads its teams'. The company: its own lines, else its top units'.
 */
export function indexTargets(
  rows: readonly TargetRow[],
  grain: PeriodGrain,
  childUnitsOf: (id: number | null) => readonly { id: number }[],
) {
  const own = new Map<string, TargetRow[]>();
  /** Person lines per team counted in, then per person. */
  const counted = new Map<number, Map<number, TargetRow[]>>();
  for (const r of rows) {
    const key =
      r.ownerKind === 'company'
        ? 'company'
        : r.ownerKind === 'employee'
          ? `person:${r.employeeId}`
          : `unit:${r.unitId}`;
    own.set(key, [...(own.get(key) ?? []), r]);
    if (r.ownerKind === 'employee' && r.unitId !== null) {
      const team = counted.get(r.unitId) ?? new Map<number, TargetRow[]>();
      team.set(r.employeeId!, [...(team.get(r.employeeId!) ?? []), r]);
      counted.set(r.unitId, team);
    }
  }
  const ofUnit = new Map<number, ResolvedTarget | null>();
  const membersOf = (id: number | null): ResolvedTarget | null => {
    const people = id === null ? [] : [...(counted.get(id)?.values() ?? [])];
    return addMemberTargets([
      ...childUnitsOf(id).map((u) => unitTarget(u.id)),
      ...people.map((lines) => resolveTarget(lines, grain)),
    ]);
  };
  const unitTarget = (id: number): ResolvedTarget | null => {
    if (!ofUnit.has(id)) {
      ofUnit.set(id, null); // a unit met again below itself (never in a tree) adds nothing
      ofUnit.set(id, resolveTarget(own.get(`unit:${id}`) ?? [], grain) ?? membersOf(id));
    }
    return ofUnit.get(id)!;
  };
  return (owner: Owner): ResolvedTarget | null => {
    if (owner.kind === 'person') return resolveTarget(own.get(`person:${owner.id}`) ?? [], grain);
    if (owner.kind === 'unit') return unitTarget(owner.id);
    return resolveTarget(own.get('company') ?? [], grain) ?? membersOf(null);
  };
}

/**
 * What to read for these owners: their people, the units they cover, everything for the company. A unit's
 * targets read the lines of every unit and person below it too, for a period it has no line of its own for
 * (indexTargets): still one statement.
 */
export function filterOf(owners: readonly Owner[]) {
  const employeeIds = new Set<number>();
  const unitIds = new Set<number>();
  let company = false;
  for (const o of owners) {
    if (o.kind === 'person') employeeIds.add(o.id);
    else if (o.kind === 'unit') for (const u of o.subtree) unitIds.add(u);
    else company = true;
  }
  return {
    actuals: { all: company, employeeIds, unitIds },
    targets: { all: company, employeeIds, unitIds, teamIds: unitIds },
  };
}

/** Actuals and targets of the owners in one period: two statements, whatever the number of owners. */
export async function measureOwners(
  db: Executor,
  actor: Actor,
  key: MetricKey,
  period: string,
  owners: readonly Owner[],
  /** The unit tree (the roots for null): whose members a unit without a line of its own adds up. */
  tree: Pick<OrgView, 'childrenOf'>,
): Promise<{ owner: Owner; progress: ReturnType<typeof progressOf> }[]> {
  if (owners.length === 0) return [];
  const p = parsePeriod(period);
  const filter = filterOf(owners);
  const [actuals, targets] = await sideBySide(
    db,
    () => loadActuals(db, actor.companyId, key, p, p.grain, filter.actuals),
    () => loadTargets(db, actor.companyId, key, p, p.grain, filter.targets),
  );
  const actualOf = indexActuals(actuals);
  const targetOf = indexTargets(targets, p.grain, tree.childrenOf);
  return owners.map((owner) => ({
    owner,
    progress: progressOf(actualOf(owner), targetOf(owner), period, actor.today),
  }));
}

export function rowOf(owner: Owner, progress: ReturnType<typeof progressOf>): Omit<ProgressRow, 'rank'> {
  const { shortOfPace: _short, ...figures } = progress;
  return {
    kind: owner.kind,
    id: owner.kind === 'company' ? null : owner.id,
    name: owner.name,
    hasChildUnits: owner.kind === 'unit' ? owner.hasChildUnits : false,
    ...figures,
  };
}

export function unitOwner(view: OrgView, id: number): Owner {
  const unit = view.units.get(id)!;
  return {
    kind: 'unit',
    id,
    name: unit.name,
    subtree: view.subtreeOf(id),
    hasChildUnits: view.childrenOf(id).length > 0,
  };
}

export async function companyOwner(db: Db, actor: Actor): Promise<Owner> {
  const [row] = await db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, actor.companyId));
  return { kind: 'company', name: row?.name ?? '' };
}

/** Company figures are for company scope only (分公司 and regions see their own units). */
function requireCompanyScope(actor: Actor): void {
  if (!actor.scope.company) throw new AppError('forbidden', 'progress.companyScopeRequired');
}

/**
 * GET /progress: level=company the company; level=team the units below `unitId` (default the caller's
 * widest unit); level=person its people, each with all their own results (whichever team they were in).
 * Drilling down is the same call one level lower with a row's id as `unitId`.
 */
export async function getProgress(db: Db, actor: Actor, query: ProgressQuery): Promise<ProgressReport> {
  authorize(actor, 'target.read');
  const key = metricKeyOf(query);
  const period = query.period ?? periodOf(actor.today, 'month');
  const p = parsePeriod(period);
  let owners: Owner[];
  let total: Owner | null = null;
  let unit: ProgressReport['unit'] = null;
  if (query.level === 'company') requireCompanyScope(actor);
  const view = await loadOrgView(db, actor, p.from, p.to);
  if (query.level === 'company') {
    owners = [await companyOwner(db, actor)];
  } else {
    const unitId = resolveUnit(view, query.unitId);
    if (unitId !== null) unit = { id: unitId, name: view.units.get(unitId)!.name };
    owners =
      query.level === 'team'
        ? view.frontierOf(unitId).map((u) => unitOwner(view, u.id))
        : view
            .peopleOf(view.subtreeOf(unitId), p.from, p.to)
            .map((s) => ({ kind: 'person' as const, id: s.employeeId, name: s.name }));
    if (unitId !== null && view.seesWholeUnit(unitId)) total = unitOwner(view, unitId);
    else if (unitId === null && actor.scope.company) total = await companyOwner(db, actor);
  }
  const measured = await measureOwners(db, actor, key, period, total ? [...owners, total] : owners, view);
  // A unit with nobody seated in the period and neither a target nor a result is not a row (as in the
  // overview): one just set up, or emptied and done with.
  const rows = measured
    .slice(0, owners.length)
    .filter(
      (m) =>
        m.owner.kind !== 'unit' ||
        m.progress.target !== null ||
        m.progress.actual !== 0 ||
        view.peopleOf(m.owner.subtree, p.from, p.to).length > 0,
    )
    .map((m) => rowOf(m.owner, m.progress));
  const totalRow = total ? { ...rowOf(total, measured.at(-1)!.progress), rank: null } : null;
  return {
    metric: key.metric,
    category: key.category,
    today: actor.today,
    period: periodInfoOf(period, actor.today),
    level: query.level,
    unit,
    total: totalRow,
    rows: rankBy(rows, 'attainment'),
  };
}

/**
 * 个人 / 团队排行榜: people (or teams: units with no units below) in the caller's scope under `unitId`, who
 * have a target or a result in the period, ranked by attainment (or by actual), ties by name.
 */
export async function getRankings(db: Db, actor: Actor, query: RankingsQuery): Promise<Rankings> {
  authorize(actor, 'target.read');
  const key = metricKeyOf(query);
  const period = query.period ?? periodOf(actor.today, 'month');
  const p = parsePeriod(period);
  const view = await loadOrgView(db, actor, p.from, p.to);
  const unitId = resolveUnit(view, query.unitId);
  const unitNames = new Map<number, string | null>();
  let owners: Owner[];
  if (query.by === 'team') {
    const teams = teamsBelow(view, unitId);
    owners = teams.map((u) => unitOwner(view, u.id));
    for (const u of teams)
      unitNames.set(u.id, u.parentId === null ? null : (view.units.get(u.parentId)?.name ?? null));
  } else {
    const people = view.peopleOf(view.subtreeOf(unitId), p.from, p.to);
    owners = people.map((s) => ({ kind: 'person' as const, id: s.employeeId, name: s.name }));
    for (const s of people) unitNames.set(s.employeeId, view.units.get(s.unitId)?.name ?? null);
  }
  const measured = await measureOwners(db, actor, key, period, owners, view);
  const entrants = measured
    .filter((m) => (m.progress.target ?? 0) > 0 || m.progress.actual !== 0)
    .map((m) => ({
      ...rowOf(m.owner, m.progress),
      unitName: unitNames.get(m.owner.kind === 'company' ? 0 : m.owner.id) ?? null,
    }));
  const ranked = rankBy(entrants, query.key);
  return {
    metric: key.metric,
    category: key.category,
    today: actor.today,
    period: periodInfoOf(period, actor.today),
    by: query.by,
    key: query.key,
    unit: unitId === null ? null : { id: unitId, name: view.units.get(unitId)!.name },
    total: ranked.length,
    rows: ranked.slice(0, query.limit),
  };
}
