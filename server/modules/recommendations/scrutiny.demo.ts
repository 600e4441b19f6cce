import { randomUUID } from 'node:crypto';
import type { ScrutinyKind, ScrutinyStatus } from '../../../contracts/recommendations.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { scrutinyReviews } from './recommendations.tables.js';

// Demo data for the scrutiny plan (PRODUCT.md §4.10): Northshire's independent scrutiny topics for the
// year, in the spirit of a published partnership's list (adolescents, thresholds, transitions, the front
// door, lived experience, learning from reviews), in Assure's own words, and one external peer review led
// by someone from outside the partnership. Fixed dates, as the programme demo uses.

type DemoPerson = 'priya' | 'grace' | 'martin';

type DemoReview = {
  kind: ScrutinyKind;
  title: string;
  scope: string;
  lead: DemoPerson | { external: string };
  status: ScrutinyStatus;
  plannedOn: string;
  reportedOn?: string;
  findings?: string;
};

const REVIEWS: DemoReview[] = [
  {
    kind: 'scrutiny_topic',
    title: 'Older children at risk outside the home, and how agencies see them',
    scope:
      'Whether teenagers harmed through exploitation are treated as children first, not as young adults who ' +
      'made choices. Eight case files across police, children’s social care and youth justice, and a ' +
      'conversation with practitioners from each.',
    lead: 'martin',
    status: 'reported',
    plannedOn: '2026-05-12',
    reportedOn: '2026-07-02',
    findings:
      'Practitioners know the language of exploitation well, but case records still describe some 15- and ' +
      '16-year-olds as “putting themselves at risk”. Return-home interviews are offered in most cases, yet ' +
      'their findings rarely reach the strategy discussion. Recommend shared guidance on language and a ' +
      'route for return-home findings into multi-agency planning.',
  },
  {
    kind: 'scrutiny_topic',
    title: 'Thresholds and decisions at the front door',
    scope:
      'How consistently contacts to the multi-agency safeguarding hub are screened and decided, and whether ' +
      'referring agencies understand and accept the outcome. A dip sample of 30 contacts, from all agencies.',
    lead: 'martin',
    status: 'in_progress',
    plannedOn: '2026-09-15',
  },
  {
    kind: 'scrutiny_topic',
    title: 'Moving from children’s to adult services',
    scope:
      'Young people with care and support needs turning 18: whether planning starts early enough, and ' +
      'whether adult safeguarding thresholds leave gaps for those who do not meet them.',
    lead: 'martin',
    status: 'planned',
    plannedOn: '2026-11-10',
  },
  {
    kind: 'scrutiny_topic',
    title: 'Decisions about adults at risk',
    scope:
      'Section 42 enquiry decisions: whether the adult’s own view is sought and recorded, and whether ' +
      'decisions not to proceed are explained to the person who raised the concern.',
    lead: 'martin',
    status: 'planned',
    plannedOn: '2027-01-19',
  },
  {
    kind: 'scrutiny_topic',
    title: 'What changed after our reviews? Learning from LCSPRs and SARs in practice',
    scope:
      'For the last two years’ local child safeguarding practice reviews and safeguarding adult reviews: ' +
      'whether their recommendations are visible in practice today, tested through practitioner ' +
      'conversations and the register’s impact checks.',
    lead: 'grace',
    status: 'planned',
    plannedOn: '2027-02-16',
  },
  {
    kind: 'external_peer_review',
    title: 'Peer review of the multi-agency safeguarding arrangements',
    scope:
      'A neighbouring partnership reviews Northshire’s arrangements against the statutory guidance: ' +
      'leadership, the independent scrutiny function, use of data, and how learning reaches the front line.',
    lead: { external: 'Lead reviewer, Eastmoor Safeguarding Partnership' },
    status: 'planned',
    plannedOn: '2027-03-09',
  },
];

/** Seeds Northshire's scrutiny plan: five independent scrutiny topics and one external peer review. */
export async function seedDemoScrutiny(
  tx: Tx,
  ctx: RequestContext,
  ids: { partnershipId: string; personIds: Record<DemoPerson, string> },
) {
  const rows = REVIEWS.map((r) => {
    const at = new Date(`${r.reportedOn ?? r.plannedOn}T09:00:00Z`);
    const created = new Date('2026-04-14T10:00:00Z');
    return {
      id: randomUUID(),
      partnershipId: ids.partnershipId,
      kind: r.kind,
      title: r.title,
      scope: r.scope,
      leadPersonId: typeof r.lead === 'string' ? ids.personIds[r.lead] : null,
      leadName: typeof r.lead === 'string' ? null : r.lead.external,
      status: r.status,
      plannedOn: r.plannedOn,
      reportedOn: r.reportedOn ?? null,
      findings: r.findings ?? null,
      createdAt: created,
      updatedAt: r.reportedOn ? at : created,
    };
  });
  await tx.insert(scrutinyReviews).values(rows);
  for (const row of rows) {
    await writeAudit(tx, ctx, {
      partnershipId: ids.partnershipId,
      personId: ids.personIds.priya,
      personEmail: null,
      entity: 'scrutiny_review',
      entityId: row.id,
      action: 'created',
      after: { kind: row.kind, title: row.title, status: row.status, plannedOn: row.plannedOn },
    });
  }
}
