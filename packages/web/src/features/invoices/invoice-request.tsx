import {
  Alert,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Modal,
  Row,
  Select,
  Spin,
  Typography,
} from 'antd';
import type { Invoice, InvoiceType } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { useApi } from '../../app/use-api.ts';
import { INVOICE_TYPES } from '../sales-common/enums.ts';
import { dateProps } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen, formatRate } from '../sales-common/money.ts';
import { CustomerSelect, OrderSelect } from '../sales-common/pickers.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { uninvoicedByLine } from './uninvoiced.ts';

interface LineValue {
  selected?: boolean;
  amountFen?: number | null;
}

interface Values {
  customerId?: number;
  orderId?: number;
  type: InvoiceType;
  requestedOn: string;
  lines: Record<string, LineValue>;
}

/** An invoice request: the order lines an invoice covers and the amount on each (tax included). */
export function InvoiceRequestModal({
  customerId,
  orderId,
  onClose,
  onSaved,
}: {
  customerId?: number;
  orderId?: number;
  onClose: () => void;
  onSaved: (i: Invoice) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const chosenCustomer = Form.useWatch('customerId', form);
  const chosenOrder = Form.useWatch('orderId', form);
  const lineValues = Form.useWatch('lines', form);
  const data = useApi(chosenOrder ? `invoice-order:${chosenOrder}` : null, async (signal) => {
    const [order, invoices] = await Promise.all([
      api.orders.get(chosenOrder!, signal),
      api.invoices.list({ orderId: chosenOrder, pageSize: 200 }, signal),
    ]);
    return { order, left: uninvoicedByLine(order, invoices.items) };
  });
  const order = data.data?.order;
  const rates = useMemo(() => [...new Set(order?.lines.map((l) => l.taxRateBp) ?? [])], [order]);

  // A new order: tick the lines with something left to invoice (of one tax rate) at what is left.
  useEffect(() => {
    if (!data.data) return;
    const { order: o, left } = data.data;
    const rate = o.lines.find((l) => (left.get(l.id) ?? 0) > 0)?.taxRateBp;
    form.setFieldValue(
      'lines',
      Object.fromEntries(
        o.lines.map((l) => {
          const amount = Math.max(0, left.get(l.id) ?? 0);
          return [String(l.id), { selected: amount > 0 && l.taxRateBp === rate, amountFen: amount || null }];
        }),
      ),
    );
  }, [data.data, form]);

  const selected = Object.entries(lineValues ?? {}).filter(([, v]) => v?.selected && v.amountFen);
  const total = selected.reduce((s, [, v]) => s + (v.amountFen ?? 0), 0);
  const selectedRates = new Set(
    selected
      .map(([id]) => order?.lines.find((l) => l.id === Number(id))?.taxRateBp)
      .filter((r) => r !== undefined),
  );

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const lines = Object.entries(v.lines ?? {})
      .filter(([, x]) => x?.selected && x.amountFen)
      .map(([id, x]) => ({ orderLineId: Number(id), amountFen: x.amountFen! }));
    if (lines.length === 0) {
      form.setFields([{ name: 'orderId', errors: [t('invoices.pickLines')] }]);
      return;
    }
    setSaving(true);
    try {
      onSaved(
        await api.invoices.request({
          customerId: v.customerId!,
          type: v.type,
          lines,
          requestedOn: v.requestedOn,
        }),
      );
    } catch (err) {
      // The server names lines by position in what was sent; the form keys them by order line id.
      handleError(form, err, undefined, (name) => {
        const n = name[0] === 'body' ? name.slice(1) : name;
        if (n[0] === 'lines' && typeof n[1] === 'number') {
          const id = lines[n[1]]?.orderLineId;
          return id ? ['lines', String(id), 'amountFen'] : ['orderId'];
        }
        if (n[0] === 'taxRateBp') return ['orderId'];
        return n[0] === 'params' || n[0] === 'query' ? null : n;
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('invoices.requestTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('invoices.request')}
      okButtonProps={{ 'data-testid': 'invoice-request-submit' }}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ customerId, orderId, type: 'e_normal', requestedOn: todayString(), lines: {} }}
        onValuesChange={(c: Partial<Values>) => {
          if ('customerId' in c) form.setFieldsValue({ orderId: undefined, lines: {} });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
              <CustomerSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orderId" label={t('writeOffs.order')} rules={[{ required: true }]}>
              <OrderSelect
                customerId={chosenCustomer}
                filter={(o) => o.status !== 'draft' && o.status !== 'cancelled'}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('invoices.type')} rules={[{ required: true }]}>
              <Select options={INVOICE_TYPES.map((x) => ({ value: x, label: t(`invoiceType.${x}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="requestedOn"
              label={t('invoices.requestedOn')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        {chosenOrder && !order && data.loading && <Spin />}
        {order && (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t('invoices.linesCovered')}</Typography.Text>
            {rates.length > 1 && <Alert type="info" showIcon title={t('invoices.oneRate')} />}
            {order.lines.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {order.lines.map((l) => {
              const left = Math.max(0, data.data?.left.get(l.id) ?? 0);
              return (
                <Row key={l.id} gutter={8} align="middle">
                  <Col xs={14} sm={16}>
                    <Form.Item
                      name={['lines', String(l.id), 'selected']}
                      valuePropName="checked"
                      style={{ marginBottom: 0 }}
                    >
                      <Checkbox disabled={left <= 0}>
                        <Flex vertical>
                          <span>{`${l.lineNo}. ${l.productName} \u00d7 ${l.quantity}`}</span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('invoices.lineLeft', {
                              amount: fen(l.amountFen),
                              left: fen(left),
                              rate: formatRate(l.taxRateBp),
                            })}
                          </Typography.Text>
                        </Flex>
                      </Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={10} sm={8}>
                    <Form.Item name={['lines', String(l.id), 'amountFen']} style={{ marginBottom: 0 }}>
                      <YuanInput disabled={left <= 0} aria-label={l.productName} />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
            {selectedRates.size > 1 && <Alert type="error" showIcon title={t('invoices.mixedRates')} />}
            <Typography.Text>{t('invoices.requestTotal', { amount: fen(total) })}</Typography.Text>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}
