import { Alert, DatePicker, Flex, Form, List, Modal, Typography } from 'antd';
import type { GenerateStatementsResult } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { monthProps, previousMonthOf, thisMonth } from '../sales-common/form-helpers.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  period: string;
  customerId?: number | null;
}

/** Generating statements: one month, every customer in scope with activity or a balance (or one customer). */
export function GenerateModal({
  period,
  customerId,
  onClose,
  onDone,
}: {
  period?: string;
  customerId?: number;
  onClose: () => void;
  onDone: (period: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<GenerateStatementsResult | null>(null);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    if (result) {
      onDone(form.getFieldValue('period') as string);
      return;
    }
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      setResult(
        await api.statements.generate({
          period: v.period,
          ...(v.customerId ? { customerId: v.customerId } : {}),
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
      title={t('statements.generateTitle')}
      onCancel={result ? () => onDone(form.getFieldValue('period') as string) : onClose}
      onOk={() => void submit()}
      okText={result ? t('ledger.confirm') : t('statements.generate')}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ period: period ?? previousMonthOf(thisMonth()), customerId: customerId ?? null }}
      >
        <Form.Item name="period" label={t('statements.period')} rules={[{ required: true }]} {...monthProps}>
          <DatePicker
            picker="month"
            style={{ width: '100%' }}
            disabled={!!result}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
        </Form.Item>
        <Form.Item name="customerId" label={t('ledger.customer')} extra={t('statements.allCustomersHint')}>
          <CustomerSelect disabled={!!result} placeholder={t('statements.allCustomers')} />
        </Form.Item>
      </Form>
      {result && (
        <Flex vertical gap={8}>
          <Alert
            type="success"
            showIcon
            title={t('statements.generated', { count: result.generated.length })}
          />
          {result.skipped.length > 0 && (
            <>
              <Typography.Text type="secondary">
                {t('statements.skipped', { count: result.skipped.length })}
              </Typography.Text>
              <List
                size="small"
                bordered
                dataSource={result.skipped}
                style={{ maxHeight: 240, overflow: 'auto' }}
                renderItem={(s) => (
                  <List.Item>
                    {s.customerName}
                    {t('common.colon')}
                    {t(`statements.skip.${s.reason}`)}
                  </List.Item>
                )}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
