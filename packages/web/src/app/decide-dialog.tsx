import { App } from 'antd';
import type { ComponentProps } from 'react';
import { NoteModal } from '../features/sales-common/note-modal.tsx';
import { useErrorNotice } from './errors.tsx';
import { useT } from './i18n/i18n.tsx';

/**
 * A decision with a note on a record of a list (approve or reject a write-off, uphold or cancel an incident,
 * appeal it): `send` calls the API; on success the dialog closes, says so and reloads the list; on failure
 * it shows the error (offering to reload on a version conflict) and stays open to try again.
 */
export function DecideDialog({
  send,
  reload,
  onClose,
  ...modal
}: Omit<ComponentProps<typeof NoteModal>, 'onSubmit'> & {
  send: (note: string) => Promise<unknown>;
  /** Reloads the list the record is in. */
  reload: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  return (
    <NoteModal
      {...modal}
      onSubmit={async (note) => {
        try {
          await send(note);
          onClose();
          void message.success(t('ledger.done'));
          reload();
        } catch (err) {
          notice(err, reload);
          throw err;
        }
      }}
      onClose={onClose}
    />
  );
}
