import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import {
  addDays,
  countAuditRows,
  expectError,
  readAllPages,
  signInAll,
  today,
} from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import {
  buildCustomer,
  buildProduct,
  expectStatus,
  uniq,
  type ProductJson,
} from '../orders/test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let rep1: Session;
let rep4: Session;
let assistant1: Session;
let storelead1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, rep1, rep4, assistant1, storelead1] = await signInAll(t.app, [
    'vp',
    'rep1',
    'rep4',
    'assistant1',
    'storelead1',
  ] as const);
});
afterAll(() => t.close());

const customerOf = (owner: string, category: 'end_customer' | 'dealer' = 'end_customer') =>
  buildCustomer(t.database.db, ids.companyId, { ownerEmployeeId: idOf(ids.employee, owner), category });

describe('products', () => {
  it('creates a product with defaults and an audit row; code is unique in the company (409 naming body.code)', async () => {
    const code = uniq('A4-');
    const p = await buildProduct(vp, { code, name: 'A4 复印纸', listPriceFen: 2590, taxRateBp: 1300 });
    expect(p).toMatchObject({ code, listPriceFen: 2590, taxRateBp: 1300, discountFloorBp: 9000, version: 1 });
    expect((p as unknown as { active: boolean; shelfLifeDays: null }).active).toBe(true);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'product'), eq(auditLog.entityId, String(p.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'vp' });
    const dup = expectError(
      await vp.send('POST', '/api/v1/products', {
        code,
        name: 'x',
        category: 'c',
        unit: '箱',
        listPriceFen: 1,
        taxRateBp: 0,
      }),
      409,
      'conflict',
      'body.code',
    );
    expect(dup.message).toContain(code);
  });

  it.each([
    [{ listPriceFen: 0 }, 'body.listPriceFen'],
    [{ listPriceFen: -5 }, 'body.listPriceFen'],
    [{ listPriceFen: 1.5 }, 'body.listPriceFen'],
    [{ taxRateBp: 1200 }, 'body.taxRateBp'],
    [{ discountFloorBp: 10001 }, 'body.discountFloorBp'],
    [{ discountFloorBp: -1 }, 'body.discountFloorBp'],
    [{ shelfLifeDays: 0 }, 'body.shelfLifeDays'],
    [{ code: '' }, 'body.code'],
    [{ colour: 'red' }, 'body.colour'],
  ])('refuses %j (400 naming %s), writing nothing', async (patch, path) => {
    const before = await countAuditRows(t.database.db);
    const body = {
      code: uniq('B'),
      name: 'x',
      category: 'c',
      unit: '箱',
      listPriceFen: 100,
      taxRateBp: 600,
      ...patch,
    };
    expectError(await vp.send('POST', '/api/v1/products', body), 400, 'validation', path);
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it('accepts every VAT rate in use', async () => {
    for (const taxRateBp of [0, 100, 300, 500, 600, 900, 1300]) {
      expect((await buildProduct(vp, { taxRateBp })).taxRateBp).toBe(taxRateBp);
    }
  });

  it('needs catalogue.manage to write: a rep gets 403; 401 without sign-in', async () => {
    const body = { code: uniq('C'), name: 'x', category: 'c', unit: '箱', listPriceFen: 100, taxRateBp: 600 };
    expectError(await rep1.send('POST', '/api/v1/products', body), 403, 'forbidden');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/products', payload: body })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/products' })).statusCode).toBe(401);
  });

  it('updates with the version; a stale version is 409; deactivating keeps the product readable', async () => {
    const p = await buildProduct(vp);
    const after = expectStatus<ProductJson & { active: boolean }>(
      await vp.send('PATCH', `/api/v1/products/${p.id}`, { listPriceFen: 12000, active: false, version: 1 }),
      200,
    );
    expect(after).toMatchObject({ listPriceFen: 12000, active: false, version: 2 });
    expectError(
      await vp.send('PATCH', `/api/v1/products/${p.id}`, { name: 'y', version: 1 }),
      409,
      'conflict',
    );
    expectError(
      await vp.send('PATCH', `/api/v1/products/${p.id}`, { taxRateBp: 7, version: 2 }),
      400,
      'validation',
      'body.taxRateBp',
    );
    expectError(
      await vp.send('PATCH', '/api/v1/products/999999', { name: 'y', version: 1 }),
      404,
      'not_found',
    );
    expect(expectStatus(await rep1.get(`/api/v1/products/${p.id}`), 200)).toMatchObject({ active: false });
  });

  it('lists for everyone who sells or enters orders, with search, filters, sort and stable pages', async () => {
    const category = uniq('文具');
    for (const [i, name] of ['订书机', '回形针', '订书钉'].entries()) {
      await buildProduct(vp, { category, name, listPriceFen: 100 * (3 - i), code: uniq('ST') });
    }
    const page = expectStatus<{ items: ProductJson[]; total: number }>(
      await rep1.get(
        `/api/v1/products?category=${encodeURIComponent(category)}&sort=listPriceFen&order=desc`,
      ),
      200,
    );
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.listPriceFen)).toEqual([300, 200, 100]);
    const search = expectStatus<{ items: { name: string }[] }>(
      await assistant1.get(
        `/api/v1/products?q=${encodeURIComponent('订书')}&category=${encodeURIComponent(category)}`,
      ),
      200,
    );
    expect(search.items.map((p) => p.name).sort()).toEqual(['订书机', '订书钉']);
    const all = await readAllPages<ProductJson>(storelead1, '/api/v1/products', 4);
    expect(all.total).toBeGreaterThanOrEqual(3);
    expectError(await rep1.get('/api/v1/products?sort=colour'), 400, 'validation', 'query.sort');
    expectError(await rep1.get('/api/v1/products?active=maybe'), 400, 'validation', 'query.active');
    const inactive = expectStatus<{ items: { active: boolean }[] }>(
      await rep1.get('/api/v1/products?active=false'),
      200,
    );
    expect(inactive.items.every((p) => p.active === false)).toBe(true);
  });

  it('a product of another id is 404; a bad id is 400', async () => {
    expectError(await rep1.get('/api/v1/products/999999'), 404, 'not_found');
    expectError(await rep1.get('/api/v1/products/abc'), 400, 'validation', 'params.id');
  });
});

