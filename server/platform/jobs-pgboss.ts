import type { Database } from './db.js';
import type { Jobs } from './jobs.js';

/** Placeholder until the pg-boss adapter lands: runs no background jobs. */
export async function startJobs(_database: Database): Promise<Jobs | null> {
  return null;
}
