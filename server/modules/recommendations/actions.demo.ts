import { and, eq, inArray } from 'drizzle-orm';
import type { ActionStatus, Rag } from '../../../contracts/recommendations.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  recommendationAgencies,
  recommendations,
} from './recommendations.tables.js';

// Demo data for agencies' actions (PRODUCT.md §4.9): Northshire's agencies answer the demo recommendations
// (recommendations.demo.ts), found here by the start of their titles. The police answer two recommendations
// with one workstream action; one council action is overdue; others are complete or not started. Fixed
// dates, as the other demo data uses. Recommendations that are missing are skipped, so this seeds nothing
// when the register has no demo recommendations.

type DemoAgency = 'council' | 'police' | 'communityTrust' | 'youthJustice';
type DemoPerson = 'priya' | 'tom' | 'rebecca' | 'fiona';

/** The start of each demo recommendation's title (recommendations.demo.ts). */
const RECOMMENDATION_TITLES = {
  gradedCareProfile: 'Health visitors, early years settings and children’s social care use the Graded Care',
  strategyDiscussion: 'Police and children’s social care hold a strategy discussion within one working day',
  frontDoor: 'The front door applies the threshold document consistently',
  returnHome: 'Police, children’s social care and the youth justice service share one return-home',
} as const;
type RecommendationKey = keyof typeof RECOMMENDATION_TITLES;

type DemoAction = {
  agency: DemoAgency;
  title: string;
  description: string;
  owner?: DemoPerson;
  createdBy: DemoPerson;
  createdOn: string;
  dueOn: string;
  status: ActionStatus;
  rag: Rag | null;
  completedOn?: string;
  answers: RecommendationKey[];
  updates: { on: string; by: DemoPerson; rag?: Rag; body: string }[];
};

const ACTIONS: DemoAction[] = [
  {
    agency: 'police',
    title: 'One police safeguarding hub process for strategy discussions and missing children',
    description:
      'A single hub process: the hub sergeant joins every strategy discussion about an unexplained injury within one working day, and every return-home interview is entered on the shared record the exploitation panel reviews.',
    owner: 'tom',
    createdBy: 'tom',
    createdOn: '2026-10-06',
    dueOn: '2027-01-29',
    status: 'in_progress',
    rag: 'amber',
    answers: ['strategyDiscussion', 'returnHome'],
    updates: [
      {
        on: '2026-10-20',
        by: 'tom',
        rag: 'green',
        body: 'Hub process drafted with children’s social care; hub sergeants briefed. Strategy discussion attendance now logged on the hub spreadsheet.',
      },
      {
        on: '2026-11-17',
        by: 'tom',
        rag: 'amber',
        body: 'Return-home interviews from two of the three districts are on the shared record. The third district starts in January because of staff vacancies.',
      },
    ],
  },
  {
    agency: 'council',
    title: 'Duty managers convene strategy discussions within one working day and record who took part',
    description:
      'Change the duty manager rota so a manager is always free to convene a strategy discussion the same day, and add attendance (including the school) to the case record template.',
    owner: 'rebecca',
    createdBy: 'rebecca',
    createdOn: '2026-10-08',
    dueOn: '2026-11-13',
    status: 'in_progress',
    rag: 'red',
    answers: ['strategyDiscussion'],
    updates: [
      {
        on: '2026-11-02',
        by: 'rebecca',
        rag: 'red',
        body: 'The new rota is agreed but the case record template change is waiting for the system supplier. A new date will go to the QA group.',
      },
    ],
  },
  {
    agency: 'council',
    title: 'Graded Care Profile 2 training for every children’s social work team',
    description:
      'Two half-day sessions per team, with the profile built into the assessment template so it is shared at the first multi-agency meeting.',
    owner: 'fiona',
    createdBy: 'rebecca',
    createdOn: '2026-08-05',
    dueOn: '2026-10-31',
    status: 'complete',
    rag: 'green',
    completedOn: '2026-10-28',
    answers: ['gradedCareProfile'],
    updates: [
      {
        on: '2026-09-18',
        by: 'fiona',
        rag: 'green',
        body: 'Five of the eight teams trained; the profile is now part of the assessment template.',
      },
      {
        on: '2026-10-28',
        by: 'fiona',
        rag: 'green',
        body: 'All eight teams trained (112 staff). Dip sample planned for the six-month impact check.',
      },
    ],
  },
  {
    agency: 'communityTrust',
    title: 'Health visitors complete the Graded Care Profile 2 before the first multi-agency meeting',
    description: 'Add the profile to the health visiting record and audit its use each quarter.',
    createdBy: 'priya',
    createdOn: '2026-08-12',
    dueOn: '2027-03-31',
    status: 'not_started',
    rag: null,
    answers: ['gradedCareProfile'],
    updates: [],
  },
  {
    agency: 'police',
    title: 'Revise the police referral form so every referral says what is being asked of the front door',
    description:
      'A required “what are you asking for?” field on the referral form, and a briefing for response officers.',
    owner: 'tom',
    createdBy: 'tom',
    createdOn: '2025-10-14',
    dueOn: '2026-03-31',
    status: 'complete',
    rag: 'green',
    completedOn: '2026-03-20',
    answers: ['frontDoor'],
    updates: [
      {
        on: '2026-03-20',
        by: 'tom',
        rag: 'green',
        body: 'New referral form live across the force; response officers briefed at shift changes.',
      },
    ],
  },
];

