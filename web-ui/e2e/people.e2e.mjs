#!/usr/bin/env node
// Browser end-to-end check of the People page against a live Drover system: an admin adds an
// operator with a one-time password, the operator signs in with it and must choose their own
// before anything else; the admin's session is hidden from them until the admin shares it, then
// they type into it; the operator sees where they are signed in, signs in on a second browser (the
// People list shows them signed in twice), and the admin signs that one out from the People page;
// the admin disables them, and the operator's page is sent to the login page at once, where they
// are told the account is disabled.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER and DROVER_PASSWORD of an admin,
// DROVER_HOST_NAME, DROVER_SCREENSHOT, DROVER_CHROMIUM). Also writes <screenshot>-created.png
// (the one-time password dialog), <screenshot>-choose-password.png, <screenshot>-share.png,
// <screenshot>-my-logins.png, <screenshot>-signed-in.png (the People list), <screenshot>-logins.png and
// <screenshot>-disabled.png.
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { browserScript, e2eEnvironment, signIn, startSession } from './support.mjs';

const env = e2eEnvironment('people.e2e.mjs', 'people e2e');
const { baseUrl, marker, step } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'people-e2e.png';
const shot = (page, suffix) => page.screenshot({ path: screenshot.replace(/(\.png)?$/i, `-${suffix}.png`) });
const operatorName = `op-${marker.slice(-8)}`;
const operatorPassword = `chosen-by-${marker}`;

let current;
const script = browserScript(env, { timeoutMs: 120_000, screenshot, currentPage: () => current });

