import { Tag } from 'antd';
import type { EmployeeStatus } from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';

export const EMPLOYEE_STATUSES: EmployeeStatus[] = ['probation', 'active', 'on_leave', 'left'];
const COLORS: Record<EmployeeStatus, string> = {
  probation: 'gold',
  active: 'green',
  on_leave: 'blue',
  left: 'default',
};

export function EmployeeStatusTag({ status }: { status: EmployeeStatus }) {
  const t = useT();
  return <Tag color={COLORS[status]}>{t(`employeeStatus.${status}`)}</Tag>;
}

/** Mainland China mobile number, the same rule as the shared schema (MobileCN). */
export const MOBILE_CN = /^1[3-9]\d{9}$/;
