import type Decimal from 'decimal.js';
import jsep from 'jsep';
import { Dec } from '../money/money.ts';

/**
 * Pay formulas (激励体制 / 惩罚体制 written as Excel-like formulas, e.g. `IF(team_attainment >= 100%, 500, 0)`).
 * jsep only tokenises; this file turns its tree into our own small tree, refusing everything that is not on
 * the whitelist, and evaluates it over decimals. Nothing here can reach a JavaScript object, a global or a
 * property: names are looked up in Maps the caller fills, and there is no eval / new Function anywhere.
 */

export const MAX_FORMULA_LENGTH = 1000;
/** Brackets, function calls and signs (`- - -x`) nested deeper than this are refused. */
export const MAX_FORMULA_NESTING = 20;
const MAX_PREV_PERIODS = 24;

export const FORMULA_FUNCTIONS = [
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
] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** Operators as written; `=` / `==` and `<>` / `!=` mean the same (Excel and programmer habits both work). */
export const FORMULA_OPERATORS = [
  '+',
  '-',
  '*',
  '/',
  '=',
  '==',
  '<>',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '&&',
  '||',
  '!',
] as const;

export type FormulaErrorKey =
  | 'pay.formula.syntax'
  | 'pay.formula.empty'
  | 'pay.formula.tooLong'
  | 'pay.formula.tooDeep'
  | 'pay.formula.unknownName'
  | 'pay.formula.unknownFunction'
  | 'pay.formula.memberAccess'
  | 'pay.formula.notCallable'
  | 'pay.formula.this'
  | 'pay.formula.array'
  | 'pay.formula.string'
  | 'pay.formula.operator'
  | 'pay.formula.arity'
  | 'pay.formula.type'
  | 'pay.formula.argument'
  | 'pay.formula.tierTable'
  | 'pay.formula.divisionByZero'
  | 'pay.formula.missingValue'
  | 'pay.formula.prevMissing';

/**
 * Why a formula was refused. `position` is a 0-based character offset into the formula text; `name` is the
 * offending name, function or operator; `allowed` lists what may stand there; `expected` says what kind of
 * value or how many arguments were wanted.
 */
export interface FormulaProblem {
  key: FormulaErrorKey;
  position: number;
  name?: string;
  allowed?: string[];
  expected?: string;
  found?: string;
  periodsBack?: number;
}

export class FormulaError extends Error {
  readonly problem: FormulaProblem;
  constructor(problem: FormulaProblem) {
    const detail = problem.name === undefined ? '' : ` "${problem.name}"`;
    super(`${problem.key}${detail} at position ${problem.position}`);
    this.name = 'FormulaError';
    this.problem = problem;
  }
}

export interface TierBand {
  from: Decimal;
  rate: Decimal;
}

export type FormulaType = 'number' | 'condition';
export type BinaryOperator = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

/** Our own tree: only what the whitelist allows can be represented. */
export type FormulaNode =
  | { type: 'number'; value: Decimal; raw: string; position: number }
  | { type: 'boolean'; value: boolean; position: number }
  | { type: 'name'; name: string; position: number }
  | { type: 'prev'; name: string; periodsBack: number; fallback?: FormulaNode; position: number }
  | { type: 'negate' | 'not'; argument: FormulaNode; position: number }
  | {
      type: 'binary';
      operator: BinaryOperator;
      left: FormulaNode;
      right: FormulaNode;
      position: number;
      operatorPosition: number;
    }
  | { type: 'call'; fn: Exclude<FormulaFunction, 'PREV'>; args: FormulaNode[]; position: number }
  | { type: 'table'; name?: string; bands: TierBand[]; position: number };

export interface CompiledFormula {
  text: string;
  root: FormulaNode;
  resultType: FormulaType;
  /** Every name the formula mentions (current period), for dependency graphs. */
  names: string[];
}

