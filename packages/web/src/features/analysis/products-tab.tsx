import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ProductVelocity } from '@zuzhang/api-schema';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { fen } from '../sales-common/money.ts';
import { PeriodPicker, currentPeriod, usePeriodLabel } from '../targets/period-picker.tsx';
import { formatChange } from '../targets/target-format.ts';
import { analysisApi } from './analysis-api.ts';

type By = 'quantity' | 'amount';

/** ↑ +12.5% in green, ↓ −3.0% in red, "new" when the previous period sold nothing. */
export function ChangeArrow({ change }: { change: number | null }) {
  const { t } = useI18n();
  if (change === null) return <Tag color="blue">{t('analysis.new')}</Tag>;
  const color = change > 0 ? '#389e0d' : change < 0 ? '#cf1322' : '#8c8c8c';
  const Icon = change > 0 ? ArrowUpOutlined : change < 0 ? ArrowDownOutlined : MinusOutlined;
  return (
    <span style={{ color, whiteSpace: 'nowrap' }} data-testid="change">
      <Icon /> {formatChange(change)}
    </span>
  );
}

/** 畅销 / 滞销: products ranked by sales velocity in a period, with the change against the period before. */
export function ProductsTab() {
  const { t, locale } = useI18n();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? currentPeriod('month');
  const by: By = params.get('by') === 'amount' ? 'amount' : 'quantity';
  const limit = [10, 20, 50].includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 10;
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  const report = useApi(`analysis-products:${period}:${by}:${limit}`, (signal) =>
    analysisApi.products({ period, by, limit }, signal),
  );
  const r = report.data;
  // Velocity is a rate (per day), shown to two decimals; the sold amounts themselves are shown exactly.
  const perDay = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

  const columns: TableColumnsType<ProductVelocity> = [
    { key: 'rank', title: t('progress.rank'), width: 56, render: (_, p) => p.rank ?? '\u2014' },
    {
      key: 'product',
      title: t('analysis.product'),
      render: (_, p) => (
        <Flex vertical>
          <span>
            {p.name}
            {!p.active && (
              <Tag style={{ marginInlineStart: 6 }} color="default">
                {t('analysis.inactive')}
              </Tag>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[p.code, p.category].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'velocity',
      title: by === 'quantity' ? t('analysis.qtyPerDay') : t('analysis.amountPerDay'),
      align: 'right',
      render: (_, p) => {
        const v = by === 'quantity' ? p.quantityPerDay : p.amountPerDay;
        if (v === null) return '\u2014';
        return by === 'quantity' ? perDay.format(v) : `\u00a5${perDay.format(v / 100)}`;
      },
    },
    {
      key: 'sold',
      title: by === 'quantity' ? t('analysis.quantity') : t('analysis.amount'),
      align: 'right',
      render: (_, p) => (by === 'quantity' ? p.quantity.toLocaleString(locale) : fen(p.amountFen)),
    },
    {
      key: 'change',
      title: t('analysis.change'),
      align: 'right',
      render: (_, p) => <ChangeArrow change={p.change} />,
    },
  ];

  const table = (rows: ProductVelocity[], testId: string, empty: string) => (
    <Table<ProductVelocity>
      rowKey="productId"
      size="small"
      loading={report.loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={12} align="center">
        <PeriodPicker
          value={period}
          grains={['year', 'quarter', 'month']}
          onChange={(p) => set({ period: p })}
        />
        <Segmented<By>
          value={by}
          onChange={(v) => set({ by: v === 'quantity' ? undefined : v })}
          options={[
            { value: 'quantity', label: t('analysis.byQuantity') },
            { value: 'amount', label: t('analysis.byAmount') },
          ]}
        />
        <Segmented<number>
          value={limit}
          onChange={(v) => set({ limit: v === 10 ? undefined : String(v) })}
          options={[10, 20, 50].map((n) => ({ value: n, label: t('analysis.top', { n }) }))}
        />
      </Flex>
      {r && (
        <Typography.Text type="secondary">
          {t('analysis.productsInfo', {
            period: periodLabel(r.period.period),
            previous: periodLabel(r.previousPeriod),
            count: r.productCount,
          })}
        </Typography.Text>
      )}
      {report.error && !r ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={12}>
            <Card size="small" title={t('analysis.bestSellers')}>
              {table(r?.bestSellers ?? [], 'best-sellers', t('analysis.noSales'))}
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card size="small" title={t('analysis.slowMovers')}>
              {table(r?.slowMovers ?? [], 'slow-movers', t('analysis.noProducts'))}
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
