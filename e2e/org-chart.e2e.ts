// The foundation's browser test (issue 2): the demo sales VP signs in, reads the org chart in Chinese,
// switches to English, opens the 销售组组长 job description's print view and its PDF, and looks at the
// org chart on a phone. Screenshots go to e2e/artifacts/.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { artifact, baseUrl, launchBrowser, signIn, withPage } from './support.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Lines of the seed's 销售组组长 job description (岗位职责说明书范例) that the print view must carry. */
const SEED_SUMMARY = '全面负责本销售组的市场及营销工作';
const SEED_HEADCOUNT = '2+2';
const SEED_SUPERIOR = '渠道拓展主管';

const ENGLISH = { label: /English|^EN$|en-US/i, proof: /Org chart/i };
const CHINESE = { label: /中文|简体|^中$|zh-CN/i, proof: /组织架构/ };

async function isShown(locator: Locator): Promise<boolean> {
  return locator
    .first()
    .isVisible()
    .catch(() => false);
}

/**
 * Switches the interface language with the lang-switch control, whether it is a toggle (the language
 * changes on click) or a menu / select (the click shows the choices, then we pick one).
 */
async function chooseLanguage(page: Page, language: typeof ENGLISH): Promise<void> {
  const proof = page.getByText(language.proof);
  const choice = page
    .locator(
      '[role=menuitem], [role=menuitemradio], [role=option], .ant-select-item-option, .ant-dropdown-menu-item',
    )
    .filter({ hasText: language.label, visible: true });
  await page.getByTestId('lang-switch').click();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await isShown(proof)) return;
    if (await isShown(choice)) await choice.first().click();
    await page.waitForTimeout(100);
  }
  assert.fail(`after using lang-switch, no text matching ${language.proof} appeared`);
}

/** Follows the jd-print control to the print view, whether it opens a new tab or navigates in place. */
async function openPrintView(context: BrowserContext, page: Page): Promise<Page> {
  const popup = context.waitForEvent('page', { timeout: 10_000 }).catch(() => null);
  const urlBefore = page.url();
  await page.getByTestId('jd-print').click();
  const printPage = (await popup) ?? page;
  if (printPage === page) await page.waitForURL((url) => url.href !== urlBefore, { timeout: 20_000 });
  await printPage.waitForLoadState('load');
  return printPage;
}

/**
 * Finds a position through the API, with the signed-in context's cookies: by its name, or its name with a
 * region in brackets (the demo has 销售组组长（华东） and 销售组组长（华南）, each with the seed's JD).
 */
async function findPositionId(context: BrowserContext, name: string): Promise<number> {
  const response = await context.request.get(`${baseUrl}/api/v1/org/positions?q=${encodeURIComponent(name)}`);
  assert.equal(response.status(), 200, `GET /api/v1/org/positions?q=${name} answered ${response.status()}`);
  const body = (await response.json()) as
    { items?: { id: number; name: string }[] } | { id: number; name: string }[];
  const items = Array.isArray(body) ? body : (body.items ?? []);
  const position = items.find((item) => item.name === name || new RegExp(`^${name}[（(]`).test(item.name));
  assert.ok(position, `no position named ${name} in ${JSON.stringify(items.map((item) => item.name))}`);
  return position.id;
}

/** Opens the position's page and its job-description tab. */
async function openJobDescription(page: Page, positionId: number): Promise<void> {
  await page.goto(`${baseUrl}/positions/${positionId}`);
  await page.getByRole('tab', { name: /岗位职责说明书|Job description/i }).click();
  await page.getByTestId('jd-print').waitFor();
}

