import {
  CheckOutlined,
  ExclamationCircleOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  PrinterOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Statistic, Table } from 'antd';
import type { StatementLine } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { fen } from '../sales-common/money.ts';
import { NoteModal } from '../sales-common/note-modal.tsx';
import { StatementStatusTag } from '../sales-common/tags.tsx';

export default function StatementPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const { id } = useParams();
  const statementId = Number(id);
  const valid = Number.isInteger(statementId) && statementId > 0;
  const statement = useApi(valid ? `statement:${statementId}` : null, (signal) =>
    api.statements.get(statementId, signal),
  );
  const [disputing, setDisputing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  if (!valid) return <NotFound />;
  if (statement.error && !statement.data)
    return <ErrorState error={statement.error} onRetry={statement.reload} />;
  if (!statement.data) return <PageLoading />;
  const s = statement.data;
  const canManage = can('statement.manage');
  const fileBase = `${s.customerName}-${s.period}`;

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      notice(err, statement.reload);
    } finally {
      setBusy(null);
    }
  };

  const send = () =>
    run('send', async () => {
      statement.setData(await api.statements.send(s.id, s.version));
      void message.success(t('statements.sentOk'));
    });
  const confirm = () =>
    modal.confirm({
      title: t('statements.confirmTitle', { customer: s.customerName, period: s.period }),
      content: t('statements.confirmHint'),
      okText: t('statements.confirm'),
      onOk: () =>
        run('confirm', async () => {
          statement.setData(await api.statements.confirm(s.id, s.version));
          void message.success(t('statements.confirmedOk'));
        }),
    });
  const regenerate = () =>
    run('regenerate', async () => {
      const r = await api.statements.generate({ period: s.period, customerId: s.customerId });
      const fresh = r.generated.find((g) => g.customerId === s.customerId);
      if (fresh && fresh.id !== s.id) window.location.assign(`/statements/${fresh.id}`);
      else statement.reload();
      void message.success(t('statements.regenerated'));
    });

  const KIND_LABEL: Record<StatementLine['kind'], string> = {
    order: t('statements.kind.order'),
    return: t('statements.kind.return'),
    receipt: t('statements.kind.receipt'),
    write_off: t('statements.kind.write_off'),
    invoice: t('statements.kind.invoice'),
  };

  return (
    <>
      <PageHeader
        backTo="/statements"
        title={t('statements.pageTitle', { customer: s.customerName, period: s.period })}
        subTitle={<StatementStatusTag status={s.status} />}
        extra={
          <>
            {canManage && s.status === 'draft' && !s.stale && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'send'}
                onClick={() => void send()}
              >
                {t('statements.send')}
              </Button>
            )}
            {canManage && s.status === 'sent' && (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy === 'confirm'}
                  onClick={confirm}
                >
                  {t('statements.confirm')}
                </Button>
                <Button danger icon={<ExclamationCircleOutlined />} onClick={() => setDisputing(true)}>
                  {t('statements.dispute')}
                </Button>
              </>
            )}
            {canManage && (s.status === 'draft' || s.status === 'disputed') && (
              <Button
                icon={<ReloadOutlined />}
                loading={busy === 'regenerate'}
                onClick={() => void regenerate()}
              >
                {t('statements.regenerate')}
              </Button>
            )}
            <Button
              icon={<FilePdfOutlined />}
              loading={busy === 'pdf'}
              onClick={() =>
                void run('pdf', () => api.statements.downloadPdf(s.id, locale, `${fileBase}.pdf`))
              }
            >
              {t('ledger.downloadPdf')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={busy === 'xlsx'}
              onClick={() =>
                void run('xlsx', () => api.statements.downloadXlsx(s.id, locale, `${fileBase}.xlsx`))
              }
            >
              {t('ledger.downloadExcel')}
            </Button>
            <a href={api.statements.printUrl(s.id, locale)} target="_blank" rel="noreferrer">
              <Button icon={<PrinterOutlined />}>{t('ledger.print')}</Button>
            </a>
          </>
        }
      />
      <Flex vertical gap={16}>
        {s.stale && (
          <Alert
            type="warning"
            showIcon
            title={t('statements.stale')}
            description={
              s.status === 'draft' || s.status === 'disputed' ? t('statements.staleHint') : undefined
            }
          />
        )}
        {s.status === 'confirmed' && (
          <Alert type="success" showIcon title={t('statements.lockedNow', { period: s.period })} />
        )}
        {s.status === 'disputed' && s.disputeNote && (
          <Alert type="error" showIcon title={t('statements.disputedWith')} description={s.disputeNote} />
        )}
        <Row gutter={[12, 12]}>
          {[
            ['opening', s.openingFen],
            ['orders', s.ordersFen],
            ['returns', -s.returnsFen],
            ['receipts', -s.receiptsFen],
            ['writeOffs', -s.writeOffsFen],
            ['closing', s.closingFen],
          ].map(([k, v]) => (
            <Col key={k as string} xs={12} sm={8} lg={4}>
              <Card size="small">
                <Statistic
                  title={t(
                    `statements.${k as 'opening' | 'orders' | 'returns' | 'receipts' | 'writeOffs' | 'closing'}`,
                  )}
                  value={fen(v as number)}
                  styles={{ content: { fontSize: 18, fontWeight: k === 'closing' ? 600 : undefined } }}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'customer',
                label: t('ledger.customer'),
                children: <Link to={`/customers/${s.customerId}?tab=receivables`}>{s.customerName}</Link>,
              },
              { key: 'owner', label: t('ledger.owner'), children: s.ownerName ?? '\u2014' },
              { key: 'invoiced', label: t('statements.invoiced'), children: fen(s.invoicedFen) },
              { key: 'sent', label: t('statements.sentAt'), children: formatDateTime(s.sentAt) || '\u2014' },
              {
                key: 'confirmed',
                label: t('statements.confirmedAt'),
                children: formatDateTime(s.confirmedAt) || '\u2014',
              },
              { key: 'company', label: t('statements.company'), children: s.companyName },
            ]}
          />
        </Card>
        <Card size="small" title={t('statements.lines')}>
          <Table<StatementLine>
            size="small"
            rowKey={(l) => `${l.kind}-${l.id}`}
            dataSource={s.lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('statements.noLines') }}
            columns={[
              { key: 'on', title: t('ledger.date'), render: (_, l) => formatDate(l.on) },
              { key: 'kind', title: t('statements.kindCol'), render: (_, l) => KIND_LABEL[l.kind] },
              {
                key: 'ref',
                title: t('statements.ref'),
                render: (_, l) => (l.kind === 'order' ? <Link to={`/orders/${l.id}`}>{l.ref}</Link> : l.ref),
              },
              {
                key: 'debit',
                title: t('statements.debit'),
                align: 'right',
                render: (_, l) => (l.debitFen ? fen(l.debitFen) : ''),
              },
              {
                key: 'credit',
                title: t('statements.credit'),
                align: 'right',
                render: (_, l) => (l.creditFen ? fen(l.creditFen) : ''),
              },
              {
                key: 'balance',
                title: t('statements.balance'),
                align: 'right',
                render: (_, l) => (l.kind === 'invoice' ? '' : fen(l.balanceFen)),
              },
              {
                key: 'amount',
                title: t('statements.invoiceAmount'),
                align: 'right',
                render: (_, l) => (l.kind === 'invoice' ? fen(l.amountFen) : ''),
              },
            ]}
          />
        </Card>
      </Flex>
      {disputing && (
        <NoteModal
          title={t('statements.disputeTitle', { customer: s.customerName, period: s.period })}
          okText={t('statements.dispute')}
          danger
          noteRequired
          maxLength={1000}
          onSubmit={async (note) => {
            try {
              statement.setData(await api.statements.dispute(s.id, s.version, note));
              setDisputing(false);
              void message.success(t('statements.disputedOk'));
            } catch (err) {
              notice(err, statement.reload);
              throw err;
            }
          }}
          onClose={() => setDisputing(false)}
        />
      )}
    </>
  );
}
