import type { Db } from '../src/platform/db/db.ts';
import {
  assignments,
  companies,
  companySettings,
  employees,
  positions,
  promotionPaths,
  roles,
  units,
} from '../src/modules/org/org.table.ts';
import { apiTokens, users } from '../src/modules/auth/auth.table.ts';
import { delegations } from '../src/modules/delegations/delegation.table.ts';
import { jdAcknowledgements, jobDescriptions } from '../src/modules/job-descriptions/jd.table.ts';
import { auditLog } from '../src/platform/audit/audit.table.ts';
import { hashPassword, sha256 } from '../src/platform/auth/secrets.ts';
import { DEMO_JOB_DESCRIPTIONS } from '../src/modules/demo/demo-job-descriptions.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-seed.ts';
import { PERMISSIONS } from '@zuzhang/domain';

export interface OtherCompany {
  companyId: number;
  unitId: number;
  roleId: number;
  positionId: number;
  employeeIds: [number, number];
  employeeNames: [string, string];
  assignmentId: number;
  userId: number;
  username: string;
  jdId: number;
  delegationId: number;
  tokenId: number;
}

/**
 * A second tenant beside the demo company, one record of every kind, so tests can show that nobody (not
 * even the demo admin) ever reaches another company's rows. Its admin `other1` signs in with the demo
 * password and has company scope over this company only.
 */
export async function seedOtherCompany(db: Db, today: string): Promise<OtherCompany> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [company] = await tx
      .insert(companies)
      .values({ code: 'other', name: '另一家贸易公司' })
      .returning();
    const companyId = company!.id;
    await tx.insert(companySettings).values({ companyId });
    const [role] = await tx
      .insert(roles)
      .values({ companyId, code: 'all', name: '他司全权', permissions: [...PERMISSIONS] })
      .returning();
    const [unit] = await tx
      .insert(units)
      .values({ companyId, code: 'OT', name: '他司销售部', kind: 'department' })
      .returning();
    const [position] = await tx
      .insert(positions)
      .values({
        companyId,
        unitId: unit!.id,
        code: 'OT-REP',
        name: '他司销售代表',
        headcountPlanned: 2,
        roleId: role!.id,
        dataScope: 'company',
      })
      .returning();
    const names: [string, string] = ['他司甲', '他司乙'];
    const people = await tx
      .insert(employees)
      .values([
        // The same mobile as a demo employee: mobiles are unique per company, not across companies.
        { companyId, name: names[0], mobile: '13800138000', hireDate: '2024-01-02', status: 'active' },
        { companyId, name: names[1], mobile: '13900139001', hireDate: '2024-01-02', status: 'active' },
      ])
      .returning();
    const [a] = await tx
      .insert(assignments)
      .values([
        {
          companyId,
          employeeId: people[0]!.id,
          positionId: position!.id,
          kind: 'primary',
          startDate: '2024-01-02',
        },
        {
          companyId,
          employeeId: people[1]!.id,
          positionId: position!.id,
          kind: 'primary',
          startDate: '2024-01-02',
        },
      ])
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ companyId, username: 'other1', employeeId: people[0]!.id, passwordHash, isAdmin: true })
      .returning();
    const seed = DEMO_JOB_DESCRIPTIONS.sales_rep;
    const [jd] = await tx
      .insert(jobDescriptions)
      .values({
        companyId,
        positionId: position!.id,
        versionNo: 1,
        status: 'published',
        documentControl: seed.documentControl,
        content: {
          ...seed.content,
          identification: { ...seed.content.identification, positionName: '他司销售代表' },
        },
        publishedAt: new Date('2026-01-01T00:00:00Z'),
        publishedByUserId: user!.id,
      })
      .returning();
    await tx.insert(jdAcknowledgements).values({
      companyId,
      jdId: jd!.id,
      employeeId: people[1]!.id,
      statement: '本人已阅读本岗位职责说明，并严格履行',
    });
    const [delegation] = await tx
      .insert(delegations)
      .values({
        companyId,
        fromEmployeeId: people[0]!.id,
        toEmployeeId: people[1]!.id,
        startDate: today,
        endDate: today,
        reason: '他司出差',
      })
      .returning();
    const [token] = await tx
      .insert(apiTokens)
      .values({
        companyId,
        userId: user!.id,
        name: '他司对接',
        prefix: 'zz_othe',
        tokenHash: sha256('zz_other-company-token'),
      })
      .returning();
    await tx.insert(promotionPaths).values({ companyId, name: '他司序列', positionIds: [position!.id] });
    await tx.insert(auditLog).values({
      companyId,
      actorUserId: user!.id,
      actorName: 'other1',
      action: 'create',
      entity: 'unit',
      entityId: String(unit!.id),
      after: { name: '他司销售部' },
    });
    return {
      companyId,
      unitId: unit!.id,
      roleId: role!.id,
      positionId: position!.id,
      employeeIds: [people[0]!.id, people[1]!.id],
      employeeNames: names,
      assignmentId: a!.id,
      userId: user!.id,
      username: 'other1',
      jdId: jd!.id,
      delegationId: delegation!.id,
      tokenId: token!.id,
    };
  });
}
