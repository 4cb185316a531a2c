#!/usr/bin/env node
// Browser end-to-end check of sign-in through an OIDC provider (a real Keycloak in OidcLoginIT):
// on Drover's login page each person clicks "Sign in with <provider>", signs in on the provider's
// own page and comes back signed in to Drover with the role their provider groups map to. An admin
// group member sees the People page, where their account is marked as linked to the provider; a
// viewer group member is a viewer and is refused a spawn (403); a person in no mapped group is sent
// back to Drover's login page with the reason.
//
// Environment: DROVER_URL, DROVER_SCREENSHOT, DROVER_CHROMIUM as terminal.e2e.mjs (DROVER_USER,
// DROVER_PASSWORD and DROVER_HOST_NAME are required by the shared support but not used), and
// DROVER_OIDC_PROVIDER (the provider's name on the login page), DROVER_OIDC_ADMIN,
// DROVER_OIDC_VIEWER and DROVER_OIDC_NOBODY as user:password at the provider. Also writes
// <screenshot>-login.png, <screenshot>-provider.png, <screenshot>-viewer.png and <screenshot>-refused.png.
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 240 s timeout.
import { browserScript, csrfHeaders, e2eEnvironment } from './support.mjs';

const env = e2eEnvironment('oidc.e2e.mjs', 'oidc e2e');
const { baseUrl, step } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'oidc-e2e.png';
const shot = (page, suffix) => page.screenshot({ path: screenshot.replace(/(\.png)?$/i, `-${suffix}.png`) });
const provider = process.env.DROVER_OIDC_PROVIDER || env.fail('DROVER_OIDC_PROVIDER is not set');
const person = (name) => {
  const value = process.env[name] || env.fail(`${name} is not set`);
  const [user, password] = value.split(':');
  return { user, password };
};
const admin = person('DROVER_OIDC_ADMIN');
const viewer = person('DROVER_OIDC_VIEWER');
const nobody = person('DROVER_OIDC_NOBODY');

let current;
const script = browserScript(env, { timeoutMs: 240_000, screenshot, currentPage: () => current });

await script.run(async () => {
  const browser = await script.launch();
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => script.pageErrors.push(error.message));
    current = page;
    return page;
  };
  /** From Drover's login page through the provider's sign-in page and back. */
  const signInAtProvider = async (page, { user, password }, shoot) => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login(\?|$)/);
    const button = page.getByRole('link', { name: `Sign in with ${provider}` });
    await button.waitFor();
    if (shoot) await shot(page, 'login');
    await button.click();
    await page.locator('input[name=username]').waitFor();
    if (page.url().startsWith(baseUrl)) throw new Error(`still on Drover (${page.url()}), not on the provider's page`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    if (shoot) await shot(page, 'provider');
    await page.click('[type=submit]');
  };
  const me = async (page) => (await page.request.get(`${baseUrl}/api/v1/me`)).json();

  await step(`${admin.user} signs in with ${provider} and opens People`, async () => {
    const page = await newPage();
    await signInAtProvider(page, admin, true);
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    const who = await me(page);
    if (!who.roles.includes('admin')) throw new Error(`signed in as ${JSON.stringify(who)}, not an admin`);
    await page.getByTestId('people-link').click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    const row = page.locator(`[data-testid=person-row][data-username="${who.username}"]`);
    await row.getByTestId('person-provider').getByText(provider).waitFor();
    await shot(page, 'people');
    await page.screenshot({ path: screenshot });
  });

  await step(`${viewer.user} signs in with ${provider}, is a viewer and cannot spawn`, async () => {
    const page = await newPage();
    await signInAtProvider(page, viewer, false);
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    const who = await me(page);
    if (JSON.stringify(who.roles) !== '["viewer"]') throw new Error(`signed in as ${JSON.stringify(who)}, not a viewer`);
    if (await page.getByTestId('people-link').count()) throw new Error('a viewer is offered the People page');
    const spawn = await page.request.post(`${baseUrl}/api/v1/sessions`, {
      data: { hostId: '00000000-0000-0000-0000-000000000000', cwd: null, cols: 120, rows: 30, command: ['bash'] },
      headers: await csrfHeaders(page, baseUrl),
    });
    if (spawn.status() !== 403) throw new Error(`a viewer's spawn answered ${spawn.status()}, not 403`);
    await shot(page, 'viewer');
  });

  await step(`${nobody.user}, in no mapped group, is refused with the reason`, async () => {
    const page = await newPage();
    await signInAtProvider(page, nobody, false);
    await page.waitForURL(/\/login\?error=/);
    await page.getByTestId('login-error').getByText('in no group that Drover gives a role to').waitFor();
    const who = await page.request.get(`${baseUrl}/api/v1/me`);
    if (who.status() !== 401) throw new Error(`after the refusal /api/v1/me answered ${who.status()}, not 401`);
    await shot(page, 'refused');
  });
});
