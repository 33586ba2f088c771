import { count, eq, inArray, sql } from 'drizzle-orm';
import { tablesInDependencyOrder } from '../backup/backup.service.ts';
import type { DataScopeLevel, Permission } from '@zuzhang/domain';
import { PERMISSIONS } from '@zuzhang/domain';
import type { JdContent } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { hashPassword } from '../../platform/auth/secrets.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import {
  assignments,
  companies,
  companySettings,
  employees,
  positions,
  promotionPaths,
  roles,
  units,
} from '../org/org.table.ts';
import { sessions, users } from '../auth/auth.table.ts';
import { delegations } from '../delegations/delegation.table.ts';
import { jdAcknowledgements, jobDescriptions } from '../job-descriptions/jd.table.ts';
import { DEMO_JOB_DESCRIPTIONS, type DemoRoleKey } from './demo-job-descriptions.ts';
import { DEMO_LEDGER_SEED, seedDemoLedger } from './demo-ledger.ts';
import { ACKNOWLEDGEMENT_STATEMENT } from '../job-descriptions/jd.service.ts';
import { seedDemoTargets } from './demo-targets.ts';
import { seedDemoScorecards } from '../reviews/demo-scorecards.ts';
import { seedDemoPayPlans } from '../pay/demo-pay.ts';
import { approvePayRun, createPayRun } from '../pay/pay-runs.service.ts';
import { loadActor } from '../../platform/access/actor.ts';
import { monthOf, previousMonth } from '@zuzhang/domain';

export const DEMO_COMPANY_CODE = 'demo';
/** Demo data only: printed at start and in the README. */
export const DEMO_PASSWORD = 'zuzhang-demo';

const READ: Permission[] = ['org.read', 'employee.read', 'jd.read', 'target.read'];
/** What a rep does every day: find, visit and keep customers, take orders, record the money. */
const SELLING: Permission[] = [
  'customer.read',
  'customer.manage',
  'customer.claim',
  'contract.manage',
  'order.manage',
  'receipt.manage',
  'complaint.manage',
];
/** What a manager approves (核决权限): vetting, contracts, discounts below the floor, bad-debt write-offs. */
const APPROVING: Permission[] = ['customer.vet', 'contract.approve', 'order.approve', 'writeoff.approve'];
/** What a superior does for their people (分解并下达, 考核, 考勤, 奖罚): split targets, rate, record. */
const LEADING: Permission[] = ['target.assign', 'review.rate', 'incident.manage', 'attendance.manage'];
/** Planning the year and running pay: the VP's and the managers' part. */
const PLANNING: Permission[] = ['target.plan', 'review.decide', 'market.manage'];
const ROLES: Record<string, { name: string; permissions: Permission[] }> = {
  admin: { name: '系统管理员', permissions: [...PERMISSIONS] },
  executive: {
    name: '销售高管',
    permissions: [
      ...READ,
      ...SELLING,
      ...APPROVING,
      'org.manage',
      'employee.manage',
      'jd.edit',
      'jd.publish',
      'delegation.manage',
      'audit.read',
      'catalogue.manage',
      'invoice.manage',
      'statement.manage',
      ...LEADING,
      ...PLANNING,
      'target.override',
      'scorecard.manage',
      'payplan.manage',
      'payrun.manage',
      'payrun.approve',
      'payroll.read',
    ],
  },
  manager: {
    name: '销售经理',
    permissions: [
      ...READ,
      ...SELLING,
      ...APPROVING,
      ...LEADING,
      ...PLANNING,
      'jd.edit',
      'delegation.manage',
      'audit.read',
    ],
  },
  leader: { name: '主管/组长', permissions: [...READ, ...SELLING, ...LEADING, 'delegation.manage'] },
  staff: { name: '一线员工', permissions: [...READ, ...SELLING] },
  /** 营销协理: registers invoices, checks receipts, sends reconciliation statements. */
  assistant: {
    name: '营销协理',
    permissions: [
      ...READ,
      'customer.read',
      'order.manage',
      'receipt.manage',
      'invoice.manage',
      'statement.manage',
      'attendance.manage',
    ],
  },
};

