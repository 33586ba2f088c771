import type { AuthorityKind, JobDescription } from '@zuzhang/api-schema';
import { JD_PRINT_MESSAGES, type JdPrintLocale } from './jd-print.messages.ts';

/**
 * The printable job description: one A4 form laid out like the seed's 岗位职责说明书 / 岗位说明书 tables
 * (identification grid, 工作综述, 岗位职责 with 序号 / 工作项目 / 具体职责 / 考核标准, 工作关系, 工作权限,
 * 任职资格, 晋升方向, 工作环境 / 时间 / 工具), document control at the top, 编制 / 审核 / 批准 at the foot and the
 * employee's acknowledgement line (本人已阅读本岗位职责说明，并严格履行). The same HTML is shown in the browser
 * and turned into a PDF by Chromium (jd-pdf.ts), so it must stand alone: no scripts beyond the print button,
 * no external fonts or images.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of a JD is user text: escape it before it goes into markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

function createTranslator(locale: JdPrintLocale): Translate {
  // A locale that slipped past validation prints in zh-CN, the default, rather than failing.
  const messages = JD_PRINT_MESSAGES[locale] ?? JD_PRINT_MESSAGES['zh-CN'];
  return (key, vars = {}) => {
    const template = messages[key] ?? JD_PRINT_MESSAGES['zh-CN'][key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  };
}

/** Escaped text; line breaks the author typed are kept by `white-space: pre-line` on `.text`. */
function renderText(value: string): string {
  return value.trim() === '' ? '' : `<span class="text">${escapeHtml(value)}</span>`;
}

/** Numbered lines, as the seed writes them: "1、…" for duties, "1)…" for skills, traits and competencies. */
function renderNumbered(items: readonly string[], style: 'duty' | 'item'): string {
  const present = items.filter((item) => item.trim() !== '');
  const lines = present
    .map((item, i) => {
      const marker = style === 'duty' ? `${i + 1}、` : `${i + 1})`;
      return `<div class="line"><span class="marker">${marker}</span>${renderText(item)}</div>`;
    })
    .join('');
  if (style === 'duty' || present.length < 2) return lines;
  // Short items (核心能力: 计划能力, 组织能力 …) read fine side by side and save half the height.
  const longest = Math.max(...present.map((item) => item.length));
  const columns = longest <= 8 ? 3 : longest <= 18 ? 2 : 1;
  return columns === 1 ? lines : `<div class="cols cols-${columns}">${lines}</div>`;
}

/** A label cell and a value cell; spans are out of a 12-column grid. */
function renderPair(label: string, valueHtml: string, labelSpan: number, valueSpan: number): string {
  return `<th colspan="${labelSpan}">${escapeHtml(label)}</th><td colspan="${valueSpan}">${valueHtml}</td>`;
}

function renderRow(cells: string, className = ''): string {
  return className === '' ? `<tr>${cells}</tr>` : `<tr class="${className}">${cells}</tr>`;
}

function renderDocumentControl(jd: JobDescription, t: Translate): string {
  const dc = jd.documentControl;
  return renderRow(
    renderPair(t('docNo'), renderText(dc.docNo), 2, 2) +
      renderPair(t('docVersion'), escapeHtml(t('versionValue', { n: jd.versionNo })), 2, 2) +
      renderPair(t('effectiveDate'), renderText(dc.effectiveDate ?? ''), 2, 2),
    'control',
  );
}

function renderIdentification(jd: JobDescription, t: Translate): string {
  const id = jd.content.identification;
  const pairs: [string, string][] = [
    ['positionName', id.positionName],
    ['positionCode', id.positionCode],
    ['unitName', id.unitName],
    ['directSuperior', id.directSuperior],
    ['directReports', id.directReports],
    ['indirectReports', id.indirectReports],
    ['headcount', id.headcount],
    ['payBand', id.payBand],
    ['payType', id.payType],
  ];
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 3) {
    rows.push(
      renderRow(
        pairs
          .slice(i, i + 3)
          .map(([key, value]) => renderPair(t(key), renderText(value), 2, 2))
          .join(''),
      ),
    );
  }
  if (id.category.trim() !== '')
    rows.push(renderRow(renderPair(t('category'), renderText(id.category), 2, 10)));
  return rows.join('');
}

