import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerTimeline, TimelineItem } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { mergeTimeline } from './customer-timeline.ts';
import { buildCustomer } from './test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let rep1: Session;
let rep4: Session;
let lead1: Session;
let manager1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [rep1, rep4, lead1, manager1] = await signInAll(t.app, ['rep1', 'rep4', 'lead1', 'manager1'] as const);
});
afterAll(() => t.close());

const item = (at: string, refId: number, kind = 'x'): TimelineItem => ({
  at,
  kind,
  title: '',
  detail: '',
  refId,
});

describe('mergeTimeline', () => {
  it('newest day first; the same day, the newest record first; cut at the limit', () => {
    const merged = mergeTimeline(
      [
        [item('2026-01-03', 1, 'a'), item('2026-01-01', 2, 'a')],
        [item('2026-01-02', 3, 'b'), item('2026-01-03', 4, 'b')],
      ],
      3,
    );
    expect(merged.map((i) => [i.at, i.refId])).toEqual([
      ['2026-01-03', 4],
      ['2026-01-03', 1],
      ['2026-01-02', 3],
    ]);
  });
});

describe('GET /api/v1/customers/:id/timeline', () => {
  it('merges follow-ups, owner changes, vetting, complaints and surveys, newest first', async () => {
    const c = await buildCustomer(rep1);
    const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
      const res = await p;
      expect(res.statusCode, res.body).toBeLessThan(300);
      return JSON.parse(res.body) as { id: number; version: number };
    };
    await ok(
      rep1.send('POST', `/api/v1/customers/${c.id}/follow-ups`, {
        kind: 'visit',
        happenedOn: addDays(today(), -3),
        notes: '首次拜访',
        outcome: '有意向',
        nextFollowUpOn: today(),
      }),
    );
    const v = await ok(
      rep1.send('POST', `/api/v1/customers/${c.id}/vettings`, {
        visitNotes: '拜访',
        creditAssessment: '良好',
        creditLimitFen: 100000,
      }),
    );
    await ok(manager1.send('POST', `/api/v1/vettings/${v.id}/decide`, { decision: 'approve', version: 1 }));
    await ok(
      rep1.send('POST', '/api/v1/complaints', {
        customerId: c.id,
        severity: 'medium',
        title: '包装破损',
        description: '两箱外包装破损',
        receivedOn: addDays(today(), -1),
      }),
    );
    await ok(rep1.send('POST', `/api/v1/customers/${c.id}/surveys`, { kind: 'return_visit', score: 5 }));
    await ok(
      lead1.send('POST', `/api/v1/customers/${c.id}/transfer`, {
        toEmployeeId: idOf(ids.employee, 'rep2'),
        version: c.version,
      }),
    );

    const res = await lead1.get(`/api/v1/customers/${c.id}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const timeline = res.json<CustomerTimeline>();
    const kinds = timeline.items.map((i) => i.kind).sort();
    expect(kinds).toEqual(
      [
        'complaint',
        'follow_up',
        'ownership',
        'ownership',
        'survey',
        'vetting_decided',
        'vetting_requested',
      ].sort(),
    );
    const days = timeline.items.map((i) => i.at);
    expect([...days].sort().reverse()).toEqual(days);
    const followUp = timeline.items.find((i) => i.kind === 'follow_up')!;
    expect(followUp.title).toBe('拜访（赵磊）');
    expect(followUp.detail).toContain('有意向');
    expect(timeline.items.find((i) => i.kind === 'vetting_decided')!.title).toContain('已通过');
    const transfer = timeline.items.find((i) => i.kind === 'ownership' && i.title === '移交')!;
    expect(transfer.detail).toBe('赵磊 → 黄丽');

    // In English when asked.
    const en = (
      await lead1.get(`/api/v1/customers/${c.id}/timeline`, { 'accept-language': 'en-US' })
    ).json<CustomerTimeline>();
    expect(en.items.find((i) => i.kind === 'follow_up')!.title).toBe('Visit (赵磊)');
    // The limit keeps the newest.
    const two = (await lead1.get(`/api/v1/customers/${c.id}/timeline?limit=2`)).json<CustomerTimeline>();
    expect(two.items).toEqual(timeline.items.slice(0, 2));
  });

  it('401, 400, 404 outside scope', async () => {
    const c = await buildCustomer(rep1);
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline` }),
      401,
      'unauthenticated',
    );
    expectError(
      await rep1.get(`/api/v1/customers/${c.id}/timeline?limit=0`),
      400,
      'validation',
      'query.limit',
    );
    expectError(await rep4.get(`/api/v1/customers/${c.id}/timeline`), 404, 'not_found');
  });
});
