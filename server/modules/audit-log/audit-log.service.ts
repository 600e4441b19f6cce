import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { and, desc, eq, getTableColumns, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { offsetOf } from '../../platform/pagination.js';
import { authorize } from '../../platform/policy.js';
import { auditLogPolicy } from './audit-log.policy.js';
import { auditLog } from './audit-log.tables.js';

export type AuditFilter = { personId?: string; entity?: string; action?: string; from?: string; to?: string };
export type AuditLogService = ReturnType<typeof createAuditLogService>;

const EXPORT_BATCH = 1000;

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);

/** Reading and exporting the partnership's audit log. Rows are only ever appended (see platform/audit.ts). */
export function createAuditLogService(deps: { db: Db }) {
  const { db } = deps;

  function where(partnershipId: string, f: AuditFilter): SQL | undefined {
    return and(
      eq(auditLog.partnershipId, partnershipId),
      f.personId ? eq(auditLog.personId, f.personId) : undefined,
      f.entity ? eq(auditLog.entity, f.entity) : undefined,
      f.action ? eq(auditLog.action, f.action) : undefined,
      f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
      f.to ? lt(auditLog.at, nextDay(f.to)) : undefined,
    );
  }
  const view = (r: typeof auditLog.$inferSelect) => ({ ...r, at: r.at.toISOString() });

  return {
    async listAuditLog(ctx: ActorContext, q: AuditFilter & { page: number; pageSize: number }) {
      authorize(auditLogPolicy, ctx.actor, 'read', undefined);
      const w = where(ctx.actor.partnershipId, q);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(w)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(w),
      ]);
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Streams the filtered log as CSV, newest first like the list, a batch at a time, so a large export never
     * sits in memory. The export itself is logged first.
     */
    async exportAuditLog(ctx: ActorContext, f: AuditFilter): Promise<Readable> {
      authorize(auditLogPolicy, ctx.actor, 'export', undefined);
      await writeAudit(db, ctx, {
        entity: 'audit_log',
        action: 'exported',
        after: { filter: f, format: 'csv' },
      });
      const csv = stringify({
        header: true,
        columns: [
          'id',
          'at',
          'personEmail',
          'personId',
          'entity',
          'entityId',
          'action',
          'before',
          'after',
          'requestId',
          'ip',
        ],
        cast: { object: (v) => JSON.stringify(v) },
      });
      const out = new PassThrough();
      csv.pipe(out);
      (async () => {
        // Keyset on (at, id), the order of the partnership's (partnership_id, [person_id | entity,] at)
        // indexes, so each batch is one short index range. (Keyset on id alone walked the primary key of the
        // whole installation's log, so an export cost the size of every partnership's history.) The cursor's
        // time travels as text because a JS Date would drop the microseconds.
        let cursor: { at: string; id: number } | null = null;
        for (;;) {
          const rows: (typeof auditLog.$inferSelect & { cursorAt: string })[] = await db
            .select({
              ...getTableColumns(auditLog),
              cursorAt: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`,
            })
            .from(auditLog)
            .where(
              and(
                where(ctx.actor.partnershipId, f),
                cursor === null
                  ? undefined
                  : sql`(${auditLog.at}, ${auditLog.id}) < ((${cursor.at}::timestamp at time zone 'UTC'), ${cursor.id})`,
              ),
            )
            .orderBy(desc(auditLog.at), desc(auditLog.id))
            .limit(EXPORT_BATCH);
          for (const { cursorAt: _, ...r } of rows) {
            // Neutralise spreadsheet formulas in text a person typed.
            const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
            if (
              !csv.write({
                ...r,
                at: r.at.toISOString(),
                personEmail: safe(r.personEmail),
                entityId: safe(r.entityId),
              })
            ) {
              await new Promise((res) => csv.once('drain', res));
            }
          }
          if (rows.length < EXPORT_BATCH) break;
          // Let other requests in between batches (PGlite otherwise holds the event loop through an export).
          await new Promise((res) => setImmediate(res));
          const last = rows[rows.length - 1];
          cursor = { at: last.cursorAt, id: last.id };
        }
        csv.end();
      })().catch((e) => out.destroy(e));
      return out;
    },
  };
}