function renderNarrative(jd: JobDescription, t: Translate): string {
  const c = jd.content;
  const rows = [renderRow(renderPair(t('summary'), renderText(c.summary), 2, 10))];
  // 岗位目的 and 个人标准 appear only in some of the seed's templates: print them when the JD has them.
  if (c.purpose.trim() !== '') rows.push(renderRow(renderPair(t('purpose'), renderText(c.purpose), 2, 10)));
  if (c.personalStandard.trim() !== '') {
    rows.push(renderRow(renderPair(t('personalStandard'), renderText(c.personalStandard), 2, 10)));
  }
  return rows.join('');
}

function renderBand(label: string): string {
  return renderRow(`<th colspan="12">${escapeHtml(label)}</th>`, 'band');
}

function renderResponsibilities(jd: JobDescription, t: Translate): string {
  const list = jd.content.responsibilities;
  // The 考核标准 column stays on the form even when empty (it is a form); it widens when it has text.
  const standardsSpan = list.some((r) => r.standards.trim() !== '') ? 3 : 2;
  const dutiesSpan = 9 - standardsSpan;
  const header = renderRow(
    `<th colspan="1">${escapeHtml(t('seq'))}</th><th colspan="2">${escapeHtml(t('area'))}</th>` +
      `<th colspan="${dutiesSpan}">${escapeHtml(t('duties'))}</th>` +
      `<th colspan="${standardsSpan}">${escapeHtml(t('standards'))}</th>`,
    'head',
  );
  const rows = list.map((r, i) =>
    renderRow(
      `<td colspan="1" class="center">${i + 1}</td>` +
        `<td colspan="2" class="center">${renderText(r.area)}</td>` +
        `<td colspan="${dutiesSpan}">${renderNumbered(r.duties, 'duty')}</td>` +
        `<td colspan="${standardsSpan}">${renderStandards(r.standards)}</td>`,
    ),
  );
  return renderBand(t('responsibilities')) + header + rows.join('');
}

/** Standards are written "销售完成率;促销活动的完成率": one per line reads like the seed's 考核标准 column. */
function renderStandards(standards: string): string {
  const parts = standards
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return parts.map((s) => `<div class="line">${renderText(s)}</div>`).join('');
}

function renderRelations(jd: JobDescription, t: Translate): string {
  const { internal, external } = jd.content.relations;
  return (
    renderRow(
      `<th colspan="2" rowspan="2">${escapeHtml(t('relations'))}</th>` +
        `<th colspan="2">${escapeHtml(t('internal'))}</th><td colspan="8">${renderText(internal)}</td>`,
    ) +
    renderRow(`<th colspan="2">${escapeHtml(t('external'))}</th><td colspan="8">${renderText(external)}</td>`)
  );
}

function renderAuthority(jd: JobDescription, t: Translate): string {
  const c = jd.content;
  // The original sentence is the text of record; the kinds are for the system (approvals, data scope).
  const body =
    c.authorityText.trim() !== ''
      ? renderText(c.authorityText)
      : c.authority
          .map(
            (a) =>
              `<div class="line"><span class="kind">${escapeHtml(t(`authority_${a.kind satisfies AuthorityKind}`))}</span>` +
              `${renderText(a.description)}</div>`,
          )
          .join('');
  return renderRow(renderPair(t('authority'), body, 2, 10));
}

