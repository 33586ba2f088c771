import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Table, Tabs, Tag } from 'antd';
import type { OrgChartUnitT } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { JdPanel } from '../jd/jd-panel.tsx';
import { PositionFormModal } from './position-form.tsx';

type ChartPosition = OrgChartUnitT['positions'][number];

function findInChart(units: OrgChartUnitT[], positionId: number): ChartPosition | undefined {
  for (const u of units) {
    const p = u.positions.find((x) => x.id === positionId) ?? findInChart(u.children, positionId);
    if (p) return p;
  }
  return undefined;
}

export default function PositionPage() {
  const t = useT();
  const { can } = useAuth();
  const { id } = useParams();
  const positionId = Number(id);
  const valid = Number.isInteger(positionId) && positionId > 0;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'jd' ? 'jd' : 'details';
  const [editing, setEditing] = useState(false);

  const position = useApi(valid ? `position:${positionId}` : null, (signal) =>
    api.org.position(positionId, signal),
  );
  // Holders come from the org chart, the one place that lists who sits in each position.
  const chart = useApi(valid && can('org.read') ? 'org-chart' : null, (signal) => api.org.chart(signal));
  const holders = useMemo(
    () => (chart.data ? (findInChart(chart.data.roots, positionId)?.holders ?? []) : []),
    [chart.data, positionId],
  );

  if (!valid) return <NotFound />;
  if (position.error && !position.data)
    return <ErrorState error={position.error} onRetry={position.reload} />;
  if (!position.data) return <PageLoading />;
  const p = position.data;
  const vacancies = Math.max(0, p.headcountPlanned - p.headcountFilled);

  const details = (
    <Flex vertical gap={16}>
      <Card
        title={t('positions.details')}
        extra={
          can('org.manage') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: t('positions.name'), children: p.name },
            { key: 'code', label: t('positions.code'), children: p.code },
            { key: 'unit', label: t('positions.unit'), children: p.unitName },
            {
              key: 'reportsTo',
              label: t('positions.reportsTo'),
              children:
                p.reportsToId && p.reportsToName ? (
                  <Link to={`/positions/${p.reportsToId}`}>{p.reportsToName}</Link>
                ) : (
                  '\u2014'
                ),
            },
            {
              key: 'headcount',
              label: t('positions.headcount'),
              children: (
                <Flex gap={6} wrap>
                  {t('org.filledOfPlanned', { filled: p.headcountFilled, planned: p.headcountPlanned })}
                  {p.headcountNote ? ` (${p.headcountNote})` : ''}
                  {vacancies > 0 && <Tag color="red">{t('org.vacancies', { count: vacancies })}</Tag>}
                </Flex>
              ),
            },
            { key: 'category', label: t('positions.category'), children: p.category || '\u2014' },
            { key: 'payBand', label: t('positions.payBand'), children: p.payBand || '\u2014' },
            { key: 'role', label: t('positions.role'), children: p.roleName },
            { key: 'dataScope', label: t('positions.dataScope'), children: t(`dataScope.${p.dataScope}`) },
          ]}
        />
      </Card>
      <Card title={t('positions.holders')}>
        {chart.error && !chart.data ? (
          <ErrorState error={chart.error} onRetry={chart.reload} />
        ) : (
          <Table
            size="small"
            rowKey={(h) => `${h.employeeId}-${h.kind}`}
            loading={chart.loading}
            dataSource={holders}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('positions.noHolders')} />
              ),
            }}
            columns={[
              {
                key: 'name',
                title: t('employees.name'),
                render: (_, h) =>
                  can('employee.read') ? <Link to={`/employees/${h.employeeId}`}>{h.name}</Link> : h.name,
              },
              {
                key: 'kind',
                title: t('assignments.kind'),
                render: (_, h) => (
                  <Tag color={h.kind === 'primary' ? 'blue' : 'default'}>{t(`assignmentKind.${h.kind}`)}</Tag>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );

  return (
    <>
      <PageHeader title={p.name} subTitle={`${p.code} \u00b7 ${p.unitName}`} backTo="/positions" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'jd' ? { tab: 'jd' } : {}, { replace: true })}
        items={[
          { key: 'details', label: t('positions.tabDetails'), children: details },
          ...(can('jd.read')
            ? [{ key: 'jd', label: t('positions.tabJd'), children: <JdPanel position={p} /> }]
            : []),
        ]}
      />
      {editing && (
        <PositionFormModal
          open
          position={p}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            position.setData(saved);
            chart.reload();
          }}
          onConflict={() => {
            setEditing(false);
            position.reload();
          }}
        />
      )}
    </>
  );
}
