import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PlanStatus, TargetMetric, TargetPlan } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { formatDateTime, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { CreatePlanModal } from './create-plan-modal.tsx';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { PLAN_STATUSES, TARGET_METRICS, formatTarget } from './target-format.ts';
import { targetsApi } from './targets-api.ts';

/** 目标计划: the plans per fiscal year and metric, their versions and status; planners create new ones here. */
export default function PlansPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'fiscalYear', order: 'desc' } });
  const fiscalYear = Number(tq.filter('fiscalYear')) || undefined;
  const metricParam = tq.filter('metric');
  const metric = TARGET_METRICS.includes(metricParam as TargetMetric)
    ? (metricParam as TargetMetric)
    : undefined;
  const statusParam = tq.filter('status');
  const status = PLAN_STATUSES.includes(statusParam as PlanStatus) ? (statusParam as PlanStatus) : undefined;
  const query = { ...tq.apiQuery, q: undefined, fiscalYear, metric, status };
  const list = useApi(`target-plans:${JSON.stringify(query)}`, (signal) => targetsApi.plans(query, signal));
  const [creating, setCreating] = useState(false);
  const thisYear = Number(todayString().slice(0, 4));

  const columns: TableColumnsType<TargetPlan> = [
    {
      key: 'fiscalYear',
      title: t('targets.fiscalYear'),
      sorter: true,
      sortOrder: tq.sortOrderFor('fiscalYear'),
      render: (_, p) => p.fiscalYear,
    },
    {
      key: 'name',
      title: t('targets.planName'),
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      render: (_, p) => (
        <Link to={`/plans/${p.id}`} data-testid="plan-link">
          {p.name}
        </Link>
      ),
    },
    {
      key: 'metric',
      title: t('targets.metric'),
      render: (_, p) => (p.category ? `${t(`metric.${p.metric}`)} · ${p.category}` : t(`metric.${p.metric}`)),
    },
    {
      key: 'versionNo',
      title: t('targets.versionNo'),
      sorter: true,
      sortOrder: tq.sortOrderFor('versionNo'),
      render: (_, p) => `v${p.versionNo}`,
    },
    { key: 'status', title: t('ledger.status'), render: (_, p) => <PlanStatusTag status={p.status} /> },
    {
      key: 'target',
      title: t('targets.companyTarget'),
      align: 'right',
      render: (_, p) => formatTarget(p.metric, p.companyTarget?.target),
    },
    {
      key: 'createdAt',
      title: t('targets.createdAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, p) => `${formatDateTime(p.createdAt)} ${p.createdBy ?? ''}`,
    },
    {
      key: 'publishedAt',
      title: t('targets.publishedAt'),
      render: (_, p) =>
        p.publishedAt ? `${formatDateTime(p.publishedAt)} ${p.publishedBy ?? ''}` : '\u2014',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('targets.plansTitle')}
        subTitle={t('targets.plansSubtitle')}
        extra={
          can('target.plan') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="plan-create"
            >
              {t('targets.createPlan')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Select<number>
            value={fiscalYear}
            onChange={(v) => tq.set({ fiscalYear: v })}
            allowClear
            placeholder={t('targets.anyYear')}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
              value: y,
              label: y,
            }))}
            style={{ width: 130 }}
          />
          <Select<TargetMetric>
            value={metric}
            onChange={(v) => tq.set({ metric: v })}
            allowClear
            placeholder={t('targets.anyMetric')}
            options={TARGET_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
            style={{ width: 150 }}
          />
          <Segmented<PlanStatus | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...PLAN_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) })),
            ]}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<TargetPlan>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="plans-table"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noPlans')} />,
            }}
          />
        )}
      </Card>
      {creating && (
        <CreatePlanModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/plans/${id}`);
          }}
        />
      )}
    </>
  );
}
