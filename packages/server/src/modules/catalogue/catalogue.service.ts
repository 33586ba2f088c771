import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  CreatePriceListBody,
  CreateProductBody,
  PriceList,
  PriceListListQuery,
  PriceQuote,
  PriceQuoteQuery,
  Product,
  ProductListQuery,
  UpdatePriceListBody,
  UpdateProductBody,
} from '@zuzhang/api-schema';
import { computeFloorPriceFen, type Permission } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, can, inScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  AppError,
  fieldError,
  notFound,
  staleVersion,
  type ErrorDetail,
} from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { customers } from '../customers/customers.table.ts';
import { priceListItems, priceLists, products } from './catalogue.table.ts';
import { moveProductCategory } from '../sales-rollups/rollups.service.ts';

/** The catalogue is read by everyone who sells or enters orders; only catalogue.manage changes it. */
const READERS: Permission[] = ['customer.read', 'order.manage', 'catalogue.manage'];

function authorizeRead(actor: Actor) {
  return authorize(actor, READERS.find((p) => can(actor, p)) ?? READERS[0]!);
}

// ---- products ------------------------------------------------------------------------------------

type ProductRow = typeof products.$inferSelect;

function presentProduct(p: ProductRow): Product {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    category: p.category,
    unit: p.unit,
    listPriceFen: p.listPriceFen,
    taxRateBp: p.taxRateBp,
    shelfLifeDays: p.shelfLifeDays,
    discountFloorBp: p.discountFloorBp,
    active: p.active,
    version: p.version,
  };
}

export async function listProducts(db: Db, actor: Actor, query: ProductListQuery) {
  authorizeRead(actor);
  const where = and(
    eq(products.companyId, actor.companyId),
    query.q
      ? or(ilike(products.code, likePattern(query.q)), ilike(products.name, likePattern(query.q)))
      : undefined,
    query.category ? eq(products.category, query.category) : undefined,
    query.active === undefined ? undefined : eq(products.active, query.active),
  );
  const order = orderByOf(
    query,
    {
      code: products.code,
      name: products.name,
      category: products.category,
      listPriceFen: products.listPriceFen,
    },
    'code',
    products.id,
  );
  return pageOf(
    db,
    query,
    db
      .select()
      .from(products)
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(products).where(where),
    (rows) => rows.map(presentProduct),
  );
}

async function loadProduct(db: Executor, actor: Actor, id: number): Promise<ProductRow> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.companyId, actor.companyId)));
  if (!row) throw notFound('entity.product');
  return row;
}

export async function getProduct(db: Db, actor: Actor, id: number): Promise<Product> {
  authorizeRead(actor);
  return presentProduct(await loadProduct(db, actor, id));
}

export async function createProduct(db: Db, actor: Actor, body: CreateProductBody): Promise<Product> {
  const { actingForEmployeeId } = authorize(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(products)
          .values({ companyId: actor.companyId, ...body })
          .returning(),
      { path: 'body.code', label: 'field.code', value: body.code },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'product',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return presentProduct(row!);
  });
}

export async function updateProduct(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateProductBody,
): Promise<Product> {
  const { actingForEmployeeId } = authorize(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const before = await loadProduct(tx, actor, id);
    if (before.version !== body.version) throw staleVersion('entity.product');
    const { version, ...changes } = body;
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(products)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(products.id, id), eq(products.version, version)))
          .returning(),
      { path: 'body.code', label: 'field.code', value: changes.code ?? before.code },
    );
    if (!after) throw staleVersion('entity.product');
    // Sales of a product category (issue 4 item 1) follow the product: its past sales move with it.
    await moveProductCategory(tx, actor.companyId, id, before.category, after.category);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'product',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return presentProduct(after);
  });
}

// ---- price lists ---------------------------------------------------------------------------------

/**
 * A category list is visible to every reader; a list for one customer (a dealer's own prices) only to
 * those who may see that customer.
 */
function priceListVisible(actor: Actor): SQL {
  return or(isNull(priceLists.customerId), inScope.customer(actor, priceLists.customerId))!;
}

type PriceListRow = typeof priceLists.$inferSelect & { customerName: string | null };

async function presentPriceLists(db: Executor, rows: PriceListRow[]): Promise<PriceList[]> {
  const ids = rows.map((r) => r.id);
  const items =
    ids.length === 0
      ? []
      : await db
          .select({
            priceListId: priceListItems.priceListId,
            productId: priceListItems.productId,
            productCode: products.code,
            productName: products.name,
            listPriceFen: products.listPriceFen,
            priceFen: priceListItems.priceFen,
          })
          .from(priceListItems)
          .innerJoin(products, eq(products.id, priceListItems.productId))
          .where(inArray(priceListItems.priceListId, ids))
          .orderBy(asc(products.code));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    customerCategory: r.customerCategory as PriceList['customerCategory'],
    customerId: r.customerId,
    customerName: r.customerName,
    validFrom: r.validFrom,
    validTo: r.validTo,
    items: items.filter((i) => i.priceListId === r.id).map(({ priceListId: _omit, ...item }) => item),
    version: r.version,
  }));
}

