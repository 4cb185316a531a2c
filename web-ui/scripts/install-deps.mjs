// Runs `npm ci` unless node_modules already matches package-lock.json (npm writes
// node_modules/.package-lock.json on every install), so repeated Maven builds skip it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const upToDate =
  existsSync(installed) &&
  statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs &&
  statSync(installed).mtimeMs >= statSync('package.json').mtimeMs;

if (upToDate) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--no-update-notifier'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
