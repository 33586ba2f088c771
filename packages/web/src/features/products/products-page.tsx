import { EditOutlined, PlusOutlined } from '@ant-design/icons';
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
  Row,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Product } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { TAX_RATES_BP } from '../sales-common/enums.ts';
import { bodyField } from '../sales-common/form-helpers.ts';
import { PercentInput, YuanInput } from '../sales-common/money-input.tsx';
import { fen, formatRate } from '../sales-common/money.ts';
import { CatalogueTabs } from './catalogue-tabs.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  code: string;
  name: string;
  category: string;
  unit: string;
  listPriceFen: number;
  taxRateBp: number;
  shelfLifeDays: number | null;
  discountFloorBp: number;
  active: boolean;
}

function ProductFormModal({
  product,
  onClose,
  onSaved,
  onConflict,
}: {
  product?: Product;
  onClose: () => void;
  onSaved: (p: Product) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      category: v.category.trim(),
      unit: v.unit.trim(),
      listPriceFen: v.listPriceFen,
      taxRateBp: v.taxRateBp as (typeof TAX_RATES_BP)[number],
      shelfLifeDays: v.shelfLifeDays ?? null,
      discountFloorBp: v.discountFloorBp,
      active: v.active,
    };
    try {
      onSaved(
        product
          ? await api.products.update(product.id, { ...body, version: product.version })
          : await api.products.create(body),
      );
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={product ? t('products.editTitle') : t('products.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          product ?? { taxRateBp: 1300, discountFloorBp: 9000, active: true, shelfLifeDays: null, unit: '' }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="code"
              label={t('products.code')}
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input maxLength={40} data-testid="product-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="name"
              label={t('products.name')}
              rules={[{ required: true, whitespace: true }, { max: 120 }]}
            >
              <Input maxLength={120} data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="category"
              label={t('products.category')}
              rules={[{ required: true, whitespace: true }, { max: 60 }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="unit"
              label={t('products.unit')}
              rules={[{ required: true, whitespace: true }, { max: 20 }]}
            >
              <Input maxLength={20} placeholder={t('products.unitHint')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="listPriceFen"
              label={t('products.listPrice')}
              rules={[{ required: true }, { type: 'number', min: 1, message: t('products.priceRequired') }]}
            >
              <YuanInput data-testid="product-price" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="taxRateBp" label={t('products.taxRate')} rules={[{ required: true }]}>
              <Select options={TAX_RATES_BP.map((r) => ({ value: r, label: formatRate(r) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="discountFloorBp"
              label={t('products.discountFloor')}
              tooltip={t('products.discountFloorHint')}
              rules={[{ required: true }]}
            >
              <PercentInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="shelfLifeDays" label={t('products.shelfLife')}>
              <InputNumber<number>
                min={1}
                max={36500}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('products.days')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="active" label={t('products.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** The catalogue: everyone reads it; catalogue.manage edits it. */
export default function ProductsPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'code', order: 'asc' } });
  const category = tq.filter('category');
  const activeParam = tq.filter('active');
  const active = activeParam === 'true' ? true : activeParam === 'false' ? false : undefined;
  const query = { ...tq.apiQuery, category, active };
  const list = useApi(`products:${JSON.stringify(query)}`, (signal) => api.products.list(query, signal));
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const canManage = can('catalogue.manage');

  const columns: TableColumnsType<Product> = [
    {
      key: 'code',
      title: t('products.code'),
      dataIndex: 'code',
      sorter: true,
      sortOrder: tq.sortOrderFor('code'),
      fixed: 'left',
    },
    {
      key: 'name',
      title: t('products.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
    },
    {
      key: 'category',
      title: t('products.category'),
      dataIndex: 'category',
      sorter: true,
      sortOrder: tq.sortOrderFor('category'),
    },
    { key: 'unit', title: t('products.unit'), dataIndex: 'unit' },
    {
      key: 'listPriceFen',
      title: t('products.listPrice'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('listPriceFen'),
      render: (_, p) => fen(p.listPriceFen),
    },
    { key: 'tax', title: t('products.taxRate'), align: 'right', render: (_, p) => formatRate(p.taxRateBp) },
    {
      key: 'floor',
      title: t('products.discountFloor'),
      align: 'right',
      render: (_, p) => formatRate(p.discountFloorBp),
    },
    {
      key: 'shelf',
      title: t('products.shelfLife'),
      align: 'right',
      render: (_, p) => (p.shelfLifeDays ? t('products.daysN', { n: p.shelfLifeDays }) : '\u2014'),
    },
    {
      key: 'active',
      title: t('ledger.status'),
      render: (_, p) =>
        p.active ? (
          <Tag color="green">{t('products.activeTag')}</Tag>
        ) : (
          <Tag>{t('products.inactiveTag')}</Tag>
        ),
    },
    ...(canManage
      ? [
          {
            key: 'act',
            title: t('common.actions'),
            render: (_: unknown, p: Product) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const filtered = !!(tq.q || category || active !== undefined);
  return (
    <>
      <PageHeader
        title={t('products.title')}
        subTitle={canManage ? undefined : t('products.readOnly')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="product-create"
            >
              {t('products.create')}
            </Button>
          )
        }
      />
      <CatalogueTabs current="products" />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('products.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 220px', maxWidth: 300 }}
          />
          <Input.Search
            key={`c:${category ?? ''}`}
            defaultValue={category}
            allowClear
            placeholder={t('products.category')}
            onSearch={(v) => tq.set({ category: v })}
            style={{ flex: '1 1 150px', maxWidth: 200 }}
          />
          <Select<string>
            allowClear
            value={activeParam}
            onChange={(v) => tq.set({ active: v })}
            placeholder={t('products.anyStatus')}
            options={[
              { value: 'true', label: t('products.activeTag') },
              { value: 'false', label: t('products.inactiveTag') },
            ]}
            style={{ flex: '1 1 120px', maxWidth: 160 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Product>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="products-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('common.noMatch') : t('products.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {editing && (
        <ProductFormModal
          product={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('common.saved'));
            list.reload();
          }}
          onConflict={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
