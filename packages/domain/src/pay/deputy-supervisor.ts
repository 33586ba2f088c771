import type { PayPlan } from './plan.ts';

/**
 * 销售部副主管 (sales deputy supervisor) pay plan, rule for rule from the seed's 薪资待遇激励体制 and 惩罚体制:
 *
 * 激励体制 工资组成方式: 基本工资 + 提成
 *   1) 基本工资3200                                   → `base`
 *   2) 个人提成不变                                   → `commission`, personal_sales × commission_rate
 *      (the seed keeps the rep's rate without giving it: a plan parameter, 3% in the demo)
 *   3) 可共享新员工3个月试用期内销售额的提成, 每月提新进员工销售额的1%  → `mentoring`
 *   4) 当组当月业绩销售指标完成达100%或以上可额外获得500元现金奖励       → `team_bonus`
 *   5) 当月个人业绩超过目标计划50%以上, 当月基本工资上调300元          → `base_raise`
 * 惩罚体制
 *   1) 当月业绩完成额度不达百分80%以上者, 次月基本工资降为销售组长基本工资3000 → `base_demotion`
 *      (read as personal attainment, like 5) above; this month's base looks at last month)
 *   2) 3) 新员工入职2天后不了解其基本资料 / 不及时检查新员工工作…, 每次罚款100元 → `incident_fines`
 *   4) 列入管理能力考核范围: a scorecard matter, not pay
 *   5) 上月目标计划超额完成50%以上, 本月未达相同额度80%, 次月基本工资下调300元 → `base_drop`
 *      (month M's base: month M-2 attainment ≥ 150% and month M-1 sales < 80% of month M-2 sales)
 *
 * Each rule is its own line so the statement says which rule paid or cost what. Rules stack: a month can
 * carry both the demotion to 3,000 and the 300 drop (2,700), or the demotion and the 300 raise (3,300).
 * "以上" includes the number itself (≥ 100%, ≥ 150%); "不达 80%" is below 80%.
 */
export const DEPUTY_SUPERVISOR_PAY_PLAN: PayPlan = {
  name: '销售部副主管薪资方案',
  positionCode: 'sales-deputy-supervisor',
  currency: 'CNY',
  effectiveFrom: '2026-01-01',
  figures: [
    {
      name: 'personal_sales',
      label: { 'zh-CN': '个人销售额', 'en-US': 'Personal sales' },
      unit: 'fen',
      source: 'sales',
    },
    {
      name: 'personal_attainment',
      label: { 'zh-CN': '个人达成率', 'en-US': 'Personal attainment' },
      unit: 'ratio',
      source: 'targets',
    },
    {
      name: 'team_attainment',
      label: { 'zh-CN': '组达成率', 'en-US': 'Team attainment' },
      unit: 'ratio',
      source: 'targets',
    },
    {
      name: 'mentee_probation_sales',
      label: { 'zh-CN': '带教新人试用期销售额', 'en-US': "Mentees' probation sales" },
      unit: 'fen',
      source: 'mentoring',
    },
    {
      name: 'incident_count',
      label: { 'zh-CN': '违规次数', 'en-US': 'Incidents' },
      unit: 'count',
      source: 'incidents',
    },
  ],
  parameters: [
    {
      name: 'base_pay',
      label: { 'zh-CN': '基本工资标准', 'en-US': 'Base pay rate' },
      unit: 'yuan',
      value: 3200,
    },
    {
      name: 'team_lead_base',
      label: { 'zh-CN': '销售组长基本工资', 'en-US': 'Team-lead base pay' },
      unit: 'yuan',
      value: 3000,
    },
    {
      name: 'commission_rate',
      label: { 'zh-CN': '个人提成比例', 'en-US': 'Commission rate' },
      unit: 'ratio',
      value: '3%',
    },
  ],
  components: [
    {
      key: 'base',
      kind: 'base',
      label: { 'zh-CN': '基本工资', 'en-US': 'Base pay' },
      formula: 'base_pay',
    },
    {
      key: 'commission',
      kind: 'commission',
      label: { 'zh-CN': '个人提成', 'en-US': 'Personal commission' },
      formula: 'personal_sales * commission_rate',
    },
    {
      key: 'mentoring',
      kind: 'mentoring',
      label: { 'zh-CN': '新员工试用期销售提成', 'en-US': "Share of mentees' probation sales" },
      when: 'mentee_probation_sales > 0',
      formula: 'mentee_probation_sales * 1%',
    },
    {
      key: 'team_bonus',
      kind: 'bonus',
      label: { 'zh-CN': '组业绩达标奖', 'en-US': 'Team target bonus' },
      when: 'team_attainment >= 100%',
      formula: '500',
    },
    {
      key: 'base_raise',
      kind: 'adjustment',
      label: { 'zh-CN': '基本工资上调', 'en-US': 'Base pay raise' },
      when: 'personal_attainment >= 150%',
      formula: '300',
    },
    {
      key: 'base_demotion',
      kind: 'adjustment',
      label: { 'zh-CN': '基本工资降为组长标准', 'en-US': 'Base pay down to team-lead rate' },
      // No last month (new in the post): the rule cannot have been broken, so it is taken as met.
      when: 'PREV(personal_attainment, 1, 100%) < 80%',
      formula: 'team_lead_base - base',
      explain: {
        'zh-CN':
          '上月个人达成率 {personal_attainment@1} 不达 80% → 本月基本工资降为销售组长基本工资 {team_lead_base}：{amount}',
        'en-US':
          "Last month's personal attainment {personal_attainment@1} below 80% → base pay down to the team-lead rate {team_lead_base}: {amount}",
      },
    },
    {
      key: 'base_drop',
      kind: 'adjustment',
      label: { 'zh-CN': '基本工资下调', 'en-US': 'Base pay drop' },
      when: 'AND(PREV(personal_attainment, 2, 0) >= 150%, PREV(personal_sales, 1) < 80% * PREV(personal_sales, 2))',
      formula: '-300',
    },
    {
      key: 'incident_fines',
      kind: 'fine',
      label: { 'zh-CN': '违规罚款', 'en-US': 'Incident fines' },
      when: 'incident_count > 0',
      formula: '-100 * incident_count',
    },
  ],
};
