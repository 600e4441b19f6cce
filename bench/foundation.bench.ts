import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { type Database, migrateDatabase } from '../server/platform/db.js';
import { hashPassword } from '../server/platform/tokens.js';
import { fmt, int, KIND, log, openBenchDatabase, percentile, step } from './support.js';

// ---------------------------------------------------------------------------------------------------------
// Settings and targets

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 2_000_000);

const PARTNERSHIPS = 150;
const AGENCIES = 3_000;
const PEOPLE = 60_000;
const OUTBOX_ROWS = 200_000;
const CHUNK = 200_000;
const YEARS = 10;

const TARGET_PAGE_P95_MS = KIND === 'postgres' ? 150 : 400;
const TARGET_EXPORT_ROWS_PER_S = 20_000;
const TARGET_EXPORT_RSS_MB = 200;

const ADMIN_EMAIL = 'bench.admin@assure.bench';
const ADMIN_PASSWORD = 'bench-password-0123456789';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Small helpers

// Deterministic pseudo-randomness inside SQL, so every run loads the same data (hashtext is core PostgreSQL).
/** A uniform number in [0, 1) from a text expression. */
const u = (expr: string) => `((abs(hashtext(${expr})::bigint) % 1000000)::float8 / 1000000.0)`;
/** A valid version-4-shaped UUID derived from a text expression (zod's z.uuid() checks version and variant). */
const uid = (expr: string) =>
  `(overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid)`;
/** A partnership index 0..149, skewed so partnership 0 is the largest (~3.5% of everything), like Kent or Essex. */
const skew = (expr: string) =>
  `least(${PARTNERSHIPS - 1}, floor(${PARTNERSHIPS} * power(${u(expr)}, 1.5))::int)`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (xs: string[]) => `array[${xs.map(lit).join(',')}]::text[]`;
/** Picks from a list (repeat an item to weight it). */
const pick = (xs: string[], expr: string) => `(${textArray(xs)})[1 + floor(${u(expr)} * ${xs.length})::int]`;
const weighted = (w: Record<string, number>) => Object.entries(w).flatMap(([k, n]) => Array(n).fill(k));

const FIRST = [
  'Amelia',
  'Oliver',
  'Olivia',
  'George',
  'Isla',
  'Harry',
  'Ava',
  'Noah',
  'Mia',
  'Jack',
  'Sophia',
  'Leo',
  'Grace',
  'Arthur',
  'Lily',
  'Muhammad',
  'Freya',
  'Oscar',
  'Emily',
  'Charlie',
  'Ella',
  'Jacob',
  'Aisha',
  'Thomas',
  'Priya',
  'Daniel',
  'Fatima',
  'James',
  'Chloe',
  'William',
  'Zara',
  'Samuel',
  'Hannah',
  'Joseph',
  'Ruby',
  'Adam',
  'Evie',
  'Ibrahim',
  'Poppy',
  'Ethan',
  'Sarah',
  'David',
  'Rebecca',
  'Michael',
  'Rachel',
  'Andrew',
  'Helen',
  'Peter',
  'Joanne',
  'Gareth',
  'Bethan',
  'Fiona',
  'Martin',
  'Catherine',
  'Tom',
  'Olu',
  'Siobhan',
  'Kwame',
  'Agnieszka',
  'Rhys',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Thomas',
  'Clarke',
  'Jackson',
  'Wood',
  'Harris',
  'Edwards',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Hughes',
  'Moore',
  'Clark',
  'King',
  'Harrison',
  'Lewis',
  'Baker',
  'Lee',
  'Allen',
  'Morris',
  'Khan',
  'Ahmed',
  'Shah',
  'Okafor',
  'Adeyemi',
  'Osei',
  'Mackay',
  'Doyle',
  'Grant',
  'Rahman',
  'Thornton',
  'Whitfield',
  'Fairweather',
  'Harrington',
  'Lloyd-Evans',
  'Kowalski',
  'Nguyen',
  'Murphy',
  'Kelly',
  'Campbell',
  'Begum',
];
const JOBS = [
  'Social worker',
  'Designated safeguarding lead',
  'Team manager',
  'Detective sergeant',
  'Named nurse',
  'Designated nurse',
  'Health visitor',
  'School nurse',
  'Head teacher',
  'Practice manager',
  'GP',
  'Probation officer',
  'Youth justice worker',
  'Housing officer',
  'QA officer',
  'Business manager',
  'Learning and development officer',
  'Service manager',
  'Independent reviewing officer',
  'Paediatrician',
];
const PLACES = [
  'Northshire',
  'Southvale',
  'Ashford',
  'Brookfield',
  'Castleton',
  'Dunmore',
  'Eastwick',
  'Fairhaven',
  'Glenbrook',
  'Hartley',
  'Ivybridge',
  'Kingsbury',
  'Langley',
  'Marlow',
  'Newbury',
  'Oakfield',
  'Penrith',
  'Queensway',
  'Riverside',
  'Stanton',
  'Thornbury',
  'Upton',
  'Westbrook',
  'Yardley',
  'Ambleside',
  'Bramley',
  'Clifton',
  'Denby',
  'Elmstead',
  'Foxton',
  'Greenhill',
  'Hollins',
  'Kirkby',
  'Lydford',
  'Millbrook',
  'Norton',
  'Orchard Park',
  'Priory',
  'Redhill',
  'Stowe',
];
const AGENCY_TYPES = weighted({
  education_setting: 40,
  gp_primary_care: 14,
  voluntary_sector: 12,
  nhs_trust: 6,
  housing: 6,
  la_childrens_services: 4,
  adult_social_care: 4,
  police: 3,
  icb: 3,
  probation: 3,
  youth_justice: 3,
  other: 2,
});
const ROLES_PRIMARY = weighted({
  auditor_practitioner: 10,
  education_provider_lead: 4,
  agency_lead: 2,
  qa_group_member: 2,
  case_review_group_member: 1,
  board_viewer: 1,
});
const ROLES_SECOND = weighted({
  qa_group_member: 4,
  case_review_group_member: 3,
  board_viewer: 3,
  agency_lead: 3,
  auditor_practitioner: 5,
  lead_sponsor: 1,
});
const ROLES_ELSEWHERE = weighted({
  agency_lead: 4,
  auditor_practitioner: 4,
  board_viewer: 2,
  qa_group_member: 2,
});
const SCOPED = `('agency_lead','auditor_practitioner','education_provider_lead')`;
const AUDIT_EVENTS = weighted({
  'person:signed_in': 30,
  'person:signed_out': 8,
  'person:sign_in_failed': 3,
  'person:updated': 3,
  'person:password_reset_requested': 1,
  'membership:granted': 6,
  'membership:removed': 2,
  'invitation:created': 4,
  'invitation:accepted': 3,
  'invitation:revoked': 1,
  'agency:created': 1,
  'agency:updated': 3,
  'agency:linked': 1,
  'agency_section:created': 1,
  'agency_section:updated': 2,
  'governance_group:created': 1,
  'governance_group:updated': 2,
  'governance_group:member_added': 3,
  'governance_group:member_removed': 1,
  'priority:created': 1,
  'priority:updated': 1,
  'session:switched_partnership': 3,
  'email:retried': 1,
  'request:permission_refused': 1,
  'audit_log:exported': 1,
});
const SUBJECTS = [
  'You have been invited to Assure',
  'Reset your Assure password',
  'A case audit is waiting for you',
  'Reminder: evidence is due this week',
  'Your action is overdue',
  'Minutes of the QA group are ready',
];

