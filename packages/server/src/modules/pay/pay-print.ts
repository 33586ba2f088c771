import ExcelJS from 'exceljs';
import type { Locale, PayRun, PayStatementDetail } from '@zuzhang/api-schema';
import { Dec, findPayFigure, formatYuan, type PayStatementLine } from '@zuzhang/domain';
import { escapeHtml } from '../job-descriptions/jd-print.ts';
import { PAY_PRINT_LABELS } from './pay-print.messages.ts';

/**
 * The pay slip (工资条) as one A4 page: who, which month, each line with the rule that produced it and its
 * explanation, the total, the rules that did not apply and the figures used with their sources. The same
 * HTML is printed to PDF by Chromium (jd-pdf.ts), so it stands alone: no scripts, fonts or images. And the
 * payroll workbook for the payroll system: one row per person, one column per component, the total.
 */

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #111; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 9.5pt; line-height: 1.45; }
.sheet { width: 186mm; margin: 0 auto; }
h1 { text-align: center; font-size: 16pt; margin: 0 0 1mm; letter-spacing: 0.2em; }
.company { text-align: center; font-size: 11pt; margin-bottom: 4mm; }
.meta { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
th, td { border: 0.3mm solid #333; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #f0f0f0; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #fafafa; }
h2 { font-size: 10.5pt; margin: 3mm 0 1.5mm; }
.skipped td { color: #555; }
.footer { font-size: 8.5pt; color: #444; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 12mm; margin: 8mm auto; } }
`;

function figureText(name: string, value: number | string): string {
  const unit = findPayFigure(name)?.unit;
  if (unit === 'fen' && typeof value === 'number') return formatYuan(value);
  // A ratio is shown as a percentage, to two decimals: for reading only, pay used the exact value.
  if (unit === 'ratio')
    return `${new Dec(value).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toString()}%`;
  return String(value);
}

export function renderPayStatementHtml(s: PayStatementDetail, locale: Locale): string {
  const t = PAY_PRINT_LABELS[locale];
  const h = escapeHtml;
  const lines = s.lines
    .map(
      (l) =>
        `<tr><td>${h(l.label[locale])}</td><td class="num">${h(formatYuan(l.amountFen))}</td><td>${h(l.explanation[locale])}</td></tr>`,
    )
    .join('\n');
  const skipped = s.skipped
    .map((k) => `<tr><td>${h(k.label[locale])}</td><td>${h(k.explanation[locale])}</td></tr>`)
    .join('\n');
  const figures = Object.entries(s.figures)
    .map(
      ([name, f]) =>
        `<tr><td>${h(findPayFigure(name)?.label[locale] ?? name)}</td><td class="num">${h(figureText(name, f.value))}</td><td>${h(t.sources[f.source] ?? f.source)}${f.detail ? ` · ${h(f.detail)}` : ''}</td></tr>`,
    )
    .join('\n');
  const meta = [
    [t.employee, s.employeeName],
    [t.position, s.positionName],
    [t.period, s.period],
    [t.plan, s.planName],
    [t.run, `#${s.runId} ${t.status[s.runStatus as keyof typeof t.status] ?? s.runStatus}`],
  ];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${h(`${t.title} ${s.employeeName} ${s.period}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="sheet">
<h1>${h(t.title)}</h1>
<div class="company">${h(s.companyName)}</div>
<div class="meta">${meta.map(([k, v]) => `<div>${h(k!)}${h(t.colon)}${h(v!)}</div>`).join('')}<div>${h(t.unit)}</div></div>
<table>
<thead><tr><th>${h(t.item)}</th><th class="num">${h(t.amount)}</th><th>${h(t.explanation)}</th></tr></thead>
<tbody>
${lines}
<tr class="total"><td>${h(t.total)}</td><td class="num">${h(formatYuan(s.totalFen))}</td><td></td></tr>
</tbody>
</table>
${skipped ? `<h2>${h(t.notApplied)}</h2><table class="skipped"><tbody>${skipped}</tbody></table>` : ''}
<h2>${h(t.figures)}</h2>
<table>
<thead><tr><th>${h(t.figure)}</th><th class="num">${h(t.value)}</th><th>${h(t.source)}</th></tr></thead>
<tbody>${figures}</tbody>
</table>
<div class="footer">${h(t.printed)} #${s.id}</div>
</div>
</body>
</html>`;
}

export interface PayrollRow {
  employeeId: number;
  employeeName: string;
  mobile: string;
  positionName: string;
  planName: string;
  totalFen: number;
  lines: PayStatementLine[];
}

/**
 * For the payroll system: one row per person, one column per component (in plan order), the total. Plans
 * of different positions share a column where they share a component key and its label.
 */
export async function renderPayrollXlsx(
  run: PayRun,
  rows: readonly PayrollRow[],
  locale: Locale,
): Promise<Buffer> {
  const t = PAY_PRINT_LABELS[locale];
  const columns: { key: string; label: string }[] = [];
  const keyOf = (line: PayStatementLine) => `${line.componentKey}|${line.label[locale]}`;
  for (const row of rows) {
    for (const line of row.lines) {
      if (!columns.some((c) => c.key === keyOf(line)))
        columns.push({ key: keyOf(line), label: line.label[locale] });
    }
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zuzhang';
  const sheet = workbook.addWorksheet(t.sheet);
  sheet.addRow([`${t.sheet} ${run.period}`]).font = { bold: true, size: 14 };
  sheet.addRow([`${t.run}: #${run.id} ${t.status[run.status]}`, run.unitName ?? '', t.unit]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t.employeeId,
    t.employee,
    t.mobile,
    t.position,
    t.plan,
    ...columns.map((c) => c.label),
    t.total,
  ]);
  header.font = { bold: true };
  const yuan = (fen: number) => fen / 100;
  for (const row of rows) {
    const amounts = columns.map((c) => {
      const line = row.lines.find((l) => keyOf(l) === c.key);
      return line === undefined ? null : yuan(line.amountFen);
    });
    sheet.addRow([
      row.employeeId,
      row.employeeName,
      row.mobile,
      row.positionName,
      row.planName,
      ...amounts,
      yuan(row.totalFen),
    ]);
  }
  const foot = sheet.addRow([
    t.total,
    '',
    '',
    '',
    '',
    ...columns.map((c) =>
      yuan(rows.reduce((sum, r) => sum + (r.lines.find((l) => keyOf(l) === c.key)?.amountFen ?? 0), 0)),
    ),
    yuan(rows.reduce((sum, r) => sum + r.totalFen, 0)),
  ]);
  foot.font = { bold: true };
  [10, 12, 14, 22, 22].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (let c = 6; c <= columns.length + 6; c++) {
    sheet.getColumn(c).width = 14;
    sheet.getColumn(c).numFmt = '#,##0.00';
  }
  sheet.views = [{ state: 'frozen', ySplit: 4, xSplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
