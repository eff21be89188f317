// The Configure pages: providers (read-only file ones, connection tests, a stored one with a write-only key),
// routes (check-config's messages before saving), prices, alerts (a channel whose receiver refuses) and settings
// (no secret anywhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, openBrowser, screenshot, signIn, unique } from './support.mjs';

const MOCK_URL = process.env.MOCK_URL ?? 'http://127.0.0.1:1/v1';
const UPSTREAM_SECRET = 'sk-upstream-console-secret-0123';

/** Everything the page shows as text, plus its inputs' values (a secret must be in neither). */
async function pageText(page) {
  return page.evaluate(() => document.body.innerText + '\n'
    + [...document.querySelectorAll('input, textarea')].map((i) => i.value).join('\n'));
}

test('providers, routes, prices, alerts and settings', async () => {
  const { browser, page, problems } = await openBrowser();
  try {
    await signIn(page);

    // Providers: the file's are read-only; the mock answers, the dead address fails with a clear message.
    await page.goto('/console/providers');
    const mockai = page.getByTestId('provider-mockai');
    await mockai.waitFor();
    assert.match(await mockai.getByTestId('source').innerText(), /config file/i);
    assert.equal(await mockai.getByRole('button', { name: 'Edit mockai' }).count(), 0, 'a file provider is read-only');
    await page.getByRole('button', { name: 'Test connection to mockai' }).click();
    await mockai.getByTestId('test-result').getByText(/^ok/).waitFor();
    await page.getByRole('button', { name: 'Test connection to dead' }).click();
    const dead = page.getByTestId('provider-dead').getByTestId('test-result');
    await dead.getByText(/failed/).waitFor();
    const deadText = await dead.innerText();
    assert.match(deadText, /Could not connect to the upstream provider 'dead': the connection was refused/);
    assert.ok(!deadText.includes('127.0.0.1'), 'the upstream address is not shown');
    await screenshot(page, 'providers');

    // A stored provider with a secret: the secret goes in, and is nowhere after a reload.
    const provider = unique('e2e-prov');
    const secret = `sk-e2e-stored-${Date.now()}-secret`;
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill(provider);
    await dialog.getByLabel('Base URL').fill(MOCK_URL);
    await dialog.getByLabel('Models').fill('gpt-4o-mini');
    await dialog.getByLabel('Models').press('Enter');
    await dialog.getByLabel(/^API key/).fill(secret);
    await screenshot(page, 'providers-add');
    await dialog.getByRole('button', { name: 'Check and save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    const stored = page.getByTestId(`provider-${provider}`);
    await stored.waitFor();
    assert.match(await stored.innerText(), /stored/i);
    assert.match(await stored.innerText(), /\bset\b/i);
    await page.getByRole('button', { name: `Edit ${provider}` }).click();
    await page.getByRole('dialog').waitFor();
    const withEditor = await pageText(page);
    assert.ok(!withEditor.includes(secret), 'the stored secret is nowhere in the page, not even in the editor');
    assert.ok(!withEditor.includes(UPSTREAM_SECRET), 'the file provider\'s key is nowhere in the page');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: `Test connection to ${provider}` }).click();
    await stored.getByTestId('test-result').getByText(/^ok/).waitFor();

    // Routes: an invalid block gets check-config's message inline; fixed, it is saved and listed.
    await page.goto('/console/routes');
    await page.getByTestId('route-chat').waitFor();
    assert.match(await page.getByTestId('route-chat').innerText(), /mockai[\s\S]*gpt-4o-mini/);
    const route = unique('e2e-route');
    await page.getByRole('button', { name: 'Add route' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Route name').fill(route);
    await editor.getByRole('tab', { name: 'JSON block' }).click();
    await editor.getByLabel('Route block (JSON)').fill(JSON.stringify({
      strategy: 'weighted', groups: [{ deployments: [{ provider: 'nope', model: 'gpt-4o-mini', weight: 2 }] }] }));
    await editor.getByRole('button', { name: 'Check and save' }).click();
    await editor.getByTestId('problems').getByText(
      `routes.${route}.groups[0].deployments[0].provider: unknown provider 'nope'`, { exact: false }).waitFor();
    await screenshot(page, 'routes-invalid');
    // The form shows the same message under the field it is about.
    await editor.getByRole('tab', { name: 'Form' }).click();
    await editor.getByText(/^unknown provider 'nope'/).waitFor();
    await screenshot(page, 'routes-invalid-form');
    await editor.getByRole('tab', { name: 'JSON block' }).click();
    await editor.getByLabel('Route block (JSON)').fill(JSON.stringify({
      strategy: 'weighted', groups: [{ deployments: [{ provider: provider, model: 'gpt-4o-mini', weight: 2 },
        { provider: 'mockai', model: 'gpt-4o-mini', weight: 1 }] }] }));
    await editor.getByRole('tab', { name: 'Form' }).click();
    await screenshot(page, 'routes-form');
    await editor.getByRole('button', { name: 'Check and save' }).click();
    await editor.waitFor({ state: 'detached' });
    const card = page.getByTestId(`route-${route}`);
    await card.waitFor();
    const cardText = await card.innerText();
    assert.match(cardText, /weighted/i);
    assert.match(cardText, new RegExp(`${provider}[\\s\\S]*gpt-4o-mini[\\s\\S]*2`));
    await screenshot(page, 'routes');

    // Prices: an override for a new model, found by searching.
    await page.goto('/console/prices');
    await page.locator('[data-testid^="price-"]').first().waitFor();
    const model = unique('e2e-model');
    await page.getByRole('button', { name: 'Set a price' }).click();
    const priceDialog = page.getByRole('dialog');
    await priceDialog.getByRole('textbox', { name: /^Model/ }).fill(model);
    await priceDialog.getByLabel(/^Input/).fill('abc');
    await priceDialog.getByLabel(/^Output/).fill('6');
    await priceDialog.getByRole('button', { name: 'Save override' }).click();
    await priceDialog.getByText("'abc' is not a number.").waitFor();
    await priceDialog.getByLabel(/^Input/).fill('$1.50');
    await priceDialog.getByLabel(/^Cached read/).fill('0.75');
    await priceDialog.getByRole('button', { name: 'Save override' }).click();
    await priceDialog.waitFor({ state: 'detached' });
    await page.getByLabel('Search by model').fill(model);
    const row = page.getByTestId(`price-${model}`);
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, /override/i);
    assert.match(rowText, /\$1\.50[\s\S]*\$6\.00[\s\S]*\$0\.75/);
    await page.getByLabel('Search by model').fill('');
    await screenshot(page, 'prices');

    // Alerts: a webhook channel whose address refuses connections; the test says so.
    await page.goto('/console/alerts');
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    const channel = unique('e2e-hook');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const channelDialog = page.getByRole('dialog');
    await channelDialog.getByRole('textbox', { name: /^Name/ }).fill(channel);
    await channelDialog.getByLabel(/^Webhook address/).fill('http://127.0.0.1:9/hook');
    await channelDialog.getByLabel(/^Signing secret/).fill('whsec-e2e-0123456789');
    await channelDialog.getByRole('button', { name: 'Save channel' }).click();
    await channelDialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Send a test message to ${channel}` }).click();
    const delivery = page.getByTestId(`channel-${channel}`).getByTestId('alert-test-result');
    await delivery.getByText(/Not delivered/).waitFor({ timeout: 30_000 });
    assert.match(await delivery.innerText(), /Not delivered: could not connect to the receiver/);
    assert.ok(!(await pageText(page)).includes('whsec-e2e-0123456789'), 'the channel secret is not shown');

    // A stored rule: a wrong window is refused with the reader's words, then the rule is saved, listed and edited.
    const ruleName = unique('e2e-rule');
    await page.getByRole('button', { name: 'Add rule', exact: true }).click();
    const ruleDialog = page.getByRole('dialog');
    await ruleDialog.getByRole('textbox', { name: /^Name/ }).fill(ruleName);
    await ruleDialog.getByRole('textbox', { name: /^threshold/ }).fill('0.3');
    await ruleDialog.getByRole('textbox', { name: /^window/ }).fill('ten minutes');
    await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
    await ruleDialog.getByText(/window: expected a positive duration/).waitFor();
    await ruleDialog.getByRole('textbox', { name: /^window/ }).fill('10m');
    await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
    await ruleDialog.waitFor({ state: 'detached' });
    const ruleRow = page.getByTestId(`rule-${ruleName}`);
    await ruleRow.waitFor();
    assert.match(await ruleRow.innerText(), /threshold 0\.3, over 10m[\s\S]*stored/i);
    await ruleRow.getByRole('button', { name: `Edit rule ${ruleName}` }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: /^threshold/ }).fill('0.6');
    await page.getByRole('dialog').getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await ruleRow.getByText(/threshold 0\.6/).waitFor();
    await screenshot(page, 'alerts');

    // Settings: what the gateway runs with, and no secret.
    await page.goto('/console/settings');
    await page.getByTestId('settings-store').waitFor();
    const settingsText = await pageText(page);
    assert.match(settingsText, /sqlite/);
    assert.ok(!settingsText.includes(ADMIN_KEY), 'the admin key is not in the settings');
    assert.ok(!settingsText.includes('console-admin-key-0123456789'));
    assert.ok(!settingsText.includes(UPSTREAM_SECRET), 'the provider key is not in the settings');
    assert.ok(!settingsText.includes('sk-dead-console-secret-0123'));
    await screenshot(page, 'settings');

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('the Configure pages in the dark theme', async () => {
  const { browser, page, problems } = await openBrowser({ colorScheme: 'dark' });
  try {
    await signIn(page);
    for (const [path, ready, name] of [['/console/providers', 'provider-mockai', 'providers-dark'],
      ['/console/routes', 'route-chat', 'routes-dark'], ['/console/prices', null, 'prices-dark'],
      ['/console/settings', 'settings-store', 'settings-dark']]) {
      await page.goto(path);
      await (ready ? page.getByTestId(ready) : page.locator('[data-testid^="price-"]').first()).waitFor();
      await screenshot(page, name);
    }
    await page.goto('/console/alerts');
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    await screenshot(page, 'alerts-dark');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
