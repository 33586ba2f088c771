import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './platform/config/config.ts';
import { openDatabase, type Database } from './platform/db/db.ts';
import { todayIn } from './platform/clock.ts';
import { startScheduler } from './platform/jobs/scheduler.ts';
import { DEMO_PASSWORD, PEOPLE, hasAnyCompany, seedDemoCompany } from './modules/demo/demo-seed.ts';
import { ensureRollups } from './modules/sales-rollups/rollups.service.ts';

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Migrate, seed the demo company on an empty database (unless ZUZHANG_DEMO=0), and listen. */
export async function startServer(
  config: Config = loadConfig(),
  log: (line: string) => void = console.log,
): Promise<Running> {
  // Open the database while the HTTP modules load: both take a few hundred milliseconds.
  const [database, { buildApp }] = await Promise.all([
    openDatabase(config),
    import('./platform/http/app.ts'),
  ]);
  await database.migrate();
  await ensureRollups(database.db);
  let seeded = false;
  if (config.demo && !(await hasAnyCompany(database.db))) {
    await seedDemoCompany(database.db, todayIn('Asia/Shanghai'));
    seeded = true;
  }
  const app = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const stopScheduler = startScheduler(database.db, log);
  const where = database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  log(`Zuzhang 组长 is running at ${url}  (database: ${where}${seeded ? ', demo company created' : ''})`);
  if (config.demo) {
    const names = ['admin', ...PEOPLE.flatMap((p) => (p.username ? [p.username] : []))];
    log(`Demo sign-ins (password "${DEMO_PASSWORD}", demo data only): ${names.join(', ')}`);
  }
  return {
    app,
    database,
    url,
    stop: async () => {
      stopScheduler();
      await app.close();
      await database.close();
    },
  };
}