function renderQualifications(jd: JobDescription, t: Translate): string {
  const q = jd.content.qualifications;
  // A band row rather than a tall label cell: rows of a rowspan cannot be split across pages, and this
  // block is the one most likely to meet a page break.
  return (
    renderBand(t('qualifications')) +
    [
      renderPair(t('gender'), renderText(q.gender), 2, 4) + renderPair(t('age'), renderText(q.age), 2, 4),
      renderPair(t('education'), renderText(q.education), 2, 4) +
        renderPair(t('experience'), renderText(q.experience), 2, 4),
      renderPair(t('health'), renderText(q.health), 2, 4) +
        renderPair(t('knowledge'), renderText(q.knowledge), 2, 4),
      renderPair(t('skills'), renderNumbered(q.skills, 'item'), 2, 10),
      renderPair(t('traits'), renderNumbered(q.traits, 'item'), 2, 10),
      renderPair(t('competencies'), renderNumbered(q.competencies, 'item'), 2, 10),
      renderPair(t('qualificationsOther'), renderText(q.other), 2, 10),
    ]
      .map((cells) => renderRow(cells))
      .join('')
  );
}

function renderPromotionAndConditions(jd: JobDescription, t: Translate): string {
  const c = jd.content;
  const path = c.promotionPath
    .filter((step) => step.trim() !== '')
    .map((step) => `<span class="step">${escapeHtml(step)}</span>`)
    .join('<span class="arrow">→</span>');
  // 其他: 工作环境 / 工作时间 / 工作工具, flat rows (no tall label cell) so they can follow a page break.
  let html =
    renderRow(renderPair(t('promotionPath'), path, 2, 10)) +
    renderRow(
      renderPair(t('environment'), renderText(c.environment), 2, 4) +
        renderPair(t('hours'), renderText(c.hours), 2, 4),
    ) +
    renderRow(renderPair(t('tools'), renderText(c.tools), 2, 10));
  if (c.other.trim() !== '')
    html += renderRow(renderPair(t('remarks'), renderText(c.other), 2, 10), 'remarks');
  return html;
}

function renderSignatures(jd: JobDescription, t: Translate): string {
  const dc = jd.documentControl;
  return renderRow(
    renderPair(t('preparedBy'), renderText(dc.preparedBy), 2, 2) +
      renderPair(t('reviewedBy'), renderText(dc.reviewedBy), 2, 2) +
      renderPair(t('approvedBy'), renderText(dc.approvedBy), 2, 2),
    'signatures',
  );
}

const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 9.5pt; line-height: 1.35;
}
.sheet { width: 180mm; margin: 0 auto; }
h1 { margin: 0 0 1mm; text-align: center; font-size: 17pt; font-weight: bold; }
html[lang="zh-CN"] h1 { letter-spacing: 0.08em; }
.status { display: inline-block; margin-left: 3mm; padding: 0 2mm; border: 0.75pt solid #a00; color: #a00;
  font-size: 10pt; letter-spacing: 0; vertical-align: middle; }