/** What a formula may mention: its names (all numbers), the names PREV may look back on, the tier tables. */
export interface FormulaScope {
  names: Iterable<string>;
  prevNames?: Iterable<string>;
  tables?: ReadonlyMap<string, readonly TierBand[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing. jsep's configuration is global; this module is its only user and sets it up once.

interface RawNode {
  type: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}

// jsep's nodes carry no positions; two hooks record where each token starts so a refusal can point at it.
const tokenStarts: number[] = [];
let jsepReady = false;

function configureJsep(): void {
  if (jsepReady) return;
  jsepReady = true;
  // `%` is a percent sign after a number (80% = 0.8), never a remainder.
  jsep.removeBinaryOp('%');
  jsep.addBinaryOp('=', 6);
  jsep.addBinaryOp('<>', 6);
  jsep.addLiteral('TRUE', true);
  jsep.addLiteral('FALSE', false);
  jsep.hooks.add('gobble-token', function recordStart(env) {
    tokenStarts.push(this.index);
    const code = this.code;
    if ((code >= 48 && code <= 57) || code === 46) {
      const literal = this.gobbleNumericLiteral() as RawNode | undefined;
      if (literal && this.char === '%') {
        this.index += 1;
        literal.percent = true;
      }
      env.node = literal as jsep.Expression | undefined;
    }
  });
  jsep.hooks.add('after-token', function recordPosition(env) {
    const start = tokenStarts.pop() ?? this.index;
    const node = env.node as RawNode | undefined | false;
    if (!node) return;
    node.start ??= start;
    node.end ??= this.index;
    if (node.type === 'CallExpression') {
      const callee = node.callee as RawNode;
      callee.start ??= start;
    }
  });
}

/** Full-width brackets, commas and percent signs typed with a Chinese input method mean the ASCII ones. */
function normaliseWidth(text: string): string {
  return text.replace(
    /[（）［］，％]/g,
    (ch) => ({ '（': '(', '）': ')', '［': '[', '］': ']', '，': ',', '％': '%' })[ch] ?? ch,
  );
}

function fail(problem: FormulaProblem): never {
  throw new FormulaError(problem);
}

/** The deepest bracket is found on the text itself, so a refusal never depends on how deep jsep recursed. */
function checkNesting(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') {
      depth += 1;
      if (depth > MAX_FORMULA_NESTING)
        fail({ key: 'pay.formula.tooDeep', position: i, expected: String(MAX_FORMULA_NESTING) });
    } else if (ch === ')' || ch === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
}

function parseRaw(text: string): RawNode {
  configureJsep();
  tokenStarts.length = 0;
  try {
    return jsep(text) as unknown as RawNode;
  } catch (error) {
    const index =
      typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
    const position = Math.min(index, text.length);
    const found = text[position];
    fail({ key: 'pay.formula.syntax', position, ...(found === undefined ? {} : { found }) });
  } finally {
    tokenStarts.length = 0;
  }
}

function startOf(node: RawNode): number {
  if (typeof node.start === 'number') return node.start;
  for (const child of [node.left, node.test, node.object, node.callee, node.argument]) {
    if (child && typeof child === 'object') return startOf(child as RawNode);
  }
  return 0;
}

function endOf(node: RawNode): number {
  if (typeof node.end === 'number') return node.end;
  for (const child of [node.right, node.alternate, node.argument]) {
    if (child && typeof child === 'object') return endOf(child as RawNode);
  }
  return startOf(node);
}

// ---------------------------------------------------------------------------------------------------------
// Checking: raw jsep tree → our tree, with types. Everything not listed here is refused.

const BINARY: Record<string, BinaryOperator> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '=': '=',
  '==': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '&&': 'AND',
  '||': 'OR',
};
const BINARY_OPERATORS = new Map(Object.entries(BINARY));
const FUNCTIONS = new Set<string>(FORMULA_FUNCTIONS);

interface Checked {
  node: FormulaNode;
  type: FormulaType;
}

class Checker {
  readonly names: Set<string>;
  readonly prevNames: Set<string>;
  readonly tables: ReadonlyMap<string, readonly TierBand[]>;
  readonly mentioned = new Set<string>();

  constructor(
    readonly text: string,
    scope: FormulaScope,
  ) {
    this.names = new Set(scope.names);
    this.prevNames = new Set(scope.prevNames ?? scope.names);
    this.tables = scope.tables ?? new Map();
  }

