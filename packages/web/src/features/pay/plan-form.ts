import type { PayPlanDefinition } from '@zuzhang/api-schema';
import type { PayComponentKind, PayFigureSource } from '@zuzhang/domain';

type Definition = PayPlanDefinition;
type Text = { 'zh-CN': string; 'en-US': string };

/*
 * The domain's lists, repeated here (type-checked against it) so that the bundle does not carry the
 * formula parser just to name them.
 */
export const COMPONENT_KINDS = [
  'base',
  'commission',
  'bonus',
  'adjustment',
  'mentoring',
  'fine',
  'clawback',
  'draw',
] as const satisfies readonly PayComponentKind[];
export const FIGURE_SOURCES = [
  'sales',
  'targets',
  'collections',
  'returns',
  'receivables',
  'customers',
  'mentoring',
  'incidents',
  'attendance',
  'calendar',
  'scorecard',
  'pay',
  'input',
] as const satisfies readonly PayFigureSource[];
export const FIGURE_UNITS = ['fen', 'ratio', 'count'] as const;
export const PARAMETER_UNITS = ['yuan', 'ratio', 'count'] as const;

/** The editor's form: the definition's parts, with the tier tables as JSON text and empty optionals allowed. */
export interface PlanFormValues {
  positionId: number | null;
  name: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  figures: Definition['figures'];
  parameters: NonNullable<Definition['parameters']>;
  tiersJson: string;
  components: {
    key: string;
    kind: string;
    label: Text;
    formula: string;
    when?: string;
    explain?: Partial<Text>;
  }[];
}

/** A new plan starts as base pay plus a commission on personal sales: the shape most plans have. */
export function newPlanDefinition(today: string): Definition {
  return {
    name: '',
    currency: 'CNY',
    effectiveFrom: `${today.slice(0, 7)}-01`,
    figures: [
      {
        name: 'personal_sales',
        label: { 'zh-CN': '个人销售额', 'en-US': 'Personal sales' },
        unit: 'fen',
        source: 'sales',
      },
    ],
    parameters: [
      {
        name: 'base_pay',
        label: { 'zh-CN': '基本工资标准', 'en-US': 'Base pay rate' },
        unit: 'yuan',
        value: 3000,
      },
      {
        name: 'commission_rate',
        label: { 'zh-CN': '提成比例', 'en-US': 'Commission rate' },
        unit: 'ratio',
        value: '3%',
      },
    ],
    components: [
      { key: 'base', kind: 'base', label: { 'zh-CN': '基本工资', 'en-US': 'Base pay' }, formula: 'base_pay' },
      {
        key: 'commission',
        kind: 'commission',
        label: { 'zh-CN': '个人提成', 'en-US': 'Personal commission' },
        formula: 'personal_sales * commission_rate',
      },
    ],
  };
}

export function toFormValues(definition: Definition, positionId: number | null): PlanFormValues {
  return {
    positionId,
    name: definition.name,
    effectiveFrom: definition.effectiveFrom || null,
    effectiveTo: definition.effectiveTo ?? null,
    figures: definition.figures,
    parameters: definition.parameters ?? [],
    tiersJson: definition.tiers ? JSON.stringify(definition.tiers, null, 2) : '',
    components: definition.components.map((c) => ({ ...c, when: c.when ?? '', explain: c.explain })),
  };
}

/** The tier tables typed as JSON; an error message key when the text is not a JSON object. */
export function parseTiers(text: string): { tiers?: Definition['tiers']; error?: 'pay.tiersJson' } {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: 'pay.tiersJson' };
    return { tiers: parsed as Definition['tiers'] };
  } catch {
    return { error: 'pay.tiersJson' };
  }
}

function blankToUndefined(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** The definition the form stands for, as the server takes it; `positionCode` is kept from the loaded plan. */
export function toDefinition(v: PlanFormValues, positionCode?: string): Definition {
  const { tiers } = parseTiers(v.tiersJson ?? '');
  return {
    name: v.name ?? '',
    ...(positionCode ? { positionCode } : {}),
    currency: 'CNY',
    effectiveFrom: v.effectiveFrom ?? '',
    ...(blankToUndefined(v.effectiveTo) ? { effectiveTo: v.effectiveTo as string } : {}),
    figures: (v.figures ?? []).map((f) => ({
      name: f?.name ?? '',
      label: { 'zh-CN': f?.label?.['zh-CN'] ?? '', 'en-US': f?.label?.['en-US'] ?? '' },
      unit: f?.unit ?? '',
      source: f?.source ?? '',
    })),
    parameters: (v.parameters ?? []).map((p) => ({
      name: p?.name ?? '',
      label: { 'zh-CN': p?.label?.['zh-CN'] ?? '', 'en-US': p?.label?.['en-US'] ?? '' },
      unit: p?.unit ?? '',
      value: typeof p?.value === 'number' ? p.value : String(p?.value ?? ''),
    })),
    ...(tiers ? { tiers } : {}),
    components: (v.components ?? []).map((c) => {
      const explainZh = blankToUndefined(c?.explain?.['zh-CN']);
      const explainEn = blankToUndefined(c?.explain?.['en-US']);
      return {
        key: c?.key ?? '',
        kind: c?.kind ?? '',
        label: { 'zh-CN': c?.label?.['zh-CN'] ?? '', 'en-US': c?.label?.['en-US'] ?? '' },
        formula: c?.formula ?? '',
        ...(blankToUndefined(c?.when) ? { when: c.when } : {}),
        // An explanation template is given in both languages or not at all.
        ...(explainZh || explainEn
          ? { explain: { 'zh-CN': explainZh ?? '', 'en-US': explainEn ?? '' } }
          : {}),
      };
    }),
  };
}
