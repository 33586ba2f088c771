import { describe, expect, it } from 'vitest';
import { findMissingJdSections, REQUIRED_JD_SECTIONS } from './jd-required.ts';

const documentControl = {
  docNo: 'JD-XS-005',
  effectiveDate: '2026-01-01',
  preparedBy: '人力资源部',
  reviewedBy: '销售总监',
  approvedBy: '总经理',
};

const content = {
  identification: { positionName: '销售组组长', directSuperior: '渠道拓展主管', directReports: '销售组长' },
  summary: '全面负责本销售组的市场及营销工作,对本组的业绩负责。',
  responsibilities: [
    { area: '工作主责', duties: ['根据销售部要求,制定小组销售目标、策略及方法。'], standards: '' },
    { area: '市场工作', duties: ['带领本销售组开辟市场渠道。'], standards: '' },
  ],
  qualifications: { education: '大专及以上', experience: '2年销售、1年销售管理经验', gender: '' },
};

type Edit = (dc: Record<string, unknown>, c: typeof content) => void;

function findAfter(edit: Edit): string[] {
  const dc: Record<string, unknown> = structuredClone(documentControl);
  const c = structuredClone(content);
  edit(dc, c);
  return findMissingJdSections(dc, c);
}

describe('findMissingJdSections', () => {
  it('accepts a complete document', () =>
    expect(findMissingJdSections(documentControl, content)).toEqual([]));

  it.each<[string, Edit, string[]]>([
    ['no document number', (dc) => (dc.docNo = ''), ['documentControl.docNo']],
    ['no effective date', (dc) => (dc.effectiveDate = null), ['documentControl.effectiveDate']],
    ['blank preparer', (dc) => (dc.preparedBy = '   '), ['documentControl.preparedBy']],
    ['no approver field at all', (dc) => delete dc.approvedBy, ['documentControl.approvedBy']],
    ['no reviewer (not required)', (dc) => (dc.reviewedBy = ''), []],
    [
      'no position name',
      (_dc, c) => (c.identification.positionName = ''),
      ['content.identification.positionName'],
    ],
    [
      'no superior',
      (_dc, c) => (c.identification.directSuperior = ''),
      ['content.identification.directSuperior'],
    ],
    ['no direct reports (not required)', (_dc, c) => (c.identification.directReports = ''), []],
    ['no summary', (_dc, c) => (c.summary = ''), ['content.summary']],
    ['no responsibilities', (_dc, c) => (c.responsibilities = []), ['content.responsibilities']],
    [
      'a responsibility without area',
      (_dc, c) => (c.responsibilities[1]!.area = ''),
      ['content.responsibilities[1].area'],
    ],
    [
      'a responsibility without duties',
      (_dc, c) => (c.responsibilities[0]!.duties = []),
      ['content.responsibilities[0].duties'],
    ],
    [
      'only blank duties',
      (_dc, c) => (c.responsibilities[0]!.duties = ['', ' ']),
      ['content.responsibilities[0].duties'],
    ],
    ['no education', (_dc, c) => (c.qualifications.education = ''), ['content.qualifications.education']],
    ['no experience', (_dc, c) => (c.qualifications.experience = ''), ['content.qualifications.experience']],
    ['no gender (not required)', (_dc, c) => (c.qualifications.gender = ''), []],
    [
      'several gaps, in the order of the required list',
      (dc, c) => {
        c.qualifications.experience = '';
        dc.docNo = '';
        c.responsibilities[1]!.duties = [];
        c.summary = '';
      },
      [
        'documentControl.docNo',
        'content.summary',
        'content.responsibilities[1].duties',
        'content.qualifications.experience',
      ],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(findAfter(edit)).toEqual(expected);
  });

  it.each<[string, unknown, unknown]>([
    ['nothing at all', undefined, undefined],
    ['empty objects', {}, {}],
    ['wrong shapes', 'JD-1', []],
  ])('reports every required section for %s', (_name, dc, c) => {
    expect(findMissingJdSections(dc, c)).toEqual([...REQUIRED_JD_SECTIONS]);
  });

  it('treats text where a list belongs as missing', () => {
    expect(findAfter((_dc, c) => ((c as Record<string, unknown>).responsibilities = '工作主责'))).toEqual([
      'content.responsibilities',
    ]);
  });
});
