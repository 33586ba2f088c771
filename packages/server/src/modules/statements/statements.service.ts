import { and, asc, count, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type {
  GenerateStatementsBody,
  GenerateStatementsResult,
  Statement,
  StatementDetail,
  StatementListQuery,
  StatementStatus,
} from '@zuzhang/api-schema';
import {
  buildStatementLines,
  formatYuan,
  monthBounds,
  monthOf,
  previousMonth,
  statementClosing,
  type StatementDocument,
} from '@zuzhang/domain';
import type { Db, Executor, Tx } from '../../platform/db/db.ts';
import { authorize, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import { customers } from '../customers/customers.table.ts';
import { companies, employees } from '../org/org.table.ts';
import { orders, salesReturns } from '../orders/orders.table.ts';
import { receipts, writeOffs } from '../receivables/receivables.table.ts';
import { invoices } from '../invoices/invoices.table.ts';
import { isoOrNull, isReceivableOrder, requireCustomerInScope } from '../receivables/ledger-refs.ts';
import { assertMonthOpen } from './month-lock.ts';
import { statements } from './statements.table.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 对账单: one statement per customer per month. opening (the previous month's confirmed closing, else the
 * balance computed from all history before the month) + orders − returns − receipts − write-offs = closing;
 * invoices issued in the month are listed too. Drafts are regenerated at will; once sent the customer
 * confirms or disputes it; a confirmed month is locked (month-lock.ts) and corrections go into the next.
 */

interface Movements {
  orders: number;
  returns: number;
  receipts: number;
  writeOffs: number;
  invoiced: number;
}
interface Figures {
  /** Balance from every document dated before the month. */
  historyFen: number;
  movements: Movements;
  /** Any document dated in the month. */
  active: boolean;
}

const zeroMovements = (): Movements => ({ orders: 0, returns: 0, receipts: 0, writeOffs: 0, invoiced: 0 });

/**
 * Every customer's figures for a month, in five grouped queries (one per kind of document), for the
 * customers `filter` selects. Documents are dated: orders by order date (receivable ones only), returns by
 * return date, receipts by the day received, write-offs by the day approved, invoices by the day issued.
 */
async function loadFigures(
  db: Executor,
  companyId: number,
  filter: (customerColumn: PgColumn) => SQL,
  period: string,
): Promise<Map<number, Figures>> {
  const { from, to } = monthBounds(period);
  const out = new Map<number, Figures>();
  const entry = (customerId: number) => {
    let f = out.get(customerId);
    if (!f) {
      f = { historyFen: 0, movements: zeroMovements(), active: false };
      out.set(customerId, f);
    }
    return f;
  };
  const split = (amount: PgColumn, day: PgColumn) => ({
    before: sql<number>`coalesce(sum(${amount}) filter (where ${day} < ${from}), 0)::bigint`.mapWith(Number),
    inMonth: sql<number>`coalesce(sum(${amount}) filter (where ${day} >= ${from}), 0)::bigint`.mapWith(
      Number,
    ),
    docs: sql<number>`count(*) filter (where ${day} >= ${from})`.mapWith(Number),
  });
  const [orderRows, returnRows, receiptRows, writeOffRows, invoiceRows] = await sideBySide(
    db,
    () =>
      db
        .select({ customerId: orders.customerId, ...split(orders.totalFen, orders.orderDate) })
        .from(orders)
        .where(
          and(
            eq(orders.companyId, companyId),
            isReceivableOrder(),
            lte(orders.orderDate, to),
            filter(orders.customerId),
          ),
        )
        .groupBy(orders.customerId),
    () =>
      db
        .select({
          customerId: salesReturns.customerId,
          ...split(salesReturns.amountFen, salesReturns.returnDate),
        })
        .from(salesReturns)
        .where(
          and(
            eq(salesReturns.companyId, companyId),
            lte(salesReturns.returnDate, to),
            filter(salesReturns.customerId),
          ),
        )
        .groupBy(salesReturns.customerId),
    () =>
      db
        .select({ customerId: receipts.customerId, ...split(receipts.amountFen, receipts.receivedOn) })
        .from(receipts)
        .where(
          and(eq(receipts.companyId, companyId), lte(receipts.receivedOn, to), filter(receipts.customerId)),
        )
        .groupBy(receipts.customerId),
    () =>
      db
        .select({ customerId: writeOffs.customerId, ...split(writeOffs.amountFen, writeOffs.writtenOffOn) })
        .from(writeOffs)
        .where(
          and(
            eq(writeOffs.companyId, companyId),
            eq(writeOffs.status, 'approved'),
            lte(writeOffs.writtenOffOn, to),
            filter(writeOffs.customerId),
          ),
        )
        .groupBy(writeOffs.customerId),
    () =>
      db
        .select({ customerId: invoices.customerId, ...split(invoices.amountFen, invoices.issuedOn) })
        .from(invoices)
        .where(
          and(
            eq(invoices.companyId, companyId),
            inArray(invoices.status, ['issued', 'mailed', 'reversed']),
            gte(invoices.issuedOn, from),
            lte(invoices.issuedOn, to),
            filter(invoices.customerId),
          ),
        )
        .groupBy(invoices.customerId),
  );
  for (const r of orderRows) {
    const f = entry(r.customerId);
    f.historyFen += r.before;
    f.movements.orders += r.inMonth;
    f.active ||= r.docs > 0;
  }
  for (const r of returnRows) {
    const f = entry(r.customerId);
    f.historyFen -= r.before;
    f.movements.returns += r.inMonth;
    f.active ||= r.docs > 0;
  }
  for (const r of receiptRows) {
    const f = entry(r.customerId);
    f.historyFen -= r.before;
    f.movements.receipts += r.inMonth;
    f.active ||= r.docs > 0;
  }
  for (const r of writeOffRows) {
    const f = entry(r.customerId);
    f.historyFen -= r.before;
    f.movements.writeOffs += r.inMonth;
    f.active ||= r.docs > 0;
  }
  for (const r of invoiceRows) {
    const f = entry(r.customerId);
    f.movements.invoiced += r.inMonth;
    f.active ||= r.docs > 0;
  }
  return out;
}

/** The previous month's confirmed closing per customer: what the customer signed is the next opening. */
async function loadConfirmedClosings(
  db: Executor,
  customerIds: number[],
  period: string,
): Promise<Map<number, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .select({ customerId: statements.customerId, closingFen: statements.closingFen })
    .from(statements)
    .where(
      and(
        inArray(statements.customerId, customerIds),
        eq(statements.period, previousMonth(period)),
        eq(statements.status, 'confirmed'),
      ),
    );
  return new Map(rows.map((r) => [r.customerId, r.closingFen]));
}

