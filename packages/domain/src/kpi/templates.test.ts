import { describe, expect, it } from 'vitest';
import { Dec } from '../money/money.ts';
import { indicatorOf, KPI_CODES, KPI_LIBRARY, KPI_SOURCES, type KpiCode } from './indicators.ts';
import { scoreScorecard } from './scorecard.ts';
import { validateCurve, validateWeights } from './scoring.ts';
import { DEPUTY_SUPERVISOR_SCORECARD, SCORECARD_TEMPLATES, STORE_LEAD_SCORECARD } from './templates.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('KPI_LIBRARY', () => {
  it('holds every code once', () => {
    expect(KPI_LIBRARY.map((k) => k.code).sort()).toEqual([...KPI_CODES].sort());
  });

  it('fills each server figure from exactly one computed indicator', () => {
    const sources = KPI_LIBRARY.flatMap((k) => (k.kind === 'computed' ? [k.source] : []));
    expect(sources.sort()).toEqual([...KPI_SOURCES].sort());
  });

  it.each([...KPI_LIBRARY])('$code: labels in both languages and a usable default curve', (kpi) => {
    expect(kpi.label['zh-CN']).toMatch(CJK);
    expect(kpi.label['en-US']).toMatch(/^[\x20-\x7e]+$/);
    expect(validateCurve(kpi.curve)).toEqual([]);
  });

  it.each(KPI_LIBRARY.filter((k) => k.kind === 'rated'))(
    '$code: one described level per rating, and the curve scores that scale',
    (kpi) => {
      const { min, max, levels } = kpi.rubric;
      expect(levels.map((l) => l.value)).toEqual([5, 4, 3, 2, 1].filter((v) => v >= min && v <= max));
      for (const level of levels) {
        expect(level.description['zh-CN']).toMatch(CJK);
        expect(level.description['en-US'].length).toBeGreaterThan(10);
      }
      expect(kpi.curve).toEqual({ kind: 'rating', min, max });
    },
  );

  it.each([
    ['product_knowledge', 'rated'],
    ['customer_questions', 'rated'],
    ['customer_maintenance', 'rated'],
    ['coaching_new_staff', 'rated'],
    ['management_coordination', 'rated'],
    ['teamwork', 'rated'],
    ['six_s', 'rated'],
    ['cleanliness', 'rated'],
    ['sales_attainment', 'computed'],
    ['collections_attainment', 'computed'],
    ['stock_checks_done', 'computed'],
  ] as const)('%s is %s', (code, kind) => {
    expect(indicatorOf(code).kind).toBe(kind);
  });

  it('refuses an unknown code', () => {
    expect(() => indicatorOf('charm' as KpiCode)).toThrow(/unknown KPI/);
  });
});

describe.each(SCORECARD_TEMPLATES)('template $code', (template) => {
  it('weights add up to exactly 100', () => {
    expect(validateWeights(template.lines)).toEqual([]);
  });

  it('every line is a library indicator, used once, in exactly one section', () => {
    const codes = template.lines.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(template.sections.flatMap((s) => s.codes).sort()).toEqual([...codes].sort());
    for (const line of template.lines) expect(validateCurve(line.curve)).toEqual([]);
  });
});

function sectionWeights(template: typeof DEPUTY_SUPERVISOR_SCORECARD): number[] {
  return template.sections.map((s) =>
    s.codes.reduce((sum, code) => sum + template.lines.find((l) => l.code === code)!.weight, 0),
  );
}

describe('DEPUTY_SUPERVISOR_SCORECARD (seed 副/销售主管绩效考核方案)', () => {
  it('carries the seed items 55 / 10 / 10 / 10 / 10 / 5', () => {
    expect(sectionWeights(DEPUTY_SUPERVISOR_SCORECARD)).toEqual([55, 10, 10, 10, 10, 5]);
    expect(DEPUTY_SUPERVISOR_SCORECARD.sections[0]!.label['zh-CN']).toContain('部门销售业绩');
  });

  it.each([
    ['team_sales_attainment', 30],
    ['sales_attainment', 25],
    ['attendance_rate', 5],
  ] as const)('%s weighs %d', (code, weight) => {
    expect(DEPUTY_SUPERVISOR_SCORECARD.lines.find((l) => l.code === code)?.weight).toBe(weight);
  });

  it.each([
    // team 103.2% caps at 100 → 30, person 80% → 20; ratings 4, 4 → 4 + 4; 3 → 6; 5 → 10; 4 → 8;
    // attendance 21 of 22 days → 4.77…: 86.77… → 86.8.
    [
      'a good month',
      { team: '1.032', person: '0.8', q: 4, k: 4, m: 3, c: 5, mg: 4, att: new Dec(21).div(22) },
      '86.8',
      'B',
    ],
    ['everything met', { team: 1, person: 1, q: 5, k: 5, m: 5, c: 5, mg: 5, att: 1 }, '100', 'A'],
    ['a poor month', { team: '0.5', person: '0.4', q: 2, k: 3, m: 2, c: 1, mg: 2, att: '0.8' }, '44', 'D'],
  ])('%s → %s (%s)', (_name, v, score, grade) => {
    const result = scoreScorecard(DEPUTY_SUPERVISOR_SCORECARD.lines, {
      team_sales_attainment: v.team,
      sales_attainment: v.person,
      customer_questions: v.q,
      product_knowledge: v.k,
      customer_maintenance: v.m,
      coaching_new_staff: v.c,
      management_coordination: v.mg,
      attendance_rate: v.att,
    });
    expect(result.score.toString()).toBe(score);
    expect(result.grade).toBe(grade);
    expect(result.lines).toHaveLength(8);
  });

  it('refuses to score with a line left blank', () => {
    expect(() => scoreScorecard(DEPUTY_SUPERVISOR_SCORECARD.lines, { sales_attainment: 1 })).toThrow(
      /no value for KPI team_sales_attainment/,
    );
  });
});

describe('STORE_LEAD_SCORECARD (seed 门店组长 考核标准)', () => {
  it('has the seed indicators and weights 40 / 20 / 15 / 15 / 10', () => {
    expect(STORE_LEAD_SCORECARD.lines.map((l) => [l.code, l.weight])).toEqual([
      ['team_sales_attainment', 40],
      ['promotion_attainment', 20],
      ['cleanliness', 15],
      ['no_expired_goods', 15],
      ['teamwork', 10],
    ]);
  });

  it.each([
    ['clean shelves', 1, '93'],
    // One check found expired goods: zero tolerance, the line's 15 points are gone.
    ['one check of 22 found expired goods', new Dec(21).div(22), '78'],
  ])('%s → %s', (_name, noExpired, score) => {
    const result = scoreScorecard(STORE_LEAD_SCORECARD.lines, {
      team_sales_attainment: '0.95',
      promotion_attainment: 1,
      cleanliness: 4,
      no_expired_goods: noExpired,
      teamwork: 4,
    });
    expect(result.score.toString()).toBe(score);
  });
});
