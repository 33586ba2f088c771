import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AgeingReport } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import { Link } from 'react-router';
import { api, type AgeingGroupBy } from '../../app/api-client.ts';
import { useErrorNotice } from '../../app/errors.tsx';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { useTableQuery } from '../../app/use-table-query.ts';
import { fen } from '../sales-common/money.ts';
import { BANDS, BAND_COLORS } from './bands.ts';

const AgeingChart = lazy(() => import('./ageing-chart.tsx'));

type Row = AgeingReport['rows'][number];
const GROUPS: AgeingGroupBy[] = ['customer', 'owner', 'team'];

/** The ageing report: open receivables by age band per customer, owner or team, with the chart and the Excel file. */
export default function AgeingPage() {
  const { t, locale } = useI18n();
  const notice = useErrorNotice();
  const tq = useTableQuery();
  const groupParam = tq.filter('groupBy');
  const groupBy: AgeingGroupBy = GROUPS.includes(groupParam as AgeingGroupBy)
    ? (groupParam as AgeingGroupBy)
    : 'customer';
  const asOf = tq.filter('asOf');
  const report = useApi(`ageing:${groupBy}:${asOf ?? ''}`, (signal) =>
    api.receivables.ageing({ groupBy, asOf }, signal),
  );
  const [downloading, setDownloading] = useState(false);
  const r = report.data;

  const download = async () => {
    setDownloading(true);
    try {
      await api.receivables.downloadAgeing(
        { groupBy, asOf, lang: locale },
        `${t('ageing.fileName')}-${r?.asOf ?? asOf ?? ''}.xlsx`,
      );
    } catch (err) {
      notice(err);
    } finally {
      setDownloading(false);
    }
  };

  const linkOf = (row: Row) =>
    row.id === null
      ? null
      : groupBy === 'customer'
        ? `/customers/${row.id}?tab=receivables`
        : groupBy === 'owner'
          ? `/orders?ownerEmployeeId=${row.id}`
          : null;

  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t(`ageing.groupBy.${groupBy}`),
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (_, row) => {
        const link = linkOf(row);
        const name = row.name || t('ageing.noTeam');
        return link ? <Link to={link}>{name}</Link> : name;
      },
    },
    ...BANDS.map((b) => ({
      key: b,
      title: (
        <Flex gap={4} align="center" justify="flex-end">
          <span
            style={{
              width: 8,
              height: 8,
              borderRadius: 2,
              background: BAND_COLORS[b],
              display: 'inline-block',
            }}
          />
          {t(`ageing.band.${b}`)}
        </Flex>
      ),
      align: 'right' as const,
      sorter: (a: Row, c: Row) => a.bands[b] - c.bands[b],
      render: (_: unknown, row: Row) => (row.bands[b] ? fen(row.bands[b]) : '\u2014'),
    })),
    {
      key: 'total',
      title: t('ageing.total'),
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.totalFen - b.totalFen,
      render: (_, row) => <b>{fen(row.totalFen)}</b>,
    },
    {
      key: 'orders',
      title: t('ageing.orders'),
      align: 'right',
      sorter: (a, b) => a.orderCount - b.orderCount,
      dataIndex: 'orderCount',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('ageing.title')}
        subTitle={r ? t('ageing.asOfLabel', { date: r.asOf }) : undefined}
        extra={
          <Button
            icon={<FileExcelOutlined />}
            loading={downloading}
            onClick={() => void download()}
            disabled={!r}
          >
            {t('ledger.downloadExcel')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex wrap gap={8} align="center">
            <Segmented<AgeingGroupBy>
              value={groupBy}
              onChange={(v) => tq.set({ groupBy: v === 'customer' ? undefined : v })}
              options={GROUPS.map((g) => ({ value: g, label: t(`ageing.groupBy.${g}`) }))}
            />
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => tq.set({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
              placeholder={t('ageing.asOfToday')}
              style={{ width: 160 }}
            />
          </Flex>
        </Card>
        {report.error && !r ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : !r ? (
          <PageLoading />
        ) : (
          <>
            <Card size="small" title={t('ageing.chartTitle')}>
              {r.rows.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ageing.empty')} />
              ) : (
                <Suspense fallback={<PageLoading minHeight={240} />}>
                  <AgeingChart report={r} />
                </Suspense>
              )}
            </Card>
            <Card size="small">
              <Table<Row>
                rowKey={(row) => `${row.id ?? 'none'}:${row.name}`}
                size="small"
                loading={report.loading}
                columns={columns}
                dataSource={r.rows}
                pagination={{
                  pageSize: 50,
                  size: 'small',
                  hideOnSinglePage: true,
                  showTotal: (n) => t('common.total', { count: n }),
                }}
                scroll={{ x: 'max-content' }}
                data-testid="ageing-table"
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ageing.empty')} />,
                }}
                summary={() =>
                  r.rows.length === 0 ? null : (
                    <Table.Summary fixed="bottom">
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0}>
                          <b>{t('ageing.totals')}</b>
                        </Table.Summary.Cell>
                        {BANDS.map((b, i) => (
                          <Table.Summary.Cell key={b} index={i + 1} align="right">
                            <b>{fen(r.totals.bands[b])}</b>
                          </Table.Summary.Cell>
                        ))}
                        <Table.Summary.Cell index={BANDS.length + 1} align="right">
                          <b>{fen(r.totals.totalFen)}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={BANDS.length + 2} align="right">
                          <b>{r.totals.orderCount}</b>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    </Table.Summary>
                  )
                }
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ageing.explain')}
              </Typography.Text>
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}