function figuresToColumns(opening: number, m: Movements) {
  return {
    openingFen: opening,
    ordersFen: m.orders,
    returnsFen: m.returns,
    receiptsFen: m.receipts,
    writeOffsFen: m.writeOffs,
    invoicedFen: m.invoiced,
    closingFen: statementClosing({
      opening,
      orders: m.orders,
      returns: m.returns,
      receipts: m.receipts,
      writeOffs: m.writeOffs,
    }),
  };
}

/** The live figures of one customer's month: what the statement would say if generated now. */
async function liveColumns(db: Executor, companyId: number, customerId: number, period: string) {
  const figures = (await loadFigures(db, companyId, (c) => eq(c, customerId), period)).get(customerId);
  const confirmed = (await loadConfirmedClosings(db, [customerId], period)).get(customerId);
  const opening = confirmed ?? figures?.historyFen ?? 0;
  return figuresToColumns(opening, figures?.movements ?? zeroMovements());
}

type StatementRow = typeof statements.$inferSelect;

function presentStatement(s: StatementRow, customerName: string, ownerName: string | null): Statement {
  return {
    id: s.id,
    customerId: s.customerId,
    customerName,
    ownerName,
    period: s.period,
    openingFen: s.openingFen,
    ordersFen: s.ordersFen,
    returnsFen: s.returnsFen,
    receiptsFen: s.receiptsFen,
    writeOffsFen: s.writeOffsFen,
    invoicedFen: s.invoicedFen,
    closingFen: s.closingFen,
    status: s.status as StatementStatus,
    sentAt: isoOrNull(s.sentAt),
    confirmedAt: isoOrNull(s.confirmedAt),
    disputeNote: s.disputeNote,
    createdAt: isoOrNull(s.createdAt)!,
    version: s.version,
  };
}

function selectStatements(db: Executor) {
  return db
    .select({ s: statements, customerName: customers.name, ownerName: employees.name })
    .from(statements)
    .innerJoin(customers, eq(customers.id, statements.customerId))
    .leftJoin(employees, eq(employees.id, customers.ownerEmployeeId));
}

