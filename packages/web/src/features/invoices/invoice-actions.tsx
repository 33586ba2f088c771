import { Alert, Col, DatePicker, Form, Input, Modal, Row, Typography } from 'antd';
import type { Invoice } from '@zuzhang/api-schema';
import { isFullyDigital, validateInvoiceNumber } from '@zuzhang/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { dateProps } from '../sales-common/form-helpers.ts';
import { fen } from '../sales-common/money.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

export type InvoiceAction = 'issue' | 'mail' | 'reverse';

interface Values {
  invoiceNo?: string;
  invoiceCode?: string;
  date: string;
  courier?: string;
  trackingNo?: string;
}

const PROBLEM_KEYS = {
  digital_no: 'invoices.numberDigital',
  digital_has_code: 'invoices.codeDigital',
  paper_code: 'invoices.codePaper',
  paper_no: 'invoices.numberPaper',
} as const;

/**
 * Issue (record the number), mail (courier and tracking number) or reverse (the red-letter invoice's
 * own number). Numbers are checked by the domain's rule as the user types; the server checks again.
 */
export function InvoiceActionModal({
  invoice,
  action,
  onClose,
  onSaved,
  onConflict,
}: {
  invoice: Invoice;
  action: InvoiceAction;
  onClose: () => void;
  onSaved: (i: Invoice) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const digital = isFullyDigital(invoice.type);
  const notBefore =
    action === 'issue' ? invoice.requestedOn : action === 'mail' ? invoice.issuedOn : invoice.issuedOn;

  const numberRule = (field: 'invoiceNo' | 'invoiceCode') => ({
    validator: () => {
      const v = form.getFieldsValue();
      const check = validateInvoiceNumber({
        type: invoice.type,
        invoiceNo: (v.invoiceNo ?? '').trim(),
        invoiceCode: digital ? null : (v.invoiceCode ?? '').trim(),
      });
      return !check.ok && check.field === field
        ? Promise.reject(new Error(t(PROBLEM_KEYS[check.reason])))
        : Promise.resolve();
    },
  });

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const numbers = {
      invoiceNo: (v.invoiceNo ?? '').trim(),
      invoiceCode: digital ? null : (v.invoiceCode ?? '').trim(),
    };
    try {
      const saved =
        action === 'issue'
          ? await api.invoices.issue(invoice.id, { ...numbers, issuedOn: v.date, version: invoice.version })
          : action === 'reverse'
            ? await api.invoices.reverse(invoice.id, {
                ...numbers,
                issuedOn: v.date,
                version: invoice.version,
              })
            : await api.invoices.mail(invoice.id, {
                courier: (v.courier ?? '').trim(),
                trackingNo: (v.trackingNo ?? '').trim(),
                mailedOn: v.date,
                version: invoice.version,
              });
      onSaved(saved);
    } catch (err) {
      handleError(form, err, onConflict, (name) => {
        const n = name[0] === 'body' ? name.slice(1) : name;
        if (n[0] === 'issuedOn' || n[0] === 'mailedOn') return ['date'];
        return n[0] === 'params' || n[0] === 'query' ? null : n;
      });
    } finally {
      setSaving(false);
    }
  };

  const title =
    action === 'issue'
      ? t('invoices.issueTitle')
      : action === 'mail'
        ? t('invoices.mailTitle')
        : t('invoices.reverseTitle', { no: invoice.invoiceNo ?? '' });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={
        action === 'issue'
          ? t('invoices.issue')
          : action === 'mail'
            ? t('invoices.mail')
            : t('invoices.reverse')
      }
      okButtonProps={{ danger: action === 'reverse', 'data-testid': `invoice-${action}-submit` }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('invoices.actionFor', {
          customer: invoice.customerName,
          type: t(`invoiceType.${invoice.type}`),
          amount: fen(invoice.amountFen),
        })}
      </Typography.Paragraph>
      {action === 'reverse' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('invoices.reverseHint')} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={{ date: todayString() }}>
        {action !== 'mail' && (
          <Row gutter={12}>
            {!digital && (
              <Col xs={24} sm={12}>
                <Form.Item
                  name="invoiceCode"
                  label={t('invoices.code')}
                  extra={t('invoices.codeHint')}
                  dependencies={['invoiceNo']}
                  rules={[numberRule('invoiceCode')]}
                >
                  <Input inputMode="numeric" maxLength={12} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} sm={digital ? 24 : 12}>
              <Form.Item
                name="invoiceNo"
                label={action === 'reverse' ? t('invoices.redNo') : t('invoices.no')}
                extra={digital ? t('invoices.numberDigitalHint') : t('invoices.numberPaperHint')}
                rules={[
                  { required: true, whitespace: true, message: t('invoices.noRequired') },
                  numberRule('invoiceNo'),
                ]}
              >
                <Input
                  inputMode="numeric"
                  maxLength={20}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="invoice-number"
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        {action === 'mail' && (
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item
                name="courier"
                label={t('orders.courier')}
                rules={[{ required: true, whitespace: true }, { max: 50 }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item
                name="trackingNo"
                label={t('orders.trackingNo')}
                rules={[{ required: true, whitespace: true }, { max: 50 }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="date"
          label={
            action === 'mail'
              ? t('invoices.mailedOn')
              : action === 'reverse'
                ? t('invoices.redIssuedOn')
                : t('invoices.issuedOn')
          }
          rules={[{ required: true }]}
          {...dateProps}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              d.isAfter(dayjs(), 'day') || (!!notBefore && d.isBefore(dayjs(notBefore), 'day'))
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
