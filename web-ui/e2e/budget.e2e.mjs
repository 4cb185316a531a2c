#!/usr/bin/env node
// Browser end-to-end check of a session budget: start Bash with a budget of $0.013 from the
// new-session dialog; the session posts Claude Code's usage (two OTLP exports of $0.0114378 each) to
// the ingest with its own telemetry token. The page shows the budget bar, a live "Budget at 80 %"
// toast after the first, and after the second a "Budget spent" toast and the session stopped by
// its budget.
//
// Environment: as terminal.e2e.mjs (DROVER_URL, DROVER_USER, DROVER_PASSWORD, DROVER_HOST_NAME,
// DROVER_SCREENSHOT, DROVER_CHROMIUM), plus
//   DROVER_OTLP_EXPORTS  paths of two OTLP JSON metrics exports costing $0.0114378 each, readable by
//                        sessions, separated by a colon (required)
//
// Exits 0 on success, 1 with a message on failure, 2 on the overall 120 s timeout.
import { e2eEnvironment, runInBrowser, signIn } from './support.mjs';

const env = e2eEnvironment('budget.e2e.mjs', 'budget e2e');
const { hostName, executablePath, log, step, fail } = env;
const screenshot = process.env.DROVER_SCREENSHOT || 'budget-e2e.png';
const usageExports = (process.env.DROVER_OTLP_EXPORTS || fail('DROVER_OTLP_EXPORTS is not set (see the header of e2e/budget.e2e.mjs)')).split(':');

/** A shell line that posts the export with the session's own OTLP endpoint and token, and prints the status. */
const postUsage = (marker, otlpExport) =>
  `curl -s -o /dev/null -w '${marker}=%{http_code}\\n' -H 'Content-Type: application/json' ` +
  `-H "\${OTEL_EXPORTER_OTLP_HEADERS/=/: }" --data @${otlpExport} "$OTEL_EXPORTER_OTLP_ENDPOINT/v1/metrics"`;

await runInBrowser({ label: 'budget e2e', executablePath, screenshot, timeoutMs: 120_000 }, async (page) => {
  await step(`sign in as ${env.user}`, () => signIn(page, env));

  await step('start Bash with a budget of $0.013 from the new-session dialog', async () => {
    await page.goto(new URL('/', env.baseUrl).toString());
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.keyboard.press('n');
    await page.getByRole('dialog').waitFor();
    await page.getByTestId('new-session-host').selectOption({ label: hostName });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid=new-session-profile] option')).some(
        (option) => option.value === 'bash' && !option.disabled,
      ),
    );
    await page.getByTestId('new-session-profile').selectOption('bash');
    await page.getByTestId('new-session-budget').locator('input[name=budgetUsd]').fill('0.013');
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-dialog.png') });
    await page.getByRole('button', { name: /start session/i }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/);
    await page.locator('[data-testid=terminal][data-state=connected]').waitFor();
    await page.locator('[data-testid=budget-bar][data-state=ok]').waitFor();
  });

  const type = async (line, marker) => {
    await page.waitForFunction(() => /[$#]\s*$/.test((window.__droverTerminal?.text() ?? '').trimEnd()), undefined, {
      polling: 100,
    });
    await page.getByTestId('terminal').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (expected) => (window.__droverTerminal?.text() ?? '').split('\n').some((row) => row.trim() === expected),
      `${marker}=200`,
      { polling: 100 },
    );
  };

  await step('the session posts $0.0114378 of usage: a live "Budget at 80 %" toast and an amber bar', async () => {
    await type(postUsage('first', usageExports[0]), 'first');
    await page.getByTestId('budget-toast').filter({ hasText: 'Budget at 80 %' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=budget-bar][data-state=warning]').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshot.replace(/(\.png)?$/i, '-warning.png') });
  });

  await step('it posts as much again: "Budget spent", and the hub stops the session by its budget', async () => {
    await type(postUsage('second', usageExports[1]), 'second');
    await page.getByTestId('budget-toast').filter({ hasText: 'Budget spent' }).waitFor({ timeout: 15_000 });
    await page.getByText('its budget ran out').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=budget-bar][data-state=spent]').waitFor();
  });

  await step(`save the screenshot ${screenshot}`, () => page.screenshot({ path: screenshot }));
  log('budget e2e passed');
});
