import { it } from 'vitest';
import { buildTestApp } from '../../../test/test-app.ts';
import { loadDemoIds } from '../../../test/demo-org.ts';
import { today } from '../../../test/support.ts';
import { DEMO_LEDGER_SEED, seedDemoLedger } from '../demo/demo-ledger.ts';
import { rebuildRollups, snapshotRollups } from './rollups.service.ts';
import { sql } from 'drizzle-orm';

it('timing', async () => {
  const t = await buildTestApp();
  const ids = await loadDemoIds(t.database.db);
  let s = Date.now();
  await seedDemoLedger(t.database.db, { companyId: ids.companyId, today: today(), seed: DEMO_LEDGER_SEED });
  console.log('seed', Date.now() - s);
  const c = await t.database.db.execute(sql`select (select count(*) from orders) o, (select count(*) from order_lines) l, (select count(*) from sales_rollups) r, (select count(*) from customers) c`);
  console.log(c.rows);
  for (let i = 0; i < 2; i++) {
    s = Date.now(); await snapshotRollups(t.database.db, ids.companyId, 'ledger'); console.log('ledger', Date.now() - s);
    s = Date.now(); await snapshotRollups(t.database.db, ids.companyId, 'stored'); console.log('stored', Date.now() - s);
    s = Date.now(); await t.database.db.transaction((tx) => rebuildRollups(tx, ids.companyId)); console.log('rebuild', Date.now() - s);
  }
  await t.close();
}, 300_000);
