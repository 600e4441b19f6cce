import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, isNull, type SQLWrapper } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { acceptUpload, openStored, storeThenRecord } from '../../platform/uploads.js';
import { people } from '../people/people.tables.js';
import { registerFiles } from './recommendations.tables.js';

/** What a register file is attached to (register_files.owner_type) and which row owner_id names. */
export const REGISTER_FILE_OWNERS = {
  /** A progress update on an action: action_updates.id. */
  actionUpdate: 'action_update',
  /** One agency's evidence on an impact check: impact_check_evidence.id. */
  impactEvidence: 'impact_check_evidence',
  /** The answer to a single-agency assurance request: assurance_requests.id. */
  assuranceAnswer: 'assurance_request',
} as const;
export type RegisterFileOwner = (typeof REGISTER_FILE_OWNERS)[keyof typeof REGISTER_FILE_OWNERS];

export type RegisterFileRow = typeof registerFiles.$inferSelect;
export type RegisterFiles = ReturnType<typeof createRegisterFiles>;

/** The record an upload or a removal is logged against (the action, the evidence, the request). */
export type FileLog = { entity: string; entityId: string; detail?: Record<string, unknown> };

/**
 * Where an upload goes, decided by the owner's service inside the upload's transaction, after it has
 * locked the owner and checked that it still takes files.
 */
export type UploadTarget = { ownerId: string; agencyId: string; log: FileLog };

/**
 * The files a removal may touch (owner ids, or a subquery of them) and how it is logged, decided like
 * an upload's target.
 */
export type RemovalTarget = {
  owners: string[] | SQLWrapper;
  log: (file: RegisterFileRow) => FileLog;
};

/**
 * Evidence files of the register, whatever they are attached to: checked by content, stored under a
 * random key, recorded with an audit row in one transaction, served only once the owner's service has
 * allowed it (and every download logged), and removed by marking the row (the bytes stay until
 * retention). Each owner's service decides who may do what and when; this does the rest the same way.
 */
