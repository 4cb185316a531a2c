#!/usr/bin/env node
// Browser end-to-end check of what users of other agent dashboards expect from the session list
// and the session page, against a live Drover system: filters and search, ended sessions hidden
// until asked for, pages, the "+ Add…" picker telling shells apart by task and directory, Stop
// asking first, an ended command restarted in one click, and the light theme and terminal font
// settings kept with the account (across reloads and into a fresh browser). The hub pages the list:
// the fleet asks it for 20 sessions at a time.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER an operator or admin, DROVER_PASSWORD,
// DROVER_HOST_NAME, DROVER_CHROMIUM), with
//   DROVER_PROJECT     name of a repository under the host's project roots (default: the first
//                      one listed); the shells start in it and in its project root
//   DROVER_SCREENSHOT  base name of the PNGs written on success: <base>-fleet-1440.png,
//                      <base>-fleet-390.png, <base>-stop-1440.png, <base>-light-1440.png,
//                      <base>-light-390.png, <base>-light-session-1440.png, <base>-fleet-pages-1440.png,
//                      <base>-appearance-1440.png; <base>.failure.png on failure; default sessions-e2e.png
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 150 s timeout.
import { browserScript, csrfHeaders, e2eEnvironment, signedInPage, startSession, waitForPrompt } from './support.mjs';

const OVERALL_TIMEOUT_MS = 150_000;
const STEP_TIMEOUT_MS = 20_000;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const env = e2eEnvironment('sessions.e2e.mjs', 'sessions e2e');
const { baseUrl, user, password, hostName, marker, log, step } = env;
const screenshotBase = (process.env.DROVER_SCREENSHOT || 'sessions-e2e.png').replace(/\.png$/i, '');
const shot = (name) => `${screenshotBase}-${name}.png`;

let browser;
let page;
const script = browserScript(env, { timeoutMs: OVERALL_TIMEOUT_MS, screenshot: `${screenshotBase}.png`, currentPage: () => page });
const { pageErrors } = script;

const pagerMarker = `pager-${marker}`;
const newPage = (options) => signedInPage(browser, { baseUrl, user, password }, options, pageErrors, STEP_TIMEOUT_MS);

async function session(id) {
  return (await page.request.get(`${baseUrl}/api/v1/sessions/${id}`)).json();
}

async function waitForState(id, wanted) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const { state } = await session(id);
    if (wanted.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${state}, not ${wanted.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The rows of the fleet's session list, by session id. */
const rowIds = () =>
  page.getByTestId('sessions').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.session));

async function expectRows(description, wanted) {
  await page.waitForFunction(
    (ids) => {
      const shown = [...document.querySelectorAll('[data-testid=sessions] tbody tr')].map((row) => row.dataset.session);
      return shown.length === ids.length && ids.every((id) => shown.includes(id));
    },
    wanted,
    { polling: 100, timeout: 5000 },
  ).catch(async () => {
    throw new Error(`${description}: the list shows ${JSON.stringify(await rowIds().catch(() => []))}, expected ${JSON.stringify(wanted)}`);
  });
}

/** The hub's next answer to the fleet's list query for page `number` (of 20 sessions). */
const listAnswer = (number) =>
  page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/v1/sessions' && url.searchParams.get('limit') === '20' && url.searchParams.get('page') === number;
  });

/** The hub answered one page (`rows` sessions of the 21) and said how many there are in all. */
async function expectPageFromHub(response, rows) {
  const sessions = await response.json();
  const total = response.headers()['x-total-count'];
  const query = new URL(response.url()).searchParams;
  if (sessions.length !== rows || total !== '21' || query.get('q') !== pagerMarker || query.get('ended') !== 'include') {
    throw new Error(`the hub answered ${response.url()} with ${sessions.length} sessions of ${total}, not ${rows} of 21`);
  }
}

