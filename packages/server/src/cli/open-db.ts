import { loadConfig } from '../platform/config/config.ts';
import { openDatabase, type Database } from '../platform/db/db.ts';

/** Open and migrate the configured database, run the work, close it. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}
