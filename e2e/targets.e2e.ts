// The sales targets' browser test (issue 4): the demo team lead lead1 opens the team dashboard from the
// home page and reads each member's week and month; every figure shown must be the one GET
// /api/v1/dashboards/team answers, and the month chart must be drawn. Then the same on a 390 px phone in
// English, and the drill-down from the wider view (lead1 acts for the channel supervisor) to the team.
// Screenshots go to e2e/artifacts/targets-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { baseUrl, getJson, launchBrowser, signIn, snapshot, waitFor, withPage, yuan } from './support.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface PeriodProgress {
  target: number | null;
  actual: number;
  attainment: number | null;
  paceStatus: string;
}
interface Member {
  employeeId: number;
  name: string;
  week: PeriodProgress;
  month: PeriodProgress;
}
interface TeamDashboard {
  unit: { id: number; name: string } | null;
  totals: { week: PeriodProgress; month: PeriodProgress } | null;
  members: Member[];
  behind: { employeeId: number; name: string }[];
}
interface Overview {
  unit: { id: number; name: string } | null;
  rows: { kind: 'unit' | 'person'; id: number; name: string }[];
}

/** A target as the dashboard shows it: an amount, or an em dash without one. */
const targetText = (target: number | null) => (target === null ? '\u2014' : yuan(target));
/** Attainment as the dashboard shows it: 83.6%. */
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** One period's cell of a member row: the actual, the target, the attainment and the pace shown. */
async function checkCell(cell: Locator, p: PeriodProgress, what: string): Promise<void> {
  assert.equal((await cell.getByTestId('cell-actual').innerText()).trim(), yuan(p.actual), `${what}: actual`);
  assert.equal(
    (await cell.getByTestId('cell-target').innerText()).trim(),
    targetText(p.target),
    `${what}: target`,
  );
  assert.equal(await cell.getByTestId('pace-tag').getAttribute('data-status'), p.paceStatus, `${what}: pace`);
  const text = await cell.innerText();
  if (p.attainment !== null)
    assert.ok(text.includes(percent(p.attainment)), `${what}: no ${percent(p.attainment)}`);
}

/** Every member row against the API's members: the same people, each with the API's week and month. */
async function checkMembers(page: Page, dashboard: TeamDashboard): Promise<void> {
  const rows = page.getByTestId('dashboard-members').locator('tr[data-testid="member-row"]');
  await waitFor(
    () => rows.count(),
    (n) => n === dashboard.members.length,
    `member rows (the API lists ${dashboard.members.length})`,
  );
  for (const m of dashboard.members) {
    const row = page.locator(`tr[data-testid="member-row"][data-employee-id="${m.employeeId}"]`);
    assert.equal(await row.count(), 1, `${m.name} has no row of their own`);
    assert.equal((await row.getByTestId('member-name').innerText()).trim(), m.name);
    await checkCell(row.getByTestId('member-week'), m.week, `${m.name}'s week`);
    await checkCell(row.getByTestId('member-month'), m.month, `${m.name}'s month`);
  }
  if (dashboard.totals) {
    const month = await page.getByTestId('dashboard-month').innerText();
    assert.ok(month.includes(yuan(dashboard.totals.month.actual)), "the month card lacks the team's actual");
  }
  const behind = await page.getByTestId('dashboard-behind').innerText();
  for (const b of dashboard.behind) assert.ok(behind.includes(b.name), `${b.name} is behind but not listed`);
}

/** The chart is drawn: each canvas has a size and painted pixels. */
async function checkChartDrawn(page: Page): Promise<void> {
  for (const id of ['dashboard-chart-line', 'dashboard-chart-bars']) {
    const canvas = page.getByTestId(id).locator('canvas').first();
    await canvas.waitFor({ timeout: 20_000 });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, `${id}'s canvas is ${JSON.stringify(box)}`);
    await waitFor(
      () =>
        canvas.evaluate((element: HTMLCanvasElement) => {
          const data = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data;
          let painted = 0;
          for (let i = 3; data && i < data.length; i += 4) if (data[i]! > 0) painted += 1;
          return painted;
        }),
      (painted) => painted > 500,
      `painted pixels on ${id}`,
    );
  }
}