  check(raw: RawNode, depth: number): Checked {
    const position = startOf(raw);
    if (depth > MAX_FORMULA_NESTING)
      fail({ key: 'pay.formula.tooDeep', position, expected: String(MAX_FORMULA_NESTING) });
    switch (raw.type) {
      case 'Literal':
        return this.checkLiteral(raw, position);
      case 'Identifier':
        return this.checkName(raw.name as string, position);
      case 'UnaryExpression':
        return this.checkUnary(raw, position, depth);
      case 'BinaryExpression':
        return this.checkBinary(raw, position, depth);
      case 'CallExpression':
        return this.checkCall(raw, position, depth);
      case 'MemberExpression':
        return fail({ key: 'pay.formula.memberAccess', position });
      case 'ThisExpression':
        return fail({ key: 'pay.formula.this', position, name: 'this' });
      case 'ArrayExpression':
        return fail({ key: 'pay.formula.array', position });
      case 'ConditionalExpression':
        return fail({ key: 'pay.formula.operator', position, name: '?:', allowed: ['IF'] });
      case 'Compound':
      case 'SequenceExpression': {
        const parts = ((raw.body ?? raw.expressions) as RawNode[]) ?? [];
        const first = parts[0];
        if (first === undefined || parts[1] === undefined)
          return fail({ key: 'pay.formula.empty', position: 0 });
        // Two expressions side by side: what went wrong is right after the first one ends.
        let at = endOf(first);
        while (/\s/.test(this.text[at] ?? '')) at += 1;
        const found = this.text[at];
        return fail({ key: 'pay.formula.syntax', position: at, ...(found === undefined ? {} : { found }) });
      }
      default:
        return fail({ key: 'pay.formula.syntax', position });
    }
  }

  checkLiteral(raw: RawNode, position: number): Checked {
    const value = raw.value;
    if (typeof value === 'number') {
      const rawText = String(raw.raw);
      // jsep lets through oddities such as `.E1`; only plain decimals (with an optional exponent) are numbers.
      if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(rawText)) {
        return fail({ key: 'pay.formula.syntax', position, found: rawText });
      }
      const number = new Dec(rawText);
      return {
        node: {
          type: 'number',
          value: raw.percent === true ? number.div(100) : number,
          raw: raw.percent === true ? `${rawText}%` : rawText,
          position,
        },
        type: 'number',
      };
    }
    if (typeof value === 'boolean') return { node: { type: 'boolean', value, position }, type: 'condition' };
    if (typeof value === 'string') return fail({ key: 'pay.formula.string', position });
    return fail({
      key: 'pay.formula.unknownName',
      position,
      name: String(raw.raw),
      allowed: this.allowedNames(),
    });
  }

  allowedNames(): string[] {
    return [...this.names].sort();
  }

  checkName(name: string, position: number): Checked {
    if (this.tables.has(name) && !this.names.has(name)) {
      return fail({ key: 'pay.formula.type', position, name, expected: 'number' });
    }
    if (!this.names.has(name)) {
      return fail({ key: 'pay.formula.unknownName', position, name, allowed: this.allowedNames() });
    }
    this.mentioned.add(name);
    return { node: { type: 'name', name, position }, type: 'number' };
  }

  expect(checked: Checked, type: FormulaType): FormulaNode {
    if (checked.type !== type)
      fail({ key: 'pay.formula.type', position: checked.node.position, expected: type });
    return checked.node;
  }

  checkUnary(raw: RawNode, position: number, depth: number): Checked {
    const operator = raw.operator as string;
    const argument = this.check(raw.argument as RawNode, depth + 1);
    if (operator === '-')
      return {
        node: { type: 'negate', argument: this.expect(argument, 'number'), position },
        type: 'number',
      };
    if (operator === '+') return { node: this.expect(argument, 'number'), type: 'number' };
    if (operator === '!') {
      return {
        node: { type: 'not', argument: this.expect(argument, 'condition'), position },
        type: 'condition',
      };
    }
    return fail({ key: 'pay.formula.operator', position, name: operator, allowed: [...FORMULA_OPERATORS] });
  }

