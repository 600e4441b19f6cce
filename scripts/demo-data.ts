// Demo data: two fictional partnerships that share a police force and an ICB, with people in every
// role, so the product can be tried at once. Every name here is invented; none comes from the
// source documents (see scripts/demo-data.int.test.ts for the check).

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  AgencyType,
  GROUP_KINDS,
  GROUP_MEMBER_ROLES,
  PARTNERSHIP_COVERS,
  Role,
} from '../contracts/org.js';
import { agencies, agencySections, partnershipAgencies } from '../server/modules/agencies/agencies.tables.js';
import { seedStarterTemplate } from '../server/modules/audit-tools/audit-tools.library.js';
import { seedDemoCaseReviewsChildren } from '../server/modules/case-reviews/case-reviews.demo.js';
import { seedDemoCaseReviewsAdultsAndReviews } from '../server/modules/case-reviews/reviews.demo.js';
import { governanceGroupMembers, governanceGroups } from '../server/modules/governance/governance.tables.js';
import { seedDemoReminderPolicy } from '../server/modules/notifications/notifications.demo.js';
import { partnerships } from '../server/modules/partnerships/partnerships.tables.js';
import { memberships, people } from '../server/modules/people/people.tables.js';
import { priorities } from '../server/modules/priorities/priorities.tables.js';
import { seedDemoProgramme } from '../server/modules/programme/programme.demo.js';
import { seedDemoActions } from '../server/modules/recommendations/actions.demo.js';
import { seedDemoRecommendations } from '../server/modules/recommendations/recommendations.demo.js';
import { seedDemoScrutiny } from '../server/modules/recommendations/scrutiny.demo.js';
import { seedDemoForms } from '../server/modules/responses/responses.demo.js';
import { writeAudit } from '../server/platform/audit.js';
import type { Db, Tx } from '../server/platform/db.js';
import { hashPassword } from '../server/platform/tokens.js';

/** Every demo account signs in with this password. Demo data only: never seed it into real use. */
export const DEMO_PASSWORD = 'assure-demo-2025';

type PartnershipKey = 'northshire' | 'southvale';
type Covers = (typeof PARTNERSHIP_COVERS)[number];
type GroupKind = (typeof GROUP_KINDS)[number];
type GroupMemberRole = (typeof GROUP_MEMBER_ROLES)[number];

const PARTNERSHIPS: Record<PartnershipKey, { name: string; covers: Covers }> = {
  northshire: { name: 'Northshire Safeguarding Partnership', covers: 'both' },
  southvale: { name: 'Southvale Safeguarding Children Partnership', covers: 'children' },
};

type AgencySeed = { name: string; type: AgencyType; partnerships: PartnershipKey[] };

const AGENCIES = {
  council: {
    name: 'Northshire County Council',
    type: 'la_childrens_services',
    partnerships: ['northshire'],
  },
  police: { name: 'Northshire Police', type: 'police', partnerships: ['northshire', 'southvale'] },
  icb: {
    name: 'Northshire Integrated Care Board',
    type: 'icb',
    partnerships: ['northshire', 'southvale'],
  },
  hospitals: {
    name: 'Northshire Hospitals NHS Foundation Trust',
    type: 'nhs_trust',
    partnerships: ['northshire'],
  },
  communityTrust: {
    name: 'Northshire Community and Mental Health NHS Trust',
    type: 'nhs_trust',
    partnerships: ['northshire'],
  },
  gpFederation: { name: 'Northshire GP Federation', type: 'gp_primary_care', partnerships: ['northshire'] },
  probation: {
    name: 'Probation Service – Northshire region',
    type: 'probation',
    partnerships: ['northshire'],
  },
  youthJustice: {
    name: 'Northshire Youth Justice Service',
    type: 'youth_justice',
    partnerships: ['northshire'],
  },
  riverside: { name: 'Riverside Primary School', type: 'education_setting', partnerships: ['northshire'] },
  college: { name: 'Northshire College', type: 'education_setting', partnerships: ['northshire'] },
  homes: { name: 'Northshire Homes', type: 'housing', partnerships: ['northshire'] },
  womensAid: { name: "Northshire Women's Aid", type: 'voluntary_sector', partnerships: ['northshire'] },
  youngMinds: {
    name: 'Young Minds Matter Northshire',
    type: 'voluntary_sector',
    partnerships: ['northshire'],
  },
  southvaleCouncil: {
    name: 'Southvale Borough Council',
    type: 'la_childrens_services',
    partnerships: ['southvale'],
  },
  oakfield: { name: 'Oakfield Academy', type: 'education_setting', partnerships: ['southvale'] },
  southvaleHealth: {
    name: 'Southvale Community Health NHS Trust',
    type: 'nhs_trust',
    partnerships: ['southvale'],
  },
} satisfies Record<string, AgencySeed>;
type AgencyKey = keyof typeof AGENCIES;

