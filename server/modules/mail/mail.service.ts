import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import type { Jobs } from '../../platform/jobs.js';
import { outbox } from './mail.tables.js';

export type MailMessage = { to: string; subject: string; text: string; partnershipId?: string | null };

export const DELIVER_EMAIL_JOB = 'email-deliver';
/** Attempts before a message is marked dead and shown to admins. */
export const MAX_EMAIL_ATTEMPTS = 5;

export type Mailer = ReturnType<typeof createMailer>;

/**
 * Email goes through the outbox table. With SMTP configured, a job delivers each message with retries
 * and marks it dead after the last failure; without SMTP, the outbox is where admins read it.
 */
export function createMailer(deps: {
  db: Db;
  jobs: Jobs | null;
  smtpUrl?: string;
  from: string;
  clock: Clock;
  /** Seconds before the first retry of a failed delivery (then doubling, with jitter). */
  retryDelaySeconds?: number;
  /** Where emails that belong to no partnership go when there is no SMTP (see dispatch). */
  log?: (message: string) => void;
}) {
  const retryDelay = deps.retryDelaySeconds ?? 30;
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;

  return {
    smtpConfigured: Boolean(transport),

    /** Records a message inside the caller's transaction; returns its id for `dispatch` after commit. */
    async enqueue(exec: Executor, msg: MailMessage): Promise<string> {
      const [row] = await exec
        .insert(outbox)
        .values({
          partnershipId: msg.partnershipId ?? null,
          toAddress: msg.to,
          subject: msg.subject,
          textBody: msg.text,
          status: transport ? 'queued' : 'outbox',
        })
        .returning({ id: outbox.id });
      return row.id;
    },

    /** Hands committed messages to the job queue. Without SMTP there is nothing to deliver. */
    async dispatch(ids: string[]): Promise<void> {
      if (!transport) {
        // Without SMTP an admin reads a partnership's emails in its outbox. An email that belongs to no
        // partnership (a password reset) must not be shown to any partnership's admins, so it goes to the
        // server's log for whoever runs Assure. Configure SMTP_URL for real use.
        if (!deps.log || ids.length === 0) return;
        const rows = await deps.db
          .select()
          .from(outbox)
          .where(and(inArray(outbox.id, ids), isNull(outbox.partnershipId)));
        for (const m of rows) {
          deps.log(
            `Email not sent (SMTP_URL is not set). To: ${m.toAddress}\nSubject: ${m.subject}\n\n${m.textBody}`,
          );
        }
        return;
      }
      if (!deps.jobs) return;
      for (const id of ids) {
        await deps.jobs.send(
          DELIVER_EMAIL_JOB,
          { outboxId: id },
          // pg-boss turns a backoff from 0 seconds into 1, so a zero delay (tests) means no backoff.
          { retryLimit: MAX_EMAIL_ATTEMPTS - 1, retryDelay, retryBackoff: retryDelay > 0 },
        );
      }
    },

    /** Delivers one message over SMTP. Throws on failure so the queue retries; the last failure marks it dead. */
    async deliver(outboxId: string): Promise<'sent' | 'skipped'> {
      if (!transport) return 'skipped';
      const [msg] = await deps.db.select().from(outbox).where(eq(outbox.id, outboxId));
      if (!msg || msg.status === 'sent') return 'skipped';
      try {
        await transport.sendMail({
          from: deps.from,
          to: msg.toAddress,
          subject: msg.subject,
          text: msg.textBody,
        });
        await deps.db
          .update(outbox)
          .set({
            status: 'sent',
            sentAt: deps.clock.now(),
            attempts: sql`${outbox.attempts} + 1`,
            lastError: null,
          })
          .where(eq(outbox.id, outboxId));
        return 'sent';
      } catch (e) {
        const attempts = msg.attempts + 1;
        await deps.db
          .update(outbox)
          .set({
            status: attempts >= MAX_EMAIL_ATTEMPTS ? 'dead' : 'failed',
            attempts,
            lastError: e instanceof Error ? e.message.slice(0, 500) : String(e),
          })
          .where(eq(outbox.id, outboxId));
        throw e;
      }
    },

    /** Puts a dead or failed message back on the queue (an admin's "try again"). */
    async retry(exec: Executor, partnershipId: string, outboxId: string): Promise<boolean> {
      const rows = await exec
        .update(outbox)
        .set({ status: 'queued', attempts: 0 })
        .where(
          and(
            eq(outbox.id, outboxId),
            eq(outbox.partnershipId, partnershipId),
            inArray(outbox.status, ['dead', 'failed']),
          ),
        )
        .returning({ id: outbox.id });
      return rows.length > 0;
    },

    async list(
      exec: Executor,
      partnershipId: string,
      opts: { status?: string; limit: number; offset: number },
    ) {
      const where = opts.status
        ? and(eq(outbox.partnershipId, partnershipId), eq(outbox.status, opts.status))
        : eq(outbox.partnershipId, partnershipId);
      const [rows, [{ total }]] = await Promise.all([
        exec
          .select()
          .from(outbox)
          .where(where)
          .orderBy(desc(outbox.createdAt), desc(outbox.id))
          .limit(opts.limit)
          .offset(opts.offset),
        exec.select({ total: sql<number>`count(*)::int` }).from(outbox).where(where),
      ]);
      return { rows, total };
    },
  };
}
