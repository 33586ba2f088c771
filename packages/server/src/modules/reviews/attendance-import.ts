import { and, eq, sql } from 'drizzle-orm';
import { isIsoDate } from '@zuzhang/domain';
import type {
  AttendanceImportBody,
  AttendanceImportResult,
  AttendanceImportRow,
  AttendanceStatus,
  Locale,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import {
  cleanMobile,
  readSheetRows,
  settleImport,
  type CheckedRow,
  type SheetSpec,
} from '../../platform/import/sheet-import.ts';
import { translate, type MessageKey } from '../../platform/i18n/i18n.ts';
import { employees } from '../org/org.table.ts';
import { attendanceRecords } from './reviews.table.ts';
import { checkAttendanceDay } from './attendance.service.ts';

/**
 * Attendance import (考勤导入) from CSV (UTF-8 or GB18030) or .xlsx (first sheet), as a time clock or a
 * spreadsheet exports it. The first non-empty row names the columns, in Chinese or English:
 *
 *   手机 mobile | 姓名 name (one of the two; the mobile wins) | 日期 date | 状态 status | 备注 note
 *
 * Status: 出勤/正常 present, 迟到 late, 缺勤/旷工 absent, 请假/休假 leave. A day already recorded is
 * overwritten by the file (the import is the source of record for the days it lists). One failing row
 * means nothing is written, unless skipInvalid; a dry run only reports. All in one transaction.
 */
const COLUMNS: Record<string, string[]> = {
  mobile: ['手机', '手机号', '电话', 'mobile', 'phone'],
  name: ['姓名', '员工', '员工姓名', '名字', 'name', 'employee'],
  day: ['日期', '考勤日期', 'date', 'day'],
  status: ['状态', '考勤状态', '出勤状态', 'status'],
  note: ['备注', '说明', 'note'],
};

const STATUS_OF: Record<string, AttendanceStatus> = {
  出勤: 'present',
  正常: 'present',
  present: 'present',
  迟到: 'late',
  late: 'late',
  缺勤: 'absent',
  旷工: 'absent',
  absent: 'absent',
  请假: 'leave',
  休假: 'leave',
  leave: 'leave',
};

export const MAX_ATTENDANCE_ROWS = 20_000;

const SHEET: SheetSpec = {
  columns: COLUMNS,
  required: [
    { anyOf: ['mobile', 'name'], label: '手机 mobile / 姓名 name' },
    { anyOf: ['day'], label: '日期 date' },
    { anyOf: ['status'], label: '状态 status' },
  ],
  maxRows: MAX_ATTENDANCE_ROWS,
  messages: {
    // The file-level reading error is the same text for every import.
    unreadable: 'customers.importUnreadable',
    empty: 'reviews.importEmpty',
    missingColumn: 'reviews.importMissingColumn',
    tooManyRows: 'reviews.importTooManyRows',
    hasErrors: 'reviews.importHasErrors',
  },
};

const pad = (n: string) => n.padStart(2, '0');

/**
 * A date as people and spreadsheets write it: 2026-11-02, 2026/11/2, 2026.11.2, 2026年11月2日, or the text
 * an Excel date cell reads as (a JavaScript date string, whose UTC day is the cell's day).
 */
export function parseSheetDate(text: string): string | null {
  const written = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (written) {
    const day = `${written[1]}-${pad(written[2]!)}-${pad(written[3]!)}`;
    return isIsoDate(day) ? day : null;
  }
  if (/GMT|UTC|Z$/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  }
  return null;
}

export async function importAttendance(
  db: Db,
  actor: Actor,
  locale: Locale,
  body: AttendanceImportBody,
): Promise<AttendanceImportResult> {
  const { actingForEmployeeId } = authorize(actor, 'attendance.manage');
  const rows = await readSheetRows(body, SHEET);
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  return db.transaction(async (tx) => {
    // The people the importer may record attendance for: their own scope.
    const people = await tx
      .select({ id: employees.id, name: employees.name, mobile: employees.mobile })
      .from(employees)
      .where(and(eq(employees.companyId, actor.companyId), inScope.employee(actor, employees.id)));
    const seen = new Map<string, number>();
    const checked: CheckedRow<
      AttendanceImportRow,
      { employeeId: number; day: string; status: AttendanceStatus; note: string }
    >[] = [];
    for (const { row, cells } of rows) {
      const errors: { field: string; message: string }[] = [];
      const who = cells.mobile || cells.name || '';
      let employeeId: number | undefined;
      if (cells.mobile) {
        const match = people.find((p) => p.mobile === cleanMobile(cells.mobile!));
        if (match) employeeId = match.id;
        else
          errors.push({
            field: 'mobile',
            message: t('reviews.importEmployeeUnknown', { value: cells.mobile }),
          });
      } else if (cells.name) {
        const matches = people.filter((p) => p.name === cells.name);
        if (matches.length === 1) employeeId = matches[0]!.id;
        else if (matches.length > 1) {
          errors.push({
            field: 'name',
            message: t('reviews.importEmployeeAmbiguous', { value: cells.name }),
          });
        } else
          errors.push({ field: 'name', message: t('reviews.importEmployeeUnknown', { value: cells.name }) });
      } else {
        errors.push({ field: 'name', message: t('field.required') });
      }
      const day = cells.day ? parseSheetDate(cells.day) : null;
      if (!day) {
        errors.push({
          field: 'day',
          message: cells.day ? t('reviews.importBadDate', { value: cells.day }) : t('field.required'),
        });
      }
      const statusText = cells.status ?? '';
      const status = STATUS_OF[statusText] ?? STATUS_OF[statusText.toLowerCase()];
      if (!status) {
        errors.push({
          field: 'status',
          message: statusText
            ? t('reviews.importBadStatus', { value: statusText, allowed: Object.keys(STATUS_OF).join(' / ') })
            : t('field.required'),
        });
      }
      if (day && status) {
        const dayError = checkAttendanceDay(actor, day, status, 'day');
        if (dayError)
          errors.push({ field: 'day', message: t('reviews.dayInFuture', { today: actor.today }) });
      }
      if (employeeId !== undefined && day) {
        const key = `${employeeId}|${day}`;
        const first = seen.get(key);
        if (first !== undefined) {
          errors.push({ field: 'day', message: t('reviews.importDuplicateInFile', { row: first }) });
        } else seen.set(key, row);
      }
      const report: AttendanceImportRow = {
        row,
        employee: who,
        day: day ?? cells.day ?? '',
        status: status ?? statusText,
        ok: errors.length === 0,
        errors,
      };
      checked.push({
        report,
        payload: report.ok
          ? { employeeId: employeeId!, day: day!, status: status!, note: cells.note ?? '' }
          : undefined,
      });
    }

    return settleImport(
      tx,
      actor,
      { body, entity: 'attendance_import', hasErrors: SHEET.messages.hasErrors, actingForEmployeeId },
      checked,
      async (valid) => {
        const records = valid.map((r) => r.payload);
        for (let i = 0; i < records.length; i += 1000) {
          await tx
            .insert(attendanceRecords)
            .values(
              records
                .slice(i, i + 1000)
                .map((r) => ({ companyId: actor.companyId, ...r, recordedByUserId: actor.userId })),
            )
            .onConflictDoUpdate({
              target: [attendanceRecords.employeeId, attendanceRecords.day],
              set: {
                status: sql`excluded.status`,
                note: sql`excluded.note`,
                recordedByUserId: sql`excluded.recorded_by_user_id`,
                version: sql`${attendanceRecords.version} + 1`,
              },
            });
        }
        return records.length;
      },
    );
  });
}
