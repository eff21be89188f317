import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { admin, chat, openBrowser, screenshot, signIn, unique } from './support.mjs';

/** The number a stat card shows ("1,234" → 1234). */
async function figure(page, testId) {
  const text = await page.getByTestId(testId).locator('p, div').nth(1).innerText();
  return Number(text.replace(/[^0-9.]/g, ''));
}

/** Waits until fn() is true, re-checking every 500 ms (the figures refresh on live events and every 15 s). */
async function until(fn, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('the overview counts traffic and errors, tails live requests; analytics groups by provider and exports CSV',
  async () => {
    const { browser, page, problems } = await openBrowser();
    try {
      const user = await admin('POST', '/users', { name: unique('watcher') });
      const issued = await admin('POST', '/keys', { user_id: user.id, name: unique('overview-key') });

      await signIn(page);
      await page.goto('/console/?range=1h');
      await page.getByTestId('stat-requests').waitFor();
      // Every figure holds a digit, even before this test's traffic (a benchmark waits for that).
      await until(async () => (await page.locator('[data-testid^="stat-"]').allInnerTexts()).every((t) => /\d/.test(t)),
        'every stat card to hold a digit');
      const before = await figure(page, 'stat-requests');
      const errorsBefore = Number((await page.getByTestId('stat-errors').innerText()).replace(/[^0-9]/g, ''));

      const sent = 3;
      for (let i = 0; i < sent; i++) {
        const r = await chat(issued.key, 'chat', `hello ${i}`);
        assert.equal(r.status, 200, r.body);
      }
      const failed = await chat(issued.key, 'flaky', 'this one fails');
      assert.ok(failed.status >= 500, `flaky answers an error (${failed.status})`);

      await until(async () => await figure(page, 'stat-requests') >= before + sent + 1,
        `the requests figure to reach ${before + sent + 1}`);
      await until(async () => Number((await page.getByTestId('stat-errors').innerText()).replace(/[^0-9]/g, ''))
        > errorsBefore, 'an error to be counted');
      // The key and its user show among the top ones, by name.
      await page.getByTestId('top-key').getByText(issued.name).waitFor();
      await page.getByTestId('top-user').getByText(user.name).waitFor();

      // One more request, with the page open, arrives in the live tail.
      await page.getByTestId('tail-status').filter({ hasText: 'live' }).waitFor();
      const last = await chat(issued.key, 'chat', 'live one');
      assert.equal(last.status, 200, last.body);
      await page.getByTestId('live-tail').getByRole('cell', { name: issued.name }).first().waitFor();
      await screenshot(page, 'overview');

      // Paused, the tail keeps its rows and counts what it skipped.
      await page.getByLabel('Pause live tail').check({ force: true });
      await page.getByTestId('tail-status').filter({ hasText: 'paused' }).waitFor();
      await page.getByLabel('Pause live tail').uncheck({ force: true });

      // Dark theme.
      const dark = await openBrowser({ colorScheme: 'dark' });
      try {
        await signIn(dark.page);
        await dark.page.goto('/console/?range=1h');
        await until(async () => await figure(dark.page, 'stat-requests') >= before + sent + 1, 'dark figures');
        await dark.page.getByTestId('chart-requests').waitFor();
        await screenshot(dark.page, 'overview-dark');
        await dark.page.goto('/console/analytics?range=1h&group_by=provider');
        await dark.page.getByRole('table', { name: 'Groups' }).getByRole('cell', { name: 'mockai', exact: true }).waitFor();
        await screenshot(dark.page, 'analytics-dark');
        assert.deepEqual(dark.problems, []);
      } finally {
        await dark.browser.close();
      }

      // Analytics: grouped by provider (picked in the page) shows mockai; the view goes to the URL.
      await page.goto('/console/analytics?range=1h&group_by=');
      const table = page.getByRole('table', { name: 'Groups' });
      await table.getByRole('cell', { name: 'All traffic' }).waitFor();
      await page.getByRole('combobox', { name: 'Group by' }).click();
      await page.getByRole('option', { name: 'Provider' }).click();
      await page.keyboard.press('Escape');
      await table.getByRole('cell', { name: 'mockai', exact: true }).waitFor();
      assert.match(page.url(), /group_by=provider/);
      // Filtered to this test's key: its four chats went to mockai.
      await page.getByRole('button', { name: /^Filters/ }).click();
      await page.getByRole('combobox', { name: 'Key', exact: true }).fill(issued.name);
      await page.getByRole('option', { name: new RegExp(issued.name) }).click();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const mockRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'mockai', exact: true }) });
      await until(async () => (await mockRow.getByRole('cell').nth(1).innerText()).trim() === String(sent + 1),
        `the key's ${sent + 1} mockai requests`);
      await page.getByRole('table', { name: 'Reliability' }).getByRole('cell', { name: 'chat-a' }).first().waitFor();
      await screenshot(page, 'analytics');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      assert.match(lines[0], /^provider,requests,errors,/);
      assert.ok(lines.some((l) => l.startsWith(`mockai,${sent + 1},0,`)), `a mockai row in:\n${csv}`);

      // The view lives in the URL: a reload keeps the grouping and the filter.
      assert.match(page.url(), new RegExp(`key=${issued.id}`));
      await page.reload();
      await mockRow.first().waitFor();
      assert.equal((await mockRow.getByRole('cell').nth(1).innerText()).trim(), String(sent + 1));
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
