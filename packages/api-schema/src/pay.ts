import { z } from 'zod';
import { DateString, Id, INT4_MAX, PageQuery } from './common.ts';
import { PeriodMonth } from './money.ts';

/**
 * Pay (激励体制 / 惩罚体制 → 工资条): pay plans per position in the declarative form of docs/pay-plans.md,
 * pay runs for a month (computed → approved → locked; a re-run points at the run it replaces), the
 * statements with every line explained, and what-if simulations that save nothing. Money is integer fen.
 *
 * The plan's shape is checked here (types and sizes); what it means (formulas, names, units, dates) is
 * checked by the domain's validatePayPlan, whose problems come back as 400 details naming
 * `body.definition.components.N.formula` with the position in the formula and what is allowed there.
 */

const BodyId = z.number().int().positive().max(INT4_MAX);
const Version = z.number().int().positive().max(INT4_MAX);
const FigureValue = z.union([z.number(), z.string().max(40)]);

export const PayText = z.strictObject({ 'zh-CN': z.string().max(500), 'en-US': z.string().max(500) });
export type PayText = z.infer<typeof PayText>;

export const PayPlanDefinition = z.strictObject({
  name: z.string().max(100),
  positionCode: z.string().max(60).optional(),
  currency: z.string().max(10),
  effectiveFrom: z.string().max(20),
  effectiveTo: z.string().max(20).optional(),
  figures: z
    .array(
      z.strictObject({
        name: z.string().max(80),
        label: PayText,
        unit: z.string().max(20),
        source: z.string().max(20),
      }),
    )
    .max(60),
  parameters: z
    .array(
      z.strictObject({
        name: z.string().max(80),
        label: PayText,
        unit: z.string().max(20),
        value: FigureValue,
      }),
    )
    .max(60)
    .optional(),
  tiers: z
    .record(z.string().max(80), z.array(z.strictObject({ from: FigureValue, rate: FigureValue })).max(50))
    .optional(),
  components: z
    .array(
      z.strictObject({
        key: z.string().max(80),
        kind: z.string().max(20),
        label: PayText,
        // Longer than the evaluator's limit on purpose: it refuses a long formula naming its component.
        formula: z.string().max(5000),
        when: z.string().max(5000).optional(),
        explain: PayText.optional(),
      }),
    )
    .max(60),
});
export type PayPlanDefinition = z.infer<typeof PayPlanDefinition>;

/** One thing wrong with a plan or a figure, for people (message) and for the editor (where). */
export const PayProblem = z.object({
  path: z.string(),
  key: z.string(),
  message: z.string(),
  component: z.string().nullable(),
  /** 0-based character offset into the formula, when the problem is in one. */
  position: z.number().nullable(),
  allowed: z.array(z.string()),
});
export type PayProblem = z.infer<typeof PayProblem>;

export const PayPlanStatus = z.enum(['draft', 'active', 'retired']);

