import type { Locale } from '@zuzhang/api-schema';

/** Labels of the pay slip (工资条) and of the payroll workbook; figures and rule texts are printed as computed. */
export interface PayPrintLabels {
  title: string;
  company: string;
  employee: string;
  position: string;
  period: string;
  plan: string;
  run: string;
  unit: string;
  item: string;
  amount: string;
  explanation: string;
  total: string;
  notApplied: string;
  figures: string;
  figure: string;
  value: string;
  source: string;
  printed: string;
  sheet: string;
  employeeId: string;
  mobile: string;
  status: Record<'computed' | 'approved' | 'locked' | 'superseded', string>;
  sources: Record<string, string>;
  colon: string;
}

const SOURCES_ZH: Record<string, string> = {
  sales: '销售',
  targets: '目标',
  collections: '回款',
  returns: '退货',
  receivables: '应收核销',
  customers: '客户',
  mentoring: '带教',
  incidents: '奖罚记录',
  attendance: '考勤',
  calendar: '工作日历',
  scorecard: '绩效考核',
  pay: '工资',
  input: '录入',
};
const SOURCES_EN: Record<string, string> = {
  sales: 'sales',
  targets: 'targets',
  collections: 'collections',
  returns: 'returns',
  receivables: 'write-offs',
  customers: 'customers',
  mentoring: 'mentoring',
  incidents: 'incidents',
  attendance: 'attendance',
  calendar: 'working calendar',
  scorecard: 'scorecard',
  pay: 'pay',
  input: 'typed in',
};

export const PAY_PRINT_LABELS: Record<Locale, PayPrintLabels> = {
  'zh-CN': {
    title: '工资条',
    company: '公司',
    employee: '姓名',
    position: '岗位',
    period: '月份',
    plan: '薪资方案',
    run: '核算批次',
    unit: '金额单位：元',
    item: '项目',
    amount: '金额',
    explanation: '计算依据',
    total: '实发合计',
    notApplied: '本月未适用的规则',
    figures: '计算所用数据',
    figure: '数据',
    value: '数值',
    source: '来源',
    printed: '本工资条由系统按薪资方案计算，各项金额四舍五入到分后相加等于合计。',
    sheet: '工资表',
    employeeId: '员工编号',
    mobile: '手机',
    status: { computed: '已核算', approved: '已审批', locked: '已锁定', superseded: '已被重新核算取代' },
    sources: SOURCES_ZH,
    colon: '：',
  },
  'en-US': {
    title: 'Pay statement',
    company: 'Company',
    employee: 'Name',
    position: 'Position',
    period: 'Month',
    plan: 'Pay plan',
    run: 'Pay run',
    unit: 'Amounts in yuan',
    item: 'Item',
    amount: 'Amount',
    explanation: 'How it was worked out',
    total: 'Total pay',
    notApplied: 'Rules that did not apply this month',
    figures: 'Figures used',
    figure: 'Figure',
    value: 'Value',
    source: 'Source',
    printed:
      'Computed by the system from the pay plan; each amount is rounded to the fen and the amounts add up to the total.',
    sheet: 'Payroll',
    employeeId: 'Employee no.',
    mobile: 'Mobile',
    status: {
      computed: 'computed',
      approved: 'approved',
      locked: 'locked',
      superseded: 'replaced by a re-run',
    },
    sources: SOURCES_EN,
    colon: ': ',
  },
};
