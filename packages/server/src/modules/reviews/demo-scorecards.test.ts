import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { DEPUTY_SUPERVISOR_SCORECARD, STORE_LEAD_SCORECARD } from '@zuzhang/domain';
import { buildTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAll } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { attendanceRecords, calendarDays, incidents, scorecardTemplates } from './reviews.table.ts';
import { seedDemoScorecards } from './demo-scorecards.ts';
import { prepareLines } from './scorecards.service.ts';

let t: TestApp;
let ids: DemoIds;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  await t.database.db.transaction((tx) => seedDemoScorecards(tx, ids.companyId, '2026-11-27'));
});
afterAll(() => t.close());

describe('the demo company’s scorecards', () => {
  it('puts the seed’s deputy supervisor scorecard on both group-leader seats and the store lead’s on MD-TL', async () => {
    const rows = await t.database.db
      .select()
      .from(scorecardTemplates)
      .where(eq(scorecardTemplates.companyId, ids.companyId));
    const onSeat = (code: string) => rows.filter((r) => r.positionId === idOf(ids.position, code));
    for (const seat of ['XS-GL-E', 'XS-GL-S']) {
      expect(onSeat(seat).map((r) => r.lines)).toEqual([DEPUTY_SUPERVISOR_SCORECARD.lines]);
    }
    expect(onSeat('MD-TL').map((r) => r.lines)).toEqual([STORE_LEAD_SCORECARD.lines]);
    // What the API would accept: weights add up to 100, every curve usable.
    for (const r of rows) expect(() => prepareLines(r.lines as never)).not.toThrow();
  });

  it('loads the calendar, last month’s attendance and a few incidents', async () => {
    const db = t.database.db;
    const [national] = await db
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.companyId, ids.companyId), eq(calendarDays.day, '2026-10-01')));
    expect(national).toMatchObject({ kind: 'holiday', name: '国庆节' });
    const [days] = await db
      .select({ n: count() })
      .from(attendanceRecords)
      .where(eq(attendanceRecords.employeeId, idOf(ids.employee, 'group1')));
    // October 2026: 18 working days, one record each.
    expect(Number(days!.n)).toBe(18);
    const fines = await db.select().from(incidents).where(eq(incidents.companyId, ids.companyId));
    expect(fines.length).toBe(4);
    expect(fines.filter((f) => f.status === 'appealed').length).toBe(1);
  });

  it('a cycle for October reviews the group leaders with their attendance filled in', async () => {
    const [manager1] = await signInAll(t.app, ['manager1']);
    const res = await manager1.send('POST', '/api/v1/reviews/cycles', { period: '2026-10' });
    expect(res.statusCode, res.body).toBe(200);
    const cycle = res.json<{ reviews: { id: number; employeeName: string }[] }>();
    expect(cycle.reviews.map((r) => r.employeeName)).toEqual(['陈静']);
    const review = (await manager1.get(`/api/v1/reviews/${cycle.reviews[0]!.id}`)).json<{
      items: { code: string; value: string | null; filledBy: string | null }[];
    }>();
    const attendance = review.items.find((i) => i.code === 'attendance_rate')!;
    expect(attendance.filledBy).toBe('system');
    expect(Number(attendance.value)).toBeGreaterThan(0.8);
  });
});
