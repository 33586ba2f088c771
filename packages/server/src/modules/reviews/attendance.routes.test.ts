import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { Dec } from '@zuzhang/domain';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { employees } from '../org/org.table.ts';
import { attendanceRecords } from './reviews.table.ts';
import { attendanceSummary } from './attendance.service.ts';
import { parseSheetDate } from './attendance-import.ts';

let t: TestApp;
let ids: DemoIds;
let assistant1: Session;
let rep1: Session;
let rep2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [assistant1, rep1, rep2] = await signInAll(t.app, ['assistant1', 'rep1', 'rep2']);
  expect((await assistant1.send('POST', '/api/v1/calendar/load', { year: 2026 })).statusCode).toBe(200);
});
afterAll(() => t.close());

const emp = (who: string) => idOf(ids.employee, who);

async function rowsOf(who: string) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(attendanceRecords)
    .where(eq(attendanceRecords.employeeId, emp(who)));
  return Number(row!.n);
}

interface RecordJson {
  id: number;
  employeeName: string;
  day: string;
  status: string;
  version: number;
}

describe('recording one day', () => {
  it('records, refuses a second record of the same day, and updates with the version read', async () => {
    const body = { employeeId: emp('rep1'), day: '2026-10-08', status: 'present' };
    const first = await assistant1.send('PUT', '/api/v1/attendance', body);
    expect(first.statusCode, first.body).toBe(200);
    const record = first.json<RecordJson>();
    expect(record).toMatchObject({ employeeName: '赵磊', day: '2026-10-08', status: 'present', version: 1 });

    expectError(await assistant1.send('PUT', '/api/v1/attendance', body), 409, 'conflict');
    const late = await assistant1.send('PUT', '/api/v1/attendance', { ...body, status: 'late', version: 1 });
    expect(late.json<RecordJson>()).toMatchObject({ status: 'late', version: 2 });
    expectError(await assistant1.send('PUT', '/api/v1/attendance', { ...body, version: 1 }), 409, 'conflict');
  });

  it('takes leave ahead of time, but not presence', async () => {
    const ahead = addDays(today(), 3);
    expectError(
      await assistant1.send('PUT', '/api/v1/attendance', {
        employeeId: emp('rep2'),
        day: ahead,
        status: 'present',
      }),
      400,
      'validation',
      'body.day',
    );
    const leave = await assistant1.send('PUT', '/api/v1/attendance', {
      employeeId: emp('rep2'),
      day: ahead,
      status: 'leave',
      note: '年假',
    });
    expect(leave.statusCode, leave.body).toBe(200);
  });

  it('refuses people outside the recorder’s scope (400 naming the field) and people without the right', async () => {
    // 营销协理 keeps the sales department's attendance, not the store's.
    expectError(
      await assistant1.send('PUT', '/api/v1/attendance', {
        employeeId: emp('郑慧'),
        day: '2026-10-09',
        status: 'present',
      }),
      400,
      'validation',
      'body.employeeId',
    );
    expectError(
      await rep1.send('PUT', '/api/v1/attendance', {
        employeeId: emp('rep1'),
        day: '2026-10-09',
        status: 'present',
      }),
      403,
      'forbidden',
    );
  });

  it('each rep lists only their own days', async () => {
    const mine = (await rep1.get('/api/v1/attendance?month=2026-10')).json<{ items: RecordJson[] }>().items;
    expect(mine.map((r) => r.employeeName)).toEqual(['赵磊']);
    const theirs = (await rep2.get(`/api/v1/attendance?employeeId=${emp('rep1')}`)).json<{ total: number }>();
    expect(theirs.total).toBe(0);
  });
});

describe('出勤率', () => {
  it('counts presence on working days only: a holiday worked and a weekend day do not raise it', async () => {
    const db = t.database.db;
    const who = emp('rep4');
    const days: [string, string][] = [
      ['2026-10-01', 'present'], // National Day: not a working day
      ['2026-10-08', 'present'],
      ['2026-10-09', 'late'],
      ['2026-10-10', 'present'], // the make-up Saturday: a working day
      ['2026-10-11', 'present'], // a Sunday
      ['2026-10-12', 'absent'],
      ['2026-10-13', 'leave'],
    ];
    for (const [day, status] of days) {
      const res = await assistant1.send('PUT', '/api/v1/attendance', { employeeId: who, day, status });
      expect(res.statusCode, res.body).toBe(200);
    }
    const figures = (await attendanceSummary(db, ids.companyId, [who, emp('rep5')], '2026-10')).get(who)!;
    expect(figures).toMatchObject({
      workingDays: 18,
      daysPresent: 3,
      daysLate: 1,
      daysAbsent: 1,
      daysLeave: 1,
      recordedDays: 7,
    });
    // 3 present (late included) of 18 working days, exact.
    expect(figures.rate!.eq(new Dec(3).dividedBy(18))).toBe(true);
    // Nobody entered anything for rep5: zero days, and a way to tell it from a month of absence.
    expect(
      (await attendanceSummary(db, ids.companyId, [emp('rep5')], '2026-10')).get(emp('rep5')),
    ).toMatchObject({
      daysPresent: 0,
      recordedDays: 0,
    });

    const summary = await assistant1.get(`/api/v1/attendance/summary?month=2026-10&employeeId=${who}`);
    expect(summary.json()).toEqual([
      expect.objectContaining({
        employeeName: '徐强',
        workingDays: 18,
        daysPresent: 3,
        rate: new Dec(3).dividedBy(18).toString(),
      }),
    ]);
  });

  it('is refused for a month the calendar has no data for', async () => {
    expectError(await assistant1.get('/api/v1/attendance/summary?month=2031-03'), 422, 'business_rule');
  });
});

