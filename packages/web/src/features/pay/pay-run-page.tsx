import { CheckOutlined, FileExcelOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Row,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { PayRunDiff, PayStatementSummary } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { ComputeProgress } from './compute-progress.tsx';
import { payApi } from './pay-api.ts';
import { RunStatusTag, formatMonth, signedFen, textIn } from './pay-format.tsx';

type DiffPerson = PayRunDiff['people'][number];

function DiffAmount({ value }: { value: number }) {
  if (value === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Typography.Text type={value > 0 ? 'success' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
      {value > 0 ? '+' : ''}
      {signedFen(value)}
    </Typography.Text>
  );
}

const amountOrDash = (v: number | null) => (v === null ? '\u2014' : signedFen(v));

/** A re-run against the run it replaces: person by person, and line by line when a row is opened. */
function RunDiff({ runId }: { runId: number }) {
  const { t, locale } = useI18n();
  const diff = useApi(`pay-run-diff:${runId}`, (signal) => payApi.runs.diff(runId, signal));
  const [changedOnly, setChangedOnly] = useState(true);
  if (diff.error && !diff.data) return <ErrorState error={diff.error} onRetry={diff.reload} />;
  if (!diff.data) return <PageLoading minHeight={120} />;
  const d = diff.data;
  const people = changedOnly
    ? d.people.filter((p) => p.diffFen !== 0 || p.oldFen === null || p.newFen === null)
    : d.people;
  const columns: TableColumnsType<DiffPerson> = [
    { key: 'name', title: t('pay.employee'), render: (_, p) => p.employeeName },
    { key: 'old', title: t('pay.before'), align: 'right', render: (_, p) => amountOrDash(p.oldFen) },
    { key: 'new', title: t('pay.after'), align: 'right', render: (_, p) => amountOrDash(p.newFen) },
    {
      key: 'diff',
      title: t('pay.difference'),
      align: 'right',
      sorter: (a, b) => a.diffFen - b.diffFen,
      render: (_, p) => <DiffAmount value={p.diffFen} />,
    },
  ];
  return (
    <Card
      size="small"
      title={t('pay.diffTitle', { previous: d.previousRunId ?? '' })}
      extra={
        <Button size="small" type="link" onClick={() => setChangedOnly((c) => !c)}>
          {t(changedOnly ? 'pay.showAllPeople' : 'pay.showChangedOnly')}
        </Button>
      }
      data-testid="pay-run-diff"
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Statistic
            title={t('pay.before')}
            value={signedFen(d.previousTotalFen)}
            styles={{ content: { fontSize: 16 } }}
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('pay.after')}
            value={signedFen(d.totalFen)}
            styles={{ content: { fontSize: 16 } }}
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('pay.difference')}
            value={`${d.diffFen > 0 ? '+' : ''}${signedFen(d.diffFen)}`}
            styles={{
              content: {
                fontSize: 16,
                color: d.diffFen === 0 ? undefined : d.diffFen > 0 ? '#389e0d' : '#cf1322',
              },
            }}
          />
        </Col>
      </Row>
      <Table<DiffPerson>
        size="small"
        rowKey="employeeId"
        columns={columns}
        dataSource={people}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.noDifference')} />,
        }}
        expandable={{
          rowExpandable: (p) => p.lines.length > 0,
          expandedRowRender: (p) => (
            <Table
              size="small"
              rowKey="componentKey"
              pagination={false}
              dataSource={
                changedOnly
                  ? p.lines.filter((l) => l.diffFen !== 0 || l.oldFen === null || l.newFen === null)
                  : p.lines
              }
              columns={[
                { key: 'label', title: t('pay.line'), render: (_, l) => textIn(l.label, locale) },
                {
                  key: 'old',
                  title: t('pay.before'),
                  align: 'right',
                  render: (_, l) => amountOrDash(l.oldFen),
                },
                {
                  key: 'new',
                  title: t('pay.after'),
                  align: 'right',
                  render: (_, l) => amountOrDash(l.newFen),
                },
                {
                  key: 'diff',
                  title: t('pay.difference'),
                  align: 'right',
                  render: (_, l) => <DiffAmount value={l.diffFen} />,
                },
              ]}
            />
          ),
        }}
      />
    </Card>
  );
}

