import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, signInAll } from '../../../test/support.ts';
import { loadDemoIds } from '../../../test/demo-org.ts';
import { loadWorkingCalendar } from './calendar.service.ts';

let t: TestApp;
let assistant1: Session;
let rep1: Session;
let companyId: number;

beforeAll(async () => {
  t = await buildTestApp();
  [assistant1, rep1] = await signInAll(t.app, ['assistant1', 'rep1']);
  companyId = (await loadDemoIds(t.database.db)).companyId;
  const loaded = await assistant1.send('POST', '/api/v1/calendar/load', { year: 2026 });
  expect(loaded.statusCode, loaded.body).toBe(200);
});
afterAll(() => t.close());

interface CalendarJson {
  covered: boolean;
  workingDays: number | null;
  months: { month: string; workingDays: number | null }[];
  days: { day: string; kind: string; name: string }[];
}
const monthOf = (cal: CalendarJson, month: string) => cal.months.find((m) => m.month === month)!.workingDays;

describe('the 2026 calendar from chinese-days', () => {
  it('takes National Day (1–7 October) off and works the make-up Saturday, 10 October', async () => {
    const cal = (await rep1.get('/api/v1/calendar?year=2026')).json<CalendarJson>();
    expect(cal.covered).toBe(true);
    const kindOf = (day: string) => cal.days.find((d) => d.day === day);
    for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(kindOf(day)).toMatchObject({ kind: 'holiday', name: '国庆节' });
    }
    expect(kindOf('2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节' });
    // October 2026 has 22 weekdays; five of them are National Day, and Saturday the 10th is worked: 18.
    expect(monthOf(cal, '2026-10')).toBe(18);
    // September: 22 weekdays, Friday the 25th is 中秋 (a weekday off), Sunday the 20th is worked: 22.
    expect(monthOf(cal, '2026-09')).toBe(22);
  });

  it.each([
    // [year, month, working days] counted by hand from the State Council's 2026 notice
    ['2026-01', 21], // 22 weekdays − 1 and 2 January + Sunday 4 January
    ['2026-02', 16], // 20 weekdays − 16–20 and 23 February (春节) + Saturdays 14 and 28 February
    ['2026-05', 19], // 21 weekdays − 1, 4 and 5 May + Saturday 9 May
  ])('%s has %i working days', async (month, expected) => {
    const cal = (await rep1.get('/api/v1/calendar?year=2026')).json<CalendarJson>();
    expect(monthOf(cal, month)).toBe(expected);
  });

  it('loads again without changing anything, keeping days the company entered itself', async () => {
    const custom = await assistant1.send('PUT', '/api/v1/calendar/days/2026-12-31', {
      kind: 'holiday',
      name: '公司年会',
    });
    expect(custom.statusCode, custom.body).toBe(200);
    expect(monthOf(custom.json<CalendarJson>(), '2026-12')).toBe(22);
    const again = (
      await assistant1.send('POST', '/api/v1/calendar/load', { year: 2026 })
    ).json<CalendarJson>();
    expect(again.days.find((d) => d.day === '2026-12-31')).toMatchObject({
      kind: 'holiday',
      name: '公司年会',
    });
    expect(monthOf(again, '2026-10')).toBe(18);
    expect((await assistant1.send('DELETE', '/api/v1/calendar/days/2026-12-31')).statusCode).toBe(204);
    expect(monthOf((await rep1.get('/api/v1/calendar?year=2026')).json<CalendarJson>(), '2026-12')).toBe(23);
  });
});

describe('a year without data', () => {
  it('is listed as not covered, with no working days guessed', async () => {
    const cal = (await rep1.get('/api/v1/calendar?year=2031')).json<CalendarJson>();
    expect(cal).toMatchObject({ covered: false, workingDays: null, days: [] });
    expect(cal.months.every((m) => m.workingDays === null)).toBe(true);
  });

  it('cannot be loaded from chinese-days: 422 naming the year', async () => {
    const res = await assistant1.send('POST', '/api/v1/calendar/load', { year: 2031 });
    const error = expectError(res, 422, 'business_rule');
    expect(error.message).toContain('2031');
  });

  it('is refused by loadWorkingCalendar (what pay and reviews count with)', async () => {
    await expect(
      loadWorkingCalendar(t.database.db, companyId, '2031-03-01', '2031-03-31'),
    ).rejects.toMatchObject({
      code: 'business_rule',
      key: 'calendar.yearMissing',
      params: { year: 2031 },
    });
    const cal = await loadWorkingCalendar(t.database.db, companyId, '2026-10-01', '2026-10-31');
    expect(cal.workdays.has('2026-10-10')).toBe(true);
  });

  it('becomes covered once a day of it is entered by hand', async () => {
    const res = await assistant1.send('PUT', '/api/v1/calendar/days/2032-01-01', {
      kind: 'holiday',
      name: '元旦',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CalendarJson>()).toMatchObject({ covered: true });
    // January 2032: 22 weekdays, New Year's Day (a Thursday) off.
    expect(monthOf(res.json<CalendarJson>(), '2032-01')).toBe(21);
  });
});

describe('who may change it', () => {
  it('a rep reads it but cannot change it', async () => {
    expectError(
      await rep1.send('PUT', '/api/v1/calendar/days/2026-12-30', { kind: 'holiday', name: '' }),
      403,
      'forbidden',
    );
    expectError(await rep1.send('POST', '/api/v1/calendar/load', { year: 2026 }), 403, 'forbidden');
  });

  it('removing a day that has no entry is a 404', async () => {
    expectError(await assistant1.send('DELETE', '/api/v1/calendar/days/2026-03-03'), 404, 'not_found');
  });

  it('a day must be a date: 400 naming params.day', async () => {
    expectError(
      await assistant1.send('PUT', '/api/v1/calendar/days/2026-02-30', { kind: 'holiday' }),
      400,
      'validation',
      'params.day',
    );
  });
});
