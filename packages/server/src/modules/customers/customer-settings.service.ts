import { and, count, eq, inArray } from 'drizzle-orm';
import type { CustomerSettings, UpdateCustomerSettingsBody } from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, staleVersion } from '../../platform/errors/app-error.ts';
import { customerSettings, customers } from './customers.table.ts';

/** Until a company changes them: levels A / B / C, back to the pool after 30 idle days, 50 customers a rep. */
const DEFAULTS = { levels: ['A', 'B', 'C'], poolReturnDays: 30, claimCapPerRep: 50, version: 1 };

/** The company's customer rules; the defaults when it never set them (no row yet). */
export async function loadCustomerSettings(db: Executor, companyId: number): Promise<CustomerSettings> {
  const [row] = await db.select().from(customerSettings).where(eq(customerSettings.companyId, companyId));
  if (!row) return { ...DEFAULTS, levels: [...DEFAULTS.levels] };
  return {
    levels: row.levels,
    poolReturnDays: row.poolReturnDays,
    claimCapPerRep: row.claimCapPerRep,
    version: row.version,
  };
}

export async function getCustomerSettings(db: Db, actor: Actor): Promise<CustomerSettings> {
  authorize(actor, 'customer.read');
  return loadCustomerSettings(db, actor.companyId);
}

/**
 * Company-wide rules change only by the admin or a company-level executive who may vet customers: a
 * regional manager must not change the pool rule for other regions.
 */
export async function updateCustomerSettings(
  db: Db,
  actor: Actor,
  body: UpdateCustomerSettingsBody,
): Promise<CustomerSettings> {
  const { actingForEmployeeId } = authorize(actor, 'customer.vet');
  if (!actor.scope.company) throw new AppError('forbidden', 'customers.settingsCompanyOnly');
  return db.transaction(async (tx) => {
    const before = await loadCustomerSettings(tx, actor.companyId);
    if (before.version !== body.version) throw staleVersion('entity.customerSettings');
    // A level still carried by customers cannot disappear: they would hold a level the company no longer has.
    const dropped = before.levels.filter((l) => !body.levels.includes(l));
    if (dropped.length > 0) {
      const inUse = await tx
        .select({ level: customers.level, n: count() })
        .from(customers)
        .where(and(eq(customers.companyId, actor.companyId), inArray(customers.level, dropped)))
        .groupBy(customers.level);
      const first = inUse.find((r) => Number(r.n) > 0);
      if (first) {
        throw new AppError(
          'business_rule',
          'customers.levelInUse',
          { level: first.level, count: Number(first.n) },
          [
            {
              path: 'body.levels',
              key: 'customers.levelInUse',
              params: { level: first.level, count: Number(first.n) },
            },
          ],
        );
      }
    }
    const values = {
      levels: body.levels,
      poolReturnDays: body.poolReturnDays,
      claimCapPerRep: body.claimCapPerRep,
      version: body.version + 1,
    };
    const [after] = await tx
      .insert(customerSettings)
      .values({ companyId: actor.companyId, ...values })
      .onConflictDoUpdate({
        target: customerSettings.companyId,
        set: values,
        setWhere: eq(customerSettings.version, body.version),
      })
      .returning();
    if (!after) throw staleVersion('entity.customerSettings');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'customer_settings',
      entityId: actor.companyId,
      before,
      after,
      actingForEmployeeId,
    });
    return loadCustomerSettings(tx, actor.companyId);
  });
}
