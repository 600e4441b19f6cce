import type { Db } from '../server/platform/db.js';

/** Placeholder: the demo seed lands next. */
export async function seedDemoIfEmpty(_db: Db): Promise<boolean> {
  return false;
}
