#!/usr/bin/env node
// Browser end-to-end check of a host's projects page against a live Drover system: refresh finds
// a repository, search filters, a worktree kept with uncommitted changes is flagged and discarded
// behind a typed confirmation.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_PROJECT          name of a repository under the daemon's project roots (required)
//   DROVER_WORKTREE_BRANCH  branch of a Drover worktree of it with uncommitted changes (required)
//   DROVER_HIDDEN_PROJECT   name of a repository in a dot directory under the roots (optional:
//                           then the list is checked to skip it until "Show hidden" is ticked)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 60 s timeout.
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('projects.e2e.mjs', 'projects e2e');
const { hostName, executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'projects-e2e.png';
const projectName = process.env.DROVER_PROJECT || fail('DROVER_PROJECT is not set (see the header of e2e/projects.e2e.mjs)');
const branch =
  process.env.DROVER_WORKTREE_BRANCH || fail('DROVER_WORKTREE_BRANCH is not set (see the header of e2e/projects.e2e.mjs)');

await runInBrowser({ label: 'projects e2e', executablePath, screenshot, timeoutMs: 60_000 }, async (page) => {
  await step(`sign in as ${env.user}`, () => signIn(page, env));

  await step(`open the projects of host ${hostName} from the fleet page`, async () => {
    await page.getByTestId('host-row').filter({ hasText: hostName }).getByTestId('host-projects').click();
    await page.getByRole('heading', { name: /^Projects/ }).waitFor();
  });

  const project = page.getByTestId('project').filter({ hasText: projectName });
  await step(`refresh until ${projectName} is listed`, async () => {
    await page.getByTestId('refresh-projects').click();
    await page.getByTestId('refresh-projects').filter({ hasText: /^Refresh$/ }).waitFor();
    await project.waitFor();
    const text = await project.textContent();
    if (!text?.includes('main')) throw new Error(`the project does not show its branch main: "${text}"`);
  });

  const worktree = project.getByTestId('worktree').filter({ hasText: branch });
  await step(`its worktree ${branch} is flagged as kept with uncommitted changes`, async () => {
    const state = await worktree.getByTestId('worktree-state').getAttribute('data-state');
    if (state !== 'dirty') throw new Error(`worktree state is ${state}, expected dirty`);
  });

  await step('search narrows the list and says when nothing matches', async () => {
    const search = page.getByTestId('project-search');
    await search.fill(`no-such-project-${env.marker}`);
    await page.getByText(/No project matches/).waitFor();
    await search.fill(projectName.toUpperCase());
    await project.waitFor();
  });

  await step('projects are sorted by name', async () => {
    await page.getByTestId('project-search').fill('');
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=project]')].map((item) => item.dataset.name),
    );
    const sorted = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }));
    if (JSON.stringify(names) !== JSON.stringify(sorted)) throw new Error(`projects are listed as ${JSON.stringify(names)}`);
  });

  const hiddenName = process.env.DROVER_HIDDEN_PROJECT;
  if (hiddenName) {
    await step(`${hiddenName} in a dot directory is skipped until "Show hidden" is ticked`, async () => {
      const hidden = page.getByTestId('project').filter({ hasText: hiddenName });
      if ((await hidden.count()) !== 0) throw new Error(`${hiddenName} is listed by default`);
      await page.getByTestId('show-hidden-projects').check();
      await hidden.waitFor();
      await page.getByTestId('show-hidden-projects').uncheck();
      await hidden.waitFor({ state: 'detached' });
    });
  }

  await step('"New session here" opens the new-session dialog in the project', async () => {
    await project.getByTestId('spawn-here').click();
    const dialog = page.getByRole('dialog');
    const cwd = await dialog.getByTestId('project-picker-input').inputValue();
    if (!cwd.endsWith(`/${projectName}`)) throw new Error(`the dialog's directory is "${cwd}"`);
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-spawn-here.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  await step('save a phone-sized screenshot', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await step('discard asks for the branch name before it removes the worktree', async () => {
    await worktree.getByTestId('discard-worktree').click();
    const submit = page.getByTestId('discard-worktree-submit');
    if (!(await submit.isDisabled())) throw new Error('discard is enabled before the branch name is typed');
    await page.getByTestId('discard-confirm').fill('drover/wrong');
    if (!(await submit.isDisabled())) throw new Error('discard is enabled with a wrong branch name');
    await page.getByTestId('discard-confirm').fill(branch);
    await submit.click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await worktree.waitFor({ state: 'detached' });
  });

  await step(`save the screenshot ${screenshot}`, () => page.screenshot({ path: screenshot }));
  log(`projects e2e passed (project ${projectName}, discarded ${branch})`);
});
