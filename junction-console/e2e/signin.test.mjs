import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, GATEWAY, openBrowser, screenshot, signIn } from './support.mjs';

test('a wrong key is refused with the API message, the right one signs in, sign-out ends the session', async () => {
  const { browser, page, context, problems } = await openBrowser();
  try {
    await page.goto('/');
    assert.match(page.url(), /\/console\/$/, 'the root redirects to the console');
    await page.getByLabel('Admin key').fill('not-the-admin-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That is not an admin key of this gateway.').waitFor();
    await screenshot(page, 'sign-in');

    await signIn(page);
    const cookies = await context.cookies(`${GATEWAY}/api/admin/session`);
    const session = cookies.find((c) => c.name === 'junction_session');
    assert.ok(session, 'a session cookie is set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(session.path, '/api/admin');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(ADMIN_KEY), 'the admin key is not kept in the browser');

    // A write without the CSRF token is refused even with the cookie.
    const forged = await page.evaluate(async () => (await fetch('/api/admin/tenants', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"forged"}' })).status);
    assert.equal(forged, 403);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin key').waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/admin/tenants')).status);
    assert.equal(after, 401, 'the browser holds no session after sign-out');
    const replayed = await fetch(`${GATEWAY}/api/admin/tenants`, {
      headers: { cookie: `junction_session=${session.value}` } });
    assert.equal(replayed.status, 401, 'the old cookie is worthless after sign-out');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
