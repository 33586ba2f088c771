import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketAnalysis, ProductAnalysis, ProductVelocity } from '@zuzhang/api-schema';
import { classifyProducts } from '@zuzhang/domain';
import { expectError } from '../../../test/support.ts';
import { marketSizes } from '../targets/targets.table.ts';
import { monthSpan } from './oracle.ts';
import { CATEGORY, PRICE, REGION, buildWorld, within, type World } from './test-world.ts';

/**
 * 畅销 / 滞销 and 市场占有率 / 覆盖率 over the test world's catalogue (route tests seed no demo ledger, so the
 * products below are the whole catalogue) and its customers, all in one region.
 */

let w: World;
let notebook: number;
let unsold: number;
/** The month before this one and the notebook's sales in it and in this month. */
let previous: string;
const NOTEBOOK_BEFORE = 10;
const NOTEBOOK_NOW = 6;

async function newProduct(code: string, name: string) {
  const res = await w.as.vp.send('POST', '/api/v1/products', {
    code,
    name,
    category: '进度测试文具',
    unit: '本',
    listPriceFen: 1_000,
    taxRateBp: 1300,
    discountFloorBp: 9000,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; version: number }>();
}

beforeAll(async () => {
  w = await buildWorld();
  notebook = (await newProduct('PT-NB', '进度测试笔记本')).id;
  // 龥 sorts after every other name: among products that sold nothing it is the slowest of all.
  unsold = (await newProduct('PT-ZZ', '龥滞销测试品')).id;
  const retired = await newProduct('PT-OLD', '进度测试停售品');
  const off = await w.as.vp.send('PATCH', `/api/v1/products/${retired.id}`, {
    active: false,
    version: retired.version,
  });
  expect(off.statusCode, off.body).toBe(200);
  const [y, m] = w.month.split('-').map(Number) as [number, number];
  previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  for (const [date, quantity] of [
    [monthSpan(previous).to, NOTEBOOK_BEFORE],
    [w.today, NOTEBOOK_NOW],
  ] as const) {
    const res = await w.as.repA1.send('POST', '/api/v1/orders', {
      customerId: w.customer.repA1,
      orderDate: date,
      lines: [{ productId: notebook, quantity, promisedOn: date }],
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => w.t.close());

async function products(query: string): Promise<ProductAnalysis> {
  const res = await w.as.vp.get(`/api/v1/analysis/products?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<ProductAnalysis>();
}

describe('best sellers and slow movers (畅销 / 滞销)', () => {
  /** Boxes of the test paper sold this month: the world's orders less the return. */
  const paperThisMonth = () =>
    30 + 60 - 10 + 20 + 8 + (within(w.month, w.day(-6)) ? 5 : 0) + (within(w.month, w.day(-1)) ? 7 : 0);

  it('the fastest is the best seller, a product that sold nothing the slowest mover', async () => {
    const report = await products(`period=${w.month}&limit=1`);
    expect(report.productCount).toBe(3);
    expect(report.previousPeriod).toBe(previous);
    expect(report.bestSellers.map((p) => [p.name, p.quantity, p.rank, p.classification])).toEqual([
      ['进度测试纸品', paperThisMonth(), 1, 'best_seller'],
    ]);
    expect(report.slowMovers.map((p) => [p.productId, p.quantity, p.amountFen, p.classification])).toEqual([
      [unsold, 0, 0, 'slow_mover'],
    ]);
  });

  it('velocity is per day gone by, and the change compares it with the whole previous month', async () => {
    const report = await products(`period=${w.month}&limit=3`);
    const nb = report.bestSellers.find((p) => p.productId === notebook)!;
    const elapsed = Number(w.today.slice(8));
    const before = Number(monthSpan(previous).to.slice(8));
    expect(nb).toMatchObject({ quantity: NOTEBOOK_NOW, previousQuantity: NOTEBOOK_BEFORE });
    expect(nb.quantityPerDay).toBeCloseTo(NOTEBOOK_NOW / elapsed, 12);
    expect(nb.amountPerDay).toBeCloseTo((NOTEBOOK_NOW * 1_000) / elapsed, 9);
    expect(nb.change).toBeCloseTo(NOTEBOOK_NOW / elapsed / (NOTEBOOK_BEFORE / before) - 1, 12);
    const paper = report.bestSellers.find((p) => p.name === '进度测试纸品')!;
    expect(paper.amountFen).toBeGreaterThan(0);
    expect(report.bestSellers.find((p) => p.productId === unsold)).toMatchObject({
      change: null,
      quantity: 0,
    });
  });

  it('classifies as the domain rule does (top and bottom by velocity, ties by name, best wins)', async () => {
    const all = await products(`period=${w.month}&limit=100`);
    const rows = all.bestSellers.map((p) => ({ ...p }));
    for (const limit of [1, 2]) {
      const expected = classifyProducts(rows, 'quantityPerDay', { kind: 'rank', top: limit, bottom: limit });
      const report = await products(`period=${w.month}&limit=${limit}`);
      const ids = (list: ProductVelocity[]) => list.map((p) => p.productId);
      expect(ids(report.bestSellers)).toEqual(
        expected.filter((p) => p.classification === 'best_seller').map((p) => p.productId),
      );
      expect(ids(report.slowMovers).sort()).toEqual(
        expected
          .filter((p) => p.classification === 'slow_mover')
          .map((p) => p.productId)
          .sort(),
      );
    }
  });

  it('by amount ranks by money per day', async () => {
    const report = await products(`period=${w.month}&limit=1&by=amount`);
    expect(report.bestSellers[0]!.name).toBe('进度测试纸品');
    expect(report.by).toBe('amount');
  });

  it('a quarter or a year works; a week is refused (product roll-ups are monthly)', async () => {
    const year = await products(`period=${w.today.slice(0, 4)}&limit=3`);
    expect(year.period.period).toBe(w.today.slice(0, 4));
    expectError(
      await w.as.vp.get(`/api/v1/analysis/products?period=${w.week}`),
      400,
      'validation',
      'query.period',
    );
    expectError(await w.as.vp.get('/api/v1/analysis/products?limit=101'), 400, 'validation', 'query.limit');
  });

  it('is company-wide: a manager of a region gets 403', async () => {
    expectError(await w.as.mgr.get('/api/v1/analysis/products'), 403, 'forbidden');
    expectError(
      await w.t.app.inject({ method: 'GET', url: '/api/v1/analysis/products' }),
      401,
      'unauthenticated',
    );
  });
});

describe('market share and coverage (市场占有率 / 覆盖率)', () => {
  const year = () => Number(w.today.slice(0, 4));

  beforeAll(async () => {
    await w.t.database.db.insert(marketSizes).values([
      {
        companyId: w.ids.companyId,
        year: year(),
        region: REGION,
        category: CATEGORY,
        marketSizeFen: 10_000_000,
        outletCount: 20,
      },
      {
        companyId: w.ids.companyId,
        year: year(),
        region: REGION,
        category: '无销售品类',
        marketSizeFen: 5_000_000,
        outletCount: 10,
      },
    ]);
  });

  async function market(query: string): Promise<MarketAnalysis> {
    const res = await w.as.vp.get(`/api/v1/analysis/market?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json<MarketAnalysis>();
  }

  it('our sales in the region and category against the size entered; buyers against outlets', async () => {
    const report = await market(`year=${year()}&region=${encodeURIComponent(REGION)}`);
    const sales = w.sales.filter((f) => f.date.startsWith(String(year()))).reduce((s, f) => s + f.amount, 0);
    const buyers = new Set(w.sales.filter((f) => f.date.startsWith(String(year()))).map((f) => f.person))
      .size;
    // Regions, then categories, in code-point order: 无销售品类, 进度测试, 进度测试文具.
    expect(report.cells).toEqual([
      {
        region: REGION,
        category: '无销售品类',
        salesFen: 0,
        buyingCustomers: 0,
        marketSizeFen: 5_000_000,
        outletCount: 10,
        share: 0,
        coverage: 0,
      },
      {
        region: REGION,
        category: CATEGORY,
        salesFen: sales,
        buyingCustomers: buyers,
        marketSizeFen: 10_000_000,
        outletCount: 20,
        share: expect.closeTo(sales / 10_000_000, 12),
        coverage: buyers / 20,
      },
      {
        region: REGION,
        category: '进度测试文具',
        salesFen:
          (NOTEBOOK_NOW + (monthSpan(previous).to.startsWith(String(year())) ? NOTEBOOK_BEFORE : 0)) * 1_000,
        buyingCustomers: 1,
        marketSizeFen: null,
        outletCount: null,
        share: null,
        coverage: null,
      },
    ]);
    expect(report.totals.marketSizeFen).toBe(15_000_000);
    expect(report.totals.share).toBeCloseTo(sales / 15_000_000, 12);
    expect(PRICE).toBe(10_000);
  });

  it('filters by category; a year with nothing is empty', async () => {
    const report = await market(`year=${year()}&category=${encodeURIComponent(CATEGORY)}`);
    expect(report.cells.map((c) => c.category)).toEqual([CATEGORY]);
    expect((await market('year=1999')).cells).toEqual([]);
  });

  it('is company-wide (403 below company scope) and refuses bad input', async () => {
    expectError(await w.as.mgr.get('/api/v1/analysis/market'), 403, 'forbidden');
    expectError(await w.as.vp.get('/api/v1/analysis/market?year=abc'), 400, 'validation', 'query.year');
  });
});
