// Shared by the console's end-to-end tests: a headless Debian Chromium driven by playwright-core (no browser
// download), the gateway the Java harness started (ConsoleBrowserTest), sign-in, and screenshots as artefacts.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const GATEWAY = process.env.JUNCTION_URL ?? 'http://127.0.0.1:8080';
export const ADMIN_KEY = process.env.JUNCTION_ADMIN_KEY ?? '';
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A fresh browser and page (its own profile); close the browser at the end. */
export async function openBrowser({ colorScheme = 'light' } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme,
    baseURL: GATEWAY });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A failed resource load (a 401 or 404 the page expects and shows) is the browser's note, not a script error.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  return { browser, context, page, problems };
}

/** Signs in with the admin key and waits for the shell. */
export async function signIn(page, key = ADMIN_KEY) {
  await page.goto('/console/');
  await page.getByLabel('Admin key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('actor').waitFor();
}

/** Saves a full-page screenshot as target/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the admin API with the admin key (for test setup, as an operator's script would). */
export async function admin(method, path, body) {
  const response = await fetch(`${GATEWAY}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Sends one OpenAI chat completion with a virtual key, as a client would. */
export async function chat(key, model, content, extra = {}) {
  const response = await fetch(`${GATEWAY}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }], ...extra }),
  });
  return { status: response.status, body: await response.text() };
}

/** A unique name for this run, so tests never collide with each other's data. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
