import type { ScoringCurve } from './scoring.ts';

/**
 * The KPI library (关键考核指标) as data. Computed indicators are filled by the server from the system's own
 * figures (`source` names the figure); rated ones are scored by the superior on a 1–5 scale with a rubric.
 * Each carries a default scoring curve; a scorecard line may replace it (a count's target, for instance,
 * depends on the position).
 */
export type KpiText = Readonly<Record<'zh-CN' | 'en-US', string>>;
export type KpiUnit = 'ratio' | 'fen' | 'count' | 'score';
export type KpiPeriod = 'month' | 'quarter';

/** The figures the server computes for a person and a period. */
export const KPI_SOURCES = [
  'sales_attainment',
  'team_sales_attainment',
  'collections_attainment',
  'new_customers',
  'return_visits_done',
  'complaints_closed_on_time_rate',
  'mentee_attainment',
  'attendance_rate',
  'promotion_attainment',
  'stock_checks_done',
  'no_expired_goods',
] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

export const KPI_CODES = [
  ...KPI_SOURCES,
  'product_knowledge',
  'customer_questions',
  'customer_maintenance',
  'coaching_new_staff',
  'management_coordination',
  'teamwork',
  'six_s',
  'cleanliness',
] as const;
export type KpiCode = (typeof KPI_CODES)[number];

export interface RubricLevel {
  value: number;
  name: KpiText;
  description: KpiText;
}

export interface Rubric {
  min: number;
  max: number;
  /** One level per whole number from min to max, highest first (how a reviewer reads it). */
  levels: readonly RubricLevel[];
}

interface KpiBase {
  code: KpiCode;
  unit: KpiUnit;
  period: KpiPeriod;
  label: KpiText;
  curve: ScoringCurve;
}

export interface ComputedKpi extends KpiBase {
  kind: 'computed';
  source: KpiSource;
  rubric?: undefined;
}

export interface RatedKpi extends KpiBase {
  kind: 'rated';
  unit: 'score';
  source?: undefined;
  rubric: Rubric;
}

export type KpiIndicator = ComputedKpi | RatedKpi;

/** Attainment of 100% earns full points, and no more: overshooting one line does not hide another. */
const ATTAINMENT: ScoringCurve = { kind: 'linear', target: 1, cap: 100 };
const RATING_1_TO_5: ScoringCurve = { kind: 'rating', min: 1, max: 5 };

// The level names are the usual five of a Chinese review form; 3 (合格) scores 60, the floor of grade C.
const LEVEL_NAMES: readonly KpiText[] = [
  { 'zh-CN': '优秀', 'en-US': 'Excellent' },
  { 'zh-CN': '良好', 'en-US': 'Good' },
  { 'zh-CN': '合格', 'en-US': 'Meets the standard' },
  { 'zh-CN': '待改进', 'en-US': 'Needs improvement' },
  { 'zh-CN': '不合格', 'en-US': 'Unsatisfactory' },
];

/** A 1–5 rubric from five descriptions, best first: [zh, en] for 5, 4, 3, 2, 1. */
function rubricOf(descriptions: readonly (readonly [string, string])[]): Rubric {
  return {
    min: 1,
    max: 5,
    levels: descriptions.map(([zh, en], i) => ({
      value: 5 - i,
      name: LEVEL_NAMES[i]!,
      description: { 'zh-CN': zh, 'en-US': en },
    })),
  };
}

function computed(
  source: KpiSource,
  unit: KpiUnit,
  zh: string,
  en: string,
  curve: ScoringCurve = ATTAINMENT,
): ComputedKpi {
  return {
    code: source,
    kind: 'computed',
    unit,
    period: 'month',
    label: { 'zh-CN': zh, 'en-US': en },
    source,
    curve,
  };
}

