import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('UI messages', () => {
  const zhKeys = Object.keys(zhCN).sort();
  const enKeys = Object.keys(enUS).sort();

  it('zh-CN and en-US have exactly the same keys', () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it.each([
    ['zh-CN', zhCN as Record<string, string>],
    ['en-US', enUS as Record<string, string>],
  ])('%s has no empty values', (_locale, messages) => {
    const empty = Object.entries(messages)
      .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('every message uses the same {placeholders} in both languages', () => {
    const zh = zhCN as Record<string, string>;
    const en = enUS as Record<string, string>;
    const mismatched = zhKeys.filter(
      (k) => en[k] !== undefined && placeholders(zh[k]!).join() !== placeholders(en[k]!).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('English messages are English (only the language switch names Chinese)', () => {
    const allowed = new Set(['lang.switch', 'lang.switchShort', 'lang.tooltip', 'settings.langZh']);
    const chinese = Object.entries(enUS as Record<string, string>)
      .filter(([k, v]) => !allowed.has(k) && HAN.test(v))
      .map(([k]) => k);
    expect(chinese).toEqual([]);
  });
});
