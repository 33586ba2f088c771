// Shared pieces of the e2e tests: where the server is, how to start Chromium, how to sign in.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const DEMO_PASSWORD = 'zuzhang-demo';

/** Set by e2e/run.mjs; the tests need a running server. */
export const baseUrl = (() => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the e2e tests with `npm run test:e2e`.');
  return url.replace(/\/$/, '');
})();

export const artifactsDir = process.env.E2E_ARTIFACTS ?? path.resolve(import.meta.dirname, 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export function artifact(name: string): string {
  return path.join(artifactsDir, name);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs `work` on a fresh page in a new context. Uncaught page errors fail the test; when `work` throws,
 * every open page is saved as failure-<name>-<n>.png in the artifacts. The context is always closed.
 */
export async function withPage(
  browser: Browser,
  options: BrowserContextOptions,
  name: string,
  work: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext(options);
  const errors: string[] = [];
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(error.message)));
  try {
    const page = await context.newPage();
    await work(page, context);
    assert.deepEqual(errors, [], `the page threw: ${errors.join('; ')}`);
  } catch (error) {
    await Promise.all(
      context
        .pages()
        .map((page, n) =>
          page.screenshot({ path: artifact(`failure-${name}-${n}.png`), fullPage: true }).catch(() => {}),
        ),
    );
    throw error;
  } finally {
    await context.close();
  }
}

/** Signs in through the login form and waits until the app has left /login. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** Cookies from a fetch response's Set-Cookie headers, as name → value. */
export function readSetCookies(response: Response): Map<string, { value: string; attributes: string }> {
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) {
      cookies.set(pair.slice(0, eq).trim(), {
        value: pair.slice(eq + 1).trim(),
        attributes: attributes.join(';').trim(),
      });
    }
  }
  return cookies;
}

/** Integer fen as the app shows it: ¥1,234.50 (or -¥1,234.50). */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "¥1,234.50" (or "-¥1,234.50", or "1234.5" from an input) as integer fen. */
export function fenOf(text: string): number {
  const cleaned = text.replace(/[¥,\s]/g, '');
  assert.match(cleaned, /^-?\d+(\.\d{1,2})?$/, `"${text}" is not an amount`);
  const [whole = '0', cents = ''] = cleaned.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -fen : fen;
}

/** GET an API path with the context's cookies; anything but 200 fails the test with the body. */
export async function getJson<T>(context: BrowserContext, path: string): Promise<T> {
  const response = await context.request.get(baseUrl + path);
  assert.equal(response.status(), 200, `GET ${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls `read` until `check` holds (short polls, no fixed sleeps) and returns the value; fails after `timeout`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(value)} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** A screenshot into the artifacts folder, from the top of the page. */
export async function snapshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifact(name), fullPage });
}
