import { describe, expect, it } from 'vitest';
import { JdContent, JdDocumentControl } from '@zuzhang/api-schema';
import { findMissingJdSections } from '@zuzhang/domain';
import { DEMO_JOB_DESCRIPTIONS, DEMO_ROLE_KEYS, type DemoRoleKey } from './demo-job-descriptions.ts';

const POSITION_CODES: Record<DemoRoleKey, string> = {
  sales_vp: 'XS-VP',
  sales_director: 'XS-DIR',
  sales_manager: 'XS-MGR',
  channel_supervisor: 'XS-CH',
  group_leader: 'XS-GL',
  team_lead: 'XS-TL',
  sales_rep: 'XS-REP',
  store_manager: 'MD-SM',
  store_team_lead: 'MD-TL',
  shop_assistant: 'MD-SA',
  cashier: 'MD-CA',
  intern_assistant: 'MD-IN',
  marketing_assistant: 'XS-MA',
  presales_lead: 'KF-PS',
};

const entries = DEMO_ROLE_KEYS.map((key) => [key, DEMO_JOB_DESCRIPTIONS[key]] as const);

describe('DEMO_JOB_DESCRIPTIONS', () => {
  it('has exactly the demo roles', () => {
    expect(Object.keys(DEMO_JOB_DESCRIPTIONS).sort()).toEqual([...DEMO_ROLE_KEYS].sort());
  });

  it.each(entries)('%s parses with JdContent and JdDocumentControl', (_key, jd) => {
    expect(JdDocumentControl.parse(jd.documentControl)).toEqual(jd.documentControl);
    // The schema trims text: parsing must not change a single character of the seed's wording.
    expect(JdContent.parse(jd.content)).toEqual(jd.content);
  });

  it.each(entries)('%s carries its position code', (key, jd) => {
    expect(jd.content.identification.positionCode).toBe(POSITION_CODES[key]);
  });

  it.each(entries)('%s could be published (no required section empty)', (_key, jd) => {
    expect(findMissingJdSections(jd.documentControl, jd.content)).toEqual([]);
  });

  it.each(entries)('%s has document control in force from 2026-01-01', (_key, jd) => {
    expect(jd.documentControl).toMatchObject({ effectiveDate: '2026-01-01', preparedBy: '人力资源部' });
    expect(jd.documentControl.docNo).toMatch(/^JD-(XS|MD|KF)-\d{3}$/);
  });

  it('gives every JD its own document number', () => {
    const numbers = entries.map(([, jd]) => jd.documentControl.docNo);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it.each<DemoRoleKey>(['cashier', 'intern_assistant', 'shop_assistant', 'store_manager'])(
    '%s, which the seed does not describe, says it was derived',
    (key) => {
      expect(DEMO_JOB_DESCRIPTIONS[key].content.other).toContain('派生');
    },
  );

  it('keeps no scraping junk from the seed', () => {
    const text = JSON.stringify(DEMO_JOB_DESCRIPTIONS);
    for (const junk of ['计戈', '∣J', 'பை', 'Байду', 'bibliotek', '下载', '\\n'])
      expect(text).not.toContain(junk);
  });
});

/** 岗位职责说明书范例 in the seed: the one complete template, which the 销售组组长 entry reproduces. */
describe('销售组组长 (group_leader) is the seed template field for field', () => {
  const { content, documentControl } = DEMO_JOB_DESCRIPTIONS.group_leader;

  it.each<[string, unknown, unknown]>([
    ['岗位名称', content.identification.positionName, '销售组组长'],
    ['岗位编号', content.identification.positionCode, 'XS-GL'],
    ['所在部门', content.identification.unitName, '销售部'],
    ['岗位定员数', content.identification.headcount, '2+2'],
    ['直接上级', content.identification.directSuperior, '渠道拓展主管'],
    ['直接下级', content.identification.directReports, '销售组长'],
    ['工作综述', content.summary, '全面负责本销售组的市场及营销工作,对本组的业绩负责。'],
    [
      '个人标准',
      content.personalStandard,
      '有较强的市场、营销意识及能力,有较强的销售管理能力,能调动团队工作积极性。',
    ],
    ['工作项目', content.responsibilities.map((r) => r.area), ['工作主责', '市场工作', '销售管理', '其他']],
    [
      '1 工作主责',
      content.responsibilities[0]?.duties,
      ['根据销售部要求,制定小组销售目标、策略及方法。', '带领本销售组达成下达的销售指标,实现经营利润。'],
    ],
    [
      '2 市场工作',
      content.responsibilities[1]?.duties,
      [
        '根据下达的任务,辅助完成本组的市场指标。',
        '带领本销售组开辟市场渠道。',
        '通过各种市场活动,开辟市场。',
      ],
    ],
    [
      '3 销售管理',
      content.responsibilities[2]?.duties,
      [
        '结合销售指标,制定本组详细的销售计划。',
        '围绕销售指标,制定合理的市场营销活动。',
        '带领本组做好日常销售工作,达成本组业绩指标。',
        '负责老客户的维护,通过老客户实现更多的客户转介绍。',
        '负责本组的培训及考核工作。',
      ],
    ],
    [
      '4 其他',
      content.responsibilities[3]?.duties,
      ['定期提交销售计划。', '定期召开小组会议及销售专题会。', '完成上级领导交办的其他工作。'],
    ],
    ['工作关系 内部', content.relations.internal, '与上级领导、其他组长和员工的工作协调及配合。'],
    ['工作关系 外部', content.relations.external, '异业联盟商家及客户维护'],
    [
      '工作权限',
      content.authorityText,
      '上级赋予的市场及营销活动的建议权、销售组的管理权及在授权范围内的人事权。',
    ],
    ['工作权限 (kinds)', content.authority.map((a) => a.kind), ['propose', 'manage', 'manage']],
    ['性别', content.qualifications.gender, '不限'],
    ['年龄', content.qualifications.age, '23岁以上'],
    ['教育程度', content.qualifications.education, '大专及以上'],
    ['工作经验', content.qualifications.experience, '2年销售、1年销售管理经验'],
    ['健康要求', content.qualifications.health, '身体健康、精力充沛'],
    ['知识要求', content.qualifications.knowledge, '销售技巧、沟通能力、管理能力'],
    [
      '工作技能',
      content.qualifications.skills,
      ['有一定的市场及营销意识', '有一定的销售管理能力', '有一定的营销策划能力', '有一定的销售能力'],
    ],
    [
      '核心特质',
      content.qualifications.traits,
      [
        '顾全大局、注意细节、责任心强',
        '较为清晰的逻辑思维,善于观察分析判断',
        '人际关系良好',
        '乐于学习、积极主动',
      ],
    ],
    [
      '核心能力',
      content.qualifications.competencies,
      ['计划能力', '组织能力', '沟通能力', '协调能力', '营销策划能力', '销售管理能力'],
    ],
    ['其它要求', content.qualifications.other, '与公司价值观同步'],
    ['晋升方向', content.promotionPath, ['销售组长', '渠道拓展主管', '销售组营销经理', '公司销售副总']],
    ['工作环境', content.environment, '坐班、出差'],
    ['工作时间', content.hours, '公司正常作息时间(出差除外)'],
    ['工作工具', content.tools, '电脑、电话、办公用品及其它。'],
    ['文件编号', documentControl.docNo, 'JD-XS-005'],
    ['生效日期', documentControl.effectiveDate, '2026-01-01'],
    ['编制', documentControl.preparedBy, '人力资源部'],
    ['审核', documentControl.reviewedBy, '销售总监'],
    ['批准', documentControl.approvedBy, '总经理'],
  ])('%s', (_field, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('is the seed template, not a derived one', () => expect(content.other).toBe(''));
});
