import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  IdParams,
  JdAcknowledgement,
  JdCompareQuery,
  JdDiffEntry,
  JdSummary,
  JobDescription,
  PublishJdBody,
  SaveJdDraftBody,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import * as svc from './jd.service.ts';
import { renderJdPrintHtml } from './jd-print.ts';
import { PdfUnavailableError, renderPdf } from './jd-pdf.ts';

export function registerJdRoutes(app: FastifyInstance, db: Db) {
  const tags = ['job-descriptions'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/positions/:id/job-descriptions',
    tags,
    permission: 'jd.read',
    summary: "Every version of a position's job description, newest first (a draft included)",
    params: IdParams,
    response: z.array(JdSummary),
    handler: ({ actor, params }) => svc.listJdVersions(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/positions/:id/job-descriptions/current',
    tags,
    permission: 'jd.read',
    summary: 'The job description in force for a position',
    params: IdParams,
    response: JobDescription,
    handler: ({ actor, params }) => svc.getCurrentJd(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/positions/:id/job-descriptions/draft',
    tags,
    permission: 'jd.edit',
    summary: 'Start a draft (no version) or save the draft (with the version you read)',
    params: IdParams,
    body: SaveJdDraftBody,
    response: JobDescription,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.saveJdDraft(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/job-descriptions/compare',
    tags,
    permission: 'jd.read',
    summary: 'Differences between two versions (document control and content), field by field',
    query: JdCompareQuery,
    response: z.array(JdDiffEntry),
    handler: ({ actor, query }) => svc.compareJds(db, actor, query.from, query.to),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/job-descriptions/:id',
    tags,
    permission: 'jd.read',
    summary: 'One version of a job description',
    params: IdParams,
    response: JobDescription,
    handler: ({ actor, params }) => svc.getJd(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/job-descriptions/:id/publish',
    tags,
    permission: 'jd.publish',
    summary: 'Publish a draft as the version in force (422 lists empty required sections)',
    params: IdParams,
    body: PublishJdBody,
    response: JobDescription,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.publishJd(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/job-descriptions/:id/print',
    tags,
    permission: 'jd.read',
    summary: 'A4 print view (HTML) laid out like the paper form; ?lang=en-US for English labels',
    params: IdParams,
    produces: 'text/html',
    handler: async ({ actor, params, locale, reply }) => {
      const jd = await svc.getJd(db, actor, params.id);
      return reply.type('text/html; charset=utf-8').send(renderJdPrintHtml(jd, locale));
    },
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/job-descriptions/:id/pdf',
    tags,
    permission: 'jd.read',
    summary: 'The print view as an A4 PDF (needs Chromium on the server)',
    params: IdParams,
    produces: 'application/pdf',
    handler: async ({ actor, params, locale, reply }) => {
      const jd = await svc.getJd(db, actor, params.id);
      try {
        const pdf = await renderPdf(renderJdPrintHtml(jd, locale));
        const filename = encodeURIComponent(`${jd.positionName}-v${jd.versionNo}.pdf`);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="jd-${jd.id}.pdf"; filename*=UTF-8''${filename}`,
          )
          .send(pdf);
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new AppError('unavailable', 'errors.pdfUnavailable');
        throw error;
      }
    },
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/job-descriptions/:id/acknowledge',
    tags,
    permission: 'jd.read',
    summary: 'Sign the version in force as its holder: 本人已阅读本岗位职责说明，并严格履行',
    params: IdParams,
    response: JdAcknowledgement,
    handler: ({ actor, params }) => svc.acknowledgeJd(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/job-descriptions/:id/acknowledgements',
    tags,
    permission: 'jd.read',
    summary: 'Who acknowledged this version, and when',
    params: IdParams,
    response: z.array(JdAcknowledgement),
    handler: ({ actor, params }) => svc.listAcknowledgements(db, actor, params.id),
  });
}
