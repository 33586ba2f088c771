import { parsePeriod } from '@zuzhang/domain';
import { escapeHtml } from '../job-descriptions/jd-print.ts';
import { LETTER_MESSAGES, type LetterLocale } from './letter-print.messages.ts';
import { formatAmount } from './targets.policy.ts';

/**
 * The printable commitment letter (承诺书): one A4 page per person and plan version, the targets by period
 * with their three tiers, the promise and the signature line (with the time signed, once signed). Built the
 * way the JD print view is (jd-print.ts): standalone HTML, no scripts beyond the print button, no external
 * fonts, Chinese first and English with ?lang=en-US.
 */

export interface LetterLine {
  period: string;
  teamName: string | null;
  target: number;
  stretch: number;
  challenge: number;
}

/** What the letter says; stored as signed with the acknowledgement (target_acknowledgements.letter). */
export interface LetterSnapshot {
  companyName: string;
  planName: string;
  fiscalYear: number;
  metric: string;
  category: string;
  versionNo: number;
  employeeName: string;
  lines: LetterLine[];
  /** The promise in the words signed. */
  statement: string;
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

function createTranslator(locale: LetterLocale): Translate {
  const messages = LETTER_MESSAGES[locale] ?? LETTER_MESSAGES['zh-CN'];
  return (key, vars = {}) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-W05` as 2027年第5周（2027-02-01 至 2027-02-07）, `2027-Q1` as 2027年第1季度, and so on. */
export function formatPeriodLabel(period: string, t: Translate): string {
  const p = parsePeriod(period);
  const vars = { year: p.year, n: p.index, from: p.from, to: p.to, month: MONTHS_EN[p.index - 1] ?? '' };
  return t(p.grain, vars);
}

/** The time signed in the company's time zone, `YYYY-MM-DD HH:mm`. */
export function formatSignedAt(iso: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const STYLE = `
@page { size: A4; margin: 18mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 1.45; }
.sheet { width: 180mm; margin: 0 auto; }
h1 { margin: 0 0 4mm; text-align: center; font-size: 18pt; }
html[lang="zh-CN"] h1 { letter-spacing: 0.12em; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.2mm 2mm; vertical-align: middle; overflow-wrap: anywhere; }
th { background: #f2f2f2; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.info th { width: 22mm; }
h2 { margin: 5mm 0 1.5mm; font-size: 11pt; display: flex; justify-content: space-between; align-items: baseline; }
h2 .unit { font-size: 8.5pt; font-weight: normal; color: #444; }
tr { break-inside: avoid; page-break-inside: avoid; }
.statement { margin: 2mm 0 0; text-indent: 2em; }
.sign { margin: 10mm 0 0; display: flex; justify-content: flex-end; gap: 12mm; align-items: baseline; }
.blank { display: inline-block; width: 36mm; border-bottom: 0.75pt solid #000; text-align: center; }
.signed { margin: 2mm 0 0; text-align: right; color: #064; }
.unsigned { margin: 2mm 0 0; text-align: right; color: #a00; }
.toolbar { position: fixed; top: 8mm; right: 8mm; }
.toolbar button { font: inherit; padding: 1.5mm 5mm; cursor: pointer; }
@media screen {
  body { background: #e8e8e8; }
  .sheet { width: 210mm; min-height: 297mm; padding: 18mm 15mm; margin: 8mm auto; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,0.2); }
}
@media print { .toolbar { display: none; } }
`;

function metricLabel(letter: LetterSnapshot, t: Translate): string {
  return t(`metric_${letter.metric}`, { category: letter.category });
}

/** A complete, standalone HTML document for printing the letter. */
export function renderLetterHtml(
  letter: LetterSnapshot,
  signed: { at: string; timezone: string } | null,
  locale: LetterLocale,
): string {
  const t = createTranslator(locale);
  const title = t('title', { year: letter.fiscalYear });
  const teams = [...new Set(letter.lines.map((l) => l.teamName).filter((n): n is string => n !== null))];
  const info = [
    [t('company'), letter.companyName, t('person'), letter.employeeName],
    [t('plan'), letter.planName, t('version'), t('versionValue', { n: letter.versionNo })],
    [t('metric'), metricLabel(letter, t), t('team'), teams.join('、')],
  ]
    .map(
      ([a, b, c, d]) =>
        `<tr><th>${escapeHtml(a!)}</th><td>${escapeHtml(b!)}</td><th>${escapeHtml(c!)}</th><td>${escapeHtml(d!)}</td></tr>`,
    )
    .join('');
  const rows = letter.lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(formatPeriodLabel(l.period, t))}</td><td>${escapeHtml(l.teamName ?? '')}</td>` +
        `<td class="num">${formatAmount(letter.metric, l.target)}</td>` +
        `<td class="num">${formatAmount(letter.metric, l.stretch)}</td>` +
        `<td class="num">${formatAmount(letter.metric, l.challenge)}</td></tr>`,
    )
    .join('');
  // The promise signed is shown in the words signed; an unsigned letter reads in the reader's language.
  const statement = signed ? letter.statement : t('statement');
  const signedLine = signed
    ? `<p class="signed">${escapeHtml(t('signedAt', { time: formatSignedAt(signed.at, signed.timezone) }))}</p>`
    : `<p class="unsigned">${escapeHtml(t('notSigned'))}</p>`;
  return `<!DOCTYPE html>
<html lang="${locale === 'en-US' ? 'en-US' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} — ${letter.employeeName}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">${escapeHtml(t('print'))}</button></div>
<main class="sheet">
<h1>${escapeHtml(title)}</h1>
<table class="info"><colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup>
<tbody>${info}</tbody></table>
<h2><span>${escapeHtml(t('targets'))}</span><span class="unit">${escapeHtml(t(letter.metric === 'new_customers' ? 'unitCount' : 'unitYuan'))}</span></h2>
<table class="targets"><colgroup><col style="width:34%"><col style="width:18%"><col style="width:16%"><col style="width:16%"><col style="width:16%"></colgroup>
<thead><tr><th>${escapeHtml(t('period'))}</th><th>${escapeHtml(t('team'))}</th><th>${escapeHtml(t('target'))}</th><th>${escapeHtml(t('stretch'))}</th><th>${escapeHtml(t('challenge'))}</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2><span>${escapeHtml(t('statementHeading'))}</span></h2>
<p class="statement">${escapeHtml(statement)}</p>
<p class="sign"><span>${escapeHtml(t('signature'))}<span class="blank">${signed ? escapeHtml(letter.employeeName) : ''}</span></span>
<span>${escapeHtml(t('signDate'))}<span class="blank">${signed ? escapeHtml(formatSignedAt(signed.at, signed.timezone).slice(0, 10)) : ''}</span></span></p>
${signedLine}
</main>
</body>
</html>
`;
}
