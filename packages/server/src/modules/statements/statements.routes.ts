import type { FastifyInstance } from 'fastify';
import {
  DisputeStatementBody,
  type Locale,
  GenerateStatementsBody,
  GenerateStatementsResult,
  IdParams,
  Statement,
  StatementDetail,
  StatementListQuery,
  StatementVersionBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { PdfUnavailableError, renderPdf } from '../job-descriptions/jd-pdf.ts';
import * as svc from './statements.service.ts';
import { renderStatementHtml, renderStatementXlsx } from './statement-print.ts';
import { STATEMENT_LABELS } from './statement-print.messages.ts';

export function registerStatementRoutes(app: FastifyInstance, db: Db) {
  const tags = ['statements'];
  const fileName = (s: { customerName: string; period: string }, locale: Locale, ext: string) =>
    encodeURIComponent(`${STATEMENT_LABELS[locale].sheet}-${s.customerName}-${s.period}.${ext}`);

  route(app, db, {
    method: 'GET',
    url: '/api/v1/statements',
    tags,
    permission: 'customer.read',
    summary:
      'Reconciliation statements in your scope (filter customerId, period, status; sort period|customerName|closingFen|status)',
    query: StatementListQuery,
    response: pageOf(Statement),
    handler: ({ actor, query }) => svc.listStatements(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/statements/generate',
    tags,
    permission: 'statement.manage',
    summary:
      'Generate (or regenerate drafts of) the statements of a month YYYY-MM: one customer, or every customer in scope with activity or a balance',
    body: GenerateStatementsBody,
    response: GenerateStatementsResult,
    successStatus: 200,
    handler: ({ actor, body }) => svc.generateStatements(db, actor, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/statements/:id',
    tags,
    permission: 'customer.read',
    summary:
      'One statement with its lines (every document of the month, running balance); stale = regenerate',
    params: IdParams,
    response: StatementDetail,
    handler: ({ actor, params }) => svc.getStatement(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/statements/:id/send',
    tags,
    permission: 'statement.manage',
    summary: 'Mark a draft statement as sent to the customer',
    params: IdParams,
    body: StatementVersionBody,
    response: StatementDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.sendStatement(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/statements/:id/confirm',
    tags,
    permission: 'statement.manage',
    summary: 'Record that the customer confirmed the statement: the month (and every month before) is locked',
    params: IdParams,
    body: StatementVersionBody,
    response: StatementDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.confirmStatement(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/statements/:id/dispute',
    tags,
    permission: 'statement.manage',
    summary: "Record the customer's dispute with a note; the statement can then be regenerated",
    params: IdParams,
    body: DisputeStatementBody,
    response: StatementDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.disputeStatement(db, actor, params.id, body.version, body.note),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/statements/:id/print',
    tags,
    permission: 'customer.read',
    summary: 'The statement as an A4 print view (HTML); ?lang=en-US for English labels',
    params: IdParams,
    produces: 'text/html',
    handler: async ({ actor, params, locale, reply }) => {
      const s = await svc.getStatement(db, actor, params.id);
      return reply.type('text/html; charset=utf-8').send(renderStatementHtml(s, locale));
    },
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/statements/:id/pdf',
    tags,
    permission: 'customer.read',
    summary:
      'The statement as an A4 PDF with the confirmation block (needs Chromium on the server); ?lang=en-US',
    params: IdParams,
    produces: 'application/pdf',
    handler: async ({ actor, params, locale, reply }) => {
      const s = await svc.getStatement(db, actor, params.id);
      try {
        const pdf = await renderPdf(renderStatementHtml(s, locale));
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="statement-${s.id}.pdf"; filename*=UTF-8''${fileName(s, locale, 'pdf')}`,
          )
          .send(pdf);
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new AppError('unavailable', 'errors.pdfUnavailable');
        throw error;
      }
    },
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/statements/:id/xlsx',
    tags,
    permission: 'customer.read',
    summary: 'The statement as an Excel workbook; ?lang=en-US for English labels',
    params: IdParams,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ actor, params, locale, reply }) => {
      const s = await svc.getStatement(db, actor, params.id);
      const xlsx = await renderStatementXlsx(s, locale);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="statement-${s.id}.xlsx"; filename*=UTF-8''${fileName(s, locale, 'xlsx')}`,
        )
        .send(xlsx);
    },
  });
}
