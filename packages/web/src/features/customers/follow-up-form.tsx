import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { FollowUpKind } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { FOLLOW_UP_KINDS } from '../sales-common/enums.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  kind: FollowUpKind;
  happenedOn: string;
  notes: string;
  outcome?: string;
  nextFollowUpOn?: string | null;
}

/** Records a visit, call, WeChat / WeCom message or meeting, with the next follow-up date. */
export function FollowUpFormModal({
  customerId,
  customerName,
  onClose,
  onSaved,
}: {
  customerId: number;
  customerName: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const happenedOn = Form.useWatch('happenedOn', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.customers.addFollowUp(customerId, {
        kind: v.kind,
        happenedOn: v.happenedOn,
        notes: v.notes.trim(),
        outcome: (v.outcome ?? '').trim(),
        nextFollowUpOn: v.nextFollowUpOn ?? null,
      });
      onSaved();
    } catch (err) {
      handleError(form, err, undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('followUps.addTitle', { name: customerName })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'follow-up-save' }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'visit', happenedOn: todayString(), nextFollowUpOn: null }}
      >
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="kind" label={t('followUps.kind')} rules={[{ required: true }]}>
              <Select options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: t(`followUpKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="happenedOn"
              label={t('followUps.happenedOn')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="notes"
          label={t('followUps.notes')}
          rules={[{ required: true, whitespace: true, message: t('followUps.notesRequired') }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="follow-up-notes" />
        </Form.Item>
        <Form.Item name="outcome" label={t('followUps.outcome')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="nextFollowUpOn"
          label={t('followUps.next')}
          dependencies={['happenedOn']}
          rules={[
            {
              validator: (_, v: string | null) =>
                v && happenedOn && v < happenedOn
                  ? Promise.reject(new Error(t('followUps.nextBeforeHappened')))
                  : Promise.resolve(),
            },
          ]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
