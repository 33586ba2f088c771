import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { buildJdBody, countAuditRows, expectError, signInAll } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { DEMO_JOB_DESCRIPTIONS } from '../demo/demo-job-descriptions.ts';
import { findChromium } from './jd-pdf.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let rep1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, rep1] = await signInAll(t.app, ['vp', 'manager1', 'rep1']);
});
afterAll(() => t.close());

interface JdJson {
  id: number;
  positionId: number;
  versionNo: number;
  status: string;
  version: number;
  publishedBy: string | null;
  publishedAt: string | null;
  content: { summary: string; identification: { positionName: string } };
}
const currentJd = (code: string) => ids.jds.get(code)!.at(-1)!.id;

describe('editing and publishing', () => {
  it('draft → save with the version → publish; the previous version is superseded', async () => {
    const seat = idOf(ids.position, 'XS-TL-E1');
    const before = (await vp.get(`/api/v1/positions/${seat}/job-descriptions/current`)).json() as JdJson;
    expect(before).toMatchObject({ versionNo: 1, status: 'published' });

    const started = await vp.send(
      'POST',
      `/api/v1/positions/${seat}/job-descriptions/draft`,
      buildJdBody({ summary: '草稿一' }),
    );
    expect(started.statusCode, started.body).toBe(200);
    const draft = started.json() as JdJson;
    expect(draft).toMatchObject({ status: 'draft', versionNo: 2, version: 1, publishedAt: null });
    // While a draft exists, the version in force is still the published one; readers see the draft listed.
    expect((await rep1.get(`/api/v1/positions/${seat}/job-descriptions/current`)).statusCode).toBe(404);
    const lead1 = await signIn(t.app, 'lead1');
    expect((await lead1.get(`/api/v1/positions/${seat}/job-descriptions/current`)).json().id).toBe(before.id);

    const saved = await vp.send('POST', `/api/v1/positions/${seat}/job-descriptions/draft`, {
      ...buildJdBody({ summary: '草稿二', docNo: 'JD-XS-006-2' }),
      version: 1,
    });
    expect(saved.json()).toMatchObject({ id: draft.id, version: 2, content: { summary: '草稿二' } });

    expectError(
      await vp.send('POST', `/api/v1/job-descriptions/${draft.id}/publish`, { version: 1 }),
      409,
      'conflict',
    );
    const published = await vp.send('POST', `/api/v1/job-descriptions/${draft.id}/publish`, { version: 2 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', versionNo: 2, publishedBy: 'vp' });
    expect(Date.now() - Date.parse(published.json().publishedAt)).toBeLessThan(60_000);

    const versions = (await lead1.get(`/api/v1/positions/${seat}/job-descriptions`)).json();
    expect(versions.map((v: JdJson) => [v.versionNo, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect(
      (await lead1.get(`/api/v1/positions/${seat}/job-descriptions/current`)).json().content.summary,
    ).toBe('草稿二');
    // A published version is not a draft any more: publishing it again is refused.
    expectError(
      await vp.send('POST', `/api/v1/job-descriptions/${draft.id}/publish`, { version: 3 }),
      409,
      'conflict',
    );
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'job_description'), eq(auditLog.entityId, String(draft.id))));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'publish']);
    expect(audit[2]).toMatchObject({
      before: { status: 'draft' },
      after: { status: 'published', versionNo: 2 },
    });
  });

  it('needs jd.edit to draft and jd.publish to publish', async () => {
    const seat = idOf(ids.position, 'XS-REP-E1');
    expectError(
      await rep1.send('POST', `/api/v1/positions/${seat}/job-descriptions/draft`, buildJdBody()),
      403,
      'forbidden',
    );
    // The East manager may edit but not publish.
    const draft = await manager1.send(
      'POST',
      `/api/v1/positions/${seat}/job-descriptions/draft`,
      buildJdBody(),
    );
    expect(draft.statusCode, draft.body).toBe(200);
    const before = await countAuditRows(t.database.db);
    expectError(
      await manager1.send('POST', `/api/v1/job-descriptions/${draft.json().id}/publish`, { version: 1 }),
      403,
      'forbidden',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
    // Nor may they draft outside their scope.
    expectError(
      await manager1.send(
        'POST',
        `/api/v1/positions/${idOf(ids.position, 'MD-SM')}/job-descriptions/draft`,
        buildJdBody(),
      ),
      404,
      'not_found',
    );
  });
});

describe('compare', () => {
  it('lists what changed between the two 销售组组长 versions', async () => {
    const [v1, v2] = ids.jds.get('XS-GL-E')!;
    const res = await vp.get(`/api/v1/job-descriptions/compare?from=${v1!.id}&to=${v2!.id}`);
    expect(res.statusCode).toBe(200);
    const diff = res.json() as { path: string; kind: string; before: unknown; after: unknown }[];
    expect(diff).toContainEqual(
      expect.objectContaining({
        path: 'documentControl.effectiveDate',
        kind: 'changed',
        before: '2025-01-01',
      }),
    );
    // Version 1 had one duty fewer per responsibility: version 2 adds the last duty of each.
    const added = diff.filter((d) => d.kind === 'added');
    expect(added.length).toBeGreaterThan(0);
    const duties = DEMO_JOB_DESCRIPTIONS.group_leader.content.responsibilities[0]!.duties;
    expect(added).toContainEqual({
      path: `content.responsibilities[0].duties[${duties.length - 1}]`,
      kind: 'added',
      after: duties.at(-1),
    });
    for (const d of added) expect(d.path).toMatch(/^content\.responsibilities\[\d+\]\.duties\[\d+\]$/);
  });

  it('a version compared with itself has no differences; reversed, additions become removals', async () => {
    const [v1, v2] = ids.jds.get('XS-GL-E')!;
    expect((await vp.get(`/api/v1/job-descriptions/compare?from=${v2!.id}&to=${v2!.id}`)).json()).toEqual([]);
    const back = (await vp.get(`/api/v1/job-descriptions/compare?from=${v2!.id}&to=${v1!.id}`)).json();
    expect(back.some((d: { kind: string }) => d.kind === 'removed')).toBe(true);
    expect(back.some((d: { kind: string }) => d.kind === 'added')).toBe(false);
  });
});

describe('print view', () => {
  it('is the seed text laid out with Chinese labels by default', async () => {
    const res = await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/print`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const seed = DEMO_JOB_DESCRIPTIONS.group_leader.content;
    expect(res.body).toContain(seed.summary);
    expect(res.body).toContain(seed.responsibilities[0]!.duties[0]!);
    expect(res.body).toContain('销售组组长（华东）');
    for (const label of ['岗位职责说明书', '直接上级', '任职资格', '本人已阅读本岗位职责说明，并严格履行']) {
      expect(res.body).toContain(label);
    }
  });

  it('?lang=en-US prints English labels around the same Chinese text', async () => {
    const res = await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/print?lang=en-US`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en-US">');
    for (const label of [
      'Job Description',
      'Reports to',
      'Qualifications',
      'I have read this job description',
    ]) {
      expect(res.body).toContain(label);
    }
    expect(res.body).not.toContain('直接上级');
    expect(res.body).toContain(DEMO_JOB_DESCRIPTIONS.group_leader.content.summary);
    const byHeader = await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/print`, {
      'accept-language': 'en-US',
    });
    expect(byHeader.body).toContain('Reports to');
  });
});

describe('acknowledgement (本人已阅读本岗位职责说明，并严格履行)', () => {
  it('a holder signs the version in force; who and when are recorded; signing twice keeps the first signature', async () => {
    const lead2 = await signIn(t.app, 'lead2');
    const jdId = currentJd('XS-TL-E2');
    const first = await lead2.send('POST', `/api/v1/job-descriptions/${jdId}/acknowledge`);
    expect(first.statusCode, first.body).toBe(201);
    const signature = first.json();
    expect(signature).toMatchObject({
      jdId,
      versionNo: 1,
      employeeId: idOf(ids.employee, 'lead2'),
      employeeName: '孙悦',
    });
    expect(Math.abs(Date.now() - Date.parse(signature.acknowledgedAt))).toBeLessThan(60_000);

    const auditBefore = await countAuditRows(t.database.db);
    const again = await lead2.send('POST', `/api/v1/job-descriptions/${jdId}/acknowledge`);
    expect(again.json()).toEqual(signature);
    expect(await countAuditRows(t.database.db)).toBe(auditBefore);

    const list = (await vp.get(`/api/v1/job-descriptions/${jdId}/acknowledgements`)).json();
    expect(list).toEqual([signature]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'acknowledge'), eq(auditLog.entityId, String(jdId))));
    expect(audit).toMatchObject({ actorName: 'lead2', entity: 'job_description' });
  });

  it('a non-holder who can see the JD gets 422, and nothing is recorded', async () => {
    const before = await countAuditRows(t.database.db);
    const error = expectError(
      await vp.send('POST', `/api/v1/job-descriptions/${currentJd('XS-TL-E2')}/acknowledge`, undefined, {
        'accept-language': 'en-US',
      }),
      422,
      'business_rule',
      'params.id',
    );
    expect(error.details[0]!.message).toBe('Only holders of this position can acknowledge it');
    expect(await countAuditRows(t.database.db)).toBe(before);
    expect(
      (await vp.get(`/api/v1/job-descriptions/${currentJd('XS-TL-E2')}/acknowledgements`)).json(),
    ).toHaveLength(1);
  });

  it('only the version in force can be signed: the superseded 销售组组长 version is 422', async () => {
    const group1 = await signIn(t.app, 'group1');
    const [v1] = ids.jds.get('XS-GL-E')!;
    expectError(
      await group1.send('POST', `/api/v1/job-descriptions/${v1!.id}/acknowledge`),
      422,
      'business_rule',
      'params.id',
    );
    // The seeded signature on version 2 is returned as it is.
    const seeded = await group1.send('POST', `/api/v1/job-descriptions/${currentJd('XS-GL-E')}/acknowledge`);
    expect(seeded.json()).toMatchObject({ employeeName: '陈静', versionNo: 2 });
  });

  it('the concurrent holder signs the South seat too', async () => {
    const group1 = await signIn(t.app, 'group1');
    const res = await group1.send('POST', `/api/v1/job-descriptions/${currentJd('XS-GL-S')}/acknowledge`);
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('PDF', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  if (findChromium() === null) {
    it('without Chromium, answers 503 with the install hint', async () => {
      const res = await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/pdf`, {
        'accept-language': 'en-US',
      });
      const error = expectError(res, 503, 'unavailable');
      expect(error.message).toMatch(/chromium.*fonts-wqy-microhei/i);
    });
  } else {
    it('answers an A4 PDF download named after the position', async () => {
      const res = await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('销售组组长（华东）-v2.pdf'));
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(res.rawPayload.length).toBeGreaterThan(5_000);
    });
  }

  it('with CHROMIUM_PATH pointing nowhere, answers 503 and says what to install', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const zh = expectError(
      await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/pdf`),
      503,
      'unavailable',
    );
    expect(zh.message).toContain('chromium');
    const en = expectError(
      await vp.get(`/api/v1/job-descriptions/${currentJd('XS-GL-E')}/pdf`, { 'accept-language': 'en-US' }),
      503,
      'unavailable',
    );
    expect(en.message).toMatch(/install Debian chromium and fonts-wqy-microhei, or set CHROMIUM_PATH/);
  });
});
