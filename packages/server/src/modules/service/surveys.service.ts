import { and, count, eq, gte, lte, sql } from 'drizzle-orm';
import type {
  CreateSurveyBody,
  PageQuery,
  Survey,
  SurveyKind,
  SurveySummary,
  SurveySummaryQuery,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError } from '../../platform/errors/app-error.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';
import {
  customerInScope,
  loadCustomerInScope,
  touchCustomerActivity,
} from '../customers/customers.service.ts';
import { customerSurveys } from './service.table.ts';

/* 回访 and 满意度调查: a score from 1 to 5 and a comment, per customer. */

function presentSurvey(row: typeof customerSurveys.$inferSelect, employeeName: string): Survey {
  return {
    id: row.id,
    customerId: row.customerId,
    employeeId: row.employeeId,
    employeeName,
    kind: row.kind as SurveyKind,
    doneOn: row.doneOn,
    score: row.score,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createSurvey(
  db: Db,
  actor: Actor,
  customerId: number,
  body: CreateSurveyBody,
): Promise<Survey> {
  const { actingForEmployeeId } = authorize(actor, 'complaint.manage');
  const doneOn = body.doneOn ?? actor.today;
  if (doneOn > actor.today) throw fieldError('body.doneOn', 'customers.notInFuture', { today: actor.today });
  return db.transaction(async (tx) => {
    const customer = await loadCustomerInScope(tx, actor, customerId, { forUpdate: true });
    const employeeId = actor.employeeId ?? customer.ownerEmployeeId;
    if (employeeId === null) throw new AppError('business_rule', 'customers.followUpNeedsOwner');
    const [row] = await tx
      .insert(customerSurveys)
      .values({
        companyId: actor.companyId,
        customerId,
        employeeId,
        kind: body.kind,
        doneOn,
        score: body.score,
        comment: body.comment,
      })
      .returning();
    // A return visit (回访) is a follow-up: it keeps the customer out of the pool.
    if (body.kind === 'return_visit') await touchCustomerActivity(tx, customerId, doneOn);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'customer_survey',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    const [who] = await tx
      .select({ name: employees.name })
      .from(employees)
      .where(eq(employees.id, employeeId));
    return presentSurvey(row!, who!.name);
  });
}

export async function listSurveys(db: Db, actor: Actor, customerId: number, query: PageQuery) {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, customerId);
  const where = eq(customerSurveys.customerId, customerId);
  const order = orderByOf(
    query,
    { doneOn: customerSurveys.doneOn, score: customerSurveys.score },
    'doneOn',
    customerSurveys.id,
  );
  return pageOf(
    db,
    query,
    db
      .select({ s: customerSurveys, employeeName: employees.name })
      .from(customerSurveys)
      .innerJoin(employees, eq(employees.id, customerSurveys.employeeId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(customerSurveys).where(where),
    (rows) => rows.map((r) => presentSurvey(r.s, r.employeeName)),
  );
}

/** Two decimals for a mean score (a score, not money: no fen rounding involved). */
function meanOf(sum: number, n: number): number {
  return Math.round((sum * 100) / n) / 100;
}

/** Average score per customer owner in scope, over surveys done from `from` to `to` (inclusive). */
export async function summarizeSurveys(
  db: Db,
  actor: Actor,
  query: SurveySummaryQuery,
): Promise<SurveySummary> {
  authorize(actor, 'customer.read');
  if (query.to < query.from) throw fieldError('query.to', 'field.dateOrder', { start: query.from });
  const rows = await db
    .select({
      ownerEmployeeId: employees.id,
      ownerName: employees.name,
      n: count(),
      sum: sql<number>`coalesce(sum(${customerSurveys.score}), 0)::int`.mapWith(Number),
      returnVisits:
        sql<number>`count(*) filter (where ${customerSurveys.kind} = 'return_visit')::int`.mapWith(Number),
      satisfaction:
        sql<number>`count(*) filter (where ${customerSurveys.kind} = 'satisfaction')::int`.mapWith(Number),
    })
    .from(customerSurveys)
    .innerJoin(customers, eq(customers.id, customerSurveys.customerId))
    .innerJoin(employees, eq(employees.id, customers.ownerEmployeeId))
    .where(
      and(
        eq(customerSurveys.companyId, actor.companyId),
        customerInScope(actor),
        gte(customerSurveys.doneOn, query.from),
        lte(customerSurveys.doneOn, query.to),
        query.kind ? eq(customerSurveys.kind, query.kind) : undefined,
      ),
    )
    .groupBy(employees.id, employees.name)
    .orderBy(employees.name, employees.id);
  const items = rows.map((r) => ({
    ownerEmployeeId: r.ownerEmployeeId,
    ownerName: r.ownerName,
    count: Number(r.n),
    averageScore: meanOf(r.sum, Number(r.n)),
    returnVisits: r.returnVisits,
    satisfactionSurveys: r.satisfaction,
  }));
  const total = items.reduce((n, i) => n + i.count, 0);
  const sum = rows.reduce((s, r) => s + r.sum, 0);
  return {
    from: query.from,
    to: query.to,
    items,
    count: total,
    averageScore: total === 0 ? null : meanOf(sum, total),
  };
}
