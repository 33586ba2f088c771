import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { Contract, FileRef } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { FileLink, FileUploadButton } from '../sales-common/files.tsx';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  no: string;
  customerId: number;
  ownerEmployeeId?: number | null;
  signedOn?: string | null;
  startOn: string;
  endOn?: string | null;
  amountFen: number;
  paymentDays: number;
  paymentTerms?: string;
}

/** A draft contract: created, or edited while still a draft. */
export function ContractFormModal({
  contract,
  customerId,
  onClose,
  onSaved,
  onConflict,
}: {
  contract?: Contract;
  customerId?: number;
  onClose: () => void;
  onSaved: (c: Contract) => void;
  onConflict?: () => void;
}) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [attachments, setAttachments] = useState<FileRef[]>(contract?.attachments ?? []);
  const handleError = useSaveErrorHandler();
  const mayAssign = me.scope.level !== 'own' || me.user.isAdmin;
  const startOn = Form.useWatch('startOn', form);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const common = {
      no: v.no.trim(),
      signedOn: v.signedOn ?? null,
      startOn: v.startOn,
      endOn: v.endOn ?? null,
      amountFen: v.amountFen,
      paymentTerms: (v.paymentTerms ?? '').trim(),
      paymentDays: v.paymentDays,
      attachmentFileIds: attachments.map((a) => a.id),
    };
    try {
      onSaved(
        contract
          ? await api.contracts.update(contract.id, {
              ...common,
              ...(v.ownerEmployeeId ? { ownerEmployeeId: v.ownerEmployeeId } : {}),
              version: contract.version,
            })
          : await api.contracts.create({
              ...common,
              customerId: v.customerId,
              ...(v.ownerEmployeeId ? { ownerEmployeeId: v.ownerEmployeeId } : {}),
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
      title={contract ? t('contracts.editTitle') : t('contracts.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          contract
            ? {
                no: contract.no,
                customerId: contract.customerId,
                ownerEmployeeId: contract.ownerEmployeeId,
                signedOn: contract.signedOn,
                startOn: contract.startOn ?? todayString(),
                endOn: contract.endOn,
                amountFen: contract.amountFen,
                paymentDays: contract.paymentDays,
                paymentTerms: contract.paymentTerms,
              }
            : { customerId, startOn: todayString(), paymentDays: 30, signedOn: null, endOn: null }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="no"
              label={t('contracts.no')}
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input maxLength={40} placeholder={t('contracts.noHint')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
              <CustomerSelect disabled={!!contract} initialLabel={contract?.customerName} />
            </Form.Item>
          </Col>
          {mayAssign && (
            <Col xs={24} sm={12}>
              <Form.Item name="ownerEmployeeId" label={t('ledger.owner')} extra={t('contracts.ownerHint')}>
                <EmployeeSelect initialLabel={contract?.ownerName} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="amountFen" label={t('contracts.amount')} rules={[{ required: true }]}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="signedOn" label={t('contracts.signedOn')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="startOn"
              label={t('contracts.startOn')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="endOn"
              label={t('contracts.endOn')}
              dependencies={['startOn']}
              rules={[
                {
                  validator: (_, v: string | null) =>
                    v && startOn && v < startOn
                      ? Promise.reject(new Error(t('contracts.endBeforeStart')))
                      : Promise.resolve(),
                },
              ]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="paymentDays"
              label={t('contracts.paymentDays')}
              tooltip={t('contracts.paymentDaysHint')}
              rules={[{ required: true }]}
            >
              <InputNumber<number>
                min={0}
                max={3650}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('products.days')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="paymentTerms" label={t('contracts.paymentTerms')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('contracts.paymentTermsHint')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('contracts.attachments')}>
          <Flex vertical gap={6}>
            {attachments.map((a) => (
              <Flex key={a.id} gap={8} align="center">
                <FileLink file={a} />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => setAttachments((list) => list.filter((x) => x.id !== a.id))}
                />
              </Flex>
            ))}
            <div>
              <FileUploadButton
                onUploaded={(f) =>
                  setAttachments((list) => [...list, { id: f.id, name: f.name, mime: f.mime, size: f.size }])
                }
                label={t('contracts.addAttachment')}
              />
            </div>
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}
