import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/org.js';
import type { Actor, RequestContext, RoleGrant } from '../../platform/actor.js';
import { type AuditEntry, writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { AppError, invalid } from '../../platform/errors.js';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../platform/tokens.js';
import { partnershipAgencies } from '../agencies/agencies.tables.js';
import type { Mailer } from '../mail/mail.service.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { memberships, passwordResets, people } from '../people/people.tables.js';
import { sessions } from './auth.tables.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const RESET_LINK_HOURS = 2;

export type SignedIn = {
  sessionIdHash: string;
  csrfToken: string;
  currentPartnershipId: string | null;
  expiresAt: Date;
  lastSeenAt: Date;
  person: { id: string; email: string; name: string; isServiceAdmin: boolean };
};

export type AuthService = ReturnType<typeof createAuthService>;

/** A role that acts for an agency counts only while that agency is active in the partnership. */
const agencyStillActive = sql`(${memberships.agencyId} is null or exists (
  select 1 from ${partnershipAgencies} pa
  where pa.partnership_id = ${memberships.partnershipId} and pa.agency_id = ${memberships.agencyId} and pa.active))`;

/**
 * Sign-in events belong to a person, not a partnership; each partnership the person belongs to gets
 * its own row, so every partnership's admins see the sign-ins, failures and locks of their own people.
 */
async function auditPersonEvent(
  exec: Executor,
  ctx: RequestContext,
  entry: AuditEntry & { personId: string },
) {
  const rows = await exec
    .selectDistinct({ partnershipId: memberships.partnershipId })
    .from(memberships)
    .where(and(eq(memberships.personId, entry.personId), eq(memberships.active, true)));
  const ids = rows.length ? rows.map((r) => r.partnershipId) : [null];
  for (const partnershipId of ids) await writeAudit(exec, ctx, { ...entry, partnershipId });
}

const WRONG_DETAILS = 'Enter a correct email address and password';

/** Sign-in, sessions, partnership switching and password reset. */
export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  idleMinutes: number;
  maxHours: number;
}) {
  const { db, clock } = deps;
  const idleMs = deps.idleMinutes * 60_000;

  async function createSession(
    exec: Executor,
    personId: string,
    ctx: RequestContext,
    userAgent: string | null,
  ) {
    const token = newToken();
    const now = clock.now();
    const [first] = await exec
      .select({ partnershipId: memberships.partnershipId })
      .from(memberships)
      .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
      .where(
        and(eq(memberships.personId, personId), eq(memberships.active, true), eq(partnerships.active, true)),
      )
      .orderBy(partnerships.name)
      .limit(1);
    await exec.insert(sessions).values({
      idHash: hashToken(token),
      personId,
      currentPartnershipId: first?.partnershipId ?? null,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.maxHours * 3_600_000),
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return token;
  }

  return {
    /** Checks the password, counting failures and locking the account after too many. Returns a session token. */
    async signIn(input: { email: string; password: string }, ctx: RequestContext, userAgent: string | null) {
      const now = clock.now();
      const email = input.email.trim().toLowerCase();
      const [person] = await db
        .select()
        .from(people)
        .where(eq(sql`lower(${people.email})`, email));
      if (!person?.active || !person.passwordHash) {
        // Still spend the time a real check would, so response time does not reveal who has an account.
        await verifyPassword(input.password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
        await writeAudit(db, ctx, {
          entity: 'person',
          action: 'sign_in_failed',
          after: { email },
          personEmail: email,
        });
        throw invalid({ email: WRONG_DETAILS }, WRONG_DETAILS);
      }
      if (person.lockedUntil && person.lockedUntil > now) {
        await auditPersonEvent(db, ctx, {
          entity: 'person',
          entityId: person.id,
          action: 'sign_in_refused_locked',
          personId: person.id,
          personEmail: person.email,
        });
        throw new AppError(
          'LOCKED',
          `You have entered the wrong details too many times. Try again after ${person.lockedUntil.toISOString().slice(11, 16)} UTC, or reset your password.`,
        );
      }
      const ok = await verifyPassword(input.password, person.passwordHash);
      if (!ok) {
        const failures = person.failedSignIns + 1;
        const lock = failures >= MAX_FAILED_SIGN_INS;
        await db.transaction(async (tx) => {
          await tx
            .update(people)
            .set({
              failedSignIns: lock ? 0 : failures,
              lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : person.lockedUntil,
            })
            .where(eq(people.id, person.id));
          await auditPersonEvent(tx, ctx, {
            entity: 'person',
            entityId: person.id,
            action: 'sign_in_failed',
            personId: person.id,
            personEmail: person.email,
            after: { failures },
          });
          if (lock) {
            await auditPersonEvent(tx, ctx, {
              entity: 'person',
              entityId: person.id,
              action: 'locked',
              personId: person.id,
              personEmail: person.email,
              after: { minutes: LOCK_MINUTES },
            });
          }
        });
        throw invalid({ email: WRONG_DETAILS }, WRONG_DETAILS);
      }
      return db.transaction(async (tx) => {
        await tx
          .update(people)
          .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
          .where(eq(people.id, person.id));
        await auditPersonEvent(tx, ctx, {
          entity: 'person',
          entityId: person.id,
          action: 'signed_in',
          personId: person.id,
          personEmail: person.email,
        });
        return createSession(tx, person.id, ctx, userAgent);
      });
    },

    createSession,

    /** Resolves a session cookie, enforcing idle and absolute expiry, and marks it seen. */
    async resolveSession(token: string): Promise<SignedIn | null> {
      const now = clock.now();
      const idHash = hashToken(token);
      const [row] = await db
        .select({
          s: sessions,
          p: {
            id: people.id,
            email: people.email,
            name: people.name,
            active: people.active,
            isServiceAdmin: people.isServiceAdmin,
          },
        })
        .from(sessions)
        .innerJoin(people, eq(people.id, sessions.personId))
        .where(eq(sessions.idHash, idHash));
      if (!row) return null;
      if (!row.p.active || row.s.expiresAt <= now || now.getTime() - row.s.lastSeenAt.getTime() > idleMs) {
        await db.delete(sessions).where(eq(sessions.idHash, idHash));
        return null;
      }
      // Only write when it has moved on a little, so a page's burst of requests costs one update.
      if (now.getTime() - row.s.lastSeenAt.getTime() > 15_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
      }
      return {
        sessionIdHash: idHash,
        csrfToken: row.s.csrfToken,
        currentPartnershipId: row.s.currentPartnershipId,
        expiresAt: row.s.expiresAt,
        lastSeenAt: now,
        person: { id: row.p.id, email: row.p.email, name: row.p.name, isServiceAdmin: row.p.isServiceAdmin },
      };
    },

    async signOut(signedIn: SignedIn, ctx: RequestContext) {
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.idHash, signedIn.sessionIdHash));
        await auditPersonEvent(tx, ctx, {
          entity: 'person',
          entityId: signedIn.person.id,
          action: 'signed_out',
          personId: signedIn.person.id,
          personEmail: signedIn.person.email,
        });
      });
    },

    /** The partnerships a person can act in, with their roles there. */
    async partnershipsOf(personId: string) {
      const rows = await db
        .select({
          id: partnerships.id,
          name: partnerships.name,
          covers: partnerships.covers,
          role: memberships.role,
          agencyId: memberships.agencyId,
        })
        .from(memberships)
        .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
        .where(
          and(
            eq(memberships.personId, personId),
            eq(memberships.active, true),
            eq(partnerships.active, true),
            agencyStillActive,
          ),
        )
        .orderBy(partnerships.name);
      const byId = new Map<string, { id: string; name: string; covers: string; grants: RoleGrant[] }>();
      for (const r of rows) {
        const p = byId.get(r.id) ?? { id: r.id, name: r.name, covers: r.covers, grants: [] };
        p.grants.push({ role: r.role as Role, agencyId: r.agencyId });
        byId.set(r.id, p);
      }
      return [...byId.values()];
    },

    /** The actor for a person in a partnership, or null when they hold no active role there. */
    async resolveActor(signedIn: SignedIn, partnershipId: string): Promise<Actor | null> {
      const rows = await db
        .select({ role: memberships.role, agencyId: memberships.agencyId })
        .from(memberships)
        .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
        .where(
          and(
            eq(memberships.personId, signedIn.person.id),
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.active, true),
            eq(partnerships.active, true),
            agencyStillActive,
          ),
        );
      if (rows.length === 0) return null;
      return {
        personId: signedIn.person.id,
        email: signedIn.person.email,
        name: signedIn.person.name,
        partnershipId,
        grants: rows.map((r) => ({ role: r.role as Role, agencyId: r.agencyId })),
      };
    },

    async switchPartnership(signedIn: SignedIn, partnershipId: string, ctx: RequestContext) {
      const actor = await this.resolveActor(signedIn, partnershipId);
      if (!actor) throw new AppError('NOT_FOUND', 'This partnership could not be found');
      await db.transaction(async (tx) => {
        await tx
          .update(sessions)
          .set({ currentPartnershipId: partnershipId })
          .where(eq(sessions.idHash, signedIn.sessionIdHash));
        await writeAudit(
          tx,
          { ...ctx, actor },
          { entity: 'session', action: 'switched_partnership', after: { partnershipId } },
        );
      });
    },

    /** Emails a single-use reset link if the address belongs to an active person; always answers the same. */
    async requestPasswordReset(emailInput: string, ctx: RequestContext) {
      const email = emailInput.trim().toLowerCase();
      const [person] = await db
        .select()
        .from(people)
        .where(and(eq(sql`lower(${people.email})`, email), eq(people.active, true)));
      if (!person) {
        await writeAudit(db, ctx, {
          entity: 'person',
          action: 'password_reset_requested_unknown',
          after: { email },
          personEmail: email,
        });
        return;
      }
      const token = newToken();
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        await tx.insert(passwordResets).values({
          tokenHash: hashToken(token),
          personId: person.id,
          expiresAt: new Date(now.getTime() + RESET_LINK_HOURS * 3_600_000),
        });
        await auditPersonEvent(tx, ctx, {
          entity: 'person',
          entityId: person.id,
          action: 'password_reset_requested',
          personId: person.id,
          personEmail: person.email,
        });
        return deps.mailer.enqueue(tx, {
          to: person.email,
          subject: 'Reset your Assure password',
          text: [
            `Dear ${person.name},`,
            '',
            'Someone asked to reset the password for your Assure account. If it was you, use this link within 2 hours:',
            '',
            `${deps.publicUrl}/reset-password/${token}`,
            '',
            'The link works once. If you did not ask for this, you can ignore this email: your password has not changed.',
          ].join('\n'),
        });
      });
      await deps.mailer.dispatch([id]);
    },

    /** Sets a new password from a reset link, ends every session of that person, and uses up the link. */
    async completePasswordReset(token: string, password: string, ctx: RequestContext) {
      const now = clock.now();
      // Hash before the transaction: PGlite runs one transaction at a time, so keep it short.
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const [reset] = await tx
          .select()
          .from(passwordResets)
          .where(
            and(
              eq(passwordResets.tokenHash, hashToken(token)),
              isNull(passwordResets.usedAt),
              gt(passwordResets.expiresAt, now),
            ),
          );
        if (!reset) {
          throw new AppError(
            'NOT_FOUND',
            'This link has expired or has already been used. Ask for a new one from the sign-in page.',
          );
        }
        await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, reset.id));
        await tx
          .update(people)
          .set({ passwordHash, failedSignIns: 0, lockedUntil: null, updatedAt: now })
          .where(eq(people.id, reset.personId));
        await tx.delete(sessions).where(eq(sessions.personId, reset.personId));
        await auditPersonEvent(tx, ctx, {
          entity: 'person',
          entityId: reset.personId,
          action: 'password_reset',
          personId: reset.personId,
        });
      });
    },

    /** Removes sessions that can no longer be used. */
    async purgeExpiredSessions() {
      const now = clock.now();
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
      await db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)));
    },
  };
}
