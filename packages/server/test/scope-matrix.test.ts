import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, signIn, type Session, type TestApp } from './test-app.ts';
import {
  ALL_USERNAMES,
  AUDIT_READERS,
  DEMO_USERS,
  EXPECTED_SCOPE,
  SEES_DEMO_DELEGATION,
  USER_MANAGERS,
  idOf,
  loadDemoIds,
  nameOf,
  type DemoIds,
  type DemoUser,
} from './demo-org.ts';
import { seedOtherCompany, type OtherCompany } from './other-company.ts';
import { readAllPages, today } from './support.ts';

/**
 * THE scope matrix (issue 2, "Tests"): every demo user × every list and detail endpoint. Each user's
 * expected view is written by hand in demo-org.ts; here every record of both companies (the demo and a
 * second tenant) is checked against it: inside → returned, outside → never returned (404 on detail).
 */
const MATRIX_USERS = [...DEMO_USERS, 'other1'] as const;
type MatrixUser = (typeof MATRIX_USERS)[number];

/** Far below the real count (about 7,000); a drop under it means whole parts of the matrix went missing. */
const CASE_FLOOR = 5_000;

let t: TestApp;
let ids: DemoIds;
let other: OtherCompany;
const sessions = new Map<MatrixUser, Session>();
let cases = 0;

interface Universe {
  employees: { id: number; name: string }[];
  positions: { id: number; code: string }[];
  units: { id: number; code: string }[];
  jds: { id: number; positionId: number; status: string }[];
}
let universe: Universe;

interface Expected {
  employees: Set<number>;
  positions: Set<number>;
  units: Set<number>;
  jds: Set<number>;
}
const expected = new Map<MatrixUser, Expected>();

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  other = await seedOtherCompany(t.database.db, today());
  universe = {
    employees: [
      ...[...ids.employeeName].map(([id, name]) => ({ id, name })),
      { id: other.employeeIds[0], name: other.employeeNames[0] },
      { id: other.employeeIds[1], name: other.employeeNames[1] },
    ],
    positions: [
      ...[...ids.positionCode].map(([id, code]) => ({ id, code })),
      { id: other.positionId, code: 'OT-REP' },
    ],
    units: [...[...ids.unitCode].map(([id, code]) => ({ id, code })), { id: other.unitId, code: 'OT' }],
    jds: [
      ...[...ids.jds].flatMap(([code, list]) =>
        list.map((j) => ({ id: j.id, positionId: idOf(ids.position, code), status: j.status })),
      ),
      { id: other.jdId, positionId: other.positionId, status: 'published' },
    ],
  };
  for (const user of DEMO_USERS) {
    const scope = EXPECTED_SCOPE[user];
    const positions = new Set(scope.positions.map((c) => idOf(ids.position, c)));
    expected.set(user, {
      employees: new Set(scope.people.map((p) => idOf(ids.employee, nameOf(p)))),
      positions,
      units: new Set(scope.units.map((c) => idOf(ids.unit, c))),
      jds: new Set(universe.jds.filter((j) => positions.has(j.positionId)).map((j) => j.id)),
    });
  }
  expected.set('other1', {
    employees: new Set(other.employeeIds),
    positions: new Set([other.positionId]),
    units: new Set([other.unitId]),
    jds: new Set([other.jdId]),
  });
  // argon2 verification runs off the main thread: sign everyone in at once.
  await Promise.all(MATRIX_USERS.map(async (u) => sessions.set(u, await signIn(t.app, u))));
});
afterAll(() => t.close());

const session = (user: MatrixUser) => sessions.get(user)!;

/** Run requests a few at a time (the database serialises them anyway; this only hides the latency). */
async function inBatches<T>(items: T[], work: (item: T) => Promise<void>, size = 8) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function expectNotFound(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what} must be hidden: ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(404);
  expect(res.json().error.code).toBe('not_found');
}

function sorted(values: Iterable<number>) {
  return [...values].sort((a, b) => a - b);
}

/** The names of a set of employee ids, so a failure says who leaked or went missing. */
function names(idsToName: Iterable<number>) {
  const byId = new Map(universe.employees.map((e) => [e.id, e.name]));
  return [...idsToName].map((id) => byId.get(id) ?? `#${id}`).sort();
}

