import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, roundToFen } from '../money/money.ts';
import { DEPUTY_SUPERVISOR_PAY_PLAN } from './deputy-supervisor.ts';
import { PayPlanError, compilePayPlan, type PayPlan } from './plan.ts';
import { computeStatement, simulatePay, type FigureValues, type PayStatement } from './statement.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const amounts = (s: PayStatement) => Object.fromEntries(s.lines.map((l) => [l.componentKey, l.amountFen]));

/** The examples of docs/pay-plans.md, as plans the evaluator must take. */
const SALES_REP_PLAN: PayPlan = {
  name: '销售代表提成方案',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  figures: [
    { name: 'personal_sales', label: label('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
    { name: 'returns', label: label('退货额', 'Returns'), unit: 'fen', source: 'returns' },
    { name: 'written_off', label: label('核销坏账', 'Written-off debt'), unit: 'fen', source: 'receivables' },
  ],
  tiers: {
    sales_tiers: [
      { from: 0, rate: '2%' },
      { from: 50000, rate: '3%' },
      { from: 100000, rate: '5%' },
    ],
  },
  components: [
    { key: 'base', kind: 'base', label: label('底薪', 'Base pay'), formula: '2500' },
    {
      key: 'commission',
      kind: 'commission',
      label: label('阶梯提成（超额累进）', 'Tiered commission (marginal)'),
      formula: 'MIN(TIERSUM(personal_sales, sales_tiers), 8000)',
    },
    {
      key: 'returns_clawback',
      kind: 'clawback',
      label: label('退货扣回提成', 'Clawback on returns'),
      when: 'returns > 0',
      formula: '-returns * TIER(personal_sales, sales_tiers)',
    },
    {
      key: 'bad_debt_clawback',
      kind: 'clawback',
      label: label('坏账扣回提成', 'Clawback on written-off debt'),
      when: 'written_off > 0',
      formula: '-MIN(written_off * 3%, commission)',
    },
  ],
};

const COLLECTIONS_PLAN: PayPlan = {
  name: '回款提成方案',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  figures: [
    { name: 'collections', label: label('回款额', 'Collections'), unit: 'fen', source: 'collections' },
  ],
  tiers: {
    collection_tiers: [
      { from: 0, rate: '1%' },
      { from: 100000, rate: '1.5%' },
      { from: 200000, rate: '2%' },
    ],
  },
  components: [
    {
      key: 'commission',
      kind: 'commission',
      label: label('回款提成（全额累计）', 'Collection commission (retroactive)'),
      formula: 'MAX(collections * TIER(collections, collection_tiers), 500)',
    },
  ],
};

const DRAW_PLAN: PayPlan = {
  name: '保底预支方案',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  figures: [
    { name: 'personal_sales', label: label('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
    { name: 'draw_balance', label: label('待扣回预支', 'Draw balance'), unit: 'fen', source: 'pay' },
  ],
  parameters: [
    { name: 'guarantee', label: label('保底收入', 'Guaranteed pay'), unit: 'yuan', value: 3000 },
    { name: 'rate', label: label('提成比例', 'Commission rate'), unit: 'ratio', value: '5%' },
  ],
  components: [
    {
      key: 'commission',
      kind: 'commission',
      label: label('提成', 'Commission'),
      formula: 'personal_sales * rate',
    },
    {
      key: 'draw',
      kind: 'draw',
      label: label('预支（可扣回）', 'Draw (recoverable)'),
      when: 'commission < guarantee',
      formula: 'guarantee - commission',
    },
    {
      key: 'draw_recovery',
      kind: 'draw',
      label: label('扣回预支', 'Draw recovered'),
      when: 'AND(draw_balance > 0, commission > guarantee)',
      formula: '-MIN(draw_balance, commission - guarantee)',
    },
  ],
};

describe('tiered commission', () => {
  it.each([
    // sales (fen), commission: 2% to 50k, 3% 50k–100k, 5% above; capped at 8000
    [0, 0],
    [4_999_999, 100_000], // ¥49,999.99 × 2% = ¥999.9998 → ¥1,000.00
    [5_000_000, 100_000],
    [8_000_000, 190_000], // 1000 + 30000 × 3%
    [12_000_000, 350_000], // 1000 + 1500 + 20000 × 5%
    [30_000_000, 800_000], // 1000 + 1500 + 200000 × 5% = 12,500, capped at 8,000
  ])('marginal on sales %d fen → %d fen (with a cap)', (sales, commission) => {
    const s = computeStatement(SALES_REP_PLAN, {
      period: '2026-06',
      figures: { personal_sales: sales, returns: 0, written_off: 0 },
    });
    expect(amounts(s).commission).toBe(commission);
  });

  it.each([
    [0, 50_000], // floor of 500
    [4_000_000, 50_000], // 40000 × 1% = 400, floor 500
    [9_999_900, 99_999], // 99,999 × 1%
    [10_000_000, 150_000], // 100,000 × 1.5%: the whole amount moves to the higher rate
    [25_000_000, 500_000], // 250,000 × 2%
  ])('retroactive on collections %d fen → %d fen (with a floor)', (collections, commission) => {
    const s = computeStatement(COLLECTIONS_PLAN, { period: '2026-06', figures: { collections } });
    expect(amounts(s).commission).toBe(commission);
  });
});

describe('clawbacks', () => {
  it('claws back commission on returns at the month’s rate and on written-off debt up to the commission', () => {
    const s = computeStatement(SALES_REP_PLAN, {
      period: '2026-06',
      figures: { personal_sales: 8_000_000, returns: 1_000_000, written_off: 50_000_000 },
    });
    expect(amounts(s)).toEqual({
      base: 250_000,
      commission: 190_000,
      returns_clawback: -30_000, // ¥10,000 × 3% (sales of ¥80,000 are in the 3% band)
      bad_debt_clawback: -190_000, // 3% of ¥500,000 = 15,000, limited to the commission
    });
    expect(s.totalFen).toBe(250_000 + 190_000 - 30_000 - 190_000);
    expect(
      s.lines.find((l) => l.componentKey === 'bad_debt_clawback')?.inputs.map((i) => [i.name, i.source]),
    ).toEqual([
      ['written_off', 'receivables'],
      ['commission', 'component'],
    ]);
  });

  it('leaves the clawback lines off when nothing was returned or written off', () => {
    const s = computeStatement(SALES_REP_PLAN, {
      period: '2026-06',
      figures: { personal_sales: 100, returns: 0, written_off: 0 },
    });
    expect(s.lines.map((l) => l.componentKey)).toEqual(['base', 'commission']);
    expect(s.skipped.map((k) => k.componentKey)).toEqual(['returns_clawback', 'bad_debt_clawback']);
  });
});

describe('a recoverable draw', () => {
  it('advances up to the guarantee and recovers it from later commission above the guarantee', () => {
    const result = simulatePay(DRAW_PLAN, [
      {
        employeeId: 'e1',
        name: '李雷',
        periods: [
          { period: '2026-01', figures: { personal_sales: 4_000_000 } }, // commission 2000, draw 1000
          { period: '2026-02', figures: { personal_sales: 5_000_000 } }, // commission 2500, draw 500 → owes 1500
          { period: '2026-03', figures: { personal_sales: 10_000_000 } }, // commission 5000, recovers 1500
          { period: '2026-04', figures: { personal_sales: 8_000_000 } }, // commission 4000, nothing owed
        ],
      },
    ]);
    const statements = result.people[0]?.statements ?? [];
    expect(statements.map((s) => [s.period, s.totalFen, amounts(s)])).toEqual([
      ['2026-01', 300_000, { commission: 200_000, draw: 100_000 }],
      ['2026-02', 300_000, { commission: 250_000, draw: 50_000 }],
      ['2026-03', 350_000, { commission: 500_000, draw_recovery: -150_000 }],
      ['2026-04', 400_000, { commission: 400_000 }],
    ]);
    const march = statements[2]?.lines.find((l) => l.componentKey === 'draw_recovery');
    expect(march?.inputs.find((i) => i.name === 'draw_balance')?.value).toBe(150_000);
    expect(result.totalFen).toBe(1_350_000);
  });

  it('takes the balance from the figures when the pay ledger gives it', () => {
    const s = computeStatement(DRAW_PLAN, {
      period: '2026-03',
      figures: { personal_sales: 10_000_000, draw_balance: 40_000 },
    });
    expect(amounts(s).draw_recovery).toBe(-40_000);
  });
});

describe('plans written in Chinese', () => {
  const plan: PayPlan = {
    name: '中文公式方案',
    currency: 'CNY',
    effectiveFrom: '2026-01-01',
    figures: [
      { name: '个人销售额', label: label('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
      { name: '组达成率', label: label('组达成率', 'Team attainment'), unit: 'ratio', source: 'targets' },
    ],
    parameters: [{ name: '提成比例', label: label('提成比例', 'Rate'), unit: 'ratio', value: '2.5%' }],
    components: [
      {
        key: '提成',
        kind: 'commission',
        label: label('提成', 'Commission'),
        formula: '个人销售额 * 提成比例',
      },
      {
        key: '团队奖',
        kind: 'bonus',
        label: label('团队奖', 'Team bonus'),
        when: '组达成率 >= 100%',
        formula: 'ROUND(提成 * 10%, 0)',
      },
    ],
  };

  it('reads the standard figures the server gives under their English names', () => {
    const s = computeStatement(plan, {
      period: '2026-06',
      figures: { personal_sales: 1_234_500, team_attainment: '100%' },
    });
    expect(amounts(s)).toEqual({ 提成: 30_863, 团队奖: 3_100 }); // ¥308.625 → ¥308.63; 10% = 30.863 → 31
  });
});

describe('bad figures and bad months', () => {
  const figures: FigureValues = {
    personal_sales: 100,
    personal_attainment: 1,
    team_attainment: 1,
    mentee_probation_sales: 0,
    incident_count: 0,
  };
  const problemsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof PayPlanError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each([
    [{ team_attainment: undefined }, 'figures.team_attainment', 'pay.statement.figureMissing'],
    [{ personal_sales: 12.5 }, 'figures.personal_sales', 'pay.statement.figureInvalid'],
    [{ personal_sales: '¥100' }, 'figures.personal_sales', 'pay.statement.figureInvalid'],
    [{ incident_count: '3%' }, 'figures.incident_count', 'pay.statement.figureInvalid'],
  ])('%j → %s %s', (change, path, key) => {
    const given = Object.fromEntries(
      Object.entries({ ...figures, ...change }).filter(([, v]) => v !== undefined),
    ) as FigureValues;
    expect(
      problemsOf(() => computeStatement(DEPUTY_SUPERVISOR_PAY_PLAN, { period: '2026-06', figures: given })),
    ).toEqual([expect.objectContaining({ path, key })]);
  });

  it('refuses a month that is not YYYY-MM and earlier months that are not earlier', () => {
    expect(
      problemsOf(() => computeStatement(DEPUTY_SUPERVISOR_PAY_PLAN, { period: '2026-13', figures })),
    ).toEqual([expect.objectContaining({ path: 'period', key: 'pay.statement.period' })]);
    expect(
      problemsOf(() =>
        computeStatement(DEPUTY_SUPERVISOR_PAY_PLAN, { period: '2026-06', figures }, [
          { period: '2026-06', figures },
        ]),
      ),
    ).toEqual([expect.objectContaining({ path: 'previous.0.period', key: 'pay.statement.previousPeriod' })]);
  });

  it('names the component, month and position when a formula divides by zero or misses last month', () => {
    const plan: PayPlan = {
      ...DEPUTY_SUPERVISOR_PAY_PLAN,
      components: [
        ...DEPUTY_SUPERVISOR_PAY_PLAN.components,
        {
          key: 'per_incident',
          kind: 'adjustment',
          label: label('a', 'a'),
          formula: 'personal_sales / incident_count',
        },
      ],
    };
    expect(problemsOf(() => computeStatement(plan, { period: '2026-06', figures }))).toEqual([
      {
        path: 'components.8.formula',
        key: 'pay.formula.divisionByZero',
        params: { component: 'per_incident', period: '2026-06', position: 17, name: 'incident_count' },
      },
    ]);
    const prev: PayPlan = {
      ...DEPUTY_SUPERVISOR_PAY_PLAN,
      components: [
        { key: 'x', kind: 'bonus', label: label('x', 'x'), formula: '1', when: 'PREV(personal_sales) > 0' },
      ],
    };
    expect(problemsOf(() => computeStatement(prev, { period: '2026-01', figures }))).toEqual([
      {
        path: 'components.0.when',
        key: 'pay.formula.prevMissing',
        params: { component: 'x', period: '2026-01', position: 0, name: 'personal_sales', periodsBack: 1 },
      },
    ]);
  });

  it('simulatePay says which person and month, and refuses the same month twice', () => {
    const people = [
      { employeeId: 1, name: 'a', periods: [{ period: '2026-01', figures }] },
      {
        employeeId: 2,
        name: 'b',
        periods: [{ period: '2026-01', figures: { ...figures, personal_sales: 0.5 } }],
      },
    ];
    expect(problemsOf(() => simulatePay(DEPUTY_SUPERVISOR_PAY_PLAN, people))).toEqual([
      expect.objectContaining({
        path: 'people.1.periods.0.figures.personal_sales',
        key: 'pay.statement.figureInvalid',
      }),
    ]);
    const twice = [
      {
        employeeId: 1,
        name: 'a',
        periods: [
          { period: '2026-01', figures },
          { period: '2026-01', figures },
        ],
      },
    ];
    expect(problemsOf(() => simulatePay(DEPUTY_SUPERVISOR_PAY_PLAN, twice))).toEqual([
      expect.objectContaining({ path: 'people.0.periods.1.period', key: 'pay.statement.duplicatePeriod' }),
    ]);
  });
});

describe('components reading components', () => {
  it('read the line as rounded on the statement, and 0 for a rule that did not apply', () => {
    const plan: PayPlan = {
      name: 'p',
      currency: 'CNY',
      effectiveFrom: '2026-01-01',
      figures: [{ name: 'personal_sales', label: label('销售额', 'Sales'), unit: 'fen', source: 'sales' }],
      components: [
        { key: 'cap_check', kind: 'adjustment', label: label('c', 'c'), formula: 'commission * 3' },
        {
          key: 'commission',
          kind: 'commission',
          label: label('提成', 'Commission'),
          formula: 'personal_sales * 0.5%',
        },
        {
          key: 'bonus',
          kind: 'bonus',
          label: label('b', 'b'),
          when: 'personal_sales > 1000000',
          formula: '100',
        },
        { key: 'double_bonus', kind: 'bonus', label: label('d', 'd'), formula: 'bonus * 2' },
      ],
    };
    // ¥1.01 × 0.5% = ¥0.00505 → 1 fen on the statement; three times the line is 3 fen, not round(1.515) = 2.
    const s = computeStatement(plan, { period: '2026-06', figures: { personal_sales: 101 } });
    expect(s.lines.map((l) => [l.componentKey, l.amountFen])).toEqual([
      ['cap_check', 3],
      ['commission', 1],
      ['double_bonus', 0],
    ]);
  });

  it('compiles once and computes many statements from the compiled plan', () => {
    const compiled = compilePayPlan(DEPUTY_SUPERVISOR_PAY_PLAN);
    const figures = {
      personal_sales: 1,
      personal_attainment: 1,
      team_attainment: 1,
      mentee_probation_sales: 0,
      incident_count: 0,
    };
    expect(computeStatement(compiled, { period: '2026-06', figures }).totalFen).toBe(320_000 + 50_000);
  });
});

describe('lines add up to the total', () => {
  const odd: PayPlan = {
    ...SALES_REP_PLAN,
    tiers: {
      sales_tiers: [
        { from: 0, rate: '1.7%' },
        { from: 33333.33, rate: '2.35%' },
        { from: 77777.77, rate: '3.333%' },
      ],
    },
  };

  it('each line rounded once, half away from zero; the total is the sum of the rounded lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20_000 }),
        (sales, returns, writtenOff, incidents, attainmentBp) => {
          const rep = computeStatement(odd, {
            period: '2026-06',
            figures: { personal_sales: sales, returns, written_off: writtenOff },
          });
          const deputy = computeStatement(DEPUTY_SUPERVISOR_PAY_PLAN, {
            period: '2026-06',
            figures: {
              personal_sales: sales,
              personal_attainment: attainmentBp / 10_000,
              team_attainment: attainmentBp / 10_000,
              mentee_probation_sales: returns,
              incident_count: incidents,
            },
          });
          for (const s of [rep, deputy]) {
            for (const line of s.lines) expect(Number.isSafeInteger(line.amountFen)).toBe(true);
            expect(s.totalFen).toBe(s.lines.reduce((sum, l) => sum + l.amountFen, 0));
          }
          // The commission line is the exact marginal amount rounded once.
          const yuan = new Dec(sales).div(100);
          const bands: [string, string][] = [
            ['0', '0.017'],
            ['33333.33', '0.0235'],
            ['77777.77', '0.03333'],
          ];
          let exact = new Dec(0);
          bands.forEach(([from, rate], i) => {
            const top = bands[i + 1] ? Dec.min(yuan, bands[i + 1]?.[0] as string) : yuan;
            if (top.gt(from)) exact = exact.plus(top.minus(from).times(rate));
          });
          expect(amounts(rep).commission).toBe(roundToFen(Dec.min(exact, 8000), 'yuan'));
        },
      ),
    );
  });

  it('rounds lines, not the total: three half-fen lines make 3 fen more than their rounded sum would', () => {
    const plan: PayPlan = {
      name: 'p',
      currency: 'CNY',
      effectiveFrom: '2026-01-01',
      figures: [],
      components: ['a', 'b', 'c'].map((key) => ({
        key,
        kind: 'bonus' as const,
        label: label(key, key),
        formula: '1.005',
      })),
    };
    const s = computeStatement(plan, { period: '2026-06', figures: {} });
    expect(s.lines.map((l) => l.amountFen)).toEqual([101, 101, 101]);
    expect(s.totalFen).toBe(303); // not round(3.015) = 302
  });
});