// ---------------------------------------------------------------------------------------------------------
// The database

// ---------------------------------------------------------------------------------------------------------
// Loading: set-based SQL only (INSERT ... SELECT over generate_series)

async function loadVolume(database: Database, auditRows: number) {
  const exec = (s: string) => database.raw.exec(s);
  const nowSec = Math.floor(Date.now() / 1000);
  const startSec = nowSec - YEARS * 365.25 * 86_400;
  /** A timestamp somewhere in the ten years, from a text expression. */
  const someTime = (expr: string) => `to_timestamp(${startSec} + ${u(expr)} * ${nowSec - startSec})`;

  await step(`${PARTNERSHIPS} partnerships`, () =>
    exec(`
      insert into partnerships (id, name, covers, created_at, updated_at)
      select ${uid(`'partnership' || k`)}, 'Safeguarding Partnership ' || lpad(k::text, 3, '0'),
             (array['children','adults','both'])[1 + k % 3], to_timestamp(${startSec}), now()
      from generate_series(0, ${PARTNERSHIPS - 1}) k;
      create table bench_p as
        select k as pidx, ${uid(`'partnership' || k`)} as id from generate_series(0, ${PARTNERSHIPS - 1}) k;`),
  );

  await step(`${int(AGENCIES)} agencies, linked (some shared by 2-3 partnerships)`, () =>
    exec(`
      insert into agencies (id, name, type, created_at, updated_at)
      select ${uid(`'agency' || j`)},
             place || ' ' || case type
               when 'education_setting' then ${pick(['Primary School', 'Academy', 'High School', 'Infant School', 'College', 'Nursery'], `'an' || j`)}
               when 'gp_primary_care' then ${pick(['Medical Centre', 'Surgery', 'Health Centre'], `'an' || j`)}
               when 'voluntary_sector' then ${pick(['Family Support', 'Young Carers', 'Womens Aid', 'Youth Trust'], `'an' || j`)}
               when 'nhs_trust' then 'NHS Foundation Trust'
               when 'housing' then 'Homes'
               when 'la_childrens_services' then 'Council Childrens Services'
               when 'adult_social_care' then 'Council Adult Social Care'
               when 'police' then 'Police'
               when 'icb' then 'Integrated Care Board'
               when 'probation' then 'Probation Delivery Unit'
               when 'youth_justice' then 'Youth Justice Service'
               else 'Community Partnership' end,
             type, ${someTime(`'ac' || j`)}, now()
      from (select j, ${pick(AGENCY_TYPES, `'at' || j`)} as type, ${pick(PLACES, `'apl' || j`)} as place
            from generate_series(0, ${AGENCIES - 1}) j) a;

      insert into partnership_agencies (partnership_id, agency_id, active, created_at)
      select p.id, ${uid(`'agency' || a.j`)}, (a.j < ${PARTNERSHIPS} and v.pidx = a.home) or ${u(`'pact' || a.j || '-' || v.pidx`)} >= 0.03,
             ${someTime(`'pac' || a.j`)}
      from (select j, case when j < ${PARTNERSHIPS} then j else ${skew(`'ah' || j`)} end as home
            from generate_series(0, ${AGENCIES - 1}) j) a
      cross join lateral (values (a.home),
                                 (case when a.j % 7 = 0 then (a.home + 1) % ${PARTNERSHIPS} end),
                                 (case when a.j % 20 = 0 then (a.home + 2) % ${PARTNERSHIPS} end)) v(pidx)
      join bench_p p on p.pidx = v.pidx;

      create table bench_pa as
        select p.pidx, (row_number() over (partition by pa.partnership_id order by pa.agency_id) - 1)::int as n,
               pa.agency_id
        from partnership_agencies pa join bench_p p on p.id = pa.partnership_id where pa.active;
      create table bench_pac as select pidx, count(*)::int as cnt from bench_pa group by pidx;`),
  );

  await step(`${int(PEOPLE)} people`, () =>
    exec(`
      insert into people (id, email, name, job_title, active, last_sign_in_at, created_at, updated_at)
      select ${uid(`'person' || i`)},
             lower(f) || '.' || replace(lower(l), '-', '') || '.' || i || '@' || lower(place) || '.example',
             f || ' ' || l, ${pick(JOBS, `'pj' || i`)}, ${u(`'pa' || i`)} >= 0.02,
             now() - ${u(`'pls' || i`)} * interval '90 days', created, created
      from (select i, ${pick(FIRST, `'pf' || i`)} as f, ${pick(LAST, `'pl' || i`)} as l,
                   ${pick(PLACES, `'pp' || i`)} as place, ${someTime(`'pc' || i`)} as created
            from generate_series(1, ${PEOPLE}) i) x;`),
  );

  // Memberships: one role for everyone in their home partnership, a second role for a quarter of them, a
  // role in a neighbouring partnership for another quarter, and three admins and a scrutineer per partnership.
  const membershipInsert = (source: string) => `
      insert into memberships (partnership_id, person_id, role, agency_id, active, created_at, updated_at)
      select p.id, ${uid(`'person' || x.i`)}, x.role,
             case when x.role in ${SCOPED} then a.agency_id end,
             ${u(`'ma' || x.i || x.role`)} >= 0.05, ${someTime(`'mc' || x.i || x.role`)}, now()
      from (${source}) x
      join bench_p p on p.pidx = x.pidx
      join bench_pac c on c.pidx = x.pidx
      left join bench_pa a on a.pidx = x.pidx and a.n = floor(${u(`'mag' || x.i || x.role`)} * c.cnt)::int
      on conflict do nothing;`;
  await step('~90,000 memberships across roles', () =>
    exec(`
      ${membershipInsert(`select i, ${skew(`'home' || i`)} as pidx, ${pick(ROLES_PRIMARY, `'r1' || i`)} as role
                          from generate_series(1, ${PEOPLE}) i`)}
      ${membershipInsert(`select i, ${skew(`'home' || i`)} as pidx, ${pick(ROLES_SECOND, `'r2' || i`)} as role
                          from generate_series(1, ${PEOPLE}) i where i % 4 = 0`)}
      ${membershipInsert(`select i, (${skew(`'home' || i`)} + 1 + floor(${u(`'nb' || i`)} * 12)::int) % ${PARTNERSHIPS} as pidx,
                                 ${pick(ROLES_ELSEWHERE, `'r3' || i`)} as role
                          from generate_series(1, ${PEOPLE}) i where i % 4 = 1`)}
      ${membershipInsert(`select i, pidx, case when rn <= 3 then 'partnership_admin' else 'independent_scrutineer' end as role
                          from (select i, ${skew(`'home' || i`)} as pidx,
                                       row_number() over (partition by ${skew(`'home' || i`)} order by i) as rn
                                from generate_series(1, ${PEOPLE}) i) h where rn <= 4`)}
      create table bench_pm as
        select p.pidx, (row_number() over (partition by m.partnership_id order by m.person_id) - 1)::int as n,
               m.person_id, pe.email
        from (select distinct partnership_id, person_id from memberships) m
        join people pe on pe.id = m.person_id
        join bench_p p on p.id = m.partnership_id;
      create table bench_pmc as select pidx, count(*)::int as cnt from bench_pm group by pidx;`),
  );

  const priorityNames = [
    'Neglect',
    'Child exploitation',
    'Domestic abuse',
    'Mental health',
    'Transitions to adulthood',
    'Child sexual abuse',
    'Online harm',
    'Self-neglect',
  ];
  const groupKinds = [
    'executive',
    'board',
    'qa_group',
    'learning_development',
    'case_review_group',
    'subgroup',
    'subgroup',
    'subgroup',
  ];
  const groupNames = [
    'Executive',
    'Safeguarding Board',
    'Quality Assurance Group',
    'Learning and Development',
    'Case Review Group',
    'Neglect Subgroup',
    'Exploitation Subgroup',
    'Education Subgroup',
  ];
  await step('5 priorities and 8 governance groups per partnership, with members', () =>
    exec(`
      insert into priorities (partnership_id, name, description, active, created_at, updated_at)
      select p.id, (${textArray(priorityNames)})[1 + (p.pidx + s) % 8],
             'Our partnership priority for the next three years.', true, ${someTime(`'pr' || p.pidx || '-' || s`)}, now()
      from bench_p p cross join generate_series(0, 4) s;

      insert into governance_groups (id, partnership_id, name, kind, description, active, created_at, updated_at)
      select ${uid(`'group' || p.pidx || '-' || s`)}, p.id, (${textArray(groupNames)})[s + 1],
             (${textArray(groupKinds)})[s + 1], 'Meets every six weeks.', true,
             ${someTime(`'gc' || p.pidx || '-' || s`)}, now()
      from bench_p p cross join generate_series(0, 7) s;

      insert into governance_group_members (group_id, person_id, member_role, created_at)
      select ${uid(`'group' || g.pidx || '-' || g.s`)}, pm.person_id,
             case k when 0 then 'chair' when 1 then 'vice_chair' else 'member' end, now()
      from (select p.pidx, s from bench_p p cross join generate_series(0, 7) s) g
      join bench_pmc c on c.pidx = g.pidx
      cross join lateral generate_series(0, 5 + (abs(hashtext('gn' || g.pidx || '-' || g.s)) % 15)) k
      join bench_pm pm on pm.pidx = g.pidx
                      and pm.n = floor(${u(`'gm' || g.pidx || '-' || g.s || '-' || k`)} * c.cnt)::int
      on conflict do nothing;`),
  );

  // Ten years of audit log, in time order (ids rise with time, as they do in a live system).
  const stepSec = (nowSec - startSec) / auditRows;
  for (let a = 1; a <= auditRows; a += CHUNK) {
    const b = Math.min(auditRows, a + CHUNK - 1);
    await step(`audit_log rows ${int(a)}-${int(b)}`, () =>
      exec(`
        insert into audit_log (at, person_id, person_email, partnership_id, entity, entity_id, action,
                               before, after, request_id, ip)
        -- Rows come in fours sharing one moment (one transaction's rows share now()), with microseconds.
        select to_timestamp(${startSec} + (x.i / 4) * 4 * ${stepSec}),
               case when x.anon then null else pm.person_id end,
               case when x.anon then 'someone' || x.i || '@unknown.example' else pm.email end,
               p.id, split_part(x.ev, ':', 1),
               case when split_part(x.ev, ':', 1) = 'person' then pm.person_id::text
                    when split_part(x.ev, ':', 1) in ('request', 'audit_log', 'session') then null
                    else ${uid(`'ent' || (x.i % 20000)`)}::text end,
               split_part(x.ev, ':', 2),
               case when split_part(x.ev, ':', 2) in ('updated', 'removed', 'member_removed')
                    then jsonb_build_object('name', 'Value ' || (x.i % 997), 'version', x.i % 7 + 1) end,
               case when split_part(x.ev, ':', 2) in ('signed_in', 'signed_out') then null
                    else jsonb_build_object('name', 'Value ' || (x.i % 991), 'version', x.i % 7 + 2,
                                            'active', x.i % 13 <> 0) end,
               ${uid(`'req' || x.i`)}::text,
               '10.' || (x.i % 250) || '.' || ((x.i / 250) % 250) || '.' || (x.i % 97 + 1)
        from (select i, ${skew(`'al' || i`)} as pidx, ${pick(AUDIT_EVENTS, `'ev' || i`)} as ev,
                     ${u(`'alp' || i`)} as up, ${u(`'aln' || i`)} < 0.02 as anon
              from generate_series(${a}, ${b}) i) x
        join bench_p p on p.pidx = x.pidx
        join bench_pmc c on c.pidx = x.pidx
        -- power(): a few people (admins, QA leads) write much of a partnership's log.
        join bench_pm pm on pm.pidx = x.pidx and pm.n = floor(power(x.up, 2) * c.cnt)::int
        order by x.i;`),
    );
  }

  // One transaction that wrote 1,500 rows (a bulk change) gives them all the same moment: the export's
  // keyset must cross batch boundaries inside such a run without losing or repeating a row.
  await step('audit_log: a 1,500-row burst at one moment in the largest and a small partnership', () =>
    exec(`
      insert into audit_log (at, person_id, person_email, partnership_id, entity, entity_id, action, before, after,
                             request_id, ip)
      select to_timestamp(${startSec + 7 * 365.25 * 86_400} + 0.123456), pm.person_id, pm.email, p.id,
             'membership', ${uid(`'burst' || i`)}::text, 'removed', jsonb_build_object('active', true),
             jsonb_build_object('active', false), ${uid(`'burst-req' || p.pidx`)}::text, '10.9.9.9'
      from bench_p p
      cross join generate_series(1, 1500) i
      join bench_pm pm on pm.pidx = p.pidx and pm.n = 0
      where p.pidx in (0, ${PARTNERSHIPS - 1});`),
  );

  await step(`${int(OUTBOX_ROWS)} outbox rows and 2,000 other sessions`, () =>
    exec(`
      insert into outbox (partnership_id, to_address, subject, text_body, status, attempts, last_error,
                          created_at, sent_at)
      select p.id, pm.email, ${pick(SUBJECTS, `'os' || x.i`)},
             'Dear colleague,' || chr(10) || chr(10) || repeat('Something in Assure needs your attention. ', 6)
               || chr(10) || 'https://assure.example/work/' || x.i,
             x.status, case x.status when 'sent' then 1 when 'dead' then 5 when 'failed' then 2 else 0 end,
             case when x.status in ('dead', 'failed') then 'connect ECONNREFUSED 10.0.0.25:587' end,
             x.created, case when x.status = 'sent' then x.created + interval '40 seconds' end
      from (select i, ${skew(`'op' || i`)} as pidx, ${u(`'opn' || i`)} as up,
                   ${pick(weighted({ sent: 85, outbox: 10, failed: 2, dead: 2, queued: 1 }), `'ost' || i`)} as status,
                   ${someTime(`'oc' || i`)} as created
            from generate_series(1, ${OUTBOX_ROWS}) i) x
      join bench_p p on p.pidx = x.pidx
      join bench_pmc c on c.pidx = x.pidx
      join bench_pm pm on pm.pidx = x.pidx and pm.n = floor(x.up * c.cnt)::int;

      insert into sessions (id_hash, person_id, current_partnership_id, csrf_token, created_at, last_seen_at,
                            expires_at, ip, user_agent)
      select md5('sess' || x.i) || md5('sess2' || x.i), pm.person_id, p.id, md5('csrf' || x.i),
             now() - interval '1 hour', now() - interval '1 minute', now() + interval '11 hours',
             '10.1.2.3', 'Mozilla/5.0'
      from (select i, ${skew(`'sp' || i`)} as pidx, ${u(`'spn' || i`)} as up from generate_series(1, 2000) i) x
      join bench_p p on p.pidx = x.pidx
      join bench_pmc c on c.pidx = x.pidx
      join bench_pm pm on pm.pidx = x.pidx and pm.n = floor(x.up * c.cnt)::int;`),
  );

  await step('drop helper tables', () =>
    exec('drop table bench_p, bench_pa, bench_pac, bench_pm, bench_pmc;'),
  );
  // A live database would have been vacuumed and analysed by autovacuum long ago.
  await step('VACUUM ANALYZE', () => exec('vacuum analyze'));
}

