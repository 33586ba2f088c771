import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { DataScope, Position } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useFormErrorHandler } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { PositionSelect, RoleSelect, UnitTreeSelect } from '../../app/pickers.tsx';

const SCOPES: DataScope[] = ['own', 'subordinates', 'unit', 'unit_tree', 'company'];

interface Values {
  unitId: number;
  reportsToId: number | null;
  name: string;
  code: string;
  headcountPlanned: number;
  headcountNote: string;
  category: string;
  payBand: string;
  roleId: number;
  dataScope: DataScope;
}

/** Creates a position, or edits one when `position` is given (sends only what changed, with its version). */
export function PositionFormModal({
  open,
  position,
  onClose,
  onSaved,
  onConflict,
}: {
  open: boolean;
  position?: Position;
  onClose: () => void;
  onSaved: (p: Position) => void;
  onConflict?: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();

  const initial: Partial<Values> = position
    ? {
        unitId: position.unitId,
        reportsToId: position.reportsToId,
        name: position.name,
        code: position.code,
        headcountPlanned: position.headcountPlanned,
        headcountNote: position.headcountNote,
        category: position.category,
        payBand: position.payBand,
        roleId: position.roleId,
        dataScope: position.dataScope,
      }
    : {
        headcountPlanned: 1,
        headcountNote: '',
        category: '',
        payBand: '',
        dataScope: 'own',
        reportsToId: null,
      };

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    setSaving(true);
    try {
      const body = { ...values, reportsToId: values.reportsToId ?? null };
      const saved = position
        ? await api.org.updatePosition(position.id, { ...body, version: position.version })
        : await api.org.createPosition(body);
      onSaved(saved);
    } catch (err) {
      handleError(form, err, onConflict);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={position ? t('positions.editTitle') : t('positions.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('positions.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="code" label={t('positions.code')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('positions.unit')} rules={[{ required: true }]}>
              <UnitTreeSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="reportsToId" label={t('positions.reportsTo')}>
              <PositionSelect
                initialLabel={position?.reportsToName}
                filter={position ? (p) => p.id !== position.id : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="headcountPlanned"
              label={t('positions.headcountPlanned')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="headcountNote"
              label={t('positions.headcountNote')}
              tooltip={t('positions.headcountNoteHint')}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label={t('positions.category')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="payBand" label={t('positions.payBand')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="roleId" label={t('positions.role')} rules={[{ required: true }]}>
              <RoleSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dataScope" label={t('positions.dataScope')} rules={[{ required: true }]}>
              <Select options={SCOPES.map((s) => ({ value: s, label: t(`dataScope.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
