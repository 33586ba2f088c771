import type Decimal from 'decimal.js';
import { Dec, roundToFen, type Fen } from '../money/money.ts';
import { isPeriodMonth, previousMonth } from '../statements/period.ts';
import {
  ARROW,
  PAY_LOCALES,
  NOT_MET,
  NO_DATA,
  describePeriodsBack,
  fillTemplate,
  formatMoney,
  formatValue,
  renderFormula,
  type PayLocale,
  type ValueUnit,
} from './explain.ts';
import { findPayFigure, type FigureUnit, type PayText, type PayFigureSource } from './figures.ts';
import { FormulaError, evaluateFormula, type CompiledFormula, type FormulaRead } from './formula.ts';
import {
  PayPlanError,
  compilePayPlan,
  readPlanNumber,
  type CompiledComponent,
  type CompiledPayPlan,
  type PayComponentKind,
  type PayPlan,
  type PayPlanProblem,
} from './plan.ts';

/**
 * A person's pay statement for a month from a pay plan. Each line is one rule of the plan, rounded ONCE to
 * fen (roundToFen, half away from zero); the total is the sum of the rounded lines, so lines always add up.
 * Components whose `when` is false are left off the lines and listed under `skipped` with the reason.
 */

/** Figures by name: money in integer fen, ratios as fractions (or "103.2%"), counts as numbers. */
export type FigureValues = Readonly<Record<string, number | string>>;

export interface PeriodFigures {
  /** The month, YYYY-MM. */
  period: string;
  figures: FigureValues;
}

export interface StatementInput {
  name: string;
  label: PayText;
  /** Where the value came from: a figure's source, `plan` for a plan constant, `component` for another line. */
  source: PayFigureSource | 'plan' | 'component';
  /** 0 for this month, 1 for last month (PREV), ... */
  periodsBack: number;
  unit: FigureUnit;
  /** In `unit` (fen for money); null when PREV found no figure for that month. */
  value: number | null;
  text: PayText;
}

export interface PayStatementLine {
  componentKey: string;
  kind: PayComponentKind;
  label: PayText;
  amountFen: Fen;
  formula: string;
  when?: string;
  inputs: StatementInput[];
  explanation: PayText;
}

export interface SkippedComponent {
  componentKey: string;
  kind: PayComponentKind;
  label: PayText;
  when: string;
  inputs: StatementInput[];
  explanation: PayText;
}

export interface PayStatement {
  planName: string;
  period: string;
  lines: PayStatementLine[];
  skipped: SkippedComponent[];
  totalFen: Fen;
}

function monthsBefore(period: string, n: number): string {
  let p = period;
  for (let i = 0; i < n; i++) p = previousMonth(p);
  return p;
}

/** Figures are found under the plan's name for them, or under the standard name the server uses. */
function lookupFigure(figures: FigureValues, name: string): number | string | undefined {
  const standard = findPayFigure(name);
  for (const key of [name, standard?.name, standard?.zhName]) {
    if (key !== undefined && Object.hasOwn(figures, key)) return figures[key];
  }
  return undefined;
}

/** Into formula units: fen → yuan; a ratio or count as written. Null when the value is not valid for the unit. */
function toFormulaValue(raw: unknown, unit: FigureUnit): Decimal | null {
  if (unit === 'fen') {
    const fen = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    return typeof fen === 'number' && Number.isSafeInteger(fen) ? new Dec(fen).div(100) : null;
  }
  if (typeof raw === 'string' && raw.trim().endsWith('%') && unit !== 'ratio') return null;
  return readPlanNumber(raw);
}

interface NameInfo {
  label: PayText;
  source: StatementInput['source'];
  unit: ValueUnit;
}

class StatementRun {
  readonly values = new Map<string, Decimal>();
  readonly amounts = new Map<string, Fen>();
  readonly previousByPeriod = new Map<string, FigureValues>();
  readonly info = new Map<string, NameInfo>();