function rated(
  code: KpiCode,
  zh: string,
  en: string,
  levels: readonly (readonly [string, string])[],
): RatedKpi {
  return {
    code,
    kind: 'rated',
    unit: 'score',
    period: 'month',
    label: { 'zh-CN': zh, 'en-US': en },
    rubric: rubricOf(levels),
    curve: RATING_1_TO_5,
  };
}

export const KPI_LIBRARY: readonly KpiIndicator[] = [
  computed('sales_attainment', 'ratio', '个人销售完成率', 'Personal sales attainment'),
  computed('team_sales_attainment', 'ratio', '团队（部门）销售完成率', 'Team (department) sales attainment'),
  computed('collections_attainment', 'ratio', '回款完成率', 'Collections attainment'),
  // Counts have no natural 100%: these targets are defaults, a scorecard line sets the position's own.
  computed('new_customers', 'count', '新增客户数', 'New customers', { kind: 'linear', target: 10 }),
  computed('return_visits_done', 'count', '完成回访次数', 'Follow-up calls done', {
    kind: 'linear',
    target: 20,
  }),
  computed('complaints_closed_on_time_rate', 'ratio', '客诉按时办结率', 'Complaints closed on time', {
    kind: 'thresholds',
    steps: [
      { atLeast: '0.8', points: 60 },
      { atLeast: '0.9', points: 80 },
      { atLeast: 1, points: 100 },
    ],
  }),
  computed('mentee_attainment', 'ratio', '带教新人销售完成率', "Mentees' sales attainment"),
  computed('attendance_rate', 'ratio', '出勤率', 'Attendance rate'),
  computed('promotion_attainment', 'ratio', '促销活动完成率', 'Promotion attainment'),
  // 门店组长: "负责每日店内盘点" — one stocktake per working day, about 22 a month.
  computed('stock_checks_done', 'count', '完成盘点次数', 'Stocktakes done', { kind: 'linear', target: 22 }),
  // "店内无过期变质产品" is a zero-tolerance rule: the figure is the share of the period's stock checks that
  // found no expired or spoiled goods, and anything short of all of them earns nothing.
  computed('no_expired_goods', 'ratio', '店内无过期变质产品', 'No expired or spoiled goods in store', {
    kind: 'thresholds',
    steps: [{ atLeast: 1, points: 100 }],
  }),
  rated('product_knowledge', '产品与专业知识', 'Product and professional knowledge', [
    [
      '熟知全部产品、成分与搭配方案，能教会新人并解答疑难问题',
      'Knows every product, ingredient and combination; can teach new staff and answer hard questions',
    ],
    [
      '熟悉主要产品和话术，偶尔需要查资料',
      'Knows the main products and sales scripts; sometimes looks things up',
    ],
    ['掌握基本产品知识，常见问题能答对', 'Knows the basics; answers common questions correctly'],
    ['产品知识有明显欠缺，常需他人帮助', 'Clear gaps in product knowledge; often needs help'],
    ['不了解产品，多次答错客户', 'Does not know the products; gave customers wrong answers more than once'],
  ]),
  rated('customer_questions', '处理客户问题', 'Handling customer questions', [
    [
      '客户问题当天解决，能主动给出产品搭配方案，无投诉',
      'Solves customer questions the same day, proposes product combinations unprompted, no complaints',
    ],
    ['问题及时解决，个别需要主管协助', "Solves questions promptly; a few need the supervisor's help"],
    ['常见问题能解决，复杂问题及时上报', 'Solves common questions; passes hard ones up in time'],
    ['回复慢或答复不准确，有客户不满', 'Slow or inaccurate answers; some customers dissatisfied'],
    ['问题长时间无人处理或引起投诉', 'Questions left unanswered for long, or led to complaints'],
  ]),
  rated('customer_maintenance', '客户维护及微信、QQ 平台维护', 'Customer and WeChat / QQ maintenance', [
    [
      '朋友圈、空间按计划每天更新，客户定期回访，订单全程跟踪',
      'WeChat Moments and QQ space updated daily to plan, customers followed up regularly, every order tracked',
    ],
    ['平台更新和客户回访基本按计划完成', 'Posts and follow-ups mostly done to plan'],
    ['平台有更新，重点客户有回访', 'Posts made; key customers followed up'],
    ['更新少，回访不及时', 'Few posts; follow-ups late'],
    ['平台长期不更新，客户无人维护', 'Accounts idle for long; customers left unattended'],
  ]),
  rated('coaching_new_staff', '新员工指导与关注', 'Coaching and caring for new staff', [
    [
      '每天检查新人工作并沟通，新人按期通过产品知识考核，人文关怀到位',
      "Checks and talks through new staff's work every day; they pass the product test on time; looks after them well",
    ],
    ['经常检查和指导，新人进展良好', 'Checks and coaches often; new staff progress well'],
    ['按要求指导新人，了解其基本情况', "Coaches as required; knows new staff's basic details"],
    ['指导不及时，对新人情况了解不足', 'Coaching late; knows little about new staff'],
    ['未指导新人，或不了解新人基本资料', 'Did not coach new staff, or does not know their basic details'],
  ]),
  rated('management_coordination', '协调与管理能力', 'Coordination and management', [
    [
      '任务分配合理，组员协作顺畅，能独立处理矛盾并协助主管做好考核',
      'Assigns work well, the team works smoothly, settles conflicts alone and helps the supervisor with reviews',
    ],
    [
      '分配和协调基本到位，偶尔需要主管介入',
      'Assigns and coordinates well; the supervisor steps in now and then',
    ],
    ['能完成主管交办的管理工作', 'Does the management tasks the supervisor hands over'],
    ['协调不力，组内问题常需主管处理', 'Weak coordination; the supervisor often sorts out team problems'],
    ['未履行管理职责，组内问题无人处理', 'Does not manage; team problems are left unhandled'],
  ]),
  rated('teamwork', '团队配合', 'Teamwork', [
    [
      '主动配合同事和上级，服从安排并带动团队氛围',
      'Helps colleagues and superiors unprompted, follows assignments and lifts the team',
    ],
    ['配合良好，服从安排', 'Cooperates well and follows assignments'],
    ['能按要求配合', 'Cooperates when asked'],
    ['配合被动，偶有不服从安排', 'Cooperates reluctantly; sometimes ignores assignments'],
    ['不配合团队，拒绝安排', 'Does not work with the team; refuses assignments'],
  ]),
  rated('six_s', '6S 管理', '6S workplace', [
    ['6S 检查全部达标，并能带动他人', 'Every 6S check passed; gets others to follow'],
    ['6S 检查基本达标，个别项当场整改', 'Checks mostly passed; a few items fixed on the spot'],
    ['6S 主要项目达标', 'Main 6S items passed'],
    ['多项不达标，需要督促整改', 'Several items failed; needed reminders to fix them'],
    ['6S 检查不达标且未整改', 'Checks failed and were not fixed'],
  ]),
  rated('cleanliness', '店铺清洁', 'Store cleanliness', [
    [
      '店铺随时整洁，随手清洁成为习惯，检查无问题',
      'Store clean at all times; cleaning as you go is a habit; no findings in checks',
    ],
    ['店铺整洁，偶有小问题当场处理', 'Store clean; small issues fixed on the spot'],
    ['按清洁计划完成，基本整洁', 'Cleaning plan done; store mostly clean'],
    ['清洁不到位，多次被提醒', 'Cleaning incomplete; reminded several times'],
    ['店铺脏乱，影响顾客体验', 'Store dirty and untidy; customers notice'],
  ]),
];

/** The library entry of `code`; throws for a code that is not in the library. */
export function indicatorOf(code: KpiCode): KpiIndicator {
  const found = KPI_LIBRARY.find((k) => k.code === code);
  if (found === undefined) throw new RangeError(`unknown KPI code: ${code}`);
  return found;
}
