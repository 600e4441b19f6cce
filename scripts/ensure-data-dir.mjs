#!/usr/bin/env node
// Creates DATA_DIR (default ./data) and any missing parents: PGlite does not create parent folders.

import { mkdirSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.DATA_DIR || './data');
try {
  mkdirSync(dataDir, { recursive: true });
} catch (error) {
  console.error(
    `Could not create the data folder ${dataDir}: ${error instanceof Error ? error.message : error}`,
  );
  console.error('Set DATA_DIR to a folder Assure can write to.');
  process.exit(1);
}
