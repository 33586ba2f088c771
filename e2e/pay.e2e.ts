// The pay statement's browser test (issue 5): the demo rep rep1 opens My pay (工资条) and reads a statement,
// on a desktop and on a 390 px phone, in Chinese and in English. Every line shown must be the API's line
// (label, amount, explanation), the lines must add up to the total shown, and the total must be the API's.
// When the demo carries no statement rep1 may read yet, the test makes one through the API first: a pay plan
// for rep1's position (if none is active), a run for a past month, approved by a second person (four eyes).
// Screenshots go to e2e/artifacts/pay-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  request,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { baseUrl, DEMO_PASSWORD, fenOf, launchBrowser, signIn, snapshot, withPage, yuan } from './support.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
type Locale = 'zh-CN' | 'en-US';
type Text = Record<Locale, string>;

interface StatementLine {
  componentKey: string;
  label: Text;
  amountFen: number;
  inputs: unknown[];
  explanation: Text;
}
interface Statement {
  id: number;
  period: string;
  runStatus: string;
  totalFen: number;
  lines: StatementLine[];
}
interface Page_<T> {
  items: T[];
  total: number;
}
interface RunSummary {
  id: number;
  period: string;
  status: string;
  computedBy: string | null;
  version: number;
}

// ---- the API, as one demo user ------------------------------------------------------------------

interface Api {
  get<T>(path: string): Promise<T>;
  send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  dispose(): Promise<void>;
}