/** The signed-in account's appearance on the hub, once it reads as `wanted` (saves wait a moment). */
async function accountPreferences(wanted) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const kept = await (await page.request.get(`${baseUrl}/api/v1/me/preferences`)).json();
    if (Object.entries(wanted).every(([key, value]) => kept[key] === value)) return kept;
    if (Date.now() > deadline) throw new Error(`the account keeps ${JSON.stringify(kept)}, not ${JSON.stringify(wanted)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Two directories sessions may start in: a project root and a repository under it. */
async function directories() {
  const hosts = await (await page.request.get(`${baseUrl}/api/v1/hosts`)).json();
  const host = hosts.find((candidate) => candidate.name === hostName);
  const url = `${baseUrl}/api/v1/hosts/${host.id}/projects`;
  await page.request.post(`${url}/refresh`, { headers: await csrfHeaders(page, baseUrl) });
  const list = await (await page.request.get(url)).json();
  const wanted = process.env.DROVER_PROJECT;
  const project = list.projects.find((candidate) => !wanted || candidate.name === wanted);
  if (!project) throw new Error(`no project ${wanted ?? ''} under ${list.roots.join(', ')}`);
  const root = list.roots.find((candidate) => project.path.startsWith(`${candidate.replace(/\/+$/, '')}/`));
  return { root: root.replace(/\/+$/, ''), project: project.path };
}

async function main() {
  browser = await script.launch();
  page = await newPage({ viewport: DESKTOP, colorScheme: 'dark' });

  const task = (name) => `${name} ${marker}`;
  const { root, project } = await step(`find a project on ${hostName}`, directories);
  const [inRoot, inProject, failing] = await step(`start two shells and a failing command on ${hostName}`, async () => [
    await startSession(page, { baseUrl, hostName }, { profile: 'bash', cwd: root, task: task('root shell'), worktree: false }),
    await startSession(page, { baseUrl, hostName }, { profile: 'bash', cwd: project, task: task('project shell'), worktree: false }),
    await startSession(page, { baseUrl, hostName }, { command: ['sh', '-c', 'echo restarted; exit 3'], cwd: project, task: task('exit three'), worktree: false }),
  ]);
  await step('the command exits with 3', () => waitForState(failing, ['exited']));

  await step('the fleet hides the ended command until "Show ended" is ticked', async () => {
    await page.goto(`${baseUrl}/?q=${marker}`);
    await expectRows('live only', [inRoot, inProject]);
    await page.getByTestId('show-ended').check();
    await expectRows('with ended ones', [inRoot, inProject, failing]);
    if (!new URL(page.url()).searchParams.has('ended')) throw new Error(`the toggle is not in the URL: ${page.url()}`);
  });

  await step('state, agent and project filters and the search narrow the list', async () => {
    await page.getByTestId('filter-state').selectOption('exited');
    await expectRows('state exited', [failing]);
    await page.getByTestId('filter-state').selectOption('');
    await page.getByTestId('filter-agent').selectOption('bash');
    await expectRows('agent bash', [inRoot, inProject]);
    await page.getByTestId('filter-project').selectOption(project);
    await expectRows('agent bash in the project', [inProject]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByTestId('show-ended').check();
    await page.getByTestId('session-search').fill(`${marker} EXIT 3`);
    await expectRows('search over the quoted command', [failing]);
  });

  await step('save the fleet screenshots at 1440×900 and on a 390×844 phone', async () => {
    await page.getByTestId('session-search').fill(marker);
    await expectRows('search by the marker', [inRoot, inProject, failing]);
    await page.screenshot({ path: shot('fleet-1440') });
    const phone = await newPage({ ...PHONE, colorScheme: 'dark' });
    await phone.goto(page.url());
    await phone.getByTestId('sessions').waitFor();
    await phone.screenshot({ path: shot('fleet-390'), fullPage: true });
    await phone.context().close();
  });

    await step('21 ended sessions come in two pages, each fetched alone from the hub', async () => {
    // One after the other: a burst of spawns is not what this checks, and a slow host times out.
    for (let i = 0; i < 21; i++) {
      await startSession(page, { baseUrl, hostName }, { command: ['true'], cwd: project, worktree: false, task: `${pagerMarker} ${i}` });
    }
    const firstPage = listAnswer('1');
    await page.goto(`${baseUrl}/?ended=1&q=${pagerMarker}`);
    await expectPageFromHub(await firstPage, 20);
    await page.getByTestId('session-count').filter({ hasText: '21 sessions · page 1 of 2' }).waitFor();
    if ((await rowIds()).length !== 20) throw new Error(`page 1 shows ${(await rowIds()).length} rows, not 20`);
    await page.screenshot({ path: shot('fleet-pages-1440') });
    const secondPage = listAnswer('2');
    await page.getByTestId('next-page').click();
    await expectPageFromHub(await secondPage, 1);
    await page.getByTestId('session-count').filter({ hasText: 'page 2 of 2' }).waitFor();
    if ((await rowIds()).length !== 1) throw new Error(`page 2 shows ${(await rowIds()).length} rows, not 1`);
  });

  let restarted;
  await step('Restart on the ended command starts it again as a new session and opens it', async () => {
    await page.goto(`${baseUrl}/?ended=1&q=${encodeURIComponent(task('exit three'))}`);
    await expectRows('the ended command', [failing]);
    await page.locator(`tr[data-session="${failing}"]`).getByTestId('restart').click();
    await page.waitForURL((url) => /\/sessions\/[0-9a-f-]+$/.test(url.pathname) && !url.pathname.endsWith(failing));
    restarted = page.url().split('/').pop();
    const again = await session(restarted);
    const before = await session(failing);
    for (const field of ['hostId', 'profile', 'cwd', 'task']) {
      if (again[field] !== before[field]) throw new Error(`the restart's ${field} is ${again[field]}, not ${before[field]}`);
    }
    if (JSON.stringify(again.command) !== JSON.stringify(before.command)) {
      throw new Error(`the restart runs ${JSON.stringify(again.command)}, not ${JSON.stringify(before.command)}`);
    }
    await waitForState(restarted, ['exited']);
    const exitCode = (await session(restarted)).exitCode;
    if (exitCode !== 3) throw new Error(`the restarted command exited with ${exitCode}, not 3`);
  });

  await step('the "+ Add…" picker tells the shells apart by task and directory', async () => {
    await page.goto(`${baseUrl}/terminals?ids=${inRoot}`);
    await page.getByTestId('workspace-add').locator('option', { hasText: task('project shell') }).waitFor({ state: 'attached' });
    const options = await page.getByTestId('workspace-add').locator('option').allTextContents();
    const shell = options.find((text) => text.includes(task('project shell')));
    if (!shell?.includes(project) || !shell.includes(hostName)) {
      throw new Error(`the picker shows the project's shell as "${shell}" among ${JSON.stringify(options)}`);
    }
  });

  await step('Stop asks first: Cancel keeps the session, Stop in the dialog ends it', async () => {
    await page.goto(`${baseUrl}/sessions/${inProject}`);
    await waitForPrompt(page, inProject);
    const stop = page.getByTestId('stop');
    if (!(await stop.isVisible())) await page.getByTestId('session-details-toggle').click();
    await stop.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Stop project shell/).waitFor();
    await page.screenshot({ path: shot('stop-1440') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    if ((await session(inProject)).state !== 'running') throw new Error('Cancel stopped the session');
    await stop.click();
    await page.getByTestId('confirm-stop').click();
    await waitForState(inProject, ['exited']);
    await page.getByTestId('restart').waitFor();
  });

  // Dark is the default whatever the system prefers; System follows it. Chromium reports "light"
  // when the system says nothing (no-preference); the unit test covers a browser that matches neither.
  await step('the theme is dark until one is chosen, and System follows the system', async () => {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${baseUrl}/?q=${marker}&ended=1`);
    await page.getByTestId('sessions').waitFor();
    if ((await theme()) !== 'dark') throw new Error(`with nothing chosen and a light system the theme is ${await theme()}`);
    await page.getByTestId('theme-select').selectOption('system');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, { timeout: 5000 });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    if (background !== 'rgb(245, 246, 248)') throw new Error(`the light theme's background is ${background}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 5000 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, { timeout: 5000 });
    await page.screenshot({ path: shot('light-1440') });
    // The choice is the account's: another browser, with nothing stored, shows it too.
    await accountPreferences({ theme: 'system' });
    const phone = await newPage({ ...PHONE, colorScheme: 'light' });
    await phone.goto(page.url());
    await phone.getByTestId('sessions').waitFor();
    await phone.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, { timeout: 5000 });
    const phoneChoice = await phone.getByTestId('theme-select').inputValue();
    if (phoneChoice !== 'system') throw new Error(`another browser of the account shows the theme choice ${phoneChoice}`);
    await phone.screenshot({ path: shot('light-390'), fullPage: true });
    await phone.context().close();
    await page.getByTestId('theme-select').selectOption('dark');
    await page.reload();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('sessions').waitFor();
    if ((await theme()) !== 'dark') throw new Error(`the chosen dark theme did not last a reload: ${await theme()}`);
  });

  await step('the terminal font family and size are kept across reloads', async () => {
    await page.goto(`${baseUrl}/sessions/${inRoot}`);
    await waitForPrompt(page, inRoot);
    await page.getByTestId('terminal-settings-toggle').click();
    const panel = page.getByTestId('terminal-settings');
    await panel.locator('input[name=fontFamily]').fill('"DejaVu Sans Mono"');
    await panel.locator('input[name=fontSize]').fill('17');
    await panel.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await waitForPrompt(page, inRoot);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('drover.terminal.settings') ?? '{}'));
    if (stored.fontFamily !== '"DejaVu Sans Mono", monospace' || stored.fontSize !== 17) {
      throw new Error(`stored settings are ${JSON.stringify(stored)}`);
    }
    await page.getByTestId('terminal-settings-toggle').click();
    const family = await page.getByTestId('terminal-settings').locator('input[name=fontFamily]').inputValue();
    if (family !== '"DejaVu Sans Mono", monospace') throw new Error(`after a reload the font field reads ${family}`);
    await page.screenshot({ path: shot('appearance-1440') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: shot('light-session-1440') });
  });

  await step('the theme and terminal font follow the account into a fresh browser', async () => {
    await accountPreferences({ theme: 'dark', terminalFontFamily: '"DejaVu Sans Mono", monospace', terminalFontSize: 17 });
    const other = await newPage({ viewport: DESKTOP, colorScheme: 'light' });
    await other.goto(`${baseUrl}/sessions/${inRoot}`);
    await waitForPrompt(other, inRoot);
    // The account's font arrives after sign-in and lands in this browser's copy too.
    await other.waitForFunction(() => JSON.parse(localStorage.getItem('drover.terminal.settings') ?? '{}').fontSize === 17, null, {
      timeout: 5000,
    });
    await other.getByTestId('terminal-settings-toggle').click();
    const panel = other.getByTestId('terminal-settings');
    const font = [await panel.locator('input[name=fontFamily]').inputValue(), await panel.locator('input[name=fontSize]').inputValue()];
    if (font[0] !== '"DejaVu Sans Mono", monospace' || font[1] !== '17') {
      throw new Error(`a fresh browser of the account shows the font ${JSON.stringify(font)}`);
    }
    await other.context().close();
  });

  await step('stop what this script started', async () => {
    for (const id of [inRoot]) {
      await page.request.post(`${baseUrl}/api/v1/sessions/${id}/stop`, { headers: await csrfHeaders(page, baseUrl) });
    }
  });
  log(`sessions e2e passed (${marker})`);
}

await script.run(main);
