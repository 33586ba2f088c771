import { z } from 'zod';
import { PERIOD_GRAINS, SPLIT_METHODS } from '@zuzhang/domain';
import { Id, INT4_MAX, PageQuery } from './common.ts';

/**
 * Sales targets (销售目标): plans per fiscal year and metric, lines per owner (company, unit, person) and
 * period (year, quarter, month, ISO week) with three tiers 目标 / 挑战 / 冲刺, splitting (分解), publishing and
 * re-plans, the commitment letter (承诺书) and the market sizes shares are read against. Amounts are integer
 * fen for money metrics and counts for new customers.
 */

const BodyId = z.number().int().positive().max(INT4_MAX);
const Version = z.number().int().positive().max(INT4_MAX);
/** A target amount: integer fen, or a count of new customers. */
const Amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const words = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
/** Plans and market sizes are of years in this range (as periods are: 1900–2999). */
const Year = z.number().int().min(1900).max(2999);
const YearQuery = z.coerce.number().int().min(1900).max(2999);

/** sales: net order amount; collections: receipts; new_customers: a count; category_sales: one category. */
export const TargetMetric = z.enum(['sales', 'collections', 'new_customers', 'category_sales']);
export type TargetMetric = z.infer<typeof TargetMetric>;
export const PlanStatus = z.enum(['draft', 'published', 'superseded']);
export type PlanStatus = z.infer<typeof PlanStatus>;
export const OwnerKind = z.enum(['company', 'unit', 'employee']);
export type OwnerKind = z.infer<typeof OwnerKind>;
export const PeriodGrain = z.enum(PERIOD_GRAINS);
export const SplitMethodName = z.enum(SPLIT_METHODS);
export type SplitMethodName = z.infer<typeof SplitMethodName>;

/** The three tiers of a target; stretch defaults to the target and challenge to the stretch. */
export const TierAmounts = z.strictObject({
  target: Amount,
  stretch: Amount.optional(),
  challenge: Amount.optional(),
});
export type TierAmounts = z.infer<typeof TierAmounts>;

export const Tiers = z.object({ target: z.number(), stretch: z.number(), challenge: z.number() });
export type Tiers = z.infer<typeof Tiers>;

// ---- plans ---------------------------------------------------------------------------------------------

export const CreatePlanBody = z
  .strictObject({
    fiscalYear: Year,
    metric: TargetMetric,
    /** Required for category_sales only: a product category (货品类别) that products have. */
    category: words(60).optional(),
    name: required(100),
    /** A split by hand that does not add up may be published; its gap is then shown as unallocated. */
    allowUnallocated: z.boolean().default(false),
    /** The company's target for the year. */
    companyTarget: TierAmounts,
  })
  .superRefine((body, ctx) => {
    if (body.metric === 'category_sales' && !body.category) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'field.required' });
    }
    if (body.metric !== 'category_sales' && body.category) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'targets.categoryOnlyForCategorySales' });
    }
  });
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

export const UpdatePlanBody = z.strictObject({
  name: required(100).optional(),
  allowUnallocated: z.boolean().optional(),
  version: Version,
});
export type UpdatePlanBody = z.infer<typeof UpdatePlanBody>;

export const PlanVersionBody = z.strictObject({ version: Version });
export type PlanVersionBody = z.infer<typeof PlanVersionBody>;

/** A re-plan (mid-year change) says why. */
export const RevisePlanBody = z.strictObject({ reason: required(500), version: Version });
export type RevisePlanBody = z.infer<typeof RevisePlanBody>;

export const PlanListQuery = PageQuery.extend({
  fiscalYear: YearQuery.optional(),
  metric: TargetMetric.optional(),
  status: PlanStatus.optional(),
}).strict();
export type PlanListQuery = z.infer<typeof PlanListQuery>;

export const TargetPlan = z.object({
  id: z.number(),
  fiscalYear: z.number(),
  metric: TargetMetric,
  category: z.string(),
  name: z.string(),
  versionNo: z.number(),
  status: PlanStatus,
  previousPlanId: z.number().nullable(),
  reason: z.string(),
  allowUnallocated: z.boolean(),
  /** The company-year line's tiers; null when the caller may not see the company figure. */
  companyTarget: Tiers.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});