async function signInApi(username: string): Promise<Api> {
  const ctx: APIRequestContext = await request.newContext({ baseURL: baseUrl });
  const login = await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(login.status(), 200, `${username} could not sign in: ${await login.text()}`);
  const me = (await (await ctx.get('/api/v1/auth/me')).json()) as { csrfToken: string | null };
  const headers = me.csrfToken ? { 'x-zuzhang-csrf': me.csrfToken } : undefined;
  return {
    async get<T>(path: string) {
      const response = await ctx.get(path);
      assert.equal(response.status(), 200, `GET ${path} as ${username}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async send(method, path, body) {
      const response = await ctx.fetch(path, { method, data: body, headers });
      const text = await response.text();
      return { status: response.status(), json: text ? (JSON.parse(text) as unknown) : null };
    },
    dispose: () => ctx.dispose(),
  };
}

/** A commission plan for the rep's seat, written like the demo's (base, 3% commission, returns clawed back). */
function repPlan(positionId: number) {
  const text = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
  return {
    positionId,
    definition: {
      name: '销售代表提成方案（测试）',
      currency: 'CNY',
      effectiveFrom: '2020-01-01',
      figures: [
        { name: 'personal_sales', label: text('个人销售额', 'Personal sales'), unit: 'fen', source: 'sales' },
        { name: 'returns', label: text('退货额', 'Returns'), unit: 'fen', source: 'returns' },
      ],
      parameters: [
        { name: 'base_pay', label: text('基本工资标准', 'Base pay rate'), unit: 'yuan', value: 2500 },
        { name: 'commission_rate', label: text('提成比例', 'Commission rate'), unit: 'ratio', value: '3%' },
      ],
      components: [
        { key: 'base', kind: 'base', label: text('基本工资', 'Base pay'), formula: 'base_pay' },
        {
          key: 'commission',
          kind: 'commission',
          label: text('销售提成', 'Sales commission'),
          formula: 'personal_sales * commission_rate',
        },
        {
          key: 'returns_clawback',
          kind: 'clawback',
          label: text('退货扣回提成', 'Commission clawed back on returns'),
          when: 'returns > 0',
          formula: '-returns * commission_rate',
        },
      ],
    },
  };
}

/** `YYYY-MM`, `back` months before this one. */
function monthBack(back: number): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The id of a statement rep1 may read: one of the demo's, else one made now (plan → run → approval by a
 * second person, as the four-eyes rule wants).
 */
async function ensureStatementForRep1(): Promise<number> {
  const rep = await signInApi('rep1');
  const vp = await signInApi('vp');
  const director = await signInApi('director');
  const mine = () => rep.get<Page_<{ id: number }>>('/api/v1/pay/statements/mine?pageSize=1');
  try {
    // The interface language is kept on the account: start from Chinese, whatever an earlier run left.
    const locale = await rep.send('PUT', '/api/v1/auth/locale', { locale: 'zh-CN' });
    assert.ok(locale.status < 300, `rep1's language could not be set: ${JSON.stringify(locale.json)}`);
    let found = (await mine()).items[0];
    if (found) return found.id;

    // A computed run (the demo's, or an earlier test's) waits for approval: approve it as someone else.
    const computed = await vp.get<Page_<RunSummary>>('/api/v1/pay/runs?status=computed&pageSize=50');
    for (const run of computed.items) {
      const approver = run.computedBy === 'director' ? vp : director;
      await approver.send('POST', `/api/v1/pay/runs/${run.id}/approve`, { version: run.version });
    }
    found = (await mine()).items[0];
    if (found) return found.id;

    const me = await rep.get<{ positions: { id: number; kind: string }[] }>('/api/v1/auth/me');
    const seat = me.positions.find((p) => p.kind === 'primary') ?? me.positions[0];
    assert.ok(seat, 'rep1 holds no position');
    const active = await vp.get<Page_<{ id: number }>>(
      `/api/v1/pay/plans?positionId=${seat.id}&status=active&pageSize=1`,
    );
    if (active.items.length === 0) {
      const created = await vp.send('POST', '/api/v1/pay/plans', repPlan(seat.id));
      assert.equal(created.status, 201, `the plan was refused: ${JSON.stringify(created.json)}`);
      const plan = created.json as { id: number; version: number };
      const activated = await vp.send('POST', `/api/v1/pay/plans/${plan.id}/activate`, {
        version: plan.version,
      });
      assert.equal(activated.status, 200, `the plan was not activated: ${JSON.stringify(activated.json)}`);
    }
    // The first past month without a run of its own (a month already run answers 409).
    for (let back = 1; back <= 12; back++) {
      const computedRun = await vp.send('POST', '/api/v1/pay/runs', { period: monthBack(back) });
      if (computedRun.status === 409) continue;
      assert.equal(computedRun.status, 201, `the run was refused: ${JSON.stringify(computedRun.json)}`);
      const run = computedRun.json as RunSummary;
      const approved = await director.send('POST', `/api/v1/pay/runs/${run.id}/approve`, {
        version: run.version,
      });
      assert.equal(approved.status, 200, `the run was not approved: ${JSON.stringify(approved.json)}`);
      break;
    }
    found = (await mine()).items[0];
    assert.ok(found, 'rep1 still has no pay statement to read');
    return found.id;
  } finally {
    await Promise.all([rep.dispose(), vp.dispose(), director.dispose()]);
  }
}

// ---- the page ------------------------------------------------------------------------------------

/**
 * Opens My pay from the menu (on a phone the menu is a drawer whose group opens on a tap), then the
 * statement from the list.
 */
async function openStatementFromMenu(page: Page, statementId: number, phone: boolean): Promise<void> {
  await page.goto(`${baseUrl}/`);
  if (phone) {
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-group-people').click();
  }
  await page.getByTestId('nav-my-pay').click();
  await page.waitForURL(/\/my-pay$/);
  await page.getByTestId('my-pay-list').waitFor();
  await page.locator(`a[href="/my-pay/${statementId}"]`).click();
  await page.waitForURL(new RegExp(`/my-pay/${statementId}$`));
  await page.getByTestId('pay-statement').waitFor();
}

/**
 * The statement on screen against the API's: the same lines in the same order, each with its label, amount
 * and explanation in the UI language; the amounts shown add up to the total shown, which is the API's.
 */
async function checkStatement(page: Page, context: BrowserContext, statementId: number, locale: Locale) {
  const response = await context.request.get(`${baseUrl}/api/v1/pay/statements/${statementId}`);
  assert.equal(response.status(), 200, `GET statement ${statementId}: ${await response.text()}`);
  const api = (await response.json()) as Statement;
  assert.ok(api.lines.length > 0, 'the statement has no lines');

  const lines = page.getByTestId('pay-line');
  assert.equal(await lines.count(), api.lines.length, 'the number of lines shown');
  const shownAmounts: number[] = [];
  for (const [i, line] of api.lines.entries()) {
    const row = lines.nth(i);
    assert.equal(
      (await row.getByTestId('pay-line-label').innerText()).trim(),
      line.label[locale],
      `line ${i + 1}'s label`,
    );
    const amountText = (await row.getByTestId('pay-line-amount').innerText()).trim();
    assert.equal(amountText, yuan(line.amountFen), `line ${i + 1}'s amount`);
    shownAmounts.push(fenOf(amountText));
    assert.equal(
      (await row.getByTestId('pay-line-explanation').innerText()).trim(),
      line.explanation[locale],
      `line ${i + 1}'s explanation`,
    );
  }
  const totalShown = fenOf((await page.getByTestId('pay-total').innerText()).trim());
  assert.equal(
    shownAmounts.reduce((sum, fen) => sum + fen, 0),
    totalShown,
    'the lines shown do not add up to the total shown',
  );
  assert.equal(totalShown, api.totalFen, "the total shown is not the API's");

  // A line's basis opens on demand: one row per input the formula read.
  const first = lines.first();
  await first.getByTestId('pay-line-toggle').click();
  const inputs = first.getByTestId('pay-line-inputs');
  await inputs.waitFor();
  const rows = inputs.locator('tbody tr.ant-table-row');
  assert.equal(await rows.count(), api.lines[0]!.inputs.length, "the first line's inputs");
  await first.getByTestId('pay-line-toggle').click();
  return api;
}

async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than the phone screen`);
}

describe('a rep reads their pay statement (工资条) in Chromium, as the demo rep rep1', () => {
  let browser: Browser;
  let signedIn: StorageState;
  let statementId: number;
  const desktop: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1280, height: 900 } };
  const phone: BrowserContextOptions = {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  };
  const session = (options: BrowserContextOptions) => ({ ...options, storageState: signedIn });

  before(async () => {
    statementId = await ensureStatementForRep1();
    browser = await launchBrowser();
    await withPage(browser, desktop, 'pay-sign-in', async (page, context) => {
      await signIn(page, 'rep1');
      signedIn = await context.storageState();
    });
  });

  after(async () => {
    await browser?.close();
  });

  test("on a desktop, every line is the API's and the lines add up to the total; the PDF downloads", () =>
    withPage(browser, session(desktop), 'pay-desktop', async (page, context) => {
      await openStatementFromMenu(page, statementId, false);
      const statement = await checkStatement(page, context, statementId, 'zh-CN');
      await snapshot(page, 'pay-statement.zh-CN.png');

      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByTestId('pay-pdf').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /\.pdf$/, 'the pay slip is not a PDF');
      assert.ok(file.suggestedFilename().includes(statement.period), 'the PDF is not named by its month');
    }));

  test('on a 390 px phone, found through the menu, in Chinese', () =>
    withPage(browser, session(phone), 'pay-phone-zh', async (page, context) => {
      await openStatementFromMenu(page, statementId, true);
      await checkStatement(page, context, statementId, 'zh-CN');
      await assertNoSidewaysScroll(page, 'the statement');
      await snapshot(page, 'pay-statement.phone.zh-CN.png');
    }));

  test('on a 390 px phone in English: the explanations are the English ones', () =>
    withPage(browser, session(phone), 'pay-phone-en', async (page, context) => {
      await page.goto(`${baseUrl}/my-pay`);
      await page.getByTestId('my-pay-list').waitFor();
      await page.getByTestId('lang-switch').click();
      await page.getByText('My pay', { exact: true }).first().waitFor();
      try {
        await snapshot(page, 'pay-my-pay.phone.en-US.png');
        await openStatementFromMenu(page, statementId, true);
        await checkStatement(page, context, statementId, 'en-US');
        await assertNoSidewaysScroll(page, 'the statement');
        await snapshot(page, 'pay-statement.phone.en-US.png');
      } finally {
        // The language is kept on rep1's account: leave it in Chinese for the other tests.
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/locale'));
        await page.getByTestId('lang-switch').click();
        assert.ok((await saved).ok(), 'the language was not saved back to Chinese');
      }
    }));
});
