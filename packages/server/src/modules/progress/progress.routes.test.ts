import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ProgressReport, ProgressRow, Rankings } from '@zuzhang/api-schema';
import { expectError } from '../../../test/support.ts';
import { idOf } from '../../../test/demo-org.ts';
import { handFigures, monthSpan } from './oracle.ts';
import {
  NAMES,
  TARGETS,
  buildWorld,
  sumOf,
  within,
  type Person,
  type Team,
  type World,
} from './test-world.ts';

/**
 * GET /progress, /progress/rankings and /progress/execution-sheet over a region built through the API
 * (test-world.ts), every figure checked against one worked out by hand from the orders, returns and
 * receipts the test made.
 */

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(() => w.t.close());

async function progress(who: Person | 'vp' | 'rep1', query: string): Promise<ProgressReport> {
  const res = await w.as[who].get(`/api/v1/progress?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<ProgressReport>();
}
const rowOf = (report: { rows: ProgressRow[] }, id: number) => report.rows.find((r) => r.id === id);

/** This month's targets as published, by person (newbie: the sum of their two weekly lines). */
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
const monthActual = (person: Person) => sumOf(w.sales, (f) => f.person === person && within(w.month, f.date));

describe('attainment, projection, gap and pace per person, this month', () => {
  it.each(Object.keys(NAMES) as Person[])('%s', async (person) => {
    const report = await progress('mgr', `level=person&unitId=${w.unit.R}&period=${w.month}`);
    const hand = handFigures(monthActual(person), MONTH_TARGET[person], monthSpan(w.month), w.today);
    const row = rowOf(report, w.employee[person])!;
    expect(row).toMatchObject({
      kind: 'person',
      name: NAMES[person],
      target: hand.target,
      actual: hand.actual,
      projection: hand.projection,
      gap: hand.gap,
      paceStatus: hand.paceStatus,
      targetSource: person === 'newbie' ? 'children' : hand.target === null ? 'none' : 'exact',
    });
    if (hand.attainment === null) expect(row.attainment).toBeNull();
    else expect(row.attainment).toBeCloseTo(hand.attainment, 12);
    if (hand.target !== null) {
      expect(row.stretch).toBe(Math.round(hand.target * 1.1));
      expect(row.challenge).toBe(Math.round(hand.target * 1.2));
    }
  });

  it('ranks by attainment, highest first; people without a target are unranked, last', async () => {
    const report = await progress('mgr', `level=person&unitId=${w.unit.R}&period=${w.month}`);
    const withTarget = (Object.keys(NAMES) as Person[])
      .filter((p) => MONTH_TARGET[p] !== null)
      .map((p) => ({ id: w.employee[p], rate: monthActual(p) / MONTH_TARGET[p]! }))
      .sort((a, b) => b.rate - a.rate);
    expect(report.rows.slice(0, withTarget.length).map((r) => [r.id, r.rank])).toEqual(
      withTarget.map((x, i) => [x.id, i + 1]),
    );
    expect(report.rows.slice(withTarget.length).every((r) => r.rank === null && r.target === null)).toBe(
      true,
    );
    expect(report.period).toMatchObject({ period: w.month, ...monthSpan(w.month) });
    expect(report.period.elapsedDays + report.period.daysLeft).toBe(report.period.days);
  });

  it('a week with its own line reads it; the same person’s month reads the month line', async () => {
    const week = await progress('repA1', `level=person&period=${w.week}`);
    const actual = sumOf(w.sales, (f) => f.person === 'repA1' && within(w.week, f.date));
    expect(week.rows).toEqual([
      expect.objectContaining({
        id: w.employee.repA1,
        target: TARGETS.week.repA1,
        targetSource: 'exact',
        actual,
      }),
    ]);
  });

  it('collections and category sales read their own roll-ups', async () => {
    const collections = await progress('repA1', `metric=collections&level=person&period=${w.month}`);
    expect(collections.rows[0]).toMatchObject({ actual: 100_000, target: null, targetSource: 'none' });
    const category = await progress(
      'repA1',
      `metric=category_sales&category=${encodeURIComponent('进度测试')}&level=person&period=${w.month}`,
    );
    expect(category.rows[0]).toMatchObject({ actual: monthActual('repA1'), target: null });
    expect(category.category).toBe('进度测试');
    const other = await progress(
      'repA1',
      `metric=category_sales&category=${encodeURIComponent('无此类')}&level=person`,
    );
    expect(other.rows[0]!.actual).toBe(0);
  });

  it('level=team lists the teams with their credited sales and lines; the region is the total', async () => {
    const report = await progress('mgr', `level=team&period=${w.month}`);
    expect(report.unit).toEqual({ id: w.unit.R, name: '测试大区' });
    const teamActual = (team: Team) => sumOf(w.sales, (f) => f.team === team && within(w.month, f.date));
    expect(report.rows.map((r) => [r.name, r.actual, r.target, r.hasChildUnits])).toEqual(
      expect.arrayContaining([
        ['测试甲组', teamActual('TA'), TARGETS.month.TA, false],
        ['测试乙组', teamActual('TB'), TARGETS.month.TB, false],
      ]),
    );
    expect(report.rows).toHaveLength(2);
    expect(report.total).toMatchObject({
      kind: 'unit',
      id: w.unit.R,
      actual: teamActual('TA') + teamActual('TB'),
      target: TARGETS.month.R,
      hasChildUnits: true,
    });
  });

  it('a week with no unit line: a team has its people’s weekly tasks, the region its teams’', async () => {
    const report = await progress('mgr', `level=team&period=${w.week}`);
    // 甲一's week line, and 丙新人's when this week is one of their two.
    const tasks = TARGETS.week.repA1 + (w.newbieWeeks.includes(w.week) ? TARGETS.newbieWeeks : 0);
    const target = (r: ProgressRow | null | undefined) => [r?.target, r?.targetSource];
    expect(target(report.rows.find((r) => r.id === w.unit.TA))).toEqual([tasks, 'members']);
    expect(target(report.rows.find((r) => r.id === w.unit.TB))).toEqual([null, 'none']);
    expect(target(report.total)).toEqual([tasks, 'members']);
    expect(report.total!.stretch).toBe(
      Math.round(TARGETS.week.repA1 * 1.1) +
        (w.newbieWeeks.includes(w.week) ? Math.round(TARGETS.newbieWeeks * 1.1) : 0),
    );
    // A unit line of the period wins over its members' (the month: 甲组's own line, not its people's sum).
    const month = await progress('mgr', `level=team&period=${w.month}`);
    expect(target(month.rows.find((r) => r.id === w.unit.TA))).toEqual([TARGETS.month.TA, 'exact']);
  });

  it('drilling down is the same call one level lower', async () => {
    const teams = await progress('mgr', `level=team&period=${w.month}`);
    const ta = teams.rows.find((r) => r.name === '测试甲组')!;
    const people = await progress('mgr', `level=person&unitId=${ta.id}&period=${w.month}`);
    expect(people.total).toMatchObject({ id: ta.id, actual: ta.actual, target: ta.target });
    expect(people.rows.map((r) => r.name).sort()).toEqual(
      ['甲组长', '甲一', '甲二', '丙新人', ...(within(w.month, w.day(-4)) ? ['丁调动'] : [])].sort(),
    );
  });
});

describe('a person who changes team mid-period', () => {
  /** The shortest of month, quarter, year holding both of the mover's sales. */
  function spanPeriod(): string {
    const a = w.day(-6);
    const b = w.day(-1);
    if (a.slice(0, 7) === b.slice(0, 7)) return a.slice(0, 7);
    const quarter = (d: string) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
    if (quarter(a) === quarter(b)) return quarter(a);
    return a.slice(0, 4) === b.slice(0, 4) ? a.slice(0, 4) : b.slice(0, 4);
  }

  it('each sale is credited to the team of its day; the person keeps both', async () => {
    const period = spanPeriod();
    const report = await progress('mgr', `level=team&unitId=${w.unit.R}&period=${period}`);
    const actual = (name: string) => report.rows.find((r) => r.name === name)!.actual;
    const teamSum = (team: Team, person?: Person) =>
      sumOf(w.sales, (f) => f.team === team && within(period, f.date) && (!person || f.person === person));
    expect(actual('测试甲组')).toBe(teamSum('TA'));
    expect(actual('测试乙组')).toBe(teamSum('TB'));
    // The move is what makes the difference: 50,000 in 甲组 before it, 70,000 in 乙组 after.
    expect(teamSum('TA', 'mover')).toBe(50_000);
    expect(teamSum('TB', 'mover')).toBe(70_000);
    const people = await progress('mgr', `level=person&unitId=${w.unit.R}&period=${period}`);
    expect(rowOf(people, w.employee.mover)!.actual).toBe(120_000);
  });

  it("the new team's lead sees the mover with all their results, and the team with only its own", async () => {
    const period = spanPeriod();
    const report = await progress('leadB', `level=person&period=${period}`);
    expect(report.unit).toEqual({ id: w.unit.TB, name: '测试乙组' });
    expect(rowOf(report, w.employee.mover)!.actual).toBe(120_000);
    expect(report.total!.actual).toBe(sumOf(w.sales, (f) => f.team === 'TB' && within(period, f.date)));
  });
});

describe('scope: a rep sees only themself, a lead the team, a manager the region, the VP everything', () => {
  type Who = Person | 'vp' | 'rep1';
  const cases: [Who, string, string[] | number][] = [
    ['repA1', 'level=person', ['甲一']],
    ['repA1', 'level=team', []],
    ['repA1', 'level=person&unitId=TB', 404],
    ['repA1', 'level=company', 403],
    ['leadA', 'level=person', ['丙新人', '甲一', '甲二', '甲组长']],
    ['leadA', 'level=team&unitId=R', 404],
    ['leadA', 'level=person&unitId=TB', 404],
    ['mgr', 'level=team', ['测试乙组', '测试甲组']],
    ['mgr', 'level=person', Object.values(NAMES)],
    ['mgr', 'level=team&unitId=XS', 404],
    ['mgr', 'level=company', 403],
    ['vp', 'level=team&unitId=R', ['测试乙组', '测试甲组']],
    ['rep1', 'level=person&unitId=TA', 404],
  ];
  it.each(cases)('%s asking %s gets %j', async (who, query, expected) => {
    const q = query
      .replace('unitId=TB', `unitId=${w.unit.TB}`)
      .replace('unitId=TA', `unitId=${w.unit.TA}`)
      .replace('unitId=R', `unitId=${w.unit.R}`)
      .replace('unitId=XS', `unitId=${idOf(w.ids.unit, 'XS')}`);
    const res = await w.as[who].get(`/api/v1/progress?${q}&period=${w.month}`);
    if (typeof expected === 'number') {
      expectError(res, expected, expected === 404 ? 'not_found' : 'forbidden');
      return;
    }
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(
      res
        .json<ProgressReport>()
        .rows.map((r) => r.name)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('a unit total only for those who see the whole unit', async () => {
    expect((await progress('repA1', `level=person&period=${w.month}`)).total).toBeNull();
    expect((await progress('leadA', `level=person&period=${w.month}`)).total).toMatchObject({
      id: w.unit.TA,
    });
    expect((await progress('mgr', `level=person&period=${w.month}`)).total).toMatchObject({ id: w.unit.R });
  });

  it('the VP sees the company line', async () => {
    const report = await progress('vp', `level=company&period=${w.month}`);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ kind: 'company', id: null });
    const region = await progress('vp', `level=team&unitId=${w.unit.R}&period=${w.month}`);
    expect(report.rows[0]!.actual).toBeGreaterThanOrEqual(region.total!.actual);
  });

  it('refuses bad input, naming the field', async () => {
    const bad: [string, string][] = [
      ['period=2026-13', 'query.period'],
      ['period=2026-W60', 'query.period'],
      ['level=region', 'query.level'],
      ['metric=profit', 'query.metric'],
      ['metric=category_sales', 'query.category'],
      ['metric=sales&category=x', 'query.category'],
      ['unitId=abc', 'query.unitId'],
    ];
    for (const [query, path] of bad) {
      expectError(await w.as.mgr.get(`/api/v1/progress?${query}`), 400, 'validation', path);
    }
  });
});

describe('rankings (个人 / 团队排行榜)', () => {
  async function rankings(who: Person | 'vp', query: string): Promise<Rankings> {
    const res = await w.as[who].get(`/api/v1/progress/rankings?period=${w.month}&${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json<Rankings>();
  }
  const entrants = () =>
    (Object.keys(NAMES) as Person[])
      .filter((p) => (MONTH_TARGET[p] ?? 0) > 0 || monthActual(p) !== 0)
      .map((p) => ({
        name: NAMES[p],
        actual: monthActual(p),
        rate: MONTH_TARGET[p] === null ? null : monthActual(p) / MONTH_TARGET[p]!,
      }));

  it('people with a target or a result, by attainment; the unranked last', async () => {
    const board = await rankings('mgr', 'by=person');
    const expected = entrants().sort((a, b) =>
      a.rate === null || b.rate === null ? (a.rate === null ? 1 : -1) : b.rate - a.rate,
    );
    expect(board.total).toBe(expected.length);
    expect(board.rows.map((r) => [r.name, r.rank])).toEqual(
      expected.map((e, i) => [e.name, e.rate === null ? null : i + 1]),
    );
    expect(board.rows.find((r) => r.name === '甲一')!.unitName).toBe('测试甲组');
  });

  it('by actual, with a limit', async () => {
    const board = await rankings('mgr', 'by=person&key=actual&limit=2');
    const expected = entrants().sort((a, b) => b.actual - a.actual || (a.name < b.name ? -1 : 1));
    expect(board.total).toBe(expected.length);
    expect(board.rows.map((r) => [r.name, r.actual, r.rank])).toEqual(
      expected.slice(0, 2).map((e, i) => [e.name, e.actual, i + 1]),
    );
  });

  it('teams, for the VP within the region; a rep has no team to rank', async () => {
    const board = await rankings('vp', `by=team&unitId=${w.unit.R}`);
    const rate = (team: Team, target: number) =>
      sumOf(w.sales, (f) => f.team === team && within(w.month, f.date)) / target;
    const expected = [
      { name: '测试甲组', rate: rate('TA', TARGETS.month.TA) },
      { name: '测试乙组', rate: rate('TB', TARGETS.month.TB) },
    ].sort((a, b) => b.rate - a.rate);
    expect(board.rows.map((r) => [r.name, r.rank, r.unitName])).toEqual(
      expected.map((e, i) => [e.name, i + 1, '测试大区']),
    );
    expect((await rankings('repA1' as Person, 'by=team')).rows).toEqual([]);
  });

  it('refuses bad input and units outside scope', async () => {
    expectError(await w.as.mgr.get('/api/v1/progress/rankings?by=region'), 400, 'validation', 'query.by');
    expectError(await w.as.mgr.get('/api/v1/progress/rankings?limit=0'), 400, 'validation', 'query.limit');
    expectError(await w.as.leadA.get(`/api/v1/progress/rankings?unitId=${w.unit.TB}`), 404, 'not_found');
  });
});

