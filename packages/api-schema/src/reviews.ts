import { z } from 'zod';
import { DateString, Id, INT4_MAX, PageQuery } from './common.ts';

/**
 * People and their reviews (issue 5, items 1–3 and 5): the working-day calendar (法定节假日, 调休上班日),
 * attendance (考勤), scorecard templates (考核表) with weights adding up to 100, performance reviews
 * (绩效考核) — computed indicators filled from the system's data, rated ones by the superior, confirmed or
 * appealed by the employee — and incidents (奖罚) the employee sees and may appeal. Decimals (values,
 * points, scores, rates) travel as strings so nothing is lost to binary floating point.
 */

const BodyId = z.number().int().positive().max(INT4_MAX);
const Version = z.number().int().positive().max(INT4_MAX);
const words = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
/** A month, `YYYY-MM`. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'reviews.monthFormat' });
/** A decimal as a JSON number or a string (`"0.95"`, `12`). */
const DecimalInput = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d{1,12}(\.\d{1,12})?$/),
]);

// ---- working-day calendar (法定节假日 / 调休上班日) ------------------------------------------------

export const CalendarDayKind = z.enum(['holiday', 'workday']);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

export const CalendarQuery = z.strictObject({ year: z.coerce.number().int().min(1900).max(2199) });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarDayParams = z.strictObject({ day: DateString });
export type CalendarDayParams = z.infer<typeof CalendarDayParams>;

/** holiday: a day off (a weekday given off too); workday: a weekend day worked (调休上班). */
export const PutCalendarDayBody = z.strictObject({ kind: CalendarDayKind, name: words(50).default('') });
export type PutCalendarDayBody = z.infer<typeof PutCalendarDayBody>;

export const LoadCalendarBody = z.strictObject({ year: z.number().int().min(1900).max(2199) });
export type LoadCalendarBody = z.infer<typeof LoadCalendarBody>;

