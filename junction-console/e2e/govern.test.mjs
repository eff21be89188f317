import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, chat, openBrowser, screenshot, signIn, unique } from './support.mjs';

/** The input of a label exactly (Mantine adds " *" to a required field's label). */
function field(scope, label) {
  return scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

/** Picks an option of a Mantine Select by its label and the option's text. */
async function choose(scope, page, label, option) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('tenant, team, user and a key with a budget through the console; the secret is shown once', async () => {
  const { browser, page, problems } = await openBrowser();
  const tenant = unique('acme');
  const team = unique('research');
  const user = unique('alice');
  const keyName = unique('laptop');
  try {
    await signIn(page);

    // People: a tenant, a team in it, a user in the team.
    await page.goto('/console/people');
    await page.getByRole('tab', { name: /Tenants/ }).click();
    await page.getByRole('button', { name: 'Create tenant' }).first().click();
    let dialog = page.getByRole('dialog');
    await field(dialog, 'Name').fill(tenant);
    await dialog.getByLabel('Markup').fill('0.2');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('cell', { name: tenant, exact: true }).waitFor();
    // A second tenant of that name: the API's message stays in the form.
    await page.getByRole('button', { name: 'Create tenant' }).first().click();
    dialog = page.getByRole('dialog');
    await field(dialog, 'Name').fill(tenant);
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await dialog.getByRole('alert').waitFor();
    assert.match(await dialog.getByRole('alert').innerText(), /conflict|exist|already/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: /Teams/ }).click();
    await page.getByRole('button', { name: 'Create team' }).first().click();
    dialog = page.getByRole('dialog');
    await field(dialog, 'Name').fill(team);
    await choose(dialog, page, 'Tenant', tenant);
    await dialog.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('cell', { name: team, exact: true }).waitFor();

    await page.getByRole('tab', { name: /Users/ }).click();
    await page.getByRole('button', { name: 'Create user' }).first().click();
    dialog = page.getByRole('dialog');
    await field(dialog, 'Name').fill(user);
    await dialog.getByLabel('Email').fill(`${user}@example.com`);
    await choose(dialog, page, 'Tenant', tenant);
    await choose(dialog, page, 'Team', team);
    await dialog.getByLabel('Requests per minute').fill('600');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: user, exact: true }).waitFor();
    await page.getByLabel('Search users').fill(user);
    await screenshot(page, 'people');

    // Keys: a key for the user with a monthly budget, made in the same call.
    await page.goto('/console/keys');
    await page.getByRole('button', { name: 'Create key' }).first().click();
    dialog = page.getByRole('dialog');
    await field(dialog, 'User').fill(user);
    await page.getByRole('option', { name: new RegExp(user) }).first().click();
    await field(dialog, 'Name').fill(keyName);
    await dialog.getByRole('button', { name: 'Add budget' }).click();
    await dialog.getByLabel('Budget amount (USD)').fill('5');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    // The secret, once, in its modal.
    const secretBox = page.getByTestId('new-key-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.innerText()).trim();
    assert.match(secret, /^jk-/, 'the modal shows the new key');
    await page.getByRole('button', { name: 'Copy key' }).waitFor();
    await page.waitForTimeout(400); // the modal's opening transition
    await screenshot(page, 'keys-secret');
    const sent = await chat(secret, 'chat', 'hi');
    assert.equal(sent.status, 200, `the new key works: ${sent.body}`);
    await page.getByRole('button', { name: 'I have stored the key, close' }).click();
    await secretBox.waitFor({ state: 'detached' });
    assert.ok(!(await page.locator('body').innerText()).includes(secret), 'the secret is gone once the modal closes');

    await page.reload();
    const row = page.locator('tr', { hasText: keyName });
    await row.waitFor();
    const keyId = await row.getAttribute('data-key-id');
    const html = await page.content();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!html.includes(secret), 'the secret is nowhere in the page after a reload');
    assert.ok(!stored.includes(secret), 'the secret is not kept in the browser storage');
    const prefix = secret.slice(0, 6);
    assert.ok((await row.innerText()).includes(prefix), 'the list shows the key by its prefix');

    // The key's budget shows what the chat spent (spend settles after the response; the details poll).
    await row.getByText(keyName, { exact: true }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('[role=dialog] [data-testid=budget-bar]')]
      .some((e) => Number(e.getAttribute('data-spent')) > 0), null, { timeout: 30_000 });
    await page.waitForTimeout(400); // the drawer's slide
    await screenshot(page, 'keys-details');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Disabled, the key is refused.
    await row.getByRole('button', { name: `Actions for key ${keyName}` }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await row.getByText('disabled', { exact: true }).waitFor();
    const refused = await chat(secret, 'chat', 'hi');
    assert.ok([401, 403].includes(refused.status), `a disabled key is refused, got ${refused.status}`);

    // An edit sends only what changed: the audit entry of the update holds rpm alone.
    await row.getByRole('button', { name: `Actions for key ${keyName}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Requests per minute').fill('120');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await admin('GET', `/keys/${keyId}`)).rpm, 120);
    const trail = await admin('GET', '/audit?limit=20');
    const update = trail.data.find((e) => e.action === 'key.update' && e.entity_id === keyId && e.detail.rpm);
    assert.deepEqual(Object.keys(update.detail), ['rpm'], 'the PATCH carried the changed field only');

    await page.getByLabel('Search keys').fill(keyName);
    await screenshot(page, 'keys');

    // The budgets page shows the key's budget by the key's name.
    await page.goto('/console/budgets');
    await page.getByLabel('Search budgets').fill(keyName);
    const budgetRow = page.locator('tr', { hasText: keyName });
    await budgetRow.waitFor();
    assert.match(await budgetRow.innerText(), /monthly/);
    assert.match(await budgetRow.innerText(), /\$5\.00/);
    await page.getByLabel('Search budgets').fill('');
    await screenshot(page, 'budgets');

    // The audit trail lists the key's creation, and Verify says the chain is intact.
    await page.goto('/console/audit');
    await page.locator('tr[data-audit-action="key.create"]', { hasText: keyId }).waitFor();
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('The trail is intact').waitFor();
    await page.getByRole('button', { name: /Show the details of entry/ }).first().click();
    await screenshot(page, 'audit');

    // Dark theme.
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.goto('/console/budgets');
    await page.locator('tr', { hasText: keyName }).waitFor();
    await screenshot(page, 'budgets-dark');
    await page.goto('/console/people');
    await page.getByLabel('Search users').fill(user);
    await page.getByRole('button', { name: `Actions for user ${user}` }).click();
    await page.getByRole('menuitem', { name: 'Their keys' }).click();
    await page.locator('tr', { hasText: keyName }).waitFor();
    assert.equal(await page.getByLabel('Search keys').inputValue(), await page.evaluate(
      () => new URLSearchParams(location.search).get('user')), 'the keys page lists the user\'s keys');
    await screenshot(page, 'keys-dark');
    assert.deepEqual(problems, []);
  } catch (e) {
    await screenshot(page, 'govern-failure').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
