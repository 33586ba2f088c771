import { eq, sql } from 'drizzle-orm';
import {
  childPeriods,
  parsePeriod,
  periodOf,
  roundToFen,
  splitTiers,
  type TierSplitMethod,
  type TierTotals,
} from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { targetAcknowledgements, targetLines, targetPlans } from '../targets/targets.table.ts';
import { buildLetter } from '../targets/acknowledgements.service.ts';

/**
 * The demo company's sales target for this year, published the way the seed's VP does it in December:
 * the year's figure (last twelve months' net sales + 10%) split into months by last year's seasonality,
 * each month into the regions and teams by their share of last year's sales, each team's month equally
 * among its people (so some are ahead and some behind), and this month's targets into weekly tasks
 * (分解并下达本组周任务). Tiers 挑战 / 冲刺 are 110% / 120% of the target. Every split adds up to the fen
 * (domain splitTiers). Most reps have signed their 承诺书; a draft for next year is waiting for the VP.
 */
export async function seedDemoTargets(tx: Executor, companyId: number, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const rows = (q: Awaited<ReturnType<Executor['execute']>>) =>
    (q as unknown as { rows: Record<string, unknown>[] }).rows;

  // Last twelve months of net sales per month, team and person (roll-ups, month grain).
  const history = rows(
    await tx.execute(sql`
      select to_char(period_start, 'MM') as mm, unit_id, employee_id, sum(amount)::bigint as amount
        from sales_rollups
       where company_id = ${companyId} and metric = 'sales' and grain = 'month' and category = ''
         and period_start > (${today}::date - interval '12 months')
       group by 1, 2, 3`),
  ).map((r) => ({
    month: Number(r.mm),
    unitId: Number(r.unit_id),
    employeeId: Number(r.employee_id),
    amount: Math.max(0, Number(r.amount)),
  }));
  // Teams and their people today: primary positions in units of kind team, with their region.
  const people = rows(
    await tx.execute(sql`
      select a.employee_id, p.unit_id, u.parent_id as region_id
        from assignments a join positions p on p.id = a.position_id join units u on u.id = p.unit_id
       where a.company_id = ${companyId} and a.kind = 'primary' and u.kind = 'team'
         and a.start_date <= ${today} and (a.end_date is null or a.end_date >= ${today})
       order by p.unit_id, a.employee_id`),
  ).map((r) => ({
    employeeId: Number(r.employee_id),
    teamId: Number(r.unit_id),
    regionId: Number(r.region_id),
  }));
  if (people.length === 0) return;
  const teams = [...new Set(people.map((p) => p.teamId))];
  const regions = [...new Set(people.map((p) => p.regionId))];
  const regionOf = new Map(people.map((p) => [p.teamId, p.regionId]));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const sold = (f: (h: (typeof history)[number]) => boolean) => sum(history.filter(f).map((h) => h.amount));

  const yearTotal = sold(() => true);
  // ×1.1, to whole ten-thousands of yuan: how a VP writes a target.
  const target = roundToFen((Math.max(yearTotal, 100_000_000) * 1.1) / 1_000_000) * 1_000_000;
  const tiersOf = (t: number): Required<TierTotals> => ({
    target: t,
    stretch: roundToFen(t * 1.1),
    challenge: roundToFen(t * 1.2),
  });
  const split = (totals: TierTotals, method: TierSplitMethod) => {
    const result = splitTiers(totals, method);
    if (!result.ok) throw new Error(`demo targets: ${JSON.stringify(result.errors)}`);
    const n = result.tiers.target.length;
    return Array.from({ length: n }, (_, i) => ({
      target: result.tiers.target[i]!,
      stretch: result.tiers.stretch![i]!,
      challenge: result.tiers.challenge![i]!,
    }));
  };
  // A share of zero everywhere (a team with no history yet) falls back to equal parts.
  const weighted = (weights: number[]): TierSplitMethod =>
    sum(weights) > 0 ? { method: 'history', history: weights } : { method: 'equal', count: weights.length };

  const [plan] = await tx
    .insert(targetPlans)
    .values({
      companyId,
      fiscalYear: year,
      metric: 'sales',
      name: `${year}年度销售目标`,
      status: 'published',
      publishedAt: new Date(`${year - 1}-12-20T10:00:00+08:00`),
    })
    .returning({ id: targetPlans.id });
  const planId = plan!.id;
  const insertLine = async (line: {
    parentLineId: number | null;
    ownerKind: 'company' | 'unit' | 'employee';
    unitId: number | null;
    employeeId: number | null;
    period: string;
    amounts: { target: number; stretch: number; challenge: number };
    splitMethod?: string;
  }) => {
    const p = parsePeriod(line.period);
    const [row] = await tx
      .insert(targetLines)
      .values({
        companyId,
        planId,
        parentLineId: line.parentLineId,
        ownerKind: line.ownerKind,
        unitId: line.unitId,
        employeeId: line.employeeId,
        period: line.period,
        grain: p.grain,
        periodStart: p.from,
        periodEnd: p.to,
        ...line.amounts,
        splitMethod: line.splitMethod ?? null,
      })
      .returning({ id: targetLines.id });
    return row!.id;
  };

  const yearLine = await insertLine({
    parentLineId: null,
    ownerKind: 'company',
    unitId: null,
    employeeId: null,
    period: String(year),
    amounts: tiersOf(target),
    splitMethod: 'history',
  });
  const months = childPeriods(String(year), 'month');
  const monthParts = split(tiersOf(target), weighted(months.map((_, i) => sold((h) => h.month === i + 1))));
  const thisMonth = periodOf(today, 'month');
  for (const [i, month] of months.entries()) {
    const monthLine = await insertLine({
      parentLineId: yearLine,
      ownerKind: 'company',
      unitId: null,
      employeeId: null,
      period: month,
      amounts: monthParts[i]!,
      splitMethod: 'history',
    });
    const regionParts = split(
      monthParts[i]!,
      weighted(regions.map((r) => sold((h) => regionOf.get(h.unitId) === r))),
    );
    for (const [ri, regionId] of regions.entries()) {
      const regionLine = await insertLine({
        parentLineId: monthLine,
        ownerKind: 'unit',
        unitId: regionId,
        employeeId: null,
        period: month,
        amounts: regionParts[ri]!,
        splitMethod: 'history',
      });
      const regionTeams = teams.filter((t) => regionOf.get(t) === regionId);
      const teamParts = split(
        regionParts[ri]!,
        weighted(regionTeams.map((t) => sold((h) => h.unitId === t))),
      );
      for (const [ti, teamId] of regionTeams.entries()) {
        const members = people.filter((p) => p.teamId === teamId);
        const teamLine = await insertLine({
          parentLineId: regionLine,
          ownerKind: 'unit',
          unitId: teamId,
          employeeId: null,
          period: month,
          amounts: teamParts[ti]!,
          splitMethod: 'equal',
        });
        const personParts = split(teamParts[ti]!, { method: 'equal', count: members.length });
        for (const [pi, member] of members.entries()) {
          const weeks = month === thisMonth ? childPeriods(month, 'week') : [];
          const personLine = await insertLine({
            parentLineId: teamLine,
            ownerKind: 'employee',
            unitId: teamId,
            employeeId: member.employeeId,
            period: month,
            amounts: personParts[pi]!,
            splitMethod: weeks.length > 0 ? 'equal' : undefined,
          });
          if (weeks.length === 0) continue;
          const weekParts = split(personParts[pi]!, { method: 'equal', count: weeks.length });
          for (const [wi, week] of weeks.entries()) {
            await insertLine({
              parentLineId: personLine,
              ownerKind: 'employee',
              unitId: teamId,
              employeeId: member.employeeId,
              period: week,
              amounts: weekParts[wi]!,
            });
          }
        }
      }
    }
  }

  // 承诺书: all but the last person of each team signed in the plan's first week.
  const signers = people.filter((p, i) => people[i + 1]?.teamId === p.teamId);
  const [planRow] = await tx.select().from(targetPlans).where(eq(targetPlans.id, planId));
  for (const p of signers) {
    const letter = await buildLetter(tx, planRow!, p.employeeId);
    await tx.insert(targetAcknowledgements).values({
      companyId,
      planId,
      employeeId: p.employeeId,
      signedAt: new Date(`${year}-01-05T09:30:00+08:00`),
      letter,
    });
  }

  // Next year's plan, in draft: the VP's December work in progress.
  const [draft] = await tx
    .insert(targetPlans)
    .values({ companyId, fiscalYear: year + 1, metric: 'sales', name: `${year + 1}年度销售目标（草案）` })
    .returning({ id: targetPlans.id });
  const next = tiersOf(roundToFen((target * 1.15) / 1_000_000) * 1_000_000);
  const nextYear = parsePeriod(String(year + 1));
  await tx.insert(targetLines).values({
    companyId,
    planId: draft!.id,
    ownerKind: 'company',
    period: String(year + 1),
    grain: 'year',
    periodStart: nextYear.from,
    periodEnd: nextYear.to,
    target: next.target,
    stretch: next.stretch,
    challenge: next.challenge,
  });
}
