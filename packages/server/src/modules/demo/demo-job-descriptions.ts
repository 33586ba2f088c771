import type { JdContent, JdDocumentControl } from '@zuzhang/api-schema';

/**
 * Job descriptions (岗位职责说明书) of the demo organisation, taken from the seed text
 * (shared/seeds/000_e9973ac9ea8e2d5f.txt) in its own wording. The seed is a scrape of web previews: its
 * punctuation (ASCII commas, "6S 工作") is kept as written; only scraping junk was removed ("计戈∣J" → "计划",
 * "处理突பைடு நூலகம்事件" → "处理突发事件", download notices). Where the seed says little or nothing about a role,
 * the text is drawn from the nearest seed passage and `other` says so, in the document's own language.
 *
 * The demo org: 销售副总 → 销售总监 → 销售经理 (two regions) → 渠道拓展主管 → 销售组组长 → 销售组长 → 销售代表;
 * 店长 → 门店组长 → 导购 / 收银员 / 实习导购; 营销协理; 售前客服组长.
 */
export const DEMO_ROLE_KEYS = [
  'sales_vp',
  'sales_director',
  'sales_manager',
  'channel_supervisor',
  'group_leader',
  'team_lead',
  'sales_rep',
  'store_manager',
  'store_team_lead',
  'shop_assistant',
  'cashier',
  'intern_assistant',
  'marketing_assistant',
  'presales_lead',
] as const;
export type DemoRoleKey = (typeof DEMO_ROLE_KEYS)[number];

export interface DemoJobDescription {
  documentControl: JdDocumentControl;
  content: JdContent;
}

type Identification = JdContent['identification'];
type Qualifications = JdContent['qualifications'];

interface ContentDraft extends Partial<Omit<JdContent, 'identification' | 'qualifications'>> {
  identification: Partial<Identification> & Pick<Identification, 'positionName' | 'positionCode'>;
  qualifications?: Partial<Qualifications>;
}

/** Fills the sections a seed template does not have with empty values, so every entry is a whole JdContent. */
function composeContent(draft: ContentDraft): JdContent {
  return {
    identification: {
      unitName: '',
      directSuperior: '',
      directReports: '',
      indirectReports: '',
      headcount: '',
      payBand: '',
      category: '',
      payType: '',
      ...draft.identification,
    },
    summary: draft.summary ?? '',
    purpose: draft.purpose ?? '',
    personalStandard: draft.personalStandard ?? '',
    responsibilities: draft.responsibilities ?? [],
    relations: draft.relations ?? { internal: '', external: '' },
    authority: draft.authority ?? [],
    authorityText: draft.authorityText ?? '',
    qualifications: {
      gender: '',
      age: '',
      education: '',
      experience: '',
      health: '',
      knowledge: '',
      skills: [],
      traits: [],
      competencies: [],
      other: '',
      ...draft.qualifications,
    },
    promotionPath: draft.promotionPath ?? [],
    environment: draft.environment ?? '',
    hours: draft.hours ?? '',
    tools: draft.tools ?? '',
    other: draft.other ?? '',
  };
}

/** 文件编号 / 生效日期 / 编制 / 审核 / 批准: every demo JD takes effect on 2026-01-01, prepared by HR. */
function buildDocumentControl(docNo: string, reviewedBy: string, approvedBy = '总经理'): JdDocumentControl {
  return { docNo, effectiveDate: '2026-01-01', preparedBy: '人力资源部', reviewedBy, approvedBy };
}

/** 岗位职责说明书范例 (the seed's one complete template), field for field. */
const GROUP_LEADER: DemoJobDescription = {
  documentControl: buildDocumentControl('JD-XS-005', '销售总监'),
  content: composeContent({
    identification: {
      positionName: '销售组组长',
      positionCode: 'XS-GL',
      unitName: '销售部',
      directSuperior: '渠道拓展主管',
      directReports: '销售组长',
      headcount: '2+2',
    },
    summary: '全面负责本销售组的市场及营销工作,对本组的业绩负责。',
    personalStandard: '有较强的市场、营销意识及能力,有较强的销售管理能力,能调动团队工作积极性。',
    responsibilities: [
      {
        area: '工作主责',
        duties: [
          '根据销售部要求,制定小组销售目标、策略及方法。',
          '带领本销售组达成下达的销售指标,实现经营利润。',
        ],
        standards: '',
      },
      {
        area: '市场工作',
        duties: [
          '根据下达的任务,辅助完成本组的市场指标。',
          '带领本销售组开辟市场渠道。',
          '通过各种市场活动,开辟市场。',
        ],
        standards: '',
      },
      {
        area: '销售管理',
        duties: [
          '结合销售指标,制定本组详细的销售计划。',
          '围绕销售指标,制定合理的市场营销活动。',
          '带领本组做好日常销售工作,达成本组业绩指标。',
          '负责老客户的维护,通过老客户实现更多的客户转介绍。',
          '负责本组的培训及考核工作。',
        ],
        standards: '',
      },
      {
        area: '其他',
        duties: ['定期提交销售计划。', '定期召开小组会议及销售专题会。', '完成上级领导交办的其他工作。'],
        standards: '',
      },
    ],
    relations: {
      internal: '与上级领导、其他组长和员工的工作协调及配合。',
      external: '异业联盟商家及客户维护',
    },
    authority: [
      { kind: 'propose', description: '上级赋予的市场及营销活动的建议权' },
      { kind: 'manage', description: '销售组的管理权' },
      { kind: 'manage', description: '在授权范围内的人事权' },
    ],
    authorityText: '上级赋予的市场及营销活动的建议权、销售组的管理权及在授权范围内的人事权。',
    qualifications: {
      gender: '不限',
      age: '23岁以上',
      education: '大专及以上',
      experience: '2年销售、1年销售管理经验',
      health: '身体健康、精力充沛',
      knowledge: '销售技巧、沟通能力、管理能力',
      skills: ['有一定的市场及营销意识', '有一定的销售管理能力', '有一定的营销策划能力', '有一定的销售能力'],
      traits: [
        '顾全大局、注意细节、责任心强',
        '较为清晰的逻辑思维,善于观察分析判断',
        '人际关系良好',
        '乐于学习、积极主动',
      ],
      competencies: ['计划能力', '组织能力', '沟通能力', '协调能力', '营销策划能力', '销售管理能力'],
      other: '与公司价值观同步',
    },
    promotionPath: ['销售组长', '渠道拓展主管', '销售组营销经理', '公司销售副总'],
    environment: '坐班、出差',
    hours: '公司正常作息时间(出差除外)',
    tools: '电脑、电话、办公用品及其它。',
  }),
};