/** Seeds Northshire's actions answering its demo recommendations, with their progress updates and audit rows. */
export async function seedDemoActions(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    agencyIds: Record<DemoAgency, string>;
    personIds: Record<DemoPerson, string>;
  },
) {
  const { partnershipId } = ids;
  const recs = await tx
    .select({ id: recommendations.id, title: recommendations.title })
    .from(recommendations)
    .where(eq(recommendations.partnershipId, partnershipId));
  const recommendationId = (key: RecommendationKey) =>
    recs.find((r) => r.title.startsWith(RECOMMENDATION_TITLES[key]))?.id;

  for (const a of ACTIONS) {
    const agencyId = ids.agencyIds[a.agency];
    const wanted = a.answers.map(recommendationId).filter((id): id is string => !!id);
    if (wanted.length === 0) continue;
    // Only recommendations really addressed to the action's agency, as the service insists.
    const addressed = await tx
      .select({ id: recommendationAgencies.recommendationId })
      .from(recommendationAgencies)
      .where(
        and(
          eq(recommendationAgencies.agencyId, agencyId),
          inArray(recommendationAgencies.recommendationId, wanted),
        ),
      );
    const linked = wanted.filter((id) => addressed.some((r) => r.id === id));
    if (linked.length === 0) continue;

    const createdAt = new Date(`${a.createdOn}T10:00:00Z`);
    const lastUpdate = a.updates.at(-1);
    const updatedAt = new Date(`${a.completedOn ?? lastUpdate?.on ?? a.createdOn}T15:00:00Z`);
    const [row] = await tx
      .insert(actions)
      .values({
        partnershipId,
        agencyId,
        title: a.title,
        description: a.description,
        ownerPersonId: a.owner ? ids.personIds[a.owner] : null,
        dueOn: a.dueOn,
        status: a.status,
        rag: a.rag,
        completedOn: a.completedOn ?? null,
        createdBy: ids.personIds[a.createdBy],
        version: 1 + a.updates.length + (a.status === 'not_started' ? 0 : 1),
        createdAt,
        updatedAt,
      })
      .returning();
    await tx
      .insert(actionRecommendations)
      .values(linked.map((id) => ({ actionId: row.id, recommendationId: id })));
    await writeAudit(tx, ctx, {
      partnershipId,
      personId: ids.personIds[a.createdBy],
      personEmail: null,
      entity: 'action',
      entityId: row.id,
      action: 'created',
      after: { agencyId, title: a.title, dueOn: a.dueOn, recommendationIds: [...linked].sort() },
    });
    for (const u of a.updates) {
      const [update] = await tx
        .insert(actionUpdates)
        .values({
          partnershipId,
          actionId: row.id,
          body: u.body,
          rag: u.rag ?? null,
          updateOn: u.on,
          createdBy: ids.personIds[u.by],
          createdAt: new Date(`${u.on}T14:00:00Z`),
        })
        .returning();
      await writeAudit(tx, ctx, {
        partnershipId,
        personId: ids.personIds[u.by],
        personEmail: null,
        entity: 'action',
        entityId: row.id,
        action: 'progress_added',
        after: { updateId: update.id, updateOn: u.on, rag: u.rag ?? null },
      });
    }
    if (a.status !== 'not_started') {
      await writeAudit(tx, ctx, {
        partnershipId,
        personId: ids.personIds[a.owner ?? a.createdBy],
        personEmail: null,
        entity: 'action',
        entityId: row.id,
        action: 'status_changed',
        before: { status: 'not_started' },
        after: { status: a.status, completedOn: a.completedOn ?? null },
      });
    }
  }
}
