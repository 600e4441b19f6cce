#!/usr/bin/env node
// Starts the app for Playwright (see the `webServer` list in playwright.config.ts): a fresh data
// directory, the production web build, then the server on 127.0.0.1 with demo data.
//
//   node scripts/e2e-server.mjs [--port 3100] [--data-dir .tmp/e2e-data] [--idle-minutes 30]
//
// Each option can also come from the environment (E2E_PORT, E2E_DATA_DIR, SESSION_IDLE_MINUTES).
// Several servers can be started at once: the web app is built by one of them at a time (a lock
// file), and only once per Playwright run when they share E2E_BUILD_ID — the others wait for that
// build and serve it, so two `vite build`s never write dist/web together.
// Forwards SIGTERM/SIGINT to the server so Playwright can stop it.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'idle-minutes': { type: 'string' },
  },
});

const port = args.port ?? process.env.E2E_PORT ?? '3100';
const dataDir = args['data-dir'] ?? process.env.E2E_DATA_DIR ?? path.join('.tmp', 'e2e-data');
const idleMinutes = args['idle-minutes'] ?? process.env.SESSION_IDLE_MINUTES;
const tag = `[e2e-server:${port}]`;

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const shell = process.platform === 'win32';

// --- The web build, once ---------------------------------------------------------------------------

const tmpDir = path.join(root, '.tmp');
const lockFile = path.join(tmpDir, 'e2e-build.lock');
const doneFile = path.join(tmpDir, 'e2e-build.done');
/** Shared by every server Playwright starts in one run; unset when the script is run by hand. */
const buildId = process.env.E2E_BUILD_ID || null;

const readText = (file) => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

const builtForThisRun = () => buildId !== null && readText(doneFile) === buildId;

const lockAgeMs = () => {
  try {
    return Date.now() - statSync(lockFile).mtimeMs;
  } catch {
    return 0;
  }
};

/** The owner of a lock left by a build that is no longer running (a run that was killed), else null. */
function staleLockOwner() {
  const owner = readText(lockFile);
  if (owner === null) return null; // released meanwhile: the next attempt takes it
  // Created but not yet written: only stale if it stays that way. No build takes five minutes.
  if (owner === '') return lockAgeMs() > 10_000 ? owner : null;
  return !isAlive(Number(owner.split(' ')[0])) || lockAgeMs() > 5 * 60_000 ? owner : null;
}

function tryLock() {
  try {
    writeFileSync(lockFile, `${process.pid} ${buildId ?? '-'}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function buildWebOnce() {
  mkdirSync(tmpDir, { recursive: true });
  let waiting = false;
  for (;;) {
    if (builtForThisRun()) {
      console.log(`${tag} web assets already built for this run`);
      return;
    }
    if (tryLock()) break;
    const stale = staleLockOwner();
    // Only the lock judged stale is removed, not one another server has just taken in its place.
    if (stale !== null && readText(lockFile) === stale) {
      console.log(`${tag} removing a stale build lock (${stale || 'empty'})`);
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!waiting) console.log(`${tag} waiting for the web build another server is running`);
    waiting = true;
    await sleep(250);
  }
  let failed = 0;
  try {
    // Checked again under the lock: another server may have finished between the check and the lock.
    if (builtForThisRun()) {
      console.log(`${tag} web assets already built for this run`);
      return;
    }
    rmSync(doneFile, { force: true });
    console.log(`${tag} building web assets (vite build)`);
    const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', shell });
    if (build.error || build.status !== 0) {
      console.error(`${tag} vite build failed${build.error ? `: ${build.error.message}` : ''}`);
      failed = build.status || 1;
    } else {
      writeFileSync(doneFile, `${buildId ?? '-'}\n`);
    }
  } finally {
    rmSync(lockFile, { force: true });
  }
  if (failed) process.exit(failed);
}

await buildWebOnce();

// --- The server ------------------------------------------------------------------------------------

// Equivalent to `npx tsx server/main.ts`, but as a single Node process: npx does not pass
// SIGTERM on to its child, which would leave the server running after this script is stopped.
console.log(
  `${tag} starting server on http://127.0.0.1:${port}${idleMinutes ? ` (idle timeout ${idleMinutes} min)` : ''}`,
);
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    NODE_ENV: 'test',
    // Every journey signs in afresh; the production limit (20 a minute) would throttle the suite.
    SIGN_IN_RATE_LIMIT: '600',
    // A journey moves the server's clock on by writing an offset here (e2e/servers.ts clockFileOf).
    TEST_CLOCK_FILE: path.join(dataDir, 'clock-offset-ms'),
    ...(idleMinutes ? { SESSION_IDLE_MINUTES: idleMinutes } : {}),
  },
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`${tag} could not start server: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal) {
    process.exit(signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1);
  }
  process.exit(code ?? 1);
});
