import { and, asc, count, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type {
  AllocateReceiptBody,
  CreateReceiptBody,
  CustomerCredit,
  Receipt,
  ReceiptListQuery,
  ReceiptMethod,
} from '@zuzhang/api-schema';
import { allocateReceipt, formatYuan, type AllocationResult, type OverpaymentMode } from '@zuzhang/domain';
import type { Db, Executor, Tx } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { customers } from '../customers/customers.table.ts';
import { employees } from '../org/org.table.ts';
import { orders } from '../orders/orders.table.ts';
import { assertMonthOpen } from '../statements/month-lock.ts';
import { receiptAllocations, receipts } from './receivables.table.ts';
import { loadOrderBalances, refreshOpenAmounts } from './open-amount.ts';
import { findCustomerInScope, isoOrNull, lockCustomerOrders, requireCustomerInScope } from './ledger-refs.ts';
import { primaryUnitOn } from '../org/org.service.ts';
import { applyLedgerFacts } from '../sales-rollups/rollups.service.ts';

/**
 * 回款 / 收款: money in from a customer, allocated to the customer's orders. What is not allocated stays on
 * the receipt (`unallocatedFen`) as the customer's credit, never lost, and can be applied to orders later.
 */

type ReceiptRow = typeof receipts.$inferSelect;

async function presentReceipts(
  db: Executor,
  rows: { r: ReceiptRow; customerName: string; ownerName: string | null }[],
): Promise<Receipt[]> {
  const ids = rows.map((x) => x.r.id);
  const allocations =
    ids.length === 0
      ? []
      : await db
          .select({ a: receiptAllocations, orderNo: orders.no })
          .from(receiptAllocations)
          .innerJoin(orders, eq(orders.id, receiptAllocations.orderId))
          .where(inArray(receiptAllocations.receiptId, ids))
          .orderBy(asc(receiptAllocations.id));
  return rows.map(({ r, customerName, ownerName }) => ({
    id: r.id,
    customerId: r.customerId,
    customerName,
    ownerEmployeeId: r.ownerEmployeeId,
    ownerName,
    receivedOn: r.receivedOn,
    amountFen: r.amountFen,
    method: r.method as ReceiptMethod,
    payer: r.payer,
    reference: r.reference,
    idempotencyKey: r.idempotencyKey,
    unallocatedFen: r.unallocatedFen,
    allocations: allocations
      .filter((x) => x.a.receiptId === r.id)
      .map((x) => ({
        id: x.a.id,
        orderId: x.a.orderId,
        orderNo: x.orderNo,
        amountFen: x.a.amountFen,
        allocatedOn: x.a.allocatedOn,
      })),
    createdAt: isoOrNull(r.createdAt)!,
    version: r.version,
  }));
}

const receiptColumns = { r: receipts, customerName: customers.name, ownerName: employees.name };

function selectReceipts(db: Executor) {
  return db
    .select(receiptColumns)
    .from(receipts)
    .innerJoin(customers, eq(customers.id, receipts.customerId))
    .leftJoin(employees, eq(employees.id, receipts.ownerEmployeeId));
}

export async function getReceipt(db: Executor, actor: Actor, id: number): Promise<Receipt> {
  authorize(actor, 'customer.read');
  const rows = await selectReceipts(db).where(
    and(
      eq(receipts.id, id),
      eq(receipts.companyId, actor.companyId),
      inScope.customer(actor, receipts.customerId),
    ),
  );
  if (rows.length === 0) throw notFound('entity.receipt');
  return (await presentReceipts(db, rows))[0]!;
}

export async function listReceipts(db: Db, actor: Actor, query: ReceiptListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    eq(receipts.companyId, actor.companyId),
    inScope.customer(actor, receipts.customerId),
    query.customerId ? eq(receipts.customerId, query.customerId) : undefined,
    query.from ? gte(receipts.receivedOn, query.from) : undefined,
    query.to ? lte(receipts.receivedOn, query.to) : undefined,
    query.method ? eq(receipts.method, query.method) : undefined,
    query.hasCredit === true ? gt(receipts.unallocatedFen, 0) : undefined,
    query.hasCredit === false ? eq(receipts.unallocatedFen, 0) : undefined,
  );
  const order = orderByOf(
    query,
    { receivedOn: receipts.receivedOn, amountFen: receipts.amountFen, createdAt: receipts.createdAt },
    'receivedOn',
    receipts.id,
  );
  return pageOf(
    db,
    query,
    selectReceipts(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(receipts).where(where),
    (rows) => presentReceipts(db, rows),
  );
}

/** What a retry must repeat to be "the same receipt" (the idempotency key's request, kept in the audit row). */
function fingerprintOf(body: CreateReceiptBody): string {
  return JSON.stringify({
    customerId: body.customerId,
    receivedOn: body.receivedOn,
    amountFen: body.amountFen,
    method: body.method,
    payer: body.payer,
    reference: body.reference,
    allocations: body.allocations ?? null,
    onOverpayment: body.onOverpayment,
  });
}

/**
 * The same idempotency key again: the first receipt (200), never a second one. A different request under
 * the same key is a 409, and so is a key used for a receipt the caller may not see (its details stay hidden).
 */
async function replayReceipt(
  db: Db,
  actor: Actor,
  existing: ReceiptRow,
  body: CreateReceiptBody,
): Promise<{ created: false; receipt: Receipt }> {
  const mismatch = new AppError('conflict', 'money.idempotencyMismatch', { key: body.idempotencyKey }, [
    { path: 'body.idempotencyKey', key: 'money.idempotencyMismatch', params: { key: body.idempotencyKey } },
  ]);
  const visible = await findCustomerInScope(db, actor, existing.customerId);
  if (!visible) throw mismatch;
  const [created] = await db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.companyId, actor.companyId),
        eq(auditLog.entity, 'receipt'),
        eq(auditLog.entityId, String(existing.id)),
        eq(auditLog.action, 'create'),
      ),
    )
    .limit(1);
  const recorded = (created?.after as { request?: string } | null)?.request;
  const same =
    recorded !== undefined
      ? recorded === fingerprintOf(body)
      : existing.customerId === body.customerId &&
        existing.receivedOn === body.receivedOn &&
        existing.amountFen === body.amountFen &&
        existing.method === body.method &&
        existing.payer === body.payer &&
        existing.reference === body.reference;
  if (!same) throw mismatch;
  return { created: false, receipt: await getReceipt(db, actor, existing.id) };
}

