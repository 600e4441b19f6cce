/**
 * The job queue seen by the rest of Assure. The pg-boss implementation lives in jobs-pgboss.ts;
 * services depend only on this shape.
 */
export type JobOptions = {
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  startAfter?: Date | number;
};
export type Jobs = {
  send(name: string, data: object, options?: JobOptions): Promise<string | null>;
  work<T extends object>(name: string, handler: (data: T) => Promise<void>): Promise<void>;
  /**
   * Sends the job on a cron schedule (e.g. '0 7 * * *' in tz 'Europe/London'), once across all processes.
   * Schedules are kept in the database; they fire only in processes started with `schedule: true`.
   */
  schedule(name: string, cron: string, data: object, options?: { tz?: string }): Promise<void>;
  stop(): Promise<void>;
};
