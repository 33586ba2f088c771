/**
 * Labels of the printed commitment letter (销售目标承诺书). The targets and names are printed as they are;
 * only these labels follow the reader's language. The promise itself is stored with the signature in the
 * words signed (COMMITMENT_STATEMENT), in Chinese, the language of record.
 */
export type LetterLocale = 'zh-CN' | 'en-US';

/** What the person signs, kept with the signature (承诺书 as signed). */
export const COMMITMENT_STATEMENT =
  '本人已阅读并认可上述销售目标（目标 / 挑战 / 冲刺），承诺按期间分解全力完成，并接受公司按目标完成情况进行考核。';

export const LETTER_MESSAGES: Record<LetterLocale, Record<string, string>> = {
  'zh-CN': {
    title: '{year}年度销售目标承诺书',
    print: '打印',
    company: '公司',
    plan: '目标计划',
    version: '版本',
    versionValue: '第{n}版',
    metric: '考核指标',
    person: '承诺人',
    team: '所在组',
    targets: '目标明细',
    period: '期间',
    target: '目标',
    stretch: '挑战',
    challenge: '冲刺',
    unitYuan: '单位：元',
    unitCount: '单位：家',
    statementHeading: '承诺',
    statement: COMMITMENT_STATEMENT,
    signature: '承诺人签名：',
    signDate: '日期：',
    signedAt: '已于 {time} 在系统中签署',
    notSigned: '尚未签署',
    metric_sales: '销售额（按订单日期，扣除退货）',
    metric_collections: '回款额（按收款日期）',
    metric_new_customers: '新客户数',
    metric_category_sales: '{category}类销售额',
    year: '{year}年',
    quarter: '{year}年第{n}季度',
    month: '{year}年{n}月',
    week: '{year}年第{n}周（{from} 至 {to}）',
  },
  'en-US': {
    title: 'Sales Target Commitment Letter {year}',
    print: 'Print',
    company: 'Company',
    plan: 'Target plan',
    version: 'Version',
    versionValue: 'V{n}',
    metric: 'Measured by',
    person: 'Committed by',
    team: 'Team',
    targets: 'Targets',
    period: 'Period',
    target: 'Target',
    stretch: 'Stretch',
    challenge: 'Challenge',
    unitYuan: 'Amounts in yuan',
    unitCount: 'Counts of customers',
    statementHeading: 'Commitment',
    statement:
      'I have read and accept the sales targets above (target / stretch / challenge), commit to doing my utmost to reach them period by period, and accept that my performance is reviewed against them.',
    signature: 'Signature:',
    signDate: 'Date:',
    signedAt: 'Signed in the system on {time}',
    notSigned: 'Not signed yet',
    metric_sales: 'Net sales (by order date, less returns)',
    metric_collections: 'Collections (by date received)',
    metric_new_customers: 'New customers',
    metric_category_sales: 'Sales of {category}',
    year: '{year}',
    quarter: 'Q{n} {year}',
    month: '{month} {year}',
    week: 'Week {n}, {year} ({from} to {to})',
  },
};
