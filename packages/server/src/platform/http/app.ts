import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Locale } from '@zuzhang/api-schema';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/db.ts';
import type { Actor } from '../access/actor.ts';
import { AppError, STATUS_OF } from '../errors/app-error.ts';
import { pickLocale, translate } from '../i18n/i18n.ts';
import { authenticate } from '../auth/authenticate.ts';
import { buildOpenApi } from './openapi.ts';
import { renderApiDocs } from './api-docs.ts';
import { registerModules } from '../../modules/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    auth?: boolean;
  }
}

export const BODY_LIMIT = 1024 * 1024;
const VERSION = '0.1.0';

export async function buildApp(config: Config, database: Database): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
  });
  await app.register(cookie);

  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const lang = (req.query as Record<string, string> | undefined)?.lang;
    req.locale = pickLocale(req.headers['accept-language'], lang);
  });
  app.addHook('preHandler', async (req) => {
    if (req.routeOptions.config?.auth === false || !req.url.startsWith('/api/')) return;
    req.actor = await authenticate(database.db, req);
    // An explicit Accept-Language wins; otherwise the user's saved language.
    if (!req.headers['accept-language'] && !(req.query as Record<string, string>)?.lang)
      req.locale = req.actor.locale;
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const body = toErrorBody(error, req.locale, req.method, req.url);
    if (body.status >= 500) req.log.error({ err: error }, 'request failed');
    return reply.code(body.status).send({ error: body.error });
  });
  app.setNotFoundHandler((req, reply) => {
    // API paths and missing files (anything with an extension, e.g. an old /assets/x.js) are real 404s.
    const pathname = req.url.split('?')[0] ?? '';
    if (
      pathname.startsWith('/api/') ||
      /\.[a-z0-9]+$/i.test(pathname) ||
      !fs.existsSync(path.join(config.webDist, 'index.html'))
    ) {
      const error = new AppError('not_found', 'errors.routeNotFound', {
        method: req.method,
        url: req.url.split('?')[0] ?? '',
      });
      const body = toErrorBody(error, req.locale, req.method, req.url);
      return reply.code(404).send({ error: body.error });
    }
    // The web app routes in the browser: every other path gets index.html.
    return reply.type('text/html').sendFile('index.html');
  });

  app.get('/api/health', { config: { auth: false } }, async () => {
    await database.db.execute('select 1');
    return { status: 'ok', engine: database.engine, version: VERSION };
  });
  registerModules(app, database.db, config.cookieSecure);
  const openapi = buildOpenApi(VERSION);
  app.get('/api/openapi.json', { config: { auth: false } }, async () => openapi);
  app.get('/api/docs', { config: { auth: false } }, async (_req, reply) =>
    reply.type('text/html').send(renderApiDocs(openapi)),
  );

  if (fs.existsSync(config.webDist)) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      prefix: '/',
      // Looks files up on each request, so a rebuilt web app is served without a restart.
      wildcard: true,
      index: ['index.html'],
    });
  }
  return app;
}

function toErrorBody(error: FastifyError | AppError, locale: Locale, method: string, url: string) {
  if (error instanceof AppError) {
    return {
      status: STATUS_OF[error.code],
      error: {
        code: error.code,
        message: translate(locale, error.key, error.params),
        details: error.details.map((d) =>
          'text' in d
            ? { path: d.path, message: d.text }
            : { path: d.path, message: translate(locale, d.key, d.params) },
        ),
      },
    };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) {
    return {
      status,
      error: { code: 'payload_too_large', message: translate(locale, 'errors.payloadTooLarge'), details: [] },
    };
  }
  if (status === 400 || status === 415) {
    // Fastify's own parsing errors: malformed JSON, wrong content type, empty body.
    return {
      status: 400,
      error: {
        code: 'validation',
        message: translate(locale, 'errors.malformedJson'),
        details: [{ path: 'body', message: error.message }],
      },
    };
  }
  if (status === 404) {
    return {
      status,
      error: {
        code: 'not_found',
        message: translate(locale, 'errors.routeNotFound', { method, url }),
        details: [],
      },
    };
  }
  return {
    status: 500,
    error: { code: 'internal', message: translate(locale, 'errors.internal'), details: [] },
  };
}
