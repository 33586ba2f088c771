import {
  DeleteOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SaveOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Select,
  Typography,
} from 'antd';
import type {
  CreateScorecardBody,
  Grade,
  KpiDefinition,
  ScorecardTemplate,
  ScoringCurve,
} from '@zuzhang/api-schema';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { PositionSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { describeCurve } from './review-format.tsx';
import { canonical, sumWeights, type LineValues } from './scorecard-form.ts';
import { reviewsApi } from './reviews-api.ts';

const GRADES: Grade[] = ['A', 'B', 'C', 'D'];
const DEFAULT_BANDS = [
  { grade: 'A' as Grade, atLeast: 90 },
  { grade: 'B' as Grade, atLeast: 80 },
  { grade: 'C' as Grade, atLeast: 60 },
  { grade: 'D' as Grade, atLeast: 0 },
];

interface Values {
  name: string;
  positionId: number | null;
  cycle: 'month' | 'quarter';
  lines: LineValues[];
  bands: { grade: Grade; atLeast: number }[];
  useDistribution: boolean;
  /** Percentages per grade (the API takes fractions). */
  distribution: Record<Grade, number>;
}

function CurveEditor({ name, unit }: { name: (string | number)[]; unit: string }) {
  const t = useT();
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch([...name, 'kind'], form) as ScoringCurve['kind'] | undefined;
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Form.Item name={[...name, 'kind']} noStyle>
        <Segmented
          size="small"
          options={[
            { value: 'linear', label: t('scorecards.curve.linear') },
            { value: 'thresholds', label: t('scorecards.curve.thresholds') },
            { value: 'rating', label: t('scorecards.curve.rating') },
          ]}
        />
      </Form.Item>
      {unit === 'ratio' && kind !== 'rating' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('scorecards.ratioHint')}
        </Typography.Text>
      )}
      {kind === 'linear' && (
        <Flex gap={8} wrap>
          <Form.Item name={[...name, 'target']} label={t('scorecards.target')} style={{ marginBottom: 0 }}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name={[...name, 'cap']} label={t('scorecards.cap')} style={{ marginBottom: 0 }}>
            <Input style={{ width: 100 }} placeholder="100" />
          </Form.Item>
        </Flex>
      )}
      {kind === 'rating' && (
        <Flex gap={8} wrap>
          <Form.Item name={[...name, 'min']} label={t('scorecards.min')} style={{ marginBottom: 0 }}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name={[...name, 'max']} label={t('scorecards.max')} style={{ marginBottom: 0 }}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 80 }} />
          </Form.Item>
        </Flex>
      )}
      {kind === 'thresholds' && (
        <Form.List name={[...name, 'steps']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="center" wrap>
                  <Form.Item name={[f.name, 'atLeast']} label="≥" style={{ marginBottom: 0 }}>
                    <Input style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'points']}
                    label={t('scorecards.pointsCol')}
                    style={{ marginBottom: 0 }}
                  >
                    <Input style={{ width: 80 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.remove')}
                  />
                </Flex>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ atLeast: '', points: '' })}
              >
                {t('scorecards.addStep')}
              </Button>
            </Flex>
          )}
        </Form.List>
      )}
    </Flex>
  );
}

/** A line keeps its own curve when it differs from the library's (a position's own target, say). */
function toValues(s: ScorecardTemplate | null, library: KpiDefinition[]): Values {
  const ownCurve = (code: string, curve: ScoringCurve) =>
    canonical(curve) !== canonical(library.find((k) => k.code === code)?.curve);
  const bands = s?.bands?.length ? s.bands : DEFAULT_BANDS;
  return {
    name: s?.name ?? '',
    positionId: s?.positionId ?? null,
    cycle: s?.cycle ?? 'month',
    lines: s
      ? s.lines.map((l) => ({
          code: l.code,
          weight: l.weight,
          customCurve: ownCurve(l.code, l.curve),
          curve: l.curve,
        }))
      : [{}],
    bands: GRADES.map((g) => ({ grade: g, atLeast: bands.find((b) => b.grade === g)?.atLeast ?? 0 })),
    useDistribution: !!s?.distribution,
    distribution: s?.distribution
      ? {
          A: Math.round(s.distribution.A * 100),
          B: Math.round(s.distribution.B * 100),
          C: Math.round(s.distribution.C * 100),
          D: Math.round(s.distribution.D * 100),
        }
      : { A: 20, B: 30, C: 40, D: 10 },
  };
}

