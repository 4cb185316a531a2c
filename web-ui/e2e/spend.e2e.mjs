#!/usr/bin/env node
// Browser end-to-end check of the context bar and the spend page: with a session's page open, OTLP
// usage posted to the ingest with the session's own telemetry token shows its cost and its context bar
// (the latest request's prompt against its model's window) without a reload, the fleet row shows the
// bar too, and the spend page's "today" grows by exactly that cost, charts it, and drills down from the
// model's row to the session; an admin sets (and removes) a user's day budget there.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_SESSION_ID        a running session with no usage yet (required)
//   DROVER_OTLP_ENDPOINT     the ingest's OTLP/HTTP base URL the session was given (required)
//   DROVER_OTLP_AUTH         the session's Authorization header value, "Bearer <token>" (required)
//   DROVER_OTLP_EXPORT       path of an OTLP/JSON metrics export of one model request (required)
//   DROVER_EXPECTED_CONTEXT  the text of the context bar's tooltip, e.g.
//                            "5,888 of 200,000 tokens in the latest request (claude-opus-5-5)" (required)
//   DROVER_EXPECTED_COST     the export's cost in USD, exact, e.g. 0.0114378 (required)
//   DROVER_EXPECTED_MODEL    the export's model (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { readFileSync } from 'node:fs';
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('spend.e2e.mjs', 'spend e2e');
const { executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'spend-e2e.png';
const need = (name) => process.env[name] || fail(`${name} is not set (see the header of e2e/spend.e2e.mjs)`);
const sessionId = need('DROVER_SESSION_ID');
const endpoint = need('DROVER_OTLP_ENDPOINT');
const authorization = need('DROVER_OTLP_AUTH');
const exportBody = readFileSync(need('DROVER_OTLP_EXPORT'));
const expectedContext = need('DROVER_EXPECTED_CONTEXT');
const expectedCost = need('DROVER_EXPECTED_COST');
const expectedModel = need('DROVER_EXPECTED_MODEL');
/** Far below the 60 s safety poll: a change seen this soon was pushed. */
const PUSHED_WITHIN_MS = 10_000;
const shot = (suffix) => screenshot.replace(/(\.png)?$/i, `-${suffix}.png`);

/** A decimal USD string as nano-USD, exactly. */
const nanoUsd = (usd) => {
  const [whole, fraction = ''] = usd.split('.');
  return BigInt(whole) * 1_000_000_000n + BigInt((fraction + '000000000').slice(0, 9));
};
const usd = (nano) => {
  const fraction = (nano % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${nano / 1_000_000_000n}${fraction ? `.${fraction}` : ''}`;
};

await runInBrowser({ label: 'spend e2e', executablePath, screenshot, timeoutMs: 120_000 }, async (page) => {
  await step(`sign in as ${env.user}`, () => signIn(page, env));

  let todayBefore;
  await step('the session page shows no usage and no context bar yet, live', async () => {
    const summary = await page.request.get(new URL('/api/v1/spend/summary', env.baseUrl).toString());
    if (summary.status() !== 200) throw new Error(`the spend summary answered ${summary.status()}`);
    todayBefore = (await summary.json()).today.spent.costUsd;
    await page.goto(new URL(`/sessions/${sessionId}`, env.baseUrl).toString());
    await page.getByTestId('live-state').and(page.locator('[data-state=live]')).waitFor();
    if ((await page.getByTestId('context-bar').count()) !== 0) throw new Error('a context bar is shown before any usage');
    await page.evaluate(() => (window.droverNotReloaded = true));
  });

  const posted = Date.now();
  await step('post one model request’s usage to the ingest with the session’s token', async () => {
    const answer = await fetch(`${endpoint}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: exportBody,
    });
    if (answer.status !== 200) throw new Error(`the ingest answered ${answer.status}`);
  });

  await step('the cost and the context bar appear on the session page without a reload', async () => {
    const bar = page.locator('[data-testid=context-bar][data-state=ok]');
    await bar.waitFor({ timeout: PUSHED_WITHIN_MS });
    log(`the context bar showed ${Date.now() - posted} ms after the post`);
    const title = await bar.getAttribute('title');
    if (title !== expectedContext) throw new Error(`the context bar says "${title}", not "${expectedContext}"`);
    await page.waitForFunction(
      (cost) => Array.from(document.querySelectorAll('dd')).some((dd) => dd.getAttribute('title')?.endsWith(`$${cost}`)),
      expectedCost,
      { timeout: PUSHED_WITHIN_MS },
    );
    if (!(await page.evaluate(() => window.droverNotReloaded === true))) throw new Error('the page was reloaded');
    await bar.focus();
    await page.screenshot({ path: shot('session') });
  });

  await step('the fleet row shows the context bar too', async () => {
    await page.goto(new URL('/', env.baseUrl).toString());
    const bar = page.locator(`tr[data-session="${sessionId}"] [data-testid=context-bar]`);
    await bar.waitFor();
    if ((await bar.getAttribute('title')) !== expectedContext) throw new Error(`the fleet's bar says "${await bar.getAttribute('title')}"`);
    await bar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('fleet') });
  });

  const todayAfter = usd(nanoUsd(todayBefore) + nanoUsd(expectedCost));
  await step(`the spend page: today grew by $${expectedCost} to $${todayAfter}, with a chart`, async () => {
    await page.getByTestId('spend-link').click();
    await page.getByRole('heading', { name: 'Spend' }).waitFor();
    await page.waitForFunction(
      (exact) => document.querySelector('[data-testid=spend-today] [title]')?.getAttribute('title')?.startsWith(`$${exact}`),
      todayAfter,
    );
    await page.locator('[data-testid=spend-chart] canvas').first().waitFor();
    await page.screenshot({ path: screenshot, fullPage: true });
  });

  await step(`drill down from the model ${expectedModel} to the session, with the keyboard`, async () => {
    await page.getByTestId('spend-by-model').focus();
    await page.keyboard.press('Enter');
    const drill = page.getByRole('button', { name: `Sessions of ${expectedModel}` });
    await drill.focus();
    await page.keyboard.press('Enter');
    const sessions = page.getByTestId('spend-sessions');
    await sessions.locator(`a[href="/sessions/${sessionId}"]`).waitFor();
    await page.screenshot({ path: shot('drill'), fullPage: true });
  });

  await step('an admin sets a day budget for a user on the spend page, and it is listed with today’s spend', async () => {
    await page.getByTestId('add-day-budget').click();
    const form = page.getByTestId('day-budget-form');
    await form.locator('input[name=user]').fill(env.user);
    await form.locator('input[name=costUsd]').fill('500');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('[data-testid=day-budget][data-scope=user]');
    await row.waitFor();
    const text = await row.innerText();
    if (!text.includes(`user ${env.user}`) || !text.includes('$500')) throw new Error(`the day budget row says "${text}"`);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('budgets'), fullPage: true });
    const audit = await page.request.get(new URL('/api/v1/audit?action=budget.changed', env.baseUrl).toString());
    if (audit.status() !== 200) throw new Error(`the audit trail answered ${audit.status()}`);
    const [latest] = await audit.json();
    if (latest?.actor !== env.user) throw new Error(`the audit trail's latest budget change is ${JSON.stringify(latest)}`);
    await page.getByRole('button', { name: `Remove the day budget of user ${env.user}` }).click();
    await row.waitFor({ state: 'detached' });
  });

  await step('the spend page at a phone’s width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Spend' }).waitFor();
    await page.screenshot({ path: shot('phone'), fullPage: true });
  });
  log('spend e2e passed');
});
