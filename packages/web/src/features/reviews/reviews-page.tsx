import { FlagOutlined, PlayCircleOutlined, SolutionOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Modal,
  Segmented,
  Select,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReviewStatus, ReviewSummary } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { UnitTreeSelect } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { isOneOf } from '../sales-common/enums.ts';
import { previousMonthOf, thisMonth } from '../sales-common/form-helpers.ts';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';
import { GradeTag, REVIEW_STATUSES, ReviewStatusTag } from './review-format.tsx';
import { reviewsApi } from './reviews-api.ts';

type CycleKind = 'month' | 'quarter';

interface CycleValues {
  kind: CycleKind;
  month: string;
  quarter: string;
  unitId?: number | null;
}

/** The last few quarters, newest first: `2026-Q4`. */
function recentQuarters(count = 6): string[] {
  const now = dayjs();
  const list: string[] = [];
  let year = now.year();
  let q = Math.floor(now.month() / 3) + 1;
  for (let i = 0; i < count; i++) {
    list.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return list;
}

/**
 * Starting a cycle (everyone in scope whose position has a scorecard gets a draft review, computed
 * indicators filled) or closing one (grades fixed, forced distribution applied): the same form.
 */
function CycleModal({
  mode,
  onClose,
  onDone,
}: {
  mode: 'start' | 'close';
  onClose: () => void;
  onDone: (period: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CycleValues>();
  const [saving, setSaving] = useState(false);
  const handleError = useSaveErrorHandler();
  const kind = Form.useWatch('kind', form) ?? 'month';
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const period = v.kind === 'month' ? v.month : v.quarter;
    const body = { period, ...(v.unitId ? { unitId: v.unitId } : {}) };
    setSaving(true);
    try {
      if (mode === 'start') {
        const r = await reviewsApi.reviews.createCycle(body);
        void message.success(t('reviews.cycleStarted', { created: r.created, unchanged: r.unchanged }));
      } else {
        const r = await reviewsApi.reviews.closeCycle(body);
        void message.success(t('reviews.cycleClosed', { count: r.closed }));
      }
      onDone(period);
    } catch (err) {
      handleError(form, err, undefined, (name) => {
        const field = name[0] === 'body' ? name[1] : name[0];
        return field === 'period' ? [kind] : field === 'unitId' ? ['unitId'] : null;
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t(mode === 'start' ? 'reviews.startCycle' : 'reviews.closeCycle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(mode === 'start' ? 'reviews.startCycle' : 'reviews.closeCycle')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(mode === 'start' ? 'reviews.startCycleHint' : 'reviews.closeCycleHint')}
      </Typography.Paragraph>
      <Form<CycleValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'month', month: thisMonth(), quarter: recentQuarters()[0], unitId: null }}
      >
        <Form.Item name="kind" label={t('reviews.cycle')}>
          <Segmented<CycleKind>
            options={[
              { value: 'month', label: t('reviews.cycle.month') },
              { value: 'quarter', label: t('reviews.cycle.quarter') },
            ]}
          />
        </Form.Item>
        {kind === 'month' ? (
          <Form.Item
            name="month"
            label={t('reviews.period')}
            rules={[{ required: true }]}
            getValueProps={(v: string | null) => ({ value: v ? dayjs(`${v}-01`) : null })}
            normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM') : null)}
          >
            <DatePicker
              picker="month"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            />
          </Form.Item>
        ) : (
          <Form.Item name="quarter" label={t('reviews.period')} rules={[{ required: true }]}>
            <Select options={recentQuarters().map((q) => ({ value: q, label: q }))} />
          </Form.Item>
        )}
        <Form.Item name="unitId" label={t('pay.orgUnit')} extra={t('reviews.unitHint')}>
          <UnitTreeSelect placeholder={t('pay.everyoneInScope')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Reviews (绩效考核): the lead's list of the team's scorecards for a period, and everyone's own. A lead
 * starts the month's cycle; each review opens the scorecard.
 */
export default function ReviewsPage() {
  const t = useT();
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const tq = useTableQuery({ defaultSort: { key: 'period', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status = isOneOf<ReviewStatus>(REVIEW_STATUSES, statusParam) ? statusParam : undefined;
  const period = tq.filter('period');
  const mine = tq.filter('mine') === '1';
  const employeeId = mine ? (me?.employee?.id ?? undefined) : undefined;
  const query = { ...tq.apiQuery, q: undefined, status, period, employeeId };
  const list = useApi(`reviews:${JSON.stringify(query)}`, (signal) => reviewsApi.reviews.list(query, signal));
  const [cycle, setCycle] = useState<'start' | 'close' | null>(null);
  const myId = me?.employee?.id;
  const waitingForMe = (list.data?.items ?? []).filter((r) => r.employeeId === myId && r.status === 'rated');

  const columns: TableColumnsType<ReviewSummary> = [
    {
      key: 'period',
      title: t('reviews.period'),
      sorter: true,
      sortOrder: tq.sortOrderFor('period'),
      render: (_, r) => <Link to={`/reviews/${r.id}`}>{r.period}</Link>,
    },
    {
      key: 'employeeName',
      title: t('pay.employee'),
      sorter: true,
      sortOrder: tq.sortOrderFor('employeeName'),
      render: (_, r) => <Link to={`/reviews/history/${r.employeeId}`}>{r.employeeName}</Link>,
    },
    { key: 'template', title: t('reviews.template'), render: (_, r) => r.templateName },
    {
      key: 'status',
      title: t('pay.statusCol'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, r) => <ReviewStatusTag status={r.status} />,
    },
    {
      key: 'score',
      title: t('reviews.score'),
      align: 'right',
      sorter: true,
      sortOrder: tq.sortOrderFor('score'),
      render: (_, r) => (
        <Flex gap={4} justify="flex-end" align="center">
          <span>{r.score ?? '\u2014'}</span>
          <GradeTag grade={r.grade} />
        </Flex>
      ),
    },
    { key: 'ratedBy', title: t('reviews.ratedBy'), render: (_, r) => r.ratedBy ?? '' },
    {
      key: 'open',
      title: t('common.actions'),
      render: (_, r) => (
        <Button size="small" onClick={() => navigate(`/reviews/${r.id}`)} data-testid="review-open">
          {can('review.rate') && (r.status === 'draft' || r.status === 'rated') && r.employeeId !== myId
            ? t('reviews.rate')
            : t('reviews.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('reviews.title')}
        subTitle={t('reviews.subtitle')}
        extra={
          <>
            {can('review.rate') && (
              <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setCycle('start')}>
                {t('reviews.startCycle')}
              </Button>
            )}
            {can('review.decide') && (
              <Button icon={<FlagOutlined />} onClick={() => setCycle('close')}>
                {t('reviews.closeCycle')}
              </Button>
            )}
            {can('scorecard.manage') && (
              <Button icon={<SolutionOutlined />} onClick={() => navigate('/scorecards')}>
                {t('nav.scorecards')}
              </Button>
            )}
          </>
        }
      />
      {waitingForMe.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reviews.waitingForYou', { count: waitingForMe.length })}
          action={
            <Button size="small" type="primary" onClick={() => navigate(`/reviews/${waitingForMe[0]!.id}`)}>
              {t('reviews.open')}
            </Button>
          }
        />
      )}
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          {can('review.rate') && (
            <Segmented<'all' | 'mine'>
              value={mine ? 'mine' : 'all'}
              onChange={(v) => tq.set({ mine: v === 'mine' ? '1' : undefined })}
              options={[
                { value: 'all', label: t('reviews.inMyScope') },
                { value: 'mine', label: t('reviews.mine') },
              ]}
            />
          )}
          <DatePicker
            picker="month"
            value={period && /^\d{4}-\d{2}$/.test(period) ? dayjs(`${period}-01`) : null}
            onChange={(d) => tq.set({ period: d ? d.format('YYYY-MM') : undefined })}
            placeholder={t('reviews.anyPeriod')}
            style={{ width: 150 }}
          />
          <Select<ReviewStatus | 'all'>
            value={status ?? 'all'}
            onChange={(v) => tq.set({ status: v === 'all' ? undefined : v })}
            style={{ width: 140 }}
            options={[
              { value: 'all', label: t('reviews.anyStatus') },
              ...REVIEW_STATUSES.map((s) => ({ value: s, label: t(`reviews.status.${s}`) })),
            ]}
          />
          {!period && (
            <Button type="link" onClick={() => tq.set({ period: previousMonthOf(thisMonth()) })}>
              {t('reviews.lastMonth')}
            </Button>
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<ReviewSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            data-testid="reviews-table"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={can('review.rate') ? t('reviews.emptyLead') : t('reviews.empty')}
                />
              ),
            }}
          />
        )}
      </Card>
      {cycle && (
        <CycleModal
          mode={cycle}
          onClose={() => setCycle(null)}
          onDone={(p) => {
            setCycle(null);
            if (/^\d{4}-\d{2}$/.test(p)) tq.set({ period: p, mine: undefined });
            else list.reload();
          }}
        />
      )}
    </>
  );
}
