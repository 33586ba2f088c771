// The sales ledger's browser test (issue 3): the demo rep rep1 enters an order for one of their customers,
// records the customer's payment against it (double-clicking the submit button, which must still make one
// receipt), and reads the receivables ageing page; then enters an order on a phone. Screenshots go to
// e2e/artifacts/ledger-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import {
  baseUrl,
  fenOf,
  getJson,
  launchBrowser,
  signIn,
  snapshot,
  waitFor,
  withPage,
  yuan,
} from './support.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface Customer {
  id: number;
  name: string;
  ownerEmployeeId: number | null;
  category: string;
  vettingStatus: string;
}
interface OrderLine {
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}
interface Order {
  id: number;
  no: string;
  customerId: number;
  status: string;
  totalFen: number;
  lines: OrderLine[];
  balance: { allocatedFen: number; openFen: number };
}
interface Receipt {
  id: number;
  customerId: number;
  amountFen: number;
  payer: string;
  reference: string;
  receivedOn: string;
  unallocatedFen: number;
  allocations: { orderId: number; amountFen: number }[];
  createdAt: string;
}
interface AgeingReport {
  asOf: string;
  rows: { id: number | null; name: string; totalFen: number }[];
  totals: { totalFen: number; orderCount: number };
}

/** Orders that take receipts (the server's RECEIVABLE_ORDER_STATUSES). */
const RECEIVABLE = ['confirmed', 'partially_shipped', 'shipped', 'completed'];

/** One of the signed-in rep's own customers, found through the API with the page's cookies. */
async function findOwnCustomer(context: BrowserContext, skip: number[] = []): Promise<Customer> {
  const page = await getJson<{ items: Customer[] }>(context, '/api/v1/customers?pageSize=20');
  // An end customer: dealers' and agents' price lists may quote below the discount floor, and such an
  // order waits for a manager's approval before it takes money.
  const customer = page.items.find(
    (c) =>
      c.ownerEmployeeId !== null &&
      c.category === 'end_customer' &&
      c.vettingStatus === 'approved' &&
      !skip.includes(c.id),
  );
  assert.ok(customer, `rep1 has no customer of their own: ${JSON.stringify(page.items.map((c) => c.name))}`);
  return customer;
}

/** Text that starts with `name`, alone or followed by " (…)": a customer option is "name (owner)". */
function labelled(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(|$)`);
}

/**
 * Picks an option of an antd Select: opens it, types `search` (when given) and clicks the option whose text
 * matches `option`, or the first option. The options are looked up in this Select's own popup.
 */
async function pickOption(
  page: Page,
  select: Locator,
  { search, option }: { search?: string; option?: RegExp },
): Promise<void> {
  const input = select.locator('input');
  const inputId = await input.getAttribute('id');
  assert.ok(inputId, 'the Select has no input id');
  await select.click();
  const popup = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${inputId}_list"]`) });
  const options = popup.locator('.ant-select-item-option');
  if (search) {
    await input.fill(search);
    // The picker asks the server after a pause: wait for its answer, not the list shown before it, which
    // would be replaced under the click.
    await waitFor(
      () => options.allInnerTexts(),
      (texts) => texts.length > 0 && texts.every((text) => text.includes(search)),
      `the options found for "${search}"`,
    );
  }
  const target = option ? options.filter({ hasText: option }).first() : options.first();
  await target.waitFor({ timeout: 15_000 });
  const label = (await target.innerText()).trim();
  await target.click();
  await waitFor(
    async () => ({ shown: (await select.innerText()).trim(), open: await popup.isVisible() }),
    (state) => state.shown.includes(label) && !state.open,
    `the picker to show "${label}" and close`,
  );
}

/** Replaces an antd InputNumber's value, committing it with Tab. */
async function typeNumber(input: Locator, value: string): Promise<void> {
  await input.fill(value);
  await input.press('Tab');
}

interface LinePlan {
  quantity: number;
  /** Type a price this many fen above the quoted one; without it the quote is kept. */
  raiseFen?: number;
}

/**
 * Fills the order form at /orders/new: the customer (typed in part, then clicked), then one line per plan,
 * each with the first product of the picker. Returns what the estimate shows once every line is complete.
 */
