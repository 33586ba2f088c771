import { ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PayPlan } from '@zuzhang/api-schema';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { PositionSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { payApi } from './pay-api.ts';
import { PlanStatusTag } from './pay-format.tsx';

const STATUSES = ['draft', 'active', 'retired'] as const;
type Status = (typeof STATUSES)[number];

/** Pay plans (激励体制 / 惩罚体制) per position and version; drafts are edited, active ones pay. */
export default function PayPlansPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'effectiveFrom', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<Status>(STATUSES, statusParam) ? statusParam : undefined;
  const positionId = Number(tq.filter('positionId')) || undefined;
  const query = { ...tq.apiQuery, status, positionId };
  const list = useApi(`pay-plans:${JSON.stringify(query)}`, (signal) => payApi.plans.list(query, signal));

  const columns: TableColumnsType<PayPlan> = [
    {
      key: 'name',
      title: t('pay.planName'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      render: (_, p) => <Link to={`/pay-plans/${p.id}`}>{p.name || t('pay.untitledPlan')}</Link>,
    },
    { key: 'position', title: t('pay.position'), render: (_, p) => p.positionName },
    { key: 'versionNo', title: t('pay.versionCol'), align: 'right', render: (_, p) => p.versionNo },
    {
      key: 'effectiveFrom',
      title: t('pay.effective'),
      sorter: true,
      sortOrder: tq.sortOrderFor('effectiveFrom'),
      render: (_, p) =>
        `${formatDate(p.effectiveFrom)} ~ ${p.effectiveTo ? formatDate(p.effectiveTo) : t('pay.openEnded')}`,
    },
    {
      key: 'status',
      title: t('pay.statusCol'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, p) => <PlanStatusTag status={p.status} />,
    },
    {
      key: 'components',
      title: t('pay.components'),
      align: 'right',
      render: (_, p) => p.definition.components.length,
    },
    { key: 'createdBy', title: t('pay.createdBy'), render: (_, p) => p.createdBy ?? '' },
  ];

  return (
    <>
      <PageHeader
        title={t('pay.plansTitle')}
        subTitle={t('pay.plansSubtitle')}
        extra={
          <>
            <Button icon={<ExperimentOutlined />} onClick={() => navigate('/what-if')}>
              {t('pay.whatIf')}
            </Button>
            {can('payplan.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/pay-plans/new')}>
                {t('pay.newPlan')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<Status | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`pay.planStatus.${s}`) })),
            ]}
          />
          <PositionSelect
            value={positionId ?? null}
            onChange={(v) => tq.set({ positionId: v })}
            style={{ flex: '1 1 200px', maxWidth: 300 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PayPlan>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="pay-plans-table"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.plansEmpty')} />,
            }}
          />
        )}
      </Card>
    </>
  );
}
