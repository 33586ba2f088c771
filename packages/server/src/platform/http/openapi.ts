import { z } from 'zod';
import { ErrorBody } from '@zuzhang/api-schema';
import { routeRegistry } from './route.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** OpenAPI 3.1, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } };
  for (const r of routeRegistry) {
    const url = r.url.replace(/:(\w+)/g, '{$1}');
    const success = r.response
      ? { description: 'OK', content: { [r.produces]: { schema: jsonSchema(r.response, 'output') } } }
      : { description: r.produces === 'application/json' ? 'No content' : r.produces };
    paths[url] ??= {};
    paths[url][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: r.tags,
      ...(r.permission ? { 'x-permission': r.permission } : {}),
      security: r.auth ? [{ cookie: [] }, { bearer: [] }] : [],
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(r.successStatus)]: success,
        ...(r.body || r.query || r.params ? { 400: { description: 'Invalid input', ...errorResponse } } : {}),
        ...(r.auth ? { 401: { description: 'Not signed in', ...errorResponse } } : {}),
        ...(r.permission ? { 403: { description: 'Not allowed', ...errorResponse } } : {}),
        ...(r.params ? { 404: { description: 'Not found or outside your scope', ...errorResponse } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Zuzhang API',
      version,
      description:
        'Zuzhang (组长) REST API. Sign in with POST /api/v1/auth/login (cookie + x-zuzhang-csrf header on writes) or send Authorization: Bearer <API token>.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'zuzhang_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
