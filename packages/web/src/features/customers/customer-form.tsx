import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  Divider,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Segmented,
  Select,
} from 'antd';
import type {
  CreateCustomerBody,
  CustomerCategory,
  CustomerDetail,
  CustomerDuplicate,
  CustomerKind,
  CustomerSource,
} from '@zuzhang/api-schema';
import { MOBILE_CN, normalizeCreditCode, validateCreditCode } from '@zuzhang/domain';
import { useState } from 'react';
import { api, isApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { CUSTOMER_CATEGORIES, CUSTOMER_KINDS, CUSTOMER_SOURCES } from '../sales-common/enums.ts';
import { bodyField } from '../sales-common/form-helpers.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { DuplicateList } from './duplicate-list.tsx';
import { useCustomerSettings } from './use-customer-settings.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface ContactValues {
  name: string;
  role?: string;
  mobile?: string;
  wechat?: string;
  isPrimary?: boolean;
}

interface Values {
  kind: CustomerKind;
  name: string;
  category: CustomerCategory;
  level?: string;
  region?: string;
  industry?: string;
  source: CustomerSource;
  referrerCustomerId?: number | null;
  creditCode?: string;
  creditCodeOverride?: string;
  mobile?: string;
  address?: string;
  note?: string;
  ownerMode: 'me' | 'other' | 'pool';
  ownerEmployeeId?: number | null;
  contacts: ContactValues[];
}

const stripSpaces = (v: string | undefined) => (v ?? '').replace(/\s+/g, '');
const orNull = (v: string | undefined | null) => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

/** The credit code as the server will read it, and what is wrong with it. */
function creditCodeState(raw: string | undefined) {
  const code = normalizeCreditCode(raw ?? '');
  if (code === '') return { code, result: null };
  return { code, result: validateCreditCode(code) };
}

/**
 * Creates a customer (with contacts and, for leads, the owner), or edits one (contacts and owner are
 * changed on the customer page). Looks for duplicates (same name, mobile or credit code) before saving.
 */
