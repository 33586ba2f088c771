import ExcelJS from 'exceljs';
import type { Executor } from '../db/db.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/**
 * What every spreadsheet import (customers, attendance) shares: reading a CSV (UTF-8, or GB18030 as Excel
 * saves it in China) or .xlsx (first sheet) sent as base64 in JSON, naming its columns from the first
 * non-empty row, and settling the checked rows: a dry run only reports, one failing row means nothing is
 * written unless skipInvalid, and an import that writes is audited. What a row means stays in its module.
 */

/** The import routes' request limit: a file of about 5 MB, base64-encoded in JSON. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

// ---- reading the file ------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; comma or tab separated. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else GB18030 (Excel's "CSV" in Chinese Windows). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The file's error texts: each import names its own records ("no customer rows", "no attendance rows"). */
export interface ImportMessages {
  unreadable: MessageKey;
  empty: MessageKey;
  missingColumn: MessageKey;
  tooManyRows: MessageKey;
  hasErrors: MessageKey;
}

/** The sheet as rows of cell texts; row i is sheet row i + 1. */
export async function readSheet(
  fileName: string,
  bytes: Buffer,
  unreadable: MessageKey,
): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(decodeText(bytes));
  if (!lower.endsWith('.xlsx')) throw fieldError('body.fileName', unreadable);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw fieldError('body.contentBase64', unreadable);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

// ---- naming the columns ----------------------------------------------------------------------------

/** One data row: its number in the sheet (the header is row 1) and its cells by column name, trimmed. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface SheetSpec {
  /** Column name -> the headers that mean it, lower-case without spaces, in Chinese or English. */
  columns: Record<string, string[]>;
  /** Columns the file must have: a group is there when any one of its columns is; `label` names it in the error. */
  required: { anyOf: string[]; label: string }[];
  maxRows: number;
  messages: ImportMessages;
}

function columnOfHeader(spec: SheetSpec, header: string): string | null {
  const key = header
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  return Object.entries(spec.columns).find(([, aliases]) => aliases.includes(key))?.[0] ?? null;
}

/** The sheet's non-empty data rows by column name; a file without rows or a required column is an error. */
export function toSheetRows(sheet: string[][], spec: SheetSpec): SheetRow[] {
  const { messages } = spec;
  const headerIndex = sheet.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw fieldError('body.contentBase64', messages.empty);
  const columns = sheet[headerIndex]!.map((h) => columnOfHeader(spec, h));
  const missing = spec.required.find((group) => !group.anyOf.some((c) => columns.includes(c)));
  if (missing) throw fieldError('body.contentBase64', messages.missingColumn, { column: missing.label });
  const rows: SheetRow[] = [];
  for (let i = headerIndex + 1; i < sheet.length; i++) {
    const cells: Record<string, string> = {};
    sheet[i]!.forEach((value, c) => {
      const column = columns[c];
      if (column) cells[column] = value.trim();
    });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: i + 1, cells });
  }
  if (rows.length === 0) throw fieldError('body.contentBase64', messages.empty);
  if (rows.length > spec.maxRows) {
    throw fieldError('body.contentBase64', messages.tooManyRows, { max: spec.maxRows });
  }
  return rows;
}

/** The uploaded file's data rows (see toSheetRows). */
export async function readSheetRows(
  file: { fileName: string; contentBase64: string },
  spec: SheetSpec,
): Promise<SheetRow[]> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  return toSheetRows(await readSheet(file.fileName, bytes, spec.messages.unreadable), spec);
}

/** A mobile as people type it: spaces, dashes and +86 removed. */
export function cleanMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

// ---- settling the checked rows ---------------------------------------------------------------------

export interface ImportRowError {
  field: string;
  message: string;
}

/** A row as the report shows it; `ok` is whether it has no errors. */
export interface ImportReportRow {
  row: number;
  ok: boolean;
  errors: ImportRowError[];
}

export interface ImportResult<R extends ImportReportRow> {
  dryRun: boolean;
  /** Whether rows were written. */
  committed: boolean;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  rows: R[];
}

/** A checked row and, when it is valid, what the import would write for it. */
export interface CheckedRow<R extends ImportReportRow, P> {
  report: R;
  payload?: P;
}

/**
 * Settles checked rows in the caller's transaction: a dry run reports only; rows with errors stop the whole
 * import unless skipInvalid; else `write` stores the valid rows (and may fill in their report) and says how
 * many it wrote, and the import is audited as `entity` with the file's name.
 */
export async function settleImport<R extends ImportReportRow, P>(
  tx: Executor,
  actor: Actor,
  options: {
    body: { fileName: string; dryRun: boolean; skipInvalid: boolean };
    entity: string;
    hasErrors: MessageKey;
    actingForEmployeeId: number | null;
  },
  checked: CheckedRow<R, P>[],
  write: (valid: { report: R; payload: P }[]) => Promise<number>,
): Promise<ImportResult<R>> {
  const { body } = options;
  const invalid = checked.filter((r) => !r.report.ok).map((r) => r.report);
  const result = (committed: boolean, imported: number): ImportResult<R> => ({
    dryRun: body.dryRun,
    committed,
    total: checked.length,
    valid: checked.length - invalid.length,
    invalid: invalid.length,
    imported,
    rows: checked.map((r) => r.report),
  });
  if (body.dryRun) return result(false, 0);
  if (invalid.length > 0 && !body.skipInvalid) {
    throw new AppError(
      'business_rule',
      options.hasErrors,
      { count: invalid.length },
      invalid.flatMap((r) => r.errors.map((e) => ({ path: `rows.${r.row}.${e.field}`, text: e.message }))),
    );
  }
  const valid = checked.flatMap((r) =>
    r.report.ok && r.payload !== undefined ? [{ report: r.report, payload: r.payload }] : [],
  );
  const imported = await write(valid);
  await recordAudit(tx, actor, {
    action: 'import',
    entity: options.entity,
    entityId: body.fileName,
    after: { total: checked.length, imported, skipped: invalid.length },
    actingForEmployeeId: options.actingForEmployeeId,
  });
  return result(true, imported);
}
