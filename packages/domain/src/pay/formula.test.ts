import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { Dec } from '../money/money.ts';
import {
  checkFormula,
  compileFormula,
  evaluateFormula,
  lookupTier,
  sumTiers,
  type FormulaScope,
  type TierBand,
} from './formula.ts';

const bands = (rows: [number, string][]): TierBand[] =>
  rows.map(([from, rate]) => ({ from: new Dec(from), rate: new Dec(rate) }));
const SALES_TIERS = bands([
  [0, '0.02'],
  [50000, '0.03'],
  [100000, '0.05'],
]);

const VALUES: Record<string, number | string> = {
  sales: 80000,
  target: 100000,
  attainment: '0.8',
  zero: 0,
  team_attainment: '1.032',
  个人销售额: 52000,
  incidents: 3,
};
const scope: FormulaScope = { names: Object.keys(VALUES), tables: new Map([['sales_tiers', SALES_TIERS]]) };
const PREVIOUS: Record<string, Record<string, number>> = {
  '1': { sales: 60000, attainment: 0.6 },
  '2': { sales: 150000 },
};

function run(text: string, expect: 'number' | 'condition' = 'number'): Decimal | boolean {
  const values = new Map(Object.entries(VALUES).map(([k, v]) => [k, new Dec(v)]));
  const previous = (name: string, n: number) => {
    const v = PREVIOUS[String(n)]?.[name];
    return v === undefined ? undefined : new Dec(v);
  };
  return evaluateFormula(compileFormula(text, scope, expect), { values, previous }).value;
}

const show = (v: Decimal | boolean) => (typeof v === 'boolean' ? v : v.toString());

describe('arithmetic and comparisons over exact decimals', () => {
  it.each([
    ['0.1 + 0.2', '0.3'],
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['10 - 4 - 3', '3'],
    ['-sales + 100', '-79900'],
    ['+5', '5'],
    ['80%', '0.8'],
    ['sales * 3%', '2400'],
    ['100 / 8', '12.5'],
    ['个人销售额 * 1%', '520'],
    ['1e3', '1000'],
    ['.5 * 4', '2'],
    ['（sales + 20000）* 1％', '1000'],
  ])('%s = %s', (text, expected) => expect(show(run(text))).toBe(expected));

  it.each([
    ['attainment = 80%', true],
    ['attainment == 0.8', true],
    ['attainment <> 80%', false],
    ['attainment != 80%', false],
    ['attainment < 80%', false],
    ['attainment <= 80%', true],
    ['team_attainment > 100%', true],
    ['team_attainment >= 103.2%', true],
    ['team_attainment >= 103.21%', false],
    ['attainment >= 80% && incidents = 3', true],
    ['attainment > 80% || incidents > 2', true],
    ['!(attainment > 80%)', true],
    ['TRUE', true],
    ['true = FALSE', false],
  ])('%s is %s', (text, expected) => expect(run(text, 'condition')).toBe(expected));
});

describe('functions', () => {
  it.each([
    ['IF(attainment >= 80%, 500, 0)', '500'],
    ['IF(attainment > 80%, 500, 0)', '0'],
    ['IF(attainment > 80%, 500)', '0'],
    ['if(attainment >= 80%, 1, 2)', '1'],
    ['MIN(sales * 5%, 3000)', '3000'],
    ['MAX(sales * 1%, 1000)', '1000'],
    ['MAX(1, 7, 3)', '7'],
    ['ABS(-12.5)', '12.5'],
    ['ROUND(2.345, 2)', '2.35'],
    ['ROUND(-2.345, 2)', '-2.35'],
    ['ROUND(2.5)', '3'],
    ['ROUND(-2.5)', '-3'],
    ['ROUND(1250, -2)', '1300'],
    ['ROUNDUP(2.341, 2)', '2.35'],
    ['ROUNDUP(-2.341, 2)', '-2.35'],
    ['ROUNDDOWN(2.349, 2)', '2.34'],
    ['ROUNDDOWN(-2.349, 2)', '-2.34'],
    ['ROUNDDOWN(1299, -2)', '1200'],
    ['TIER(sales, sales_tiers)', '0.03'],
    ['TIER(100000, sales_tiers)', '0.05'],
    ['TIER(-1, sales_tiers)', '0'],
    ['sales * TIER(sales, [[0, 2%], [50000, 3%]])', '2400'],
    ['TIERSUM(sales, sales_tiers)', '1900'],
    ['TIERSUM(120000, sales_tiers)', '3500'],
    ['TIERSUM(-5, sales_tiers)', '0'],
    ['PREV(sales)', '60000'],
    ['PREV(sales, 2)', '150000'],
    ['PREV(sales, 3, 0)', '0'],
    ['IF(zero = 0, 0, sales / zero)', '0'],
  ])('%s = %s', (text, expected) => expect(show(run(text))).toBe(expected));

  it.each([
    ['AND(attainment >= 80%, incidents < 5)', true],
    ['AND(attainment > 80%, sales / zero > 1)', false],
    ['OR(attainment > 80%, incidents = 3)', true],
    ['NOT(incidents = 3)', false],
    ['IF(attainment >= 80%, TRUE, FALSE)', true],
  ])('%s is %s', (text, expected) => expect(run(text, 'condition')).toBe(expected));

  it('returns the names it read with their values, PREV reads marked with how far back', () => {
    const formula = compileFormula(
      'IF(attainment >= 80%, sales * 1%, PREV(sales) * 1%) + PREV(sales, 4, 0)',
      scope,
    );
    const values = new Map([
      ['attainment', new Dec('0.9')],
      ['sales', new Dec(1000)],
    ]);
    const { value, reads } = evaluateFormula(formula, { values, previous: () => undefined });
    expect(value.toString()).toBe('10');
    expect(reads.map((r) => [r.name, r.periodsBack, r.value?.toString() ?? null])).toEqual([
      ['attainment', 0, '0.9'],
      ['sales', 0, '1000'],
      ['sales', 4, null],
    ]);
    expect(formula.names.sort()).toEqual(['attainment', 'sales']);
  });
});