type PersonSeed = { name: string; email: string; jobTitle: string; isServiceAdmin?: boolean };

const PEOPLE = {
  // Runs the installation (creates and deactivates partnerships); holds no role in any partnership.
  nadia: {
    name: 'Nadia Kowalski',
    email: 'service.admin@assure.example',
    jobTitle: 'Assure service manager',
    isServiceAdmin: true,
  },
  priya: {
    name: 'Priya Shah',
    email: 'admin@northshire.example',
    jobTitle: 'Partnership Business Manager',
  },
  owen: {
    name: 'Owen Pritchard',
    email: 'quality.officer@northshire.example',
    jobTitle: 'Partnership Quality Assurance Officer',
  },
  grace: {
    name: 'Grace Adeyemi',
    email: 'qa.member@northshire.example',
    jobTitle: 'Designated Nurse for Safeguarding Children',
  },
  daniel: {
    name: 'Daniel Whitfield',
    email: 'case.review@northshire.example',
    jobTitle: 'Head of Safeguarding and Review',
  },
  tom: {
    name: 'Tom Okafor',
    email: 'police.lead@northshire.example',
    jobTitle: 'Detective Chief Inspector, Public Protection',
  },
  declan: {
    name: 'Declan Byrne',
    email: 'police.auditor@northshire.example',
    jobTitle: 'Detective Sergeant, Safeguarding Hub',
  },
  rebecca: {
    name: 'Rebecca Thornton',
    email: 'council.lead@northshire.example',
    jobTitle: 'Assistant Director, Quality and Safeguarding',
  },
  aisha: {
    name: 'Aisha Rahman',
    email: 'practitioner@northshire.example',
    jobTitle: 'Senior Social Worker',
  },
  imran: {
    name: 'Imran Siddiqui',
    email: 'icb.lead@northshire.example',
    jobTitle: 'Head of Safeguarding, Integrated Care Board',
  },
  chloe: {
    name: 'Chloe Brennan',
    email: 'hospital.lead@northshire.example',
    jobTitle: 'Named Nurse for Safeguarding',
  },
  hannah: {
    name: 'Hannah Kowalczyk',
    email: 'mentalhealth.lead@northshire.example',
    jobTitle: 'Safeguarding and Workforce Development Lead',
  },
  kwabena: {
    name: 'Kwabena Asare',
    email: 'probation.lead@northshire.example',
    jobTitle: 'Senior Probation Officer',
  },
  ewa: {
    name: 'Ewa Nowicka',
    email: 'womensaid.lead@northshire.example',
    jobTitle: 'Services Manager',
  },
  joanne: {
    name: 'Joanne Fairweather',
    email: 'dsl.riverside@northshire.example',
    jobTitle: 'Headteacher and Designated Safeguarding Lead',
  },
  sophie: {
    name: 'Sophie Lindqvist',
    email: 'dsl.college@northshire.example',
    jobTitle: 'Designated Safeguarding Lead',
  },
  martin: {
    name: 'Martin Osei',
    email: 'scrutineer@northshire.example',
    jobTitle: 'Independent Chair and Scrutineer',
  },
  catherine: {
    name: 'Catherine Doyle',
    email: 'sponsor@northshire.example',
    jobTitle: 'Chief Nursing Officer, Integrated Care Board',
  },
  gareth: {
    name: 'Gareth Lloyd-Evans',
    email: 'board@northshire.example',
    jobTitle: 'Chief Executive, Northshire County Council',
  },
  ruth: {
    name: 'Ruth Ellison',
    email: 'police.exec@northshire.example',
    jobTitle: 'Assistant Chief Constable',
  },
  fiona: {
    name: 'Fiona Mackay',
    email: 'childrens.services@northshire.example',
    jobTitle: "Director of Children's Services",
  },
  samuel: {
    name: 'Samuel Boateng',
    email: 'adult.social.care@northshire.example',
    jobTitle: 'Director of Adult Social Care',
  },
  leila: {
    name: 'Leila Haddad',
    email: 'public.health@northshire.example',
    jobTitle: 'Consultant in Public Health',
  },
  mark: {
    name: 'Mark Pemberton',
    email: 'education@northshire.example',
    jobTitle: 'Head of Education Safeguarding',
  },
  olivia: {
    name: 'Olivia Grant',
    email: 'admin@southvale.example',
    jobTitle: 'Partnership Manager',
  },
  liam: {
    name: 'Liam Fairclough',
    email: 'qa.member@southvale.example',
    jobTitle: 'Service Manager, Quality Assurance',
  },
  yusuf: {
    name: 'Yusuf Demir',
    email: 'council.lead@southvale.example',
    jobTitle: "Head of Children's Safeguarding",
  },
  bethan: {
    name: 'Bethan Harrington',
    email: 'dsl.oakfield@southvale.example',
    jobTitle: 'Principal and Designated Safeguarding Lead',
  },
} satisfies Record<string, PersonSeed>;
type PersonKey = keyof typeof PEOPLE;

