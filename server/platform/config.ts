import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ZEnv = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Assure <no-reply@assure.invalid>'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  TRUST_PROXY: bool,
  LOG_LEVEL: z.string().default('info'),
  JOBS: z.string().optional(),
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  FILES_DIR: z.string().optional(),
  UPLOAD_MAX_MB: z.coerce.number().min(0.01).max(1024).default(20),
  TEST_CLOCK_FILE: z.string().optional(),
});

export type Config = {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  logLevel: string;
  jobsEnabled: boolean;
  /** Sign-in and other public auth requests allowed per IP per minute. */
  signInRateLimit: number;
  /** Where uploaded evidence files are stored (default `<dataDir>/files`). */
  filesDir: string;
  /** The largest file accepted by an upload, in bytes. */
  uploadMaxBytes: number;
  /**
   * Browser journeys only (NODE_ENV=test): a file holding a number of milliseconds the server's clock runs
   * ahead of real time, so a journey can move the clock three months on. Refused in any other environment.
   */
  testClockFile: string | undefined;
};

/** Reads configuration from the environment; every variable is documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const port = e.PORT;
  if (e.TEST_CLOCK_FILE && e.NODE_ENV !== 'test') {
    throw new Error('Invalid configuration:\n  TEST_CLOCK_FILE: only allowed when NODE_ENV is test');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.DATA_DIR),
    // Demo data is seeded into the embedded database by default, and never into a server unless asked.
    seedDemo: e.SEED_DEMO === undefined ? !e.DATABASE_URL : e.SEED_DEMO === 'true' || e.SEED_DEMO === '1',
    publicUrl: (e.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    jobsEnabled: e.JOBS !== 'false',
    signInRateLimit: e.SIGN_IN_RATE_LIMIT,
    filesDir: e.FILES_DIR ? path.resolve(e.FILES_DIR) : path.join(path.resolve(e.DATA_DIR), 'files'),
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    testClockFile: e.TEST_CLOCK_FILE ? path.resolve(e.TEST_CLOCK_FILE) : undefined,
  };
}
