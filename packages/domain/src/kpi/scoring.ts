import Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';

/**
 * Scoring curves of 绩效考核: each indicator's raw figure (an attainment, a count, a rating) becomes 0–100
 * points; the scorecard's weights (权重, adding up to 100) turn the points into one score; bands turn the
 * score into a grade. Points stay exact decimals until the final score, which is rounded once, to one
 * decimal, half away from zero (四舍五入).
 */
export type ScoringCurve =
  /** points = value ÷ target × 100, at most `cap` (default 100), never below 0. */
  | { kind: 'linear'; target: Decimal.Value; cap?: Decimal.Value }
  /** points of the highest step whose `atLeast` the value reaches; 0 below every step. */
  | { kind: 'thresholds'; steps: readonly ThresholdStep[] }
  /** a whole-number rating on min..max; points = rating ÷ max × 100 (on 1–5: 3 → 60, 5 → 100). */
  | { kind: 'rating'; min: number; max: number };

export interface ThresholdStep {
  atLeast: Decimal.Value;
  points: Decimal.Value;
}

/** A problem with a scorecard the user can fix; the server translates `key` with `params`. */
export interface ScorecardIssue {
  path: string;
  key: string;
  params: Record<string, string | number>;
}

export const KPI_MAX_POINTS = 100;

function isWithinPoints(value: Decimal.Value): boolean {
  const d = new Dec(value);
  return d.gte(0) && d.lte(KPI_MAX_POINTS);
}

/** Problems with a curve a user wrote, each naming the field to correct. An empty list = usable. */
export function validateCurve(curve: ScoringCurve, path = 'curve'): ScorecardIssue[] {
  const issues: ScorecardIssue[] = [];
  if (curve.kind === 'linear') {
    if (!new Dec(curve.target).gt(0)) {
      issues.push({ path: `${path}.target`, key: 'kpi.curveTargetPositive', params: {} });
    }
    if (curve.cap !== undefined && !isWithinPoints(curve.cap)) {
      issues.push({ path: `${path}.cap`, key: 'kpi.pointsRange', params: { max: KPI_MAX_POINTS } });
    }
  } else if (curve.kind === 'thresholds') {
    if (curve.steps.length === 0) issues.push({ path: `${path}.steps`, key: 'kpi.stepsEmpty', params: {} });
    curve.steps.forEach((step, i) => {
      if (!isWithinPoints(step.points)) {
        issues.push({
          path: `${path}.steps[${i}].points`,
          key: 'kpi.pointsRange',
          params: { max: KPI_MAX_POINTS },
        });
      }
      const previous = curve.steps[i - 1];
      // "Ordered steps": written from the lowest bar up, so the table reads like the rule it states.
      if (previous !== undefined && !new Dec(step.atLeast).gt(previous.atLeast)) {
        issues.push({ path: `${path}.steps[${i}].atLeast`, key: 'kpi.stepsOrder', params: {} });
      }
    });
  } else if (
    !Number.isInteger(curve.min) ||
    !Number.isInteger(curve.max) ||
    curve.min < 0 ||
    curve.min >= curve.max
  ) {
    issues.push({ path: `${path}.max`, key: 'kpi.ratingScale', params: { min: curve.min, max: curve.max } });
  }
  return issues;
}

function assertUsable(curve: ScoringCurve): void {
  const issues = validateCurve(curve);
  if (issues.length > 0)
    throw new RangeError(`unusable scoring curve: ${issues.map((i) => i.key).join(', ')}`);
}

/** Points (0–100, exact, not rounded) that `value` earns on `curve`. */
export function scoreIndicator(curve: ScoringCurve, value: Decimal.Value): Decimal {
  assertUsable(curve);
  const v = new Dec(value);
  if (curve.kind === 'linear') {
    const points = v.dividedBy(curve.target).times(100);
    return Dec.max(0, Dec.min(points, curve.cap ?? KPI_MAX_POINTS));
  }
  if (curve.kind === 'thresholds') {
    let points = new Dec(0);
    for (const step of curve.steps) if (v.gte(step.atLeast)) points = new Dec(step.points);
    return points;
  }
  // A rating outside the rubric's scale, or between its levels, is a slip of the reviewer, not a score.
  if (!v.isInteger() || v.lt(curve.min) || v.gt(curve.max)) {
    throw new RangeError(`rating ${v.toString()} is not a whole number from ${curve.min} to ${curve.max}`);
  }
  return v.dividedBy(curve.max).times(100);
}

export interface WeightedItem {
  weight: Decimal.Value;
  points: Decimal.Value;
}

