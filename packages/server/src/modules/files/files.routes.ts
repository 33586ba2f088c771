import type { FastifyInstance } from 'fastify';
import { IdParams, StoredFile, UploadFileBody } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './files.service.ts';

/** Types a browser may show in place; anything else (HTML, SVG, scripts) is sent as a download. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

export function registerFileRoutes(app: FastifyInstance, db: Db) {
  const tags = ['files'];
  route(app, db, {
    method: 'POST',
    url: '/api/v1/files',
    tags,
    permission: 'order.manage',
    summary:
      'Upload a file (contract attachment, proof artwork) as JSON { name, mime, contentBase64 }, up to 10 MB decoded; needs contract.manage or order.manage',
    body: UploadFileBody,
    response: StoredFile,
    bodyLimit: svc.FILE_UPLOAD_BODY_LIMIT,
    handler: ({ actor, body }) => svc.uploadFile(db, actor, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/files/:id',
    tags,
    summary:
      'Download a file, when the contract or order that references it is visible to you (or you uploaded it)',
    params: IdParams,
    produces: 'application/octet-stream',
    handler: async ({ actor, params, reply }) => {
      const file = await svc.downloadFile(db, actor, params.id);
      const disposition = INLINE_TYPES.has(file.mime) ? 'inline' : 'attachment';
      const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .type(file.mime)
        .header(
          'content-disposition',
          `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${file.sha256}"`)
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .send(file.content);
    },
  });
}