interface UnitSeed {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
}
const UNITS: UnitSeed[] = [
  { code: 'HQ', name: '示例销售有限公司', kind: 'company', parent: null },
  { code: 'XS', name: '销售部', kind: 'department', parent: 'HQ' },
  { code: 'XS-E', name: '华东区', kind: 'centre', parent: 'XS' },
  { code: 'XS-E1', name: '华东一组', kind: 'team', parent: 'XS-E' },
  { code: 'XS-E2', name: '华东二组', kind: 'team', parent: 'XS-E' },
  { code: 'XS-S', name: '华南区', kind: 'centre', parent: 'XS' },
  { code: 'XS-S1', name: '华南一组', kind: 'team', parent: 'XS-S' },
  { code: 'MD-01', name: '旗舰店', kind: 'store', parent: 'HQ' },
  { code: 'KF', name: '客服部', kind: 'department', parent: 'HQ' },
];

interface PositionSeed {
  code: string;
  name: string;
  unit: string;
  reportsTo: string | null;
  jd: DemoRoleKey;
  role: keyof typeof ROLES;
  scope: DataScopeLevel;
  headcount: number;
  note?: string;
  category: string;
  payBand: string;
}
const POSITIONS: PositionSeed[] = [
  {
    code: 'XS-VP',
    name: '销售副总',
    unit: 'XS',
    reportsTo: null,
    jd: 'sales_vp',
    role: 'executive',
    scope: 'company',
    headcount: 1,
    category: '管理',
    payBand: 'M5',
  },
  {
    code: 'XS-DIR',
    name: '销售总监',
    unit: 'XS',
    reportsTo: 'XS-VP',
    jd: 'sales_director',
    role: 'executive',
    scope: 'company',
    headcount: 1,
    category: '管理',
    payBand: 'M4',
  },
  {
    code: 'XS-MA',
    name: '营销协理',
    unit: 'XS',
    reportsTo: 'XS-DIR',
    jd: 'marketing_assistant',
    role: 'assistant',
    scope: 'unit_tree',
    headcount: 1,
    category: '职能',
    payBand: 'P2',
  },
  {
    code: 'XS-MGR-E',
    name: '销售经理（华东）',
    unit: 'XS-E',
    reportsTo: 'XS-DIR',
    jd: 'sales_manager',
    role: 'manager',
    scope: 'unit_tree',
    headcount: 1,
    category: '管理',
    payBand: 'M3',
  },
  {
    code: 'XS-CH-E',
    name: '渠道拓展主管（华东）',
    unit: 'XS-E',
    reportsTo: 'XS-MGR-E',
    jd: 'channel_supervisor',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '管理',
    payBand: 'M2',
  },
  {
    code: 'XS-GL-E',
    name: '销售组组长（华东）',
    unit: 'XS-E',
    reportsTo: 'XS-CH-E',
    jd: 'group_leader',
    role: 'leader',
    scope: 'subordinates',
    headcount: 2,
    note: '2+2',
    category: '管理',
    payBand: 'M1',
  },
  {
    code: 'XS-TL-E1',
    name: '销售组长（华东一组）',
    unit: 'XS-E1',
    reportsTo: 'XS-GL-E',
    jd: 'team_lead',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '销售',
    payBand: 'S3',
  },
  {
    code: 'XS-REP-E1',
    name: '销售代表（华东一组）',
    unit: 'XS-E1',
    reportsTo: 'XS-TL-E1',
    jd: 'sales_rep',
    role: 'staff',
    scope: 'own',
    headcount: 4,
    category: '销售',
    payBand: 'S1',
  },
  {
    code: 'XS-TL-E2',
    name: '销售组长（华东二组）',
    unit: 'XS-E2',
    reportsTo: 'XS-GL-E',
    jd: 'team_lead',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '销售',
    payBand: 'S3',
  },
  {
    code: 'XS-REP-E2',
    name: '销售代表（华东二组）',
    unit: 'XS-E2',
    reportsTo: 'XS-TL-E2',
    jd: 'sales_rep',
    role: 'staff',
    scope: 'own',
    headcount: 3,
    category: '销售',
    payBand: 'S1',
  },
  {
    code: 'XS-MGR-S',
    name: '销售经理（华南）',
    unit: 'XS-S',
    reportsTo: 'XS-DIR',
    jd: 'sales_manager',
    role: 'manager',
    scope: 'unit_tree',
    headcount: 1,
    category: '管理',
    payBand: 'M3',
  },
  {
    code: 'XS-CH-S',
    name: '渠道拓展主管（华南）',
    unit: 'XS-S',
    reportsTo: 'XS-MGR-S',
    jd: 'channel_supervisor',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '管理',
    payBand: 'M2',
  },
  {
    code: 'XS-GL-S',
    name: '销售组组长（华南）',
    unit: 'XS-S',
    reportsTo: 'XS-CH-S',
    jd: 'group_leader',
    role: 'leader',
    scope: 'subordinates',
    headcount: 2,
    note: '2+2',
    category: '管理',
    payBand: 'M1',
  },
  {
    code: 'XS-TL-S1',
    name: '销售组长（华南一组）',
    unit: 'XS-S1',
    reportsTo: 'XS-GL-S',
    jd: 'team_lead',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '销售',
    payBand: 'S3',
  },
  {
    code: 'XS-REP-S1',
    name: '销售代表（华南一组）',
    unit: 'XS-S1',
    reportsTo: 'XS-TL-S1',
    jd: 'sales_rep',
    role: 'staff',
    scope: 'own',
    headcount: 3,
    category: '销售',
    payBand: 'S1',
  },
  {
    code: 'MD-SM',
    name: '店长',
    unit: 'MD-01',
    reportsTo: 'XS-VP',
    jd: 'store_manager',
    role: 'leader',
    scope: 'unit_tree',
    headcount: 1,
    category: '门店',
    payBand: 'M1',
  },
  {
    code: 'MD-TL',
    name: '门店组长',
    unit: 'MD-01',
    reportsTo: 'MD-SM',
    jd: 'store_team_lead',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '门店',
    payBand: 'S3',
  },
  {
    code: 'MD-SA',
    name: '导购',
    unit: 'MD-01',
    reportsTo: 'MD-TL',
    jd: 'shop_assistant',
    role: 'staff',
    scope: 'own',
    headcount: 3,
    category: '门店',
    payBand: 'S1',
  },
  {
    code: 'MD-CA',
    name: '收银员',
    unit: 'MD-01',
    reportsTo: 'MD-TL',
    jd: 'cashier',
    role: 'staff',
    scope: 'own',
    headcount: 1,
    category: '门店',
    payBand: 'S1',
  },
  {
    code: 'MD-IN',
    name: '实习导购',
    unit: 'MD-01',
    reportsTo: 'MD-TL',
    jd: 'intern_assistant',
    role: 'staff',
    scope: 'own',
    headcount: 2,
    category: '门店',
    payBand: 'S0',
  },
  {
    code: 'KF-PS',
    name: '售前客服组长',
    unit: 'KF',
    reportsTo: 'XS-DIR',
    jd: 'presales_lead',
    role: 'leader',
    scope: 'subordinates',
    headcount: 1,
    category: '客服',
    payBand: 'S3',
  },
];