const priceListColumns = {
  id: priceLists.id,
  companyId: priceLists.companyId,
  name: priceLists.name,
  customerCategory: priceLists.customerCategory,
  customerId: priceLists.customerId,
  validFrom: priceLists.validFrom,
  validTo: priceLists.validTo,
  version: priceLists.version,
  customerName: customers.name,
};

export async function listPriceLists(db: Db, actor: Actor, query: PriceListListQuery) {
  authorizeRead(actor);
  const where = and(
    eq(priceLists.companyId, actor.companyId),
    priceListVisible(actor),
    query.q ? ilike(priceLists.name, likePattern(query.q)) : undefined,
    query.customerId ? eq(priceLists.customerId, query.customerId) : undefined,
    query.customerCategory ? eq(priceLists.customerCategory, query.customerCategory) : undefined,
  );
  const order = orderByOf(
    query,
    { name: priceLists.name, validFrom: priceLists.validFrom },
    'name',
    priceLists.id,
  );
  return pageOf(
    db,
    query,
    db
      .select(priceListColumns)
      .from(priceLists)
      .leftJoin(customers, eq(customers.id, priceLists.customerId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(priceLists).where(where),
    (rows) => presentPriceLists(db, rows),
  );
}

async function loadPriceList(db: Executor, actor: Actor, id: number): Promise<PriceListRow> {
  const [row] = await db
    .select(priceListColumns)
    .from(priceLists)
    .leftJoin(customers, eq(customers.id, priceLists.customerId))
    .where(and(eq(priceLists.id, id), eq(priceLists.companyId, actor.companyId), priceListVisible(actor)));
  if (!row) throw notFound('entity.priceList');
  return row;
}

export async function getPriceList(db: Db, actor: Actor, id: number): Promise<PriceList> {
  authorizeRead(actor);
  return (await presentPriceLists(db, [await loadPriceList(db, actor, id)]))[0]!;
}

/** Items name products of the company, each once. */
async function checkPriceListItems(tx: Executor, actor: Actor, items: { productId: number }[]) {
  if (items.length === 0) return;
  const found = await tx
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.companyId, actor.companyId),
        inArray(
          products.id,
          items.map((i) => i.productId),
        ),
      ),
    );
  const known = new Set(found.map((r) => r.id));
  const seen = new Set<number>();
  const details: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const path = `body.items.${i}.productId`;
    if (!known.has(item.productId))
      details.push({ path, key: 'field.notInCompany', params: { entity: 'entity.product' } });
    else if (seen.has(item.productId)) details.push({ path, key: 'priceLists.duplicateProduct' });
    seen.add(item.productId);
  });
  if (details.length > 0) throw new AppError('validation', 'errors.validation', {}, details);
}

async function readItems(tx: Executor, priceListId: number) {
  return tx
    .select({ productId: priceListItems.productId, priceFen: priceListItems.priceFen })
    .from(priceListItems)
    .where(eq(priceListItems.priceListId, priceListId))
    .orderBy(asc(priceListItems.productId));
}

export async function createPriceList(db: Db, actor: Actor, body: CreatePriceListBody): Promise<PriceList> {
  const { actingForEmployeeId } = authorize(actor, 'catalogue.manage');
  // 价格表 per customer category or per dealer: exactly one of the two says whom it is for.
  if ((body.customerCategory === null) === (body.customerId === null)) {
    throw fieldError('body.customerCategory', 'priceLists.oneTarget');
  }
  if (body.validTo !== null && body.validTo < body.validFrom) {
    throw fieldError('body.validTo', 'field.dateOrder', { start: body.validFrom });
  }
  return db.transaction(async (tx) => {
    if (body.customerId !== null) {
      const [c] = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(
          and(
            eq(customers.id, body.customerId),
            eq(customers.companyId, actor.companyId),
            inScope.customer(actor, customers.id),
          ),
        );
      if (!c) throw fieldError('body.customerId', 'field.notInCompany', { entity: 'entity.customer' });
    }
    await checkPriceListItems(tx, actor, body.items);
    const { items, ...list } = body;
    const [row] = await tx
      .insert(priceLists)
      .values({ companyId: actor.companyId, ...list })
      .returning();
    if (items.length > 0) {
      await tx
        .insert(priceListItems)
        .values(items.map((i) => ({ companyId: actor.companyId, priceListId: row!.id, ...i })));
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'price_list',
      entityId: row!.id,
      after: { ...row, items },
      actingForEmployeeId,
    });
    return (await presentPriceLists(tx, [await loadPriceList(tx, actor, row!.id)]))[0]!;
  });
}

