import { and, desc, eq, gte } from 'drizzle-orm';
import { monthOf } from '@zuzhang/domain';
import type { Executor } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { customers } from '../customers/customers.table.ts';
import { statements } from './statements.table.ts';

/**
 * 对账单 lock: once a customer confirms a month's statement, that month and every month before it are closed
 * for the customer ("the month is locked once confirmed; corrections go into the next month"): a write dated
 * in them would change figures the customer has signed (a back-dated write also changes the opening of the
 * confirmed month). Throws 422 `business_rule` naming the month; `path` names the field of the date.
 *
 * Call it inside the write's transaction, before writing. It takes a KEY SHARE lock on the customer row, so
 * a statement being confirmed at the same moment (FOR UPDATE on that row) waits for this write to commit, or
 * this write waits for the confirmation and then sees it. KEY SHARE does not block ordinary updates of the
 * customer (e.g. its last-activity date) in other transactions.
 *
 * For the orders engineer: call it with the order date on create/edit/cancel, the return date on returns.
 */
export async function assertMonthOpen(
  tx: Executor,
  customerId: number,
  day: string,
  path?: string,
): Promise<void> {
  const [customer] = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(eq(customers.id, customerId))
    .for('key share');
  if (!customer) return;
  const period = monthOf(day);
  const [locked] = await tx
    .select({ period: statements.period })
    .from(statements)
    .where(
      and(
        eq(statements.customerId, customerId),
        eq(statements.status, 'confirmed'),
        gte(statements.period, period),
      ),
    )
    .orderBy(desc(statements.period))
    .limit(1);
  if (!locked) return;
  const params = { customer: customer.name, period, lockedThrough: locked.period };
  throw new AppError(
    'business_rule',
    'money.lockedMonth',
    params,
    path ? [{ path, key: 'money.lockedMonth', params }] : [],
  );
}
