import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewDashboard, PeriodProgress, TeamDashboard } from '@zuzhang/api-schema';
import { parsePeriod } from '@zuzhang/domain';
import { expectError } from '../../../test/support.ts';
import { handFigures, monthSpan, weekSpan } from './oracle.ts';
import {
  NAMES,
  TARGETS,
  buildWorld,
  publishLines,
  sumOf,
  within,
  type Fact,
  type Person,
  type Team,
  type World,
} from './test-world.ts';

/**
 * The team lead's dashboard and the manager's overview over the test region (test-world.ts): every number
 * equals one worked out by hand from what the test booked and published.
 */

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(() => w.t.close());

const TEAM_OF_TODAY: Record<Person, Team> = {
  mgr: 'R',
  leadA: 'TA',
  repA1: 'TA',
  repA2: 'TA',
  newbie: 'TA',
  leadB: 'TB',
  repB1: 'TB',
  mover: 'TB',
};
const MONTH_TARGET: Record<Person, number | null> = {
  mgr: null,
  leadA: null,
  repA1: TARGETS.month.repA1,
  repA2: TARGETS.month.repA2,
  newbie: 2 * TARGETS.newbieWeeks,
  leadB: null,
  repB1: null,
  mover: TARGETS.month.mover,
};
const weekTarget = (p: Person): number | null =>
  p === 'repA1'
    ? TARGETS.week.repA1
    : p === 'newbie' && w.newbieWeeks.includes(w.week)
      ? TARGETS.newbieWeeks
      : null;

const sum = (facts: Fact[], match: (f: Fact) => boolean) => sumOf(facts, match);
function personFigures(p: Person) {
  const month = monthSpan(w.month);
  const week = weekSpan(w.today);
  return {
    week: handFigures(
      sum(w.sales, (f) => f.person === p && within(w.week, f.date)),
      weekTarget(p),
      week,
      w.today,
    ),
    month: handFigures(
      sum(w.sales, (f) => f.person === p && within(w.month, f.date)),
      MONTH_TARGET[p],
      month,
      w.today,
    ),
  };
}
/**
 * A unit's week: no unit has a week line, so it is its members' weekly tasks added up — 甲组's are 甲一's
 * and 丙新人's (when this week is one of theirs), 乙组 has none (null), the region's are 甲组's.
 */
function teamWeekTarget(team: 'TA' | 'TB' | 'R'): number | null {
  const tasks = (['repA1', 'newbie'] as Person[]).map(weekTarget).filter((t) => t !== null);
  return team === 'TB' || tasks.length === 0 ? null : tasks.reduce((s, t) => s + t, 0);
}
function teamFigures(team: 'TA' | 'TB' | 'R', monthTarget: number) {
  const credited = (f: Fact) => team === 'R' || f.team === team;
  return {
    week: handFigures(
      sum(w.sales, (f) => credited(f) && within(w.week, f.date)),
      teamWeekTarget(team),
      weekSpan(w.today),
      w.today,
    ),
    month: handFigures(
      sum(w.sales, (f) => credited(f) && within(w.month, f.date)),
      monthTarget,
      monthSpan(w.month),
      w.today,
    ),
  };
}

/** A dashboard cell compared with the hand figures (attainment to 12 places). */
function expectCell(cell: PeriodProgress, hand: ReturnType<typeof handFigures>, label: string) {
  const { attainment, ...rest } = hand;
  expect(cell, label).toMatchObject(rest);
  if (attainment === null) expect(cell.attainment, label).toBeNull();
  else expect(cell.attainment, label).toBeCloseTo(attainment, 12);
}

