/**
 * Register benchmark: 100,000 recommendations and 300,000 actions across 150 partnerships (the busiest
 * holding 30% of them), with their agencies, workstream links, updates and impact checks, then the
 * register list, its filters, the actions list, an agency's action plan and the Board summary timed
 * through the real app. See bench/README.md.
 *
 *   npx tsx bench/register.bench.ts                                   # in-memory PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/register.bench.ts
 *
 * Optional: BENCH_RUNS (timed runs per call, default 30), BENCH_RECOMMENDATIONS (default 100,000; actions
 * are three times as many).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { migrateDatabase } from '../server/platform/db.js';
import { hashPassword } from '../server/platform/tokens.js';
import { fmt, int, KIND, log, openBenchDatabase, step, summarise } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const RECS = Number(process.env.BENCH_RECOMMENDATIONS ?? 100_000);
const ACTIONS = RECS * 3;
const PARTNERSHIPS = 150;
const AGENCIES_PER_PARTNERSHIP = 20;
const THEMES_PER_PARTNERSHIP = 12;
/** The busiest partnership's share of the register. */
const BUSIEST_SHARE = 0.3;

const TARGET_P95_MS = KIND === 'postgres' ? 150 : 400;
const PASSWORD = 'bench-password-0123456789';
const here = path.dirname(fileURLToPath(import.meta.url));

/** A deterministic number in [0, 1) from an integer SQL expression. */
const u = (expr: string) => `((abs(hashtext((${expr})::text))::bigint % 1000000)::float8 / 1000000.0)`;

