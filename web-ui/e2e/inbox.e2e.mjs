#!/usr/bin/env node
// Browser end-to-end check of notifications and remote approvals (ADR 0024): with the app open, a
// session's agent posts a PermissionRequest hook that the daemon holds open; the tab's title and
// favicon count it, a browser notification is shown (the permission granted to the page), the inbox
// lists it with its host, project and command, and Allow in the inbox answers the held hook with
// "allow" and the session works again. The person's webhook points where nothing listens: its
// notification is given up after every attempt and the inbox's settings list it with its error.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_SESSION_ID    a running session whose profile holds PermissionRequest for a decision (required)
//   DROVER_HOOK_URL      the daemon's hook URL of that session (required)
//   DROVER_HOOK_TOKEN    the session's hook token (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { csrfHeaders, e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('inbox.e2e.mjs', 'inbox e2e');
const { executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'inbox-e2e.png';
const need = (name) => process.env[name] || fail(`${name} is not set (see the header of e2e/inbox.e2e.mjs)`);
const sessionId = need('DROVER_SESSION_ID');
const hookUrl = need('DROVER_HOOK_URL');
const hookToken = need('DROVER_HOOK_TOKEN');
const COMMAND = 'make deploy-to-production';

/** How many sessions the tab's title says need you. */
const titleCount = (page) => page.evaluate(() => Number(/^\((\d+)\) /.exec(document.title)?.[1] ?? 0));
const faviconCount = (page) =>
  page.evaluate(() => Number(document.querySelector('link[rel="icon"]')?.getAttribute('data-count') ?? -1));

await runInBrowser({ label: 'inbox e2e', executablePath, screenshot, timeoutMs: 120_000 }, async (page) => {
  await page.context().grantPermissions(['notifications'], { origin: new URL(env.baseUrl).origin });
  // Records every notification the page shows (headless Chromium draws none).
  await page.context().addInitScript(() => {
    const Native = window.Notification;
    window.__notifications = [];
    class Recorded extends Native {
      constructor(title, options) {
        super(title, options);
        window.__notifications.push({ title, body: options?.body ?? '' });
      }
    }
    window.Notification = Recorded;
  });
  await step(`sign in as ${env.user}`, () => signIn(page, env));
  await page.getByTestId('live-state').and(page.locator('[data-state=live]')).waitFor();
  // The first inbox answer is what waited before: no news; only a transition after it notifies.
  await page.locator('[data-testid="inbox-link"][data-ready="true"]').waitFor();
  const before = await titleCount(page);
  log(`the title counts ${before} before`);

  const saveWebhook = async (webhookUrl) => {
    const saved = await page.request.put(`${env.baseUrl}/api/v1/me/notifications`, {
      headers: await csrfHeaders(page, env.baseUrl),
      data: { webhookUrl },
    });
    if (saved.status() !== 200) throw new Error(`PUT /me/notifications answered ${saved.status()}`);
  };
  await step('the webhook points where nothing listens', () => saveWebhook('http://127.0.0.1:9/drover-e2e'));

  let hookAnswer;
  await step('the agent asks for a permission (its hook is held open)', async () => {
    hookAnswer = fetch(hookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${hookToken}` },
      body: JSON.stringify({
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: COMMAND },
      }),
    }).then(async (answer) => ({ status: answer.status, body: await answer.text() }));
    const early = await Promise.race([hookAnswer, new Promise((resolve) => setTimeout(() => resolve(null), 1500))]);
    if (early !== null) throw new Error(`the hook was answered at once: ${early.status} ${early.body}`);
  });

  await step('the title, the favicon and the bell count it, and a notification is shown', async () => {
    await page.waitForFunction((count) => document.title === `(${count}) Drover`, before + 1);
    const favicon = await faviconCount(page);
    if (favicon !== before + 1) throw new Error(`the favicon counts ${favicon}, not ${before + 1}`);
    await page.locator(`[data-testid="inbox-link"][data-count="${before + 1}"]`).waitFor();
    await page.waitForFunction((command) => window.__notifications.some((shown) => shown.body.includes(command)), COMMAND);
    const shown = await page.evaluate(() => window.__notifications);
    log(`notification: ${JSON.stringify(shown.at(-1))}`);
  });

  const item = page.locator(`[data-testid="inbox-item"][data-session="${sessionId}"]`);
  await step('the inbox lists the session with its host, project, command and wait', async () => {
    await page.getByTestId('inbox-link').click();
    await item.waitFor();
    const place = await item.getByTestId('inbox-place').textContent();
    if (!place.includes(env.hostName)) throw new Error(`the inbox says "${place}", without the host ${env.hostName}`);
    const detail = await item.getByTestId('inbox-detail').textContent();
    if (detail !== COMMAND) throw new Error(`the inbox shows "${detail}", not the command`);
    await item.getByTestId('inbox-waited').waitFor();
    if ((await item.getAttribute('data-state')) !== 'needs-approval') throw new Error('not needs-approval');
    await page.screenshot({ path: screenshot });
  });

  await step('Allow in the inbox answers the held hook with allow', async () => {
    await item.getByTestId('decision-reason').fill('looks fine');
    await item.getByTestId('decision-allow').click();
    const answer = await hookAnswer;
    if (answer.status !== 200) throw new Error(`the hook answered ${answer.status}`);
    const decision = JSON.parse(answer.body)?.hookSpecificOutput?.decision?.behavior;
    if (decision !== 'allow') throw new Error(`the hook got ${answer.body}`);
  });

  await step('the session works again, leaves the inbox and the count, and the decision is in its history', async () => {
    await item.waitFor({ state: 'detached' });
    await page.waitForFunction((count) => document.title === (count > 0 ? `(${count}) Drover` : 'Drover'), before);
    // The decision made it work again (a shell then goes quiet, idle, within seconds: the history says it).
    const transitions = await page.evaluate(async (id) => (await fetch(`/api/v1/sessions/${id}/activity`)).json(), sessionId);
    const worked = transitions.find((moved) => moved.state === 'working' && moved.cause?.startsWith('allowed in Drover by'));
    if (!worked) throw new Error(`no working transition by the decision in ${JSON.stringify(transitions)}`);
    await page.goto(new URL(`/sessions/${sessionId}`, env.baseUrl).toString());
    const toggle = page.getByTestId('session-details-toggle');
    if (await toggle.isVisible()) await toggle.click();
    const history = await page.getByTestId('decision-history').textContent();
    if (!history.includes(`Allowed by ${env.user}`) || !history.includes(COMMAND)) {
      throw new Error(`the history says "${history}"`);
    }
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-session.png') });
  });

  await step("the inbox's settings list the webhook notification that never arrived, with its error", async () => {
    await page.getByTestId('inbox-link').click();
    const failures = page.getByTestId('webhook-failures');
    for (let tries = 0; !(await failures.isVisible()) && tries < 15; tries++) {
      await page.waitForTimeout(1000);
      await page.reload();
    }
    await failures.click();
    const text = await failures.textContent();
    if (!text.includes(sessionId.slice(0, 8)) || !text.includes('needs-approval') || !text.includes('4 attempts')) {
      throw new Error(`the failed webhooks read "${text}"`);
    }
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-webhook.png') });
    await saveWebhook(null);
  });
});
