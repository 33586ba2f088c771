import { Col, DatePicker, Form, Input, Modal, Rate, Row, Select } from 'antd';
import type { SurveyKind } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { SURVEY_KINDS } from '../sales-common/enums.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  kind: SurveyKind;
  doneOn: string;
  score: number;
  comment?: string;
}

/** Return visits and satisfaction surveys: a score from 1 to 5 and the customer's comment. */
export function SurveyFormModal({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.customers.addSurvey(customerId, {
        kind: v.kind,
        doneOn: v.doneOn,
        score: v.score,
        comment: (v.comment ?? '').trim(),
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
      title={t('surveys.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'return_visit', doneOn: todayString() }}
      >
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="kind" label={t('surveys.kind')} rules={[{ required: true }]}>
              <Select options={SURVEY_KINDS.map((k) => ({ value: k, label: t(`surveyKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="doneOn" label={t('surveys.doneOn')} rules={[{ required: true }]} {...dateProps}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="score"
          label={t('surveys.score')}
          rules={[{ required: true, message: t('surveys.scoreRequired') }]}
        >
          <Rate />
        </Form.Item>
        <Form.Item name="comment" label={t('surveys.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
