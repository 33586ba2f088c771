import { z } from 'zod';

/** Row ids and versions are PostgreSQL `integer`s: a larger number is refused here, never sent to the database. */
export const INT4_MAX = 2_147_483_647;

/**
 * Dates travel as `YYYY-MM-DD` strings (ARCHITECTURE.md, Conventions). Business dates fall in 1900–2199;
 * anything else is a typing mistake, refused before date arithmetic can overflow.
 */
export const DateString = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2199-12-31', {
  error: 'field.dateRange',
});
export const Id = z.coerce.number().int().positive().max(INT4_MAX);
export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

/** Mainland China mobile: 11 digits starting 1[3-9]. The domain validator is the one rule. */
export const MobileCN = z.string().regex(/^1[3-9]\d{9}$/, { error: 'field.mobile' });

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ErrorCode = z.enum([
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'business_rule',
  'locked',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
