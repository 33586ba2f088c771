import { and, eq } from 'drizzle-orm';
import type { Locale, PaySimulation, PayWhatIf, PayWhatIfBody, SimulatePayBody } from '@zuzhang/api-schema';
import {
  PayPlanError,
  compilePayPlan,
  computeStatement,
  monthBounds,
  monthOf,
  nextMonth,
  previousMonth,
  simulatePay,
  type CompiledPayPlan,
  type PayPlan,
  type PeriodFigures,
} from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { positions, units } from '../org/org.table.ts';
import { payPlans } from './pay.table.ts';
import { authorizeAny, SIMULATORS } from './pay.policy.ts';
import { payProblemsError, withPayProblems, describePayProblem } from './pay-problems.ts';
import { historyDepthOf } from './pay-compute.ts';
import {
  loadPayFigures,
  loadPrimarySeats,
  loadUnitTreeIds,
  valuesOf,
  type PrimarySeat,
} from './pay-figures.ts';
import { choosePlan, loadPlansInForce } from './pay-plans.service.ts';

/**
 * What-if (模拟测算): what a plan would pay, saving nothing. `simulate` takes the figures from the caller
 * (per person and month, as `zuzhang pay simulate` does from files); `whatIf` runs a draft plan over past
 * months on the real figures and sets each person's pay, and the total cost, next to what the plan in force
 * paid, so the VP sees what a change would have cost before making it.
 */

export const MAX_WHAT_IF_MONTHS = 24;

export function simulatePayPlan(actor: Actor, body: SimulatePayBody, locale: Locale): PaySimulation {
  authorizeAny(actor, SIMULATORS);
  const compiled = withPayProblems(locale, 'body.plan', () =>
    compilePayPlan(body.plan as unknown as PayPlan),
  );
  const result = withPayProblems(
    locale,
    'body',
    () =>
      simulatePay(
        compiled,
        body.people.map((p, i) => ({
          employeeId: p.employeeId ?? `#${i + 1}`,
          name: p.name,
          periods: p.periods,
        })),
      ),
    'pay.figuresInvalid',
  );
  return {
    planName: result.planName,
    people: result.people.map((p, i) => ({
      employeeId: body.people[i]!.employeeId ?? null,
      name: p.name,
      statements: p.statements,
      totalFen: p.totalFen,
    })),
    periods: result.periods,
    totalFen: result.totalFen,
  };
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let p = from; p <= to; p = nextMonth(p)) months.push(p);
  return months;
}

/** The draft to try: a saved plan (any status) by id, or a definition for a position. */
async function loadDraft(db: Db, actor: Actor, body: PayWhatIfBody, locale: Locale) {
  if (body.planId !== undefined) {
    const [plan] = await db
      .select()
      .from(payPlans)
      .where(
        and(
          eq(payPlans.id, body.planId),
          eq(payPlans.companyId, actor.companyId),
          inScope.position(actor, payPlans.positionId),
        ),
      );
    if (!plan) throw notFound('entity.payPlan');
    const definition = plan.definition as PayPlan;
    const compiled = withPayProblems(locale, 'body.planId', () => compilePayPlan(definition));
    return { compiled, positionId: plan.positionId, excludePlanId: plan.id };
  }
  if (body.definition === undefined) throw fieldError('body.planId', 'pay.whatIfPlanRequired');
  if (body.positionId === undefined) throw fieldError('body.positionId', 'pay.whatIfPositionRequired');
  const [position] = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.id, body.positionId), eq(positions.companyId, actor.companyId)));
  if (!position || !isInScope.position(actor, position.id)) {
    throw fieldError('body.positionId', 'field.notInCompany', { entity: 'entity.position' });
  }
  const compiled = withPayProblems(locale, 'body.definition', () =>
    compilePayPlan(body.definition as unknown as PayPlan),
  );
  return { compiled, positionId: position.id, excludePlanId: null };
}

