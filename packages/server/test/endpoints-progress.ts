import { expect } from 'vitest';
import { idOf } from './demo-org.ts';
import type { Ctx, EndpointCase } from './endpoints-shared.ts';

/**
 * Progress, rankings, execution sheets, dashboards and product / market analysis (issue 4 items 5–7): the
 * endpoint table's cases. A unit asked for outside the caller's scope is a 404 like any record; the
 * analysis routes are company-wide and answer 403 below company scope (their tests: modules/progress).
 */

/** Nothing to make: the cases read the demo organisation (route tests seed no ledger). */
export async function setupProgress(_c: Ctx): Promise<void> {}

const unitQuery = (c: Ctx, code: string, extra: Record<string, string> = {}) => ({
  query: { unitId: String(idOf(c.ids.unit, code)), ...extra },
});

export const PROGRESS_CASES: Record<string, EndpointCase> = {
  'GET /api/v1/progress': {
    as: 'rep1',
    valid: () => ({ query: { level: 'person' } }),
    status: 200,
    check: (res) => {
      expect(res.json().rows.map((r: { name: string }) => r.name)).toEqual(['赵磊']);
      expect(res.json().total).toBeNull();
    },
    bad: [
      { input: () => ({ query: { period: '2026-13' } }), path: 'query.period' },
      { input: () => ({ query: { metric: 'category_sales' } }), path: 'query.category' },
    ],
    outside: [
      { as: 'rep1', why: 'another team', input: (c) => unitQuery(c, 'XS-E2', { level: 'person' }) },
      { as: 'lead3', why: 'the East region, above a South lead', input: (c) => unitQuery(c, 'XS-E') },
    ],
  },
  'GET /api/v1/progress/rankings': {
    as: 'manager1',
    valid: () => ({ query: { by: 'team' } }),
    status: 200,
    check: (res) => expect(res.json().unit.name).toBe('华东区'),
    bad: { input: () => ({ query: { by: 'region' } }), path: 'query.by' },
    outside: [{ as: 'lead2', why: 'the other East team', input: (c) => unitQuery(c, 'XS-E1') }],
  },
  'GET /api/v1/progress/execution-sheet': {
    as: 'lead2',
    valid: () => ({ query: { grain: 'quarter' } }),
    status: 200,
    check: (res) => {
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(/execution-sheet-\d{4}-quarter-sales\.xlsx/);
    },
    bad: { input: () => ({ query: { grain: 'week' } }), path: 'query.grain' },
    outside: [{ as: 'rep1', why: 'a South team', input: (c) => unitQuery(c, 'XS-S1') }],
  },
  'GET /api/v1/dashboards/team': {
    as: 'lead2',
    valid: () => ({}),
    status: 200,
    check: (res) => {
      const body = res.json();
      expect(body.unit.name).toBe('华东二组');
      expect(body.members.map((m: { name: string }) => m.name).sort()).toEqual(
        ['孙悦', '徐强', '朱涛', '胡敏'].sort(),
      );
    },
    bad: { input: () => ({ query: { unitId: 'abc' } }), path: 'query.unitId' },
    outside: [{ as: 'lead3', why: 'an East team, for a South lead', input: (c) => unitQuery(c, 'XS-E1') }],
  },
  'GET /api/v1/dashboards/overview': {
    as: 'manager1',
    valid: () => ({}),
    status: 200,
    check: (res) => {
      const body = res.json();
      expect(body.unit.name).toBe('华东区');
      expect(body.rows.map((r: { name: string }) => r.name).sort()).toEqual(['华东一组', '华东二组'].sort());
    },
    bad: { input: () => ({ query: { metric: 'profit' } }), path: 'query.metric' },
    outside: [
      { as: 'manager2', why: 'the East region, for the South manager', input: (c) => unitQuery(c, 'XS-E') },
    ],
  },
  'GET /api/v1/analysis/products': {
    as: 'vp',
    valid: () => ({ query: { limit: '5' } }),
    status: 200,
    check: (res) => {
      const body = res.json();
      expect(body.productCount).toBeGreaterThan(0);
      expect(body.bestSellers.length).toBeGreaterThan(0);
    },
    bad: { input: () => ({ query: { period: '2026-W05' } }), path: 'query.period' },
  },
  'GET /api/v1/analysis/market': {
    as: 'vp',
    valid: () => ({ query: { year: '2026' } }),
    status: 200,
    check: (res) => expect(res.json().year).toBe(2026),
    bad: { input: () => ({ query: { year: 'next' } }), path: 'query.year' },
  },
};
