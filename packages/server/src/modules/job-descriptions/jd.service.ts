import { and, asc, desc, eq, max } from 'drizzle-orm';
import { compareJdContent, findMissingJdSections } from '@zuzhang/domain';
import type {
  JdAcknowledgement,
  JdContent,
  JdDiffEntry,
  JdDocumentControl,
  JdStatus,
  JdSummary,
  JobDescription,
  SaveJdDraftBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { assignments, employees, positions } from '../org/org.table.ts';
import { assignmentInForce, getPosition } from '../org/org.service.ts';
import { users } from '../auth/auth.table.ts';
import { jdAcknowledgements, jobDescriptions } from './jd.table.ts';

/** The acknowledgement every holder signs (seed: 本人已阅读本岗位职责说明，并严格履行). */
export const ACKNOWLEDGEMENT_STATEMENT = '本人已阅读本岗位职责说明，并严格履行';

const columns = { jd: jobDescriptions, positionName: positions.name, publishedBy: users.username };
type Row = { jd: typeof jobDescriptions.$inferSelect; positionName: string; publishedBy: string | null };

function present(r: Row): JobDescription {
  return {
    id: r.jd.id,
    positionId: r.jd.positionId,
    positionName: r.positionName,
    versionNo: r.jd.versionNo,
    status: r.jd.status as JdStatus,
    documentControl: r.jd.documentControl as JdDocumentControl,
    content: r.jd.content as JdContent,
    publishedAt: r.jd.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedBy,
    version: r.jd.version,
  };
}

const selectJd = (db: Executor) =>
  db
    .select(columns)
    .from(jobDescriptions)
    .innerJoin(positions, eq(positions.id, jobDescriptions.positionId))
    .leftJoin(users, eq(users.id, jobDescriptions.publishedByUserId));

/** A job description is visible when its position is (data scope of the position). */
async function loadJd(db: Executor, actor: Actor, id: number): Promise<Row> {
  const [row] = await selectJd(db).where(
    and(eq(jobDescriptions.id, id), eq(jobDescriptions.companyId, actor.companyId)),
  );
  if (!row) throw notFound('entity.jobDescription');
  await getPosition(db, actor, row.jd.positionId).catch(() => {
    throw notFound('entity.jobDescription');
  });
  return row;
}

export async function listJdVersions(db: Db, actor: Actor, positionId: number): Promise<JdSummary[]> {
  authorize(actor, 'jd.read');
  await getPosition(db, actor, positionId);
  const rows = await selectJd(db)
    .where(eq(jobDescriptions.positionId, positionId))
    .orderBy(desc(jobDescriptions.versionNo));
  return rows.map((r) => {
    const jd = present(r);
    return {
      id: jd.id,
      positionId: jd.positionId,
      positionName: jd.positionName,
      versionNo: jd.versionNo,
      status: jd.status,
      publishedAt: jd.publishedAt,
      version: jd.version,
      effectiveDate: jd.documentControl.effectiveDate,
    };
  });
}

export async function getCurrentJd(db: Db, actor: Actor, positionId: number): Promise<JobDescription> {
  authorize(actor, 'jd.read');
  await getPosition(db, actor, positionId);
  const [row] = await selectJd(db).where(
    and(eq(jobDescriptions.positionId, positionId), eq(jobDescriptions.status, 'published')),
  );
  if (!row) throw notFound('entity.jobDescription');
  return present(row);
}

export async function getJd(db: Db, actor: Actor, id: number): Promise<JobDescription> {
  authorize(actor, 'jd.read');
  return present(await loadJd(db, actor, id));
}

/** Start a draft (no version sent) or save the existing one (version sent, checked). One draft per position. */
export async function saveJdDraft(
  db: Db,
  actor: Actor,
  positionId: number,
  body: SaveJdDraftBody,
): Promise<JobDescription> {
  const { actingForEmployeeId } = authorize(actor, 'jd.edit');
  return db.transaction(async (tx) => {
    await getPosition(tx, actor, positionId);
    const [draft] = await tx
      .select()
      .from(jobDescriptions)
      .where(and(eq(jobDescriptions.positionId, positionId), eq(jobDescriptions.status, 'draft')));
    if (draft) {
      if (body.version !== draft.version) throw staleVersion('entity.jobDescription');
      const [after] = await tx
        .update(jobDescriptions)
        .set({ documentControl: body.documentControl, content: body.content, version: draft.version + 1 })
        .where(and(eq(jobDescriptions.id, draft.id), eq(jobDescriptions.version, draft.version)))
        .returning();
      if (!after) throw staleVersion('entity.jobDescription');
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'job_description',
        entityId: draft.id,
        before: draft,
        after,
        actingForEmployeeId,
      });
      return present(await loadJd(tx, actor, draft.id));
    }
    if (body.version !== undefined) throw staleVersion('entity.jobDescription');
    const [last] = await tx
      .select({ n: max(jobDescriptions.versionNo) })
      .from(jobDescriptions)
      .where(eq(jobDescriptions.positionId, positionId));
    const [row] = await tx
      .insert(jobDescriptions)
      .values({
        companyId: actor.companyId,
        positionId,
        versionNo: (last?.n ?? 0) + 1,
        status: 'draft',
        documentControl: body.documentControl,
        content: body.content,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'job_description',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return present(await loadJd(tx, actor, row!.id));
  });
}

/** Publish a draft: it becomes the version in force, the previous one is superseded. Empty required sections → 422. */
export async function publishJd(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  now = new Date(),
): Promise<JobDescription> {
  const { actingForEmployeeId } = authorize(actor, 'jd.publish');
  return db.transaction(async (tx) => {
    const { jd } = await loadJd(tx, actor, id);
    if (jd.status !== 'draft')
      throw new AppError('conflict', 'errors.staleVersion', { entity: 'entity.jobDescription' });
    if (jd.version !== version) throw staleVersion('entity.jobDescription');
    const missing = findMissingJdSections(jd.documentControl, jd.content);
    if (missing.length > 0) {
      throw new AppError(
        'business_rule',
        'errors.validation',
        {},
        missing.map((path) => ({ path, key: 'field.jdSectionEmpty' as const })),
      );
    }
    await tx
      .update(jobDescriptions)
      .set({ status: 'superseded' })
      .where(and(eq(jobDescriptions.positionId, jd.positionId), eq(jobDescriptions.status, 'published')));
    const [after] = await tx
      .update(jobDescriptions)
      .set({
        status: 'published',
        publishedAt: now,
        publishedByUserId: actor.userId,
        version: jd.version + 1,
      })
      .where(eq(jobDescriptions.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'publish',
      entity: 'job_description',
      entityId: id,
      before: { status: jd.status, versionNo: jd.versionNo },
      after: { status: after!.status, versionNo: after!.versionNo },
      actingForEmployeeId,
    });
    return present(await loadJd(tx, actor, id));
  });
}

export async function compareJds(db: Db, actor: Actor, fromId: number, toId: number): Promise<JdDiffEntry[]> {
  authorize(actor, 'jd.read');
  const [a, b] = await Promise.all([loadJd(db, actor, fromId), loadJd(db, actor, toId)]);
  return compareJdContent(
    { documentControl: a.jd.documentControl, content: a.jd.content },
    { documentControl: b.jd.documentControl, content: b.jd.content },
  );
}

/** The signed-in holder acknowledges the version in force; signing twice returns the first signature. */
export async function acknowledgeJd(db: Db, actor: Actor, id: number): Promise<JdAcknowledgement> {
  authorize(actor, 'jd.read');
  return db.transaction(async (tx) => {
    const { jd } = await loadJd(tx, actor, id);
    if (jd.status !== 'published') {
      throw new AppError('business_rule', 'field.notPublished', {}, [
        { path: 'params.id', key: 'field.notPublished' },
      ]);
    }
    const holds =
      actor.employeeId !== null &&
      (
        await tx
          .select({ id: assignments.id })
          .from(assignments)
          .where(
            and(
              eq(assignments.employeeId, actor.employeeId),
              eq(assignments.positionId, jd.positionId),
              assignmentInForce(actor.today),
            ),
          )
      ).length > 0;
    if (!holds)
      throw new AppError('business_rule', 'field.notHolder', {}, [
        { path: 'params.id', key: 'field.notHolder' },
      ]);
    const employeeId = actor.employeeId!;
    const [existing] = await tx
      .select()
      .from(jdAcknowledgements)
      .where(and(eq(jdAcknowledgements.jdId, id), eq(jdAcknowledgements.employeeId, employeeId)));
    const row =
      existing ??
      (
        await tx
          .insert(jdAcknowledgements)
          .values({ companyId: actor.companyId, jdId: id, employeeId, statement: ACKNOWLEDGEMENT_STATEMENT })
          .returning()
      )[0]!;
    if (!existing)
      await recordAudit(tx, actor, {
        action: 'acknowledge',
        entity: 'job_description',
        entityId: id,
        after: row,
      });
    return {
      id: row.id,
      jdId: id,
      versionNo: jd.versionNo,
      employeeId,
      employeeName: actor.employeeName ?? '',
      acknowledgedAt: row.acknowledgedAt.toISOString(),
    };
  });
}

export async function listAcknowledgements(db: Db, actor: Actor, id: number): Promise<JdAcknowledgement[]> {
  authorize(actor, 'jd.read');
  const { jd } = await loadJd(db, actor, id);
  const rows = await db
    .select({ ack: jdAcknowledgements, name: employees.name })
    .from(jdAcknowledgements)
    .innerJoin(employees, eq(employees.id, jdAcknowledgements.employeeId))
    .where(eq(jdAcknowledgements.jdId, id))
    .orderBy(asc(jdAcknowledgements.acknowledgedAt));
  return rows.map(({ ack, name }) => ({
    id: ack.id,
    jdId: id,
    versionNo: jd.versionNo,
    employeeId: ack.employeeId,
    employeeName: name,
    acknowledgedAt: ack.acknowledgedAt.toISOString(),
  }));
}