export async function runWhatIf(
  db: Db,
  actor: Actor,
  body: PayWhatIfBody,
  locale: Locale,
): Promise<PayWhatIf> {
  authorizeAny(actor, SIMULATORS);
  if (body.to < body.from) throw fieldError('body.to', 'pay.rangeOrder', { from: body.from });
  if (body.to > monthOf(actor.today)) throw fieldError('body.to', 'pay.futurePeriod', { period: body.to });
  const months = monthsBetween(body.from, body.to);
  if (months.length > MAX_WHAT_IF_MONTHS) {
    throw fieldError('body.to', 'pay.rangeTooLong', { max: MAX_WHAT_IF_MONTHS });
  }
  if (body.unitId !== undefined) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, body.unitId), eq(units.companyId, actor.companyId)));
    if (!unit || !isInScope.unit(actor, unit.id)) {
      throw fieldError('body.unitId', 'field.notInCompany', { entity: 'entity.unit' });
    }
  }
  const draft = await loadDraft(db, actor, body, locale);
  const plansInForce = (await loadPlansInForce(db, actor.companyId, [draft.positionId])).filter(
    (p) => p.id !== draft.excludePlanId,
  );
  const compiledInForce = new Map<number, CompiledPayPlan>();
  for (const plan of plansInForce) {
    try {
      compiledInForce.set(plan.id, compilePayPlan(plan.definition));
    } catch (error) {
      if (!(error instanceof PayPlanError)) throw error;
      // A plan in force that no longer compiles is reported, not silently compared as zero.
      throw payProblemsError(error.problems, locale, `plans.${plan.id}`);
    }
  }
  const depth = Math.max(
    historyDepthOf(draft.compiled),
    ...[...compiledInForce.values()].map(historyDepthOf),
  );
  let first = body.from;
  for (let i = 0; i < depth; i++) first = previousMonth(first);
  const allMonths = monthsBetween(first, body.to);

  // Who held the position each month (in scope and in the unit asked for): the people the plan would pay.
  const unitTree = body.unitId === undefined ? null : await loadUnitTreeIds(db, body.unitId);
  const seatsByMonth = new Map<string, Map<number, PrimarySeat>>();
  for (const month of allMonths)
    seatsByMonth.set(month, await loadPrimarySeats(db, actor.companyId, month, null));
  const holders = (month: string) =>
    [...(seatsByMonth.get(month) ?? new Map<number, PrimarySeat>()).values()].filter(
      (s) =>
        s.positionId === draft.positionId &&
        isInScope.employee(actor, s.employeeId) &&
        (unitTree === null || unitTree.has(s.unitId)),
    );
  const people = new Map<number, PrimarySeat>();
  for (const month of months) for (const s of holders(month)) people.set(s.employeeId, s);
  const ids = [...people.keys()];
  const figuresByMonth = new Map<string, Map<number, Record<string, number | string>>>();
  for (const month of allMonths) {
    const loaded = await loadPayFigures(db, actor.companyId, ids, month);
    figuresByMonth.set(month, new Map([...loaded].map(([id, f]) => [id, valuesOf(f)])));
  }

  const failures: { name: string; problems: PayPlanError['problems'] }[] = [];
  const compute = (plan: CompiledPayPlan, person: PrimarySeat, month: string): number | null => {
    const held = (m: string) => holders(m).some((s) => s.employeeId === person.employeeId);
    const previous: PeriodFigures[] = allMonths
      .filter((m) => m < month && held(m))
      .map((m) => ({ period: m, figures: figuresByMonth.get(m)?.get(person.employeeId) ?? {} }));
    try {
      return computeStatement(
        plan,
        { period: month, figures: figuresByMonth.get(month)?.get(person.employeeId) ?? {} },
        previous,
      ).totalFen;
    } catch (error) {
      if (!(error instanceof PayPlanError)) throw error;
      failures.push({ name: person.employeeName, problems: error.problems });
      return null;
    }
  };

  const periodTotals = new Map(months.map((m) => [m, { draftFen: 0, currentFen: 0 }]));
  const rows = [...people.values()]
    .sort((a, b) => a.employeeName.localeCompare(b.employeeName, 'zh-CN') || a.employeeId - b.employeeId)
    .map((person) => {
      const periods = months
        .filter((m) => holders(m).some((s) => s.employeeId === person.employeeId))
        .map((month) => {
          const draftFen = compute(draft.compiled, person, month) ?? 0;
          const inForce = choosePlan(plansInForce, draft.positionId, monthBounds(month).to);
          const currentFen =
            inForce === undefined ? null : compute(compiledInForce.get(inForce.id)!, person, month);
          const totals = periodTotals.get(month)!;
          totals.draftFen += draftFen;
          totals.currentFen += currentFen ?? 0;
          return {
            period: month,
            draftFen,
            currentFen,
            currentPlanName: inForce?.name ?? null,
            diffFen: draftFen - (currentFen ?? 0),
          };
        });
      const draftFen = periods.reduce((s, p) => s + p.draftFen, 0);
      const currentFen = periods.reduce((s, p) => s + (p.currentFen ?? 0), 0);
      return {
        employeeId: person.employeeId,
        employeeName: person.employeeName,
        periods,
        draftFen,
        currentFen,
        diffFen: draftFen - currentFen,
      };
    });
  if (failures.length > 0) {
    throw new AppError(
      'business_rule',
      'pay.computeFailed',
      { count: new Set(failures.map((f) => f.name)).size },
      failures.flatMap((f) =>
        f.problems.map((p) => {
          const described = describePayProblem(p, locale);
          return {
            path: described.path,
            text: translate(locale, 'pay.personProblem', { person: f.name, problem: described.message }),
          };
        }),
      ),
    );
  }
  const periods = months.map((period) => {
    const t = periodTotals.get(period)!;
    return { period, draftFen: t.draftFen, currentFen: t.currentFen, diffFen: t.draftFen - t.currentFen };
  });
  const draftFen = periods.reduce((s, p) => s + p.draftFen, 0);
  const currentFen = periods.reduce((s, p) => s + p.currentFen, 0);
  return {
    planName: draft.compiled.plan.name,
    positionId: draft.positionId,
    from: body.from,
    to: body.to,
    people: rows,
    periods,
    draftFen,
    currentFen,
    diffFen: draftFen - currentFen,
  };
}
