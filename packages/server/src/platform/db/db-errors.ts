import { AppError } from '../errors/app-error.ts';
import type { MessageKey } from '../i18n/i18n.ts';

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turn a unique-key violation into a 409 that names the field; anything else is rethrown. */
export async function withDuplicateCheck<T>(
  work: () => Promise<T>,
  field: { path: string; label: MessageKey; value: string },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgCode(error) === '23505') {
      throw new AppError('conflict', 'errors.duplicate', { field: field.label, value: field.value }, [
        { path: field.path, key: 'errors.duplicate', params: { field: field.label, value: field.value } },
      ]);
    }
    throw error;
  }
}
