import { z } from 'zod';
import type { Locale } from '@zuzhang/api-schema';
import { zhCN } from './messages.zh-CN.ts';
import { enUS } from './messages.en-US.ts';

export type MessageKey = keyof typeof zhCN;
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Translate a key; `{name}` placeholders take params, and params that are message keys are translated too. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = CATALOGUES[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'string' && value in CATALOGUES[locale]
      ? CATALOGUES[locale][value as MessageKey]
      : String(value);
  });
}

export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(zhCN, text);
}

/** zh-CN unless the caller asked for English (Accept-Language or ?lang=). */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  const wanted = (explicit ?? acceptLanguage ?? '').toLowerCase();
  return wanted.startsWith('en') ? 'en-US' : 'zh-CN';
}

const ZOD_LOCALES = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

/** zod's own messages in the caller's language, for the validation details. */
export function zodErrorMap(locale: Locale) {
  return ZOD_LOCALES[locale].localeError;
}
