import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import { isIsoDate } from '../validators/validators.ts';
import { FORMULA_FUNCTIONS, FormulaError, compileFormula, findTierTableProblem } from './formula.ts';
import type { CompiledFormula, FormulaScope, TierBand } from './formula.ts';
import { PAY_FIGURE_SOURCES, findPayFigure } from './figures.ts';
import type { FigureUnit, PayText, PayFigureSource } from './figures.ts';

/**
 * A pay plan (薪资方案: 激励体制 + 惩罚体制 of a position) in the declarative form of docs/pay-plans.md.
 * Convention: formulas work in YUAN. Money figures arrive in fen and are divided by 100 before a formula
 * sees them; a component's result is yuan and becomes its statement line through roundToFen(x, 'yuan').
 */
export interface PayPlanFigure {
  name: string;
  label: PayText;
  unit: FigureUnit;
  source: PayFigureSource;
}

/** A constant of the plan (base pay, a rate), written as formulas see it: yuan, a ratio or "3%", a count. */
export interface PayPlanParameter {
  name: string;
  label: PayText;
  unit: 'yuan' | 'ratio' | 'count';
  value: number | string;
}

export interface PayPlanTierBand {
  /** Inclusive lower bound, in the units of the value looked up (yuan for money). */
  from: number | string;
  rate: number | string;
}

export const PAY_COMPONENT_KINDS = [
  'base',
  'commission',
  'bonus',
  'adjustment',
  'mentoring',
  'fine',
  'clawback',
  'draw',
] as const;
export type PayComponentKind = (typeof PAY_COMPONENT_KINDS)[number];

export interface PayComponent {
  key: string;
  kind: PayComponentKind;
  label: PayText;
  /** The amount in yuan, signed as it adds to pay: fines and clawbacks are written negative. */
  formula: string;
  /** When given and false for the month, the component is left off the statement (listed as not applied). */
  when?: string;
  /** Explanation template: {name} a current value, {name@1} last month's, {amount} the line amount. */
  explain?: PayText;
}

export interface PayPlan {
  name: string;
  positionCode?: string;
  currency: 'CNY';
  effectiveFrom: string;
  effectiveTo?: string;
  figures: PayPlanFigure[];
  parameters?: PayPlanParameter[];
  tiers?: Record<string, PayPlanTierBand[]>;
  components: PayComponent[];
}

/** One thing wrong with a plan (or with the figures given to it): where, what (an i18n key) and details. */
export interface PayPlanProblem {
  path: string;
  key: string;
  params: Record<string, unknown>;
}

export class PayPlanError extends Error {
  readonly problems: PayPlanProblem[];
  constructor(problems: PayPlanProblem[]) {
    const first = problems[0];
    super(
      first
        ? `${first.key} at ${first.path}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`
        : 'pay plan',
    );
    this.name = 'PayPlanError';
    this.problems = problems;
  }
}

export interface CompiledComponent {
  index: number;
  component: PayComponent;
  formula: CompiledFormula;
  when?: CompiledFormula;
  /** Keys of the other components this one reads. */
  dependsOn: string[];
}

export interface CompiledPayPlan {
  compiled: true;
  plan: PayPlan;
  figures: ReadonlyMap<string, PayPlanFigure>;
  parameters: ReadonlyMap<string, { parameter: PayPlanParameter; value: Decimal }>;
  tables: ReadonlyMap<string, readonly TierBand[]>;
  /** In the plan's order (the statement's order). */
  components: CompiledComponent[];
  /** Component indexes in an order where each comes after everything it reads. */
  order: number[];
}

const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;
const RESERVED = new Set(
  [...FORMULA_FUNCTIONS, 'TRUE', 'FALSE', 'true', 'false', 'null', 'this'].map((w) => w.toUpperCase()),
);
const PLACEHOLDER = /\{([^{}@]+)(?:@(\d+))?\}/g;

