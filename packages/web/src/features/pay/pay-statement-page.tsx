import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useErrorNotice } from '../../app/errors.tsx';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { payApi } from './pay-api.ts';
import { RunStatusTag, formatMonth } from './pay-format.tsx';
import { StatementView } from './statement-view.tsx';

/**
 * One pay statement: the person's own (from My pay, /my-pay/:id) or, for payroll, one of a run's
 * (/pay-runs/:runId/statements/:id). The server answers 404 for anyone else's.
 */
export default function PayStatementPage() {
  const { t, locale } = useI18n();
  const notice = useErrorNotice();
  const { id, runId } = useParams();
  const statementId = Number(id);
  const valid = Number.isInteger(statementId) && statementId > 0;
  const statement = useApi(valid ? `pay-statement:${statementId}` : null, (signal) =>
    payApi.statements.get(statementId, signal),
  );
  const [downloading, setDownloading] = useState(false);

  if (!valid) return <NotFound />;
  if (statement.error && !statement.data)
    return <ErrorState error={statement.error} onRetry={statement.reload} />;
  if (!statement.data) return <PageLoading />;
  const s = statement.data;
  const backTo = runId ? `/pay-runs/${runId}` : '/my-pay';

  const download = async () => {
    setDownloading(true);
    try {
      await payApi.statements.downloadPdf(
        s.id,
        locale,
        `${t('pay.slipFileName')}-${s.employeeName}-${s.period}.pdf`,
      );
    } catch (err) {
      notice(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader
        backTo={backTo}
        title={t('pay.statementTitle', { period: formatMonth(s.period, locale) })}
        subTitle={s.employeeName}
        extra={
          <Button
            icon={<FilePdfOutlined />}
            loading={downloading}
            onClick={() => void download()}
            data-testid="pay-pdf"
          >
            {t('ledger.downloadPdf')}
          </Button>
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 860 }}>
        {s.runStatus !== 'locked' && (
          <Alert
            type={s.runStatus === 'superseded' ? 'warning' : 'info'}
            showIcon
            title={t(s.runStatus === 'superseded' ? 'pay.supersededHint' : 'pay.notLockedHint')}
          />
        )}
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'employee', label: t('pay.employee'), children: s.employeeName },
              { key: 'position', label: t('pay.position'), children: s.positionName },
              { key: 'period', label: t('pay.period'), children: formatMonth(s.period, locale) },
              { key: 'plan', label: t('pay.plan'), children: s.planName },
              {
                key: 'run',
                label: t('pay.run'),
                children: runId ? (
                  <Link to={backTo}>
                    <RunStatusTag status={s.runStatus} />
                  </Link>
                ) : (
                  <RunStatusTag status={s.runStatus} />
                ),
              },
              { key: 'company', label: t('pay.company'), children: s.companyName },
            ]}
          />
        </Card>
        <StatementView statement={s} />
      </Flex>
    </>
  );
}
