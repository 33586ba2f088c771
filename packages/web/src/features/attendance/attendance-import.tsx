import type { AttendanceImportRow } from '@zuzhang/api-schema';
import { ImportModal, type ImportDialogProps } from '../../app/import-modal.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { attendanceApi } from './attendance-api.ts';

/**
 * Import attendance from the time clock's CSV or an Excel sheet: the file is checked first (a dry run lists
 * every row with its errors), then imported: all rows, or only the valid ones when the user says so.
 */
export function AttendanceImportModal(props: ImportDialogProps) {
  const t = useT();
  return (
    <ImportModal<AttendanceImportRow>
      texts="attendance"
      send={(request) => attendanceApi.import(request)}
      width={820}
      testId="attendance-import"
      rowColumnWidth={64}
      columns={[
        { key: 'employee', title: t('pay.employee'), dataIndex: 'employee' },
        { key: 'day', title: t('attendance.day'), dataIndex: 'day' },
        { key: 'status', title: t('attendance.status'), dataIndex: 'status' },
      ]}
      {...props}
    />
  );
}