  checkBinary(raw: RawNode, position: number, depth: number): Checked {
    const written = raw.operator as string;
    const leftRaw = raw.left as RawNode;
    const operatorPosition = Math.max(this.text.indexOf(written, endOf(leftRaw)), position);
    const operator = BINARY_OPERATORS.get(written);
    if (operator === undefined) {
      return fail({
        key: 'pay.formula.operator',
        position: operatorPosition,
        name: written,
        allowed: [...FORMULA_OPERATORS],
      });
    }
    // A long sum is not nesting: operands stay at the depth of the operator.
    const left = this.check(leftRaw, depth);
    const right = this.check(raw.right as RawNode, depth);
    const build = (l: FormulaNode, r: FormulaNode): FormulaNode => ({
      type: 'binary',
      operator,
      left: l,
      right: r,
      position,
      operatorPosition,
    });
    if (operator === 'AND' || operator === 'OR') {
      return {
        node: build(this.expect(left, 'condition'), this.expect(right, 'condition')),
        type: 'condition',
      };
    }
    if (operator === '=' || operator === '<>') {
      // Equality compares like with like: two numbers or two conditions.
      return { node: build(left.node, this.expect(right, left.type)), type: 'condition' };
    }
    const numbers = build(this.expect(left, 'number'), this.expect(right, 'number'));
    return { node: numbers, type: ['+', '-', '*', '/'].includes(operator) ? 'number' : 'condition' };
  }