interface PersonSeed {
  username: string | null;
  name: string;
  position: string;
  hireDate: string;
  mentor?: string;
  probationEnd?: string;
}
/** The demo people: usernames as the README lists them. */
export const PEOPLE: PersonSeed[] = [
  { username: 'vp', name: '王建国', position: 'XS-VP', hireDate: '2018-03-01' },
  { username: 'director', name: '李明华', position: 'XS-DIR', hireDate: '2019-06-15' },
  { username: 'assistant1', name: '周晓梅', position: 'XS-MA', hireDate: '2022-04-01' },
  { username: 'manager1', name: '张伟', position: 'XS-MGR-E', hireDate: '2020-02-10' },
  { username: 'channel1', name: '刘洋', position: 'XS-CH-E', hireDate: '2021-01-04' },
  { username: 'group1', name: '陈静', position: 'XS-GL-E', hireDate: '2021-07-01' },
  { username: 'lead1', name: '杨帆', position: 'XS-TL-E1', hireDate: '2022-03-01' },
  { username: 'rep1', name: '赵磊', position: 'XS-REP-E1', hireDate: '2023-05-08' },
  { username: 'rep2', name: '黄丽', position: 'XS-REP-E1', hireDate: '2024-02-19' },
  {
    username: 'rep3',
    name: '吴昊',
    position: 'XS-REP-E1',
    hireDate: '2026-09-01',
    mentor: 'rep1',
    probationEnd: '2026-11-30',
  },
  { username: 'lead2', name: '孙悦', position: 'XS-TL-E2', hireDate: '2022-08-15' },
  { username: 'rep4', name: '徐强', position: 'XS-REP-E2', hireDate: '2023-03-13' },
  { username: 'rep5', name: '胡敏', position: 'XS-REP-E2', hireDate: '2024-06-03' },
  { username: 'rep6', name: '朱涛', position: 'XS-REP-E2', hireDate: '2025-10-08' },
  { username: 'manager2', name: '郭芳', position: 'XS-MGR-S', hireDate: '2020-09-01' },
  { username: 'lead3', name: '何俊', position: 'XS-TL-S1', hireDate: '2023-01-03' },
  { username: 'rep7', name: '高鹏', position: 'XS-REP-S1', hireDate: '2023-11-20' },
  { username: 'rep8', name: '林婷', position: 'XS-REP-S1', hireDate: '2024-09-09' },
  {
    username: 'rep9',
    name: '罗斌',
    position: 'XS-REP-S1',
    hireDate: '2026-10-12',
    mentor: 'rep7',
    probationEnd: '2027-01-11',
  },
  { username: 'store1', name: '梁雪', position: 'MD-SM', hireDate: '2021-04-06' },
  { username: 'storelead1', name: '宋佳', position: 'MD-TL', hireDate: '2022-11-01' },
  { username: null, name: '郑慧', position: 'MD-SA', hireDate: '2023-07-17' },
  { username: null, name: '谢琳', position: 'MD-SA', hireDate: '2024-03-25' },
  { username: null, name: '韩雪', position: 'MD-CA', hireDate: '2024-05-06' },
  { username: null, name: '唐糖', position: 'MD-IN', hireDate: '2026-10-20', probationEnd: '2027-01-19' },
  { username: null, name: '冯晨', position: 'KF-PS', hireDate: '2022-02-14' },
];