describe('plan execution sheet (计划执行表)', () => {
  const XLSX = 'spreadsheetml';
  const year = () => w.today.slice(0, 4);

  /** The data rows: [team, name, ...numbers], after the two header rows. */
  async function sheetRows(who: Person, query: string) {
    const res = await w.as[who].get(`/api/v1/progress/execution-sheet?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    return { header: values.slice(0, 5), rows: values.slice(5), name: ws.name };
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  /** Column index of period i's target / actual / attainment. */
  const col = (i: number, what: 0 | 1 | 2) => 2 + i * 3 + what;

  it('adds up: rows to subtotals, subtotals to the total, months to the year', async () => {
    const { rows, header, name } = await sheetRows('mgr', `fiscalYear=${year()}&grain=month`);
    expect(name).toBe('计划执行表');
    expect(header[3]!.slice(0, 2)).toEqual(['团队', '姓名']);
    expect(header[4]!.slice(2, 5)).toEqual(['目标', '实际', '完成率']);
    const width = 13; // twelve months and the year
    const total = rows.at(-1)!;
    expect(total[0]).toBe('合计');
    let section: unknown[][] = [];
    const subtotals: unknown[][] = [];
    for (const row of rows.slice(0, -1)) {
      if (row[1] === '小计') {
        for (let i = 0; i < width; i++) {
          for (const what of [0, 1] as const) {
            const sum = section.reduce((s, r) => s + num(r[col(i, what)]), 0);
            expect(num(row[col(i, what)]), `${String(row[0])} period ${i}`).toBeCloseTo(sum, 6);
          }
        }
        subtotals.push(row);
        section = [];
      } else section.push(row);
    }
    for (let i = 0; i < width; i++) {
      for (const what of [0, 1] as const) {
        const sum = subtotals.reduce((s, r) => s + num(r[col(i, what)]), 0);
        expect(num(total[col(i, what)])).toBeCloseTo(sum, 6);
      }
    }
    for (const row of rows) {
      for (const what of [0, 1] as const) {
        const months = Array.from({ length: 12 }, (_, i) => num(row[col(i, what)])).reduce(
          (s, x) => s + x,
          0,
        );
        expect(num(row[col(12, what)])).toBeCloseTo(months, 6);
      }
    }
    // Chart order: the region, then its teams (by sort, then name).
    expect(subtotals.map((r) => r[0])).toEqual(['测试大区', '测试乙组', '测试甲组']);
  });

  it('the month’s figures are the published lines and the credited sales, in yuan', async () => {
    const { rows } = await sheetRows('mgr', `fiscalYear=${year()}&grain=month`);
    const m = Number(w.month.slice(5)) - 1;
    const find = (team: string, name: string) => rows.find((r) => r[0] === team && r[1] === name)!;
    expect(find('测试甲组', '甲一')[col(m, 0)]).toBe(TARGETS.month.repA1 / 100);
    expect(find('测试甲组', '甲一')[col(m, 1)]).toBe(monthActual('repA1') / 100);
    expect(find('测试甲组', '甲一')[col(m, 2)]).toBeCloseTo(monthActual('repA1') / TARGETS.month.repA1, 12);
    // The team lines not split to people: the region's rest after its teams, each team's after its people.
    expect(find('测试大区', '未分配')[col(m, 0)]).toBe(
      (TARGETS.month.R - TARGETS.month.TA - TARGETS.month.TB) / 100,
    );
    expect(find('测试甲组', '小计')[col(m, 0)]).toBe(TARGETS.month.TA / 100);
    expect(find('测试乙组', '小计')[col(m, 0)]).toBe(TARGETS.month.TB / 100);
    expect(rows.at(-1)![col(m, 0)]).toBe(TARGETS.month.R / 100);
    // The mover is in both teams, each with what was credited there.
    for (const [team, day, amount] of [
      ['测试甲组', w.day(-6), 50_000],
      ['测试乙组', w.day(-1), 70_000],
    ] as const) {
      if (day.slice(0, 4) !== year()) continue;
      const month = Number(day.slice(5, 7)) - 1;
      const cell = find(team, '丁调动')[col(month, 1)];
      const sameMonth = w.sales
        .filter((f) => f.person === 'mover' && f.team === (team === '测试甲组' ? 'TA' : 'TB'))
        .filter((f) => f.date.slice(0, 7) === day.slice(0, 7))
        .reduce((s, f) => s + f.amount, 0);
      expect(sameMonth).toBe(amount);
      expect(cell).toBe(amount / 100);
    }
  });

  it('a lead sees their team; someone who moved away is one "others" row', async () => {
    const { rows } = await sheetRows('leadA', `fiscalYear=${year()}&grain=quarter&lang=en-US`);
    expect(rows.filter((r) => r[1] === 'Subtotal').map((r) => r[0])).toEqual(['测试甲组']);
    const others = rows.find((r) => r[1] === 'Others (moved away, left, or outside your view)');
    if (w.day(-6).slice(0, 4) === year()) {
      const q = Math.ceil(Number(w.day(-6).slice(5, 7)) / 3) - 1;
      expect(others![col(q, 1)]).toBe(500);
    }
    expect(rows.some((r) => r[1] === '丁调动')).toBe(false);
    expect(rows.at(-1)![0]).toBe('Total');
  });

  it('a rep gets their own row; a year sheet has one column group', async () => {
    const { rows, header } = await sheetRows('repA1', `fiscalYear=${year()}&grain=year`);
    expect(header[3]![2]).toBe(year());
    expect(header[3]).toHaveLength(5);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['测试甲组', '甲一'],
      ['合计', ''],
    ]);
    const yearSales = sumOf(w.sales, (f) => f.person === 'repA1' && f.date.startsWith(year()));
    expect(rows[0]![col(0, 1)]).toBe(yearSales / 100);
  });

  it('refuses bad input and units outside scope', async () => {
    const url = '/api/v1/progress/execution-sheet';
    expectError(await w.as.mgr.get(`${url}?grain=week`), 400, 'validation', 'query.grain');
    expectError(await w.as.mgr.get(`${url}?fiscalYear=20x6`), 400, 'validation', 'query.fiscalYear');
    expectError(await w.as.leadA.get(`${url}?unitId=${w.unit.R}`), 404, 'not_found');
    expectError(await w.t.app.inject({ method: 'GET', url }), 401, 'unauthenticated');
  });
});