.subtitle { margin: 0 0 3mm; text-align: center; font-size: 9pt; color: #444; letter-spacing: 0.2em; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
.form th, .form td { border: 0.75pt solid #000; padding: 0.9mm 1.5mm; vertical-align: middle; overflow-wrap: anywhere; }
.form th { font-weight: bold; text-align: center; background: #f2f2f2; }
.form tr.band th { background: #d9d9d9; padding: 1mm; }
html[lang="zh-CN"] .form tr.band th { letter-spacing: 0.3em; }
html[lang="en-US"] .form th { font-size: 8.5pt; line-height: 1.2; }
.form tr.head th { background: #ececec; }
.form tr.control th, .form tr.control td, .form tr.signatures th, .form tr.signatures td { padding-top: 1.2mm; padding-bottom: 1.2mm; }
.form td.center { text-align: center; }
.form tr { break-inside: avoid; page-break-inside: avoid; }
.form tr.band, .form tr.head { break-after: avoid; page-break-after: avoid; }
.cols { display: grid; column-gap: 4mm; row-gap: 0.6mm; }
.cols-2 { grid-template-columns: repeat(2, 1fr); }
.cols-3 { grid-template-columns: repeat(3, 1fr); }
.cols .line + .line { margin-top: 0; }
.text { white-space: pre-line; }
.line { display: flex; gap: 0.5mm; }
.line + .line { margin-top: 0.6mm; }
.marker { flex: none; }
.kind { flex: none; font-weight: bold; margin-right: 1.5mm; }
.step { white-space: nowrap; }
.arrow { margin: 0 2.5mm; color: #555; }
tr.remarks td { font-size: 8.5pt; color: #333; }
.ack { break-before: avoid; page-break-before: avoid; margin: 4mm 0 0; display: flex; flex-wrap: wrap; align-items: baseline; gap: 2mm 6mm; break-inside: avoid; }
.ack .statement { flex: 1 1 auto; }
.blank { display: inline-block; width: 32mm; border-bottom: 0.75pt solid #000; }
.toolbar { position: fixed; top: 8mm; right: 8mm; }
.toolbar button { font: inherit; padding: 1.5mm 5mm; cursor: pointer; }
@media screen {
  body { background: #e8e8e8; }
  .sheet { width: 210mm; min-height: 297mm; padding: 15mm; margin: 8mm auto; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,0.2); }
}
@media print { .toolbar { display: none; } }
`;

/** Page-margin boxes do not inherit the body's font: name it again, or Chinese falls back to a serif. */
const PAGE_MARGIN_FONT =
  'font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 8pt; color: #555;';

/**
 * A CSS string literal for text that came from people. Everything but plain ASCII letters and digits is
 * written as a CSS escape, so nothing typed can close the string or the <style> element.
 */
function toCssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0x20).toString(16)} `;
  }
  return `${out}"`;
}

/**
 * Footer in the page margin of every printed page (document number and position on the left, "第1页 / 共2页"
 * on the right), so a loose second sheet still says which document it belongs to.
 */
function renderPageFooterCss(jd: JobDescription, t: Translate): string {
  const template = t('pageOf');
  const parts = template.split(/(\{page\}|\{pages\})/).filter((part) => part !== '');
  const counter = parts
    .map((part) =>
      part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : toCssString(part),
    )
    .join(' ');
  const docNo = jd.documentControl.docNo.trim();
  const left = toCssString(`${docNo === '' ? '' : `${docNo}  `}${jd.content.identification.positionName}`);
  return (
    `@page { @bottom-left { content: ${left}; ${PAGE_MARGIN_FONT} } ` +
    `@bottom-right { content: ${counter}; ${PAGE_MARGIN_FONT} } }`
  );
}

/** A complete, standalone HTML document for printing (and for Chromium to turn into a PDF). */
export function renderJdPrintHtml(jd: JobDescription, locale: JdPrintLocale): string {
  const t = createTranslator(locale);
  const name = jd.content.identification.positionName || jd.positionName;
  const title = t('documentTitle', { name });
  const status =
    jd.status === 'draft' ? t('statusDraft') : jd.status === 'superseded' ? t('statusSuperseded') : '';
  const colgroup = `<colgroup>${'<col style="width:8.3333%">'.repeat(12)}</colgroup>`;
  const body = [
    renderDocumentControl(jd, t),
    renderIdentification(jd, t),
    renderNarrative(jd, t),
    renderResponsibilities(jd, t),
    renderRelations(jd, t),
    renderAuthority(jd, t),
    renderQualifications(jd, t),
    renderPromotionAndConditions(jd, t),
    renderSignatures(jd, t),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${locale === 'en-US' ? 'en-US' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${renderPageFooterCss(jd, t)}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">${escapeHtml(t('print'))}</button></div>
<main class="sheet">
<h1>${escapeHtml(title)}${status === '' ? '' : `<span class="status">${escapeHtml(status)}</span>`}</h1>
<table class="form">
${colgroup}
<tbody>
${body}
</tbody>
</table>
<p class="ack"><span class="statement">${escapeHtml(t('acknowledgement'))}</span>
<span>${escapeHtml(t('signature'))}<span class="blank"></span></span>
<span>${escapeHtml(t('signDate'))}<span class="blank"></span></span></p>
</main>
</body>
</html>
`;
}
