/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character set
 * (the digits and the capitals without I, O, Z, S, V):
 *   1      登记管理部门代码 (registration authority: 1–9, A, N, Y)
 *   2      机构类别代码 (organisation type: 1–9)
 *   3–8    登记管理机关行政区划码 (administrative division, 6 digits)
 *   9–17   主体标识码 (organisation code)
 *   18     校验码 (check character, weighted sum mod 31)
 * A wrong structure is refused; a wrong check character only warns, because some codes issued in
 * practice fail it (GLOSSARY: customer record; issue 3 item 1).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Registration authorities of the standard's appendix (机构编制, 外交 … 工商, 中央军委, 农业, 其他). */
const AUTHORITIES = '123456789ANY';

export type CreditCodeStructureError = 'length' | 'character' | 'authority' | 'orgType' | 'division';

export type CreditCodeResult =
  | { ok: true }
  | {
      ok: false;
      kind: 'structure';
      reason: CreditCodeStructureError;
      /** 1-based position of the first offending character, when one is to blame. */
      position?: number;
      expected?: undefined;
    }
  | { ok: false; kind: 'check'; expected: string };

/** Upper-case, half-width, no spaces: what people paste from a licence or a PDF becomes comparable. */
export function normalizeCreditCode(code: string): string {
  return toHalfWidth(code).replace(/[\s-]/g, '').toUpperCase();
}

/** The check character (18th) for the first 17 characters; throws if they are outside the set. */
export function computeCreditCodeCheck(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a credit code character`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(code: string): CreditCodeResult {
  if (code.length !== 18) return { ok: false, kind: 'structure', reason: 'length' };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i]!)) {
      return { ok: false, kind: 'structure', reason: 'character', position: i + 1 };
    }
  }
  if (!AUTHORITIES.includes(code[0]!))
    return { ok: false, kind: 'structure', reason: 'authority', position: 1 };
  if (!/^[1-9]$/.test(code[1]!)) return { ok: false, kind: 'structure', reason: 'orgType', position: 2 };
  for (let i = 2; i < 8; i++) {
    if (!/^\d$/.test(code[i]!)) return { ok: false, kind: 'structure', reason: 'division', position: i + 1 };
  }
  const expected = computeCreditCodeCheck(code.slice(0, 17));
  return code[17] === expected ? { ok: true } : { ok: false, kind: 'check', expected };
}

/** Full-width ASCII (！ to ～) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u00A0]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000 || code === 0xa0) return ' ';
    return String.fromCharCode(code - 0xfee0);
  });
}
