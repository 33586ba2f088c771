import { runServe } from './serve.ts';
import { runMigrate } from './migrate.ts';
import { runDemo } from './demo.ts';
import { runUser } from './user.ts';
import { runBackup, runRestore } from './backup.ts';
import { runInit } from './init.ts';
import { runPay } from './pay.ts';

const USAGE = `zuzhang <command> [options]

Commands:
  serve                      migrate, seed the demo company on an empty database, serve web + API on PORT
  migrate                    apply database migrations and exit
  init --company NAME --code CODE --password PW [--admin USERNAME]
                             set up a real company with its first admin (with ZUZHANG_DEMO=0)
  demo [--reset]             create the demo company (or delete and recreate it with --reset)
  user create --username NAME --password PW [--employee ID] [--admin]
  user reset-password --username NAME --password PW
  backup FILE                write a portable archive of the whole database
  restore FILE               load an archive into an empty database (PGlite or PostgreSQL)
  pay simulate PLAN FIGURES [--json] [--lang en-US]
                             what a pay plan pays, from JSON or YAML files (nothing saved)

Environment: DATABASE_URL (postgres://…) or DATA_DIR (default ./data), PORT (default 3000), ZUZHANG_DEMO=0.`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve: runServe,
  migrate: runMigrate,
  init: runInit,
  demo: runDemo,
  user: runUser,
  backup: runBackup,
  restore: runRestore,
  pay: runPay,
};

const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
  console.log(USAGE);
  process.exit(command && command !== 'help' && command !== '--help' ? 2 : 0);
}
try {
  await run(rest);
} catch (error) {
  console.error(`zuzhang ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