describe('refusals with the key and the position', () => {
  it.each([
    ['sales +', 'pay.formula.syntax', 7],
    ['(sales', 'pay.formula.syntax', 6],
    ['sales sales', 'pay.formula.syntax', 6],
    ['1, 2', 'pay.formula.syntax', 1],
    ['5(3)', 'pay.formula.syntax', 1],
    ['sales % 3', 'pay.formula.syntax', 6],
    ['', 'pay.formula.empty', 0],
    ['   ', 'pay.formula.empty', 0],
    ['sales + bonus', 'pay.formula.unknownName', 8],
    ['SUM(sales)', 'pay.formula.unknownFunction', 0],
    ['sales + "x"', 'pay.formula.string', 8],
    ['sales ^ 2', 'pay.formula.operator', 6],
    ['sales === 2', 'pay.formula.operator', 6],
    ['attainment > 1 ? 1 : 0', 'pay.formula.operator', 0],
    ['IF(sales)', 'pay.formula.arity', 0],
    ['ABS(1, 2)', 'pay.formula.arity', 0],
    ['IF(sales, 1, 0)', 'pay.formula.type', 3],
    ['sales + (attainment > 1)', 'pay.formula.type', 8],
    ['AND(sales, TRUE)', 'pay.formula.type', 4],
    ['ROUND(sales, attainment)', 'pay.formula.argument', 13],
    ['ROUND(sales, 1.5)', 'pay.formula.argument', 13],
    ['PREV(sales, 0)', 'pay.formula.argument', 12],
    ['PREV(sales, incidents)', 'pay.formula.argument', 12],
    ['PREV(1)', 'pay.formula.argument', 5],
    ['PREV(nobody)', 'pay.formula.unknownName', 5],
    ['TIER(sales, nowhere)', 'pay.formula.tierTable', 12],
    ['TIER(sales, [[0, 1%], [0, 2%]])', 'pay.formula.tierTable', 12],
    ['TIER(sales, [[0]])', 'pay.formula.tierTable', 13],
    ['TIER(sales, [[0, sales]])', 'pay.formula.tierTable', 17],
    ['sales_tiers * 2', 'pay.formula.type', 0],
    ['[1, 2]', 'pay.formula.array', 0],
  ])('%s → %s at %d', (text, key, position) => {
    expect(checkFormula(text, scope)).toMatchObject({ key, position });
  });

  it('names what is allowed instead', () => {
    expect(checkFormula('sales + bonus', scope)).toMatchObject({
      name: 'bonus',
      allowed: ['attainment', 'incidents', 'sales', 'target', 'team_attainment', 'zero', '个人销售额'],
    });
    expect(checkFormula('SUM(sales)', scope)?.allowed).toContain('TIERSUM');
  });

  it('wants a condition for `when` and an amount for a formula', () => {
    expect(checkFormula('sales', scope, 'condition')).toMatchObject({
      key: 'pay.formula.type',
      expected: 'condition',
    });
    expect(checkFormula('sales > 1', scope, 'number')).toMatchObject({
      key: 'pay.formula.type',
      expected: 'number',
    });
  });

  it('refuses division by zero when evaluating, at the divisor, naming it', () => {
    const formula = compileFormula('sales / (zero * 2) + sales / zero', scope);
    const values = new Map([
      ['sales', new Dec(1)],
      ['zero', new Dec(0)],
    ]);
    expect(() => evaluateFormula(formula, { values })).toThrow(
      expect.objectContaining({ problem: { key: 'pay.formula.divisionByZero', position: 8 } }),
    );
    const named = compileFormula('sales / zero', scope);
    expect(() => evaluateFormula(named, { values })).toThrow(
      expect.objectContaining({ problem: { key: 'pay.formula.divisionByZero', position: 8, name: 'zero' } }),
    );
  });

  it('refuses a PREV with no month to read and no fallback', () => {
    const formula = compileFormula('PREV(sales, 2)', scope);
    expect(() => evaluateFormula(formula, { values: new Map() })).toThrow(
      expect.objectContaining({
        problem: { key: 'pay.formula.prevMissing', position: 0, name: 'sales', periodsBack: 2 },
      }),
    );
  });
});

describe('tiers', () => {
  const arbitraryTable = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 2000 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((rows) => {
      let from = 0;
      let rate = 0;
      // Ascending starts and non-decreasing rates: the usual "sell more, earn more" table.
      return rows.map(([step, rise]) => {
        const band = { from: new Dec(from), rate: new Dec(rate).div(10000) };
        from += step;
        rate += rise;
        return band;
      });
    });

  it('marginal never pays more than retroactive, and both grow with the value', () => {
    fc.assert(
      fc.property(
        arbitraryTable,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1000 }),
        (t, v, d) => {
          const value = new Dec(v);
          expect(sumTiers(value, t).lte(value.times(lookupTier(value, t)))).toBe(true);
          expect(sumTiers(value.plus(d), t).gte(sumTiers(value, t))).toBe(true);
        },
      ),
    );
  });

  it('marginal is continuous at each band start (no jump when crossing it)', () => {
    fc.assert(
      fc.property(arbitraryTable, (t) => {
        for (const band of t) {
          const below = sumTiers(band.from.minus('0.01'), t);
          expect(sumTiers(band.from, t).minus(below).abs().lte('0.02')).toBe(true);
        }
      }),
    );
  });
});