  checkCall(raw: RawNode, position: number, depth: number): Checked {
    const callee = raw.callee as RawNode;
    if (callee.type !== 'Identifier') {
      if (callee.type === 'MemberExpression')
        return fail({ key: 'pay.formula.memberAccess', position: startOf(callee) });
      return fail({ key: 'pay.formula.notCallable', position: startOf(callee) });
    }
    const written = callee.name as string;
    const fn = written.toUpperCase();
    if (!FUNCTIONS.has(fn)) {
      return fail({
        key: 'pay.formula.unknownFunction',
        position,
        name: written,
        allowed: [...FORMULA_FUNCTIONS],
      });
    }
    const args = (raw.arguments as RawNode[]) ?? [];
    if (fn === 'PREV') return this.checkPrev(args, position, depth);
    const arity = ARITY[fn as Exclude<FormulaFunction, 'PREV'>];
    if (args.length < arity.min || args.length > arity.max) {
      const expected =
        arity.max === Infinity
          ? `${arity.min}+`
          : arity.min === arity.max
            ? `${arity.min}`
            : `${arity.min}-${arity.max}`;
      return fail({ key: 'pay.formula.arity', position, name: fn, expected });
    }
    const call = (nodes: FormulaNode[], type: FormulaType): Checked => ({
      node: { type: 'call', fn: fn as Exclude<FormulaFunction, 'PREV'>, args: nodes, position },
      type,
    });
    switch (fn) {
      case 'IF': {
        const test = this.expect(this.check(args[0] as RawNode, depth + 1), 'condition');
        const then = this.check(args[1] as RawNode, depth + 1);
        // IF(condition, x) is 0 (or FALSE) when the condition does not hold, like a blank Excel cell.
        const otherwise =
          args[2] === undefined ? undefined : this.expect(this.check(args[2], depth + 1), then.type);
        return call(otherwise === undefined ? [test, then.node] : [test, then.node, otherwise], then.type);
      }
      case 'AND':
      case 'OR':
      case 'NOT':
        return call(
          args.map((a) => this.expect(this.check(a, depth + 1), 'condition')),
          'condition',
        );
      case 'TIER':
      case 'TIERSUM':
        return call(
          [
            this.expect(this.check(args[0] as RawNode, depth + 1), 'number'),
            this.checkTable(args[1] as RawNode),
          ],
          'number',
        );
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN': {
        const value = this.expect(this.check(args[0] as RawNode, depth + 1), 'number');
        const digits = args[1] === undefined ? undefined : this.checkDigits(args[1]);
        return call(digits === undefined ? [value] : [value, digits], 'number');
      }
      default:
        return call(
          args.map((a) => this.expect(this.check(a, depth + 1), 'number')),
          'number',
        );
    }
  }

  /** ROUND's digits are a whole number written in the formula (Excel allows -2 = to hundreds). */
  checkDigits(raw: RawNode): FormulaNode {
    const position = startOf(raw);
    const negative = raw.type === 'UnaryExpression' && raw.operator === '-';
    const literal = (negative ? raw.argument : raw) as RawNode;
    if (literal.type !== 'Literal' || typeof literal.value !== 'number' || literal.percent === true) {
      return fail({ key: 'pay.formula.argument', position, name: 'ROUND', expected: 'whole number -10..10' });
    }
    const digits = negative ? -literal.value : literal.value;
    if (!Number.isInteger(digits) || Math.abs(digits) > 10) {
      return fail({ key: 'pay.formula.argument', position, name: 'ROUND', expected: 'whole number -10..10' });
    }
    return { type: 'number', value: new Dec(digits), raw: String(digits), position };
  }

  checkPrev(args: RawNode[], position: number, depth: number): Checked {
    if (args.length < 1 || args.length > 3)
      return fail({ key: 'pay.formula.arity', position, name: 'PREV', expected: '1-3' });
    const [target, back, fallbackRaw] = args as [RawNode, RawNode | undefined, RawNode | undefined];
    const targetPosition = startOf(target);
    const allowed = [...this.prevNames].sort();
    if (target.type !== 'Identifier') {
      return fail({
        key: 'pay.formula.argument',
        position: targetPosition,
        name: 'PREV',
        expected: 'figure name',
        allowed,
      });
    }
    const name = target.name as string;
    if (!this.prevNames.has(name))
      return fail({ key: 'pay.formula.unknownName', position: targetPosition, name, allowed });
    let periodsBack = 1;
    if (back !== undefined) {
      const ok = back.type === 'Literal' && typeof back.value === 'number' && back.percent !== true;
      periodsBack = ok ? (back.value as number) : NaN;
      if (!Number.isInteger(periodsBack) || periodsBack < 1 || periodsBack > MAX_PREV_PERIODS) {
        return fail({
          key: 'pay.formula.argument',
          position: startOf(back),
          name: 'PREV',
          expected: `whole number 1..${MAX_PREV_PERIODS}`,
        });
      }
    }
    const fallback =
      fallbackRaw === undefined ? undefined : this.expect(this.check(fallbackRaw, depth + 1), 'number');
    const node: FormulaNode = {
      type: 'prev',
      name,
      periodsBack,
      position,
      ...(fallback ? { fallback } : {}),
    };
    return { node, type: 'number' };
  }

  /** A tier table is a named table of the plan or written in place: [[from, rate], [from, rate], ...]. */
  checkTable(raw: RawNode): FormulaNode {
    const position = startOf(raw);
    if (raw.type === 'Identifier') {
      const name = raw.name as string;
      const bands = this.tables.get(name);
      if (bands === undefined) {
        return fail({
          key: 'pay.formula.tierTable',
          position,
          name,
          allowed: [...this.tables.keys()].sort(),
        });
      }
      return { type: 'table', name, bands: [...bands], position };
    }
    if (raw.type !== 'ArrayExpression')
      return fail({ key: 'pay.formula.tierTable', position, allowed: [...this.tables.keys()].sort() });
    const bands: TierBand[] = [];
    for (const row of (raw.elements as (RawNode | null)[]) ?? []) {
      const rowPosition = row ? startOf(row) : position;
      const cells = row?.type === 'ArrayExpression' ? ((row.elements as (RawNode | null)[]) ?? []) : [];
      if (cells.length !== 2)
        return fail({ key: 'pay.formula.tierTable', position: rowPosition, expected: '[from, rate]' });
      const [from, rate] = cells.map((cell) => this.readTableNumber(cell, rowPosition)) as [Decimal, Decimal];
      bands.push({ from, rate });
    }
    const problem = findTierTableProblem(bands);
    if (problem !== null) return fail({ key: 'pay.formula.tierTable', position, expected: problem });
    return { type: 'table', bands, position };
  }

  readTableNumber(cell: RawNode | null, fallbackPosition: number): Decimal {
    const negative = cell?.type === 'UnaryExpression' && cell.operator === '-';
    const literal = (negative ? cell.argument : cell) as RawNode | null;
    if (literal?.type !== 'Literal' || typeof literal.value !== 'number') {
      return fail({
        key: 'pay.formula.tierTable',
        position: cell ? startOf(cell) : fallbackPosition,
        expected: 'number',
      });
    }
    const checked = this.checkLiteral(literal, startOf(literal)).node as Extract<
      FormulaNode,
      { type: 'number' }
    >;
    return negative ? checked.value.negated() : checked.value;
  }
}

