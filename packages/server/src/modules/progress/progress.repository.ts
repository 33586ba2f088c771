import { sql, type SQL } from 'drizzle-orm';
import type { PeriodGrain } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { idArray } from '../../platform/db/id-array.ts';

/**
 * The two reads every progress figure is made of, each one set-wise statement grouped in the database:
 * actuals from the roll-ups (never the ledger: orders, returns and receipts are not read here) and targets
 * from the lines of published plans. Both come back per owner and per bucket (a period of the asked
 * grain), so a report over 2,000 people is one statement each, not one per person.
 */

export type ProgressMetric = 'sales' | 'collections' | 'new_customers' | 'category_sales';

export interface MetricKey {
  metric: ProgressMetric;
  /** The product category of category_sales; '' otherwise. */
  category: string;
}

/** The roll-up rows a metric reads: category sales are sales rows of that category. */
function rollupOf(key: MetricKey): { metric: string; category: string } {
  return key.metric === 'category_sales'
    ? { metric: 'sales', category: key.category }
    : { metric: key.metric, category: '' };
}

async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The first day of the `grain` period a date falls in (an ISO week starts on Monday). */
function truncSql(grain: PeriodGrain, day: SQL): SQL {
  // The grain is one of four words, never user text: written into the statement, not bound.
  return sql`date_trunc(${sql.raw(`'${grain}'`)}, (${day})::timestamp)::date`;
}

/** Whose rows to read: people (by employee), units (credited team), or everything (the company). */
export interface OwnerFilter {
  all?: boolean;
  employeeIds?: Iterable<number>;
  unitIds?: Iterable<number>;
}

export interface ActualRow {
  /** First day of the bucket (the period of `bucket` grain the rows fall in). */
  bucket: string;
  employeeId: number;
  unitId: number;
  amount: number;
}

/**
 * Actuals between from and to (inclusive), per bucket, person and team credited. Whole months, quarters and
 * years read the month grain; weeks (and days) the day grain, so a week that straddles two months is exact.
 * `bucket` 'day' gives one row per day (the dashboard's cumulative line).
 */
export async function loadActuals(
  db: Executor,
  companyId: number,
  key: MetricKey,
  span: { from: string; to: string },
  bucket: PeriodGrain | 'day',
  owners: OwnerFilter,
  /** true: one row per bucket (employee and unit 0), summed in the database. */
  summed = false,
): Promise<ActualRow[]> {
  const { metric, category } = rollupOf(key);
  const grain = bucket === 'week' || bucket === 'day' ? 'day' : 'month';
  const bucketSql = bucket === 'day' ? sql`r.period_start` : truncSql(bucket, sql`r.period_start`);
  const who = owners.all
    ? sql`true`
    : sql`(r.employee_id = any(${idArray(owners.employeeIds ?? [])}) or r.unit_id = any(${idArray(owners.unitIds ?? [])}))`;
  const rows = await rowsOf<{
    bucket: string;
    employee_id: number;
    unit_id: number;
    amount: number | string;
  }>(
    db,
    sql`select ${bucketSql}::text as bucket, ${summed ? sql`0 as employee_id, 0 as unit_id` : sql`r.employee_id, r.unit_id`},
        sum(r.amount)::bigint as amount
      from sales_rollups r
     where r.company_id = ${companyId} and r.metric = ${metric} and r.grain = ${grain}
       and r.category = ${category} and r.period_start between ${span.from}::date and ${span.to}::date
       and ${who}
     group by ${summed ? sql`1` : sql`1, 2, 3`}`,
  );
  return rows.map((r) => ({
    bucket: r.bucket,
    employeeId: Number(r.employee_id),
    unitId: Number(r.unit_id),
    amount: Number(r.amount),
  }));
}

export interface TargetRow {
  ownerKind: 'company' | 'unit' | 'employee';
  unitId: number | null;
  employeeId: number | null;
  /** The grain of the lines summed: the bucket's own, or a shorter one (its months, its weeks). */
  grain: PeriodGrain;
  bucket: string;
  target: number;
  stretch: number;
  challenge: number;
}

