import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPostgres, migrateDatabase } from '../platform/db.js';

/**
 * A fresh, migrated database for one test file. On PGlite (the default) each worker migrates one
 * in-memory instance and clones it; with TEST_DATABASE_URL each file gets its own database on that
 * server, named after it with a random suffix, and dropped at the end.
 */
let template: PGlite | null = null;

export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const base = new URL(url);
    const name = `${base.pathname.slice(1) || 'assure_test'}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = fromPostgres(target.toString(), 5);
    await migrateDatabase(database);
    return {
      ...database,
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  if (!template) {
    const t = await PGlite.create();
    await migrateDatabase(fromPglite(t));
    template = t;
  }
  const clone = (await template.clone()) as PGlite;
  const database = fromPglite(clone);
  return { ...database, drop: () => database.close() };
}
