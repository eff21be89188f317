// Loads the console's overview in a fresh headless Chromium profile RUNS times and prints the first contentful
// paint and the time until every stat card shows a figure. Run by console-paint.sh, which starts the gateway.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'junction-console', 'package.json'));
const { chromium } = require('playwright-core');

const url = process.env.JUNCTION_URL;
const key = process.env.JUNCTION_ADMIN_KEY;
const runs = Number(process.env.RUNS ?? 5);
// The overview's range: its default (the last hour), or e.g. ?range=30d for a month of the seeded rows.
const path = `/console/${process.env.PAINT_QUERY ?? ''}`;
// The overview marks its figures with data-testid="stat-…" (StatCard); it is ready when each holds a digit.
const READY = () => {
  const cards = [...document.querySelectorAll('[data-testid^="stat-"]')];
  return cards.length > 0 && cards.every((c) => /\d/.test(c.textContent ?? ''));
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
    const signIn = await context.request.post('/api/admin/session', { data: { key } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(path, { waitUntil: 'commit' });
    await page.waitForFunction(READY, null, { timeout: 30_000, polling: 'raf' });
    const ready = Date.now() - start;
    const fcp = await page.evaluate(() =>
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    results.push({ fcp: Math.round(fcp), ready });
    console.log(`run ${i + 1}: first contentful paint ${Math.round(fcp)} ms, figures shown ${ready} ms`);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`median of ${runs}: first contentful paint ${median(results.map((r) => r.fcp))} ms, `
  + `figures shown ${median(results.map((r) => r.ready))} ms`);
