import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './db.js';

/**
 * Locks one row until the transaction ends (SELECT … FOR UPDATE). Every change that checks a version
 * number takes this lock before reading the row, so two people saving on the same version queue up:
 * the second reads the first's version and is answered 409 instead of silently overwriting it.
 * Locking a row that does not exist locks nothing; lock a parent row then (e.g. the partnership).
 */
export async function lockRow(tx: Tx, table: PgTable, column: PgColumn, value: string): Promise<void> {
  const where: SQL = sql`${column} = ${value}`;
  await tx.execute(sql`select 1 from ${table} where ${where} for update`);
}
