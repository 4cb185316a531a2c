// Shared by the browser end-to-end scripts: their environment contract, Chromium's flags, and
// step logging that names the step that failed.
import { randomBytes } from 'node:crypto';

/** Debian's Chromium as this project's machines and CI run it (never a downloaded browser). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Reads the DROVER_* variables of the scripts' header; exits 1 naming a missing one. */
export function e2eEnvironment(script, label) {
  const fail = (message) => {
    console.error(`${label} FAILED: ${message}`);
    process.exit(1);
  };
  const required = (name) => {
    const value = process.env[name];
    if (!value) fail(`${name} is not set (see the header of e2e/${script})`);
    return value;
  };
  const started = Date.now();
  const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  return {
    baseUrl: required('DROVER_URL').replace(/\/+$/, ''),
    user: required('DROVER_USER'),
    password: required('DROVER_PASSWORD'),
    hostName: required('DROVER_HOST_NAME'),
    executablePath: process.env.DROVER_CHROMIUM || '/usr/bin/chromium',
    marker: `drover-e2e-${randomBytes(6).toString('hex')}`,
    fail,
    log,
    /** Runs one step, logging it; a failure says which step and why in one line. */
    step: async (description, action) => {
      log(description);
      try {
        return await action();
      } catch (error) {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(`${description}: ${detail}`);
      }
    },
  };
}
