#!/usr/bin/env node
// Browser end-to-end check of the fleet page by attention: the session that needs you comes before
// an idle one, a card's thumbnail shows what was typed in its session, ] jumps to a session that
// needs you, a prompt to a selection reports each session's result (delivered to the idle
// one, refused for the one waiting for an approval), i selects every idle session and no other, and
// a bell rung in a background tab of the terminals workspace shows on that tab until it is seen.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_IDLE_SESSION    a session whose agent is idle (required)
//   DROVER_ASKING_SESSION  a session whose agent waits for an approval (required)
//   DROVER_MARKER          a text shown on the idle session's screen (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 90 s timeout.
import { csrfHeaders, e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('fleet.e2e.mjs', 'fleet e2e');
const { executablePath, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'fleet-e2e.png';
const need = (name) => process.env[name] || fail(`${name} is not set (see the header of e2e/fleet.e2e.mjs)`);
const idle = need('DROVER_IDLE_SESSION');
const asking = need('DROVER_ASKING_SESSION');
const marker = need('DROVER_MARKER');

await runInBrowser({ label: 'fleet e2e', executablePath, screenshot, timeoutMs: 90_000 }, async (page) => {
  await step(`sign in as ${env.user}`, () => signIn(page, env));
  const card = (id) => page.locator(`[data-testid=attention-card][data-session="${id}"]`);

  await step('the session that needs you comes before the idle one', async () => {
    await card(asking).and(page.locator('[data-group=needs-you]')).waitFor();
    await card(idle).and(page.locator('[data-group=idle]')).waitFor();
    const order = await page.$$eval('[data-testid=attention-card]', (cards) => cards.map((c) => c.dataset.session));
    if (order.indexOf(asking) > order.indexOf(idle)) throw new Error(`the board's order is ${order.join(', ')}`);
    const groups = await page.$$eval('[data-testid=attention-card]', (cards) => cards.map((c) => c.dataset.group));
    const rank = { 'needs-you': 0, working: 1, idle: 2, ended: 3 };
    groups.reduce((before, group) => {
      if (rank[group] < rank[before]) throw new Error(`groups out of order: ${groups.join(', ')}`);
      return group;
    });
  });

  await step('the idle card shows its state, how long, and a thumbnail with the typed text', async () => {
    // thumbnails are fetched only for cards on screen, and other tests' sessions may fill the board above it
    await card(idle).scrollIntoViewIfNeeded();
    await card(idle).getByTestId('thumbnail').filter({ hasText: marker }).waitFor();
    const since = await card(idle).getByTestId('state-for').textContent();
    if (!/^for \d+(s|m)/.test(since ?? '')) throw new Error(`the card says "${since}"`);
    await card(asking).getByTestId('activity').and(page.locator('[data-activity=needs-approval]')).waitFor();
  });

  await step('] jumps to a session that needs you', async () => {
    await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    await page.keyboard.press(']');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-group'));
    if (focused !== 'needs-you') throw new Error(`the focus went to a card of group ${focused}`);
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-session'))) === asking) return;
      await page.keyboard.press(']');
    }
    throw new Error('] never reached the session waiting for an approval');
  });

  await step('a prompt to the two selected sessions: delivered to the idle one, refused for the other', async () => {
    await card(idle).getByTestId('select-session').check();
    await card(asking).getByTestId('select-session').check();
    await page.getByTestId('prompt-selected').click();
    await page.getByTestId('prompt-text').fill('echo fleet-prompt-$((6*7))');
    await page.getByTestId('send-prompt').click();
    const result = (id) => page.locator(`[data-testid=prompt-result][data-session="${id}"]`);
    await result(asking).and(page.locator('[data-status=refused]')).waitFor();
    await result(idle).and(page.locator('[data-status=confirmed]')).waitFor();
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-prompt.png') });
    await page.getByTestId('prompt-done').click();
  });

  await step('screenshot', async () => {
    await card(idle).getByTestId('thumbnail').filter({ hasText: 'fleet-prompt-42' }).waitFor();
    await page.getByTestId('attention-board').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot });
  });

  await step('i selects every idle session and no other', async () => {
    await page.reload();
    await card(idle).and(page.locator('[data-group=idle]')).waitFor();
    await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    await page.keyboard.press('i');
    const picked = await page.$$eval('[data-testid=attention-card]', (cards) =>
      cards.filter((c) => c.querySelector('[data-testid=select-session]')?.checked).map((c) => c.dataset.group),
    );
    const idleCards = await page.locator('[data-testid=attention-card][data-group=idle]').count();
    if (picked.length !== idleCards || picked.some((group) => group !== 'idle')) {
      throw new Error(`i selected cards of groups ${picked.join(', ')} (${idleCards} idle cards)`);
    }
    if (!(await card(idle).getByTestId('select-session').isChecked())) throw new Error('the idle session is not selected');
    const label = await page.getByTestId('prompt-selected').textContent();
    if (!label?.includes(String(idleCards))) throw new Error(`the prompt button reads "${label}"`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-idle.png') });
  });

  await step('a bell in a background workspace tab shows on that tab until it is seen', async () => {
    await page.goto(`${env.baseUrl}/terminals?ids=${asking},${idle}&tab=${asking}`);
    const tab = page.locator(`[data-testid=workspace-tab][data-session="${idle}"]`);
    await tab.waitFor();
    // the background tab's terminal is hidden but connected: its bell is what the tab shows
    await page.locator(`[data-testid=terminal][data-session="${idle}"][data-state=connected]`).waitFor({ state: 'attached' });
    const sent = await page.request.post(`${env.baseUrl}/api/v1/prompts`, {
      headers: await csrfHeaders(page, env.baseUrl),
      data: { text: "printf 'bell-\\a-rung\\n'", sessionIds: [idle] },
    });
    if (sent.status() !== 202) throw new Error(`POST /prompts answered ${sent.status()}`);
    await tab.getByTestId('workspace-tab-bell').waitFor();
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-bell.png') });
    await tab.click();
    await tab.getByTestId('workspace-tab-bell').waitFor({ state: 'detached' });
  });
});
