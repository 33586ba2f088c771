import { describe, expect, it } from 'vitest';
import { DEPUTY_SUPERVISOR_PAY_PLAN as PLAN } from './deputy-supervisor.ts';
import { computeStatement, simulatePay, type FigureValues, type PayStatement } from './statement.ts';

/**
 * The seed's 销售部副主管 激励体制 / 惩罚体制, each rule at, just below and just above its threshold.
 * A quiet month: ¥100,000 sales on target, team just short of target, no mentees, no incidents.
 */
const QUIET: FigureValues = {
  personal_sales: 10_000_000,
  personal_attainment: 1,
  team_attainment: 0.99,
  mentee_probation_sales: 0,
  incident_count: 0,
};
const LAST_MONTH = { period: '2026-05', figures: { personal_sales: 10_000_000, personal_attainment: 1 } };
const MONTH_BEFORE = { period: '2026-04', figures: { personal_sales: 10_000_000, personal_attainment: 1 } };

function pay(
  figures: FigureValues,
  last: Record<string, number> = {},
  before: Record<string, number> = {},
): PayStatement {
  return computeStatement(PLAN, { period: '2026-06', figures: { ...QUIET, ...figures } }, [
    { ...LAST_MONTH, figures: { ...LAST_MONTH.figures, ...last } },
    { ...MONTH_BEFORE, figures: { ...MONTH_BEFORE.figures, ...before } },
  ]);
}

const amount = (s: PayStatement, key: string): number | null =>
  s.lines.find((l) => l.componentKey === key)?.amountFen ?? null;
const BASE_KEYS = ['base', 'base_raise', 'base_demotion', 'base_drop'];
const basePay = (s: PayStatement) =>
  s.lines.filter((l) => BASE_KEYS.includes(l.componentKey)).reduce((a, l) => a + l.amountFen, 0);

describe('激励体制 (incentives)', () => {
  it('基本工资3200 + 个人提成 (3% of personal sales in the demo)', () => {
    const s = pay({ personal_sales: 5_200_000 });
    expect(amount(s, 'base')).toBe(320_000);
    expect(amount(s, 'commission')).toBe(156_000);
    expect(s.totalFen).toBe(320_000 + 156_000);
  });

  it.each([
    [0, null],
    [1, 0], // 0.01 yuan × 1% = 0.0001 yuan → 0 fen
    [50, 1], // 0.50 × 1% = 0.005 → 0.01, half away from zero
    [1_234_567, 12_346], // ¥12,345.67 × 1% = ¥123.4567 → ¥123.46
    [3_000_000, 30_000],
  ])("1%% of mentees' probation sales %d fen → %s fen", (sales, expected) => {
    expect(amount(pay({ mentee_probation_sales: sales }), 'mentoring')).toBe(expected);
  });

  it.each([
    [0.9999, null],
    [1, 50_000],
    [1.0001, 50_000],
    ['103.2%', 50_000],
  ])('team attainment %s → 500 cash bonus %s', (attainment, expected) => {
    expect(amount(pay({ team_attainment: attainment }), 'team_bonus')).toBe(expected);
  });

  it.each([
    [1.4999, null, 320_000],
    [1.5, 30_000, 350_000],
    [1.5001, 30_000, 350_000],
  ])('personal attainment %s → base pay +300 for the month: %s (base %d)', (attainment, raise, base) => {
    const s = pay({ personal_attainment: attainment });
    expect(amount(s, 'base_raise')).toBe(raise);
    expect(basePay(s)).toBe(base);
  });
});

describe('惩罚体制 (penalties)', () => {
  it.each([
    [0.7999, -20_000, 300_000],
    [0.8, null, 320_000],
    [0.8001, null, 320_000],
  ])(
    "last month's attainment %s → base pay down to the team-lead 3000: %s (base %d)",
    (last, demotion, base) => {
      const s = pay({}, { personal_attainment: last });
      expect(amount(s, 'base_demotion')).toBe(demotion);
      expect(basePay(s)).toBe(base);
    },
  );

  it('first month in the post (no last month): no demotion, no drop', () => {
    const s = computeStatement(PLAN, { period: '2026-06', figures: QUIET }, []);
    expect(basePay(s)).toBe(320_000);
    expect(s.skipped.map((k) => k.componentKey)).toEqual(
      expect.arrayContaining(['base_demotion', 'base_drop', 'team_bonus', 'mentoring', 'incident_fines']),
    );
  });

  it.each([
    [0, null],
    [1, -10_000],
    [3, -30_000],
  ])('%d recorded incidents → fined 100 each: %s', (count, fine) => {
    expect(amount(pay({ incident_count: count }), 'incident_fines')).toBe(fine);
  });

  // Month before last over target by 50%+, last month below 80% of that month's sales → this month -300.
  it.each([
    ['exceeded by exactly 50%, last month at 79.99%', 1.5, 7_999_000, -30_000],
    ['exceeded by 50.01%, last month at 79.99%', 1.5001, 7_999_000, -30_000],
    ['exceeded by 49.99%', 1.4999, 7_999_000, null],
    ['last month at exactly 80%', 1.5, 8_000_000, null],
    ['last month at 80.01%', 1.5, 8_001_000, null],
  ])('%s → %s', (_, beforeAttainment, lastSales, drop) => {
    const s = pay(
      {},
      { personal_sales: lastSales, personal_attainment: 1 },
      {
        personal_sales: 10_000_000,
        personal_attainment: beforeAttainment,
      },
    );
    expect(amount(s, 'base_drop')).toBe(drop);
  });

  it('rules stack: demoted and dropped is 2700; demoted and raised is 3300', () => {
    const both = pay(
      {},
      { personal_sales: 7_000_000, personal_attainment: 0.7 },
      { personal_attainment: 1.6 },
    );
    expect(basePay(both)).toBe(270_000);
    const raised = pay({ personal_attainment: 1.5 }, { personal_attainment: 0.5 });
    expect(basePay(raised)).toBe(330_000);
  });
});

