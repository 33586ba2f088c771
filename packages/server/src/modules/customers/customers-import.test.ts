import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { CustomerImportResult } from '@zuzhang/api-schema';
import { buildTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { expectError, nextMobile, signInAll } from '../../../test/support.ts';
import { customers } from './customers.table.ts';
import { parseCsv } from '../../platform/import/sheet-import.ts';
import { buildCreditCode, buildCustomer, uniqueCustomerName } from './test-factories.ts';

let t: TestApp;
let rep1: Session;
let rep4: Session;
let lead2: Session;

beforeAll(async () => {
  t = await buildTestApp();
  [rep1, rep4, lead2] = await signInAll(t.app, ['rep1', 'rep4', 'lead2'] as const);
});
afterAll(() => t.close());

const csvBase64 = (rows: string[][]) =>
  Buffer.from(
    '\uFEFF' +
      rows
        .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        .join('\r\n'),
    'utf8',
  ).toString('base64');

async function customerCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(customers);
  return Number(row!.n);
}

async function importAs(session: Session, body: Record<string, unknown>) {
  return session.send('POST', '/api/v1/customers/import', body);
}

describe('parseCsv', () => {
  it.each([
    [
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\n"x, y","say ""hi"""\n',
      [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
      ],
    ],
    [
      'a\tb\n1\t2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\n"line\nbreak",2',
      [
        ['a', 'b'],
        ['line\nbreak', '2'],
      ],
    ],
  ])('%j', (text, rows) => expect(parseCsv(text)).toEqual(rows));
});

