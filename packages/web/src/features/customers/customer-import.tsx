import { DownloadOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { CustomerImportRow } from '@zuzhang/api-schema';
import { api } from '../../app/api-client.ts';
import { ImportModal, type ImportDialogProps } from '../../app/import-modal.tsx';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';

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

/** The duplicates a row would make, as warnings; a duplicate that failed the row is already among its errors. */
function duplicateNotes(r: CustomerImportRow, t: Translate) {
  if (r.errors.length > 0) return null;
  return r.duplicates.map((d, i) => (
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
  ));
}

/**
 * Import customers from CSV or XLSX: the file is checked first (a dry run reports every row: errors and
 * duplicates), then imported: all rows, or only the valid ones if the user chooses to skip the others.
 */
export function CustomerImportModal(props: ImportDialogProps) {
  const t = useT();
  return (
    <ImportModal<CustomerImportRow>
      texts="customers"
      send={(request) => api.customers.import(request)}
      width={860}
      testId="customer-import"
      rowColumnWidth={70}
      columns={[{ key: 'name', title: t('customers.name'), dataIndex: 'name' }]}
      rowNotes={(r) => duplicateNotes(r, t)}
      extra={
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
      }
      {...props}
    />
  );
}
