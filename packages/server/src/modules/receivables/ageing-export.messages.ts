import type { Locale } from '@zuzhang/api-schema';
import type { AgeingBand } from '@zuzhang/domain';

/** Labels of the ageing workbook (应收账款账龄分析表); the figures themselves are the report's. */
export const AGEING_EXPORT_MESSAGES: Record<
  Locale,
  {
    sheet: string;
    title: string;
    asOf: string;
    groupBy: string;
    unit: string;
    customer: string;
    owner: string;
    team: string;
    total: string;
    orderCount: string;
    none: string;
    bands: Record<AgeingBand, string>;
  }
> = {
  'zh-CN': {
    sheet: '账龄',
    title: '应收账款账龄分析表',
    asOf: '截止日期',
    groupBy: '汇总方式',
    unit: '金额单位：元',
    customer: '客户',
    owner: '业务员',
    team: '团队',
    total: '合计',
    orderCount: '订单数',
    none: '（未分配）',
    bands: {
      current: '未到期',
      '0-30': '逾期0–30天',
      '31-60': '逾期31–60天',
      '61-90': '逾期61–90天',
      '90+': '逾期90天以上',
    },
  },
  'en-US': {
    sheet: 'Ageing',
    title: 'Receivables ageing',
    asOf: 'As of',
    groupBy: 'Grouped by',
    unit: 'Amounts in yuan',
    customer: 'Customer',
    owner: 'Owner',
    team: 'Team',
    total: 'Total',
    orderCount: 'Orders',
    none: '(none)',
    bands: {
      current: 'Not yet due',
      '0-30': '0–30 days overdue',
      '31-60': '31–60 days overdue',
      '61-90': '61–90 days overdue',
      '90+': 'Over 90 days overdue',
    },
  },
};
