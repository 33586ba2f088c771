import { withDatabase } from './open-db.ts';

export async function runMigrate(_args: string[]) {
  await withDatabase(async (database) => console.log(`migrations applied (${database.engine})`));
}
