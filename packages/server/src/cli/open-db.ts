import { loadConfig } from '../platform/config/config.ts';
import { openDatabase, type Database } from '../platform/db/db.ts';
import { ensureRollups } from '../modules/sales-rollups/rollups.service.ts';

/** Open and migrate the configured database, run the work, close it. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    await database.migrate();
    await ensureRollups(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}
