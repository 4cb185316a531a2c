// Shared by the browser end-to-end scripts: their environment contract, Chromium's flags, and
// step logging that names the step that failed.
import { randomBytes } from 'node:crypto';

/** Debian's Chromium as this project's machines and CI run it (never a downloaded browser). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Reads the DROVER_* variables of the scripts' header; exits 1 naming a missing one. */
export function e2eEnvironment(script, label) {
  const fail = (message) => {
    console.error(`${label} FAILED: ${message}`);
    process.exit(1);
  };
  const required = (name) => {
    const value = process.env[name];
    if (!value) fail(`${name} is not set (see the header of e2e/${script})`);
    return value;
  };
  const started = Date.now();
  const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  return {
    label,
    baseUrl: required('DROVER_URL').replace(/\/+$/, ''),
    user: required('DROVER_USER'),
    password: required('DROVER_PASSWORD'),
    hostName: required('DROVER_HOST_NAME'),
    executablePath: process.env.DROVER_CHROMIUM || '/usr/bin/chromium',
    marker: `drover-e2e-${randomBytes(6).toString('hex')}`,
    fail,
    log,
    /** Runs one step, logging it; a failure says which step and why in one line. */
    step: async (description, action) => {
      log(description);
      try {
        return await action();
      } catch (error) {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(`${description}: ${detail}`);
      }
    },
  };
}

/**
 * Runs `body(page)` in a fresh headless Chromium profile and ends the process: 0 on success; 1
 * when `body` throws (the message, page errors and `<screenshot>.failure.png`); 2 when it runs
 * longer than `timeoutMs`.
 */
export async function runInBrowser({ label, executablePath, screenshot, timeoutMs, stepTimeoutMs = 20_000 }, body) {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const userDataDir = mkdtempSync(join(tmpdir(), 'drover-e2e-'));
  const pageErrors = [];
  let context;
  let page;
  const failureScreenshot = async () => {
    if (!page) return;
    const path = screenshot.replace(/(\.png)?$/i, '.failure.png');
    await page
      .screenshot({ path, timeout: 5000 })
      .then(() => console.error(`failure screenshot: ${path}`))
      .catch(() => {});
  };
  const cleanUp = async () => {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  const overall = setTimeout(async () => {
    console.error(`${label} FAILED: no result within ${timeoutMs / 1000} s`);
    await failureScreenshot();
    await cleanUp();
    process.exit(2);
  }, timeoutMs);
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: CHROMIUM_ARGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(stepTimeoutMs);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const cspViolations = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
        cspViolations.push(message.text());
      }
    });
    await body(page);
    if (cspViolations.length > 0) {
      throw new Error(`the page broke its Content-Security-Policy:\n${cspViolations.join('\n')}`);
    }
    clearTimeout(overall);
    await cleanUp();
    process.exit(0);
  } catch (error) {
    clearTimeout(overall);
    console.error(`${label} FAILED: ${error instanceof Error ? error.message : error}`);
    if (page) console.error(`page: ${page.url()}`);
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
    await failureScreenshot();
    await cleanUp();
    process.exit(1);
  }
}

/** Opens the app, signs in on the login page it is sent to and waits for the fleet page. */
export async function signIn(page, { baseUrl, user, password }) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login(\?|$)/);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Fleet' }).waitFor();
}

/**
 * A fresh browser context signed in as `user` through the REST API; `options` are Playwright's
 * context options (viewport, touch). Page errors are collected into `pageErrors`.
 */
export async function signedInPage(browser, { baseUrl, user, password }, options, pageErrors, stepTimeoutMs = 20_000) {
  const context = await browser.newContext(options);
  const created = await context.newPage();
  created.setDefaultTimeout(stepTimeoutMs);
  created.on('pageerror', (error) => pageErrors.push(error.message));
  const login = await created.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: user, password } });
  if (!login.ok()) throw new Error(`login as ${user} answered ${login.status()} (check DROVER_USER/DROVER_PASSWORD)`);
  return created;
}

/**
 * Starts a session on the host named `hostName` through the REST API and returns its id;
 * `request` is the rest of the spawn request (default: the `command` profile running `bash`).
 */
/**
 * A page's API request shares its session cookie, so a write is a browser write: it repeats the
 * drover_csrf cookie in X-Drover-CSRF, as the web UI's client does.
 */
