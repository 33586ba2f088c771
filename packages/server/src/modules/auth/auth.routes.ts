import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiToken,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  IdParams,
  LoginBody,
  MeResponse,
  UpdateLocaleBody,
} from '@zuzhang/api-schema';
import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { loadActor } from '../../platform/access/actor.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/authenticate.ts';
import { users } from './auth.table.ts';
import { eq } from 'drizzle-orm';
import * as auth from './auth.service.ts';

function isSecure(req: FastifyRequest, mode: 'auto' | 'always' | 'never') {
  if (mode !== 'auto') return mode === 'always';
  return req.protocol === 'https';
}

export function registerAuthRoutes(
  app: FastifyInstance,
  db: Db,
  cookieMode: 'auto' | 'always' | 'never' = 'auto',
) {
  const setSessionCookies = (
    req: FastifyRequest,
    reply: FastifyReply,
    secret: string,
    csrf: string,
    expires: Date,
  ) => {
    const secure = isSecure(req, cookieMode);
    reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
    reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires });
  };

  route(app, db, {
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Sign in with username and password; sets the session and CSRF cookies',
    tags: ['auth'],
    auth: false,
    body: LoginBody,
    response: MeResponse,
    successStatus: 200,
    handler: async ({ body, req, reply }) => {
      const result = await auth.login(db, body.username, body.password);
      setSessionCookies(req, reply, result.sessionSecret, result.csrfToken, result.expiresAt);
      const [user] = await db.select().from(users).where(eq(users.id, result.userId));
      const actor = await loadActor(db, user!, 'cookie');
      return auth.describeMe(db, actor, result.csrfToken);
    },
  });

  route(app, db, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'Sign out: ends this session',
    tags: ['auth'],
    handler: async ({ actor, req, reply }) => {
      await auth.logout(db, actor, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
    },
  });

  route(app, db, {
    method: 'GET',
    url: '/api/v1/auth/me',
    summary: 'The signed-in user: employee, positions, permissions, data scope, acting-for',
    tags: ['auth'],
    response: MeResponse,
    handler: async ({ actor, req }) =>
      auth.describeMe(db, actor, actor.via === 'cookie' ? (req.cookies[CSRF_COOKIE] ?? null) : null),
  });

  route(app, db, {
    method: 'POST',
    url: '/api/v1/auth/password',
    summary: 'Change my password',
    tags: ['auth'],
    body: ChangePasswordBody,
    handler: async ({ actor, body }) =>
      auth.changePassword(db, actor, body.currentPassword, body.newPassword),
  });

  route(app, db, {
    method: 'PUT',
    url: '/api/v1/auth/locale',
    summary: 'Set my interface language',
    tags: ['auth'],
    body: UpdateLocaleBody,
    handler: async ({ actor, body }) => auth.updateLocale(db, actor, body.locale),
  });

  route(app, db, {
    method: 'GET',
    url: '/api/v1/auth/tokens',
    summary: 'My API tokens (secrets are never shown again)',
    tags: ['auth'],
    response: z.array(ApiToken),
    handler: async ({ actor }) => auth.listApiTokens(db, actor),
  });

  route(app, db, {
    method: 'POST',
    url: '/api/v1/auth/tokens',
    summary: 'Create an API token; the secret is in this response only',
    tags: ['auth'],
    body: CreateApiTokenBody,
    response: CreatedApiToken,
    handler: async ({ actor, body }) => auth.createApiToken(db, actor, body.name),
  });

  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/auth/tokens/:id',
    summary: 'Revoke one of my API tokens',
    tags: ['auth'],
    params: IdParams,
    handler: async ({ actor, params }) => auth.revokeApiToken(db, actor, params.id),
  });
}
