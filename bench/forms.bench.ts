/**
 * Form-engine benchmark: a 200-question audit tool (every question type, show-only-if conditions, five
 * sections of forty) saved, published, answered, autosaved and submitted through the real app, then the
 * same form rendered in Chromium. See bench/README.md.
 *
 *   npx tsx bench/forms.bench.ts                                   # in-memory PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/forms.bench.ts
 *
 * Optional: BENCH_RUNS (timed runs per call, default 30), BENCH_RESPONSES (other responses loaded around
 * the one timed, default 100,000), BENCH_BROWSER=0 to skip the Chromium part. The browser part serves the
 * production web build (dist/web), building it first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import type { TAnswers, TAuditTemplate, TQuestion } from '../contracts/audit-tools.js';
import { buildApp } from '../server/app.js';
import { migrateDatabase } from '../server/platform/db.js';
import { hashPassword } from '../server/platform/tokens.js';
import { fmt, int, KIND, log, openBenchDatabase, step, summarise } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const OTHER_RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const BROWSER = process.env.BENCH_BROWSER !== '0';
const SECTIONS = 5;
const PER_SECTION = 40;

/** Targets (p95). Server calls include zod validation of the whole 200-answer body. */
const TARGET_API_P95_MS = KIND === 'postgres' ? 150 : 300;
const TARGET_PAGE_MS = 1500;
const TARGET_KEYSTROKE_MS = 16;

const EMAIL = 'forms.bench@assure.bench';
const PASSWORD = 'bench-password-0123456789';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// ---------------------------------------------------------------------------------------------------------
// The template: 5 sections × 40 questions, cycling through every type; every fifth question is shown only
// when the question before it is answered "yes".

const TYPES: TQuestion['type'][] = [
  'yes_no_partly',
  'rating',
  'single_choice',
  'multiple_choice',
  'number',
  'date',
  'short_text',
  'long_text',
  'chronology',
  'evidence_file',
];