export function CustomerFormModal({
  customer,
  onClose,
  onSaved,
  onConflict,
}: {
  customer?: CustomerDetail;
  onClose: () => void;
  onSaved: (c: CustomerDetail) => void;
  onConflict?: () => void;
}) {
  const t = useT();
  const me = useMe();
  const settings = useCustomerSettings();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [duplicates, setDuplicates] = useState<CustomerDuplicate[]>([]);
  const [serverDuplicates, setServerDuplicates] = useState<string[]>([]);
  const handleError = useSaveErrorHandler();
  const kind = Form.useWatch('kind', form) ?? customer?.kind ?? 'company';
  const source = Form.useWatch('source', form);
  const ownerMode = Form.useWatch('ownerMode', form);
  const creditCode = Form.useWatch('creditCode', form);
  const credit = creditCodeState(creditCode);
  const checkFails = credit.result !== null && !credit.result.ok && credit.result.kind === 'check';
  const mayAssign = !customer && (me.scope.level !== 'own' || me.user.isAdmin);

  const initial: Partial<Values> = customer
    ? {
        kind: customer.kind,
        name: customer.name,
        category: customer.category,
        level: customer.level,
        region: customer.region,
        industry: customer.industry,
        source: customer.source,
        referrerCustomerId: customer.referrerCustomerId,
        creditCode: customer.creditCode ?? '',
        creditCodeOverride: customer.creditCodeOverride ?? '',
        mobile: customer.mobile ?? '',
        address: customer.address,
        note: customer.note,
        ownerMode: 'me',
        contacts: [],
      }
    : {
        kind: 'company',
        category: 'end_customer',
        source: 'visit',
        ownerMode: 'me',
        contacts: [{ name: '', role: '', mobile: '', wechat: '', isPrimary: true }],
      };

  /** Asks the server for existing customers with the same name, mobiles or credit code. */
  const findDuplicates = async (v: Partial<Values>): Promise<CustomerDuplicate[]> => {
    const mobiles = [v.mobile, ...(v.contacts ?? []).map((c) => c?.mobile)]
      .map((m) => stripSpaces(m))
      .filter((m) => MOBILE_CN.test(m));
    const code = creditCodeState(v.creditCode).code;
    const name = (v.name ?? '').trim();
    if (!name && mobiles.length === 0 && !code) return [];
    const res = await api.customers.checkDuplicates({
      name: name || undefined,
      mobiles: [...new Set(mobiles)],
      creditCode: code || undefined,
      excludeCustomerId: customer?.id,
    });
    // Editing: the existing name, mobile and code are the customer's own; only changes count.
    return res.duplicates.filter(
      (d) =>
        !customer ||
        !(
          (d.field === 'name' && d.value === customer.name) ||
          (d.field === 'mobile' && d.value === customer.mobile) ||
          (d.field === 'creditCode' && d.value === customer.creditCode)
        ),
    );
  };

  const recheck = () => {
    findDuplicates(form.getFieldsValue(true) as Partial<Values>).then(
      (found) => {
        setDuplicates(found);
        setServerDuplicates([]);
      },
      () => undefined, // the check on save reports any failure
    );
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const found = await findDuplicates(v);
      setDuplicates(found);
      setServerDuplicates([]);
      if (found.length > 0) return;
      const common = {
        name: v.name.trim(),
        kind: v.kind,
        category: v.category,
        region: (v.region ?? '').trim(),
        industry: (v.industry ?? '').trim(),
        source: v.source,
        referrerCustomerId: v.source === 'referral' ? (v.referrerCustomerId ?? null) : null,
        creditCode: v.kind === 'company' ? orNull(credit.code) : null,
        creditCodeOverride: v.kind === 'company' && checkFails ? orNull(v.creditCodeOverride) : null,
        mobile: orNull(stripSpaces(v.mobile)),
        address: (v.address ?? '').trim(),
        note: (v.note ?? '').trim(),
      };
      let saved: CustomerDetail;
      if (customer) {
        saved = await api.customers.update(customer.id, {
          ...common,
          level: v.level,
          version: customer.version,
        });
      } else {
        const body: CreateCustomerBody = {
          ...common,
          level: v.level,
          contacts: (v.contacts ?? [])
            .filter((c) => c && c.name && c.name.trim())
            .map((c) => ({
              name: c.name.trim(),
              role: (c.role ?? '').trim(),
              mobile: orNull(stripSpaces(c.mobile)),
              wechat: (c.wechat ?? '').trim(),
              isPrimary: !!c.isPrimary,
            })),
        };
        if (v.ownerMode === 'other' && v.ownerEmployeeId) body.ownerEmployeeId = v.ownerEmployeeId;
        if (v.ownerMode === 'pool') body.ownerEmployeeId = null;
        saved = await api.customers.create(body);
      }
      onSaved(saved);
    } catch (err) {
      // A 409 with details is the server's own duplicate check (someone entered it a moment ago).
      if (isApiError(err) && err.status === 409 && err.details.length > 0) {
        setServerDuplicates(err.details.map((d) => d.message));
        return;
      }
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };

  const structureRule = {
    validator: (_: unknown, raw: string | undefined) => {
      const s = creditCodeState(raw);
      if (s.result && !s.result.ok && s.result.kind === 'structure')
        return Promise.reject(
          new Error(t(`customers.creditCode.${s.result.reason}`, { position: s.result.position ?? 0 })),
        );
      return Promise.resolve();
    },
  };

  return (
    <Modal
      open
      title={customer ? t('customers.editTitle') : t('customers.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'customer-save' }}
      confirmLoading={saving}
      destroyOnHidden
      width={760}
    >
      <DuplicateList duplicates={duplicates} serverMessages={serverDuplicates} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          if ('name' in changed || 'mobile' in changed || 'creditCode' in changed || 'contacts' in changed)
            setDuplicates([]);
        }}
      >
        <Form.Item name="kind" label={t('customers.kind')}>
          <Segmented<CustomerKind>
            options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customerKind.${k}`) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={kind === 'company' ? t('customers.companyName') : t('customers.personName')}
              rules={[
                { required: true, whitespace: true, message: t('customers.nameRequired') },
                { max: 100 },
              ]}
            >
              <Input maxLength={100} onBlur={recheck} data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="mobile"
              label={t('customers.mobile')}
              normalize={(v: string) => v.replace(/\s+/g, '')}
              rules={[{ pattern: MOBILE_CN, message: t('customers.mobileInvalid') }]}
            >
              <Input inputMode="numeric" maxLength={11} placeholder="13800138000" onBlur={recheck} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={t('customers.category')} rules={[{ required: true }]}>
              <Select
                options={CUSTOMER_CATEGORIES.map((c) => ({ value: c, label: t(`customerCategory.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="level" label={t('customers.level')} tooltip={t('customers.levelHint')}>
              <Select
                allowClear
                loading={settings.loading}
                options={(settings.data?.levels ?? []).map((l) => ({ value: l, label: l }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="region" label={t('customers.region')} rules={[{ max: 40 }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="industry" label={t('customers.industry')} rules={[{ max: 40 }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="source" label={t('customers.source')} rules={[{ required: true }]}>
              <Select
                options={CUSTOMER_SOURCES.map((s) => ({ value: s, label: t(`customerSource.${s}`) }))}
              />
            </Form.Item>
          </Col>
          {source === 'referral' && (
            <Col xs={24} sm={8}>
              <Form.Item
                name="referrerCustomerId"
                label={t('customers.referrer')}
                rules={[{ required: true, message: t('customers.referrerRequired') }]}
              >
                <CustomerSelect initialLabel={customer?.referrerName} exclude={customer?.id} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {kind === 'company' && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="creditCode"
                label={t('customers.creditCode')}
                extra={t('customers.creditCodeHint')}
                rules={[structureRule]}
              >
                <Input maxLength={40} onBlur={recheck} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            {checkFails && (
              <Col xs={24} sm={12}>
                <Form.Item
                  name="creditCodeOverride"
                  label={t('customers.creditCodeOverride')}
                  rules={[
                    { required: true, whitespace: true, message: t('customers.creditCodeOverrideRequired') },
                  ]}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={200}
                    placeholder={t('customers.creditCodeOverrideHint')}
                  />
                </Form.Item>
              </Col>
            )}
            {checkFails && credit.result && !credit.result.ok && credit.result.kind === 'check' && (
              <Col span={24}>
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('customers.creditCodeCheckWarn', { expected: credit.result.expected })}
                />
              </Col>
            )}
          </Row>
        )}
        <Form.Item name="address" label={t('customers.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('ledger.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {mayAssign && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="ownerMode" label={t('ledger.owner')}>
                <Radio.Group
                  options={[
                    { value: 'me', label: t('customers.ownerMe') },
                    { value: 'other', label: t('customers.ownerOther') },
                    { value: 'pool', label: t('customers.ownerPool') },
                  ]}
                />
              </Form.Item>
            </Col>
            {ownerMode === 'other' && (
              <Col xs={24} sm={12}>
                <Form.Item
                  name="ownerEmployeeId"
                  label={t('customers.ownerPick')}
                  rules={[{ required: true, message: t('customers.ownerRequired') }]}
                >
                  <EmployeeSelect />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {!customer && (
          <>
            <Divider titlePlacement="start" style={{ marginTop: 0 }}>
              {t('customers.contacts')}
            </Divider>
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top">
                      <Col xs={12} sm={5}>
                        <Form.Item
                          name={[f.name, 'name']}
                          label={t('customers.contactName')}
                          rules={[{ max: 40 }]}
                        >
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={4}>
                        <Form.Item
                          name={[f.name, 'role']}
                          label={t('customers.contactRole')}
                          rules={[{ max: 40 }]}
                        >
                          <Input maxLength={40} placeholder={t('customers.contactRoleHint')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={5}>
                        <Form.Item
                          name={[f.name, 'mobile']}
                          label={t('customers.mobile')}
                          normalize={(v: string) => v.replace(/\s+/g, '')}
                          rules={[{ pattern: MOBILE_CN, message: t('customers.mobileInvalid') }]}
                        >
                          <Input inputMode="numeric" maxLength={11} onBlur={recheck} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={5}>
                        <Form.Item
                          name={[f.name, 'wechat']}
                          label={t('customers.wechat')}
                          rules={[{ max: 60 }]}
                        >
                          <Input maxLength={60} />
                        </Form.Item>
                      </Col>
                      <Col xs={18} sm={3}>
                        <Form.Item name={[f.name, 'isPrimary']} valuePropName="checked" label=" ">
                          <Checkbox
                            onChange={(e) => {
                              if (!e.target.checked) return;
                              // One primary contact: ticking one unticks the others.
                              const list = (form.getFieldValue('contacts') as ContactValues[]) ?? [];
                              form.setFieldValue(
                                'contacts',
                                list.map((c, i) => ({ ...c, isPrimary: i === f.name })),
                              );
                            }}
                          >
                            {t('customers.primary')}
                          </Checkbox>
                        </Form.Item>
                      </Col>
                      <Col xs={6} sm={2}>
                        <Form.Item label=" ">
                          <Button
                            type="text"
                            danger
                            icon={<MinusCircleOutlined />}
                            aria-label={t('common.remove')}
                            onClick={() => remove(f.name)}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  {fields.length < 20 && (
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add({ name: '', role: '', mobile: '', wechat: '', isPrimary: fields.length === 0 })
                      }
                    >
                      {t('customers.addContact')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
