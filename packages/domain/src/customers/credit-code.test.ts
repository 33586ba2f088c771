import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CREDIT_CODE_CHARSET,
  computeCreditCodeCheck,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.ts';

// Check characters computed by hand from the GB 32100-2015 weights; 91350100M000100Y43 is the standard's
// own worked example.
describe('validateCreditCode: valid codes', () => {
  it.each([
    ['91350100M000100Y43', '工商 企业, 福州'],
    ['91310000MA1FL8XQ37', '工商 企业, 上海'],
    ['91440300MA5DC8WK4P', '工商 企业, 深圳'],
    ['92320581MA1N7CXK1B', '工商 个体工商户, 常熟'],
    ['93330782MA28D1U5X3', '工商 农民专业合作社, 义乌'],
    ['52110000500006793X', '民政 民办非企业单位, 北京'],
    ['12100000400000560F', '机构编制 事业单位, 中央'],
    ['Y1440106MA59A2T3XT', '其他, 广州'],
  ])('%s (%s) is valid', (code) => expect(validateCreditCode(code)).toEqual({ ok: true }));
});

describe('validateCreditCode: refused structure', () => {
  it.each([
    ['9135010M000100Y43', 'length'],
    ['91350100M000100Y431', 'length'],
    ['', 'length'],
    ['91350100M000100I43', 'character'],
    ['91350100M000100O43', 'character'],
    ['91350100M000100Z43', 'character'],
    ['91350100M000100S43', 'character'],
    ['91350100M000100V43', 'character'],
    ['91350100m000100Y43', 'character'],
    ['B1350100M000100Y43', 'authority'],
    ['0135010000000100Y4', 'authority'],
    ['9A350100M000100Y43', 'orgType'],
    ['90350100M000100Y43', 'orgType'],
    ['913A0100M000100Y43', 'division'],
    ['9135010XM000100Y43', 'division'],
  ])('%s → %s', (code, reason) => {
    const result = validateCreditCode(code);
    expect(result).toMatchObject({ ok: false, kind: 'structure', reason });
  });

  it('names the position of a character outside the set', () => {
    expect(validateCreditCode('91350100M000100I43')).toMatchObject({ position: 16 });
  });
});

describe('validateCreditCode: wrong check character warns with the expected one', () => {
  it.each([
    ['91350100M000100Y44', '3'],
    ['91310000MA1FL8XQ3X', '7'],
    ['12100000400000560G', 'F'],
  ])('%s → expected %s', (code, expected) =>
    expect(validateCreditCode(code)).toEqual({ ok: false, kind: 'check', expected }),
  );
});

const charOf = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const validCode = fc
  .tuple(
    fc.constantFrom(...'123456789ANY'.split('')),
    fc.constantFrom(...'123456789'.split('')),
    fc.stringMatching(/^\d{6}$/),
    fc.array(charOf, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, t, d, org]) => {
    const body = `${a}${t}${d}${org.join('')}`;
    return body + computeCreditCodeCheck(body);
  });

describe('validateCreditCode: properties', () => {
  it('every code built with its computed check character is valid', () => {
    fc.assert(fc.property(validCode, (code) => validateCreditCode(code).ok));
  });

  it('a valid code with its 18th character changed fails with kind check', () => {
    fc.assert(
      fc.property(validCode, charOf, (code, replacement) => {
        fc.pre(replacement !== code[17]);
        const result = validateCreditCode(code.slice(0, 17) + replacement);
        return !result.ok && result.kind === 'check' && result.expected === code[17];
      }),
    );
  });

  it('normalizing a valid code typed in lower case, full-width or with spaces gives it back', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const typed = ` ${code.slice(0, 6).toLowerCase()} ${code
          .slice(6)
          .replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}\u3000`;
        return normalizeCreditCode(typed) === code;
      }),
    );
  });
});
