import { asc, eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/db.ts';
import { assignments, companies, employees, positions, units } from '../src/modules/org/org.table.ts';
import { users } from '../src/modules/auth/auth.table.ts';
import { jobDescriptions } from '../src/modules/job-descriptions/jd.table.ts';
import { DEMO_COMPANY_CODE } from '../src/modules/demo/demo-seed.ts';

/**
 * The demo company written out by hand from the seed (demo-seed.ts), so that tests compare what the server
 * answers with what the org chart says, not with what the code under test computes.
 *
 *   销售副总 XS-VP (vp) → 销售总监 XS-DIR (director)
 *     → 营销协理 XS-MA (assistant1)                                   unit XS, unit + descendants
 *     → 销售经理（华东）XS-MGR-E (manager1) → 渠道拓展主管 XS-CH-E (channel1) → 销售组组长 XS-GL-E (group1)
 *         → 销售组长 XS-TL-E1 (lead1) → 销售代表 XS-REP-E1 (rep1 rep2 rep3)
 *         → 销售组长 XS-TL-E2 (lead2) → 销售代表 XS-REP-E2 (rep4 rep5 rep6)
 *     → 销售经理（华南）XS-MGR-S (manager2) → 渠道拓展主管 XS-CH-S (vacant) → 销售组组长 XS-GL-S (group1, 兼任)
 *         → 销售组长 XS-TL-S1 (lead3) → 销售代表 XS-REP-S1 (rep7 rep8 rep9)
 *     → 店长 MD-SM (store1) → 门店组长 MD-TL (storelead1) → 导购 MD-SA (郑慧 谢琳), 收银员 MD-CA (韩雪),
 *                                                         实习导购 MD-IN (唐糖)
 *     → 售前客服组长 KF-PS (冯晨)
 *   Delegation in force today: channel1 → lead1 (lead1 acts for the channel supervisor).
 *
 * Data scope per docs/decisions.md #8: `own` = the position itself, and of people only oneself (the other
 * reps on the same seat are peers, not subordinates); `subordinates` = the position and everything below
 * it, with their holders; `unit_tree` = the unit and the units below; plus whoever one acts for.
 */
export const DEMO_USERS = [
  'admin',
  'vp',
  'director',
  'manager1',
  'manager2',
  'channel1',
  'group1',
  'lead1',
  'lead2',
  'lead3',
  'rep1',
  'rep2',
  'rep3',
  'rep4',
  'rep5',
  'rep6',
  'rep7',
  'rep8',
  'rep9',
  'store1',
  'storelead1',
  'assistant1',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** Employee names of the demo people with a sign-in. */
export const NAME_OF: Record<Exclude<DemoUser, 'admin'>, string> = {
  vp: '王建国',
  director: '李明华',
  assistant1: '周晓梅',
  manager1: '张伟',
  channel1: '刘洋',
  group1: '陈静',
  lead1: '杨帆',
  rep1: '赵磊',
  rep2: '黄丽',
  rep3: '吴昊',
  lead2: '孙悦',
  rep4: '徐强',
  rep5: '胡敏',
  rep6: '朱涛',
  manager2: '郭芳',
  lead3: '何俊',
  rep7: '高鹏',
  rep8: '林婷',
  rep9: '罗斌',
  store1: '梁雪',
  storelead1: '宋佳',
};

/** A person, by username when they have one, else by name (the store floor and the presales lead). */
export function nameOf(person: string): string {
  return (NAME_OF as Record<string, string>)[person] ?? person;
}

const EAST_TEAM_1 = ['lead1', 'rep1', 'rep2', 'rep3'];
const EAST_TEAM_2 = ['lead2', 'rep4', 'rep5', 'rep6'];
const SOUTH_TEAM_1 = ['lead3', 'rep7', 'rep8', 'rep9'];
const STORE_FLOOR = ['郑慧', '谢琳', '韩雪', '唐糖'];

export const ALL_PEOPLE = [
  'vp',
  'director',
  'assistant1',
  'manager1',
  'channel1',
  'group1',
  ...EAST_TEAM_1,
  ...EAST_TEAM_2,
  'manager2',
  ...SOUTH_TEAM_1,
  'store1',
  'storelead1',
  ...STORE_FLOOR,
  '冯晨',
];

export const ALL_POSITIONS = [
  'XS-VP',
  'XS-DIR',
  'XS-MA',
  'XS-MGR-E',
  'XS-CH-E',
  'XS-GL-E',
  'XS-TL-E1',
  'XS-REP-E1',
  'XS-TL-E2',
  'XS-REP-E2',
  'XS-MGR-S',
  'XS-CH-S',
  'XS-GL-S',
  'XS-TL-S1',
  'XS-REP-S1',
  'MD-SM',
  'MD-TL',
  'MD-SA',
  'MD-CA',
  'MD-IN',
  'KF-PS',
];

export const ALL_UNITS = ['HQ', 'XS', 'XS-E', 'XS-E1', 'XS-E2', 'XS-S', 'XS-S1', 'MD-01', 'KF'];

export interface ExpectedScope {
  /** People, by username or name. */
  people: string[];
  /** Positions, by code. */
  positions: string[];
  /** Units, by code. */
  units: string[];
}

const COMPANY: ExpectedScope = { people: ALL_PEOPLE, positions: ALL_POSITIONS, units: ALL_UNITS };
const EAST_CHANNEL: ExpectedScope = {
  people: ['channel1', 'group1', ...EAST_TEAM_1, ...EAST_TEAM_2],
  positions: ['XS-CH-E', 'XS-GL-E', 'XS-TL-E1', 'XS-REP-E1', 'XS-TL-E2', 'XS-REP-E2'],
  units: ['XS-E', 'XS-E1', 'XS-E2'],
};
/** A rep (`own` scope): their seat, its unit, and of people only themself. */
function rep(self: string, seat: string, unit: string): ExpectedScope {
  return { people: [self], positions: [seat], units: [unit] };
}

/** What each demo user may see, worked out by hand from the chart above. */
export const EXPECTED_SCOPE: Record<DemoUser, ExpectedScope> = {
  admin: COMPANY,
  vp: COMPANY,
  director: COMPANY,
  // 营销协理 sits in 销售部 with unit + descendants: the whole sales department, not the store nor 客服部.
  assistant1: {
    people: [
      'vp',
      'director',
      'assistant1',
      'manager1',
      'channel1',
      'group1',
      ...EAST_TEAM_1,
      ...EAST_TEAM_2,
      'manager2',
      ...SOUTH_TEAM_1,
    ],
    positions: ALL_POSITIONS.filter((c) => c.startsWith('XS-')),
    units: ['XS', 'XS-E', 'XS-E1', 'XS-E2', 'XS-S', 'XS-S1'],
  },
  manager1: {
    people: ['manager1', 'channel1', 'group1', ...EAST_TEAM_1, ...EAST_TEAM_2],
    positions: ['XS-MGR-E', 'XS-CH-E', 'XS-GL-E', 'XS-TL-E1', 'XS-REP-E1', 'XS-TL-E2', 'XS-REP-E2'],
    units: ['XS-E', 'XS-E1', 'XS-E2'],
  },
  // 华南: the vacant channel seat and the group-leader seat that group1 covers concurrently.
  manager2: {
    people: ['manager2', 'group1', ...SOUTH_TEAM_1],
    positions: ['XS-MGR-S', 'XS-CH-S', 'XS-GL-S', 'XS-TL-S1', 'XS-REP-S1'],
    units: ['XS-S', 'XS-S1'],
  },
  channel1: EAST_CHANNEL,
  // Two seats: 华东 (primary) and 华南 (concurrent); the union of both subtrees.
  group1: {
    people: ['group1', ...EAST_TEAM_1, ...EAST_TEAM_2, ...SOUTH_TEAM_1],
    positions: [
      'XS-GL-E',
      'XS-TL-E1',
      'XS-REP-E1',
      'XS-TL-E2',
      'XS-REP-E2',
      'XS-GL-S',
      'XS-TL-S1',
      'XS-REP-S1',
    ],
    units: ['XS-E', 'XS-E1', 'XS-E2', 'XS-S', 'XS-S1'],
  },
  // Own team, plus channel1's whole subtree while acting for them.
  lead1: EAST_CHANNEL,
  lead2: { people: EAST_TEAM_2, positions: ['XS-TL-E2', 'XS-REP-E2'], units: ['XS-E2'] },
  lead3: { people: SOUTH_TEAM_1, positions: ['XS-TL-S1', 'XS-REP-S1'], units: ['XS-S1'] },
  rep1: rep('rep1', 'XS-REP-E1', 'XS-E1'),
  rep2: rep('rep2', 'XS-REP-E1', 'XS-E1'),
  rep3: rep('rep3', 'XS-REP-E1', 'XS-E1'),
  rep4: rep('rep4', 'XS-REP-E2', 'XS-E2'),
  rep5: rep('rep5', 'XS-REP-E2', 'XS-E2'),
  rep6: rep('rep6', 'XS-REP-E2', 'XS-E2'),
  rep7: rep('rep7', 'XS-REP-S1', 'XS-S1'),
  rep8: rep('rep8', 'XS-REP-S1', 'XS-S1'),
  rep9: rep('rep9', 'XS-REP-S1', 'XS-S1'),
  store1: {
    people: ['store1', 'storelead1', ...STORE_FLOOR],
    positions: ['MD-SM', 'MD-TL', 'MD-SA', 'MD-CA', 'MD-IN'],
    units: ['MD-01'],
  },
  storelead1: {
    people: ['storelead1', ...STORE_FLOOR],
    positions: ['MD-TL', 'MD-SA', 'MD-CA', 'MD-IN'],
    units: ['MD-01'],
  },
};

/** Who holds audit.read (executives, sales managers, the admin) and user.manage (the admin only). */
export const AUDIT_READERS: readonly DemoUser[] = ['admin', 'vp', 'director', 'manager1', 'manager2'];
export const USER_MANAGERS: readonly DemoUser[] = ['admin'];

/** The demo's one delegation, 刘洋 → 杨帆; the two sides and the admin see it. */
export const SEES_DEMO_DELEGATION: readonly DemoUser[] = ['admin', 'channel1', 'lead1'];

/** Every username of the demo company. */
export const ALL_USERNAMES: readonly string[] = DEMO_USERS;

export interface DemoIds {
  companyId: number;
  employee: Map<string, number>;
  employeeName: Map<number, string>;
  position: Map<string, number>;
  positionCode: Map<number, string>;
  unit: Map<string, number>;
  unitCode: Map<number, string>;
  user: Map<string, number>;
  /** Job descriptions of each position (by code), oldest version first. */
  jds: Map<string, { id: number; versionNo: number; status: string }[]>;
  /** The assignment of each person (by username or name) to their primary position. */
  primaryAssignment: Map<string, number>;
}

/** Ids of the demo records, looked up by name and code straight from the tables. */
export async function loadDemoIds(db: Db): Promise<DemoIds> {
  const [company] = await db.select().from(companies).where(eq(companies.code, DEMO_COMPANY_CODE));
  const companyId = company!.id;
  const [e, p, u, us, j, a] = await Promise.all([
    db.select().from(employees).where(eq(employees.companyId, companyId)),
    db.select().from(positions).where(eq(positions.companyId, companyId)),
    db.select().from(units).where(eq(units.companyId, companyId)),
    db.select().from(users).where(eq(users.companyId, companyId)),
    db
      .select()
      .from(jobDescriptions)
      .where(eq(jobDescriptions.companyId, companyId))
      .orderBy(asc(jobDescriptions.versionNo)),
    db.select().from(assignments).where(eq(assignments.companyId, companyId)),
  ]);
  const employee = new Map<string, number>();
  const usernameOf = new Map(us.filter((x) => x.employeeId).map((x) => [x.employeeId!, x.username]));
  for (const row of e) {
    employee.set(row.name, row.id);
    const username = usernameOf.get(row.id);
    if (username) employee.set(username, row.id);
  }
  const jds = new Map<string, { id: number; versionNo: number; status: string }[]>();
  const codeOf = new Map(p.map((x) => [x.id, x.code]));
  for (const row of j) {
    const code = codeOf.get(row.positionId)!;
    jds.set(code, [...(jds.get(code) ?? []), { id: row.id, versionNo: row.versionNo, status: row.status }]);
  }
  const primaryAssignment = new Map<string, number>();
  for (const row of a.filter((x) => x.kind === 'primary')) {
    const person = usernameOf.get(row.employeeId) ?? e.find((x) => x.id === row.employeeId)!.name;
    primaryAssignment.set(person, row.id);
  }
  return {
    companyId,
    employee,
    employeeName: new Map(e.map((x) => [x.id, x.name])),
    position: new Map(p.map((x) => [x.code, x.id])),
    positionCode: codeOf,
    unit: new Map(u.map((x) => [x.code, x.id])),
    unitCode: new Map(u.map((x) => [x.id, x.code])),
    user: new Map(us.map((x) => [x.username, x.id])),
    jds,
    primaryAssignment,
  };
}

/** The id of a demo record, failing loudly when the demo changed under the test. */
export function idOf(map: Map<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`demo record "${key}" not found: did the demo seed change?`);
  return id;
}
