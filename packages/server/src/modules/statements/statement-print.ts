import ExcelJS from 'exceljs';
import type { Locale, StatementDetail } from '@zuzhang/api-schema';
import { formatYuan } from '@zuzhang/domain';
import { escapeHtml } from '../job-descriptions/jd-print.ts';
import { STATEMENT_LABELS } from './statement-print.messages.ts';

/**
 * The statement as the customer receives it (客户对账单): one A4 page per statement with the company, the
 * customer, the month, every document with a running balance, the totals and the customer's confirmation
 * block for signature and stamp. The same HTML is shown in the browser and printed to PDF by Chromium
 * (jd-pdf.ts), so it stands alone: no scripts, no external fonts or images.
 */

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body {
  margin: 0; color: #111;
  font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 9.5pt; line-height: 1.4;
}
.sheet { width: 186mm; margin: 0 auto; }
h1 { text-align: center; font-size: 16pt; margin: 0 0 1mm; letter-spacing: 0.2em; }
.company { text-align: center; font-size: 11pt; margin-bottom: 4mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #333; padding: 1.2mm 1.6mm; vertical-align: top; }
th { background: #f0f0f0; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.opening td, tr.closing td { font-weight: 600; background: #fafafa; }
.summary { margin-top: 4mm; }
.summary td { width: 14.28%; text-align: center; }
.confirm { margin-top: 6mm; border: 0.3mm solid #333; padding: 3mm 4mm; page-break-inside: avoid; }
.confirm p { margin: 0 0 3mm; }
.diff { height: 14mm; border-bottom: 0.3mm dashed #999; margin-bottom: 2mm; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; }
.sign span { display: inline-block; min-width: 50mm; border-bottom: 0.3mm solid #333; }
.footer { margin-top: 4mm; font-size: 8.5pt; color: #444; display: flex; justify-content: space-between; }
.dispute { margin-top: 3mm; padding: 2mm; border: 0.3mm dashed #b00; color: #b00; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 12mm; margin: 8mm auto; } }
`;

export function renderStatementHtml(s: StatementDetail, locale: Locale): string {
  const t = STATEMENT_LABELS[locale];
  const money = (fen: number) => escapeHtml(formatYuan(fen));
  const cell = (fen: number) => (fen === 0 ? '' : money(fen));
  const rows = s.lines
    .map(
      (l) => `<tr>
  <td>${escapeHtml(l.on)}</td><td>${escapeHtml(t.kinds[l.kind])}</td><td>${escapeHtml(l.ref)}</td>
  <td class="num">${cell(l.debitFen)}</td><td class="num">${cell(l.creditFen)}</td>
  <td class="num">${l.kind === 'invoice' ? money(l.amountFen) : ''}</td><td class="num">${money(l.balanceFen)}</td>
</tr>`,
    )
    .join('\n');
  const empty = s.lines.length === 0 ? `<tr><td colspan="7">${escapeHtml(t.noDocuments)}</td></tr>` : '';
  const summary = [
    [t.opening, s.openingFen],
    [t.orders, s.ordersFen],
    [t.returns, s.returnsFen],
    [t.receipts, s.receiptsFen],
    [t.writeOffs, s.writeOffsFen],
    [t.closing, s.closingFen],
    [t.invoicedTotal, s.invoicedFen],
  ] as const;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${t.title} ${s.customerName} ${s.period}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="sheet">
<h1>${escapeHtml(t.title)}</h1>
<div class="company">${escapeHtml(s.companyName)}</div>
<div class="meta">
  <div>${escapeHtml(t.customer)}${escapeHtml(t.colon)}${escapeHtml(s.customerName)}</div>
  <div>${escapeHtml(t.period)}${escapeHtml(t.colon)}${escapeHtml(s.period)}</div>
  <div>${escapeHtml(t.status)}${escapeHtml(t.colon)}${escapeHtml(t.printedStatus[s.status])}</div>
  <div>${escapeHtml(t.unit)}</div>
</div>
<table>
<thead><tr>
  <th>${escapeHtml(t.date)}</th><th>${escapeHtml(t.kind)}</th><th>${escapeHtml(t.ref)}</th>
  <th class="num">${escapeHtml(t.debit)}</th><th class="num">${escapeHtml(t.credit)}</th>
  <th class="num">${escapeHtml(t.invoiced)}</th><th class="num">${escapeHtml(t.balance)}</th>
</tr></thead>
<tbody>
<tr class="opening"><td colspan="6">${escapeHtml(t.opening)}</td><td class="num">${money(s.openingFen)}</td></tr>
${rows}${empty}
<tr class="closing"><td colspan="6">${escapeHtml(t.closing)}</td><td class="num">${money(s.closingFen)}</td></tr>
</tbody>
</table>
<table class="summary">
<tr>${summary.map(([label]) => `<th>${escapeHtml(label)}</th>`).join('')}</tr>
<tr>${summary.map(([, fen]) => `<td class="num">${money(fen)}</td>`).join('')}</tr>
</table>
${s.disputeNote ? `<div class="dispute">${escapeHtml(t.note)}${escapeHtml(t.colon)}${escapeHtml(s.disputeNote)}</div>` : ''}
<div class="confirm">
  <p>${escapeHtml(t.confirmIntro)}</p>
  <p>${escapeHtml(t.confirmAgree)}</p>
  <p>${escapeHtml(t.confirmDisagree)}</p>
  <div class="diff"></div>
  <div class="sign">
    <div>${escapeHtml(t.signature)}${escapeHtml(t.colon)}<span></span></div>
    <div>${escapeHtml(t.stamp)}${escapeHtml(t.colon)}<span></span></div>
    <div>${escapeHtml(t.signedOn)}${escapeHtml(t.colon)}<span style="min-width:30mm"></span></div>
  </div>
</div>
<div class="footer"><div>${escapeHtml(t.preparedBy)}${escapeHtml(t.colon)}${escapeHtml(s.companyName)}</div><div>#${s.id} · v${s.version}</div></div>
</div>
</body>
</html>`;
}

/** The statement as an Excel workbook: the same lines and totals as the printed page. */
export async function renderStatementXlsx(s: StatementDetail, locale: Locale): Promise<Buffer> {
  const t = STATEMENT_LABELS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = s.companyName;
  const sheet = workbook.addWorksheet(t.sheet);
  sheet.mergeCells('A1:G1');
  sheet.getCell('A1').value = `${s.companyName} ${t.title}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.addRow([`${t.customer}: ${s.customerName}`, '', '', `${t.period}: ${s.period}`, '', t.unit]);
  sheet.addRow([]);
  const header = sheet.addRow([t.date, t.kind, t.ref, t.debit, t.credit, t.invoiced, t.balance]);
  header.font = { bold: true };
  const yuan = (fen: number) => fen / 100;
  sheet.addRow([t.opening, '', '', null, null, null, yuan(s.openingFen)]).font = { bold: true };
  for (const l of s.lines) {
    sheet.addRow([
      l.on,
      t.kinds[l.kind],
      l.ref,
      l.debitFen === 0 ? null : yuan(l.debitFen),
      l.creditFen === 0 ? null : yuan(l.creditFen),
      l.kind === 'invoice' ? yuan(l.amountFen) : null,
      yuan(l.balanceFen),
    ]);
  }
  sheet.addRow([t.closing, '', '', null, null, null, yuan(s.closingFen)]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([t.summary]).font = { bold: true };
  for (const [label, fen] of [
    [t.opening, s.openingFen],
    [t.orders, s.ordersFen],
    [t.returns, s.returnsFen],
    [t.receipts, s.receiptsFen],
    [t.writeOffs, s.writeOffsFen],
    [t.closing, s.closingFen],
    [t.invoicedTotal, s.invoicedFen],
  ] as const) {
    sheet.addRow([label, '', '', '', '', '', yuan(fen)]);
  }
  sheet.addRow([]);
  sheet.addRow([t.confirmIntro]);
  sheet.addRow([`${t.signature}:`, '', `${t.stamp}:`, '', `${t.signedOn}:`]);
  const widths = [14, 12, 24, 16, 16, 16, 18];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
    if (i >= 3) sheet.getColumn(i + 1).numFmt = '#,##0.00';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