function statementInScope(actor: Actor, id: number) {
  return and(
    eq(statements.id, id),
    eq(statements.companyId, actor.companyId),
    inScope.customer(actor, statements.customerId),
  );
}

export async function listStatements(db: Db, actor: Actor, query: StatementListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    eq(statements.companyId, actor.companyId),
    inScope.customer(actor, statements.customerId),
    query.customerId ? eq(statements.customerId, query.customerId) : undefined,
    query.period ? eq(statements.period, query.period) : undefined,
    query.status ? eq(statements.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      period: statements.period,
      customerName: customers.name,
      closingFen: statements.closingFen,
      status: statements.status,
    },
    'period',
    statements.id,
  );
  return pageOf(
    db,
    query,
    selectStatements(db)
      .where(where)
      .orderBy(...order),
    db
      .select({ n: count() })
      .from(statements)
      .innerJoin(customers, eq(customers.id, statements.customerId))
      .where(where),
    (rows) => rows.map((r) => presentStatement(r.s, r.customerName, r.ownerName)),
  );
}

/** Every document of the customer's month, for the statement's lines. */
async function loadDocuments(db: Executor, customerId: number, period: string): Promise<StatementDocument[]> {
  const { from, to } = monthBounds(period);
  const [o, r, m, w, i] = await sideBySide(
    db,
    () =>
      db
        .select({ id: orders.id, on: orders.orderDate, ref: orders.no, amountFen: orders.totalFen })
        .from(orders)
        .where(
          and(
            eq(orders.customerId, customerId),
            isReceivableOrder(),
            gte(orders.orderDate, from),
            lte(orders.orderDate, to),
          ),
        ),
    () =>
      db
        .select({
          id: salesReturns.id,
          on: salesReturns.returnDate,
          ref: salesReturns.no,
          amountFen: salesReturns.amountFen,
        })
        .from(salesReturns)
        .where(
          and(
            eq(salesReturns.customerId, customerId),
            gte(salesReturns.returnDate, from),
            lte(salesReturns.returnDate, to),
          ),
        ),
    () =>
      db
        .select({
          id: receipts.id,
          on: receipts.receivedOn,
          ref: receipts.reference,
          amountFen: receipts.amountFen,
        })
        .from(receipts)
        .where(
          and(
            eq(receipts.customerId, customerId),
            gte(receipts.receivedOn, from),
            lte(receipts.receivedOn, to),
          ),
        ),
    () =>
      db
        .select({
          id: writeOffs.id,
          on: sql<string>`${writeOffs.writtenOffOn}::text`,
          ref: orders.no,
          amountFen: writeOffs.amountFen,
        })
        .from(writeOffs)
        .innerJoin(orders, eq(orders.id, writeOffs.orderId))
        .where(
          and(
            eq(writeOffs.customerId, customerId),
            eq(writeOffs.status, 'approved'),
            gte(writeOffs.writtenOffOn, from),
            lte(writeOffs.writtenOffOn, to),
          ),
        ),
    () =>
      db
        .select({
          id: invoices.id,
          on: sql<string>`${invoices.issuedOn}::text`,
          ref: sql<string>`coalesce(${invoices.invoiceNo}, '')`,
          amountFen: invoices.amountFen,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.customerId, customerId),
            inArray(invoices.status, ['issued', 'mailed', 'reversed']),
            gte(invoices.issuedOn, from),
            lte(invoices.issuedOn, to),
          ),
        ),
  );
  return [
    ...o.map((d) => ({ ...d, kind: 'order' as const })),
    ...r.map((d) => ({ ...d, kind: 'return' as const })),
    ...m.map((d) => ({ ...d, ref: d.ref || `#${d.id}`, kind: 'receipt' as const })),
    ...w.map((d) => ({ ...d, kind: 'write_off' as const })),
    ...i.map((d) => ({ ...d, kind: 'invoice' as const })),
  ];
}

const FIGURE_KEYS = [
  'openingFen',
  'ordersFen',
  'returnsFen',
  'receiptsFen',
  'writeOffsFen',
  'invoicedFen',
  'closingFen',
] as const;

function differs(s: StatementRow, live: ReturnType<typeof figuresToColumns>): boolean {
  return FIGURE_KEYS.some((k) => s[k] !== live[k]);
}

