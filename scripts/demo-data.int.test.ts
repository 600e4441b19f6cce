import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_SCOPED_ROLES, AGENCY_TYPES, GROUP_KINDS, ROLES } from '../contracts/org.js';
import { agencies, agencySections, partnershipAgencies } from '../server/modules/agencies/agencies.tables.js';
import { auditLog } from '../server/modules/audit-log/audit-log.tables.js';
import { governanceGroupMembers, governanceGroups } from '../server/modules/governance/governance.tables.js';
import { partnerships } from '../server/modules/partnerships/partnerships.tables.js';
import { memberships, people } from '../server/modules/people/people.tables.js';
import { priorities } from '../server/modules/priorities/priorities.tables.js';
import { verifyPassword } from '../server/platform/tokens.js';
import { createTestDatabase } from '../server/testing/test-db.js';
import { DEMO_DUAL_MEMBER_EMAIL, DEMO_PASSWORD, DEMO_SIGN_INS, seedDemoIfEmpty } from './demo-data.js';

const NORTHSHIRE = 'Northshire Safeguarding Partnership';
const SOUTHVALE = 'Southvale Safeguarding Children Partnership';

/**
 * Personal names found in the source documents (../shared/seeds): their authors and a cited
 * reviewer. Demo data must never use them, in full or in part.
 */
const SEED_DOCUMENT_NAMES = ['Howard Woldsmith', 'Cara Donald', 'Paul Nicholls', 'Tracy Murphy', 'Munro'];

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let seededFirst: boolean;
let ids: { northshire: string; southvale: string };

beforeAll(async () => {
  t = await createTestDatabase();
  seededFirst = await seedDemoIfEmpty(t.db);
  const rows = await t.db.select().from(partnerships);
  ids = {
    northshire: rows.find((r) => r.name === NORTHSHIRE)!.id,
    southvale: rows.find((r) => r.name === SOUTHVALE)!.id,
  };
});
afterAll(() => t.drop());

async function tableCounts() {
  const tables = {
    partnerships,
    agencies,
    partnershipAgencies,
    agencySections,
    people,
    memberships,
    priorities,
    governanceGroups,
    governanceGroupMembers,
    auditLog,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await t.db.select({ n: count() }).from(table);
    out[name] = Number(row.n);
  }
  return out;
}

