// `npm run seed:demo`: loads the demo partnerships into the configured database (DATABASE_URL, or
// the embedded database under DATA_DIR) if it holds no partnership yet, then lists the sign-ins.

import { eq, sql } from 'drizzle-orm';
import { people } from '../server/modules/people/people.tables.js';
import { loadConfig } from '../server/platform/config.js';
import { migrateDatabase, openDatabase } from '../server/platform/db.js';
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemoIfEmpty } from './demo-data.js';

async function main() {
  const config = loadConfig();
  const where = config.databaseUrl
    ? 'the PostgreSQL server in DATABASE_URL'
    : `the embedded database in ${config.dataDir}`;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const seeded = await seedDemoIfEmpty(database.db);
    if (seeded) {
      console.log(`Seeded the demo partnerships into ${where}.`);
    } else {
      console.log(`Nothing seeded: ${where} already holds at least one partnership.`);
      if (!config.databaseUrl) {
        console.log(
          'To start again, stop the server, run `npm run reset:demo`, then run this command again.',
        );
      }
    }
    const [demo] = await database.db
      .select({ id: people.id })
      .from(people)
      .where(eq(sql`lower(${people.email})`, DEMO_SIGN_INS[0].email));
    if (!demo) {
      console.log('This database was not seeded with the demo, so the demo sign-ins do not apply to it.');
      return;
    }
    console.log(`\nDemo sign-ins (password for every account: ${DEMO_PASSWORD}):`);
    const width = Math.max(...DEMO_SIGN_INS.map((s) => s.email.length));
    for (const s of DEMO_SIGN_INS) {
      console.log(`  ${s.email.padEnd(width)}  ${s.name}: ${s.role} (${s.partnership})`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not seed the demo data: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
