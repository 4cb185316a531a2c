// Temporary screenshot harness with a mocked hub (not committed).
import { chromium } from 'playwright-core';
const base = process.env.BASE || 'http://127.0.0.1:4391';
const out = '/tmp/tui-shots';
const now = Date.now();
const iso = (ago) => new Date(now - ago * 1000).toISOString();
const tree = [
  { hostId: 'h1', hostName: 'build-box', projects: [{ project: '/home/ann/src/drover', conversations: 12 }, { project: '/home/ann/src/website', conversations: 3 }] },
  { hostId: 'h2', hostName: 'laptop', projects: [{ project: '/Users/bob/work/payments-service-with-a-very-long-name', conversations: 5 }] },
];
const summary = (i, extra = {}) => ({ id: `c${i}`, hostId: 'h1', hostName: 'build-box', project: '/home/ann/src/drover', agent: ['claude', 'codex', 'gemini'][i % 3], agentSessionId: `a${i}`, sessionId: i === 1 ? 's1' : null, title: i === 1 ? 'Fix the flaky reconnect test in the terminal connection and explain why it failed' : `Conversation number ${i} about refactoring`, startedAt: iso(3600 * i), updatedAt: iso(60 * i), messageCount: 10 * i, inputTokens: 12000 * i, outputTokens: 800 * i, cacheReadTokens: 50000, cacheWriteTokens: 1200, createdBy: i % 2 ? 'ann' : null, ...extra });
let seq = 0;
const m = (f) => ({ id: `m${++seq}`, seq, agentMessageId: null, parentSeq: null, subagentId: null, role: 'assistant', kind: 'text', text: '', toolName: null, toolUseId: null, isError: false, model: null, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, at: iso(600 - seq * 5), ...f });
const messages = [
  m({ role: 'user', text: 'The reconnect test in `connection.test.ts` fails about once in ten runs. Find out why and fix it.\n\n<script>alert("x")</script>' }),
  m({ kind: 'thinking', text: 'The backoff uses Math.random; the test may not inject it.' }),
  m({ text: "I'll look at the test and the connection code first.", model: 'claude-sonnet-4-5', inputTokens: 15234, outputTokens: 412, cacheReadTokens: 30000 }),
  m({ kind: 'tool_use', toolName: 'Bash', toolUseId: 't1', text: JSON.stringify({ command: 'npx vitest run src/modules/terminal/connection.test.ts', description: 'Run the test' }) }),
  m({ role: 'tool', kind: 'tool_result', toolUseId: 't1', toolName: 'Bash', isError: true, text: 'FAIL src/modules/terminal/connection.test.ts > reconnects\nAssertionError: expected 2 to be 1' }),
  m({ kind: 'tool_use', toolName: 'Task', toolUseId: 't2', text: JSON.stringify({ description: 'Search for random usage', prompt: 'Find every use of Math.random in src/' }) }),
  m({ subagentId: 'agent-3f2a', parentSeq: 6, role: 'user', text: 'Find every use of Math.random in src/' }),
  m({ subagentId: 'agent-3f2a', kind: 'tool_use', toolName: 'Grep', toolUseId: 't3', text: JSON.stringify({ pattern: 'Math.random', path: 'src' }) }),
  m({ subagentId: 'agent-3f2a', role: 'tool', kind: 'tool_result', toolName: 'Grep', toolUseId: 't3', text: 'src/modules/terminal/backoff.ts:12' }),
  m({ subagentId: 'agent-3f2a', text: 'Only `backoff.ts` uses it.', inputTokens: 3000, outputTokens: 40 }),
  m({ role: 'tool', kind: 'tool_result', toolUseId: 't2', toolName: 'Task', text: 'Only backoff.ts uses it.' }),
  m({ kind: 'tool_use', toolName: 'Edit', toolUseId: 't4', text: JSON.stringify({ file_path: 'src/modules/terminal/connection.test.ts', old_string: 'a', new_string: 'b' }) }),
  m({ role: 'tool', kind: 'tool_result', toolUseId: 't4', toolName: 'Edit', text: 'The file was updated.' }),
  m({ text: '## Why it failed\n\nThe test did not pass a `random` function, so the **jitter** made the delay vary:\n\n| run | delay |\n|---|---|\n| 1 | 812 ms |\n| 2 | 1,204 ms |\n\n```ts\nconst connection = new LiveConnection({ url, open, onMessage, random: () => 0.5 });\n```\n\nNow it passes 200 runs in a row.', model: 'claude-sonnet-4-5', inputTokens: 18000, outputTokens: 655, cacheReadTokens: 31000 }),
];
const grown = [];
const conversation = { ...summary(1), messageCount: messages.length, resumable: true, resumedBySessionId: null };
async function mock(page) {
  await page.route('**/api/v1/**', async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname.replace('/api/v1', '');
    const json = (body, status = 200, headers = {}) => route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', headers, body: JSON.stringify(body) });
    if (p === '/me') return json({ username: 'ann', roles: ['admin'], passwordChangeRequired: false });
    if (p === '/me/preferences') return json({ theme: null, terminalFontFamily: null, terminalFontSize: null, updatedAt: null });
    if (p === '/conversations/tree') return json(tree);
    if (p === '/conversations') return json([1, 2, 3, 4, 5].map((i) => summary(i)), 200, { 'X-Total-Count': '20' });
    if (p === '/search') return json({ total: 2, tookMs: 14, hits: [
      { conversationId: 'c1', messageSeq: 5, role: 'tool', kind: 'tool_result', toolName: 'Bash', snippet: 'FAIL src/modules/terminal/connection.test.ts &gt; <mark>reconnects</mark>\nAssertionError', rank: 0.9, at: iso(500), hostName: 'build-box', project: '/home/ann/src/drover', agent: 'claude', title: conversation.title },
      { conversationId: 'c1', messageSeq: 1, role: 'user', kind: 'text', toolName: null, snippet: 'The <mark>reconnect</mark> test in `connection.test.ts` fails &lt;script&gt;', rank: 0.5, at: iso(590), hostName: 'build-box', project: '/home/ann/src/drover', agent: 'claude', title: conversation.title } ] });
    if (p === '/conversations/c1') return json({ ...conversation, messageCount: messages.length + grown.length });
    if (p === '/conversations/c1/messages') { const after = Number(url.searchParams.get('after') ?? -1); return json([...messages, ...grown].filter((x) => x.seq > after)); }
    if (p === '/conversations/c1/resume') return json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'bob is resuming it in session 7f3e' }, 409);
    if (p.startsWith('/inbox') || p.startsWith('/budgets') || p === '/sessions') return json([]);
    return json([]);
  });
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const [name, viewport, mobile] of [['1440', { width: 1440, height: 900 }, false], ['390', { width: 390, height: 844 }, true]]) {
  for (const theme of ['dark', 'light']) {
    const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, colorScheme: 'dark' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('dialog', (d) => { console.log('DIALOG!', d.message()); d.dismiss(); });
    await mock(page);
    await page.addInitScript((t) => localStorage.setItem('drover.theme', t), theme);
    await page.goto(`${base}/conversations`);
    await page.getByTestId('conversation-row').first().waitFor();
    await page.screenshot({ path: `${out}/list-${theme}-${name}.png`, fullPage: true });
    await page.getByTestId('conversation-search').fill('reconnect');
    await page.getByTestId('search-hit').first().waitFor();
    await page.screenshot({ path: `${out}/search-${theme}-${name}.png`, fullPage: true });
    await page.getByTestId('search-hit').first().getByRole('link').click();
    await page.getByTestId('thread').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/hit-${theme}-${name}.png` });
    await page.goto(`${base}/conversations/c1`);
    await page.getByTestId('thread').waitFor();
    await page.getByTestId('subagent').locator('summary').click();
    await page.getByTestId('resume-conversation').click();
    await page.getByTestId('resume-error').waitFor();
    await page.screenshot({ path: `${out}/conversation-${theme}-${name}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