/** A decimal written as a number or a string such as "3200", "0.03" or "3%"; null when it is not one. */
export function readPlanNumber(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Dec(value) : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  if (!m) return null;
  const number = new Dec(m[1] as string);
  return m[2] === '%' ? number.div(100) : number;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isLocalized(value: unknown): value is PayText {
  if (typeof value !== 'object' || value === null) return false;
  const text = value as Record<string, unknown>;
  return isText(text['zh-CN']) && isText(text['en-US']);
}

class PlanChecker {
  readonly problems: PayPlanProblem[] = [];
  readonly taken = new Map<string, string>();

  add(path: string, key: string, params: Record<string, unknown> = {}): void {
    this.problems.push({ path, key, params });
  }

  /** Figures, parameters, tables and components share one namespace so a formula name means one thing. */
  claimName(path: string, name: unknown): name is string {
    if (typeof name !== 'string' || !NAME.test(name)) {
      this.add(path, 'pay.plan.name', { name });
      return false;
    }
    if (RESERVED.has(name.toUpperCase())) {
      this.add(path, 'pay.plan.reservedName', { name });
      return false;
    }
    const earlier = this.taken.get(name);
    if (earlier !== undefined) {
      this.add(path, 'pay.plan.duplicateName', { name, first: earlier });
      return false;
    }
    this.taken.set(name, path);
    return true;
  }
}

function checkHeader(plan: PayPlan, c: PlanChecker): void {
  if (!isText(plan.name)) c.add('name', 'pay.plan.required');
  if (plan.currency !== 'CNY') c.add('currency', 'pay.plan.currency', { allowed: ['CNY'] });
  if (typeof plan.effectiveFrom !== 'string' || !isIsoDate(plan.effectiveFrom))
    c.add('effectiveFrom', 'pay.plan.date');
  if (plan.effectiveTo !== undefined) {
    if (typeof plan.effectiveTo !== 'string' || !isIsoDate(plan.effectiveTo))
      c.add('effectiveTo', 'pay.plan.date');
    else if (plan.effectiveTo < plan.effectiveFrom)
      c.add('effectiveTo', 'pay.plan.dateOrder', { start: plan.effectiveFrom });
  }
}

function checkFigures(plan: PayPlan, c: PlanChecker): Map<string, PayPlanFigure> {
  const figures = new Map<string, PayPlanFigure>();
  (Array.isArray(plan.figures) ? plan.figures : []).forEach((f, i) => {
    const path = `figures.${i}`;
    if (!c.claimName(`${path}.name`, f.name)) return;
    if (!isLocalized(f.label)) c.add(`${path}.label`, 'pay.plan.label');
    const standard = findPayFigure(f.name);
    // A standard figure comes from the server in its own unit; anything else must be typed in for the run.
    if (standard !== undefined && f.unit !== standard.unit) {
      c.add(`${path}.unit`, 'pay.plan.unit', { name: f.name, expected: standard.unit });
    } else if (!['fen', 'ratio', 'count'].includes(f.unit)) {
      c.add(`${path}.unit`, 'pay.plan.unit', { name: f.name, allowed: ['fen', 'ratio', 'count'] });
    }
    if (!(PAY_FIGURE_SOURCES as readonly string[]).includes(f.source)) {
      c.add(`${path}.source`, 'pay.plan.source', { allowed: [...PAY_FIGURE_SOURCES] });
    } else if (standard === undefined && f.source !== 'input') {
      c.add(`${path}.source`, 'pay.plan.source', { name: f.name, expected: 'input' });
    }
    figures.set(f.name, f);
  });
  return figures;
}

function checkParameters(plan: PayPlan, c: PlanChecker): CompiledPayPlan['parameters'] {
  const parameters = new Map<string, { parameter: PayPlanParameter; value: Decimal }>();
  (plan.parameters ?? []).forEach((p, i) => {
    const path = `parameters.${i}`;
    if (!c.claimName(`${path}.name`, p.name)) return;
    if (!isLocalized(p.label)) c.add(`${path}.label`, 'pay.plan.label');
    if (!['yuan', 'ratio', 'count'].includes(p.unit)) {
      c.add(`${path}.unit`, 'pay.plan.unit', { allowed: ['yuan', 'ratio', 'count'] });
    }
    const value = readPlanNumber(p.value);
    // A money constant is a whole number of fen, so showing it never needs rounding.
    if (value === null || (p.unit === 'yuan' && value.decimalPlaces() > 2)) {
      c.add(`${path}.value`, 'pay.plan.value', { name: p.name, unit: p.unit });
      return;
    }
    parameters.set(p.name, { parameter: p, value });
  });
  return parameters;
}

function checkTables(plan: PayPlan, c: PlanChecker): Map<string, readonly TierBand[]> {
  const tables = new Map<string, readonly TierBand[]>();
  for (const [name, rows] of Object.entries(plan.tiers ?? {})) {
    const path = `tiers.${name}`;
    if (!c.claimName(path, name)) continue;
    if (!Array.isArray(rows)) {
      c.add(path, 'pay.plan.tierTable', { expected: 'at least one band' });
      continue;
    }
    const bands: TierBand[] = [];
    rows.forEach((row, i) => {
      const from = readPlanNumber(row?.from);
      const rate = readPlanNumber(row?.rate);
      if (from === null) c.add(`${path}.${i}.from`, 'pay.plan.value', { name });
      if (rate === null) c.add(`${path}.${i}.rate`, 'pay.plan.value', { name });
      if (from !== null && rate !== null) bands.push({ from, rate });
    });
    if (bands.length !== rows.length) continue;
    const problem = findTierTableProblem(bands);
    if (problem !== null) c.add(path, 'pay.plan.tierTable', { expected: problem });
    else tables.set(name, bands);
  }
  return tables;
}

function compileInto(
  c: PlanChecker,
  path: string,
  text: unknown,
  scope: FormulaScope,
  expect: 'number' | 'condition',
  componentKey: string,
): CompiledFormula | undefined {
  // YAML reads `formula: 500` as a number; it means the formula "500".
  if (typeof text === 'number' && Number.isFinite(text)) text = String(text);
  if (!isText(text)) {
    c.add(path, 'pay.formula.empty', { component: componentKey, position: 0 });
    return undefined;
  }
  try {
    return compileFormula(text, scope, expect);
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    const { key, ...details } = error.problem;
    c.add(path, key, { component: componentKey, ...details });
    return undefined;
  }
}

function checkExplain(
  component: PayComponent,
  path: string,
  figures: ReadonlyMap<string, unknown>,
  valueNames: readonly string[],
  c: PlanChecker,
): void {
  if (component.explain === undefined) return;
  if (!isLocalized(component.explain)) {
    c.add(path, 'pay.plan.label');
    return;
  }
  for (const locale of ['zh-CN', 'en-US'] as const) {
    for (const m of component.explain[locale].matchAll(PLACEHOLDER)) {
      const name = m[1] as string;
      const back = m[2];
      const known =
        name === 'amount'
          ? back === undefined
          : back === undefined
            ? valueNames.includes(name)
            : figures.has(name);
      if (!known) {
        const allowed = ['amount', ...valueNames, ...[...figures.keys()].map((f) => `${f}@1`)];
        c.add(`${path}.${locale}`, 'pay.plan.explainPlaceholder', { placeholder: m[0], allowed });
      }
    }
  }
}

/** Components reading each other must not go round in a circle; the cycle is named, e.g. a → b → a. */
function orderComponents(components: CompiledComponent[], c: PlanChecker): number[] {
  const byKey = new Map(components.map((cc) => [cc.component.key, cc]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: number[] = [];
  const stack: string[] = [];
  const visit = (cc: CompiledComponent): boolean => {
    const key = cc.component.key;
    if (state.get(key) === 'done') return true;
    if (state.get(key) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      const first = byKey.get(cycle[0] as string) as CompiledComponent;
      const next = cycle[1] as string;
      const where = first.formula.names.includes(next) ? 'formula' : 'when';
      c.add(`components.${first.index}.${where}`, 'pay.plan.cycle', { component: cycle[0], cycle });
      return false;
    }
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of cc.dependsOn) {
      if (!visit(byKey.get(dep) as CompiledComponent)) return false;
    }
    stack.pop();
    state.set(key, 'done');
    order.push(cc.index);
    return true;
  };
  for (const cc of components) if (!visit(cc)) return [];
  return order;
}

/** Check a plan and prepare it for computing statements. Throws PayPlanError listing every problem. */
export function compilePayPlan(plan: PayPlan): CompiledPayPlan {
  const c = new PlanChecker();
  checkHeader(plan, c);
  const figures = checkFigures(plan, c);
  const parameters = checkParameters(plan, c);
  const tables = checkTables(plan, c);
  const components = Array.isArray(plan.components) ? plan.components : [];
  if (components.length === 0) c.add('components', 'pay.plan.noComponents');

  const keys: string[] = [];
  components.forEach((component, i) => {
    const path = `components.${i}`;
    if (c.claimName(`${path}.key`, component.key)) keys.push(component.key);
    if (!(PAY_COMPONENT_KINDS as readonly string[]).includes(component.kind)) {
      c.add(`${path}.kind`, 'pay.plan.kind', { allowed: [...PAY_COMPONENT_KINDS] });
    }
    if (!isLocalized(component.label)) c.add(`${path}.label`, 'pay.plan.label');
  });

  const valueNames = [...figures.keys(), ...parameters.keys(), ...keys];
  const scope: FormulaScope = { names: valueNames, prevNames: [...figures.keys()], tables };
  const keySet = new Set(keys);
  const compiled: CompiledComponent[] = [];
  components.forEach((component, index) => {
    const path = `components.${index}`;
    const key = String(component.key);
    const formula = compileInto(c, `${path}.formula`, component.formula, scope, 'number', key);
    const when =
      component.when === undefined
        ? undefined
        : compileInto(c, `${path}.when`, component.when, scope, 'condition', key);
    checkExplain(component, `${path}.explain`, figures, valueNames, c);
    if (formula === undefined || (component.when !== undefined && when === undefined) || !keySet.has(key))
      return;
    const dependsOn = [...new Set([...formula.names, ...(when?.names ?? [])])].filter((n) => keySet.has(n));
    compiled.push({ index, component, formula, ...(when ? { when } : {}), dependsOn });
  });

  const order = c.problems.length === 0 ? orderComponents(compiled, c) : [];
  if (c.problems.length > 0) throw new PayPlanError(c.problems);
  return { compiled: true, plan, figures, parameters, tables, components: compiled, order };
}

/** Every problem of a plan; an empty list means it may be saved. */
export function validatePayPlan(plan: PayPlan): PayPlanProblem[] {
  try {
    compilePayPlan(plan);
    return [];
  } catch (error) {
    if (error instanceof PayPlanError) return error.problems;
    throw error;
  }
}

type Dated = Pick<PayPlan, 'name' | 'positionCode' | 'effectiveFrom' | 'effectiveTo'>;

export interface PayPlanOverlap {
  positionCode: string | undefined;
  /** Indexes into the list given, the earlier-starting plan first. */
  first: number;
  second: number;
  /** The days both plans claim (to undefined = open-ended). */
  from: string;
  to: string | undefined;
}

/**
 * The first two versions of the same position's plan whose effective dates overlap (both inclusive, no end
 * = open), or null. A position is paid by one plan on any day.
 */
export function findOverlap(plans: readonly Dated[]): PayPlanOverlap | null {
  const sorted = plans
    .map((plan, index) => ({ plan, index }))
    .sort((a, b) => a.plan.effectiveFrom.localeCompare(b.plan.effectiveFrom) || a.index - b.index);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as (typeof sorted)[number];
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as (typeof sorted)[number];
      if (a.plan.positionCode !== b.plan.positionCode) continue;
      const aEnd = a.plan.effectiveTo;
      if (aEnd !== undefined && b.plan.effectiveFrom > aEnd) continue;
      const bEnd = b.plan.effectiveTo;
      const to = aEnd === undefined ? bEnd : bEnd === undefined ? aEnd : aEnd < bEnd ? aEnd : bEnd;
      return {
        positionCode: a.plan.positionCode,
        first: a.index,
        second: b.index,
        from: b.plan.effectiveFrom,
        to,
      };
    }
  }
  return null;
}

/** The plan version in effect on a day (YYYY-MM-DD), or undefined. */
export function findPlanInEffect<T extends Dated>(plans: readonly T[], day: string): T | undefined {
  return plans.find((p) => p.effectiveFrom <= day && (p.effectiveTo === undefined || day <= p.effectiveTo));
}