export const PayPlan = z.object({
  id: z.number(),
  positionId: z.number(),
  positionName: z.string(),
  positionCode: z.string(),
  name: z.string(),
  versionNo: z.number(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: PayPlanStatus,
  definition: PayPlanDefinition,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type PayPlan = z.infer<typeof PayPlan>;

export const PayPlanListQuery = PageQuery.extend({
  positionId: Id.optional(),
  status: PayPlanStatus.optional(),
}).strict();
export type PayPlanListQuery = z.infer<typeof PayPlanListQuery>;

export const CreatePayPlanBody = z.strictObject({ positionId: BodyId, definition: PayPlanDefinition });
export type CreatePayPlanBody = z.infer<typeof CreatePayPlanBody>;

export const UpdatePayPlanBody = z.strictObject({
  positionId: BodyId.optional(),
  definition: PayPlanDefinition.optional(),
  version: Version,
});
export type UpdatePayPlanBody = z.infer<typeof UpdatePayPlanBody>;

export const PayVersionBody = z.strictObject({ version: Version });
export type PayVersionBody = z.infer<typeof PayVersionBody>;

/** Retiring closes the plan's dates: it still pays the months up to `effectiveTo`, none after. */
export const RetirePayPlanBody = z.strictObject({ version: Version, effectiveTo: DateString });
export type RetirePayPlanBody = z.infer<typeof RetirePayPlanBody>;

export const ValidatePayPlanBody = z.strictObject({ definition: PayPlanDefinition });
export type ValidatePayPlanBody = z.infer<typeof ValidatePayPlanBody>;

export const PayPlanValidation = z.object({ valid: z.boolean(), problems: z.array(PayProblem) });
export type PayPlanValidation = z.infer<typeof PayPlanValidation>;

// ---- statements (工资条) --------------------------------------------------------------------------

export const PayStatementInput = z.object({
  name: z.string(),
  label: PayText,
  source: z.string(),
  periodsBack: z.number(),
  unit: z.string(),
  value: z.number().nullable(),
  text: PayText,
});

export const PayStatementLine = z.object({
  componentKey: z.string(),
  kind: z.string(),
  label: PayText,
  amountFen: z.number(),
  formula: z.string(),
  when: z.string().optional(),
  inputs: z.array(PayStatementInput),
  explanation: PayText,
});
export type PayStatementLine = z.infer<typeof PayStatementLine>;

export const PaySkippedComponent = z.object({
  componentKey: z.string(),
  kind: z.string(),
  label: PayText,
  when: z.string(),
  inputs: z.array(PayStatementInput),
  explanation: PayText,
});

/** A statement as computed (simulations): lines add up to the total exactly. */
export const ComputedPayStatement = z.object({
  planName: z.string(),
  period: z.string(),
  lines: z.array(PayStatementLine),
  skipped: z.array(PaySkippedComponent),
  totalFen: z.number(),
});

/** A figure a statement was computed from: its value (fen, ratio or count) and where it came from. */
export const PayFigure = z.object({
  /** Fen or a count as a number; a ratio as an exact decimal string ("1.032" = 103.2%). */
  value: z.union([z.number(), z.string()]),
  source: z.string(),
  detail: z.string(),
});

export const PayStatementSummary = z.object({
  id: z.number(),
  runId: z.number(),
  runStatus: z.string(),
  period: z.string(),
  employeeId: z.number(),
  employeeName: z.string(),
  positionName: z.string(),
  planId: z.number(),
  planName: z.string(),
  totalFen: z.number(),
});
export type PayStatementSummary = z.infer<typeof PayStatementSummary>;

export const PayStatementDetail = PayStatementSummary.extend({
  companyName: z.string(),
  lines: z.array(PayStatementLine),
  skipped: z.array(PaySkippedComponent),
  figures: z.record(z.string(), PayFigure),
});
export type PayStatementDetail = z.infer<typeof PayStatementDetail>;

export const MyPayStatementsQuery = PageQuery.extend({ period: PeriodMonth.optional() }).strict();
export type MyPayStatementsQuery = z.infer<typeof MyPayStatementsQuery>;

// ---- pay runs (工资核算) ----------------------------------------------------------------------------

export const PayRunStatus = z.enum(['computed', 'approved', 'locked', 'superseded']);

/** Figures the plans take as typed-in input (`source: input`), per person, for this run. */
export const PayRunInput = z.strictObject({
  employeeId: BodyId,
  figures: z.record(z.string().max(80), FigureValue),
});

export const CreatePayRunBody = z.strictObject({
  period: PeriodMonth,
  /** Pay only the people of this unit and the units below it (default: everyone in your scope). */
  unitId: BodyId.optional(),
  inputs: z.array(PayRunInput).max(5000).optional(),
});
export type CreatePayRunBody = z.infer<typeof CreatePayRunBody>;

export const RerunPayRunBody = z.strictObject({ inputs: z.array(PayRunInput).max(5000).optional() });
export type RerunPayRunBody = z.infer<typeof RerunPayRunBody>;

export const PayRun = z.object({
  id: z.number(),
  period: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  status: PayRunStatus,
  previousRunId: z.number().nullable(),
  replacedByRunId: z.number().nullable(),
  totalFen: z.number(),
  statementCount: z.number(),
  computedBy: z.string().nullable(),
  computedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
  version: z.number(),
});
export type PayRun = z.infer<typeof PayRun>;

export const PayRunDetail = PayRun.extend({ statements: z.array(PayStatementSummary) });
export type PayRunDetail = z.infer<typeof PayRunDetail>;

export const PayRunListQuery = PageQuery.extend({
  period: PeriodMonth.optional(),
  status: PayRunStatus.optional(),
}).strict();
export type PayRunListQuery = z.infer<typeof PayRunListQuery>;

const DiffAmount = z.number().nullable();
export const PayRunDiff = z.object({
  runId: z.number(),
  previousRunId: z.number().nullable(),
  period: z.string(),
  totalFen: z.number(),
  previousTotalFen: z.number(),
  diffFen: z.number(),
  people: z.array(
    z.object({
      employeeId: z.number(),
      employeeName: z.string(),
      oldFen: DiffAmount,
      newFen: DiffAmount,
      diffFen: z.number(),
      lines: z.array(
        z.object({
          componentKey: z.string(),
          label: PayText,
          oldFen: DiffAmount,
          newFen: DiffAmount,
          diffFen: z.number(),
        }),
      ),
    }),
  ),
});
export type PayRunDiff = z.infer<typeof PayRunDiff>;

// ---- what-if (模拟测算) -----------------------------------------------------------------------------

export const SimulatePayBody = z.strictObject({
  plan: PayPlanDefinition,
  people: z
    .array(
      z.strictObject({
        employeeId: BodyId.optional(),
        name: z.string().trim().min(1).max(100),
        periods: z
          .array(z.strictObject({ period: PeriodMonth, figures: z.record(z.string().max(80), FigureValue) }))
          .min(1)
          .max(36),
      }),
    )
    .min(1)
    .max(2000),
});
export type SimulatePayBody = z.infer<typeof SimulatePayBody>;

export const PaySimulation = z.object({
  planName: z.string(),
  people: z.array(
    z.object({
      employeeId: z.number().nullable(),
      name: z.string(),
      statements: z.array(ComputedPayStatement),
      totalFen: z.number(),
    }),
  ),
  periods: z.array(z.object({ period: z.string(), totalFen: z.number() })),
  totalFen: z.number(),
});
export type PaySimulation = z.infer<typeof PaySimulation>;

/** A draft plan (saved, by id, or given whole with the position it is for) over past months. */
export const PayWhatIfBody = z.strictObject({
  planId: BodyId.optional(),
  definition: PayPlanDefinition.optional(),
  positionId: BodyId.optional(),
  from: PeriodMonth,
  to: PeriodMonth,
  unitId: BodyId.optional(),
});
export type PayWhatIfBody = z.infer<typeof PayWhatIfBody>;

const Compare = { draftFen: z.number(), currentFen: z.number(), diffFen: z.number() };
export const PayWhatIf = z.object({
  planName: z.string(),
  positionId: z.number(),
  from: z.string(),
  to: z.string(),
  people: z.array(
    z.object({
      employeeId: z.number(),
      employeeName: z.string(),
      periods: z.array(
        z.object({
          period: z.string(),
          draftFen: z.number(),
          /** What the plan in force paid (null: no plan in force that month). */
          currentFen: z.number().nullable(),
          currentPlanName: z.string().nullable(),
          diffFen: z.number(),
        }),
      ),
      ...Compare,
    }),
  ),
  periods: z.array(z.object({ period: z.string(), ...Compare })),
  ...Compare,
});
export type PayWhatIf = z.infer<typeof PayWhatIf>;
