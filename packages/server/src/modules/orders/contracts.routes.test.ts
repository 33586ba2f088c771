import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
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
import { buildCustomer, buildOrder, buildProduct, expectStatus, uniq } from './test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let manager1: Session;
let manager2: Session;
let lead1: Session;
let rep1: Session;
let rep4: Session;
let assistant1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, manager1, manager2, lead1, rep1, rep4, assistant1] = await signInAll(t.app, [
    'vp',
    'manager1',
    'manager2',
    'lead1',
    'rep1',
    'rep4',
    'assistant1',
  ] as const);
});
afterAll(() => t.close());

interface ContractJson {
  id: number;
  no: string;
  customerId: number;
  ownerEmployeeId: number;
  ownerName: string;
  status: string;
  signedOn: string | null;
  attachments: { id: number; name: string }[];
  version: number;
}

const customerOf = (owner: string, vettingStatus: 'approved' | 'pending' = 'approved') =>
  buildCustomer(t.database.db, ids.companyId, { ownerEmployeeId: idOf(ids.employee, owner), vettingStatus });

function contractBody(customerId: number, patch: Record<string, unknown> = {}) {
  return {
    no: uniq('HT-2026-'),
    customerId,
    startOn: '2026-01-01',
    endOn: '2026-12-31',
    amountFen: 50_000_00,
    paymentTerms: '货到 30 天付款',
    paymentDays: 45,
    ...patch,
  };
}

async function createContract(session: Session, customerId: number, patch: Record<string, unknown> = {}) {
  return expectStatus<ContractJson>(
    await session.send('POST', '/api/v1/contracts', contractBody(customerId, patch)),
    201,
  );
}

/** One step of the status machine, answered as is. */
function tryStep(session: Session, c: { id: number; version: number }, action: string) {
  return session.send('POST', `/api/v1/contracts/${c.id}/${action}`, { version: c.version, note: action });
}

/** One step of the status machine that must succeed. */
async function step(session: Session, c: { id: number; version: number }, action: string) {
  return expectStatus<ContractJson>(await tryStep(session, c, action), 200);
}

async function uploadFile(session: Session, name = 'contract.pdf') {
  return expectStatus<{ id: number }>(
    await session.send('POST', '/api/v1/files', {
      name,
      mime: 'application/pdf',
      contentBase64: Buffer.from(`%PDF-1.4 ${name}`).toString('base64'),
    }),
    201,
  );
}

describe('create and read', () => {
  it('creates a draft owned by the customer’s owner, with attachments, audited', async () => {
    // The team lead enters it for a customer of one of the team's reps.
    const c = await customerOf('rep2');
    const file = await uploadFile(lead1);
    const contract = await createContract(lead1, c.id, { attachmentFileIds: [file.id] });
    expect(contract).toMatchObject({
      customerId: c.id,
      ownerEmployeeId: idOf(ids.employee, 'rep2'),
      ownerName: '黄丽',
      status: 'draft',
      signedOn: null,
      version: 1,
      attachments: [{ id: file.id, name: 'contract.pdf' }],
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'contract'), eq(auditLog.entityId, String(contract.id))));
    expect(audit).toMatchObject({ action: 'create', actorName: 'lead1' });
    expect(expectStatus(await manager1.get(`/api/v1/contracts/${contract.id}`), 200)).toMatchObject({
      id: contract.id,
    });
    // Reps see only their own customers' records.
    expectError(await rep1.get(`/api/v1/contracts/${contract.id}`), 404, 'not_found');
  });

  it('a duplicate number in the company is 409 naming body.no; nothing written', async () => {
    const c = await customerOf('rep1');
    const first = await createContract(rep1, c.id);
    const before = await countAuditRows(t.database.db);
    const err = expectError(
      await rep1.send('POST', '/api/v1/contracts', contractBody(c.id, { no: first.no })),
      409,
      'conflict',
      'body.no',
    );
    expect(err.message).toContain(first.no);
    expect(await countAuditRows(t.database.db)).toBe(before);
  });

  it.each([
    [{ endOn: '2025-12-31' }, 'body.endOn'],
    [{ amountFen: -1 }, 'body.amountFen'],
    [{ paymentDays: -3 }, 'body.paymentDays'],
    [{ startOn: '2026-02-30' }, 'body.startOn'],
    [{ no: '' }, 'body.no'],
    [{ attachmentFileIds: [999999] }, 'body.attachmentFileIds.0'],
    [{ ownerEmployeeId: 999999 }, 'body.ownerEmployeeId'],
    [{ total: 5 }, 'body.total'],
  ])('refuses %j (400 naming %s)', async (patch, path) => {
    const c = await customerOf('rep1');
    expectError(
      await rep1.send('POST', '/api/v1/contracts', contractBody(c.id, patch)),
      400,
      'validation',
      path,
    );
  });

  it('a customer outside scope cannot be used (400 body.customerId) and its contracts are 404', async () => {
    const theirs = await customerOf('rep4');
    expectError(
      await rep1.send('POST', '/api/v1/contracts', contractBody(theirs.id)),
      400,
      'validation',
      'body.customerId',
    );
    const contract = await createContract(rep4, theirs.id);
    expectError(await rep1.get(`/api/v1/contracts/${contract.id}`), 404, 'not_found');
    expectError(await manager2.get(`/api/v1/contracts/${contract.id}`), 404, 'not_found');
    expectError(await tryStep(rep1, contract, 'submit'), 404, 'not_found');
    expectError(
      await rep1.send('PATCH', `/api/v1/contracts/${contract.id}`, { paymentDays: 1, version: 1 }),
      404,
      'not_found',
    );
    expect(expectStatus(await manager1.get(`/api/v1/contracts/${contract.id}`), 200)).toMatchObject({
      id: contract.id,
    });
    // A rep may not make someone outside their scope the owner.
    const mine = await customerOf('rep1');
    expectError(
      await rep1.send(
        'POST',
        '/api/v1/contracts',
        contractBody(mine.id, { ownerEmployeeId: idOf(ids.employee, 'rep4') }),
      ),
      400,
      'validation',
      'body.ownerEmployeeId',
    );
  });

  it('401 without sign-in; 403 for the assistant, who does not manage contracts but reads them', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/contracts'],
      ['GET', '/api/v1/contracts/1'],
      ['POST', '/api/v1/contracts'],
      ['PATCH', '/api/v1/contracts/1'],
      ['POST', '/api/v1/contracts/1/submit'],
      ['POST', '/api/v1/contracts/1/approve'],
      ['POST', '/api/v1/contracts/1/reject'],
      ['POST', '/api/v1/contracts/1/start'],
      ['POST', '/api/v1/contracts/1/complete'],
      ['POST', '/api/v1/contracts/1/terminate'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    const c = await customerOf('rep1');
    expectError(await assistant1.send('POST', '/api/v1/contracts', contractBody(c.id)), 403, 'forbidden');
    expect(
      expectStatus<{ total: number }>(await assistant1.get('/api/v1/contracts'), 200).total,
    ).toBeGreaterThan(0);
  });
});

