import type { FastifyRequest } from 'fastify';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { apiTokens, sessions, users } from '../../modules/auth/auth.table.ts';
import { AppError } from '../errors/app-error.ts';
import { loadActor, type Actor } from '../access/actor.ts';
import { safeEqual, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'zuzhang_session';
export const CSRF_COOKIE = 'zuzhang_csrf';
export const CSRF_HEADER = 'x-zuzhang-csrf';
export const API_TOKEN_PREFIX = 'zz_';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: an API token (Authorization: Bearer zz_…) or a session cookie. A cookie-signed write
 * must also carry the double-submit CSRF header equal to the csrf cookie (and to the session's token).
 */
export async function authenticate(db: Db, req: FastifyRequest): Promise<Actor> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const secret = header.slice('Bearer '.length).trim();
    const [row] = await db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(secret)), isNull(apiTokens.revokedAt)));
    if (!row) throw new AppError('unauthenticated', 'errors.unauthenticated');
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
    return loadActor(db, row.user, 'token');
  }

  const cookieValue = req.cookies[SESSION_COOKIE];
  if (!cookieValue) throw new AppError('unauthenticated', 'errors.unauthenticated');
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(cookieValue)), gt(sessions.expiresAt, new Date())));
  if (!row) throw new AppError('unauthenticated', 'errors.unauthenticated');
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    const cookieCsrf = req.cookies[CSRF_COOKIE] ?? '';
    if (typeof sent !== 'string' || !safeEqual(sent, cookieCsrf) || !safeEqual(sent, row.session.csrfToken)) {
      throw new AppError('forbidden', 'errors.csrf');
    }
  }
  return loadActor(db, row.user, 'cookie');
}