export const CalendarDay = z.object({ day: z.string(), kind: CalendarDayKind, name: z.string() });
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarYear = z.object({
  year: z.number(),
  /** Whether the year has holiday data; without it working days are not counted (never guessed). */
  covered: z.boolean(),
  workingDays: z.number().nullable(),
  months: z.array(z.object({ month: z.string(), workingDays: z.number().nullable() })),
  /** The listed days (holidays and make-up working days); every other day follows the week. */
  days: z.array(CalendarDay),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

// ---- attendance (考勤) --------------------------------------------------------------------------

export const AttendanceStatus = z.enum(['present', 'late', 'absent', 'leave']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

export const AttendanceListQuery = PageQuery.extend({
  month: Month.optional(),
  employeeId: Id.optional(),
  status: AttendanceStatus.optional(),
}).strict();
export type AttendanceListQuery = z.infer<typeof AttendanceListQuery>;

export const AttendanceRecord = z.object({
  id: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  day: z.string(),
  status: AttendanceStatus,
  note: z.string(),
  recordedBy: z.string().nullable(),
  version: z.number(),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/**
 * Record one person's day. Without `version` the day must not be recorded yet (409 otherwise); with it, the
 * record is updated when nobody changed it since it was read.
 */
export const PutAttendanceBody = z.strictObject({
  employeeId: BodyId,
  day: DateString,
  status: AttendanceStatus,
  note: words(200).default(''),
  version: Version.optional(),
});
export type PutAttendanceBody = z.infer<typeof PutAttendanceBody>;

export const AttendanceImportBody = z.strictObject({
  fileName: required(200),
  /** At most about 5 MB of file. */
  contentBase64: z.string().min(1).max(7_000_000),
  /** Check and report, write nothing. */
  dryRun: z.boolean().default(false),
  /** Import the valid rows even when others fail (otherwise one bad row means nothing is written). */
  skipInvalid: z.boolean().default(false),
});
export type AttendanceImportBody = z.infer<typeof AttendanceImportBody>;

export const ImportRowError = z.object({ field: z.string(), message: z.string() });

export const AttendanceImportRow = z.object({
  /** Row number in the sheet (the header is row 1). */
  row: z.number(),
  employee: z.string(),
  day: z.string(),
  status: z.string(),
  ok: z.boolean(),
  errors: z.array(ImportRowError),
});
export type AttendanceImportRow = z.infer<typeof AttendanceImportRow>;

export const AttendanceImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  imported: z.number(),
  rows: z.array(AttendanceImportRow),
});
export type AttendanceImportResult = z.infer<typeof AttendanceImportResult>;

export const AttendanceSummaryQuery = z.strictObject({ month: Month, employeeId: Id.optional() });
export type AttendanceSummaryQuery = z.infer<typeof AttendanceSummaryQuery>;

/** 出勤率 of one person for a month: days present (late counts as present) ÷ the month's working days. */
export const AttendanceSummaryRow = z.object({
  employeeId: z.number(),
  employeeName: z.string(),
  month: z.string(),
  workingDays: z.number(),
  daysPresent: z.number(),
  daysLate: z.number(),
  daysAbsent: z.number(),
  daysLeave: z.number(),
  /** Days recorded at all; 0 means nothing was entered for the month. */
  recordedDays: z.number(),
  /** Exact ratio as a decimal string (1 = 100%); null without working days. */
  rate: z.string().nullable(),
});
export type AttendanceSummaryRow = z.infer<typeof AttendanceSummaryRow>;

// ---- scorecard templates (考核表) ---------------------------------------------------------------

export const ScoringCurve = z.discriminatedUnion('kind', [
  /** points = value ÷ target × 100, at most cap (default 100). */
  z.strictObject({ kind: z.literal('linear'), target: DecimalInput, cap: DecimalInput.optional() }),
  /** points of the highest step reached, steps from the lowest bar up. */
  z.strictObject({
    kind: z.literal('thresholds'),
    steps: z.array(z.strictObject({ atLeast: DecimalInput, points: DecimalInput })).max(20),
  }),
  /** a whole-number rating on min..max; points = rating ÷ max × 100. */
  z.strictObject({
    kind: z.literal('rating'),
    min: z.number().int().min(0).max(100),
    max: z.number().int().min(0).max(100),
  }),
]);
export type ScoringCurve = z.infer<typeof ScoringCurve>;

export const Grade = z.enum(['A', 'B', 'C', 'D']);
export type Grade = z.infer<typeof Grade>;
export const GradeBand = z.strictObject({ grade: Grade, atLeast: z.number().min(0).max(100) });
/** 强制分布: the share of people per grade (0.2 = 20%), adding up to 1. */
export const GradeQuota = z.strictObject({
  A: z.number().min(0).max(1),
  B: z.number().min(0).max(1),
  C: z.number().min(0).max(1),
  D: z.number().min(0).max(1),
});

export const ScorecardLineInput = z.strictObject({
  /** A KPI library code (GET /api/v1/scorecards/library). */
  code: required(60),
  /** 权重: above 0, at most 100; the lines add up to 100. */
  weight: z.number().finite(),
  /** The library's curve when left out. */
  curve: ScoringCurve.optional(),
});

export const ReviewCycle = z.enum(['month', 'quarter']);

export const CreateScorecardBody = z.strictObject({
  name: required(100),
  /** The position whose holders are reviewed on it; a new template replaces the position's active one. */
  positionId: BodyId.nullable().default(null),
  cycle: ReviewCycle.default('month'),
  lines: z.array(ScorecardLineInput).min(1).max(30),
  /** Default A ≥ 90, B ≥ 80, C ≥ 60, D below. */
  bands: z.array(GradeBand).min(1).max(4).nullable().default(null),
  distribution: GradeQuota.nullable().default(null),
});
export type CreateScorecardBody = z.infer<typeof CreateScorecardBody>;

export const ScorecardStatus = z.enum(['active', 'retired']);

export const UpdateScorecardBody = z.strictObject({
  name: required(100).optional(),
  cycle: ReviewCycle.optional(),
  lines: z.array(ScorecardLineInput).min(1).max(30).optional(),
  bands: z.array(GradeBand).min(1).max(4).nullable().optional(),
  distribution: GradeQuota.nullable().optional(),
  status: ScorecardStatus.optional(),
  version: Version,
});
export type UpdateScorecardBody = z.infer<typeof UpdateScorecardBody>;

export const ScorecardListQuery = PageQuery.extend({
  positionId: Id.optional(),
  status: ScorecardStatus.optional(),
}).strict();
export type ScorecardListQuery = z.infer<typeof ScorecardListQuery>;

export const RubricLevel = z.object({ value: z.number(), name: z.string(), description: z.string() });
export const Rubric = z.object({ min: z.number(), max: z.number(), levels: z.array(RubricLevel) });

export const KpiKind = z.enum(['computed', 'rated']);
export const KpiUnit = z.enum(['ratio', 'fen', 'count', 'score']);

/** One KPI of the library, in the caller's language. */
export const KpiDefinition = z.object({
  code: z.string(),
  kind: KpiKind,
  unit: KpiUnit,
  label: z.string(),
  /** The figure the system fills it from (computed KPIs). */
  source: z.string().nullable(),
  curve: ScoringCurve,
  rubric: Rubric.nullable(),
});
export type KpiDefinition = z.infer<typeof KpiDefinition>;

export const ScorecardLine = KpiDefinition.extend({ weight: z.number() });
export type ScorecardLine = z.infer<typeof ScorecardLine>;

export const ScorecardTemplate = z.object({
  id: z.number(),
  name: z.string(),
  positionId: z.number().nullable(),
  positionName: z.string().nullable(),
  cycle: ReviewCycle,
  lines: z.array(ScorecardLine),
  bands: z.array(z.object({ grade: Grade, atLeast: z.number() })),
  distribution: GradeQuota.nullable(),
  status: ScorecardStatus,
  /** Reviews made on this template; a used template is retired, never deleted. */
  reviewCount: z.number(),
  createdAt: z.string(),
  version: z.number(),
});
export type ScorecardTemplate = z.infer<typeof ScorecardTemplate>;

// ---- reviews (绩效考核) --------------------------------------------------------------------------

/** `2026-11` (monthly) or `2026-Q4` (quarterly). */
export const ReviewPeriod = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: 'reviews.periodFormat' });

/** draft → rated → confirmed | appealed → final (rejected) or back to draft (accepted, re-rated). */
export const ReviewStatus = z.enum(['draft', 'rated', 'appealed', 'confirmed', 'final']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewItem = ScorecardLine.extend({
  /** The figure (a ratio, a count, a rating) as a decimal string; null until filled. */
  value: z.string().nullable(),
  /** 0–100 points the value earns on the curve, exact; only the final score is rounded. */
  points: z.string().nullable(),
  /** system: filled from the data (not editable); rater: entered by the superior. */
  filledBy: z.enum(['system', 'rater']).nullable(),
  /** Why a computed item was left for the rater (e.g. no data yet), in the caller's language. */
  note: z.string().nullable(),
  /** The figures behind a computed attainment: actual and target (fen, or counts). */
  actual: z.number().nullable(),
  target: z.number().nullable(),
  comment: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewAppeal = z.object({
  reason: z.string(),
  decision: z.enum(['accepted', 'rejected']).nullable(),
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ReviewSummary = z.object({
  id: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  templateId: z.number(),
  templateName: z.string(),
  period: z.string(),
  status: ReviewStatus,
  /** Final score, one decimal (四舍五入); null until every item has a value. */
  score: z.string().nullable(),
  grade: Grade.nullable(),
  ratedBy: z.string().nullable(),
  version: z.number(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const Review = ReviewSummary.extend({
  items: z.array(ReviewItem),
  ratedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  appeal: ReviewAppeal.nullable(),
  createdAt: z.string(),
});
export type Review = z.infer<typeof Review>;

export const ReviewListQuery = PageQuery.extend({
  period: ReviewPeriod.optional(),
  employeeId: Id.optional(),
  status: ReviewStatus.optional(),
}).strict();
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;

export const CreateReviewCycleBody = z.strictObject({
  period: ReviewPeriod,
  /** Only people in this unit and the units below it (default: everyone in your scope). */
  unitId: BodyId.optional(),
});
export type CreateReviewCycleBody = z.infer<typeof CreateReviewCycleBody>;

export const ReviewCycleResult = z.object({
  period: z.string(),
  created: z.number(),
  /** People who already had a review for the period: left as they were. */
  unchanged: z.number(),
  reviews: z.array(ReviewSummary),
});
export type ReviewCycleResult = z.infer<typeof ReviewCycleResult>;

export const CloseReviewCycleBody = CreateReviewCycleBody;
export type CloseReviewCycleBody = z.infer<typeof CloseReviewCycleBody>;

export const CloseReviewCycleResult = z.object({
  period: z.string(),
  closed: z.number(),
  reviews: z.array(ReviewSummary),
});
export type CloseReviewCycleResult = z.infer<typeof CloseReviewCycleResult>;

export const ReviewItemInput = z.strictObject({
  code: required(60),
  /** A rating (whole number on the rubric's scale), or a figure the system has no data for; null clears it. */
  value: DecimalInput.nullable().optional(),
  comment: words(500).optional(),
});

export const UpdateReviewBody = z.strictObject({
  items: z.array(ReviewItemInput).max(30).default([]),
  /** Fill the computed items again from today's data. */
  refresh: z.boolean().default(false),
  version: Version,
});
export type UpdateReviewBody = z.infer<typeof UpdateReviewBody>;

export const ReviewVersionBody = z.strictObject({ version: Version });
export type ReviewVersionBody = z.infer<typeof ReviewVersionBody>;

export const AppealBody = z.strictObject({ reason: required(500), version: Version });
export type AppealBody = z.infer<typeof AppealBody>;

export const DecideReviewAppealBody = z.strictObject({
  /** accept: the review goes back to the rater to be corrected; reject: the score stands (final). */
  decision: z.enum(['accept', 'reject']),
  note: words(500).default(''),
  version: Version,
});
export type DecideReviewAppealBody = z.infer<typeof DecideReviewAppealBody>;

// ---- incidents (奖罚) ----------------------------------------------------------------------------

export const IncidentKind = z.enum(['fine', 'reward']);
export const IncidentType = z.enum([
  'new_hire_details_unknown',
  'new_hire_work_unchecked',
  'discipline',
  'service',
  'commendation',
  'other',
]);
export const IncidentStatus = z.enum(['active', 'appealed', 'upheld', 'cancelled']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const CreateIncidentBody = z.strictObject({
  employeeId: BodyId,
  kind: IncidentKind,
  type: IncidentType,
  day: DateString,
  /** Fen, 0 or more (a fine is a positive amount that pay deducts). */
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  note: words(500).default(''),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const IncidentListQuery = PageQuery.extend({
  employeeId: Id.optional(),
  month: Month.optional(),
  kind: IncidentKind.optional(),
  status: IncidentStatus.optional(),
}).strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const Incident = z.object({
  id: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  kind: IncidentKind,
  type: IncidentType,
  day: z.string(),
  amountFen: z.number(),
  note: z.string(),
  status: IncidentStatus,
  appealReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  recordedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Incident = z.infer<typeof Incident>;

export const DecideIncidentBody = z.strictObject({
  decision: z.enum(['upheld', 'cancelled']),
  note: words(500).default(''),
  version: Version,
});
export type DecideIncidentBody = z.infer<typeof DecideIncidentBody>;
