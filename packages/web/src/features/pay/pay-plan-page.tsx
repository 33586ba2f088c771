import {
  CheckCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExperimentOutlined,
  LoadingOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SaveOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Tabs,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { PayPlan, PayPlanDefinition, PayProblem } from '@zuzhang/api-schema';
import { PAY_FIGURES } from '@zuzhang/domain';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { pathToName, useErrorNotice } from '../../app/errors.tsx';
import { todayString } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { PositionSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { dateProps } from '../sales-common/form-helpers.ts';
import { FormulaInput, ProblemNotes } from './formula-field.tsx';
import { NamedListEditor } from './named-list-editor.tsx';
import { payApi } from './pay-api.ts';
import { PlanStatusTag, textIn } from './pay-format.tsx';
import {
  COMPONENT_KINDS,
  FIGURE_SOURCES,
  FIGURE_UNITS,
  PARAMETER_UNITS,
  newPlanDefinition,
  parseTiers,
  toDefinition,
  toFormValues,
  type PlanFormValues,
} from './plan-form.ts';
import { problemPath, problemsByPath, useLiveValidation } from './plan-validation.ts';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** The 400 details of a save or an activation as problems the editor shows next to the fields. */
function detailsAsProblems(err: unknown): PayProblem[] {
  if (!isApiError(err)) return [];
  return err.details.map((d) => ({
    path: d.path,
    key: 'server',
    message: d.message,
    component: null,
    position: null,
    allowed: [],
  }));
}

/** Form.Item props showing the checker's problems for one field. */
function useFieldStatus(byPath: Map<string, PayProblem[]>) {
  return (path: string, withFormula?: string, onInsert?: (name: string) => void) => {
    const found = byPath.get(path) ?? [];
    if (found.length === 0) return {};
    return {
      validateStatus: 'error' as const,
      help: <ProblemNotes problems={found} formula={withFormula} onInsert={onInsert} />,
    };
  };
}

/** Appends a name to a formula field (from the allowed names a problem lists). */
function insertInto(form: FormInstance, name: (string | number)[], text: string) {
  const current = (form.getFieldValue(name) as string | undefined) ?? '';
  form.setFieldValue(name, current && !/\s$/.test(current) ? `${current} ${text}` : `${current}${text}`);
}

function JsonModal({
  definition,
  onApply,
  onClose,
  readOnly,
}: {
  definition: PayPlanDefinition;
  onApply: (definition: PayPlanDefinition) => void;
  onClose: () => void;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(definition, null, 2));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    try {
      const parsed = JSON.parse(text) as PayPlanDefinition;
      if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.components))
        throw new Error('shape');
      onApply({ ...parsed, figures: parsed.figures ?? [] });
    } catch {
      setError(t('pay.jsonInvalid'));
    }
  };
  return (
    <Modal
      open
      title={t('pay.jsonTitle')}
      onCancel={onClose}
      onOk={readOnly ? onClose : apply}
      okText={readOnly ? t('common.back') : t('pay.jsonApply')}
      cancelButtonProps={{ style: readOnly ? { display: 'none' } : undefined }}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pay.jsonHint')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        readOnly={readOnly}
        autoSize={{ minRows: 12, maxRows: 28 }}
        spellCheck={false}
        status={error ? 'error' : undefined}
        style={{ ...MONO, fontSize: 12 }}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

function RetireModal({ plan, onDone, onClose }: { plan: PayPlan; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const notice = useErrorNotice();
  const [form] = Form.useForm<{ effectiveTo: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await payApi.plans.retire(plan.id, plan.version, v.effectiveTo);
      onDone();
    } catch (err) {
      notice(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('pay.retireTitle', { name: plan.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('pay.retire')}
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pay.retireHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ effectiveTo: todayString() }}>
        <Form.Item
          name="effectiveTo"
          label={t('pay.effectiveTo')}
          rules={[{ required: true }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The pay plan editor (激励体制 / 惩罚体制): figures, constants, tier tables and components with formulas.
 * Every change is checked by the server's validator after a short pause; a problem is shown on its field
 * with the place in the formula marked and the names allowed there. Active and retired plans are read-only:
 * a change is a new version.
 */
export default function PayPlanPage() {
  const navigate = useNavigate();
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const planId = Number(id);
  const valid = isNew || (Number.isInteger(planId) && planId > 0);
  const plan = useApi(!isNew && valid ? `pay-plan:${planId}` : null, (signal) =>
    payApi.plans.get(planId, signal),
  );
  if (!valid) return <NotFound />;
  if (!isNew && plan.error && !plan.data) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (!isNew && !plan.data) return <PageLoading />;
  return (
    <PlanEditor
      key={plan.data ? `${plan.data.id}:${plan.data.version}` : 'new'}
      plan={plan.data ?? null}
      onSaved={(saved, created) => {
        if (created) navigate(`/pay-plans/${saved.id}`, { replace: true });
        else plan.setData(saved);
      }}
      reload={plan.reload}
    />
  );
}

function PlanEditor({
  plan,
  onSaved,
  reload,
}: {
  plan: PayPlan | null;
  onSaved: (plan: PayPlan, created: boolean) => void;
  reload: () => void;
}) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const canManage = can('payplan.manage');
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const navigate = useNavigate();
  const [form] = Form.useForm<PlanFormValues>();
  const initial = useMemo(
    () => toFormValues(plan?.definition ?? newPlanDefinition(todayString()), plan?.positionId ?? null),
    [plan],
  );
  const [values, setValues] = useState<PlanFormValues>(initial);
  const [serverProblems, setServerProblems] = useState<PayProblem[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [jsonOpen, setJsonOpen] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const readOnly = !canManage || (plan !== null && plan.status !== 'draft');
  const definition = useMemo(() => toDefinition(values, plan?.definition.positionCode), [values, plan]);
  const live = useLiveValidation(readOnly ? null : definition);
  const tiersError = parseTiers(values.tiersJson ?? '').error;
  const problems = useMemo(() => [...live.problems, ...serverProblems], [live.problems, serverProblems]);
  const byPath = useMemo(() => problemsByPath(problems), [problems]);
  const status = useFieldStatus(byPath);
  const componentKeys = (values.components ?? []).map((c) => c?.key);

  const onValuesChange = () => {
    // Every value in the store, also those of tabs not shown (the change callback's own list leaves them out).
    setValues(form.getFieldsValue(true) as PlanFormValues);
    setServerProblems([]);
  };

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      const fromServer = detailsAsProblems(err);
      if (fromServer.length > 0) setServerProblems(fromServer);
      notice(err, reload);
    } finally {
      setBusy(null);
    }
  };

  const save = () =>
    run('save', async () => {
      const v = form.getFieldsValue(true) as PlanFormValues;
      if (!v.positionId) {
        form.setFields([{ name: 'positionId', errors: [t('pay.positionRequired')] }]);
        return;
      }
      const def = toDefinition(v, plan?.definition.positionCode);
      const saved = plan
        ? await payApi.plans.update(plan.id, {
            positionId: v.positionId,
            definition: def,
            version: plan.version,
          })
        : await payApi.plans.create({ positionId: v.positionId, definition: def });
      void message.success(t('common.saved'));
      onSaved(saved, plan === null);
    });

  const activate = () =>
    modal.confirm({
      title: t('pay.activateTitle', { name: plan?.name ?? '' }),
      content: t('pay.activateHint'),
      okText: t('pay.activate'),
      onOk: () =>
        run('activate', async () => {
          if (!plan) return;
          const saved = await payApi.plans.activate(plan.id, plan.version);
          void message.success(t('pay.activated'));
          onSaved(saved, false);
        }),
    });

  const remove = () =>
    modal.confirm({
      title: t('pay.deleteTitle', { name: plan?.name ?? '' }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () =>
        run('delete', async () => {
          if (!plan) return;
          await payApi.plans.remove(plan.id);
          void message.success(t('pay.deleted'));
          navigate('/pay-plans');
        }),
    });

  const copyAsNewVersion = () =>
    run('copy', async () => {
      if (!plan) return;
      const created = await payApi.plans.create({
        positionId: plan.positionId,
        definition: {
          ...plan.definition,
          effectiveFrom: `${todayString().slice(0, 7)}-01`,
          effectiveTo: undefined,
        },
      });
      void message.success(t('pay.copied'));
      navigate(`/pay-plans/${created.id}`);
    });

  const hasProblems = problems.length > 0 || tiersError !== undefined;
  const checkState = readOnly ? null : live.checking ? (
    <Typography.Text type="secondary" data-testid="plan-check-state">
      <LoadingOutlined /> {t('pay.checking')}
    </Typography.Text>
  ) : hasProblems ? (
    <Typography.Text type="danger" data-testid="plan-check-state">
      <WarningOutlined /> {t('pay.problemCount', { count: problems.length + (tiersError ? 1 : 0) })}
    </Typography.Text>
  ) : live.failed ? (
    <Typography.Text type="warning" data-testid="plan-check-state">
      <WarningOutlined /> {t('pay.checkFailed')}
    </Typography.Text>
  ) : (
    <Typography.Text type="success" data-testid="plan-check-state">
      <CheckCircleOutlined /> {t('pay.planValid')}
    </Typography.Text>
  );

  const figureOptions = PAY_FIGURES.map((f) => ({
    value: f.name,
    label: `${f.name} · ${textIn(f.label, locale)}`,
  }));

  return (
    <>
      <PageHeader
        backTo="/pay-plans"
        title={plan ? plan.name || t('pay.untitledPlan') : t('pay.newPlan')}
        subTitle={
          plan ? (
            <Flex gap={8} align="center" wrap>
              <PlanStatusTag status={plan.status} />
              <span>{t('pay.versionNo', { n: plan.versionNo })}</span>
              <span>{plan.positionName}</span>
            </Flex>
          ) : undefined
        }
        extra={
          <>
            {!readOnly && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={busy === 'save'}
                onClick={() => void save()}
                data-testid="plan-save"
              >
                {t('common.save')}
              </Button>
            )}
            {canManage && plan?.status === 'draft' && (
              <Button
                icon={<CheckCircleOutlined />}
                loading={busy === 'activate'}
                disabled={hasProblems}
                onClick={activate}
              >
                {t('pay.activate')}
              </Button>
            )}
            {plan && (
              <Button icon={<ExperimentOutlined />} onClick={() => navigate(`/what-if?planId=${plan.id}`)}>
                {t('pay.whatIf')}
              </Button>
            )}
            {canManage && plan && plan.status !== 'draft' && (
              <Button
                icon={<CopyOutlined />}
                loading={busy === 'copy'}
                onClick={() => void copyAsNewVersion()}
              >
                {t('pay.newVersion')}
              </Button>
            )}
            {canManage && plan?.status === 'active' && (
              <Button danger icon={<StopOutlined />} onClick={() => setRetiring(true)}>
                {t('pay.retire')}
              </Button>
            )}
            {canManage && plan?.status === 'draft' && (
              <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} onClick={remove}>
                {t('common.remove')}
              </Button>
            )}
            <Button onClick={() => setJsonOpen(true)}>{t('pay.json')}</Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        {readOnly && plan && canManage && <Alert type="info" showIcon title={t('pay.readOnlyHint')} />}
        {!readOnly && hasProblems && !live.checking && (
          <Alert
            type="error"
            showIcon
            data-testid="plan-problems"
            title={t('pay.problemCount', { count: problems.length + (tiersError ? 1 : 0) })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p, i) => (
                  <li key={i}>
                    {/* A click takes the user to the field; the message names the component and the place. */}
                    <Typography.Link
                      onClick={() =>
                        (form as FormInstance).scrollToField(pathToName(problemPath(p.path)), {
                          block: 'center',
                          behavior: 'smooth',
                        })
                      }
                    >
                      {p.message}
                    </Typography.Link>
                  </li>
                ))}
                {tiersError && <li>{t(tiersError)}</li>}
              </ul>
            }
          />
        )}
        <Form<PlanFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={onValuesChange}
          disabled={readOnly}
          data-testid="plan-form"
        >
          <Card size="small" title={t('pay.planBasics')} extra={checkState}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('pay.planName')} required {...status('name')}>
                  <Input maxLength={100} data-testid="plan-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="positionId" label={t('pay.position')} required>
                  <PositionSelect initialLabel={plan?.positionName} allowClear={false} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="effectiveFrom"
                  label={t('pay.effectiveFrom')}
                  required
                  {...dateProps}
                  {...status('effectiveFrom')}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="effectiveTo"
                  label={t('pay.effectiveTo')}
                  {...dateProps}
                  {...status('effectiveTo')}
                >
                  <DatePicker style={{ width: '100%' }} placeholder={t('pay.openEnded')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('pay.components')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('pay.componentsHint')}
            </Typography.Paragraph>
            <Form.List name="components">
              {(fields, { add, remove: removeAt, move }) => (
                <Flex vertical gap={12}>
                  {fields.map((field, index) => {
                    const base = `components.${field.name}`;
                    const formulaOf = (part: 'formula' | 'when') =>
                      (values.components?.[field.name]?.[part] as string | undefined) ?? '';
                    return (
                      <Card
                        key={field.key}
                        size="small"
                        type="inner"
                        data-testid="plan-component"
                        title={
                          <Flex gap={8} align="center">
                            <Typography.Text type="secondary">#{index + 1}</Typography.Text>
                            <Typography.Text>
                              {values.components?.[field.name]?.label?.[locale] ||
                                values.components?.[field.name]?.key ||
                                t('pay.newComponent')}
                            </Typography.Text>
                          </Flex>
                        }
                        extra={
                          !readOnly && (
                            <Flex gap={4}>
                              <Button
                                size="small"
                                type="text"
                                disabled={index === 0}
                                onClick={() => move(index, index - 1)}
                                aria-label={t('common.moveUp')}
                              >
                                ↑
                              </Button>
                              <Button
                                size="small"
                                type="text"
                                disabled={index === fields.length - 1}
                                onClick={() => move(index, index + 1)}
                                aria-label={t('common.moveDown')}
                              >
                                ↓
                              </Button>
                              <Button
                                size="small"
                                type="text"
                                danger
                                icon={<MinusCircleOutlined />}
                                onClick={() => removeAt(field.name)}
                                aria-label={t('common.remove')}
                              />
                            </Flex>
                          )
                        }
                      >
                        <Row gutter={12}>
                          <Col xs={12} md={6}>
                            <Form.Item
                              name={[field.name, 'key']}
                              label={t('pay.componentKey')}
                              {...status(`${base}.key`)}
                            >
                              <Input style={MONO} maxLength={80} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item
                              name={[field.name, 'kind']}
                              label={t('pay.componentKind')}
                              {...status(`${base}.kind`)}
                            >
                              <Select
                                options={COMPONENT_KINDS.map((k) => ({
                                  value: k,
                                  label: t(`pay.kind.${k}`),
                                }))}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={6}>
                            <Form.Item
                              name={[field.name, 'label', 'zh-CN']}
                              label={t('pay.labelZh')}
                              {...status(`${base}.label`)}
                            >
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={6}>
                            <Form.Item name={[field.name, 'label', 'en-US']} label={t('pay.labelEn')}>
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={10}>
                            <Form.Item
                              name={[field.name, 'when']}
                              label={t('pay.when')}
                              extra={t('pay.whenHint')}
                              {...status(`${base}.when`, formulaOf('when'), (name) =>
                                insertInto(form as FormInstance, ['components', field.name, 'when'], name),
                              )}
                            >
                              <FormulaInput
                                invalid={byPath.has(`${base}.when`)}
                                placeholder="team_attainment >= 100%"
                                data-testid="plan-component-when"
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={14}>
                            <Form.Item
                              name={[field.name, 'formula']}
                              label={t('pay.formula')}
                              {...status(`${base}.formula`, formulaOf('formula'), (name) =>
                                insertInto(form as FormInstance, ['components', field.name, 'formula'], name),
                              )}
                            >
                              <FormulaInput
                                invalid={byPath.has(`${base}.formula`)}
                                placeholder="personal_sales * commission_rate"
                                data-testid="plan-component-formula"
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={12}>
                            <Form.Item
                              name={[field.name, 'explain', 'zh-CN']}
                              label={t('pay.explainZh')}
                              {...status(`${base}.explain`)}
                            >
                              <Input.TextArea
                                autoSize={{ minRows: 1, maxRows: 3 }}
                                placeholder={t('pay.explainHint')}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={12}>
                            <Form.Item name={[field.name, 'explain', 'en-US']} label={t('pay.explainEn')}>
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
                            </Form.Item>
                          </Col>
                        </Row>
                      </Card>
                    );
                  })}
                  {!readOnly && (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add({
                          key: `c${fields.length + 1}`,
                          kind: 'bonus',
                          label: { 'zh-CN': '', 'en-US': '' },
                          formula: '0',
                          when: '',
                        })
                      }
                    >
                      {t('pay.addComponent')}
                    </Button>
                  )}
                  {byPath.get('components') && <ProblemNotes problems={byPath.get('components') ?? []} />}
                </Flex>
              )}
            </Form.List>
          </Card>

          <Tabs
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'figures',
                forceRender: true,
                label: t('pay.figures'),
                children: (
                  <NamedListEditor
                    listName="figures"
                    hint={t('pay.figuresHint')}
                    nameLabel={t('pay.figureName')}
                    nameSpan={6}
                    renderName={(field) => (
                      <AutoComplete
                        options={figureOptions}
                        style={MONO}
                        filterOption={(input, option) =>
                          (option?.label ?? '').toLowerCase().includes(input.toLowerCase())
                        }
                        onSelect={(name: string) => {
                          const standard = PAY_FIGURES.find((f) => f.name === name);
                          if (!standard) return;
                          const any = form as FormInstance;
                          const path = ['figures', field.name];
                          any.setFieldValue([...path, 'label'], { ...standard.label });
                          any.setFieldValue([...path, 'unit'], standard.unit);
                          any.setFieldValue([...path, 'source'], standard.source);
                          setValues(form.getFieldsValue(true) as PlanFormValues);
                        }}
                      />
                    )}
                    units={FIGURE_UNITS}
                    last={{
                      field: 'source',
                      label: t('pay.sourceCol'),
                      span: 4,
                      input: (
                        <Select
                          options={FIGURE_SOURCES.map((s) => ({ value: s, label: t(`pay.source.${s}`) }))}
                        />
                      ),
                    }}
                    addText={t('pay.addFigure')}
                    newItem={{ name: '', label: { 'zh-CN': '', 'en-US': '' }, unit: 'fen', source: 'input' }}
                    readOnly={readOnly}
                    status={status}
                    rowTestId="plan-figure"
                  />
                ),
              },
              {
                key: 'parameters',
                forceRender: true,
                label: t('pay.parameters'),
                children: (
                  <NamedListEditor
                    listName="parameters"
                    hint={t('pay.parametersHint')}
                    nameLabel={t('pay.parameterName')}
                    nameSpan={5}
                    renderName={() => <Input style={MONO} />}
                    units={PARAMETER_UNITS}
                    last={{
                      field: 'value',
                      label: t('pay.value'),
                      span: 5,
                      input: <Input style={MONO} placeholder="3200 / 3%" />,
                    }}
                    addText={t('pay.addParameter')}
                    newItem={{ name: '', label: { 'zh-CN': '', 'en-US': '' }, unit: 'yuan', value: '' }}
                    readOnly={readOnly}
                    status={status}
                  />
                ),
              },
              {
                key: 'tiers',
                forceRender: true,
                label: t('pay.tiers'),
                children: (
                  <Card size="small">
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                      {t('pay.tiersHint')}
                    </Typography.Paragraph>
                    <Form.Item
                      name="tiersJson"
                      validateStatus={
                        tiersError || [...byPath.keys()].some((k) => k.startsWith('tiers'))
                          ? 'error'
                          : undefined
                      }
                      help={
                        tiersError ? (
                          t(tiersError)
                        ) : (
                          <ProblemNotes
                            problems={[...byPath.entries()]
                              .filter(([k]) => k.startsWith('tiers'))
                              .flatMap(([, p]) => p)}
                          />
                        )
                      }
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 4, maxRows: 16 }}
                        spellCheck={false}
                        style={{ ...MONO, fontSize: 12 }}
                        placeholder={
                          '{\n  "commission_tiers": [\n    { "from": 0, "rate": "2%" },\n    { "from": 50000, "rate": "3%" }\n  ]\n}'
                        }
                      />
                    </Form.Item>
                  </Card>
                ),
              },
            ]}
          />
        </Form>
        {componentKeys.length === 0 && (
          <Typography.Text type="secondary">{t('pay.noComponents')}</Typography.Text>
        )}
      </Flex>
      {jsonOpen && (
        <JsonModal
          definition={definition}
          readOnly={readOnly}
          onClose={() => setJsonOpen(false)}
          onApply={(def) => {
            const next = toFormValues(def, form.getFieldValue('positionId') as number | null);
            form.setFieldsValue(next);
            setValues(next);
            setJsonOpen(false);
          }}
        />
      )}
      {retiring && plan && (
        <RetireModal
          plan={plan}
          onClose={() => setRetiring(false)}
          onDone={() => {
            setRetiring(false);
            void message.success(t('pay.retired'));
            reload();
          }}
        />
      )}
    </>
  );
}
