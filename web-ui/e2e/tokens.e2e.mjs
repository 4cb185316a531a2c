#!/usr/bin/env node
// Browser end-to-end check of API tokens and the audit trail against a live Drover system: an
// admin creates an operator token on the Account page (shown once, with a copy button), a script
// (node's fetch, no browser) uses it against the API and is an operator there, the page shows when
// it was last used, the admin revokes it and the script is refused at once; then the Audit page
// shows the admin's sign-in and the token's creation and revocation.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER and DROVER_PASSWORD of an admin,
// DROVER_SCREENSHOT, DROVER_CHROMIUM). Writes <screenshot> (the Audit page) and
// <screenshot>-created.png (the new token, shown once) and <screenshot>-revoked.png.
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 90 s timeout.
import { browserScript, e2eEnvironment, signIn } from './support.mjs';

const env = e2eEnvironment('tokens.e2e.mjs', 'tokens e2e');
const { baseUrl, marker, step } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'tokens-e2e.png';
const shot = (page, suffix) => page.screenshot({ path: screenshot.replace(/(\.png)?$/i, `-${suffix}.png`) });
const tokenName = `script-${marker.slice(-8)}`;

/** What the API answers a script that presents `secret`: the status and the JSON body, if any. */
async function asScript(secret, path) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${secret}` } });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

let current;
const script = browserScript(env, { timeoutMs: 90_000, screenshot, currentPage: () => current });

await script.run(async () => {
  const browser = await script.launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => script.pageErrors.push(error.message));
  current = page;

  await step(`sign in as ${env.user} and open the Account page from the account menu`, async () => {
    await signIn(page, env);
    await page.getByTestId('current-user').click();
    await page.getByTestId('account-link').click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
  });

  let secret;
  await step(`create the operator token ${tokenName}; it is shown once with a copy button`, async () => {
    await page.getByTestId('token-name').fill(tokenName);
    await page.getByTestId('token-role').selectOption('operator');
    await page.getByTestId('token-expiry').selectOption('30');
    await page.getByTestId('create-token').click();
    secret = (await page.getByTestId('token-secret').innerText()).trim();
    if (!/^drv_[0-9A-Za-z]{43}$/.test(secret)) throw new Error(`the token reads "${secret}"`);
    await page.getByRole('button', { name: 'Copy token' }).waitFor();
    const row = page.locator(`[data-testid=token-row][data-name="${tokenName}"]`);
    await row.getByText('Active').waitFor();
    if ((await row.getByTestId('token-last-used').innerText()).trim() !== 'never') throw new Error('a new token was used');
    await shot(page, 'created');
    await page.getByRole('button', { name: 'Done' }).click();
    if ((await page.getByTestId('token-secret').count()) !== 0) throw new Error('the token is still shown');
  });

  await step('a script uses the token: it acts as the admin with the operator role', async () => {
    const me = await asScript(secret, '/api/v1/me');
    if (me.status !== 200) throw new Error(`GET /me answered ${me.status}`);
    if (me.body.username !== env.user || me.body.roles.join() !== 'operator') {
      throw new Error(`the token acts as ${JSON.stringify(me.body)}`);
    }
    const hosts = await asScript(secret, '/api/v1/hosts');
    if (hosts.status !== 200) throw new Error(`GET /hosts answered ${hosts.status}`);
    const audit = await asScript(secret, '/api/v1/audit');
    if (audit.status !== 403) throw new Error(`an operator token reading the audit trail got ${audit.status}, not 403`);
  });

  await step('the Account page shows when the token was last used', async () => {
    const row = page.locator(`[data-testid=token-row][data-name="${tokenName}"]`);
    for (let attempt = 0; ; attempt++) {
      await page.reload();
      if ((await row.getByTestId('token-last-used').innerText()).trim() !== 'never') break;
      if (attempt === 20) throw new Error('the last use never shows');
      await page.waitForTimeout(250);
    }
  });

  await step('revoke the token: the script is refused at once', async () => {
    const row = page.locator(`[data-testid=token-row][data-name="${tokenName}"]`);
    await row.getByTestId('revoke-token').click();
    await row.getByText('Revoked').waitFor();
    const me = await asScript(secret, '/api/v1/me');
    if (me.status !== 401) throw new Error(`a revoked token got ${me.status}, not 401`);
    await shot(page, 'revoked');
  });

  await step('the Audit page shows the sign-in and the token being created and revoked', async () => {
    await page.getByTestId('audit-link').click();
    await page.getByRole('heading', { name: 'Audit' }).waitFor();
    await page.getByTestId('audit-action').selectOption('login');
    await page.getByTestId('audit-actor').fill(env.user);
    await page.locator(`[data-testid=audit-entry][data-action=login][data-actor="${env.user}"]`).first().waitFor();
    await page.getByTestId('audit-action').selectOption('token');
    await page.locator('[data-testid=audit-entry][data-action="token.created"]').filter({ hasText: tokenName }).waitFor();
    await page.locator('[data-testid=audit-entry][data-action="token.revoked"]').waitFor();
    const total = (await page.getByTestId('audit-total').innerText()).trim();
    if (total !== '1–2 of 2') throw new Error(`the paging reads "${total}"`);
    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-actor').fill('');
    await page.locator('[data-testid=audit-entry]').first().waitFor();
    await page.screenshot({ path: screenshot });
  });
});