export async function hasAnyCompany(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(companies);
  return Number(row!.n) > 0;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Build the demo company from the seed's job descriptions, in one transaction. `today` places the
 * delegation that is in force (group leader away, a team lead acting for them).
 */
export async function seedDemo(db: Db, today: string): Promise<{ companyId: number; users: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [company] = await tx
      .insert(companies)
      .values({ code: DEMO_COMPANY_CODE, name: '示例销售有限公司' })
      .returning();
    const companyId = company!.id;
    await tx.insert(companySettings).values({ companyId });

    const roleIds = new Map<string, number>();
    for (const [code, r] of Object.entries(ROLES)) {
      const [row] = await tx
        .insert(roles)
        .values({ companyId, code, name: r.name, permissions: r.permissions })
        .returning();
      roleIds.set(code, row!.id);
    }
    const unitIds = new Map<string, number>();
    for (const [i, u] of UNITS.entries()) {
      const [row] = await tx
        .insert(units)
        .values({
          companyId,
          code: u.code,
          name: u.name,
          kind: u.kind,
          sort: i,
          parentId: u.parent ? unitIds.get(u.parent)! : null,
        })
        .returning();
      unitIds.set(u.code, row!.id);
    }
    const positionIds = new Map<string, number>();
    for (const p of POSITIONS) {
      const [row] = await tx
        .insert(positions)
        .values({
          companyId,
          unitId: unitIds.get(p.unit)!,
          reportsToId: p.reportsTo ? positionIds.get(p.reportsTo)! : null,
          name: p.name,
          code: p.code,
          headcountPlanned: p.headcount,
          headcountNote: p.note ?? '',
          category: p.category,
          payBand: p.payBand,
          roleId: roleIds.get(p.role)!,
          dataScope: p.scope,
        })
        .returning();
      positionIds.set(p.code, row!.id);
    }

    const employeeIds = new Map<string, number>();
    for (const [i, person] of PEOPLE.entries()) {
      const [row] = await tx
        .insert(employees)
        .values({
          companyId,
          name: person.name,
          mobile: `1380013${String(8000 + i).padStart(4, '0')}`,
          hireDate: person.hireDate,
          probationEnd: person.probationEnd ?? null,
          status: person.probationEnd && person.probationEnd >= today ? 'probation' : 'active',
          mentorId: person.mentor ? employeeIds.get(person.mentor)! : null,
        })
        .returning();
      employeeIds.set(person.username ?? `#${i}`, row!.id);
      await tx.insert(assignments).values({
        companyId,
        employeeId: row!.id,
        positionId: positionIds.get(person.position)!,
        kind: 'primary',
        startDate: person.hireDate,
      });
      if (person.username) {
        await tx
          .insert(users)
          .values({ companyId, username: person.username, employeeId: row!.id, passwordHash });
      }
    }
    await tx
      .insert(users)
      .values({ companyId, username: 'admin', employeeId: null, passwordHash, isAdmin: true });
    // The East group leader also covers the vacant South group-leader seat (兼任).
    await tx.insert(assignments).values({
      companyId,
      employeeId: employeeIds.get('group1')!,
      positionId: positionIds.get('XS-GL-S')!,
      kind: 'concurrent',
      startDate: '2026-01-01',
    });

    // 如销售主管不在岗由销售组长行使主管权力: the channel supervisor is away this week, lead1 acts for them.
    await tx.insert(delegations).values({
      companyId,
      fromEmployeeId: employeeIds.get('channel1')!,
      toEmployeeId: employeeIds.get('lead1')!,
      startDate: addDays(today, -2),
      endDate: addDays(today, 5),
      reason: '渠道拓展主管出差期间，由销售组长行使主管权力',
    });

    await tx.insert(promotionPaths).values([
      {
        companyId,
        name: '销售序列',
        positionIds: ['XS-REP-E1', 'XS-TL-E1', 'XS-GL-E', 'XS-CH-E', 'XS-MGR-E', 'XS-DIR', 'XS-VP'].map((c) =>
          positionIds.get(c)!,
        ),
      },
      {
        companyId,
        name: '门店序列',
        positionIds: ['MD-IN', 'MD-SA', 'MD-TL', 'MD-SM'].map((c) => positionIds.get(c)!),
      },
    ]);

    const [vpUser] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'vp'));
    for (const p of POSITIONS) {
      const seed = DEMO_JOB_DESCRIPTIONS[p.jd];
      const unit = UNITS.find((u) => u.code === p.unit)!;
      const content: JdContent = {
        ...seed.content,
        identification: {
          ...seed.content.identification,
          positionName: p.name,
          positionCode: p.code,
          unitName: unit.name,
        },
      };
      const positionId = positionIds.get(p.code)!;
      let versionNo = 1;
      if (p.code === 'XS-GL-E') {
        // An earlier version, so "compare two versions" has something to show.
        const older = structuredClone(content);
        older.responsibilities = older.responsibilities.map((r) => ({
          ...r,
          duties: r.duties.slice(0, Math.max(1, r.duties.length - 1)),
        }));
        await tx.insert(jobDescriptions).values({
          companyId,
          positionId,
          versionNo: 1,
          status: 'superseded',
          documentControl: { ...seed.documentControl, effectiveDate: '2025-01-01' },
          content: older,
          publishedAt: new Date('2024-12-20T02:00:00Z'),
          publishedByUserId: vpUser!.id,
        });
        versionNo = 2;
      }
      const [jd] = await tx
        .insert(jobDescriptions)
        .values({
          companyId,
          positionId,
          versionNo,
          status: 'published',
          documentControl: seed.documentControl,
          content,
          publishedAt: new Date(`${seed.documentControl.effectiveDate ?? '2026-01-01'}T01:00:00Z`),
          publishedByUserId: vpUser!.id,
        })
        .returning();
      if (p.code === 'XS-GL-E') {
        await tx.insert(jdAcknowledgements).values({
          companyId,
          jdId: jd!.id,
          employeeId: employeeIds.get('group1')!,
          statement: ACKNOWLEDGEMENT_STATEMENT,
        });
      }
    }
    await tx.insert(auditLog).values({
      companyId,
      action: 'seed',
      entity: 'company',
      entityId: String(companyId),
      actorName: 'zuzhang demo',
      after: { people: PEOPLE.length },
    });
    return { companyId, users: PEOPLE.filter((p) => p.username).length + 1 };
  });
}

