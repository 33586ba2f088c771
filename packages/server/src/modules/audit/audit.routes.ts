import type { FastifyInstance } from 'fastify';
import { AuditEntry, AuditQuery, pageOf } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { searchAudit } from './audit.service.ts';

export function registerAuditRoutes(app: FastifyInstance, db: Db) {
  route(app, db, {
    method: 'GET',
    url: '/api/v1/audit',
    tags: ['audit'],
    permission: 'audit.read',
    summary: 'Search the audit log (who, acting for whom, when, what, before and after); read-only',
    query: AuditQuery,
    response: pageOf(AuditEntry),
    handler: ({ actor, query }) => searchAudit(db, actor, query),
  });
}
