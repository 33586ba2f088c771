import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Permission } from '@zuzhang/domain';
import type { Locale } from '@zuzhang/api-schema';
import type { Db } from '../db/db.ts';
import type { Actor } from '../access/actor.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { isMessageKey, zodErrorMap } from '../i18n/i18n.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** false: no sign-in (health, login). Default true. */
  auth?: boolean;
  /** Listed in the OpenAPI document; the check itself happens in the service. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** The JSON response; omitted for routes that send something else (HTML, PDF). */
  response?: R;
  successStatus?: number;
  produces?: string;
  /** Bytes of request body this route accepts, when it must differ from the app's 1 MB (file uploads). */
  bodyLimit?: number;
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R> | void>;
}

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  db: Db;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  auth: boolean;
  permission?: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  successStatus: number;
  produces: string;
}

/** Every route registered through `route`, for the OpenAPI document. */
export const routeRegistry: RegisteredRoute[] = [];

/** Where in the input a NUL character hides: PostgreSQL refuses it in text, so it is refused here first. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNul(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Validate one part of the request with its zod schema; errors name the field in the caller's language. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  locale: Locale,
  prefix: string,
): z.output<T> {
  const nulAt = findNul(value, prefix);
  if (nulAt) throw new AppError('validation', 'errors.validation', {}, [{ path: nulAt, key: 'field.nul' }]);
  const result = schema.safeParse(value ?? (prefix === 'body' ? undefined : {}), {
    error: zodErrorMap(locale),
  });
  if (result.success) return result.data;
  throw new AppError(
    'validation',
    'errors.validation',
    {},
    result.error.issues.flatMap((issue) => toDetails(issue, prefix)),
  );
}

function toDetails(issue: z.core.$ZodIssue, prefix: string): ErrorDetail[] {
  const base = [prefix, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: `${base}.${key}`, key: 'field.unknown', params: { key } }));
  }
  // Our own refinements name a message key (e.g. field.mobile), translated like every other message.
  if (isMessageKey(issue.message)) return [{ path: base, key: issue.message }];
  return [{ path: base, text: issue.message }];
}

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  db: Db,
  spec: RouteSpec<P, Q, B, R>,
) {
  const auth = spec.auth ?? true;
  const successStatus =
    spec.successStatus ??
    // A JSON route without a response body answers 204 No Content (see the handler below).
    (!spec.response && !spec.produces ? 204 : spec.method === 'POST' ? 201 : 200);
  routeRegistry.push({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth,
    permission: spec.permission,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.response,
    successStatus,
    produces: spec.produces ?? 'application/json',
  });
  app.route({
    method: spec.method,
    url: spec.url,
    config: { auth },
    ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
    handler: async (req, reply) => {
      const locale = req.locale;
      const params = spec.params ? parseInput(spec.params, req.params, locale, 'params') : undefined;
      // ?lang= is read for every request by the app (the response language), not by the route.
      const { lang: _lang, ...routeQuery } = (req.query ?? {}) as Record<string, unknown>;
      const query = spec.query ? parseInput(spec.query, routeQuery, locale, 'query') : undefined;
      const body = spec.body ? parseInput(spec.body, req.body, locale, 'body') : undefined;
      const result = await spec.handler({
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
        actor: req.actor as Actor,
        db,
        locale,
        req,
        reply,
      });
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(204).send();
      return reply.code(successStatus).send(result);
    },
  });
}
