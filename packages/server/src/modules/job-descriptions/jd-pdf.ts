import { existsSync } from 'node:fs';

/**
 * PDF of a printed job description through the Debian Chromium on the machine (ARCHITECTURE.md: PDF through
 * Chromium, no downloads at run time). Chinese needs a CJK font installed system-wide (fonts-wqy-microhei or
 * fonts-noto-cjk); without one the PDF shows boxes.
 */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** No Chromium to print with: the route maps this to 503 `unavailable`, telling the operator what to install. */
export class PdfUnavailableError extends Error {
  override readonly name = 'PdfUnavailableError';
  constructor(readonly executablePath: string) {
    super(
      `Chromium was not found at ${executablePath}, so PDFs cannot be made. Install the Debian packages ` +
        '`chromium` and `fonts-wqy-microhei` (apt-get install -y chromium fonts-wqy-microhei), ' +
        'or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
}

function readConfiguredPath(): string {
  const configured = process.env.CHROMIUM_PATH?.trim();
  return configured === undefined || configured === '' ? DEFAULT_CHROMIUM_PATH : configured;
}

/**
 * The Chromium to use: CHROMIUM_PATH when set (and only it, so a wrong setting is reported rather than
 * silently replaced), else /usr/bin/chromium; null when that file does not exist.
 */
export function findChromium(): string | null {
  const path = readConfiguredPath();
  return existsSync(path) ? path : null;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A4 PDF of a standalone HTML document; the page size and margins come from its `@page` rule. */
export async function renderPdf(html: string): Promise<Buffer> {
  const executablePath = findChromium();
  if (executablePath === null) throw new PdfUnavailableError(readConfiguredPath());
  // Loaded on first use: playwright-core costs ~350 ms to import, which start-up should not pay.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