async function load(sql: { exec(text: string): Promise<void> }) {
  const busy = Math.round(RECS * BUSIEST_SHARE);
  await step('partnerships, agencies, themes, people', () =>
    sql.exec(`
      -- A deterministic version-4-shaped uuid from text, so rows can refer to each other while loading.
      create function bench_uuid(t text) returns uuid language sql immutable as $$
        select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid from md5(t) h
      $$;
      insert into partnerships (id, name, covers)
      select bench_uuid('p' || g), 'Partnership ' || lpad(g::text, 3, '0'), 'both'
      from generate_series(1, ${PARTNERSHIPS}) g;
      insert into agencies (id, name, type)
      select bench_uuid('a' || p || '-' || a), 'Agency ' || a || ' of ' || p,
             (array['police','la_childrens_services','health_icb','education_school'])[1 + a % 4]
      from generate_series(1, ${PARTNERSHIPS}) p, generate_series(1, ${AGENCIES_PER_PARTNERSHIP}) a;
      insert into partnership_agencies (partnership_id, agency_id)
      select bench_uuid('p' || p), bench_uuid('a' || p || '-' || a)
      from generate_series(1, ${PARTNERSHIPS}) p, generate_series(1, ${AGENCIES_PER_PARTNERSHIP}) a;
      insert into themes (id, partnership_id, name)
      select bench_uuid('t' || p || '-' || t), bench_uuid('p' || p), 'Theme ' || t
      from generate_series(1, ${PARTNERSHIPS}) p, generate_series(1, ${THEMES_PER_PARTNERSHIP}) t;
      insert into people (id, email, name)
      select bench_uuid('o' || p || '-' || n), 'owner' || n || '.p' || p || '@bench.example', 'Owner ' || n
      from generate_series(1, ${PARTNERSHIPS}) p, generate_series(1, 30) n;
      insert into memberships (partnership_id, person_id, role, agency_id)
      select bench_uuid('p' || p), bench_uuid('o' || p || '-' || n), 'agency_lead', bench_uuid('a' || p || '-' || (1 + n % ${AGENCIES_PER_PARTNERSHIP}))
      from generate_series(1, ${PARTNERSHIPS}) p, generate_series(1, 30) n;
    `),
  );
  // Recommendation g belongs to partnership 1 (the busiest) for g <= busy, else spread over the rest.
  const pOf = `(case when g <= ${busy} then 1 else 2 + (g % ${PARTNERSHIPS - 1}) end)`;
  const numberOf = `(case when g <= ${busy} then g else (g - ${busy} - 1) / ${PARTNERSHIPS - 1} + 1 end)`;
  const statusOf = `(array['draft','agreed','in_progress','in_progress','impact_check','closed','closed','not_accepted'])[1 + floor(${u('g * 7')} * 8)::int]`;
  await step(`${int(RECS)} recommendations and their agencies`, () =>
    sql.exec(`
      insert into recommendations (id, partnership_id, number, title, source_kind, source_title, theme_id,
        priority, status, status_reason, agreed_on, closed_on, created_at)
      select bench_uuid('r' || g), bench_uuid('p' || ${pOf}), ${numberOf},
             'Recommendation ' || g || ': agencies should strengthen how they share information about risk',
             (array['case_audit','self_assessment','thematic_review','rapid_review','lcspr','sar','independent_scrutiny','peer_review','inspection','walk_the_floor'])[1 + g % 10],
             'Source ' || (g % 400),
             bench_uuid('t' || ${pOf} || '-' || (1 + g % ${THEMES_PER_PARTNERSHIP})),
             (array['high','medium','low'])[1 + g % 3],
             s.status,
             case when s.status = 'not_accepted' then 'Already covered by the neglect strategy' end,
             case when s.status in ('agreed','in_progress','impact_check','closed') then date '2019-01-01' + (g % 2800) end,
             case when s.status = 'closed' then date '2019-01-01' + (g % 2800) + 400 end,
             now() - ((g % 2800) || ' days')::interval
      from generate_series(1, ${RECS}) g, lateral (select ${statusOf} as status) s;
      insert into recommendation_agencies (recommendation_id, agency_id, partnership_id)
      select bench_uuid('r' || g), bench_uuid('a' || ${pOf} || '-' || (1 + (g + k * 7) % ${AGENCIES_PER_PARTNERSHIP})), bench_uuid('p' || ${pOf})
      from generate_series(1, ${RECS}) g, generate_series(0, 2) k
      where k <= g % 3;
    `),
  );
  // Action h answers recommendation ceil(h / 3) (and, for one in five, the next one too: a workstream),
  // for one of the agencies it is addressed to.
  const recOf = `((h + 2) / 3)`;
  const pOfH = pOf.replaceAll('g', recOf);
  await step(`${int(ACTIONS)} actions, links and updates`, () =>
    sql.exec(`
      insert into actions (id, partnership_id, agency_id, title, owner_person_id, due_on, status, rag, completed_on)
      select bench_uuid('x' || h), bench_uuid('p' || ${pOfH}),
             bench_uuid('a' || ${pOfH} || '-' || (1 + ${recOf} % ${AGENCIES_PER_PARTNERSHIP})),
             'Action ' || h || ': update the procedure and train the teams',
             bench_uuid('o' || ${pOfH} || '-' || (1 + h % 30)),
             date '2019-03-01' + (h % 3000),
             (array['not_started','in_progress','in_progress','complete','complete','cancelled'])[1 + h % 6],
             (array['red','amber','green','green'])[1 + h % 4],
             case when h % 6 in (3, 4) then date '2019-03-01' + (h % 3000) end
      from generate_series(1, ${ACTIONS}) h;
      insert into action_recommendations (action_id, recommendation_id)
      select bench_uuid('x' || h), bench_uuid('r' || ${recOf}) from generate_series(1, ${ACTIONS}) h
      union all
      select bench_uuid('x' || h), bench_uuid('r' || (${recOf} + 1)) from generate_series(1, ${ACTIONS}) h
      where h % 5 = 0 and ${recOf} + 1 <= ${RECS} and ${pOfH} = ${pOf.replaceAll('g', `(${recOf} + 1)`)};
      insert into action_updates (partnership_id, action_id, body, rag, update_on)
      select bench_uuid('p' || ${pOfH}), bench_uuid('x' || h), 'Procedure drafted; training booked for March.',
             'amber', date '2019-04-01' + (h % 3000)
      from generate_series(1, ${ACTIONS}) h where h % 2 = 0;
    `),
  );
  await step('impact checks and evidence', () =>
    sql.exec(`
      insert into impact_checks (id, partnership_id, recommendation_id, months, due_on, judgement, judgement_reasons, judged_on)
      select bench_uuid('c' || r.id || m), r.partnership_id, r.id, m, r.agreed_on + (m || ' months')::interval,
             case when r.agreed_on + (m || ' months')::interval < date '2026-06-01' and r.number % 4 <> 0
                  then (array['embedded','partly_embedded','not_embedded'])[1 + r.number % 3] end,
             case when r.agreed_on + (m || ' months')::interval < date '2026-06-01' and r.number % 4 <> 0
                  then 'Audit of 10 cases shows the change in practice' end,
             case when r.agreed_on + (m || ' months')::interval < date '2026-06-01' and r.number % 4 <> 0
                  then (r.agreed_on + (m || ' months')::interval)::date end
      from recommendations r, unnest(array[3, 6, 12]) m
      where r.agreed_on is not null;
      insert into impact_check_evidence (partnership_id, impact_check_id, agency_id, practice_change, outcomes, submitted_at)
      select c.partnership_id, c.id, ra.agency_id, 'Supervision now checks the chronology', 'Fewer repeat referrals', now()
      from impact_checks c join recommendation_agencies ra on ra.recommendation_id = c.recommendation_id
      where c.judgement is not null;
    `),
  );
  // A live database would have been vacuumed and analysed by autovacuum long ago (and VACUUM runs alone).
  await step('VACUUM ANALYZE', () => sql.exec('vacuum analyze'));
}

