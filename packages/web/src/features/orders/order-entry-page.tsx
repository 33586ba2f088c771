import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Tag,
  Typography,
} from 'antd';
import type { Customer, Order } from '@zuzhang/api-schema';
import { computeOrderTotals } from '@zuzhang/domain';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { todayString } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { PercentInput, YuanInput } from '../sales-common/money-input.tsx';
import { fen, formatRate } from '../sales-common/money.ts';
import { ContractSelect, CustomerSelect, ProductSelect } from '../sales-common/pickers.tsx';
import { estimateLine, type QuoteState } from './order-estimate.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface LineValues {
  productId?: number;
  /** The product as shown before the picker has searched (editing an order). */
  productLabel?: string;
  quantity?: number | null;
  unitPriceFen?: number | null;
  discountBp?: number | null;
  promisedOn?: string | null;
  /** The rep typed the price: a new quote does not overwrite it. */
  priceEdited?: boolean;
}

interface Values {
  customerId?: number;
  contractId?: number | null;
  orderDate: string;
  note?: string;
  lines: LineValues[];
}

const quoteKey = (customerId: number, date: string, productId: number) =>
  `${customerId}|${date}|${productId}`;

const SOURCE_KEY = {
  customer: 'orders.quoteCustomer',
  category: 'orders.quoteCategory',
} as const;

function QuoteHint({ quote, t }: { quote: QuoteState | undefined; t: Translate }) {
  if (!quote) return null;
  if (quote === 'loading')
    return <Typography.Text type="secondary">{t('orders.quoteLoading')}</Typography.Text>;
  if (quote === 'error') return <Typography.Text type="danger">{t('orders.quoteFailed')}</Typography.Text>;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {[
        quote.source === 'list'
          ? null
          : t(SOURCE_KEY[quote.source as 'customer' | 'category'], { name: quote.priceListName ?? '' }),
        `${t('orders.listPriceShort')} ${fen(quote.listPriceFen)}`,
        `${t('orders.floorShort')} ${fen(quote.floorPriceFen)}`,
        `${t('products.taxRate')} ${formatRate(quote.taxRateBp)}`,
      ]
        .filter(Boolean)
        .join(' \u00b7 ')}
    </Typography.Text>
  );
}