const GRAINS_FROM: Record<PeriodGrain, PeriodGrain[]> = {
  year: ['year', 'quarter', 'month', 'week'],
  quarter: ['quarter', 'month', 'week'],
  month: ['month', 'week'],
  week: ['week'],
};

/**
 * Target lines of published plans of the metric in the buckets of [from, to], summed per owner, bucket and
 * line grain. A line belongs to the bucket holding its period's fourth day: a month's or quarter's first
 * days, a week's Thursday — the rule that puts a week in its month and its ISO year (domain childPeriods).
 * Lines longer than the bucket are not read.
 */
export async function loadTargets(
  db: Executor,
  companyId: number,
  key: MetricKey,
  span: { from: string; to: string },
  bucket: PeriodGrain,
  owners: OwnerFilter & {
    company?: boolean;
    /** Also every person's lines counted in these teams (the execution sheet's sections). */
    teamIds?: Iterable<number>;
  },
): Promise<TargetRow[]> {
  const category = key.metric === 'category_sales' ? key.category : '';
  const grains = sql.join(
    GRAINS_FROM[bucket].map((g) => sql`${g}`),
    sql`, `,
  );
  const who = owners.all
    ? sql`true`
    : sql`((l.owner_kind = 'employee' and (l.employee_id = any(${idArray(owners.employeeIds ?? [])})
          or l.unit_id = any(${idArray(owners.teamIds ?? [])})))
        or (l.owner_kind = 'unit' and l.unit_id = any(${idArray(owners.unitIds ?? [])}))
        ${owners.company ? sql`or l.owner_kind = 'company'` : sql``})`;
  const rows = await rowsOf<{
    owner_kind: TargetRow['ownerKind'];
    unit_id: number | null;
    employee_id: number | null;
    grain: PeriodGrain;
    bucket: string;
    target: number | string;
    stretch: number | string;
    challenge: number | string;
  }>(
    db,
    sql`select l.owner_kind, l.unit_id, l.employee_id, l.grain,
        ${truncSql(bucket, sql`l.period_start + 3`)}::text as bucket,
        sum(l.target)::bigint as target, sum(l.stretch)::bigint as stretch, sum(l.challenge)::bigint as challenge
      from target_lines l join target_plans p on p.id = l.plan_id
     where l.company_id = ${companyId} and p.status = 'published' and p.metric = ${key.metric}
       and p.category = ${category} and l.grain in (${grains})
       and l.period_start between ${span.from}::date - 3 and ${span.to}::date - 3
       and ${who}
     group by 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({
    ownerKind: r.owner_kind,
    unitId: r.unit_id === null ? null : Number(r.unit_id),
    employeeId: r.employee_id === null ? null : Number(r.employee_id),
    grain: r.grain,
    bucket: r.bucket,
    target: Number(r.target),
    stretch: Number(r.stretch),
    challenge: Number(r.challenge),
  }));
}

export interface ResolvedTarget {
  target: number;
  stretch: number;
  challenge: number;
  /** exact: a line of the period; children: the owner's lines of shorter periods; members: see indexTargets. */
  source: 'exact' | 'children' | 'members';
}

const GRAIN_RANK: Record<PeriodGrain, number> = { year: 0, quarter: 1, month: 2, week: 3 };

/**
 * An owner's target in a bucket from its rows: the line of the period itself when there is one, else the
 * sum of the lines of the longest shorter periods that have any (a month without a month line: its
 * weeks). Rows of several teams for one person (moved mid-period) are added up.
 */
export function resolveTarget(rows: readonly TargetRow[], bucketGrain: PeriodGrain): ResolvedTarget | null {
  if (rows.length === 0) return null;
  const best = Math.min(...rows.map((r) => GRAIN_RANK[r.grain]));
  const chosen = rows.filter((r) => GRAIN_RANK[r.grain] === best);
  return {
    target: chosen.reduce((s, r) => s + r.target, 0),
    stretch: chosen.reduce((s, r) => s + r.stretch, 0),
    challenge: chosen.reduce((s, r) => s + r.challenge, 0),
    source: best === GRAIN_RANK[bucketGrain] ? 'exact' : 'children',
  };
}