  constructor(
    readonly plan: CompiledPayPlan,
    readonly current: PeriodFigures,
    previous: readonly PeriodFigures[],
  ) {
    const problems: PayPlanProblem[] = [];
    if (!isPeriodMonth(current.period))
      problems.push({ path: 'period', key: 'pay.statement.period', params: {} });
    previous.forEach((p, i) => {
      if (!isPeriodMonth(p.period) || p.period >= current.period || this.previousByPeriod.has(p.period)) {
        problems.push({
          path: `previous.${i}.period`,
          key: 'pay.statement.previousPeriod',
          params: { period: p.period },
        });
      }
      this.previousByPeriod.set(p.period, p.figures);
    });
    for (const [name, figure] of plan.figures) {
      this.info.set(name, { label: figure.label, source: figure.source, unit: figure.unit });
      const raw = lookupFigure(current.figures, name);
      const value = raw === undefined ? null : toFormulaValue(raw, figure.unit);
      if (raw === undefined)
        problems.push({ path: `figures.${name}`, key: 'pay.statement.figureMissing', params: { name } });
      else if (value === null) {
        problems.push({
          path: `figures.${name}`,
          key: 'pay.statement.figureInvalid',
          params: { name, unit: figure.unit },
        });
      } else this.values.set(name, value);
    }
    if (problems.length > 0) throw new PayPlanError(problems);
    for (const [name, { parameter, value }] of plan.parameters) {
      this.info.set(name, { label: parameter.label, source: 'plan', unit: parameter.unit });
      this.values.set(name, value);
    }
    for (const cc of plan.components) {
      this.info.set(cc.component.key, { label: cc.component.label, source: 'component', unit: 'fen' });
    }
  }

  readonly previous = (name: string, periodsBack: number): Decimal | undefined => {
    const period = monthsBefore(this.current.period, periodsBack);
    const figures = this.previousByPeriod.get(period);
    const figure = this.plan.figures.get(name);
    if (figures === undefined || figure === undefined) return undefined;
    const raw = lookupFigure(figures, name);
    if (raw === undefined) return undefined;
    const value = toFormulaValue(raw, figure.unit);
    if (value === null) {
      throw new PayPlanError([
        {
          path: `previous.${period}.${name}`,
          key: 'pay.statement.figureInvalid',
          params: { name, unit: figure.unit, period },
        },
      ]);
    }
    return value;
  };

  evaluate(cc: CompiledComponent, formula: CompiledFormula, part: 'formula' | 'when') {
    try {
      return evaluateFormula(formula, { values: this.values, previous: this.previous });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      const { key, ...details } = error.problem;
      throw new PayPlanError([
        {
          path: `components.${cc.index}.${part}`,
          key,
          params: { component: cc.component.key, period: this.current.period, ...details },
        },
      ]);
    }
  }

  inputOf(read: FormulaRead): StatementInput {
    const info = this.info.get(read.name) as NameInfo;
    const unit: FigureUnit = info.unit === 'yuan' ? 'fen' : info.unit;
    const value =
      read.value === null ? null : unit === 'fen' ? roundToFen(read.value, 'yuan') : read.value.toNumber();
    // A value reads the same in every language: formatted once.
    const shown = read.value === null ? undefined : formatValue(read.value, info.unit);
    const text = {} as PayText;
    for (const locale of PAY_LOCALES) text[locale] = shown ?? NO_DATA[locale];
    return {
      name: read.name,
      label: info.label,
      source: info.source,
      periodsBack: read.periodsBack,
      unit,
      value,
      text,
    };
  }

  /** How a name reads in this line's explanation: label, and the value when the formula read it. */
  describer(inputs: StatementInput[]) {
    const byRead = new Map(inputs.map((i) => [`${i.periodsBack}:${i.name}`, i]));
    return (name: string, periodsBack: number, locale: PayLocale): string => {
      const label = describePeriodsBack((this.info.get(name) as NameInfo).label[locale], periodsBack, locale);
      const input = byRead.get(`${periodsBack}:${name}`);
      return input === undefined ? label : `${label} ${input.text[locale]}`;
    };
  }