async function findByKey(db: Executor, companyId: number, key: string): Promise<ReceiptRow | null> {
  const [row] = await db
    .select()
    .from(receipts)
    .where(and(eq(receipts.companyId, companyId), eq(receipts.idempotencyKey, key)));
  return row ?? null;
}

/** A refusal of the allocation rules, as an error naming the field. */
function refusalError(result: Extract<AllocationResult, { ok: false }>, prefix: string): AppError {
  switch (result.reason) {
    case 'exceeds_open':
      return new AppError(
        'business_rule',
        'money.allocationExceedsOpen',
        { open: formatYuan(result.openFen) },
        [
          {
            path: `${prefix}.allocations.${result.index}.amountFen`,
            key: 'money.allocationExceedsOpen',
            params: { open: formatYuan(result.openFen) },
          },
        ],
      );
    case 'exceeds_receipt':
      return new AppError(
        'business_rule',
        'money.allocationExceedsReceipt',
        { available: formatYuan(result.availableFen) },
        [
          {
            path: `${prefix}.allocations.${result.index}.amountFen`,
            key: 'money.allocationExceedsReceipt',
            params: { available: formatYuan(result.availableFen) },
          },
        ],
      );
    case 'unknown_order':
      return fieldError(`${prefix}.allocations.${result.index}.orderId`, 'money.allocationUnknownOrder');
    case 'duplicate_order':
      return fieldError(`${prefix}.allocations.${result.index}.orderId`, 'money.allocationDuplicate');
    case 'overpayment':
      return new AppError('business_rule', 'money.overpayment', { credit: formatYuan(result.creditFen) }, [
        {
          path: `${prefix}.amountFen`,
          key: 'money.overpayment',
          params: { credit: formatYuan(result.creditFen) },
        },
      ]);
  }
}