/**
 * The scorecard template editor (考核表): indicators from the KPI library with their weights, the live sum
 * (must be 100 to save), each line's scoring curve (the library's unless changed), grade bands and an
 * optional forced distribution.
 */
export default function ScorecardPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const templateId = Number(id);
  const valid = isNew || (Number.isInteger(templateId) && templateId > 0);
  const template = useApi(!isNew && valid ? `scorecard:${templateId}` : null, (signal) =>
    reviewsApi.scorecards.get(templateId, signal),
  );
  const library = useApi('kpi-library', (signal) => reviewsApi.scorecards.library(signal));
  if (!valid) return <NotFound />;
  const error =
    (template.error && !template.data ? template.error : null) ??
    (library.error && !library.data ? library.error : null);
  if (error) return <ErrorState error={error} onRetry={() => (template.reload(), library.reload())} />;
  if ((!isNew && !template.data) || !library.data) return <PageLoading />;
  return (
    <ScorecardEditor
      key={template.data ? `${template.data.id}:${template.data.version}` : 'new'}
      template={template.data ?? null}
      library={library.data}
      onSaved={(s) => template.setData(s)}
      reload={template.reload}
    />
  );
}

function ScorecardEditor({
  template,
  library,
  onSaved,
  reload,
}: {
  template: ScorecardTemplate | null;
  library: KpiDefinition[];
  onSaved: (s: ScorecardTemplate) => void;
  reload: () => void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const handleError = useSaveErrorHandler();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const lines = Form.useWatch('lines', form) as LineValues[] | undefined;
  const useDistribution = Form.useWatch('useDistribution', form) as boolean | undefined;
  const distribution = Form.useWatch('distribution', form) as Record<Grade, number> | undefined;
  const sum = sumWeights(lines);
  const byCode = new Map(library.map((k) => [k.code, k]));
  const retired = template?.status === 'retired';
  const distributionSum = GRADES.reduce((s, g) => s + (Number(distribution?.[g]) || 0), 0);

  const options = [
    {
      label: t('reviews.kind.computed'),
      options: library.filter((k) => k.kind === 'computed').map((k) => ({ value: k.code, label: k.label })),
    },
    {
      label: t('reviews.kind.rated'),
      options: library.filter((k) => k.kind === 'rated').map((k) => ({ value: k.code, label: k.label })),
    },
  ];

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const body: CreateScorecardBody = {
      name: v.name.trim(),
      positionId: v.positionId ?? null,
      cycle: v.cycle,
      lines: v.lines.map((l) => ({
        code: l.code ?? '',
        weight: Number(l.weight ?? 0),
        ...(l.customCurve && l.curve ? { curve: l.curve } : {}),
      })),
      bands: v.bands.map((b) => ({ grade: b.grade, atLeast: Number(b.atLeast) })),
      distribution: v.useDistribution
        ? {
            A: (Number(v.distribution.A) || 0) / 100,
            B: (Number(v.distribution.B) || 0) / 100,
            C: (Number(v.distribution.C) || 0) / 100,
            D: (Number(v.distribution.D) || 0) / 100,
          }
        : null,
    };
    setSaving(true);
    try {
      if (template) {
        const saved = await reviewsApi.scorecards.update(template.id, { ...body, version: template.version });
        void message.success(t('common.saved'));
        onSaved(saved);
      } else {
        const created = await reviewsApi.scorecards.create(body);
        void message.success(t('common.saved'));
        navigate(`/scorecards/${created.id}`, { replace: true });
      }
    } catch (err) {
      handleError(form, err, reload);
    } finally {
      setSaving(false);
    }
  };

  const retire = () =>
    modal.confirm({
      title: t('scorecards.retireTitle', { name: template?.name ?? '' }),
      content: t('scorecards.retireHint'),
      okText: t('scorecards.retire'),
      okButtonProps: { danger: true },
      onOk: async () => {
        if (!template) return;
        try {
          onSaved(
            await reviewsApi.scorecards.update(template.id, { status: 'retired', version: template.version }),
          );
          void message.success(t('scorecards.retired'));
        } catch (err) {
          notice(err, reload);
        }
      },
    });

  const remove = () =>
    modal.confirm({
      title: t('scorecards.deleteTitle', { name: template?.name ?? '' }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: async () => {
        if (!template) return;
        try {
          await reviewsApi.scorecards.remove(template.id);
          void message.success(t('pay.deleted'));
          navigate('/scorecards');
        } catch (err) {
          notice(err, reload);
        }
      },
    });

  return (
    <>
      <PageHeader
        backTo="/scorecards"
        title={template ? template.name : t('scorecards.new')}
        subTitle={template?.positionName ?? undefined}
        extra={
          <>
            {!retired && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={sum !== 100}
                onClick={() => void save()}
                data-testid="scorecard-save"
              >
                {t('common.save')}
              </Button>
            )}
            {template && !retired && template.reviewCount > 0 && (
              <Button danger icon={<StopOutlined />} onClick={retire}>
                {t('scorecards.retire')}
              </Button>
            )}
            {template && template.reviewCount === 0 && (
              <Button danger icon={<DeleteOutlined />} onClick={remove}>
                {t('common.remove')}
              </Button>
            )}
          </>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(template, library)}
        disabled={retired}
      >
        <Flex vertical gap={16} style={{ maxWidth: 1000 }}>
          {retired && <Alert type="info" showIcon title={t('scorecards.retiredHint')} />}
          {template && template.reviewCount > 0 && !retired && (
            <Alert type="info" showIcon title={t('scorecards.inUseHint', { count: template.reviewCount })} />
          )}
          <Card size="small">
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="name"
                  label={t('scorecards.name')}
                  rules={[{ required: true, whitespace: true }, { max: 100 }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item name="positionId" label={t('pay.position')} extra={t('scorecards.positionHint')}>
                  <PositionSelect initialLabel={template?.positionName} />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name="cycle" label={t('reviews.cycle')}>
                  <Segmented
                    options={[
                      { value: 'month', label: t('reviews.cycle.month') },
                      { value: 'quarter', label: t('reviews.cycle.quarter') },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card
            size="small"
            title={t('scorecards.lines')}
            extra={
              <Flex gap={8} align="center" style={{ minWidth: 160 }} data-testid="weights-sum">
                <Progress
                  percent={Math.min(sum, 100)}
                  size="small"
                  status={sum === 100 ? 'success' : sum > 100 ? 'exception' : 'active'}
                  showInfo={false}
                  style={{ width: 80, margin: 0 }}
                />
                <Typography.Text
                  type={sum === 100 ? 'success' : 'danger'}
                  strong
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('scorecards.weightsSum', { sum })}
                </Typography.Text>
              </Flex>
            }
          >
            {sum !== 100 && (
              <Alert
                type={sum > 100 ? 'error' : 'warning'}
                showIcon
                style={{ marginBottom: 12 }}
                title={t(sum > 100 ? 'scorecards.weightsOver' : 'scorecards.weightsUnder', {
                  diff: Math.abs(Math.round((100 - sum) * 10) / 10),
                })}
              />
            )}
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => {
                    const line = lines?.[field.name];
                    const kpi = line?.code ? byCode.get(line.code) : undefined;
                    return (
                      <Card key={field.key} size="small" type="inner" data-testid="scorecard-line">
                        <Row gutter={8} align="top">
                          <Col xs={24} md={12}>
                            <Form.Item
                              name={[field.name, 'code']}
                              label={t('scorecards.indicator')}
                              rules={[{ required: true }]}
                              style={{ marginBottom: 8 }}
                            >
                              <Select
                                options={options}
                                showSearch={{ optionFilterProp: 'label' }}
                                onChange={(code: string) => {
                                  const k = byCode.get(code);
                                  if (k) form.setFieldValue(['lines', field.name, 'curve'], k.curve);
                                }}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={16} md={6}>
                            <Form.Item
                              name={[field.name, 'weight']}
                              label={t('scorecards.weight')}
                              rules={[{ required: true }]}
                              style={{ marginBottom: 8 }}
                            >
                              <InputNumber<number>
                                min={0}
                                max={100}
                                precision={1}
                                suffix="%"
                                style={{ width: '100%' }}
                                data-testid="scorecard-weight"
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={8} md={6} style={{ textAlign: 'right' }}>
                            {!retired && (
                              <Button
                                type="text"
                                danger
                                icon={<MinusCircleOutlined />}
                                style={{ marginTop: 30 }}
                                onClick={() => remove(field.name)}
                                aria-label={t('common.remove')}
                              />
                            )}
                          </Col>
                        </Row>
                        {kpi && (
                          <Flex vertical gap={4}>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t(kpi.kind === 'computed' ? 'reviews.kind.computed' : 'reviews.kind.rated')}
                              {' · '}
                              {describeCurve(
                                line?.customCurve && line.curve ? line.curve : kpi.curve,
                                kpi.unit,
                                t,
                              )}
                            </Typography.Text>
                            {kpi.rubric && (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {kpi.rubric.levels
                                  .slice()
                                  .sort((a, b) => b.value - a.value)
                                  .map((l) => `${l.value} ${l.name}`)
                                  .join(' / ')}
                              </Typography.Text>
                            )}
                            <Form.Item
                              name={[field.name, 'customCurve']}
                              valuePropName="checked"
                              style={{ marginBottom: 0 }}
                            >
                              <Checkbox>{t('scorecards.customCurve')}</Checkbox>
                            </Form.Item>
                            {line?.customCurve && (
                              <CurveEditor name={[field.name, 'curve']} unit={kpi.unit} />
                            )}
                          </Flex>
                        )}
                      </Card>
                    );
                  })}
                  {!retired && (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ weight: Math.max(0, 100 - sum) })}
                    >
                      {t('scorecards.addLine')}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('scorecards.bands')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('scorecards.bandsHint')}
            </Typography.Paragraph>
            <Flex gap={12} wrap>
              {GRADES.map((g, i) => (
                <Flex key={g} gap={4} align="center">
                  <Form.Item name={['bands', i, 'grade']} hidden>
                    <Input />
                  </Form.Item>
                  <Typography.Text strong>{g} ≥</Typography.Text>
                  <Form.Item name={['bands', i, 'atLeast']} noStyle>
                    <InputNumber min={0} max={100} style={{ width: 80 }} aria-label={`${g}`} />
                  </Form.Item>
                </Flex>
              ))}
            </Flex>
          </Card>
          <Card size="small" title={t('scorecards.distribution')}>
            <Form.Item name="useDistribution" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('scorecards.useDistribution')}</Checkbox>
            </Form.Item>
            {useDistribution && (
              <>
                <Flex gap={12} wrap>
                  {GRADES.map((g) => (
                    <Flex key={g} gap={4} align="center">
                      <Typography.Text strong>{g}</Typography.Text>
                      <Form.Item name={['distribution', g]} noStyle>
                        <InputNumber min={0} max={100} suffix="%" style={{ width: 100 }} aria-label={g} />
                      </Form.Item>
                    </Flex>
                  ))}
                </Flex>
                <Typography.Text
                  type={distributionSum === 100 ? 'secondary' : 'danger'}
                  style={{ fontSize: 12 }}
                >
                  {t('scorecards.distributionSum', { sum: distributionSum })}
                </Typography.Text>
              </>
            )}
          </Card>
        </Flex>
      </Form>
    </>
  );
}
