import type Decimal from 'decimal.js';
import { Dec, formatYuan, roundToFen, type Fen } from '../money/money.ts';
import type { BinaryOperator, FormulaNode, TierBand } from './formula.ts';
import type { PayText } from './figures.ts';

/**
 * Statement explanations ("团队目标达成率 103.2% ≥ 100% → 奖金 ¥500.00"): the formula written back with each
 * name replaced by its label and value, so a rep can check a line without knowing the formula language.
 */
export type PayLocale = keyof PayText;
export const PAY_LOCALES: readonly PayLocale[] = ['zh-CN', 'en-US'];

/** ¥1,560.00 / -¥300.00 */
export function formatMoney(fen: Fen): string {
  return fen < 0 ? `-¥${formatYuan(-fen)}` : `¥${formatYuan(fen)}`;
}

/** 1.032 → 103.2%: a ratio shown as a percentage, up to four decimals, trailing zeros dropped. */
export function formatRatio(ratio: Decimal): string {
  return `${ratio.times(100).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toString()}%`;
}

export type ValueUnit = 'fen' | 'yuan' | 'ratio' | 'count';

/** A value as formulas see it (yuan for money) shown for people. */
export function formatValue(value: Decimal, unit: ValueUnit): string {
  if (unit === 'ratio') return formatRatio(value);
  if (unit === 'count') return value.toString();
  // Money in formulas is yuan and always a whole number of fen here (figures, components, checked constants).
  return formatMoney(roundToFen(value, 'yuan'));
}

/** "last month's X" in each language: 上月 / 上上月 / 3个月前. */
export function describePeriodsBack(label: string, periodsBack: number, locale: PayLocale): string {
  if (periodsBack === 0) return label;
  if (locale === 'zh-CN')
    return `${periodsBack === 1 ? '上月' : periodsBack === 2 ? '上上月' : `${periodsBack}个月前`}${label}`;
  if (periodsBack === 1) return `${label} last month`;
  if (periodsBack === 2) return `${label} the month before last`;
  return `${label} ${periodsBack} months back`;
}

/** How a name reads in an explanation, with its value when the formula read one. */
export type DescribeName = (name: string, periodsBack: number, locale: PayLocale) => string;

const SYMBOL: Record<BinaryOperator, string | PayText> = {
  '+': '+',
  '-': '-',
  '*': '×',
  '/': '÷',
  '=': '=',
  '<>': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  AND: { 'zh-CN': '且', 'en-US': 'and' },
  OR: { 'zh-CN': '或', 'en-US': 'or' },
};

const PRECEDENCE: Record<BinaryOperator, number> = {
  OR: 1,
  AND: 2,
  '=': 3,
  '<>': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
};

function symbol(operator: BinaryOperator, locale: PayLocale): string {
  const s = SYMBOL[operator];
  return typeof s === 'string' ? s : s[locale];
}

function precedenceOf(node: FormulaNode): number {
  if (node.type === 'binary') return PRECEDENCE[node.operator];
  if (node.type === 'call' && (node.fn === 'AND' || node.fn === 'OR')) return PRECEDENCE[node.fn];
  return 9;
}

function renderTable(node: Extract<FormulaNode, { type: 'table' }>): string {
  if (node.name !== undefined) return node.name;
  const row = (b: TierBand): string => `[${b.from.toString()}, ${formatRatio(b.rate)}]`;
  return `[${node.bands.map(row).join(', ')}]`;
}

/** A sub-formula as an operand: in brackets when it binds less tightly than `min`. */
function renderOperand(child: FormulaNode, min: number, describe: DescribeName, locale: PayLocale): string {
  const text = renderFormula(child, describe, locale);
  return precedenceOf(child) < min ? `(${text})` : text;
}

/** The formula written back for people: × ÷ ≥ ≤ ≠, 且/and, names replaced by `describe`. */
export function renderFormula(node: FormulaNode, describe: DescribeName, locale: PayLocale): string {
  switch (node.type) {
    case 'number':
      return node.raw;
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'name':
      return describe(node.name, 0, locale);
    case 'prev':
      return describe(node.name, node.periodsBack, locale);
    case 'negate':
      return `-${renderOperand(node.argument, 9, describe, locale)}`;
    case 'not':
      return `${locale === 'zh-CN' ? '非' : 'not '}${renderOperand(node.argument, 9, describe, locale)}`;
    case 'binary': {
      const p = PRECEDENCE[node.operator];
      // The right side of - and ÷ keeps its brackets even at equal precedence: a - (b - c).
      const rightMin = node.operator === '-' || node.operator === '/' ? p + 1 : p;
      return `${renderOperand(node.left, p, describe, locale)} ${symbol(node.operator, locale)} ${renderOperand(node.right, rightMin, describe, locale)}`;
    }
    case 'call':
      if (node.fn === 'AND' || node.fn === 'OR') {
        const p = PRECEDENCE[node.fn];
        return node.args
          .map((a) => renderOperand(a, p + 1, describe, locale))
          .join(` ${symbol(node.fn, locale)} `);
      }
      if (node.fn === 'NOT')
        return `${locale === 'zh-CN' ? '非' : 'not '}${renderOperand(node.args[0] as FormulaNode, 9, describe, locale)}`;
      return `${node.fn}(${node.args.map((a) => renderFormula(a, describe, locale)).join(', ')})`;
    case 'table':
      return renderTable(node);
  }
}

/** Fill {name}, {name@1} and {amount} placeholders of a plan's explanation template. */
export function fillTemplate(template: string, value: (name: string, periodsBack: number) => string): string {
  return template.replace(/\{([^{}@]+)(?:@(\d+))?\}/g, (_, name: string, back: string | undefined) =>
    value(name, back === undefined ? 0 : Number(back)),
  );
}

export const NO_DATA: PayText = { 'zh-CN': '无数据', 'en-US': 'no data' };
export const NOT_MET: PayText = { 'zh-CN': '未满足', 'en-US': 'Not met' };
export const ARROW = '→';
