import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import {
  addDays,
  countAuditRows,
  expectError,
  nextMobile,
  readAllPages,
  today,
} from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let lead2: Session;
let rep1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, lead2, rep1] = await Promise.all([signIn(t.app, 'vp'), signIn(t.app, 'lead2'), signIn(t.app, 'rep1')]);
});
afterAll(() => t.close());

interface EmployeeJson {
  id: number;
  name: string;
  mobile: string;
  hireDate: string;
  status: string;
  version: number;
  mentorName: string | null;
  username: string | null;
  assignments: { id: number; positionName: string; kind: string; endDate: string | null }[];
}

async function createEmployee(body: Record<string, unknown> = {}): Promise<EmployeeJson> {
  const res = await vp.send('POST', '/api/v1/employees', {
    name: '新员工',
    mobile: nextMobile(),
    hireDate: '2026-11-02',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('create', () => {
  it('creates an employee with the defaults, the mentor named, and an audit row', async () => {
    const e = await createEmployee({
      name: '钱多多',
      probationEnd: '2027-02-01',
      mentorId: idOf(ids.employee, 'rep1'),
    });
    expect(e).toMatchObject({
      name: '钱多多',
      hireDate: '2026-11-02',
      status: 'probation',
      mentorName: '赵磊',
      username: null,
      assignments: [],
      version: 1,
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(e.id)));
    expect(audit).toMatchObject({ action: 'create', entity: 'employee', actorName: 'vp' });
    expect(audit!.after).toMatchObject({ name: '钱多多', mobile: e.mobile });
  });

  it.each([
    ['12345678901', 400],
    ['1380013800', 400],
    ['19912345678', 201],
    ['13012345678', 201],
  ])('mobile %s → %i', async (mobile, status) => {
    const res = await vp.send('POST', '/api/v1/employees', {
      name: '手机测试',
      mobile,
      hireDate: '2026-11-02',
    });
    if (status === 400) expectError(res, 400, 'validation', 'body.mobile');
    else expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a probation end before the hire date and a mentor that is not an employee', async () => {
    const before = await countAuditRows(t.database.db);
    expectError(
      await vp.send('POST', '/api/v1/employees', {
        name: 'x',
        mobile: nextMobile(),
        hireDate: '2026-11-02',
        probationEnd: '2026-10-01',
      }),
      400,
      'validation',
      'body.probationEnd',
    );
    expectError(
      await vp.send('POST', '/api/v1/employees', {
        name: 'x',
        mobile: nextMobile(),
        hireDate: '2026-11-02',
        mentorId: 999_999,
      }),
      400,
      'validation',
      'body.mentorId',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('needs employee.manage: a team lead gets 403', async () => {
    expectError(
      await lead2.send('POST', '/api/v1/employees', {
        name: 'x',
        mobile: nextMobile(),
        hireDate: '2026-11-02',
      }),
      403,
      'forbidden',
    );
  });
});

describe('update', () => {
  it('changes fields with the version; a stale version is 409; the audit keeps before and after', async () => {
    const e = await createEmployee({ name: '孔明' });
    const res = await vp.send('PATCH', `/api/v1/employees/${e.id}`, {
      status: 'active',
      mobile: '13700137000',
      version: 1,
    });
    expect(res.json()).toMatchObject({ status: 'active', mobile: '13700137000', version: 2, name: '孔明' });
    expectError(
      await vp.send('PATCH', `/api/v1/employees/${e.id}`, { status: 'left', version: 1 }),
      409,
      'conflict',
    );
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(e.id)));
    const update = rows.find((r) => r.action === 'update' && r.entity === 'employee')!;
    expect(update.before).toMatchObject({ status: 'probation', version: 1 });
    expect(update.after).toMatchObject({ status: 'active', mobile: '13700137000', version: 2 });
    expect((await vp.get(`/api/v1/employees/${e.id}`)).json().status).toBe('active');
  });

  it('refuses an employee as their own mentor', async () => {
    const e = await createEmployee();
    expectError(
      await vp.send('PATCH', `/api/v1/employees/${e.id}`, { mentorId: e.id, version: 1 }),
      400,
      'validation',
      'body.mentorId',
    );
  });
});

describe('assignments', () => {
  it('assigning brings a new hire into the team lead scope and fills the seat; ending takes them out', async () => {
    const e = await createEmployee({ name: '新来的' });
    const seat = idOf(ids.position, 'XS-REP-E2');
    const filledBefore = (await vp.get(`/api/v1/org/positions/${seat}`)).json().headcountFilled;
    expect((await lead2.get(`/api/v1/employees/${e.id}`)).statusCode).toBe(404);

    const added = await vp.send('POST', '/api/v1/assignments', {
      employeeId: e.id,
      positionId: seat,
      kind: 'primary',
      startDate: addDays(today(), -10),
    });
    expect(added.statusCode, added.body).toBe(201);
    const assignment = added.json();
    expect(assignment).toMatchObject({
      employeeName: '新来的',
      positionName: '销售代表（华东二组）',
      kind: 'primary',
    });
    expect((await vp.get(`/api/v1/org/positions/${seat}`)).json().headcountFilled).toBe(filledBefore + 1);
    const seen = await lead2.get(`/api/v1/employees/${e.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().assignments.map((a: { id: number }) => a.id)).toEqual([assignment.id]);

    expectError(
      await vp.send('POST', `/api/v1/assignments/${assignment.id}/end`, { endDate: addDays(today(), -20) }),
      400,
      'validation',
      'body.endDate',
    );
    const ended = await vp.send('POST', `/api/v1/assignments/${assignment.id}/end`, {
      endDate: addDays(today(), -1),
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endDate).toBe(addDays(today(), -1));
    expect((await lead2.get(`/api/v1/employees/${e.id}`)).statusCode).toBe(404);
    expect((await vp.get(`/api/v1/org/positions/${seat}`)).json().headcountFilled).toBe(filledBefore);
    expectError(
      await vp.send('POST', `/api/v1/assignments/${assignment.id}/end`, { endDate: today() }),
      422,
      'business_rule',
      'params.id',
    );
  });

  it('refuses an assignment that ends before it starts, or to a seat that does not exist', async () => {
    const e = await createEmployee();
    expectError(
      await vp.send('POST', '/api/v1/assignments', {
        employeeId: e.id,
        positionId: idOf(ids.position, 'XS-REP-E1'),
        kind: 'concurrent',
        startDate: '2026-11-10',
        endDate: '2026-11-01',
      }),
      400,
      'validation',
      'body.endDate',
    );
    expectError(
      await vp.send('POST', '/api/v1/assignments', {
        employeeId: e.id,
        positionId: 999_999,
        kind: 'primary',
        startDate: '2026-11-10',
      }),
      400,
      'validation',
      'body.positionId',
    );
  });

  it('a concurrent assignment starting in the future does not count yet', async () => {
    const e = await createEmployee();
    const res = await vp.send('POST', '/api/v1/assignments', {
      employeeId: e.id,
      positionId: idOf(ids.position, 'XS-TL-E2'),
      kind: 'concurrent',
      startDate: addDays(today(), 30),
    });
    expect(res.statusCode).toBe(201);
    expect((await lead2.get(`/api/v1/employees/${e.id}`)).statusCode).toBe(404);
  });
});

describe('list', () => {
  it('searches by name and by mobile, within scope', async () => {
    const byName = (await vp.get('/api/v1/employees?q=赵')).json();
    expect(byName.items.map((e: EmployeeJson) => e.name)).toEqual(['赵磊']);
    const mobile = byName.items[0].mobile as string;
    const byMobile = (await vp.get(`/api/v1/employees?q=${mobile.slice(-4)}`)).json();
    expect(byMobile.items.map((e: EmployeeJson) => e.name)).toContain('赵磊');
    // rep1 may search, but only finds their own team.
    expect((await rep1.get('/api/v1/employees?q=郑')).json().items).toEqual([]);
    // Wildcards in the search are text, not patterns.
    expect((await vp.get('/api/v1/employees?q=%25')).json().items).toEqual([]);
  });

  it('filters by unit and status', async () => {
    const team = (await vp.get(`/api/v1/employees?unitId=${idOf(ids.unit, 'XS-S1')}&sort=hireDate`)).json();
    expect(team.items.map((e: EmployeeJson) => e.name)).toEqual(['何俊', '高鹏', '林婷', '罗斌']);
    const probation = (await vp.get('/api/v1/employees?status=probation&q=罗')).json();
    expect(probation.items.map((e: EmployeeJson) => e.name)).toEqual(['罗斌']);
  });

  it('sorts by hire date both ways, by name and by status consistently, and pages', async () => {
    const storeUnit = idOf(ids.unit, 'MD-01');
    const asc = (await vp.get(`/api/v1/employees?unitId=${storeUnit}&sort=hireDate`)).json();
    expect(asc.items.map((e: EmployeeJson) => e.name)).toEqual([
      '梁雪',
      '宋佳',
      '郑慧',
      '谢琳',
      '韩雪',
      '唐糖',
    ]);
    const desc = (await vp.get(`/api/v1/employees?unitId=${storeUnit}&sort=hireDate&order=desc`)).json();
    expect(desc.items.map((e: EmployeeJson) => e.name)).toEqual([
      '唐糖',
      '韩雪',
      '谢琳',
      '郑慧',
      '宋佳',
      '梁雪',
    ]);

    const names = (order: string) =>
      vp
        .get(`/api/v1/employees?unitId=${storeUnit}&sort=name&order=${order}`)
        .then((r) => r.json().items.map((e: EmployeeJson) => e.name) as string[]);
    const [nameAsc, nameDesc] = [await names('asc'), await names('desc')];
    expect(nameAsc).toHaveLength(6);
    expect(nameDesc).toEqual([...nameAsc].reverse());

    const byStatus = (await vp.get(`/api/v1/employees?unitId=${storeUnit}&sort=status`)).json();
    expect(byStatus.items.map((e: EmployeeJson) => e.status)).toEqual([
      'active',
      'active',
      'active',
      'active',
      'active',
      'probation',
    ]);

    const { items, pages } = await readAllPages<EmployeeJson>(
      vp,
      `/api/v1/employees?unitId=${storeUnit}&sort=hireDate`,
      4,
    );
    expect(pages).toBe(2);
    expect(items.map((e) => e.name)).toEqual(asc.items.map((e: EmployeeJson) => e.name));
  });

  it('refuses an unknown sort, naming query.sort and the allowed keys', async () => {
    const error = expectError(
      await vp.get('/api/v1/employees?sort=bogus', { 'accept-language': 'en-US' }),
      400,
      'validation',
      'query.sort',
    );
    expect(error.details[0]!.message).toBe('Cannot sort by "bogus"; choose one of: name, hireDate, status');
    expectError(await vp.get('/api/v1/employees?pageSize=201'), 400, 'validation', 'query.pageSize');
    expectError(await vp.get('/api/v1/employees?page=0'), 400, 'validation', 'query.page');
    expectError(await vp.get('/api/v1/employees?order=up'), 400, 'validation', 'query.order');
    expectError(await vp.get('/api/v1/employees?colour=red'), 400, 'validation', 'query.colour');
  });
  it('takes ?lang=en-US on a list like any other request', async () => {
    const res = await vp.get('/api/v1/employees?lang=en-US&sort=bogus');
    const error = expectError(res, 400, 'validation', 'query.sort');
    expect(error.details[0]!.message).toMatch(/^Cannot sort by/);
  });

  it('shows who has a sign-in and what they hold', async () => {
    const group1 = (await vp.get(`/api/v1/employees/${idOf(ids.employee, 'group1')}`)).json() as EmployeeJson;
    expect(group1.username).toBe('group1');
    expect(group1.assignments.map((a) => [a.positionName, a.kind])).toEqual([
      ['销售组组长（华东）', 'primary'],
      ['销售组组长（华南）', 'concurrent'],
    ]);
    const rep3 = (await vp.get(`/api/v1/employees/${idOf(ids.employee, 'rep3')}`)).json() as EmployeeJson;
    expect(rep3).toMatchObject({ mentorName: '赵磊', status: 'probation' });
  });
});
