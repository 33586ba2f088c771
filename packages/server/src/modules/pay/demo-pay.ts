import { and, eq, inArray, sql } from 'drizzle-orm';
import { DEPUTY_SUPERVISOR_PAY_PLAN, compilePayPlan, type PayPlan } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { positions } from '../org/org.table.ts';
import { payPlans } from './pay.table.ts';

/**
 * The demo company's pay plans, active from the first month of the demo history:
 * - the seed's 销售部副主管薪资待遇 (DEPUTY_SUPERVISOR_PAY_PLAN) on the 销售组组长 seats XS-GL-E and XS-GL-S:
 *   the seed's deputy supervisor is "销售部组长" in its own heading and leads a 组 under the 主管, as the
 *   demo's group leaders do (the same seats carry the deputy's scorecard, reviews/demo-scorecards.ts);
 * - a simple commission plan on the rep seats: base pay, 3% of personal sales, the commission clawed back
 *   on returns and on written-off debt (the seed gives the reps' rate nowhere: 3%, as the deputy's
 *   "个人提成不变" in the demo).
 */

const DEPUTY_SEATS = ['XS-GL-E', 'XS-GL-S'];
const REP_SEATS = ['XS-REP-E1', 'XS-REP-E2', 'XS-REP-S1'];

const text = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

export const DEMO_REP_PAY_PLAN: PayPlan = {
  name: '销售代表提成方案',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  figures: [
    { name: 'personal_sales', label: text('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
    { name: 'returns', label: text('退货额', 'Returns'), unit: 'fen', source: 'returns' },
    { name: 'written_off', label: text('核销坏账', 'Written-off debt'), unit: 'fen', source: 'receivables' },
  ],
  parameters: [
    { name: 'base_pay', label: text('基本工资标准', 'Base pay rate'), unit: 'yuan', value: 2500 },
    { name: 'commission_rate', label: text('提成比例', 'Commission rate'), unit: 'ratio', value: '3%' },
  ],
  components: [
    { key: 'base', kind: 'base', label: text('基本工资', 'Base pay'), formula: 'base_pay' },
    {
      key: 'commission',
      kind: 'commission',
      label: text('销售提成', 'Sales commission'),
      formula: 'personal_sales * commission_rate',
    },
    {
      key: 'returns_clawback',
      kind: 'clawback',
      label: text('退货扣回提成', 'Commission clawed back on returns'),
      when: 'returns > 0',
      formula: '-returns * commission_rate',
    },
    {
      key: 'write_off_clawback',
      kind: 'clawback',
      label: text('坏账扣回提成', 'Commission clawed back on bad debt'),
      when: 'written_off > 0',
      formula: '-written_off * commission_rate',
    },
  ],
};

/** The first day of the month of the company's first order, else of its first assignment. */
async function historyStart(tx: Executor, companyId: number): Promise<string> {
  const result = (await tx.execute(sql`
    select to_char(date_trunc('month', coalesce(
      (select min(order_date) from orders where company_id = ${companyId}),
      (select min(start_date) from assignments where company_id = ${companyId}),
      current_date)), 'YYYY-MM-DD') as day`)) as unknown as { rows: { day: string }[] };
  return result.rows[0]!.day;
}

export async function seedDemoPayPlans(
  tx: Executor,
  companyId: number,
  options: { effectiveFrom?: string } = {},
): Promise<void> {
  const effectiveFrom = options.effectiveFrom ?? (await historyStart(tx, companyId));
  const seats = await tx
    .select({ id: positions.id, code: positions.code })
    .from(positions)
    .where(and(eq(positions.companyId, companyId), inArray(positions.code, [...DEPUTY_SEATS, ...REP_SEATS])));
  const rows = seats.map((seat) => {
    const base = DEPUTY_SEATS.includes(seat.code) ? DEPUTY_SUPERVISOR_PAY_PLAN : DEMO_REP_PAY_PLAN;
    const definition: PayPlan = { ...base, positionCode: seat.code, effectiveFrom };
    // The demo ships only plans that compile: a broken one would fail every demo pay run.
    compilePayPlan(definition);
    return {
      companyId,
      positionId: seat.id,
      name: definition.name,
      versionNo: 1,
      effectiveFrom,
      effectiveTo: null,
      definition,
      status: 'active',
    };
  });
  if (rows.length > 0) await tx.insert(payPlans).values(rows);
}
