import { auditLog } from '../modules/audit-log/audit-log.tables.js';
import type { ActorContext, RequestContext } from './actor.js';
import type { Executor } from './db.js';

export type AuditEntry = {
  entity: string;
  entityId?: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  partnershipId?: string | null;
  personId?: string | null;
  personEmail?: string | null;
};

/** Fields never copied into the log. */
const SECRET_KEYS = new Set(['passwordHash', 'tokenHash', 'idHash', 'csrfToken', 'password']);

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!SECRET_KEYS.has(k)) out[k] = scrub(v);
    }
    return out;
  }
  return value;
}

/**
 * Writes one audit row through the given executor. Pass the transaction that makes the change,
 * so the change and its record commit or fail together.
 */
export async function writeAudit(exec: Executor, ctx: RequestContext | ActorContext, entry: AuditEntry) {
  const actor = 'actor' in ctx ? ctx.actor : undefined;
  await exec.insert(auditLog).values({
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    action: entry.action,
    before: scrub(entry.before) as object | null,
    after: scrub(entry.after) as object | null,
    partnershipId: entry.partnershipId !== undefined ? entry.partnershipId : (actor?.partnershipId ?? null),
    personId: entry.personId !== undefined ? entry.personId : (actor?.personId ?? null),
    personEmail: entry.personEmail !== undefined ? entry.personEmail : (actor?.email ?? null),
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}
