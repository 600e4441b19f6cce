import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { AGENCY_SCOPED_ROLES, ROLE_LABELS, type Role } from '../../../contracts/org.js';
import type { ActorContext, RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { hashPassword, hashToken, newToken } from '../../platform/tokens.js';
import { agencies } from '../agencies/agencies.tables.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Mailer } from '../mail/mail.service.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { peoplePolicy } from './people.policy.js';
import type { PeopleRepo } from './people.repo.js';
import { invitations, memberships, people } from './people.tables.js';

export const INVITATION_DAYS = 7;
const PERSON = 'This person';

export type PeopleService = ReturnType<typeof createPeopleService>;

type InvitationRow = typeof invitations.$inferSelect;
const invitationStatus = (i: InvitationRow, now: Date): 'pending' | 'accepted' | 'expired' | 'revoked' =>
  i.revokedAt ? 'revoked' : i.acceptedAt ? 'accepted' : i.expiresAt <= now ? 'expired' : 'pending';

const toInvitationView = (i: InvitationRow, agencyName: string | null, now: Date) => ({
  id: i.id,
  email: i.email,
  name: i.name,
  role: i.role as Role,
  agencyId: i.agencyId,
  agencyName,
  status: invitationStatus(i, now),
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

export function createPeopleService(deps: {
  db: Db;
  clock: Clock;
  peopleRepo: PeopleRepo;
  mailer: Mailer;
  auth: AuthService;
  publicUrl: string;
}) {
  const { db, clock, peopleRepo: repo, mailer } = deps;

  async function detail(ctx: ActorContext, personId: string, exec: Executor = db) {
    const person = await repo.find(exec, ctx.actor.partnershipId, personId);
    if (!person) throw notFound(PERSON);
    const roles = await repo.rolesFor(exec, ctx.actor.partnershipId, [personId], true);
    return {
      ...person,
      roles: roles.get(personId) ?? [],
      allowedVerbs: allowedVerbs(peoplePolicy, ctx.actor, undefined),
    };
  }

  /** Agency-scoped roles must name an active agency of this partnership; others must not. */
  async function checkRoleAgency(
    exec: Executor,
    partnershipId: string,
    role: Role,
    agencyId: string | null | undefined,
  ) {
    if (AGENCY_SCOPED_ROLES.includes(role)) {
      if (!agencyId)
        throw invalid({ agencyId: `Choose the agency this ${ROLE_LABELS[role].toLowerCase()} acts for` });
      if (!(await repo.agencyInPartnership(exec, partnershipId, agencyId))) {
        throw invalid({ agencyId: 'Choose an agency that is part of this partnership' });
      }
      return agencyId;
    }
    return null;
  }

  async function invitationView(invitationId: string) {
    const [{ i, agencyName }] = await db
      .select({ i: invitations, agencyName: agencies.name })
      .from(invitations)
      .leftJoin(agencies, eq(agencies.id, invitations.agencyId))
      .where(eq(invitations.id, invitationId));
    return toInvitationView(i, agencyName, clock.now());
  }

  /**
   * Writes an invitation, its audit row and its email inside the caller's transaction; the caller
   * dispatches the email after commit. The agency, if any, must already be checked.
   */
  async function issueInvitation(
    tx: Executor,
    ctx: RequestContext,
    input: {
      partnershipId: string;
      email: string;
      name: string;
      role: Role;
      agencyId: string | null;
      invitedBy: { id: string; name: string; email: string };
    },
  ) {
    const token = newToken();
    const now = clock.now();
    const agencyName = input.agencyId
      ? (await repo.agencyInPartnership(tx, input.partnershipId, input.agencyId))?.name
      : null;
    const [p] = await tx
      .select({ name: partnerships.name })
      .from(partnerships)
      .where(eq(partnerships.id, input.partnershipId));
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        partnershipId: input.partnershipId,
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        agencyId: input.agencyId,
        invitedBy: input.invitedBy.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returning();
    await writeAudit(tx, ctx, {
      entity: 'invitation',
      entityId: invitation.id,
      action: 'created',
      after: invitation,
      partnershipId: input.partnershipId,
      personId: input.invitedBy.id,
      personEmail: input.invitedBy.email,
    });
    const mailId = await mailer.enqueue(tx, {
      partnershipId: input.partnershipId,
      to: input.email,
      subject: `You have been invited to join ${p.name} on Assure`,
      text: [
        `Dear ${input.name},`,
        '',
        `${input.invitedBy.name} has invited you to join ${p.name} on Assure as ${ROLE_LABELS[input.role].toLowerCase()}${agencyName ? ` for ${agencyName}` : ''}.`,
        '',
        'Use this link to accept. It works once and expires in 7 days:',
        '',
        `${deps.publicUrl}/invitation/${token}`,
        '',
        'If you were not expecting this, you can ignore this email.',
      ].join('\n'),
    });
    return { invitation, mailId };
  }

  async function guardLastAdmin(exec: Executor, ctx: ActorContext, personId: string) {
    if ((await repo.activeAdminCount(exec, ctx.actor.partnershipId, personId)) === 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        'A partnership needs at least one partnership admin. Give someone else the role first.',
      );
    }
  }

  return {
    issueInvitation,
    invitationView,

    /** The partnership's directory: names, agencies and roles. */
    async listPeople(ctx: ActorContext, q: PageQuery) {
      authorize(peoplePolicy, ctx.actor, 'read', undefined);
      const { items, total } = await repo.list(db, ctx.actor.partnershipId, {
        q: q.q,
        includeInactive: q.includeInactive,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    async getPerson(ctx: ActorContext, personId: string) {
      authorize(peoplePolicy, ctx.actor, 'read', undefined);
      return detail(ctx, personId);
    },

    async updatePerson(
      ctx: ActorContext,
      personId: string,
      input: { name: string; jobTitle: string | null; version: number },
    ) {
      authorize(peoplePolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, people, people.id, personId);
        const before = await repo.find(tx, ctx.actor.partnershipId, personId);
        if (!before) throw notFound(PERSON);
        if (before.version !== input.version)
          throw conflict('Someone else changed this person. Check their changes.', { current: before });
        const [after] = await tx
          .update(people)
          .set({
            name: input.name,
            jobTitle: input.jobTitle || null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(people.id, personId))
          .returning({
            id: people.id,
            name: people.name,
            jobTitle: people.jobTitle,
            version: people.version,
          });
        await writeAudit(tx, ctx, { entity: 'person', entityId: personId, action: 'updated', before, after });
      });
      return detail(ctx, personId);
    },

    /** Gives a person a role (reactivating it if they held it before). */
    async grantRole(ctx: ActorContext, personId: string, input: { role: Role; agencyId?: string | null }) {
      authorize(peoplePolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        if (!(await repo.find(tx, ctx.actor.partnershipId, personId))) throw notFound(PERSON);
        const agencyId = await checkRoleAgency(tx, ctx.actor.partnershipId, input.role, input.agencyId);
        const [existing] = await tx
          .select()
          .from(memberships)
          .where(
            and(
              eq(memberships.partnershipId, ctx.actor.partnershipId),
              eq(memberships.personId, personId),
              eq(memberships.role, input.role),
              agencyId ? eq(memberships.agencyId, agencyId) : isNull(memberships.agencyId),
            ),
          );
        if (existing?.active)
          throw conflict('This person already has that role', {
            fields: { role: 'This person already has that role' },
          });
        const after = existing
          ? (
              await tx
                .update(memberships)
                .set({ active: true, pausedWithPerson: false, updatedAt: clock.now() })
                .where(eq(memberships.id, existing.id))
                .returning()
            )[0]
          : (
              await tx
                .insert(memberships)
                .values({ partnershipId: ctx.actor.partnershipId, personId, role: input.role, agencyId })
                .returning()
            )[0];
        await writeAudit(tx, ctx, {
          entity: 'membership',
          entityId: after.id,
          action: 'granted',
          before: existing ?? null,
          after,
        });
      });
      return detail(ctx, personId);
    },

    /** Takes a role away (the membership is deactivated, not deleted). */
    async removeRole(ctx: ActorContext, personId: string, membershipId: string) {
      authorize(peoplePolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(memberships)
          .where(
            and(
              eq(memberships.id, membershipId),
              eq(memberships.personId, personId),
              eq(memberships.partnershipId, ctx.actor.partnershipId),
            ),
          );
        if (!before) throw notFound('This role');
        if (!before.active) return;
        if (before.role === 'partnership_admin') await guardLastAdmin(tx, ctx, personId);
        const [after] = await tx
          .update(memberships)
          .set({ active: false, pausedWithPerson: false, updatedAt: clock.now() })
          .where(eq(memberships.id, membershipId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'membership',
          entityId: membershipId,
          action: 'removed',
          before,
          after,
        });
      });
      return detail(ctx, personId);
    },

    /** Removes or restores a person's access to this partnership. Their history stays. */
    async setPersonActive(ctx: ActorContext, personId: string, active: boolean) {
      authorize(peoplePolicy, ctx.actor, 'manage', undefined);
      if (!active && personId === ctx.actor.personId) {
        throw new AppError(
          'INVALID_TRANSITION',
          'You cannot remove your own access. Ask another partnership admin.',
        );
      }
      await db.transaction(async (tx) => {
        const before = await repo.find(tx, ctx.actor.partnershipId, personId);
        if (!before) throw notFound(PERSON);
        if (!active) await guardLastAdmin(tx, ctx, personId);
        // Leaving pauses exactly the roles held; returning restores those, never one taken away before.
        await tx
          .update(memberships)
          .set({ active, pausedWithPerson: !active, updatedAt: clock.now() })
          .where(
            and(
              eq(memberships.partnershipId, ctx.actor.partnershipId),
              eq(memberships.personId, personId),
              active ? eq(memberships.pausedWithPerson, true) : eq(memberships.active, true),
            ),
          );
        // Someone who has left the partnership no longer sits on its groups.
        const leftGroups = active ? [] : await repo.removeFromGroups(tx, ctx.actor.partnershipId, personId);
        await writeAudit(tx, ctx, {
          entity: 'person',
          entityId: personId,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active, groups: leftGroups },
          after: { active, groups: [] },
        });
      });
      return detail(ctx, personId);
    },

    async listInvitations(ctx: ActorContext, q: { status?: string; page: number; pageSize: number }) {
      authorize(peoplePolicy, ctx.actor, 'invite', undefined);
      const now = clock.now();
      const statusWhere = {
        pending: and(
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
        accepted: sql`${invitations.acceptedAt} is not null`,
        revoked: sql`${invitations.revokedAt} is not null`,
        expired: and(
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          sql`${invitations.expiresAt} <= ${now}`,
        ),
      }[q.status ?? ''];
      const where = and(eq(invitations.partnershipId, ctx.actor.partnershipId), statusWhere);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ i: invitations, agencyName: agencies.name })
          .from(invitations)
          .leftJoin(agencies, eq(agencies.id, invitations.agencyId))
          .where(where)
          .orderBy(desc(invitations.createdAt), desc(invitations.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(invitations).where(where),
      ]);
      return {
        items: rows.map(({ i, agencyName }) => toInvitationView(i, agencyName, now)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Invites someone by email to a role, with a single-use link that expires after 7 days. */
    async invitePerson(
      ctx: ActorContext,
      input: { email: string; name: string; role: Role; agencyId?: string | null },
    ) {
      authorize(peoplePolicy, ctx.actor, 'invite', undefined);
      const { invitation, mailId } = await db.transaction(async (tx) => {
        const agencyId = await checkRoleAgency(tx, ctx.actor.partnershipId, input.role, input.agencyId);
        return issueInvitation(tx, ctx, {
          ...input,
          agencyId,
          partnershipId: ctx.actor.partnershipId,
          invitedBy: { id: ctx.actor.personId, name: ctx.actor.name, email: ctx.actor.email },
        });
      });
      await mailer.dispatch([mailId]);
      return invitationView(invitation.id);
    },

    async revokeInvitation(ctx: ActorContext, invitationId: string) {
      authorize(peoplePolicy, ctx.actor, 'invite', undefined);
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(invitations)
          .where(
            and(eq(invitations.id, invitationId), eq(invitations.partnershipId, ctx.actor.partnershipId)),
          );
        if (!before) throw notFound('This invitation');
        if (before.acceptedAt)
          throw new AppError(
            'INVALID_TRANSITION',
            'This invitation has already been accepted. Remove the role from the person instead.',
          );
        if (before.revokedAt) return;
        const [after] = await tx
          .update(invitations)
          .set({ revokedAt: clock.now() })
          .where(eq(invitations.id, invitationId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'invitation',
          entityId: invitationId,
          action: 'revoked',
          before,
          after,
        });
      });
      return { ok: true as const };
    },

    /** What an invitation link offers, for the acceptance page. The token is the only credential. */
    async readInvitation(token: string) {
      const [row] = await db
        .select({ i: invitations, partnershipName: partnerships.name, agencyName: agencies.name })
        .from(invitations)
        .innerJoin(partnerships, eq(partnerships.id, invitations.partnershipId))
        .leftJoin(agencies, eq(agencies.id, invitations.agencyId))
        .where(eq(invitations.tokenHash, hashToken(token)));
      if (!row || invitationStatus(row.i, clock.now()) !== 'pending') {
        throw new AppError(
          'NOT_FOUND',
          'This invitation link has expired or has already been used. Ask your partnership admin to send a new one.',
        );
      }
      const existing = await repo.findByEmail(db, row.i.email);
      return {
        invitation: row.i,
        view: {
          partnershipName: row.partnershipName,
          email: row.i.email,
          name: existing?.name ?? row.i.name,
          role: row.i.role as Role,
          agencyName: row.agencyName,
          existingAccount: Boolean(existing?.passwordHash),
        },
      };
    },

    /**
     * Accepts an invitation: creates the account if needed, grants the role, uses up the link, signs the person in.
     * An existing account must be signed in as itself: the link alone is not enough, because the partnership
     * that sent it can read it in its outbox and would otherwise gain a session as someone who works elsewhere.
     */
    async acceptInvitation(
      token: string,
      input: { name?: string; password?: string },
      ctx: RequestContext,
      userAgent: string | null,
      signedInPersonId: string | null = null,
    ) {
      const { invitation, view } = await this.readInvitation(token);
      if (view.existingAccount) {
        const existing = await repo.findByEmail(db, invitation.email);
        if (existing?.id !== signedInPersonId) {
          throw signedInPersonId
            ? new AppError(
                'FORBIDDEN',
                `This invitation is for ${invitation.email}. Sign out, sign in as that person, then open the link again.`,
              )
            : new AppError(
                'UNAUTHENTICATED',
                'You already have an Assure account. Sign in, then open the link again to accept.',
              );
        }
      } else {
        const fields: Record<string, string> = {};
        if (!input.name?.trim()) fields.name = 'Enter your full name';
        if (!input.password) fields.password = 'Enter a password of 12 characters or more';
        if (Object.keys(fields).length) throw invalid(fields);
      }
      const passwordHash = view.existingAccount ? null : await hashPassword(input.password!);
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Claim the link first: a second, concurrent acceptance finds nothing to claim.
        const claimed = await tx
          .update(invitations)
          .set({ acceptedAt: now })
          .where(
            and(
              eq(invitations.id, invitation.id),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              gt(invitations.expiresAt, now),
            ),
          )
          .returning({ id: invitations.id });
        if (claimed.length === 0)
          throw new AppError('NOT_FOUND', 'This invitation link has expired or has already been used.');
        let person = await repo.findByEmail(tx, invitation.email);
        if (person && !person.active)
          throw new AppError('FORBIDDEN', 'This account has been closed. Contact your partnership admin.');
        if (!person) {
          [person] = await tx
            .insert(people)
            .values({ email: invitation.email, name: input.name!.trim(), passwordHash })
            .returning();
          await writeAudit(tx, ctx, {
            entity: 'person',
            entityId: person.id,
            action: 'created_from_invitation',
            partnershipId: invitation.partnershipId,
            personId: person.id,
            personEmail: person.email,
            after: person,
          });
        } else if (!person.passwordHash && passwordHash) {
          await tx
            .update(people)
            .set({ passwordHash, name: input.name?.trim() || person.name })
            .where(eq(people.id, person.id));
        }
        const [existing] = await tx
          .select()
          .from(memberships)
          .where(
            and(
              eq(memberships.partnershipId, invitation.partnershipId),
              eq(memberships.personId, person.id),
              eq(memberships.role, invitation.role),
              invitation.agencyId
                ? eq(memberships.agencyId, invitation.agencyId)
                : isNull(memberships.agencyId),
            ),
          );
        if (existing) {
          await tx
            .update(memberships)
            .set({ active: true, pausedWithPerson: false, updatedAt: now })
            .where(eq(memberships.id, existing.id));
        } else {
          await tx.insert(memberships).values({
            partnershipId: invitation.partnershipId,
            personId: person.id,
            role: invitation.role,
            agencyId: invitation.agencyId,
          });
        }
        await writeAudit(tx, ctx, {
          entity: 'invitation',
          entityId: invitation.id,
          action: 'accepted',
          partnershipId: invitation.partnershipId,
          personId: person.id,
          personEmail: person.email,
          after: { role: invitation.role, agencyId: invitation.agencyId },
        });
        const sessionToken = await deps.auth.createSession(tx, person.id, ctx, userAgent);
        await tx.execute(
          sql`update sessions set current_partnership_id = ${invitation.partnershipId} where id_hash = ${hashToken(sessionToken)}`,
        );
        return sessionToken;
      });
    },
  };
}
