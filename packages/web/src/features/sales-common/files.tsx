import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import type { FileRef, StoredFile } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';

/** The API's limit for one file (MAX_FILE_BYTES in api-schema), checked before the upload starts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A File as base64 without the data-URL prefix, the way the JSON upload endpoints take it. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export async function uploadFile(file: File): Promise<StoredFile> {
  const contentBase64 = await readFileAsBase64(file);
  return api.files.upload({
    name: file.name,
    mime: file.type || 'application/octet-stream',
    contentBase64,
  });
}

/** Picks a file and uploads it to /api/v1/files; hands back the stored file. */
export function FileUploadButton({
  onUploaded,
  accept,
  label,
  disabled,
  'data-testid': testId,
}: {
  onUploaded: (file: StoredFile) => void;
  accept?: string;
  label?: string;
  disabled?: boolean;
  'data-testid'?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept={accept}
      showUploadList={false}
      disabled={disabled || busy}
      beforeUpload={(file) => {
        if (file.size > MAX_UPLOAD_BYTES) {
          void message.error(t('ledger.fileTooLarge', { mb: 10 }));
          return Upload.LIST_IGNORE;
        }
        setBusy(true);
        uploadFile(file)
          .then(onUploaded, (err: unknown) => notice(err))
          .finally(() => setBusy(false));
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} disabled={disabled} data-testid={testId}>
        {label ?? t('ledger.upload')}
      </Button>
    </Upload>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A link that opens (or downloads) a stored file with the signed-in session. */
export function FileLink({ file }: { file: Pick<FileRef, 'id' | 'name'> & { size?: number } }) {
  return (
    <a href={api.files.url(file.id)} target="_blank" rel="noreferrer">
      <PaperClipOutlined /> {file.name}
      {file.size !== undefined && <span style={{ color: '#8c8c8c' }}>{` (${formatSize(file.size)})`}</span>}
    </a>
  );
}
