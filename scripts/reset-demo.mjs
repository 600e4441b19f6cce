#!/usr/bin/env node
// `npm run reset:demo`: deletes the embedded database (and uploaded files) under DATA_DIR
// (default ./data), so the next start seeds the demo afresh. Stop the server first.
// Refuses when DATABASE_URL is set: a PostgreSQL server is never touched by this script.

import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

if (process.env.DATABASE_URL) {
  console.error(
    'reset:demo refused: DATABASE_URL is set, so Assure is using a PostgreSQL server.\n' +
      'This command only deletes the embedded database under DATA_DIR. To reset a server database,\n' +
      'drop and recreate it with your database tools (after taking any backup you need).',
  );
  process.exit(1);
}

const dataDir = path.resolve(process.env.DATA_DIR || './data');
// The embedded database and the files stored beside it; anything else in DATA_DIR is left alone.
const targets = ['pglite', 'files'].map((name) => path.join(dataDir, name)).filter((p) => existsSync(p));

if (targets.length === 0) {
  console.log(`Nothing to remove: there is no embedded database in ${dataDir}.`);
  process.exit(0);
}

console.log('Removing (make sure the server is stopped):');
for (const target of targets) console.log(`  ${target}`);
for (const target of targets) rmSync(target, { recursive: true, force: true });
console.log(
  'Done. The next `npm start` (or `npm run seed:demo`) creates a fresh database with the demo data.',
);
