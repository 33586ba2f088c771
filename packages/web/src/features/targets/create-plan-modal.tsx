import { Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import type { TargetMetric } from '@zuzhang/api-schema';
import { useState } from 'react';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { bodyField } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { AmountInput } from './amount-input.tsx';
import { TARGET_METRICS } from './target-format.ts';
import { targetsApi } from './targets-api.ts';

interface Values {
  fiscalYear: number;
  metric: TargetMetric;
  category?: string;
  name: string;
  allowUnallocated: boolean;
  companyTarget: { target: number | null; stretch?: number | null; challenge?: number | null };
}

/**
 * A new draft plan: the year, what is measured and the company's target with its three tiers (目标 / 挑战 /
 * 冲刺). The company-year line is made with it; splitting comes next, on the plan's page.
 */
export function CreatePlanModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const metric = Form.useWatch('metric', form) ?? 'sales';
  // In December the VP plans next year (issue 4's outcome): next year is the default.
  const nextYear = Number(todayString().slice(0, 4)) + 1;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const created = await targetsApi.createPlan({
        fiscalYear: v.fiscalYear,
        metric: v.metric,
        category: v.metric === 'category_sales' ? v.category?.trim() : undefined,
        name: v.name.trim(),
        allowUnallocated: v.allowUnallocated,
        companyTarget: {
          target: v.companyTarget.target!,
          stretch: v.companyTarget.stretch ?? undefined,
          challenge: v.companyTarget.challenge ?? undefined,
        },
      });
      onCreated(created.id);
    } catch (err) {
      handleError(form, err, undefined, bodyField);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('targets.createPlan')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('targets.create')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="plan-form"
        initialValues={{
          fiscalYear: nextYear,
          metric: 'sales',
          allowUnallocated: false,
          name: t('targets.defaultPlanName', { year: nextYear, metric: t('metric.sales') }),
          companyTarget: { target: null },
        }}
        onValuesChange={(changed: Partial<Values>, all) => {
          // The suggested name follows the year and metric until the user types their own.
          if (('fiscalYear' in changed || 'metric' in changed) && !form.isFieldTouched('name')) {
            form.setFieldValue(
              'name',
              t('targets.defaultPlanName', { year: all.fiscalYear, metric: t(`metric.${all.metric}`) }),
            );
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="fiscalYear" label={t('targets.fiscalYear')} rules={[{ required: true }]}>
              <Select
                options={[nextYear - 1, nextYear, nextYear + 1].map((y) => ({
                  value: y,
                  label: t('period.year', { year: y }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="metric" label={t('targets.metric')} rules={[{ required: true }]}>
              <Select options={TARGET_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))} />
            </Form.Item>
          </Col>
          {metric === 'category_sales' && (
            <Col xs={24}>
              <Form.Item
                name="category"
                label={t('targets.category')}
                extra={t('targets.categoryHint')}
                rules={[{ required: true, whitespace: true }, { max: 60 }]}
              >
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              name="name"
              label={t('targets.planName')}
              rules={[{ required: true, whitespace: true }, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('targets.companyTarget')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col xs={24} sm={8}>
            <Form.Item
              name={['companyTarget', 'target']}
              label={t('tier.target')}
              rules={[{ required: true }]}
            >
              <AmountInput metric={metric} data-testid="plan-target" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name={['companyTarget', 'stretch']}
              label={t('tier.stretch')}
              extra={t('targets.stretchHint')}
            >
              <AmountInput metric={metric} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name={['companyTarget', 'challenge']}
              label={t('tier.challenge')}
              extra={t('targets.challengeHint')}
            >
              <AmountInput metric={metric} />
            </Form.Item>
          </Col>
        </Row>
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
