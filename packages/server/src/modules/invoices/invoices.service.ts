import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type {
  CreateInvoiceBody,
  Invoice,
  InvoiceListQuery,
  InvoiceStatus,
  InvoiceType,
  IssueInvoiceBody,
  MailInvoiceBody,
  ReconciliationCheck,
  ReconciliationCheckQuery,
  ReverseInvoiceBody,
} from '@zuzhang/api-schema';
import {
  formatYuan,
  matchInvoicesToReceipts,
  shareByWeight,
  splitTax,
  validateInvoiceNumber,
} from '@zuzhang/domain';
import type { Db, Executor, Tx } from '../../platform/db/db.ts';
import { authorize, can, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { orderByOf, pageOf } from '../../platform/http/paging.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { customers } from '../customers/customers.table.ts';
import { employees } from '../org/org.table.ts';
import { orderLines, orders } from '../orders/orders.table.ts';
import { products } from '../catalogue/catalogue.table.ts';
import { receipts } from '../receivables/receivables.table.ts';
import {
  isoOrNull,
  isReceivableOrder,
  lockCustomerOrders,
  requireCustomerInScope,
} from '../receivables/ledger-refs.ts';
import { qualified } from '../receivables/open-amount.ts';
import { assertMonthOpen } from '../statements/month-lock.ts';
import { invoices } from './invoices.table.ts';
import { sideBySide } from '../../platform/db/side-by-side.ts';

/**
 * 增值税发票登记 (VAT invoice register): requested → issued (number checked by type) → mailed; a red-letter
 * invoice (红字发票) reverses an issued one. An invoice covers order lines of one customer and never more than
 * what is still uninvoiced on each line (its amount less returns and earlier invoices, red-letter ones
 * netting out). The 营销协理 keeps the register (invoice.manage); a rep may request an invoice (order.manage).
 */

type InvoiceRow = typeof invoices.$inferSelect;
interface StoredLine {
  orderLineId: number;
  amountFen: number;
  taxFen: number;
}

/**
 * A 数电票 has no invoice code. It is stored as '' rather than null so that the unique index on
 * (company, code, number) also catches duplicate 数电票 numbers (PostgreSQL treats nulls as distinct).
 */
function storedCode(type: InvoiceType, code: string | null | undefined): string {
  return type === 'e_special' || type === 'e_normal' ? '' : (code ?? '');
}

async function presentInvoices(
  db: Executor,
  rows: { i: InvoiceRow; customerName: string }[],
): Promise<Invoice[]> {
  const lineIds = [...new Set(rows.flatMap((r) => (r.i.lines as StoredLine[]).map((l) => l.orderLineId)))];
  const lineInfo =
    lineIds.length === 0
      ? []
      : await db
          .select({
            id: orderLines.id,
            orderId: orderLines.orderId,
            lineNo: orderLines.lineNo,
            orderNo: orders.no,
            productName: products.name,
          })
          .from(orderLines)
          .innerJoin(orders, eq(orders.id, orderLines.orderId))
          .innerJoin(products, eq(products.id, orderLines.productId))
          .where(inArray(orderLines.id, lineIds));
  const infoOf = new Map(lineInfo.map((l) => [l.id, l]));
  const ids = rows.map((r) => r.i.id);
  const reversals =
    ids.length === 0
      ? []
      : await db
          .select({ id: invoices.id, reversesInvoiceId: invoices.reversesInvoiceId })
          .from(invoices)
          .where(inArray(invoices.reversesInvoiceId, ids));
  return rows.map(({ i, customerName }) => ({
    id: i.id,
    customerId: i.customerId,
    customerName,
    orderId: i.orderId,
    status: i.status as InvoiceStatus,
    type: i.type as InvoiceType,
    invoiceNo: i.invoiceNo,
    invoiceCode: i.invoiceCode === '' ? null : i.invoiceCode,
    taxRateBp: i.taxRateBp,
    amountExTaxFen: i.amountExTaxFen,
    taxFen: i.taxFen,
    amountFen: i.amountFen,
    lines: (i.lines as StoredLine[]).map((l) => {
      const info = infoOf.get(l.orderLineId);
      return {
        orderLineId: l.orderLineId,
        orderId: info?.orderId ?? 0,
        orderNo: info?.orderNo ?? '',
        lineNo: info?.lineNo ?? 0,
        productName: info?.productName ?? '',
        amountFen: l.amountFen,
        taxFen: l.taxFen,
      };
    }),
    requestedOn: i.requestedOn,
    issuedOn: i.issuedOn,
    courier: i.courier,
    trackingNo: i.trackingNo,
    mailedOn: i.mailedOn,
    reversesInvoiceId: i.reversesInvoiceId,
    reversedByInvoiceId: reversals.find((r) => r.reversesInvoiceId === i.id)?.id ?? null,
    createdAt: isoOrNull(i.createdAt)!,
    version: i.version,
  }));
}

function selectInvoices(db: Executor) {
  return db
    .select({ i: invoices, customerName: customers.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId));
}

function invoiceInScope(actor: Actor, id: number) {
  return and(
    eq(invoices.id, id),
    eq(invoices.companyId, actor.companyId),
    inScope.customer(actor, invoices.customerId),
  );
}

export async function getInvoice(db: Executor, actor: Actor, id: number): Promise<Invoice> {
  authorize(actor, 'customer.read');
  const rows = await selectInvoices(db).where(invoiceInScope(actor, id));
  if (rows.length === 0) throw notFound('entity.invoice');
  return (await presentInvoices(db, rows))[0]!;
}

export async function listInvoices(db: Db, actor: Actor, query: InvoiceListQuery) {
  authorize(actor, 'customer.read');
  const where = and(
    eq(invoices.companyId, actor.companyId),
    inScope.customer(actor, invoices.customerId),
    query.customerId ? eq(invoices.customerId, query.customerId) : undefined,
    query.orderId ? eq(invoices.orderId, query.orderId) : undefined,
    query.status ? eq(invoices.status, query.status) : undefined,
    query.type ? eq(invoices.type, query.type) : undefined,
  );
  const order = orderByOf(
    query,
    {
      requestedOn: invoices.requestedOn,
      issuedOn: invoices.issuedOn,
      amountFen: invoices.amountFen,
      createdAt: invoices.createdAt,
    },
    'requestedOn',
    invoices.id,
  );
  return pageOf(
    db,
    query,
    selectInvoices(db)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(invoices).where(where),
    (rows) => presentInvoices(db, rows),
  );
}

/**
 * Uninvoiced on each order line: its amount, less what was returned on it (sales_returns.lines) and what
 * invoices already cover (every invoice counts, a red-letter one negatively, so a reversal frees the amount).
 */
async function loadUninvoiced(
  tx: Executor,
  companyId: number,
  lineIds: number[],
): Promise<Map<number, number>> {
  const rows = await tx
    .select({
      id: orderLines.id,
      amountFen: orderLines.amountFen,
      returnedFen: sql<number>`coalesce((select sum((l->>'amountFen')::bigint) from sales_returns r,
        jsonb_array_elements(r.lines) l where r.order_id = ${qualified(orderLines.orderId)}
        and (l->>'orderLineId')::int = ${qualified(orderLines.id)}), 0)::bigint`.mapWith(Number),
      invoicedFen: sql<number>`coalesce((select sum((l->>'amountFen')::bigint) from invoices i,
        jsonb_array_elements(i.lines) l where i.company_id = ${companyId}
        and (l->>'orderLineId')::int = ${qualified(orderLines.id)}), 0)::bigint`.mapWith(Number),
    })
    .from(orderLines)
    .where(inArray(orderLines.id, lineIds));
  return new Map(rows.map((r) => [r.id, r.amountFen - r.returnedFen - r.invoicedFen]));
}

function wrongStatus(status: string, action: string): AppError {
  const params = { status: `money.status.${status}`, action: `money.action.${action}` };
  return new AppError('business_rule', 'money.wrongStatus', params, [
    { path: 'params.id', key: 'money.wrongStatus', params },
  ]);
}

const NUMBER_PROBLEMS: Record<string, MessageKey> = {
  digital_no: 'money.invoiceDigitalNo',
  digital_has_code: 'money.invoiceDigitalCode',
  paper_code: 'money.invoicePaperCode',
  paper_no: 'money.invoicePaperNo',
};

function checkNumber(type: InvoiceType, invoiceNo: string, invoiceCode: string | null | undefined) {
  const check = validateInvoiceNumber({ type, invoiceNo, invoiceCode });
  if (!check.ok) throw fieldError(`body.${check.field}`, NUMBER_PROBLEMS[check.reason]!);
}

function checkDay(day: string, actor: Actor, path: string, notBefore: string | null) {
  if (day > actor.today) throw fieldError(path, 'money.dateInFuture', { today: actor.today });
  if (notBefore !== null && day < notBefore) throw fieldError(path, 'money.notBefore', { date: notBefore });
}

/** Request an invoice for order lines of one customer (开票申请). */
export async function requestInvoice(db: Db, actor: Actor, body: CreateInvoiceBody): Promise<Invoice> {
  const { actingForEmployeeId } = can(actor, 'invoice.manage')
    ? authorize(actor, 'invoice.manage')
    : authorize(actor, 'order.manage');
  const requestedOn = body.requestedOn ?? actor.today;
  checkDay(requestedOn, actor, 'body.requestedOn', null);
  const seen = new Set<number>();
  body.lines.forEach((l, n) => {
    if (seen.has(l.orderLineId)) throw fieldError(`body.lines.${n}.orderLineId`, 'money.lineDuplicate');
    seen.add(l.orderLineId);
  });
  const id = await db.transaction(async (tx) => {
    const customer = await requireCustomerInScope(tx, actor, body.customerId, 'body.customerId');
    const lineRows = await tx
      .select({ id: orderLines.id, orderId: orderLines.orderId, taxRateBp: orderLines.taxRateBp })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(
        and(
          inArray(orderLines.id, [...seen]),
          eq(orders.companyId, actor.companyId),
          eq(orders.customerId, customer.id),
          isReceivableOrder(),
        ),
      );
    const lineOf = new Map(lineRows.map((l) => [l.id, l]));
    body.lines.forEach((l, n) => {
      if (!lineOf.has(l.orderLineId))
        throw fieldError(`body.lines.${n}.orderLineId`, 'money.invoiceLineCustomer');
    });
    const rates = new Set(lineRows.map((l) => l.taxRateBp));
    const taxRateBp = body.taxRateBp ?? (rates.size === 1 ? [...rates][0]! : null);
    if (taxRateBp === null) throw fieldError('body.taxRateBp', 'money.invoiceRateMixed');
    body.lines.forEach((l, n) => {
      const lineRate = lineOf.get(l.orderLineId)!.taxRateBp;
      if (lineRate !== taxRateBp) {
        throw fieldError(`body.lines.${n}.orderLineId`, 'money.invoiceRateMismatch', {
          line: `${lineRate / 100}%`,
          invoice: `${taxRateBp / 100}%`,
        });
      }
    });
    // Lock the orders: two invoices requested at once for the same lines run one after the other.
    const orderIds = [...new Set(lineRows.map((l) => l.orderId))].sort((a, b) => a - b);
    await lockCustomerOrders(tx, actor.companyId, customer.id, orderIds);
    const uninvoiced = await loadUninvoiced(tx, actor.companyId, [...seen]);
    body.lines.forEach((l, n) => {
      const left = uninvoiced.get(l.orderLineId) ?? 0;
      if (l.amountFen > left) {
        const params = { open: formatYuan(Math.max(0, left)) };
        throw new AppError('business_rule', 'money.invoiceLineExceeds', params, [
          { path: `body.lines.${n}.amountFen`, key: 'money.invoiceLineExceeds', params },
        ]);
      }
    });
    const amountFen = body.lines.reduce((s, l) => s + l.amountFen, 0);
    const { exTaxFen, taxFen } = splitTax(amountFen, taxRateBp);
    // The invoice's tax is shared over its lines so that the lines add up to it exactly.
    const lineTax = shareByWeight(
      taxFen,
      body.lines.map((l) => l.amountFen),
    );
    const [row] = await tx
      .insert(invoices)
      .values({
        companyId: actor.companyId,
        customerId: customer.id,
        orderId: orderIds.length === 1 ? orderIds[0]! : null,
        status: 'requested',
        type: body.type,
        taxRateBp,
        amountExTaxFen: exTaxFen,
        taxFen,
        amountFen,
        lines: body.lines.map((l, n) => ({
          orderLineId: l.orderLineId,
          amountFen: l.amountFen,
          taxFen: lineTax[n]!,
        })),
        requestedOn,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'invoice',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return row!.id;
  });
  return getInvoice(db, actor, id);
}

/** Load for a write: in scope (404), the version the caller read (409). */
async function loadForWrite(tx: Tx, actor: Actor, id: number, version: number): Promise<InvoiceRow> {
  const [row] = await tx.select().from(invoices).where(invoiceInScope(actor, id)).for('update');
  if (!row) throw notFound('entity.invoice');
  if (row.version !== version) throw staleVersion('entity.invoice');
  return row;
}

/** Record the invoice as issued with its number (a duplicate number in the company is a 409). */
export async function issueInvoice(
  db: Db,
  actor: Actor,
  id: number,
  body: IssueInvoiceBody,
): Promise<Invoice> {
  const { actingForEmployeeId } = authorize(actor, 'invoice.manage');
  await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, body.version);
    if (before.status !== 'requested') throw wrongStatus(before.status, 'issue');
    const type = before.type as InvoiceType;
    checkNumber(type, body.invoiceNo, body.invoiceCode);
    checkDay(body.issuedOn, actor, 'body.issuedOn', before.requestedOn);
    // The invoices issued in a month are on its statement: a confirmed month takes no more.
    await assertMonthOpen(tx, before.customerId, body.issuedOn, 'body.issuedOn');
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(invoices)
          .set({
            status: 'issued',
            invoiceNo: body.invoiceNo,
            invoiceCode: storedCode(type, body.invoiceCode),
            issuedOn: body.issuedOn,
            version: before.version + 1,
          })
          .where(and(eq(invoices.id, id), eq(invoices.version, body.version)))
          .returning(),
      { path: 'body.invoiceNo', label: 'money.field.invoiceNo', value: body.invoiceNo },
    );
    if (!after) throw staleVersion('entity.invoice');
    await recordAudit(tx, actor, {
      action: 'issue',
      entity: 'invoice',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getInvoice(db, actor, id);
}

export async function mailInvoice(db: Db, actor: Actor, id: number, body: MailInvoiceBody): Promise<Invoice> {
  const { actingForEmployeeId } = authorize(actor, 'invoice.manage');
  await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, body.version);
    if (before.status !== 'issued') throw wrongStatus(before.status, 'mail');
    checkDay(body.mailedOn, actor, 'body.mailedOn', before.issuedOn);
    const [after] = await tx
      .update(invoices)
      .set({
        status: 'mailed',
        courier: body.courier,
        trackingNo: body.trackingNo,
        mailedOn: body.mailedOn,
        version: before.version + 1,
      })
      .where(and(eq(invoices.id, id), eq(invoices.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.invoice');
    await recordAudit(tx, actor, {
      action: 'mail',
      entity: 'invoice',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
  });
  return getInvoice(db, actor, id);
}

/**
 * 红字发票: issue a negative invoice pointing at an issued one; the original becomes `reversed`. The lines'
 * amounts come back as uninvoiced, so a corrected invoice can be requested.
 */
export async function reverseInvoice(
  db: Db,
  actor: Actor,
  id: number,
  body: ReverseInvoiceBody,
): Promise<Invoice> {
  const { actingForEmployeeId } = authorize(actor, 'invoice.manage');
  const redId = await db.transaction(async (tx) => {
    const before = await loadForWrite(tx, actor, id, body.version);
    if (before.reversesInvoiceId !== null) throw wrongStatus('redLetter', 'reverse');
    if (before.status !== 'issued' && before.status !== 'mailed') throw wrongStatus(before.status, 'reverse');
    const type = before.type as InvoiceType;
    checkNumber(type, body.invoiceNo, body.invoiceCode);
    checkDay(body.issuedOn, actor, 'body.issuedOn', before.issuedOn);
    await assertMonthOpen(tx, before.customerId, body.issuedOn, 'body.issuedOn');
    const [red] = await withDuplicateCheck(
      () =>
        tx
          .insert(invoices)
          .values({
            companyId: actor.companyId,
            customerId: before.customerId,
            orderId: before.orderId,
            status: 'issued',
            type,
            invoiceNo: body.invoiceNo,
            invoiceCode: storedCode(type, body.invoiceCode),
            taxRateBp: before.taxRateBp,
            amountExTaxFen: -before.amountExTaxFen,
            taxFen: -before.taxFen,
            amountFen: -before.amountFen,
            lines: (before.lines as StoredLine[]).map((l) => ({
              orderLineId: l.orderLineId,
              amountFen: -l.amountFen,
              taxFen: -l.taxFen,
            })),
            requestedOn: body.issuedOn,
            issuedOn: body.issuedOn,
            reversesInvoiceId: before.id,
            createdByUserId: actor.userId,
          })
          .returning(),
      { path: 'body.invoiceNo', label: 'money.field.invoiceNo', value: body.invoiceNo },
    );
    const [after] = await tx
      .update(invoices)
      .set({ status: 'reversed', version: before.version + 1 })
      .where(and(eq(invoices.id, id), eq(invoices.version, body.version)))
      .returning();
    if (!after) throw staleVersion('entity.invoice');
    await recordAudit(tx, actor, {
      action: 'reverse',
      entity: 'invoice',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'invoice',
      entityId: red!.id,
      after: red,
      actingForEmployeeId,
    });
    return red!.id;
  });
  return getInvoice(db, actor, redId);
}

/**
 * 发票与回款核对, per customer in scope: invoices issued that no money received covers, and money received
 * that no invoice covers (matched oldest first). Reversed invoices and their red-letter twins take no part.
 */
export async function checkReconciliation(
  db: Db,
  actor: Actor,
  query: ReconciliationCheckQuery,
): Promise<ReconciliationCheck> {
  authorize(actor, 'customer.read');
  const [live, money] = await sideBySide(
    db,
    () =>
      db
        .select({
          id: invoices.id,
          customerId: invoices.customerId,
          invoiceNo: invoices.invoiceNo,
          on: sql<string>`${invoices.issuedOn}::text`,
          amountFen: invoices.amountFen,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.companyId, actor.companyId),
            inScope.customer(actor, invoices.customerId),
            inArray(invoices.status, ['issued', 'mailed']),
            isNull(invoices.reversesInvoiceId),
            query.customerId ? eq(invoices.customerId, query.customerId) : undefined,
          ),
        )
        .orderBy(asc(invoices.issuedOn), asc(invoices.id)),
    () =>
      db
        .select({
          id: receipts.id,
          customerId: receipts.customerId,
          reference: receipts.reference,
          on: receipts.receivedOn,
          amountFen: receipts.amountFen,
        })
        .from(receipts)
        .where(
          and(
            eq(receipts.companyId, actor.companyId),
            inScope.customer(actor, receipts.customerId),
            query.customerId ? eq(receipts.customerId, query.customerId) : undefined,
          ),
        ),
  );
  const customerIds = [...new Set([...live.map((i) => i.customerId), ...money.map((r) => r.customerId)])];
  const names =
    customerIds.length === 0
      ? []
      : await db
          .select({ id: customers.id, name: customers.name, ownerName: employees.name })
          .from(customers)
          .leftJoin(employees, eq(employees.id, customers.ownerEmployeeId))
          .where(inArray(customers.id, customerIds));
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const items: ReconciliationCheck['items'] = [];
  for (const customerId of customerIds) {
    const inv = live.filter((i) => i.customerId === customerId);
    const rec = money.filter((r) => r.customerId === customerId);
    const matched = matchInvoicesToReceipts(inv, rec);
    if (matched.invoicesWithoutReceipts.length === 0 && matched.receiptsWithoutInvoices.length === 0)
      continue;
    const invById = new Map(inv.map((i) => [i.id, i]));
    const recById = new Map(rec.map((r) => [r.id, r]));
    items.push({
      customerId,
      customerName: nameOf.get(customerId)?.name ?? '',
      ownerName: nameOf.get(customerId)?.ownerName ?? null,
      invoicedFen: inv.reduce((s, i) => s + i.amountFen, 0),
      receivedFen: rec.reduce((s, r) => s + r.amountFen, 0),
      invoicesWithoutReceipts: matched.invoicesWithoutReceipts.map((u) => ({
        id: u.id,
        invoiceNo: invById.get(u.id)!.invoiceNo,
        issuedOn: u.on,
        amountFen: u.amountFen,
        uncoveredFen: u.uncoveredFen,
      })),
      receiptsWithoutInvoices: matched.receiptsWithoutInvoices.map((u) => ({
        id: u.id,
        receivedOn: u.on,
        reference: recById.get(u.id)!.reference,
        amountFen: u.amountFen,
        uncoveredFen: u.uncoveredFen,
      })),
    });
  }
  items.sort((a, b) => a.customerName.localeCompare(b.customerName) || a.customerId - b.customerId);
  return { items };
}
