import { and, asc, eq, inArray, isNotNull, lte, ne, or } from 'drizzle-orm';
import type {
  CollectionPlan,
  CollectionPlanQuery,
  DueInstalment,
  DueInstalmentQuery,
  SaveCollectionPlanBody,
} from '@zuzhang/api-schema';
import { checkInstalmentTotal, coverInstalments, formatYuan } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { customers } from '../customers/customers.table.ts';
import { employees } from '../org/org.table.ts';
import { contracts, orders } from '../orders/orders.table.ts';
import { collectionPlans } from './receivables.table.ts';
import { loadOrderBalances } from './open-amount.ts';
import { isReceivableOrder } from './ledger-refs.ts';

/**
 * 回款计划: instalments with due dates per contract or per order. They add up to the contract or order
 * amount exactly; what has been settled on it (money allocated, returns, approved write-offs) covers the
 * instalments in due-date order, so each instalment shows what is still outstanding and whether it is
 * overdue — the rep's collection to-do.
 */

type TargetKind = 'contract' | 'order';

interface Target {
  kind: TargetKind;
  id: number;
  no: string;
  amountFen: number;
  customerId: number;
  customerName: string;
}

/** Load the contract or order in the caller's scope (404 otherwise); `lock` for a write. */
async function loadTarget(
  db: Executor,
  actor: Actor,
  ref: { contractId?: number; orderId?: number },
  prefix: 'query' | 'body',
  lock = false,
): Promise<Target> {
  if ((ref.contractId === undefined) === (ref.orderId === undefined)) {
    throw fieldError(`${prefix}.orderId`, 'money.exactlyOneTarget');
  }
  if (ref.orderId !== undefined) {
    const query = db
      .select({
        id: orders.id,
        no: orders.no,
        amountFen: orders.totalFen,
        customerId: orders.customerId,
        customerName: customers.name,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(
        and(
          eq(orders.id, ref.orderId),
          eq(orders.companyId, actor.companyId),
          ne(orders.status, 'cancelled'),
          inScope.customer(actor, orders.customerId),
        ),
      );
    const [row] = lock ? await query.for('update', { of: orders }) : await query;
    if (!row) throw notFound('money.order');
    return { kind: 'order', ...row };
  }
  const query = db
    .select({
      id: contracts.id,
      no: contracts.no,
      amountFen: contracts.amountFen,
      customerId: contracts.customerId,
      customerName: customers.name,
    })
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .where(
      and(
        eq(contracts.id, ref.contractId!),
        eq(contracts.companyId, actor.companyId),
        inScope.customer(actor, contracts.customerId),
      ),
    );
  const [row] = lock ? await query.for('update', { of: contracts }) : await query;
  if (!row) throw notFound('money.contract');
  return { kind: 'contract', ...row };
}

function targetColumn(kind: TargetKind) {
  return kind === 'order' ? collectionPlans.orderId : collectionPlans.contractId;
}

/**
 * Settled on each target: an order's total minus its open amount; a contract's, summed over its receivable
 * orders.
 */
async function loadSettled(
  db: Executor,
  targets: { kind: TargetKind; id: number }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const orderIds = targets.filter((t) => t.kind === 'order').map((t) => t.id);
  const contractIds = targets.filter((t) => t.kind === 'contract').map((t) => t.id);
  const contractOrders =
    contractIds.length === 0
      ? []
      : await db
          .select({ id: orders.id, contractId: orders.contractId })
          .from(orders)
          .where(and(inArray(orders.contractId, contractIds), isReceivableOrder()));
  const balances = await loadOrderBalances(db, [...orderIds, ...contractOrders.map((o) => o.id)]);
  const settledOf = (orderId: number) => {
    const b = balances.get(orderId);
    return b ? b.totalFen - b.openFen : 0;
  };
  for (const id of orderIds) out.set(`order:${id}`, settledOf(id));
  for (const id of contractIds) out.set(`contract:${id}`, 0);
  for (const o of contractOrders) {
    const key = `contract:${o.contractId}`;
    out.set(key, (out.get(key) ?? 0) + settledOf(o.id));
  }
  return out;
}

export async function getCollectionPlan(
  db: Executor,
  actor: Actor,
  ref: CollectionPlanQuery,
): Promise<CollectionPlan> {
  authorize(actor, 'customer.read');
  const target = await loadTarget(db, actor, ref, 'query');
  const rows = await db
    .select()
    .from(collectionPlans)
    .where(eq(targetColumn(target.kind), target.id))
    .orderBy(asc(collectionPlans.seq));
  const settledFen = (await loadSettled(db, [target])).get(`${target.kind}:${target.id}`) ?? 0;
  const covered = coverInstalments(rows, settledFen, actor.today);
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  return {
    kind: target.kind,
    targetId: target.id,
    targetNo: target.no,
    targetFen: target.amountFen,
    customerId: target.customerId,
    customerName: target.customerName,
    settledFen,
    instalments: covered.map((c) => ({
      id: bySeq.get(c.seq)!.id,
      seq: c.seq,
      dueOn: c.dueOn,
      amountFen: c.amountFen,
      note: bySeq.get(c.seq)!.note,
      collectedFen: c.collectedFen,
      outstandingFen: c.outstandingFen,
      state: c.state,
      daysOverdue: c.daysOverdue,
    })),
  };
}

/** Save (replace) the plan of one contract or order; the instalments must add up to its amount. */
export async function saveCollectionPlan(
  db: Db,
  actor: Actor,
  body: SaveCollectionPlanBody,
): Promise<CollectionPlan> {
  const { actingForEmployeeId } = authorize(actor, 'receipt.manage');
  return db.transaction(async (tx) => {
    // The contract or order row is locked so two people saving its plan at once replace it one after the other.
    const target = await loadTarget(tx, actor, body, 'body', true);
    const gap = checkInstalmentTotal(body.instalments, target.amountFen);
    if (gap !== 0) {
      const params = {
        sum: formatYuan(target.amountFen - gap),
        amount: formatYuan(target.amountFen),
        gap: formatYuan(gap),
        target: target.kind === 'order' ? 'money.order' : 'money.contract',
      };
      throw new AppError('business_rule', 'money.instalmentsGap', params, [
        { path: 'body.instalments', key: 'money.instalmentsGap', params },
      ]);
    }
    const column = targetColumn(target.kind);
    const before = await tx.delete(collectionPlans).where(eq(column, target.id)).returning();
    const sorted = [...body.instalments].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    const after = await tx
      .insert(collectionPlans)
      .values(
        sorted.map((i, n) => ({
          companyId: actor.companyId,
          customerId: target.customerId,
          contractId: target.kind === 'contract' ? target.id : null,
          orderId: target.kind === 'order' ? target.id : null,
          seq: n + 1,
          dueOn: i.dueOn,
          amountFen: i.amountFen,
          note: i.note,
        })),
      )
      .returning();
    await recordAudit(tx, actor, {
      action: before.length === 0 ? 'create' : 'update',
      entity: 'collectionPlan',
      entityId: `${target.kind}:${target.id}`,
      before: before.length === 0 ? undefined : before,
      after,
      actingForEmployeeId,
    });
    return getCollectionPlan(tx, actor, { contractId: body.contractId, orderId: body.orderId });
  });
}

/**
 * Instalments due (on or before `asOf` + `withinDays`) with money outstanding: the owner's collection
 * to-do. By default the caller's own customers; `all=true` everything in their scope.
 */
export async function listDueInstalments(db: Db, actor: Actor, query: DueInstalmentQuery) {
  authorize(actor, 'customer.read');
  const asOf = query.asOf ?? actor.today;
  const cutoff = new Date(Date.parse(`${asOf}T00:00:00Z`) + query.withinDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const mine = !query.all && actor.employeeId !== null;
  const rows = await db
    .select({
      p: collectionPlans,
      customerName: customers.name,
      ownerEmployeeId: customers.ownerEmployeeId,
      ownerName: employees.name,
      orderNo: orders.no,
      contractNo: contracts.no,
    })
    .from(collectionPlans)
    .innerJoin(customers, eq(customers.id, collectionPlans.customerId))
    .leftJoin(employees, eq(employees.id, customers.ownerEmployeeId))
    .leftJoin(orders, eq(orders.id, collectionPlans.orderId))
    .leftJoin(contracts, eq(contracts.id, collectionPlans.contractId))
    .where(
      and(
        eq(collectionPlans.companyId, actor.companyId),
        inScope.customer(actor, collectionPlans.customerId),
        mine ? eq(customers.ownerEmployeeId, actor.employeeId!) : undefined,
        // Instalments after the cutoff never change how earlier ones are covered (due-date order).
        lte(collectionPlans.dueOn, cutoff),
        or(isNotNull(collectionPlans.orderId), isNotNull(collectionPlans.contractId)),
      ),
    )
    .orderBy(asc(collectionPlans.dueOn), asc(collectionPlans.id));
  const byTarget = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.p.orderId !== null ? `order:${r.p.orderId}` : `contract:${r.p.contractId}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
  }
  const settled = await loadSettled(
    db,
    [...byTarget.keys()].map((k) => {
      const [kind, id] = k.split(':');
      return { kind: kind as TargetKind, id: Number(id) };
    }),
  );
  const due: DueInstalment[] = [];
  for (const [key, group] of byTarget) {
    const covered = coverInstalments(
      group.map((g) => g.p),
      settled.get(key) ?? 0,
      asOf,
      query.withinDays,
    );
    for (const c of covered) {
      if (c.outstandingFen === 0 || c.state === 'upcoming') continue;
      const g = group.find((x) => x.p.seq === c.seq)!;
      const kind: TargetKind = g.p.orderId !== null ? 'order' : 'contract';
      due.push({
        id: g.p.id,
        seq: c.seq,
        dueOn: c.dueOn,
        amountFen: c.amountFen,
        note: g.p.note,
        collectedFen: c.collectedFen,
        outstandingFen: c.outstandingFen,
        state: c.state,
        daysOverdue: c.daysOverdue,
        kind,
        targetId: (kind === 'order' ? g.p.orderId : g.p.contractId)!,
        targetNo: (kind === 'order' ? g.orderNo : g.contractNo) ?? '',
        customerId: g.p.customerId,
        customerName: g.customerName,
        ownerEmployeeId: g.ownerEmployeeId,
        ownerName: g.ownerName,
      });
    }
  }
  due.sort((a, b) => (a.dueOn === b.dueOn ? a.id - b.id : a.dueOn < b.dueOn ? -1 : 1));
  const start = (query.page - 1) * query.pageSize;
  return {
    items: due.slice(start, start + query.pageSize),
    total: due.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
