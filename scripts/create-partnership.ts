// `npm run create-partnership -- --name "X Safeguarding Partnership" --covers both \
//    --admin-email admin@x.gov.uk --admin-name "Full Name"`
// Creates the first partnership and its first admin on a database where nothing is seeded, and
// prints a single-use link for the admin to set their password.

import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { COVERS_LABELS, PARTNERSHIP_COVERS } from '../contracts/org.js';
import { partnerships } from '../server/modules/partnerships/partnerships.tables.js';
import { memberships, passwordResets, people } from '../server/modules/people/people.tables.js';
import { writeAudit } from '../server/platform/audit.js';
import { loadConfig } from '../server/platform/config.js';
import { migrateDatabase, openDatabase } from '../server/platform/db.js';
import { hashToken, newToken } from '../server/platform/tokens.js';

const RESET_LINK_DAYS = 7;

const USAGE = `Creates a partnership and its first partnership admin, and prints a link for the admin to set
their password.

Usage:
  npm run create-partnership -- --name "<partnership name>" --covers <children|adults|both> \\
    --admin-email <email> --admin-name "<full name>"

Options:
  --name          the partnership's name, e.g. "Northshire Safeguarding Partnership"
  --covers        children, adults or both
  --admin-email   the first admin's email address (an existing person with this email is reused)
  --admin-name    the first admin's full name
  --service-admin also make that person a service admin, who can create and deactivate
                  partnerships in the app (Service admin → Partnerships)
  --help          show this help

The database is the one the server uses: DATABASE_URL if set, otherwise the embedded database
under DATA_DIR (default ./data). Links start with PUBLIC_URL (default http://localhost:PORT).`;

class UsageError extends Error {}

type Input = {
  name: string;
  covers: (typeof PARTNERSHIP_COVERS)[number];
  adminEmail: string;
  adminName: string;
  serviceAdmin: boolean;
};

function parseInput(argv: string[]): Input | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: 'string' },
        covers: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        'service-admin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';

  const problems: string[] = [];
  const text = (flag: string, what: string) => {
    const v = typeof values[flag] === 'string' ? (values[flag] as string).trim() : '';
    if (!v) problems.push(`--${flag} is missing: give ${what}`);
    else if (v.length > 200) problems.push(`--${flag} must be 200 characters or fewer`);
    return v;
  };
  const name = text('name', 'the partnership name, e.g. --name "Northshire Safeguarding Partnership"');
  const coversRaw = text('covers', 'children, adults or both');
  const adminEmail = text('admin-email', "the first admin's email address").toLowerCase();
  const adminName = text('admin-name', 'the first admin\'s full name, e.g. --admin-name "Sam Taylor"');

  const covers = PARTNERSHIP_COVERS.find((c) => c === coversRaw.toLowerCase());
  if (coversRaw && !covers) problems.push(`--covers must be children, adults or both (not "${coversRaw}")`);
  if (adminEmail && !z.email().safeParse(adminEmail).success) {
    problems.push(
      `--admin-email "${adminEmail}" is not an email address in the correct format, like name@example.org`,
    );
  }
  if (problems.length > 0 || !covers) throw new UsageError(problems.join('\n'));
  return { name, covers, adminEmail, adminName, serviceAdmin: values['service-admin'] === true };
}

async function main() {
  let input: Input | 'help';
  try {
    input = parseInput(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\nRun with --help for usage.`);
    process.exit(1);
  }
  if (input === 'help') {
    console.log(USAGE);
    return;
  }

  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const { name, covers, adminEmail, adminName, serviceAdmin } = input;
    const token = newToken();
    const ctx = { requestId: 'cli:create-partnership', ip: null };

    const outcome = await database.db.transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(eq(sql`lower(${partnerships.name})`, name.toLowerCase()));
      if (clash) return { error: `--name: a partnership called "${name}" already exists.` } as const;

      const [existing] = await tx
        .select()
        .from(people)
        .where(eq(sql`lower(${people.email})`, adminEmail));
      if (existing && !existing.active) {
        return {
          error: `--admin-email: ${adminEmail} belongs to a deactivated account (${existing.name}). Reactivate it first, or use another address.`,
        } as const;
      }

      const [partnership] = await tx.insert(partnerships).values({ name, covers }).returning();
      let person = existing;
      if (!person) {
        [person] = await tx
          .insert(people)
          .values({ email: adminEmail, name: adminName, isServiceAdmin: serviceAdmin })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'person',
          entityId: person.id,
          action: 'created',
          partnershipId: partnership.id,
          personId: null,
          personEmail: null,
          after: person,
        });
      } else if (serviceAdmin && !person.isServiceAdmin) {
        const before = person;
        [person] = await tx
          .update(people)
          .set({ isServiceAdmin: true })
          .where(eq(people.id, before.id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'person',
          entityId: person.id,
          action: 'made_service_admin',
          partnershipId: partnership.id,
          personId: null,
          personEmail: null,
          before: { isServiceAdmin: false },
          after: { isServiceAdmin: true },
        });
      }
      const [membership] = await tx
        .insert(memberships)
        .values({ partnershipId: partnership.id, personId: person.id, role: 'partnership_admin' })
        .returning();
      await writeAudit(tx, ctx, {
        entity: 'partnership',
        entityId: partnership.id,
        action: 'created',
        partnershipId: partnership.id,
        personId: null,
        personEmail: null,
        after: {
          ...partnership,
          firstAdmin: { personId: person.id, email: person.email, membershipId: membership.id },
        },
      });
      await tx.insert(passwordResets).values({
        tokenHash: hashToken(token),
        personId: person.id,
        expiresAt: new Date(Date.now() + RESET_LINK_DAYS * 24 * 3_600_000),
      });
      await writeAudit(tx, ctx, {
        entity: 'person',
        entityId: person.id,
        action: 'password_reset_issued',
        partnershipId: partnership.id,
        personId: null,
        personEmail: null,
        after: { email: person.email, by: 'create-partnership command', validDays: RESET_LINK_DAYS },
      });
      return { partnership, person, reused: Boolean(existing), hadPassword: Boolean(existing?.passwordHash) };
    });

    if ('error' in outcome) {
      console.error(outcome.error);
      process.exitCode = 1;
      return;
    }
    const { partnership, person, reused, hadPassword } = outcome;
    console.log(`Created "${partnership.name}" (covers ${COVERS_LABELS[covers].toLowerCase()}).`);
    console.log(
      reused
        ? `${person.name} <${person.email}> already had an account and is now its partnership admin.`
        : `Created ${person.name} <${person.email}> as its partnership admin.`,
    );
    console.log(
      `\nGive this link to ${person.name} so they can set their password (single use, valid for ${RESET_LINK_DAYS} days):\n\n  ${config.publicUrl}/reset-password/${token}\n`,
    );
    if (hadPassword) console.log('They can also sign in with the password they already have.');
    if (reused && person.name !== input.adminName) {
      console.log(`Their existing name "${person.name}" was kept; --admin-name was not used.`);
    }
    console.log('Send it privately: anyone with the link can set the password for this account.');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    `Could not create the partnership: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
