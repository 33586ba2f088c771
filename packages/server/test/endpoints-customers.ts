import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { customers } from '../src/modules/customers/customers.table.ts';
import { idOf } from './demo-org.ts';
import { nextMobile, today } from './support.ts';
import {
  customerName,
  day,
  newCustomer,
  ok,
  requestVetting,
  shared,
  uniq,
  vettingBody,
  type Ctx,
  type CustomerRef,
  type EndpointCase,
} from './endpoints-shared.ts';

/**
 * Customers (客户档案, contacts, owners, the pool 公海, vetting) and service (客诉, 回访 / 满意度调查): the
 * endpoint table's cases for issue 3 items 1, 2 and 8.
 */

interface Ref {
  id: number;
  version: number;
}
interface CustomersWorld {
  contactA: Ref;
  contactB: Ref;
  otherContact: Ref;
  followUpA: Ref;
  poolCust: CustomerRef;
  /** In the other company's pool. */
  otherPoolCust: CustomerRef;
  complaintA: Ref;
  complaintB: Ref;
  otherComplaint: Ref;
  surveyA: Ref;
}
const w = {} as CustomersWorld;
/** The customer the pool-return case made idle. */
let idleCustomerId = 0;

const items = <T = { id: number }>(res: { json(): unknown }) => (res.json() as { items: T[] }).items;
const idsOf = (res: { json(): unknown }) => items(res).map((x) => x.id);

async function versionAs(c: Ctx, user: string, url: string): Promise<number> {
  return (await ok((await c.as(user)).get(url))).version;
}

async function newContact(c: Ctx, customer: CustomerRef): Promise<Ref> {
  return ok(
    (await c.as(customer.owner)).send('POST', `/api/v1/customers/${customer.id}/contacts`, {
      name: uniq('联系人'),
      role: '采购',
      mobile: nextMobile(),
    }),
  );
}

async function newComplaint(c: Ctx, customer: CustomerRef): Promise<Ref> {
  return ok(
    (await c.as(customer.owner)).send('POST', '/api/v1/complaints', {
      customerId: customer.id,
      severity: 'medium',
      title: uniq('包装破损'),
      description: '到货三箱外包装破损',
      receivedOn: today(),
    }),
  );
}

async function resolvedComplaint(c: Ctx, customer: CustomerRef): Promise<Ref> {
  const complaint = await newComplaint(c, customer);
  return ok(
    (await c.as(customer.owner)).send('POST', `/api/v1/complaints/${complaint.id}/resolve`, {
      resolution: '补发三箱',
      version: complaint.version,
    }),
  );
}

/** A customer put straight into the pool (公海) by a lead (reps may not). */
async function newPoolCustomer(c: Ctx, as = 'lead1'): Promise<CustomerRef> {
  const created = await ok<{ id: number; name: string; version: number }>(
    (await c.as(as)).send('POST', '/api/v1/customers', {
      name: customerName(),
      kind: 'company',
      category: 'dealer',
      mobile: nextMobile(),
      ownerEmployeeId: null,
    }),
  );
  return { ...created, owner: as };
}

export async function setupCustomers(c: Ctx): Promise<void> {
  const { custA, custB, otherCust } = shared;
  w.contactA = await newContact(c, custA);
  w.contactB = await newContact(c, custB);
  w.otherContact = await newContact(c, otherCust);
  w.followUpA = await ok(
    (await c.as('rep1')).send('POST', `/api/v1/customers/${custA.id}/follow-ups`, {
      kind: 'visit',
      happenedOn: day(-3),
      notes: '上门拜访，介绍新品',
      nextFollowUpOn: day(-1),
    }),
  );
  await ok(
    (await c.as('rep4')).send('POST', `/api/v1/customers/${custB.id}/follow-ups`, {
      kind: 'call',
      happenedOn: day(-3),
      notes: '电话沟通',
      nextFollowUpOn: day(-1),
    }),
  );
  w.poolCust = await newPoolCustomer(c);
  w.otherPoolCust = await newPoolCustomer(c, 'other1');
  w.complaintA = await newComplaint(c, custA);
  w.complaintB = await newComplaint(c, custB);
  w.otherComplaint = await newComplaint(c, otherCust);
  w.surveyA = await ok(
    (await c.as('rep1')).send('POST', `/api/v1/customers/${custA.id}/surveys`, {
      kind: 'return_visit',
      doneOn: day(-2),
      score: 4,
      comment: '交货准时',
    }),
  );
  await ok(
    (await c.as('rep4')).send('POST', `/api/v1/customers/${custB.id}/surveys`, {
      kind: 'satisfaction',
      score: 2,
    }),
  );
}