describe('previous-month rules across a year end (2026-12 → 2027-01 → 2027-02 → 2027-03)', () => {
  const month = (period: string, sales: number, attainment: number) => ({
    period,
    figures: { ...QUIET, personal_sales: sales, personal_attainment: attainment },
  });
  // Given out of order on purpose: the simulation sorts each person's months.
  const result = simulatePay(PLAN, [
    {
      employeeId: 7,
      name: '王芳',
      periods: [
        month('2027-02', 10_000_000, 1),
        month('2026-12', 16_000_000, 1.6),
        month('2027-03', 10_000_000, 1),
        month('2027-01', 7_000_000, 0.7),
      ],
    },
  ]);
  const statements = result.people[0]?.statements ?? [];

  it.each([
    ['2026-12', 350_000, 'first month on the plan, 160% → +300'],
    ['2027-01', 320_000, 'December was 160%, but January is only judged next month'],
    ['2027-02', 270_000, 'January 70% < 80% → 3000; January sales < 80% of December → -300'],
    ['2027-03', 320_000, 'February back on target; January (two months back) was not 150%'],
  ])('%s base pay %d (%s)', (period, base) => {
    const s = statements.find((x) => x.period === period) as PayStatement;
    expect(basePay(s)).toBe(base);
  });

  it('says which months it looked at', () => {
    const feb = statements.find((s) => s.period === '2027-02') as PayStatement;
    const drop = feb.lines.find((l) => l.componentKey === 'base_drop');
    expect(drop?.inputs.map((i) => [i.name, i.periodsBack, i.value])).toEqual([
      ['personal_attainment', 2, 1.6],
      ['personal_sales', 1, 7_000_000],
      ['personal_sales', 2, 16_000_000],
    ]);
    expect(drop?.explanation['zh-CN']).toBe(
      '上上月个人达成率 160% ≥ 150% 且 上月个人销售额 ¥70,000.00 < 80% × 上上月个人销售额 ¥160,000.00 → 基本工资下调 -¥300.00',
    );
    const demotion = feb.lines.find((l) => l.componentKey === 'base_demotion');
    expect(demotion?.explanation).toEqual({
      'zh-CN': '上月个人达成率 70% 不达 80% → 本月基本工资降为销售组长基本工资 ¥3,000.00：-¥200.00',
      'en-US':
        "Last month's personal attainment 70% below 80% → base pay down to the team-lead rate ¥3,000.00: -¥200.00",
    });
  });

  it('adds up per month and in total', () => {
    expect(result.totalFen).toBe(statements.reduce((s, x) => s + x.totalFen, 0));
    expect(result.periods.map((p) => p.period)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
  });
});

describe('the statement explains each line in both languages', () => {
  it("keeps a condition that says something the amount does not (without the plan's template)", () => {
    const plan = {
      ...PLAN,
      components: PLAN.components.map((c) => (c.key === 'base_demotion' ? { ...c, explain: undefined } : c)),
    };
    const s = computeStatement(plan, { period: '2026-06', figures: QUIET }, [
      { ...LAST_MONTH, figures: { ...LAST_MONTH.figures, personal_attainment: 0.72 } },
    ]);
    expect(s.lines.find((l) => l.componentKey === 'base_demotion')?.explanation).toEqual({
      'zh-CN':
        '上月个人达成率 72% < 80%，销售组长基本工资 ¥3,000.00 - 基本工资 ¥3,200.00 → 基本工资降为组长标准 -¥200.00',
      'en-US':
        'Personal attainment last month 72% < 80%, Team-lead base pay ¥3,000.00 - Base pay ¥3,200.00 → Base pay down to team-lead rate -¥200.00',
    });
  });

  it('团队目标达成率 103.2% ≥ 100% → 奖金 ¥500.00', () => {
    const line = pay({ team_attainment: 1.032 }).lines.find((l) => l.componentKey === 'team_bonus');
    expect(line?.explanation).toEqual({
      'zh-CN': '组达成率 103.2% ≥ 100% → 组业绩达标奖 ¥500.00',
      'en-US': 'Team attainment 103.2% ≥ 100% → Team target bonus ¥500.00',
    });
    expect(line?.inputs).toEqual([
      {
        name: 'team_attainment',
        label: { 'zh-CN': '组达成率', 'en-US': 'Team attainment' },
        source: 'targets',
        periodsBack: 0,
        unit: 'ratio',
        value: 1.032,
        text: { 'zh-CN': '103.2%', 'en-US': '103.2%' },
      },
    ]);
    expect(line?.formula).toBe('500');
    expect(line?.when).toBe('team_attainment >= 100%');
  });

  it('shows the formula with values where there is no condition, and says why a rule did not apply', () => {
    const s = pay({ personal_sales: 5_200_000, incident_count: 2 });
    expect(s.lines.find((l) => l.componentKey === 'commission')?.explanation['zh-CN']).toBe(
      '个人销售额 ¥52,000.00 × 个人提成比例 3% → 个人提成 ¥1,560.00',
    );
    expect(s.lines.find((l) => l.componentKey === 'incident_fines')?.explanation['en-US']).toBe(
      '-100 × Incidents 2 → Incident fines -¥200.00',
    );
    expect(s.skipped.find((k) => k.componentKey === 'team_bonus')?.explanation).toEqual({
      'zh-CN': '未满足：组达成率 99% ≥ 100%',
      'en-US': 'Not met: Team attainment 99% ≥ 100%',
    });
  });
});
