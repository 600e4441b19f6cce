import { seedDemoIfEmpty } from '../scripts/demo-data.js';
import { buildApp } from './app.js';
import { scheduleReminderJobs } from './modules/notifications/reminders.service.js';
import { fileOffsetClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import { migrateDatabase, openDatabase } from './platform/db.js';
import { createFilesystemStorage } from './platform/file-storage.js';
import { startJobs } from './platform/jobs-pgboss.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateDatabase(database);
if (config.seedDemo) {
  const seeded = await seedDemoIfEmpty(database.db);
  if (seeded) console.log('Seeded the demo partnerships. Sign-ins are listed in the README.');
}
const jobs = config.jobsEnabled ? await startJobs(database, { schedule: true }) : null;
const app = await buildApp({
  database,
  ...(config.testClockFile ? { clock: fileOffsetClock(config.testClockFile) } : {}),
  jobs,
  publicUrl: config.publicUrl,
  smtpUrl: config.smtpUrl,
  mailFrom: config.mailFrom,
  idleMinutes: config.sessionIdleMinutes,
  maxHours: config.sessionMaxHours,
  trustProxy: config.trustProxy,
  logLevel: config.logLevel,
  signInRateLimit: config.signInRateLimit,
  fileStorage: createFilesystemStorage(config.filesDir),
  uploadMaxBytes: config.uploadMaxBytes,
});
// Daily reminders (07:00) and digest (07:30), UK time; buildApp registered their workers.
if (jobs) await scheduleReminderJobs(jobs);

async function shutdown(signal: string) {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await jobs?.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
console.log(
  `Assure is running at ${config.publicUrl} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`,
);