/**
 * Apply a receipt's unallocated money to the customer's orders, in the caller's transaction: lock the orders,
 * read their open amounts (the one definition, open-amount.ts), split with the domain rule, write the
 * allocations and the receipt's new credit. Never more than an order's open amount, even with two receipts
 * on the same order at once (the row locks make the second wait and see the first).
 */
async function applyAllocations(
  tx: Tx,
  actor: Actor,
  receipt: ReceiptRow,
  spec: {
    requested: { orderId: number; amountFen: number }[] | undefined;
    mode: OverpaymentMode;
    allocatedOn: string;
    prefix: string;
  },
) {
  const explicit = spec.requested && spec.requested.length > 0 ? spec.requested : undefined;
  const locked = await lockCustomerOrders(
    tx,
    actor.companyId,
    receipt.customerId,
    explicit ? [...new Set(explicit.map((r) => r.orderId))].sort((a, b) => a - b) : undefined,
  );
  const balances = await loadOrderBalances(
    tx,
    locked.map((o) => o.id),
  );
  const result = allocateReceipt(
    receipt.unallocatedFen,
    locked.map((o) => ({ orderId: o.id, openFen: balances.get(o.id)?.openFen ?? 0, dueOn: o.dueOn })),
    explicit,
    spec.mode,
  );
  if (!result.ok) throw refusalError(result, spec.prefix);
  const allocations = result.allocations.filter((a) => a.amountFen > 0);
  const rows =
    allocations.length === 0
      ? []
      : await tx
          .insert(receiptAllocations)
          .values(
            allocations.map((a) => ({
              companyId: actor.companyId,
              receiptId: receipt.id,
              orderId: a.orderId,
              amountFen: a.amountFen,
              allocatedOn: spec.allocatedOn,
            })),
          )
          .returning();
  await refreshOpenAmounts(
    tx,
    allocations.map((a) => a.orderId),
  );
  const [after] = await tx
    .update(receipts)
    .set({ unallocatedFen: result.creditFen, version: receipt.version + 1 })
    .where(eq(receipts.id, receipt.id))
    .returning();
  return { after: after!, allocations: rows };
}

function checkNotFuture(day: string, actor: Actor, path: string) {
  if (day > actor.today) throw fieldError(path, 'money.dateInFuture', { today: actor.today });
}

/**
 * Record money received. The idempotency key (required, in the body) makes a retried or double-clicked
 * submission return the first receipt: checked first, and — when two submissions race — the unique index
 * (company, key) lets exactly one insert through; the other's violation is caught and answered with the
 * winner's receipt.
 */
export async function recordReceipt(
  db: Db,
  actor: Actor,
  body: CreateReceiptBody,
): Promise<{ created: boolean; receipt: Receipt }> {
  const { actingForEmployeeId } = authorize(actor, 'receipt.manage');
  const existing = await findByKey(db, actor.companyId, body.idempotencyKey);
  if (existing) return replayReceipt(db, actor, existing, body);
  checkNotFuture(body.receivedOn, actor, 'body.receivedOn');
  try {
    const id = await db.transaction(async (tx) => {
      const customer = await requireCustomerInScope(tx, actor, body.customerId, 'body.customerId');
      await assertMonthOpen(tx, customer.id, body.receivedOn, 'body.receivedOn');
      const unitId =
        customer.ownerEmployeeId === null
          ? null
          : await primaryUnitOn(tx, customer.ownerEmployeeId, body.receivedOn);
      const [row] = await withDuplicateCheck(
        () =>
          tx
            .insert(receipts)
            .values({
              companyId: actor.companyId,
              customerId: customer.id,
              // The rep credited with the collection: the customer's owner when the money came in.
              ownerEmployeeId: customer.ownerEmployeeId,
              unitId,
              receivedOn: body.receivedOn,
              amountFen: body.amountFen,
              method: body.method,
              payer: body.payer,
              reference: body.reference,
              idempotencyKey: body.idempotencyKey,
              unallocatedFen: body.amountFen,
              createdByUserId: actor.userId,
            })
            .returning(),
        { path: 'body.idempotencyKey', label: 'money.field.idempotencyKey', value: body.idempotencyKey },
      );
      if (row!.ownerEmployeeId !== null) {
        const fact = {
          metric: 'collections',
          day: row!.receivedOn,
          employeeId: row!.ownerEmployeeId,
          unitId,
          category: '',
          amount: row!.amountFen,
        } as const;
        await applyLedgerFacts(tx, actor.companyId, [], [fact]);
      }
      const { after, allocations } = await applyAllocations(tx, actor, row!, {
        requested: body.allocations,
        mode: body.onOverpayment,
        allocatedOn: body.receivedOn,
        prefix: 'body',
      });
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'receipt',
        entityId: row!.id,
        after: { ...after, allocations, request: fingerprintOf(body) },
        actingForEmployeeId,
      });
      await auditAllocations(tx, actor, allocations, actingForEmployeeId);
      return row!.id;
    });
    return { created: true, receipt: await getReceipt(db, actor, id) };
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === 'conflict' &&
      error.details[0]?.path === 'body.idempotencyKey'
    ) {
      const winner = await findByKey(db, actor.companyId, body.idempotencyKey);
      if (winner) return replayReceipt(db, actor, winner, body);
    }
    throw error;
  }
}

