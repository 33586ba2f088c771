import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/test-app.ts';
import { buildMoneyKit } from '../../modules/receivables/test-factories.ts';
import { customers } from '../../modules/customers/customers.table.ts';
import { runScheduledWork } from './scheduler.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('scheduled work', () => {
  it('returns customers idle past the company rule to the pool, and keeps active ones', async () => {
    const kit = await buildMoneyKit(t.database.db);
    const idle = await kit.customer('rep1');
    const active = await kit.customer('rep1');
    const db = t.database.db;
    await db.update(customers).set({ lastActivityOn: '2026-01-01' }).where(eq(customers.id, idle.id));
    await db.update(customers).set({ lastActivityOn: '2026-11-20' }).where(eq(customers.id, active.id));
    const lines: string[] = [];
    await runScheduledWork(db, (line) => lines.push(line), new Date('2026-11-27T04:00:00Z'));
    const owner = async (id: number) =>
      (await db.select({ o: customers.ownerEmployeeId }).from(customers).where(eq(customers.id, id)))[0]!.o;
    expect(await owner(idle.id)).toBeNull();
    expect(await owner(active.id)).not.toBeNull();
    expect(lines.join('\n')).toMatch(/returned to the pool/);
  });
});
