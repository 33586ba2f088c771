import { Tag } from 'antd';
import type {
  ComplaintSeverity,
  ComplaintStatus,
  ContractStatus,
  InvoiceStatus,
  OrderStatus,
  StatementStatus,
  VettingStatus,
} from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';

const ORDER_COLORS: Record<OrderStatus, string> = {
  draft: 'default',
  awaiting_approval: 'orange',
  confirmed: 'blue',
  partially_shipped: 'cyan',
  shipped: 'geekblue',
  completed: 'green',
  cancelled: 'default',
};
const CONTRACT_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  awaiting_approval: 'orange',
  signed: 'blue',
  in_progress: 'cyan',
  completed: 'green',
  terminated: 'red',
};
const VETTING_COLORS: Record<VettingStatus, string> = {
  not_started: 'default',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};
const INVOICE_COLORS: Record<InvoiceStatus, string> = {
  requested: 'orange',
  issued: 'blue',
  mailed: 'green',
  reversed: 'red',
};
const STATEMENT_COLORS: Record<StatementStatus, string> = {
  draft: 'default',
  sent: 'blue',
  confirmed: 'green',
  disputed: 'red',
};
const DECISION_COLORS: Record<'pending' | 'approved' | 'rejected', string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};
const SEVERITY_COLORS: Record<ComplaintSeverity, string> = {
  low: 'default',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};
const COMPLAINT_COLORS: Record<ComplaintStatus, string> = {
  open: 'orange',
  in_progress: 'blue',
  resolved: 'green',
  closed: 'default',
};

const noMargin = { marginInlineEnd: 0 };

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const t = useT();
  return (
    <Tag color={ORDER_COLORS[status]} style={noMargin}>
      {t(`orderStatus.${status}`)}
    </Tag>
  );
}

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const t = useT();
  return (
    <Tag color={CONTRACT_COLORS[status]} style={noMargin}>
      {t(`contractStatus.${status}`)}
    </Tag>
  );
}

export function VettingStatusTag({ status }: { status: VettingStatus }) {
  const t = useT();
  return (
    <Tag color={VETTING_COLORS[status]} style={noMargin}>
      {t(`vettingStatus.${status}`)}
    </Tag>
  );
}

export function InvoiceStatusTag({ status }: { status: InvoiceStatus }) {
  const t = useT();
  return (
    <Tag color={INVOICE_COLORS[status]} style={noMargin}>
      {t(`invoiceStatus.${status}`)}
    </Tag>
  );
}

export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const t = useT();
  return (
    <Tag color={STATEMENT_COLORS[status]} style={noMargin}>
      {t(`statementStatus.${status}`)}
    </Tag>
  );
}

/** Pending / approved / rejected: vetting decisions, write-offs, proofs. */
export function DecisionTag({ status }: { status: 'pending' | 'approved' | 'rejected' }) {
  const t = useT();
  return (
    <Tag color={DECISION_COLORS[status]} style={noMargin}>
      {t(`decision.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: ComplaintSeverity }) {
  const t = useT();
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={noMargin}>
      {t(`complaintSeverity.${severity}`)}
    </Tag>
  );
}

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const t = useT();
  return (
    <Tag color={COMPLAINT_COLORS[status]} style={noMargin}>
      {t(`complaintStatus.${status}`)}
    </Tag>
  );
}

export function OverdueTag({ days }: { days?: number }) {
  const t = useT();
  return (
    <Tag color="red" style={noMargin}>
      {days !== undefined && days > 0 ? t('ledger.overdueDays', { days }) : t('ledger.overdue')}
    </Tag>
  );
}
