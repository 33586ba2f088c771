import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customerNameProbe, normalizeCustomerName } from './customer-name.ts';
import { toHalfWidth } from './credit-code.ts';

describe('normalizeCustomerName', () => {
  it.each([
    ['上海星辰贸易有限公司', '上海星辰贸易'],
    ['  上海星辰贸易有限责任公司 ', '上海星辰贸易'],
    ['上海星辰贸易股份有限公司', '上海星辰贸易'],
    ['上海星辰贸易（有限公司）', '上海星辰贸易'],
    ['上海　星辰  贸易', '上海星辰贸易'],
    ['上海星辰贸易有限公司上海分公司', '上海星辰贸易有限公司上海分公司'],
    ['ＡＢＣ  Trading Co., Ltd.', 'abc trading'],
    ['abc trading co.,ltd', 'abc trading'],
    ['ABC Trading Limited', 'abc trading'],
    ['星辰（集团）有限公司', '星辰(集团)'],
    ['有限公司', '有限公司'],
    ['王小明', '王小明'],
  ])('%s → %s', (name, key) => expect(normalizeCustomerName(name)).toBe(key));

  it('the same name written differently gives the same key', () => {
    const same = [
      '杭州 云帆 科技有限公司',
      '杭州云帆科技有限责任公司',
      '杭州云帆科技',
      '　杭州云帆科技股份有限公司',
    ];
    expect(new Set(same.map(normalizeCustomerName)).size).toBe(1);
  });
});

describe('customerNameProbe', () => {
  it.each([
    ['上海星辰(ABC)贸易有限公司', '上海星辰abc贸易'],
    ['ABC Trading Co., Ltd.', 'abctrading'],
    ['***', ''],
  ])('%s → %s', (name, probe) => expect(customerNameProbe(name)).toBe(probe));

  // The database narrows duplicate candidates by this prefix: it must never miss a real duplicate. The probe
  // depends only on the normalized key, so two names with the same key have the same probe; it is enough
  // that every name, reduced the way the database reduces it, starts with its own probe.
  it('every name, reduced like the database reduces it, starts with its probe', () => {
    const piece = fc.constantFrom(
      '上海',
      '星辰',
      'ABC',
      'ａｂｃ',
      ' ',
      '　',
      '(',
      '）',
      '贸易',
      '1',
      '有限公司',
      '股份',
      'Co., Ltd.',
      '-',
      'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const name = pieces.join('');
        const stored = toHalfWidth(name)
          .toLowerCase()
          .replace(/[^0-9a-z\u3400-\u9fff]/g, '');
        return stored.startsWith(customerNameProbe(name));
      }),
    );
  });
});