type Call = { name: string; url: string; as: 'admin' | 'lead' };

async function main() {
  log(`Assure register benchmark on ${KIND}; ${os.cpus().length} cores`);
  const bench = await openBenchDatabase();
  const { database } = bench;
  process.once('SIGINT', () => {
    bench.drop().finally(() => process.exit(130));
  });
  let app: FastifyInstance | null = null;
  try {
    log(`Database: ${bench.label}`);
    await step('migrate', () => migrateDatabase(database));
    const t0 = performance.now();
    await load(database.raw);
    const loadSeconds = (performance.now() - t0) / 1000;
    const counts: Record<string, number> = {};
    for (const table of [
      'recommendations',
      'recommendation_agencies',
      'actions',
      'action_recommendations',
      'action_updates',
      'impact_checks',
      'impact_check_evidence',
    ]) {
      counts[table] = (
        await database.raw.query<{ n: number }>(`select count(*)::int as n from ${table}`)
      ).rows[0].n;
    }
    log(`\nLoaded in ${loadSeconds.toFixed(0)} s:`);
    for (const [table, n] of Object.entries(counts)) log(`  ${table.padEnd(26)} ${int(n).padStart(10)}`);

    // The admin (also on the QA group) of the busiest partnership, and the lead of its busiest agency.
    const pid = (await database.raw.query<{ id: string }>(`select bench_uuid('p1') as id`)).rows[0].id;
    const hash = await hashPassword(PASSWORD);
    await database.raw.query(
      `insert into people (email, name, password_hash) values ('register.admin@bench.example', 'Bench Admin', $1),
         ('register.lead@bench.example', 'Bench Lead', $1)`,
      [hash],
    );
    const [{ agency }] = (
      await database.raw.query<{ agency: string }>(
        `select agency_id as agency from recommendation_agencies where partnership_id = $1
         group by agency_id order by count(*) desc limit 1`,
        [pid],
      )
    ).rows;
    await database.raw.query(
      `insert into memberships (partnership_id, person_id, role, agency_id)
       select $1::uuid, id, 'partnership_admin', null::uuid from people where email = 'register.admin@bench.example'
       union all select $1::uuid, id, 'qa_group_member', null::uuid from people where email = 'register.admin@bench.example'
       union all select $1::uuid, id, 'agency_lead', $2::uuid from people where email = 'register.lead@bench.example'`,
      [pid, agency],
    );
    const [{ theme }] = (
      await database.raw.query<{ theme: string }>(
        `select theme_id as theme from recommendations where partnership_id = $1 group by theme_id order by count(*) desc limit 1`,
        [pid],
      )
    ).rows;
    const [{ rec }] = (
      await database.raw.query<{ rec: string }>(
        `select recommendation_id as rec from action_recommendations ar join actions a on a.id = ar.action_id
         where a.partnership_id = $1 group by recommendation_id order by count(*) desc limit 1`,
        [pid],
      )
    ).rows;

    app = await buildApp({ database, logLevel: 'silent', webDir: null, signInRateLimit: 10_000 });
    await app.ready();
    const a = app;
    const cookieOf = async (email: string) => {
      const res = await a.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
      return `assure_session=${res.cookies.find((c) => c.name === 'assure_session')?.value}`;
    };
    const cookies = {
      admin: await cookieOf('register.admin@bench.example'),
      lead: await cookieOf('register.lead@bench.example'),
    };
    const P = `/api/v1/partnerships/${pid}`;
    const recs = counts.recommendations;
    const calls: Call[] = [
      {
        name: `register, page 1 (${int(Math.round(recs * BUSIEST_SHARE))} here)`,
        url: `${P}/recommendations`,
        as: 'admin',
      },
      { name: 'register, page 200', url: `${P}/recommendations?page=200`, as: 'admin' },
      { name: 'register, status in progress', url: `${P}/recommendations?status=in_progress`, as: 'admin' },
      { name: 'register, one agency', url: `${P}/recommendations?agencyId=${agency}`, as: 'admin' },
      {
        name: 'register, one theme + high priority',
        url: `${P}/recommendations?themeId=${theme}&priority=high`,
        as: 'admin',
      },
      { name: 'register, overdue', url: `${P}/recommendations?overdue=true`, as: 'admin' },
      {
        name: 'register, source rapid review, page 20',
        url: `${P}/recommendations?source=rapid_review&page=20`,
        as: 'admin',
      },
      { name: 'register as an agency lead, page 1', url: `${P}/recommendations`, as: 'lead' },
      { name: 'one recommendation with its timeline', url: `${P}/recommendations/${rec}`, as: 'admin' },
      { name: 'actions, page 1', url: `${P}/actions`, as: 'admin' },
      { name: 'actions, overdue', url: `${P}/actions?overdue=true`, as: 'admin' },
      { name: 'actions as an agency lead', url: `${P}/actions`, as: 'lead' },
      { name: 'actions, page 200', url: `${P}/actions?page=200`, as: 'admin' },
      { name: "the busiest agency's action plan", url: `${P}/agencies/${agency}/action-plan`, as: 'admin' },
      {
        name: '… its page 30',
        url: `${P}/agencies/${agency}/action-plan?page=30`,
        as: 'admin',
      },
      {
        name: '… its recommendations with no action, page 5',
        url: `${P}/agencies/${agency}/action-plan/unanswered?page=5`,
        as: 'admin',
      },
      { name: 'impact checks, overdue', url: `${P}/impact-checks?due=overdue`, as: 'admin' },
      { name: 'Board summary', url: `${P}/register/summary`, as: 'admin' },
      { name: 'My work of the agency lead', url: `${P}/my-work`, as: 'lead' },
    ];
    const registered = new Set(
      (a as unknown as { assureRoutes: { method: string; url: string }[] }).assureRoutes.map((r) => r.url),
    );
    const loadAtStart = os.loadavg()[0];
    log('\nCalls (app.inject, ms):');
    log(
      `  ${'call'.padEnd(48)} ${'status'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
    );
    const rows = [];
    for (const c of calls) {
      const template = c.url
        .replace(pid, ':partnershipId')
        .replace(/\?.*$/, '')
        .replace(/[0-9a-f-]{36}/g, '*');
      const known = [...registered].some(
        (r) => r.replace(/:[A-Za-z]+/g, '*') === template.replace(':partnershipId', '*'),
      );
      if (!known) {
        log(`  ${c.name.padEnd(48)} (route not built yet; skipped)`);
        continue;
      }
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = performance.now();
        const res = await a.inject({ method: 'GET', url: c.url, headers: { cookie: cookies[c.as] } });
        const ms = performance.now() - started;
        status = res.statusCode;
        bytes = res.rawPayload.length;
        if (status !== 200) throw new Error(`${c.name}: ${status} ${res.body.slice(0, 300)}`);
        if (i >= WARMUP) times.push(ms);
      }
      const s = summarise(times);
      const ok = s.p95 <= TARGET_P95_MS;
      log(
        `  ${c.name.padEnd(48)} ${String(status).padStart(6)} ${fmt(s.p50).padStart(8)} ${fmt(s.p95).padStart(8)} ${fmt(s.max).padStart(8)}${ok ? '' : `  over ${TARGET_P95_MS} ms`}`,
      );
      rows.push({ ...c, url: undefined, status, bytes, ...s, target: TARGET_P95_MS, ok });
    }

    // The busiest agency's whole action plan as a PDF: an export, not a page, so timed apart (1 warm-up,
    // 3 runs) with no target; it must hold every recommendation of the plan.
    const pdfUrl = `${P}/agencies/${agency}/action-plan.pdf`;
    const pdfTimes: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const res = await a.inject({ method: 'GET', url: pdfUrl, headers: { cookie: cookies.admin } });
      if (res.statusCode !== 200)
        throw new Error(`action-plan PDF: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (i > 0) pdfTimes.push(performance.now() - started);
      pdfBytes = res.rawPayload.length;
    }
    const [{ planned }] = (
      await database.raw.query<{ planned: number }>(
        `select count(*)::int as planned from recommendations r join recommendation_agencies ra
           on ra.recommendation_id = r.id and ra.agency_id = $1
         where r.partnership_id = $2 and r.status in ('agreed', 'in_progress', 'impact_check', 'closed')`,
        [agency, pid],
      )
    ).rows;
    const pdf = { ...summarise(pdfTimes), bytes: pdfBytes, recommendations: planned };
    log(
      `\n  the busiest agency's action-plan PDF (${int(planned)} recommendations, ${(pdfBytes / 1e6).toFixed(1)} MB): p50 ${fmt(pdf.p50)} ms, max ${fmt(pdf.max)} ms`,
    );
    const loadAtEnd = os.loadavg()[0];

    const results = {
      kind: KIND,
      database: bench.label,
      at: new Date().toISOString(),
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      counts,
      loadSeconds,
      calls: rows,
      actionPlanPdf: pdf,
    };
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(here, 'results', `register-${KIND}.json`),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    log(`\nResults written to bench/results/register-${KIND}.json`);

    // Appended to bench/README.md, as the other benchmarks do.
    const misses = rows.filter((r) => !r.ok).length;
    const table = [
      `${'call'.padEnd(48)} ${'status'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
      ...rows.map(
        (r) =>
          `${r.name.padEnd(48)} ${String(r.status).padStart(6)} ${fmt(r.p50).padStart(8)} ${fmt(r.p95).padStart(8)} ${fmt(r.max).padStart(8)}${r.ok ? '' : `  over ${TARGET_P95_MS} ms`}`,
      ),
      `action-plan PDF, ${int(planned)} recommendations`.padEnd(55) +
        `${fmt(pdf.p50).padStart(8)} ${'-'.padStart(8)} ${fmt(pdf.max).padStart(8)}`,
    ];
    fs.appendFileSync(
      path.join(here, 'README.md'),
      [
        '',
        `### ${results.at.slice(0, 16).replace('T', ' ')} UTC: register on ${KIND}`,
        '',
        `${bench.label}; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
          `load average ${loadAtStart.toFixed(1)} → ${loadAtEnd.toFixed(1)} while timing. ` +
          `${int(counts.recommendations)} recommendations, ${int(counts.actions)} actions; loaded in ${loadSeconds.toFixed(0)} s. ` +
          `${misses === 0 ? 'Every target met.' : `${misses} call(s) over target.`}`,
        '',
        '```text',
        ...table,
        '```',
        '',
      ].join('\n'),
    );
  } finally {
    await app?.close().catch(() => {});
    await bench.drop().catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