async function auditAllocations(
  tx: Executor,
  actor: Actor,
  allocations: (typeof receiptAllocations.$inferSelect)[],
  actingForEmployeeId: number | null,
) {
  for (const a of allocations) {
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'receiptAllocation',
      entityId: a.id,
      after: a,
      actingForEmployeeId,
    });
  }
}

/** Apply a receipt's credit (its unallocated money) to the customer's orders, explicitly or oldest due first. */
export async function allocateCredit(
  db: Db,
  actor: Actor,
  id: number,
  body: AllocateReceiptBody,
): Promise<Receipt> {
  const { actingForEmployeeId } = authorize(actor, 'receipt.manage');
  const allocatedOn = body.allocatedOn ?? actor.today;
  checkNotFuture(allocatedOn, actor, 'body.allocatedOn');
  await db.transaction(async (tx) => {
    const [receipt] = await tx
      .select()
      .from(receipts)
      .where(
        and(
          eq(receipts.id, id),
          eq(receipts.companyId, actor.companyId),
          inScope.customer(actor, receipts.customerId),
        ),
      )
      // The receipt's credit is read and reduced under a lock: two allocations of it run one after the other.
      .for('update');
    if (!receipt) throw notFound('entity.receipt');
    if (allocatedOn < receipt.receivedOn) {
      throw fieldError('body.allocatedOn', 'money.allocatedBeforeReceived', {
        receivedOn: receipt.receivedOn,
      });
    }
    if (receipt.unallocatedFen <= 0) {
      throw new AppError('business_rule', 'money.noCredit', {}, [
        { path: 'params.id', key: 'money.noCredit' },
      ]);
    }
    await assertMonthOpen(tx, receipt.customerId, allocatedOn, 'body.allocatedOn');
    const { after, allocations } = await applyAllocations(tx, actor, receipt, {
      requested: body.allocations,
      mode: body.onOverpayment,
      allocatedOn,
      prefix: 'body',
    });
    await recordAudit(tx, actor, {
      action: 'allocate',
      entity: 'receipt',
      entityId: id,
      before: receipt,
      after: { ...after, allocations },
      actingForEmployeeId,
    });
    await auditAllocations(tx, actor, allocations, actingForEmployeeId);
  });
  return getReceipt(db, actor, id);
}

/** The customer's credit: money received and not yet applied to an order (预收 / 余款). */
export async function getCustomerCredit(db: Db, actor: Actor, customerId: number): Promise<CustomerCredit> {
  authorize(actor, 'customer.read');
  const customer = await findCustomerInScope(db, actor, customerId);
  if (!customer) throw notFound('money.customer');
  const rows = await db
    .select({
      id: receipts.id,
      receivedOn: receipts.receivedOn,
      amountFen: receipts.amountFen,
      unallocatedFen: receipts.unallocatedFen,
      reference: receipts.reference,
    })
    .from(receipts)
    .where(and(eq(receipts.customerId, customerId), gt(receipts.unallocatedFen, 0)))
    .orderBy(asc(receipts.receivedOn), asc(receipts.id));
  return {
    customerId,
    customerName: customer.name,
    creditFen: rows.reduce((s, r) => s + r.unallocatedFen, 0),
    receipts: rows,
  };
}