function OrderForm({ order }: { order?: Order }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const handleError = useSaveErrorHandler();
  const [saving, setSaving] = useState(false);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [quotes, setQuotes] = useState<Record<string, QuoteState>>({});
  const requested = useRef(new Set<string>());
  const customerId = Form.useWatch('customerId', form);
  const orderDate = Form.useWatch('orderDate', form) ?? todayString();
  const lines = Form.useWatch('lines', form);
  const defaultPromise = dayjs().add(7, 'day').format('YYYY-MM-DD');

  const initial: Values = order
    ? {
        customerId: order.customerId,
        contractId: order.contractId,
        orderDate: order.orderDate,
        note: order.note,
        lines: order.lines.map((l) => ({
          productId: l.productId,
          productLabel: `${l.productCode} ${l.productName}`,
          quantity: l.quantity,
          unitPriceFen: l.unitPriceFen,
          discountBp: l.discountBp,
          promisedOn: l.promisedOn,
          priceEdited: true,
        })),
      }
    : {
        customerId: Number(params.get('customerId')) || undefined,
        contractId: Number(params.get('contractId')) || null,
        orderDate: todayString(),
        note: '',
        lines: [{ quantity: 1, discountBp: 0, promisedOn: defaultPromise, priceEdited: false }],
      };

  // Ask for the customer's price of every product on the order date (their list, their category's, or list).
  useEffect(() => {
    if (!customerId || !orderDate) return;
    const ids = [...new Set((lines ?? []).map((l) => l?.productId).filter((x): x is number => !!x))];
    for (const productId of ids) {
      const key = quoteKey(customerId, orderDate, productId);
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      setQuotes((q) => ({ ...q, [key]: 'loading' }));
      api.priceLists.quote({ customerId, productId, date: orderDate }).then(
        (quote) => setQuotes((q) => ({ ...q, [key]: quote })),
        () => {
          requested.current.delete(key);
          setQuotes((q) => ({ ...q, [key]: 'error' }));
        },
      );
    }
  }, [customerId, orderDate, lines]);

  // Prefill the unit price from the quote, unless the rep typed one.
  useEffect(() => {
    if (!customerId) return;
    (form.getFieldValue('lines') as LineValues[] | undefined)?.forEach((l, i) => {
      if (!l?.productId || l.priceEdited) return;
      const q = quotes[quoteKey(customerId, orderDate, l.productId)];
      if (q && q !== 'loading' && q !== 'error' && l.unitPriceFen !== q.priceFen)
        form.setFieldValue(['lines', i, 'unitPriceFen'], q.priceFen);
    });
  }, [quotes, customerId, orderDate, lines, form]);

  const quoteFor = (l: LineValues | undefined): QuoteState | undefined =>
    customerId && l?.productId ? quotes[quoteKey(customerId, orderDate, l.productId)] : undefined;
  const estimates = (lines ?? []).map((l) => estimateLine(l, quoteFor(l)));
  const complete = estimates.length > 0 && estimates.every((e) => e !== null);
  const totals = useMemo(
    () => computeOrderTotals(estimates.filter((e): e is NonNullable<typeof e> => e !== null)),
    [estimates],
  );
  const belowFloorCount = estimates.filter((e) => e?.belowFloor).length;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const bodyLines = v.lines.map((l) => ({
      productId: l.productId!,
      quantity: l.quantity!,
      ...(l.unitPriceFen !== null && l.unitPriceFen !== undefined ? { unitPriceFen: l.unitPriceFen } : {}),
      discountBp: l.discountBp ?? 0,
      promisedOn: l.promisedOn!,
    }));
    try {
      const saved = order
        ? await api.orders.update(order.id, {
            orderDate: v.orderDate,
            contractId: v.contractId ?? null,
            note: (v.note ?? '').trim(),
            lines: bodyLines,
            version: order.version,
          })
        : await api.orders.create({
            customerId: v.customerId!,
            contractId: v.contractId ?? null,
            orderDate: v.orderDate,
            note: (v.note ?? '').trim(),
            lines: bodyLines,
          });
      if (saved.status === 'awaiting_approval')
        void message.warning(t('orders.savedNeedsApproval', { no: saved.no }));
      else void message.success(t('orders.saved', { no: saved.no }));
      navigate(`/orders/${saved.id}`, { replace: true });
    } catch (err) {
      handleError(form, err, order ? () => navigate(0) : undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="order-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          // A price typed by the rep is kept when quotes change; a new product takes its quote again.
          changed.lines?.forEach((l, i) => {
            if (!l) return;
            if ('unitPriceFen' in l) form.setFieldValue(['lines', i, 'priceEdited'], true);
            if ('productId' in l) {
              form.setFieldValue(['lines', i, 'priceEdited'], false);
              form.setFieldValue(['lines', i, 'unitPriceFen'], null);
            }
          });
          if ('customerId' in changed) form.setFieldValue('contractId', null);
        }}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerId"
                label={t('ledger.customer')}
                rules={[{ required: true, message: t('orders.customerRequired') }]}
                extra={
                  customer && customer.ownerEmployeeId === null ? (
                    <Typography.Text type="warning">{t('orders.customerInPool')}</Typography.Text>
                  ) : customer ? (
                    `${t(`customerCategory.${customer.category}`)} \u00b7 ${customer.ownerName ?? ''}`
                  ) : undefined
                }
              >
                <CustomerSelect
                  disabled={!!order}
                  allowClear={false}
                  initialLabel={order?.customerName}
                  onChange={(_id, c) => setCustomer(c ?? null)}
                  data-testid="order-customer"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="orderDate"
                label={t('orders.orderDate')}
                rules={[{ required: true }]}
                {...dateProps}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  inputReadOnly
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="contractId" label={t('orders.contract')}>
                <ContractSelect customerId={customerId} initialLabel={order?.contractNo} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Form.List
          name="lines"
          rules={[
            {
              validator: (_, v: LineValues[] | undefined) =>
                v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('orders.linesRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map((f, i) => {
                const line = lines?.[i];
                const quote = quoteFor(line);
                const est = estimates[i];
                const q = quote && quote !== 'loading' && quote !== 'error' ? quote : null;
                return (
                  <Card
                    key={f.key}
                    size="small"
                    data-testid="order-line"
                    title={
                      <Flex gap={8} align="center" wrap>
                        <span>{t('orders.lineN', { n: i + 1 })}</span>
                        {est?.belowFloor && (
                          <Tag
                            color="orange"
                            style={{ marginInlineEnd: 0 }}
                            data-testid="order-line-below-floor"
                          >
                            {t('orders.needsApproval')}
                          </Tag>
                        )}
                      </Flex>
                    }
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                        disabled={fields.length === 1}
                        onClick={() => remove(f.name)}
                      />
                    }
                  >
                    <Form.Item name={[f.name, 'priceEdited']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'productLabel']} hidden>
                      <Input />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item
                          name={[f.name, 'productId']}
                          label={t('orders.product')}
                          rules={[{ required: true, message: t('orders.productRequired') }]}
                          extra={quote ? <QuoteHint quote={quote} t={t} /> : undefined}
                        >
                          <ProductSelect initialLabel={line?.productLabel} data-testid="order-line-product" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[f.name, 'quantity']}
                          label={t('ledger.quantity')}
                          rules={[{ required: true, message: t('orders.quantityRequired') }]}
                        >
                          <InputNumber<number>
                            min={1}
                            max={1_000_000}
                            precision={0}
                            inputMode="numeric"
                            style={{ width: '100%' }}
                            data-testid="order-line-quantity"
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item
                          name={[f.name, 'unitPriceFen']}
                          label={
                            <Flex gap={4} align="center">
                              {t('orders.unitPrice')}
                              {line?.priceEdited && q && line.unitPriceFen !== q.priceFen && (
                                <Button
                                  type="link"
                                  size="small"
                                  icon={<UndoOutlined />}
                                  style={{ padding: 0, height: 'auto' }}
                                  onClick={() => {
                                    form.setFieldValue(['lines', i, 'unitPriceFen'], q.priceFen);
                                    form.setFieldValue(['lines', i, 'priceEdited'], false);
                                  }}
                                >
                                  {t('orders.useQuote')}
                                </Button>
                              )}
                            </Flex>
                          }
                        >
                          <YuanInput data-testid="order-line-price" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[f.name, 'discountBp']} label={t('orders.discount')}>
                          <PercentInput />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={10}>
                        <Form.Item
                          name={[f.name, 'promisedOn']}
                          label={t('orders.promisedOn')}
                          rules={[
                            { required: true, message: t('orders.promisedRequired') },
                            {
                              validator: (_, v: string | null) =>
                                v && orderDate && v < orderDate
                                  ? Promise.reject(new Error(t('orders.promisedBeforeOrder')))
                                  : Promise.resolve(),
                            },
                          ]}
                          {...dateProps}
                        >
                          <DatePicker style={{ width: '100%' }} inputReadOnly />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={14}>
                        <Flex
                          justify="flex-end"
                          align="center"
                          style={{ height: '100%', minHeight: 32 }}
                          gap={8}
                          wrap
                        >
                          {est ? (
                            <>
                              <Typography.Text type="secondary">{t('orders.lineEstimate')}</Typography.Text>
                              <Typography.Text strong>{fen(est.amountFen)}</Typography.Text>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {t('orders.taxIncluded', { tax: fen(est.taxFen) })}
                              </Typography.Text>
                            </>
                          ) : null}
                        </Flex>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => {
                  const last = (form.getFieldValue('lines') as LineValues[] | undefined)?.at(-1);
                  add({
                    quantity: 1,
                    discountBp: 0,
                    promisedOn: last?.promisedOn ?? defaultPromise,
                    priceEdited: false,
                  });
                }}
                disabled={fields.length >= 200}
                data-testid="order-add-line"
              >
                {t('orders.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>

        <Card size="small" style={{ marginTop: 12 }}>
          <Form.Item name="note" label={t('ledger.note')} rules={[{ max: 1000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Card>
      </Form>

      {/* Kept in view while scrolling on a phone: the estimate and the submit button. */}
      <div className="zz-sticky-actions" style={{ marginTop: 12 }}>
        {belowFloorCount > 0 && (
          <Alert
            type="warning"
            showIcon
            banner
            style={{ marginBottom: 8 }}
            title={t('orders.belowFloorWarning', { count: belowFloorCount })}
          />
        )}
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {complete ? t('orders.estimateTotal') : t('orders.estimateIncomplete')}
            </Typography.Text>
            <Typography.Text strong style={{ fontSize: 18, lineHeight: 1.3 }} data-testid="order-estimate">
              {fen(totals.totalFen)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('orders.taxIncluded', { tax: fen(totals.taxFen) })}
            </Typography.Text>
          </Flex>
          <Flex gap={8} style={{ flex: 'none' }}>
            <Button onClick={() => navigate(order ? `/orders/${order.id}` : '/orders')}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="order-submit">
              {order ? t('common.save') : t('orders.submit')}
            </Button>
          </Flex>
        </Flex>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('orders.estimateHint')}
      </Typography.Paragraph>
    </div>
  );
}

/** Order intake: a new order at /orders/new, or changing one (nothing shipped yet) at /orders/:id/edit. */
export default function OrderEntryPage() {
  const t = useT();
  const { id } = useParams();
  const editing = id !== undefined;
  const orderId = Number(id);
  const valid = !editing || (Number.isInteger(orderId) && orderId > 0);
  const order = useApi(editing && valid ? `order:${orderId}` : null, (signal) =>
    api.orders.get(orderId, signal),
  );
  if (!valid) return <NotFound />;
  if (editing) {
    if (order.error && !order.data) return <ErrorState error={order.error} onRetry={order.reload} />;
    if (!order.data) return <PageLoading />;
  }
  const o = order.data;
  const blocked =
    o &&
    (o.lines.some((l) => l.shippedQuantity > 0) ||
      !['draft', 'awaiting_approval', 'confirmed'].includes(o.status));
  return (
    <>
      <PageHeader
        backTo={o ? `/orders/${o.id}` : '/orders'}
        title={o ? t('orders.editTitle', { no: o.no }) : t('orders.createTitle')}
      />
      {blocked ? (
        <Empty description={t('orders.notEditable')} />
      ) : (
        <OrderForm key={o ? `${o.id}:${o.version}` : 'new'} order={o} />
      )}
    </>
  );
}
