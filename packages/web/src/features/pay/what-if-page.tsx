import { ExperimentOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { PayWhatIf } from '@zuzhang/api-schema';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { PageHeader, PageLoading } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { previousMonthOf, thisMonth } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { ComputeProgress } from './compute-progress.tsx';
import { payApi } from './pay-api.ts';
import { formatMonth, signedFen } from './pay-format.tsx';

const WhatIfChart = lazy(() => import('./what-if-chart.tsx'));

type Person = PayWhatIf['people'][number];

interface Values {
  planId?: number;
  months: [Dayjs, Dayjs];
  unitId?: number | null;
}

function Diff({ value }: { value: number }) {
  return (
    <Typography.Text
      type={value > 0 ? 'danger' : value < 0 ? 'success' : 'secondary'}
      style={{ whiteSpace: 'nowrap' }}
    >
      {value > 0 ? '+' : ''}
      {signedFen(value)}
    </Typography.Text>
  );
}

/**
 * What-if (模拟测算): a draft plan run over past months on the real figures, next to what the plan in force
 * paid: the cost, and each person's pay, in a table and a chart. Nothing is saved.
 */
export default function WhatIfPage() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const handleError = useSaveErrorHandler();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<PayWhatIf | null>(null);
  const plans = useApi('what-if-plans', (signal) =>
    payApi.plans.list({ pageSize: 200, sort: 'effectiveFrom', order: 'desc' }, signal),
  );
  const initialPlan = Number(params.get('planId')) || undefined;
  const lastMonth = previousMonthOf(thisMonth());

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setRunning(true);
    try {
      setResult(
        await payApi.whatIf({
          planId: v.planId,
          from: v.months[0].format('YYYY-MM'),
          to: v.months[1].format('YYYY-MM'),
          ...(v.unitId ? { unitId: v.unitId } : {}),
        }),
      );
    } catch (err) {
      handleError(form, err, undefined, (name) => {
        const field = name[0] === 'body' ? name[1] : name[0];
        return field === 'from' || field === 'to'
          ? ['months']
          : field === 'planId' || field === 'unitId'
            ? [field]
            : null;
      });
    } finally {
      setRunning(false);
    }
  };

  const columns: TableColumnsType<Person> = [
    {
      key: 'name',
      title: t('pay.employee'),
      fixed: 'left',
      sorter: (a, b) => a.employeeName.localeCompare(b.employeeName),
      render: (_, p) => p.employeeName,
    },
    {
      key: 'current',
      title: t('pay.currentPlan'),
      align: 'right',
      sorter: (a, b) => a.currentFen - b.currentFen,
      render: (_, p) => signedFen(p.currentFen),
    },
    {
      key: 'draft',
      title: t('pay.draftPlan'),
      align: 'right',
      sorter: (a, b) => a.draftFen - b.draftFen,
      render: (_, p) => signedFen(p.draftFen),
    },
    {
      key: 'diff',
      title: t('pay.difference'),
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.diffFen - b.diffFen,
      render: (_, p) => <Diff value={p.diffFen} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('pay.whatIfTitle')} subTitle={t('pay.whatIfSubtitle')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              planId: initialPlan,
              months: [dayjs(`${lastMonth}-01`).subtract(2, 'month'), dayjs(`${lastMonth}-01`)],
              unitId: null,
            }}
          >
            <Row gutter={12} align="bottom">
              <Col xs={24} md={9}>
                <Form.Item name="planId" label={t('pay.draftPlan')} rules={[{ required: true }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={plans.loading}
                    data-testid="what-if-plan"
                    options={(plans.data?.items ?? []).map((p) => ({
                      value: p.id,
                      label: `${p.name} · ${p.positionName} · ${t(`pay.planStatus.${p.status}`)} v${p.versionNo}`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item name="months" label={t('pay.pastMonths')} rules={[{ required: true }]}>
                  <DatePicker.RangePicker
                    picker="month"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs(), 'month')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name="unitId" label={t('pay.orgUnit')}>
                  <UnitTreeSelect placeholder={t('pay.everyoneInScope')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={3}>
                <Form.Item>
                  <Button
                    type="primary"
                    block
                    icon={<ExperimentOutlined />}
                    loading={running}
                    onClick={() => void submit()}
                    data-testid="what-if-run"
                  >
                    {t('pay.simulate')}
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {running && <ComputeProgress label={t('pay.simulating')} />}
        </Card>
        {result && (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('pay.currentPlan')}
                    value={signedFen(result.currentFen)}
                    styles={{ content: { fontSize: 18 } }}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('pay.draftPlan')}
                    value={signedFen(result.draftFen)}
                    styles={{ content: { fontSize: 18 } }}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('pay.costChange')}
                    value={`${result.diffFen > 0 ? '+' : ''}${signedFen(result.diffFen)}`}
                    styles={{
                      content: {
                        fontSize: 18,
                        color: result.diffFen > 0 ? '#cf1322' : result.diffFen < 0 ? '#389e0d' : undefined,
                      },
                    }}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('pay.people')}
                    value={result.people.length}
                    styles={{ content: { fontSize: 18 } }}
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('pay.whatIfChartTitle', { name: result.planName })}>
              {result.people.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.whatIfEmpty')} />
              ) : (
                <Suspense fallback={<PageLoading minHeight={240} />}>
                  <WhatIfChart result={result} />
                </Suspense>
              )}
            </Card>
            <Card size="small" title={t('pay.byMonth')}>
              <Table
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={result.periods}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'period', title: t('pay.period'), render: (_, p) => formatMonth(p.period, locale) },
                  {
                    key: 'current',
                    title: t('pay.currentPlan'),
                    align: 'right',
                    render: (_, p) => signedFen(p.currentFen),
                  },
                  {
                    key: 'draft',
                    title: t('pay.draftPlan'),
                    align: 'right',
                    render: (_, p) => signedFen(p.draftFen),
                  },
                  {
                    key: 'diff',
                    title: t('pay.difference'),
                    align: 'right',
                    render: (_, p) => <Diff value={p.diffFen} />,
                  },
                ]}
              />
            </Card>
            <Card size="small" title={t('pay.byPerson')}>
              <Table<Person>
                size="small"
                rowKey="employeeId"
                columns={columns}
                dataSource={result.people}
                pagination={{
                  pageSize: 20,
                  size: 'small',
                  hideOnSinglePage: true,
                  showTotal: (n) => t('common.total', { count: n }),
                }}
                scroll={{ x: 'max-content' }}
                data-testid="what-if-table"
                locale={{
                  emptyText: (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.whatIfEmpty')} />
                  ),
                }}
                expandable={{
                  expandedRowRender: (p) => (
                    <Table
                      size="small"
                      rowKey="period"
                      pagination={false}
                      dataSource={p.periods}
                      columns={[
                        {
                          key: 'period',
                          title: t('pay.period'),
                          render: (_, m) => formatMonth(m.period, locale),
                        },
                        {
                          key: 'current',
                          title: t('pay.currentPlan'),
                          align: 'right',
                          render: (_, m) =>
                            m.currentFen === null ? (
                              <Typography.Text type="secondary">{t('pay.noPlanInForce')}</Typography.Text>
                            ) : (
                              <Flex vertical align="flex-end">
                                <span>{signedFen(m.currentFen)}</span>
                                {m.currentPlanName && (
                                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                    {m.currentPlanName}
                                  </Typography.Text>
                                )}
                              </Flex>
                            ),
                        },
                        {
                          key: 'draft',
                          title: t('pay.draftPlan'),
                          align: 'right',
                          render: (_, m) => signedFen(m.draftFen),
                        },
                        {
                          key: 'diff',
                          title: t('pay.difference'),
                          align: 'right',
                          render: (_, m) => <Diff value={m.diffFen} />,
                        },
                      ]}
                    />
                  ),
                }}
              />
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}
