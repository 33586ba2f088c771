import { Col, Form, Input, Modal, Row } from 'antd';
import type { CustomerDetail } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { bodyField } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

/** Gives the customer to another rep in the lead's or manager's scope; the change is recorded. */
export function TransferModal({
  customer,
  onClose,
  onSaved,
  onConflict,
}: {
  customer: CustomerDetail;
  onClose: () => void;
  onSaved: (c: CustomerDetail) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ toEmployeeId: number }>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(await api.customers.transfer(customer.id, v.toEmployeeId, customer.version));
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('customers.transferTitle', { name: customer.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('customers.transfer')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="toEmployeeId"
          label={t('customers.transferTo')}
          rules={[{ required: true, message: t('customers.ownerRequired') }]}
          extra={customer.ownerName ? t('customers.currentOwner', { name: customer.ownerName }) : undefined}
        >
          <EmployeeSelect filter={(e) => e.id !== customer.ownerEmployeeId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface VettingValues {
  visitNotes: string;
  creditAssessment: string;
  creditLimitFen: number | null;
}

/** New-customer vetting: the rep submits the visit and credit assessment for the manager to decide. */
export function VettingRequestModal({
  customer,
  onClose,
  onSaved,
}: {
  customer: CustomerDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<VettingValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.customers.requestVetting(customer.id, {
        visitNotes: v.visitNotes.trim(),
        creditAssessment: v.creditAssessment.trim(),
        creditLimitFen: v.creditLimitFen ?? 0,
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
      title={t('customers.vettingTitle', { name: customer.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ledger.submit')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<VettingValues> form={form} layout="vertical" initialValues={{ creditLimitFen: 0 }}>
        <Form.Item
          name="visitNotes"
          label={t('customers.vettingVisit')}
          rules={[{ required: true, whitespace: true }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('customers.vettingVisitHint')} />
        </Form.Item>
        <Form.Item
          name="creditAssessment"
          label={t('customers.vettingCredit')}
          rules={[{ required: true, whitespace: true }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('customers.vettingCreditHint')} />
        </Form.Item>
        <Row>
          <Col xs={24} sm={12}>
            <Form.Item name="creditLimitFen" label={t('customers.creditLimit')}>
              <YuanInput />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
