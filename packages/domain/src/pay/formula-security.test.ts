import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../money/money.ts';
import {
  FormulaError,
  MAX_FORMULA_LENGTH,
  checkFormula,
  compileFormula,
  evaluateFormula,
  type FormulaScope,
} from './formula.ts';

/** A formula reaches its figures and nothing else: no properties, no globals, no prototypes, no code. */
const scope: FormulaScope = { names: ['sales', 'a'] };

describe('a formula cannot reach outside its figures', () => {
  it.each([
    ['constructor', 'pay.formula.unknownName', 0, 'constructor'],
    ['__proto__', 'pay.formula.unknownName', 0, '__proto__'],
    ['sales + toString', 'pay.formula.unknownName', 8, 'toString'],
    ['hasOwnProperty', 'pay.formula.unknownName', 0, 'hasOwnProperty'],
    ['globalThis', 'pay.formula.unknownName', 0, 'globalThis'],
    ['process', 'pay.formula.unknownName', 0, 'process'],
    ['sales * window', 'pay.formula.unknownName', 8, 'window'],
    ['require', 'pay.formula.unknownName', 0, 'require'],
    ['null', 'pay.formula.unknownName', 0, 'null'],
    ['Function(1)', 'pay.formula.unknownFunction', 0, 'Function'],
    ["Function('x')", 'pay.formula.unknownFunction', 0, 'Function'],
    ['eval(1)', 'pay.formula.unknownFunction', 0, 'eval'],
    ['sales + constructor(1)', 'pay.formula.unknownFunction', 8, 'constructor'],
    ['__proto__(1)', 'pay.formula.unknownFunction', 0, '__proto__'],
    ['this', 'pay.formula.this', 0, 'this'],
  ])('%s → %s at %d', (text, key, position, name) => {
    expect(checkFormula(text, scope)).toMatchObject({ key, position, name });
  });

  it.each([
    ['a.b', 'pay.formula.memberAccess', 0],
    ["a['b']", 'pay.formula.memberAccess', 0],
    ['sales + a.constructor', 'pay.formula.memberAccess', 8],
    ['a.constructor.constructor("return process")()', 'pay.formula.notCallable', 0],
    ['a.b(1)', 'pay.formula.memberAccess', 0],
    ['sales + a?.b', 'pay.formula.memberAccess', 8],
    ['sales + this.x', 'pay.formula.memberAccess', 8],
    ['IF(TRUE, 1, 2)(3)', 'pay.formula.notCallable', 0],
    ["'x'", 'pay.formula.string', 0],
    ['sales + "1"', 'pay.formula.string', 8],
    ['[sales]', 'pay.formula.array', 0],
    ['MAX([1, 2])', 'pay.formula.array', 4],
    ['sales = 1 ? 2 : 3', 'pay.formula.operator', 0],
    ['~sales', 'pay.formula.operator', 0],
    ['sales | 1', 'pay.formula.operator', 6],
    ['sales ?? 1', 'pay.formula.operator', 6],
    ['sales ** 2', 'pay.formula.operator', 6],
    ['`x`', 'pay.formula.syntax', 0],
    ['sales + .E1', 'pay.formula.syntax', 8],
    ['new Function', 'pay.formula.syntax', 4],
    ['x => 1', 'pay.formula.syntax', 3],
  ])('%s → %s at %d', (text, key, position) => {
    expect(checkFormula(text, scope)).toMatchObject({ key, position });
  });

  it('lists the allowed names and functions when refusing', () => {
    expect(checkFormula('constructor', scope)?.allowed).toEqual(['a', 'sales']);
    expect(checkFormula("Function('x')", scope)?.allowed).toEqual([
      'IF',
      'AND',
      'OR',
      'NOT',
      'MIN',
      'MAX',
      'ABS',
      'ROUND',
      'ROUNDUP',
      'ROUNDDOWN',
      'TIER',
      'TIERSUM',
      'PREV',
    ]);
  });

  it('does not take a value from the prototype of the values it is given', () => {
    const formula = compileFormula('sales', { names: ['sales'] });
    expect(() => evaluateFormula(formula, { values: new Map() })).toThrow(FormulaError);
  });
});

describe('size limits', () => {
  it('refuses a formula longer than 1000 characters at character 1000', () => {
    const long = `${'1 + '.repeat(250)}1`;
    expect(long.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
    expect(checkFormula(long, scope)).toMatchObject({ key: 'pay.formula.tooLong', position: 1000 });
    const fits = `${'1+'.repeat(499)}1`;
    expect(fits.length).toBe(999);
    expect(checkFormula(fits, scope)).toBeNull();
  });

  it('takes brackets 20 deep and refuses the 21st at its position', () => {
    const nested = (n: number) => `${'('.repeat(n)}sales${')'.repeat(n)}`;
    expect(checkFormula(nested(20), scope)).toBeNull();
    expect(checkFormula(nested(21), scope)).toMatchObject({ key: 'pay.formula.tooDeep', position: 20 });
    const calls = (n: number) => `${'ABS('.repeat(n)}sales${')'.repeat(n)}`;
    expect(checkFormula(calls(20), scope)).toBeNull();
    expect(checkFormula(calls(21), scope)).toMatchObject({ key: 'pay.formula.tooDeep', position: 83 });
  });

  it('counts signs as nesting: 20 are taken, what stands 21 deep is refused', () => {
    expect(checkFormula(`${'-'.repeat(20)}1`, scope)).toBeNull();
    expect(checkFormula(`${'-'.repeat(21)}1`, scope)).toMatchObject({
      key: 'pay.formula.tooDeep',
      position: 21,
    });
    expect(checkFormula(`${'-'.repeat(900)}1`, scope)).toMatchObject({ key: 'pay.formula.tooDeep' });
  });
});

describe('division by zero', () => {
  it('1/0 is refused when evaluated, at the zero', () => {
    const formula = compileFormula('1/0', scope);
    expect(() => evaluateFormula(formula, { values: new Map() })).toThrow(
      expect.objectContaining({ problem: { key: 'pay.formula.divisionByZero', position: 2 } }),
    );
  });
});

describe('anything typed is either refused with a position inside the text or evaluates to a decimal', () => {
  it('never throws anything but a FormulaError, never reports a position outside the text', () => {
    const alphabet = fc.constantFrom(...'sa1 0+-*/()<>=!&|%,.[]\'"?:_TRUEIFPREVMAX'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')),
        (text) => {
          const values = new Map([
            ['sales', new Dec(7)],
            ['a', new Dec(0)],
          ]);
          try {
            const formula = compileFormula(text, scope);
            const { value } = evaluateFormula(formula, { values, previous: () => new Dec(1) });
            expect(typeof value).toBe('object');
          } catch (error) {
            expect(error).toBeInstanceOf(FormulaError);
            const { position } = (error as FormulaError).problem;
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