async function fillOrder(page: Page, customer: Customer, plans: LinePlan[]): Promise<string> {
  const form = page.getByTestId('order-form');
  await form.waitFor();
  await pickOption(page, form.getByTestId('order-customer'), {
    search: customer.name.slice(0, 4),
    option: labelled(customer.name),
  });
  for (const [i, plan] of plans.entries()) {
    if (i > 0) await form.getByTestId('order-add-line').click();
    const line = form.getByTestId('order-line').nth(i);
    await line.waitFor();
    await pickOption(page, line.getByTestId('order-line-product'), {});
    const quantity = line.getByTestId('order-line-quantity');
    await typeNumber(quantity, String(plan.quantity));
    // The unit price is filled in from the customer's quote once it has loaded.
    const price = line.getByTestId('order-line-price');
    const quoted = await waitFor(
      () => price.inputValue(),
      (v) => v !== '',
      `line ${i + 1}'s quoted price`,
    );
    if (plan.raiseFen) await typeNumber(price, (fenOf(quoted) + plan.raiseFen) / 100 + '');
    assert.equal(await quantity.inputValue(), String(plan.quantity), `line ${i + 1}'s quantity`);
  }
  assert.equal(await form.getByTestId('order-line').count(), plans.length, 'the number of order lines');
  assert.equal(
    await form.getByTestId('order-line-below-floor').count(),
    0,
    'a line is below its discount floor (the order would wait for approval)',
  );
  // The estimate is complete (every line has its quote) and not zero.
  return waitFor(
    () => form.getByTestId('order-estimate').innerText(),
    (text) => fenOf(text) > 0,
    'the order estimate',
  );
}

