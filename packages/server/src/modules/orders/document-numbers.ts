import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/db.ts';
import { orders, salesReturns } from './orders.table.ts';

const TABLES = { SO: orders, TH: salesReturns } as const;

/**
 * The next document number of a kind for a company and month: `SO` (销售订单) or `TH` (退货) + yyyymm + a
 * four-digit sequence, e.g. SO2026110007. A transaction-scoped advisory lock per company and kind makes
 * two concurrent documents take different numbers; numbers typed by hand in the same pattern count too.
 */
export async function nextDocumentNo(
  tx: Executor,
  companyId: number,
  kind: keyof typeof TABLES,
  day: string,
) {
  const table = TABLES[kind];
  const prefix = `${kind}${day.slice(0, 4)}${day.slice(5, 7)}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`zuzhang.docno.${kind}`}), ${companyId})`);
  const [row] = await tx
    .select({
      last: sql<number | null>`max(substring(${table.no} from ${prefix.length + 1}::int)::bigint)`.mapWith(
        Number,
      ),
    })
    .from(table)
    .where(and(eq(table.companyId, companyId), sql`${table.no} ~ ${`^${prefix}[0-9]{4,9}$`}`));
  const next = (row?.last ?? 0) + 1;
  return `${prefix}${String(next).padStart(4, '0')}`;
}
