import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { ActivityKind, ActivityStatus } from '../../../contracts/programme.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { auditTemplates } from '../audit-tools/audit-tools.tables.js';
import { priorities } from '../priorities/priorities.tables.js';
import { qaActivities, qaActivityAgencies, qaProgrammes } from './programme.tables.js';

type DemoAgency =
  | 'council'
  | 'police'
  | 'icb'
  | 'hospitals'
  | 'communityTrust'
  | 'gpFederation'
  | 'probation'
  | 'youthJustice'
  | 'riverside'
  | 'college'
  | 'homes'
  | 'womensAid'
  | 'youngMinds';
type DemoPerson = 'priya' | 'owen' | 'grace' | 'rebecca' | 'martin' | 'catherine';

type DemoActivity = {
  kind: ActivityKind;
  title: string;
  description: string;
  priority?: string;
  lead: DemoPerson;
  quarter: number;
  agencies: DemoAgency[];
  releasedOn?: string;
  deadlineOn?: string;
  meetingOn?: string;
  reportDueOn?: string;
  status: ActivityStatus;
  statusReason?: string;
  /** The audit tool, by the kind of starter template the partnership adopted. */
  templateKind?: string;
};

// Northshire's 2026–27 programme, after the Sandwell schedule: a multi-agency audit a quarter, the
// Section 11 / Care Act cycle, Section 175/157 for schools, data returns, scrutiny and a thematic review.
const ACTIVITIES: DemoActivity[] = [
  {
    kind: 'multi_agency_case_audit',
    title: 'Multi-agency audit: neglect of children under five',
    description:
      'Six cases across levels of need, using the Graded Care Profile; practitioners attend the audit day.',
    priority: 'Neglect',
    lead: 'grace',
    quarter: 1,
    agencies: ['council', 'police', 'hospitals', 'communityTrust', 'gpFederation'],
    releasedOn: '2026-05-01',
    deadlineOn: '2026-06-05',
    meetingOn: '2026-06-18',
    reportDueOn: '2026-07-17',
    status: 'complete',
    templateKind: 'case_audit',
  },
  {
    kind: 'self_assessment',
    title: 'Section 11 and Care Act self-assessment 2026',
    description:
      'Biennial self-assessment by every statutory partner, then a scrutiny panel day with each agency.',
    lead: 'owen',
    quarter: 2,
    agencies: [
      'council',
      'police',
      'icb',
      'hospitals',
      'communityTrust',
      'probation',
      'youthJustice',
      'homes',
    ],
    releasedOn: '2026-07-06',
    deadlineOn: '2026-09-25',
    meetingOn: '2026-10-21',
    reportDueOn: '2026-11-27',
    status: 'reporting',
    templateKind: 'self_assessment',
  },
  {
    kind: 'thematic_review',
    title: 'Thematic review: all-age exploitation',
    description:
      'Self-evaluation within two weeks, case file audits, a practitioner survey and focus groups, then an improvement plan.',
    priority: 'All-age exploitation',
    lead: 'catherine',
    quarter: 2,
    agencies: ['police', 'council', 'youthJustice', 'womensAid', 'youngMinds'],
    releasedOn: '2026-09-01',
    deadlineOn: '2026-09-15',
    meetingOn: '2026-12-09',
    reportDueOn: '2027-02-26',
    status: 'in_progress',
  },
  {
    kind: 'multi_agency_case_audit',
    title: 'Multi-agency audit: adults who self-neglect',
    description:
      'Five cases where the adult found it hard to engage; includes the voice of the adult and their carers.',
    priority: 'Adult self-neglect',
    lead: 'grace',
    quarter: 3,
    agencies: ['council', 'communityTrust', 'homes', 'police', 'gpFederation'],
    releasedOn: '2026-10-05',
    deadlineOn: '2026-10-30',
    meetingOn: '2026-11-26',
    reportDueOn: '2026-12-18',
    status: 'in_progress',
    templateKind: 'case_audit',
  },
  {
    kind: 'performance_data_return',
    title: 'Quarterly performance data return (Q2)',
    description: 'Agreed indicators with insight and analysis, for the QA group’s exception report.',
    lead: 'owen',
    quarter: 3,
    agencies: ['council', 'police', 'icb', 'probation'],
    releasedOn: '2026-10-01',
    deadlineOn: '2026-10-23',
    status: 'complete',
  },
  {
    kind: 'education_audit',
    title: 'Section 175/157 audit for schools and colleges',
    description:
      'Annual audit by heads and designated safeguarding leads; an assurance panel for settings not completed.',
    lead: 'owen',
    quarter: 3,
    agencies: ['riverside', 'college'],
    releasedOn: '2026-10-01',
    deadlineOn: '2026-12-18',
    meetingOn: '2027-02-10',
    status: 'in_progress',
  },
  {
    kind: 'independent_scrutiny',
    title: 'Independent scrutiny: thresholds and decision making for children',
    description: 'The independent scrutineer reviews front-door decisions and meets team managers.',
    priority: "Children's levels of need",
    lead: 'martin',
    quarter: 3,
    agencies: ['council', 'police'],
    meetingOn: '2026-12-03',
    reportDueOn: '2027-01-15',
    status: 'planned',
  },
  {
    kind: 'walk_the_floor',
    title: 'Walk the floor: Northshire Hospitals',
    description: 'Year 2 assurance visit following the hospital trust’s Section 11 return.',
    lead: 'rebecca',
    quarter: 4,
    agencies: ['hospitals'],
    meetingOn: '2027-01-20',
    reportDueOn: '2027-02-12',
    status: 'planned',
  },
  {
    kind: 'survey',
    title: 'Practitioner survey: hearing the voice of the child',
    description: 'Anonymous survey of frontline practitioners; results feed the annual report.',
    priority: "Children's levels of need",
    lead: 'grace',
    quarter: 4,
    agencies: ['council', 'police', 'hospitals', 'riverside', 'college'],
    releasedOn: '2027-01-11',
    deadlineOn: '2027-02-05',
    reportDueOn: '2027-03-12',
    status: 'planned',
  },
  {
    kind: 'multi_agency_case_audit',
    title: 'Multi-agency audit: levels of need at the front door',
    description: 'Eight contacts sampled at random across levels of intervention.',
    priority: "Children's levels of need",
    lead: 'grace',
    quarter: 4,
    agencies: ['council', 'police', 'icb', 'hospitals', 'riverside'],
    releasedOn: '2027-01-18',
    deadlineOn: '2027-02-19',
    meetingOn: '2027-03-04',
    reportDueOn: '2027-03-26',
    status: 'planned',
    templateKind: 'case_audit',
  },
  {
    kind: 'performance_data_return',
    title: 'Quarterly performance data return (Q3)',
    description: 'Agreed indicators with insight and analysis, for the QA group’s exception report.',
    lead: 'owen',
    quarter: 4,
    agencies: ['council', 'police', 'icb', 'probation'],
    releasedOn: '2027-01-04',
    deadlineOn: '2027-02-12',
    status: 'planned',
  },
  {
    kind: 'peer_review',
    title: 'Peer review of the multi-agency safeguarding hub',
    description: 'A neighbouring partnership reviews how the hub shares information and makes decisions.',
    lead: 'priya',
    quarter: 4,
    agencies: ['council', 'police', 'icb'],
    meetingOn: '2027-03-10',
    reportDueOn: '2027-03-31',
    status: 'planned',
  },
];

