import type { Db } from '../db/db.ts';
import { companies } from '../../modules/org/org.table.ts';
import { returnIdleCustomers } from '../../modules/customers/customer-pool.service.ts';
import { todayIn } from '../clock.ts';

const HOUR = 3_600_000;

/**
 * Work that happens by itself while the server runs: idle customers go back to the pool (公海) — at start
 * and every hour, so a day's rule applies within the hour after midnight in each company's time zone.
 * Returns a function that stops it.
 */
export function startScheduler(db: Db, log: (line: string) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const company of await db.select().from(companies)) {
        const result = await returnIdleCustomers(db, company.id, todayIn(company.timezone));
        if (result.returned > 0)
          log(`${company.name}: ${result.returned} idle customers returned to the pool`);
      }
    } catch (error) {
      log(`pool return failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), HOUR);
  timer.unref();
  return () => clearInterval(timer);
}

/** One round of the scheduled work, for every company. */
export async function runScheduledWork(db: Db, log: (line: string) => void, now = new Date()) {
  for (const company of await db.select().from(companies)) {
    const result = await returnIdleCustomers(db, company.id, todayIn(company.timezone, now));
    if (result.returned > 0) log(`${company.name}: ${result.returned} idle customers returned to the pool`);
  }
}
