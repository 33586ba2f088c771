import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateDelegationBody, Delegation, IdParams } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './delegations.service.ts';

export function registerDelegationRoutes(app: FastifyInstance, db: Db) {
  const tags = ['delegations'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/delegations',
    tags,
    summary: 'Delegations given by or to me (all of them for admins)',
    response: z.array(Delegation),
    handler: ({ actor }) => svc.listDelegations(db, actor),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/delegations',
    tags,
    permission: 'delegation.manage',
    summary: 'Delegate my rights to a named employee for a date range (acting for)',
    body: CreateDelegationBody,
    response: Delegation,
    handler: ({ actor, body }) => svc.createDelegation(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/delegations/:id/revoke',
    tags,
    summary: 'Revoke a delegation I gave',
    params: IdParams,
    response: Delegation,
    successStatus: 200,
    handler: ({ actor, params }) => svc.revokeDelegation(db, actor, params.id),
  });
}