/**
 * Northshire's 2026–27 QA programme for the demo: about a dozen activities across the quarters, approved
 * by the Executive in April, with two changes made since (a deadline moved, a peer review deferred), so
 * "changes since approval" has something to show.
 */
export async function seedDemoProgramme(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    agencyIds: Record<DemoAgency, string>;
    personIds: Record<DemoPerson, string>;
  },
) {
  const partnershipId = ids.partnershipId;
  const audit = (entry: Parameters<typeof writeAudit>[2]) =>
    writeAudit(tx, ctx, { partnershipId, personId: ids.personIds.priya, personEmail: null, ...entry });

  const priorityRows = await tx
    .select({ id: priorities.id, name: priorities.name })
    .from(priorities)
    .where(eq(priorities.partnershipId, partnershipId));
  const priorityId = (name?: string) => priorityRows.find((p) => p.name === name)?.id ?? null;
  const kinds = [...new Set(ACTIVITIES.map((a) => a.templateKind).filter((k): k is string => !!k))];
  const templates = kinds.length
    ? await tx
        .select({ id: auditTemplates.id, kind: auditTemplates.kind })
        .from(auditTemplates)
        .where(and(eq(auditTemplates.partnershipId, partnershipId), inArray(auditTemplates.kind, kinds)))
    : [];
  const templateId = (kind?: string) => templates.find((t) => t.kind === kind)?.id ?? null;

  const programmeId = randomUUID();
  await tx.insert(qaProgrammes).values({
    id: programmeId,
    partnershipId,
    startYear: 2026,
    yearKind: 'financial',
    title: 'Northshire QA programme 2026–27',
    createdAt: new Date('2026-03-02T10:00:00Z'),
    updatedAt: new Date('2026-03-02T10:00:00Z'),
  });
  await audit({
    entity: 'qa_programme',
    entityId: programmeId,
    action: 'created',
    after: { title: 'Northshire QA programme 2026–27', startYear: 2026, yearKind: 'financial' },
  });

  const rows = ACTIVITIES.map((a) => ({
    id: randomUUID(),
    partnershipId,
    programmeId,
    kind: a.kind,
    title: a.title,
    description: a.description,
    priorityId: priorityId(a.priority),
    leadPersonId: ids.personIds[a.lead],
    quarter: a.quarter,
    releasedOn: a.releasedOn ?? null,
    deadlineOn: a.deadlineOn ?? null,
    meetingOn: a.meetingOn ?? null,
    reportDueOn: a.reportDueOn ?? null,
    status: a.status,
    statusReason: a.statusReason ?? null,
    templateId: templateId(a.templateKind),
  }));
  await tx.insert(qaActivities).values(rows);
  await tx
    .insert(qaActivityAgencies)
    .values(
      rows.flatMap((r, i) =>
        ACTIVITIES[i].agencies.map((k) => ({ activityId: r.id, agencyId: ids.agencyIds[k] })),
      ),
    );
  for (const r of rows) {
    await audit({
      entity: 'qa_activity',
      entityId: r.id,
      action: 'created',
      after: { programmeId, title: r.title, kind: r.kind, quarter: r.quarter, status: 'planned' },
    });
  }

  // The Executive approved the programme in April; the admin recorded it the next day.
  await tx
    .update(qaProgrammes)
    .set({
      approvedBy: 'Gareth Lloyd-Evans, Chair of the Executive',
      approvedOn: '2026-04-21',
      approvalMeeting: 'Northshire Safeguarding Executive, 21 April 2026',
      approvalRecordedAt: new Date('2026-04-22T09:30:00Z'),
      approvalRecordedBy: ids.personIds.priya,
      version: 2,
    })
    .where(eq(qaProgrammes.id, programmeId));
  await audit({
    entity: 'qa_programme',
    entityId: programmeId,
    action: 'approval_recorded',
    after: {
      approvedBy: 'Gareth Lloyd-Evans, Chair of the Executive',
      approvedOn: '2026-04-21',
      approvalMeeting: 'Northshire Safeguarding Executive, 21 April 2026',
    },
  });

  // Since then: the self-neglect audit's deadline moved a week, and the peer review was deferred.
  const selfNeglect = rows[ACTIVITIES.findIndex((a) => a.title.includes('self-neglect'))];
  await tx
    .update(qaActivities)
    .set({ deadlineOn: '2026-11-06', version: 2 })
    .where(eq(qaActivities.id, selfNeglect.id));
  await audit({
    entity: 'qa_activity',
    entityId: selfNeglect.id,
    action: 'updated',
    personId: ids.personIds.grace,
    before: { programmeId, title: selfNeglect.title, deadlineOn: '2026-10-30' },
    after: { programmeId, title: selfNeglect.title, deadlineOn: '2026-11-06' },
  });
  const peerReview = rows[ACTIVITIES.findIndex((a) => a.kind === 'peer_review')];
  const reason = 'Deferred to 2027–28: the reviewing partnership cannot release its reviewers before April.';
  await tx
    .update(qaActivities)
    .set({ status: 'deferred', statusReason: reason, version: 2 })
    .where(eq(qaActivities.id, peerReview.id));
  await audit({
    entity: 'qa_activity',
    entityId: peerReview.id,
    action: 'status_changed',
    before: { programmeId, title: peerReview.title, status: 'planned', statusReason: null },
    after: { programmeId, title: peerReview.title, status: 'deferred', statusReason: reason },
  });
  return { programmeId };
}
