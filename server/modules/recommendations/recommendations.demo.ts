import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_IMPACT_CHECK_MONTHS,
  type ImpactJudgement,
  type PriorityLevel,
  type RecommendationSource,
  type RecommendationStatus,
} from '../../../contracts/recommendations.js';
import { impactCheckDates } from '../../../contracts/recommendations.rules.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { governanceGroups } from '../governance/governance.tables.js';
import { impactChecks, recommendationAgencies, recommendations, themes } from './recommendations.tables.js';

// Demo data for the recommendations register (PRODUCT.md §4.9): Northshire's themes and six recommendations
// from different sources, in different statuses, addressed to one to three agencies; the agreed ones carry
// their impact checks at 3, 6 and 12 months, some judged. Fixed dates, as the programme demo uses.

type DemoAgency =
  | 'council'
  | 'police'
  | 'icb'
  | 'hospitals'
  | 'communityTrust'
  | 'gpFederation'
  | 'youthJustice';
type DemoPerson = 'priya' | 'grace';

const THEMES = [
  { name: 'Neglect', description: 'Recognising and responding to neglect, including early help.' },
  {
    name: 'Voice of the child',
    description: 'Hearing what children and young people say, and showing how it changed what we did.',
  },
  {
    name: 'Information sharing',
    description: 'Sharing the right information at the right time between agencies.',
  },
  {
    name: 'Exploitation',
    description: 'Child criminal and sexual exploitation, and contextual safeguarding.',
  },
  {
    name: 'Thresholds',
    description: 'Consistent use of the partnership’s threshold document at the front door.',
  },
] as const;
type ThemeName = (typeof THEMES)[number]['name'];

type DemoRecommendation = {
  title: string;
  detail: string;
  sourceKind: RecommendationSource;
  sourceTitle: string;
  sourceDate: string;
  theme: ThemeName;
  priority: PriorityLevel;
  agencies: DemoAgency[];
  status: RecommendationStatus;
  statusReason?: string;
  agreedOn?: string;
  /** Judgements of the impact checks, in order (3, 6, 12 months); missing ones are not judged yet. */
  judgements?: { judgement: ImpactJudgement; judgedOn: string; reasons: string }[];
  closure?: { closedOn: string; approvedBy: string; meeting: string };
};

const RECOMMENDATIONS: DemoRecommendation[] = [
  {
    title:
      'Health visitors, early years settings and children’s social care use the Graded Care Profile 2 when neglect of a child under five is suspected, and share the completed profile at the first multi-agency meeting.',
    detail:
      'In four of the six audited cases neglect was described in general terms and no shared assessment tool was used, so agencies disagreed about how serious it was.',
    sourceKind: 'case_audit',
    sourceTitle: 'Multi-agency audit: neglect of children under five',
    sourceDate: '2026-07-17',
    theme: 'Neglect',
    priority: 'high',
    agencies: ['communityTrust', 'council', 'gpFederation'],
    status: 'impact_check',
    agreedOn: '2026-07-30',
    judgements: [
      {
        judgement: 'partly_embedded',
        judgedOn: '2026-11-12',
        reasons:
          'Profiles completed in most new cases in the council and the community trust; GP practices not yet using them.',
      },
    ],
  },
  {
    title:
      'Police and children’s social care hold a strategy discussion within one working day of a referral about a child with an unexplained injury, and record who took part.',
    detail:
      'The rapid review found a three-day gap between the referral and the strategy discussion, and the school was not invited.',
    sourceKind: 'rapid_review',
    sourceTitle: 'Rapid review: Child N (serious incident notification)',
    sourceDate: '2026-09-04',
    theme: 'Information sharing',
    priority: 'high',
    agencies: ['police', 'council'],
    status: 'in_progress',
    agreedOn: '2026-10-01',
  },
  {
    title:
      'Hospital trusts and the ICB show in their next Section 11 return how children’s views shape discharge planning for young people admitted after self-harm.',
    detail:
      'Both returns rated this standard “fully met” but gave no evidence of the child’s voice in discharge plans.',
    sourceKind: 'self_assessment',
    sourceTitle: 'Section 11 and Care Act self-assessment 2026',
    sourceDate: '2026-11-06',
    theme: 'Voice of the child',
    priority: 'medium',
    agencies: ['hospitals', 'icb'],
    status: 'draft',
  },
  {
    title:
      'The front door applies the threshold document consistently: contacts that meet the threshold for a child and family assessment are passed on within one working day.',
    detail:
      'The independent scrutineer’s dip sample found similar contacts handled differently depending on the team on duty.',
    sourceKind: 'independent_scrutiny',
    sourceTitle: 'Independent scrutiny: thresholds and the front door',
    sourceDate: '2025-09-10',
    theme: 'Thresholds',
    priority: 'medium',
    agencies: ['council', 'police'],
    status: 'closed',
    agreedOn: '2025-10-01',
    judgements: [
      {
        judgement: 'partly_embedded',
        judgedOn: '2026-01-14',
        reasons:
          'Improvement in the council’s decisions; police referrals still sent without a clear request.',
      },
      {
        judgement: 'embedded',
        judgedOn: '2026-04-16',
        reasons: 'Second dip sample consistent across both teams and the police referral form revised.',
      },
      {
        judgement: 'embedded',
        judgedOn: '2026-10-08',
        reasons: 'Third dip sample: all contacts that met the threshold were passed on within a working day.',
      },
    ],
    closure: {
      closedOn: '2026-10-15',
      approvedBy: 'Rebecca Thornton, Chair of the QA group',
      meeting: 'Quality Assurance and Learning Improvement Group, 15 October 2026',
    },
  },
  {
    title:
      'Police, children’s social care and the youth justice service share one return-home interview record for every child who goes missing, and review it together at the exploitation panel.',
    detail:
      'Inspectors found return-home interviews held by three agencies separately, so patterns of going missing were not seen.',
    sourceKind: 'inspection',
    sourceTitle: 'Joint targeted area inspection: children at risk of exploitation',
    sourceDate: '2026-06-12',
    theme: 'Exploitation',
    priority: 'high',
    agencies: ['police', 'council', 'youthJustice'],
    status: 'impact_check',
    agreedOn: '2026-07-08',
  },
  {
    title:
      'The emergency department asks every young person who attends alone whether anyone is worried about them at home, and records the answer.',
    detail: 'Staff on the walk the floor visit were unsure when to ask, and nothing was recorded.',
    sourceKind: 'walk_the_floor',
    sourceTitle: 'Walk the floor visit: hospital emergency department',
    sourceDate: '2026-10-02',
    theme: 'Voice of the child',
    priority: 'low',
    agencies: ['hospitals'],
    status: 'not_accepted',
    statusReason:
      'The trust already audits this every quarter through its own safeguarding assurance framework. The QA group asked for the next audit’s findings instead of a new recommendation.',
  },
];