await script.run(async () => {
  const browser = await script.launch();
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => script.pageErrors.push(error.message));
    return page;
  };

  const admin = await newPage();
  current = admin;
  await step(`sign in as ${env.user} and open People from the top bar`, async () => {
    await signIn(admin, env);
    await admin.getByTestId('people-link').click();
    await admin.getByRole('heading', { name: 'People' }).waitFor();
    await admin.locator(`[data-testid=person-row][data-username="${env.user}"]`).getByText('you', { exact: true }).waitFor();
  });

  let oneTimePassword;
  await step(`add ${operatorName} as an operator with a one-time password`, async () => {
    await admin.getByTestId('add-person').click();
    await admin.getByTestId('person-username').fill(operatorName);
    await admin.getByTestId('person-new-role').selectOption('operator');
    await admin.getByTestId('create-person').click();
    oneTimePassword = (await admin.getByTestId('one-time-password').innerText()).trim();
    if (!/^[A-Za-z0-9_-]{24}$/.test(oneTimePassword)) throw new Error(`the one-time password reads "${oneTimePassword}"`);
    await admin.getByRole('button', { name: 'Copy password' }).waitFor();
    await shot(admin, 'created');
    await admin.getByTestId('person-created-done').click();
    const row = admin.locator(`[data-testid=person-row][data-username="${operatorName}"]`);
    await row.getByText('One-time password').waitFor();
    if ((await row.getByTestId('person-role').inputValue()) !== 'operator') throw new Error('the new row is not an operator');
  });

  const operator = await newPage();
  current = operator;
  await step('the operator signs in with the one-time password and is asked for their own first', async () => {
    await signInAs(operator, operatorName, oneTimePassword);
    await operator.getByRole('heading', { name: 'Choose your password' }).waitFor();
    if ((await operator.getByRole('heading', { name: 'Fleet' }).count()) !== 0) throw new Error('the fleet shows behind it');
    const hosts = await operator.request.get(`${baseUrl}/api/v1/hosts`);
    if (hosts.status() !== 403) throw new Error(`with the one-time password the API answered ${hosts.status()}, not 403`);
    await shot(operator, 'choose-password');
  });

  await step('a password the rules refuse is explained before it is sent', async () => {
    await operator.getByTestId('current-password').fill(oneTimePassword);
    await operator.getByTestId('new-password').fill('too-short');
    await operator.getByText('At least 12 characters.').waitFor();
    if (await operator.getByTestId('submit-password').isEnabled()) throw new Error('a short password can be sent');
  });

  await step('the operator chooses a password and reaches the fleet as an operator', async () => {
    await operator.getByTestId('new-password').fill(operatorPassword);
    await operator.getByTestId('repeat-password').fill(operatorPassword);
    await operator.getByTestId('submit-password').click();
    await operator.getByRole('heading', { name: 'Fleet' }).waitFor();
    const role = (await operator.getByTestId('current-roles').innerText()).trim();
    if (role !== 'Operator') throw new Error(`the top bar reads role "${role}"`);
    if ((await operator.getByTestId('people-link').count()) !== 0) throw new Error('an operator is offered People');
  });

  let sessionId;
  await step("the admin's session is hidden from the operator until the admin shares it to type", async () => {
    sessionId = await startSession(admin, env);
    await operator.goto(`${baseUrl}/sessions/${sessionId}`);
    await operator.getByText('This session does not exist or you may not see it.').waitFor();
    await admin.goto(`${baseUrl}/sessions/${sessionId}`);
    await admin.getByTestId('share').click();
    await admin.getByTestId('no-shares').waitFor();
    await admin.getByTestId('share-username').fill(operatorName);
    await admin.getByTestId('share-access').selectOption('type');
    await admin.getByTestId('share-submit').click();
    const share = admin.locator(`[data-testid=share][data-username="${operatorName}"]`);
    await share.getByText(`shared by ${env.user}`).waitFor();
    if ((await share.getByRole('combobox').inputValue()) !== 'type') throw new Error('the share does not read "Can type"');
    await shot(admin, 'share');
    await admin.getByRole('button', { name: 'Done' }).click();
  });

  await step('the operator opens the shared terminal and may type', async () => {
    await operator.goto(`${baseUrl}/sessions/${sessionId}`);
    await operator.waitForFunction(() => window.__droverTerminal?.state() === 'connected', null, { polling: 100 });
    await operator.getByTestId('stop').waitFor();
  });

  await step('the operator sees where they are signed in, this browser marked', async () => {
    await operator.getByTestId('current-user').click();
    await operator.getByTestId('show-logins').click();
    const mine = operator.getByTestId('login');
    await mine.first().waitFor();
    if ((await mine.count()) !== 1) throw new Error(`the operator has ${await mine.count()} logins listed, not 1`);
    await operator.locator('[data-testid=login][data-current=true]').getByText('this browser').waitFor();
    if ((await operator.getByTestId('end-login').count()) !== 0) throw new Error('the login in use can be ended from the list');
    await shot(operator, 'my-logins');
    await operator.getByRole('button', { name: 'Close' }).first().click();
  });

  const laptop = await newPage();
  current = laptop;
  await step('the operator signs in on a second browser', async () => {
    await signInAs(laptop, operatorName, operatorPassword);
    await laptop.getByRole('heading', { name: 'Fleet' }).waitFor();
  });

  current = admin;
  await step(`the admin lists where ${operatorName} is signed in and signs the second browser out`, async () => {
    await admin.goto(`${baseUrl}/people`);
    const row = admin.locator(`[data-testid=person-row][data-username="${operatorName}"]`);
    const signedIn = (await row.getByTestId('person-live-logins').innerText()).trim();
    if (signedIn !== 'signed in (2 logins)') throw new Error(`the People list says "${signedIn}" of ${operatorName}`);
    await shot(admin, 'signed-in');
    await row.getByTestId('show-person-logins').click();
    await admin.getByRole('heading', { name: `Where ${operatorName} is signed in` }).waitFor();
    const logins = admin.getByTestId('login');
    await admin.waitForFunction(() => document.querySelectorAll('[data-testid=login]').length === 2, null, { polling: 100 });
    await shot(admin, 'logins');
    await logins.first().getByTestId('end-login').click();
    await admin.waitForFunction(() => document.querySelectorAll('[data-testid=login]').length === 1, null, { polling: 100 });
    await admin.getByRole('button', { name: 'Close' }).first().click();
  });

  current = laptop;
  await step('the second browser is sent to the login at once; the first stays signed in', async () => {
    await laptop.waitForURL(/\/login(\?|$)/, { timeout: 5000 });
    const me = await operator.request.get(`${baseUrl}/api/v1/me`);
    if (me.status() !== 200) throw new Error(`the first browser's login answered ${me.status()}`);
  });

  current = admin;
  await step(`the admin disables ${operatorName}`, async () => {
    await admin.bringToFront();
    const row = admin.locator(`[data-testid=person-row][data-username="${operatorName}"]`);
    await row.getByText('Active').waitFor();
    await row.getByTestId('disable-person').click();
    await row.getByText('Disabled').waitFor();
    await row.getByTestId('enable-person').waitFor();
    await admin.screenshot({ path: screenshot });
  });

  current = operator;
  // The terminal shows "account disabled" as it closes, but the page's next request (its live
  // event socket ends too) may take it to the login first: either way, at once.
  await step("the operator's page is signed out at once and goes to the login", async () => {
    await operator.waitForURL(/\/login(\?|$)/, { timeout: 5000 });
  });

  await step('signing in again says the account is disabled', async () => {
    await operator.fill('input[name=username]', operatorName);
    await operator.fill('input[name=password]', operatorPassword);
    await operator.click('button[type=submit]');
    const error = operator.getByTestId('login-error');
    await error.filter({ hasText: 'this account is disabled' }).waitFor();
    await shot(operator, 'disabled');
  });

  current = admin;
  await step(`the admin removes ${operatorName} after confirming`, async () => {
    const row = admin.locator(`[data-testid=person-row][data-username="${operatorName}"]`);
    await row.getByTestId('remove-person').click();
    await admin.getByRole('heading', { name: `Remove ${operatorName}?` }).waitFor();
    await admin.getByTestId('confirm-remove-person').click();
    await row.waitFor({ state: 'detached' });
  });
});

/** Signs in on the login page with the given name and password (the app sends a fresh page there). */
async function signInAs(page, username, password) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login(\?|$)/);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}
