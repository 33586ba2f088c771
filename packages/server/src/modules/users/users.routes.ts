import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateUserBody, IdParams, ResetPasswordBody, User } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './users.service.ts';

export function registerUserRoutes(app: FastifyInstance, db: Db) {
  const tags = ['users'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/users',
    tags,
    permission: 'user.manage',
    summary: 'Users of the company',
    response: z.array(User),
    handler: ({ actor }) => svc.listUsers(db, actor),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/users',
    tags,
    permission: 'user.manage',
    summary: 'Create a user (sign-in) for an employee',
    body: CreateUserBody,
    response: User,
    handler: ({ actor, body }) => svc.createUser(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/users/:id/reset-password',
    tags,
    permission: 'user.manage',
    summary: "Reset a user's password (ends their sessions, clears a lock)",
    params: IdParams,
    body: ResetPasswordBody,
    response: User,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.resetPassword(db, actor, params.id, body.newPassword),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/users/:id/unlock',
    tags,
    permission: 'user.manage',
    summary: 'Unlock a locked user',
    params: IdParams,
    response: User,
    successStatus: 200,
    handler: ({ actor, params }) => svc.unlockUser(db, actor, params.id),
  });
}
