import { z } from 'zod';
import { PACE_STATUSES, parsePeriod } from '@zuzhang/domain';
import { Id } from './common.ts';
import { AgeingBands } from './money.ts';
import { TargetMetric } from './targets.ts';

/**
 * Progress against targets (issue 4 items 5–7): attainment (完成率) per person, team and company, rankings
 * (个人 / 团队排行榜), plan execution sheets (计划执行表), the lead's and the manager's dashboards, and product
 * and market analysis (畅销 / 滞销, 市场覆盖率 / 市场占有率). Amounts are integer fen for money metrics and counts
 * for new customers; ratios (attainment, share, coverage, change) are plain numbers (1 = 100%) or null where
 * the denominator is zero.
 */

/** A period as written in plans: `2027`, `2027-Q1`, `2027-01` or `2027-W05` (a week that exists in its year). */
function isPeriod(text: string): boolean {
  try {
    parsePeriod(text);
    return true;
  } catch {
    return false;
  }
}
export const PeriodText = z.string().max(10).refine(isPeriod, { error: 'progress.period' });

const Category = z.string().trim().min(1).max(60);

/** The metric and, for category_sales only, its product category. */
const metricFields = {
  metric: TargetMetric.default('sales'),
  category: Category.optional(),
};
function checkCategory(query: { metric: string; category?: string | undefined }, ctx: z.RefinementCtx) {
  if (query.metric === 'category_sales' && !query.category) {
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'field.required' });
  }
  if (query.metric !== 'category_sales' && query.category) {
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'progress.categoryOnlyForCategorySales' });
  }
}

export const ProgressLevel = z.enum(['person', 'team', 'company']);
export type ProgressLevel = z.infer<typeof ProgressLevel>;
export const PaceStatus = z.enum(PACE_STATUSES);

export const ProgressQuery = z
  .strictObject({
    ...metricFields,
    /** Default: this month. */
    period: PeriodText.optional(),
    level: ProgressLevel.default('person'),
    /** Whose children (team) or people (person) to list; default the caller's widest unit. */
    unitId: Id.optional(),
  })
  .superRefine(checkCategory);
export type ProgressQuery = z.infer<typeof ProgressQuery>;

