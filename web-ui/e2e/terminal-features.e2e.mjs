#!/usr/bin/env node
// Browser end-to-end check of the terminal's features against a live Drover system: links,
// search, the scrollback setting, bracketed paste, tabs, the pop-out window and touch
// scrolling on a phone.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER an operator or admin, DROVER_PASSWORD,
// DROVER_HOST_NAME, DROVER_CHROMIUM), with
//   DROVER_SCREENSHOT  base name of the PNGs written on success: <base>.png (desktop, tabs),
//                      <base>-popout.png, <base>-phone.png (390x844, touch); <base>.failure.png on
//                      failure; default terminal-features-e2e.png
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { browserScript, e2eEnvironment, run, signedInPage, startSession, waitForLine, waitForPrompt } from './support.mjs';

const OVERALL_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 20_000;

const env = e2eEnvironment('terminal-features.e2e.mjs', 'terminal features e2e');
const { baseUrl, user, password, hostName, marker, log, step } = env;
const screenshotBase = (process.env.DROVER_SCREENSHOT || 'terminal-features-e2e.png').replace(/\.png$/i, '');

let browser;
let page;
const script = browserScript(env, { timeoutMs: OVERALL_TIMEOUT_MS, screenshot: `${screenshotBase}.png`, currentPage: () => page });
const { pageErrors } = script;

const newPage = (options) => signedInPage(browser, { baseUrl, user, password }, options, pageErrors, STEP_TIMEOUT_MS);
const startBash = (on) => startSession(on, { baseUrl, hostName });

