import { App, Button } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError, type ErrorDetail } from './api-client.ts';
import { useT, type Translate } from './i18n/i18n.tsx';

export type NamePath = (string | number)[];

/** What to tell the user about a failed call; the server's message is already in their language. */
export function errorText(err: unknown, t: Translate): string {
  if (isApiError(err)) {
    if (err.code === 'network') return t('error.network');
    // The server's 409 message already tells the user to reload; ours is the fallback.
    if (err.status === 409) return err.message || t('error.conflict');
    if (err.message) return err.message;
    if (err.status === 401) return t('error.unauthenticated');
    if (err.status === 403) return t('error.forbidden');
    if (err.status === 404) return t('error.notFound');
    if (err.status === 413) return t('error.tooLarge');
    if (err.status >= 500) return t('error.server');
    return t('error.unknown');
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.unknown');
}

/** `content.responsibilities[0].area` and `content.responsibilities.0.area` both become a form name path. */
export function pathToName(path: string): NamePath {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts the server's field errors (`details[].path`) on the matching form fields.
 * `mapPath` may rewrite or drop a path (return null); returns the details no field took.
 */
export function applyFormErrors(
  form: FormInstance,
  err: unknown,
  mapPath: (name: NamePath) => NamePath | null = (n) => n,
): ErrorDetail[] {
  if (!isApiError(err) || err.details.length === 0) return [];
  const unmatched: ErrorDetail[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const d of err.details) {
    const name = d.path ? mapPath(pathToName(d.path)) : null;
    if (!name || name.length === 0) {
      unmatched.push(d);
      continue;
    }
    const k = JSON.stringify(name);
    const entry = byField.get(k) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byField.set(k, entry);
  }
  if (byField.size > 0) form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unmatched;
}

export function isConflict(err: unknown): boolean {
  return isApiError(err) && err.status === 409;
}

/**
 * Shows a failed call to the user. A 409 (someone else changed the record) gets a notification with a
 * reload button when `reload` is given.
 */
export function useErrorNotice() {
  const { message, notification } = App.useApp();
  const t = useT();
  return useCallback(
    (err: unknown, reload?: () => void) => {
      if (isConflict(err)) {
        const key = `conflict-${Date.now()}`;
        notification.warning({
          key,
          title: t('error.conflictTitle'),
          description: errorText(err, t),
          duration: 0,
          actions: reload ? (
            <Button
              type="primary"
              size="small"
              onClick={() => {
                notification.destroy(key);
                reload();
              }}
            >
              {t('common.reload')}
            </Button>
          ) : undefined,
        });
        return;
      }
      void message.error(errorText(err, t));
    },
    [message, notification, t],
  );
}

/** Form submit helper: field errors go onto the fields, the rest into a message. */
export function useFormErrorHandler() {
  const notice = useErrorNotice();
  return useCallback(
    (
      form: FormInstance,
      err: unknown,
      reload?: () => void,
      mapPath?: (name: NamePath) => NamePath | null,
    ) => {
      applyFormErrors(form, err, mapPath);
      notice(err, reload);
    },
    [notice],
  );
}
