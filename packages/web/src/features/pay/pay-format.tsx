import { Tag } from 'antd';
import type { Locale, PayRun, PayText } from '@zuzhang/api-schema';
import { findPayFigure } from '@zuzhang/domain';
import dayjs from 'dayjs';
import { translate, useT, type MessageKey } from '../../app/i18n/i18n.tsx';
import { fen } from '../sales-common/money.ts';
import { FIGURE_SOURCES } from './plan-form.ts';

/** A plan's text (labels, explanations) in the UI language; Chinese when the English is blank. */
export function textIn(text: PayText | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text['zh-CN'];
}

/** Money with the sign in front (-¥100.00), the way the statement's explanations write it. */
export function signedFen(value: number): string {
  return value < 0 ? `-${fen(-value)}` : fen(value);
}

/** 1.032 → "103.2%": a ratio figure read as a percentage (display only, nothing is paid from it). */
export function formatRatio(ratio: number): string {
  return `${Number((ratio * 100).toFixed(4))}%`;
}

/** A figure's value in its unit: fen as money, a ratio (a number or an exact decimal string) as a percentage. */
export function formatFigure(value: number | string, unit: string | undefined): string {
  if (unit === 'fen' && typeof value === 'number') return signedFen(value);
  if (unit === 'ratio') return formatRatio(Number(value));
  return String(value);
}

/** The label and unit of a standard figure (PAY_FIGURES); unknown names are shown as written. */
export function figureInfo(name: string, locale: Locale): { label: string; unit?: string } {
  const standard = findPayFigure(name);
  return standard ? { label: textIn(standard.label, locale), unit: standard.unit } : { label: name };
}

/** Where a statement input came from: a figure's source, a plan constant or another line. */
const SOURCES = [...FIGURE_SOURCES, 'plan', 'component'] as const;

export function sourceKey(source: string): MessageKey {
  return (SOURCES as readonly string[]).includes(source)
    ? (`pay.source.${source}` as MessageKey)
    : 'pay.source.other';
}

const RUN_STATUS_COLOR: Record<PayRun['status'], string> = {
  computed: 'processing',
  approved: 'blue',
  locked: 'green',
  superseded: 'default',
};

export function RunStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = status in RUN_STATUS_COLOR ? (status as PayRun['status']) : null;
  return (
    <Tag color={known ? RUN_STATUS_COLOR[known] : 'default'}>
      {known ? t(`pay.runStatus.${known}`) : status}
    </Tag>
  );
}

const PLAN_STATUS_COLOR: Record<string, string> = { draft: 'gold', active: 'green', retired: 'default' };

export function PlanStatusTag({ status }: { status: 'draft' | 'active' | 'retired' }) {
  const t = useT();
  return <Tag color={PLAN_STATUS_COLOR[status]}>{t(`pay.planStatus.${status}`)}</Tag>;
}

/**
 * Reads "YYYY-MM" for people, in the format the UI language's messages give (2026年11月 / Nov 2026). Month
 * names come from dayjs, whose language the i18n provider switches together with the UI's.
 */
export function formatMonth(period: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return dayjs(`${period}-01`).format(translate(locale, 'pay.monthFormat'));
}
