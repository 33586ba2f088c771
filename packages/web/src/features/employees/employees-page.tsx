import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Employee, EmployeeStatus } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { EmployeeFormModal } from './employee-form.tsx';
import { EMPLOYEE_STATUSES, EmployeeStatusTag } from './employee-status.tsx';

function isStatus(v: string | undefined): v is EmployeeStatus {
  return !!v && (EMPLOYEE_STATUSES as string[]).includes(v);
}

export default function EmployeesPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery();
  const unitId = Number(tq.filter('unitId')) || undefined;
  const statusParam = tq.filter('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const query = { ...tq.apiQuery, unitId, status };
  const list = useApi(JSON.stringify(query), (signal) => api.employees.list(query, signal));
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Employee> = [
    {
      key: 'name',
      title: t('employees.name'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      fixed: 'left',
      render: (_, e) => <Link to={`/employees/${e.id}`}>{e.name}</Link>,
    },
    {
      key: 'position',
      title: t('employees.position'),
      render: (_, e) => {
        const current = e.assignments.filter((a) => !a.endDate);
        return current.length === 0
          ? '\u2014'
          : current.map((a) => (
              <div key={a.id}>
                {a.positionName}
                <span style={{ color: '#8c8c8c' }}>{` \u00b7 ${a.unitName}`}</span>
              </div>
            ));
      },
    },
    { key: 'mobile', title: t('employees.mobile'), dataIndex: 'mobile' },
    {
      key: 'hireDate',
      title: t('employees.hireDate'),
      dataIndex: 'hireDate',
      sorter: true,
      sortOrder: tq.sortOrderFor('hireDate'),
    },
    {
      key: 'status',
      title: t('employees.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, e) => <EmployeeStatusTag status={e.status} />,
    },
    { key: 'mentorName', title: t('employees.mentor'), dataIndex: 'mentorName' },
    { key: 'username', title: t('employees.username'), dataIndex: 'username' },
  ];

  const filtered = !!(tq.q || unitId || status);

  return (
    <>
      <PageHeader
        title={t('employees.title')}
        extra={
          can('employee.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="employee-create"
            >
              {t('employees.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('employees.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
          <Select<EmployeeStatus>
            allowClear
            value={status}
            onChange={(v) => tq.set({ status: v })}
            placeholder={t('employees.allStatuses')}
            options={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employeeStatus.${s}`) }))}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
          />
          <UnitTreeSelect
            value={unitId ?? null}
            onChange={(v) => tq.set({ unitId: v })}
            placeholder={t('common.allUnits')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <div data-testid="employees-table">
            <Table<Employee>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              onChange={tq.onTableChange}
              pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('common.noMatch') : t('employees.empty')}
                  />
                ),
              }}
            />
          </div>
        )}
      </Card>
      {creating && (
        <EmployeeFormModal
          open
          onClose={() => setCreating(false)}
          onSaved={(e) => {
            setCreating(false);
            navigate(`/employees/${e.id}`);
          }}
        />
      )}
    </>
  );
}
