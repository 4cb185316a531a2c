#!/usr/bin/env node
// Browser end-to-end check of live figures: with the fleet page and a session's page open, OTLP
// usage posted to the ingest with the session's own telemetry token shows up on both pages without
// a reload and long before any poll would fetch it (pages poll only every 60 s while the event
// socket is live).
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_SESSION_ID       a running session with no usage yet (required)
//   DROVER_OTLP_ENDPOINT    the ingest's OTLP/HTTP base URL the session was given (required)
//   DROVER_OTLP_AUTH        the session's Authorization header value, "Bearer <token>" (required)
//   DROVER_OTLP_EXPORT      path of an OTLP/JSON metrics export to post (required)
//   DROVER_EXPECTED_INPUT   the input tokens that export adds up to (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 90 s timeout.
import { readFileSync } from 'node:fs';
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('live.e2e.mjs', 'live e2e');
const { executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'live-e2e.png';
const need = (name) => process.env[name] || fail(`${name} is not set (see the header of e2e/live.e2e.mjs)`);
const sessionId = need('DROVER_SESSION_ID');
const endpoint = need('DROVER_OTLP_ENDPOINT');
const authorization = need('DROVER_OTLP_AUTH');
const exportBody = readFileSync(need('DROVER_OTLP_EXPORT'));
const expectedInput = Number(need('DROVER_EXPECTED_INPUT'));
/** Far below the 60 s safety poll: a change seen this soon was pushed. */
const PUSHED_WITHIN_MS = 10_000;

await runInBrowser({ label: 'live e2e', executablePath, screenshot, timeoutMs: 90_000 }, async (fleet) => {
  await step(`sign in as ${env.user}`, () => signIn(fleet, env));
  const usageCell = fleet.locator(`tr[data-session="${sessionId}"] td[data-label="Usage"]`);
  const session = await fleet.context().newPage();

  await step('the fleet page and the session page show the session without usage, live', async () => {
    await fleet.getByTestId('live-state').and(fleet.locator('[data-state=live]')).waitFor();
    await usageCell.waitFor();
    if ((await usageCell.textContent()) !== '–') throw new Error(`usage is already "${await usageCell.textContent()}"`);
    await session.goto(new URL(`/sessions/${sessionId}`, env.baseUrl).toString());
    await session.getByTestId('live-state').and(session.locator('[data-state=live]')).waitFor();
    for (const page of [fleet, session]) await page.evaluate(() => (window.droverNotReloaded = true));
  });

  const posted = Date.now();
  await step('post the usage to the ingest with the session’s token', async () => {
    const answer = await fetch(`${endpoint}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: exportBody,
    });
    if (answer.status !== 200) throw new Error(`the ingest answered ${answer.status}`);
  });

  const exactInput = `${expectedInput.toLocaleString('en-US')} input`;
  await step('both pages show the new usage without a reload', async () => {
    await fleet.waitForFunction(
      ([selector, text]) => document.querySelector(selector)?.getAttribute('title')?.includes(text),
      [`tr[data-session="${sessionId}"] td[data-label="Usage"]`, exactInput],
      { timeout: PUSHED_WITHIN_MS },
    );
    log(`fleet page showed it ${Date.now() - posted} ms after the post`);
    await session.waitForFunction(
      (text) => Array.from(document.querySelectorAll('dd')).some((dd) => dd.getAttribute('title')?.includes(text)),
      exactInput,
      { timeout: PUSHED_WITHIN_MS },
    );
    log(`session page showed it ${Date.now() - posted} ms after the post`);
    for (const page of [fleet, session]) {
      if (!(await page.evaluate(() => window.droverNotReloaded === true))) throw new Error(`${page.url()} was reloaded`);
    }
    const shown = await usageCell.textContent();
    if (!/tok · \$/.test(shown ?? '')) throw new Error(`the fleet shows "${shown}"`);
  });

  await step('screenshot', async () => {
    await usageCell.scrollIntoViewIfNeeded();
    await fleet.screenshot({ path: screenshot });
    await session.screenshot({ path: screenshot.replace(/\.png$/, '-session.png') });
  });
});
