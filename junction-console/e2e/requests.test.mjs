import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, chat, openBrowser, screenshot, signIn, unique } from './support.mjs';

/** The input of a label exactly (Mantine adds " *" to a required field's label). */
function field(scope, label) {
  return scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

/** Waits until the admin API's log has `count` entries matching the query; returns them. */
async function logged(query, count) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await admin('GET', `/requests?${new URLSearchParams(query)}`);
    if (page.data.length >= count) return page.data;
    if (Date.now() > deadline) throw new Error(`only ${page.data.length} of ${count} entries for ${JSON.stringify(query)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('request log: live rows, filters, a request with its attempts, costs and headers; health and reset', async () => {
  const { browser, page, problems } = await openBrowser();
  const user = await admin('POST', '/users', { name: unique('logs-user') });
  const key = await admin('POST', '/keys', { user_id: user.id, name: unique('logs-key'), capture_bodies: true });
  const rows = page.locator('[data-testid=request-row]');
  try {
    await signIn(page);

    // The log of this key only (other tests share the gateway); nothing yet.
    await page.goto(`/console/requests?key_id=${key.id}`);
    await page.getByRole('heading', { name: 'Request logs' }).waitFor();
    await page.getByText('No requests logged in this range').or(page.getByText('No request matches these filters'))
      .first().waitFor();
    await page.getByTestId('live-state').getByText('Live').waitFor();

    // Requests sent now appear on top without a reload.
    for (let i = 0; i < 3; i++) {
      const answer = await chat(key.key, 'chat', `hello ${i}`);
      assert.equal(answer.status, 200, answer.body);
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row][data-live=true]').length >= 3);
    assert.equal(await rows.count(), 3);

    // A failing request, for the status filter (and the circuit further down).
    const failed = await chat(key.key, 'flaky', 'fail');
    assert.ok(failed.status >= 500, `flaky answered ${failed.status}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row]').length >= 4);
    await screenshot(page, 'request-log');

    // Filter by model: only the chat requests, and the filter is in the URL.
    await field(page, 'Model').fill('chat');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/model=chat/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row]').length === 3);
    // By status: the failed one only.
    await field(page, 'Model').fill('');
    await field(page, 'Status').fill(String(failed.status));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(new RegExp(`status=${failed.status}`));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row]').length === 1);
    assert.match(await rows.first().innerText(), new RegExp(String(failed.status)));
    // A status that matches nothing says what to do.
    await field(page, 'Status').fill('418');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No request matches these filters').waitFor();

    // One chat request's page: its attempt, tokens, the three costs, the headers sent back, the bodies.
    const [chatEntry] = await logged({ user_id: user.id, model: 'chat' }, 3);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.goto(`/console/requests?user_id=${user.id}`);
    await page.getByRole('link', { name: chatEntry.request_id }).click();
    await page.getByRole('heading', { name: 'Attempts' }).waitFor();
    assert.equal(await page.getByTestId('attempt').count(), 1);
    assert.match(await page.getByTestId('detail-status').innerText(), /200/);
    for (const text of ['Metered', 'Standard', 'Charged', 'Input', 'Output', 'chat-a', 'Request body']) {
      await page.getByText(text, { exact: true }).first().waitFor();
    }
    const headers = page.getByRole('table', { name: 'Response headers' });
    await headers.getByText('x-request-id').waitFor();
    await headers.getByText(chatEntry.request_id).waitFor();
    await headers.getByText('x-junction-attempts').waitFor();
    assert.match(await page.getByLabel('Request body').innerText(), /hello/);

    // Failover: the first group's deployment is on a provider nobody listens on; the second answers.
    const over = await chat(key.key, 'failover', 'fail over please');
    assert.equal(over.status, 200, over.body);
    const [overEntry] = await logged({ user_id: user.id, model: 'failover' }, 1);
    // A request id in the filters goes straight to its page.
    await page.goto('/console/requests');
    await field(page, 'Request id').fill(overEntry.request_id);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(new RegExp(`/requests/${overEntry.request_id}`));
    await page.getByRole('heading', { name: 'Attempts' }).waitFor();
    const attempts = page.getByTestId('attempt');
    assert.equal(await attempts.count(), 2);
    const first = await attempts.nth(0).innerText();
    assert.match(first, /failover-dead/);
    assert.match(first, /5\d\d/);
    assert.match(first, /unavailable|upstream_error|timeout/);
    assert.match(await attempts.nth(1).innerText(), /failover-b[\s\S]*fallback|fallback[\s\S]*failover-b/);
    await screenshot(page, 'request-detail');

    // Health: one more failure and flaky-dead's circuit is open (two in a row open it).
    await chat(key.key, 'flaky', 'fail again');
    await page.goto('/console/health');
    const flaky = page.locator('[data-testid=deployment-row][data-deployment=flaky-dead]');
    await flaky.and(page.locator('[data-circuit=open]')).waitFor();
    assert.match(await flaky.getByTestId('circuit').innerText(), /open/i);
    await screenshot(page, 'health');

    // Reset it, confirmed in a dialog; it shows closed.
    await flaky.getByRole('button', { name: 'Reset flaky-dead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await dialog.waitFor({ state: 'detached' });
    await flaky.and(page.locator('[data-circuit=closed]')).waitFor();
    assert.match(await flaky.getByTestId('circuit').innerText(), /closed/i);

    assert.deepEqual(problems, []);
  } catch (e) {
    await screenshot(page, 'requests-failure');
    throw e;
  } finally {
    await browser.close();
  }
});

test('request log in the dark theme', async () => {
  const { browser, page, problems } = await openBrowser({ colorScheme: 'dark' });
  try {
    await signIn(page);
    await page.goto('/console/requests');
    await page.getByRole('heading', { name: 'Request logs' }).waitFor();
    await page.locator('[data-testid=request-row]').first().waitFor();
    await screenshot(page, 'request-log-dark');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