export async function updatePriceList(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdatePriceListBody,
): Promise<PriceList> {
  const { actingForEmployeeId } = authorize(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const current = await loadPriceList(tx, actor, id);
    if (current.version !== body.version) throw staleVersion('entity.priceList');
    const { version, items, ...changes } = body;
    const validFrom = changes.validFrom ?? current.validFrom;
    const validTo = changes.validTo === undefined ? current.validTo : changes.validTo;
    if (validTo !== null && validTo < validFrom) {
      throw fieldError('body.validTo', 'field.dateOrder', { start: validFrom });
    }
    const beforeItems = await readItems(tx, id);
    const [after] = await tx
      .update(priceLists)
      .set({ ...changes, version: version + 1 })
      .where(and(eq(priceLists.id, id), eq(priceLists.version, version)))
      .returning();
    if (!after) throw staleVersion('entity.priceList');
    if (items !== undefined) {
      await checkPriceListItems(tx, actor, items);
      await tx.delete(priceListItems).where(eq(priceListItems.priceListId, id));
      if (items.length > 0) {
        await tx
          .insert(priceListItems)
          .values(items.map((i) => ({ companyId: actor.companyId, priceListId: id, ...i })));
      }
    }
    const { customerName: _name, ...before } = current;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'price_list',
      entityId: id,
      before: { ...before, items: beforeItems },
      after: { ...after, items: await readItems(tx, id) },
      actingForEmployeeId,
    });
    return (await presentPriceLists(tx, [await loadPriceList(tx, actor, id)]))[0]!;
  });
}

// ---- quotes --------------------------------------------------------------------------------------

export interface QuotedPrice {
  priceFen: number;
  source: PriceQuote['source'];
  priceListId: number | null;
  priceListName: string | null;
}

/**
 * What a customer pays per unit for each product on a day: the customer's own price list (a dealer's
 * prices) wins over the list for their category (e.g. every dealer), which wins over the list price.
 * Among lists of the same kind, the one that took effect last wins.
 */
export async function quotePrices(
  db: Executor,
  companyId: number,
  customer: { id: number; category: string },
  items: { id: number; listPriceFen: number }[],
  day: string,
): Promise<Map<number, QuotedPrice>> {
  const out = new Map<number, QuotedPrice>();
  if (items.length === 0) return out;
  const rows = await db
    .select({
      productId: priceListItems.productId,
      priceFen: priceListItems.priceFen,
      priceListId: priceLists.id,
      priceListName: priceLists.name,
      forCustomer: sql<boolean>`${priceLists.customerId} is not null`,
    })
    .from(priceListItems)
    .innerJoin(priceLists, eq(priceLists.id, priceListItems.priceListId))
    .where(
      and(
        eq(priceLists.companyId, companyId),
        inArray(
          priceListItems.productId,
          items.map((i) => i.id),
        ),
        sql`${priceLists.validFrom} <= ${day}`,
        or(isNull(priceLists.validTo), sql`${priceLists.validTo} >= ${day}`),
        or(
          eq(priceLists.customerId, customer.id),
          and(isNull(priceLists.customerId), eq(priceLists.customerCategory, customer.category)),
        ),
      ),
    )
    .orderBy(
      desc(sql`${priceLists.customerId} is not null`),
      desc(priceLists.validFrom),
      desc(priceLists.id),
    );
  for (const r of rows) {
    if (out.has(r.productId)) continue;
    out.set(r.productId, {
      priceFen: r.priceFen,
      source: r.forCustomer ? 'customer' : 'category',
      priceListId: r.priceListId,
      priceListName: r.priceListName,
    });
  }
  for (const item of items) {
    if (!out.has(item.id)) {
      out.set(item.id, {
        priceFen: item.listPriceFen,
        source: 'list',
        priceListId: null,
        priceListName: null,
      });
    }
  }
  return out;
}

export async function quotePrice(db: Db, actor: Actor, query: PriceQuoteQuery): Promise<PriceQuote> {
  authorizeRead(actor);
  const [customer] = await db
    .select({ id: customers.id, category: customers.category })
    .from(customers)
    .where(
      and(
        eq(customers.id, query.customerId),
        eq(customers.companyId, actor.companyId),
        inScope.customer(actor, customers.id),
      ),
    );
  if (!customer) throw notFound('entity.customer');
  const product = await loadProduct(db, actor, query.productId);
  const date = query.date ?? actor.today;
  const quote = (await quotePrices(db, actor.companyId, customer, [product], date)).get(product.id)!;
  return {
    customerId: customer.id,
    productId: product.id,
    date,
    listPriceFen: product.listPriceFen,
    ...quote,
    taxRateBp: product.taxRateBp,
    discountFloorBp: product.discountFloorBp,
    // The floor applies to the price this customer is entitled to: an approved price list is not a discount.
    floorPriceFen: computeFloorPriceFen(quote.priceFen, product.discountFloorBp),
  };
}
