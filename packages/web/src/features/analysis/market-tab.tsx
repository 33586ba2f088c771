import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { MarketCell, MarketSize } from '@zuzhang/api-schema';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { bodyField } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen } from '../sales-common/money.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { formatRatio } from '../targets/target-format.ts';
import { analysisApi } from './analysis-api.ts';

type Draft = Partial<Pick<MarketSize, 'year' | 'region' | 'category'>> & {
  id?: number;
  version?: number;
} & Partial<Pick<MarketSize, 'marketSizeFen' | 'outletCount'>>;

/** A ratio as a short bar: share and coverage read at a glance. */
function RatioBar({ value }: { value: number | null }) {
  const t = useT();
  if (value === null) return <Typography.Text type="secondary">{t('analysis.noMarketSize')}</Typography.Text>;
  return (
    <Flex align="center" gap={6} style={{ minWidth: 120 }}>
      <Progress
        percent={Math.min(100, value * 100)}
        showInfo={false}
        size="small"
        style={{ margin: 0, flex: 1 }}
      />
      <span style={{ whiteSpace: 'nowrap' }}>{formatRatio(value)}</span>
    </Flex>
  );
}

/** Enter or change a market size (市场容量) and its outlets for a year, region and category. */
function MarketSizeModal({
  draft,
  onClose,
  onSaved,
  onConflict,
}: {
  draft: Draft;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Required<Omit<Draft, 'id' | 'version'>>>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const thisYear = Number(todayString().slice(0, 4));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    try {
      const body = {
        year: v.year,
        region: v.region.trim(),
        category: v.category.trim(),
        marketSizeFen: v.marketSizeFen,
        outletCount: v.outletCount ?? 0,
      };
      if (draft.id !== undefined)
        await analysisApi.updateMarketSize(draft.id, { ...body, version: draft.version! });
      else await analysisApi.createMarketSize(body);
      onSaved();
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={draft.id !== undefined ? t('analysis.editMarketSize') : t('analysis.addMarketSize')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ year: thisYear, outletCount: 0, ...draft }}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t('analysis.year')} rules={[{ required: true }]}>
              <Select options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: y }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="region"
              label={t('analysis.region')}
              rules={[{ required: true, whitespace: true }, { max: 60 }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="category"
              label={t('analysis.category')}
              rules={[{ required: true, whitespace: true }, { max: 60 }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="marketSizeFen" label={t('analysis.marketSize')} rules={[{ required: true }]}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="outletCount" label={t('analysis.outlets')} extra={t('analysis.outletsHint')}>
              <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 市场占有率 / 市场覆盖率 per region and category, against the market sizes entered below. */
export function MarketTab() {
  const t = useT();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const notice = useErrorNotice();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayString().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const region = params.get('region') ?? undefined;
  const category = params.get('category') ?? undefined;
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (!v) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  const market = useApi(`analysis-market:${year}:${region ?? ''}:${category ?? ''}`, (signal) =>
    analysisApi.market({ year, region, category }, signal),
  );
  const sizes = useApi(`market-sizes:${year}`, (signal) =>
    analysisApi.marketSizes({ year, pageSize: 100, sort: 'region', order: 'asc' }, signal),
  );
  const [editing, setEditing] = useState<Draft | null>(null);
  const mayManage = can('market.manage');
  const m = market.data;
  const regions = [...new Set((m?.cells ?? []).map((c) => c.region))].sort();
  const categories = [...new Set((m?.cells ?? []).map((c) => c.category))].sort();
  const reloadAll = () => {
    market.reload();
    sizes.reload();
  };

  const remove = (s: MarketSize) =>
    modal.confirm({
      title: t('analysis.deleteMarketSize', { region: s.region, category: s.category, year: s.year }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await analysisApi.deleteMarketSize(s.id);
          void message.success(t('ledger.done'));
          reloadAll();
        } catch (err) {
          notice(err, reloadAll);
        }
      },
    });

  const cellColumns: TableColumnsType<MarketCell> = [
    {
      key: 'region',
      title: t('analysis.region'),
      fixed: 'left',
      render: (_, c) => c.region || t('analysis.noRegion'),
    },
    {
      key: 'category',
      title: t('analysis.category'),
      render: (_, c) => c.category || t('analysis.noCategory'),
    },
    {
      key: 'sales',
      title: t('analysis.ourSales'),
      align: 'right',
      sorter: (a, b) => a.salesFen - b.salesFen,
      defaultSortOrder: 'descend',
      render: (_, c) => fen(c.salesFen),
    },
    {
      key: 'size',
      title: t('analysis.marketSize'),
      align: 'right',
      render: (_, c) =>
        c.marketSizeFen !== null ? (
          fen(c.marketSizeFen)
        ) : mayManage && c.region && c.category ? (
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ year, region: c.region, category: c.category })}
          >
            {t('analysis.enterSize')}
          </Button>
        ) : (
          '\u2014'
        ),
    },
    {
      key: 'share',
      title: t('analysis.share'),
      sorter: (a, b) => (a.share ?? -1) - (b.share ?? -1),
      render: (_, c) => <RatioBar value={c.share} />,
    },
    {
      key: 'customers',
      title: t('analysis.buyingCustomers'),
      align: 'right',
      render: (_, c) =>
        c.outletCount !== null ? `${c.buyingCustomers} / ${c.outletCount}` : c.buyingCustomers,
    },
    {
      key: 'coverage',
      title: t('analysis.coverage'),
      sorter: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
      render: (_, c) => <RatioBar value={c.coverage} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} className="zz-filters" style={{ marginBottom: 0 }}>
        <Select<number>
          value={year}
          onChange={(v) => set({ year: v === thisYear ? undefined : String(v) })}
          options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: y }))}
          style={{ width: 110 }}
          aria-label={t('analysis.year')}
        />
        <Select<string>
          value={region}
          onChange={(v) => set({ region: v })}
          allowClear
          placeholder={t('analysis.anyRegion')}
          options={regions.filter(Boolean).map((r) => ({ value: r, label: r }))}
          style={{ width: 160 }}
        />
        <Select<string>
          value={category}
          onChange={(v) => set({ category: v })}
          allowClear
          placeholder={t('analysis.anyCategory')}
          options={categories.filter(Boolean).map((c) => ({ value: c, label: c }))}
          style={{ width: 160 }}
        />
      </Flex>
      {market.error && !m ? (
        <ErrorState error={market.error} onRetry={market.reload} />
      ) : (
        <Card size="small" title={t('analysis.marketTitle', { year })}>
          <Table<MarketCell>
            rowKey={(c) => `${c.region}|${c.category}`}
            size="small"
            loading={market.loading}
            columns={cellColumns}
            dataSource={m?.cells ?? []}
            pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="market-cells"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis.noMarket')} />,
            }}
            summary={() =>
              m && m.cells.length > 0 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <b>{t('ageing.totals')}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <b>{fen(m.totals.salesFen)}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <b>{fen(m.totals.marketSizeFen)}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4}>
                    <RatioBar value={m.totals.share} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                  <Table.Summary.Cell index={6} />
                </Table.Summary.Row>
              ) : null
            }
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analysis.marketExplain')}
          </Typography.Text>
        </Card>
      )}
      <Card
        size="small"
        title={t('analysis.marketSizes', { year })}
        extra={
          mayManage && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ year })}>
              {t('analysis.addMarketSize')}
            </Button>
          )
        }
      >
        {sizes.error && !sizes.data ? (
          <ErrorState error={sizes.error} onRetry={sizes.reload} />
        ) : (
          <Table<MarketSize>
            rowKey="id"
            size="small"
            loading={sizes.loading}
            dataSource={sizes.data?.items ?? []}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="market-sizes"
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis.noMarketSizes')} />
              ),
            }}
            columns={[
              { key: 'region', title: t('analysis.region'), render: (_, s) => s.region },
              { key: 'category', title: t('analysis.category'), render: (_, s) => s.category },
              {
                key: 'size',
                title: t('analysis.marketSize'),
                align: 'right',
                render: (_, s) => fen(s.marketSizeFen),
              },
              {
                key: 'outlets',
                title: t('analysis.outlets'),
                align: 'right',
                render: (_, s) => s.outletCount,
              },
              ...(mayManage
                ? [
                    {
                      key: 'act',
                      title: t('common.actions'),
                      render: (_: unknown, s: MarketSize) => (
                        <Flex gap={4}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(s)}
                            aria-label={t('common.edit')}
                          />
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(s)}
                            aria-label={t('common.remove')}
                          />
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && (
        <MarketSizeModal
          draft={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('common.saved'));
            reloadAll();
          }}
          onConflict={reloadAll}
        />
      )}
    </Flex>
  );
}
