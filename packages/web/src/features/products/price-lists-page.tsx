import { EditOutlined, EyeOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { CustomerCategory, PriceList, PriceListItem } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate, todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { CUSTOMER_CATEGORIES, isOneOf } from '../sales-common/enums.ts';
import { bodyField, dateProps } from '../sales-common/form-helpers.ts';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen, formatRate } from '../sales-common/money.ts';
import { CustomerSelect, ProductSelect } from '../sales-common/pickers.tsx';
import { CatalogueTabs } from './catalogue-tabs.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

interface Values {
  name: string;
  target: 'category' | 'customer';
  customerCategory?: CustomerCategory | null;
  customerId?: number | null;
  validFrom: string;
  validTo?: string | null;
  items: { productId?: number; priceFen?: number | null }[];
}

function PriceListFormModal({
  priceList,
  onClose,
  onSaved,
  onConflict,
}: {
  priceList?: PriceList;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const target = Form.useWatch('target', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    const items = (v.items ?? [])
      .filter((i) => i?.productId && i.priceFen)
      .map((i) => ({ productId: i.productId!, priceFen: i.priceFen! }));
    try {
      if (priceList) {
        await api.priceLists.update(priceList.id, {
          name: v.name.trim(),
          validFrom: v.validFrom,
          validTo: v.validTo ?? null,
          items,
          version: priceList.version,
        });
      } else {
        await api.priceLists.create({
          name: v.name.trim(),
          customerCategory: v.target === 'category' ? (v.customerCategory ?? null) : null,
          customerId: v.target === 'customer' ? (v.customerId ?? null) : null,
          validFrom: v.validFrom,
          validTo: v.validTo ?? null,
          items,
        });
      }
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
      title={priceList ? t('priceLists.editTitle') : t('priceLists.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={760}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          priceList
            ? {
                name: priceList.name,
                target: priceList.customerId ? 'customer' : 'category',
                customerCategory: priceList.customerCategory,
                customerId: priceList.customerId,
                validFrom: priceList.validFrom,
                validTo: priceList.validTo,
                items: priceList.items.map((i) => ({ productId: i.productId, priceFen: i.priceFen })),
              }
            : {
                target: 'category',
                customerCategory: 'dealer',
                validFrom: todayString(),
                validTo: null,
                items: [{}],
              }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('priceLists.name')}
              rules={[{ required: true, whitespace: true }, { max: 80 }]}
            >
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="target" label={t('priceLists.for')}>
              <Radio.Group
                disabled={!!priceList}
                options={[
                  { value: 'category', label: t('priceLists.forCategory') },
                  { value: 'customer', label: t('priceLists.forCustomer') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {target === 'customer' ? (
              <Form.Item name="customerId" label={t('ledger.customer')} rules={[{ required: true }]}>
                <CustomerSelect disabled={!!priceList} initialLabel={priceList?.customerName} />
              </Form.Item>
            ) : (
              <Form.Item name="customerCategory" label={t('customers.category')} rules={[{ required: true }]}>
                <Select
                  disabled={!!priceList}
                  options={CUSTOMER_CATEGORIES.map((c) => ({ value: c, label: t(`customerCategory.${c}`) }))}
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="validFrom"
              label={t('priceLists.validFrom')}
              rules={[{ required: true }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="validTo" label={t('priceLists.validTo')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('priceLists.items')}</Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={24} sm={14}>
                    <Form.Item
                      name={[f.name, 'productId']}
                      rules={[{ required: true, message: t('priceLists.pickProduct') }]}
                    >
                      <ProductSelect
                        initialLabel={
                          priceList?.items[f.name]
                            ? `${priceList.items[f.name]!.productCode} ${priceList.items[f.name]!.productName}`
                            : undefined
                        }
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={18} sm={8}>
                    <Form.Item
                      name={[f.name, 'priceFen']}
                      rules={[{ required: true, message: t('priceLists.priceRequired') }]}
                    >
                      <YuanInput aria-label={t('priceLists.price')} />
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={2}>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                {t('priceLists.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function PriceListView({ priceList, onClose }: { priceList: PriceList; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={priceList.name} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Table<PriceListItem>
        size="small"
        rowKey="productId"
        dataSource={priceList.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('priceLists.noItems')} />,
        }}
        columns={[
          { key: 'code', title: t('products.code'), dataIndex: 'productCode' },
          { key: 'name', title: t('products.name'), dataIndex: 'productName' },
          {
            key: 'list',
            title: t('products.listPrice'),
            align: 'right',
            render: (_, i) => fen(i.listPriceFen),
          },
          { key: 'price', title: t('priceLists.price'), align: 'right', render: (_, i) => fen(i.priceFen) },
          {
            key: 'share',
            title: t('priceLists.ofList'),
            align: 'right',
            render: (_, i) => formatRate(Math.round((i.priceFen * 10000) / i.listPriceFen)),
          },
        ]}
      />
    </Modal>
  );
}

/** Price lists: per customer category (every dealer) or per customer (one dealer). */
export default function PriceListsPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'name', order: 'asc' } });
  const categoryParam = tq.filter('customerCategory');
  const customerCategory = isOneOf<CustomerCategory>(CUSTOMER_CATEGORIES, categoryParam)
    ? categoryParam
    : undefined;
  const customerId = Number(tq.filter('customerId')) || undefined;
  const query = { ...tq.apiQuery, customerCategory, customerId };
  const list = useApi(`price-lists:${JSON.stringify(query)}`, (signal) => api.priceLists.list(query, signal));
  const [editing, setEditing] = useState<PriceList | 'new' | null>(null);
  const [viewing, setViewing] = useState<PriceList | null>(null);
  const canManage = can('catalogue.manage');
  const today = todayString();

  const columns: TableColumnsType<PriceList> = [
    {
      key: 'name',
      title: t('priceLists.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: tq.sortOrderFor('name'),
      fixed: 'left',
    },
    {
      key: 'for',
      title: t('priceLists.for'),
      render: (_, p) =>
        p.customerId ? (
          <Link to={`/customers/${p.customerId}`}>{p.customerName}</Link>
        ) : p.customerCategory ? (
          t(`customerCategory.${p.customerCategory}`)
        ) : (
          '\u2014'
        ),
    },
    {
      key: 'validFrom',
      title: t('priceLists.valid'),
      sorter: true,
      sortOrder: tq.sortOrderFor('validFrom'),
      render: (_, p) => (
        <Flex gap={6} wrap align="center">
          {`${formatDate(p.validFrom)} ~ ${p.validTo ? formatDate(p.validTo) : t('priceLists.openEnded')}`}
          {(p.validFrom > today || (p.validTo !== null && p.validTo < today)) && (
            <Tag style={{ marginInlineEnd: 0 }}>{t('priceLists.notInForce')}</Tag>
          )}
        </Flex>
      ),
    },
    { key: 'items', title: t('priceLists.itemCount'), align: 'right', render: (_, p) => p.items.length },
    {
      key: 'act',
      title: t('common.actions'),
      render: (_, p) => (
        <Flex gap={4}>
          <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(p)}>
            {t('ledger.view')}
          </Button>
          {canManage && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('products.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('priceLists.create')}
            </Button>
          )
        }
      />
      <CatalogueTabs current="price-lists" />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={tq.q}
            defaultValue={tq.q}
            allowClear
            placeholder={t('priceLists.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
          <Select<CustomerCategory>
            allowClear
            value={customerCategory}
            onChange={(v) => tq.set({ customerCategory: v })}
            placeholder={t('customers.allCategories')}
            options={CUSTOMER_CATEGORIES.map((c) => ({ value: c, label: t(`customerCategory.${c}`) }))}
            style={{ flex: '1 1 150px', maxWidth: 180 }}
          />
          <CustomerSelect
            value={customerId ?? null}
            onChange={(v) => tq.set({ customerId: v })}
            placeholder={t('priceLists.anyCustomer')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PriceList>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('priceLists.empty')} />,
            }}
          />
        )}
      </Card>
      {editing && (
        <PriceListFormModal
          priceList={editing === 'new' ? undefined : editing}
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
      {viewing && <PriceListView priceList={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
