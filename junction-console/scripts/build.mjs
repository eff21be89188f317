// The console's build, as Maven runs it: installs the dependencies from the committed lock when they are missing or
// the lock changed (npm ci), then type-checks and builds with Vite (or, with --test, runs Vitest). Uses the machine's
// Node.js and npm; nothing here downloads a Node.js binary.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`junction-console: Node.js ${process.versions.node} is too old; Vite needs 20.19 or newer `
    + '(or build without the console: -Dconsole.skip=true).');
  process.exit(1);
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) {
    console.error(`junction-console: could not run ${command}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}
const bin = (name) => join(root, 'node_modules', '.bin', name);
if (process.argv.includes('--test')) {
  run(bin('vitest'), ['run']);
} else {
  run(bin('tsc'), ['--noEmit', '-p', '.']);
  run(bin('vite'), ['build', '--logLevel', 'warn']);
}
