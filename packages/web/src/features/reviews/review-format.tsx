import { Tag } from 'antd';
import type { Grade, ReviewStatus, ScoringCurve } from '@zuzhang/api-schema';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';
import { fen } from '../sales-common/money.ts';

export const REVIEW_STATUSES = [
  'draft',
  'rated',
  'appealed',
  'confirmed',
  'final',
] as const satisfies readonly ReviewStatus[];

const STATUS_COLOR: Record<ReviewStatus, string> = {
  draft: 'default',
  rated: 'processing',
  appealed: 'orange',
  confirmed: 'green',
  final: 'cyan',
};

export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="review-status">
      {t(`reviews.status.${status}`)}
    </Tag>
  );
}

const GRADE_COLOR: Record<Grade, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };

export function GradeTag({ grade }: { grade: Grade | null }) {
  if (!grade) return null;
  return (
    <Tag color={GRADE_COLOR[grade]} style={{ fontWeight: 600 }}>
      {grade}
    </Tag>
  );
}

/** "1.032" → "103.2%": a ratio read as a percentage (display only). */
function percent(value: string): string {
  return `${Number((Number(value) * 100).toFixed(2))}%`;
}

/** An indicator's value in its unit: a ratio as a percentage, fen as money, a count or a rating as it is. */
export function formatKpiValue(value: string | null, unit: string): string {
  if (value === null) return '\u2014';
  if (unit === 'ratio') return percent(value);
  if (unit === 'fen') return fen(Number(value));
  return String(Number(value));
}

/** The figures behind a computed attainment (actual ÷ target): money in fen, else counts. */
export function formatActual(value: number, unit: string): string {
  return unit === 'ratio' || unit === 'fen' ? fen(value) : String(value);
}

/** Points (0–100, exact decimals) shown with at most two decimals. */
export function formatPoints(points: string | null): string {
  return points === null ? '\u2014' : String(Number(Number(points).toFixed(2)));
}

/** How a curve turns the value into points, in a short sentence. */
export function describeCurve(curve: ScoringCurve, unit: string, t: Translate): string {
  if (curve.kind === 'linear') {
    const target = unit === 'ratio' ? percent(String(curve.target)) : String(curve.target);
    return t('reviews.curve.linear', { target, cap: String(curve.cap ?? 100) });
  }
  if (curve.kind === 'rating') return t('reviews.curve.rating', { min: curve.min, max: curve.max });
  const steps = curve.steps
    .map((s) => `≥${unit === 'ratio' ? percent(String(s.atLeast)) : String(s.atLeast)} → ${String(s.points)}`)
    .join(' / ');
  return t('reviews.curve.thresholds', { steps });
}
