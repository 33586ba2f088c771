import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { JdContent, JdDocumentControl, JobDescription } from '@zuzhang/api-schema';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../app/api-client.ts';
import { applyFormErrors, pathToName, useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import {
  AUTHORITY_KINDS,
  IDENTIFICATION_FIELDS,
  QUALIFICATION_LIST_FIELDS,
  QUALIFICATION_TEXT_FIELDS,
  jdFormName,
  normaliseDocumentControl,
  normaliseJdContent,
} from './jd-sections.ts';

export interface JdFormValues {
  documentControl: JdDocumentControl;
  content: JdContent;
}

const LONG = 2000;
const { TextArea } = Input;

function SectionCard({
  id,
  title,
  children,
  extra,
}: {
  id: string;
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card size="small" title={title} id={`jd-edit-${id}`} extra={extra} data-testid={`jd-edit-${id}`}>
      {children}
    </Card>
  );
}

/** An ordered list of short texts (duties, skills, promotion steps) with add, move and remove. */
function StringListField({
  name,
  addLabel,
  max,
  placeholder,
}: {
  name: (string | number)[];
  addLabel: string;
  max: number;
  placeholder?: string;
}) {
  const t = useT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          <Form.ErrorList errors={errors} />
          {fields.map((field, index) => (
            <Flex key={field.key} gap={6} align="start">
              <Typography.Text type="secondary" style={{ minWidth: 20, paddingTop: 5 }}>
                {index + 1}.
              </Typography.Text>
              <Form.Item name={field.name} style={{ flex: 1, marginBottom: 0, minWidth: 0 }}>
                <TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={500} placeholder={placeholder} />
              </Form.Item>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('common.moveUp')}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                style={{ marginTop: 4 }}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('common.moveDown')}
                disabled={index === fields.length - 1}
                onClick={() => move(index, index + 1)}
                style={{ marginTop: 4 }}
              />
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => remove(field.name)}
                style={{ marginTop: 4 }}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add('')}
            disabled={fields.length >= max}
            style={{ alignSelf: 'flex-start' }}
          >
            {addLabel}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/**
 * The draft editor: one form over every section of JdContent plus document control. Saving sends the full
 * content; `draft` (with its optimistic-lock version) is updated, otherwise a new draft is created.
 */
export default function JdEditor({
  positionId,
  draft,
  initial,
  problems,
  onSaved,
  onCancel,
  onConflict,
}: {
  positionId: number;
  draft: JobDescription | null;
  initial: JdFormValues;
  /** Field problems from a failed publish, shown on the fields when the editor opens. */
  problems?: { path: string; message: string }[];
  onSaved: (jd: JobDescription) => void;
  onCancel: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<JdFormValues>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const notice = useErrorNotice();

  useEffect(() => {
    if (!problems?.length) return;
    form.setFields(
      problems
        .map((p) => ({ name: jdFormName(pathToName(p.path)), errors: [p.message] }))
        .filter((f): f is { name: (string | number)[]; errors: string[] } => f.name !== null) as Parameters<
        typeof form.setFields
      >[0],
    );
  }, [problems, form]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = async () => {
    const values = form.getFieldsValue(true) as JdFormValues;
    setSaving(true);
    try {
      const saved = await api.jd.saveDraft(positionId, {
        documentControl: normaliseDocumentControl(values.documentControl),
        content: normaliseJdContent(values.content),
        ...(draft ? { version: draft.version } : {}),
      });
      setDirty(false);
      onSaved(saved);
    } catch (err) {
      const unmatched = applyFormErrors(form, err, jdFormName);
      notice(err, onConflict);
      if (unmatched.length === 0) {
        const first = document.querySelector('.ant-form-item-has-error');
        first?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      }
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    if (!dirty) return onCancel();
    modal.confirm({
      title: t('jd.discardTitle'),
      content: t('jd.discardHint'),
      okText: t('jd.discard'),
      okButtonProps: { danger: true },
      cancelText: t('jd.keepEditing'),
      onOk: onCancel,
    });
  };

  const idField = (f: (typeof IDENTIFICATION_FIELDS)[number]) => (
    <Col xs={24} sm={12} lg={8} key={f}>
      <Form.Item name={['content', 'identification', f]} label={t(`jd.field.identification.${f}`)}>
        <Input
          maxLength={
            f === 'directReports' || f === 'indirectReports' ? 500 : f === 'directSuperior' ? 200 : 80
          }
        />
      </Form.Item>
    </Col>
  );

  return (
    <Form<JdFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={() => setDirty(true)}
      onFinish={() => void save()}
      disabled={saving}
      data-testid="jd-editor"
      scrollToFirstError
    >
      <Flex vertical gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {draft ? t('jd.editDraftTitle', { n: draft.versionNo }) : t('jd.newDraftTitle')}
        </Typography.Title>

        <SectionCard id="documentControl" title={t('jd.section.documentControl')}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name={['documentControl', 'docNo']} label={t('jd.field.documentControl.docNo')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                name={['documentControl', 'effectiveDate']}
                label={t('jd.field.documentControl.effectiveDate')}
                getValueProps={(v: string | null) => ({ value: v ? dayjs(v) : null })}
                normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {(['preparedBy', 'reviewedBy', 'approvedBy'] as const).map((f) => (
              <Col xs={24} sm={12} lg={8} key={f}>
                <Form.Item name={['documentControl', f]} label={t(`jd.field.documentControl.${f}`)}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </SectionCard>

        <SectionCard id="identification" title={t('jd.section.identification')}>
          <Row gutter={16}>{IDENTIFICATION_FIELDS.map(idField)}</Row>
        </SectionCard>

        <SectionCard id="summary" title={t('jd.section.summaryGroup')}>
          {(['summary', 'purpose', 'personalStandard'] as const).map((k) => (
            <Form.Item key={k} name={['content', k]} label={t(`jd.section.${k}`)} extra={t(`jd.hint.${k}`)}>
              <TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={LONG} showCount />
            </Form.Item>
          ))}
        </SectionCard>

        <SectionCard id="responsibilities" title={t('jd.section.responsibilities')}>
          <Form.List name={['content', 'responsibilities']}>
            {(fields, { add, remove, move }, { errors }) => (
              <Flex vertical gap={12}>
                <Form.ErrorList errors={errors} />
                {fields.length === 0 && <Typography.Text type="secondary">{t('jd.noneYet')}</Typography.Text>}
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={t('jd.responsibilityN', { n: index + 1 })}
                    extra={
                      <Flex gap={4}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('common.moveUp')}
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                        />
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('common.moveDown')}
                          disabled={index === fields.length - 1}
                          onClick={() => move(index, index + 1)}
                        />
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.remove')}
                          onClick={() => remove(field.name)}
                        />
                      </Flex>
                    }
                  >
                    <Form.Item name={[field.name, 'area']} label={t('jd.field.responsibilities.area')}>
                      <Input maxLength={80} />
                    </Form.Item>
                    <Form.Item label={t('jd.field.responsibilities.duties')} required={false}>
                      <StringListField name={[field.name, 'duties']} addLabel={t('jd.addDuty')} max={50} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'standards']}
                      label={t('jd.field.responsibilities.standards')}
                    >
                      <TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={LONG} />
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ area: '', duties: [''], standards: '' })}
                  disabled={fields.length >= 50}
                  block
                >
                  {t('jd.addResponsibility')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </SectionCard>

        <SectionCard id="relations" title={t('jd.section.relations')}>
          <Row gutter={16}>
            {(['internal', 'external'] as const).map((k) => (
              <Col xs={24} md={12} key={k}>
                <Form.Item name={['content', 'relations', k]} label={t(`jd.field.relations.${k}`)}>
                  <TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LONG} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </SectionCard>

        <SectionCard id="authority" title={t('jd.section.authority')}>
          <Form.List name={['content', 'authority']}>
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                <Form.ErrorList errors={errors} />
                {fields.map((field) => (
                  <Row gutter={8} key={field.key} wrap align="top">
                    <Col xs={24} sm={6}>
                      <Form.Item
                        name={[field.name, 'kind']}
                        style={{ marginBottom: 8 }}
                        aria-label={t('jd.field.authority.kind')}
                      >
                        <Select
                          options={AUTHORITY_KINDS.map((k) => ({ value: k, label: t(`authorityKind.${k}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={16}>
                      <Form.Item name={[field.name, 'description']} style={{ marginBottom: 8 }}>
                        <TextArea
                          autoSize={{ minRows: 1, maxRows: 6 }}
                          maxLength={500}
                          placeholder={t('jd.field.authority.description')}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'propose', description: '' })}
                  disabled={fields.length >= 30}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('jd.addAuthority')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Form.Item
            name={['content', 'authorityText']}
            label={t('jd.section.authorityText')}
            extra={t('jd.hint.authorityText')}
            style={{ marginTop: 16 }}
          >
            <TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LONG} />
          </Form.Item>
        </SectionCard>

        <SectionCard id="qualifications" title={t('jd.section.qualifications')}>
          <Row gutter={16}>
            {QUALIFICATION_TEXT_FIELDS.map((f) => (
              <Col xs={24} sm={12} lg={8} key={f}>
                <Form.Item name={['content', 'qualifications', f]} label={t(`jd.field.qualifications.${f}`)}>
                  <Input
                    maxLength={f === 'experience' ? 500 : f === 'education' || f === 'health' ? 200 : 40}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item
            name={['content', 'qualifications', 'knowledge']}
            label={t('jd.field.qualifications.knowledge')}
          >
            <TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LONG} />
          </Form.Item>
          <Row gutter={16}>
            {QUALIFICATION_LIST_FIELDS.map((f) => (
              <Col xs={24} lg={8} key={f}>
                <Form.Item label={t(`jd.field.qualifications.${f}`)}>
                  <StringListField
                    name={['content', 'qualifications', f]}
                    addLabel={t('jd.addItem')}
                    max={50}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name={['content', 'qualifications', 'other']} label={t('jd.field.qualifications.other')}>
            <TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={LONG} />
          </Form.Item>
        </SectionCard>

        <SectionCard id="promotionPath" title={t('jd.section.promotionPath')}>
          <Typography.Paragraph type="secondary">{t('jd.hint.promotionPath')}</Typography.Paragraph>
          <StringListField
            name={['content', 'promotionPath']}
            addLabel={t('jd.addStep')}
            max={20}
            placeholder={t('jd.stepPlaceholder')}
          />
        </SectionCard>

        <SectionCard id="conditions" title={t('jd.section.conditions')}>
          <Row gutter={16}>
            {(['environment', 'hours', 'tools'] as const).map((k) => (
              <Col xs={24} lg={8} key={k}>
                <Form.Item name={['content', k]} label={t(`jd.section.${k}`)}>
                  <TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name={['content', 'other']} label={t('jd.section.other')}>
            <TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LONG} />
          </Form.Item>
        </SectionCard>

        <Flex gap={8} justify="flex-end" wrap className="zz-sticky-actions">
          <Button onClick={cancel} disabled={false}>
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            data-testid="jd-save"
          >
            {t('jd.saveDraft')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
