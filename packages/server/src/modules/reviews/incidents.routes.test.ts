import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { addDays, expectError, signInAll, today } from '../../../test/support.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { incidentTotals } from './incidents.service.ts';

let t: TestApp;
let ids: DemoIds;
let lead1: Session;
let manager1: Session;
let director: Session;
let rep1: Session;
let rep2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [lead1, manager1, director, rep1, rep2] = await signInAll(t.app, [
    'lead1',
    'manager1',
    'director',
    'rep1',
    'rep2',
  ]);
});
afterAll(() => t.close());

const emp = (who: string) => idOf(ids.employee, who);

interface IncidentJson {
  id: number;
  employeeName: string;
  kind: string;
  status: string;
  amountFen: number;
  appealReason: string | null;
  decisionNote: string | null;
  recordedBy: string | null;
  decidedBy: string | null;
  version: number;
}

const fine = (who: string, extra: Record<string, unknown> = {}) => ({
  employeeId: emp(who),
  kind: 'fine',
  type: 'new_hire_details_unknown',
  day: '2026-10-12',
  amountFen: 10_000,
  note: '新员工入职两天后仍不了解其基本资料',
  ...extra,
});

describe('fines and rewards', () => {
  it('the superior records one; the employee sees it, a peer does not', async () => {
    const res = await lead1.send('POST', '/api/v1/incidents', fine('rep1'));
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json<IncidentJson>();
    expect(incident).toMatchObject({
      employeeName: '赵磊',
      status: 'active',
      amountFen: 10_000,
      recordedBy: 'lead1',
    });
    expect((await rep1.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await rep1.get('/api/v1/incidents?month=2026-10')).json<{ total: number }>().total).toBe(1);
    expectError(await rep2.get(`/api/v1/incidents/${incident.id}`), 404, 'not_found');
  });

  it.each([
    ['a negative amount', { amountFen: -1 }, 'body.amountFen', 400],
    ['a day to come', { day: addDays(today(), 1) }, 'body.day', 400],
    ['an unknown type', { type: 'bad_mood' }, 'body.type', 400],
  ])('refuses %s, naming the field', async (_, extra, path, status) => {
    expectError(
      await lead1.send('POST', '/api/v1/incidents', fine('rep2', extra)),
      status,
      'validation',
      path,
    );
  });

  it('refuses someone outside the recorder’s scope, oneself, and people without the right', async () => {
    expectError(
      await lead1.send('POST', '/api/v1/incidents', fine('rep7')),
      400,
      'validation',
      'body.employeeId',
    );
    expectError(
      await lead1.send('POST', '/api/v1/incidents', fine('lead1')),
      422,
      'business_rule',
      'body.employeeId',
    );
    expectError(await rep1.send('POST', '/api/v1/incidents', fine('rep2')), 403, 'forbidden');
  });

  it('the employee appeals; neither the recorder nor a stranger decides; the next level up cancels it', async () => {
    let incident = (
      await manager1.send('POST', '/api/v1/incidents', fine('rep2', { amountFen: 5_000 }))
    ).json<IncidentJson>();
    const url = (action: string) => `/api/v1/incidents/${incident.id}/${action}`;
    expectError(
      await rep1.send('POST', url('appeal'), { reason: '不是我', version: incident.version }),
      404,
      'not_found',
    );
    expectError(
      await lead1.send('POST', url('appeal'), { reason: '代为申诉', version: incident.version }),
      403,
      'forbidden',
    );
    incident = (
      await rep2.send('POST', url('appeal'), {
        reason: '新员工资料已于入职当天登记',
        version: incident.version,
      })
    ).json<IncidentJson>();
    expect(incident).toMatchObject({ status: 'appealed', appealReason: '新员工资料已于入职当天登记' });
    expectError(
      await manager1.send('POST', url('decide'), { decision: 'cancelled', version: incident.version }),
      403,
      'forbidden',
    );
    incident = (
      await director.send('POST', url('decide'), {
        decision: 'cancelled',
        note: '经核实资料已登记',
        version: incident.version,
      })
    ).json<IncidentJson>();
    expect(incident).toMatchObject({
      status: 'cancelled',
      decisionNote: '经核实资料已登记',
      decidedBy: 'director',
    });
    expectError(
      await rep2.send('POST', url('appeal'), { reason: '再次', version: incident.version }),
      422,
      'business_rule',
    );
  });

  it('pay counts the fines and rewards in force: active or upheld, not appealed nor cancelled', async () => {
    const who = emp('rep3');
    const record = async (extra: Record<string, unknown>) =>
      (
        await lead1.send('POST', '/api/v1/incidents', fine('rep3', { day: '2026-09-10', ...extra }))
      ).json<IncidentJson>();
    await record({ amountFen: 10_000 });
    await record({ amountFen: 10_000, type: 'new_hire_work_unchecked' });
    await record({ kind: 'reward', type: 'commendation', amountFen: 30_000 });
    await record({ amountFen: 99_900, day: '2026-08-31' }); // another month
    const upheld = await record({ amountFen: 20_000 });
    const appealed = await record({ amountFen: 40_000 });
    const rep3 = (await signInAll(t.app, ['rep3']))[0];
    const u = (
      await rep3.send('POST', `/api/v1/incidents/${upheld.id}/appeal`, {
        reason: '有异议',
        version: upheld.version,
      })
    ).json<IncidentJson>();
    await director.send('POST', `/api/v1/incidents/${u.id}/decide`, {
      decision: 'upheld',
      version: u.version,
    });
    await rep3.send('POST', `/api/v1/incidents/${appealed.id}/appeal`, {
      reason: '有异议',
      version: appealed.version,
    });

    const totals = await incidentTotals(t.database.db, ids.companyId, [who, emp('rep4')], '2026-09');
    expect(totals.get(who)).toEqual({ count: 3, finesFen: 40_000, rewardCount: 1, rewardsFen: 30_000 });
    expect(totals.get(emp('rep4'))).toEqual({ count: 0, finesFen: 0, rewardCount: 0, rewardsFen: 0 });
  });
});