export type TargetPlan = z.infer<typeof TargetPlan>;

export const TargetLine = z.object({
  id: z.number(),
  planId: z.number(),
  parentLineId: z.number().nullable(),
  ownerKind: OwnerKind,
  /** The unit owning the target, or the team the person is counted in; null for the company. */
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  employeeId: z.number().nullable(),
  employeeName: z.string().nullable(),
  /** The company's, the unit's or the person's name, for display. */
  ownerName: z.string(),
  period: z.string(),
  grain: PeriodGrain,
  periodStart: z.string(),
  periodEnd: z.string(),
  target: z.number(),
  stretch: z.number(),
  challenge: z.number(),
  /** How the children were split; null for a line not split. */
  splitMethod: SplitMethodName.nullable(),
  childCount: z.number(),
  /** Σ children per tier; null when the line has no children. */
  childrenSum: Tiers.nullable(),
  /** Parent − Σ children per tier (0 when they add up); null when the line has no children. */
  gap: Tiers.nullable(),
  /** The gap published as an unallocated remainder (allowed by the plan). */
  unallocated: z.number(),
  /** The period ended before today: it changes only with target.override (or never, in a published plan). */
  locked: z.boolean(),
  note: z.string(),
  version: z.number(),
});
export type TargetLine = z.infer<typeof TargetLine>;

export const TargetPlanDetail = TargetPlan.extend({
  /** The lines the caller may see, parents before children (period, then owner). */
  lines: z.array(TargetLine),
});
export type TargetPlanDetail = z.infer<typeof TargetPlanDetail>;