interface PriceListJson {
  id: number;
  name: string;
  customerId: number | null;
  customerName: string | null;
  customerCategory: string | null;
  items: { productId: number; priceFen: number; listPriceFen: number }[];
  version: number;
}

describe('price lists and quotes', () => {
  it('quotes the customer’s own list over the category list over the list price, by date', async () => {
    const p = await buildProduct(vp, { listPriceFen: 10000, discountFloorBp: 8500 });
    const other = await buildProduct(vp, { listPriceFen: 5000 });
    const dealer = await customerOf('rep1', 'dealer');
    const plain = await customerOf('rep1', 'end_customer');
    const day = today();
    const quote = async (customerId: number, productId: number, date = day) =>
      expectStatus<{ priceFen: number; source: string; floorPriceFen: number; priceListName: string | null }>(
        await rep1.get(`/api/v1/prices/quote?customerId=${customerId}&productId=${productId}&date=${date}`),
        200,
      );

    expect(await quote(dealer.id, p.id)).toMatchObject({
      priceFen: 10000,
      source: 'list',
      floorPriceFen: 8500,
    });

    const category = expectStatus<PriceListJson>(
      await vp.send('POST', '/api/v1/price-lists', {
        name: '经销商价',
        customerCategory: 'dealer',
        validFrom: addDays(day, -30),
        items: [{ productId: p.id, priceFen: 9200 }],
      }),
      201,
    );
    expect(category.items).toEqual([
      expect.objectContaining({ productId: p.id, priceFen: 9200, listPriceFen: 10000 }),
    ]);
    expect(await quote(dealer.id, p.id)).toMatchObject({
      priceFen: 9200,
      source: 'category',
      priceListName: '经销商价',
    });
    expect(await quote(plain.id, p.id)).toMatchObject({ priceFen: 10000, source: 'list' });
    expect(await quote(dealer.id, other.id)).toMatchObject({ priceFen: 5000, source: 'list' });
    // Before the list took effect, the list price.
    expect(await quote(dealer.id, p.id, addDays(day, -31))).toMatchObject({ source: 'list' });

    await vp.send('POST', '/api/v1/price-lists', {
      name: '大客户专属价',
      customerId: dealer.id,
      validFrom: addDays(day, -10),
      validTo: addDays(day, 10),
      items: [{ productId: p.id, priceFen: 8800 }],
    });
    expect(await quote(dealer.id, p.id)).toMatchObject({ priceFen: 8800, source: 'customer' });
    expect(await quote(dealer.id, p.id, addDays(day, 11))).toMatchObject({
      priceFen: 9200,
      source: 'category',
    });
  });

  it('a list for one customer is visible only to those who may see that customer', async () => {
    const p = await buildProduct(vp);
    const theirs = await customerOf('rep4');
    const list = expectStatus<PriceListJson>(
      await vp.send('POST', '/api/v1/price-lists', {
        name: uniq('专属'),
        customerId: theirs.id,
        validFrom: today(),
        items: [{ productId: p.id, priceFen: 9000 }],
      }),
      201,
    );
    expect(list.customerName).toBe(theirs.name);
    expectError(await rep1.get(`/api/v1/price-lists/${list.id}`), 404, 'not_found');
    expect(expectStatus(await rep4.get(`/api/v1/price-lists/${list.id}`), 200)).toMatchObject({
      id: list.id,
    });
    const rep1Lists = await readAllPages<PriceListJson>(rep1, '/api/v1/price-lists', 50);
    expect(rep1Lists.items.some((l) => l.id === list.id)).toBe(false);
    expect(rep1Lists.items.every((l) => l.customerId !== theirs.id)).toBe(true);
    // A quote for a customer outside scope is 404 too.
    expectError(
      await rep1.get(`/api/v1/prices/quote?customerId=${theirs.id}&productId=${p.id}`),
      404,
      'not_found',
    );
  });

  it.each([
    [{ customerCategory: 'dealer', customerId: 1 }, 'body.customerCategory'],
    [{}, 'body.customerCategory'],
    [{ customerCategory: 'wholesaler' }, 'body.customerCategory'],
    [{ customerCategory: 'dealer', validTo: '2020-01-01' }, 'body.validTo'],
    [{ customerCategory: 'dealer', items: [{ productId: 999999, priceFen: 1 }] }, 'body.items.0.productId'],
    [{ customerCategory: 'dealer', items: [{ productId: 1, priceFen: 0 }] }, 'body.items.0.priceFen'],
    [{ customerId: 999999 }, 'body.customerId'],
  ])('refuses a price list %j (400 naming %s)', async (patch, path) => {
    expectError(
      await vp.send('POST', '/api/v1/price-lists', { name: 'x', validFrom: '2026-01-01', ...patch }),
      400,
      'validation',
      path,
    );
  });

  it('refuses a product twice in one list', async () => {
    const p = await buildProduct(vp);
    expectError(
      await vp.send('POST', '/api/v1/price-lists', {
        name: 'x',
        customerCategory: 'agent',
        validFrom: '2026-01-01',
        items: [
          { productId: p.id, priceFen: 1 },
          { productId: p.id, priceFen: 2 },
        ],
      }),
      400,
      'validation',
      'body.items.1.productId',
    );
  });

  it('updates a list with the version, replacing its items; stale → 409; rep → 403', async () => {
    const [a, b] = [await buildProduct(vp), await buildProduct(vp)];
    const list = expectStatus<PriceListJson>(
      await vp.send('POST', '/api/v1/price-lists', {
        name: '代理商价',
        customerCategory: 'agent',
        validFrom: '2026-01-01',
        items: [{ productId: a.id, priceFen: 100 }],
      }),
      201,
    );
    const after = expectStatus<PriceListJson>(
      await vp.send('PATCH', `/api/v1/price-lists/${list.id}`, {
        items: [{ productId: b.id, priceFen: 200 }],
        version: 1,
      }),
      200,
    );
    expect(after.items.map((i) => [i.productId, i.priceFen])).toEqual([[b.id, 200]]);
    expect(after.version).toBe(2);
    expectError(
      await vp.send('PATCH', `/api/v1/price-lists/${list.id}`, { name: 'z', version: 1 }),
      409,
      'conflict',
    );
    expectError(
      await vp.send('PATCH', `/api/v1/price-lists/${list.id}`, { validTo: '2025-01-01', version: 2 }),
      400,
      'validation',
      'body.validTo',
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/price-lists/${list.id}`, { name: 'z', version: 2 }),
      403,
      'forbidden',
    );
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'price_list'),
          eq(auditLog.entityId, String(list.id)),
          eq(auditLog.action, 'update'),
        ),
      );
    expect(audit!.before).toMatchObject({ items: [{ productId: a.id, priceFen: 100 }] });
    expect(audit!.after).toMatchObject({ items: [{ productId: b.id, priceFen: 200 }] });
  });

  it('quote: 401 without sign-in, 400 naming the field, 404 for a product of nobody', async () => {
    const c = await customerOf('rep1');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/prices/quote?customerId=1&productId=1' }))
        .statusCode,
    ).toBe(401);
    expectError(
      await rep1.get(`/api/v1/prices/quote?customerId=${c.id}`),
      400,
      'validation',
      'query.productId',
    );
    expectError(
      await rep1.get(`/api/v1/prices/quote?customerId=${c.id}&productId=1&date=2026-13-01`),
      400,
      'validation',
      'query.date',
    );
    expectError(await rep1.get(`/api/v1/prices/quote?customerId=${c.id}&productId=999999`), 404, 'not_found');
  });

  it('price lists: 401 without sign-in; list filters by category', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/price-lists' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/price-lists/1' })).statusCode).toBe(401);
    const agents = expectStatus<{ items: PriceListJson[] }>(
      await rep1.get('/api/v1/price-lists?customerCategory=agent'),
      200,
    );
    expect(agents.items.every((l) => l.customerCategory === 'agent')).toBe(true);
    expectError(
      await rep1.get('/api/v1/price-lists?customerCategory=x'),
      400,
      'validation',
      'query.customerCategory',
    );
    expectError(await rep1.get('/api/v1/price-lists/999999'), 404, 'not_found');
  });
});
