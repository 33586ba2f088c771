import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from './test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from './demo-org.ts';
import { addDays, buildJdBody, countAuditRows, expectError, nextMobile, today } from './support.ts';
import { delegations } from '../src/modules/delegations/delegation.table.ts';
import { employees, positions, roles, units } from '../src/modules/org/org.table.ts';
import { sessions as sessionsTable, users } from '../src/modules/auth/auth.table.ts';
import { jobDescriptions } from '../src/modules/job-descriptions/jd.table.ts';

/**
 * Issue 2, "Bad input and failure": each refusal names the field, and nothing is partly written; a crash
 * in the middle of a request leaves the database as it was.
 *
 * The crash is real: the audit module is replaced by one that calls the real `recordAudit` but can be told
 * to throw on its next call, which every service makes inside its transaction after the change itself.
 */
const crash = vi.hoisted(() => ({ next: 0 }));
vi.mock('../src/platform/audit/audit.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/platform/audit/audit.ts')>();
  return {
    ...real,
    recordAudit: async (...args: Parameters<typeof real.recordAudit>) => {
      if (crash.next > 0) {
        crash.next -= 1;
        throw new Error('simulated crash: the disk filled up while writing the audit row');
      }
      return real.recordAudit(...args);
    },
  };
});

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let admin: Session;
let manager1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, admin, manager1] = await Promise.all([
    signIn(t.app, 'vp'),
    signIn(t.app, 'admin'),
    signIn(t.app, 'manager1'),
  ]);
});
afterAll(() => t.close());

const db = () => t.database.db;
const rowOf = {
  unit: async (id: number) => (await db().select().from(units).where(eq(units.id, id)))[0],
  position: async (id: number) => (await db().select().from(positions).where(eq(positions.id, id)))[0],
  employee: async (id: number) => (await db().select().from(employees).where(eq(employees.id, id)))[0],
  jd: async (id: number) => (await db().select().from(jobDescriptions).where(eq(jobDescriptions.id, id)))[0],
};
const countOf = async (table: typeof units | typeof employees | typeof delegations | typeof positions) =>
  Number((await db().select({ n: count() }).from(table))[0]!.n);

/** Run a refused request and prove it wrote nothing: the audit log and the watched state are unchanged. */
async function expectNothingWritten<T>(watch: () => Promise<T>, act: () => Promise<void>) {
  const [auditBefore, before] = [await countAuditRows(db()), await watch()];
  await act();
  expect(await countAuditRows(db()), 'an audit row was written for a refused request').toBe(auditBefore);
  expect(await watch()).toEqual(before);
}

describe('malformed and unexpected input', () => {
  it('malformed JSON is a 400 on the body, in the caller language', async () => {
    await expectNothingWritten(
      () => countOf(units),
      async () => {
        const res = await vp.send('POST', '/api/v1/org/units', '{"name": "西区", ', {
          'content-type': 'application/json',
          'accept-language': 'en-US',
        });
        const error = expectError(res, 400, 'validation', 'body');
        expect(error.message).toBe('The request body is not valid JSON');
      },
    );
  });

  it('wrong types name each field', async () => {
    await expectNothingWritten(
      () => countOf(employees),
      async () => {
        const res = await vp.send('POST', '/api/v1/employees', {
          name: 123,
          mobile: 13800000000,
          hireDate: '2026-01-01',
        });
        expectError(res, 400, 'validation', 'body.name');
        expectError(res, 400, 'validation', 'body.mobile');
      },
    );
  });

  it('an unknown field is refused by name, also nested', async () => {
    const id = idOf(ids.employee, 'rep4');
    await expectNothingWritten(
      () => rowOf.employee(id),
      async () => {
        const res = await vp.send(
          'PATCH',
          `/api/v1/employees/${id}`,
          { status: 'left', version: 1, isAdmin: true },
          { 'accept-language': 'en-US' },
        );
        const error = expectError(res, 400, 'validation', 'body.isAdmin');
        expect(error.details.find((d) => d.path === 'body.isAdmin')!.message).toBe(
          'Field "isAdmin" is not allowed',
        );
      },
    );
    const body = buildJdBody() as { content: Record<string, unknown> };
    body.content.salaryTable = 'secret';
    const res = await vp.send(
      'POST',
      `/api/v1/positions/${idOf(ids.position, 'XS-MA')}/job-descriptions/draft`,
      body,
    );
    expectError(res, 400, 'validation', 'body.content.salaryTable');
  });

  it('a body over 1 MB is refused with 413 payload_too_large', async () => {
    await expectNothingWritten(
      () => countOf(units),
      async () => {
        const res = await vp.send('POST', '/api/v1/org/units', {
          parentId: null,
          name: 'x'.repeat(1024 * 1024 + 10),
          code: 'BIG',
          kind: 'team',
        });
        expectError(res, 413, 'payload_too_large');
      },
    );
  });

  it.each([
    ['12800138000', 'starts with 12'],
    ['1380013800', 'ten digits'],
    ['138001380001', 'twelve digits'],
    ['+8613800138000', 'with the country code'],
    ['1380013800a', 'a letter'],
  ])('an invalid mobile %s (%s) names body.mobile in both languages', async (mobile) => {
    await expectNothingWritten(
      () => countOf(employees),
      async () => {
        const body = { name: '新人', mobile, hireDate: '2026-11-01' };
        const zh = expectError(
          await vp.send('POST', '/api/v1/employees', body),
          400,
          'validation',
          'body.mobile',
        );
        expect(zh.details[0]!.message).toBe('请输入 11 位中国大陆手机号（以 13–19 开头）');
        const en = expectError(
          await vp.send('POST', '/api/v1/employees', body, { 'accept-language': 'en-US' }),
          400,
          'validation',
          'body.mobile',
        );
        expect(en.details[0]!.message).toMatch(/11-digit mainland China mobile/);
      },
    );
  });
});

