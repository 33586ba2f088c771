import type { FastifyInstance } from 'fastify';
import {
  CreateInvoiceBody,
  IdParams,
  Invoice,
  InvoiceListQuery,
  IssueInvoiceBody,
  MailInvoiceBody,
  ReconciliationCheck,
  ReconciliationCheckQuery,
  ReverseInvoiceBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './invoices.service.ts';

export function registerInvoiceRoutes(app: FastifyInstance, db: Db) {
  const tags = ['invoices'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/invoices',
    tags,
    permission: 'customer.read',
    summary:
      'The invoice register in your scope (filter customerId, orderId, status, type; sort requestedOn|issuedOn|amountFen|createdAt)',
    query: InvoiceListQuery,
    response: pageOf(Invoice),
    handler: ({ actor, query }) => svc.listInvoices(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/invoices/reconciliation-check',
    tags,
    permission: 'customer.read',
    summary: 'Per customer: invoices issued that no receipt covers, and receipts that no invoice covers',
    query: ReconciliationCheckQuery,
    response: ReconciliationCheck,
    handler: ({ actor, query }) => svc.checkReconciliation(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/invoices/:id',
    tags,
    permission: 'customer.read',
    summary: 'One invoice with the order lines it covers',
    params: IdParams,
    response: Invoice,
    handler: ({ actor, params }) => svc.getInvoice(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/invoices',
    tags,
    permission: 'invoice.manage',
    summary:
      'Request an invoice for order lines of one customer (each line at most its uninvoiced amount); also open to order.manage',
    body: CreateInvoiceBody,
    response: Invoice,
    handler: ({ actor, body }) => svc.requestInvoice(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/invoices/:id/issue',
    tags,
    permission: 'invoice.manage',
    summary:
      'Record the invoice as issued: 数电票 a 20-digit number; paper a 10/12-digit code and 8-digit number',
    params: IdParams,
    body: IssueInvoiceBody,
    response: Invoice,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.issueInvoice(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/invoices/:id/mail',
    tags,
    permission: 'invoice.manage',
    summary: 'Record the invoice as mailed (courier, tracking number, date)',
    params: IdParams,
    body: MailInvoiceBody,
    response: Invoice,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.mailInvoice(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/invoices/:id/reverse',
    tags,
    permission: 'invoice.manage',
    summary: 'Red-letter reversal (红字发票): creates the negative invoice and marks this one reversed',
    params: IdParams,
    body: ReverseInvoiceBody,
    response: Invoice,
    handler: ({ actor, params, body }) => svc.reverseInvoice(db, actor, params.id, body),
  });
}
