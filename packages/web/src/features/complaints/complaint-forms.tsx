import { Col, DatePicker, Form, Input, Modal, Rate, Row, Select, Typography } from 'antd';
import type { Complaint, ComplaintSeverity } from '@zuzhang/api-schema';
import { COMPLAINT_SEVERITIES, defaultComplaintDeadline } from '@zuzhang/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { dateProps } from '../sales-common/form-helpers.ts';
import { CustomerSelect, OrderSelect } from '../sales-common/pickers.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface CreateValues {
  customerId?: number;
  orderId?: number | null;
  severity: ComplaintSeverity;
  title: string;
  description: string;
  receivedOn: string;
  deadlineOn?: string | null;
  ownerEmployeeId?: number | null;
}

/** A new complaint: the deadline follows the severity unless changed (1 / 3 / 7 / 15 days). */
export function ComplaintCreateModal({
  customerId,
  onClose,
  onSaved,
}: {
  customerId?: number;
  onClose: () => void;
  onSaved: (c: Complaint) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const chosenCustomer = Form.useWatch('customerId', form);
  const severity = Form.useWatch('severity', form) ?? 'medium';
  const receivedOn = Form.useWatch('receivedOn', form) ?? todayString();
  const suggested = defaultComplaintDeadline(receivedOn, severity);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await api.complaints.create({
          customerId: v.customerId!,
          orderId: v.orderId ?? null,
          severity: v.severity,
          title: v.title.trim(),
          description: v.description.trim(),
          receivedOn: v.receivedOn,
          ...(v.deadlineOn ? { deadlineOn: v.deadlineOn } : {}),
          ...(v.ownerEmployeeId ? { ownerEmployeeId: v.ownerEmployeeId } : {}),
        }),
      );
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('complaints.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={680}
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ customerId, severity: 'medium', receivedOn: todayString(), orderId: null }}
        onValuesChange={(c: Partial<CreateValues>) => {
          if ('customerId' in c) form.setFieldValue('orderId', null);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
              <CustomerSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orderId" label={t('complaints.order')}>
              <OrderSelect customerId={chosenCustomer} allowClear placeholder={t('complaints.noOrder')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="title"
              label={t('complaints.titleField')}
              rules={[{ required: true, whitespace: true }, { max: 200 }]}
            >
              <Input maxLength={200} data-testid="complaint-title" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="description"
              label={t('complaints.description')}
              rules={[{ required: true, whitespace: true }, { max: 4000 }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="severity" label={t('complaints.severity')} rules={[{ required: true }]}>
              <Select
                options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaintSeverity.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="receivedOn"
              label={t('complaints.receivedOn')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="deadlineOn"
              label={t('complaints.deadlineOn')}
              extra={t('complaints.deadlineDefault', { date: suggested })}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} placeholder={suggested} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="ownerEmployeeId"
              label={t('complaints.owner')}
              extra={t('complaints.ownerDefault')}
            >
              <EmployeeSelect />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** A step taken on the case (it is then in progress). */
export function StepModal({
  complaint,
  onClose,
  onSaved,
  onConflict,
}: {
  complaint: Complaint;
  onClose: () => void;
  onSaved: (c: Complaint) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ text: string; on: string }>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await api.complaints.addStep(complaint.id, {
          text: v.text.trim(),
          on: v.on,
          version: complaint.version,
        }),
      );
    } catch (err) {
      handleError(form, err, onConflict);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('complaints.addStep')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ on: todayString() }}>
        <Form.Item name="on" label={t('ledger.date')} rules={[{ required: true }]} {...dateProps}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(complaint.receivedOn), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('complaints.stepText')}
          rules={[{ required: true, whitespace: true }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Resolve with the resolution and the customer's satisfaction (1–5), or close a resolved case. */
export function ResolveModal({
  complaint,
  mode,
  onClose,
  onSaved,
  onConflict,
}: {
  complaint: Complaint;
  mode: 'resolve' | 'close';
  onClose: () => void;
  onSaved: (c: Complaint) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ resolution: string; satisfaction?: number }>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const satisfaction = v.satisfaction ? { satisfaction: v.satisfaction } : {};
      onSaved(
        mode === 'resolve'
          ? await api.complaints.resolve(complaint.id, {
              resolution: v.resolution.trim(),
              ...satisfaction,
              version: complaint.version,
            })
          : await api.complaints.close(complaint.id, { ...satisfaction, version: complaint.version }),
      );
    } catch (err) {
      handleError(form, err, onConflict);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={mode === 'resolve' ? t('complaints.resolve') : t('complaints.close')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={mode === 'resolve' ? t('complaints.resolve') : t('complaints.close')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ satisfaction: complaint.satisfaction ?? undefined }}
      >
        {mode === 'resolve' && (
          <Form.Item
            name="resolution"
            label={t('complaints.resolution')}
            rules={[{ required: true, whitespace: true }, { max: 4000 }]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        <Form.Item
          name="satisfaction"
          label={t('complaints.satisfaction')}
          extra={t('complaints.satisfactionHint')}
        >
          <Rate />
        </Form.Item>
        {mode === 'close' && <Typography.Text type="secondary">{t('complaints.closeHint')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