export async function csrfHeaders(page, baseUrl) {
  const csrf = (await page.context().cookies(baseUrl)).find((cookie) => cookie.name === 'drover_csrf');
  return csrf ? { 'X-Drover-CSRF': csrf.value } : {};
}

export async function startSession(page, { baseUrl, hostName }, request = { command: ['bash'] }) {
  const hosts = await (await page.request.get(`${baseUrl}/api/v1/hosts`)).json();
  const host = hosts.find((candidate) => candidate.name === hostName);
  if (!host) throw new Error(`no host ${hostName} among ${hosts.map((h) => h.name).join(', ')}`);
  if (!host.online) throw new Error(`host ${hostName} is offline`);
  const answer = await page.request.post(`${baseUrl}/api/v1/sessions`, {
    data: { hostId: host.id, cwd: null, cols: 120, rows: 30, ...request },
    headers: await csrfHeaders(page, baseUrl),
  });
  if (!answer.ok()) throw new Error(`starting ${JSON.stringify(request)} answered ${answer.status()}: ${await answer.text()}`);
  return (await answer.json()).id;
}

/** Waits until the page's active terminal shows `sessionId`, connected, with a shell prompt. */
export async function waitForPrompt(page, sessionId) {
  await page.waitForFunction(
    (id) => {
      const hook = window.__droverTerminal;
      return hook?.sessionId() === id && hook.state() === 'connected' && /[$#]$/.test(hook.text().trimEnd());
    },
    sessionId,
    { polling: 100 },
  );
}

/** Waits until a row of the active terminal's buffer reads `expected` (trimmed). */
export async function waitForLine(page, expected) {
  await page.waitForFunction(
    (line) => (window.__droverTerminal?.text() ?? '').split('\n').some((row) => row.trim() === line),
    expected,
    { polling: 100 },
  );
}

/** Types `command` and Enter into the focused terminal. */
export async function run(page, command) {
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/**
 * Runs an e2e script's `main` under an overall time limit and ends the process: 0 when it passed,
 * 1 when it failed and 2 when it ran out of time. On a failure it prints what failed, the current
 * page's address and terminal buffer and the page's errors, and saves that page next to
 * `screenshot` as `<name>.failure.png`. `currentPage()` and `close()` are asked at that moment,
 * because a script opens and replaces its pages and browser as it goes.
 */
export async function runScript({ title, timeoutMs, screenshot, pageErrors, currentPage, close, main }) {
  const saveFailureScreenshot = async () => {
    const page = currentPage();
    if (!page) return;
    const path = screenshot.replace(/(\.png)?$/i, '.failure.png');
    try {
      await page.screenshot({ path, timeout: 5000 });
      console.error(`failure screenshot: ${path}`);
    } catch {
      // The page may be gone already; the message says what failed.
    }
  };
  const closeQuietly = () => close().catch(() => {});
  const overall = setTimeout(async () => {
    console.error(`${title} FAILED: no result within ${timeoutMs / 1000} s`);
    await saveFailureScreenshot();
    await closeQuietly();
    process.exit(2);
  }, timeoutMs);
  try {
    await main();
    clearTimeout(overall);
    await close();
    process.exit(0);
  } catch (error) {
    clearTimeout(overall);
    console.error(`${title} FAILED: ${error instanceof Error ? error.message : error}`);
    const page = currentPage();
    if (page) {
      const text = await page.evaluate(() => window.__droverTerminal?.text()).catch(() => undefined);
      console.error(`page: ${page.url()}`);
      if (text !== undefined) console.error(`terminal buffer:\n${text}`);
    }
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
    await saveFailureScreenshot();
    await closeQuietly();
    process.exit(1);
  }
}

/**
 * A script (its e2eEnvironment `env`) that drives one headless Chromium it launches itself:
 * `launch()` starts the browser, `run(main)` runs `main` under runScript (which closes the browser
 * at the end) and `pageErrors` collects the errors its pages raise. `currentPage()` names the page
 * a failure report shows.
 */
export function browserScript({ label: title, executablePath }, { timeoutMs, screenshot, currentPage }) {
  let browser;
  const pageErrors = [];
  return {
    pageErrors,
    launch: async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
      return browser;
    },
    run: (main) =>
      runScript({ title, timeoutMs, screenshot, pageErrors, currentPage, close: async () => browser?.close(), main }),
  };
}