describe('loops in the trees', () => {
  it('a reports-to loop is refused on body.reportsToId, and the message names the loop', async () => {
    const groupLeader = idOf(ids.position, 'XS-GL-E');
    const rep = idOf(ids.position, 'XS-REP-E1');
    await expectNothingWritten(
      () => rowOf.position(groupLeader),
      async () => {
        const { version } = (await rowOf.position(groupLeader))!;
        const res = await vp.send('PATCH', `/api/v1/org/positions/${groupLeader}`, {
          reportsToId: rep,
          version,
        });
        const error = expectError(res, 400, 'validation', 'body.reportsToId');
        const message = error.details.find((d) => d.path === 'body.reportsToId')!.message;
        // 销售组组长 → 销售代表 → 销售组长 → 销售组组长: every seat on the loop is named.
        for (const name of ['销售组组长（华东）', '销售代表（华东一组）', '销售组长（华东一组）'])
          expect(message).toContain(name);
      },
    );
  });

  it('a position cannot report to itself', async () => {
    const id = idOf(ids.position, 'XS-TL-E2');
    await expectNothingWritten(
      () => rowOf.position(id),
      async () => {
        const { version } = (await rowOf.position(id))!;
        const res = await vp.send('PATCH', `/api/v1/org/positions/${id}`, { reportsToId: id, version });
        expectError(res, 400, 'validation', 'body.reportsToId');
      },
    );
  });

  it('a unit parent loop is refused on body.parentId, naming the units', async () => {
    const east = idOf(ids.unit, 'XS-E');
    await expectNothingWritten(
      () => rowOf.unit(east),
      async () => {
        const { version } = (await rowOf.unit(east))!;
        const res = await vp.send('PATCH', `/api/v1/org/units/${east}`, {
          parentId: idOf(ids.unit, 'XS-E1'),
          version,
        });
        const error = expectError(res, 400, 'validation', 'body.parentId');
        const message = error.details.find((d) => d.path === 'body.parentId')!.message;
        expect(message).toContain('华东区');
        expect(message).toContain('华东一组');
        const self = await vp.send('PATCH', `/api/v1/org/units/${east}`, { parentId: east, version });
        expectError(self, 400, 'validation', 'body.parentId');
      },
    );
  });
});

describe('delegations that cannot be', () => {
  it('to oneself: body.toEmployeeId', async () => {
    await expectNothingWritten(
      () => countOf(delegations),
      async () => {
        const res = await manager1.send('POST', '/api/v1/delegations', {
          toEmployeeId: idOf(ids.employee, 'manager1'),
          startDate: today(),
          endDate: addDays(today(), 3),
          reason: '出差',
        });
        expectError(res, 400, 'validation', 'body.toEmployeeId');
      },
    );
  });

  it('ending before it starts: body.endDate', async () => {
    await expectNothingWritten(
      () => countOf(delegations),
      async () => {
        const res = await manager1.send('POST', '/api/v1/delegations', {
          toEmployeeId: idOf(ids.employee, 'lead2'),
          startDate: addDays(today(), 3),
          endDate: today(),
          reason: '出差',
        });
        expectError(res, 400, 'validation', 'body.endDate');
      },
    );
  });
});

