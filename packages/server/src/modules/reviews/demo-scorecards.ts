import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import {
  DEPUTY_SUPERVISOR_SCORECARD,
  STORE_LEAD_SCORECARD,
  isWorkingDay,
  monthBounds,
  previousMonth,
  monthOf,
  type ScorecardTemplate,
} from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { todayIn } from '../../platform/clock.ts';
import { users } from '../auth/auth.table.ts';
import { assignments, companies, positions } from '../org/org.table.ts';
import { attendanceRecords, incidents, scorecardTemplates } from './reviews.table.ts';
import { chineseDaysYears, fillCalendarYear, loadWorkingCalendar } from './calendar.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * The demo company's scorecards, calendar, attendance and incidents (issue 5):
 * - the seed's 副/销售主管绩效考核方案 on the 销售组组长 seats (XS-GL-E, XS-GL-S): the seed's 销售部副主管 is
 *   "销售部组长" in its own heading, leads a 组 under the 主管 and coaches new staff, as the demo's group
 *   leaders do; and the 门店组长 template on MD-TL;
 * - every year the chinese-days data covers, loaded into the working-day calendar;
 * - last month's attendance for everyone holding a seat, the same on every run (mostly present, a few late
 *   days, a day of leave here and there), when the calendar covers that month;
 * - a few fines and rewards recorded by each person's superior, one of them appealed.
 */

const TEMPLATE_SEATS: readonly { template: ScorecardTemplate; positions: readonly string[] }[] = [
  { template: DEPUTY_SUPERVISOR_SCORECARD, positions: ['XS-GL-E', 'XS-GL-S'] },
  { template: STORE_LEAD_SCORECARD, positions: ['MD-TL'] },
];

/** present most days; the pattern shifts per person so the team does not all arrive late together. */
function demoStatus(person: number, dayIndex: number): 'present' | 'late' | 'leave' {
  const n = (person * 7 + dayIndex * 3) % 29;
  if (n === 5) return 'leave';
  if (n === 11 || n === 23) return 'late';
  return 'present';
}

async function userIdOf(tx: Executor, companyId: number, username: string): Promise<number | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.username, username)));
  return row?.id ?? null;
}

async function employeeOf(tx: Executor, companyId: number, username: string): Promise<number | null> {
  const [row] = await tx
    .select({ employeeId: users.employeeId })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.username, username)));
  return row?.employeeId ?? null;
}

export async function seedDemoScorecards(tx: Executor, companyId: number, today?: string): Promise<void> {
  const [company] = await tx.select().from(companies).where(eq(companies.id, companyId));
  const asOf = today ?? todayIn(company!.timezone);

  // Scorecard templates on their seats.
  const seats = await tx
    .select({ id: positions.id, code: positions.code })
    .from(positions)
    .where(
      and(
        eq(positions.companyId, companyId),
        inArray(
          positions.code,
          TEMPLATE_SEATS.flatMap((s) => s.positions),
        ),
      ),
    );
  for (const { template, positions: codes } of TEMPLATE_SEATS) {
    for (const seat of seats.filter((s) => codes.includes(s.code))) {
      await tx.insert(scorecardTemplates).values({
        companyId,
        positionId: seat.id,
        name: template.position['zh-CN'] + '绩效考核表',
        cycle: template.period,
        lines: template.lines,
      });
    }
  }

  // The working-day calendar, every year the data covers.
  for (const year of chineseDaysYears()) await fillCalendarYear(tx, companyId, year);

  // Last month's attendance, when the calendar covers it.
  const month = previousMonth(monthOf(asOf));
  const { from, to } = monthBounds(month);
  try {
    const calendar = await loadWorkingCalendar(tx, companyId, from, to);
    const held = await tx
      .selectDistinct({ employeeId: assignments.employeeId })
      .from(assignments)
      .where(
        and(
          eq(assignments.companyId, companyId),
          lte(assignments.startDate, from),
          or(isNull(assignments.endDate), gte(assignments.endDate, to)),
        ),
      )
      .orderBy(assignments.employeeId);
    const rows: (typeof attendanceRecords.$inferInsert)[] = [];
    held.forEach(({ employeeId }, person) => {
      let dayIndex = 0;
      for (let d = from; d <= to; d = nextDay(d)) {
        if (!isWorkingDay(d, calendar)) continue;
        const status = demoStatus(person, dayIndex++);
        rows.push({ companyId, employeeId, day: d, status, note: status === 'leave' ? '事假' : '' });
      }
    });
    if (rows.length > 0) await tx.insert(attendanceRecords).values(rows).onConflictDoNothing();
  } catch (error) {
    // A month the calendar has no data for (a demo run after chinese-days' last year): no attendance.
    if (!(error instanceof AppError)) throw error;
  }

  // A few fines and rewards, each recorded by the person's superior.
  const day = `${month}-12`;
  const incidentSeeds = [
    {
      who: 'group1',
      by: 'channel1',
      kind: 'fine',
      type: 'new_hire_details_unknown',
      amountFen: 10_000,
      note: '新员工吴昊入职两天后，仍不了解其基本资料',
    },
    {
      who: 'group1',
      by: 'channel1',
      kind: 'fine',
      type: 'new_hire_work_unchecked',
      amountFen: 10_000,
      note: '未及时检查新员工当天工作进度及朋友圈发布内容',
      appeal: '当天在外拜访客户，已委托组长杨帆代为检查',
    },
    {
      who: 'rep1',
      by: 'lead1',
      kind: 'reward',
      type: 'commendation',
      amountFen: 20_000,
      note: '带教新人吴昊首月即完成销售目标',
    },
    { who: 'rep5', by: 'lead2', kind: 'fine', type: 'discipline', amountFen: 5_000, note: '例会无故缺席' },
  ] as const;
  for (const seed of incidentSeeds) {
    const employeeId = await employeeOf(tx, companyId, seed.who);
    const recordedByUserId = await userIdOf(tx, companyId, seed.by);
    if (employeeId === null) continue;
    await tx.insert(incidents).values({
      companyId,
      employeeId,
      kind: seed.kind,
      type: seed.type,
      day,
      amountFen: seed.amountFen,
      note: seed.note,
      recordedByUserId,
      ...('appeal' in seed ? { status: 'appealed', appealReason: seed.appeal } : {}),
    });
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
