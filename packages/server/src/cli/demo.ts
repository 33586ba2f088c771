import { parseArgs } from 'node:util';
import { withDatabase } from './open-db.ts';
import { DEMO_PASSWORD, deleteDemo, hasAnyCompany, seedDemoCompany } from '../modules/demo/demo-seed.ts';
import { todayIn } from '../platform/clock.ts';

export async function runDemo(args: string[]) {
  const { values } = parseArgs({ args, options: { reset: { type: 'boolean', default: false } } });
  await withDatabase(async ({ db }) => {
    if (values.reset) await deleteDemo(db);
    else if (await hasAnyCompany(db))
      throw new Error('the database already has a company; use --reset to recreate the demo company');
    const result = await seedDemoCompany(db, todayIn('Asia/Shanghai'));
    console.log(`demo company created: ${result.users} users, password "${DEMO_PASSWORD}"`);
  });
}