describe.each(MATRIX_USERS)('%s', (user) => {
  it('employees: the list (every page) holds exactly the people in scope', async () => {
    const want = expected.get(user)!.employees;
    const { items } = await readAllPages<{ id: number; name: string }>(session(user), '/api/v1/employees', 7);
    expect(names(items.map((i) => i.id))).toEqual(names(want));
    for (const e of universe.employees) {
      expect(items.some((i) => i.id === e.id)).toBe(want.has(e.id));
      cases++;
    }
    const me = (await session(user).get('/api/v1/auth/me')).json();
    expect(me.scope.employeeCount).toBe(want.size);
    expect(me.scope.unitCount).toBe(expected.get(user)!.units.size);
    cases += 2;
  });

  it('employees: every id answers 200 inside the scope and 404 outside', async () => {
    const want = expected.get(user)!.employees;
    await inBatches([...universe.employees, { id: 999_999, name: 'nobody' }], async (e) => {
      const res = await session(user).get(`/api/v1/employees/${e.id}`);
      if (want.has(e.id)) {
        expect(res.statusCode, `${e.name}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.json().name).toBe(e.name);
      } else expectNotFound(res, `employee ${e.name}`);
      cases++;
    });
  });

  it('positions: the list (every page) and every detail', async () => {
    const want = expected.get(user)!.positions;
    const { items } = await readAllPages<{ id: number; code: string }>(
      session(user),
      '/api/v1/org/positions',
      6,
    );
    expect(items.map((p) => p.code).sort()).toEqual(
      universe.positions
        .filter((p) => want.has(p.id))
        .map((p) => p.code)
        .sort(),
    );
    cases += universe.positions.length;
    await inBatches([...universe.positions, { id: 999_999, code: 'none' }], async (p) => {
      const res = await session(user).get(`/api/v1/org/positions/${p.id}`);
      if (want.has(p.id)) {
        expect(res.statusCode, p.code).toBe(200);
        expect(res.json().code).toBe(p.code);
      } else expectNotFound(res, `position ${p.code}`);
      cases++;
    });
  });

  it('units: the list and every detail', async () => {
    const want = expected.get(user)!.units;
    const res = await session(user).get('/api/v1/org/units');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(
      universe.units
        .filter((u) => want.has(u.id))
        .map((u) => u.code)
        .sort(),
    );
    cases += universe.units.length;
    await inBatches([...universe.units, { id: 999_999, code: 'none' }], async (u) => {
      const one = await session(user).get(`/api/v1/org/units/${u.id}`);
      if (want.has(u.id)) {
        expect(one.statusCode, u.code).toBe(200);
        expect(one.json().code).toBe(u.code);
      } else expectNotFound(one, `unit ${u.code}`);
      cases++;
    });
  });
  it('org chart: exactly the units, positions and holders in scope', async () => {
    const want = expected.get(user)!;
    const res = await session(user).get('/api/v1/org/chart');
    expect(res.statusCode).toBe(200);
    interface Node {
      id: number;
      positions: { id: number; holders: { employeeId: number }[] }[];
      children: Node[];
    }
    const seen = { units: new Set<number>(), positions: new Set<number>(), holders: new Set<number>() };
    const walk = (n: Node) => {
      seen.units.add(n.id);
      for (const p of n.positions) {
        seen.positions.add(p.id);
        for (const h of p.holders) seen.holders.add(h.employeeId);
      }
      n.children.forEach(walk);
    };
    (res.json().roots as Node[]).forEach(walk);
    expect(sorted(seen.units)).toEqual(sorted(want.units));
    expect(sorted(seen.positions)).toEqual(sorted(want.positions));
    // Everyone in scope holds a position in scope, so the holders are exactly the people in scope.
    expect(names(seen.holders)).toEqual(names(want.employees));
    cases += universe.units.length + universe.positions.length + universe.employees.length;
  });

  it("job descriptions: every position's versions and the one in force", async () => {
    const want = expected.get(user)!;
    await inBatches(universe.positions, async (p) => {
      const [versions, current] = await Promise.all([
        session(user).get(`/api/v1/positions/${p.id}/job-descriptions`),
        session(user).get(`/api/v1/positions/${p.id}/job-descriptions/current`),
      ]);
      if (want.positions.has(p.id)) {
        expect(versions.statusCode, p.code).toBe(200);
        expect(
          versions
            .json()
            .map((v: { id: number }) => v.id)
            .sort(),
        ).toEqual(
          universe.jds
            .filter((j) => j.positionId === p.id)
            .map((j) => j.id)
            .sort(),
        );
        expect(current.statusCode, p.code).toBe(200);
        expect(current.json().status).toBe('published');
        expect(current.json().positionId).toBe(p.id);
      } else {
        expectNotFound(versions, `versions of ${p.code}`);
        expectNotFound(current, `current JD of ${p.code}`);
      }
      cases += 2;
    });
  });

  it('job descriptions: every version and its print view', async () => {
    const want = expected.get(user)!.jds;
    await inBatches([...universe.jds, { id: 999_999, positionId: 0, status: 'none' }], async (j) => {
      const [one, print] = await Promise.all([
        session(user).get(`/api/v1/job-descriptions/${j.id}`),
        session(user).get(`/api/v1/job-descriptions/${j.id}/print`),
      ]);
      if (want.has(j.id)) {
        expect(one.statusCode, `JD ${j.id}`).toBe(200);
        expect(one.json().positionId).toBe(j.positionId);
        expect(print.statusCode).toBe(200);
        expect(print.headers['content-type']).toMatch(/^text\/html/);
        expect(print.body).toContain(one.json().content.identification.positionName);
      } else {
        expectNotFound(one, `JD ${j.id}`);
        expectNotFound(print, `print of JD ${j.id}`);
      }
      cases += 2;
    });
  });

  it('audit: readers see the actions of people in their scope only; others get 403', async () => {
    const res = await session(user).get('/api/v1/audit?pageSize=1');
    cases++;
    if (user === 'other1' || AUDIT_READERS.includes(user as DemoUser)) {
      expect(res.statusCode).toBe(200);
      const { items } = await readAllPages<{ id: number; actorName: string | null }>(
        session(user),
        '/api/v1/audit',
        200,
      );
      const want = new Set<string>();
      if (user === 'other1') want.add('other1');
      else if (EXPECTED_SCOPE[user as DemoUser].people === EXPECTED_SCOPE.admin.people) {
        // Company scope: every demo user signed in (a login row each), the admin, and the seeding itself.
        for (const u of ALL_USERNAMES) want.add(u);
        want.add('zuzhang demo');
      } else {
        for (const p of EXPECTED_SCOPE[user as DemoUser].people) if (p in EXPECTED_SCOPE) want.add(p);
      }
      expect([...new Set(items.map((i) => i.actorName ?? ''))].sort()).toEqual([...want].sort());
      cases += items.length;
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('users: the user admin sees the users of the company; everyone else gets 403', async () => {
    const res = await session(user).get('/api/v1/users');
    if (user === 'other1') {
      expect(res.json().map((u: { username: string }) => u.username)).toEqual(['other1']);
    } else if (USER_MANAGERS.includes(user as DemoUser)) {
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .map((u: { username: string }) => u.username)
          .sort(),
      ).toEqual([...ALL_USERNAMES].sort());
    } else {
      expect(res.statusCode).toBe(403);
    }
    cases += ALL_USERNAMES.length + 1;
  });

  it('delegations: only the ones given by or to them (all of the company for the admin)', async () => {
    const res = await session(user).get('/api/v1/delegations');
    expect(res.statusCode).toBe(200);
    const got = res.json().map((d: { fromEmployeeName: string; toEmployeeName: string }) => {
      return `${d.fromEmployeeName}→${d.toEmployeeName}`;
    });
    if (user === 'other1') expect(got).toEqual([`${other.employeeNames[0]}→${other.employeeNames[1]}`]);
    else if (SEES_DEMO_DELEGATION.includes(user as DemoUser)) expect(got).toEqual(['刘洋→杨帆']);
    else expect(got).toEqual([]);
    cases += 2;
  });
});

describe('the matrix as a whole', () => {
  it('checked every user against every record', () => {
    console.log(`scope matrix: ${cases} cases checked`);
    expect(cases).toBeGreaterThan(CASE_FLOOR);
  });
});
