import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, signIn, type Session, type TestApp } from '../../../test/test-app.ts';
import { idOf, loadDemoIds, type DemoIds } from '../../../test/demo-org.ts';
import { countAuditRows, createScopedUser, expectError, signInAll, today } from '../../../test/support.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { buildCustomer, buildOrder, buildProduct, expectStatus } from '../orders/test-factories.ts';

let t: TestApp;
let ids: DemoIds;
let vp: Session;
let rep1: Session;
let rep2: Session;
let rep4: Session;
let lead1: Session;
let assistant1: Session;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await loadDemoIds(t.database.db);
  [vp, rep1, rep2, rep4, lead1, assistant1] = await signInAll(t.app, [
    'vp',
    'rep1',
    'rep2',
    'rep4',
    'lead1',
    'assistant1',
  ] as const);
});
afterAll(() => t.close());

interface FileJson {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

async function upload(session: Session, content: Buffer, name = '报价单.pdf', mime = 'application/pdf') {
  return session.send('POST', '/api/v1/files', { name, mime, contentBase64: content.toString('base64') });
}

describe('upload and download', () => {
  it('stores the bytes with their sha256 and sends them back with the right content type', async () => {
    const content = crypto.randomBytes(3000);
    const file = expectStatus<FileJson>(await upload(rep1, content), 201);
    expect(file).toMatchObject({
      name: '报价单.pdf',
      mime: 'application/pdf',
      size: 3000,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
    });
    const res = await rep1.get(`/api/v1/files/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('报价单.pdf')}`,
    );
    expect(res.headers['content-disposition']).toMatch(/^inline;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(res.rawPayload, content)).toBe(0);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'file'), eq(auditLog.entityId, String(file.id))));
    expect(audit!.after).toMatchObject({ name: '报价单.pdf', size: 3000, sha256: file.sha256 });
    expect(JSON.stringify(audit!.after)).not.toContain('content');
  });

  it('sends markup as a download, never inline', async () => {
    const file = expectStatus<FileJson>(
      await upload(rep1, Buffer.from('<script>alert(1)</script>'), 'x.html', 'text/html'),
      201,
    );
    const res = await rep1.get(`/api/v1/files/${file.id}`);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('takes a file of exactly 10 MB; one byte more is 413 naming the field, and nothing is written', async () => {
    const max = 10 * 1024 * 1024;
    const ok = expectStatus<FileJson>(
      await upload(rep1, Buffer.alloc(max, 7), 'big.bin', 'application/octet-stream'),
      201,
    );
    expect(ok.size).toBe(max);
    const before = await countAuditRows(t.database.db);
    expectError(
      await upload(rep1, Buffer.alloc(max + 1, 7), 'big.bin', 'application/octet-stream'),
      413,
      'payload_too_large',
      'body.contentBase64',
    );
    expect(await countAuditRows(t.database.db)).toBe(before);
    // Far beyond: the route's body limit answers 413 before anything is parsed.
    const huge = await rep1.send('POST', '/api/v1/files', {
      name: 'huge.bin',
      mime: 'application/octet-stream',
      contentBase64: 'A'.repeat(15 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    // Every other route keeps the 1 MB limit.
    const other = await rep1.send('POST', '/api/v1/orders', { note: 'x'.repeat(1_100_000) });
    expect(other.statusCode).toBe(413);
  });

  it.each([
    [{ name: 'a.pdf', mime: 'application/pdf', contentBase64: '@@@' }, 'body.contentBase64'],
    [{ name: 'a.pdf', mime: 'application/pdf', contentBase64: '' }, 'body.contentBase64'],
    [{ name: '', mime: 'application/pdf', contentBase64: 'QQ==' }, 'body.name'],
    [{ name: 'a.pdf', mime: 'pdf', contentBase64: 'QQ==' }, 'body.mime'],
    [{ name: 'a.pdf', contentBase64: 'QQ==' }, 'body.mime'],
    [{ name: 'a.pdf', mime: 'application/pdf', contentBase64: 'QQ==', folder: 'x' }, 'body.folder'],
  ])('400 for %j naming %s', async (body, path) => {
    expectError(await rep1.send('POST', '/api/v1/files', body), 400, 'validation', path);
  });

  it('401 without sign-in; 403 without contract.manage or order.manage', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/files', payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/files/1' })).statusCode).toBe(401);
    // The assistant manages orders: may upload proofs.
    expectStatus(await upload(assistant1, Buffer.from('x')), 201);
    const admin = await signIn(t.app, 'admin');
    const reader = await createScopedUser(t.app, admin, {
      username: 'filereader',
      permissions: ['customer.read'],
      unitId: idOf(ids.unit, 'XS-E1'),
      reportsToId: idOf(ids.position, 'XS-TL-E1'),
      dataScope: 'own',
    });
    expectError(await upload(reader.session, Buffer.from('x')), 403, 'forbidden');
  });
});

describe('who may download', () => {
  it('a file nobody references is the uploader’s alone', async () => {
    const file = expectStatus<FileJson>(await upload(rep1, Buffer.from('draft')), 201);
    expect((await rep1.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expectError(await rep2.get(`/api/v1/files/${file.id}`), 404, 'not_found');
    expectError(await lead1.get(`/api/v1/files/${file.id}`), 404, 'not_found');
    expectError(await rep1.get('/api/v1/files/999999'), 404, 'not_found');
    expectError(await rep1.get('/api/v1/files/x'), 400, 'validation', 'params.id');
  });

  it('a proof’s file is visible wherever its order is: the team lead yes, another team no', async () => {
    const product = await buildProduct(vp);
    const c = await buildCustomer(t.database.db, ids.companyId, {
      ownerEmployeeId: idOf(ids.employee, 'rep1'),
    });
    const order = await buildOrder(rep1, { customerId: c.id, productId: product.id, orderDate: today() });
    const file = expectStatus<FileJson>(
      await upload(rep1, Buffer.from('artwork'), 'art.png', 'image/png'),
      201,
    );
    expectError(await lead1.get(`/api/v1/files/${file.id}`), 404, 'not_found');
    expectStatus(
      await rep1.send('POST', `/api/v1/orders/${order.id}/proofs`, { kind: 'print', fileId: file.id }),
      201,
    );
    const res = await lead1.get(`/api/v1/files/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((await assistant1.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expectError(await rep4.get(`/api/v1/files/${file.id}`), 404, 'not_found');
    expectError(await rep2.get(`/api/v1/files/${file.id}`), 404, 'not_found');
  });
});
