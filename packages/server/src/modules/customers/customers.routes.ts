import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CheckDuplicatesBody,
  CreateContactBody,
  CreateCustomerBody,
  CreateFollowUpBody,
  CreateVettingBody,
  Customer,
  CustomerContact,
  CustomerContactParams,
  CustomerDetail,
  CustomerImportBody,
  CustomerImportResult,
  CustomerListQuery,
  CustomerSettings,
  CustomerTimeline,
  DecideVettingBody,
  DueFollowUp,
  DueFollowUpQuery,
  DuplicateCheckResult,
  FollowUp,
  FollowUpListQuery,
  IdParams,
  OwnershipChange,
  PoolCustomer,
  PoolListQuery,
  PoolReturnResult,
  ReleaseCustomerBody,
  TimelineQuery,
  TransferCustomerBody,
  UpdateContactBody,
  UpdateCustomerBody,
  UpdateCustomerSettingsBody,
  Vetting,
  VettingListQuery,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './customers.service.ts';
import { importCustomers } from './customers-import.ts';
import { IMPORT_BODY_LIMIT } from '../../platform/import/sheet-import.ts';
import { createFollowUp, listDueFollowUps, listFollowUps } from './follow-ups.service.ts';
import { claimCustomer, listPool, runPoolReturn } from './customer-pool.service.ts';
import { getCustomerSettings, updateCustomerSettings } from './customer-settings.service.ts';
import { decideVetting, getVetting, listVettings, requestVetting } from './vettings.service.ts';
import { getCustomerTimeline } from './customer-timeline.ts';

