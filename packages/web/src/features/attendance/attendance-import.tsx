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
import type { AttendanceImportResult, AttendanceImportRow } from '@zuzhang/api-schema';
import { useState } from 'react';
import { errorText, useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { readFileAsBase64 } from '../sales-common/files.tsx';
import { attendanceApi } from './attendance-api.ts';

/** The import endpoint takes about 5 MB of file (7,000,000 base64 characters). */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Import attendance from the time clock's CSV or an Excel sheet: the file is checked first (a dry run lists
 * every row with its errors), then imported: all rows, or only the valid ones when the user says so.
 */
export function AttendanceImportModal({
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
  const [report, setReport] = useState<AttendanceImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const check = async (f: File) => {
    setReport(null);
    setFailure(null);
    if (f.size > MAX_IMPORT_BYTES) {
      setFailure(t('attendance.importTooLarge', { mb: 5 }));
      return;
    }
    setChecking(true);
    try {
      const contentBase64 = await readFileAsBase64(f);
      setFile({ name: f.name, contentBase64 });
      setReport(
        await attendanceApi.import({ fileName: f.name, contentBase64, dryRun: true, skipInvalid: false }),
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
      const result = await attendanceApi.import({
        fileName: file.name,
        contentBase64: file.contentBase64,
        dryRun: false,
        skipInvalid: report.invalid > 0 && skipInvalid,
      });
      void message.success(t('attendance.importDone', { count: result.imported }));
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
      title={t('attendance.importTitle')}
      onCancel={onClose}
      width={820}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!canImport}
            loading={importing}
            onClick={() => void runImport()}
            data-testid="attendance-import-run"
          >
            {report
              ? t('attendance.importRun', { count: report.invalid > 0 ? report.valid : report.total })
              : t('attendance.import')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('attendance.importExplain')}
        </Typography.Paragraph>
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
          <p className="ant-upload-text">{file ? file.name : t('attendance.importPick')}</p>
          <p className="ant-upload-hint">
            {checking ? t('attendance.importChecking') : t('attendance.importFormats')}
          </p>
        </Upload.Dragger>
        {failure && <Alert type="error" showIcon title={failure} />}
        {report && (
          <>
            <Space size={32} wrap>
              <Statistic title={t('attendance.importTotal')} value={report.total} />
              <Statistic
                title={t('attendance.importValid')}
                value={report.valid}
                styles={{ content: { color: '#389e0d' } }}
              />
              <Statistic
                title={t('attendance.importInvalid')}
                value={report.invalid}
                styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }}
              />
            </Space>
            {report.invalid > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('attendance.importHasErrors', { count: report.invalid })}
                description={
                  <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
                    {t('attendance.importSkipInvalid')}
                  </Checkbox>
                }
              />
            )}
            <Table<AttendanceImportRow>
              size="small"
              rowKey="row"
              dataSource={report.rows}
              pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content', y: 360 }}
              data-testid="attendance-import-report"
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.importEmpty')} />
                ),
              }}
              columns={[
                { key: 'row', title: t('attendance.importRow'), dataIndex: 'row', width: 64 },
                { key: 'employee', title: t('pay.employee'), dataIndex: 'employee' },
                { key: 'day', title: t('attendance.day'), dataIndex: 'day' },
                { key: 'status', title: t('attendance.status'), dataIndex: 'status' },
                {
                  key: 'ok',
                  title: t('attendance.importCheck'),
                  render: (_, r) =>
                    r.ok ? (
                      <Tag color="green">{t('attendance.importRowOk')}</Tag>
                    ) : (
                      <Tag color="red">{t('attendance.importRowBad')}</Tag>
                    ),
                },
                {
                  key: 'errors',
                  title: t('attendance.importProblems'),
                  render: (_, r) => (
                    <Flex vertical>
                      {r.errors.map((e, i) => (
                        <Typography.Text key={i} type="danger">
                          {e.message}
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