/** Sections of Northshire County Council, each with its named owner. */
const COUNCIL_SECTIONS: { name: string; owner: PersonKey }[] = [
  { name: "Children's Services", owner: 'fiona' },
  { name: 'Adult Social Care', owner: 'samuel' },
  { name: 'Public Health', owner: 'leila' },
  { name: 'Education and Learning', owner: 'mark' },
];

type MembershipSeed = { p: PartnershipKey; person: PersonKey; role: Role; agency?: AgencyKey };

const MEMBERSHIPS: MembershipSeed[] = [
  // Northshire: every role, agency-scoped roles naming their agency.
  { p: 'northshire', person: 'priya', role: 'partnership_admin' },
  { p: 'northshire', person: 'owen', role: 'partnership_admin' },
  { p: 'northshire', person: 'grace', role: 'qa_group_member' },
  { p: 'northshire', person: 'rebecca', role: 'qa_group_member' },
  { p: 'northshire', person: 'daniel', role: 'case_review_group_member' },
  { p: 'northshire', person: 'kwabena', role: 'case_review_group_member' },
  { p: 'northshire', person: 'tom', role: 'agency_lead', agency: 'police' },
  { p: 'northshire', person: 'rebecca', role: 'agency_lead', agency: 'council' },
  { p: 'northshire', person: 'imran', role: 'agency_lead', agency: 'icb' },
  { p: 'northshire', person: 'chloe', role: 'agency_lead', agency: 'hospitals' },
  { p: 'northshire', person: 'hannah', role: 'agency_lead', agency: 'communityTrust' },
  { p: 'northshire', person: 'kwabena', role: 'agency_lead', agency: 'probation' },
  { p: 'northshire', person: 'ewa', role: 'agency_lead', agency: 'womensAid' },
  { p: 'northshire', person: 'aisha', role: 'auditor_practitioner', agency: 'council' },
  { p: 'northshire', person: 'declan', role: 'auditor_practitioner', agency: 'police' },
  // Section owners answer their part of the council's self-assessment.
  { p: 'northshire', person: 'fiona', role: 'auditor_practitioner', agency: 'council' },
  { p: 'northshire', person: 'samuel', role: 'auditor_practitioner', agency: 'council' },
  { p: 'northshire', person: 'leila', role: 'auditor_practitioner', agency: 'council' },
  { p: 'northshire', person: 'mark', role: 'auditor_practitioner', agency: 'council' },
  { p: 'northshire', person: 'joanne', role: 'education_provider_lead', agency: 'riverside' },
  { p: 'northshire', person: 'sophie', role: 'education_provider_lead', agency: 'college' },
  { p: 'northshire', person: 'martin', role: 'independent_scrutineer' },
  { p: 'northshire', person: 'catherine', role: 'lead_sponsor' },
  { p: 'northshire', person: 'gareth', role: 'board_viewer' },
  { p: 'northshire', person: 'ruth', role: 'board_viewer' },
  { p: 'northshire', person: 'catherine', role: 'board_viewer' },
  // Southvale: its own admin; the police lead and the ICB lead work across both partnerships.
  { p: 'southvale', person: 'olivia', role: 'partnership_admin' },
  { p: 'southvale', person: 'liam', role: 'qa_group_member' },
  { p: 'southvale', person: 'tom', role: 'agency_lead', agency: 'police' },
  { p: 'southvale', person: 'imran', role: 'agency_lead', agency: 'icb' },
  { p: 'southvale', person: 'yusuf', role: 'agency_lead', agency: 'southvaleCouncil' },
  { p: 'southvale', person: 'bethan', role: 'education_provider_lead', agency: 'oakfield' },
];