export function registerCustomerRoutes(app: FastifyInstance, db: Db) {
  const tags = ['customers'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers',
    tags,
    permission: 'customer.read',
    summary:
      'Customers whose owner is in your scope (q: name, mobile or credit code; filter kind, category, level, region, ownerEmployeeId, vettingStatus, referrerCustomerId; sort name|level|lastActivityOn|createdAt)',
    query: CustomerListQuery,
    response: pageOf(Customer),
    handler: ({ actor, query }) => svc.listCustomers(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id',
    tags,
    permission: 'customer.read',
    summary: 'One customer with contacts, owner, referrer and referral count (转介绍)',
    params: IdParams,
    response: CustomerDetail,
    handler: ({ actor, params }) => svc.getCustomer(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers',
    tags,
    permission: 'customer.manage',
    summary:
      'Create a customer (409 with the duplicates found: same name, mobile or credit code; a credit code whose check character fails needs creditCodeOverride)',
    body: CreateCustomerBody,
    response: CustomerDetail,
    handler: ({ actor, body }) => svc.createCustomer(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/customers/:id',
    tags,
    permission: 'customer.manage',
    summary: 'Change a customer (send the version you read; 409 if it changed since)',
    params: IdParams,
    body: UpdateCustomerBody,
    response: CustomerDetail,
    handler: ({ actor, params, body }) => svc.updateCustomer(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/check-duplicates',
    tags,
    permission: 'customer.read',
    summary:
      'Existing customers with the same name, mobile or credit code (owner shown only if you may see it)',
    body: CheckDuplicatesBody,
    response: DuplicateCheckResult,
    successStatus: 200,
    handler: ({ actor, body }) => svc.checkDuplicates(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/import',
    tags,
    permission: 'customer.manage',
    summary:
      'Import customers from .csv or .xlsx sent as base64 (columns: 名称 name, 类型 kind, 类别 category, 等级 level, 区域 region, 行业 industry, 来源 source, 介绍客户 referrer, 统一社会信用代码 creditCode, 信用代码例外说明 creditCodeOverride, 手机 mobile, 联系人 contactName, 联系人角色 contactRole, 联系人手机 contactMobile, 微信 contactWechat, 地址 address, 备注 note, 负责人 owner). dryRun reports only; any failing row writes nothing (422) unless skipInvalid',
    body: CustomerImportBody,
    response: CustomerImportResult,
    successStatus: 200,
    // A spreadsheet of a few thousand customers is more than the 1 MB every other route accepts.
    bodyLimit: IMPORT_BODY_LIMIT,
    handler: ({ actor, body, locale }) => importCustomers(db, actor, locale, body),
  });

  // Contacts
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/contacts',
    tags,
    permission: 'customer.read',
    summary: "A customer's contacts, the primary one first",
    params: IdParams,
    response: z.array(CustomerContact),
    handler: ({ actor, params }) => svc.listContacts(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/contacts',
    tags,
    permission: 'customer.manage',
    summary: 'Add a contact (role, mainland mobile, WeChat); marking it primary unmarks the others',
    params: IdParams,
    body: CreateContactBody,
    response: CustomerContact,
    handler: ({ actor, params, body }) => svc.createContact(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/customers/:id/contacts/:contactId',
    tags,
    permission: 'customer.manage',
    summary: 'Change a contact',
    params: CustomerContactParams,
    body: UpdateContactBody,
    response: CustomerContact,
    handler: ({ actor, params, body }) => svc.updateContact(db, actor, params.id, params.contactId, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/customers/:id/contacts/:contactId',
    tags,
    permission: 'customer.manage',
    summary: 'Remove a contact',
    params: CustomerContactParams,
    successStatus: 204,
    handler: ({ actor, params }) => svc.deleteContact(db, actor, params.id, params.contactId),
  });

  // Ownership
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/transfer',
    tags,
    permission: 'customer.manage',
    summary: 'Give the customer to another rep in your scope (leads and managers)',
    params: IdParams,
    body: TransferCustomerBody,
    response: CustomerDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.transferCustomer(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/release',
    tags,
    permission: 'customer.manage',
    summary: 'Put the customer back in the pool (公海): its owner, or their lead or manager',
    params: IdParams,
    body: ReleaseCustomerBody,
    response: CustomerDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.releaseCustomer(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/ownership-history',
    tags,
    permission: 'customer.read',
    summary: 'Every change of owner: created, claimed, returned to the pool, transferred, released',
    params: IdParams,
    response: z.array(OwnershipChange),
    handler: ({ actor, params }) => svc.listOwnershipHistory(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/timeline',
    tags,
    permission: 'customer.read',
    summary:
      'Everything that happened with the customer, newest first: follow-ups, owners, vetting, complaints, surveys',
    params: IdParams,
    query: TimelineQuery,
    response: CustomerTimeline,
    handler: ({ actor, params, query, locale }) =>
      getCustomerTimeline(db, actor, locale, params.id, query.limit),
  });

  // Follow-ups
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/follow-ups',
    tags,
    permission: 'customer.manage',
    summary: 'Record a visit, call, WeChat / WeCom message or meeting, with the next follow-up date',
    params: IdParams,
    body: CreateFollowUpBody,
    response: FollowUp,
    handler: ({ actor, params, body }) => createFollowUp(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/follow-ups',
    tags,
    permission: 'customer.read',
    summary: "A customer's follow-ups, newest first (sort happenedOn|createdAt)",
    params: IdParams,
    query: FollowUpListQuery,
    response: pageOf(FollowUp),
    handler: ({ actor, params, query }) => listFollowUps(db, actor, params.id, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/follow-ups/due',
    tags,
    permission: 'customer.read',
    summary:
      'Customers in your scope whose planned next follow-up is due on date (default today); overdue flagged',
    query: DueFollowUpQuery,
    response: pageOf(DueFollowUp),
    handler: ({ actor, query }) => listDueFollowUps(db, actor, query),
  });

  // The pool (公海) and the company's customer rules
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customer-pool',
    tags,
    permission: 'customer.claim',
    summary: 'Customers in the pool (公海): name, category, level, region, industry, since when',
    query: PoolListQuery,
    response: pageOf(PoolCustomer),
    handler: ({ actor, query }) => listPool(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customer-pool/:id/claim',
    tags,
    permission: 'customer.claim',
    summary: 'Claim a pool customer (within the per-rep cap; 409 if someone claimed it first)',
    params: IdParams,
    response: CustomerDetail,
    successStatus: 200,
    handler: ({ actor, params }) => claimCustomer(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customer-pool/run-return',
    tags,
    permission: 'customer.vet',
    summary: 'Return idle customers to the pool now (no follow-up and no order for poolReturnDays)',
    response: PoolReturnResult,
    successStatus: 200,
    handler: ({ actor }) => runPoolReturn(db, actor),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customer-settings',
    tags,
    permission: 'customer.read',
    summary:
      "The company's customer rules: levels, days before an idle customer returns to the pool, claim cap",
    response: CustomerSettings,
    handler: ({ actor }) => getCustomerSettings(db, actor),
  });
  route(app, db, {
    method: 'PUT',
    url: '/api/v1/customer-settings',
    tags,
    permission: 'customer.vet',
    summary: 'Change the customer rules (admin or a company-level executive; send the version you read)',
    body: UpdateCustomerSettingsBody,
    response: CustomerSettings,
    handler: ({ actor, body }) => updateCustomerSettings(db, actor, body),
  });

  // Vetting (新客户签约前的拜访及考核)
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/vettings',
    tags,
    permission: 'customer.manage',
    summary:
      'Submit the new-customer vetting: visit notes, credit assessment, credit limit (customer becomes pending)',
    params: IdParams,
    body: CreateVettingBody,
    response: Vetting,
    handler: ({ actor, params, body }) => requestVetting(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/vettings',
    tags,
    permission: 'customer.read',
    summary: 'Vettings on customers in your scope (status=pending: what waits for your decision)',
    query: VettingListQuery,
    response: pageOf(Vetting),
    handler: ({ actor, query }) => listVettings(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/vettings/:id',
    tags,
    permission: 'customer.read',
    summary: 'One vetting',
    params: IdParams,
    response: Vetting,
    handler: ({ actor, params }) => getVetting(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/vettings/:id/decide',
    tags,
    permission: 'customer.vet',
    summary: 'Approve or reject a pending vetting (not your own request)',
    params: IdParams,
    body: DecideVettingBody,
    response: Vetting,
    successStatus: 200,
    handler: ({ actor, params, body }) => decideVetting(db, actor, params.id, body),
  });
}
