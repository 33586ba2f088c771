import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type {
  MyTargets,
  OverviewDashboard,
  ProgressReport,
  TargetPlanDetail,
  TeamDashboard,
} from '@zuzhang/api-schema';
import { childPeriods, periodOf } from '@zuzhang/domain';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import {
  DEMO_USERS,
  EXPECTED_SCOPE,
  idOf,
  loadDemoIds,
  nameOf,
  type DemoIds,
  type DemoUser,
} from '../../../test/demo-org.ts';
import { today } from '../../../test/support.ts';
import { seedDemoTargets } from '../demo/demo-targets.ts';

/**
 * Scope matrix for sales targets and progress (issue 4, "scope matrix extended"): every demo user × the
 * published plan's lines, my targets, progress per team and the team dashboard. A person's target or
 * progress is visible exactly when the person is in the user's scope; a unit's when the unit is; a team
 * outside scope answers 404, never an empty page that would confirm it exists.
 */
let t: TestApp;
let ids: DemoIds;
let planId: number;
const sessions = new Map<DemoUser, Session>();
/** Employee ids of everyone who has a line in the plan, and the team ids. */
let withTargets: Set<number>;
let teams: { id: number; code: string }[];
let cases = 0;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  ids = await loadDemoIds(db);
  await db.transaction((tx) => seedDemoTargets(tx, ids.companyId, today()));
  const rows = async <T>(q: ReturnType<typeof sql>) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  [{ id: planId }] = (await rows<{ id: number }>(
    sql`select id from target_plans where company_id = ${ids.companyId} and status = 'published'`,
  )) as [{ id: number }];
  withTargets = new Set(
    (
      await rows<{ employee_id: number }>(
        sql`select distinct employee_id from target_lines where plan_id = ${planId} and employee_id is not null`,
      )
    ).map((r) => Number(r.employee_id)),
  );
  teams = (
    await rows<{ id: number; code: string }>(
      sql`select id, code from units where company_id = ${ids.companyId} and kind = 'team' order by code`,
    )
  ).map((r) => ({ id: Number(r.id), code: r.code }));
  await Promise.all(DEMO_USERS.map(async (u) => sessions.set(u, await signIn(t.app, u))));
}, 120_000);
afterAll(() => t.close());

const people = (user: DemoUser) =>
  new Set(EXPECTED_SCOPE[user].people.map((p) => idOf(ids.employee, nameOf(p))));
const units = (user: DemoUser) => new Set(EXPECTED_SCOPE[user].units.map((c) => idOf(ids.unit, c)));
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe.each(DEMO_USERS)('%s', (user) => {
  it('sees exactly the targets of the people and units in scope', async () => {
    const res = await sessions.get(user)!.get(`/api/v1/targets/plans/${planId}`);
    const mine = people(user);
    const expected = sorted([...withTargets].filter((id) => mine.has(id)));
    if (expected.length === 0) {
      expect(res.statusCode, res.body).toBe(404);
      cases++;
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json<TargetPlanDetail>();
    const seenPeople = new Set(
      plan.lines.flatMap((l) => (l.ownerKind === 'employee' ? [l.employeeId!] : [])),
    );
    expect(sorted(seenPeople)).toEqual(expected);
    for (const line of plan.lines.filter((l) => l.ownerKind === 'unit')) {
      expect(units(user).has(line.unitId!), `unit line ${line.ownerName}`).toBe(true);
      cases++;
    }
    cases += seenPeople.size;
  });

  it('my targets are my own', async () => {
    const res = await sessions.get(user)!.get('/api/v1/targets/mine');
    expect(res.statusCode, res.body).toBe(200);
    const self = user === 'admin' ? null : idOf(ids.employee, nameOf(user));
    const lines = res.json<MyTargets>().items.flatMap((p) => p.lines);
    for (const line of lines) expect(line.employeeId).toBe(self);
    cases++;
  });

  it('progress and the team dashboard never show a person outside scope', async () => {
    const mine = people(user);
    for (const team of teams) {
      const progress = await sessions
        .get(user)!
        .get(`/api/v1/progress?metric=sales&level=person&unitId=${team.id}`);
      const dashboard = await sessions.get(user)!.get(`/api/v1/dashboards/team?unitId=${team.id}`);
      for (const res of [progress, dashboard]) {
        expect([200, 404], `${team.code}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(
          res.statusCode,
        );
        if (!units(user).has(team.id)) expect(res.statusCode, `${team.code} is outside scope`).toBe(404);
      }
      if (progress.statusCode === 200) {
        for (const row of progress.json<ProgressReport>().rows) {
          expect(mine.has(row.id!), `${team.code}: ${row.name}`).toBe(true);
        }
      }
      if (dashboard.statusCode === 200) {
        for (const m of dashboard.json<TeamDashboard>().members) {
          expect(mine.has(m.employeeId), `${team.code}: ${m.name}`).toBe(true);
        }
      }
      cases += 2;
    }
  });
});

describe("the demo's weekly tasks (given to people under their month lines, none to teams)", () => {
  /** Σ of this week's person lines counted in these teams; null when there are none. */
  async function weekTasks(teamIds: number[]): Promise<number | null> {
    const [row] = (
      (await t.database.db.execute(
        sql`select sum(target)::bigint as total from target_lines
             where plan_id = ${planId} and owner_kind = 'employee' and grain = 'week'
               and period = ${periodOf(today(), 'week')} and unit_id in (${sql.join(
                 teamIds.map((id) => sql`${id}`),
                 sql`, `,
               )})`,
      )) as unknown as { rows: { total: string | number | null }[] }
    ).rows;
    return row!.total === null ? null : Number(row!.total);
  }
  // The demo gives out weekly tasks for this month's weeks: a week of the next month (its Thursday there)
  // has none, and then no week target either.
  const weekOfThisMonth = () =>
    childPeriods(periodOf(today(), 'month'), 'week').includes(periodOf(today(), 'week'));

  it("the team dashboard's week target is its people's weekly tasks added up (lead2)", async () => {
    const d = (await sessions.get('lead2')!.get('/api/v1/dashboards/team')).json<TeamDashboard>();
    expect(d.unit!.name).toBe('华东二组');
    const expected = await weekTasks([idOf(ids.unit, 'XS-E2')]);
    if (weekOfThisMonth()) expect(expected).toBeGreaterThan(0);
    expect(d.totals!.week.target).toBe(expected);
    expect(d.totals!.week.target).toBe(
      d.members.some((m) => m.week.target !== null)
        ? d.members.reduce((s, m) => s + (m.week.target ?? 0), 0)
        : null,
    );
  });

  it("the overview's week targets: each team's people's, the region's its teams' (manager1)", async () => {
    const d = (await sessions.get('manager1')!.get('/api/v1/dashboards/overview')).json<OverviewDashboard>();
    expect(d.unit!.name).toBe('华东区');
    for (const row of d.rows) expect(row.week.target, row.name).toBe(await weekTasks([row.id]));
    expect(d.totals!.week.target).toBe(await weekTasks(d.rows.map((r) => r.id)));
    if (weekOfThisMonth()) expect(d.totals!.week.target).toBeGreaterThan(0);
  });
});

describe('the targets scope matrix', () => {
  it('ran every case', () => {
    console.log(`targets scope matrix: ${cases} cases checked`);
    expect(cases).toBeGreaterThan(100);
  });
});
