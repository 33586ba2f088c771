import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { companies } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';

/**
 * 货品目录. Prices in integer fen including tax; rates in basis points (1300 = 13%).
 * `discountFloorBp`: the lowest price as a share of list (9000 = 90%) a rep may give without approval.
 */
export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    unit: text('unit').notNull(),
    listPriceFen: bigint('list_price_fen', { mode: 'number' }).notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    shelfLifeDays: integer('shelf_life_days'),
    discountFloorBp: integer('discount_floor_bp').notNull().default(9000),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('products_company_code').on(t.companyId, t.code),
    index('products_company_category').on(t.companyId, t.category),
  ],
);

/** A price list for a customer category (e.g. all dealers) or for one customer (one dealer). */
export const priceLists = pgTable(
  'price_lists',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    customerCategory: text('customer_category'),
    customerId: integer('customer_id').references(() => customers.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('price_lists_company').on(t.companyId)],
);

export const priceListItems = pgTable(
  'price_list_items',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    priceListId: integer('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('price_list_items_unique').on(t.priceListId, t.productId)],
);