  /** A template placeholder's value, read directly (the formula may not have read it). */
  placeholder(name: string, periodsBack: number, locale: PayLocale, amountFen: Fen): string {
    if (name === 'amount') return formatMoney(amountFen);
    const info = this.info.get(name) as NameInfo;
    const value = periodsBack === 0 ? this.values.get(name) : this.previous(name, periodsBack);
    return value === undefined ? NO_DATA[locale] : formatValue(value, info.unit);
  }
}

function mergeReads(...lists: FormulaRead[][]): FormulaRead[] {
  const merged = new Map<string, FormulaRead>();
  for (const list of lists)
    for (const r of list)
      if (!merged.has(`${r.periodsBack}:${r.name}`)) merged.set(`${r.periodsBack}:${r.name}`, r);
  return [...merged.values()];
}

function isPlainNumber(formula: CompiledFormula): boolean {
  const root = formula.root;
  return root.type === 'number' || (root.type === 'negate' && root.argument.type === 'number');
}

/**
 * Compute one month's statement. `current` gives the person's figures for the month; `previous` earlier
 * months' figures, which PREV reads (PREV(x, 1) is the month before `current.period`, across year ends).
 * Throws PayPlanError naming the figure or the component and formula position when something is wrong.
 */
export function computeStatement(
  plan: PayPlan | CompiledPayPlan,
  current: PeriodFigures,
  previous: readonly PeriodFigures[] = [],
): PayStatement {
  const compiled = 'compiled' in plan ? plan : compilePayPlan(plan);
  const run = new StatementRun(compiled, current, previous);
  const lines = new Map<number, PayStatementLine>();
  const skipped = new Map<number, SkippedComponent>();

  for (const index of compiled.order) {
    const cc = compiled.components[index] as CompiledComponent;
    const { component } = cc;
    const test = cc.when ? run.evaluate(cc, cc.when, 'when') : undefined;
    if (test !== undefined && test.value !== true) {
      // A rule that does not apply this month pays nothing; components reading it see 0.
      run.values.set(component.key, new Dec(0));
      const inputs = test.reads.map((r) => run.inputOf(r));
      const describe = run.describer(inputs);
      const explanation = {} as PayText;
      for (const locale of PAY_LOCALES) {
        const sep = locale === 'zh-CN' ? '：' : ': ';
        explanation[locale] =
          `${NOT_MET[locale]}${sep}${renderFormula((cc.when as CompiledFormula).root, describe, locale)}`;
      }
      skipped.set(index, {
        componentKey: component.key,
        kind: component.kind,
        label: component.label,
        when: component.when as string,
        inputs,
        explanation,
      });
      continue;
    }
    const result = run.evaluate(cc, cc.formula, 'formula');
    const amountFen = roundToFen(result.value as Decimal, 'yuan');
    // Other components read the line as it stands on the statement, so explanations and totals agree.
    run.values.set(component.key, new Dec(amountFen).div(100));
    const inputs = mergeReads(test?.reads ?? [], result.reads).map((r) => run.inputOf(r));
    const describe = run.describer(inputs);
    // A condition over the very values the amount shows (`incidents > 0` for `-100 * incidents`) only guards
    // it; repeating it would say the same thing twice.
    const formulaReads = new Set(result.reads.map((r) => `${r.periodsBack}:${r.name}`));
    const guardsOnly =
      !isPlainNumber(cc.formula) &&
      (test?.reads ?? []).every((r) => formulaReads.has(`${r.periodsBack}:${r.name}`));
    const explanation = {} as PayText;
    for (const locale of PAY_LOCALES) {
      const template = component.explain?.[locale];
      if (template !== undefined) {
        explanation[locale] = fillTemplate(template, (name, back) =>
          run.placeholder(name, back, locale, amountFen),
        );
        continue;
      }
      const parts: string[] = [];
      if (cc.when && !guardsOnly) parts.push(renderFormula(cc.when.root, describe, locale));
      if (!isPlainNumber(cc.formula)) parts.push(renderFormula(cc.formula.root, describe, locale));
      const result = `${component.label[locale]} ${formatMoney(amountFen)}`;
      explanation[locale] =
        parts.length === 0 ? result : `${parts.join(locale === 'zh-CN' ? '，' : ', ')} ${ARROW} ${result}`;
    }
    lines.set(index, {
      componentKey: component.key,
      kind: component.kind,
      label: component.label,
      amountFen,
      formula: String(component.formula),
      ...(component.when === undefined ? {} : { when: String(component.when) }),
      inputs,
      explanation,
    });
  }

  const ordered = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  const totalFen = ordered.reduce((sum, line) => sum + line.amountFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw new RangeError('statement total out of range');
  return {
    planName: compiled.plan.name,
    period: current.period,
    lines: ordered,
    skipped: [...skipped.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s),
    totalFen,
  };
}

export interface SimulationPerson {
  employeeId: string | number;
  name: string;
  periods: PeriodFigures[];
}

export interface SimulatedPerson {
  employeeId: string | number;
  name: string;
  statements: PayStatement[];
  totalFen: Fen;
}

export interface PaySimulation {
  planName: string;
  people: SimulatedPerson[];
  /** Cost of the plan per month, over everyone. */
  periods: { period: string; totalFen: Fen }[];
  totalFen: Fen;
}

function prefixProblems(error: unknown, prefix: string): never {
  if (error instanceof PayPlanError) {
    throw new PayPlanError(error.problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` })));
  }
  throw error;
}

/**
 * What a plan would pay (what-if): each person's months in order, earlier months feeding PREV. Pure: it saves
 * nothing. A plan declaring `draw_balance` whose months do not give it gets it carried forward from the draw
 * lines computed here (balance + advances − recoveries), starting at 0.
 */
export function simulatePay(
  plan: PayPlan | CompiledPayPlan,
  people: readonly SimulationPerson[],
): PaySimulation {
  const compiled = 'compiled' in plan ? plan : compilePayPlan(plan);
  const drawFigure = [...compiled.figures.keys()].find(
    (name) => findPayFigure(name)?.name === 'draw_balance',
  );
  const byPeriod = new Map<string, Fen>();
  const simulated = people.map((person, p): SimulatedPerson => {
    const periods = person.periods.map((entry, index) => ({ entry, index }));
    periods.sort((a, b) => a.entry.period.localeCompare(b.entry.period));
    const seen: PeriodFigures[] = [];
    const statements: PayStatement[] = [];
    let drawBalanceFen = 0;
    for (const { entry, index } of periods) {
      const prefix = `people.${p}.periods.${index}`;
      if (seen.some((s) => s.period === entry.period)) {
        throw new PayPlanError([
          {
            path: `${prefix}.period`,
            key: 'pay.statement.duplicatePeriod',
            params: { period: entry.period },
          },
        ]);
      }
      const figures =
        drawFigure !== undefined && lookupFigure(entry.figures, drawFigure) === undefined
          ? { ...entry.figures, [drawFigure]: drawBalanceFen }
          : entry.figures;
      const current = { period: entry.period, figures };
      let statement: PayStatement;
      try {
        statement = computeStatement(compiled, current, seen);
      } catch (error) {
        prefixProblems(error, prefix);
      }
      if (drawFigure !== undefined) {
        const opening = toFormulaValue(lookupFigure(figures, drawFigure), 'fen') as Decimal;
        const draws = statement.lines.filter((l) => l.kind === 'draw').reduce((s, l) => s + l.amountFen, 0);
        drawBalanceFen = roundToFen(opening, 'yuan') + draws;
      }
      seen.push(current);
      statements.push(statement);
      byPeriod.set(entry.period, (byPeriod.get(entry.period) ?? 0) + statement.totalFen);
    }
    return {
      employeeId: person.employeeId,
      name: person.name,
      statements,
      totalFen: statements.reduce((s, st) => s + st.totalFen, 0),
    };
  });
  return {
    planName: compiled.plan.name,
    people: simulated,
    periods: [...byPeriod.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([period, totalFen]) => ({ period, totalFen })),
    totalFen: simulated.reduce((s, person) => s + person.totalFen, 0),
  };
}