export const DEMO_JOB_DESCRIPTIONS: Record<DemoRoleKey, DemoJobDescription> = {
  // 岗位职责说明表 (销售处 / 业务课), row 1 销售副总.
  sales_vp: {
    documentControl: buildDocumentControl('JD-XS-001', '人力资源总监'),
    content: composeContent({
      identification: {
        positionName: '销售副总',
        positionCode: 'XS-VP',
        unitName: '销售处',
        directSuperior: '总经理',
        directReports: '销售总监、店长',
        headcount: '1',
      },
      summary: '主要负责分管机构的日常管理及销售工作,各行政文件及业务文件审核。',
      responsibilities: [
        {
          area: '文件审核',
          duties: ['主要负责分管机构的日常管理及销售工作,各行政文件及业务文件审核。'],
          standards: '',
        },
        {
          area: '制定计划',
          duties: [
            '参与制定集团公司内部的经营方针及落实完成销售计划',
            '负责组织编制各分管机构的年度销售计划以及内部指标和分配计划,并落实完成',
            '负责组织,拟订分管机构销售方面的发展计划,销售管理的各种规定及部门内机构人员配置',
            '国内外市场行情的调研工作,研究和拟定公司新产品开发方案.',
          ],
          standards: '',
        },
        {
          area: '协助总经理',
          duties: [
            '分管机构的日常管理报告,并上报总经理.',
            '向总经理提出分管机构各职级人员的人员',
            '每月各业务部门合同签订,履行情况及指标完成情况报告',
            '每月流动资金需求预测报告',
          ],
          standards: '',
        },
        {
          area: '其他事宜',
          duties: [
            '协助、督导部内人员作好本职工作。',
            '定期组织对业务人员的业绩考核及专业知识培养。',
            '督导部内做好办公室的6S 工作。',
            '负责审批各分管机构业务费用,差旅费及公出差假等事宜.',
          ],
          standards: '',
        },
      ],
      relations: { internal: '对总经理负责', external: '' },
      authority: [
        { kind: 'approve', description: '负责审批各分管机构业务费用,差旅费及公出差假等事宜.' },
        { kind: 'propose', description: '向总经理提出分管机构各职级人员的人员' },
      ],
      authorityText: '负责审批各分管机构业务费用,差旅费及公出差假等事宜.向总经理提出分管机构各职级人员的人员',
      qualifications: {
        education: '本科及以上学历,市场营销、商务管理等相关专业优先。',
        experience: '具有 5 年以上销售管理经验,熟悉所在行业的市场情况。',
        knowledge: '熟悉现代管理模式,熟练运用各种激励措施',
        competencies: ['具有较强的管理能力、判断和决策能力、人际沟通协调能力、计划与执行能力'],
      },
      other:
        '原文“向总经理提出分管机构各职级人员的人员”一句残缺，照录原文。任职资格原文未列，参照本文集销售总监职位要求、销售经理任职要求编写（派生）。',
    }),
  },

  // 销售部各职务详细岗位说明书 1.销售总监, with 销售总监岗位职责说明书范文 for the grouped duties.
  sales_director: {
    documentControl: buildDocumentControl('JD-XS-002', '销售副总'),
    content: composeContent({
      identification: {
        positionName: '销售总监',
        positionCode: 'XS-DIR',
        unitName: '销售部',
        directSuperior: '销售副总',
        directReports: '销售经理',
        headcount: '1',
      },
      summary: '制定并推进实施全面的销售战略、销售方案,有效地管理客户。',
      purpose:
        '销售总监是一个企业销售团队的领导者和管理者,负责制定销售策略和目标,并监督和管理销售团队的工作,确保销售目标的达成和客户满意度的提升。销售总监需要具备较强的销售技巧和市场洞察力,能够带领团队开拓市场、完成销售任务,同时还需要善于团队建设和人员管理。',
      responsibilities: [
        {
          area: '具体工作',
          duties: [
            '协助总经理建立全面的销售战略',
            '制定并组织实施完整的销售方案',
            '与客户、同行业间建立良好的合作关系',
            '引导和控制市场销售工作的方向和进度',
            '组织部门开发多种销售手段,完成销售计划及回款任务',
            '管理销售人员,帮助建立、补充、发展、培养销售队伍',
            '掌握市场动态,熟悉市场状况并有独特见解',
            '有效地管理全国的经销商',
            '主持公司重大营销合同的谈判与签订工作',
            '协助处理大客户投诉,跟踪处理投诉结果,并进行客户满意度调查',
            '进行客户分析,建立客户关系,挖掘用户需求',
            '深入了解本行业,把握最新销售信息,为企业提供业务发展战略依据',
            '完成总经理临时交办的其他任务。',
          ],
          standards: '',
        },
        {
          area: '制定销售策略和目标',
          duties: [
            '根据公司整体战略和市场环境,制定销售策略和目标,并确保其与公司的发展目标相一致。',
            '同时,根据市场状况和竞争对手情况,不断调整和优化销售策略,以提高销售业绩。',
          ],
          standards: '',
        },
        {
          area: '管理销售团队',
          duties: [
            '领导和激励销售团队,确保团队成员充满激情和动力,并具备良好的销售技巧和专业知识。',
            '制定团队的工作计划和目标,并确保团队成员按时完成任务。',
            '对销售人员进行培训和指导,提高他们的销售能力和绩效。',
          ],
          standards: '',
        },
        {
          area: '建立和维护客户关系',
          duties: [
            '负责与重要客户进行沟通和协商,了解客户需求并提供相关解决方案。',
            '与客户建立良好的合作关系,提高客户满意度,并与客户保持良好的长期合作。',
            '同时,积极开拓新客户,拓展市场份额。',
          ],
          standards: '',
        },
        {
          area: '监督销售业绩',
          duties: [
            '定期跟进销售数据和业绩,及时发现问题和风险,并采取相应措施解决。',
            '制定销售绩效评估指标和奖励机制,激励销售团队积极进取,提高销售业绩。',
          ],
          standards: '',
        },
        {
          area: '分析市场情况',
          duties: [
            '研究市场变化和竞争对手动态,关注市场需求和客户反馈,及时调整销售策略和产品定位,以保持竞争优势。',
            '向公司高层汇报市场情况和销售业绩,提供市场分析报告和决策建议。',
          ],
          standards: '',
        },
        {
          area: '协调和配合其他部门',
          duties: [
            '与市场部、产品部、客服部等部门保持良好的合作关系,协调各部门的工作,促进信息共享和资源整合,提升企业整体绩效。',
            '为其他部门提供销售支持和服务,保证整个销售流程的顺利进行。',
          ],
          standards: '',
        },
        {
          area: '管理销售预算',
          duties: [
            '负责制定销售预算并监督预算执行情况,确保销售活动的预算合理和有效利用。',
            '协调资源分配,确保销售团队的工作所需的经费和资源充足。',
          ],
          standards: '',
        },
        {
          area: '管理销售流程和制度',
          duties: ['建立和完善销售管理流程和制度,规范销售团队的工作,确保销售活动的合规和高效。'],
          standards: '',
        },
      ],
      qualifications: {
        education: '本科及以上学历,市场营销、商务管理等相关专业优先。',
        experience: '有丰富的市场营销策划经验,能够识别、确定潜在的商业合作伙伴,熟悉行业市场发展现状',
        knowledge: '熟悉现代管理模式,熟练运用各种激励措施',
        skills: ['具有优秀的营销技巧,较强的市场策划能力和运作能力', '良好的口头及书面表达能力'],
        traits: ['工作细致、严谨,并具有战略前瞻性思维', '具有高度的工作热情和责任感'],
        competencies: [
          '具有较强的管理能力、判断和决策能力、人际沟通协调能力、计划与执行能力',
          '优秀的市场拓展、项目协调、谈判能力',
        ],
      },
      other:
        '原文直接上司为“总经理”，本组织中销售总监向销售副总汇报。教育程度原文未列，参照本文集销售经理任职要求补写（派生）。',
    }),
  },

  // 销售部各职务详细岗位说明书 2.销售经理, 岗位职责说明表 row 2 经(副)理, 销售部岗位说明书 (一)销售经理.
  sales_manager: {
    documentControl: buildDocumentControl('JD-XS-003', '销售总监'),
    content: composeContent({
      identification: {
        positionName: '销售经理',
        positionCode: 'XS-MGR',
        unitName: '销售部',
        directSuperior: '销售总监',
        directReports: '渠道拓展主管',
        headcount: '2',
      },
      summary: '管理公司的销售运作,带领销售队伍完成公司的销售计划和销售目标。',
      responsibilities: [
        {
          area: '具体工作',
          duties: [
            '根据全国区域市场发展和公司的战略规划,协助销售总监制定总体销售战略、销售计划及量化销售目标',
            '制定全年销售费用预算,完成公司下达的销售任务',
            '制定销售额、市场覆盖率、市场占有率等各项评价指标',
            '分解销售任务指标,制定责任、费用评价办法',
            '组织下属人员做好销售合同的签订、履行与管理工作,监督销售人员做好应收账款的催收工作',
            '制定、调整销售运营政策',
            '组织、领导销售队伍完成销售目标,协调处理各类市场问题',
            '汇总、协调货源需求计划以及制定货源调配计划',
            '协调销售关系',
            '调整销售区域布局及业务评价。',
          ],
          standards: '',
        },
        {
          area: '部门管理',
          duties: [
            '制定并执行销售部门的整体发展战略和销售计划,确保销售目标的达成。',
            '管理和指导销售团队,组织培训和提升团队成员的销售技能和业务水平。',
            '建立和维护与重要客户的良好合作关系,拓展业务渠道和资源。',
            '分析市场趋势和竞争对手情况,制定相应的市场营销策略。',
            '负责销售部门的预算编制、费用控制和成本管理。',
            '协调与其他部门的合作,确保销售工作的顺利进行。',
          ],
          standards: '',
        },
        { area: '文件审核', duties: ['行政文件及业务文件审核。'], standards: '' },
        {
          area: '会议',
          duties: ['每日纸箱会议.每周销售会议;品质会议.每月经营会议;其他公司组织的会议。'],
          standards: '',
        },
        {
          area: '业务处理',
          duties: [
            '根据业务所提供资料分析市场、制订适合市场的销售策略。',
            '协助业务作内部协调沟通事宜。',
            '拜访、联络客户。',
          ],
          standards: '',
        },
        { area: '目标订立', duties: ['每月销售目标制订。', '年度销售计划制订。'], standards: '' },
        {
          area: '协助业务工作',
          duties: [
            '协助业务开拓、接单、收款、客诉处理及交期的协调。',
            '掌握接单状况,控制订单形态。',
            '帮助业务确认彩喷稿、印刷稿等。',
            '协助业务对新客户签约前的拜访及考核。',
          ],
          standards: '',
        },
        {
          area: '其他事宜',
          duties: [
            '协助、督导部内人员作好本职工作。',
            '督导部内做好办公室的6S 工作。',
            '下属的教导、培养。',
            '其他需处理事宜,依核决权限。',
          ],
          standards: '',
        },
      ],
      authority: [{ kind: 'approve', description: '其他需处理事宜,依核决权限。' }],
      authorityText: '其他需处理事宜,依核决权限。',
      qualifications: {
        education: '本科及以上学历,市场营销、商务管理等相关专业优先。',
        experience: '具有 5 年以上销售管理经验,熟悉所在行业的市场情况。',
      },
      other: '本组织按区域设两名销售经理，适用同一说明书。',
    }),
  },

  // 销售部岗位工作说明书: the 渠道拓展主管 page and the neighbouring page that goes with it.
  channel_supervisor: {
    documentControl: buildDocumentControl('JD-XS-004', '销售总监'),
    content: composeContent({
      identification: {
        positionName: '渠道拓展主管',
        positionCode: 'XS-CH',
        unitName: '销售部',
        directSuperior: '销售经理',
        directReports: '销售组组长',
        indirectReports: '销售组长',
        headcount: '1',
      },
      summary: '全面负责本销售组的市场及营销工作,对本组的业绩负责。',
      personalStandard: '有较强的市场、营销意识及能力,有较强的销售管理能力,能调动团队工作积极性。',
      responsibilities: [
        {
          area: '工作主责',
          duties: [
            '根据销售部要求,制定各组销售目标、策略及方法。',
            '带领各销售组达成下达的销售指标,实现经营利润。',
          ],
          standards: '',
        },
        {
          area: '市场工作',
          duties: [
            '根据下达的任务,完成各组的市场指标。',
            '带领各销售组开辟市场渠道。',
            '通过各种市场活动,开辟市场。',
          ],
          standards: '',
        },
        {
          area: '销售管理',
          duties: [
            '结合销售指标,制定各组详细的销售计划。',
            '围绕销售指标,制定合理的市场营销活动。',
            '带领各组做好日常销售工作,达成业绩指标。',
            '负责老客户的维护,通过老客户实现更多的客户转介绍。',
            '负责各组的培训及考核工作。',
          ],
          standards: '',
        },
        {
          area: '其他',
          duties: ['定期提交销售计划。', '定期召开部门会议及销售专题会。', '完成上级领导交办的其他工作。'],
          standards: '',
        },
      ],
      relations: {
        internal: '与上级领导、其他组长和员工的工作协调及配合。',
        external: '异业联盟商家及客户维护',
      },
      authority: [
        { kind: 'propose', description: '上级赋予的市场及营销活动的建议权' },
        { kind: 'manage', description: '销售组的管理权' },
        { kind: 'manage', description: '在授权范围内的人事权' },
      ],
      authorityText: '上级赋予的市场及营销活动的建议权、销售组的管理权及在授权范围内的人事权。',
      qualifications: {
        gender: '不限',
        age: '23岁以上',
        education: '大专及以上',
        experience: '2年销售、1年销售管理经验',
        health: '身体健康、精力充沛',
        knowledge: '销售技巧、沟通能力、管理能力',
        skills: [
          '有敏锐的市场及营销意识',
          '有很强的销售管理能力',
          '有较强的营销策划能力',
          '有较强的销售能力',
        ],
        traits: [
          '顾全大局、注意细节、责任心强',
          '清晰的逻辑思维,善于观察分析判断',
          '人际关系良好',
          '乐于学习、积极主动',
        ],
        competencies: ['计划能力', '组织能力', '沟通能力', '协调能力', '营销策划能力', '销售管理能力'],
        other: '与公司价值观同步。',
      },
      promotionPath: ['营销经理', '公司销售副总'],
      environment: '坐班、出差',
      hours: '公司正常作息时间(出差除外)',
      tools: '电脑、电话、办公用品及其它。',
      other:
        '原文岗位职责页残缺：销售管理第3—5条、其他、工作关系、知识要求、工作技能、核心特质、核心能力、其它要求、晋升方向、工作环境取自原文；工作主责、市场工作、销售管理第1—2条、工作权限、性别、年龄、教育程度、工作经验、健康要求、工作时间、工作工具参照销售组组长说明书补写（派生）。原文直接上级为“销售部主管”、直接下级为“销售组长”，本组织中向销售经理汇报、直接下级为销售组组长。',
    }),
  },

  group_leader: GROUP_LEADER,

  // 销售组长岗位职责1 (汇报关系, 岗位职责 3–12), 销售组长承诺书, 销售组长工作计划.
  team_lead: {
    documentControl: buildDocumentControl('JD-XS-006', '销售总监'),
    content: composeContent({
      identification: {
        positionName: '销售组长',
        positionCode: 'XS-TL',
        unitName: '销售部',
        directSuperior: '销售组组长',
        directReports: '销售代表',
        payBand: '基本工资3000',
      },
      summary: '销售组长是公司销售团队的中坚力量,承担着领导团队、实现销售目标和提升团队绩效的重要责任。',
      responsibilities: [
        {
          area: '带领销售',
          duties: [
            '积极辅助每一位同事,确保每单销售成功完成,并产生较高附加值',
            '督促跟踪组内员工销售任务完成情况,全力以赴的帮扶每位同事完成个人指标。',
          ],
          standards: '确保团队月度销售目标的实现;提高团队销售绩效,达成销售 KPI',
        },
        {
          area: '培训带教',
          duties: [
            '淡场情况下,有义务和权力组织组内员工进行销售技巧分享和模拟演练(技巧、沟通能力、产品卖点及应用、产品知识及应用)',
            '新进人员的销售,安排资深销售顾问进行帮扶,并进行一对一的带教,确保不流失业绩情况下新人能得到提升。',
            '针对销售中出现不积极,声音小,不说明等突发问题的人员,跟踪交流找出内在原因,并及时给予纠正指导。',
          ],
          standards: '培训和指导团队成员提升销售技能',
        },
        {
          area: '销售分析',
          duties: [
            '注重销售情况,作出畅销、滞销原因分析,上报主管',
            '观察组内人员的团队互助意识,主动性,并找出个人优缺点',
          ],
          standards: '向上级主管汇报团队销售进展和问题',
        },
        {
          area: '协助管理',
          duties: ['销售组长协助销售主管进行日常工作的管理,如销售主管不在岗由销售组长行使主管权力。'],
          standards: '',
        },
      ],
      relations: {
        internal: '向上:直接接受销售主管的指令和监督;向下:在规定的职责内,对组内员工工作进行监督管理',
        external: '及时处理客户投诉和问题,确保客户满意度',
      },
      authority: [
        {
          kind: 'manage',
          description: '淡场情况下,有义务和权力组织组内员工进行销售技巧分享和模拟演练',
        },
        { kind: 'manage', description: '如销售主管不在岗由销售组长行使主管权力' },
      ],
      authorityText:
        '淡场情况下,有义务和权力组织组内员工进行销售技巧分享和模拟演练;如销售主管不在岗由销售组长行使主管权力。',
      qualifications: {
        education: '大专及以上',
        experience: '有一定的团队管理经验,能够有效解决团队工作中的问题和挑战。',
        knowledge: '销售技巧、沟通能力、产品卖点及应用、产品知识及应用',
        skills: ['具备良好的沟通能力和团队合作意识,能够有效协调团队成员的工作'],
        traits: ['具备良好的职业道德和团队意识,严格遵守工作纪律和要求'],
        competencies: [
          '具备较强的组织管理能力和决策能力,能够有效制定工作计划和目标',
          '具备良好的领导能力和激励能力,能够激发团队成员的工作积极性',
          '具备较强的抗压能力和问题解决能力,能够应对工作中的各种挑战和困难',
        ],
      },
      promotionPath: ['销售组组长', '渠道拓展主管', '销售组营销经理', '公司销售副总'],
      other:
        '团队利益高于一切,希望每个同事成员认真做好。（原文岗位职责第1、2、6、7条缺失；考核标准取自销售组长承诺书；原文上级为“销售主管”，本组织中为销售组组长；基本工资见销售部副主管薪资待遇惩罚体制；任职资格与晋升方向原文未列，参照组长岗位职务说明书、销售组组长说明书补写（派生）。）',
    }),
  },

  // 销售部门岗位职责说明书 (销售人员).
  sales_rep: {
    documentControl: buildDocumentControl('JD-XS-007', '销售总监'),
    content: composeContent({
      identification: {
        positionName: '销售代表',
        positionCode: 'XS-REP',
        unitName: '销售部',
        directSuperior: '销售组长',
      },
      summary: '销售人员是企业与客户之间的桥梁,承担着销售任务的完成以及客户关系的维护工作。',
      responsibilities: [
        {
          area: '销售计划策划',
          duties: [
            '销售人员应根据企业的战略目标和市场需求,制定销售计划。',
            '他们需要分析市场、竞争对手以及产品特点,确定销售目标和策略,并制定相应的销售计划。',
            '销售人员应密切关注市场变化,根据市场反馈及时调整销售计划。',
          ],
          standards: '',
        },
        {
          area: '客户开发与维护',
          duties: [
            '销售人员需要积极主动地寻找潜在客户并与他们建立联系。',
            '他们需要进行销售推广活动,拓展销售渠道,并与现有客户保持密切的合作关系。',
            '销售人员应了解客户的需求和意见,并及时向相关部门反馈和协调解决问题。',
          ],
          standards: '',
        },
        {
          area: '销售谈判与签约',
          duties: [
            '销售人员需要与客户进行有效的沟通和谈判,以达成销售协议。',
            '他们需研究客户需求并针对性地提供解决方案,充分展示产品或服务的价值。',
            '销售人员应了解并遵守相关的法律法规,确保销售合同的合法性和有效性。',
          ],
          standards: '',
        },
        {
          area: '销售数据分析与报告',
          duties: [
            '销售人员应及时准确地记录销售活动数据,包括销售额、销售渠道、客户反馈等,并进行分析和报告。',
            '这有助于评估销售绩效和市场竞争力,为企业销售策略的制定和调整提供依据。',
          ],
          standards: '',
        },
        {
          area: '市场开拓与竞争分析',
          duties: [
            '销售人员应密切关注市场动态,了解竞争对手的产品和行销策略。',
            '他们需要进行市场调查与分析,评估竞争态势,并提出相应的市场开拓计划。',
            '销售人员应与市场部门和产品部门等共同合作,制定销售策略和促销方案,提高企业的市场份额。',
          ],
          standards: '',
        },
        {
          area: '售后服务与客户关系维护',
          duties: [
            '销售人员需要及时跟进客户的售后服务需求,并与相关部门沟通协调解决问题。',
            '他们应建立客户档案,维护客户关系,定期进行客户回访和满意度调查。',
            '销售人员需解决客户投诉,保持良好的顾客体验和口碑。',
          ],
          standards: '',
        },
      ],
      qualifications: {
        education: '大专及以上',
        experience: '不限',
        knowledge: '销售技巧、沟通能力、产品卖点及应用、产品知识及应用',
      },
      promotionPath: ['销售组长', '销售组组长'],
      other:
        '职责取自本文集销售部门岗位职责说明书（销售人员）；任职资格与晋升方向原文未列，参照销售组组长说明书及销售组长岗位职责中的培训内容补写（派生）。',
    }),
  },

  // 店长: the seed has no JD of its own; drawn from 岗位组长职责怎么写篇1 (门店) and 门店组长职位说明书.
  store_manager: {
    documentControl: buildDocumentControl('JD-MD-001', '销售副总'),
    content: composeContent({
      identification: {
        positionName: '店长',
        positionCode: 'MD-SM',
        unitName: '营运部',
        directSuperior: '销售副总',
        directReports: '门店组长',
        indirectReports: '导购、收银员、实习导购',
        headcount: '1',
      },
      summary: '全面负责门店的日常管理及销售工作,带领门店团队完成各项目标。',
      responsibilities: [
        {
          area: '日常管理',
          duties: [
            '企业文化、政策的宣导落地,总部各类通知、文件和信息的传达。',
            '负责招聘组队、考勤监督、人事手续等人力资源管理工作,做好团队建设。',
            '负责门店形象、员工工作形象及网络照片形象的监督和管理。',
          ],
          standards: '店铺清洁;随手清洁',
        },
        {
          area: '销售管理',
          duties: [
            '分解并下达门店周任务、月任务,落实任务完成措施。',
            '对门店组长上报的顾客意见和建议作出回应。',
          ],
          standards: '销售完成率;促销活动的完成率',
        },
        {
          area: '货品管理',
          duties: [
            '根据门店组长提出的要货建议和数据参考,做好门店要货。',
            '督导每日店内盘点,保证盘点数据准确性。',
          ],
          standards: '店内无过期变质产品',
        },
        {
          area: '财务与资产',
          duties: [
            '负责合同、收据和款项的每日检查,负责成交资料的及时整理和递交。',
            '负责门店管理费、水电费、租赁税费、办公费用、维修费用等的管理,及租金的递交等。',
            '负责门店证照、资产的管理和维护。',
          ],
          standards: '',
        },
        {
          area: '会议与活动',
          duties: ['负责门店及协助片区、区域会议材料的准备、会议的组织和活动策划。'],
          standards: '',
        },
      ],
      relations: { internal: '公司内部', external: '' },
      authority: [
        { kind: 'manage', description: '门店事务管理权' },
        { kind: 'propose', description: '对门店员工的提升有建议权' },
      ],
      authorityText: '门店事务管理权;对门店员工的提升有建议权。',
      qualifications: {
        education: '高中以上学历',
        experience: '1年以上门店销售管理经验,团队意识较强。',
        skills: ['熟练使用普通话,WORD、EXCEL软件'],
        competencies: ['具有较好的协作能力,沟通能力、应变能力', '处理突发事件的能力'],
      },
      other:
        '本文集未单列店长岗位说明书，依据“岗位组长职责怎么写”篇1（门店）及门店组长职位说明书中与店长相关的条文编写（派生）。',
    }),
  },

  // 门店组长职位说明书.
  store_team_lead: {
    documentControl: buildDocumentControl('JD-MD-002', '店长'),
    content: composeContent({
      identification: {
        positionName: '门店组长',
        positionCode: 'MD-TL',
        unitName: '营运部',
        directSuperior: '店长',
        directReports: '导购、收银员',
        indirectReports: '实习导购',
      },
      summary: '协助店长日常工作,带领小组成员完成各项目标,培训新员工,起到承上启下的作用。',
      responsibilities: [
        {
          area: '日常工作',
          duties: [
            '分解并下达本组周任务、月任务,落实任务完成措施',
            '熟知店内产品的销售情况,合理做出数据分析',
            '带领小组成员严格执行上级主管下达的各项促销任务',
            '及时收集顾客意见和建议,上报店长作出回应',
            '处理店内突发事件',
            '填写《组长工作日志》并上传工作群。',
          ],
          standards: '销售完成率;促销活动的完成率;店铺清洁;随手清洁',
        },
        {
          area: '货品管理',
          duties: [
            '及时清理店内货品的库存量,保证货品的充足',
            '认真检查每日收货和退货情况,进行数据修改统计',
            '了解店内产品的销售情况,为店长要货提出合理建议和数据参考',
            '每日来货数据和销售数据的统计',
            '定期检查原料的保质期,及时报废',
            '负责每日店内盘点,货品的数据录入,保证盘点数据准确性',
          ],
          standards: '店内无过期变质产品',
        },
        {
          area: '其他',
          duties: ['培养小组成员团队意识,增强团队协作能力', '积极完成上级领导交代的其他工作'],
          standards: '团队配合;服从安排',
        },
      ],
      relations: { internal: '公司内部', external: '' },
      authority: [
        { kind: 'propose', description: '对所负责岗位提出建议权' },
        { kind: 'propose', description: '对组员的提升有建议权' },
        { kind: 'participate', description: '门店事务参与权' },
      ],
      authorityText: '1、对所负责岗位提出建议权;2、对组员的提升有建议权;3、门店事务参与权;',
      qualifications: {
        education: '高中以上学历',
        experience: '1年以上门店销售管理经验',
        skills: ['熟练使用普通话,WORD、EXCEL软件'],
        traits: ['五官端正,亲和力强', '团队意识较强'],
        competencies: ['具有较好的协作能力,沟通能力、应变能力', '处理突发事件的能力'],
      },
      tools: '《组长工作日志》、工作群',
      other:
        '工作范围:公司内部。原文日常工作缺第4、7条，货品管理缺第3条，第三、四项职责缺失；岗位权限的考核标准为“权力运用”。工作工具据日常工作第8条补写（派生）。',
    }),
  },

  // 导购: no JD of its own in the seed; drawn from 门店组长职位说明书 and 销售部职能 (产品推广与销售).
  shop_assistant: {
    documentControl: buildDocumentControl('JD-MD-003', '店长'),
    content: composeContent({
      identification: {
        positionName: '导购',
        positionCode: 'MD-SA',
        unitName: '营运部',
        directSuperior: '门店组长',
      },
      summary: '在门店组长带领下,做好顾客接待与产品销售工作,完成各项目标。',
      responsibilities: [
        {
          area: '销售工作',
          duties: [
            '严格执行上级主管下达的各项促销任务',
            '熟知店内产品的销售情况,向客户准确介绍产品特点和优势,促成销售交易。',
            '及时收集顾客意见和建议,上报门店组长',
          ],
          standards: '销售完成率;促销活动的完成率',
        },
        {
          area: '货品管理',
          duties: [
            '协助检查每日收货和退货情况',
            '协助每日店内盘点,保证盘点数据准确性',
            '定期检查产品的保质期,及时上报',
          ],
          standards: '店内无过期变质产品',
        },
        { area: '店铺清洁', duties: ['店铺清洁,随手清洁'], standards: '店铺清洁;随手清洁' },
        {
          area: '其他',
          duties: ['带领实习导购熟悉店内产品和工作流程', '积极完成上级领导交代的其他工作'],
          standards: '团队配合;服从安排',
        },
      ],
      relations: { internal: '公司内部', external: '' },
      authority: [{ kind: 'propose', description: '对所负责岗位提出建议权' }],
      authorityText: '对所负责岗位提出建议权;',
      qualifications: {
        education: '高中以上学历',
        experience: '不限',
        skills: ['熟练使用普通话'],
        traits: ['五官端正,亲和力强'],
        competencies: ['沟通能力、应变能力'],
      },
      promotionPath: ['门店组长', '店长'],
      other:
        '本文集未单列导购岗位说明书，依据门店组长职位说明书（直接下属：导购）的职责与考核标准及销售部职能中“产品推广与销售”编写（派生）。',
    }),
  },

  // 收银员: no JD of its own in the seed; drawn from 门店组长职位说明书, 岗位组长职责篇1 and 营销协理.
  cashier: {
    documentControl: buildDocumentControl('JD-MD-004', '店长'),
    content: composeContent({
      identification: {
        positionName: '收银员',
        positionCode: 'MD-CA',
        unitName: '营运部',
        directSuperior: '门店组长',
      },
      summary: '在门店组长带领下,负责门店收银及收据、款项的管理,保证帐款相符。',
      responsibilities: [
        {
          area: '收银工作',
          duties: ['负责门店每日收银,做好收据和款项的每日检查', '每日销售数据的统计,保证数据准确性'],
          standards: '帐帐相符、帐证相符、帐表相符',
        },
        { area: '顾客服务', duties: ['及时收集顾客意见和建议,上报门店组长'], standards: '' },
        { area: '店铺清洁', duties: ['收银台及店铺清洁,随手清洁'], standards: '店铺清洁;随手清洁' },
        {
          area: '其他',
          duties: [
            '认真执行公司各项规章制度和工作程序,服从上级领导指挥和有关人员的监督检查',
            '积极完成上级领导交代的其他工作',
          ],
          standards: '团队配合;服从安排',
        },
      ],
      relations: { internal: '公司内部', external: '' },
      qualifications: {
        education: '高中以上学历',
        experience: '不限',
        skills: ['掌握电脑操作的基本技能'],
        traits: ['责任心强'],
        competencies: ['沟通能力'],
      },
      promotionPath: ['门店组长'],
      other:
        '本文集未单列收银员岗位说明书，依据门店组长职位说明书（直接下属：收银员）、“岗位组长职责怎么写”篇1（收据和款项的每日检查）及营销协理岗位说明书编写（派生）。',
    }),
  },

  // 实习导购: derived from 导购 and 销售组长岗位职责 (一对一的带教).
  intern_assistant: {
    documentControl: buildDocumentControl('JD-MD-005', '店长'),
    content: composeContent({
      identification: {
        positionName: '实习导购',
        positionCode: 'MD-IN',
        unitName: '营运部',
        directSuperior: '门店组长',
      },
      summary: '在带教导购指导下,学习产品知识和销售技巧,协助完成门店销售工作。',
      responsibilities: [
        {
          area: '学习与带教',
          duties: [
            '学习公司产品知识,接受资深导购一对一的带教',
            '参加组内销售技巧分享和模拟演练(技巧、沟通能力、产品卖点及应用、产品知识及应用)',
          ],
          standards: '',
        },
        {
          area: '销售协助',
          duties: ['协助导购执行上级主管下达的各项促销任务', '及时收集顾客意见和建议,上报门店组长'],
          standards: '促销活动的完成率',
        },
        { area: '店铺清洁', duties: ['店铺清洁,随手清洁'], standards: '店铺清洁;随手清洁' },
        { area: '其他', duties: ['积极完成上级领导交代的其他工作'], standards: '团队配合;服从安排' },
      ],
      relations: { internal: '公司内部', external: '' },
      qualifications: {
        education: '高中以上学历',
        experience: '不限',
        skills: ['熟练使用普通话'],
        traits: ['亲和力强'],
      },
      promotionPath: ['导购'],
      other:
        '本文集未单列实习导购岗位说明书，依据门店组长职位说明书（间接下属：实习导购）、导购岗位及销售组长岗位职责中“一对一的带教”编写（派生）。日常由带教导购指导。',
    }),
  },

  // 营销协理岗位说明书 (duties 3–6 are missing from the seed).
  marketing_assistant: {
    documentControl: buildDocumentControl('JD-XS-008', '销售总监'),
    content: composeContent({
      identification: {
        positionName: '营销协理',
        positionCode: 'XS-MA',
        unitName: '营销中心',
        directSuperior: '综合管理室组长/办事处主任',
      },
      summary: '在上级领导下,做好市场支持与服务工作。',
      responsibilities: [
        {
          area: '工作规范',
          duties: [
            '认真执行公司各项规章制度和工作程序,服从上级领导指挥和有关人员的监督检查,保质保量按时完成工作任务',
            '熟悉生产加工能力,掌握产品的基本知识及各种数据的统计方法',
          ],
          standards: '',
        },
        {
          area: '客户档案与统计',
          duties: [
            '建立客户档案,整理营销部门内部资料,时时抽查或协助部长监督营销人员的日常工作,做好记录、留底存案,并将各种资料录入电脑,且每日随时更新',
            '每月定期及时汇总、编报产品销售情况统计报表,并对报表的真实准确性负责',
          ],
          standards: '',
        },
        {
          area: '对帐与票据',
          duties: [
            '每月根据合同约定与客户单位、经销商对帐,对帐后将对帐情况汇总登记并分别呈报营销中心主任、财务部、总经理处',
            '认真编制记帐凭证,正确运用会计科目,要做到原始凭证齐全有效,记帐凭证与原始凭证事项一致准确无误',
            '每月定期和不定期与办事处、部门、人员核对往来明细帐、总帐,保证帐帐相符、帐证相符、帐表相符',
            '组织与销售人员核对用户开票、回款工作,做好增值税发票的领用、保管与使用登记,及时按要求邮寄发票',
          ],
          standards: '',
        },
        {
          area: '库存与后勤',
          duties: [
            '定期对库存结构进行分析,制定合理的库存标准;定期审查各办库存明细,找出不合理备货,并督促其消化',
            '办事处协理负责办事处库房管理和与公司发生的提货退货工作及后勤工作',
          ],
          standards: '',
        },
      ],
      qualifications: {
        education: '大专及以上',
        experience: '3年以上本岗位工作经验。',
        knowledge: '熟悉市场经营运作,熟悉公司工作流程。',
        skills: ['掌握电脑操作的基本技能,掌握办公自动化操作技能、经济法、财务管理等方面的知识。'],
        traits: ['责任心强,有较强的敬业精神。'],
      },
      other:
        '原文岗位职责第3至6条缺失，职责分组为整理时所加。教育程度原文未列，参照销售组组长说明书补写（派生）。',
    }),
  },

  // 售前客服组长职位说明书, with 售前组长岗位说明书 (负责小组内的日常管理, 教育水平).
  presales_lead: {
    documentControl: buildDocumentControl('JD-KF-001', '客服经理'),
    content: composeContent({
      identification: {
        positionName: '售前客服组长',
        positionCode: 'KF-PS',
        unitName: '客服部',
        directSuperior: '客服经理',
        directReports: '售前客服',
      },
      summary:
        '为确保售前客服团队资源合理、科学的配置,通过技能培训、人才培养、流程优化及绩效管理最大限度的提高售前客服团队的整体效率,从而达成事业部业绩、数据要求目标。',
      responsibilities: [
        {
          area: '月度业绩计划',
          duties: ['有效分解团队月度业绩目标,制定月度业绩目标实施计划,并指导、协调团队成员有效实施。'],
          standards: '团队整体规划的合理性、计划性及时性;目标任务完成率',
        },
        { area: '团队业绩目标实施、监控与管理', duties: ['制定团队业绩达成计划'], standards: '' },
        {
          area: '负责小组内的日常管理',
          duties: [
            '负责分解部门的工作计划',
            '负责部门内部的人员工作安排,保证工作流程合理,顺畅',
            '负责部门内部的人员的绩效考核、技能培训等工作',
          ],
          standards: '',
        },
      ],
      qualifications: {
        education: '具有大专以上学历或同等学历',
        experience: '0-3年同岗位工作经验或1-4年综合工作经验',
        knowledge:
          '必备专业知识:基本办公软件操作、电子商务运营、市场营销等;必备业务知识:业务相关专业知识、ERP系统操作知识、产品知识、售前售后业务知识等;计算机知识:基本操作;其他知识:简单PS',
        traits: ['灵活、严谨、细致、吃苦耐劳、耐心'],
        competencies: ['沟通能力、执行力、理解力、表达能力、应变能力', '自控能力、计划管理能力、影响力'],
        other: '职业道德要求:爱岗敬业、乐于奉献、团结友爱、严守机密',
      },
      tools: '《季度计划执行表》《月度计划执行表》《月度业绩实施计划表》',
      other:
        '原文所属中心、所属部门、薪点区间、管辖人数、岗位类别未填，所属部门、直接上级、直接下级为本组织所设。“负责小组内的日常管理”及教育程度取自本文集售前组长岗位说明书（派生）。',
    }),
  },
};