/**
 * 权重 must add up to exactly 100 (issue 5, "weights that add up to 100"); each weight is above 0 and at
 * most 100. `path` names the list, so the errors point at the line to correct.
 */
export function validateWeights(
  items: readonly { weight: Decimal.Value }[],
  path = 'lines',
): ScorecardIssue[] {
  const issues: ScorecardIssue[] = [];
  let sum = new Dec(0);
  items.forEach((item, i) => {
    const weight = new Dec(item.weight);
    if (weight.lte(0) || weight.gt(100)) {
      issues.push({
        path: `${path}[${i}].weight`,
        key: 'kpi.weightRange',
        params: { weight: weight.toString() },
      });
    }
    sum = sum.plus(weight);
  });
  if (!sum.eq(100)) issues.push({ path, key: 'kpi.weightsSum', params: { sum: sum.toString() } });
  return issues;
}

/** Final score: Σ weight × points ÷ 100, rounded once to one decimal, half away from zero. */
export function weightedScore(items: readonly WeightedItem[]): Decimal {
  const issues = validateWeights(items);
  if (issues.length > 0) throw new RangeError(`weights do not add up to 100: ${JSON.stringify(issues)}`);
  const total = items.reduce((sum, item) => sum.plus(new Dec(item.weight).times(item.points)), new Dec(0));
  return total.dividedBy(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
}

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradeBand {
  grade: Grade;
  atLeast: Decimal.Value;
}

/** The issue's bands: A ≥ 90, B ≥ 80, C ≥ 60, D below. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'A', atLeast: 90 },
  { grade: 'B', atLeast: 80 },
  { grade: 'C', atLeast: 60 },
  { grade: 'D', atLeast: 0 },
];

/**
 * Grade of a final (already rounded) score: the first band, from the highest bar down, the score reaches;
 * below every bar, the lowest band. Grading the rounded score means the number on the scorecard and the
 * grade beside it always agree (89.95 shows as 90.0 and is an A).
 */
export function gradeOf(score: Decimal.Value, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): Grade {
  if (bands.length === 0) throw new RangeError('no grade bands');
  const sorted = [...bands].sort((a, b) => new Dec(b.atLeast).comparedTo(a.atLeast));
  const s = new Dec(score);
  const band = sorted.find((b) => s.gte(b.atLeast)) ?? sorted[sorted.length - 1];
  return band!.grade;
}

export type GradeQuota = Record<Grade, Decimal.Value>;

export interface RankedScore<Id extends string | number> {
  id: Id;
  score: Decimal.Value;
}

export interface DistributedGrade<Id extends string | number> {
  id: Id;
  score: Decimal;
  grade: Grade;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * 强制分布: grades by rank instead of by band. People are ranked by score, highest first, then by id, so
 * the result never depends on the order they were passed in. The k-th grade covers ranks from
 * round(n × quotas before it) to round(n × quotas up to it), rounding half up, so the grade counts always
 * add up to n.
 *
 * Ties at a boundary: people with the same score always get the same grade, the better one. When a tie
 * runs across a boundary, the better grade takes everyone in the tie and the next grade gets fewer people
 * (it may get none); the boundaries after it do not move. Reason: two people with the same score and
 * different grades is a dispute the company cannot answer, and the id is no ground for a grade.
 */
export function forceDistribution<Id extends string | number>(
  scores: readonly RankedScore<Id>[],
  quota: GradeQuota,
): DistributedGrade<Id>[] {
  const shares = GRADES.map((g) => new Dec(quota[g]));
  if (shares.some((s) => s.lt(0)) || !Dec.sum(...shares).eq(1)) {
    throw new RangeError(`grade quotas must be at least 0 and add up to 1, got ${shares.join(' + ')}`);
  }
  const ranked = scores
    .map((s) => ({ id: s.id, score: new Dec(s.score) }))
    .sort((a, b) => b.score.comparedTo(a.score) || compareIds(a.id, b.id));
  const n = ranked.length;
  // Rank below which each grade ends: cumulative quota × n, rounded half up.
  let cumulative = new Dec(0);
  const ends = shares.map((share) => {
    cumulative = cumulative.plus(share);
    return cumulative.times(n).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  });
  const result: DistributedGrade<Id>[] = [];
  ranked.forEach((person, rank) => {
    const previous = result[rank - 1];
    const gradeIndex = ends.findIndex((end) => rank < end);
    const grade =
      previous !== undefined && previous.score.eq(person.score) ? previous.grade : GRADES[gradeIndex]!;
    result.push({ ...person, grade });
  });
  return result;
}