/** Seeds Northshire's themes and recommendations with their agencies, impact checks and audit rows. */
export async function seedDemoRecommendations(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    agencyIds: Record<DemoAgency, string>;
    personIds: Record<DemoPerson, string>;
  },
) {
  const { partnershipId } = ids;
  const audit = (entry: Parameters<typeof writeAudit>[2]) =>
    writeAudit(tx, ctx, { partnershipId, personId: ids.personIds.priya, personEmail: null, ...entry });

  const themeRows = await tx
    .insert(themes)
    .values(THEMES.map((t) => ({ partnershipId, name: t.name, description: t.description })))
    .returning();
  for (const t of themeRows)
    await audit({ entity: 'theme', entityId: t.id, action: 'created', after: { name: t.name } });
  const themeId = (name: ThemeName) => themeRows.find((t) => t.name === name)!.id;

  const [qaGroup] = await tx
    .select({ id: governanceGroups.id })
    .from(governanceGroups)
    .where(and(eq(governanceGroups.partnershipId, partnershipId), eq(governanceGroups.kind, 'qa_group')));

  let number = 0;
  for (const r of RECOMMENDATIONS) {
    number += 1;
    const [row] = await tx
      .insert(recommendations)
      .values({
        partnershipId,
        number,
        title: r.title,
        detail: r.detail,
        sourceKind: r.sourceKind,
        sourceTitle: r.sourceTitle,
        sourceDate: r.sourceDate,
        themeId: themeId(r.theme),
        priority: r.priority,
        monitoringGroupId: qaGroup?.id ?? null,
        status: r.status,
        statusReason: r.statusReason ?? null,
        agreedOn: r.agreedOn ?? null,
        closedOn: r.closure?.closedOn ?? null,
        closureApprovedBy: r.closure?.approvedBy ?? null,
        closureMeeting: r.closure?.meeting ?? null,
        closureRecordedBy: r.closure ? ids.personIds.priya : null,
        createdBy: ids.personIds.grace,
        version: r.status === 'draft' ? 1 : 2,
      })
      .returning();
    await tx
      .insert(recommendationAgencies)
      .values(
        r.agencies.map((a) => ({ recommendationId: row.id, agencyId: ids.agencyIds[a], partnershipId })),
      );
    await audit({
      entity: 'recommendation',
      entityId: row.id,
      action: 'created',
      personId: ids.personIds.grace,
      after: { number, title: r.title, sourceKind: r.sourceKind, status: 'draft' },
    });

    if (r.agreedOn) {
      const dates = impactCheckDates(r.agreedOn, DEFAULT_IMPACT_CHECK_MONTHS);
      await audit({
        entity: 'recommendation',
        entityId: row.id,
        action: 'status_changed',
        before: { status: 'draft' },
        after: { status: 'agreed', agreedOn: r.agreedOn, impactChecksScheduled: dates },
      });
      const checks = await tx
        .insert(impactChecks)
        .values(
          dates.map((d, i) => {
            const j = r.judgements?.[i];
            return {
              partnershipId,
              recommendationId: row.id,
              months: d.months,
              dueOn: d.dueOn,
              judgement: j?.judgement ?? null,
              judgementReasons: j?.reasons ?? null,
              judgedOn: j?.judgedOn ?? null,
              judgedBy: j ? ids.personIds.grace : null,
              version: j ? 2 : 1,
            };
          }),
        )
        .returning();
      for (const c of checks) {
        if (!c.judgement) continue;
        await audit({
          entity: 'impact_check',
          entityId: c.id,
          action: 'judged',
          personId: ids.personIds.grace,
          after: { judgement: c.judgement, judgedOn: c.judgedOn },
        });
      }
    }
    if (r.status !== 'draft' && r.status !== 'agreed' && !r.closure) {
      await audit({
        entity: 'recommendation',
        entityId: row.id,
        action: 'status_changed',
        before: { status: r.agreedOn ? 'agreed' : 'draft' },
        after: { status: r.status, statusReason: r.statusReason ?? null },
      });
    }
    if (r.closure) {
      await audit({
        entity: 'recommendation',
        entityId: row.id,
        action: 'closed',
        after: { status: 'closed', ...r.closure },
      });
    }
  }
}
