#!/usr/bin/env node
// Browser end-to-end check of the conversation archive (issue 15, Browse): a Claude transcript written on the
// host is found by the Conversations page's search, its hit opens the conversation at the message, the
// conversation reads as it should (markdown, folded tool call, hidden thinking, HTML in a message shown as text,
// never run), and it grows in the open page when the agent writes more, without a reload.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER (an admin: the host's own runs are theirs to read),
// DROVER_PASSWORD, DROVER_HOST_NAME, DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_TRANSCRIPT    the Claude transcript file to write, where the host's daemon collects them:
//                        <daemon $HOME>/.claude/projects/<slug of the cwd>/<uuid>.jsonl (required)
//   DROVER_PROJECT_DIR   the working directory the transcript names (required)
// Screenshots: <base>.png (desktop, dark), <base>-phone-light.png (390×844, light theme).
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { appendFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('conversations.e2e.mjs', 'conversations e2e');
const { executablePath, log, step, fail, marker } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'conversations-e2e.png';
const need = (name) => process.env[name] || fail(`${name} is not set (see the header of e2e/conversations.e2e.mjs)`);
const transcript = need('DROVER_TRANSCRIPT');
const cwd = need('DROVER_PROJECT_DIR');
const agentSessionId = basename(transcript, '.jsonl');
/** The bound for a written line to be searchable is 1 s; the page polls, so allow more for the browser. */
const SEARCHABLE_WITHIN_MS = 15_000;
const GROWS_WITHIN_MS = 10_000;

let previous = null;
/** Appends one Claude transcript record, chained to the one before as Claude chains them. */
function write(record) {
  const uuid = randomUUID();
  const line = {
    parentUuid: previous,
    isSidechain: false,
    uuid,
    timestamp: new Date().toISOString(),
    cwd,
    sessionId: agentSessionId,
    version: '2.1.329',
    userType: 'external',
    ...record,
  };
  previous = uuid;
  appendFileSync(transcript, `${JSON.stringify(line)}\n`);
}
const usage = { input_tokens: 1111, output_tokens: 222, cache_read_input_tokens: 4444, cache_creation_input_tokens: 333 };
const assistant = (id, content) => ({
  type: 'assistant',
  message: { id, type: 'message', role: 'assistant', model: 'claude-opus-5-5', content, usage },
});

await runInBrowser({ label: 'conversations e2e', executablePath, screenshot, timeoutMs: 120_000 }, async (page) => {
  await step('write a transcript on the host', async () => {
    mkdirSync(dirname(transcript), { recursive: true });
    write({
      type: 'user',
      message: {
        role: 'user',
        content: `Find ${marker} please <script>window.__droverXss = 1</script> <img src=x onerror="window.__droverXss = 2">`,
      },
    });
    write(assistant('msg_e2e_1', [{ type: 'thinking', thinking: `hidden-thought-${marker}`, signature: 'x' }]));
    write(assistant('msg_e2e_1', [{ type: 'text', text: `I found **it**: \`${marker}\`.` }]));
    write(
      assistant('msg_e2e_1', [
        { type: 'tool_use', id: 'toolu_e2e_1', name: 'Bash', input: { command: `grep -r ${marker} .` } },
      ]),
    );
    write({
      type: 'user',
      message: {
        role: 'user',
        content: [{ tool_use_id: 'toolu_e2e_1', type: 'tool_result', content: `tool-output-${marker}`, is_error: true }],
      },
    });
  });

  await step(`sign in as ${env.user}`, () => signIn(page, env));
  const written = Date.now();
  await step('the Conversations page finds the prompt by a word of it, highlighted', async () => {
    await page.getByTestId('conversations-link').click();
    await page.getByTestId('conversation-tree').waitFor();
    await page.getByTestId('conversation-search').fill(marker);
    await page
      .getByTestId('search-hit')
      // The search marks each word of the marker (drover, e2e, its hex part) on its own.
      .filter({ has: page.locator('mark', { hasText: marker.split('-').pop() }) })
      .first()
      .waitFor({ timeout: SEARCHABLE_WITHIN_MS });
    log(`searchable in the page ${Date.now() - written} ms after it was written`);
  });

  await step('the hit opens the conversation at its message', async () => {
    await page.locator('[data-testid=search-hit][data-role=user]').first().getByRole('link').click();
    await page.getByTestId('thread').waitFor();
    const target = page.locator('.turn-target');
    await target.waitFor();
    if (!(await target.textContent())?.includes(marker)) throw new Error('the shown message is not the hit');
    if (!(await target.isVisible())) throw new Error('the hit is not on screen');
  });

  await step('markdown renders, HTML in the text is text, thinking is hidden and the tool call folded', async () => {
    await page.locator('[data-testid=message] strong', { hasText: 'it' }).waitFor();
    const prompt = await page.locator('[data-testid=message][data-role=user]').first().textContent();
    if (!prompt?.includes('<script>window.__droverXss = 1</script>')) throw new Error(`the prompt reads "${prompt}"`);
    if (await page.evaluate(() => 'droverXss' in window || '__droverXss' in window)) throw new Error('HTML in a message ran');
    if (await page.locator('.thread script, .thread img').count()) throw new Error('HTML in a message became elements');
    if (await page.getByText(`hidden-thought-${marker}`).count()) throw new Error('thinking shows by default');
    const call = page.getByTestId('tool-call').filter({ hasText: 'Bash' });
    if ((await call.getAttribute('open')) !== null) throw new Error('the tool call is not folded');
    if (await page.getByText(`tool-output-${marker}`).count()) throw new Error('a folded result shows');
    await call.locator('summary').click();
    await page.getByTestId('tool-result').filter({ hasText: `tool-output-${marker}` }).waitFor();
    await page.getByTestId('timeline-entry').and(page.locator('[data-error=true]')).first().waitFor();
    await page.getByTestId('show-thinking').check();
    await page.getByText(`hidden-thought-${marker}`).waitFor();
  });

  await step('the open conversation grows when the agent writes, following the bottom, without a reload', async () => {
    await page.evaluate(() => {
      window.droverNotReloaded = true;
      window.scrollTo({ top: document.documentElement.scrollHeight });
    });
    await page.waitForTimeout(300);
    const grown = `grown-${marker}`;
    const wrote = Date.now();
    write(assistant('msg_e2e_2', [{ type: 'text', text: `Later: ${grown}` }]));
    await page.getByText(`Later: ${grown}`).waitFor({ timeout: GROWS_WITHIN_MS });
    log(`the page showed the new message ${Date.now() - wrote} ms after it was written`);
    if (!(await page.evaluate(() => window.droverNotReloaded === true))) throw new Error('the page was reloaded');
    await page.waitForFunction(
      () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 48,
      undefined,
      { timeout: 2_000 },
    );
    await page.screenshot({ path: screenshot, fullPage: true });
  });

  await step('a phone in the light theme reads it too', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('theme-select').selectOption('light');
    await page.reload();
    await page.getByTestId('thread').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the page is ${width} px wide on a 390 px phone`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-phone-light.png'), fullPage: true });
    await page.getByTestId('theme-select').selectOption('dark');
  });
});
