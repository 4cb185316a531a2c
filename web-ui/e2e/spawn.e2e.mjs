#!/usr/bin/env node
// Browser end-to-end check of spawning into a project: pick the Bash agent and a project in the
// new-session dialog; a second session in the same project gets its own git worktree by default
// (shown on its page with its branch); "Shell here" opens a companion shell in that worktree.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_PROJECT  name of a git repository under the daemon's project roots (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 90 s timeout.
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('spawn.e2e.mjs', 'spawn e2e');
const { hostName, executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'spawn-e2e.png';
const projectName = process.env.DROVER_PROJECT || fail('DROVER_PROJECT is not set (see the header of e2e/spawn.e2e.mjs)');

await runInBrowser({ label: 'spawn e2e', executablePath, screenshot, timeoutMs: 90_000 }, async (page) => {
  await step(`sign in as ${env.user}`, () => signIn(page, env));

  const spawnInProject = async (expectWorktree) => {
    await page.goto(new URL('/', env.baseUrl).toString());
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.keyboard.press('n');
    await page.getByRole('dialog').waitFor();
    // The dialog moves the focus once its form has rendered, a moment after the dialog itself.
    const focusedFirst = await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'new-session-host', null, { timeout: 2000 },
    ).then(() => true, () => false);
    if (!focusedFirst) {
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      throw new Error(`the dialog opened with the focus on ${focused}, not on its first field`);
    }
    await page.getByTestId('new-session-host').selectOption({ label: hostName });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid=new-session-profile] option')).some(
        (option) => option.value === 'bash' && !option.disabled,
      ),
    );
    await page.getByTestId('new-session-profile').selectOption('bash');
    await page.getByTestId('project-picker-input').fill(projectName);
    await page.getByTestId('project-option').filter({ hasText: projectName }).first().waitFor();
    await page.keyboard.press('Enter');
    const worktree = page.getByTestId('new-session-worktree').locator('input');
    await worktree.waitFor();
    const checked = await worktree.isChecked();
    if (checked !== expectWorktree) throw new Error(`the worktree toggle is ${checked ? 'on' : 'off'}, expected the other`);
    if (expectWorktree) await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-dialog.png') });
    await page.getByRole('button', { name: /start session/i }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/);
    await page.locator('[data-testid=terminal][data-state=connected]').waitFor();
    return page.url();
  };

  await step(`start Bash in ${projectName}: no worktree while the project is free`, () => spawnInProject(false));

  await step('a second session in the same project gets its own worktree by default', async () => {
    await spawnInProject(true);
    await page.getByTestId('session-worktree').filter({ hasText: /^drover\/bash-[0-9a-f]{8}$/ }).waitFor();
  });

  await step('"Shell here" opens a companion shell in that worktree', async () => {
    const branch = (await page.getByTestId('session-worktree').textContent())?.trim();
    await page.getByTestId('open-companion').click();
    await page.getByTestId('parent-session').waitFor();
    await page.locator('[data-testid=terminal][data-state=connected]').waitFor();
    await page.waitForFunction(() => /[$#]\s*$/.test((window.__droverTerminal?.text() ?? '').trimEnd()), undefined, {
      polling: 100,
    });
    await page.getByTestId('terminal').click();
    await page.keyboard.type('git branch --show-current');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (expected) => (window.__droverTerminal?.text() ?? '').split('\n').some((line) => line.trim() === expected),
      branch,
      { polling: 100 },
    );
  });

  await step(`save the screenshot ${screenshot}`, () => page.screenshot({ path: screenshot }));
  log(`spawn e2e passed (project ${projectName})`);
});
