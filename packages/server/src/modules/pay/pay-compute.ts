import {
  PayPlanError,
  compilePayPlan,
  computeStatement,
  monthBounds,
  type CompiledFormula,
  type CompiledPayPlan,
  type PayPlanProblem,
  type PayStatementLine,
  type PeriodFigures,
  type SkippedComponent,
} from '@zuzhang/domain';
import type { Locale } from '@zuzhang/api-schema';
import type { Executor } from '../../platform/db/db.ts';
import { AppError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { choosePlan, loadPlansInForce, type PlanVersion } from './pay-plans.service.ts';
import { loadFigureHistory, loadPayFigures, valuesOf, type PrimarySeat } from './pay-figures.ts';
import { describePayProblem } from './pay-problems.ts';

/**
 * Computing statements for a month: the plan of each person's primary position, their figures (set-wise,
 * pay-figures.ts) and the months before that PREV reads, then the domain's computeStatement, which rounds
 * each line once and makes the lines add up to the total. Nothing here writes.
 */

type FormulaNode = CompiledFormula['root'];

/** How many months before the current one a formula reads (PREV(x, n)). */
function prevDepthOf(node: FormulaNode | undefined): number {
  if (node === undefined) return 0;
  switch (node.type) {
    case 'prev':
      return Math.max(node.periodsBack, prevDepthOf(node.fallback));
    case 'negate':
    case 'not':
      return prevDepthOf(node.argument);
    case 'binary':
      return Math.max(prevDepthOf(node.left), prevDepthOf(node.right));
    case 'call':
      return Math.max(0, ...node.args.map(prevDepthOf));
    default:
      return 0;
  }
}

/** Months of history a plan needs: its PREV() calls and its explanations' {name@n} placeholders. */
export function historyDepthOf(plan: CompiledPayPlan): number {
  let depth = 0;
  for (const cc of plan.components) {
    depth = Math.max(depth, prevDepthOf(cc.formula.root), prevDepthOf(cc.when?.root));
    for (const text of Object.values(cc.component.explain ?? {})) {
      for (const m of text.matchAll(/\{[^{}@]+@(\d+)\}/g)) depth = Math.max(depth, Number(m[1]));
    }
  }
  return depth;
}

export interface ComputedStatement {
  employeeId: number;
  employeeName: string;
  planId: number;
  planName: string;
  totalFen: number;
  lines: PayStatementLine[];
  skipped: SkippedComponent[];
  values: Record<string, number | string>;
  sources: Record<string, { source: string; detail: string }>;
}

/** The 422 listing, per person, what kept their pay from being computed. */
function computeFailed(failures: { person: PrimarySeat; problems: PayPlanProblem[] }[], locale: Locale) {
  const details: ErrorDetail[] = failures.flatMap(({ person, problems }) =>
    problems.map((p) => {
      const described = describePayProblem(p, locale);
      return {
        path: `people.${person.employeeId}.${described.path}`,
        text: translate(locale, 'pay.personProblem', {
          person: person.employeeName,
          problem: described.message,
        }),
      };
    }),
  );
  return new AppError('business_rule', 'pay.computeFailed', { count: failures.length }, details);
}

export interface ComputeOptions {
  /** Typed-in figures (source `input`) per person. */
  inputs?: ReadonlyMap<number, Record<string, number | string>>;
  /** Plans to choose from; default: the company's active and retired plans of these positions. */
  plans?: readonly PlanVersion[];
}

/**
 * Statements of `period` for the people given whose position has a plan in force at the month's end
 * (others are left out). Throws 422 naming each person and problem when any statement cannot be computed.
 */
export async function computeStatementsFor(
  tx: Executor,
  companyId: number,
  period: string,
  people: readonly PrimarySeat[],
  locale: Locale,
  options: ComputeOptions = {},
): Promise<ComputedStatement[]> {
  const monthEnd = monthBounds(period).to;
  const plans =
    options.plans ?? (await loadPlansInForce(tx, companyId, [...new Set(people.map((p) => p.positionId))]));
  const paid = people
    .map((person) => ({ person, plan: choosePlan(plans, person.positionId, monthEnd) }))
    .filter((x): x is { person: PrimarySeat; plan: PlanVersion } => x.plan !== undefined);
  if (paid.length === 0) return [];

  const compiled = new Map<number, CompiledPayPlan>();
  const failures: { person: PrimarySeat; problems: PayPlanProblem[] }[] = [];
  for (const { person, plan } of paid) {
    if (compiled.has(plan.id)) continue;
    try {
      compiled.set(plan.id, compilePayPlan(plan.definition));
    } catch (error) {
      if (!(error instanceof PayPlanError)) throw error;
      failures.push({ person, problems: error.problems });
    }
  }
  if (failures.length > 0) throw computeFailed(failures, locale);
  const depthOf = new Map([...compiled].map(([id, plan]) => [id, historyDepthOf(plan)]));
  const depth = Math.max(0, ...depthOf.values());
  const ids = paid.map((x) => x.person.employeeId);
  // Earlier months are read only for the people whose plan looks back (PREV), and only as far as it does.
  const positionOf = new Map(
    paid
      .filter((x) => (depthOf.get(x.plan.id) ?? 0) > 0)
      .map((x) => [x.person.employeeId, x.person.positionId]),
  );
  const figures = await loadPayFigures(tx, companyId, ids, period);
  const history = await loadFigureHistory(tx, companyId, positionOf, period, depth);

  const statements: ComputedStatement[] = [];
  for (const { person, plan } of paid) {
    const own = figures.get(person.employeeId) ?? {};
    const typed = options.inputs?.get(person.employeeId) ?? {};
    const values = { ...valuesOf(own), ...typed };
    const current: PeriodFigures = { period, figures: values };
    try {
      const statement = computeStatement(
        compiled.get(plan.id)!,
        current,
        history.get(person.employeeId) ?? [],
      );
      const sources: ComputedStatement['sources'] = {};
      for (const [name, f] of Object.entries(own)) sources[name] = { source: f.source, detail: f.detail };
      for (const name of Object.keys(typed)) sources[name] = { source: 'input', detail: '' };
      statements.push({
        employeeId: person.employeeId,
        employeeName: person.employeeName,
        planId: plan.id,
        planName: plan.name,
        totalFen: statement.totalFen,
        lines: statement.lines,
        skipped: statement.skipped,
        values,
        sources,
      });
    } catch (error) {
      if (!(error instanceof PayPlanError)) throw error;
      failures.push({ person, problems: error.problems });
    }
  }
  if (failures.length > 0) throw computeFailed(failures, locale);
  return statements;
}
