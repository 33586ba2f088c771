import { Col, Form, Input, Modal, Row, Switch, Typography } from 'antd';
import type { TargetLine, TargetMetric, TargetPlanDetail } from '@zuzhang/api-schema';
import { useState } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';
import { bodyField } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { AmountInput } from './amount-input.tsx';
import { usePeriodLabel } from './period-picker.tsx';
import { targetsApi } from './targets-api.ts';

interface LineValues {
  target: number | null;
  stretch: number | null;
  challenge: number | null;
  note: string;
}

/** Amounts of a draft line by hand: the three tiers (目标 ≤ 挑战 ≤ 冲刺) and a note. */
export function LineModal({
  metric,
  line,
  onClose,
  onSaved,
  onConflict,
}: {
  metric: TargetMetric;
  line: TargetLine;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const periodLabel = usePeriodLabel();
  const [form] = Form.useForm<LineValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await targetsApi.updateLine(line.id, {
        target: v.target ?? undefined,
        stretch: v.stretch ?? undefined,
        challenge: v.challenge ?? undefined,
        note: v.note.trim(),
        version: line.version,
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
      title={t('targets.editLineTitle', { owner: line.ownerName, period: periodLabel(line.period) })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {line.childCount > 0 && (
        <Typography.Paragraph type="warning">{t('targets.editSplitLineHint')}</Typography.Paragraph>
      )}
      <Form<LineValues>
        form={form}
        layout="vertical"
        initialValues={{
          target: line.target,
          stretch: line.stretch,
          challenge: line.challenge,
          note: line.note,
        }}
      >
        <Row gutter={12}>
          {(['target', 'stretch', 'challenge'] as const).map((tier) => (
            <Col key={tier} xs={24} sm={8}>
              <Form.Item name={tier} label={t(`tier.${tier}`)} rules={[{ required: true }]}>
                <AmountInput metric={metric} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="note" label={t('ledger.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A draft's name, and whether a split by hand that does not add up may be published with a remainder. */
export function PlanSettingsModal({
  plan,
  onClose,
  onSaved,
  onConflict,
}: {
  plan: TargetPlanDetail;
  onClose: () => void;
  onSaved: (plan: TargetPlanDetail) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ name: string; allowUnallocated: boolean }>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      onSaved(
        await targetsApi.updatePlan(plan.id, {
          name: v.name.trim(),
          allowUnallocated: v.allowUnallocated,
          version: plan.version,
        }),
      );
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('targets.settings')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: plan.name, allowUnallocated: plan.allowUnallocated }}
      >
        <Form.Item
          name="name"
          label={t('targets.planName')}
          rules={[{ required: true, whitespace: true }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="allowUnallocated"
          label={t('targets.allowUnallocated')}
          extra={t('targets.allowUnallocatedHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
