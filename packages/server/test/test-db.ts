import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/db.ts';
import { withDatabaseName } from './global-setup.ts';

/** Which engine this test run uses: the vitest project sets ZUZHANG_TEST_ENGINE. */
export const TEST_ENGINE = process.env.ZUZHANG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/** A fresh, migrated database for one test file: PGlite in memory, or a copy of the PostgreSQL template. */
export async function createTestDatabase(): Promise<Database> {
  if (TEST_ENGINE === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await database.migrate();
    return database;
  }
  const url = process.env.DATABASE_URL_TEST!;
  const template = inject('pgTemplate');
  const name = `zuzhang_t_${template.split('_').pop()}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, name), dataDir: '' });
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
