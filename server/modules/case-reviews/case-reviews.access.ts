import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type CaseFileAccess, caseFilePolicy, inCaseReviewGroup } from './case-reviews.policy.js';
import { caseFileAccess, caseFiles } from './case-reviews.tables.js';

export type CaseFileRow = typeof caseFiles.$inferSelect;

/**
 * The case file, if the actor may `verb` it; otherwise 404 (never 403: a case file's existence is not
 * disclosed to someone outside the case review group who is not named on it). Every service in this
 * module goes through here before reading or changing anything under a case file.
 */
export async function caseFileFor(
  exec: Executor,
  actor: Actor,
  caseFileId: string,
  verb: 'read' | 'write' | 'grant',
): Promise<{ file: CaseFileRow; access: CaseFileAccess }> {
  const [file] = await exec
    .select()
    .from(caseFiles)
    .where(and(eq(caseFiles.id, caseFileId), eq(caseFiles.partnershipId, actor.partnershipId)));
  if (!file) throw notFound('This case file');
  let access: CaseFileAccess = { level: null };
  if (!inCaseReviewGroup(actor)) {
    const [named] = await exec
      .select({ level: caseFileAccess.level })
      .from(caseFileAccess)
      .where(and(eq(caseFileAccess.caseFileId, caseFileId), eq(caseFileAccess.personId, actor.personId)));
    access = { level: named?.level ?? null };
  }
  if (!caseFilePolicy.read(actor, access)) throw notFound('This case file');
  if (verb !== 'read' && !caseFilePolicy[verb](actor, access)) {
    // They can see it, so saying why is no disclosure.
    throw new AppError('FORBIDDEN', 'You can read this case file but not change it');
  }
  return { file, access };
}

/**
 * The case files the actor may read: 'all' of the partnership's (the case review group), or the ids of those
 * they are named on. The responses module uses it to keep case files' requests from everyone else.
 */
export async function caseFilesReadableBy(exec: Executor, actor: Actor): Promise<'all' | Set<string>> {
  if (inCaseReviewGroup(actor)) return 'all';
  const rows = await exec
    .select({ id: caseFileAccess.caseFileId })
    .from(caseFileAccess)
    .where(
      and(eq(caseFileAccess.personId, actor.personId), eq(caseFileAccess.partnershipId, actor.partnershipId)),
    );
  return new Set(rows.map((r) => r.id));
}