const PRIORITIES: Record<PartnershipKey, { name: string; description: string }[]> = {
  northshire: [
    {
      name: 'Neglect',
      description:
        'Recognise neglect of children and adults early and respond together, using one shared assessment tool across agencies.',
    },
    {
      name: 'All-age exploitation',
      description:
        'Identify and disrupt criminal and sexual exploitation of children and adults at risk, including county lines and modern slavery.',
    },
    {
      name: 'Adult self-neglect',
      description:
        'Improve the multi-agency response to adults who self-neglect or hoard, especially where they find it hard to engage with services.',
    },
    {
      name: "Children's levels of need",
      description:
        'Make sure every agency understands and applies the levels of need guidance, so children get the right help at the right time.',
    },
  ],
  southvale: [
    {
      name: 'Domestic abuse',
      description:
        "Keep children who live with domestic abuse safe, and make sure the child's voice is heard in every assessment.",
    },
    {
      name: 'Early help',
      description:
        'Offer families help before problems escalate, with one lead practitioner coordinating the support around them.',
    },
  ],
};

type GroupSeed = {
  p: PartnershipKey;
  name: string;
  kind: GroupKind;
  description: string;
  members: [PersonKey, GroupMemberRole][];
};

const GROUPS: GroupSeed[] = [
  {
    p: 'northshire',
    name: 'Executive',
    kind: 'executive',
    description:
      'The three statutory safeguarding partners: sets the priorities and approves the QA programme.',
    members: [
      ['gareth', 'chair'],
      ['catherine', 'member'],
      ['ruth', 'member'],
      ['martin', 'member'],
      ['priya', 'member'],
    ],
  },
  {
    p: 'northshire',
    name: 'Safeguarding Partnership Board',
    kind: 'board',
    description: 'All partner agencies: receives assurance reports and holds agencies to account.',
    members: [
      ['martin', 'chair'],
      ['fiona', 'vice_chair'],
      ['gareth', 'member'],
      ['catherine', 'member'],
      ['ruth', 'member'],
      ['samuel', 'member'],
      ['rebecca', 'member'],
      ['tom', 'member'],
      ['imran', 'member'],
      ['chloe', 'member'],
      ['kwabena', 'member'],
      ['ewa', 'member'],
      ['priya', 'member'],
    ],
  },
  {
    p: 'northshire',
    name: 'Quality Assurance and Learning Improvement Group',
    kind: 'qa_group',
    description:
      'Runs the QA programme: moderates audits, scrutinises performance data and approves findings.',
    members: [
      ['rebecca', 'chair'],
      ['grace', 'vice_chair'],
      ['tom', 'member'],
      ['imran', 'member'],
      ['chloe', 'member'],
      ['hannah', 'member'],
      ['priya', 'member'],
      ['owen', 'member'],
    ],
  },
  {
    p: 'northshire',
    name: 'Learning and Development Group',
    kind: 'learning_development',
    description: 'Turns learning into training and briefings, and checks that agencies have cascaded it.',
    members: [
      ['hannah', 'chair'],
      ['owen', 'member'],
      ['mark', 'member'],
      ['ewa', 'member'],
      ['declan', 'member'],
    ],
  },
  {
    p: 'northshire',
    name: 'Case Review Group',
    kind: 'case_review_group',
    description: 'Considers serious incident notifications and SAR referrals, and oversees rapid reviews.',
    members: [
      ['daniel', 'chair'],
      ['kwabena', 'member'],
      ['tom', 'member'],
      ['imran', 'member'],
      ['chloe', 'member'],
      ['priya', 'member'],
    ],
  },
  {
    p: 'northshire',
    name: 'Education Safeguarding Subgroup',
    kind: 'subgroup',
    description: 'Oversees the annual Section 175/157 audit and safeguarding in schools and colleges.',
    members: [
      ['mark', 'chair'],
      ['joanne', 'member'],
      ['sophie', 'member'],
      ['grace', 'member'],
      ['priya', 'member'],
    ],
  },
  {
    p: 'southvale',
    name: 'Safeguarding Partners Executive',
    kind: 'executive',
    description: "Southvale's statutory safeguarding partners.",
    members: [
      ['yusuf', 'chair'],
      ['tom', 'member'],
      ['imran', 'member'],
      ['olivia', 'member'],
    ],
  },
  {
    p: 'southvale',
    name: 'Quality and Performance Subgroup',
    kind: 'qa_group',
    description: 'Multi-agency audits and the performance scorecard for Southvale.',
    members: [
      ['liam', 'chair'],
      ['olivia', 'member'],
      ['bethan', 'member'],
      ['tom', 'member'],
    ],
  },
];

