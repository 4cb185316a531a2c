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