export const PlanVersion = z.object({
  id: z.number(),
  versionNo: z.number(),
  status: PlanStatus,
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type PlanVersion = z.infer<typeof PlanVersion>;

// ---- splitting (分解) ------------------------------------------------------------------------------------

/** A weight or last year's actual: a number, or a decimal string such as "12.5". */
const Share = z.union([z.number(), z.string().max(40)]);
const MAX_CHILDREN = 2000;
/** An amount typed by hand for one child: the target, or its tiers. */
const ManualAmount = z.union([
  z.number(),
  z.strictObject({ target: z.number(), stretch: z.number().optional(), challenge: z.number().optional() }),
]);

/** The inputs of a method; only the list of the chosen method is read. */
const MethodInputs = {
  method: SplitMethodName,
  weights: z.array(Share).max(MAX_CHILDREN).optional(),
  history: z.array(Share).max(MAX_CHILDREN).optional(),
  headcount: z.array(z.number()).max(MAX_CHILDREN).optional(),
  amounts: z.array(ManualAmount).max(MAX_CHILDREN).optional(),
};

/**
 * Preview a split without saving (the web calls it as the user types). `total` is a number or the three
 * tiers; `count` is the number of children for `equal` (otherwise the length of the method's list).
 */
export const SplitPreviewBody = z.strictObject({
  total: z.union([
    z.number(),
    z.strictObject({ target: z.number(), stretch: z.number().optional(), challenge: z.number().optional() }),
  ]),
  ...MethodInputs,
  count: z.number().int().min(0).max(MAX_CHILDREN).optional(),
  labels: z.array(words(100)).max(MAX_CHILDREN).optional(),
});
export type SplitPreviewBody = z.infer<typeof SplitPreviewBody>;

export const SplitPreviewChild = z.object({
  label: z.string().nullable(),
  target: z.number(),
  stretch: z.number().nullable(),
  challenge: z.number().nullable(),
});
export const SplitPreview = z.object({
  /** The target tier's parts, in the children's order. */
  parts: z.array(z.number()),
  children: z.array(SplitPreviewChild),
  /** total − Σ parts per tier: 0 except for a split by hand that does not add up. */
  gap: z.object({ target: z.number(), stretch: z.number().nullable(), challenge: z.number().nullable() }),
});
export type SplitPreview = z.infer<typeof SplitPreview>;

/**
 * Split a line and save its children, replacing the ones it had. `by: period` keeps the owner and splits the
 * period into `grain` (or the `periods` listed); `by: units` gives each unit below the line's unit its part;
 * `by: people` gives each person of the team (primary position in the unit on the period's first day) theirs.
 * `history` without a list reads last year's actuals of the same periods or the same owners.
 */
export const SplitLineBody = z.strictObject({
  by: z.enum(['period', 'units', 'people']),
  grain: z.enum(['quarter', 'month', 'week']).optional(),
  periods: z.array(z.string().max(10)).max(60).optional(),
  unitIds: z.array(BodyId).max(MAX_CHILDREN).optional(),
  employeeIds: z.array(BodyId).max(MAX_CHILDREN).optional(),
  ...MethodInputs,
  version: Version,
});
export type SplitLineBody = z.infer<typeof SplitLineBody>;

export const SplitLineResult = z.object({ line: TargetLine, children: z.array(TargetLine) });
export type SplitLineResult = z.infer<typeof SplitLineResult>;

/** Amounts by hand; a tier left out keeps its value. */
export const UpdateLineBody = z.strictObject({
  target: Amount.optional(),
  stretch: Amount.optional(),
  challenge: Amount.optional(),
  note: words(200).optional(),
  version: Version,
});
export type UpdateLineBody = z.infer<typeof UpdateLineBody>;

// ---- assign and acknowledge (承诺书) ----------------------------------------------------------------------

export const MyPlanTargets = z.object({
  plan: TargetPlan,
  lines: z.array(TargetLine),
  /** When the caller signed this plan's commitment letter; null while unsigned. */
  acknowledgedAt: z.string().nullable(),
});
export const MyTargets = z.object({ items: z.array(MyPlanTargets) });
export type MyTargets = z.infer<typeof MyTargets>;

export const TargetAcknowledgement = z.object({
  planId: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  signedAt: z.string(),
  signedBy: z.string().nullable(),
});
export type TargetAcknowledgement = z.infer<typeof TargetAcknowledgement>;

export const AcknowledgementStatus = z.object({
  planId: z.number(),
  signed: z.number(),
  total: z.number(),
  people: z.array(
    z.object({
      employeeId: z.number(),
      employeeName: z.string(),
      /** Teams the person has targets in. */
      unitNames: z.array(z.string()),
      signedAt: z.string().nullable(),
      signedBy: z.string().nullable(),
    }),
  ),
});
export type AcknowledgementStatus = z.infer<typeof AcknowledgementStatus>;

/** Whose letter: default the caller's own. */
export const LetterQuery = z.strictObject({ employeeId: Id.optional() });
export type LetterQuery = z.infer<typeof LetterQuery>;

// ---- market sizes ----------------------------------------------------------------------------------------

export const MarketSize = z.object({
  id: z.number(),
  year: z.number(),
  region: z.string(),
  category: z.string(),
  marketSizeFen: z.number(),
  outletCount: z.number(),
  version: z.number(),
});
export type MarketSize = z.infer<typeof MarketSize>;

export const CreateMarketSizeBody = z.strictObject({
  year: Year,
  region: required(60),
  category: required(60),
  marketSizeFen: Amount,
  outletCount: z.number().int().min(0).max(INT4_MAX).default(0),
});
export type CreateMarketSizeBody = z.infer<typeof CreateMarketSizeBody>;

export const UpdateMarketSizeBody = z.strictObject({
  year: Year.optional(),
  region: required(60).optional(),
  category: required(60).optional(),
  marketSizeFen: Amount.optional(),
  outletCount: z.number().int().min(0).max(INT4_MAX).optional(),
  version: Version,
});
export type UpdateMarketSizeBody = z.infer<typeof UpdateMarketSizeBody>;

export const MarketSizeListQuery = PageQuery.extend({
  year: YearQuery.optional(),
  region: words(60).optional(),
  category: words(60).optional(),
}).strict();
export type MarketSizeListQuery = z.infer<typeof MarketSizeListQuery>;
