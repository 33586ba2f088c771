import { ApartmentOutlined, NodeExpandOutlined, NodeCollapseOutlined, UserOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Segmented,
  Statistic,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { TreeDataNode } from 'antd';
import type { OrgChartUnitT } from '@zuzhang/api-schema';
import { Suspense, lazy, useMemo, useState, type Key } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import {
  countUnits,
  filterOrgChart,
  unitKey,
  unitKeys,
  vacanciesOf,
  type OrgChartPosition,
} from './org-tree.ts';

const OrgEChart = lazy(() => import('./org-echart.tsx'));

function PositionTitle({ p, t, linkHolders }: { p: OrgChartPosition; t: Translate; linkHolders: boolean }) {
  return (
    <Flex wrap gap={6} align="center" data-testid="org-position">
      <UserOutlined style={{ color: '#8c8c8c' }} />
      <Link to={`/positions/${p.id}`}>{p.name}</Link>
      <Typography.Text type="secondary">
        {t('org.filledOfPlanned', { filled: p.holders.length, planned: p.headcountPlanned })}
        {p.headcountNote ? ` (${p.headcountNote})` : ''}
      </Typography.Text>
      {p.vacancies > 0 && (
        <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
          {t('org.vacancies', { count: p.vacancies })}
        </Tag>
      )}
      {p.holders.map((h) => (
        <Tag
          key={`${h.employeeId}-${h.kind}`}
          color={h.kind === 'primary' ? 'blue' : 'default'}
          style={{ marginInlineEnd: 0 }}
        >
          {linkHolders ? <Link to={`/employees/${h.employeeId}`}>{h.name}</Link> : h.name}
          {h.kind === 'concurrent' ? ` · ${t('assignmentKind.concurrent')}` : ''}
        </Tag>
      ))}
    </Flex>
  );
}

function UnitTitle({ u, t }: { u: OrgChartUnitT; t: Translate }) {
  const vacancies = vacanciesOf(u);
  return (
    <Flex wrap gap={6} align="center" data-testid="org-unit">
      <ApartmentOutlined />
      <Typography.Text strong>{u.name}</Typography.Text>
      <Tag style={{ marginInlineEnd: 0 }}>{t(`unitKind.${u.kind}`)}</Tag>
      <Typography.Text type="secondary">
        {t('org.filledOfPlanned', { filled: u.filled, planned: u.planned })}
      </Typography.Text>
      {vacancies > 0 && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('org.vacancies', { count: vacancies })}
        </Tag>
      )}
    </Flex>
  );
}

function toTreeData(units: OrgChartUnitT[], t: Translate, linkHolders: boolean): TreeDataNode[] {
  return units.map((u) => ({
    key: unitKey(u.id),
    title: <UnitTitle u={u} t={t} />,
    children: [
      ...u.positions.map((p) => ({
        key: `p-${p.id}`,
        title: <PositionTitle p={p} t={t} linkHolders={linkHolders} />,
        isLeaf: true,
        selectable: false,
      })),
      ...toTreeData(u.children, t, linkHolders),
    ],
  }));
}

export default function OrgChartPage() {
  const t = useT();
  const { can } = useAuth();
  const chart = useApi('org-chart', (signal) => api.org.chart(signal));
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'chart' ? 'chart' : 'tree';
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const roots = useMemo(() => filterOrgChart(chart.data?.roots ?? [], search), [chart.data, search]);
  const treeData = useMemo(() => toTreeData(roots, t, can('employee.read')), [roots, t, can]);
  // Small organisations open fully; large ones open two levels so the page stays short.
  const defaultExpanded = useMemo(() => {
    if (!chart.data) return [];
    return unitKeys(chart.data.roots, countUnits(chart.data) <= 40 ? Infinity : 2);
  }, [chart.data]);
  const expandedKeys = search ? unitKeys(roots) : (expanded ?? defaultExpanded);

  if (chart.error && !chart.data) return <ErrorState error={chart.error} onRetry={chart.reload} />;
  if (!chart.data) return <PageLoading />;
  const data = chart.data;
  const vacancies = vacanciesOf(data);

  return (
    <div data-testid="org-chart">
      <PageHeader
        title={t('org.title')}
        extra={
          <Segmented
            value={view}
            onChange={(v) => setParams(v === 'chart' ? { view: 'chart' } : {}, { replace: true })}
            options={[
              { value: 'tree', label: t('org.viewTree') },
              { value: 'chart', label: t('org.viewChart') },
            ]}
          />
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={8} md={6}>
          <Card size="small">
            <Statistic title={t('org.planned')} value={data.planned} />
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small">
            <Statistic title={t('org.filled')} value={data.filled} />
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small">
            <Statistic
              title={t('org.vacanciesTotal')}
              value={vacancies}
              styles={{ content: { color: vacancies > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      {data.roots.length === 0 ? (
        <Card>
          <Empty description={t('org.empty')} />
        </Card>
      ) : view === 'chart' ? (
        <Card>
          <Suspense fallback={<PageLoading />}>
            <OrgEChart roots={data.roots} />
          </Suspense>
        </Card>
      ) : (
        <Card>
          <Flex wrap gap={8} className="zz-filters">
            <Input.Search
              allowClear
              placeholder={t('org.searchPlaceholder')}
              onSearch={setSearch}
              onChange={(e) => {
                if (!e.target.value) setSearch('');
              }}
              style={{ maxWidth: 320, flex: '1 1 200px' }}
            />
            <Button
              icon={<NodeExpandOutlined />}
              onClick={() => setExpanded(unitKeys(data.roots))}
              disabled={!!search}
            >
              {t('org.expandAll')}
            </Button>
            <Button icon={<NodeCollapseOutlined />} onClick={() => setExpanded([])} disabled={!!search}>
              {t('org.collapseAll')}
            </Button>
          </Flex>
          {treeData.length === 0 ? (
            <Empty description={t('common.noMatch')} />
          ) : (
            <Tree
              className="zz-org-tree"
              treeData={treeData}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpanded(keys)}
              selectable={false}
              showLine={{ showLeafIcon: false }}
              blockNode
            />
          )}
        </Card>
      )}
    </div>
  );
}
