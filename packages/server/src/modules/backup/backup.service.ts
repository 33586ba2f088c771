import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { is, Table } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import * as schema from '../../platform/db/schema.ts';

export const BACKUP_FORMAT = 'zuzhang-backup';
export const BACKUP_VERSION = 1;
const BATCH = 1000;

/** Every table, parents before children, so that a restore satisfies foreign keys table by table. */
export function tablesInDependencyOrder(): {
  name: string;
  /** Primary-key columns: the order rows are written in. */
  key: string[];
  selfReferencing: boolean;
  hasSerialId: boolean;
}[] {
  const tables = (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, Table))
    // Sessions are not carried over: after a move everybody signs in again.
    .filter((t) => getTableConfig(t).name !== 'sessions');
  const info = tables.map((t) => {
    const cfg = getTableConfig(t);
    const refs = cfg.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
    return {
      name: cfg.name,
      refs,
      // A single-column key is marked on its column; a composite one (the roll-ups) is declared apart.
      key: [
        ...cfg.columns.filter((c) => c.primary).map((c) => c.name),
        ...(cfg.primaryKeys[0]?.columns.map((c) => c.name) ?? []),
      ],
      hasSerialId: cfg.columns.some((c) => c.name === 'id' && c.columnType.includes('Serial')),
    };
  });
  const done: typeof info = [];
  const pending = [...info];
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.refs.every((r) => r === t.name || done.some((d) => d.name === r)));
    if (i < 0) throw new Error(`foreign keys form a loop among: ${pending.map((p) => p.name).join(', ')}`);
    done.push(pending.splice(i, 1)[0]!);
  }
  return done.map((t) => ({
    name: t.name,
    key: t.key,
    selfReferencing: t.refs.includes(t.name),
    hasSerialId: t.hasSerialId,
  }));
}

async function latestMigration(db: Db): Promise<string | null> {
  const result = await db.execute(
    sql`select hash from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const rows = (result as unknown as { rows: { hash: string }[] }).rows;
  return rows[0]?.hash ?? null;
}

/**
 * A portable archive: gzip'd JSON lines, a header then one line per row as PostgreSQL's row_to_json
 * writes it. Both engines speak the same SQL, so an archive from PGlite restores into PostgreSQL and back.
 */
export async function writeBackup(
  db: Db,
  file: string,
  onProgress: (table: string, rows: number) => void = () => {},
) {
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  const tables = tablesInDependencyOrder();
  await write({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    migration: await latestMigration(db),
    createdAt: new Date().toISOString(),
    tables: tables.map((t) => t.name),
  });
  let total = 0;
  for (const t of tables) {
    let n = 0;
    for (let offset = 0; ; offset += BATCH) {
      const result = await db.execute(
        sql.raw(
          `select row_to_json(t) as r from "${t.name}" t order by ${t.key.map((k) => `t."${k}"`).join(', ')} limit ${BATCH} offset ${offset}`,
        ),
      );
      const rows = (result as unknown as { rows: { r: unknown }[] }).rows;
      for (const row of rows)
        await write({ t: t.name, r: typeof row.r === 'string' ? JSON.parse(row.r) : row.r });
      n += rows.length;
      if (rows.length < BATCH) break;
    }
    total += n;
    onProgress(t.name, n);
  }
  gzip.end();
  await once(out, 'finish');
  return { tables: tables.length, rows: total };
}

/** Restore an archive into an empty, migrated database, in one transaction. */
export async function restoreBackup(
  db: Db,
  file: string,
  onProgress: (table: string, rows: number) => void = () => {},
) {
  const tables = tablesInDependencyOrder();
  const known = new Set(tables.map((t) => t.name));
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const byTable = new Map<string, unknown[]>();
  let header: { format?: string; version?: number } | null = null;
  for await (const line of lines) {
    if (!line) continue;
    const parsed = JSON.parse(line) as { t?: string; r?: unknown; format?: string; version?: number };
    if (header === null) {
      if (parsed.format !== BACKUP_FORMAT)
        throw new Error(`${file} is not a Zuzhang backup (no "${BACKUP_FORMAT}" header)`);
      if (parsed.version !== BACKUP_VERSION)
        throw new Error(
          `backup format version ${parsed.version} is not supported (expected ${BACKUP_VERSION})`,
        );
      header = parsed;
      continue;
    }
    if (!parsed.t || !known.has(parsed.t))
      throw new Error(`backup has rows for an unknown table "${parsed.t}"`);
    const list = byTable.get(parsed.t) ?? [];
    list.push(parsed.r);
    byTable.set(parsed.t, list);
  }
  if (header === null) throw new Error(`${file} is empty`);
  const [existing] = (
    (await db.execute(sql`select count(*)::int as n from companies`)) as unknown as { rows: { n: number }[] }
  ).rows;
  if (Number(existing?.n ?? 0) > 0) {
    throw new Error(
      'restore needs an empty database: point DATA_DIR or DATABASE_URL at a new one (it is migrated automatically)',
    );
  }
  let total = 0;
  await db.transaction(async (tx) => {
    for (const t of tables) {
      const rows = byTable.get(t.name) ?? [];
      // A self-referencing table goes in one statement: foreign keys are checked at its end, in any row order.
      const size = t.selfReferencing ? Math.max(rows.length, 1) : BATCH;
      for (let i = 0; i < rows.length; i += size) {
        const chunk = JSON.stringify(rows.slice(i, i + size));
        await tx.execute(
          sql`insert into ${sql.identifier(t.name)} select * from json_populate_recordset(null::${sql.identifier(t.name)}, ${chunk}::json)`,
        );
      }
      if (t.hasSerialId && rows.length > 0) {
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('"${t.name}"', 'id'), (select max(id) from "${t.name}"))`,
          ),
        );
      }
      total += rows.length;
      onProgress(t.name, rows.length);
    }
  });
  return { tables: tables.length, rows: total };
}
