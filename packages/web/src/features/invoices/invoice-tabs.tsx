import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';

/** The register and the invoices-vs-receipts check, two pages under one menu entry. */
export function InvoiceTabs({ current }: { current: 'register' | 'check' }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Segmented<'register' | 'check'>
      value={current}
      onChange={(v) => navigate(v === 'register' ? '/invoices' : '/invoices/check')}
      options={[
        { value: 'register', label: t('invoices.tabRegister') },
        { value: 'check', label: t('invoices.tabCheck') },
      ]}
      style={{ marginBottom: 16 }}
    />
  );
}
