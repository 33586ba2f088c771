import { sql } from 'drizzle-orm';
import { monthBounds } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { salesRollups } from '../sales-rollups/rollups.table.ts';
import { targetLines, targetPlans } from '../targets/targets.table.ts';
import { incidents } from '../reviews/reviews.table.ts';
import { employees } from '../org/org.table.ts';

/**
 * Test factories for pay: the figures a pay run reads, written straight into their tables (roll-ups as the
 * ledger keeps them, published targets, incidents, a mentee), so a test states the figures it expects.
 */

let seq = 0;

/** Add `amount` to a roll-up row (month grain by default; `day` for a day-grain row). */
export async function addRollup(
  db: Db,
  row: {
    companyId: number;
    metric: 'sales' | 'returns' | 'collections' | 'new_customers';
    employeeId: number;
    unitId: number;
    amount: number;
    period?: string;
    day?: string;
  },
) {
  const grain = row.day === undefined ? 'month' : 'day';
  const periodStart = row.day ?? `${row.period}-01`;
  await db
    .insert(salesRollups)
    .values({
      companyId: row.companyId,
      metric: row.metric,
      grain,
      periodStart,
      employeeId: row.employeeId,
      unitId: row.unitId,
      category: '',
      amount: row.amount,
    })
    .onConflictDoUpdate({
      target: [
        salesRollups.companyId,
        salesRollups.metric,
        salesRollups.grain,
        salesRollups.periodStart,
        salesRollups.employeeId,
        salesRollups.unitId,
        salesRollups.category,
      ],
      set: { amount: sql`${salesRollups.amount} + excluded.amount` },
    });
}

const planOfYear = new Map<string, number>();

/** A month's sales target of a person or a unit, in the year's published sales plan. */
export async function addTarget(
  db: Db,
  row: { companyId: number; period: string; target: number; employeeId?: number; unitId: number },
) {
  const year = Number(row.period.slice(0, 4));
  const key = `${row.companyId}|${year}`;
  let planId = planOfYear.get(key);
  if (planId === undefined) {
    const [plan] = await db
      .insert(targetPlans)
      .values({
        companyId: row.companyId,
        fiscalYear: year,
        metric: 'sales',
        name: `${year} 测试目标 ${++seq}`,
        status: 'published',
        versionNo: 1000 + seq,
      })
      .returning({ id: targetPlans.id });
    planId = plan!.id;
    planOfYear.set(key, planId);
  }
  const { from, to } = monthBounds(row.period);
  await db.insert(targetLines).values({
    companyId: row.companyId,
    planId,
    ownerKind: row.employeeId === undefined ? 'unit' : 'employee',
    unitId: row.unitId,
    employeeId: row.employeeId ?? null,
    period: row.period,
    grain: 'month',
    periodStart: from,
    periodEnd: to,
    target: row.target,
    stretch: row.target,
    challenge: row.target,
  });
}

/** A fine (or reward) recorded on `day`; `status` cancelled or appealed ones do not count for pay. */
export async function addIncident(
  db: Db,
  row: {
    companyId: number;
    employeeId: number;
    day: string;
    amountFen?: number;
    kind?: 'fine' | 'reward';
    status?: string;
  },
) {
  const [incident] = await db
    .insert(incidents)
    .values({
      companyId: row.companyId,
      employeeId: row.employeeId,
      kind: row.kind ?? 'fine',
      type: 'new_hire_details_unknown',
      day: row.day,
      amountFen: row.amountFen ?? 10_000,
      note: '新员工入职2天后不了解其基本资料',
      status: row.status ?? 'active',
    })
    .returning();
  return incident!;
}

/** A new hire on probation, mentored by `mentorId` (带教). */
export async function addMentee(
  db: Db,
  row: { companyId: number; mentorId: number; hireDate: string; probationEnd: string },
) {
  const [mentee] = await db
    .insert(employees)
    .values({
      companyId: row.companyId,
      name: `新人${++seq}`,
      mobile: `1370000${String(1000 + seq).padStart(4, '0')}`,
      hireDate: row.hireDate,
      probationEnd: row.probationEnd,
      status: 'probation',
      mentorId: row.mentorId,
    })
    .returning();
  return mentee!;
}

export async function countRows(db: Db, table: 'pay_runs' | 'pay_statements' | 'pay_plans' | 'audit_log') {
  const result = (await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  )) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]!.n);
}