/** One pay run: its statements, the approval and lock, a re-run after late data and the Excel file for payroll. */
export default function PayRunPage() {
  const { t, locale } = useI18n();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const navigate = useNavigate();
  const { id } = useParams();
  const runId = Number(id);
  const valid = Number.isInteger(runId) && runId > 0;
  const run = useApi(valid ? `pay-run:${runId}` : null, (signal) => payApi.runs.get(runId, signal));
  const [busy, setBusy] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const statements = useMemo(() => {
    const all = run.data?.statements ?? [];
    const text = q.trim().toLowerCase();
    return text
      ? all.filter((s) => `${s.employeeName} ${s.positionName} ${s.planName}`.toLowerCase().includes(text))
      : all;
  }, [run.data, q]);

  if (!valid) return <NotFound />;
  if (run.error && !run.data) return <ErrorState error={run.error} onRetry={run.reload} />;
  if (!run.data) return <PageLoading />;
  const r = run.data;

  const act = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      notice(err, run.reload);
    } finally {
      setBusy(null);
    }
  };
  const approve = () =>
    modal.confirm({
      title: t('pay.approveTitle', { period: formatMonth(r.period, locale) }),
      content: t('pay.approveHint', { total: signedFen(r.totalFen), count: r.statementCount }),
      okText: t('pay.approve'),
      onOk: () =>
        act('approve', async () => {
          await payApi.runs.approve(r.id, r.version);
          void message.success(t('pay.approved'));
          run.reload();
        }),
    });
  const lock = () =>
    modal.confirm({
      title: t('pay.lockTitle', { period: formatMonth(r.period, locale) }),
      content: t('pay.lockHint'),
      okText: t('pay.lock'),
      okButtonProps: { danger: true },
      onOk: () =>
        act('lock', async () => {
          await payApi.runs.lock(r.id, r.version);
          void message.success(t('pay.locked'));
          run.reload();
        }),
    });
  const rerun = () =>
    modal.confirm({
      title: t('pay.rerunTitle', { period: formatMonth(r.period, locale) }),
      content: t('pay.rerunHint'),
      okText: t('pay.rerun'),
      onOk: () =>
        act('rerun', async () => {
          const next = await payApi.runs.rerun(r.id);
          void message.success(t('pay.rerunDone'));
          navigate(`/pay-runs/${next.id}`);
        }),
    });
  const download = () =>
    act('xlsx', () => payApi.runs.downloadXlsx(r.id, locale, `${t('pay.exportFileName')}-${r.period}.xlsx`));

  const columns: TableColumnsType<PayStatementSummary> = [
    {
      key: 'employee',
      title: t('pay.employee'),
      sorter: (a, b) => a.employeeName.localeCompare(b.employeeName),
      render: (_, s) => <Link to={`/pay-runs/${r.id}/statements/${s.id}`}>{s.employeeName}</Link>,
    },
    { key: 'position', title: t('pay.position'), render: (_, s) => s.positionName },
    { key: 'plan', title: t('pay.plan'), render: (_, s) => s.planName },
    {
      key: 'total',
      title: t('pay.total'),
      align: 'right',
      sorter: (a, b) => a.totalFen - b.totalFen,
      render: (_, s) => <b>{signedFen(s.totalFen)}</b>,
    },
  ];
  const computedByMe = me?.user.username === r.computedBy;

  return (
    <>
      <PageHeader
        backTo="/pay-runs"
        title={t('pay.runTitle', { period: formatMonth(r.period, locale) })}
        subTitle={<RunStatusTag status={r.status} />}
        extra={
          <>
            {can('payrun.approve') && r.status === 'computed' && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'approve'}
                disabled={computedByMe}
                title={computedByMe ? t('pay.approveNotOwn') : undefined}
                onClick={approve}
              >
                {t('pay.approve')}
              </Button>
            )}
            {can('payrun.manage') && r.status === 'approved' && (
              <Button type="primary" danger icon={<LockOutlined />} loading={busy === 'lock'} onClick={lock}>
                {t('pay.lock')}
              </Button>
            )}
            {can('payrun.manage') && r.status !== 'superseded' && r.replacedByRunId === null && (
              <Button icon={<ReloadOutlined />} loading={busy === 'rerun'} onClick={rerun}>
                {t('pay.rerun')}
              </Button>
            )}
            {can('payroll.read') && (
              <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download()}>
                {t('ledger.downloadExcel')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        {busy === 'rerun' && (
          <ComputeProgress label={t('pay.computing', { period: formatMonth(r.period, locale) })} />
        )}
        {r.replacedByRunId !== null && (
          <Alert
            type="warning"
            showIcon
            title={
              <span>
                {t('pay.replacedBy')} <Link to={`/pay-runs/${r.replacedByRunId}`}>#{r.replacedByRunId}</Link>
              </span>
            }
          />
        )}
        {r.status === 'locked' && <Alert type="success" showIcon title={t('pay.lockedHint')} />}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('pay.totalCost')}
                value={signedFen(r.totalFen)}
                styles={{ content: { fontSize: 18, fontWeight: 600 } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('pay.people')}
                value={r.statementCount}
                styles={{ content: { fontSize: 18 } }}
              />
            </Card>
          </Col>
        </Row>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'unit', label: t('pay.orgUnit'), children: r.unitName ?? t('pay.wholeCompany') },
              {
                key: 'computed',
                label: t('pay.computedAt'),
                children: `${formatDateTime(r.computedAt)} ${r.computedBy ?? ''}`,
              },
              {
                key: 'approved',
                label: t('pay.approvedAt'),
                children: r.approvedAt ? `${formatDateTime(r.approvedAt)} ${r.approvedBy ?? ''}` : '\u2014',
              },
              { key: 'locked', label: t('pay.lockedAt'), children: formatDateTime(r.lockedAt) || '\u2014' },
              {
                key: 'previous',
                label: t('pay.rerunOf'),
                children: r.previousRunId ? (
                  <Link to={`/pay-runs/${r.previousRunId}`}>#{r.previousRunId}</Link>
                ) : (
                  '\u2014'
                ),
              },
            ]}
          />
        </Card>
        {r.previousRunId !== null && <RunDiff runId={r.id} />}
        <Card size="small" title={t('pay.statements')}>
          <Input.Search
            allowClear
            placeholder={t('pay.searchStatements')}
            onChange={(e) => setQ(e.target.value)}
            style={{ maxWidth: 320, marginBottom: 12 }}
          />
          <Table<PayStatementSummary>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={statements}
            pagination={{
              pageSize: 50,
              size: 'small',
              hideOnSinglePage: true,
              showTotal: (n) => t('common.total', { count: n }),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="pay-run-statements"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.noStatements')} />,
            }}
          />
        </Card>
      </Flex>
    </>
  );
}
