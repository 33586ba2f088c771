import type { PlanStatus, SplitMethodName, TargetMetric } from '@zuzhang/api-schema';
import { fen } from '../sales-common/money.ts';

/*
 * Targets travel as integers: fen for money metrics, a count for new customers. These are the one place the
 * web turns them into text, so a figure reads the same on the plan, the dashboard and the ranking.
 */

/** The API's metrics, listed here (type-checked against api-schema) so the bundle does not carry zod. */
export const TARGET_METRICS = [
  'sales',
  'collections',
  'new_customers',
  'category_sales',
] as const satisfies readonly TargetMetric[];

export const PLAN_STATUSES = ['draft', 'published', 'superseded'] as const satisfies readonly PlanStatus[];

export const SPLIT_METHODS = [
  'equal',
  'weights',
  'history',
  'headcount',
  'manual',
] as const satisfies readonly SplitMethodName[];

/** The three tiers 目标 / 挑战 / 冲刺, lowest first. */
export const TIERS = ['target', 'stretch', 'challenge'] as const;
export type Tier = (typeof TIERS)[number];

/** Metrics the dashboards and rankings offer without asking for a category. */
export const PLAIN_METRICS = [
  'sales',
  'collections',
  'new_customers',
] as const satisfies readonly TargetMetric[];

export function isMoneyMetric(metric: TargetMetric): boolean {
  return metric !== 'new_customers';
}

/** ¥1,234.50 for money metrics, 1,234 for a count of new customers; an em dash for "no figure". */
export function formatTarget(metric: TargetMetric, value: number | null | undefined): string {
  if (value === null || value === undefined) return '\u2014';
  return isMoneyMetric(metric) ? fen(value) : value.toLocaleString('en-US');
}

/**
 * A ratio (1 = 100%) as a percentage with one decimal: attainment, share, coverage, change. Only shown
 * here, never computed with; the server's figure stays the number of record.
 */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '\u2014';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A change with its sign: +12.5%, −3.0%. */
export function formatChange(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '\u2014';
  const text = formatRatio(Math.abs(ratio));
  return ratio > 0 ? `+${text}` : ratio < 0 ? `\u2212${text}` : text;
}
