// Shared set-up for the browser tests: Debian's Chromium, headless, with
// SwiftShader WebGL2 and no background networking, driven by playwright-core.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const outDir = resolve(root, 'tests/e2e/out');
export const pagePath = process.env.WHOSAID_PAGE || resolve(root, 'dist/whosaid.html');
export const pageUrl = pathToFileURL(pagePath).href;
mkdirSync(outDir, { recursive: true });

// The seed article from the shared data when it is there (read at test time,
// never copied into the project), else the team's own sample.
export function seedArticle() {
  const shared = resolve(root, '../shared/data/gold/sochi.txt');
  return readFileSync(existsSync(shared) ? shared : resolve(root, 'assets/sample.txt'), 'utf8');
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
           '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
           '--disable-quic', '--allow-file-access-from-files'],
  });
}

// Opens the page and records every request other than the page itself, and
// every console error or uncaught exception.
export async function openPage(browser, options = {}, query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  page.on('request', (r) => { const u = r.url(); if (!u.startsWith(pageUrl) && !u.startsWith('data:') && !u.startsWith('blob:')) seen.requests.push(u); });
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.goto(pageUrl + query);
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true, null, { timeout: 30000 });
  return { context, page, seen };
}

// Pastes text the way a user's Ctrl+V does: a paste event with clipboard data.
export async function paste(page, text) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

// Waits for two animation frames so the canvas shows the latest state.
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