export async function getStatement(db: Executor, actor: Actor, id: number): Promise<StatementDetail> {
  authorize(actor, 'customer.read');
  const [row] = await selectStatements(db).where(statementInScope(actor, id));
  if (!row) throw notFound('entity.statement');
  const [[company], documents, live] = await sideBySide(
    db,
    () => db.select({ name: companies.name }).from(companies).where(eq(companies.id, actor.companyId)),
    () => loadDocuments(db, row.s.customerId, row.s.period),
    () => liveColumns(db, actor.companyId, row.s.customerId, row.s.period),
  );
  const { lines } = buildStatementLines(row.s.openingFen, documents);
  return {
    ...presentStatement(row.s, row.customerName, row.ownerName),
    companyName: company?.name ?? '',
    lines,
    stale: differs(row.s, live),
  };
}

type GenerateOutcome = { statement: StatementRow } | { skipped: 'sent' | 'confirmed' | 'locked' };

/** Create or regenerate one customer's statement in the caller's transaction. */
async function generateOne(
  tx: Tx,
  actor: Actor,
  customerId: number,
  period: string,
  columns: ReturnType<typeof figuresToColumns>,
  actingForEmployeeId: number | null,
): Promise<GenerateOutcome> {
  // The customer lock comes first, as in every other write on the customer (confirming takes the customer
  // row, then the statement): the same order everywhere, so no two writers wait on each other in a circle.
  let locked = false;
  try {
    // A later confirmed month locks this one too (its opening rests on this month's closing).
    await assertMonthOpen(tx, customerId, monthBounds(period).from);
  } catch (error) {
    if (!(error instanceof AppError && error.key === 'money.lockedMonth')) throw error;
    locked = true;
  }
  const [existing] = await tx
    .select()
    .from(statements)
    .where(and(eq(statements.customerId, customerId), eq(statements.period, period)))
    .for('update');
  if (existing?.status === 'confirmed') return { skipped: 'confirmed' };
  if (locked) return { skipped: 'locked' };
  if (existing?.status === 'sent') return { skipped: 'sent' };
  if (existing) {
    const [after] = await tx
      .update(statements)
      .set({ ...columns, status: 'draft', version: existing.version + 1 })
      .where(and(eq(statements.id, existing.id), eq(statements.version, existing.version)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'regenerate',
      entity: 'statement',
      entityId: existing.id,
      before: existing,
      after,
      actingForEmployeeId,
    });
    return { statement: after! };
  }
  const [created] = await withDuplicateCheck(
    () =>
      tx
        .insert(statements)
        .values({ companyId: actor.companyId, customerId, period, ...columns, createdByUserId: actor.userId })
        .returning(),
    { path: 'body.period', label: 'entity.statement', value: period },
  );
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'statement',
    entityId: created!.id,
    after: created,
    actingForEmployeeId,
  });
  return { statement: created! };
}

/**
 * Generate the month's statement for one customer, or for every customer in the caller's scope with
 * documents in the month or a balance carried into it. Drafts and disputed statements are regenerated
 * (back to draft); sent and confirmed ones are left alone (skipped, or refused for a single customer).
 */
