import { indicatorOf, type KpiCode, type KpiPeriod, type KpiText } from './indicators.ts';
import type { ScoringCurve } from './scoring.ts';

/** One weighted indicator of a scorecard; `curve` is the library's default unless the position sets one. */
export interface ScorecardLine {
  code: KpiCode;
  weight: number;
  curve: ScoringCurve;
}

/**
 * The scorecard items as the job description words them, each covering one or more lines. A reviewer
 * reads the seed's items; the lines are what gets filled and scored. A section's weight is the sum of its
 * lines' weights.
 */
export interface ScorecardSection {
  label: KpiText;
  codes: readonly KpiCode[];
}

export interface ScorecardTemplate {
  code: string;
  position: KpiText;
  period: KpiPeriod;
  sections: readonly ScorecardSection[];
  lines: readonly ScorecardLine[];
}

function lineOf(code: KpiCode, weight: number): ScorecardLine {
  return { code, weight, curve: indicatorOf(code).curve };
}

/**
 * 副/销售主管绩效考核方案, 销售部副主管 (seed line 604), monthly like the pay rules that read it ("当月").
 *
 * Item 1 gives 55% to "部门销售业绩实际完成量及个人业绩完成量" without saying how it splits. Our choice:
 * department 30, personal 25. The deputy's first duty is "完成部门销售目标" (seed line 602), and their
 * personal sales are already rewarded by commission and the +300 base-pay rule, so the scorecard leans
 * towards the department. Item 2 ("处理客户问题及产品、话术等专业知识") is two skills a reviewer rates
 * separately, 5 + 5.
 */
export const DEPUTY_SUPERVISOR_SCORECARD: ScorecardTemplate = {
  code: 'deputy_sales_supervisor',
  position: { 'zh-CN': '销售部副主管', 'en-US': 'Deputy sales supervisor' },
  period: 'month',
  sections: [
    {
      label: {
        'zh-CN': '部门销售业绩实际完成量及个人业绩完成量',
        'en-US': 'Sales attainment of the department and of the person',
      },
      codes: ['team_sales_attainment', 'sales_attainment'],
    },
    {
      label: {
        'zh-CN': '处理客户问题及产品、话术等专业知识',
        'en-US': 'Handling customer questions, product knowledge and sales scripts',
      },
      codes: ['customer_questions', 'product_knowledge'],
    },
    {
      label: {
        'zh-CN': '客户维护度及微信、QQ 等操作平台的维护度',
        'en-US': 'Customer care and WeChat / QQ platform maintenance',
      },
      codes: ['customer_maintenance'],
    },
    {
      label: {
        'zh-CN': '新员工工作的指导，对新员工关注度',
        'en-US': 'Coaching new staff and attention to them',
      },
      codes: ['coaching_new_staff'],
    },
    {
      label: { 'zh-CN': '个人协调能力、管理能力', 'en-US': 'Coordination and management' },
      codes: ['management_coordination'],
    },
    { label: { 'zh-CN': '日常出勤率', 'en-US': 'Daily attendance' }, codes: ['attendance_rate'] },
  ],
  lines: [
    lineOf('team_sales_attainment', 30),
    lineOf('sales_attainment', 25),
    lineOf('customer_questions', 5),
    lineOf('product_knowledge', 5),
    lineOf('customer_maintenance', 10),
    lineOf('coaching_new_staff', 10),
    lineOf('management_coordination', 10),
    lineOf('attendance_rate', 5),
  ],
};

/**
 * 门店组长 (store team lead, reporting to the 店长), the seed's 考核标准 (seed lines 128–150): 销售完成率,
 * 促销活动的完成率, 店铺清洁 / 随手清洁, 团队配合 / 服从安排, 店内无过期变质产品. The seed gives no weights;
 * ours keep its order of importance: sales first (40), then promotions (20), the two store standards
 * (cleanliness 15, no expired goods 15) and teamwork (10). The lead's 销售完成率 is the group's: the lead
 * "分解并下达本组周任务、月任务" and "带领小组成员完成各项目标".
 */
export const STORE_LEAD_SCORECARD: ScorecardTemplate = {
  code: 'store_team_lead',
  position: { 'zh-CN': '门店组长', 'en-US': 'Store team lead' },
  period: 'month',
  sections: [
    { label: { 'zh-CN': '销售完成率', 'en-US': 'Sales attainment' }, codes: ['team_sales_attainment'] },
    {
      label: { 'zh-CN': '促销活动的完成率', 'en-US': 'Promotion attainment' },
      codes: ['promotion_attainment'],
    },
    { label: { 'zh-CN': '店铺清洁、随手清洁', 'en-US': 'Store cleanliness' }, codes: ['cleanliness'] },
    {
      label: { 'zh-CN': '团队配合、服从安排', 'en-US': 'Teamwork and following assignments' },
      codes: ['teamwork'],
    },
    {
      label: { 'zh-CN': '店内无过期变质产品', 'en-US': 'No expired or spoiled goods in store' },
      codes: ['no_expired_goods'],
    },
  ],
  lines: [
    lineOf('team_sales_attainment', 40),
    lineOf('promotion_attainment', 20),
    lineOf('cleanliness', 15),
    lineOf('no_expired_goods', 15),
    lineOf('teamwork', 10),
  ],
};

export const SCORECARD_TEMPLATES: readonly ScorecardTemplate[] = [
  DEPUTY_SUPERVISOR_SCORECARD,
  STORE_LEAD_SCORECARD,
];
