import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Form, Modal, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PayRun } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { monthProps, previousMonthOf, thisMonth } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { ComputeProgress } from './compute-progress.tsx';
import { payApi } from './pay-api.ts';
import { RunStatusTag, formatMonth, signedFen } from './pay-format.tsx';

const STATUSES = ['computed', 'approved', 'locked', 'superseded'] as const;
type Status = (typeof STATUSES)[number];

interface ComputeValues {
  period: string;
  unitId?: number | null;
}

/** Computing a month's pay: one request; the dialog shows progress until the run is stored. */
function ComputeModal({ onClose, onDone }: { onClose: () => void; onDone: (runId: number) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<ComputeValues>();
  const [computing, setComputing] = useState(false);
  const handleError = useSaveErrorHandler();
  const period = Form.useWatch('period', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setComputing(true);
    try {
      const run = await payApi.runs.compute({ period: v.period, ...(v.unitId ? { unitId: v.unitId } : {}) });
      onDone(run.id);
    } catch (err) {
      handleError(form, err);
      setComputing(false);
    }
  };
  return (
    <Modal
      open
      title={t('pay.computeTitle')}
      onCancel={computing ? undefined : onClose}
      closable={!computing}
      maskClosable={false}
      onOk={() => void submit()}
      okText={t('pay.compute')}
      okButtonProps={{ loading: computing }}
      cancelButtonProps={{ disabled: computing }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pay.computeHint')}</Typography.Paragraph>
      <Form<ComputeValues>
        form={form}
        layout="vertical"
        disabled={computing}
        initialValues={{ period: previousMonthOf(thisMonth()), unitId: null }}
      >
        <Form.Item name="period" label={t('pay.period')} rules={[{ required: true }]} {...monthProps}>
          <DatePicker
            picker="month"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('pay.orgUnit')} extra={t('pay.unitHint')}>
          <UnitTreeSelect placeholder={t('pay.everyoneInScope')} />
        </Form.Item>
      </Form>
      {computing && (
        <ComputeProgress label={t('pay.computing', { period: period ? formatMonth(period, locale) : '' })} />
      )}
    </Modal>
  );
}

/** Pay runs (工资核算): compute a month, review the statements, approve, lock; re-runs show the difference. */
export default function PayRunsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'period', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<Status>(STATUSES, statusParam) ? statusParam : undefined;
  const period = tq.filter('period');
  const query = { ...tq.apiQuery, q: undefined, status, period };
  const list = useApi(`pay-runs:${JSON.stringify(query)}`, (signal) => payApi.runs.list(query, signal));
  const [computing, setComputing] = useState(false);

  const columns: TableColumnsType<PayRun> = [
    {
      key: 'period',
      title: t('pay.period'),
      sorter: true,
      sortOrder: tq.sortOrderFor('period'),
      render: (_, r) => <Link to={`/pay-runs/${r.id}`}>{formatMonth(r.period, locale)}</Link>,
    },
    { key: 'unit', title: t('pay.orgUnit'), render: (_, r) => r.unitName ?? t('pay.wholeCompany') },
    { key: 'status', title: t('pay.statusCol'), render: (_, r) => <RunStatusTag status={r.status} /> },
    { key: 'people', title: t('pay.people'), align: 'right', render: (_, r) => r.statementCount },
    {
      key: 'totalFen',
      title: t('pay.totalCost'),
      align: 'right',
      render: (_, r) => <b>{signedFen(r.totalFen)}</b>,
    },
    {
      key: 'computedAt',
      title: t('pay.computedAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('computedAt'),
      render: (_, r) => (
        <Flex vertical>
          <span>{formatDateTime(r.computedAt)}</span>
          {r.computedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.computedBy}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'previous',
      title: t('pay.rerunOf'),
      render: (_, r) =>
        r.previousRunId ? <Link to={`/pay-runs/${r.previousRunId}`}>#{r.previousRunId}</Link> : '',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('pay.runsTitle')}
        subTitle={t('pay.runsSubtitle')}
        extra={
          can('payrun.manage') && (
            <Button
              type="primary"
              icon={<CalculatorOutlined />}
              onClick={() => setComputing(true)}
              data-testid="pay-run-compute"
            >
              {t('pay.compute')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<Status | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('ledger.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`pay.runStatus.${s}`) })),
            ]}
          />
          <DatePicker
            picker="month"
            value={period ? dayjs(`${period}-01`) : null}
            onChange={(d) => tq.set({ period: d ? d.format('YYYY-MM') : undefined })}
            placeholder={t('pay.anyMonth')}
            style={{ width: 160 }}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PayRun>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="pay-runs-table"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.runsEmpty')} />,
            }}
          />
        )}
      </Card>
      {computing && (
        <ComputeModal
          onClose={() => setComputing(false)}
          onDone={(runId) => navigate(`/pay-runs/${runId}`)}
        />
      )}
    </>
  );
}
