import { describe, expect, it } from 'vitest';
import { bpToPercent, fen, formatRate, percentToBp, yuanToFen } from './money.ts';

describe('money on the screen', () => {
  it.each([
    [320050, '\u00a53,200.50'],
    [0, '\u00a50.00'],
    [-1999, '\u00a5-19.99'],
    [7, '\u00a50.07'],
  ])('fen(%i) is %s', (value, text) => {
    expect(fen(value)).toBe(text);
  });

  it('shows nothing for a missing amount', () => {
    expect(fen(null)).toBe('');
    expect(fen(undefined)).toBe('');
  });

  it.each([
    [19.99, 1999],
    [0.07, 7],
    [3, 300],
    [1234567.89, 123456789],
    [0.1 + 0.2, 30],
  ])('yuan %d typed becomes %i fen, without floating-point drift', (yuan, value) => {
    expect(yuanToFen(yuan)).toBe(value);
  });

  it.each([
    [1300, '13%'],
    [950, '9.5%'],
    [0, '0%'],
    [9000, '90%'],
  ])('rate %i bp reads %s', (bp, text) => {
    expect(formatRate(bp)).toBe(text);
  });

  it('percent fields round-trip basis points', () => {
    for (const bp of [0, 1, 50, 1250, 9999, 10000]) expect(percentToBp(bpToPercent(bp))).toBe(bp);
  });
});
