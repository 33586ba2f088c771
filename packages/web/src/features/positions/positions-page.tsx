import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Position } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { PositionFormModal } from './position-form.tsx';

export default function PositionsPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery();
  const unitId = Number(tq.filter('unitId')) || undefined;
  const query = { ...tq.apiQuery, unitId };
  const list = useApi(JSON.stringify(query), (signal) => api.org.positions(query, signal));
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Position> = [
    {
      key: 'name',
      title: t('positions.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      fixed: 'left',
      render: (_, p) => <Link to={`/positions/${p.id}`}>{p.name}</Link>,
    },
    {
      key: 'code',
      title: t('positions.code'),
      dataIndex: 'code',
      sorter: true,
      sortOrder: tq.sortOrderFor('code'),
    },
    {
      // Sort keys are the server's whitelist: name, code, unit, headcount.
      key: 'unit',
      title: t('positions.unit'),
      dataIndex: 'unitName',
      sorter: true,
      sortOrder: tq.sortOrderFor('unit'),
    },
    { key: 'reportsToName', title: t('positions.reportsTo'), dataIndex: 'reportsToName' },
    {
      key: 'headcount',
      title: t('positions.headcount'),
      sorter: true,
      sortOrder: tq.sortOrderFor('headcount'),
      render: (_, p) => {
        const vacancies = Math.max(0, p.headcountPlanned - p.headcountFilled);
        return (
          <Flex gap={6} wrap align="center">
            <span>
              {t('org.filledOfPlanned', { filled: p.headcountFilled, planned: p.headcountPlanned })}
              {p.headcountNote ? ` (${p.headcountNote})` : ''}
            </span>
            {vacancies > 0 && <Tag color="red">{t('org.vacancies', { count: vacancies })}</Tag>}
          </Flex>
        );
      },
    },
    { key: 'category', title: t('positions.category'), dataIndex: 'category' },
    { key: 'payBand', title: t('positions.payBand'), dataIndex: 'payBand' },
    { key: 'roleName', title: t('positions.role'), dataIndex: 'roleName' },
    {
      key: 'dataScope',
      title: t('positions.dataScope'),
      dataIndex: 'dataScope',
      render: (_, p) => t(`dataScope.${p.dataScope}`),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('positions.title')}
        extra={
          can('org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('positions.create')}
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
            placeholder={t('positions.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
            data-testid="positions-search"
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
          <div data-testid="positions-table">
            <Table<Position>
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
                    description={tq.q || unitId ? t('common.noMatch') : t('positions.empty')}
                  />
                ),
              }}
            />
          </div>
        )}
      </Card>
      {creating && (
        <PositionFormModal
          open
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            navigate(`/positions/${p.id}`);
          }}
        />
      )}
    </>
  );
}