describe('import', () => {
  const csv = (lines: string[]) => ({
    fileName: 'attendance.csv',
    contentBase64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
  });
  const file = csv([
    '姓名,日期,状态,备注',
    '黄丽,2026-10-14,出勤,',
    '黄丽,2026/10/15,迟到,堵车',
    '查无此人,2026-10-14,出勤,',
    '黄丽,2026-13-01,出勤,',
    '黄丽,2026-10-16,摸鱼,',
    '黄丽,2026-10-14,请假,',
    '郑慧,2026-10-14,出勤,',
  ]);

  interface ImportJson {
    committed: boolean;
    total: number;
    valid: number;
    invalid: number;
    imported: number;
    rows: { row: number; ok: boolean; errors: { field: string; message: string }[] }[];
  }

  it('a dry run reports each row with its errors and writes nothing', async () => {
    const before = await rowsOf('rep2');
    const res = await assistant1.send('POST', '/api/v1/attendance/import', { ...file, dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ImportJson>();
    expect(report).toMatchObject({ committed: false, total: 7, valid: 2, invalid: 5, imported: 0 });
    const errorsOf = (row: number) => report.rows.find((r) => r.row === row)!.errors;
    expect(errorsOf(2)).toEqual([]);
    expect(errorsOf(4)).toEqual([
      { field: 'name', message: '找不到员工“查无此人”，或该员工不在您的管理范围内' },
    ]);
    expect(errorsOf(5)[0]!.field).toBe('day');
    expect(errorsOf(6)[0]).toMatchObject({ field: 'status' });
    expect(errorsOf(6)[0]!.message).toContain('摸鱼');
    expect(errorsOf(7)).toEqual([{ field: 'day', message: '与本文件第 2 行重复（同一员工同一天）' }]);
    // The store's shop assistant is outside the 营销协理's scope: as good as unknown.
    expect(errorsOf(8)[0]!.field).toBe('name');
    expect(await rowsOf('rep2')).toBe(before);
  });

  it('with errors and without skipInvalid: 422 naming each row and column, nothing written', async () => {
    const before = await rowsOf('rep2');
    const res = await assistant1.send('POST', '/api/v1/attendance/import', file);
    const error = expectError(res, 422, 'business_rule', 'rows.4.name');
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['rows.5.day', 'rows.6.status', 'rows.7.day', 'rows.8.name']),
    );
    expect(await rowsOf('rep2')).toBe(before);
  });

  it('with skipInvalid: the valid rows are written', async () => {
    const res = await assistant1.send('POST', '/api/v1/attendance/import', { ...file, skipInvalid: true });
    expect(res.json<ImportJson>()).toMatchObject({ committed: true, imported: 2, invalid: 5 });
    const rows = await t.database.db
      .select({ day: attendanceRecords.day, status: attendanceRecords.status, note: attendanceRecords.note })
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.employeeId, emp('rep2'))))
      .orderBy(attendanceRecords.day);
    expect(rows.filter((r) => r.day.startsWith('2026-10'))).toEqual([
      { day: '2026-10-14', status: 'present', note: '' },
      { day: '2026-10-15', status: 'late', note: '堵车' },
    ]);
  });

  it('reads an Excel sheet with mobiles and real date cells, overwriting days already recorded', async () => {
    const [rep6] = await t.database.db
      .select({ mobile: employees.mobile })
      .from(employees)
      .where(eq(employees.id, emp('rep6')));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('考勤');
    sheet.addRow(['手机', '日期', '状态']);
    sheet.addRow([rep6!.mobile, new Date(Date.UTC(2026, 9, 19)), '缺勤']);
    sheet.addRow([`+86 ${rep6!.mobile}`, new Date(Date.UTC(2026, 9, 20)), 'leave']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = { fileName: '十月考勤.xlsx', contentBase64: bytes.toString('base64') };
    const first = await assistant1.send('POST', '/api/v1/attendance/import', body);
    expect(first.json<ImportJson>(), first.body).toMatchObject({ committed: true, imported: 2 });
    sheet.getRow(2).getCell(3).value = '出勤';
    const changed = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    await assistant1.send('POST', '/api/v1/attendance/import', { ...body, contentBase64: changed });
    const rows = await t.database.db
      .select({
        day: attendanceRecords.day,
        status: attendanceRecords.status,
        version: attendanceRecords.version,
      })
      .from(attendanceRecords)
      .where(eq(attendanceRecords.employeeId, emp('rep6')))
      .orderBy(attendanceRecords.day);
    expect(rows).toEqual([
      { day: '2026-10-19', status: 'present', version: 2 },
      { day: '2026-10-20', status: 'leave', version: 2 },
    ]);
  });

  it('names the missing column', async () => {
    const res = await assistant1.send(
      'POST',
      '/api/v1/attendance/import',
      csv(['姓名,日期', '黄丽,2026-10-14']),
    );
    const error = expectError(res, 400, 'validation', 'body.contentBase64');
    expect(error.details[0]!.message).toContain('状态');
  });

  it.each([
    ['2026-10-08', '2026-10-08'],
    ['2026/10/8', '2026-10-08'],
    ['2026.1.5', '2026-01-05'],
    ['2026年10月8日', '2026-10-08'],
    ['Thu Oct 08 2026 08:00:00 GMT+0800 (China Standard Time)', '2026-10-08'],
    ['2026-02-30', null],
    ['10/08/2026', null],
    ['昨天', null],
  ])('reads the date %s as %s', (text, day) => {
    expect(parseSheetDate(text)).toBe(day);
  });
});
