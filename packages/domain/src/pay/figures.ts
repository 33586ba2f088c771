/** Text in both interface languages; Chinese first (the company's language), English complete. */
export interface PayText {
  'zh-CN': string;
  'en-US': string;
}

/**
 * How a figure is given: `fen` integer fen (formulas see it in yuan), `ratio` a fraction (1.032 = 103.2%),
 * `count` a plain number (incidents, days, a score).
 */
export type FigureUnit = 'fen' | 'ratio' | 'count';

/** Where the server takes a figure from; `input` is typed in for the pay run (or given to a simulation). */
export const PAY_FIGURE_SOURCES = [
  'sales',
  'targets',
  'collections',
  'returns',
  'receivables',
  'customers',
  'mentoring',
  'incidents',
  'attendance',
  'calendar',
  'scorecard',
  'pay',
  'input',
] as const;
export type PayFigureSource = (typeof PAY_FIGURE_SOURCES)[number];

export interface PayFigureDefinition {
  /** The name formulas use and the server provides figures under. */
  name: string;
  /** The same figure's Chinese name, usable in formulas instead of `name` (e.g. 个人销售额). */
  zhName: string;
  label: PayText;
  unit: FigureUnit;
  source: PayFigureSource;
  /** What exactly is counted, for docs/pay-plans.md and the plan editor. */
  note: PayText;
}

function figure(
  name: string,
  zhName: string,
  en: string,
  unit: FigureUnit,
  source: PayFigureSource,
  note: PayText,
): PayFigureDefinition {
  return { name, zhName, label: { 'zh-CN': zhName, 'en-US': en }, unit, source, note };
}

/**
 * The figures a pay run provides for each person and month (激励体制 / 惩罚体制 are written over these).
 * Attainments are ratios of the month: 0 when no target is set for it.
 */
export const PAY_FIGURES: readonly PayFigureDefinition[] = [
  figure('personal_sales', '个人销售额', 'Personal sales', 'fen', 'sales', {
    'zh-CN': '本人当月销售额（订单金额，退货前）',
    'en-US': "The person's sales booked in the month (order amounts, before returns)",
  }),
  figure('personal_target', '个人销售目标', 'Personal target', 'fen', 'targets', {
    'zh-CN': '本人当月销售目标',
    'en-US': "The person's sales target for the month",
  }),
  figure('personal_attainment', '个人达成率', 'Personal attainment', 'ratio', 'targets', {
    'zh-CN': '个人销售额 ÷ 个人销售目标',
    'en-US': 'Personal sales ÷ personal target',
  }),
  figure('team_sales', '组销售额', 'Team sales', 'fen', 'sales', {
    'zh-CN': '本人所在（或带领）销售组当月销售额',
    'en-US': "Sales of the person's (or led) sales group in the month",
  }),
  figure('team_target', '组销售目标', 'Team target', 'fen', 'targets', {
    'zh-CN': '销售组当月销售目标',
    'en-US': "The sales group's target for the month",
  }),
  figure('team_attainment', '组达成率', 'Team attainment', 'ratio', 'targets', {
    'zh-CN': '组销售额 ÷ 组销售目标',
    'en-US': 'Team sales ÷ team target',
  }),
  figure('department_attainment', '部门达成率', 'Department attainment', 'ratio', 'targets', {
    'zh-CN': '所在部门当月销售额 ÷ 部门目标',
    'en-US': "The department's sales ÷ its target for the month",
  }),
  figure('collections', '回款额', 'Collections', 'fen', 'collections', {
    'zh-CN': '本人负责客户当月回款（收款）金额',
    'en-US': "Money received in the month from the person's customers",
  }),
  figure('collection_attainment', '回款达成率', 'Collection attainment', 'ratio', 'targets', {
    'zh-CN': '回款额 ÷ 回款任务',
    'en-US': 'Collections ÷ collection target',
  }),
  figure('returns', '退货额', 'Returns', 'fen', 'returns', {
    'zh-CN': '当月退货金额（本人销售的货品）',
    'en-US': 'Goods returned in the month on the person’s sales',
  }),
  figure('written_off', '核销坏账', 'Written-off debt', 'fen', 'receivables', {
    'zh-CN': '当月核销为坏账的本人客户应收款',
    'en-US': "Receivables of the person's customers written off as bad debt in the month",
  }),
  figure('new_customers', '新增客户数', 'New customers', 'count', 'customers', {
    'zh-CN': '当月新建且归属本人的客户数',
    'en-US': 'Customers created in the month and owned by the person',
  }),
  figure('mentee_probation_sales', '带教新人试用期销售额', "Mentees' probation sales", 'fen', 'mentoring', {
    'zh-CN': '本人带教、且当月处于入职3个月试用期内的新员工的销售额合计',
    'en-US':
      'Sales in the month of the new hires the person mentors while within their three-month probation',
  }),
  figure('mentee_count', '带教新人数', 'Mentees', 'count', 'mentoring', {
    'zh-CN': '当月处于试用期、由本人带教的新员工人数',
    'en-US': 'New hires in probation mentored by the person in the month',
  }),
  figure('incident_count', '违规次数', 'Incidents', 'count', 'incidents', {
    'zh-CN': '上级当月记录的罚款事项次数',
    'en-US': 'Fine incidents recorded by the superior in the month',
  }),
  figure('incident_fines', '罚款金额', 'Recorded fines', 'fen', 'incidents', {
    'zh-CN': '上级当月记录的罚款金额合计（正数）',
    'en-US': 'Sum of the fine amounts recorded in the month (positive)',
  }),
  figure('rewards', '奖励金额', 'Recorded rewards', 'fen', 'incidents', {
    'zh-CN': '上级当月记录的奖励金额合计',
    'en-US': 'Sum of the rewards recorded in the month',
  }),
  figure('attendance_rate', '出勤率', 'Attendance rate', 'ratio', 'attendance', {
    'zh-CN': '出勤天数 ÷ 应出勤天数',
    'en-US': 'Days worked ÷ working days',
  }),
  figure('working_days', '应出勤天数', 'Working days', 'count', 'calendar', {
    'zh-CN': '当月工作日（含调休上班日，不含法定节假日）',
    'en-US': 'Working days of the month (make-up working days in, public holidays out)',
  }),
  figure('days_worked', '出勤天数', 'Days worked', 'count', 'attendance', {
    'zh-CN': '当月实际出勤天数',
    'en-US': 'Days the person worked in the month',
  }),
  figure('score', '考核得分', 'Scorecard score', 'count', 'scorecard', {
    'zh-CN': '当期绩效考核最终得分（0–100）',
    'en-US': 'Final score of the period’s performance review (0–100)',
  }),
  figure('draw_balance', '待扣回预支', 'Draw balance', 'fen', 'pay', {
    'zh-CN': '月初尚未扣回的预支（保底）金额',
    'en-US': 'Recoverable draw still outstanding at the start of the month',
  }),
];

const BY_NAME = new Map<string, PayFigureDefinition>(
  PAY_FIGURES.flatMap((f) => [[f.name, f] as const, [f.zhName, f] as const]),
);

/** The standard figure a plan's figure name stands for, by its English or its Chinese name. */
export function findPayFigure(name: string): PayFigureDefinition | undefined {
  return BY_NAME.get(name);
}
