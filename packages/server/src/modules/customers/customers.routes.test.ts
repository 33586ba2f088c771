import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { CustomerDetail, CustomerDuplicate, OwnershipChange } from '@zuzhang/api-schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { expectError, nextMobile, readAllPages, signInAll, today } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { buildCreditCode, buildCustomer, uniqueCustomerName } from './test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let lead1: Session;
let lead2: Session;
let rep1: Session;
let rep4: Session;
let manager2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, lead1, lead2, rep1, rep4, manager2] = await signInAll(t.app, [
    'vp',
    'lead1',
    'lead2',
    'rep1',
    'rep4',
    'manager2',
  ] as const);
});
afterAll(() => t.close());

const anonymous = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });

describe('create', () => {
  it('defaults: the caller owns it, the lowest level, activity today, logged and audited', async () => {
    const c = await buildCustomer(rep1, {
      region: '华东',
      industry: '印刷',
      contacts: [
        { name: '采购 王', role: '采购', mobile: nextMobile() },
        { name: '财务 李', role: '财务' },
      ],
    });
    expect(c).toMatchObject({
      ownerEmployeeId: idOf(ids.employee, 'rep1'),
      ownerName: '赵磊',
      level: 'C',
      source: 'visit',
      vettingStatus: 'not_started',
      lastActivityOn: today(),
      pooledAt: null,
      version: 1,
      referralCount: 0,
    });
    // The first contact is the primary one when none is marked.
    expect(c.contacts.map((x) => [x.name, x.isPrimary])).toEqual([
      ['采购 王', true],
      ['财务 李', false],
    ]);
    const history = (await rep1.get(`/api/v1/customers/${c.id}/ownership-history`)).json<OwnershipChange[]>();
    expect(history).toMatchObject([
      { reason: 'create', fromEmployeeId: null, toName: '赵磊', byUsername: 'rep1' },
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'customer'), eq(auditLog.entityId, String(c.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'rep1' });
  });

  it('takes the primary contact mobile as the customer mobile when none is given', async () => {
    const mobile = nextMobile();
    const c = await buildCustomer(rep1, {
      mobile: null,
      kind: 'person',
      contacts: [{ name: '本人', mobile, isPrimary: true }],
    });
    expect(c.mobile).toBe(mobile);
  });

  it('401 without sign-in', async () => {
    const res = await anonymous('POST', '/api/v1/customers', {
      name: 'x',
      kind: 'company',
      category: 'dealer',
    });
    expectError(res, 401, 'unauthenticated');
  });

  it.each([
    [{ mobile: '12345678901' }, 'body.mobile'],
    [{ category: 'wholesaler' }, 'body.category'],
    [{ kind: 'team' }, 'body.kind'],
    [{ name: '' }, 'body.name'],
    [{ colour: 'red' }, 'body.colour'],
    [{ level: 'S' }, 'body.level'],
    [{ contacts: [{ name: '甲', mobile: '110' }] }, 'body.contacts.0.mobile'],
    [
      {
        contacts: [
          { name: '甲', isPrimary: true },
          { name: '乙', isPrimary: true },
        ],
      },
      'body.contacts.1.isPrimary',
    ],
    [{ source: 'referral' }, 'body.referrerCustomerId'],
    [{ referrerCustomerId: 999999 }, 'body.referrerCustomerId'],
  ])('400 for %j naming %s', async (override, path) => {
    const res = await rep1.send('POST', '/api/v1/customers', {
      name: uniqueCustomerName(),
      kind: 'company',
      category: 'end_customer',
      ...override,
    });
    expectError(res, 400, 'validation', path);
  });

  describe('统一社会信用代码', () => {
    it.each([
      ['9131000MA1FL8XQ37', '18'],
      ['91310000MA1FL8XQ3I', '18 位'],
      ['B1310000MA1FL8XQ37', '第 1 位'],
      ['9A310000MA1FL8XQ37', '第 2 位'],
      ['91A10000MA1FL8XQ37', '第 3–8 位'],
    ])('a malformed code %s is refused (%s)', async (creditCode, hint) => {
      const res = await rep1.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName(),
        kind: 'company',
        category: 'dealer',
        creditCode,
        creditCodeOverride: '营业执照如此',
      });
      const error = expectError(res, 400, 'validation', 'body.creditCode');
      expect(error.details[0]!.message).toContain(hint.startsWith('第') ? hint : '统一社会信用代码');
    });

    it('a wrong check character is refused with the expected one, and accepted with a reason', async () => {
      const valid = buildCreditCode();
      const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const body = { name: uniqueCustomerName(), kind: 'company', category: 'dealer', creditCode: wrong };
      const refused = await rep1.send('POST', '/api/v1/customers', body);
      const error = expectError(refused, 400, 'validation', 'body.creditCode');
      expect(error.details[0]!.message).toContain(`“${valid[17]}”`);
      const accepted = await rep1.send('POST', '/api/v1/customers', {
        ...body,
        creditCodeOverride: '执照原件如此，已核对',
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
      expect(accepted.json()).toMatchObject({
        creditCode: wrong,
        creditCodeOverride: '执照原件如此，已核对',
      });
    });

    it('a valid code typed with spaces and in lower case is stored normalized, without an override', async () => {
      const code = buildCreditCode();
      const c = await buildCustomer(rep1, {
        creditCode: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} `,
        creditCodeOverride: '不需要',
      });
      expect(c).toMatchObject({ creditCode: code, creditCodeOverride: null });
    });
  });

  describe('owner', () => {
    it('a rep cannot give a new customer to a colleague', async () => {
      const res = await rep1.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName(),
        kind: 'company',
        category: 'dealer',
        ownerEmployeeId: idOf(ids.employee, 'rep2'),
      });
      expectError(res, 400, 'validation', 'body.ownerEmployeeId');
    });

    it('a lead assigns a rep of the team, not one outside the scope', async () => {
      const c = await buildCustomer(lead2, { ownerEmployeeId: idOf(ids.employee, 'rep5') });
      expect(c.ownerName).toBe('胡敏');
      const res = await lead2.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName(),
        kind: 'company',
        category: 'dealer',
        ownerEmployeeId: idOf(ids.employee, 'rep1'),
      });
      expectError(res, 400, 'validation', 'body.ownerEmployeeId');
    });

    it('an executive can put a new customer straight into the pool', async () => {
      const c = await buildCustomer(vp, { ownerEmployeeId: null });
      expect(c.ownerEmployeeId).toBeNull();
      expect(c.pooledAt).not.toBeNull();
    });
  });

  it('referral (转介绍): the referrer is named and counts the customers it referred', async () => {
    const referrer = await buildCustomer(rep1);
    const a = await buildCustomer(rep1, { source: 'referral', referrerCustomerId: referrer.id });
    await buildCustomer(rep1, { source: 'referral', referrerCustomerId: referrer.id });
    expect(a).toMatchObject({ referrerCustomerId: referrer.id, referrerName: referrer.name });
    const detail = (await rep1.get(`/api/v1/customers/${referrer.id}`)).json<CustomerDetail>();
    expect(detail.referralCount).toBe(2);
    const list = (await rep1.get(`/api/v1/customers?referrerCustomerId=${referrer.id}`)).json();
    expect(list.total).toBe(2);
    // A referrer outside the caller's scope is not offered.
    const res = await rep4.send('POST', '/api/v1/customers', {
      name: uniqueCustomerName(),
      kind: 'company',
      category: 'dealer',
      source: 'referral',
      referrerCustomerId: referrer.id,
    });
    expectError(res, 400, 'validation', 'body.referrerCustomerId');
  });
});

describe('duplicates', () => {
  it('same name written differently, visible: names the customer and its owner', async () => {
    const c = await buildCustomer(rep1, { name: '上海星辰贸易有限公司' });
    const res = await rep1.send('POST', '/api/v1/customers', {
      name: ' 上海 星辰贸易 ',
      kind: 'company',
      category: 'dealer',
    });
    const error = expectError(res, 409, 'conflict', 'body.name');
    expect(error.details[0]!.message).toContain(c.name);
    expect(error.details[0]!.message).toContain('赵磊');
  });

  it("another team's customer: says it exists, but not which nor whose", async () => {
    const theirs = await buildCustomer(rep4, { name: '深圳海岸电子有限公司' });
    const res = await rep1.send('POST', '/api/v1/customers', {
      name: '深圳海岸电子',
      kind: 'company',
      category: 'dealer',
      contacts: [{ name: '甲', mobile: theirs.mobile }],
    });
    const error = expectError(res, 409, 'conflict', 'body.contacts.0.mobile');
    expect(error.details.map((d) => d.path).sort()).toEqual(['body.contacts.0.mobile', 'body.name']);
    for (const d of error.details) {
      expect(d.message).not.toContain('深圳海岸电子有限公司');
      expect(d.message).not.toContain('徐强');
    }
  });

  it('same credit code → 409 naming body.creditCode; a contact mobile matches the customer mobile too', async () => {
    const code = buildCreditCode();
    const c = await buildCustomer(rep1, { creditCode: code });
    expectError(
      await rep1.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName(),
        kind: 'company',
        category: 'dealer',
        creditCode: code,
      }),
      409,
      'conflict',
      'body.creditCode',
    );
    expectError(
      await rep1.send('POST', '/api/v1/customers', {
        name: uniqueCustomerName(),
        kind: 'person',
        category: 'end_customer',
        mobile: c.mobile,
      }),
      409,
      'conflict',
      'body.mobile',
    );
  });

  it('check-duplicates tells visible, owned by someone else and in the pool apart', async () => {
    const mine = await buildCustomer(rep1);
    const theirs = await buildCustomer(rep4);
    const pooled = await buildCustomer(vp, { ownerEmployeeId: null });
    const res = await rep1.send('POST', '/api/v1/customers/check-duplicates', {
      name: pooled.name,
      mobiles: [mine.mobile, theirs.mobile],
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json<{ duplicates: CustomerDuplicate[] }>().duplicates;
    expect(found).toEqual(
      expect.arrayContaining([
        {
          field: 'mobile',
          value: mine.mobile,
          status: 'visible',
          customerId: mine.id,
          customerName: mine.name,
          ownerName: '赵磊',
        },
        {
          field: 'mobile',
          value: theirs.mobile,
          status: 'owned_by_other',
          customerId: null,
          customerName: null,
          ownerName: null,
        },
        {
          field: 'name',
          value: pooled.name,
          status: 'in_pool',
          customerId: pooled.id,
          customerName: pooled.name,
          ownerName: null,
        },
      ]),
    );
    expect(found).toHaveLength(3);
    // The customer itself is not its own duplicate when editing.
    const self = await rep1.send('POST', '/api/v1/customers/check-duplicates', {
      mobiles: [mine.mobile],
      excludeCustomerId: mine.id,
    });
    expect(self.json().duplicates).toEqual([]);
  });

  it('check-duplicates: 401 and 400', async () => {
    expectError(await anonymous('POST', '/api/v1/customers/check-duplicates', {}), 401, 'unauthenticated');
    expectError(
      await rep1.send('POST', '/api/v1/customers/check-duplicates', { mobiles: ['123'] }),
      400,
      'validation',
      'body.mobiles.0',
    );
  });
});

describe('list and detail', () => {
  it('searches by name, mobile, credit code and contact mobile; filters; sorts; pages', async () => {
    const code = buildCreditCode();
    const contactMobile = nextMobile();
    const a = await buildCustomer(rep1, { name: '检索A机械有限公司', category: 'dealer', level: 'A' });
    const b = await buildCustomer(rep1, { name: '检索B机械有限公司', creditCode: code, level: 'B' });
    const c = await buildCustomer(rep1, {
      name: '检索C机械有限公司',
      kind: 'person',
      contacts: [{ name: '丙', mobile: contactMobile }],
    });
    const names = async (query: string) =>
      (await rep1.get(`/api/v1/customers?${query}`))
        .json<{ items: { id: number }[] }>()
        .items.map((i) => i.id);
    expect(await names(`q=${encodeURIComponent('检索')}&sort=name`)).toEqual([a.id, b.id, c.id]);
    expect(await names(`q=${a.mobile}`)).toEqual([a.id]);
    expect(await names(`q=${code.toLowerCase()}`)).toEqual([b.id]);
    expect(await names(`q=${contactMobile.slice(3)}`)).toEqual([c.id]);
    expect(await names(`q=${encodeURIComponent('检索')}&category=dealer`)).toEqual([a.id]);
    expect(await names(`q=${encodeURIComponent('检索')}&kind=person`)).toEqual([c.id]);
    expect(await names(`q=${encodeURIComponent('检索')}&sort=level&order=desc`)).toEqual([c.id, b.id, a.id]);
    const all = await readAllPages(rep1, '/api/v1/customers?sort=createdAt', 2);
    expect(all.total).toBeGreaterThanOrEqual(3);
  });

  it('400 for an unknown sort or filter value, 401 without sign-in', async () => {
    expectError(await rep1.get('/api/v1/customers?sort=mobile'), 400, 'validation', 'query.sort');
    expectError(
      await rep1.get('/api/v1/customers?vettingStatus=maybe'),
      400,
      'validation',
      'query.vettingStatus',
    );
    expectError(await anonymous('GET', '/api/v1/customers'), 401, 'unauthenticated');
  });

  it("detail: 404 for another team's customer and for none, 401 without sign-in, 400 for a bad id", async () => {
    const c = await buildCustomer(rep1);
    expect((await rep1.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
    expectError(await rep4.get(`/api/v1/customers/${c.id}`), 404, 'not_found');
    expectError(await manager2.get(`/api/v1/customers/${c.id}`), 404, 'not_found');
    expectError(await rep1.get('/api/v1/customers/999999'), 404, 'not_found');
    expectError(await rep1.get('/api/v1/customers/abc'), 400, 'validation', 'params.id');
    expectError(await anonymous('GET', `/api/v1/customers/${c.id}`), 401, 'unauthenticated');
  });
});

describe('update', () => {
  it('changes what is sent, moves the version, audits; a stale version is 409', async () => {
    const c = await buildCustomer(rep1);
    const res = await rep1.send('PATCH', `/api/v1/customers/${c.id}`, {
      level: 'A',
      address: '上海市浦东新区',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ level: 'A', address: '上海市浦东新区', name: c.name, version: 2 });
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${c.id}`, { level: 'B', version: 1 }),
      409,
      'conflict',
    );
  });

  it('two people editing at once: one wins, the other gets 409', async () => {
    const c = await buildCustomer(rep1);
    const [x, y] = await Promise.all([
      rep1.send('PATCH', `/api/v1/customers/${c.id}`, { note: '甲', version: 1 }),
      lead1.send('PATCH', `/api/v1/customers/${c.id}`, { note: '乙', version: 1 }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
  });

  it("a new name that duplicates another customer is 409; the customer's own name is not", async () => {
    const a = await buildCustomer(rep1);
    const b = await buildCustomer(rep1);
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${b.id}`, { name: a.name, version: 1 }),
      409,
      'conflict',
      'body.name',
    );
    const same = await rep1.send('PATCH', `/api/v1/customers/${b.id}`, {
      name: `${b.name.replace('有限公司', '')}有限责任公司`,
      version: 1,
    });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('400 naming the field, 404 outside scope, 401 without sign-in', async () => {
    const c = await buildCustomer(rep1);
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${c.id}`, { level: 'Z', version: 1 }),
      400,
      'validation',
      'body.level',
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${c.id}`, { name: 'x' }),
      400,
      'validation',
      'body.version',
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${c.id}`, { referrerCustomerId: c.id, version: 1 }),
      400,
      'validation',
      'body.referrerCustomerId',
    );
    expectError(
      await rep4.send('PATCH', `/api/v1/customers/${c.id}`, { note: 'x', version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await anonymous('PATCH', `/api/v1/customers/${c.id}`, { note: 'x', version: 1 }),
      401,
      'unauthenticated',
    );
  });
});

describe('contacts', () => {
  it('add, change (primary moves), remove', async () => {
    const c = await buildCustomer(rep1, { contacts: [{ name: '甲' }] });
    const added = await rep1.send('POST', `/api/v1/customers/${c.id}/contacts`, {
      name: '乙',
      role: '决策人',
      mobile: nextMobile(),
      wechat: 'yi-wx',
      isPrimary: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    const yi = added.json<{ id: number }>();
    let list = (await rep1.get(`/api/v1/customers/${c.id}/contacts`)).json<
      { name: string; isPrimary: boolean }[]
    >();
    expect(list.map((x) => [x.name, x.isPrimary])).toEqual([
      ['乙', true],
      ['甲', false],
    ]);
    const changed = await rep1.send('PATCH', `/api/v1/customers/${c.id}/contacts/${yi.id}`, {
      role: '总经理',
    });
    expect(changed.json()).toMatchObject({ role: '总经理', isPrimary: true });
    const removed = await rep1.send('DELETE', `/api/v1/customers/${c.id}/contacts/${yi.id}`);
    expect(removed.statusCode).toBe(204);
    list = (await rep1.get(`/api/v1/customers/${c.id}/contacts`)).json();
    expect(list.map((x) => x.name)).toEqual(['甲']);
  });

  it('401, 400 naming the field, 404 outside scope or under another customer', async () => {
    const c = await buildCustomer(rep1, { contacts: [{ name: '甲' }] });
    const other = await buildCustomer(rep1);
    const contactId = c.contacts[0]!.id;
    expectError(await anonymous('GET', `/api/v1/customers/${c.id}/contacts`), 401, 'unauthenticated');
    expectError(
      await rep1.send('POST', `/api/v1/customers/${c.id}/contacts`, { name: '乙', mobile: '1' }),
      400,
      'validation',
      'body.mobile',
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${c.id}/contacts/${contactId}`, { name: '' }),
      400,
      'validation',
      'body.name',
    );
    expectError(await rep4.get(`/api/v1/customers/${c.id}/contacts`), 404, 'not_found');
    expectError(
      await rep4.send('POST', `/api/v1/customers/${c.id}/contacts`, { name: '乙' }),
      404,
      'not_found',
    );
    expectError(
      await rep1.send('PATCH', `/api/v1/customers/${other.id}/contacts/${contactId}`, { name: '乙' }),
      404,
      'not_found',
    );
    expectError(
      await rep4.send('DELETE', `/api/v1/customers/${c.id}/contacts/${contactId}`),
      404,
      'not_found',
    );
    expectError(
      await anonymous('DELETE', `/api/v1/customers/${c.id}/contacts/${contactId}`),
      401,
      'unauthenticated',
    );
  });

  it('a contact mobile that belongs to another customer is a duplicate', async () => {
    const a = await buildCustomer(rep1);
    const b = await buildCustomer(rep1);
    expectError(
      await rep1.send('POST', `/api/v1/customers/${b.id}/contacts`, { name: '乙', mobile: a.mobile }),
      409,
      'conflict',
      'body.mobile',
    );
  });
});

describe('ownership', () => {
  it('a lead transfers within the team; the history records it', async () => {
    const c = await buildCustomer(rep1);
    const res = await lead1.send('POST', `/api/v1/customers/${c.id}/transfer`, {
      toEmployeeId: idOf(ids.employee, 'rep3'),
      version: c.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerName: '吴昊', version: c.version + 1 });
    const history = (await lead1.get(`/api/v1/customers/${c.id}/ownership-history`)).json<
      OwnershipChange[]
    >();
    expect(history.map((h) => [h.reason, h.fromName, h.toName, h.byUsername])).toEqual([
      ['create', null, '赵磊', 'rep1'],
      ['transfer', '赵磊', '吴昊', 'lead1'],
    ]);
  });

  it('a rep cannot transfer (403); a target outside scope is 400; stale 409; outside scope 404; 401', async () => {
    const c = await buildCustomer(rep1);
    expectError(
      await rep1.send('POST', `/api/v1/customers/${c.id}/transfer`, {
        toEmployeeId: idOf(ids.employee, 'rep2'),
        version: 1,
      }),
      403,
      'forbidden',
    );
    expectError(
      await lead1.send('POST', `/api/v1/customers/${c.id}/transfer`, {
        toEmployeeId: idOf(ids.employee, 'rep7'),
        version: 1,
      }),
      400,
      'validation',
      'body.toEmployeeId',
    );
    expectError(
      await lead1.send('POST', `/api/v1/customers/${c.id}/transfer`, { toEmployeeId: 'x', version: 1 }),
      400,
      'validation',
      'body.toEmployeeId',
    );
    expectError(
      await lead1.send('POST', `/api/v1/customers/${c.id}/transfer`, {
        toEmployeeId: idOf(ids.employee, 'rep2'),
        version: 5,
      }),
      409,
      'conflict',
    );
    expectError(
      await lead2.send('POST', `/api/v1/customers/${c.id}/transfer`, {
        toEmployeeId: idOf(ids.employee, 'rep4'),
        version: 1,
      }),
      404,
      'not_found',
    );
    expectError(
      await anonymous('POST', `/api/v1/customers/${c.id}/transfer`, { toEmployeeId: 1, version: 1 }),
      401,
      'unauthenticated',
    );
  });

  it('the owner releases to the pool: gone from their list, in the pool, history kept', async () => {
    const c = await buildCustomer(rep1);
    const res = await rep1.send('POST', `/api/v1/customers/${c.id}/release`, { version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerEmployeeId: null, version: 2 });
    expectError(await rep1.get(`/api/v1/customers/${c.id}`), 404, 'not_found');
    const pool = (await rep1.get(`/api/v1/customer-pool?q=${encodeURIComponent(c.name)}`)).json();
    expect(pool.items.map((p: { id: number }) => p.id)).toEqual([c.id]);
    const history = (await vp.get(`/api/v1/customers/${c.id}/ownership-history`)).json<OwnershipChange[]>();
    expect(history.map((h) => h.reason)).toEqual(['create', 'release']);
    // Pool history is not for others: only company scope sees the record.
    expectError(await rep1.get(`/api/v1/customers/${c.id}/ownership-history`), 404, 'not_found');
  });

  it('release: 400, 404 outside scope, 401; a teammate cannot release', async () => {
    const c = await buildCustomer(rep1);
    expectError(
      await rep1.send('POST', `/api/v1/customers/${c.id}/release`, {}),
      400,
      'validation',
      'body.version',
    );
    expectError(
      await rep4.send('POST', `/api/v1/customers/${c.id}/release`, { version: 1 }),
      404,
      'not_found',
    );
    // A teammate holding the same seat does not see (so cannot release) the customer.
    const rep2 = await signIn(t.app, 'rep2');
    expectError(
      await rep2.send('POST', `/api/v1/customers/${c.id}/release`, { version: 1 }),
      404,
      'not_found',
    );
    expectError(
      await anonymous('POST', `/api/v1/customers/${c.id}/release`, { version: 1 }),
      401,
      'unauthenticated',
    );
  });

  it('ownership history: 401, 400, 404 outside scope', async () => {
    const c = await buildCustomer(rep1);
    expectError(
      await anonymous('GET', `/api/v1/customers/${c.id}/ownership-history`),
      401,
      'unauthenticated',
    );
    expectError(await rep1.get('/api/v1/customers/0/ownership-history'), 400, 'validation', 'params.id');
    expectError(await manager2.get(`/api/v1/customers/${c.id}/ownership-history`), 404, 'not_found');
  });
});