async function team(who: keyof World['as'], query = ''): Promise<TeamDashboard> {
  const res = await w.as[who].get(`/api/v1/dashboards/team${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<TeamDashboard>();
}
async function overview(who: keyof World['as'], query = ''): Promise<OverviewDashboard> {
  const res = await w.as[who].get(`/api/v1/dashboards/overview${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<OverviewDashboard>();
}

describe("the team lead's dashboard", () => {
  it('defaults to the lead’s own team; members are the people seated in it today', async () => {
    const d = await team('leadA');
    expect(d.unit).toEqual({ id: w.unit.TA, name: '测试甲组' });
    expect(d.members.map((m) => m.name).sort()).toEqual(['丙新人', '甲一', '甲二', '甲组长'].sort());
    expect(d.week).toMatchObject({ period: w.week, ...weekSpan(w.today) });
    expect(d.month).toMatchObject({ period: w.month, ...monthSpan(w.month) });
  });

  it.each(['leadA', 'repA1', 'repA2', 'newbie'] as Person[])('%s: this week and this month', async (p) => {
    const d = await team('leadA');
    const member = d.members.find((m) => m.employeeId === w.employee[p])!;
    const hand = personFigures(p);
    expectCell(member.week, hand.week, 'week');
    expectCell(member.month, hand.month, 'month');
    expect(member.newHire).toBe(p === 'newbie');
  });

  it('the team’s totals: what was credited to it, against its own line', async () => {
    const d = await team('leadA');
    const hand = teamFigures('TA', TARGETS.month.TA);
    expectCell(d.totals!.week, hand.week, 'week');
    expectCell(d.totals!.month, hand.month, 'month');
  });

  it('a team without a week line of its own has its people’s weekly tasks as its week', async () => {
    const d = await team('leadA');
    expect(teamWeekTarget('TA')).toBeGreaterThanOrEqual(TARGETS.week.repA1);
    expect(d.totals!.week.target).toBe(teamWeekTarget('TA'));
    expect(d.totals!.week.target).toBe(d.members.reduce((s, m) => s + (m.week.target ?? 0), 0));
    // 乙组: nobody has a weekly task, so no week target; its month is its own line.
    const b = await team('leadB');
    expect(b.totals!.week.target).toBeNull();
    expect(b.totals!.month.target).toBe(TARGETS.month.TB);
  });

  it('who is behind the month’s pace, furthest first, by how much', async () => {
    const d = await team('leadA');
    const expected = (['leadA', 'repA1', 'repA2', 'newbie'] as Person[])
      .map((p) => ({ p, hand: personFigures(p).month }))
      .filter((x) => x.hand.paceStatus === 'behind')
      .sort((a, b) => b.hand.shortOfPace! - a.hand.shortOfPace!)
      .map((x) => ({ name: NAMES[x.p], shortOfPace: x.hand.shortOfPace, gap: x.hand.gap }));
    expect(d.behind.map((b) => ({ name: b.name, shortOfPace: b.shortOfPace, gap: b.gap }))).toEqual(expected);
  });

  it('follow-ups due today, overdue money and new hires', async () => {
    const d = await team('leadA');
    expect(d.followUpsDue).toEqual({
      count: 1,
      items: [
        expect.objectContaining({
          customerId: w.customer.repA1,
          customerName: '甲一的进度测试客户有限公司',
          ownerName: '甲一',
          kind: 'call',
          lastFollowUpOn: w.today,
        }),
      ],
    });
    expect(d.overdue).toMatchObject({
      amountFen: w.overdueFen,
      members: [{ employeeId: w.employee.repA2, name: '甲二', overdueFen: w.overdueFen }],
    });
    expect(d.overdue!.bands['0-30']).toBe(w.overdueFen);
    expect(d.members.find((m) => m.name === '甲一')!.followUpsDue).toBe(1);
    expect(d.members.find((m) => m.name === '甲二')!.overdueFen).toBe(w.overdueFen);
    expect(d.newHires.map((m) => m.name)).toEqual(['丙新人']);
  });

  it('the month’s line: cumulative actual through today against the straight-line target', async () => {
    const d = await team('leadA');
    const { from, to } = monthSpan(w.month);
    const days = Number(to.slice(8));
    expect(d.series).toHaveLength(days);
    expect(d.series[0]!.date).toBe(from);
    for (const [i, point] of d.series.entries()) {
      const date = point.date;
      expect(point.target).toBe(Math.round((TARGETS.month.TA * (i + 1)) / days));
      expect(point.actual).toBe(
        date > w.today ? null : sum(w.sales, (f) => f.team === 'TA' && f.date >= from && f.date <= date),
      );
    }
  });

  it('a rep sees only themself, with no team total', async () => {
    const d = await team('repA1');
    expect(d.members.map((m) => m.name)).toEqual(['甲一']);
    expect(d.totals).toBeNull();
    expect(d.followUpsDue!.count).toBe(1);
    expect(d.overdue!.amountFen).toBe(0);
    // The chart is their own line then: their actual, against their own month target.
    expect(d.series.at(-1)!.target).toBe(TARGETS.month.repA1);
  });

  it('another metric reads its own roll-ups', async () => {
    const d = await team('leadA', '?metric=collections');
    expect(d.members.find((m) => m.name === '甲一')!.month.actual).toBe(100_000);
    expect(d.totals!.month).toMatchObject({ actual: 100_000, target: null });
  });

  it('refuses a unit outside scope (404) and bad input (400)', async () => {
    expectError(await w.as.leadA.get(`/api/v1/dashboards/team?unitId=${w.unit.TB}`), 404, 'not_found');
    expectError(await w.as.leadA.get('/api/v1/dashboards/team?unitId=x'), 400, 'validation', 'query.unitId');
    expectError(await w.as.leadA.get('/api/v1/dashboards/team?metric=x'), 400, 'validation', 'query.metric');
  });
});

describe("the manager's overview", () => {
  const seated = (team: Team) => (Object.keys(NAMES) as Person[]).filter((p) => TEAM_OF_TODAY[p] === team);
  const behind = (people: Person[]) =>
    people.filter((p) => personFigures(p).month.paceStatus === 'behind').length;

  it('one row per team with its figures, and the region’s totals', async () => {
    const d = await overview('mgr');
    expect(d.unit).toEqual({ id: w.unit.R, name: '测试大区' });
    expect(d.rows.map((r) => r.name)).toEqual(['测试乙组', '测试甲组']);
    for (const [team, name, target] of [
      ['TA', '测试甲组', TARGETS.month.TA],
      ['TB', '测试乙组', TARGETS.month.TB],
    ] as const) {
      const row = d.rows.find((r) => r.name === name)!;
      const hand = teamFigures(team, target);
      expectCell(row.week, hand.week, `${name} week`);
      expectCell(row.month, hand.month, `${name} month`);
      expect(row).toMatchObject({
        kind: 'unit',
        id: w.unit[team],
        hasChildUnits: false,
        headcount: seated(team).length,
        behindCount: behind(seated(team)),
        newHires: team === 'TA' ? 1 : 0,
        followUpsDue: team === 'TA' ? 1 : 0,
        overdueFen: team === 'TA' ? w.overdueFen : 0,
      });
    }
    const all = Object.keys(NAMES) as Person[];
    expectCell(d.totals!.month, teamFigures('R', TARGETS.month.R).month, 'region month');
    // The region has no week line: its teams' weeks added up, i.e. 甲组's people's weekly tasks.
    expectCell(d.totals!.week, teamFigures('R', TARGETS.month.R).week, 'region week');
    expect(d.totals).toMatchObject({
      kind: 'unit',
      id: w.unit.R,
      headcount: all.length,
      behindCount: behind(all),
      newHires: 1,
      followUpsDue: 1,
      overdueFen: w.overdueFen,
    });
    expect(d.series.at(-1)!.target).toBe(TARGETS.month.R);
  });

  it('drills down to a team, whose rows are its people', async () => {
    const d = await overview('mgr', `?unitId=${w.unit.TA}`);
    expect(d.rows.every((r) => r.kind === 'person')).toBe(true);
    expect(d.rows.map((r) => r.name).sort()).toEqual(
      seated('TA')
        .map((p) => NAMES[p])
        .sort(),
    );
    for (const p of seated('TA')) {
      const row = d.rows.find((r) => r.id === w.employee[p])!;
      const hand = personFigures(p);
      expectCell(row.month, hand.month, `${p} month`);
      expectCell(row.week, hand.week, `${p} week`);
      expect(row.overdueFen).toBe(p === 'repA2' ? w.overdueFen : 0);
      expect(row.behindCount).toBe(hand.month.paceStatus === 'behind' ? 1 : 0);
    }
    expect(d.totals).toMatchObject({ id: w.unit.TA, headcount: 4, overdueFen: w.overdueFen });
  });

  it('scope: the VP drills anywhere, a lead not above the team, a rep sees only themself', async () => {
    const vp = await overview('vp', `?unitId=${w.unit.R}`);
    expect(vp.rows.map((r) => r.id)).toEqual([w.unit.TB, w.unit.TA]);
    expectError(await w.as.leadA.get(`/api/v1/dashboards/overview?unitId=${w.unit.R}`), 404, 'not_found');
    const rep = await overview('repA1');
    expect(rep.rows.map((r) => r.name)).toEqual(['甲一']);
    expect(rep.totals).toBeNull();
    expect((await overview('rep1', '')).rows.map((r) => r.name)).toEqual(['赵磊']);
  });

  it('leaves out a unit with nobody in it and nothing planned (overview and team progress); shows it once it has a target', async () => {
    const res = await w.as.admin.send('POST', '/api/v1/org/units', {
      parentId: w.unit.R,
      name: '测试空组',
      code: 'PT-EMPTY',
      kind: 'team',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const empty = res.json<{ id: number }>().id;
    const d = await overview('mgr');
    expect(d.rows.map((r) => r.name)).toEqual(['测试乙组', '测试甲组']);
    expect(d.totals!.headcount).toBe(Object.keys(NAMES).length);
    // The team progress report leaves it out the same way.
    const teams = async () =>
      (await w.as.mgr.get(`/api/v1/progress?level=team&period=${w.month}`))
        .json<{ rows: { name: string }[] }>()
        .rows.map((r) => r.name);
    expect(await teams()).not.toContain('测试空组');

    const p = parsePeriod(w.month);
    await publishLines(w.t, w.ids.companyId, [
      {
        ownerKind: 'unit',
        unitId: empty,
        employeeId: null,
        period: w.month,
        grain: 'month',
        periodStart: p.from,
        periodEnd: p.to,
        target: 100_000,
        stretch: 110_000,
        challenge: 120_000,
      },
    ]);
    const planned = (await overview('mgr')).rows.find((r) => r.id === empty);
    expect(planned).toMatchObject({ name: '测试空组', headcount: 0, month: { target: 100_000, actual: 0 } });
    expect(await teams()).toContain('测试空组');
  });

  it('refuses bad input (400)', async () => {
    expectError(
      await w.as.mgr.get('/api/v1/dashboards/overview?metric=category_sales'),
      400,
      'validation',
      'query.category',
    );
    expectError(await w.as.mgr.get('/api/v1/dashboards/overview?extra=1'), 400, 'validation', 'query.extra');
  });
});
