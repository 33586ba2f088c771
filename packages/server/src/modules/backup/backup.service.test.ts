import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is, sql, Table } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { buildTestApp, signIn, type TestApp } from '../../../test/test-app.ts';
import { createTestDatabase, TEST_ENGINE } from '../../../test/test-db.ts';
import { buildApp } from '../../platform/http/app.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { openDatabase, type Database, type Db } from '../../platform/db/db.ts';
import * as schema from '../../platform/db/schema.ts';
import { todayIn } from '../../platform/clock.ts';
import { seedDemo } from '../demo/demo-seed.ts';
import { restoreBackup, tablesInDependencyOrder, writeBackup } from './backup.service.ts';

/**
 * `zuzhang backup FILE` / `restore FILE`: a portable archive that restores into either engine. The source
 * is the demo company on this run's engine; the archive is restored into a fresh database of the same
 * engine and into an embedded (PGlite) one, and a PGlite archive into this run's engine — so the
 * PostgreSQL run (DATABASE_URL_TEST) proves the move from the embedded database to PostgreSQL and back.
 */
const ALL_TABLES = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, Table));
/** Sessions are deliberately left out of an archive: after a move everybody signs in again. */
const TABLES = ALL_TABLES.filter((t) => getTableConfig(t).name !== 'sessions');

let dir: string;
let source: TestApp;
const opened: Database[] = [];

async function pglite(): Promise<Database> {
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await database.migrate();
  opened.push(database);
  return database;
}
async function fresh(): Promise<Database> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

/** Every row of every table, in key order, as the ORM reads it (Dates, numbers, JSON), engine-neutral. */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    out[getTableConfig(table).name] = await db
      .select()
      .from(table)
      .orderBy(sql`1`);
  }
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zuzhang-backup-'));
  source = await buildTestApp();
  // Some activity beyond the seed: sessions, a token, a new unit, audit rows.
  const vp = await signIn(source.app, 'vp');
  await vp.send('POST', '/api/v1/org/units', {
    parentId: null,
    name: '备份测试部',
    code: 'BAK',
    kind: 'department',
  });
  await vp.send('POST', '/api/v1/auth/tokens', { name: '备份前' });
});
afterAll(async () => {
  await source.close();
  for (const d of opened) await d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${TEST_ENGINE})`, () => {
  let file: string;
  let target: Database;

  it('writes a gzip archive with a header naming every table', async () => {
    file = path.join(dir, 'demo.zzb');
    const result = await writeBackup(source.database.db, file);
    expect(result.tables).toBe(TABLES.length);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'zuzhang-backup', version: 1 });
    expect(header.migration).toEqual(expect.any(String));
    expect([...header.tables].sort()).toEqual(TABLES.map((t) => getTableConfig(t).name).sort());
    expect(lines.length - 1).toBe(result.rows);
  });

  it('restores into a fresh empty database: every table has the same rows, exactly', async () => {
    target = await fresh();
    const result = await restoreBackup(target.db, file);
    const [before, after] = [await dump(source.database.db), await dump(target.db)];
    const counts = (d: Record<string, unknown[]>) =>
      Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.length]));
    expect(counts(after)).toEqual(counts(before));
    expect(result.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
    for (const core of [
      'companies',
      'units',
      'positions',
      'employees',
      'users',
      'job_descriptions',
      'audit_log',
    ]) {
      expect(before[core]!.length, core).toBeGreaterThan(0);
    }
    expect(after).toEqual(before);
    expect(await target.db.select().from(schema.sessions)).toEqual([]);
    expect((await source.database.db.select().from(schema.sessions)).length).toBeGreaterThan(0);
  });

  it('the restored company works: sign in with the old password and the same answers', async () => {
    const app = await buildApp({ ...loadConfig({}), logLevel: 'silent', webDist: '/nonexistent' }, target);
    await app.ready();
    try {
      const [a, b] = [await signIn(source.app, 'manager1'), await signIn(app, 'manager1')];
      for (const url of [
        '/api/v1/org/chart',
        '/api/v1/employees?pageSize=200',
        '/api/v1/org/positions?pageSize=200',
      ]) {
        expect((await b.get(url)).json(), url).toEqual((await a.get(url)).json());
      }
      // Sequences continue past the restored ids: new rows get new ids, no duplicate key.
      const vp = await signIn(app, 'vp');
      const maxUnit = Math.max(...(await dump(target.db)).units!.map((u) => (u as { id: number }).id));
      const unit = await vp.send('POST', '/api/v1/org/units', {
        parentId: null,
        name: '恢复后新建',
        code: 'AFTER',
        kind: 'team',
      });
      expect(unit.statusCode, unit.body).toBe(201);
      expect(unit.json().id).toBeGreaterThan(maxUnit);
      const employee = await vp.send('POST', '/api/v1/employees', {
        name: '恢复后',
        mobile: '13912340000',
        hireDate: '2026-11-01',
      });
      expect(employee.statusCode, employee.body).toBe(201);
      const audit = (await vp.get('/api/v1/audit?entity=unit&order=desc&pageSize=1')).json().items[0];
      expect(audit).toMatchObject({ action: 'create', entityId: String(unit.json().id) });
    } finally {
      await app.close();
    }
  });

  it('refuses to restore into a database that is not empty, and leaves it as it was', async () => {
    const before = await dump(target.db);
    await expect(restoreBackup(target.db, file)).rejects.toThrow(/empty database/);
    expect(await dump(target.db)).toEqual(before);
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.zzb');
    fs.writeFileSync(bogus, zlib.gzipSync('{"hello":"world"}\n'));
    const before = await dump(target.db);
    await expect(restoreBackup(target.db, bogus)).rejects.toThrow(/not a Zuzhang backup/);
    expect(await dump(target.db)).toEqual(before);
  });
});

// On the PGlite run the tests above already go from PGlite to PGlite; with DATABASE_URL_TEST the same file
// runs on PostgreSQL and these prove the move both ways.
describe.runIf(TEST_ENGINE === 'postgres')('across engines', () => {
  it(`this run's archive (${TEST_ENGINE}) restores into PGlite`, async () => {
    const file = path.join(dir, 'to-pglite.zzb');
    await writeBackup(source.database.db, file);
    const target = await pglite();
    await restoreBackup(target.db, file);
    expect(await dump(target.db)).toEqual(await dump(source.database.db));
  });

  it(`a PGlite archive restores into this run's engine (${TEST_ENGINE})`, async () => {
    const embedded = await pglite();
    await seedDemo(embedded.db, todayIn('Asia/Shanghai'));
    const file = path.join(dir, 'from-pglite.zzb');
    await writeBackup(embedded.db, file);
    const target = await fresh();
    await restoreBackup(target.db, file);
    expect(await dump(target.db)).toEqual(await dump(embedded.db));
  });
});

it('knows the dependency order: parents before children', () => {
  const order = tablesInDependencyOrder().map((t) => t.name);
  expect(order.indexOf('companies')).toBeLessThan(order.indexOf('units'));
  expect(order.indexOf('positions')).toBeLessThan(order.indexOf('assignments'));
  expect(order.indexOf('users')).toBeLessThan(order.indexOf('api_tokens'));
  expect(order).not.toContain('sessions');
  expect(order.indexOf('job_descriptions')).toBeLessThan(order.indexOf('jd_acknowledgements'));
});