const ARITY: Record<Exclude<FormulaFunction, 'PREV'>, { min: number; max: number }> = {
  IF: { min: 2, max: 3 },
  AND: { min: 1, max: Infinity },
  OR: { min: 1, max: Infinity },
  NOT: { min: 1, max: 1 },
  MIN: { min: 1, max: Infinity },
  MAX: { min: 1, max: Infinity },
  ABS: { min: 1, max: 1 },
  ROUND: { min: 1, max: 2 },
  ROUNDUP: { min: 1, max: 2 },
  ROUNDDOWN: { min: 1, max: 2 },
  TIER: { min: 2, max: 2 },
  TIERSUM: { min: 2, max: 2 },
};

/** A tier table needs at least one band, each starting above the one before. Returns what is wrong or null. */
export function findTierTableProblem(bands: readonly TierBand[]): string | null {
  if (bands.length === 0) return 'at least one band';
  for (let i = 1; i < bands.length; i++) {
    if (!(bands[i] as TierBand).from.gt((bands[i - 1] as TierBand).from))
      return 'bands in ascending order of from';
  }
  return null;
}

/**
 * Parse and check a formula against what it may mention. Throws FormulaError naming the first problem.
 * `expect` says whether the formula must give an amount (`number`) or a condition (`when`).
 */
export function compileFormula(
  text: string,
  scope: FormulaScope,
  expect: FormulaType = 'number',
): CompiledFormula {
  if (text.length > MAX_FORMULA_LENGTH) {
    fail({ key: 'pay.formula.tooLong', position: MAX_FORMULA_LENGTH, expected: String(MAX_FORMULA_LENGTH) });
  }
  if (text.trim() === '') fail({ key: 'pay.formula.empty', position: 0 });
  const normalised = normaliseWidth(text);
  checkNesting(normalised);
  const raw = parseRaw(normalised);
  const checker = new Checker(normalised, scope);
  const checked = checker.check(raw, 0);
  if (checked.type !== expect) fail({ key: 'pay.formula.type', position: 0, expected: expect });
  return { text, root: checked.node, resultType: checked.type, names: [...checker.mentioned] };
}