describe('the status machine', () => {
  it('draft → awaiting_approval → signed → in_progress → completed, each step audited before/after', async () => {
    const c = await customerOf('rep1');
    let contract = await createContract(rep1, c.id);
    contract = await step(rep1, contract, 'submit');
    expect(contract.status).toBe('awaiting_approval');
    // A rep holds no contract.approve.
    expectError(
      await rep1.send('POST', `/api/v1/contracts/${contract.id}/approve`, { version: contract.version }),
      403,
      'forbidden',
    );
    contract = await step(manager1, contract, 'approve');
    expect(contract).toMatchObject({ status: 'signed', signedOn: today() });
    contract = await step(rep1, contract, 'start');
    contract = await step(rep1, contract, 'complete');
    expect(contract).toMatchObject({ status: 'completed', version: 5 });
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'contract'), eq(auditLog.entityId, String(contract.id))))
      .orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(['create', 'submit', 'approve', 'start', 'complete']);
    expect(rows[2]!.before).toMatchObject({ status: 'awaiting_approval' });
    expect(rows[2]!.after).toMatchObject({ status: 'signed', note: 'approve' });
    expect(rows[2]!.actorName).toBe('manager1');
  });

  it('illegal transitions are 422 naming the status; a stale version is 409', async () => {
    const c = await customerOf('rep1');
    const contract = await createContract(rep1, c.id);
    const err = expectError(await tryStep(manager1, contract, 'approve'), 422, 'business_rule', 'status');
    expect(err.message).toContain('草稿');
    expectError(await tryStep(rep1, contract, 'complete'), 422, 'business_rule', 'status');
    expectError(
      await rep1.send('POST', `/api/v1/contracts/${contract.id}/submit`, { version: 7 }),
      409,
      'conflict',
    );
    const en = await rep1.send(
      'POST',
      `/api/v1/contracts/${contract.id}/terminate`,
      { version: 1 },
      { 'accept-language': 'en-US' },
    );
    expect(expectError(en, 422, 'business_rule', 'status').message).toBe(
      'The contract is a draft: you cannot terminate it',
    );
  });

  it('approval needs the customer’s approved vetting (422); reject sends it back to draft', async () => {
    const c = await customerOf('rep1', 'pending');
    let contract = await createContract(rep1, c.id);
    contract = await step(rep1, contract, 'submit');
    expectError(await tryStep(manager1, contract, 'approve'), 422, 'business_rule');
    contract = await step(manager1, contract, 'reject');
    expect(contract.status).toBe('draft');
    contract = expectStatus<ContractJson>(
      await rep1.send('PATCH', `/api/v1/contracts/${contract.id}`, {
        amountFen: 1,
        version: contract.version,
      }),
      200,
    );
    expect(contract.version).toBe(4);
  });

  it('terminate from signed or in progress; a terminated contract is final', async () => {
    const c = await customerOf('rep1');
    let contract = await createContract(rep1, c.id);
    contract = await step(rep1, contract, 'submit');
    contract = await step(vp, contract, 'approve');
    contract = await step(rep1, contract, 'terminate');
    expect(contract.status).toBe('terminated');
    expectError(await tryStep(rep1, contract, 'start'), 422, 'business_rule', 'status');
  });

  it('after the draft only attachments may change', async () => {
    const c = await customerOf('rep1');
    let contract = await createContract(rep1, c.id);
    contract = await step(rep1, contract, 'submit');
    expectError(
      await rep1.send('PATCH', `/api/v1/contracts/${contract.id}`, {
        amountFen: 5,
        version: contract.version,
      }),
      422,
      'business_rule',
      'status',
    );
    const scan = await uploadFile(rep1, '盖章合同.pdf');
    contract = expectStatus<ContractJson>(
      await rep1.send('PATCH', `/api/v1/contracts/${contract.id}`, {
        attachmentFileIds: [scan.id],
        version: contract.version,
      }),
      200,
    );
    expect(contract.attachments.map((a) => a.name)).toEqual(['盖章合同.pdf']);
    // The attachment is now downloadable by whoever sees the contract, and not by another team.
    expect((await lead1.get(`/api/v1/files/${scan.id}`)).statusCode).toBe(200);
    expect((await rep4.get(`/api/v1/files/${scan.id}`)).statusCode).toBe(404);
  });

  it('the first order under a signed contract puts it in progress; its payment days set the due date', async () => {
    const c = await customerOf('rep1');
    const product = await buildProduct(vp);
    let contract = await createContract(rep1, c.id, { paymentDays: 60 });
    expectError(
      await rep1.send('POST', '/api/v1/orders', {
        customerId: c.id,
        contractId: contract.id,
        orderDate: today(),
        lines: [{ productId: product.id, quantity: 1, promisedOn: today() }],
      }),
      422,
      'business_rule',
      'body.contractId',
    );
    contract = await step(rep1, contract, 'submit');
    contract = await step(manager1, contract, 'approve');
    const order = await buildOrder(rep1, {
      customerId: c.id,
      productId: product.id,
      orderDate: today(),
      extra: { contractId: contract.id },
    });
    expect(order.dueOn).toBe(addDays(today(), 60));
    expect(expectStatus<ContractJson>(await rep1.get(`/api/v1/contracts/${contract.id}`), 200).status).toBe(
      'in_progress',
    );
    // A contract of another customer cannot be used.
    const other = await customerOf('rep1');
    expectError(
      await rep1.send('POST', '/api/v1/orders', {
        customerId: other.id,
        contractId: contract.id,
        orderDate: today(),
        lines: [{ productId: product.id, quantity: 1, promisedOn: today() }],
      }),
      400,
      'validation',
      'body.contractId',
    );
  });
});

