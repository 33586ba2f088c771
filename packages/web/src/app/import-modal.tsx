import { InboxOutlined } from '@ant-design/icons';
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
import type { TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { readFileAsBase64 } from '../features/sales-common/files.tsx';
import { errorText, useErrorNotice } from './errors.tsx';
import { useT } from './i18n/i18n.tsx';

/** The import endpoints take about 5 MB of file (7,000,000 base64 characters). */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** What the import endpoints take: the file, and whether to only check it or to skip the rows that fail. */
export interface ImportRequest {
  fileName: string;
  contentBase64: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

/** A checked row of the report; `ok` is whether it has no errors. */
export interface ImportReportRow {
  row: number;
  ok: boolean;
  errors: { field: string; message: string }[];
}

export interface ImportReport<R extends ImportReportRow> {
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  rows: R[];
}

/** What the page that opens an import dialog gives it. */
export interface ImportDialogProps {
  onClose: () => void;
  /** Called after rows were written; the page closes the dialog and reloads. */
  onImported: () => void;
}

/**
 * Import from CSV or XLSX: the file is checked first (a dry run lists every row with its errors), then
 * imported: all rows, or only the valid ones when the user says so. The texts are the feature's own
 * (`<texts>.importTitle`, `<texts>.importRun`, …); the feature gives the columns that show a row.
 */
export function ImportModal<R extends ImportReportRow>({
  texts,
  send,
  columns,
  rowColumnWidth,
  rowNotes,
  extra,
  width,
  testId,
  onClose,
  onImported,
}: {
  texts: 'attendance' | 'customers';
  /** Calls the feature's import endpoint. */
  send: (request: ImportRequest) => Promise<ImportReport<R>>;
  /** The row's own columns, shown between its number and the check result. */
  columns: TableColumnsType<R>;
  rowColumnWidth: number;
  /** What else to say of a row under its errors (warnings that do not fail it). */
  rowNotes?: (row: R) => ReactNode;
  /** Shown above the file picker (e.g. a template to download). */
  extra?: ReactNode;
  width: number;
  /** Prefix of the test ids: `<testId>-run`, `<testId>-report`. */
  testId: string;
} & ImportDialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const notice = useErrorNotice();
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [report, setReport] = useState<ImportReport<R> | null>(null);
  const [checking, setChecking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const check = async (f: File) => {
    setReport(null);
    setFailure(null);
    if (f.size > MAX_IMPORT_BYTES) {
      setFailure(t(`${texts}.importTooLarge`, { mb: 5 }));
      return;
    }
    setChecking(true);
    try {
      const contentBase64 = await readFileAsBase64(f);
      setFile({ name: f.name, contentBase64 });
      setReport(await send({ fileName: f.name, contentBase64, dryRun: true, skipInvalid: false }));
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
      const result = await send({
        fileName: file.name,
        contentBase64: file.contentBase64,
        dryRun: false,
        skipInvalid: report.invalid > 0 && skipInvalid,
      });
      void message.success(t(`${texts}.importDone`, { count: result.imported }));
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
      title={t(`${texts}.importTitle`)}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!canImport}
            loading={importing}
            onClick={() => void runImport()}
            data-testid={`${testId}-run`}
          >
            {report
              ? t(`${texts}.importRun`, { count: report.invalid > 0 ? report.valid : report.total })
              : t(`${texts}.import`)}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(`${texts}.importExplain`)}
        </Typography.Paragraph>
        {extra}
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
          <p className="ant-upload-text">{file ? file.name : t(`${texts}.importPick`)}</p>
          <p className="ant-upload-hint">
            {checking ? t(`${texts}.importChecking`) : t(`${texts}.importFormats`)}
          </p>
        </Upload.Dragger>
        {failure && <Alert type="error" showIcon title={failure} />}
        {report && (
          <>
            <Space size={32} wrap>
              <Statistic title={t(`${texts}.importTotal`)} value={report.total} />
              <Statistic
                title={t(`${texts}.importValid`)}
                value={report.valid}
                styles={{ content: { color: '#389e0d' } }}
              />
              <Statistic
                title={t(`${texts}.importInvalid`)}
                value={report.invalid}
                styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }}
              />
            </Space>
            {report.invalid > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t(`${texts}.importHasErrors`, { count: report.invalid })}
                description={
                  <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
                    {t(`${texts}.importSkipInvalid`)}
                  </Checkbox>
                }
              />
            )}
            <Table<R>
              size="small"
              rowKey="row"
              dataSource={report.rows}
              pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content', y: 360 }}
              data-testid={`${testId}-report`}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${texts}.importEmpty`)} />
                ),
              }}
              columns={[
                { key: 'row', title: t(`${texts}.importRow`), dataIndex: 'row', width: rowColumnWidth },
                ...columns,
                {
                  key: 'ok',
                  title: t(`${texts}.importCheck`),
                  render: (_, r) =>
                    r.ok ? (
                      <Tag color="green">{t(`${texts}.importRowOk`)}</Tag>
                    ) : (
                      <Tag color="red">{t(`${texts}.importRowBad`)}</Tag>
                    ),
                },
                {
                  key: 'problems',
                  title: t(`${texts}.importProblems`),
                  render: (_, r) => (
                    <Flex vertical>
                      {r.errors.map((e, i) => (
                        <Typography.Text key={i} type="danger">
                          {e.message}
                        </Typography.Text>
                      ))}
                      {rowNotes?.(r)}
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
