import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-db.js';
import type { Jobs } from './jobs.js';
import { createPgBossDb, JOBS_SCHEMA, startJobs } from './jobs-pgboss.js';

/** Polls `check` every 100ms until it is truthy; fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let jobs: Jobs;
const errors: Error[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobs(database, { pollSeconds: 0.5, onError: (e) => errors.push(e) });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.drop();
});

const jobState = async (name: string, id: string) => {
  const { rows } = await database.raw.query<{ state: string; retry_count: number }>(
    `SELECT state, retry_count FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND id = $2`,
    [name, id],
  );
  return rows[0];
};

describe(`pg-boss jobs (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('works a sent job and marks it completed', async () => {
    const seen: { n: number }[] = [];
    await jobs.work<{ n: number }>('test-ok', async (data) => {
      seen.push(data);
    });
    const id = await jobs.send('test-ok', { n: 42 });
    expect(id).toBeTruthy();
    await waitFor('the job to be worked', () => seen.length === 1);
    expect(seen).toEqual([{ n: 42 }]);
    await waitFor(
      'the job to be completed',
      async () => (await jobState('test-ok', id!))?.state === 'completed',
    );
  });

  it('retries a throwing handler retryLimit times, then fails the job', async () => {
    let calls = 0;
    await jobs.work('test-throws', async () => {
      calls++;
      throw new Error(`attempt ${calls} failed`);
    });
    const id = await jobs.send('test-throws', {}, { retryLimit: 2, retryDelay: 0 });
    await waitFor('the job to fail', async () => (await jobState('test-throws', id!))?.state === 'failed');
    // One first attempt and two retries; a failed job is never fetched again.
    expect(calls).toBe(3);
    expect((await jobState('test-throws', id!)).retry_count).toBe(2);
  });

  it('does not start a job before startAfter', async () => {
    const workedAt: number[] = [];
    await jobs.work('test-later', async () => {
      workedAt.push(Date.now());
    });
    const sentAt = Date.now();
    await jobs.send('test-later', {}, { startAfter: 2 });
    await waitFor('the delayed job to be worked', () => workedAt.length === 1);
    // The database's clock and ours are the same machine's; allow for rounding only.
    expect(workedAt[0] - sentAt).toBeGreaterThanOrEqual(1900);

    const at = new Date(Date.now() + 1500);
    await jobs.send('test-later', {}, { startAfter: at });
    await waitFor('the job due at a date to be worked', () => workedAt.length === 2);
    expect(workedAt[1]).toBeGreaterThanOrEqual(at.getTime() - 100);
  });

  it('shares the database with the app: waits for open transactions and never runs inside them', async () => {
    await database.db.execute(sql`CREATE TABLE jobs_probe (n int)`);
    const seen: number[] = [];
    await jobs.work<{ n: number }>('test-shared', async ({ n }) => {
      // A handler uses the same database as the rest of the app.
      await database.db.execute(sql`INSERT INTO jobs_probe VALUES (${n})`);
      seen.push(n);
    });
    // While a transaction is open (and its connection busy), the worker keeps polling and another
    // request sends a job; once the transaction rolls back, the job runs and nothing of the
    // transaction, including pg-boss work, is lost or leaked.
    const tx = database.db
      .transaction(async (t) => {
        await t.execute(sql`INSERT INTO jobs_probe VALUES (-1)`);
        await new Promise((resolve) => setTimeout(resolve, 1200));
        t.rollback();
      })
      .catch(() => 'rolled back');
    const sent = jobs.send('test-shared', { n: 7 });
    expect(await tx).toBe('rolled back');
    expect(await sent).toBeTruthy();
    await waitFor('the job to run after the transaction', () => seen.length === 1);
    const { rows } = await database.raw.query<{ n: number }>('SELECT n FROM jobs_probe ORDER BY n');
    expect(rows).toEqual([{ n: 7 }]);
    expect(errors).toEqual([]);
  });

  it("runs pg-boss's maintenance scripts: a job past its retention is archived", async () => {
    await jobs.work('test-unworked', async () => {});
    const id = await jobs.send('test-unworked', {}, { startAfter: 3600 });
    await database.raw.query(
      `UPDATE ${JOBS_SCHEMA}.job SET keep_until = now() - interval '1 minute' WHERE name = $1 AND id = $2`,
      ['test-unworked', id],
    );
    // A second, unstarted pg-boss on the same adapter, to run maintenance now rather than in 2 minutes.
    const boss = new PgBoss({ db: createPgBossDb(database), schema: JOBS_SCHEMA, schedule: false });
    await boss.maintain();
    expect(await jobState('test-unworked', id!)).toBeUndefined();
    const { rows } = await database.raw.query(`SELECT id FROM ${JOBS_SCHEMA}.archive WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });

  it('a failing pg-boss script rolls back and leaves the session usable', async () => {
    const db = createPgBossDb(database);
    const script = `
      BEGIN;
      SELECT pg_advisory_xact_lock(42);
      CREATE TABLE jobs_half_done (n int);
      SELECT 1/0;
      COMMIT;
    `;
    await expect(db.executeSql(script, [])).rejects.toThrow(/division by zero/);
    // On PGlite an explicit BEGIN would have left the one shared session in an aborted transaction.
    const { rows } = await database.raw.query<{ t: string | null }>(
      "SELECT to_regclass('jobs_half_done')::text AS t",
    );
    expect(rows).toEqual([{ t: null }]);
  });

  it('stop() lets a running handler finish and complete its job', async () => {
    const other = await startJobs(database, { pollSeconds: 0.5 });
    let started = false;
    let finished = false;
    await other.work('test-stop', async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 800));
      finished = true;
    });
    const id = await other.send('test-stop', {});
    await waitFor('the handler to start', () => started);
    await other.stop();
    expect(finished).toBe(true);
    expect((await jobState('test-stop', id!)).state).toBe('completed');
  });
});