describe('a stale version is a 409 and the newer change stays', () => {
  it.each([
    ['unit', () => `/api/v1/org/units/${idOf(ids.unit, 'KF')}`, { name: '客户服务部' }, { name: '覆盖' }],
    [
      'position',
      () => `/api/v1/org/positions/${idOf(ids.position, 'KF-PS')}`,
      { headcountPlanned: 2 },
      { headcountPlanned: 9 },
    ],
    [
      'employee',
      () => `/api/v1/employees/${idOf(ids.employee, '冯晨')}`,
      { status: 'on_leave' },
      { status: 'left' },
    ],
  ] as const)('%s', async (_kind, url, first, second) => {
    const { version } = (await vp.get(url())).json();
    const saved = await vp.send('PATCH', url(), { ...first, version });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = saved.json();
    expect(after.version).toBe(version + 1);
    await expectNothingWritten(
      async () => (await vp.get(url())).json(),
      async () => {
        const stale = await vp.send('PATCH', url(), { ...second, version }, { 'accept-language': 'en-US' });
        const error = expectError(stale, 409, 'conflict');
        expect(error.message).toMatch(/changed this .*; reload it/);
      },
    );
    expect((await vp.get(url())).json()).toMatchObject(first);
  });

  it('job description draft', async () => {
    const positionId = idOf(ids.position, 'XS-REP-S1');
    const url = `/api/v1/positions/${positionId}/job-descriptions/draft`;
    const started = await vp.send('POST', url, buildJdBody({ summary: '第一稿' }));
    expect(started.statusCode, started.body).toBe(200);
    const draft = started.json();
    const saved = await vp.send('POST', url, {
      ...buildJdBody({ summary: '第二稿' }),
      version: draft.version,
    });
    expect(saved.json().version).toBe(draft.version + 1);
    await expectNothingWritten(
      () => rowOf.jd(draft.id),
      async () => {
        const stale = await vp.send('POST', url, {
          ...buildJdBody({ summary: '旧稿覆盖' }),
          version: draft.version,
        });
        expectError(stale, 409, 'conflict');
        // Starting a second draft (no version) while one exists is the same conflict.
        expectError(await vp.send('POST', url, buildJdBody({ summary: '另起一稿' })), 409, 'conflict');
      },
    );
    expect((await rowOf.jd(draft.id))!.content).toMatchObject({ summary: '第二稿' });
  });
});

describe('publishing a job description with required sections empty', () => {
  it('is a 422 listing every empty section, and the draft stays a draft', async () => {
    const positionId = idOf(ids.position, 'XS-REP-E2');
    const body = buildJdBody();
    body.documentControl.docNo = '';
    body.content.summary = '  ';
    body.content.responsibilities = [];
    body.content.qualifications.education = '';
    const draft = (
      await vp.send('POST', `/api/v1/positions/${positionId}/job-descriptions/draft`, body)
    ).json();
    expect(draft.status).toBe('draft');
    const current = (await vp.get(`/api/v1/positions/${positionId}/job-descriptions/current`)).json();
    await expectNothingWritten(
      async () => [await rowOf.jd(draft.id), await rowOf.jd(current.id)],
      async () => {
        const res = await vp.send('POST', `/api/v1/job-descriptions/${draft.id}/publish`, {
          version: draft.version,
        });
        const error = expectError(res, 422, 'business_rule');
        expect(error.details.map((d) => d.path)).toEqual([
          'documentControl.docNo',
          'content.summary',
          'content.responsibilities',
          'content.qualifications.education',
        ]);
      },
    );
    expect((await vp.get(`/api/v1/positions/${positionId}/job-descriptions/current`)).json().id).toBe(
      current.id,
    );
  });
});

