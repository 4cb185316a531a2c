#!/usr/bin/env node
// Browser end-to-end check of the terminal path against a live Drover system.
//
// Environment:
//   DROVER_URL         hub origin, e.g. http://127.0.0.1:8420 (required)
//   DROVER_USER        account to sign in with (required)
//   DROVER_PASSWORD    its password (required)
//   DROVER_HOST_NAME   name of an online host to spawn `bash` on (required)
//   DROVER_SCREENSHOT  PNG written on success (and <name>.failure.png on failure); default terminal-e2e.png
//   DROVER_CHROMIUM    browser binary; default /usr/bin/chromium
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 60 s timeout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, e2eEnvironment, runScript } from './support.mjs';

const OVERALL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 20_000;

const { baseUrl, user, password, hostName, executablePath, marker, log, step } = e2eEnvironment(
  'terminal.e2e.mjs',
  'terminal e2e',
);
const screenshot = process.env.DROVER_SCREENSHOT || 'terminal-e2e.png';

const userDataDir = mkdtempSync(join(tmpdir(), 'drover-e2e-'));
let context;
let page;
const pageErrors = [];


async function cleanUp() {
  try {
    await context?.close();
  } catch {
    // Closing a browser that already died is not a test failure.
  }
  rmSync(userDataDir, { recursive: true, force: true });
}

async function run() {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: CHROMIUM_ARGS,
  });
  // Headless Chromium draws WebGL in software, where the `auto` renderer picks the DOM; asking for
  // WebGL keeps xterm's WebGL renderer under test here (the other scripts see the DOM one).
  await context.addInitScript(() => localStorage.setItem('drover.terminal.settings', JSON.stringify({ renderer: 'webgl' })));
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await step(`open ${baseUrl}/ and get sent to the login page`, async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login(\?|$)/);
  });

  await step('a wrong password shows an error and stays on the login page', async () => {
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', `wrong-${marker}`);
    await page.click('button[type=submit]');
    const error = page.getByTestId('login-error');
    await error.waitFor({ state: 'visible' });
    const text = (await error.textContent()) ?? '';
    if (!/wrong username or password/i.test(text)) throw new Error(`unexpected error text "${text}"`);
    if (!/\/login/.test(page.url())) throw new Error(`left the login page: ${page.url()}`);
  });

  await step(`sign in as ${user}`, async () => {
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForFunction(
      () => !location.pathname.startsWith('/login') || !document.querySelector('button[type=submit]:disabled'),
    );
    await page.waitForTimeout(200);
    if (new URL(page.url()).pathname.startsWith('/login')) {
      const error = await page.getByTestId('login-error').textContent().catch(() => null);
      throw new Error(`still on the login page: ${error ?? 'no error shown'} (check DROVER_USER/DROVER_PASSWORD)`);
    }
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
  });

  await step('open the new-session dialog', async () => {
    await page.getByRole('button', { name: /new session/i }).click();
    await page.getByRole('dialog').waitFor();
  });

  await step(`pick host ${hostName}, the Bash agent and a task, start`, async () => {
    const select = page.getByTestId('new-session-host');
    await select.waitFor();
    const options = await select.locator('option').evaluateAll((nodes) =>
      nodes.map((node) => ({ label: node.textContent ?? '', disabled: node.disabled })),
    );
    const option = options.find((candidate) => candidate.label === hostName);
    if (!option) {
      const offline = options.some((candidate) => candidate.label === `${hostName} (offline)`);
      throw new Error(offline ? `host ${hostName} is offline` : `no host ${hostName} among ${JSON.stringify(options)}`);
    }
    await select.selectOption({ label: hostName });
    const profile = page.getByTestId('new-session-profile');
    await page.waitForFunction(() => {
      const options = document.querySelectorAll('[data-testid=new-session-profile] option');
      return Array.from(options).some((option) => option.value === 'bash' && !option.disabled);
    });
    await profile.selectOption('bash');
    await page.fill('input[name=task]', `e2e ${marker}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-new-session.png') });
    await page.getByRole('button', { name: /start session/i }).click();
    await Promise.race([
      page.waitForURL(/\/sessions\/[^/]+$/),
      page
        .getByTestId('new-session-error')
        .waitFor()
        .then(async () => {
          throw new Error(`the hub refused: ${await page.getByTestId('new-session-error').textContent()}`);
        }),
    ]);
  });

  await step('see the task as the session title, and Bash as its agent', async () => {
    await page.getByTestId('session-title').filter({ hasText: `e2e ${marker}` }).waitFor();
    const agent = await page.getByTestId('session-profile').textContent();
    if (agent?.trim() !== 'bash') throw new Error(`the session's agent reads "${agent}", expected "bash"`);
  });

  await step('wait for the terminal to connect', async () => {
    await page.locator('[data-testid=terminal][data-state=connected]').waitFor();
  });

  // Typing before bash has printed its prompt interleaves the echo of the keys with the prompt
  // ("ecroot@vm:~# echo …"), so wait for the prompt first.
  await step('wait for the shell prompt', async () => {
    await page.waitForFunction(
      () => /[$#]$/.test((window.__droverTerminal?.text() ?? '').trimEnd()),
      undefined,
      { polling: 100 },
    );
  });

  await step(`type "echo ${marker}" and Enter`, async () => {
    await page.getByTestId('terminal').click();
    await page.keyboard.type(`echo ${marker}`);
    await page.keyboard.press('Enter');
  });

  await step('see the output line in the terminal', async () => {
    await page.waitForFunction(
      (expected) =>
        (window.__droverTerminal?.text() ?? '').split('\n').some((line) => line.trim() === expected),
      marker,
      { polling: 100 },
    );
  });

  const renderer = await page.evaluate(() => window.__droverTerminal?.renderer());
  if (renderer !== 'webgl') throw new Error(`the terminal draws with ${renderer}, not the WebGL renderer it was asked for`);
  await step(`save the screenshot ${screenshot}`, () => page.screenshot({ path: screenshot }));
  log(`terminal e2e passed (renderer ${renderer}, marker ${marker})`);
}

await runScript({
  title: 'terminal e2e',
  timeoutMs: OVERALL_TIMEOUT_MS,
  screenshot,
  pageErrors,
  currentPage: () => page,
  close: cleanUp,
  main: run,
});