function bigTemplate(): TAuditTemplate {
  const sections: TAuditTemplate['sections'] = [];
  let n = 0;
  for (let s = 1; s <= SECTIONS; s++) {
    const questions: TQuestion[] = [];
    for (let i = 1; i <= PER_SECTION; i++) {
      n++;
      const type = TYPES[(n - 1) % TYPES.length];
      const q: TQuestion = {
        id: `s${s}q${i}`,
        type,
        text: `Question ${n}: how well does practice meet standard ${n}?`,
        help: 'Think about the last six months and the records you hold.',
        required: type !== 'evidence_file',
      };
      if (type === 'rating') q.scaleId = 'ofsted';
      if (type === 'single_choice' || type === 'multiple_choice') {
        q.options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Option ${id.toUpperCase()}` }));
      }
      if (type === 'number') {
        q.min = 0;
        q.max = 1000;
      }
      const previous = questions[questions.length - 1];
      if (i % 5 === 0 && previous?.type === 'yes_no_partly') {
        q.showIf = { questionId: previous.id, equals: 'yes' };
      }
      if (i % 5 === 0 && !q.showIf && i > 1) q.showIf = { questionId: `s${s}q${i - 4}`, answered: true };
      questions.push(q);
    }
    sections.push({ id: `s${s}`, title: `Standard ${s}`, questions });
  }
  return {
    formatVersion: 1,
    title: 'Benchmark: 200-question self-assessment',
    kind: 'self_assessment',
    scales: [
      {
        id: 'ofsted',
        name: 'Ofsted-style',
        options: [
          { id: 'outstanding', label: 'Outstanding', score: 4, colour: 'green' },
          { id: 'good', label: 'Good', score: 3, colour: 'turquoise' },
          { id: 'ri', label: 'Requires improvement', score: 2, colour: 'orange' },
          { id: 'inadequate', label: 'Inadequate', score: 1, colour: 'red' },
          { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
        ],
      },
    ],
    bands: [
      { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
      { label: 'Requires improvement', minPercent: 51, maxPercent: 70 },
      { label: 'Good', minPercent: 71, maxPercent: 95 },
      { label: 'Outstanding', minPercent: 96, maxPercent: 100 },
    ],
    sections,
  };
}

/** A full set of answers (evidence files are uploaded, never typed, so they are left out). */
function fullAnswers(template: TAuditTemplate, round: number): TAnswers {
  const answers: TAnswers = {};
  for (const q of template.sections.flatMap((s) => s.questions)) {
    switch (q.type) {
      case 'yes_no_partly':
        answers[q.id] = 'yes';
        break;
      case 'rating':
        answers[q.id] = { optionId: 'good' };
        break;
      case 'single_choice':
        answers[q.id] = 'b';
        break;
      case 'multiple_choice':
        answers[q.id] = ['a', 'c'];
        break;
      case 'number':
        answers[q.id] = round % 1000;
        break;
      case 'date':
        answers[q.id] = '2026-10-01';
        break;
      case 'short_text':
        answers[q.id] = `Answer ${round} to ${q.id}`;
        break;
      case 'long_text':
        answers[q.id] = `Round ${round}. `.padEnd(1500, 'Practice is reviewed monthly with managers. ');
        break;
      case 'chronology':
        answers[q.id] = [1, 2, 3].map((k) => ({
          date: `2026-0${k}-1${k}`,
          agency: 'Police',
          event: `Event ${k}: referral received and discussed at the daily meeting`,
          significance: 'Shows the first point at which risk was known.',
        }));
        break;
      case 'evidence_file':
        break;
    }
  }
  return answers;
}

// ---------------------------------------------------------------------------------------------------------

type Call = { name: string; times: number[]; status: number };

async function timeCall(name: string, fn: (run: number) => Promise<{ statusCode: number }>, runs = RUNS) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    const t0 = performance.now();
    const res = await fn(i);
    const ms = performance.now() - t0;
    status = res.statusCode;
    if (i >= WARMUP) times.push(ms);
  }
  return { name, times, status } satisfies Call;
}

function report(calls: Call[], target: number, unit = 'ms') {
  log(
    `  ${'call'.padEnd(52)} ${'status'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
  );
  const rows = [];
  for (const c of calls) {
    const s = summarise(c.times);
    const ok = s.p95 <= target;
    log(
      `  ${c.name.padEnd(52)} ${String(c.status).padStart(6)} ${fmt(s.p50).padStart(8)} ${fmt(s.p95).padStart(8)} ${fmt(s.max).padStart(8)} ${ok ? '' : `  over ${target} ${unit}`}`,
    );
    rows.push({ name: c.name, status: c.status, ...s, target, ok });
  }
  return rows;
}

async function main() {
  log(`Assure form-engine benchmark on ${KIND}; ${os.cpus().length} cores`);
  const bench = await openBenchDatabase();
  const { database } = bench;
  process.once('SIGINT', () => {
    bench.drop().finally(() => process.exit(130));
  });
  let app: FastifyInstance | null = null;
  try {
    log(`Database: ${bench.label}`);
    await step('migrate', () => migrateDatabase(database));
    const sql = database.raw;

    // One partnership, an agency, an admin who is also the agency's lead.
    const [{ id: pid }] = (
      await sql.query<{ id: string }>(
        `insert into partnerships (name, covers) values ('Bench Partnership', 'children and adults') returning id`,
      )
    ).rows;
    const [{ id: agencyId }] = (
      await sql.query<{ id: string }>(
        `insert into agencies (name, type) values ('Bench Police', 'police') returning id`,
      )
    ).rows;
    await sql.query(`insert into partnership_agencies (partnership_id, agency_id) values ($1, $2)`, [
      pid,
      agencyId,
    ]);
    const [{ id: personId }] = (
      await sql.query<{ id: string }>(
        `insert into people (email, name, password_hash) values ($1, 'Bench Admin', $2) returning id`,
        [EMAIL, await hashPassword(PASSWORD)],
      )
    ).rows;
    await sql.query(
      `insert into memberships (partnership_id, person_id, role, agency_id)
       values ($1, $2, 'partnership_admin', null), ($1, $2, 'agency_lead', $3)`,
      [pid, personId, agencyId],
    );

    app = await buildApp({
      database,
      logLevel: 'silent',
      webDir: path.join(root, 'dist', 'web'),
      signInRateLimit: 10_000,
    });
    await app.ready();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: EMAIL, password: PASSWORD },
    });
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const cookie = `assure_session=${signIn.cookies.find((c) => c.name === 'assure_session')?.value}`;
    const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    const csrf = (session.json() as { csrfToken: string }).csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };
    const a = app;
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      a.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    const api = `/api/v1/partnerships/${pid}`;

    const template = bigTemplate();
    const questionCount = template.sections.reduce((n, s) => n + s.questions.length, 0);
    const created = await call('POST', `${api}/audit-templates`, {
      title: template.title,
      kind: template.kind,
      definition: template,
    });
    if (created.statusCode !== 201) throw new Error(`create template: ${created.statusCode} ${created.body}`);
    const detail = created.json() as { id: string; versions: { id: string; version: number }[] };
    // The template exists with draft version 1; each timed PUT below saves the whole definition again.
    const templateId = detail.id;
    const versionId = detail.versions[0].id;
    let draftVersion = detail.versions[0].version;

    log(
      `\nTemplate: ${questionCount} questions in ${SECTIONS} sections (${int(JSON.stringify(template).length)} bytes).`,
    );
    const saveDraft = await timeCall('PUT draft definition (200 questions)', async () => {
      const res = await call('PUT', `${api}/audit-templates/${templateId}/versions/${versionId}`, {
        definition: template,
        version: draftVersion,
      });
      if (res.statusCode === 200) draftVersion = (res.json() as { version: number }).version;
      return res;
    });
    const getDraft = await timeCall('GET draft version', () =>
      call('GET', `${api}/audit-templates/${templateId}/versions/${versionId}`),
    );
    const published = await call(
      'POST',
      `${api}/audit-templates/${templateId}/versions/${versionId}/publish`,
    );
    if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);

    // Other responses around the one timed: this partnership and the list's filters see a real table.
    await step(`load ${int(OTHER_RESPONSES)} other responses`, () =>
      sql.exec(`
        insert into form_responses (partnership_id, template_version_id, agency_id, title, due_on, status, answers, created_by)
        select '${pid}', '${versionId}', '${agencyId}', 'Earlier return ' || g,
               date '2020-01-01' + (g % 2500), case when g % 3 = 0 then 'draft' else 'submitted' end,
               '{}'::jsonb, '${personId}'
        from generate_series(1, ${OTHER_RESPONSES}) g`),
    );
    await sql.exec('analyze form_responses');

    const response = await call('POST', `${api}/responses`, {
      templateId,
      title: 'Benchmark return',
      dueOn: '2027-01-31',
      agencyId,
    });
    if (response.statusCode !== 201)
      throw new Error(`create response: ${response.statusCode} ${response.body}`);
    const responseId = (response.json() as { id: string }).id;
    let responseVersion = (response.json() as { version: number }).version;

    log('\nBuilding, publishing and answering, through the API (app.inject, ms):');
    const getResponse = await timeCall('GET response with its frozen template', () =>
      call('GET', `${api}/responses/${responseId}`),
    );
    const autosaveFull = await timeCall('PUT answers: autosave of all 200 answers', async (run) => {
      const res = await call('PUT', `${api}/responses/${responseId}/answers`, {
        answers: fullAnswers(template, run),
        carryForward: {},
        version: responseVersion,
      });
      if (res.statusCode === 200) responseVersion = (res.json() as { version: number }).version;
      return res;
    });
    const submitInvalid = await timeCall('POST submit with one required answer missing (400)', async () => {
      const answers = fullAnswers(template, 0);
      delete answers.s5q37;
      const saved = await call('PUT', `${api}/responses/${responseId}/answers`, {
        answers,
        carryForward: {},
        version: responseVersion,
      });
      if (saved.statusCode === 200) responseVersion = (saved.json() as { version: number }).version;
      return call('POST', `${api}/responses/${responseId}/submit`, { version: responseVersion });
    });
    const list = await timeCall(`GET responses list, page 1 of ${int(OTHER_RESPONSES + 1)}`, () =>
      call('GET', `${api}/responses`),
    );
    const listAgency = await timeCall('GET responses list, agency + status filter, page 50', () =>
      call('GET', `${api}/responses?agencyId=${agencyId}&status=submitted&page=50`),
    );
    const apiRows = report(
      [saveDraft, getDraft, getResponse, autosaveFull, submitInvalid, list, listAgency],
      TARGET_API_P95_MS,
    );
    const finalSave = await call('PUT', `${api}/responses/${responseId}/answers`, {
      answers: fullAnswers(template, 999),
      carryForward: {},
      version: responseVersion,
    });
    responseVersion = (finalSave.json() as { version: number }).version;

    // -----------------------------------------------------------------------------------------------------
    let browserRows: ReturnType<typeof report> = [];
    let keystroke: ReturnType<typeof summarise> | null = null;
    if (BROWSER) {
      if (!fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
        log('\nBuilding the web app (vite build)…');
        const built = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
        if (built.status !== 0) throw new Error('vite build failed');
        await app.close();
        app = await buildApp({
          database,
          logLevel: 'silent',
          webDir: path.join(root, 'dist', 'web'),
          signInRateLimit: 10_000,
        });
      }
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${base}/sign-in`);
        await page.getByLabel('Email address').fill(EMAIL);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

        const pageRuns = Math.min(RUNS, 10);
        const timePage = async (name: string, url: string, ready: string) => {
          const times: number[] = [];
          for (let i = 0; i < 2 + pageRuns; i++) {
            const t0 = performance.now();
            await page.goto(url);
            await page.locator(ready).waitFor({ state: 'visible' });
            if (i >= 2) times.push(performance.now() - t0);
          }
          return { name, times, status: 200 } satisfies Call;
        };
        log('\nIn Chromium (navigation to ready, ms):');
        const taskList = await timePage(
          'task list of the 200-question form',
          `${base}/responses/${responseId}`,
          '.govuk-task-list__item >> nth=4',
        );
        const section = await timePage(
          'one section: 40 questions rendered and filled',
          `${base}/responses/${responseId}/sections/s3`,
          '#question-s3q39',
        );
        const check = await timePage(
          'check answers page: all 200 answers',
          `${base}/responses/${responseId}/check`,
          'dt >> text=Question 200',
        );
        browserRows = report([taskList, section, check], TARGET_PAGE_MS);

        // Typing: 100 changes to one short-text answer through React's own input path, on the section page
        // with 40 questions mounted; each change's script work is timed, then the next frame awaited.
        await page.goto(`${base}/responses/${responseId}/sections/s1`);
        await page.locator('#question-s1q7').waitFor();
        const perKey = await page.evaluate(async () => {
          const input = document.querySelector<HTMLInputElement>('#question-s1q7');
          if (!input) throw new Error('no input');
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          const times: number[] = [];
          for (let i = 0; i < 100; i++) {
            const t0 = performance.now();
            setter?.call(input, `${input.value}x`);
            // An input event is a discrete event: React renders its update before dispatchEvent returns,
            // so this is the script work one keystroke costs (the budget is one 60 Hz frame).
            input.dispatchEvent(new Event('input', { bubbles: true }));
            times.push(performance.now() - t0);
            await new Promise((r) => requestAnimationFrame(() => r(null)));
          }
          return times;
        });
        keystroke = summarise(perKey);
        log(
          `\n  script work per keystroke (100 changes): p50 ${fmt(keystroke.p50)} ms, p95 ${fmt(keystroke.p95)} ms, max ${fmt(keystroke.max)} ms${keystroke.p95 <= TARGET_KEYSTROKE_MS ? '' : `  over ${TARGET_KEYSTROKE_MS} ms`}`,
        );
      } finally {
        await browser.close();
      }
    }

    const results = {
      kind: KIND,
      database: bench.label,
      at: new Date().toISOString(),
      cores: os.cpus().length,
      questions: questionCount,
      otherResponses: OTHER_RESPONSES,
      api: apiRows,
      browser: browserRows,
      keystroke,
    };
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(here, 'results', `forms-${KIND}.json`),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    log(`\nResults written to bench/results/forms-${KIND}.json`);
  } finally {
    await app?.close().catch(() => {});
    await bench.drop().catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