// ---------------------------------------------------------------------------------------------------------
// Capturing the SQL each call runs (through Drizzle's logger hook) so the slowest can be EXPLAINed

type Captured = { sql: string; params: unknown[] };
const capture: { on: boolean; queries: Map<string, Captured> } = { on: false, queries: new Map() };

function installSqlCapture(database: Database) {
  const logger = {
    logQuery(query: string, params: unknown[]) {
      if (capture.on) capture.queries.set(query, { sql: query, params });
    },
  };
  // Drizzle hands the session's logger to every query it prepares (and its options to transactions).
  const session = (database.db as unknown as { session: { logger: unknown; options?: { logger?: unknown } } })
    .session;
  session.logger = logger;
  if (session.options) session.options.logger = logger;
}

// ---------------------------------------------------------------------------------------------------------
// Timing calls through the app

type Scenario = { name: string; url: string; page: boolean };
type Timing = {
  name: string;
  url: string;
  page: boolean;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  total?: number;
  items?: number;
  bytes: number;
  pass: boolean | null;
  sql: Captured[];
};

async function timeScenario(app: FastifyInstance, cookie: string, s: Scenario, baseline: Set<string>) {
  const call = () => app.inject({ method: 'GET', url: s.url, headers: { cookie } });
  capture.queries = new Map();
  capture.on = true;
  let last = await call();
  capture.on = false;
  if (last.statusCode !== 200)
    throw new Error(`${s.name}: ${s.url} answered ${last.statusCode} ${last.body}`);
  for (let i = 1; i < WARMUP; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await call();
    times.push(performance.now() - t0);
    if (last.statusCode !== 200) throw new Error(`${s.name}: ${last.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const body = last.json() as { total?: number; items?: unknown[] };
  const p95 = percentile(times, 95);
  const t: Timing = {
    name: s.name,
    url: s.url,
    page: s.page,
    runs: RUNS,
    p50: percentile(times, 50),
    p95,
    max: times[times.length - 1],
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    total: body.total,
    items: Array.isArray(body.items) ? body.items.length : undefined,
    bytes: last.rawPayload.length,
    pass: s.page ? p95 < TARGET_PAGE_P95_MS : null,
    sql: [...capture.queries.values()].filter((q) => !baseline.has(q.sql)),
  };
  log(
    `  ${s.name.padEnd(34)} p50 ${fmt(t.p50).padStart(6)}  p95 ${fmt(t.p95).padStart(6)}  max ${fmt(t.max).padStart(6)} ms` +
      (t.total !== undefined ? `  (total ${int(t.total)})` : ''),
  );
  return t;
}

type ExportResult = {
  name: string;
  url: string;
  runs: number;
  rows: number;
  bytes: number;
  ttfbMs: number[];
  ttlbMs: number[];
  p50: number;
  p95: number;
  max: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Largest rise of RSS above its value at the start of a timed run, while that run streamed. */
  rssPeakGrowthMb: number;
  /** The same during the warm-up run (includes one-off growth: database caches, code paths compiled). */
  rssWarmupGrowthMb: number;
  heapPeakGrowthMb: number;
  arrayBuffersPeakGrowthMb: number;
  passRate: boolean;
  passRss: boolean;
  /** The warm-up's rows were every matching row in the database, each exactly once. */
  complete: boolean;
  sql: Captured[];
};

const mb = (n: number) => n / 1024 / 1024;

/**
 * Times an export over a real loopback socket (the app listening), not app.inject: light-my-request keeps
 * every streamed chunk reachable until the process ends (measured: +2 bytes of heap per byte exported, with
 * a bare Fastify app too), which would swamp the memory check with the harness's own retention.
 */
async function timeExport(
  origin: string,
  cookie: string,
  name: string,
  url: string,
  baseline: Set<string>,
  expected: () => Promise<number>,
): Promise<ExportResult> {
  const ttfb: number[] = [];
  const ttlb: number[] = [];
  let rows = 0;
  let bytes = 0;
  let rssGrowth = 0;
  let rssWarmupGrowth = 0;
  let heapGrowth = 0;
  let abGrowth = 0;
  let complete = false;
  const rssBefore = process.memoryUsage().rss;
  for (let run = 0; run <= EXPORT_RUNS; run++) {
    const warm = run === 0;
    capture.queries = warm ? new Map() : capture.queries;
    capture.on = warm;
    // With --expose-gc each run starts from a collected heap, so growth is the export's own.
    (globalThis as { gc?: () => void }).gc?.();
    const at0 = process.memoryUsage();
    const peak = { rss: at0.rss, heap: at0.heapUsed, ab: at0.arrayBuffers };
    const sample = () => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heap = Math.max(peak.heap, m.heapUsed);
      peak.ab = Math.max(peak.ab, m.arrayBuffers);
    };
    const sampler = setInterval(sample, 20);
    const t0 = performance.now();
    const res = await fetch(`${origin}${url}`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`${name} answered ${res.status}`);
    const reader = res.body.getReader();
    let first = 0;
    let newlines = 0;
    let size = 0;
    // On the warm-up, every line's id is kept to check the export is complete and has no duplicates.
    const ids = new Set<string>();
    let partial = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (!first) first = performance.now() - t0;
      size += buf.length;
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) newlines++;
      if (warm) {
        const lines = (partial + buf.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines) ids.add(l.slice(0, l.indexOf(',')));
      }
    }
    const total = performance.now() - t0;
    if (warm) {
      const want = await expected();
      complete = ids.size - 1 === want && newlines - 1 === want;
      if (!complete)
        log(`  !! ${name}: ${newlines - 1} lines, ${ids.size - 1} distinct ids, database has ${want}`);
    }
    clearInterval(sampler);
    sample();
    capture.on = false;
    const growth = mb(peak.rss - at0.rss);
    if (warm) rssWarmupGrowth = growth;
    else {
      ttfb.push(first);
      ttlb.push(total);
      rows = newlines - 1;
      bytes = size;
      rssGrowth = Math.max(rssGrowth, growth);
      heapGrowth = Math.max(heapGrowth, mb(peak.heap - at0.heapUsed));
      abGrowth = Math.max(abGrowth, mb(peak.ab - at0.arrayBuffers));
    }
    log(
      `  ${(warm ? `${name} (warm-up)` : `${name} #${run}`).padEnd(44)} ${int(newlines - 1).padStart(7)} rows ` +
        `${(size / 1e6).toFixed(1).padStart(5)} MB  first byte ${fmt(first).padStart(5)} ms  last byte ${fmt(total).padStart(6)} ms  ` +
        `rss ${mb(at0.rss).toFixed(0)} MB (heap ${mb(at0.heapUsed).toFixed(0)} MB), +${growth.toFixed(0)} MB peak`,
    );
  }
  const sorted = [...ttlb].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const rowsPerSecond = rows / (p50 / 1000);
  return {
    name,
    url,
    runs: EXPORT_RUNS,
    rows,
    bytes,
    ttfbMs: ttfb,
    ttlbMs: ttlb,
    p50,
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    rowsPerSecond,
    rssBeforeMb: mb(rssBefore),
    rssAfterMb: mb(process.memoryUsage().rss),
    rssPeakGrowthMb: rssGrowth,
    rssWarmupGrowthMb: rssWarmupGrowth,
    heapPeakGrowthMb: heapGrowth,
    arrayBuffersPeakGrowthMb: abGrowth,
    passRate: rowsPerSecond >= TARGET_EXPORT_ROWS_PER_S,
    passRss: rssGrowth <= TARGET_EXPORT_RSS_MB,
    complete,
    sql: [...capture.queries.values()].filter((q) => !baseline.has(q.sql)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// EXPLAIN (ANALYZE, BUFFERS)

type Explained = { call: string; sql: string; params: unknown[]; plan: string[]; seqScans: string[] };

async function explainCalls(database: Database, calls: { name: string; sql: Captured[] }[]) {
  const big = new Set(
    (
      await database.raw.query<{ relname: string }>(
        `select relname from pg_class
         where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples > 10000`,
      )
    ).rows.map((r) => r.relname),
  );
  const out: Explained[] = [];
  const keyLine =
    /Scan|Sort|Limit|Aggregate|Join|Nested Loop|Hash|Gather|Unique|Cond:|Filter:|Rows Removed|Execution Time|Planning Time|Heap Fetches/;
  for (const c of calls) {
    log(`\n  ${c.name}`);
    for (const q of c.sql) {
      if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
      const res = await database.raw.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
        q.params,
      );
      const plan = res.rows.map((r) => r['QUERY PLAN']);
      const seqScans = plan
        .map((l) => /Seq Scan on (\w+)/.exec(l)?.[1])
        .filter((t): t is string => Boolean(t && big.has(t)));
      out.push({ call: c.name, sql: q.sql, params: q.params, plan, seqScans });
      log(`    SQL: ${q.sql.length > 220 ? `${q.sql.slice(0, 220)}…` : q.sql}`);
      // Key lines, and the top node's buffer totals.
      const firstBuffers = plan.findIndex((l) => l.includes('Buffers:'));
      for (const line of plan.filter((l, i) => keyLine.test(l) || i === firstBuffers)) {
        const flag = /Seq Scan on (\w+)/.exec(line)?.[1];
        log(`      ${line}${flag && big.has(flag) ? `   <-- SEQ SCAN ON BIG TABLE ${flag}` : ''}`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const started = new Date();
  log(
    `Assure foundation benchmark on ${KIND}; ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  const bench = await openBenchDatabase();
  const { database } = bench;
  const cleanup = async () => {
    await bench.drop().catch((e) => console.error('could not drop the bench database', e));
  };
  process.once('SIGINT', () => {
    cleanup().finally(() => process.exit(130));
  });
  try {
    log(`Database: ${bench.label}`);
    await step('migrate', () => migrateDatabase(database));

    log(
      `\nLoading (${int(AUDIT_ROWS)} audit_log rows${AUDIT_ROWS === 2_000_000 ? '' : ', reduced from 2,000,000'}):`,
    );
    const loadStart = performance.now();
    await loadVolume(database, AUDIT_ROWS);
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const counts: Record<string, number> = {};
    for (const t of [
      'partnerships',
      'agencies',
      'partnership_agencies',
      'people',
      'memberships',
      'priorities',
      'governance_groups',
      'governance_group_members',
      'audit_log',
      'outbox',
      'sessions',
    ]) {
      counts[t] = Number(
        (await database.raw.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0].n,
      );
    }
    log(`\nLoaded in ${loadSeconds.toFixed(0)} s:`);
    for (const [t, n] of Object.entries(counts)) log(`  ${t.padEnd(26)} ${int(n).padStart(10)}`);

    // The largest and smallest partnerships, by active people.
    const bySize = (
      await database.raw.query<{ id: string; name: string; people: number }>(
        `select p.id, p.name, count(distinct m.person_id)::int as people
         from partnerships p join memberships m on m.partnership_id = p.id and m.active
         group by p.id, p.name order by people desc`,
      )
    ).rows;
    const largest = bySize[0];
    const smallest = bySize[bySize.length - 1];
    const pid = largest.id;
    const shared = (
      await database.raw.query<{ n: number }>(
        `select count(*)::int as n from (select agency_id from partnership_agencies group by agency_id having count(*) > 1) s`,
      )
    ).rows[0].n;
    log(`  agencies shared by 2-3 partnerships: ${int(shared)}`);
    log(`Largest partnership: ${largest.name} (${int(largest.people)} active people)`);
    log(`Smallest partnership: ${smallest.name} (${int(smallest.people)} active people)`);

    const passwordHash = await hashPassword(ADMIN_PASSWORD);
    await database.raw.query(
      `insert into people (email, name, job_title, password_hash) values ($1, 'Bench Admin', 'Business manager', $2)`,
      [ADMIN_EMAIL, passwordHash],
    );
    await database.raw.query(
      `insert into memberships (partnership_id, person_id, role)
       select p.id, pe.id, r.role from people pe,
         (select $1::uuid as id, 'partnership_admin' as role
          union all select id, 'qa_group_member' from partnerships where id <> $1::uuid and name like '%005'
          union all select id, 'board_viewer' from partnerships where id <> $1::uuid and name like '%009') r
         join partnerships p on p.id = r.id
       where lower(pe.email) = $2`,
      [pid, ADMIN_EMAIL],
    );

    const app = await buildApp({ database, logLevel: 'silent', webDir: null, signInRateLimit: 10_000 });
    await app.ready();
    installSqlCapture(database);

    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const cookie = `assure_session=${signIn.cookies.find((c) => c.name === 'assure_session')?.value}`;
    log(`Signed in through the API as ${ADMIN_EMAIL}.`);

    // The admin is also the independent scrutineer of the smallest partnership, to export its log.
    await database.raw.query(
      `insert into memberships (partnership_id, person_id, role)
       select $1::uuid, id, 'independent_scrutineer' from people where lower(email) = $2
       on conflict do nothing`,
      [smallest.id, ADMIN_EMAIL],
    );

    // Filter values from the data: the busiest person in the partnership's log and a month five years ago.
    const [busiest] = (
      await database.raw.query<{ person_id: string; n: number }>(
        `select person_id, count(*)::int as n from audit_log where partnership_id = $1 and person_id is not null
         group by person_id order by n desc limit 1`,
        [pid],
      )
    ).rows;
    const month = new Date();
    month.setUTCFullYear(month.getUTCFullYear() - 5, month.getUTCMonth(), 1);
    const from = month.toISOString().slice(0, 10);
    const to = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0))
      .toISOString()
      .slice(0, 10);
    const base = `/api/v1/partnerships/${pid}`;
    const scenarios: Scenario[] = [
      { name: 'people list page 1', url: `${base}/people?page=1`, page: true },
      { name: 'people list page 40', url: `${base}/people?page=40`, page: true },
      { name: 'people search "pat"', url: `${base}/people?q=pat`, page: true },
      { name: 'agencies list page 1', url: `${base}/agencies?page=1`, page: true },
      { name: 'agencies search "primary"', url: `${base}/agencies?q=primary`, page: true },
      { name: 'audit-log page 1', url: `${base}/audit-log?page=1`, page: true },
      { name: 'audit-log by person', url: `${base}/audit-log?personId=${busiest.person_id}`, page: true },
      { name: 'audit-log by entity', url: `${base}/audit-log?entity=governance_group`, page: true },
      {
        name: `audit-log 1 month (${from.slice(0, 7)})`,
        url: `${base}/audit-log?from=${from}&to=${to}`,
        page: true,
      },
      { name: 'audit-log page 200', url: `${base}/audit-log?page=200`, page: true },
      { name: 'groups list', url: `${base}/groups`, page: true },
      { name: 'outbox list page 1', url: `${base}/outbox?page=1`, page: true },
      { name: 'my-work', url: `${base}/my-work`, page: true },
      { name: 'session resolve', url: '/api/v1/auth/session', page: true },
    ];

    // The SQL every partnership-scoped call runs (session + actor) is left out of the EXPLAINs.
    capture.queries = new Map();
    capture.on = true;
    await app.inject({ method: 'GET', url: `${base}/my-work`, headers: { cookie } });
    capture.on = false;
    const baseline = new Set(capture.queries.keys());

    log(`\nTiming (${WARMUP} warm-up, then ${RUNS} runs each; target p95 < ${TARGET_PAGE_P95_MS} ms):`);
    const loadAtStart = os.loadavg()[0];
    const timings: Timing[] = [];
    for (const s of scenarios) timings.push(await timeScenario(app, cookie, s, baseline));

    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    log(
      `\nCSV exports over HTTP on ${origin} (1 warm-up, then ${EXPORT_RUNS} runs each; time to last byte)` +
        `${(globalThis as { gc?: () => void }).gc ? '' : '; run with --expose-gc for exact memory figures'}:`,
    );
    const exports: ExportResult[] = [];
    const countWhere = (where: string, params: unknown[]) => async () =>
      Number(
        (
          await database.raw.query<{ n: number }>(
            `select count(*)::int as n from audit_log where ${where}`,
            params,
          )
        ).rows[0].n,
      );
    for (const [name, url, expected] of [
      ['CSV export: whole log, largest', `${base}/audit-log.csv`, countWhere('partnership_id = $1', [pid])],
      [
        'CSV export: last 12 months, largest',
        `${base}/audit-log.csv?from=${yearAgo}`,
        countWhere('partnership_id = $1 and at >= $2', [pid, `${yearAgo}T00:00:00Z`]),
      ],
      [
        'CSV export: whole log, smallest',
        `/api/v1/partnerships/${smallest.id}/audit-log.csv`,
        countWhere('partnership_id = $1', [smallest.id]),
      ],
    ] as const) {
      exports.push(await timeExport(origin, cookie, name, url, baseline, expected));
    }

    // EXPLAIN the three slowest JSON calls, and the export's batch query (the slowest call of all).
    const ranked = timings
      .map((t) => ({ name: t.name, p95: t.p95, sql: t.sql }))
      .sort((a, b) => b.p95 - a.p95)
      .slice(0, 3);
    const slowestExport = [...exports].sort(
      (a, b) => b.p95 / Math.max(1, b.rows) - a.p95 / Math.max(1, a.rows),
    )[0];
    log('\nEXPLAIN (ANALYZE, BUFFERS): the three slowest calls and the slowest export per row (key lines):');
    const explains = await explainCalls(database, [
      ...ranked,
      { name: slowestExport.name, sql: slowestExport.sql },
    ]);

    await app.close();

    // Results table
    const mark = (p: boolean | null) => (p === null ? '' : p ? 'PASS' : 'MISS');
    const cells: string[][] = [['call', 'p50 ms', 'p95 ms', 'max ms', 'rows', 'target']];
    for (const t of timings) {
      cells.push([
        t.name,
        fmt(t.p50),
        fmt(t.p95),
        fmt(t.max),
        t.total !== undefined ? int(t.total) : '',
        `${mark(t.pass)} p95 < ${TARGET_PAGE_P95_MS}`,
      ]);
    }
    for (const e of exports) {
      cells.push([
        `${e.name} (${(e.bytes / 1e6).toFixed(1)} MB${e.complete ? '' : ', INCOMPLETE'})`,
        fmt(e.p50),
        fmt(e.p95),
        fmt(e.max),
        int(e.rows),
        `${mark(e.passRate)} ${int(Math.round(e.rowsPerSecond))} rows/s >= ${int(TARGET_EXPORT_ROWS_PER_S)}; ` +
          `${mark(e.passRss)} RSS +${e.rssPeakGrowthMb.toFixed(0)} MB <= ${TARGET_EXPORT_RSS_MB}`,
      ]);
    }
    // A plain aligned table: the console and the README (in a code block, which formatters leave alone).
    const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
    const lines = cells.map((r) =>
      r
        .map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    );
    lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
    const seqFlags = explains.filter((e) => e.seqScans.length > 0);
    log(`\nResults on ${bench.label}:\n`);
    for (const l of lines) log(l);
    log(
      seqFlags.length
        ? `\nSeq Scans on big tables in the slowest calls: ${seqFlags.map((e) => `${e.call} → ${e.seqScans.join(', ')}`).join('; ')}`
        : '\nNo Seq Scan on a big table in the slowest calls.',
    );

    // Files
    const machine = {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      /** Other work on the machine skews timings: the 1-minute load average when the timing began and ended. */
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    };
    const resultsDir = path.join(here, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `foundation-${KIND}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify(
        {
          benchmark: 'foundation',
          database: KIND,
          databaseLabel: bench.label,
          serverVersion: bench.serverVersion,
          startedAt: started.toISOString(),
          machine,
          volume: counts,
          auditRowsReduced: AUDIT_ROWS !== 2_000_000,
          loadSeconds,
          largestPartnership: { id: pid, name: largest.name, activePeople: largest.people },
          smallestPartnership: { id: smallest.id, name: smallest.name, activePeople: smallest.people },
          targets: {
            pageP95Ms: TARGET_PAGE_P95_MS,
            exportRowsPerSecond: TARGET_EXPORT_ROWS_PER_S,
            exportRssGrowthMb: TARGET_EXPORT_RSS_MB,
          },
          calls: timings.map(({ sql, ...t }) => t),
          exports: exports.map(({ sql, ...e }) => e),
          explains,
        },
        null,
        2,
      )}\n`,
    );
    log(`\nWrote ${path.relative(process.cwd(), file)}.`);

    const readme = path.join(here, 'README.md');
    if (!fs.existsSync(readme)) fs.writeFileSync(readme, '# Benchmarks\n\n## Results\n');
    const misses =
      timings.filter((t) => t.pass === false).length +
      exports.filter((e) => !e.passRate).length +
      exports.filter((e) => !e.passRss).length;
    fs.appendFileSync(
      readme,
      [
        '',
        `### ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: foundation on ${KIND}`,
        '',
        `${bench.label}; ${machine.cores} cores, ${machine.memoryGiB} GiB (${machine.cpu}), Node ${machine.node}, ` +
          `load average ${loadAtStart.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)} while timing. ` +
          `${int(counts.audit_log)} audit_log rows${AUDIT_ROWS !== 2_000_000 ? ' (reduced for PGlite)' : ''}, ` +
          `${int(counts.people)} people, ${int(counts.memberships)} memberships; loaded in ${loadSeconds.toFixed(0)} s. ` +
          `Largest partnership: ${int(largest.people)} active people. ${misses === 0 ? 'Every target met.' : `${misses} target(s) missed.`}`,
        '',
        '```text',
        ...lines,
        '```',
        '',
      ].join('\n'),
    );
    log(`Appended a summary to ${path.relative(process.cwd(), readme)}.`);
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