describe('duplicates are a 409 naming the field', () => {
  it('unit code', async () => {
    await expectNothingWritten(
      () => countOf(units),
      async () => {
        const res = await vp.send('POST', '/api/v1/org/units', {
          parentId: null,
          name: '重复',
          code: 'XS-E',
          kind: 'team',
        });
        const error = expectError(res, 409, 'conflict', 'body.code');
        expect(error.message).toContain('XS-E');
      },
    );
    const kf = (await vp.get(`/api/v1/org/units/${idOf(ids.unit, 'MD-01')}`)).json();
    await expectNothingWritten(
      () => rowOf.unit(kf.id),
      async () => {
        const res = await vp.send('PATCH', `/api/v1/org/units/${kf.id}`, { code: 'HQ', version: kf.version });
        expectError(res, 409, 'conflict', 'body.code');
      },
    );
  });

  it('position code', async () => {
    await expectNothingWritten(
      () => countOf(positions),
      async () => {
        const res = await vp.send('POST', '/api/v1/org/positions', {
          unitId: idOf(ids.unit, 'XS'),
          reportsToId: null,
          name: '重复',
          code: 'XS-VP',
          headcountPlanned: 1,
          roleId: (await db().select().from(roles).where(eq(roles.code, 'staff')))[0]!.id,
          dataScope: 'own',
        });
        expectError(res, 409, 'conflict', 'body.code');
      },
    );
  });

  it('employee mobile, on create and on update', async () => {
    const rep1 = (await vp.get(`/api/v1/employees/${idOf(ids.employee, 'rep1')}`)).json();
    const rep2 = (await vp.get(`/api/v1/employees/${idOf(ids.employee, 'rep2')}`)).json();
    await expectNothingWritten(
      async () => [await countOf(employees), await rowOf.employee(rep2.id)],
      async () => {
        const created = await vp.send('POST', '/api/v1/employees', {
          name: '重号',
          mobile: rep1.mobile,
          hireDate: '2026-11-01',
        });
        const error = expectError(created, 409, 'conflict', 'body.mobile');
        expect(error.message).toContain(rep1.mobile);
        const updated = await vp.send('PATCH', `/api/v1/employees/${rep2.id}`, {
          mobile: rep1.mobile,
          version: rep2.version,
        });
        expectError(updated, 409, 'conflict', 'body.mobile');
      },
    );
  });

  it('username', async () => {
    await expectNothingWritten(
      async () => (await db().select({ n: count() }).from(users))[0]!.n,
      async () => {
        const res = await admin.send('POST', '/api/v1/users', {
          username: 'rep1',
          employeeId: idOf(ids.employee, '冯晨'),
          password: 'a-long-password',
        });
        const error = expectError(res, 409, 'conflict', 'body.username');
        expect(error.message).toContain('rep1');
      },
    );
  });

  it('role code', async () => {
    await expectNothingWritten(
      async () => (await db().select({ n: count() }).from(roles))[0]!.n,
      async () => {
        const res = await admin.send('POST', '/api/v1/org/roles', {
          code: 'staff',
          name: '重复',
          permissions: [],
        });
        expectError(res, 409, 'conflict', 'body.code');
      },
    );
  });
});

describe('a crash in the middle of a request leaves the database as it was', () => {
  it('position update: the row keeps its values and version', async () => {
    const id = idOf(ids.position, 'MD-CA');
    const { version } = (await rowOf.position(id))!;
    await expectNothingWritten(
      () => rowOf.position(id),
      async () => {
        crash.next = 1;
        const res = await vp.send('PATCH', `/api/v1/org/positions/${id}`, {
          name: '收银主管',
          headcountPlanned: 5,
          version,
        });
        expectError(res, 500, 'internal');
        expect(res.body).not.toContain('simulated crash');
        expect(crash.next).toBe(0);
      },
    );
    // The same request succeeds once the fault is gone.
    const retry = await vp.send('PATCH', `/api/v1/org/positions/${id}`, {
      name: '收银主管',
      headcountPlanned: 5,
      version,
    });
    expect(retry.statusCode).toBe(200);
  });

  it('employee create: no half-made employee', async () => {
    const mobile = nextMobile();
    await expectNothingWritten(
      () => countOf(employees),
      async () => {
        crash.next = 1;
        const res = await vp.send('POST', '/api/v1/employees', {
          name: '半成品',
          mobile,
          hireDate: '2026-11-01',
        });
        expectError(res, 500, 'internal');
      },
    );
    expect(await db().select().from(employees).where(eq(employees.mobile, mobile))).toEqual([]);
  });

  it('publish: the previous version stays in force and the draft stays a draft', async () => {
    const positionId = idOf(ids.position, 'MD-TL');
    const draft = (
      await vp.send(
        'POST',
        `/api/v1/positions/${positionId}/job-descriptions/draft`,
        buildJdBody({ summary: '新版' }),
      )
    ).json();
    const current = (await vp.get(`/api/v1/positions/${positionId}/job-descriptions/current`)).json();
    await expectNothingWritten(
      async () => [await rowOf.jd(draft.id), await rowOf.jd(current.id)],
      async () => {
        crash.next = 1;
        const res = await vp.send('POST', `/api/v1/job-descriptions/${draft.id}/publish`, {
          version: draft.version,
        });
        expectError(res, 500, 'internal');
      },
    );
    expect((await rowOf.jd(current.id))!.status).toBe('published');
  });

  it('password reset: the sessions and the old password survive', async () => {
    const store = await signIn(t.app, 'store1');
    const userId = idOf(ids.user, 'store1');
    const sessionCount = async () =>
      Number(
        (await db().select({ n: count() }).from(sessionsTable).where(eq(sessionsTable.userId, userId)))[0]!.n,
      );
    await expectNothingWritten(
      async () => [await sessionCount(), (await db().select().from(users).where(eq(users.id, userId)))[0]],
      async () => {
        crash.next = 1;
        const res = await admin.send('POST', `/api/v1/users/${userId}/reset-password`, {
          newPassword: 'crash-password-1',
        });
        expectError(res, 500, 'internal');
      },
    );
    expect((await store.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});