describe('org chart and job descriptions in Chromium, as the demo sales VP', () => {
  let browser: Browser;
  let signedIn: StorageState;
  const desktop: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1366, height: 900 } };
  const phone: BrowserContextOptions = {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  };
  const session = (options: BrowserContextOptions) => ({ ...options, storageState: signedIn });

  before(async () => {
    browser = await launchBrowser();
    await withPage(browser, desktop, 'sign-in', async (page, context) => {
      await signIn(page, 'vp');
      signedIn = await context.storageState();
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('the org chart opens in Chinese from the navigation', () =>
    withPage(browser, session(desktop), 'org-zh', async (page) => {
      await page.goto(baseUrl + '/');
      await page.getByTestId('nav-org').click();
      await page.waitForURL(/\/org(\b|$)/);
      await page.getByTestId('org-chart').waitFor();
      await page.getByText('销售副总').first().waitFor();
      await page.getByText('组织架构').first().waitFor();
      await page.screenshot({ path: artifact('org-chart.zh-CN.png'), fullPage: true });
    }));

  test('lang-switch turns the interface to English and back to Chinese', () =>
    withPage(browser, session(desktop), 'org-en', async (page) => {
      await page.goto(baseUrl + '/org');
      await page.getByTestId('org-chart').waitFor();
      await chooseLanguage(page, ENGLISH);
      await page.getByTestId('org-chart').waitFor();
      assert.equal(await isShown(page.getByText(CHINESE.proof)), false, '组织架构 is still shown in English');
      await page.screenshot({ path: artifact('org-chart.en-US.png'), fullPage: true });
      // Leave the VP in Chinese, the language the rest of the run (and the phone screenshot) expects.
      await chooseLanguage(page, CHINESE);
    }));

  test('the 销售组组长 job description prints with the seed text', () =>
    withPage(browser, session(desktop), 'jd-print', async (page, context) => {
      await openJobDescription(page, await findPositionId(context, '销售组组长'));
      const printPage = await openPrintView(context, page);
      const text = await printPage.locator('body').innerText();
      for (const expected of [SEED_SUMMARY, SEED_HEADCOUNT, SEED_SUPERIOR, '销售组组长']) {
        assert.ok(text.includes(expected), `the print view (${printPage.url()}) lacks "${expected}"`);
      }
      await printPage.screenshot({ path: artifact('jd-print.销售组组长.png'), fullPage: true });
      // What the browser's own print dialog would put on A4 paper, kept for a look at the layout.
      await printPage.pdf({
        path: artifact('jd-print.销售组组长.browser.pdf'),
        format: 'A4',
        printBackground: true,
      });
    }));

  test('the 销售组组长 job description downloads as a PDF', () =>
    withPage(browser, session(desktop), 'jd-pdf', async (page, context) => {
      await openJobDescription(page, await findPositionId(context, '销售组组长'));
      const control = page.getByTestId('jd-pdf');
      const href = await control.getAttribute('href');
      let pdf: Buffer;
      if (href) {
        const response = await context.request.get(new URL(href, page.url()).href);
        assert.equal(response.status(), 200, `GET ${href} answered ${response.status()}`);
        assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
        pdf = await response.body();
      } else {
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          control.click(),
        ]);
        const file = await download.path();
        assert.ok(file, 'the PDF download did not finish');
        pdf = await readFile(file);
      }
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is not a PDF');
      // A4 is 595 × 842 points; Chromium writes each page's size uncompressed.
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
      assert.ok(box, 'the PDF has no page size');
      assert.ok(
        Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2,
        `the PDF page is ${box[1]} × ${box[2]} pt, not A4`,
      );
      await writeFile(artifact('jd.销售组组长.pdf'), pdf);
    }));

  test('the org chart fits a 390 × 844 phone screen', () =>
    withPage(browser, session(phone), 'org-phone', async (page) => {
      await page.goto(baseUrl + '/org');
      await page.getByTestId('org-chart').waitFor();
      await page.getByText('销售副总').first().waitFor();
      await page.screenshot({ path: artifact('org-chart.phone.png'), fullPage: true });
      // The chart may scroll inside its own box; the page itself must not scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone screen`);
    }));
});
