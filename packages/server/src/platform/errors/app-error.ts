import type { ErrorCode } from '@zuzhang/api-schema';
import type { MessageKey } from '../i18n/i18n.ts';

/** A field error: a message key translated when the response is written, or text already translated. */
export type ErrorDetail =
  | { path: string; key: MessageKey; params?: Record<string, string | number> }
  | { path: string; text: string };

/**
 * What services throw. They never know about HTTP: the one error handler maps `code` to a status and
 * translates the message into the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details: ErrorDetail[] = [],
  ) {
    super(key);
    this.name = 'AppError';
  }
}

export const STATUS_OF: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  business_rule: 422,
  locked: 423,
  unavailable: 503,
  internal: 500,
};

export function notFound(entity: string): AppError {
  return new AppError('not_found', 'errors.notFound', { entity });
}

export function staleVersion(entity: string): AppError {
  return new AppError('conflict', 'errors.staleVersion', { entity });
}

export function fieldError(
  path: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError('validation', 'errors.validation', {}, [{ path, key, params }]);
}
