import { eq } from 'drizzle-orm';
import { buildRecommendation } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  buildPerson,
  type TestApp,
} from '../../testing/test-app.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  impactChecks,
  recommendations,
  themes,
} from './recommendations.tables.js';

// A register in every state, for the summary and export tests (the test clock stands at 15 June 2026):
//   R1 draft, A, Neglect                                     (never counted)
//   R2 agreed 2026-05-01, A and B, Neglect; A's action due 2026-06-01, not started    → overdue
//   R3 in progress 2025-03-01, A, Transitions; A's action due 2026-12-01; check judged partly embedded
//   R4 impact being checked 2025-01-10, B, no theme; 3-month check judged embedded, 12-month check
//      due 2026-01-10 unjudged                                                         → overdue, embedded
//   R5 closed 2024-09-01 (closed 2025-12-01), A, Neglect; judged not embedded, later embedded → embedded
//   R6 not accepted, B, Transitions
//   R7 impact being checked 2025-02-01, A, Transitions; judged not embedded (a cancelled check said
//      embedded, which no longer counts); A's completed action was due 2026-01-01    → on track

const eqId = (id: string) => eq(recommendations.id, id);

export async function buildSummaryScenario(t: TestApp) {
  const db = t.db;
  const suffix = crypto.randomUUID().slice(0, 8);
  const p = await buildPartnership(db, { name: `Summary Partnership ${suffix}` });
  const agencyA = await buildAgency(db, { partnershipId: p.id, name: `Alder Police ${suffix}` });
  const agencyB = await buildAgency(db, { partnershipId: p.id, name: `Birch Health ${suffix}` });
  const admin = await buildMember(db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(db, { partnershipId: p.id, role: 'qa_group_member' });
  const scrutineer = await buildMember(db, { partnershipId: p.id, role: 'independent_scrutineer' });
  const sponsor = await buildMember(db, { partnershipId: p.id, role: 'lead_sponsor' });
  const viewer = await buildMember(db, { partnershipId: p.id, role: 'board_viewer' });
  const leadA = await buildMember(db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyA.id });
  const leadB = await buildMember(db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyB.id });
  const owner = await buildPerson(db, { name: `Olwen Owner ${suffix}` });
  const [neglect, transitions] = await db
    .insert(themes)
    .values([
      { partnershipId: p.id, name: 'Neglect' },
      { partnershipId: p.id, name: 'Transitions' },
    ])
    .returning();

  const rec = (
    title: string,
    opts: Omit<Parameters<typeof buildRecommendation>[1], 'partnershipId' | 'title'>,
  ) => buildRecommendation(db, { partnershipId: p.id, title, ...opts });
  const r1 = await rec('Draft: refresh the neglect toolkit', {
    agencyIds: [agencyA.id],
    themeId: neglect.id,
  });
  const r2 = await rec('Share chronologies before strategy meetings', {
    agencyIds: [agencyA.id, agencyB.id],
    status: 'agreed',
    agreedOn: '2026-05-01',
    themeId: neglect.id,
    priority: 'high',
    sourceKind: 'lcspr',
    sourceTitle: 'LCSPR Child K',
  });
  const r3 = await rec('Plan transitions to adult services at 16', {
    agencyIds: [agencyA.id],
    status: 'in_progress',
    agreedOn: '2025-03-01',
    themeId: transitions.id,
  });
  const r4 = await rec('Record the voice of the child at every visit', {
    agencyIds: [agencyB.id],
    status: 'impact_check',
    agreedOn: '2025-01-10',
  });
  const r5 = await rec('Escalate neglect cases after three missed appointments', {
    agencyIds: [agencyA.id],
    status: 'closed',
    agreedOn: '2024-09-01',
    themeId: neglect.id,
  });
  await db
    .update(recommendations)
    .set({ closedOn: '2025-12-01', closureApprovedBy: 'Chair', closureMeeting: 'QA group' })
    .where(eqId(r5.id));
  const r6 = await rec('Buy a new case system', {
    agencyIds: [agencyB.id],
    status: 'not_accepted',
    themeId: transitions.id,
  });
  const r7 = await rec('Hand over at discharge in writing', {
    agencyIds: [agencyA.id],
    status: 'impact_check',
    agreedOn: '2025-02-01',
    themeId: transitions.id,
  });

  const check = (recommendationId: string, months: number, dueOn: string, judged?: [string, string]) => ({
    partnershipId: p.id,
    recommendationId,
    months,
    dueOn,
    judgement: judged?.[0] ?? null,
    judgedOn: judged?.[1] ?? null,
  });
  await db.insert(impactChecks).values([
    check(r3.id, 3, '2025-06-01', ['partly_embedded', '2025-06-20']),
    check(r4.id, 3, '2025-04-10', ['embedded', '2025-05-01']),
    check(r4.id, 12, '2026-01-10'),
    check(r5.id, 3, '2024-12-01', ['not_embedded', '2025-01-01']),
    check(r5.id, 12, '2025-09-01', ['embedded', '2025-10-01']),
    check(r7.id, 3, '2025-05-01', ['not_embedded', '2025-06-01']),
    {
      ...check(r7.id, 6, '2025-08-01', ['embedded', '2025-08-20']),
      cancelledAt: new Date('2025-09-01T10:00:00Z'),
    },
  ]);

  const [overdueAction, onTrackAction, doneAction] = await db
    .insert(actions)
    .values([
      {
        partnershipId: p.id,
        agencyId: agencyA.id,
        title: 'Send chronologies two days ahead',
        ownerPersonId: owner.id,
        dueOn: '2026-06-01',
        status: 'not_started',
        rag: 'red',
      },
      {
        partnershipId: p.id,
        agencyId: agencyA.id,
        title: 'Write the transitions protocol',
        ownerPersonId: owner.id,
        dueOn: '2026-12-01',
        status: 'in_progress',
        rag: 'green',
      },
      {
        partnershipId: p.id,
        agencyId: agencyA.id,
        title: 'Discharge letter template',
        dueOn: '2026-01-01',
        status: 'complete',
        rag: 'green',
        completedOn: '2025-12-20',
      },
    ])
    .returning();
  await db.insert(actionRecommendations).values([
    { actionId: overdueAction.id, recommendationId: r2.id },
    { actionId: onTrackAction.id, recommendationId: r3.id },
    { actionId: doneAction.id, recommendationId: r7.id },
  ]);
  await db.insert(actionUpdates).values([
    {
      partnershipId: p.id,
      actionId: onTrackAction.id,
      body: 'Draft protocol out for comment',
      rag: 'amber',
      updateOn: '2026-05-01',
    },
    {
      partnershipId: p.id,
      actionId: onTrackAction.id,
      body: 'Protocol agreed by the heads of service',
      rag: 'green',
      updateOn: '2026-06-10',
    },
  ]);

  return {
    p,
    agencyA,
    agencyB,
    admin,
    qa,
    scrutineer,
    sponsor,
    viewer,
    leadA,
    leadB,
    owner,
    neglect,
    transitions,
    recs: { r1, r2, r3, r4, r5, r6, r7 },
    actions: { overdueAction, onTrackAction, doneAction },
  };
}