export async function generateStatements(
  db: Db,
  actor: Actor,
  body: GenerateStatementsBody,
): Promise<GenerateStatementsResult> {
  const { actingForEmployeeId } = authorize(actor, 'statement.manage');
  if (body.period > monthOf(actor.today)) {
    throw fieldError('body.period', 'money.periodInFuture', { period: body.period });
  }
  return db.transaction(async (tx) => {
    let targets: { id: number; name: string }[];
    let filter: (c: PgColumn) => SQL;
    if (body.customerId !== undefined) {
      const customer = await requireCustomerInScope(tx, actor, body.customerId, 'body.customerId');
      targets = [customer];
      filter = (c) => eq(c, customer.id);
    } else {
      targets = [];
      filter = (c) => inScope.customer(actor, c);
    }
    const figures = await loadFigures(tx, actor.companyId, filter, body.period);
    if (body.customerId === undefined) {
      const wanted = [...figures.entries()]
        .filter(([, f]) => f.active || f.historyFen !== 0)
        .map(([id]) => id);
      targets =
        wanted.length === 0
          ? []
          : await tx
              .select({ id: customers.id, name: customers.name })
              .from(customers)
              .where(and(inArray(customers.id, wanted), eq(customers.companyId, actor.companyId)))
              .orderBy(asc(customers.id));
    }
    const confirmed = await loadConfirmedClosings(
      tx,
      targets.map((t) => t.id),
      body.period,
    );
    const result: GenerateStatementsResult = { generated: [], skipped: [] };
    const generatedIds: number[] = [];
    for (const target of targets) {
      const f = figures.get(target.id);
      const opening = confirmed.get(target.id) ?? f?.historyFen ?? 0;
      const columns = figuresToColumns(opening, f?.movements ?? zeroMovements());
      const outcome = await generateOne(tx, actor, target.id, body.period, columns, actingForEmployeeId);
      if ('skipped' in outcome) {
        if (body.customerId !== undefined) {
          if (outcome.skipped === 'sent') throw wrongStatus('sent', 'regenerate', 'body.customerId');
          // Confirmed, or locked by a later confirmed month: this throws the 422 naming the month.
          await assertMonthOpen(tx, target.id, monthBounds(body.period).from, 'body.period');
        }
        result.skipped.push({ customerId: target.id, customerName: target.name, reason: outcome.skipped });
      } else {
        generatedIds.push(outcome.statement.id);
      }
    }
    if (generatedIds.length > 0) {
      const rows = await selectStatements(tx)
        .where(inArray(statements.id, generatedIds))
        .orderBy(asc(customers.name), asc(statements.id));
      result.generated = rows.map((r) => presentStatement(r.s, r.customerName, r.ownerName));
    }
    return result;
  });
}

function wrongStatus(status: string, action: string, path = 'params.id'): AppError {
  const params = { status: `money.status.${status}`, action: `money.action.${action}` };
  return new AppError('business_rule', 'money.wrongStatus', params, [
    { path, key: 'money.wrongStatus', params },
  ]);
}

/**
 * Move a statement along draft → sent → confirmed | disputed. Sending and confirming check that the
 * documents still add up to the stored figures (otherwise: regenerate first). Confirming locks the
 * customer row FOR UPDATE, so receipts or orders being written for that customer finish first (they hold
 * KEY SHARE through assertMonthOpen) and every later one sees the lock.
 */
async function transition(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  action: 'send' | 'confirm' | 'dispute',
  note?: string,
): Promise<StatementDetail> {
  const { actingForEmployeeId } = authorize(actor, 'statement.manage');
  const from: Record<typeof action, StatementStatus> = { send: 'draft', confirm: 'sent', dispute: 'sent' };
  await db.transaction(async (tx) => {
    const [scoped] = await tx
      .select({ customerId: statements.customerId })
      .from(statements)
      .where(statementInScope(actor, id));
    if (!scoped) throw notFound('entity.statement');
    if (action === 'confirm') {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(eq(customers.id, scoped.customerId))
        .for('update');
    }
    const [before] = await tx.select().from(statements).where(eq(statements.id, id)).for('update');
    if (before!.version !== version) throw staleVersion('entity.statement');
    if (before!.status !== from[action]) throw wrongStatus(before!.status, action);
    if (action !== 'dispute') {
      const live = await liveColumns(tx, actor.companyId, before!.customerId, before!.period);
      if (differs(before!, live)) {
        const params = { stored: formatYuan(before!.closingFen), actual: formatYuan(live.closingFen) };
        throw new AppError('business_rule', 'money.statementStale', params, [
          { path: 'params.id', key: 'money.statementStale', params },
        ]);
      }
    }
    const now = new Date();
    const changes =
      action === 'send'
        ? { status: 'sent', sentAt: now }
        : action === 'confirm'
          ? { status: 'confirmed', confirmedAt: now }
          : { status: 'disputed', disputeNote: note ?? '' };
    const [after] = await tx
      .update(statements)
      .set({ ...changes, version: version + 1 })
      .where(and(eq(statements.id, id), eq(statements.version, version)))
      .returning();
    if (!after) throw staleVersion('entity.statement');
    await recordAudit(tx, actor, {
      action,
      entity: 'statement',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getStatement(db, actor, id);
}

export const sendStatement = (db: Db, actor: Actor, id: number, version: number) =>
  transition(db, actor, id, version, 'send');
export const confirmStatement = (db: Db, actor: Actor, id: number, version: number) =>
  transition(db, actor, id, version, 'confirm');
export const disputeStatement = (db: Db, actor: Actor, id: number, version: number, note: string) =>
  transition(db, actor, id, version, 'dispute', note);
