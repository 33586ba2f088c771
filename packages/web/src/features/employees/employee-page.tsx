import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Modal,
  Row,
  Select,
  Table,
  Tag,
} from 'antd';
import type { Assignment } from '@zuzhang/api-schema';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useFormErrorHandler } from '../../app/errors.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { PositionSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { EmployeeFormModal } from './employee-form.tsx';
import { EmployeeStatusTag } from './employee-status.tsx';

const dateProps = {
  getValueProps: (v: string | null) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

interface AssignValues {
  positionId: number;
  kind: 'primary' | 'concurrent';
  startDate: string;
  endDate: string | null;
}

function AddAssignmentModal({
  employeeId,
  onClose,
  onSaved,
}: {
  employeeId: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<AssignValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.assignments.create({ employeeId, ...v, endDate: v.endDate ?? null });
      onSaved();
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('assignments.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<AssignValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'primary', startDate: todayString(), endDate: null }}
      >
        <Form.Item name="positionId" label={t('assignments.position')} rules={[{ required: true }]}>
          <PositionSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('assignments.kind')}
          rules={[{ required: true }]}
          extra={t('assignments.kindHint')}
        >
          <Select
            options={(['primary', 'concurrent'] as const).map((k) => ({
              value: k,
              label: t(`assignmentKind.${k}`),
            }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="startDate"
              label={t('assignments.startDate')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="endDate" label={t('assignments.endDate')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function EndAssignmentModal({
  assignment,
  onClose,
  onSaved,
}: {
  assignment: Assignment;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ endDate: string }>();
  const [saving, setSaving] = useState(false);
  const handleError = useFormErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      await api.assignments.end(assignment.id, v.endDate);
      onSaved();
    } catch (err) {
      handleError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('assignments.endTitle', { position: assignment.positionName })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('assignments.end')}
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ endDate: todayString() }}>
        <Form.Item
          name="endDate"
          label={t('assignments.endDate')}
          rules={[
            { required: true },
            {
              validator: (_, v: string | null) =>
                v && v < assignment.startDate
                  ? Promise.reject(new Error(t('assignments.endBeforeStart', { date: assignment.startDate })))
                  : Promise.resolve(),
            },
          ]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function EmployeePage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { id } = useParams();
  const employeeId = Number(id);
  const valid = Number.isInteger(employeeId) && employeeId > 0;
  const employee = useApi(valid ? `employee:${employeeId}` : null, (signal) =>
    api.employees.get(employeeId, signal),
  );
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Assignment | null>(null);

  if (!valid) return <NotFound />;
  if (employee.error && !employee.data)
    return <ErrorState error={employee.error} onRetry={employee.reload} />;
  if (!employee.data) return <PageLoading />;
  const e = employee.data;
  const canManage = can('employee.manage');
  const assignments = [...e.assignments].sort(
    (a, b) => Number(!!a.endDate) - Number(!!b.endDate) || b.startDate.localeCompare(a.startDate),
  );

  return (
    <>
      <PageHeader
        title={e.name}
        subTitle={<EmployeeStatusTag status={e.status} />}
        backTo="/employees"
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="employee-edit">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('employees.details')}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'name', label: t('employees.name'), children: e.name },
              { key: 'mobile', label: t('employees.mobile'), children: e.mobile },
              {
                key: 'status',
                label: t('employees.status'),
                children: <EmployeeStatusTag status={e.status} />,
              },
              { key: 'hireDate', label: t('employees.hireDate'), children: formatDate(e.hireDate) },
              {
                key: 'probationEnd',
                label: t('employees.probationEnd'),
                children: formatDate(e.probationEnd) || '\u2014',
              },
              {
                key: 'mentor',
                label: t('employees.mentor'),
                children:
                  e.mentorId && e.mentorName ? (
                    <Link to={`/employees/${e.mentorId}`}>{e.mentorName}</Link>
                  ) : (
                    '\u2014'
                  ),
              },
              { key: 'username', label: t('employees.username'), children: e.username ?? '\u2014' },
            ]}
          />
        </Card>
        <Card
          title={t('assignments.title')}
          extra={
            canManage && (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="assignment-add">
                {t('assignments.add')}
              </Button>
            )
          }
        >
          <Table<Assignment>
            size="small"
            rowKey="id"
            dataSource={assignments}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignments.empty')} />,
            }}
            columns={[
              {
                key: 'position',
                title: t('assignments.position'),
                render: (_, a) => <Link to={`/positions/${a.positionId}`}>{a.positionName}</Link>,
              },
              { key: 'unit', title: t('positions.unit'), dataIndex: 'unitName' },
              {
                key: 'kind',
                title: t('assignments.kind'),
                render: (_, a) => (
                  <Tag color={a.kind === 'primary' ? 'blue' : 'default'}>{t(`assignmentKind.${a.kind}`)}</Tag>
                ),
              },
              { key: 'start', title: t('assignments.startDate'), render: (_, a) => formatDate(a.startDate) },
              {
                key: 'end',
                title: t('assignments.endDate'),
                render: (_, a) =>
                  a.endDate ? formatDate(a.endDate) : <Tag color="green">{t('assignments.current')}</Tag>,
              },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_: unknown, a: Assignment) =>
                        !a.endDate || a.endDate > todayString() ? (
                          <Button size="small" danger icon={<StopOutlined />} onClick={() => setEnding(a)}>
                            {t('assignments.end')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Flex>
      {editing && (
        <EmployeeFormModal
          open
          employee={e}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            employee.setData(saved);
            void message.success(t('common.saved'));
          }}
          onConflict={() => {
            setEditing(false);
            employee.reload();
          }}
        />
      )}
      {adding && (
        <AddAssignmentModal
          employeeId={e.id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            employee.reload();
            void message.success(t('common.saved'));
          }}
        />
      )}
      {ending && (
        <EndAssignmentModal
          assignment={ending}
          onClose={() => setEnding(null)}
          onSaved={() => {
            setEnding(null);
            employee.reload();
            void message.success(t('common.saved'));
          }}
        />
      )}
    </>
  );
}