describe("the team lead's dashboard in Chromium, as the demo lead lead1", () => {
  let browser: Browser;
  let signedIn: StorageState;
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
    browser = await launchBrowser();
    await withPage(browser, desktop, 'targets-sign-in', async (page, context) => {
      await signIn(page, 'lead1');
      signedIn = await context.storageState();
      // The demo company's plan for this year gives every rep of lead1's team a month target.
      const team = await getJson<TeamDashboard>(context, '/api/v1/dashboards/team');
      assert.ok(team.members.length > 0, "lead1's team has no members");
      assert.ok(
        team.members.some((m) => m.month.target !== null),
        "no member of lead1's team has a target this month: the demo seed should publish a plan for this year",
      );
    });
  });

  after(async () => {
    await browser?.close();
  });

  test("from the home page, each member's week and month are the API's, and the chart is drawn", () =>
    withPage(browser, session(desktop), 'targets-dashboard', async (page, context) => {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('home-open-dashboard').click();
      await page.waitForURL(/\/dashboard/);
      const dashboard = await getJson<TeamDashboard>(context, '/api/v1/dashboards/team');
      await checkMembers(page, dashboard);
      await page
        .getByRole('heading', { level: 3, name: new RegExp(dashboard.unit?.name ?? '团队看板') })
        .waitFor();
      await checkChartDrawn(page);
      await snapshot(page, 'targets-dashboard.zh-CN.png');
    }));

  test('on a 390 px phone in English, the same figures, the chart, and no sideways scrolling', () =>
    withPage(browser, session(phone), 'targets-dashboard-phone', async (page, context) => {
      await page.goto(`${baseUrl}/dashboard`);
      await page.getByTestId('dashboard-members').waitFor();
      await page.getByTestId('lang-switch').click();
      try {
        await page.getByText('This month', { exact: true }).first().waitFor();
        const dashboard = await getJson<TeamDashboard>(context, '/api/v1/dashboards/team');
        await checkMembers(page, dashboard);
        await checkChartDrawn(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `the dashboard is ${overflow}px wider than the phone screen`);
        await snapshot(page, 'targets-dashboard.phone.en-US.png');
      } finally {
        // The language is kept on lead1's account: leave it in Chinese for the other tests.
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/locale'));
        await page.getByTestId('lang-switch').click();
        assert.ok((await saved).ok(), 'the language was not saved back to Chinese');
      }
    }));

  test('the wider view lists the team among its units; a click drills down to its members', () =>
    withPage(browser, session(desktop), 'targets-drill-down', async (page, context) => {
      const team = await getJson<TeamDashboard>(context, '/api/v1/dashboards/team');
      const overview = await getJson<Overview>(context, '/api/v1/dashboards/overview');
      const teamRow = overview.rows.find((r) => r.kind === 'unit' && r.id === team.unit?.id);
      assert.ok(teamRow, `the overview of ${overview.unit?.name} does not list the team ${team.unit?.name}`);
      await page.goto(`${baseUrl}/dashboard?view=overview`);
      const rows = page.getByTestId('overview-rows').locator('tr[data-testid="overview-row"]');
      await waitFor(
        () => rows.count(),
        (n) => n === overview.rows.length,
        `unit rows (the API lists ${overview.rows.length})`,
      );
      await checkChartDrawn(page);
      await snapshot(page, 'targets-overview.zh-CN.png');
      await page.locator(`tr[data-unit-id="${teamRow.id}"]`).getByTestId('overview-drill').click();
      await page.waitForURL(new RegExp(`unitId=${teamRow.id}`));
      await checkMembers(page, team);
      const crumbs = await page.getByTestId('dashboard-breadcrumbs').innerText();
      assert.ok(crumbs.includes(team.unit!.name), `the breadcrumbs "${crumbs}" do not end at the team`);
    }));
});
