import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareJdContent, type JdDiffChange } from './jd-diff.ts';

const groupLeader = {
  identification: { positionName: '销售组组长', headcount: '2+2', directSuperior: '渠道拓展主管' },
  summary: '全面负责本销售组的市场及营销工作,对本组的业绩负责。',
  responsibilities: [
    { area: '工作主责', duties: ['根据销售部要求,制定小组销售目标、策略及方法。'] },
    { area: '市场工作', duties: ['带领本销售组开辟市场渠道。', '通过各种市场活动,开辟市场。'] },
  ],
  qualifications: { age: '23岁以上', skills: ['有一定的市场及营销意识'] },
  promotionPath: ['销售组长', '渠道拓展主管'],
};

/** Same shape, one change applied. */
function withChange(change: (draft: typeof groupLeader) => void): typeof groupLeader {
  const draft = structuredClone(groupLeader);
  change(draft);
  return draft;
}

describe('compareJdContent', () => {
  it.each<[string, unknown, unknown, JdDiffChange[]]>([
    ['identical documents', groupLeader, structuredClone(groupLeader), []],
    [
      'a changed leaf',
      groupLeader,
      withChange((d) => (d.qualifications.age = '25岁以上')),
      [{ path: 'qualifications.age', kind: 'changed', before: '23岁以上', after: '25岁以上' }],
    ],
    [
      'a changed duty inside a responsibility',
      groupLeader,
      withChange((d) => (d.responsibilities[1]!.duties[0] = '带领本销售组开辟线上渠道。')),
      [
        {
          path: 'responsibilities[1].duties[0]',
          kind: 'changed',
          before: '带领本销售组开辟市场渠道。',
          after: '带领本销售组开辟线上渠道。',
        },
      ],
    ],
    [
      'a duty added at the end',
      groupLeader,
      withChange((d) => d.responsibilities[0]!.duties.push('带领本销售组达成下达的销售指标,实现经营利润。')),
      [
        {
          path: 'responsibilities[0].duties[1]',
          kind: 'added',
          before: undefined,
          after: '带领本销售组达成下达的销售指标,实现经营利润。',
        },
      ],
    ],
    [
      'a promotion step removed',
      groupLeader,
      withChange((d) => d.promotionPath.pop()),
      [{ path: 'promotionPath[1]', kind: 'removed', before: '渠道拓展主管', after: undefined }],
    ],
    [
      'a whole responsibility removed',
      groupLeader,
      withChange((d) => d.responsibilities.pop()),
      [
        {
          path: 'responsibilities[1]',
          kind: 'removed',
          before: groupLeader.responsibilities[1],
          after: undefined,
        },
      ],
    ],
    [
      'a new field',
      { summary: 'a' },
      { summary: 'a', other: '与公司价值观同步' },
      [{ path: 'other', kind: 'added', before: undefined, after: '与公司价值观同步' }],
    ],
    [
      'a field dropped',
      { summary: 'a', other: 'x' },
      { summary: 'a' },
      [{ path: 'other', kind: 'removed', before: 'x', after: undefined }],
    ],
    [
      'a list that became text',
      { tools: ['电脑', '电话'] },
      { tools: '电脑、电话' },
      [{ path: 'tools', kind: 'changed', before: ['电脑', '电话'], after: '电脑、电话' }],
    ],
    [
      'null to text',
      { purpose: null },
      { purpose: '' },
      [{ path: 'purpose', kind: 'changed', before: null, after: '' }],
    ],
    ['a different root', 1, 2, [{ path: '', kind: 'changed', before: 1, after: 2 }]],
    [
      'index by index at the root',
      ['a', 'b'],
      ['b'],
      [
        { path: '[0]', kind: 'changed', before: 'a', after: 'b' },
        { path: '[1]', kind: 'removed', before: 'b', after: undefined },
      ],
    ],
    [
      'keys that are not identifiers are quoted',
      { 'a.b': 1 },
      { 'a.b': 2 },
      [{ path: '["a.b"]', kind: 'changed', before: 1, after: 2 }],
    ],
    ['key order does not matter', { a: 1, b: 2 }, { b: 2, a: 1 }, []],
  ])('%s', (_name, before, after, expected) => {
    expect(compareJdContent(before, after)).toEqual(expected);
  });

  it('lists changes in a stable order: keys of before, then keys only after has', () => {
    const diff = compareJdContent({ b: 1, a: 1, c: 1 }, { c: 2, d: 1, a: 2 });
    expect(diff.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'removed b',
      'changed a',
      'changed c',
      'added d',
    ]);
  });
});

/** Equality as JSON sees it: object key order does not matter, list order does. */
function canonicalize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalize(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('compareJdContent laws', () => {
  it('finds nothing between a value and itself (or a copy of it)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        expect(compareJdContent(x, x)).toEqual([]);
        expect(compareJdContent(x, JSON.parse(JSON.stringify(x)) as unknown)).toEqual([]);
      }),
    );
  });

  it('is empty exactly when the two values are deep-equal', () => {
    const pair = fc.oneof(
      fc.tuple(fc.jsonValue(), fc.jsonValue()),
      fc.jsonValue().map((x) => [x, JSON.parse(JSON.stringify(x)) as unknown] as const),
      // Near misses: the same document with one leaf edited, so unequal pairs are not all trivially so.
      fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.string()).map(
        ([x, s]) =>
          [
            { doc: x, leaf: 'a' },
            { doc: x, leaf: s },
          ] as const,
      ),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(compareJdContent(a, b).length === 0).toBe(canonicalize(a) === canonicalize(b));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answer every time', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(compareJdContent(a, b)).toEqual(compareJdContent(a, b));
      }),
    );
  });
});
