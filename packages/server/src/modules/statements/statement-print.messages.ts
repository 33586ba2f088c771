import type { Locale } from '@zuzhang/api-schema';
import type { StatementLineKind } from '@zuzhang/domain';

/** Labels of the printed and exported statement (客户对账单); documents and figures are printed as they are. */
export interface StatementLabels {
  title: string;
  customer: string;
  period: string;
  status: string;
  printedStatus: Record<'draft' | 'sent' | 'confirmed' | 'disputed', string>;
  unit: string;
  date: string;
  kind: string;
  ref: string;
  debit: string;
  credit: string;
  invoiced: string;
  balance: string;
  opening: string;
  closing: string;
  orders: string;
  returns: string;
  receipts: string;
  writeOffs: string;
  invoicedTotal: string;
  summary: string;
  noDocuments: string;
  kinds: Record<StatementLineKind, string>;
  /** The customer's confirmation block (客户确认). */
  confirmIntro: string;
  confirmAgree: string;
  confirmDisagree: string;
  signature: string;
  stamp: string;
  signedOn: string;
  preparedBy: string;
  note: string;
  sheet: string;
  print: string;
  /** Between a label and its value. */
  colon: string;
}

export const STATEMENT_LABELS: Record<Locale, StatementLabels> = {
  'zh-CN': {
    title: '客户对账单',
    customer: '客户名称',
    period: '对账期间',
    status: '状态',
    printedStatus: { draft: '草稿', sent: '已发送', confirmed: '已确认', disputed: '有异议' },
    unit: '金额单位：人民币元',
    date: '日期',
    kind: '类别',
    ref: '单据号',
    debit: '应收增加',
    credit: '应收减少',
    invoiced: '开票金额',
    balance: '余额',
    opening: '期初余额',
    closing: '期末余额',
    orders: '本期销售',
    returns: '本期退货',
    receipts: '本期回款',
    writeOffs: '本期核销',
    invoicedTotal: '本期开票',
    summary: '汇总',
    noDocuments: '本期无往来单据',
    kinds: { order: '销售订单', return: '退货', receipt: '回款', write_off: '坏账核销', invoice: '发票' },
    confirmIntro:
      '请贵司核对上述往来款项，如无误请在“核对无误”处签字盖章后回传；如有不符，请在“核对不符”处注明差异。',
    confirmAgree: '□ 核对无误',
    confirmDisagree: '□ 核对不符，差异如下：',
    signature: '客户签字',
    stamp: '客户盖章',
    signedOn: '日期',
    preparedBy: '制表单位',
    note: '备注',
    sheet: '对账单',
    print: '打印',
    colon: '：',
  },
  'en-US': {
    title: 'Customer statement of account',
    customer: 'Customer',
    period: 'Period',
    status: 'Status',
    printedStatus: { draft: 'Draft', sent: 'Sent', confirmed: 'Confirmed', disputed: 'Disputed' },
    unit: 'Amounts in CNY',
    date: 'Date',
    kind: 'Type',
    ref: 'Document',
    debit: 'Debit',
    credit: 'Credit',
    invoiced: 'Invoiced',
    balance: 'Balance',
    opening: 'Opening balance',
    closing: 'Closing balance',
    orders: 'Sales',
    returns: 'Returns',
    receipts: 'Receipts',
    writeOffs: 'Write-offs',
    invoicedTotal: 'Invoiced',
    summary: 'Summary',
    noDocuments: 'No documents in this period',
    kinds: {
      order: 'Order',
      return: 'Return',
      receipt: 'Receipt',
      write_off: 'Write-off',
      invoice: 'Invoice',
    },
    confirmIntro:
      'Please check the items above. If they agree, sign and stamp below and return this statement; if not, state the differences.',
    confirmAgree: '□ Agreed',
    confirmDisagree: '□ Not agreed; differences:',
    signature: 'Signature',
    stamp: 'Company stamp',
    signedOn: 'Date',
    preparedBy: 'Prepared by',
    note: 'Note',
    sheet: 'Statement',
    print: 'Print',
    colon: ': ',
  },
};
