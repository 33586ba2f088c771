import type { FastifyInstance } from 'fastify';
import {
  CreatePriceListBody,
  CreateProductBody,
  IdParams,
  PriceList,
  PriceListListQuery,
  PriceQuote,
  PriceQuoteQuery,
  Product,
  ProductListQuery,
  UpdatePriceListBody,
  UpdateProductBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './catalogue.service.ts';

export function registerCatalogueRoutes(app: FastifyInstance, db: Db) {
  const tags = ['catalogue'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/products',
    tags,
    permission: 'customer.read',
    summary:
      'Products (search q by code or name; filter category, active; sort code|name|category|listPriceFen); for customer.read or order.manage',
    query: ProductListQuery,
    response: pageOf(Product),
    handler: ({ actor, query }) => svc.listProducts(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/products/:id',
    tags,
    permission: 'customer.read',
    summary: 'One product',
    params: IdParams,
    response: Product,
    handler: ({ actor, params }) => svc.getProduct(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/products',
    tags,
    permission: 'catalogue.manage',
    summary: 'Create a product (code unique in the company; list price in fen, tax included; VAT rate in bp)',
    body: CreateProductBody,
    response: Product,
    handler: ({ actor, body }) => svc.createProduct(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/products/:id',
    tags,
    permission: 'catalogue.manage',
    summary: 'Change a product (send the version you read); deactivate with active=false',
    params: IdParams,
    body: UpdateProductBody,
    response: Product,
    handler: ({ actor, params, body }) => svc.updateProduct(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/price-lists',
    tags,
    permission: 'customer.read',
    summary:
      'Price lists: per customer category, and per customer for customers in your scope (filter customerId, customerCategory; sort name|validFrom)',
    query: PriceListListQuery,
    response: pageOf(PriceList),
    handler: ({ actor, query }) => svc.listPriceLists(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/price-lists/:id',
    tags,
    permission: 'customer.read',
    summary: 'One price list with its items',
    params: IdParams,
    response: PriceList,
    handler: ({ actor, params }) => svc.getPriceList(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/price-lists',
    tags,
    permission: 'catalogue.manage',
    summary: 'Create a price list for a customer category or for one customer (a dealer), with its items',
    body: CreatePriceListBody,
    response: PriceList,
    handler: ({ actor, body }) => svc.createPriceList(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/price-lists/:id',
    tags,
    permission: 'catalogue.manage',
    summary: 'Change a price list (send the version you read); items, when sent, replace all items',
    params: IdParams,
    body: UpdatePriceListBody,
    response: PriceList,
    handler: ({ actor, params, body }) => svc.updatePriceList(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/prices/quote',
    tags,
    permission: 'customer.read',
    summary:
      "The unit price a customer gets for a product on a date: the customer's own list, else their category's, else the list price; with the discount floor",
    query: PriceQuoteQuery,
    response: PriceQuote,
    handler: ({ actor, query }) => svc.quotePrice(db, actor, query),
  });
}
