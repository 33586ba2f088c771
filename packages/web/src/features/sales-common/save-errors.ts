import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../../app/api-client.ts';
import { applyFormErrors, errorText, useFormErrorHandler, type NamePath } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { bodyField } from './form-helpers.ts';

/**
 * The app's form error handler, plus one distinction: a 409 that names a field is a duplicate (a used
 * contract or invoice number, a product code), shown on that field; a 409 without one is a stale version
 * ("someone changed it, reload"), handled as everywhere else.
 */
export function useSaveErrorHandler() {
  const handle = useFormErrorHandler();
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (
      form: FormInstance,
      err: unknown,
      reload?: () => void,
      mapPath: (name: NamePath) => NamePath | null = bodyField,
    ) => {
      if (isApiError(err) && err.status === 409 && err.details.length > 0) {
        applyFormErrors(form, err, mapPath);
        void message.error(errorText(err, t));
        return;
      }
      handle(form, err, reload, mapPath);
    },
    [handle, message, t],
  );
}
