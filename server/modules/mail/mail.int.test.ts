import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock.js';
import { JOBS_SCHEMA } from '../../platform/jobs-pgboss.js';
import { buildPerson, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { createMailer, DELIVER_EMAIL_JOB, MAX_EMAIL_ATTEMPTS } from './mail.service.js';
import { outbox } from './mail.tables.js';

/** Polls `check` every 100ms until it is truthy; fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Received = { to: string[]; raw: string };

/** A real SMTP server on a free local port: keeps every message, or refuses every recipient. */
async function startSmtpServer(opts: { rejectAll?: boolean } = {}) {
  const messages: Received[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!opts.rejectAll) return callback();
      refused++;
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a quoted-printable body, with soft line breaks joined. */
const decodeQuotedPrintable = (s: string) =>
  s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const outboxRowFor = async (t: TestApp, email: string) => {
  const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, email));
  return row;
};

const requestReset = (t: TestApp, email: string) =>
  t.anonymous().post('/api/v1/auth/password-reset', { email });

describe('email over SMTP through the job queue', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ withJobs: true, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('delivers a password reset link, marks the outbox row sent, and the link works', async () => {
    const person = await buildPerson(t.db);
    expect((await requestReset(t, person.email)).statusCode).toBe(202);

    const msg = await waitFor('the email to arrive', () =>
      smtp.messages.find((m) => m.to.includes(person.email)),
    );
    const body = decodeQuotedPrintable(msg.raw);
    expect(body).toMatch(/^Subject: Reset your Assure password/m);
    const link = body.match(/http:\/\/assure\.test\/reset-password\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();

    const row = await waitFor('the outbox row to be sent', async () => {
      const r = await outboxRowFor(t, person.email);
      return r?.status === 'sent' ? r : null;
    });
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);

    const newPassword = `${TEST_PASSWORD} again`;
    const done = await t
      .anonymous()
      .post('/api/v1/auth/password-reset/complete', { token: link![1], password: newPassword });
    expect(done.statusCode).toBe(200);
    await expect(t.signIn(person.email, newPassword)).resolves.toBeTruthy();
  });
});

describe('email to a server that refuses every message', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectAll: true });
    t = await createTestApp({ withJobs: true, smtpUrl: smtp.url, emailRetryDelaySeconds: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it(`is retried ${MAX_EMAIL_ATTEMPTS} times in all, then marked dead with the last error`, async () => {
    const person = await buildPerson(t.db);
    expect((await requestReset(t, person.email)).statusCode).toBe(202);

    const row = await waitFor('the outbox row to be dead', async () => {
      const r = await outboxRowFor(t, person.email);
      return r?.status === 'dead' ? r : null;
    });
    expect(row.attempts).toBe(MAX_EMAIL_ATTEMPTS);
    expect(row.lastError).toMatch(/Mailbox unavailable|recipients were rejected/);
    expect(row.sentAt).toBeNull();
    expect(smtp.refused()).toBe(MAX_EMAIL_ATTEMPTS);
    expect(smtp.messages).toEqual([]);

    // The queue has given up too: the delivery job is failed, not waiting for another retry.
    const { rows } = await t.database.raw.query<{ state: string }>(
      `SELECT state FROM ${JOBS_SCHEMA}.job WHERE name = $1`,
      [DELIVER_EMAIL_JOB],
    );
    expect(rows).toEqual([{ state: 'failed' }]);
  });
});

describe('email without SMTP configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ withJobs: true });
  });
  afterAll(() => t?.close());

  it('stays in the outbox for admins to read, and no delivery job is queued', async () => {
    const person = await buildPerson(t.db);
    expect((await requestReset(t, person.email)).statusCode).toBe(202);

    const row = await outboxRowFor(t, person.email);
    expect(row).toMatchObject({ status: 'outbox', attempts: 0, sentAt: null });
    expect(row.textBody).toMatch(/http:\/\/assure\.test\/reset-password\/[A-Za-z0-9_-]+/);
    // dispatch() ran before the response and queued nothing, so nothing will ever deliver it.
    const { rows } = await t.database.raw.query(`SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1`, [
      DELIVER_EMAIL_JOB,
    ]);
    expect(rows).toEqual([]);
  });
});

describe('without SMTP, an email that belongs to no partnership', () => {
  it('goes to the server log, and a partnership’s email does not', async () => {
    const database = await createTestDatabase();
    try {
      const logged: string[] = [];
      const mailer = createMailer({
        db: database.db,
        jobs: null,
        from: 'x@example.org',
        clock: systemClock,
        log: (m) => logged.push(m),
      });
      const [partnership] = await database.db
        .insert(partnerships)
        .values({ name: 'Log test', covers: 'both' })
        .returning();
      const reset = await mailer.enqueue(database.db, {
        to: 'someone@example.org',
        subject: 'Reset your Assure password',
        text: 'link: /reset-password/abc',
      });
      const invite = await mailer.enqueue(database.db, {
        to: 'other@example.org',
        subject: 'Invitation',
        text: 'link: /invitation/def',
        partnershipId: partnership.id,
      });
      await mailer.dispatch([reset, invite]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('To: someone@example.org');
      expect(logged[0]).toContain('/reset-password/abc');
    } finally {
      await database.drop();
    }
  });
});
