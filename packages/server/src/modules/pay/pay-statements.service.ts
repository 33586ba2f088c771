import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { MyPayStatementsQuery, PayStatementDetail } from '@zuzhang/api-schema';
import type { PayStatementLine, SkippedComponent } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import { pageOf } from '../../platform/http/paging.ts';
import { companies } from '../org/org.table.ts';
import { payRuns, payStatements } from './pay.table.ts';
import { canSeeStatement } from './pay.policy.ts';
import { selectStatementSummaries } from './pay-runs.service.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 工资条: everyone reads their own statements (of approved and locked runs), any month; payroll.read reads
 * those of the people in scope. Anyone else gets a 404, as if the statement did not exist.
 */

const VISIBLE_TO_EMPLOYEE = ['approved', 'locked'];

export async function listMyStatements(db: Db, actor: Actor, query: MyPayStatementsQuery) {
  if (actor.employeeId === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const where = and(
    eq(payStatements.companyId, actor.companyId),
    eq(payStatements.employeeId, actor.employeeId),
    inArray(payRuns.status, VISIBLE_TO_EMPLOYEE),
    query.period ? eq(payStatements.period, query.period) : undefined,
  );
  return pageOf(
    db,
    query,
    selectStatementSummaries(db).where(where).orderBy(desc(payStatements.period), desc(payStatements.runId)),
    db
      .select({ n: count() })
      .from(payStatements)
      .innerJoin(payRuns, eq(payRuns.id, payStatements.runId))
      .where(where),
    (rows) => rows,
  );
}

interface StoredFigures {
  values?: Record<string, number | string>;
  sources?: Record<string, { source: string; detail: string }>;
  skipped?: SkippedComponent[];
}

export async function getPayStatement(db: Executor, actor: Actor, id: number): Promise<PayStatementDetail> {
  const [row] = await selectStatementSummaries(db)
    .where(and(eq(payStatements.id, id), eq(payStatements.companyId, actor.companyId)))
    .limit(1);
  if (!row || !canSeeStatement(actor, row)) throw notFound('entity.payStatement');
  const [[stored], [company]] = await sideBySide(
    db,
    () =>
      db
        .select({ lines: payStatements.lines, figures: payStatements.figures })
        .from(payStatements)
        .where(eq(payStatements.id, id)),
    () => db.select({ name: companies.name }).from(companies).where(eq(companies.id, actor.companyId)),
  );
  const figures = (stored!.figures ?? {}) as StoredFigures;
  const values = figures.values ?? {};
  return {
    ...row,
    companyName: company!.name,
    lines: stored!.lines as PayStatementLine[],
    skipped: figures.skipped ?? [],
    figures: Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        {
          value,
          source: figures.sources?.[name]?.source ?? 'input',
          detail: figures.sources?.[name]?.detail ?? '',
        },
      ]),
    ),
  };
}