export type DemoSignIn = { email: string; name: string; partnership: string; role: string };

const signIn = (person: PersonKey, partnership: string, role: string): DemoSignIn => ({
  email: PEOPLE[person].email,
  name: PEOPLE[person].name,
  partnership,
  role,
});

const N = PARTNERSHIPS.northshire.name;
const S = PARTNERSHIPS.southvale.name;

/** One sign-in per role (all use DEMO_PASSWORD), for the README and end-to-end tests. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
  signIn('priya', N, 'Partnership admin'),
  signIn('grace', N, 'QA group member'),
  signIn('daniel', N, 'Case review group member'),
  signIn('tom', `${N} and ${S}`, 'Agency lead, Northshire Police'),
  signIn('rebecca', N, 'Agency lead, Northshire County Council; QA group member'),
  signIn('aisha', N, 'Auditor / practitioner, Northshire County Council'),
  signIn('fiona', N, "Auditor / practitioner, owner of the council's Children's Services section"),
  signIn('joanne', N, 'Education provider lead, Riverside Primary School'),
  signIn('martin', N, 'Independent scrutineer'),
  signIn('catherine', N, 'Lead sponsor; board viewer'),
  signIn('gareth', N, 'Board viewer'),
  signIn('olivia', S, 'Partnership admin'),
  signIn('bethan', S, 'Education provider lead, Oakfield Academy'),
  signIn('nadia', 'none (the installation)', 'Service admin: creates and deactivates partnerships'),
];

/** The person who belongs to both partnerships, to show the partnership switcher. */
export const DEMO_DUAL_MEMBER_EMAIL = PEOPLE.tom.email;

