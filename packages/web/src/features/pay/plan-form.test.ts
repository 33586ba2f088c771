import { DEPUTY_SUPERVISOR_PAY_PLAN } from '@zuzhang/domain';
import type { PayPlanDefinition } from '@zuzhang/api-schema';
import { describe, expect, it } from 'vitest';
import { newPlanDefinition, parseTiers, toDefinition, toFormValues } from './plan-form.ts';
import { problemPath } from './plan-validation.ts';

const seedPlan = DEPUTY_SUPERVISOR_PAY_PLAN as unknown as PayPlanDefinition;

describe('the pay plan editor keeps the plan it was given', () => {
  it.each([
    ['the seed deputy supervisor plan', seedPlan],
    ['a new plan', newPlanDefinition('2026-11-27')],
    [
      'a plan with tiers and an end date',
      {
        ...newPlanDefinition('2026-11-27'),
        effectiveTo: '2027-12-31',
        tiers: {
          rates: [
            { from: 0, rate: '2%' },
            { from: 50000, rate: '3%' },
          ],
        },
      },
    ],
  ])('%s comes back unchanged from the form', (_name, plan) => {
    expect(toDefinition(toFormValues(plan, 7), plan.positionCode)).toEqual(plan);
  });

  it('leaves out an empty condition and an empty explanation, keeps one given in one language', () => {
    const values = toFormValues(newPlanDefinition('2026-11-27'), 1);
    values.components[0] = { ...values.components[0]!, when: '  ', explain: { 'zh-CN': '', 'en-US': '' } };
    values.components[1] = { ...values.components[1]!, explain: { 'zh-CN': '提成 {amount}' } };
    const [first, second] = toDefinition(values).components;
    expect(first).not.toHaveProperty('when');
    expect(first).not.toHaveProperty('explain');
    expect(second?.explain).toEqual({ 'zh-CN': '提成 {amount}', 'en-US': '' });
  });

  it.each([
    ['', {}],
    ['{"a": [{"from": 0, "rate": "1%"}]}', { tiers: { a: [{ from: 0, rate: '1%' }] } }],
    ['[1, 2]', { error: 'pay.tiersJson' }],
    ['{"a": ', { error: 'pay.tiersJson' }],
  ])('tier tables typed as %j', (text, expected) => {
    expect(parseTiers(text)).toEqual(expected);
  });
});

describe("the checker's paths name the editor's fields", () => {
  it.each([
    ['body.definition.components.2.formula', 'components.2.formula'],
    ['definition.components.0.when', 'components.0.when'],
    ['components[3].formula', 'components.3.formula'],
    ['body.definition.tiers.rates[1].rate', 'tiers.rates.1.rate'],
    ['name', 'name'],
  ])('%s → %s', (path, field) => {
    expect(problemPath(path)).toBe(field);
  });
});