/** One owner's progress in a period. */
export const ProgressRow = z.object({
  kind: z.enum(['person', 'unit', 'company']),
  /** Employee id, unit id, or null for the company. */
  id: z.number().nullable(),
  name: z.string(),
  /** A unit: does it have units below (drill down with level=team), or only people (level=person)? */
  hasChildUnits: z.boolean(),
  /** Null when no published plan gives this owner a target in the period. */
  target: z.number().nullable(),
  stretch: z.number().nullable(),
  challenge: z.number().nullable(),
  /**
   * exact: a line for the period itself; children: the sum of its shorter periods' lines (e.g. weeks);
   * members: a unit (or the company) with no line of its own for the period, the sum of the targets of the
   * units directly below it and of the people counted in it (a team's week: its people's weekly tasks).
   */
  targetSource: z.enum(['exact', 'children', 'members', 'none']),
  actual: z.number(),
  /** actual ÷ target; null without a target. */
  attainment: z.number().nullable(),
  /** Run-rate projection to the period's end. */
  projection: z.number(),
  /** target − actual (negative: beaten); null without a target. */
  gap: z.number().nullable(),
  paceStatus: PaceStatus,
  /** By attainment, highest first; null without a target. */
  rank: z.number().nullable(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

export const PeriodInfo = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  elapsedDays: z.number(),
  daysLeft: z.number(),
});
export type PeriodInfo = z.infer<typeof PeriodInfo>;

export const ProgressReport = z.object({
  metric: TargetMetric,
  category: z.string(),
  today: z.string(),
  period: PeriodInfo,
  level: ProgressLevel,
  /** The unit listed; null for the company level or a caller who sees no unit. */
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The unit's own figures, when the caller may see the whole unit. */
  total: ProgressRow.nullable(),
  rows: z.array(ProgressRow),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const RankingsQuery = z
  .strictObject({
    ...metricFields,
    period: PeriodText.optional(),
    by: z.enum(['person', 'team']).default('person'),
    /** What the board is ranked by. */
    key: z.enum(['attainment', 'actual']).default('attainment'),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    /** Rank within this unit; default the caller's widest unit. */
    unitId: Id.optional(),
  })
  .superRefine(checkCategory);
export type RankingsQuery = z.infer<typeof RankingsQuery>;

export const Rankings = z.object({
  metric: TargetMetric,
  category: z.string(),
  today: z.string(),
  period: PeriodInfo,
  by: z.enum(['person', 'team']),
  key: z.enum(['attainment', 'actual']),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Everyone ranked (with a target or a result in the period), before the limit. */
  total: z.number(),
  rows: z.array(ProgressRow.extend({ unitName: z.string().nullable() })),
});
export type Rankings = z.infer<typeof Rankings>;

export const ExecutionSheetQuery = z
  .strictObject({
    ...metricFields,
    /** Default: this year. */
    fiscalYear: z.coerce.number().int().min(1900).max(2999).optional(),
    grain: z.enum(['year', 'quarter', 'month']).default('month'),
    unitId: Id.optional(),
  })
  .superRefine(checkCategory);
export type ExecutionSheetQuery = z.infer<typeof ExecutionSheetQuery>;

// ---- dashboards ---------------------------------------------------------------------------------------

export const DashboardQuery = z
  .strictObject({
    ...metricFields,
    /** Default: the caller's own team (dashboards/team) or top unit in scope (dashboards/overview). */
    unitId: Id.optional(),
  })
  .superRefine(checkCategory);
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** An owner's figures in one period, for a dashboard cell. */
export const PeriodProgress = z.object({
  target: z.number().nullable(),
  actual: z.number(),
  attainment: z.number().nullable(),
  projection: z.number(),
  gap: z.number().nullable(),
  paceStatus: PaceStatus,
  /**
   * How far behind the straight-line pace (target × days gone ÷ days in the period) the actual is: positive
   * when behind, 0 when on or ahead of it, null without a target.
   */
  shortOfPace: z.number().nullable(),
});
export type PeriodProgress = z.infer<typeof PeriodProgress>;

export const DashboardMember = z.object({
  employeeId: z.number(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  hireDate: z.string(),
  /** In probation, or hired less than 90 days ago. */
  newHire: z.boolean(),
  week: PeriodProgress,
  month: PeriodProgress,
  /** Customers of theirs with a follow-up planned for today; null without customer.read. */
  followUpsDue: z.number().nullable(),
  /** Their customers' money past due; null without customer.read. */
  overdueFen: z.number().nullable(),
});
export type DashboardMember = z.infer<typeof DashboardMember>;

export const SeriesPoint = z.object({
  date: z.string(),
  /** Cumulative actual through this day; null for days still to come. */
  actual: z.number().nullable(),
  /** The straight-line target through this day; null without a month target. */
  target: z.number().nullable(),
});

export const DueFollowUpItem = z.object({
  customerId: z.number(),
  customerName: z.string(),
  ownerEmployeeId: z.number(),
  ownerName: z.string(),
  lastFollowUpOn: z.string(),
  kind: z.string(),
});

export const TeamDashboard = z.object({
  metric: TargetMetric,
  category: z.string(),
  today: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  week: PeriodInfo,
  month: PeriodInfo,
  /** The unit's own figures, when the caller may see the whole unit. */
  totals: z.object({ week: PeriodProgress, month: PeriodProgress }).nullable(),
  members: z.array(DashboardMember),
  /** Members behind the month's pace, furthest behind first. */
  behind: z.array(
    z.object({
      employeeId: z.number(),
      name: z.string(),
      shortOfPace: z.number(),
      gap: z.number(),
      attainment: z.number().nullable(),
    }),
  ),
  /** Follow-ups planned for today on the members' customers; null without customer.read. */
  followUpsDue: z.object({ count: z.number(), items: z.array(DueFollowUpItem) }).nullable(),
  /** Open money past due on the members' orders (the ageing report); null without customer.read. */
  overdue: z
    .object({
      amountFen: z.number(),
      bands: AgeingBands,
      members: z.array(z.object({ employeeId: z.number(), name: z.string(), overdueFen: z.number() })),
    })
    .nullable(),
  newHires: z.array(DashboardMember),
  /** This month, day by day: cumulative actual against the straight-line target. */
  series: z.array(SeriesPoint),
});
export type TeamDashboard = z.infer<typeof TeamDashboard>;

export const OverviewRow = z.object({
  kind: z.enum(['unit', 'person']),
  id: z.number(),
  name: z.string(),
  hasChildUnits: z.boolean(),
  week: PeriodProgress,
  month: PeriodProgress,
  /** People behind the month's pace (a person row: 1 or 0). */
  behindCount: z.number(),
  headcount: z.number(),
  newHires: z.number(),
  followUpsDue: z.number().nullable(),
  overdueFen: z.number().nullable(),
});
export type OverviewRow = z.infer<typeof OverviewRow>;

export const OverviewDashboard = z.object({
  metric: TargetMetric,
  category: z.string(),
  today: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  week: PeriodInfo,
  month: PeriodInfo,
  /** The unit's own figures, when the caller may see the whole unit. */
  totals: OverviewRow.nullable(),
  /** The units below (a team: its people), each drillable by its id. */
  rows: z.array(OverviewRow),
  series: z.array(SeriesPoint),
});
export type OverviewDashboard = z.infer<typeof OverviewDashboard>;

// ---- product and market analysis ---------------------------------------------------------------------

export const ProductAnalysisQuery = z.strictObject({
  /** A month, quarter or year (product roll-ups are monthly); default this month. */
  period: PeriodText.refine((p) => !p.includes('W'), { error: 'progress.periodNoWeeks' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  /** Velocity in units or in money per day. */
  by: z.enum(['quantity', 'amount']).default('quantity'),
});
export type ProductAnalysisQuery = z.infer<typeof ProductAnalysisQuery>;

export const ProductVelocity = z.object({
  productId: z.number(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  active: z.boolean(),
  quantity: z.number(),
  amountFen: z.number(),
  quantityPerDay: z.number().nullable(),
  amountPerDay: z.number().nullable(),
  previousQuantity: z.number(),
  previousAmountFen: z.number(),
  /** Change of velocity against the previous period (环比); null when that period sold nothing. */
  change: z.number().nullable(),
  rank: z.number().nullable(),
  classification: z.enum(['best_seller', 'slow_mover', 'normal']),
});
export type ProductVelocity = z.infer<typeof ProductVelocity>;

export const ProductAnalysis = z.object({
  period: PeriodInfo,
  previousPeriod: z.string(),
  by: z.enum(['quantity', 'amount']),
  /** Catalogue products compared (active ones, and inactive ones that sold). */
  productCount: z.number(),
  bestSellers: z.array(ProductVelocity),
  slowMovers: z.array(ProductVelocity),
});
export type ProductAnalysis = z.infer<typeof ProductAnalysis>;

export const MarketAnalysisQuery = z.strictObject({
  /** Default: this year. */
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  region: z.string().trim().max(60).optional(),
  category: z.string().trim().max(60).optional(),
});
export type MarketAnalysisQuery = z.infer<typeof MarketAnalysisQuery>;

export const MarketCell = z.object({
  region: z.string(),
  category: z.string(),
  salesFen: z.number(),
  /** Customers in the region with net purchases in the category this year. */
  buyingCustomers: z.number(),
  /** Null while no market size is entered for this region and category. */
  marketSizeFen: z.number().nullable(),
  outletCount: z.number().nullable(),
  share: z.number().nullable(),
  coverage: z.number().nullable(),
});
export type MarketCell = z.infer<typeof MarketCell>;

export const MarketAnalysis = z.object({
  year: z.number(),
  cells: z.array(MarketCell),
  totals: z.object({
    salesFen: z.number(),
    /** Σ sizes entered; share is Σ sales in those cells ÷ this. */
    marketSizeFen: z.number(),
    share: z.number().nullable(),
  }),
});
export type MarketAnalysis = z.infer<typeof MarketAnalysis>;
