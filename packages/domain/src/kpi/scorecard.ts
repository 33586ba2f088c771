import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import type { KpiCode } from './indicators.ts';
import {
  DEFAULT_GRADE_BANDS,
  gradeOf,
  scoreIndicator,
  weightedScore,
  type Grade,
  type GradeBand,
} from './scoring.ts';
import type { ScorecardLine } from './templates.ts';

export interface ScoredLine {
  code: KpiCode;
  weight: number;
  value: Decimal;
  /** Exact points of the line; only the final score is rounded. */
  points: Decimal;
}

export interface ScorecardResult {
  lines: ScoredLine[];
  score: Decimal;
  grade: Grade;
}

/**
 * Score a filled scorecard: each line's value on its curve, the weighted total rounded to one decimal, and
 * its grade. Every line needs a value: a review is final only when nothing is left blank.
 */
export function scoreScorecard(
  lines: readonly ScorecardLine[],
  values: Partial<Record<KpiCode, Decimal.Value>>,
  bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS,
): ScorecardResult {
  const scored = lines.map((line) => {
    const value = values[line.code];
    if (value === undefined) throw new RangeError(`no value for KPI ${line.code}`);
    return {
      code: line.code,
      weight: line.weight,
      value: new Dec(value),
      points: scoreIndicator(line.curve, value),
    };
  });
  const score = weightedScore(scored);
  return { lines: scored, score, grade: gradeOf(score, bands) };
}
