import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, openBrowser, screenshot, signIn, unique } from './support.mjs';

/** The input of exactly this label (a Select's list is labelled by it too). */
function field(page, label) {
  return page.getByLabel(label, { exact: true }).first();
}

/** Asks until `check` returns something truthy, or fails after a few seconds. */
async function eventually(what, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('playground streams through the routing path without spending a budget; the simulator spends it', async () => {
  const { browser, page, problems } = await openBrowser();
  const user = await admin('POST', '/users', { name: unique('tryer') });
  const userBudget = await admin('POST', '/budgets', { scope: 'user', scope_id: user.id, amount_usd: 50,
    period: 'monthly' });
  const key = await admin('POST', '/keys', { user_id: user.id, name: unique('sim'), rpm: 600 });
  const keyBudget = await admin('POST', '/budgets', { scope: 'key', scope_id: key.id, amount_usd: 50,
    period: 'monthly' });
  const before = new Date(Date.now() - 5000).toISOString();
  try {
    await signIn(page);

    // Playground: one model, streamed; the text arrives and the figures show.
    await page.goto('/console/playground');
    await field(page, 'Model 1').waitFor();
    assert.equal(await field(page, 'Model 1').inputValue(), 'chat (the route)');
    assert.ok(await field(page, 'Stream the answer').isChecked());
    await field(page, 'System prompt').fill('Answer briefly.');
    await field(page, 'Prompt').fill('Hello from the playground');
    await page.getByRole('button', { name: 'Send' }).click();
    const pane1 = page.getByTestId('pane-1');
    await pane1.getByTestId('answer-text').first().waitFor();
    assert.ok((await pane1.getByTestId('answer-text').first().innerText()).length > 0);
    await eventually('tokens', async () => /\d/.test(await pane1.getByTestId('tokens').first().innerText()));
    await eventually('the cost from the log', async () =>
      /\$/.test(await pane1.getByTestId('cost').first().innerText()));
    assert.equal(await pane1.getByTestId('deployment').first().innerText(), 'chat-a');

    // The admin API: the entry is there as source playground, and the user's budget did not move.
    const logged = await eventually('the playground entry', async () => {
      const page1 = await admin('GET', `/requests?source=playground&model=chat&from=${before}`);
      return page1.data.find((e) => e.key_name === 'ops' && e.stream);
    });
    assert.equal(logged.source, 'playground');
    assert.equal((await admin('GET', `/budgets/${userBudget.id}`)).spent_usd, 0);
    assert.equal((await admin('GET', `/budgets/${keyBudget.id}`)).spent_usd, 0);

    // Two models side by side on the same prompt: the route and its deployment.
    await page.getByText('Two', { exact: true }).click();
    await field(page, 'Model 2').waitFor();
    assert.match(await field(page, 'Model 2').inputValue(), /chat-a/);
    await field(page, 'Prompt').fill('Compare yourselves');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('pane-2').getByTestId('answer-text').first().waitFor();
    await eventually('both answers', async () => (await pane1.getByTestId('answer-text').count()) === 2);
    await eventually('both costs', async () =>
      /\$/.test(await page.getByTestId('pane-2').getByTestId('cost').first().innerText()));
    await screenshot(page, 'playground-side-by-side');

    // Simulator: the real key in each shape against model chat.
    await page.goto('/console/simulator');
    await page.getByText('Nothing sent yet').waitFor();
    await field(page, 'Virtual key').fill(key.key);
    for (const [shape, label, stream] of [['openai', 'OpenAI', true], ['anthropic', 'Anthropic', false],
      ['gemini', 'Gemini', true]]) {
      await page.getByText(label, { exact: true }).click();
      const streamSwitch = field(page, 'Stream');
      if ((await streamSwitch.isChecked()) !== stream) await streamSwitch.click({ force: true });
      await page.getByRole('button', { name: 'Send' }).click();
      await eventually(`${shape}: status 200`, async () =>
        (await page.getByTestId('status').count()) > 0 && (await page.getByTestId('status').innerText()) === '200');
      const sent = await page.getByTestId('sent').innerText();
      assert.ok(!sent.includes(key.key), 'the key is masked in the shown request');
      assert.match(sent, shape === 'openai' ? /POST \/v1\/chat\/completions/ : shape === 'anthropic'
        ? /anthropic-version: 2023-06-01/ : /streamGenerateContent\?alt=sse/);
      const headers = await page.getByTestId('headers').innerText();
      assert.match(headers, /x-junction-deployment/i);
      assert.match(headers, /x-junction-provider/i);
      assert.match(headers, /ratelimit/i);
      if (stream) {
        await eventually(`${shape}: events`, async () => (await page.getByTestId('events').count()) > 0);
      } else {
        await page.getByTestId('body').waitFor();
      }
      await page.getByTestId('log-entry').waitFor({ timeout: 10_000 });
      const entry = await page.getByTestId('log-entry').innerText();
      assert.match(entry, /api/);
      assert.match(entry, new RegExp(key.name));
      await screenshot(page, `simulator-${shape}`);
    }

    // An error comes back in the dialect's own shape (Anthropic's here), as the gateway sent it.
    await page.getByText('Anthropic', { exact: true }).click();
    await field(page, 'Model').fill('no-such-model');
    await page.getByRole('button', { name: 'Send' }).click();
    await eventually('the 404', async () => (await page.getByTestId('status').innerText()) === '404');
    const errorBody = await page.getByTestId('body').innerText();
    assert.match(errorBody, /"type": "error"/);
    assert.match(errorBody, /no-such-model/);

    // The simulator's requests are the key's own: its budget moved.
    await eventually('the key budget to move', async () =>
      (await admin('GET', `/budgets/${keyBudget.id}`)).spent_usd > 0);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('playground and simulator in the dark theme; a broken body and a bad parameter are explained', async () => {
  const { browser, page, problems } = await openBrowser({ colorScheme: 'dark' });
  try {
    await signIn(page);
    await page.goto('/console/playground');
    await field(page, 'Model 1').waitFor();
    await field(page, 'Temperature').fill('5');
    await page.getByText('A number from 0 to 2.').waitFor();
    await page.getByText('Tools (0)').click();
    await page.getByRole('button', { name: 'Add a tool' }).click();
    await field(page, 'Parameters (JSON schema)').fill('{"type": "object", "required": ["city"]}');
    await page.getByText('"required" names "city", which is not in "properties".').waitFor();
    await screenshot(page, 'playground-dark');

    await page.goto('/console/simulator');
    await field(page, 'Request body (JSON)').fill('{"model": ');
    await page.getByText(/Not valid JSON/).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Send' }).isDisabled());
    await screenshot(page, 'simulator-dark');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
