import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Complaint, ComplaintSeverity, ComplaintStatus } from '@zuzhang/api-schema';
import { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES } from '@zuzhang/domain';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { EmployeeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { CustomerSelect } from '../sales-common/pickers.tsx';
import { ComplaintStatusTag, OverdueTag, SeverityTag } from '../sales-common/tags.tsx';
import { ComplaintCreateModal } from './complaint-forms.tsx';

/** Complaints: cases with severity, owner and deadline; overdue ones flagged. */
export default function ComplaintsPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'deadlineOn', order: 'asc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<ComplaintStatus>(COMPLAINT_STATUSES, statusParam) ? statusParam : undefined;
  const severityParam = tq.filter('severity');
  const severity = isOneOf<ComplaintSeverity>(COMPLAINT_SEVERITIES, severityParam)
    ? severityParam
    : undefined;
  const overdue = tq.filter('overdue') === 'true' ? ('true' as const) : undefined;
  const customerId = Number(tq.filter('customerId')) || undefined;
  const ownerEmployeeId = Number(tq.filter('ownerEmployeeId')) || undefined;
  const newParam = tq.filter('new');
  const query = { ...tq.apiQuery, status, severity, overdue, customerId, ownerEmployeeId };
  const list = useApi(`complaints:${JSON.stringify(query)}`, (signal) => api.complaints.list(query, signal));
  const [creating, setCreating] = useState(newParam === '1');
  const seesOthers = me.scope.level !== 'own' || me.user.isAdmin;

  const closeCreate = () => {
    setCreating(false);
    if (newParam) tq.set({ new: undefined });
  };

  const columns: TableColumnsType<Complaint> = [
    {
      key: 'title',
      title: t('complaints.titleField'),
      fixed: 'left',
      render: (_, c) => <Link to={`/complaints/${c.id}`}>{c.title}</Link>,
    },
    {
      key: 'customer',
      title: t('ledger.customer'),
      render: (_, c) => <Link to={`/customers/${c.customerId}?tab=complaints`}>{c.customerName}</Link>,
    },
    {
      key: 'severity',
      title: t('complaints.severity'),
      sorter: true,
      sortOrder: tq.sortOrderFor('severity'),
      render: (_, c) => <SeverityTag severity={c.severity} />,
    },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, c) => (
        <Flex gap={4} wrap>
          <ComplaintStatusTag status={c.status} />
          {c.overdue && <OverdueTag />}
        </Flex>
      ),
    },
    {
      key: 'receivedOn',
      title: t('complaints.receivedOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('receivedOn'),
      render: (_, c) => formatDate(c.receivedOn),
    },
    {
      key: 'deadlineOn',
      title: t('complaints.deadlineOn'),
      sorter: true,
      sortOrder: tq.sortOrderFor('deadlineOn'),
      render: (_, c) => formatDate(c.deadlineOn),
    },
    { key: 'owner', title: t('complaints.owner'), dataIndex: 'ownerName' },
  ];

  const filtered = !!(tq.q || status || severity || overdue || customerId || ownerEmployeeId);
  return (
    <>
      <PageHeader
        title={t('complaints.title')}
        extra={
          can('complaint.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="complaint-create"
            >
              {t('complaints.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters" align="center">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('complaints.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
          <Select<ComplaintStatus>
            allowClear
            value={status}
            onChange={(v) => tq.set({ status: v })}
            placeholder={t('contracts.allStatuses')}
            options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaintStatus.${s}`) }))}
            style={{ flex: '1 1 120px', maxWidth: 150 }}
          />
          <Select<ComplaintSeverity>
            allowClear
            value={severity}
            onChange={(v) => tq.set({ severity: v })}
            placeholder={t('complaints.anySeverity')}
            options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaintSeverity.${s}`) }))}
            style={{ flex: '1 1 120px', maxWidth: 150 }}
          />
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
          {seesOthers && (
            <EmployeeSelect
              value={ownerEmployeeId ?? null}
              onChange={(v) => tq.set({ ownerEmployeeId: v })}
              placeholder={t('complaints.anyOwner')}
              style={{ flex: '1 1 160px', maxWidth: 200 }}
            />
          )}
          <Checkbox
            checked={!!overdue}
            onChange={(e) => tq.set({ overdue: e.target.checked ? 'true' : undefined })}
          >
            {t('complaints.overdueOnly')}
          </Checkbox>
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Complaint>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            onRow={(c) => ({ style: c.overdue ? { background: '#fff1f0' } : undefined })}
            data-testid="complaints-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('complaints.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {creating && (
        <ComplaintCreateModal
          customerId={customerId}
          onClose={closeCreate}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/complaints/${c.id}`);
          }}
        />
      )}
    </>
  );
}
