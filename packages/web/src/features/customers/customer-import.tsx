import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { CustomerImportResult, CustomerImportRow } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { readFileAsBase64 } from '../sales-common/files.tsx';

/** The import endpoint takes about 5 MB of file (7,000,000 base64 characters). */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** A CSV with the column names the import reads, in the user's language, that Excel opens as UTF-8. */
function downloadTemplate(header: string, example: string, fileName: string) {
  const blob = new Blob(['\ufeff', `${header}\r\n${example}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Import customers from CSV or XLSX: the file is checked first (a dry run reports every row: errors and
 * duplicates), then imported: all rows, or only the valid ones if the user chooses to skip the others.
 */
export function CustomerImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [report, setReport] = useState<CustomerImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const check = async (f: File) => {
    setReport(null);
    setFailure(null);
    if (f.size > MAX_IMPORT_BYTES) {
      setFailure(t('customers.importTooLarge', { mb: 5 }));
      return;
    }
    setChecking(true);
    try {
      const contentBase64 = await readFileAsBase64(f);
      setFile({ name: f.name, contentBase64 });
      setReport(
        await api.customers.import({ fileName: f.name, contentBase64, dryRun: true, skipInvalid: false }),
      );
    } catch (err) {
      setFailure(errorText(err, t));
    } finally {
      setChecking(false);
    }
  };

  const runImport = async () => {
    if (!file || !report) return;
    setImporting(true);
    try {
      const result = await api.customers.import({
        fileName: file.name,
        contentBase64: file.contentBase64,
        dryRun: false,
        skipInvalid: report.invalid > 0 && skipInvalid,
      });
      void message.success(t('customers.importDone', { count: result.imported }));
      onImported();
    } catch (err) {
      notice(err);
    } finally {
      setImporting(false);
    }
  };

  const canImport = !!report && report.valid > 0 && (report.invalid === 0 || skipInvalid);

  return (
    <Modal
      open
      title={t('customers.importTitle')}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!canImport}
            loading={importing}
            onClick={() => void runImport()}
            data-testid="customer-import-run"
          >
            {report
              ? t('customers.importRun', { count: report.invalid > 0 ? report.valid : report.total })
              : t('customers.import')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('customers.importExplain')}
        </Typography.Paragraph>
        <div>
          <Button
            icon={<DownloadOutlined />}
            size="small"
            onClick={() =>
              downloadTemplate(
                t('customers.importTemplateHeader'),
                t('customers.importTemplateExample'),
                t('customers.importTemplateFile'),
              )
            }
          >
            {t('customers.importTemplate')}
          </Button>
        </div>
        <Upload.Dragger
          accept=".csv,.xlsx"
          showUploadList={false}
          multiple={false}
          disabled={checking || importing}
          beforeUpload={(f) => {
            void check(f);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('customers.importPick')}</p>
          <p className="ant-upload-hint">
            {checking ? t('customers.importChecking') : t('customers.importFormats')}
          </p>
        </Upload.Dragger>
        {failure && <Alert type="error" showIcon title={failure} />}
        {report && (
          <>
            <Space size={32} wrap>
              <Statistic title={t('customers.importTotal')} value={report.total} />
              <Statistic
                title={t('customers.importValid')}
                value={report.valid}
                styles={{ content: { color: '#389e0d' } }}
              />
              <Statistic
                title={t('customers.importInvalid')}
                value={report.invalid}
                styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }}
              />
            </Space>
            {report.invalid > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('customers.importHasErrors', { count: report.invalid })}
                description={
                  <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
                    {t('customers.importSkipInvalid')}
                  </Checkbox>
                }
              />
            )}
            <Table<CustomerImportRow>
              size="small"
              rowKey="row"
              dataSource={report.rows}
              pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content', y: 360 }}
              data-testid="customer-import-report"
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.importEmpty')} />
                ),
              }}
              columns={[
                { key: 'row', title: t('customers.importRow'), dataIndex: 'row', width: 70 },
                { key: 'name', title: t('customers.name'), dataIndex: 'name' },
                {
                  key: 'ok',
                  title: t('customers.importCheck'),
                  render: (_, r) =>
                    r.ok ? (
                      <Tag color="green">{t('customers.importRowOk')}</Tag>
                    ) : (
                      <Tag color="red">{t('customers.importRowBad')}</Tag>
                    ),
                },
                {
                  key: 'problems',
                  title: t('customers.importProblems'),
                  render: (_, r) => (
                    <Flex vertical>
                      {r.errors.map((e, i) => (
                        <Typography.Text key={i} type="danger">
                          {e.message}
                        </Typography.Text>
                      ))}
                      {/* A duplicate that failed the row is already among its errors. */}
                      {r.errors.length === 0 &&
                        r.duplicates.map((d, i) => (
                          <Typography.Text key={`d${i}`} type="warning">
                            {d.status === 'visible'
                              ? t('customers.dupVisible', {
                                  field: t(`customers.dupField.${d.field}`),
                                  value: d.value,
                                  owner: d.ownerName ?? t('ledger.pool'),
                                })
                              : d.status === 'in_pool'
                                ? t('customers.dupInPool', {
                                    field: t(`customers.dupField.${d.field}`),
                                    value: d.value,
                                  })
                                : t('customers.dupOwnedByOther', {
                                    field: t(`customers.dupField.${d.field}`),
                                    value: d.value,
                                  })}
                          </Typography.Text>
                        ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}