const csvBase64 = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}`, 'utf8').toString('base64');

export const CUSTOMER_CASES: Record<string, EndpointCase> = {
  // ---- customers -----------------------------------------------------------------------------
  'GET /api/v1/customers': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res, c) => {
      const ids = idsOf(res);
      expect(ids).toContain(shared.custA.id);
      expect(ids).not.toContain(shared.custB.id);
      expect(ids).not.toContain(w.poolCust.id);
      const owners = items<{ ownerEmployeeId: number }>(res).map((x) => x.ownerEmployeeId);
      expect(new Set(owners)).toEqual(new Set([idOf(c.ids.employee, 'rep1')]));
    },
    bad: [
      { input: () => ({ query: { kind: 'team' } }), path: 'query.kind' },
      {
        input: () => ({ query: { ownerEmployeeId: '2147483648' } }),
        path: 'query.ownerEmployeeId',
      },
    ],
  },
  'GET /api/v1/customers/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id } }),
    status: 200,
    check: (res) => {
      expect(res.json()).toMatchObject({
        name: shared.custA.name,
        ownerName: '赵磊',
        vettingStatus: 'approved',
      });
      expect(res.json().contacts.map((x: { id: number }) => x.id)).toContain(w.contactA.id);
    },
    bad: [
      { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
      {
        input: () => ({ params: { id: '2147483648' } }),
        path: 'params.id',
      },
    ],
    outside: [
      {
        as: 'rep1',
        why: "another team's customer (rep4)",
        input: () => ({ params: { id: shared.custB.id } }),
      },
      { as: 'lead1', why: 'a South customer (rep7)', input: () => ({ params: { id: shared.custS.id } }) },
      { as: 'rep1', why: 'a customer in the pool', input: () => ({ params: { id: w.poolCust.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },
  'POST /api/v1/customers': {
    as: 'rep1',
    valid: () => ({
      body: {
        name: customerName(),
        kind: 'company',
        category: 'dealer',
        region: '华东',
        mobile: nextMobile(),
        contacts: [{ name: '王经理', role: '决策人', mobile: nextMobile() }],
      },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({
        ownerName: '赵磊',
        vettingStatus: 'not_started',
        level: 'C',
        version: 1,
        contacts: [{ name: '王经理', isPrimary: true }],
      }),
    bad: [
      {
        input: () => ({
          body: { name: customerName(), kind: 'company', category: 'dealer', mobile: '12345' },
        }),
        path: 'body.mobile',
      },
      {
        input: () => ({ body: { name: '端点\u0000公司', kind: 'company', category: 'dealer' } }),
        path: 'body.name',
      },
    ],
  },
  'PATCH /api/v1/customers/:id': {
    as: 'rep1',
    valid: async (c) => {
      const customer = await newCustomer(c);
      return { params: { id: customer.id }, body: { region: '华东', level: 'A', version: customer.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ region: '华东', level: 'A', version: 2 }),
    bad: {
      input: () => ({ params: { id: shared.custA.id }, body: { version: 'one' } }),
      path: 'body.version',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: async (c) => ({
          params: { id: shared.custB.id },
          body: { note: '越权', version: await versionAs(c, 'rep4', `/api/v1/customers/${shared.custB.id}`) },
        }),
      },
      {
        as: 'scoped1',
        why: 'an East customer, outside a South unit-scoped manager',
        input: async (c) => ({
          params: { id: shared.custA.id },
          body: { note: '越权', version: await versionAs(c, 'rep1', `/api/v1/customers/${shared.custA.id}`) },
        }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id }, body: { note: '越权', version: 1 } }),
      },
    ],
  },
  'POST /api/v1/customers/check-duplicates': {
    as: 'rep1',
    valid: () => ({ body: { name: shared.custB.name } }),
    status: 200,
    // Another team's customer: its existence is told, not which customer nor whose.
    check: (res) =>
      expect(res.json().duplicates).toEqual([
        expect.objectContaining({
          field: 'name',
          status: 'owned_by_other',
          customerId: null,
          ownerName: null,
        }),
      ]),
    bad: { input: () => ({ body: { mobiles: ['12345'] } }), path: 'body.mobiles.0' },
  },
  'POST /api/v1/customers/import': {
    as: 'rep1',
    valid: () => ({
      body: {
        fileName: 'customers.csv',
        contentBase64: csvBase64([
          ['名称', '类型', '类别', '手机'],
          [customerName(), '公司', '经销商', nextMobile()],
        ]),
      },
    }),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ committed: true, total: 1, imported: 1, invalid: 0 }),
    bad: { input: () => ({ body: { fileName: '', contentBase64: 'eA==' } }), path: 'body.fileName' },
  },

  // ---- contacts ------------------------------------------------------------------------------
  'GET /api/v1/customers/:id/contacts': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id } }),
    status: 200,
    check: (res) => expect(res.json().map((x: { id: number }) => x.id)).toContain(w.contactA.id),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's customer", input: () => ({ params: { id: shared.custB.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },
  'POST /api/v1/customers/:id/contacts': {
    as: 'rep1',
    valid: () => ({
      params: { id: shared.custA.id },
      body: { name: '李会计', role: '财务', mobile: nextMobile(), wechat: 'li-kuaiji' },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ customerId: shared.custA.id, role: '财务', isPrimary: false }),
    bad: {
      input: () => ({ params: { id: shared.custA.id }, body: { name: '李会计', mobile: '110' } }),
      path: 'body.mobile',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: () => ({ params: { id: shared.custB.id }, body: { name: '越权' } }),
      },
      {
        as: 'scoped1',
        why: 'an East customer, outside a South unit-scoped manager',
        input: () => ({ params: { id: shared.custA.id }, body: { name: '越权' } }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id }, body: { name: '越权' } }),
      },
    ],
  },
  'PATCH /api/v1/customers/:id/contacts/:contactId': {
    as: 'rep1',
    valid: async (c) => {
      const contact = await newContact(c, shared.custA);
      return {
        params: { id: shared.custA.id, contactId: contact.id },
        body: { role: '决策人', isPrimary: true },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ role: '决策人', isPrimary: true }),
    bad: {
      input: () => ({ params: { id: shared.custA.id, contactId: 'x' }, body: { role: '决策人' } }),
      path: 'params.contactId',
    },
    outside: [
      {
        as: 'rep1',
        why: "a contact of another team's customer",
        input: () => ({ params: { id: shared.custB.id, contactId: w.contactB.id }, body: { role: '越权' } }),
      },
      {
        as: 'rep1',
        why: "another team's contact, asked for under the caller's own customer",
        input: () => ({ params: { id: shared.custA.id, contactId: w.contactB.id }, body: { role: '越权' } }),
      },
      {
        as: 'admin',
        why: "another company's contact",
        input: () => ({
          params: { id: shared.otherCust.id, contactId: w.otherContact.id },
          body: { role: '越权' },
        }),
      },
    ],
  },
  'DELETE /api/v1/customers/:id/contacts/:contactId': {
    as: 'rep1',
    valid: async (c) => {
      const contact = await newContact(c, shared.custA);
      return { params: { id: shared.custA.id, contactId: contact.id } };
    },
    status: 204,
    check: async (_res, c, input) => {
      const left = await ok<{ id: number }[]>(
        (await c.as('rep1')).get(`/api/v1/customers/${shared.custA.id}/contacts`),
      );
      expect(left.map((x) => x.id)).not.toContain(input.params!.contactId);
    },
    bad: { input: () => ({ params: { id: 'x', contactId: 1 } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: "a contact of another team's customer",
        input: () => ({ params: { id: shared.custB.id, contactId: w.contactB.id } }),
      },
      {
        as: 'rep1',
        why: "another team's contact, asked for under the caller's own customer",
        input: () => ({ params: { id: shared.custA.id, contactId: w.contactB.id } }),
      },
      {
        as: 'admin',
        why: "another company's contact",
        input: () => ({ params: { id: shared.otherCust.id, contactId: w.otherContact.id } }),
      },
    ],
  },

  // ---- owners and history ----------------------------------------------------------------------
  'POST /api/v1/customers/:id/transfer': {
    as: 'lead1',
    valid: async (c) => {
      const customer = await newCustomer(c);
      return {
        params: { id: customer.id },
        body: { toEmployeeId: idOf(c.ids.employee, 'rep2'), version: customer.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ ownerName: '黄丽', version: 2 }),
    bad: {
      input: () => ({ params: { id: shared.custA.id }, body: { toEmployeeId: 'rep2', version: 1 } }),
      path: 'body.toEmployeeId',
    },
    outside: [
      {
        as: 'lead1',
        why: 'a South customer',
        input: async (c) => ({
          params: { id: shared.custS.id },
          body: {
            toEmployeeId: idOf(c.ids.employee, 'rep2'),
            version: await versionAs(c, 'rep7', `/api/v1/customers/${shared.custS.id}`),
          },
        }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: (c) => ({
          params: { id: shared.otherCust.id },
          body: { toEmployeeId: idOf(c.ids.employee, 'rep2'), version: 1 },
        }),
      },
    ],
  },
  'POST /api/v1/customers/:id/release': {
    as: 'rep1',
    valid: async (c) => {
      const customer = await newCustomer(c);
      return { params: { id: customer.id }, body: { version: customer.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ ownerEmployeeId: null, version: 2 }),
    bad: { input: () => ({ params: { id: shared.custA.id }, body: { version: 0 } }), path: 'body.version' },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: async (c) => {
          const customer = await newCustomer(c, 'rep4');
          return { params: { id: customer.id }, body: { version: customer.version } };
        },
      },
      {
        as: 'scoped1',
        why: 'an East customer, outside a South unit-scoped manager',
        input: async (c) => {
          const customer = await newCustomer(c);
          return { params: { id: customer.id }, body: { version: customer.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id }, body: { version: 1 } }),
      },
    ],
  },
  'GET /api/v1/customers/:id/ownership-history': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject([{ reason: 'create', toName: '赵磊', byUsername: 'rep1' }]),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's customer", input: () => ({ params: { id: shared.custB.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },
  'GET /api/v1/customers/:id/timeline': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id }, query: { limit: '50' } }),
    status: 200,
    check: (res) => {
      expect(res.json().customerId).toBe(shared.custA.id);
      const kinds = res.json().items.map((x: { kind: string }) => x.kind);
      expect(kinds.length).toBeGreaterThan(0);
      expect(res.json().items.map((x: { refId: number }) => x.refId)).toContain(w.followUpA.id);
    },
    bad: { input: () => ({ params: { id: shared.custA.id }, query: { limit: '0' } }), path: 'query.limit' },
    outside: [
      { as: 'rep1', why: "another team's customer", input: () => ({ params: { id: shared.custB.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },

  // ---- follow-ups ----------------------------------------------------------------------------
  'POST /api/v1/customers/:id/follow-ups': {
    as: 'rep1',
    valid: async (c) => ({
      params: { id: (await newCustomer(c)).id },
      body: { kind: 'wecom', happenedOn: today(), notes: '企业微信沟通报价', nextFollowUpOn: day(7) },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({ employeeName: '赵磊', kind: 'wecom', nextFollowUpOn: day(7) }),
    bad: {
      input: () => ({
        params: { id: shared.custA.id },
        body: { kind: 'letter', happenedOn: today(), notes: 'x' },
      }),
      path: 'body.kind',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: () => ({
          params: { id: shared.custB.id },
          body: { kind: 'call', happenedOn: today(), notes: '越权' },
        }),
      },
      {
        as: 'scoped1',
        why: 'an East customer, outside a South unit-scoped manager',
        input: () => ({
          params: { id: shared.custA.id },
          body: { kind: 'call', happenedOn: today(), notes: '越权' },
        }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({
          params: { id: shared.otherCust.id },
          body: { kind: 'call', happenedOn: today(), notes: '越权' },
        }),
      },
    ],
  },
  'GET /api/v1/customers/:id/follow-ups': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id }, query: { order: 'desc' } }),
    status: 200,
    check: (res) => expect(idsOf(res)).toContain(w.followUpA.id),
    bad: { input: () => ({ params: { id: shared.custA.id }, query: { order: 'up' } }), path: 'query.order' },
    outside: [
      { as: 'rep1', why: "another team's customer", input: () => ({ params: { id: shared.custB.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },
  'GET /api/v1/follow-ups/due': {
    as: 'rep1',
    valid: () => ({ query: { date: today(), pageSize: '200' } }),
    status: 200,
    check: (res) => {
      const due = items<{ id: number; overdue: boolean; ownerName: string }>(res);
      expect(due.find((x) => x.id === shared.custA.id)).toMatchObject({ overdue: true, ownerName: '赵磊' });
      expect(due.map((x) => x.id)).not.toContain(shared.custB.id);
    },
    bad: { input: () => ({ query: { date: 'tomorrow' } }), path: 'query.date' },
  },

  // ---- the pool and the rules ----------------------------------------------------------------
  'GET /api/v1/customer-pool': {
    as: 'rep1',
    valid: () => ({ query: { q: w.poolCust.name } }),
    status: 200,
    check: (res) => expect(idsOf(res)).toEqual([w.poolCust.id]),
    bad: { input: () => ({ query: { category: 'wholesaler' } }), path: 'query.category' },
  },
  'POST /api/v1/customer-pool/:id/claim': {
    as: 'rep3',
    valid: async (c) => ({ params: { id: (await newPoolCustomer(c)).id } }),
    status: 200,
    check: (res, c) =>
      expect(res.json()).toMatchObject({ ownerEmployeeId: idOf(c.ids.employee, 'rep3'), ownerName: '吴昊' }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep3',
        why: "a customer in another company's pool",
        input: () => ({ params: { id: w.otherPoolCust.id } }),
      },
    ],
  },
  'POST /api/v1/customer-pool/run-return': {
    as: 'vp',
    valid: async (c) => {
      // A customer nobody has followed up for longer than the company's 30 days.
      const idle = await newCustomer(c, 'rep2');
      await c.db
        .update(customers)
        .set({ lastActivityOn: day(-45) })
        .where(eq(customers.id, idle.id));
      idleCustomerId = idle.id;
      return {};
    },
    status: 200,
    check: async (res, c) => {
      const idle = idleCustomerId;
      expect(res.json()).toMatchObject({ cutoff: day(-30) });
      expect(res.json().customerIds).toContain(idle);
      expect(res.json().customerIds).not.toContain(shared.custA.id);
      const [row] = await c.db.select().from(customers).where(eq(customers.id, idle));
      expect(row!.ownerEmployeeId).toBeNull();
    },
  },
  'GET /api/v1/customer-settings': {
    as: 'rep1',
    valid: () => ({}),
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ levels: ['A', 'B', 'C'], poolReturnDays: 30 }),
  },
  'PUT /api/v1/customer-settings': {
    as: 'vp',
    valid: async (c) => ({
      body: {
        levels: ['A', 'B', 'C'],
        poolReturnDays: 30,
        claimCapPerRep: 60,
        version: await versionAs(c, 'vp', '/api/v1/customer-settings'),
      },
    }),
    status: 200,
    check: (res, _c, input) =>
      expect(res.json()).toMatchObject({
        claimCapPerRep: 60,
        version: (input.body as { version: number }).version + 1,
      }),
    bad: {
      input: () => ({ body: { levels: [], poolReturnDays: 30, claimCapPerRep: 50, version: 1 } }),
      path: 'body.levels',
    },
  },

  // ---- vetting -------------------------------------------------------------------------------
  'POST /api/v1/customers/:id/vettings': {
    as: 'rep1',
    valid: async (c) => ({ params: { id: (await newCustomer(c)).id }, body: vettingBody() }),
    status: 201,
    check: (res) => expect(res.json()).toMatchObject({ status: 'pending', requestedByUsername: 'rep1' }),
    bad: {
      input: () => ({ params: { id: shared.custA.id }, body: { ...vettingBody(), visitNotes: '' } }),
      path: 'body.visitNotes',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's new customer",
        input: async (c) => ({ params: { id: (await newCustomer(c, 'rep4')).id }, body: vettingBody() }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: async (c) => ({ params: { id: (await newCustomer(c, 'other1')).id }, body: vettingBody() }),
      },
    ],
  },
  'GET /api/v1/vettings': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res) => {
      expect(idsOf(res)).toContain(shared.custA.vettingId);
      expect(idsOf(res)).not.toContain(shared.custB.vettingId);
    },
    bad: { input: () => ({ query: { status: 'waiting' } }), path: 'query.status' },
  },
  'GET /api/v1/vettings/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.vettingId! } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        customerId: shared.custA.id,
        status: 'approved',
        decidedByUsername: 'manager1',
      }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      {
        as: 'rep1',
        why: "another team's vetting",
        input: () => ({ params: { id: shared.custB.vettingId! } }),
      },
      { as: 'lead1', why: 'a South vetting', input: () => ({ params: { id: shared.custS.vettingId! } }) },
      {
        as: 'admin',
        why: "another company's vetting",
        input: () => ({ params: { id: shared.otherCust.vettingId! } }),
      },
    ],
  },
  'POST /api/v1/vettings/:id/decide': {
    as: 'manager1',
    valid: async (c) => {
      const vetting = await requestVetting(c, await newCustomer(c));
      return {
        params: { id: vetting.id },
        body: { decision: 'approve', note: '同意', version: vetting.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'approved', decidedByUsername: 'manager1' }),
    bad: {
      input: () => ({ params: { id: shared.custA.vettingId! }, body: { decision: 'maybe', version: 1 } }),
      path: 'body.decision',
    },
    outside: [
      {
        as: 'manager2',
        why: 'an East vetting, for the South manager',
        input: async (c) => {
          const vetting = await requestVetting(c, await newCustomer(c));
          return { params: { id: vetting.id }, body: { decision: 'approve', version: vetting.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's vetting",
        input: async (c) => {
          const vetting = await requestVetting(c, await newCustomer(c, 'other1'));
          return { params: { id: vetting.id }, body: { decision: 'approve', version: vetting.version } };
        },
      },
    ],
  },

  // ---- complaints (客诉) ----------------------------------------------------------------------
  'GET /api/v1/complaints': {
    as: 'rep1',
    valid: () => ({ query: { pageSize: '200' } }),
    status: 200,
    check: (res) => {
      expect(idsOf(res)).toContain(w.complaintA.id);
      expect(idsOf(res)).not.toContain(w.complaintB.id);
    },
    bad: { input: () => ({ query: { severity: 'urgent' } }), path: 'query.severity' },
  },
  'GET /api/v1/complaints/:id': {
    as: 'rep1',
    valid: () => ({ params: { id: w.complaintA.id } }),
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ customerId: shared.custA.id, status: 'open', ownerName: '赵磊' }),
    bad: { input: () => ({ params: { id: 'x' } }), path: 'params.id' },
    outside: [
      { as: 'rep1', why: "another team's complaint", input: () => ({ params: { id: w.complaintB.id } }) },
      {
        as: 'admin',
        why: "another company's complaint",
        input: () => ({ params: { id: w.otherComplaint.id } }),
      },
    ],
  },
  'POST /api/v1/complaints': {
    as: 'rep1',
    valid: () => ({
      body: {
        customerId: shared.custA.id,
        severity: 'high',
        title: '送货延误',
        description: '承诺周一到货，周三才到',
        receivedOn: today(),
      },
    }),
    status: 201,
    // High severity: three days to resolve.
    check: (res) =>
      expect(res.json()).toMatchObject({ status: 'open', ownerName: '赵磊', deadlineOn: day(3) }),
    bad: [
      {
        input: () => ({
          body: {
            customerId: shared.custA.id,
            severity: 'urgent',
            title: 'x',
            description: 'x',
            receivedOn: today(),
          },
        }),
        path: 'body.severity',
      },
      {
        input: () => ({
          body: {
            customerId: 2_147_483_648,
            severity: 'low',
            title: 'x',
            description: 'x',
            receivedOn: today(),
          },
        }),
        path: 'body.customerId',
      },
    ],
  },
  'PATCH /api/v1/complaints/:id': {
    as: 'rep1',
    valid: async (c) => {
      const complaint = await newComplaint(c, shared.custA);
      return { params: { id: complaint.id }, body: { severity: 'critical', version: complaint.version } };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ severity: 'critical', version: 2 }),
    bad: { input: () => ({ params: { id: w.complaintA.id }, body: { version: 'x' } }), path: 'body.version' },
    outside: [
      {
        as: 'rep1',
        why: "another team's complaint",
        input: () => ({
          params: { id: w.complaintB.id },
          body: { title: '越权', version: w.complaintB.version },
        }),
      },
      {
        as: 'scoped1',
        why: 'an East complaint, outside a South unit-scoped manager',
        input: () => ({
          params: { id: w.complaintA.id },
          body: { title: '越权', version: w.complaintA.version },
        }),
      },
      {
        as: 'admin',
        why: "another company's complaint",
        input: () => ({
          params: { id: w.otherComplaint.id },
          body: { title: '越权', version: w.otherComplaint.version },
        }),
      },
    ],
  },
  'POST /api/v1/complaints/:id/steps': {
    as: 'rep1',
    valid: async (c) => {
      const complaint = await newComplaint(c, shared.custA);
      return { params: { id: complaint.id }, body: { text: '已致电客户道歉', version: complaint.version } };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({
        status: 'in_progress',
        steps: [{ text: '已致电客户道歉', on: today() }],
      }),
    bad: {
      input: () => ({ params: { id: w.complaintA.id }, body: { text: '', version: 1 } }),
      path: 'body.text',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's complaint",
        input: () => ({
          params: { id: w.complaintB.id },
          body: { text: '越权', version: w.complaintB.version },
        }),
      },
      {
        as: 'admin',
        why: "another company's complaint",
        input: () => ({
          params: { id: w.otherComplaint.id },
          body: { text: '越权', version: w.otherComplaint.version },
        }),
      },
    ],
  },
  'POST /api/v1/complaints/:id/resolve': {
    as: 'rep1',
    valid: async (c) => {
      const complaint = await newComplaint(c, shared.custA);
      return {
        params: { id: complaint.id },
        body: { resolution: '补发并赔偿运费', satisfaction: 4, version: complaint.version },
      };
    },
    status: 200,
    check: (res) => expect(res.json()).toMatchObject({ status: 'resolved', satisfaction: 4 }),
    bad: {
      input: () => ({
        params: { id: w.complaintA.id },
        body: { resolution: 'x', satisfaction: 6, version: 1 },
      }),
      path: 'body.satisfaction',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's complaint",
        input: () => ({
          params: { id: w.complaintB.id },
          body: { resolution: '越权', version: w.complaintB.version },
        }),
      },
      {
        as: 'admin',
        why: "another company's complaint",
        input: () => ({
          params: { id: w.otherComplaint.id },
          body: { resolution: '越权', version: w.otherComplaint.version },
        }),
      },
    ],
  },
  'POST /api/v1/complaints/:id/close': {
    as: 'rep1',
    valid: async (c) => {
      const complaint = await resolvedComplaint(c, shared.custA);
      return { params: { id: complaint.id }, body: { satisfaction: 5, version: complaint.version } };
    },
    status: 200,
    check: (res) =>
      expect(res.json()).toMatchObject({ status: 'closed', closedOn: today(), satisfaction: 5 }),
    bad: { input: () => ({ params: { id: w.complaintA.id }, body: { version: -1 } }), path: 'body.version' },
    outside: [
      {
        as: 'rep1',
        why: "another team's resolved complaint",
        input: async (c) => {
          const complaint = await resolvedComplaint(c, shared.custB);
          return { params: { id: complaint.id }, body: { version: complaint.version } };
        },
      },
      {
        as: 'admin',
        why: "another company's resolved complaint",
        input: async (c) => {
          const complaint = await resolvedComplaint(c, shared.otherCust);
          return { params: { id: complaint.id }, body: { version: complaint.version } };
        },
      },
    ],
  },

  // ---- surveys (回访 / 满意度调查) --------------------------------------------------------------
  'POST /api/v1/customers/:id/surveys': {
    as: 'rep1',
    valid: () => ({
      params: { id: shared.custA.id },
      body: { kind: 'satisfaction', score: 5, comment: '服务满意' },
    }),
    status: 201,
    check: (res) =>
      expect(res.json()).toMatchObject({
        customerId: shared.custA.id,
        employeeName: '赵磊',
        doneOn: today(),
      }),
    bad: {
      input: () => ({ params: { id: shared.custA.id }, body: { kind: 'satisfaction', score: 6 } }),
      path: 'body.score',
    },
    outside: [
      {
        as: 'rep1',
        why: "another team's customer",
        input: () => ({ params: { id: shared.custB.id }, body: { kind: 'satisfaction', score: 1 } }),
      },
      {
        as: 'scoped1',
        why: 'an East customer, outside a South unit-scoped manager',
        input: () => ({ params: { id: shared.custA.id }, body: { kind: 'satisfaction', score: 1 } }),
      },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id }, body: { kind: 'satisfaction', score: 1 } }),
      },
    ],
  },
  'GET /api/v1/customers/:id/surveys': {
    as: 'rep1',
    valid: () => ({ params: { id: shared.custA.id }, query: { sort: 'doneOn', order: 'desc' } }),
    status: 200,
    check: (res) => expect(idsOf(res)).toContain(w.surveyA.id),
    bad: { input: () => ({ params: { id: shared.custA.id }, query: { order: 'up' } }), path: 'query.order' },
    outside: [
      { as: 'rep1', why: "another team's customer", input: () => ({ params: { id: shared.custB.id } }) },
      {
        as: 'admin',
        why: "another company's customer",
        input: () => ({ params: { id: shared.otherCust.id } }),
      },
    ],
  },
  'GET /api/v1/surveys/summary': {
    as: 'rep1',
    valid: () => ({ query: { from: day(-30), to: today() } }),
    status: 200,
    check: (res, c) => {
      const owners = res.json().items.map((x: { ownerEmployeeId: number }) => x.ownerEmployeeId);
      expect(owners).toEqual([idOf(c.ids.employee, 'rep1')]);
      expect(res.json().count).toBeGreaterThan(0);
    },
    bad: { input: () => ({ query: { from: 'last month', to: today() } }), path: 'query.from' },
  },
};
