import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';

/**
 * Confirms a status change that carries a note (approve, reject, terminate, cancel). `onSubmit` throws to
 * keep the dialog open; the caller shows the error.
 */
export function NoteModal({
  title,
  description,
  okText,
  danger = false,
  noteRequired = false,
  maxLength = 500,
  onSubmit,
  onClose,
}: {
  title: ReactNode;
  description?: ReactNode;
  okText: string;
  danger?: boolean;
  noteRequired?: boolean;
  maxLength?: number;
  onSubmit: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await onSubmit((v.note ?? '').trim());
    } catch {
      // The caller has shown the error; the dialog stays open to try again.
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText}
      okButtonProps={{ danger }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {description && <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('ledger.note')}
          rules={[
            { required: noteRequired, whitespace: true, message: t('ledger.noteRequired') },
            { max: maxLength },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={maxLength}
            placeholder={noteRequired ? undefined : t('ledger.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
