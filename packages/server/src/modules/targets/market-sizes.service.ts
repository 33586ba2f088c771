import { and, count, eq } from 'drizzle-orm';
import type {
  CreateMarketSizeBody,
  MarketSize,
  MarketSizeListQuery,
  UpdateMarketSizeBody,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { marketSizes } from './targets.table.ts';

/**
 * 市场容量: the market size (fen) and the number of outlets per year, region and product category, typed in by
 * the people who plan (market.manage). Market share and coverage (市场占有率 / 覆盖率) are read against them.
 * They are company-wide figures: everyone who reads targets reads them.
 */

type Row = typeof marketSizes.$inferSelect;

function presentMarketSize(r: Row): MarketSize {
  return {
    id: r.id,
    year: r.year,
    region: r.region,
    category: r.category,
    marketSizeFen: r.marketSizeFen,
    outletCount: r.outletCount,
    version: r.version,
  };
}

async function loadMarketSize(db: Executor, actor: Actor, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(marketSizes)
    .where(and(eq(marketSizes.id, id), eq(marketSizes.companyId, actor.companyId)));
  if (!row) throw notFound('entity.marketSize');
  return row;
}

const duplicateOf = (r: { year: number; region: string; category: string }) => ({
  path: 'body.region',
  label: 'targets.field.marketKey' as const,
  value: `${r.year} ${r.region} ${r.category}`,
});

export async function listMarketSizes(db: Db, actor: Actor, query: MarketSizeListQuery) {
  authorize(actor, 'target.read');
  const where = and(
    eq(marketSizes.companyId, actor.companyId),
    query.year === undefined ? undefined : eq(marketSizes.year, query.year),
    query.region ? eq(marketSizes.region, query.region) : undefined,
    query.category ? eq(marketSizes.category, query.category) : undefined,
  );
  const order = orderByOf(
    query,
    {
      year: marketSizes.year,
      region: marketSizes.region,
      category: marketSizes.category,
      marketSizeFen: marketSizes.marketSizeFen,
    },
    'year',
    marketSizes.id,
  );
  return pageOf(
    db,
    query,
    db
      .select()
      .from(marketSizes)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(marketSizes).where(where),
    (rows) => rows.map(presentMarketSize),
  );
}

export async function createMarketSize(
  db: Db,
  actor: Actor,
  body: CreateMarketSizeBody,
): Promise<MarketSize> {
  const { actingForEmployeeId } = authorize(actor, 'market.manage');
  return db.transaction(async (tx) => {
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(marketSizes)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      duplicateOf(body),
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'marketSize',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return presentMarketSize(row!);
  });
}

export async function updateMarketSize(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateMarketSizeBody,
): Promise<MarketSize> {
  const { actingForEmployeeId } = authorize(actor, 'market.manage');
  return db.transaction(async (tx) => {
    const before = await loadMarketSize(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.marketSize');
    const { version, ...changes } = body;
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(marketSizes)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(marketSizes.id, id), eq(marketSizes.version, version)))
          .returning(),
      duplicateOf({ ...before, ...changes }),
    );
    if (!after) throw staleVersion('entity.marketSize');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'marketSize',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return presentMarketSize(after);
  });
}

export async function deleteMarketSize(db: Db, actor: Actor, id: number): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'market.manage');
  await db.transaction(async (tx) => {
    const before = await loadMarketSize(tx, actor, id);
    await tx.delete(marketSizes).where(eq(marketSizes.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'marketSize',
      entityId: id,
      before,
      actingForEmployeeId,
    });
  });
}
