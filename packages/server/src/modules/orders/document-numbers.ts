import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/db.ts';
import { documentCounters, orders, salesReturns } from './orders.table.ts';

const TABLES = { SO: orders, TH: salesReturns } as const;
type Kind = keyof typeof TABLES;

/** A number in the pattern: kind, yyyymm, then a sequence of four to nine digits. */
const PATTERN = /^(SO|TH)(\d{6})(\d{4,9})$/;

/**
 * Moves the company's counter for a kind and month on: to the next number (`seenNo` absent) or to at least
 * a number already given (`seenNo`). The counter row's lock makes two concurrent documents take different
 * numbers. The first document of a month starts the counter from the documents already numbered in the
 * pattern (loaded in bulk or typed by hand), which is the only read of the documents themselves.
 */
async function advanceCounter(tx: Executor, companyId: number, kind: Kind, month: string, seenNo?: number) {
  const key = and(
    eq(documentCounters.companyId, companyId),
    eq(documentCounters.kind, kind),
    eq(documentCounters.month, month),
  );
  const next =
    seenNo === undefined
      ? sql`${documentCounters.last} + 1`
      : sql`greatest(${documentCounters.last}, ${seenNo})`;
  const [moved] = await tx.update(documentCounters).set({ last: next }).where(key).returning();
  if (moved) return moved.last;
  const table = TABLES[kind];
  const prefix = `${kind}${month}`;
  const [existing] = await tx
    .select({
      last: sql<number | null>`max(substring(${table.no} from ${prefix.length + 1}::int)::bigint)`.mapWith(
        Number,
      ),
    })
    .from(table)
    .where(and(eq(table.companyId, companyId), sql`${table.no} ~ ${`^${prefix}[0-9]{4,9}$`}`));
  const start = Math.max((existing?.last ?? 0) + (seenNo === undefined ? 1 : 0), seenNo ?? 0);
  // Another transaction may have started the month meanwhile: then move its counter on instead.
  const [row] = await tx
    .insert(documentCounters)
    .values({ companyId, kind, month, last: start })
    .onConflictDoUpdate({
      target: [documentCounters.companyId, documentCounters.kind, documentCounters.month],
      set: { last: next },
    })
    .returning();
  return row!.last;
}

/**
 * The next document number of a kind for a company and month: `SO` (销售订单) or `TH` (退货) + yyyymm + a
 * four-digit sequence, e.g. SO2026110007.
 */
export async function nextDocumentNo(tx: Executor, companyId: number, kind: Kind, day: string) {
  const month = `${day.slice(0, 4)}${day.slice(5, 7)}`;
  const last = await advanceCounter(tx, companyId, kind, month);
  return `${kind}${month}${String(last).padStart(4, '0')}`;
}

/**
 * A number typed by hand: when it is in the pattern, the counter of its kind and month moves past it, so
 * that the numbers given later do not collide with it.
 */
export async function noteDocumentNo(tx: Executor, companyId: number, kind: Kind, no: string) {
  const match = PATTERN.exec(no);
  if (!match || match[1] !== kind) return;
  await advanceCounter(tx, companyId, kind, match[2]!, Number(match[3]));
}