describe('import', () => {
  it('a dry run reports every row and writes nothing; the real run writes them all', async () => {
    const code = buildCreditCode();
    const referrer = await buildCustomer(rep1);
    const file = csvBase64([
      [
        '客户名称',
        '类型',
        '类别',
        '等级',
        '区域',
        '行业',
        '来源',
        '介绍客户',
        '统一社会信用代码',
        '手机',
        '联系人',
        '联系人手机',
        '备注',
      ],
      [
        uniqueCustomerName('导入'),
        '公司',
        '经销商',
        'A',
        '华东',
        '五金',
        '展会',
        '',
        code,
        nextMobile(),
        '钱经理',
        nextMobile(),
        '',
      ],
      [
        uniqueCustomerName('导入'),
        '个人',
        '终端客户',
        '',
        '',
        '',
        '',
        referrer.name,
        '',
        `+86 ${nextMobile()}`,
        '',
        '',
        '老客户介绍',
      ],
    ]);
    const before = await customerCount();
    const dry = await importAs(rep1, { fileName: 'customers.csv', contentBase64: file, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      committed: false,
      total: 2,
      valid: 2,
      invalid: 0,
      imported: 0,
    });
    expect(await customerCount()).toBe(before);

    const real = await importAs(rep1, { fileName: 'customers.csv', contentBase64: file });
    expect(real.statusCode, real.body).toBe(200);
    const result = real.json<CustomerImportResult>();
    expect(result).toMatchObject({ committed: true, imported: 2 });
    expect(await customerCount()).toBe(before + 2);
    const [first, second] = result.rows;
    const a = (await rep1.get(`/api/v1/customers/${first!.customerId}`)).json();
    expect(a).toMatchObject({
      category: 'dealer',
      level: 'A',
      source: 'exhibition',
      creditCode: code,
      ownerName: '赵磊',
    });
    expect(a.contacts).toMatchObject([{ name: '钱经理', isPrimary: true }]);
    const b = (await rep1.get(`/api/v1/customers/${second!.customerId}`)).json();
    expect(b).toMatchObject({
      kind: 'person',
      source: 'referral',
      referrerCustomerId: referrer.id,
      level: 'C',
    });
  });

  it('a row whose own mobile is also its contact mobile is not a duplicate of itself', async () => {
    const mobile = nextMobile();
    const file = csvBase64([
      ['客户名称', '手机', '联系人', '联系人手机'],
      [uniqueCustomerName('导入'), mobile, '陈厂长', mobile],
    ]);
    const res = await importAs(rep1, { fileName: 'self.csv', contentBase64: file, dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ ok: true, errors: [] });
  });

  it('one bad row: nothing is written (422 naming the row and column) unless skipInvalid', async () => {
    const existing = await buildCustomer(rep1);
    const good = uniqueCustomerName('导入');
    const file = csvBase64([
      ['name', 'category', 'mobile', 'creditCode', 'owner'],
      [good, 'dealer', nextMobile(), '', ''],
      [uniqueCustomerName('导入'), 'wholesaler', '12345', '', ''],
      [uniqueCustomerName('导入'), 'agent', existing.mobile!, '', ''],
      [uniqueCustomerName('导入'), 'agent', nextMobile(), '91310000MA1FL8XQ3I', ''],
      [good, 'agent', nextMobile(), '', ''],
      [uniqueCustomerName('导入'), 'agent', nextMobile(), '', 'rep7'],
    ]);
    const before = await customerCount();
    const dry = (
      await importAs(rep1, { fileName: 'x.csv', contentBase64: file, dryRun: true })
    ).json<CustomerImportResult>();
    expect(dry.rows.map((r) => [r.row, r.ok, r.errors.map((e) => e.field)])).toEqual([
      [2, true, []],
      [3, false, ['category', 'mobile']],
      [4, false, ['mobile']],
      [5, false, ['creditCode']],
      [6, false, ['name']],
      [7, false, ['owner']],
    ]);
    expect(dry.rows[2]!.duplicates).toMatchObject([
      { field: 'mobile', status: 'visible', customerId: existing.id },
    ]);
    expect(dry.rows[4]!.errors[0]!.message).toContain('第 2 行');

    const refused = await importAs(rep1, { fileName: 'x.csv', contentBase64: file });
    const error = expectError(refused, 422, 'business_rule', 'rows.3.category');
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        'rows.3.mobile',
        'rows.4.mobile',
        'rows.5.creditCode',
        'rows.6.name',
        'rows.7.owner',
      ]),
    );
    expect(await customerCount()).toBe(before);

    const skipped = await importAs(rep1, { fileName: 'x.csv', contentBase64: file, skipInvalid: true });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ committed: true, imported: 1, invalid: 5 });
    expect(await customerCount()).toBe(before + 1);
  });

  it("duplicates of another team's customers are reported without naming them", async () => {
    const theirs = await buildCustomer(rep4);
    const file = csvBase64([
      ['名称', '手机'],
      [theirs.name, ''],
    ]);
    const dry = (
      await importAs(rep1, { fileName: 'x.csv', contentBase64: file, dryRun: true })
    ).json<CustomerImportResult>();
    expect(dry.rows[0]!.duplicates).toEqual([
      {
        field: 'name',
        value: theirs.name,
        status: 'owned_by_other',
        customerId: null,
        customerName: null,
        ownerName: null,
      },
    ]);
    expect(dry.rows[0]!.errors[0]!.message).not.toContain('徐强');
  });

  it('a lead imports for the reps of the team, by username or name', async () => {
    const file = csvBase64([
      ['名称', '负责人'],
      [uniqueCustomerName('导入'), 'rep5'],
      [uniqueCustomerName('导入'), '朱涛'],
    ]);
    const res = await importAs(lead2, { fileName: 'team.csv', contentBase64: file });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<CustomerImportResult>().rows;
    const owners = await Promise.all(
      rows.map(async (r) => (await lead2.get(`/api/v1/customers/${r.customerId}`)).json().ownerName),
    );
    expect(owners).toEqual(['胡敏', '朱涛']);
  });

  it('reads a CSV saved by Excel in GB18030', async () => {
    // 名称,类别,手机,负责人 / 杭州国标编码测试有限公司,经销商,13900009901,rep1 — encoded GB18030.
    const bytes = Buffer.from(
      'c3fbb3c62cc0e0b1f02ccad6bbfa2cb8bad4f0c8cb0ababcd6ddb9fab1eab1e0c2ebb2e2cad4d3d0cfdeb9abcbbe2cbeadcffac9cc2c31333930303030393930312c726570310a',
      'hex',
    );
    const res = await importAs(rep1, {
      fileName: 'gbk.csv',
      contentBase64: bytes.toString('base64'),
      dryRun: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ name: '杭州国标编码测试有限公司', ok: true });
  });

  it('reads the first sheet of an .xlsx file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['名称', '类别', '手机', '统一社会信用代码']);
    const code = buildCreditCode();
    const name = uniqueCustomerName('表格');
    // A mobile typed as a number, as spreadsheets do.
    sheet.addRow([name, '代理商', Number(nextMobile()), code]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await importAs(rep1, { fileName: '客户.xlsx', contentBase64: buffer.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = res.json<CustomerImportResult>().rows;
    const [stored] = await t.database.db.select().from(customers).where(eq(customers.id, row!.customerId!));
    expect(stored).toMatchObject({ name, category: 'agent', creditCode: code });
  });

  it('unreadable files, a missing name column and empty files are 400 naming the field', async () => {
    expectError(
      await importAs(rep1, { fileName: 'x.pdf', contentBase64: 'AAAA' }),
      400,
      'validation',
      'body.fileName',
    );
    expectError(
      await importAs(rep1, {
        fileName: 'x.xlsx',
        contentBase64: Buffer.from('not a zip').toString('base64'),
      }),
      400,
      'validation',
      'body.contentBase64',
    );
    expectError(
      await importAs(rep1, { fileName: 'x.csv', contentBase64: csvBase64([['手机'], [nextMobile()]]) }),
      400,
      'validation',
      'body.contentBase64',
    );
    expectError(
      await importAs(rep1, { fileName: 'x.csv', contentBase64: csvBase64([['名称']]) }),
      400,
      'validation',
      'body.contentBase64',
    );
    expectError(await importAs(rep1, { fileName: 'x.csv' }), 400, 'validation', 'body.contentBase64');
  });

  it('401 without sign-in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers/import',
      payload: { fileName: 'x.csv', contentBase64: 'AAAA' },
    });
    expectError(res, 401, 'unauthenticated');
  });
});
