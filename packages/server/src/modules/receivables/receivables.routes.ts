import type { FastifyInstance } from 'fastify';
import {
  AgeingQuery,
  AgeingReport,
  AllocateReceiptBody,
  CollectionPlan,
  CollectionPlanQuery,
  CreateReceiptBody,
  CreateWriteOffBody,
  CustomerCredit,
  DecideWriteOffBody,
  DueInstalment,
  DueInstalmentQuery,
  IdParams,
  OverdueOrder,
  OverdueQuery,
  Receipt,
  ReceiptListQuery,
  SaveCollectionPlanBody,
  WriteOff,
  WriteOffListQuery,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { registerInvoiceRoutes } from '../invoices/invoices.routes.ts';
import { registerStatementRoutes } from '../statements/statements.routes.ts';
import * as receiptsSvc from './receipts.service.ts';
import * as plansSvc from './collection-plans.service.ts';
import * as ageingSvc from './ageing.service.ts';
import * as writeOffsSvc from './write-offs.service.ts';

/** Money in: receivables (plans, receipts, ageing, write-offs), invoices and statements, registered together. */
export function registerMoneyInRoutes(app: FastifyInstance, db: Db) {
  registerReceivableRoutes(app, db);
  registerInvoiceRoutes(app, db);
  registerStatementRoutes(app, db);
}

export function registerReceivableRoutes(app: FastifyInstance, db: Db) {
  const tags = ['receivables'];

  // ---- collection plans (回款计划) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/collection-plans',
    tags,
    permission: 'customer.read',
    summary:
      'The collection plan of one contract or order (?contractId= or ?orderId=), each instalment with what is outstanding',
    query: CollectionPlanQuery,
    response: CollectionPlan,
    handler: ({ actor, query }) => plansSvc.getCollectionPlan(db, actor, query),
  });
  route(app, db, {
    method: 'PUT',
    url: '/api/v1/collection-plans',
    tags,
    permission: 'receipt.manage',
    summary:
      'Save (replace) the instalments of a contract or order; they must add up to its amount (422 shows the gap)',
    body: SaveCollectionPlanBody,
    response: CollectionPlan,
    handler: ({ actor, body }) => plansSvc.saveCollectionPlan(db, actor, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/collection-plans/due',
    tags,
    permission: 'customer.read',
    summary:
      'Instalments due or overdue with money outstanding (?asOf, ?withinDays); your own customers, or all=true for your scope',
    query: DueInstalmentQuery,
    response: pageOf(DueInstalment),
    handler: ({ actor, query }) => plansSvc.listDueInstalments(db, actor, query),
  });

  // ---- receipts (回款) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/receipts',
    tags,
    permission: 'customer.read',
    summary:
      'Receipts in your scope (filter customerId, from, to, method, hasCredit; sort receivedOn|amountFen|createdAt)',
    query: ReceiptListQuery,
    response: pageOf(Receipt),
    handler: ({ actor, query }) => receiptsSvc.listReceipts(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/receipts/:id',
    tags,
    permission: 'customer.read',
    summary: 'One receipt with its allocations',
    params: IdParams,
    response: Receipt,
    handler: ({ actor, params }) => receiptsSvc.getReceipt(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/receipts',
    tags,
    permission: 'receipt.manage',
    summary:
      'Record money received and allocate it (explicit, or oldest due first). Body field idempotencyKey is required: ' +
      'the same key again answers 200 with the first receipt; the same key with a different body is 409',
    body: CreateReceiptBody,
    response: Receipt,
    handler: async ({ actor, body, reply }) => {
      const { created, receipt } = await receiptsSvc.recordReceipt(db, actor, body);
      return reply.code(created ? 201 : 200).send(receipt);
    },
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/receipts/:id/allocate',
    tags,
    permission: 'receipt.manage',
    summary: "Apply a receipt's credit (unallocated money) to the customer's orders",
    params: IdParams,
    body: AllocateReceiptBody,
    response: Receipt,
    successStatus: 200,
    handler: ({ actor, params, body }) => receiptsSvc.allocateCredit(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/credit',
    tags,
    permission: 'customer.read',
    summary: "The customer's credit: receipts with money not yet allocated",
    params: IdParams,
    response: CustomerCredit,
    handler: ({ actor, params }) => receiptsSvc.getCustomerCredit(db, actor, params.id),
  });

  // ---- ageing (账龄) and overdue ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/receivables/ageing',
    tags,
    permission: 'customer.read',
    summary:
      'Open receivables by age band (not due, 0–30, 31–60, 61–90, 90+ days) per customer, owner or team',
    query: AgeingQuery,
    response: AgeingReport,
    handler: ({ actor, query }) => ageingSvc.buildAgeingReport(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/receivables/ageing.xlsx',
    tags,
    permission: 'customer.read',
    summary: 'The ageing report as an Excel workbook (?lang=en-US for English headings)',
    query: AgeingQuery,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ actor, query, locale, reply }) => {
      const report = await ageingSvc.buildAgeingReport(db, actor, query);
      const xlsx = await ageingSvc.exportAgeingXlsx(report, locale);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ageing-${report.asOf}.xlsx"`)
        .send(xlsx);
    },
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/receivables/overdue',
    tags,
    permission: 'customer.read',
    summary:
      'Overdue orders with days overdue (催收 to-do): yours, or all=true for your scope; sort dueOn|openFen|customerName|orderDate',
    query: OverdueQuery,
    response: pageOf(OverdueOrder),
    handler: ({ actor, query }) => ageingSvc.listOverdueOrders(db, actor, query),
  });

  // ---- write-offs (坏账核销) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/write-offs',
    tags,
    permission: 'customer.read',
    summary: 'Bad-debt write-offs in your scope (filter status, customerId)',
    query: WriteOffListQuery,
    response: pageOf(WriteOff),
    handler: ({ actor, query }) => writeOffsSvc.listWriteOffs(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/write-offs/:id',
    tags,
    permission: 'customer.read',
    summary: 'One write-off request',
    params: IdParams,
    response: WriteOff,
    handler: ({ actor, params }) => writeOffsSvc.getWriteOff(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/write-offs',
    tags,
    permission: 'receipt.manage',
    summary: 'Ask to write off part of an order as bad debt (at most what is open on it)',
    body: CreateWriteOffBody,
    response: WriteOff,
    handler: ({ actor, body }) => writeOffsSvc.requestWriteOff(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/write-offs/:id/decide',
    tags,
    permission: 'writeoff.approve',
    summary: 'Approve or reject a write-off (not your own request); approval reduces the open amount',
    params: IdParams,
    body: DecideWriteOffBody,
    response: WriteOff,
    successStatus: 200,
    handler: ({ actor, params, body }) => writeOffsSvc.decideWriteOff(db, actor, params.id, body),
  });
}