/** The same check as compileFormula, answering with the problem instead of throwing. */
export function checkFormula(
  text: string,
  scope: FormulaScope,
  expect: FormulaType = 'number',
): FormulaProblem | null {
  try {
    compileFormula(text, scope, expect);
    return null;
  } catch (error) {
    if (error instanceof FormulaError) return error.problem;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

export interface FormulaEnvironment {
  /** Current values by name (money in yuan, ratios as fractions, counts as numbers). */
  values: ReadonlyMap<string, Decimal>;
  /** The value of a figure `periodsBack` periods before the current one, or undefined when there is none. */
  previous?: (name: string, periodsBack: number) => Decimal | undefined;
}

/** One value the formula read: `periodsBack` 0 is the current period; `value` null means PREV found none. */
export interface FormulaRead {
  name: string;
  periodsBack: number;
  value: Decimal | null;
}

export interface FormulaResult {
  value: Decimal | boolean;
  reads: FormulaRead[];
}

const ROUNDING = { ROUND: Dec.ROUND_HALF_UP, ROUNDUP: Dec.ROUND_UP, ROUNDDOWN: Dec.ROUND_DOWN } as const;

function roundTo(value: Decimal, digits: number, mode: Decimal.Rounding): Decimal {
  if (digits >= 0) return value.toDecimalPlaces(digits, mode);
  const scale = new Dec(10).pow(-digits);
  return value.div(scale).toDecimalPlaces(0, mode).times(scale);
}

/** The rate of the band the value falls in (retroactive: the whole value earns it); 0 below the first band. */
export function lookupTier(value: Decimal, bands: readonly TierBand[]): Decimal {
  let rate = new Dec(0);
  for (const band of bands) if (value.gte(band.from)) rate = band.rate;
  return rate;
}

/** Each band's slice of the value at the band's own rate (marginal); nothing below the first band. */
export function sumTiers(value: Decimal, bands: readonly TierBand[]): Decimal {
  let total = new Dec(0);
  bands.forEach((band, i) => {
    const next = bands[i + 1];
    const top = next === undefined ? value : Dec.min(value, next.from);
    if (top.gt(band.from)) total = total.plus(top.minus(band.from).times(band.rate));
  });
  return total;
}

class Evaluator {
  readonly reads = new Map<string, FormulaRead>();
  constructor(readonly env: FormulaEnvironment) {}

  record(name: string, periodsBack: number, value: Decimal | null): void {
    this.reads.set(`${periodsBack}:${name}`, { name, periodsBack, value });
  }

  number(node: FormulaNode): Decimal {
    return this.run(node) as Decimal;
  }

  condition(node: FormulaNode): boolean {
    return this.run(node) as boolean;
  }

  run(node: FormulaNode): Decimal | boolean {
    switch (node.type) {
      case 'number':
      case 'boolean':
        return node.value;
      case 'name': {
        const value = this.env.values.get(node.name);
        if (value === undefined)
          fail({ key: 'pay.formula.missingValue', position: node.position, name: node.name });
        this.record(node.name, 0, value);
        return value;
      }
      case 'prev': {
        const value = this.env.previous?.(node.name, node.periodsBack);
        this.record(node.name, node.periodsBack, value ?? null);
        if (value !== undefined) return value;
        if (node.fallback) return this.number(node.fallback);
        return fail({
          key: 'pay.formula.prevMissing',
          position: node.position,
          name: node.name,
          periodsBack: node.periodsBack,
        });
      }
      case 'negate':
        return this.number(node.argument).negated();
      case 'not':
        return !this.condition(node.argument);
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
      case 'table':
        return fail({ key: 'pay.formula.type', position: node.position, expected: 'number' });
    }
  }

  binary(node: Extract<FormulaNode, { type: 'binary' }>): Decimal | boolean {
    const { operator } = node;
    if (operator === 'AND') return this.condition(node.left) && this.condition(node.right);
    if (operator === 'OR') return this.condition(node.left) || this.condition(node.right);
    const left = this.run(node.left);
    const right = this.run(node.right);
    if (typeof left === 'boolean' || typeof right === 'boolean') {
      return operator === '=' ? left === right : left !== right;
    }
    switch (operator) {
      case '+':
        return left.plus(right);
      case '-':
        return left.minus(right);
      case '*':
        return left.times(right);
      case '/':
        if (right.isZero()) {
          const divisor = node.right;
          return fail({
            key: 'pay.formula.divisionByZero',
            position: divisor.position,
            ...(divisor.type === 'name' || divisor.type === 'prev' ? { name: divisor.name } : {}),
          });
        }
        return left.div(right);
      case '=':
        return left.eq(right);
      case '<>':
        return !left.eq(right);
      case '<':
        return left.lt(right);
      case '<=':
        return left.lte(right);
      case '>':
        return left.gt(right);
      case '>=':
        return left.gte(right);
    }
  }

  call(node: Extract<FormulaNode, { type: 'call' }>): Decimal | boolean {
    const args = node.args;
    switch (node.fn) {
      case 'IF': {
        const [test, then, otherwise] = args as [FormulaNode, FormulaNode, FormulaNode | undefined];
        if (this.condition(test)) return this.run(then);
        if (otherwise !== undefined) return this.run(otherwise);
        return typeof this.run(then) === 'boolean' ? false : new Dec(0);
      }
      case 'AND':
        return args.every((a) => this.condition(a));
      case 'OR':
        return args.some((a) => this.condition(a));
      case 'NOT':
        return !this.condition(args[0] as FormulaNode);
      case 'MIN':
        return Dec.min(...args.map((a) => this.number(a)));
      case 'MAX':
        return Dec.max(...args.map((a) => this.number(a)));
      case 'ABS':
        return this.number(args[0] as FormulaNode).abs();
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN': {
        const digits = args[1] === undefined ? 0 : this.number(args[1]).toNumber();
        return roundTo(this.number(args[0] as FormulaNode), digits, ROUNDING[node.fn]);
      }
      case 'TIER':
      case 'TIERSUM': {
        const value = this.number(args[0] as FormulaNode);
        const table = args[1] as Extract<FormulaNode, { type: 'table' }>;
        return node.fn === 'TIER' ? lookupTier(value, table.bands) : sumTiers(value, table.bands);
      }
    }
  }
}

/**
 * Evaluate a compiled formula. IF, AND and OR only evaluate what they need, so
 * `IF(personal_target = 0, 0, personal_sales / personal_target)` never divides by zero.
 * Returns the value and every name read with its value, in the order first read (for explanations).
 */
export function evaluateFormula(formula: CompiledFormula, env: FormulaEnvironment): FormulaResult {
  const evaluator = new Evaluator(env);
  const value = evaluator.run(formula.root);
  return { value, reads: [...evaluator.reads.values()] };
}