describe('demo data', () => {
  it('seeds a fresh database with both partnerships', async () => {
    expect(seededFirst).toBe(true);
    const rows = await t.db.select().from(partnerships);
    expect(rows.map((r) => [r.name, r.covers]).sort()).toEqual([
      [NORTHSHIRE, 'both'],
      [SOUTHVALE, 'children'],
    ]);
  });

  it('gives Northshire agencies of real types and the council its four owned sections', async () => {
    const rows = await t.db
      .select({ name: agencies.name, type: agencies.type })
      .from(partnershipAgencies)
      .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
      .where(eq(partnershipAgencies.partnershipId, ids.northshire));
    expect(rows.length).toBeGreaterThanOrEqual(13);
    for (const r of rows) expect(AGENCY_TYPES).toContain(r.type);

    const sections = await t.db
      .select({ name: agencySections.name, owner: agencySections.ownerPersonId })
      .from(agencySections)
      .innerJoin(agencies, eq(agencies.id, agencySections.agencyId))
      .where(eq(agencies.name, 'Northshire County Council'));
    expect(sections.map((s) => s.name).sort()).toEqual([
      'Adult Social Care',
      "Children's Services",
      'Education and Learning',
      'Public Health',
    ]);
    for (const s of sections) expect(s.owner).not.toBeNull();
  });

  it('has someone in every role in Northshire', async () => {
    const rows = await t.db
      .selectDistinct({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.partnershipId, ids.northshire));
    expect(rows.map((r) => r.role).sort()).toEqual([...ROLES].sort());
  });

  it('names, for every agency-scoped role, an agency linked to that partnership', async () => {
    const rows = await t.db
      .select({
        role: memberships.role,
        agencyId: memberships.agencyId,
        linked: partnershipAgencies.agencyId,
      })
      .from(memberships)
      .leftJoin(
        partnershipAgencies,
        and(
          eq(partnershipAgencies.partnershipId, memberships.partnershipId),
          eq(partnershipAgencies.agencyId, memberships.agencyId),
        ),
      );
    const scoped = rows.filter((r) => AGENCY_SCOPED_ROLES.includes(r.role as (typeof ROLES)[number]));
    expect(scoped.length).toBeGreaterThan(0);
    for (const r of scoped) {
      expect(r.agencyId).not.toBeNull();
      expect(r.linked).toBe(r.agencyId);
    }
    for (const r of rows) expect(ROLES).toContain(r.role);
  });

  it('shares the same police and ICB rows between both partnerships', async () => {
    const rows = await t.db
      .select({ name: agencies.name, partnershipId: partnershipAgencies.partnershipId })
      .from(partnershipAgencies)
      .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
      .where(inArray(agencies.name, ['Northshire Police', 'Northshire Integrated Care Board']));
    expect(rows).toHaveLength(4);
    for (const name of ['Northshire Police', 'Northshire Integrated Care Board']) {
      expect(
        rows
          .filter((r) => r.name === name)
          .map((r) => r.partnershipId)
          .sort(),
      ).toEqual([ids.northshire, ids.southvale].sort());
    }
    const [{ n }] = await t.db
      .select({ n: count() })
      .from(agencies)
      .where(inArray(agencies.name, ['Northshire Police', 'Northshire Integrated Care Board']));
    expect(Number(n)).toBe(2);
  });

  it('has a person in both partnerships, and Southvale has its own admin', async () => {
    const rows = await t.db
      .selectDistinct({ partnershipId: memberships.partnershipId })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(people.email, DEMO_DUAL_MEMBER_EMAIL));
    expect(rows.map((r) => r.partnershipId).sort()).toEqual([ids.northshire, ids.southvale].sort());

    const admins = await t.db
      .select({ email: people.email })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.partnershipId, ids.southvale), eq(memberships.role, 'partnership_admin')));
    expect(admins.length).toBeGreaterThan(0);
    for (const a of admins) expect(a.email).toMatch(/@southvale\.example$/);
  });

  it('seeds four Northshire priorities, two for Southvale, and the governance groups', async () => {
    const pr = await t.db.select().from(priorities);
    expect(
      pr
        .filter((p) => p.partnershipId === ids.northshire)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Adult self-neglect', 'All-age exploitation', "Children's levels of need", 'Neglect']);
    expect(pr.filter((p) => p.partnershipId === ids.southvale)).toHaveLength(2);
    for (const p of pr) expect(p.description).toBeTruthy();

    const groups = await t.db
      .select()
      .from(governanceGroups)
      .where(eq(governanceGroups.partnershipId, ids.northshire));
    expect(groups.map((g) => g.kind).sort()).toEqual([...GROUP_KINDS].sort());
    const chairs = await t.db
      .select({ groupId: governanceGroupMembers.groupId })
      .from(governanceGroupMembers)
      .where(eq(governanceGroupMembers.memberRole, 'chair'));
    const all = await t.db.select().from(governanceGroups);
    for (const g of all) expect(chairs.filter((c) => c.groupId === g.id)).toHaveLength(1);
  });

  it('draws every group member from people in that partnership', async () => {
    const rows = await t.db
      .select({ partnershipId: governanceGroups.partnershipId, personId: governanceGroupMembers.personId })
      .from(governanceGroupMembers)
      .innerJoin(governanceGroups, eq(governanceGroups.id, governanceGroupMembers.groupId));
    const held = new Set(
      (await t.db.select().from(memberships)).map((m) => `${m.partnershipId}:${m.personId}`),
    );
    for (const r of rows) expect(held.has(`${r.partnershipId}:${r.personId}`)).toBe(true);
  });

  it('records one seeded_demo audit row per partnership, with no person', async () => {
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'seeded_demo'));
    expect(rows.map((r) => r.partnershipId).sort()).toEqual([ids.northshire, ids.southvale].sort());
    for (const r of rows) {
      expect(r.entity).toBe('partnership');
      expect(r.entityId).toBe(r.partnershipId);
      expect(r.personId).toBeNull();
    }
  });

  it('has every listed demo sign-in, with the demo password', async () => {
    const emails = DEMO_SIGN_INS.map((s) => s.email);
    const rows = await t.db
      .select()
      .from(people)
      .where(inArray(sql`lower(${people.email})`, emails));
    expect(rows.map((r) => r.email).sort()).toEqual([...emails].sort());
    for (const r of rows) {
      expect(r.active).toBe(true);
      expect(r.email).toMatch(/\.example$/);
    }
    // Hashed once and reused: every demo person has the same hash.
    const hashes = new Set((await t.db.select({ h: people.passwordHash }).from(people)).map((r) => r.h));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0].passwordHash!)).toBe(true);
  });

  it('does nothing the second time', async () => {
    const before = await tableCounts();
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('demo names', () => {
  it('uses no personal name from the source documents', async () => {
    const deny = SEED_DOCUMENT_NAMES.flatMap((n) => n.toLowerCase().split(/\s+/));
    const names = [
      ...(await t.db.select({ n: people.name }).from(people)).map((r) => r.n),
      ...(await t.db.select({ n: people.email }).from(people)).map((r) => r.n),
      ...(await t.db.select({ n: agencies.name }).from(agencies)).map((r) => r.n),
      ...(await t.db.select({ n: governanceGroups.name }).from(governanceGroups)).map((r) => r.n),
    ];
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const words = name.toLowerCase().split(/[^a-z]+/);
      for (const d of deny) expect(words, `${name} uses "${d}"`).not.toContain(d);
    }
  });
});
