import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AgencyType, Role } from '../../contracts/org.js';
import { agencies, partnershipAgencies } from '../modules/agencies/agencies.tables.js';
import { partnerships } from '../modules/partnerships/partnerships.tables.js';
import { memberships, people } from '../modules/people/people.tables.js';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/tokens.js';

// Factories, not shared fixtures: each creates what it needs, so tests run in any order.

export const TEST_PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | null = null;
const testPasswordHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
};
const uniq = () => randomBytes(4).toString('hex');

export async function buildPartnership(db: Db, over: Partial<{ name: string; covers: string }> = {}) {
  const [row] = await db
    .insert(partnerships)
    .values({ name: over.name ?? `Test Partnership ${uniq()}`, covers: over.covers ?? 'both' })
    .returning();
  return row;
}

export async function buildAgency(
  db: Db,
  over: { partnershipId?: string; name?: string; type?: AgencyType } = {},
) {
  const partnershipId = over.partnershipId ?? (await buildPartnership(db)).id;
  const [row] = await db
    .insert(agencies)
    .values({ name: over.name ?? `Test Agency ${uniq()}`, type: over.type ?? 'police' })
    .returning();
  await db.insert(partnershipAgencies).values({ partnershipId, agencyId: row.id });
  return { ...row, partnershipId };
}

export async function buildPerson(
  db: Db,
  over: Partial<{ email: string; name: string; active: boolean }> = {},
) {
  const [row] = await db
    .insert(people)
    .values({
      email: over.email ?? `person-${uniq()}@example.org`,
      name: over.name ?? `Test Person ${uniq()}`,
      passwordHash: await testPasswordHash(),
      active: over.active ?? true,
    })
    .returning();
  return row;
}

/** A person holding one role in a partnership (agency-scoped roles get an agency if none is given). */
export async function buildMember(
  db: Db,
  opts: { partnershipId: string; role: Role; agencyId?: string | null; personId?: string },
) {
  const person = opts.personId ? { id: opts.personId } : await buildPerson(db);
  let agencyId = opts.agencyId ?? null;
  if (!agencyId && ['agency_lead', 'auditor_practitioner', 'education_provider_lead'].includes(opts.role)) {
    agencyId = (await buildAgency(db, { partnershipId: opts.partnershipId })).id;
  }
  await db
    .insert(memberships)
    .values({ partnershipId: opts.partnershipId, personId: person.id, role: opts.role, agencyId });
  const [full] = await db.select().from(people).where(eqId(person.id));
  return { ...full, agencyId };
}

const eqId = (id: string) => eq(people.id, id);
