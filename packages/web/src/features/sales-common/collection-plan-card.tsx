import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { CollectionPlan, Instalment } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { bodyField, dateProps } from './form-helpers.ts';
import { YuanInput } from './money-input.tsx';
import { fen } from './money.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

const STATE_COLORS: Record<Instalment['state'], string> = {
  paid: 'green',
  overdue: 'red',
  due: 'orange',
  upcoming: 'default',
};

interface Values {
  instalments: { dueOn?: string | null; amountFen?: number | null; note?: string }[];
}

function PlanEditor({
  plan,
  target,
  onClose,
  onSaved,
}: {
  plan: CollectionPlan | undefined;
  target: { contractId?: number; orderId?: number; amountFen: number };
  onClose: () => void;
  onSaved: (p: CollectionPlan) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const rows = Form.useWatch('instalments', form) ?? [];
  const sum = rows.reduce((s, r) => s + (r?.amountFen ?? 0), 0);
  const gap = target.amountFen - sum;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await api.collectionPlans.save({
          contractId: target.contractId,
          orderId: target.orderId,
          instalments: v.instalments.map((i) => ({
            dueOn: i.dueOn!,
            amountFen: i.amountFen!,
            note: (i.note ?? '').trim(),
          })),
        }),
      );
    } catch (err) {
      handleError(form, err, undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };
  const initial: Values = {
    instalments:
      plan && plan.instalments.length > 0
        ? plan.instalments.map((i) => ({ dueOn: i.dueOn, amountFen: i.amountFen, note: i.note }))
        : [{ dueOn: todayString(), amountFen: target.amountFen, note: '' }],
  };
  return (
    <Modal
      open
      title={t('plans.editTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      okButtonProps={{ disabled: gap !== 0 }}
      confirmLoading={saving}
      destroyOnHidden
      width={680}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial}>
        <Form.List name="instalments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, n) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={12} sm={7}>
                    <Form.Item
                      name={[f.name, 'dueOn']}
                      label={n === 0 ? t('plans.dueOn') : undefined}
                      rules={[{ required: true }]}
                      {...dateProps}
                    >
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item
                      name={[f.name, 'amountFen']}
                      label={n === 0 ? t('ledger.amount') : undefined}
                      rules={[{ required: true }]}
                    >
                      <YuanInput min={1} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={8}>
                    <Form.Item
                      name={[f.name, 'note']}
                      label={n === 0 ? t('ledger.note') : undefined}
                      rules={[{ max: 200 }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Form.Item label={n === 0 ? ' ' : undefined}>
                      <Button
                        type="text"
                        danger
                        disabled={fields.length === 1}
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(f.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ dueOn: null, amountFen: gap > 0 ? gap : null, note: '' })}
              >
                {t('plans.addInstalment')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <Alert
        style={{ marginTop: 16 }}
        type={gap === 0 ? 'success' : 'warning'}
        showIcon
        title={
          gap === 0
            ? t('plans.addsUp', { amount: fen(target.amountFen) })
            : t('plans.gap', { sum: fen(sum), amount: fen(target.amountFen), gap: fen(gap) })
        }
      />
    </Modal>
  );
}

/** The collection plan: the instalments of a contract or order, what came in against each, and (receipt.manage) editing them. */
export function CollectionPlanCard({
  contractId,
  orderId,
  amountFen,
}: {
  contractId?: number;
  orderId?: number;
  amountFen: number;
}) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const plan = useApi(`plan:${contractId ?? ''}:${orderId ?? ''}`, (signal) =>
    api.collectionPlans.get({ contractId, orderId }, signal),
  );
  return (
    <Card
      size="small"
      title={t('plans.title')}
      extra={
        can('receipt.manage') && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            disabled={plan.loading}
          >
            {t('plans.edit')}
          </Button>
        )
      }
    >
      {plan.error && !plan.data ? (
        <ErrorState error={plan.error} onRetry={plan.reload} />
      ) : (
        <>
          <Table<Instalment>
            size="small"
            rowKey="id"
            loading={plan.loading}
            dataSource={plan.data?.instalments ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.empty')} />,
            }}
            columns={[
              { key: 'seq', title: '#', dataIndex: 'seq', width: 48 },
              { key: 'due', title: t('plans.dueOn'), render: (_, i) => formatDate(i.dueOn) },
              {
                key: 'amount',
                title: t('ledger.amount'),
                align: 'right',
                render: (_, i) => fen(i.amountFen),
              },
              {
                key: 'collected',
                title: t('plans.collected'),
                align: 'right',
                render: (_, i) => fen(i.collectedFen),
              },
              {
                key: 'outstanding',
                title: t('myDay.outstanding'),
                align: 'right',
                render: (_, i) => fen(i.outstandingFen),
              },
              {
                key: 'state',
                title: t('ledger.status'),
                render: (_, i) => (
                  <Tag color={STATE_COLORS[i.state]} style={{ marginInlineEnd: 0 }}>
                    {i.state === 'overdue'
                      ? t('ledger.overdueDays', { days: i.daysOverdue })
                      : t(`plans.state.${i.state}`)}
                  </Tag>
                ),
              },
              { key: 'note', title: t('ledger.note'), dataIndex: 'note' },
            ]}
          />
          {plan.data && plan.data.instalments.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('plans.settled', { settled: fen(plan.data.settledFen), target: fen(plan.data.targetFen) })}
            </Typography.Text>
          )}
        </>
      )}
      {editing && (
        <PlanEditor
          plan={plan.data}
          target={{ contractId, orderId, amountFen: plan.data?.targetFen ?? amountFen }}
          onClose={() => setEditing(false)}
          onSaved={(p) => {
            setEditing(false);
            plan.setData(p);
            void message.success(t('common.saved'));
          }}
        />
      )}
    </Card>
  );
}
