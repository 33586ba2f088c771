import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './db.ts';

/**
 * A migration that has shipped never changes: databases already migrated by it record its hash and date
 * and move on from there, so an edited migration is never run on them (and a re-dated one is run twice).
 * The fingerprints below are the SHA-256 drizzle records for each file; a new migration adds its line,
 * and a change to a shipped one belongs in a new migration instead.
 */
const SHIPPED: Record<string, string> = {
  '0000_foundation': '92e1789451a04571e12492526c826a4d6ded45f133c1683bee124539cb35c31c',
  '0001_sales_ledger': '665039ffd196b5fc563dcf3c1ea9b69b214744468bad2094f0cb731ada5fb74a',
  '0002_org_revision': 'a6496d42fd09420e9db5032ba008b90110b30abd895e9f0ed0b31afacafe5c17',
  '0003_sales_targets': '592ab41d1ea9631fa7389e832263f265f7c7d65937960fdfd54cee55916bc5c3',
  '0004_scorecards_pay': '061d76dd21606aabbd0016e558baaad18a58c6e66df36a8e5f136205e0be9641',
  '0005_receivable_balances_doc_counters': 'dec42275d1806ce5d53e10b8df8c1b00ae48a38bab8ceb80f98fa6b60c2b4324',
};

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
  entries: { idx: number; when: number; tag: string }[];
};

describe('migrations', () => {
  it('keeps every migration as it shipped, in the order it shipped', () => {
    const hashes = Object.fromEntries(
      journal.entries.map((e) => [
        e.tag,
        createHash('sha256')
          .update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`)))
          .digest('hex'),
      ]),
    );
    expect(hashes).toEqual(SHIPPED);
  });

  it('dates each migration after the one before (drizzle runs those dated after the last it ran)', () => {
    const dates = journal.entries.map((e) => e.when);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(new Set(dates).size).toBe(dates.length);
  });
});
