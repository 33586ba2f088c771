import { Alert, DatePicker, Form, Modal, Radio, Typography } from 'antd';
import type { Receipt } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { useApi } from '../../app/use-api.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { fen } from '../sales-common/money.ts';
import { AllocationFields } from './allocation-fields.tsx';
import { allocationsOf, suggestAllocations, type AllocationValues } from './allocation.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  mode: 'auto' | 'choose';
  allocatedOn: string;
  allocations?: AllocationValues;
}

/** Applies a receipt's credit (money not yet on an order) to the customer's open orders. */
export function AllocateModal({
  receipt,
  onClose,
  onSaved,
}: {
  receipt: Receipt;
  onClose: () => void;
  onSaved: (r: Receipt) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const mode = Form.useWatch('mode', form);
  const values = Form.useWatch('allocations', form);
  const open = useApi(`allocate-open:${receipt.customerId}`, async (signal) =>
    (
      await api.orders.list(
        { customerId: receipt.customerId, pageSize: 100, sort: 'dueOn', order: 'asc' },
        signal,
      )
    ).items.filter((o) => o.openFen > 0 && o.status !== 'cancelled' && o.status !== 'draft'),
  );
  const orders = open.data ?? [];
  const chosen = allocationsOf(values).reduce((s, a) => s + a.amountFen, 0);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await api.receipts.allocate(receipt.id, {
          allocatedOn: v.allocatedOn,
          ...(v.mode === 'choose' ? { allocations: allocationsOf(v.allocations) } : {}),
          onOverpayment: 'credit',
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
      title={t('receipts.allocateTitle', { customer: receipt.customerName })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('receipts.allocate')}
      confirmLoading={saving}
      destroyOnHidden
      width={620}
    >
      <Typography.Paragraph>
        {t('receipts.creditOfReceipt', { date: receipt.receivedOn, credit: fen(receipt.unallocatedFen) })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'auto', allocatedOn: todayString() }}
      >
        <Form.Item
          name="allocatedOn"
          label={t('receipts.allocatedOn')}
          rules={[{ required: true }]}
          {...dateProps}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(receipt.receivedOn), 'day')}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('receipts.allocation')}>
          <Radio.Group
            options={[
              { value: 'auto', label: t('receipts.allocateAuto') },
              { value: 'choose', label: t('receipts.allocateChoose') },
            ]}
            onChange={(e) => {
              if (e.target.value === 'choose')
                form.setFieldValue('allocations', suggestAllocations(orders, receipt.unallocatedFen));
            }}
          />
        </Form.Item>
        {mode === 'choose' && <AllocationFields name="allocations" orders={orders} loading={open.loading} />}
      </Form>
      {mode === 'choose' && chosen > receipt.unallocatedFen && (
        <Alert
          type="error"
          showIcon
          title={t('receipts.overAllocated', { amount: fen(chosen - receipt.unallocatedFen) })}
        />
      )}
    </Modal>
  );
}
