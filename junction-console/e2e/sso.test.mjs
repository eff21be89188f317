import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, openBrowser, screenshot, unique } from './support.mjs';

test('a console user signs in with single sign-on and lands on the dashboard with the role its group maps to',
  async () => {
    // The gateway maps the issuer's group west-analysts to analyst of the tenant sso-west (ConsoleBrowserTest).
    const tenants = await admin('GET', '/tenants');
    const west = tenants.data.find((t) => t.name === 'sso-west') ?? await admin('POST', '/tenants', { name: 'sso-west' });
    const email = `${unique('wanda')}@west.example`;

    const { browser, page, problems } = await openBrowser();
    try {
      await page.goto('/console/');
      const sso = page.getByRole('link', { name: 'Sign in with Corp' });
      await sso.waitFor();
      await screenshot(page, 'sso-sign-in');
      await sso.click();

      // The issuer's own sign-in form: a user name and the ID token's claims.
      await page.locator('input[name="username"]').waitFor();
      await page.locator('input[name="username"]').fill(email);
      await page.locator('textarea[name="claims"]').fill(JSON.stringify({ email, name: 'Wanda West',
        groups: ['west-analysts'] }));
      await page.locator('input[type="submit"]').click();

      await page.getByTestId('actor').waitFor();
      assert.match(await page.getByTestId('actor').innerText(), new RegExp(email));
      assert.match(new URL(page.url()).pathname, /^\/console\/?/);
      const session = await page.evaluate(async () => (await fetch('/api/admin/session')).json());
      assert.deepEqual(session.principal.bindings, [{ role: 'analyst', tenant_id: west.id }]);
      assert.equal(session.permissions['keys:write'], undefined, 'an analyst writes no keys');

      // An analyst's pages: no settings, no providers.
      const nav = page.getByRole('navigation', { name: 'Pages' });
      await nav.getByText('Request logs', { exact: true }).waitFor();
      for (const hidden of ['Settings', 'Providers', 'Budgets', 'Playground']) {
        assert.equal(await nav.getByText(hidden, { exact: true }).count(), 0, `${hidden} is hidden`);
      }
      await screenshot(page, 'sso-signed-in-analyst');

      // Read-only controls: the keys and budgets pages offer an analyst nothing to change.
      await page.goto('/console/keys');
      await page.getByRole('heading', { name: 'Keys' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Create key' }).count(), 0, 'no Create key for an analyst');
      await screenshot(page, 'sso-analyst-keys');
      await page.goto('/console/people');
      await page.getByRole('heading', { name: 'Users, teams, tenants' }).waitFor();
      assert.equal(await page.getByRole('button', { name: /^Create / }).count(), 0, 'no Create user for an analyst');
      assert.deepEqual(problems.filter((p) => !p.includes('403')), []);
    } finally {
      await browser.close();
    }
  });

test('a user in no mapped group is refused with a page that says why', async () => {
  const { browser, page } = await openBrowser();
  try {
    await page.goto('/console/');
    await page.getByRole('link', { name: 'Sign in with Corp' }).click();
    await page.locator('input[name="username"]').waitFor();
    await page.locator('input[name="username"]').fill('stranger@elsewhere.example');
    await page.locator('textarea[name="claims"]').fill(JSON.stringify({ email: 'stranger@elsewhere.example',
      groups: ['sales'] }));
    await page.locator('input[type="submit"]').click();
    await page.getByRole('heading', { name: 'Access refused' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /none of your groups is mapped/);
    await screenshot(page, 'sso-refused');
  } finally {
    await browser.close();
  }
});
