#!/usr/bin/env node
// The single command that runs every check and test (`npm test`).
//
// Steps (all run, even after a failure, so the summary is complete):
//   a. system dependencies (bash scripts/ensure-system-deps.sh)  [SKIP_SYSTEM_DEPS=1 skips]
//   b. typecheck (tsc --noEmit)
//   c. lint (biome check .)
//   d. vitest on in-memory PGlite (TEST_DATABASE_URL removed)
//   e. vitest integration tests on PostgreSQL                     [only if TEST_DATABASE_URL is set]
//   f. Playwright end-to-end tests                                [SKIP_E2E=1 skips]
//
// The very last line printed is `N passed, N failed` (plus `, N skipped` when some were skipped).
// Exit status: 1 if anything failed, else 0.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const tmpDir = path.join(root, '.tmp');
const files = {
  vitestPglite: path.join(tmpDir, 'vitest-pglite.json'),
  vitestPostgres: path.join(tmpDir, 'vitest-postgres.json'),
  playwright: path.join(tmpDir, 'playwright.json'),
};

mkdirSync(tmpDir, { recursive: true });
for (const file of Object.values(files)) {
  rmSync(file, { force: true });
}

const isTrue = (value) => value === '1' || value === 'true';

/**
 * @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string, wasSkipped?: boolean }} Result
 */
/** @type {Result[]} */
const results = [];

function heading(title) {
  const line = '='.repeat(Math.max(20, title.length + 8));
  console.log(`\n${line}\n=== ${title}\n${line}`);
}

/**
 * Runs a command with inherited stdio and returns its exit code (non-zero on spawn error or signal).
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    return 127;
  }
  if (result.signal) {
    console.error(`${command} was terminated by signal ${result.signal}`);
    return 1;
  }
  return result.status ?? 1;
}

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`Could not parse ${path.relative(root, file)}: ${error.message}`);
    return undefined;
  }
}

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Combines a runner's exit code with its JSON counts. A non-zero exit with no reported failures
 * (crash, no tests found, broken config, JSON missing) counts as one failure.
 * @param {string} name
 * @param {number} code
 * @param {{ passed: number, failed: number, skipped: number } | undefined} counts
 */
function recordRunner(name, code, counts) {
  const result = { name, passed: 0, failed: 0, skipped: 0, ...(counts ?? {}) };
  if (!counts) result.note = 'no JSON report';
  if (code !== 0 && result.failed === 0) {
    result.failed = 1;
    result.note = `${result.note ? `${result.note}; ` : ''}exited with code ${code} without reporting a failing test`;
  } else if (code === 0 && result.failed > 0) {
    result.note = `exit code 0 but ${result.failed} failure(s) reported`;
  }
  results.push(result);
}

function vitestCounts(file) {
  const json = readJson(file);
  if (!json) return undefined;
  return {
    passed: num(json.numPassedTests),
    failed: num(json.numFailedTests),
    skipped: num(json.numPendingTests) + num(json.numTodoTests),
  };
}

function playwrightCounts(file) {
  const json = readJson(file);
  if (!json?.stats) return undefined;
  const { stats } = json;
  return {
    passed: num(stats.expected) + num(stats.flaky),
    failed: num(stats.unexpected),
    skipped: num(stats.skipped),
  };
}

function recordCheck(name, code) {
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

function skipped(name, reason) {
  console.log(`Skipped: ${reason}`);
  results.push({ name, passed: 0, failed: 0, skipped: 0, note: reason, wasSkipped: true });
}

// a. System dependencies. Only a failure is counted (it is setup, not a test).
heading('System dependencies');
if (isTrue(process.env.SKIP_SYSTEM_DEPS)) {
  skipped('system dependencies', 'SKIP_SYSTEM_DEPS=1');
} else {
  const code = run('bash', ['scripts/ensure-system-deps.sh']);
  if (code === 0) {
    console.log('System dependencies present.');
    results.push({ name: 'system dependencies', passed: 0, failed: 0, skipped: 0, note: 'present' });
  } else {
    results.push({
      name: 'system dependencies',
      passed: 0,
      failed: 1,
      skipped: 0,
      note: `ensure-system-deps.sh exited with code ${code}`,
    });
  }
}

// b. Typecheck.
heading('Typecheck (tsc --noEmit)');
recordCheck('typecheck', run('npx', ['tsc', '--noEmit']));

// c. Lint.
heading('Lint (biome check .)');
recordCheck('lint', run('npx', ['biome', 'check', '.']));

// d. Unit and integration tests on in-memory PGlite.
heading('Vitest: unit and integration tests (PGlite)');
{
  const env = { ...process.env };
  delete env.TEST_DATABASE_URL;
  const code = run(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${path.relative(root, files.vitestPglite)}`,
    ],
    env,
  );
  recordRunner('vitest (PGlite)', code, vitestCounts(files.vitestPglite));
}

// e. Integration tests on a real PostgreSQL server.
heading('Vitest: integration tests (PostgreSQL)');
if (process.env.TEST_DATABASE_URL) {
  const code = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${path.relative(root, files.vitestPostgres)}`,
    '.int.test.ts',
  ]);
  recordRunner('vitest (PostgreSQL)', code, vitestCounts(files.vitestPostgres));
} else {
  skipped('vitest (PostgreSQL)', 'TEST_DATABASE_URL is not set');
}

// f. End-to-end tests.
heading('Playwright: end-to-end tests');
if (isTrue(process.env.SKIP_E2E)) {
  skipped('playwright', 'SKIP_E2E=1');
} else {
  const code = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    ...process.env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: files.playwright,
  });
  recordRunner('playwright', code, playwrightCounts(files.playwright));
}

// Summary.
heading('Summary');
const totals = { passed: 0, failed: 0, skipped: 0 };
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  const status = r.failed > 0 ? 'FAIL' : r.wasSkipped ? 'SKIP' : 'ok  ';
  const counts = `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`;
  console.log(`${status} ${r.name.padEnd(width)}  ${counts}${r.note ? `  (${r.note})` : ''}`);
}
console.log('');
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`,
);
process.exitCode = totals.failed > 0 ? 1 : 0;