/** Seeds the demo only when no partnership exists yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Two servers starting at once must not both seed: serialise, then look again.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assure:seed-demo'))`);
    if (!(await isEmpty(tx))) return false;
    await insertDemo(tx, passwordHash);
    return true;
  });
}

/** Seeds the demo unconditionally (fails if the demo partnerships' names are already taken). */
export async function seedDemo(db: Db): Promise<{ northshireId: string; southvaleId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction((tx) => insertDemo(tx, passwordHash));
}

async function isEmpty(exec: Db | Tx) {
  const rows = await exec.select({ id: partnerships.id }).from(partnerships).limit(1);
  return rows.length === 0;
}

/** Inserts everything through the one transaction (never the outer db: PGlite would deadlock). */
async function insertDemo(tx: Tx, passwordHash: string) {
  const partnershipIds = { northshire: randomUUID(), southvale: randomUUID() } satisfies Record<
    PartnershipKey,
    string
  >;
  const pKeys = Object.keys(PARTNERSHIPS) as PartnershipKey[];
  await tx.insert(partnerships).values(pKeys.map((k) => ({ id: partnershipIds[k], ...PARTNERSHIPS[k] })));

  const agencyIds = Object.fromEntries(Object.keys(AGENCIES).map((k) => [k, randomUUID()])) as Record<
    AgencyKey,
    string
  >;
  const agencyEntries = Object.entries(AGENCIES) as [AgencyKey, AgencySeed][];
  await tx
    .insert(agencies)
    .values(agencyEntries.map(([k, a]) => ({ id: agencyIds[k], name: a.name, type: a.type })));
  await tx
    .insert(partnershipAgencies)
    .values(
      agencyEntries.flatMap(([k, a]) =>
        a.partnerships.map((p) => ({ partnershipId: partnershipIds[p], agencyId: agencyIds[k] })),
      ),
    );

  const personIds = Object.fromEntries(Object.keys(PEOPLE).map((k) => [k, randomUUID()])) as Record<
    PersonKey,
    string
  >;
  await tx.insert(people).values(
    (Object.entries(PEOPLE) as [PersonKey, PersonSeed][]).map(([k, p]) => ({
      id: personIds[k],
      ...p,
      passwordHash,
    })),
  );

  await tx.insert(agencySections).values(
    COUNCIL_SECTIONS.map((s) => ({
      agencyId: agencyIds.council,
      name: s.name,
      ownerPersonId: personIds[s.owner],
    })),
  );

  await tx.insert(memberships).values(
    MEMBERSHIPS.map((m) => ({
      partnershipId: partnershipIds[m.p],
      personId: personIds[m.person],
      role: m.role,
      agencyId: m.agency ? agencyIds[m.agency] : null,
    })),
  );

  await tx
    .insert(priorities)
    .values(pKeys.flatMap((k) => PRIORITIES[k].map((pr) => ({ partnershipId: partnershipIds[k], ...pr }))));

  const groupIds = GROUPS.map(() => randomUUID());
  await tx.insert(governanceGroups).values(
    GROUPS.map((g, i) => ({
      id: groupIds[i],
      partnershipId: partnershipIds[g.p],
      name: g.name,
      kind: g.kind,
      description: g.description,
    })),
  );
  await tx.insert(governanceGroupMembers).values(
    GROUPS.flatMap((g, i) =>
      g.members.map(([person, memberRole]) => ({
        groupId: groupIds[i],
        personId: personIds[person],
        memberRole,
      })),
    ),
  );

  const ctx = { requestId: 'seed-demo', ip: null };
  for (const k of pKeys) {
    await writeAudit(tx, ctx, {
      entity: 'partnership',
      entityId: partnershipIds[k],
      action: 'seeded_demo',
      partnershipId: partnershipIds[k],
      personId: null,
      personEmail: null,
      after: {
        name: PARTNERSHIPS[k].name,
        agencies: agencyEntries.filter(([, a]) => a.partnerships.includes(k)).length,
        memberships: MEMBERSHIPS.filter((m) => m.p === k).length,
        priorities: PRIORITIES[k].length,
        groups: GROUPS.filter((g) => g.p === k).length,
      },
    });
  }

  // --- Audit tools from the starter library (server/modules/audit-tools/starter-library) ---------------
  // Northshire has adopted the case file audit and Section 11 starters as they are (version 1 published
  // by its admin) and, covering adults too, has copied the Care Act starter as a draft to adapt; Southvale,
  // a children's partnership, is adapting the Section 175/157 education audit for its schools.
  const starterNow = new Date();
  for (const starterId of ['multi-agency-case-file-audit', 'section-11-self-assessment']) {
    await seedStarterTemplate(tx, ctx, {
      partnershipId: partnershipIds.northshire,
      starterId,
      publishedBy: personIds.priya,
      now: starterNow,
    });
  }
  await seedStarterTemplate(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    starterId: 'care-act-adult-safeguarding-self-assessment',
    now: starterNow,
  });
  await seedStarterTemplate(tx, ctx, {
    partnershipId: partnershipIds.southvale,
    starterId: 'section-175-157-education-audit',
    now: starterNow,
  });
  // --- end of starter-library audit tools ----------------------------------------------------------

  // --- Form engine: a small published demo form and Northshire agencies' responses to it --------------
  await seedDemoForms(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    adminId: personIds.priya,
    policeId: agencyIds.police,
    policeLeadId: personIds.tom,
    councilId: agencyIds.council,
    councilLeadId: personIds.rebecca,
    practitionerId: personIds.aisha,
    now: new Date(),
  });
  // --- end of form engine demo data ---------------------------------------------------------------------

  // --- QA programme: Northshire's 2026–27 programme, approved, with changes since (programme.demo.ts) ---
  await seedDemoProgramme(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    agencyIds,
    personIds,
  });
  // --- end of QA programme demo data -----------------------------------------------------------------

  // --- Reminders: Northshire's reminder policy (server/modules/notifications/notifications.demo.ts) ----
  await seedDemoReminderPolicy(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    adminId: personIds.priya,
  });
  // --- end of reminders demo data ------------------------------------------------------------------------

  // --- Recommendations register: Northshire's themes and six recommendations (recommendations.demo.ts) ---
  await seedDemoRecommendations(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    agencyIds,
    personIds,
  });
  // --- end of recommendations demo data (actions follow in their own block) ------------------------------

  // --- Actions: Northshire's agencies answering the demo recommendations (actions.demo.ts) -------------
  await seedDemoActions(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    agencyIds,
    personIds,
  });
  // --- end of actions demo data ------------------------------------------------------------------------

  // --- Scrutiny plan: Northshire's independent scrutiny topics and a peer review (scrutiny.demo.ts) -----
  await seedDemoScrutiny(tx, ctx, { partnershipId: partnershipIds.northshire, personIds });
  // --- end of scrutiny plan demo data ----------------------------------------------------------------

  // --- Case reviews, children: the rapid review summary form, Child K's rapid review part-way through its ----
  // timetable with the police's and the council's summaries, Young person J's care leaver death notification
  // (server/modules/case-reviews/case-reviews.demo.ts; before the adults' demo, which numbers after it)
  await seedDemoCaseReviewsChildren(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    agencyIds,
    personIds,
    now: new Date(),
  });
  // --- end of case reviews (children) demo data -----------------------------------------------------------

  // --- Case reviews, adults and reviews: Adult M's SAR, Child T's late LCSPR and its recommendation ------
  // (server/modules/case-reviews/reviews.demo.ts; after the register's demo, whose themes it uses)
  await seedDemoCaseReviewsAdultsAndReviews(tx, ctx, {
    partnershipId: partnershipIds.northshire,
    agencyIds,
    personIds,
    now: new Date(),
  });
  // --- end of case reviews (adults and reviews) demo data --------------------------------------------

  return { northshireId: partnershipIds.northshire, southvaleId: partnershipIds.southvale };
}
