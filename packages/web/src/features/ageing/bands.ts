import type { AgeingReport } from '@zuzhang/api-schema';

/** Ageing bands: not yet due, then days overdue (AgeingBands in api-schema, AGEING_BANDS in the domain). */
export const BANDS = [
  'current',
  '0-30',
  '31-60',
  '61-90',
  '90+',
] as const satisfies readonly (keyof AgeingReport['totals']['bands'])[];
export type Band = (typeof BANDS)[number];

export const BAND_COLORS: Record<Band, string> = {
  current: '#52c41a',
  '0-30': '#fadb14',
  '31-60': '#fa8c16',
  '61-90': '#f5222d',
  '90+': '#820014',
};