async function main() {
  browser = await script.launch();
  page = await newPage({ viewport: { width: 1280, height: 800 } });

  const [first, second] = await step(`start two bash sessions on ${hostName}`, async () => [
    await startBash(page),
    await startBash(page),
  ]);

  await step('open the first session and wait for the prompt', async () => {
    await page.goto(`${baseUrl}/sessions/${first}`);
    await waitForPrompt(page, first);
  });

  const link = `${baseUrl}/drover-link-${marker}`;
  await step('print a URL and see it detected as a link on hover', async () => {
    await page.getByTestId('terminal').click();
    await run(page, `echo ${link}`);
    await waitForLine(page, link);
    const at = await page.evaluate((text) => window.__droverTerminal.locate(text), `drover-link-${marker}`);
    if (!at) throw new Error('the URL is not on screen');
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(() => document.querySelector('.xterm-screen.xterm-cursor-pointer, .xterm.xterm-cursor-pointer') !== null);
  });

  await step('click the link: it opens in a new tab', async () => {
    const at = await page.evaluate((text) => window.__droverTerminal.locate(text), `drover-link-${marker}`);
    const [opened] = await Promise.all([page.context().waitForEvent('page'), page.mouse.click(at.x, at.y)]);
    await opened.waitForURL((url) => url.href === link);
    const opener = await opened.evaluate(() => window.opener);
    if (opener !== null) throw new Error('the link tab can reach its opener (noopener missing)');
    await opened.close();
  });

  await step('Ctrl+Shift+F searches the scrollback and counts the matches', async () => {
    await page.getByTestId('terminal').click();
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByTestId('terminal-search').locator('input');
    await box.waitFor();
    await box.fill(`drover-link-${marker}`);
    await page.waitForFunction(
      () => /^\d+ of 2$/.test(document.querySelector('[data-testid=terminal-search-count]')?.textContent ?? ''),
    );
    await box.press('Escape');
    await page.getByTestId('terminal-search').waitFor({ state: 'detached' });
  });

  await step('a scrollback typed in the settings and confirmed with Enter is kept', async () => {
    await page.getByTestId('terminal-settings-toggle').click();
    await page.fill('input[name=scrollback]', '2500');
    await page.keyboard.press('Enter');
    await page.getByTestId('terminal-settings').waitFor({ state: 'detached' });
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('drover.terminal.settings') ?? '{}').scrollback);
    if (stored !== 2500) throw new Error(`scrollback saved as ${stored}, expected 2500`);
  });

  await step('a paste is bracketed when the program enabled bracketed paste', async () => {
    await waitForPrompt(page, first);
    await page.getByTestId('terminal').click();
    await run(page, `printf '\\033[?2004h'; cat -v`);
    await page.waitForFunction(() => /cat -v\s*$/.test(window.__droverTerminal.text()));
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const textarea = document.querySelector('.xterm-helper-textarea');
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `pasted-${marker}`);
    await page.keyboard.press('Enter');
    await waitForLine(page, `^[[200~pasted-${marker}^[[201~`);
    await page.keyboard.press('Control+C');
    await waitForPrompt(page, first);
  });

  await step('"Open in tab" opens the workspace with this session', async () => {
    await page.getByRole('link', { name: 'Open in tab' }).click();
    await page.waitForURL(/\/terminals\?/);
    await waitForPrompt(page, first);
  });

  await step('add the second session as a tab and type in it', async () => {
    await page.getByTestId('workspace-add').selectOption(second);
    await waitForPrompt(page, second);
    await page.locator(`[data-testid=terminal][data-session="${second}"]`).click();
    await run(page, `echo tab-${marker}`);
    await waitForLine(page, `tab-${marker}`);
    const tabs = await page.getByTestId('workspace-tab').count();
    if (tabs !== 2) throw new Error(`${tabs} tabs instead of 2`);
  });

  await step('Alt+1 and Ctrl+Alt+→ switch tabs; the background tab kept its output', async () => {
    await page.keyboard.press('Alt+1');
    await page.waitForFunction((id) => window.__droverTerminal?.sessionId() === id, first);
    await waitForLine(page, link);
    if (!(await page.locator(`[data-testid=terminal][data-session="${second}"]`).isHidden())) {
      throw new Error('the background tab is still visible');
    }
    await page.keyboard.press('Control+Alt+ArrowRight');
    await page.waitForFunction((id) => window.__droverTerminal?.sessionId() === id, second);
    await waitForLine(page, `tab-${marker}`);
  });

  await step(`save the desktop screenshot ${screenshotBase}.png`, () => page.screenshot({ path: `${screenshotBase}.png` }));

  await step('the pop-out window shows the session alone, attached by itself', async () => {
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: /^Pop out bash/ }).first().click(),
    ]);
    popup.setDefaultTimeout(STEP_TIMEOUT_MS);
    popup.on('pageerror', (error) => pageErrors.push(error.message));
    await popup.waitForURL(new RegExp(`/sessions/${first}/terminal-only$`));
    await waitForPrompt(popup, first);
    await waitForLine(popup, link);
    await popup.getByTestId('terminal').click();
    await run(popup, `echo popout-${marker}`);
    await waitForLine(popup, `popout-${marker}`);
    if ((await popup.locator('.topbar').count()) !== 0) throw new Error('the pop-out shows the app frame');
    await popup.screenshot({ path: `${screenshotBase}-popout.png` });
    await popup.close();
  });

  await step('the tab of the same session saw the pop-out window\'s command', async () => {
    await page.keyboard.press('Alt+1');
    await page.waitForFunction((id) => window.__droverTerminal?.sessionId() === id, first);
    await waitForLine(page, `popout-${marker}`);
  });

  const phone = await step('open the session on a phone (390x844, touch)', async () => {
    const opened = await newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    page = opened;
    await opened.goto(`${baseUrl}/sessions/${first}`);
    await waitForPrompt(opened, first);
    return opened;
  });

  await step('a one-finger swipe down scrolls back through the scrollback', async () => {
    await phone.evaluate(() => document.querySelector('.xterm-helper-textarea')?.focus());
    await run(phone, 'seq 1 200');
    await waitForLine(phone, '200');
    await waitForPrompt(phone, first);
    const before = await phone.evaluate(() => window.__droverTerminal.viewportY());
    if (before === 0) throw new Error('no scrollback to scroll');
    const cdp = await phone.context().newCDPSession(phone);
    const box = await phone.getByTestId('terminal').boundingBox();
    const x = box.x + box.width / 2;
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', box.y + 100);
    for (let y = box.y + 120; y <= box.y + 500; y += 20) await touch('touchMove', y);
    await touch('touchEnd');
    await phone.waitForFunction((start) => window.__droverTerminal.viewportY() < start - 10, before);
    const after = await phone.evaluate(() => window.__droverTerminal.viewportY());
    log(`viewport moved from row ${before} to row ${after}`);
  });

  await step(`save the phone screenshot ${screenshotBase}-phone.png`, () => phone.screenshot({ path: `${screenshotBase}-phone.png` }));
  log(`terminal features e2e passed (marker ${marker})`);
}

await script.run(main);
