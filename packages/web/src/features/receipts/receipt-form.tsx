import { Alert, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import type { Receipt, ReceiptMethod } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { useApi } from '../../app/use-api.ts';
import { RECEIPT_METHODS } from '../sales-common/enums.ts';
import { bodyField, dateProps, newIdempotencyKey } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen } from '../sales-common/money.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { AllocationFields } from './allocation-fields.tsx';
import { allocationsOf, suggestAllocations, type AllocationValues } from './allocation.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  customerId?: number;
  receivedOn: string;
  amountFen?: number | null;
  method: ReceiptMethod;
  payer?: string;
  reference?: string;
  mode: 'auto' | 'choose';
  allocations?: AllocationValues;
  onOverpayment: 'credit' | 'refuse';
}

/**
 * Records money received. The idempotency key is made once per form: every retry of this form (a double
 * click, a timeout) sends the same key, so the server answers with the first receipt instead of a second.
 */
export function ReceiptFormModal({
  customerId,
  orderId,
  onClose,
  onSaved,
}: {
  customerId?: number;
  orderId?: number;
  onClose: () => void;
  onSaved: (r: Receipt) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const chosenCustomer = Form.useWatch('customerId', form);
  const mode = Form.useWatch('mode', form);
  const amountFen = Form.useWatch('amountFen', form) ?? 0;
  const allocationValues = Form.useWatch('allocations', form);
  const openOrders = useApi(chosenCustomer ? `receipt-open:${chosenCustomer}` : null, async (signal) =>
    (
      await api.orders.list(
        { customerId: chosenCustomer, pageSize: 100, sort: 'dueOn', order: 'asc' },
        signal,
      )
    ).items.filter((o) => o.openFen > 0 && o.status !== 'cancelled' && o.status !== 'draft'),
  );
  const credit = useApi(chosenCustomer ? `receipt-credit:${chosenCustomer}` : null, (signal) =>
    api.customers.credit(chosenCustomer!, signal),
  );
  const orders = openOrders.data ?? [];
  const allocated = allocationsOf(allocationValues).reduce((s, a) => s + a.amountFen, 0);
  const openTotal = orders.reduce((s, o) => s + o.openFen, 0);
  const extra = mode === 'choose' ? amountFen - allocated : Math.max(0, amountFen - openTotal);

  // Opened for a customer (from the customer or order page): the payer is usually the customer itself.
  useEffect(() => {
    if (!customerId) return;
    const ctrl = new AbortController();
    api.customers.get(customerId, ctrl.signal).then(
      (c) => {
        if (!form.getFieldValue('payer')) form.setFieldValue('payer', c.name);
      },
      () => undefined, // the form still works; the user types the payer
    );
    return () => ctrl.abort();
  }, [customerId, form]);

  // Coming from an order: pay that order first.
  useEffect(() => {
    if (!orderId || !openOrders.data) return;
    if (openOrders.data.some((o) => o.id === orderId)) form.setFieldValue('mode', 'choose');
  }, [orderId, openOrders.data, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const allocations = v.mode === 'choose' ? allocationsOf(v.allocations) : undefined;
      onSaved(
        await api.receipts.create({
          customerId: v.customerId!,
          receivedOn: v.receivedOn,
          amountFen: v.amountFen!,
          method: v.method,
          payer: (v.payer ?? '').trim(),
          reference: (v.reference ?? '').trim(),
          idempotencyKey,
          ...(allocations ? { allocations } : {}),
          onOverpayment: v.onOverpayment,
        }),
      );
    } catch (err) {
      handleError(form, err, undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('receipts.recordTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('receipts.record')}
      okButtonProps={{ 'data-testid': 'receipt-submit' }}
      confirmLoading={saving}
      destroyOnHidden
      width={680}
      maskClosable={false}
    >
      <div data-testid="receipt-form">
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            customerId,
            receivedOn: todayString(),
            method: 'bank',
            mode: 'auto',
            onOverpayment: 'credit',
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if ('customerId' in changed) form.setFieldValue('allocations', {});
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
                <CustomerSelect
                  allowClear={false}
                  data-testid="receipt-customer"
                  onChange={(_id, c) => {
                    if (c && !form.getFieldValue('payer')) form.setFieldValue('payer', c.name);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name="receivedOn"
                label={t('receipts.receivedOn')}
                rules={[{ required: true }]}
                {...dateProps}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  inputReadOnly
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name="amountFen"
                label={t('ledger.amount')}
                rules={[
                  { required: true, message: t('receipts.amountRequired') },
                  { type: 'number', min: 1, message: t('receipts.amountRequired') },
                ]}
              >
                <YuanInput data-testid="receipt-amount" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="method" label={t('receipts.method')} rules={[{ required: true }]}>
                <Select
                  options={RECEIPT_METHODS.map((m) => ({ value: m, label: t(`receiptMethod.${m}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                name="payer"
                label={t('receipts.payer')}
                rules={[{ required: true, whitespace: true }, { max: 100 }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="reference" label={t('receipts.reference')} rules={[{ max: 100 }]}>
                <Input maxLength={100} placeholder={t('receipts.referenceHint')} />
              </Form.Item>
            </Col>
          </Row>
          {chosenCustomer && (
            <>
              {credit.data && credit.data.creditFen > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('receipts.existingCredit', { credit: fen(credit.data.creditFen) })}
                />
              )}
              <Form.Item name="mode" label={t('receipts.allocation')}>
                <Radio.Group
                  options={[
                    { value: 'auto', label: t('receipts.allocateAuto') },
                    { value: 'choose', label: t('receipts.allocateChoose') },
                  ]}
                  onChange={(e) => {
                    if (e.target.value === 'choose')
                      form.setFieldValue(
                        'allocations',
                        orderId && orders.some((o) => o.id === orderId)
                          ? suggestAllocations(
                              [
                                ...orders.filter((o) => o.id === orderId),
                                ...orders.filter((o) => o.id !== orderId),
                              ],
                              amountFen,
                            )
                          : suggestAllocations(orders, amountFen),
                      );
                  }}
                />
              </Form.Item>
              {mode === 'choose' ? (
                <AllocationFields name="allocations" orders={orders} loading={openOrders.loading} />
              ) : (
                <Typography.Paragraph type="secondary">
                  {t('receipts.autoHint', { open: fen(openTotal), count: orders.length })}
                </Typography.Paragraph>
              )}
              {amountFen > 0 && extra !== 0 && (
                <Alert
                  type={extra < 0 ? 'error' : 'warning'}
                  showIcon
                  style={{ marginTop: 12 }}
                  title={
                    extra < 0
                      ? t('receipts.overAllocated', { amount: fen(-extra) })
                      : t('receipts.extraToCredit', { amount: fen(extra) })
                  }
                />
              )}
              <Form.Item name="onOverpayment" label={t('receipts.overpayment')} style={{ marginTop: 12 }}>
                <Radio.Group
                  options={[
                    { value: 'credit', label: t('receipts.overpaymentCredit') },
                    { value: 'refuse', label: t('receipts.overpaymentRefuse') },
                  ]}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </div>
    </Modal>
  );
}