/** Submits the order form; checks the order page against GET /api/v1/orders/:id and returns the order. */
async function submitAndCheckOrder(
  page: Page,
  context: BrowserContext,
  customer: Customer,
  estimate: string,
  lineCount: number,
): Promise<Order> {
  await page.getByTestId('order-submit').click();
  await page.waitForURL(/\/orders\/\d+$/, { timeout: 20_000 });
  const orderId = Number(/\/orders\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
  const order = await getJson<Order>(context, `/api/v1/orders/${orderId}`);
  assert.equal(order.customerId, customer.id, 'the order is not for the chosen customer');
  assert.equal(order.lines.length, lineCount, 'the order does not have the lines entered');
  assert.equal(
    order.totalFen,
    order.lines.reduce((sum, line) => sum + line.amountFen, 0),
    "the order's total is not the sum of its lines' amounts",
  );
  assert.equal(
    yuan(order.totalFen),
    estimate.trim(),
    'the estimate before submitting differs from the total',
  );
  assert.ok(RECEIVABLE.includes(order.status), `the new order is ${order.status}, not owed money`);
  // The order page shows the number and the total the API has.
  await page.getByRole('heading', { level: 3, name: order.no }).waitFor();
  const total = page.locator('.ant-statistic').first().locator('.ant-statistic-content');
  await waitFor(
    () => total.innerText(),
    (text) => text.trim() === yuan(order.totalFen),
    'the total on the order page',
  );
  const amounts = page.locator('.ant-table-tbody tr.ant-table-row');
  assert.equal(await amounts.count(), order.lines.length, 'the order page lists a different number of lines');
  for (const [i, line] of order.lines.entries()) {
    const rowText = await amounts.nth(i).innerText();
    assert.ok(
      rowText.includes(yuan(line.amountFen)),
      `line ${i + 1} on the page lacks ${yuan(line.amountFen)}`,
    );
  }
  return order;
}

/** The ageing table's summary row: the total open receivables and the order count it shows. */
async function tableTotals(table: Locator): Promise<{ totalFen: number; orderCount: number }> {
  const cells = table.locator('.ant-table-summary tr').first().locator('td');
  const count = await cells.count();
  return {
    totalFen: fenOf(await cells.nth(count - 2).innerText()),
    orderCount: Number((await cells.nth(count - 1).innerText()).trim()),
  };
}

/** Checks the ageing page as shown (chart drawn, rows, totals) against the API for `groupBy`. */
async function checkAgeing(
  page: Page,
  context: BrowserContext,
  groupBy: 'customer' | 'owner',
): Promise<AgeingReport> {
  const report = await getJson<AgeingReport>(context, `/api/v1/receivables/ageing?groupBy=${groupBy}`);
  assert.ok(report.rows.length > 0, `the ageing report by ${groupBy} is empty`);
  assert.equal(
    report.rows.reduce((sum, row) => sum + row.totalFen, 0),
    report.totals.totalFen,
    `the API's ageing rows by ${groupBy} do not add up to its total`,
  );
  const table = page.getByTestId('ageing-table');
  const rows = table.locator('.ant-table-tbody tr.ant-table-row');
  await waitFor(
    () => rows.count(),
    (n) => n === Math.min(50, report.rows.length),
    `rows of the ageing table by ${groupBy}`,
  );
  const shown = await waitFor(
    () => tableTotals(table),
    (totals) => totals.totalFen === report.totals.totalFen,
    `the ageing table's total by ${groupBy} (the API says ${yuan(report.totals.totalFen)})`,
  );
  assert.equal(shown.orderCount, report.totals.orderCount, `the ageing table's order count by ${groupBy}`);

  // The chart is drawn: a canvas with a size and some painted pixels.
  const canvas = page.getByTestId('ageing-chart').locator('canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `the ageing chart's canvas is ${JSON.stringify(box)}`);
  await waitFor(
    () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const data = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data;
        let painted = 0;
        for (let i = 3; data && i < data.length; i += 4) if (data[i]! > 0) painted += 1;
        return painted;
      }),
    (painted) => painted > 100,
    'painted pixels on the ageing chart',
  );
  return report;
}

describe('orders, receipts and receivables ageing in Chromium, as the demo rep rep1', () => {
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
  /** Set by the order test, used by the receipt test. */
  let customer: Customer | undefined;
  let order: Order | undefined;

  before(async () => {
    browser = await launchBrowser();
    await withPage(browser, desktop, 'ledger-sign-in', async (page, context) => {
      await signIn(page, 'rep1');
      signedIn = await context.storageState();
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('an order entered with two lines is booked with the total the estimate showed', () =>
    withPage(browser, session(desktop), 'ledger-order', async (page, context) => {
      customer = await findOwnCustomer(context);
      await page.goto(`${baseUrl}/orders`);
      await page.getByTestId('order-create').click();
      await page.waitForURL(/\/orders\/new$/);
      const estimate = await fillOrder(page, customer, [{ quantity: 3 }, { quantity: 2, raiseFen: 150 }]);
      await snapshot(page, 'ledger-order-entry.png');
      order = await submitAndCheckOrder(page, context, customer, estimate, 2);
      assert.equal(order.balance.openFen, order.totalFen, 'a new order owes less than its total');
      await snapshot(page, 'ledger-order-page.png');
    }));

  test('a receipt for the order, double-clicked, is recorded once and pays the order', (t) =>
    withPage(browser, session(desktop), 'ledger-receipt', async (page, context) => {
      assert.ok(customer && order, 'the order test did not leave an order to pay');
      const paid = order;
      const reference = `E2E-${Date.now()}`;
      await page.goto(`${baseUrl}/receipts`);
      await page.getByTestId('receipt-create').click();
      const form = page.getByTestId('receipt-form');
      await form.waitFor();
      await pickOption(page, form.getByTestId('receipt-customer'), {
        search: customer.name.slice(0, 4),
        option: labelled(customer.name),
      });
      await typeNumber(form.getByTestId('receipt-amount'), String(paid.totalFen / 100));
      await form.locator('input#reference').fill(reference);
      // The payer defaults to the customer's name.
      const payer = await waitFor(
        () => form.locator('input#payer').inputValue(),
        (v) => v !== '',
        'the payer',
      );
      assert.equal(payer, customer.name);
      const receivedOn = await form.locator('input#receivedOn').inputValue();
      assert.match(receivedOn, /^\d{4}-\d{2}-\d{2}$/, 'the receipt date (today) is not filled in');

      // Pay exactly this order: choose the orders, then put the whole amount on ours and nothing elsewhere.
      await form.locator('label.ant-radio-wrapper', { has: page.locator('input[value="choose"]') }).click();
      const ours = form.getByRole('spinbutton', { name: paid.no, exact: true });
      await ours.waitFor();
      // One amount field per open order, labelled with the order number.
      const orderNos = await form
        .locator('input[role="spinbutton"][aria-label]')
        .evaluateAll((fields) => fields.map((field) => field.getAttribute('aria-label') ?? ''));
      for (const no of orderNos.filter((no) => no !== paid.no)) {
        const field = form.getByRole('spinbutton', { name: no, exact: true });
        if ((await field.inputValue()) !== '') await typeNumber(field, '');
      }
      await typeNumber(ours, String(paid.totalFen / 100));
      // Nothing left over for the customer's credit, nothing allocated beyond the amount.
      assert.equal(await form.locator('.ant-alert-warning, .ant-alert-error').count(), 0);

      let posts = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/receipts') posts += 1;
      });
      const before = Date.now();
      await page.getByTestId('receipt-submit').dblclick();
      const result = page.getByTestId('receipt-result');
      await result.first().waitFor();
      assert.ok(
        (await result.first().innerText()).includes(paid.no),
        'the result does not name the order paid',
      );
      await page.waitForLoadState('networkidle');
      t.diagnostic(`the double click sent ${posts} POST /api/v1/receipts`);
      // The result is a dialog over the list: the window as the rep sees it, once the dialog has zoomed in.
      const dialog = page.locator('.ant-modal', { has: result });
      await waitFor(
        () => dialog.first().getAttribute('class'),
        (className) => !/ant-zoom/.test(className ?? 'ant-zoom'),
        'the result dialog to finish opening',
      );
      await snapshot(page, 'ledger-receipt.png', false);
      assert.equal(
        await result.count(),
        1,
        'a double click on the submit button showed the "receipt recorded" result more than once',
      );

      // Through the API: one receipt, for the amount, paying the order in full.
      const receipts = await getJson<{ items: Receipt[] }>(
        context,
        `/api/v1/receipts?customerId=${customer.id}&from=${receivedOn}&to=${receivedOn}&pageSize=200`,
      );
      const mine = receipts.items.filter(
        (r) =>
          r.payer === payer &&
          r.amountFen === paid.totalFen &&
          Date.parse(r.createdAt) >= before - 60_000 &&
          r.reference === reference,
      );
      assert.equal(mine.length, 1, `receipts recorded by the double click: ${JSON.stringify(mine)}`);
      const [receipt] = mine as [Receipt];
      assert.deepEqual(
        receipt.allocations.map((a) => [a.orderId, a.amountFen]),
        [[paid.id, paid.totalFen]],
      );
      assert.equal(receipt.unallocatedFen, 0);
      const afterwards = await getJson<Order>(context, `/api/v1/orders/${paid.id}`);
      assert.equal(afterwards.balance.openFen, paid.balance.openFen - receipt.allocations[0]!.amountFen);
      assert.equal(afterwards.balance.allocatedFen, paid.balance.allocatedFen + paid.totalFen);
    }));

  test('the ageing page draws the chart and totals what the API reports', () =>
    withPage(browser, session(desktop), 'ledger-ageing', async (page, context) => {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('nav-receivables').click();
      await page.waitForURL(/\/ageing/);
      await page.waitForLoadState('networkidle');
      await checkAgeing(page, context, 'customer');
      await snapshot(page, 'ledger-ageing.png');
      // The same page grouped by owner: rep1 sees only their own receivables.
      await page.locator('.ant-segmented-item').nth(1).click();
      await page.waitForURL(/groupBy=owner/);
      const byOwner = await checkAgeing(page, context, 'owner');
      const me = await getJson<{ employee: { id: number } }>(context, '/api/v1/auth/me');
      assert.deepEqual(
        byOwner.rows.map((row) => row.id),
        [me.employee.id],
        'rep1 sees receivables of other owners',
      );
    }));

  test('an order can be entered on a 390 × 844 phone, and the ageing page found in its menu', () =>
    withPage(browser, session(phone), 'ledger-phone', async (page, context) => {
      const phoneCustomer = await findOwnCustomer(context, customer ? [customer.id] : []);
      await page.goto(`${baseUrl}/orders/new`);
      const estimate = await fillOrder(page, phoneCustomer, [{ quantity: 5 }]);
      // The estimate and the submit button stay on screen; the page does not scroll sideways.
      const submit = await page.getByTestId('order-submit').boundingBox();
      assert.ok(
        submit && submit.y + submit.height <= 844 && submit.x + submit.width <= 390,
        'submit is off screen',
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the order form is ${overflow}px wider than the phone screen`);
      await snapshot(page, 'ledger-order-entry.phone.png');
      await submitAndCheckOrder(page, context, phoneCustomer, estimate, 1);

      // The menu is a drawer; its money group is closed until tapped.
      await page.getByTestId('nav-toggle').click();
      await page.getByTestId('nav-group-money').click();
      await page.getByTestId('nav-receivables').click();
      await page.waitForURL(/\/ageing/);
      await checkAgeing(page, context, 'customer');
    }));
});
