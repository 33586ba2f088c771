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
 * each line once and makes the lines add up to the total. Nothing here writes: the statements go to the
 * caller's `store`, a slice at a time.
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
 * People per slice handed to `store` (see computeStatementsFor): small enough that storing one slice
 * overlaps computing the next one well, large enough that the INSERTs are few (21 for 2,000 people).
 */
export const STATEMENT_SLICE = 100;

/** Let the event loop run: a query just started goes out to the database while the next slice is computed. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Computes the statements of `period` for the people given whose position has a plan in force at the
 * month's end (others are left out) and hands them to `store` a slice at a time: the database stores one
 * slice while the next is computed here, and no more than two slices are held in memory. Resolves to how
 * many statements there are and their total. Throws 422 naming each person and problem when any statement
 * cannot be computed (nothing more is stored after the first; the caller's transaction undoes the rest).
 */
export async function computeStatementsFor(
  tx: Executor,
  companyId: number,
  period: string,
  people: readonly PrimarySeat[],
  locale: Locale,
  options: ComputeOptions,
  store: (statements: ComputedStatement[]) => Promise<void>,
): Promise<{ count: number; totalFen: number }> {
  const monthEnd = monthBounds(period).to;
  const plans =
    options.plans ?? (await loadPlansInForce(tx, companyId, [...new Set(people.map((p) => p.positionId))]));
  const paid = people
    .map((person) => ({ person, plan: choosePlan(plans, person.positionId, monthEnd) }))
    .filter((x): x is { person: PrimarySeat; plan: PlanVersion } => x.plan !== undefined);
  const result = { count: 0, totalFen: 0 };
  if (paid.length === 0) return result;

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

  const computeOne = ({ person, plan }: { person: PrimarySeat; plan: PlanVersion }): ComputedStatement => {
    const own = figures.get(person.employeeId) ?? {};
    const typed = options.inputs?.get(person.employeeId) ?? {};
    const values = { ...valuesOf(own), ...typed };
    const current: PeriodFigures = { period, figures: values };
    const statement = computeStatement(compiled.get(plan.id)!, current, history.get(person.employeeId) ?? []);
    const sources: ComputedStatement['sources'] = {};
    for (const [name, f] of Object.entries(own)) sources[name] = { source: f.source, detail: f.detail };
    for (const name of Object.keys(typed)) sources[name] = { source: 'input', detail: '' };
    return {
      employeeId: person.employeeId,
      employeeName: person.employeeName,
      planId: plan.id,
      planName: plan.name,
      totalFen: statement.totalFen,
      lines: statement.lines,
      skipped: statement.skipped,
      values,
      sources,
    };
  };

  let stored = Promise.resolve();
  try {
    for (let i = 0; i < paid.length; i += STATEMENT_SLICE) {
      const slice: ComputedStatement[] = [];
      for (const x of paid.slice(i, i + STATEMENT_SLICE)) {
        try {
          slice.push(computeOne(x));
        } catch (error) {
          if (!(error instanceof PayPlanError)) throw error;
          failures.push({ person: x.person, problems: error.problems });
        }
      }
      await stored;
      if (failures.length > 0) continue;
      // The database (another process) stores this slice while the next one is computed.
      stored = store(slice);
      result.count += slice.length;
      result.totalFen += slice.reduce((sum, s) => sum + s.totalFen, 0);
      await nextTurn();
    }
    await stored;
  } finally {
    // Never leave a statement being written behind an error (the caller rolls back after it).
    await stored.catch(() => undefined);
  }
  if (failures.length > 0) throw computeFailed(failures, locale);
  return result;
}