export function createRegisterFiles(deps: { db: Db; clock: Clock; storage: FileStorage }) {
  const { db, clock, storage } = deps;

  const fileView = (f: RegisterFileRow, uploaderName: string | null) => ({
    id: f.id,
    ownerId: f.ownerId,
    fileName: f.fileName,
    mediaType: f.mediaType,
    sizeBytes: f.sizeBytes,
    uploadedAt: f.uploadedAt,
    uploadedBy: f.uploadedBy && uploaderName ? { id: f.uploadedBy, name: uploaderName } : null,
    removedAt: f.removedAt,
  });

  async function uploaderName(exec: Executor, f: RegisterFileRow) {
    if (!f.uploadedBy) return null;
    const [p] = await exec.select({ name: people.name }).from(people).where(eq(people.id, f.uploadedBy));
    return p?.name ?? null;
  }

  /** One live file of these owners (ids, or a subquery of them), or 404. */
  async function liveFile(
    exec: Executor,
    partnershipId: string,
    ownerType: RegisterFileOwner,
    owners: string[] | SQLWrapper,
    fileId: string,
  ): Promise<RegisterFileRow> {
    if (Array.isArray(owners) && owners.length === 0) throw notFound('This file');
    const [file] = await exec
      .select()
      .from(registerFiles)
      .where(
        and(
          eq(registerFiles.id, fileId),
          eq(registerFiles.partnershipId, partnershipId),
          eq(registerFiles.ownerType, ownerType),
          inArray(registerFiles.ownerId, owners),
          isNull(registerFiles.removedAt),
        ),
      );
    if (!file) throw notFound('This file');
    return file;
  }

  return {
    liveFile,

    /** The live files of these owners (one query), oldest first, each with its owner's id. */
    async listFiles(exec: Executor, partnershipId: string, ownerType: RegisterFileOwner, ownerIds: string[]) {
      if (ownerIds.length === 0) return [];
      const rows = await exec
        .select({ f: registerFiles, uploaderName: people.name })
        .from(registerFiles)
        .leftJoin(people, eq(people.id, registerFiles.uploadedBy))
        .where(
          and(
            eq(registerFiles.partnershipId, partnershipId),
            eq(registerFiles.ownerType, ownerType),
            inArray(registerFiles.ownerId, ownerIds),
            isNull(registerFiles.removedAt),
          ),
        )
        .orderBy(asc(registerFiles.uploadedAt), asc(registerFiles.id));
      return rows.map((r) => fileView(r.f, r.uploaderName));
    },

    /**
     * Checks the upload's content (400 naming `file`), stores its bytes, then in one transaction asks the
     * owner's service where it goes (`target`: locks, state checks, 404 / 403 / 409) and records it with
     * its audit row. Refused or failed, nothing is kept.
     */
    async addFile(
      ctx: ActorContext,
      ownerType: RegisterFileOwner,
      upload: { fileName: string; bytes: Buffer },
      target: (tx: Tx) => Promise<UploadTarget>,
    ) {
      const { actor } = ctx;
      const accepted = await acceptUpload(upload);
      const row = await storeThenRecord(storage, accepted.bytes, (storageKey) =>
        db.transaction(async (tx) => {
          const to = await target(tx);
          const [file] = await tx
            .insert(registerFiles)
            .values({
              partnershipId: actor.partnershipId,
              ownerType,
              ownerId: to.ownerId,
              agencyId: to.agencyId,
              storageKey,
              fileName: accepted.fileName,
              mediaType: accepted.mediaType,
              sizeBytes: accepted.sizeBytes,
              sha256: accepted.sha256,
              uploadedBy: actor.personId,
              uploadedAt: clock.now(),
            })
            .returning();
          await writeAudit(tx, ctx, {
            entity: to.log.entity,
            entityId: to.log.entityId,
            action: 'file_uploaded',
            after: {
              fileId: file.id,
              ...to.log.detail,
              fileName: file.fileName,
              mediaType: file.mediaType,
              sizeBytes: file.sizeBytes,
              sha256: file.sha256,
            },
          });
          return file;
        }),
      );
      return fileView(row, actor.name);
    },

    /**
     * A file's bytes, for a file the owner's service has found for a person allowed to read it. The
     * download is logged against the file before anything is sent.
     */
    async openFile(
      ctx: ActorContext,
      file: RegisterFileRow,
    ): Promise<{ file: RegisterFileRow; stream: Readable }> {
      const stream = await openStored(storage, file.storageKey);
      try {
        await writeAudit(db, ctx, {
          entity: 'register_file',
          entityId: file.id,
          action: 'file_downloaded',
          after: {
            ownerType: file.ownerType,
            ownerId: file.ownerId,
            agencyId: file.agencyId,
            fileName: file.fileName,
          },
        });
      } catch (error) {
        stream.destroy();
        throw error;
      }
      return { file, stream };
    },

    /**
     * Takes a file off its owner in one transaction: the owner's service first locks it and checks it
     * still lets files go (`target`), then the row is marked removed and the removal logged. The bytes
     * stay until retention.
     */
    async removeFile(
      ctx: ActorContext,
      ownerType: RegisterFileOwner,
      fileId: string,
      target: (tx: Tx) => Promise<RemovalTarget>,
    ) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        const from = await target(tx);
        const before = await liveFile(tx, actor.partnershipId, ownerType, from.owners, fileId);
        const [after] = await tx
          .update(registerFiles)
          .set({ removedAt: clock.now(), removedBy: actor.personId })
          .where(eq(registerFiles.id, fileId))
          .returning();
        const log = from.log(before);
        await writeAudit(tx, ctx, {
          entity: log.entity,
          entityId: log.entityId,
          action: 'file_removed',
          before: { fileId, ...log.detail, fileName: before.fileName },
        });
        return fileView(after, await uploaderName(tx, after));
      });
    },
  };
}
