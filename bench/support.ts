/**
 * What every benchmark shares: the throwaway database (a fresh PostgreSQL database when
 * BENCH_DATABASE_URL is set, else an in-memory PGlite; BENCH_KEEP=1 keeps the PostgreSQL one for
 * EXPLAIN afterwards), timing helpers and number formats.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPostgres } from '../server/platform/db.js';

export const BENCH_URL = process.env.BENCH_DATABASE_URL;
export const KIND: 'pglite' | 'postgres' = BENCH_URL ? 'postgres' : 'pglite';

export const log = (...a: unknown[]) => console.log(...a);
export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const int = (n: number) => n.toLocaleString('en-GB');

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  log(`  ${label.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  return r;
}

/** p50 / p95 / max of a list of timings in ms. */
export function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

// ---------------------------------------------------------------------------------------------------------
// The database

export type BenchDb = { database: Database; label: string; serverVersion: string; drop(): Promise<void> };

export async function openBenchDatabase(): Promise<BenchDb> {
  if (BENCH_URL) {
    const name = `assure_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: BENCH_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(BENCH_URL);
    target.pathname = `/${name}`;
    const database = fromPostgres(target.toString(), 10);
    const [{ server_version }] = (await database.raw.query<{ server_version: string }>('show server_version'))
      .rows;
    let dropped = false;
    return {
      database,
      label: `PostgreSQL ${server_version} (database ${name})`,
      serverVersion: server_version,
      drop: async () => {
        if (dropped) return;
        dropped = true;
        if (process.env.BENCH_KEEP === '1') {
          await database.close().catch(() => {});
          log(`Kept database ${name} (BENCH_KEEP=1) for EXPLAIN; drop it by hand.`);
          return;
        }
        await database.close().catch(() => {});
        const c = new pg.Client({ connectionString: BENCH_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
        log(`Dropped database ${name}.`);
      },
    };
  }
  const client = await PGlite.create();
  const database = fromPglite(client);
  const [{ server_version }] = (await database.raw.query<{ server_version: string }>('show server_version'))
    .rows;
  return {
    database,
    label: `PGlite in memory (PostgreSQL ${server_version})`,
    serverVersion: server_version,
    drop: () => database.close(),
  };
}
