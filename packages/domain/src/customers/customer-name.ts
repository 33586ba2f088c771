import { toHalfWidth } from './credit-code.ts';

/**
 * Legal-form suffixes that do not tell two customers apart: "上海星辰贸易有限公司" and "上海星辰贸易" are the
 * same customer for duplicate detection (issue 3 item 1: same name in the company). Longest first so that
 * 股份有限公司 is stripped whole rather than leaving 股份.
 */
const LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '(有限公司)',
  '有限公司',
  'co., ltd.',
  'co.,ltd.',
  'co., ltd',
  'co.,ltd',
  'co. ltd.',
  'co ltd',
  'limited',
  'ltd.',
  'ltd',
];

/**
 * The key two customer names are compared by: half-width, lower-case, trimmed, spaces collapsed (and
 * dropped next to Chinese characters, where they carry no meaning), and the legal-form suffix
 * (有限公司 / 有限责任公司 / 股份有限公司 / Co., Ltd.) stripped.
 */
export function normalizeCustomerName(name: string): string {
  let key = toHalfWidth(name)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\x20-\x7e]) ?/g, '$1')
    .trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (key.endsWith(suffix) && key.length > suffix.length) {
        key = key.slice(0, -suffix.length).replace(/[\s,.]+$/, '');
        changed = true;
      }
    }
  }
  return key;
}

/** The characters a name probe keeps: digits, latin letters and CJK ideographs. */
export const NAME_PROBE_DROP = /[^0-9a-z\u3400-\u9fff]/g;

/**
 * The normalized name reduced to digits, latin letters and CJK ideographs. Any stored name with the same
 * key, made half-width and lower-case and reduced the same way, starts with it; so the database can narrow
 * the candidates with a prefix match before the exact compare by `normalizeCustomerName`. Those
 * characters lower-case alike in PostgreSQL and JavaScript. Empty when the name has none of them.
 */
export function customerNameProbe(name: string): string {
  return normalizeCustomerName(name).replace(NAME_PROBE_DROP, '');
}
