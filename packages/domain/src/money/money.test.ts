import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatYuan, parseYuan, roundToFen } from './money.ts';

describe('roundToFen (half away from zero)', () => {
  it.each([
    ['0.5', 1],
    ['1.5', 2],
    ['2.5', 3],
    ['-0.5', -1],
    ['-2.5', -3],
    ['1.49', 1],
    ['-1.49', -1],
  ])('%s fen → %d', (input, expected) => {
    expect(roundToFen(input)).toBe(expected);
  });
  it('converts yuan', () => {
    expect(roundToFen('3200.005', 'yuan')).toBe(320001);
  });
});

describe('parseYuan / formatYuan', () => {
  it.each([
    ['3,200.50', 320050],
    ['¥12', 1200],
    ['-0.01', -1],
  ])('%s → %d fen', (text, fen) => expect(parseYuan(text)).toBe(fen));
  it('refuses three decimals', () => expect(() => parseYuan('1.234')).toThrow(/not an amount/));
  it('round-trips any fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => parseYuan(formatYuan(fen)) === fen),
    );
  });
});
