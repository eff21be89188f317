import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, openBrowser, screenshot, unique } from './support.mjs';

/** The input of a label exactly (Mantine adds " *" to a required field's label). */
function field(scope, label) {
  return scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
}

/** Two tenants with the same names of things: a user alice with a key laptop in each. */
async function tenant(name) {
  const t = await admin('POST', '/tenants', { name });
  const user = await admin('POST', '/users', { tenant_id: t.id, name: 'alice' });
  const key = await admin('POST', '/keys', { user_id: user.id, name: 'laptop' });
  return { tenant: t, user, key };
}

test("a tenant's admin signs in with a password, manages its keys and sees nothing of the other tenant", async () => {
  const north = await tenant(unique('north'));
  const south = await tenant(unique('south'));
  const email = `${unique('nora')}@north.example`;
  const password = 'a tenant admin password';
  await admin('POST', '/principals', { kind: 'user', name: 'Nora', email, password,
    bindings: [{ role: 'tenant-admin', tenant_id: north.tenant.id }] });

  const { browser, page, problems } = await openBrowser();
  try {
    await page.goto('/console/');
    await page.getByText('Console user', { exact: true }).click();
    await field(page, 'E-mail').fill(email);
    await field(page, 'Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText(/Wrong e-mail or password/).waitFor();
    await field(page, 'Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('actor').waitFor();
    assert.match(await page.getByTestId('actor').innerText(), new RegExp(email));

    // Instance pages are not offered; the tenant's own are.
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByText('Keys', { exact: true }).waitFor();
    for (const hidden of ['Settings', 'Providers', 'Alerts', 'Health']) {
      assert.equal(await nav.getByText(hidden, { exact: true }).count(), 0, `${hidden} is hidden`);
    }

    await page.goto('/console/keys');
    await page.getByText(north.key.prefix, { exact: true }).waitFor();
    assert.equal(await page.getByText(south.key.prefix, { exact: true }).count(), 0,
      "the other tenant's key is not listed");

    // A new key for its own alice (the only alice it can pick).
    await page.getByRole('button', { name: 'Create key' }).first().click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'User').fill('alice');
    assert.equal(await page.getByRole('option', { name: /alice/ }).count(), 1, 'one alice to choose from');
    await page.getByRole('option', { name: /alice/ }).first().click();
    await field(dialog, 'Name').fill('phone');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('new-key-secret').waitFor();
    await page.getByRole('button', { name: 'I have stored the key, close' }).click();
    await page.getByText('phone', { exact: true }).waitFor();
    await screenshot(page, 'tenant-admin-keys');

    const made = await admin('GET', `/keys?user_id=${north.user.id}`);
    assert.ok(made.data.some((k) => k.name === 'phone'), 'the key landed with north\'s alice');

    // The other tenant's key by its id is not there at all.
    const status = await page.evaluate(async (id) => (await fetch(`/api/admin/keys/${id}`)).status, south.key.id);
    assert.equal(status, 404);
    await page.goto('/console/people');
    await page.getByRole('tab', { name: /Tenants/ }).click();
    await page.getByRole('cell', { name: north.tenant.name, exact: true }).waitFor();
    assert.equal(await page.getByRole('cell', { name: south.tenant.name, exact: true }).count(), 0);
    await screenshot(page, 'tenant-admin-tenants');
    assert.deepEqual(problems.filter((p) => !p.includes('403')), []);
  } finally {
    await browser.close();
  }
});