/**
 * Remove every row of the demo company (for `zuzhang demo --reset`): every table, children first, one
 * statement per table so rows that point at each other (units, positions, employees) go together.
 */
export async function deleteDemo(db: Db) {
  await db.transaction(async (tx) => {
    const [company] = await tx.select().from(companies).where(eq(companies.code, DEMO_COMPANY_CODE));
    if (!company) return;
    await tx
      .delete(sessions)
      .where(
        inArray(
          sessions.userId,
          tx.select({ id: users.id }).from(users).where(eq(users.companyId, company.id)),
        ),
      );
    for (const table of tablesInDependencyOrder().reverse()) {
      const column = table.name === 'companies' ? 'id' : 'company_id';
      await tx.execute(
        sql`delete from ${sql.identifier(table.name)} where ${sql.identifier(column)} = ${company.id}`,
      );
    }
  });
}

/**
 * The whole demo company as `npm start` and `zuzhang demo` create it: the organisation, then twelve months
 * of customers, orders and money up to today. (Route tests seed only the organisation: it is faster.)
 */
export async function seedDemoCompany(db: Db, today: string) {
  const org = await seedDemo(db, today);
  await seedDemoLedger(db, { companyId: org.companyId, today, seed: DEMO_LEDGER_SEED });
  await db.transaction(async (tx) => {
    await seedDemoTargets(tx, org.companyId, today);
    await seedDemoScorecards(tx, org.companyId, today);
    await seedDemoPayPlans(tx, org.companyId);
  });
  await seedDemoPayRun(db, org.companyId, today);
  return org;
}

/**
 * Last month's pay, as the company would have run it: computed by the VP and approved by the director
 * (the one who computes may not approve), so every rep can read a statement on the first start.
 */
async function seedDemoPayRun(db: Db, companyId: number, today: string): Promise<void> {
  const actorOf = async (username: string) => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return loadActor(db, { ...u!, companyId }, 'cookie');
  };
  const run = await createPayRun(db, await actorOf('vp'), { period: previousMonth(monthOf(today)) }, 'zh-CN');
  await approvePayRun(db, await actorOf('director'), run.id, run.version);
}
