import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Employee, EmployeeStatus } from '@zuzhang/api-schema';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useFormErrorHandler } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { EMPLOYEE_STATUSES, MOBILE_CN } from './employee-status.tsx';

interface Values {
  name: string;
  mobile: string;
  hireDate: string;
  probationEnd: string | null;
  status: EmployeeStatus;
  mentorId: number | null;
}

const dateProps = {
  getValueProps: (v: string | null) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** Creates an employee, or edits one when `employee` is given (with its version, so a stale edit is a 409). */
export function EmployeeFormModal({
  open,
  employee,
  onClose,
  onSaved,
  onConflict,
}: {
  open: boolean;
  employee?: Employee;
  onClose: () => void;
  onSaved: (e: Employee) => void;
  onConflict?: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();

  const initial: Partial<Values> = employee
    ? {
        name: employee.name,
        mobile: employee.mobile,
        hireDate: employee.hireDate,
        probationEnd: employee.probationEnd,
        status: employee.status,
        mentorId: employee.mentorId,
      }
    : { status: 'probation', probationEnd: null, mentorId: null, hireDate: dayjs().format('YYYY-MM-DD') };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const body = {
        name: v.name.trim(),
        mobile: v.mobile.trim(),
        hireDate: v.hireDate,
        probationEnd: v.probationEnd ?? null,
        status: v.status,
        mentorId: v.mentorId ?? null,
      };
      const saved = employee
        ? await api.employees.update(employee.id, { ...body, version: employee.version })
        : await api.employees.create(body);
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
      title={employee ? t('employees.editTitle') : t('employees.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('employees.name')}
              rules={[{ required: true, whitespace: true, max: 40 }]}
            >
              <Input maxLength={40} data-testid="employee-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="mobile"
              label={t('employees.mobile')}
              rules={[
                { required: true, message: t('employees.mobileRequired') },
                { pattern: MOBILE_CN, message: t('employees.mobileInvalid') },
              ]}
              normalize={(v: string) => v.replace(/\s+/g, '')}
            >
              <Input
                inputMode="numeric"
                maxLength={11}
                placeholder="13800138000"
                data-testid="employee-mobile"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="hireDate"
              label={t('employees.hireDate')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="probationEnd"
              label={t('employees.probationEnd')}
              dependencies={['hireDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | null) => {
                    const hire = getFieldValue('hireDate') as string | null;
                    return v && hire && v < hire
                      ? Promise.reject(new Error(t('employees.probationBeforeHire')))
                      : Promise.resolve();
                  },
                }),
              ]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('employees.status')} rules={[{ required: true }]}>
              <Select
                options={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employeeStatus.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mentorId" label={t('employees.mentor')} tooltip={t('employees.mentorHint')}>
              <EmployeeSelect
                initialLabel={employee?.mentorName}
                filter={employee ? (e) => e.id !== employee.id : undefined}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
