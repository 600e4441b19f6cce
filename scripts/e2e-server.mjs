#!/usr/bin/env node
// Starts the app for Playwright (see playwright.config.ts `webServer`):
// fresh data directory, production web build, then the server on 127.0.0.1:3100 with demo data.
// Forwards SIGTERM/SIGINT to the server so Playwright can stop it.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const dataDir = path.join('.tmp', 'e2e-data');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const shell = process.platform === 'win32';

console.log('[e2e-server] building web assets (vite build)');
const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', shell });
if (build.error || build.status !== 0) {
  console.error(`[e2e-server] vite build failed${build.error ? `: ${build.error.message}` : ''}`);
  process.exit(build.status || 1);
}

// Equivalent to `npx tsx server/main.ts`, but as a single Node process: npx does not pass
// SIGTERM on to its child, which would leave the server running after this script is stopped.
console.log('[e2e-server] starting server on http://127.0.0.1:3100');
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: '3100',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    NODE_ENV: 'test',
  },
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`[e2e-server] could not start server: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal) {
    process.exit(signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1);
  }
  process.exit(code ?? 1);
});
