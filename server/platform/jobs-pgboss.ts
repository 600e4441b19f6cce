import PgBoss from 'pg-boss';
import type { Database } from './db.js';
import type { JobOptions, Jobs } from './jobs.js';

export type StartJobsOptions = {
  /** How often each worker looks for due jobs, in seconds. pg-boss allows 0.5 at the least. */
  pollSeconds?: number;
  /** Where pg-boss's background errors go (a failed poll, a failed maintenance run). */
  onError?: (err: Error) => void;
  /** How long stop() lets running handlers finish before failing them back onto the queue. */
  stopTimeoutMs?: number;
  /**
   * Runs pg-boss's timekeeper, which sends scheduled (cron) jobs when due. The server turns it on; test
   * apps leave it off, so nothing scheduled fires during a test.
   */
  schedule?: boolean;
};

/** pg-boss's own tables live in this schema, beside Assure's. */
export const JOBS_SCHEMA = 'pgboss';

/**
 * Starts pg-boss in this process on Assure's own database, whichever driver it uses.
 *
 * pg-boss talks to the database only through the `db` adapter below, which goes through
 * `database.raw`: the PGlite instance itself, or the app's `pg` pool. On PGlite every query, and every
 * drizzle transaction, holds PGlite's single session exclusively, so pg-boss's statements queue behind
 * the app's transactions and never run inside them. Never await `jobs.send` inside a transaction on
 * PGlite: it would wait for the session the transaction holds.
 */
export async function startJobs(database: Database, opts: StartJobsOptions = {}): Promise<Jobs> {
  const pollSeconds = opts.pollSeconds ?? 2;
  const onError = opts.onError ?? ((err: Error) => console.error(`[jobs] ${err.message}`, err.stack ?? ''));

  // Counted so stop() can wait for the last poll, handler and completion to finish before the caller
  // closes the database (pg-boss fires completions without awaiting them).
  let pendingSql = 0;
  let runningHandlers = 0;
  const db = createPgBossDb(database);
  const adapter: PgBoss.Db = {
    async executeSql(text, values) {
      pendingSql++;
      try {
        return await db.executeSql(text, values);
      } finally {
        pendingSql--;
      }
    },
  };

  const boss = new PgBoss({
    db: adapter,
    schema: JOBS_SCHEMA,
    pollingIntervalSeconds: pollSeconds,
    // Keeps maintenance: jobs that outlive their expiry are failed (and so retried), finished jobs
    // are archived, old archive rows deleted. pg-boss takes turns across processes for it.
    supervise: true,
    migrate: true,
    // The timekeeper (a cron worker and clock checks) runs only where asked: the server, for the daily
    // reminder and digest runs. Across several processes pg-boss sends each scheduled job once.
    schedule: opts.schedule ?? false,
    // monitorStateIntervalSeconds is left unset, so no periodic state counts are run.
  });
  boss.on('error', (err: Error) => onError(err));
  await boss.start();

  const queues = new Map<string, Promise<void>>();
  const workerIds = new Map<string, string[]>();

  // pg-boss 10 needs a queue before send or work; create_queue is idempotent (ON CONFLICT DO NOTHING).
  const ensureQueue = (name: string) => {
    let ready = queues.get(name);
    if (!ready) {
      ready = boss.createQueue(name).catch((err: unknown) => {
        queues.delete(name);
        throw err;
      });
      queues.set(name, ready);
    }
    return ready;
  };

  let stopped = false;

  return {
    async send(name, data, options) {
      await ensureQueue(name);
      const id = await boss.send(name, data, toSendOptions(options));
      // A worker in this process picks a due job up now rather than at its next poll.
      if (id && options?.startAfter === undefined) {
        for (const workerId of workerIds.get(name) ?? []) boss.notifyWorker(workerId);
      }
      return id;
    },

    async work<T extends object>(name: string, handler: (data: T) => Promise<void>) {
      await ensureQueue(name);
      const id = await boss.work<T>(
        name,
        { pollingIntervalSeconds: pollSeconds, batchSize: 1 },
        async (jobs) => {
          runningHandlers++;
          try {
            for (const job of jobs) await handler(job.data);
          } finally {
            runningHandlers--;
          }
        },
      );
      workerIds.set(name, [...(workerIds.get(name) ?? []), id]);
    },

    async schedule(name, cron, data, options) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: options?.tz ?? 'UTC' });
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      const timeout = opts.stopTimeoutMs ?? 10_000;
      await boss.stop({ graceful: true, wait: true, close: false, timeout });
      // A worker may have been mid-poll when told to stop; let it and its completion finish.
      const deadline = Date.now() + timeout;
      while ((pendingSql > 0 || runningHandlers > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/**
 * pg-boss's `db` adapter over Assure's database: parameterless multi-statement scripts (schema
 * creation, migrations, maintenance) go through `exec`, everything else through `query`.
 */
export function createPgBossDb(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (isScript(text, values)) {
        await database.raw.exec(asImplicitTransaction(text));
        return { rows: [] };
      }
      return await database.raw.query(text, values);
    },
  };
}

/** Assure's job options in pg-boss's terms; a numeric startAfter is seconds from now, as in pg-boss. */
function toSendOptions(options: JobOptions = {}): PgBoss.SendOptions {
  // pg-boss validates any key that is present, so leave out the ones not given.
  const out: PgBoss.SendOptions = {};
  if (options.retryLimit !== undefined) out.retryLimit = options.retryLimit;
  if (options.retryDelay !== undefined) out.retryDelay = options.retryDelay;
  if (options.retryBackoff !== undefined) out.retryBackoff = options.retryBackoff;
  if (options.startAfter !== undefined) out.startAfter = options.startAfter;
  return out;
}

/**
 * pg-boss sends its schema creation, migrations and maintenance as parameterless multi-statement
 * scripts; everything else is a single statement, usually with parameters.
 */
function isScript(text: string, values?: unknown[]): boolean {
  return (!values || values.length === 0) && /;\s*\S/.test(text);
}

/**
 * pg-boss wraps its scripts in BEGIN; … COMMIT;. If a statement fails part-way, the session is left in
 * an aborted transaction: harmless for a pooled `pg` connection (the pool discards it) but fatal for
 * PGlite's single session, which every later app query would then fail on. Without the explicit
 * BEGIN/COMMIT the script still runs as one transaction (PostgreSQL runs a multi-statement query as an
 * implicit transaction block, where SET LOCAL and advisory xact locks behave the same), and a failure
 * rolls it back by itself.
 */
function asImplicitTransaction(text: string): string {
  const m = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/i.exec(text);
  return m ? m[1] : text;
}
