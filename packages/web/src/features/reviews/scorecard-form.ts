import type { ScoringCurve } from '@zuzhang/api-schema';

/** One indicator line of the scorecard editor's form. */
export interface LineValues {
  code?: string;
  weight?: number | null;
  customCurve?: boolean;
  curve?: ScoringCurve;
}

/** 权重 add up to 100: the sum of the weights typed so far (ignoring blanks). */
export function sumWeights(lines: readonly LineValues[] | undefined): number {
  // Weights may have one decimal; summing in tenths keeps 33.3 + 33.3 + 33.4 exactly 100.
  const tenths = (lines ?? []).reduce((s, l) => s + Math.round((Number(l?.weight) || 0) * 10), 0);
  return tenths / 10;
}

/** A curve as comparable text: keys sorted (the database reorders them), numbers and numeric strings alike. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}:${canonical(v)}`)
      .join(',')}}`;
  }
  return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
    ? String(Number(value))
    : JSON.stringify(value);
}