describe('list', () => {
  it('is scoped by customer, filters and sorts, and pages without repeats', async () => {
    const mine = await customerOf('rep1');
    const theirs = await customerOf('rep4');
    for (let i = 0; i < 3; i++) await createContract(rep1, mine.id, { amountFen: 100 * (i + 1) });
    await createContract(rep4, theirs.id);
    const rep1All = await readAllPages<ContractJson>(rep1, '/api/v1/contracts', 2);
    expect(rep1All.items.some((c) => c.customerId === theirs.id)).toBe(false);
    const filtered = expectStatus<{ items: ContractJson[]; total: number }>(
      await rep1.get(`/api/v1/contracts?customerId=${mine.id}&sort=amountFen&order=desc`),
      200,
    );
    expect(filtered.total).toBe(3);
    expect(filtered.items.map((c) => (c as unknown as { amountFen: number }).amountFen)).toEqual([
      300, 200, 100,
    ]);
    expect(
      expectStatus<{ total: number }>(await rep1.get(`/api/v1/contracts?customerId=${theirs.id}`), 200).total,
    ).toBe(0);
    expect(
      expectStatus<{ total: number }>(
        await vp.get(`/api/v1/contracts?customerId=${theirs.id}&status=draft`),
        200,
      ).total,
    ).toBe(1);
    expectError(await rep1.get('/api/v1/contracts?status=lost'), 400, 'validation', 'query.status');
    expectError(await rep1.get('/api/v1/contracts?sort=colour'), 400, 'validation', 'query.sort');
  });
});
