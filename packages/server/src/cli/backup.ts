import path from 'node:path';
import { withDatabase } from './open-db.ts';
import { restoreBackup, writeBackup } from '../modules/backup/backup.service.ts';

function fileArg(args: string[], verb: string): string {
  const file = args[0];
  if (!file) throw new Error(`usage: zuzhang ${verb} FILE`);
  return path.resolve(file);
}

export async function runBackup(args: string[]) {
  const file = fileArg(args, 'backup');
  await withDatabase(async ({ db, engine }) => {
    const result = await writeBackup(db, file, (table, rows) => console.log(`  ${table}: ${rows} rows`));
    console.log(`backup of ${engine} written to ${file}: ${result.rows} rows in ${result.tables} tables`);
  });
}

export async function runRestore(args: string[]) {
  const file = fileArg(args, 'restore');
  await withDatabase(async ({ db, engine }) => {
    const result = await restoreBackup(db, file, (table, rows) => console.log(`  ${table}: ${rows} rows`));
    console.log(`restored ${result.rows} rows in ${result.tables} tables into ${engine}`);
  });
}
