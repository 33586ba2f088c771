import { describe, expect, it } from 'vitest';
import { DEPUTY_SUPERVISOR_PAY_PLAN } from './deputy-supervisor.ts';
import {
  PayPlanError,
  compilePayPlan,
  findOverlap,
  findPlanInEffect,
  validatePayPlan,
  type PayPlan,
} from './plan.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function buildPlan(overrides: Partial<PayPlan> = {}): PayPlan {
  return {
    name: '测试方案',
    currency: 'CNY',
    effectiveFrom: '2026-01-01',
    figures: [
      { name: 'personal_sales', label: label('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
      {
        name: 'team_attainment',
        label: label('组达成率', 'Team attainment'),
        unit: 'ratio',
        source: 'targets',
      },
    ],
    parameters: [{ name: 'rate', label: label('提成比例', 'Rate'), unit: 'ratio', value: '2%' }],
    tiers: {
      sales_tiers: [
        { from: 0, rate: '1%' },
        { from: 50000, rate: 0.02 },
      ],
    },
    components: [
      { key: 'base', kind: 'base', label: label('基本工资', 'Base pay'), formula: '3000' },
      {
        key: 'commission',
        kind: 'commission',
        label: label('提成', 'Commission'),
        formula: 'personal_sales * rate',
      },
    ],
    ...overrides,
  };
}

const component = (key: string, formula: string, when?: string) => ({
  key,
  kind: 'adjustment' as const,
  label: label(key, key),
  formula,
  ...(when === undefined ? {} : { when }),
});

describe('validatePayPlan', () => {
  it('accepts the seed deputy supervisor plan and a plain plan', () => {
    expect(validatePayPlan(DEPUTY_SUPERVISOR_PAY_PLAN)).toEqual([]);
    expect(validatePayPlan(buildPlan())).toEqual([]);
  });

  it('names the component, the position in its formula and the names allowed', () => {
    const plan = buildPlan({
      components: [
        ...buildPlan().components,
        component('bonus', 'IF(team_attainment >= 100%, 500, 0) + bonus_pool'),
      ],
    });
    expect(validatePayPlan(plan)).toEqual([
      {
        path: 'components.2.formula',
        key: 'pay.formula.unknownName',
        params: {
          component: 'bonus',
          position: 38,
          name: 'bonus_pool',
          allowed: ['base', 'bonus', 'commission', 'personal_sales', 'rate', 'team_attainment'],
        },
      },
    ]);
  });

  it.each([
    [{ name: ' ' }, 'name', 'pay.plan.required'],
    [{ currency: 'USD' as 'CNY' }, 'currency', 'pay.plan.currency'],
    [{ effectiveFrom: '2026-02-30' }, 'effectiveFrom', 'pay.plan.date'],
    [{ effectiveTo: '2025-12-31' }, 'effectiveTo', 'pay.plan.dateOrder'],
    [{ components: [] }, 'components', 'pay.plan.noComponents'],
    [
      {
        tiers: {
          sales_tiers: [
            { from: 100, rate: '1%' },
            { from: 100, rate: '2%' },
          ],
        },
      },
      'tiers.sales_tiers',
      'pay.plan.tierTable',
    ],
    [
      { tiers: { sales_tiers: [{ from: 'lots', rate: '1%' }] } },
      'tiers.sales_tiers.0.from',
      'pay.plan.value',
    ],
    [
      { parameters: [{ name: 'rate', label: label('a', 'a'), unit: 'yuan' as const, value: '1.005' }] },
      'parameters.0.value',
      'pay.plan.value',
    ],
    [
      { parameters: [{ name: 'IF', label: label('a', 'a'), unit: 'count' as const, value: 1 }] },
      'parameters.0.name',
      'pay.plan.reservedName',
    ],
    [
      { parameters: [{ name: '2nd', label: label('a', 'a'), unit: 'count' as const, value: 1 }] },
      'parameters.0.name',
      'pay.plan.name',
    ],
    [
      { parameters: [{ name: 'personal_sales', label: label('a', 'a'), unit: 'count' as const, value: 1 }] },
      'parameters.0.name',
      'pay.plan.duplicateName',
    ],
  ])('%j → %s %s', (overrides, path, key) => {
    expect(validatePayPlan(buildPlan(overrides))).toContainEqual(expect.objectContaining({ path, key }));
  });

  it('checks figures: standard ones keep their unit, others are typed in for the run', () => {
    const plan = buildPlan({
      figures: [
        { name: 'personal_sales', label: label('个人销售额', 'Sales'), unit: 'count', source: 'sales' },
        {
          name: 'team_attainment',
          label: label('组达成率', 'Team'),
          unit: 'ratio',
          source: 'nowhere' as 'sales',
        },
        { name: 'store_visits', label: label('到店人数', 'Visits'), unit: 'count', source: 'sales' },
        { name: 'rate', label: label('x', 'x'), unit: 'count', source: 'input' },
      ],
    });
    expect(validatePayPlan(plan).map((p) => [p.path, p.key])).toEqual([
      ['figures.0.unit', 'pay.plan.unit'],
      ['figures.1.source', 'pay.plan.source'],
      ['figures.2.source', 'pay.plan.source'],
      ['parameters.0.name', 'pay.plan.duplicateName'],
      // `rate` now means the figure, so the commission still compiles.
    ]);
  });

  it('checks component kinds, labels and formulas, all problems at once', () => {
    const plan = buildPlan({
      components: [
        { key: 'base', kind: 'salary' as 'base', label: label('基本工资', ''), formula: '3000' },
        component('a', 'personal_sales +'),
        component('b', '100', 'personal_sales'),
        component('c', ''),
      ],
    });
    expect(validatePayPlan(plan).map((p) => [p.path, p.key, p.params.position])).toEqual([
      ['components.0.kind', 'pay.plan.kind', undefined],
      ['components.0.label', 'pay.plan.label', undefined],
      ['components.1.formula', 'pay.formula.syntax', 16],
      ['components.2.when', 'pay.formula.type', 0],
      ['components.3.formula', 'pay.formula.empty', 0],
    ]);
  });

  it('refuses components that read each other in a circle, naming the circle', () => {
    const plan = buildPlan({
      components: [
        component('a', 'b + 1'),
        component('b', '100', 'c > 0'),
        component('c', 'a * 2'),
        component('d', 'a'),
      ],
    });
    expect(validatePayPlan(plan)).toEqual([
      {
        path: 'components.0.formula',
        key: 'pay.plan.cycle',
        params: { component: 'a', cycle: ['a', 'b', 'c', 'a'] },
      },
    ]);
    expect(validatePayPlan(buildPlan({ components: [component('self', 'self + 1')] }))).toEqual([
      {
        path: 'components.0.formula',
        key: 'pay.plan.cycle',
        params: { component: 'self', cycle: ['self', 'self'] },
      },
    ]);
  });

  it('orders components so each comes after what it reads, whatever the written order', () => {
    const compiled = compilePayPlan(
      buildPlan({ components: [component('total_cap', 'MIN(commission, 100)'), ...buildPlan().components] }),
    );
    const keys = compiled.order.map((i) => compiled.components[i]?.component.key);
    expect(keys.indexOf('commission')).toBeLessThan(keys.indexOf('total_cap'));
  });

  it('checks explanation placeholders against the names of the plan', () => {
    const plan = buildPlan({
      components: [
        {
          ...component('bonus', '500', 'team_attainment >= 100%'),
          explain: {
            'zh-CN': '组达成率 {team_attainment} → {amount}',
            'en-US': 'Team {team} last {rate@1} → {amount}',
          },
        },
      ],
    });
    expect(validatePayPlan(plan).map((p) => [p.path, p.params.placeholder])).toEqual([
      ['components.0.explain.en-US', '{team}'],
      ['components.0.explain.en-US', '{rate@1}'],
    ]);
  });

  it('compilePayPlan throws the same problems', () => {
    expect(() => compilePayPlan(buildPlan({ currency: 'EUR' as 'CNY' }))).toThrow(PayPlanError);
  });
});

describe('plan versions of a position', () => {
  const version = (positionCode: string | undefined, effectiveFrom: string, effectiveTo?: string) => ({
    name: `${positionCode}@${effectiveFrom}`,
    positionCode,
    effectiveFrom,
    ...(effectiveTo === undefined ? {} : { effectiveTo }),
  });

  it.each([
    ['back to back', [version('p', '2026-01-01', '2026-06-30'), version('p', '2026-07-01')], null],
    [
      'one day shared',
      [version('p', '2026-01-01', '2026-07-01'), version('p', '2026-07-01')],
      [0, 1, '2026-07-01', '2026-07-01'],
    ],
    [
      'open-ended first',
      [version('p', '2026-07-01'), version('p', '2026-01-01')],
      [1, 0, '2026-07-01', undefined],
    ],
    [
      'inside another',
      [version('p', '2026-01-01', '2026-12-31'), version('p', '2026-03-01', '2026-03-31')],
      [0, 1, '2026-03-01', '2026-03-31'],
    ],
    ['other positions', [version('p', '2026-01-01'), version('q', '2026-01-01')], null],
  ])('%s', (_, plans, expected) => {
    const overlap = findOverlap(plans);
    if (expected === null) expect(overlap).toBeNull();
    else {
      const [first, second, from, to] = expected;
      expect(overlap).toEqual({ positionCode: 'p', first, second, from, to });
    }
  });

  it('finds the version in effect on a day', () => {
    const plans = [version('p', '2026-01-01', '2026-06-30'), version('p', '2026-07-01')];
    expect(findPlanInEffect(plans, '2026-06-30')?.name).toBe('p@2026-01-01');
    expect(findPlanInEffect(plans, '2027-01-01')?.name).toBe('p@2026-07-01');
    expect(findPlanInEffect(plans, '2025-12-31')).toBeUndefined();
  });
});
