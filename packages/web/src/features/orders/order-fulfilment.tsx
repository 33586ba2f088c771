import { CheckOutlined, CloseOutlined, SwapOutlined } from '@ant-design/icons';
import {
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
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Order, OrderLine, Proof, SalesReturn, Shipment } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { FileLink, FileUploadButton } from '../sales-common/files.tsx';
import { bodyField, bodyFieldAs, dateProps } from '../sales-common/form-helpers.ts';
import { fen } from '../sales-common/money.ts';
import { DecisionTag } from '../sales-common/tags.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
const SHIPPABLE = ['confirmed', 'partially_shipped'];

interface QtyValues {
  date: string;
  courier?: string;
  trackingNo?: string;
  reason?: string;
  /** Quantities by order line id. */
  qty: Record<string, number | null>;
}

/** Ships or returns part of an order: one quantity per line, up to what is left. */
function QuantitiesModal({
  order,
  mode,
  onClose,
  onSaved,
}: {
  order: Order;
  mode: 'ship' | 'return';
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<QtyValues>();
  const { modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const left = (l: OrderLine) =>
    mode === 'ship' ? l.quantity - l.shippedQuantity : l.shippedQuantity - l.returnedQuantity;
  const lines = order.lines.filter((l) => left(l) > 0);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const chosen = lines
      .map((l) => ({ orderLineId: l.id, quantity: v.qty[String(l.id)] ?? 0 }))
      .filter((x) => x.quantity > 0);
    if (chosen.length === 0) {
      modal.warning({ title: t('orders.nothingChosen') });
      return;
    }
    setSaving(true);
    try {
      if (mode === 'ship')
        await api.orders.ship(order.id, {
          shippedOn: v.date,
          courier: (v.courier ?? '').trim(),
          trackingNo: (v.trackingNo ?? '').trim(),
          lines: chosen,
        });
      else
        await api.orders.addReturn(order.id, {
          returnDate: v.date,
          reason: (v.reason ?? '').trim(),
          lines: chosen,
        });
      onSaved();
    } catch (err) {
      // The server names `lines.N`; the form keys quantities by line id.
      handleError(
        form,
        err,
        undefined,
        mode === 'ship'
          ? bodyFieldAs({ shippedOn: 'date' })
          : (n) => {
              const name = bodyField(n);
              return name && name[0] === 'returnDate' ? ['date'] : name;
            },
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={
        mode === 'ship' ? t('orders.shipTitle', { no: order.no }) : t('orders.returnTitle', { no: order.no })
      }
      onCancel={onClose}
      onOk={() => void submit()}
      okText={mode === 'ship' ? t('orders.ship') : t('orders.createReturn')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<QtyValues>
        form={form}
        layout="vertical"
        initialValues={{
          date: todayString(),
          qty: Object.fromEntries(lines.map((l) => [String(l.id), mode === 'ship' ? left(l) : null])),
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="date"
              label={mode === 'ship' ? t('orders.shippedOn') : t('orders.returnDate')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          {mode === 'ship' ? (
            <>
              <Col xs={12} sm={8}>
                <Form.Item name="courier" label={t('orders.courier')} rules={[{ max: 60 }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="trackingNo" label={t('orders.trackingNo')} rules={[{ max: 60 }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col xs={24} sm={16}>
              <Form.Item
                name="reason"
                label={t('orders.returnReason')}
                rules={[{ required: true, whitespace: true }, { max: 500 }]}
              >
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {lines.length === 0 ? (
          empty(mode === 'ship' ? t('orders.nothingToShip') : t('orders.nothingToReturn'))
        ) : (
          <Flex vertical gap={8}>
            {lines.map((l) => (
              <Row key={l.id} gutter={8} align="middle">
                <Col xs={14} sm={16}>
                  <Typography.Text>{`${l.lineNo}. ${l.productName}`}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {mode === 'ship'
                        ? t('orders.leftToShip', { n: left(l), unit: l.unit })
                        : t('orders.leftToReturn', { n: left(l), unit: l.unit })}
                    </Typography.Text>
                  </div>
                </Col>
                <Col xs={10} sm={8}>
                  <Form.Item name={['qty', String(l.id)]} style={{ marginBottom: 0 }}>
                    <InputNumber<number>
                      min={0}
                      max={left(l)}
                      precision={0}
                      inputMode="numeric"
                      style={{ width: '100%' }}
                      aria-label={t('ledger.quantity')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
          </Flex>
        )}
      </Form>
    </Modal>
  );
}

export function ShipmentsCard({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const lineNo = new Map(order.lines.map((l) => [l.id, l]));
  const mayShip =
    can('order.manage') &&
    SHIPPABLE.includes(order.status) &&
    order.lines.some((l) => l.shippedQuantity < l.quantity);
  return (
    <Card
      size="small"
      title={t('orders.shipments')}
      extra={
        mayShip && (
          <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="order-ship">
            {t('orders.addShipment')}
          </Button>
        )
      }
    >
      <Table<Shipment>
        size="small"
        rowKey="id"
        dataSource={order.shipments}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty(t('orders.noShipments')) }}
        columns={[
          { key: 'on', title: t('orders.shippedOn'), render: (_, s) => formatDate(s.shippedOn) },
          { key: 'courier', title: t('orders.courier'), render: (_, s) => s.courier || '\u2014' },
          { key: 'tracking', title: t('orders.trackingNo'), render: (_, s) => s.trackingNo || '\u2014' },
          {
            key: 'lines',
            title: t('orders.lines'),
            render: (_, s) =>
              s.lines.map((x) => {
                const l = lineNo.get(x.orderLineId);
                return (
                  <div
                    key={x.orderLineId}
                  >{`${l?.lineNo ?? ''}. ${l?.productName ?? ''} \u00d7 ${x.quantity}`}</div>
                );
              }),
          },
        ]}
      />
      {open && (
        <QuantitiesModal
          order={order}
          mode="ship"
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void message.success(t('orders.shipped'));
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

export function ReturnsCard({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const mayReturn = can('order.manage') && order.lines.some((l) => l.shippedQuantity > l.returnedQuantity);
  const lineOf = new Map(order.lines.map((l) => [l.id, l]));
  return (
    <Card
      size="small"
      title={t('orders.returns')}
      extra={
        mayReturn && (
          <Button size="small" onClick={() => setOpen(true)}>
            {t('orders.createReturn')}
          </Button>
        )
      }
    >
      <Table<SalesReturn>
        size="small"
        rowKey="id"
        dataSource={order.returns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty(t('orders.noReturns')) }}
        columns={[
          { key: 'no', title: t('orders.returnNo'), dataIndex: 'no' },
          { key: 'date', title: t('orders.returnDate'), render: (_, r) => formatDate(r.returnDate) },
          { key: 'reason', title: t('orders.returnReason'), dataIndex: 'reason' },
          {
            key: 'lines',
            title: t('orders.lines'),
            render: (_, r) =>
              r.lines.map((x) => (
                <div
                  key={x.orderLineId}
                >{`${lineOf.get(x.orderLineId)?.productName ?? ''} \u00d7 ${x.quantity}`}</div>
              )),
          },
          {
            key: 'amount',
            title: t('ledger.amount'),
            align: 'right',
            render: (_, r) => `-${fen(r.amountFen)}`,
          },
        ]}
      />
      {open && (
        <QuantitiesModal
          order={order}
          mode="return"
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void message.success(t('orders.returned'));
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

interface DecideValues {
  decidedOn: string;
  note?: string;
}

function DecideProofModal({
  proof,
  decision,
  onClose,
  onSaved,
  onConflict,
}: {
  proof: Proof;
  decision: 'approved' | 'rejected';
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DecideValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.orders.decideProof(proof.id, {
        decision,
        decidedOn: v.decidedOn,
        note: (v.note ?? '').trim(),
        version: proof.version,
      });
      onSaved();
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={decision === 'approved' ? t('orders.proofApproveTitle') : t('orders.proofRejectTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={decision === 'approved' ? t('orders.proofApprove') : t('orders.proofReject')}
      okButtonProps={{ danger: decision === 'rejected' }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orders.proofDecideHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decidedOn: todayString() }}>
        <Form.Item
          name="decidedOn"
          label={t('orders.proofDecidedOn')}
          rules={[{ required: true }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('ledger.note')}
          rules={[
            { required: decision === 'rejected', whitespace: true, message: t('ledger.noteRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Proofs (colour and print): artwork the customer approves before production; shipping waits for it. */
export function ProofsCard({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const [kind, setKind] = useState<'colour' | 'print'>('colour');
  const [deciding, setDeciding] = useState<{ proof: Proof; decision: 'approved' | 'rejected' } | null>(null);
  const canManage = can('order.manage');
  const open = !['completed', 'cancelled'].includes(order.status);
  return (
    <Card
      size="small"
      title={t('orders.proofs')}
      extra={
        canManage &&
        open && (
          <Flex gap={6} wrap>
            <Select<'colour' | 'print'>
              size="small"
              value={kind}
              onChange={setKind}
              options={[
                { value: 'colour', label: t('orders.proofKind.colour') },
                { value: 'print', label: t('orders.proofKind.print') },
              ]}
              style={{ width: 110 }}
            />
            <FileUploadButton
              label={t('orders.addProof')}
              onUploaded={(f) =>
                void api.orders
                  .addProof(order.id, { kind, fileId: f.id, note: '' })
                  .then(() => {
                    void message.success(t('orders.proofAdded'));
                    onChanged();
                  })
                  .catch((err: unknown) => notice(err))
              }
            />
          </Flex>
        )
      }
    >
      <Table<Proof>
        size="small"
        rowKey="id"
        dataSource={order.proofs}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty(t('orders.noProofs')) }}
        columns={[
          {
            key: 'kind',
            title: t('orders.proofKindLabel'),
            render: (_, p) => t(`orders.proofKind.${p.kind}`),
          },
          {
            key: 'file',
            title: t('orders.proofFile'),
            render: (_, p) => <FileLink file={{ id: p.fileId, name: p.fileName }} />,
          },
          {
            key: 'state',
            title: t('ledger.status'),
            render: (_, p) => (
              <Flex vertical>
                <DecisionTag status={p.state} />
                {p.decidedOn && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDate(p.decidedOn)}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: 'note',
            title: t('ledger.note'),
            render: (_, p) => <span className="zz-multiline">{p.note}</span>,
          },
          ...(canManage && open
            ? [
                {
                  key: 'act',
                  title: t('common.actions'),
                  render: (_: unknown, p: Proof) => (
                    <Flex gap={4} wrap>
                      {p.state === 'pending' && (
                        <>
                          <Button
                            size="small"
                            icon={<CheckOutlined />}
                            onClick={() => setDeciding({ proof: p, decision: 'approved' })}
                          >
                            {t('orders.proofApprove')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            icon={<CloseOutlined />}
                            onClick={() => setDeciding({ proof: p, decision: 'rejected' })}
                          >
                            {t('orders.proofReject')}
                          </Button>
                        </>
                      )}
                      {p.state === 'rejected' && (
                        <FileUploadButton
                          label={t('orders.proofRevise')}
                          onUploaded={(f) =>
                            void api.orders
                              .reviseProof(p.id, { fileId: f.id, note: '', version: p.version })
                              .then(() => {
                                void message.success(t('orders.proofRevised'));
                                onChanged();
                              })
                              .catch((err: unknown) => notice(err, onChanged))
                          }
                        />
                      )}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {order.proofs.some((p) => p.state !== 'approved') && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <SwapOutlined /> {t('orders.proofsBlockShipping')}
        </Typography.Text>
      )}
      {deciding && (
        <DecideProofModal
          proof={deciding.proof}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onSaved={() => {
            setDeciding(null);
            void message.success(t('common.saved'));
            onChanged();
          }}
          onConflict={() => {
            setDeciding(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** A line priced below the discount floor: waiting for approval, or approved with the order. */
export function BelowFloorTag({ pending }: { pending: boolean }) {
  const t = useT();
  return (
    <Tag color={pending ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
      {pending ? t('orders.needsApproval') : t('orders.belowFloor')}
    </Tag>
  );
}
