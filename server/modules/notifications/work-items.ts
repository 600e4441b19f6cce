import { and, eq, inArray, isNotNull, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { anyMember } from '../../platform/roles.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { qaActivities } from '../programme/programme.tables.js';
import { actionPolicy } from '../recommendations/actions.policy.js';
import { assurancePolicy } from '../recommendations/assurance.policy.js';
import { impactCheckPolicy } from '../recommendations/impact-checks.policy.js';
import {
  actions,
  assuranceRequests,
  impactCheckEvidence,
  impactChecks,
  recommendationAgencies,
  recommendations,
} from '../recommendations/recommendations.tables.js';
import { responsePolicy } from '../responses/responses.policy.js';
import { formResponses } from '../responses/responses.tables.js';
import type { IsoDate } from './reminders.rules.js';

/**
 * Something waiting for someone, with a due date: a request to fill in a form, a programme activity to
 * lead, and later an action or an impact check. "My work" lists them and the reminder run reminds
 * people about them; both read them through the sources registered below.
 */
export type WorkItem = {
  itemType: string;
  itemId: string;
  partnershipId: string;
  title: string;
  /** The web page of the item. */
  href: string;
  dueOn: IsoDate | null;
  /** What kind of thing it is, in words ("Request to complete a form"). */
  kindLabel: string;
  /** Whose work it is: they get the reminders and see it on My work. */
  responsiblePersonIds: string[];
  /** The agency it belongs to, if any: its agency leads are told when it is escalated. */
  agencyId: string | null;
};

export type OpenItemsQuery = {
  /** Only this partnership's items (the reminder run goes partnership by partnership). */
  partnershipId?: string;
  /** Only the items this person is responsible for (My work). */
  personId?: string;
  today: IsoDate;
};

/**
 * One kind of work item. `openItems` answers in a fixed number of queries however many items there are
 * (never a query per row). `canSee` decides whether someone may see the item's reminders: false for an
 * item that is not in the actor's partnership or does not exist, so a refusal reveals nothing.
 */
export type WorkItemSource = {
  itemType: string;
  openItems(exec: Executor, q: OpenItemsQuery): Promise<WorkItem[]>;
  canSee(exec: Executor, actor: Actor, itemId: string): Promise<boolean>;
};

/** Active agency leads of these agencies in this partnership, by agency (one query). */
export async function agencyLeadsOf(
  exec: Executor,
  partnershipId: string,
  agencyIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (agencyIds.length === 0) return out;
  const rows = await exec
    .selectDistinct({ agencyId: memberships.agencyId, personId: memberships.personId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.role, 'agency_lead'),
        eq(memberships.active, true),
        eq(people.active, true),
        inArray(memberships.agencyId, [...new Set(agencyIds)]),
        // A lead counts only while the agency is active in the partnership (as for signed-in roles).
        sql`exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = ${memberships.partnershipId}
          and pa.agency_id = ${memberships.agencyId} and pa.active)`,
      ),
    );
  for (const r of rows) {
    if (!r.agencyId) continue;
    out.set(r.agencyId, [...(out.get(r.agencyId) ?? []), r.personId]);
  }
  return out;
}

/** Requests to fill in a form (form_responses): open while a draft; whose is the assignee, else the agency's leads. */
export const formResponseSource: WorkItemSource = {
  itemType: 'form_response',
  async openItems(exec, q) {
    const conds: (SQL | undefined)[] = [eq(formResponses.status, 'draft')];
    if (q.partnershipId) conds.push(eq(formResponses.partnershipId, q.partnershipId));
    if (q.personId) {
      // The person's own, or unassigned ones of an agency they lead in that response's partnership.
      conds.push(
        or(
          eq(formResponses.assigneePersonId, q.personId),
          and(
            isNull(formResponses.assigneePersonId),
            isNotNull(formResponses.agencyId),
            sql`exists (select 1 from ${memberships} m where m.person_id = ${q.personId}
              and m.partnership_id = ${formResponses}.partnership_id and m.agency_id = ${formResponses}.agency_id
              and m.role = 'agency_lead' and m.active
              and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
                and pa.agency_id = m.agency_id and pa.active))`,
          ),
        ),
      );
    }
    const rows = await exec
      .select({
        id: formResponses.id,
        partnershipId: formResponses.partnershipId,
        title: formResponses.title,
        dueOn: formResponses.dueOn,
        agencyId: formResponses.agencyId,
        assigneePersonId: formResponses.assigneePersonId,
        agencyName: agencies.name,
      })
      .from(formResponses)
      .leftJoin(agencies, eq(agencies.id, formResponses.agencyId))
      .where(and(...conds));

    // Unassigned requests belong to their agency's leads: one query per partnership involved.
    const leads = new Map<string, Map<string, string[]>>();
    const unassigned = rows.filter((r) => !r.assigneePersonId && r.agencyId);
    for (const pid of new Set(unassigned.map((r) => r.partnershipId))) {
      const ids = unassigned.filter((r) => r.partnershipId === pid).map((r) => r.agencyId!);
      leads.set(pid, await agencyLeadsOf(exec, pid, ids));
    }
    return rows.map((r) => ({
      itemType: 'form_response',
      itemId: r.id,
      partnershipId: r.partnershipId,
      title: r.title,
      href: `/responses/${r.id}`,
      dueOn: r.dueOn,
      kindLabel: r.agencyName ? `Request to ${r.agencyName}` : 'Request to complete a form',
      responsiblePersonIds: r.assigneePersonId
        ? [r.assigneePersonId]
        : r.agencyId
          ? (leads.get(r.partnershipId)?.get(r.agencyId) ?? [])
          : [],
      agencyId: r.agencyId,
    }));
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ agencyId: formResponses.agencyId, assigneePersonId: formResponses.assigneePersonId })
      .from(formResponses)
      .where(and(eq(formResponses.id, itemId), eq(formResponses.partnershipId, actor.partnershipId)));
    return Boolean(row) && responsePolicy.read(actor, row);
  },
};

const CLOSED_ACTIVITY_STATUSES = ['complete', 'cancelled', 'deferred'];

/**
 * Programme activities (qa_activities), the lead's work. While reporting, the report due date is the one
 * that matters; before that, the deadline (or the report date when there is no deadline).
 */
export const qaActivitySource: WorkItemSource = {
  itemType: 'qa_activity',
  async openItems(exec, q) {
    const dueOn = sql<string | null>`case when ${qaActivities.status} = 'reporting'
      then coalesce(${qaActivities.reportDueOn}, ${qaActivities.deadlineOn})
      else coalesce(${qaActivities.deadlineOn}, ${qaActivities.reportDueOn}) end`;
    const rows = await exec
      .select({
        id: qaActivities.id,
        partnershipId: qaActivities.partnershipId,
        title: qaActivities.title,
        status: qaActivities.status,
        dueOn,
        leadPersonId: qaActivities.leadPersonId,
      })
      .from(qaActivities)
      .where(
        and(
          notInArray(qaActivities.status, CLOSED_ACTIVITY_STATUSES),
          isNotNull(qaActivities.leadPersonId),
          q.partnershipId ? eq(qaActivities.partnershipId, q.partnershipId) : undefined,
          q.personId ? eq(qaActivities.leadPersonId, q.personId) : undefined,
        ),
      );
    return rows.map((r) => ({
      itemType: 'qa_activity',
      itemId: r.id,
      partnershipId: r.partnershipId,
      title: r.title,
      href: `/programme/activities/${r.id}`,
      dueOn: r.dueOn,
      kindLabel: r.status === 'reporting' ? 'Activity you lead: report' : 'Activity you lead',
      responsiblePersonIds: r.leadPersonId ? [r.leadPersonId] : [],
      agencyId: null,
    }));
  },
  async canSee(exec, actor, itemId) {
    if (!anyMember(actor)) return false;
    const [row] = await exec
      .select({ id: qaActivities.id })
      .from(qaActivities)
      .where(and(eq(qaActivities.id, itemId), eq(qaActivities.partnershipId, actor.partnershipId)));
    return Boolean(row);
  },
};

/**
 * Actions in the recommendations register: open (not started or in progress) with a due date; whose is
 * the owner, else the agency's active leads. Seen by whoever may read the action (actionPolicy).
 */
export const actionSource: WorkItemSource = {
  itemType: 'action',
  async openItems(exec, q) {
    const conds: (SQL | undefined)[] = [
      inArray(actions.status, ['not_started', 'in_progress']),
      isNotNull(actions.dueOn),
    ];
    if (q.partnershipId) conds.push(eq(actions.partnershipId, q.partnershipId));
    if (q.personId) {
      conds.push(
        or(
          eq(actions.ownerPersonId, q.personId),
          and(
            isNull(actions.ownerPersonId),
            sql`exists (select 1 from ${memberships} m where m.person_id = ${q.personId}
              and m.partnership_id = ${actions}.partnership_id and m.agency_id = ${actions}.agency_id
              and m.role = 'agency_lead' and m.active
              and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
                and pa.agency_id = m.agency_id and pa.active))`,
          ),
        ),
      );
    }
    const rows = await exec
      .select({
        id: actions.id,
        partnershipId: actions.partnershipId,
        title: actions.title,
        dueOn: actions.dueOn,
        agencyId: actions.agencyId,
        ownerPersonId: actions.ownerPersonId,
        agencyName: agencies.name,
      })
      .from(actions)
      .innerJoin(agencies, eq(agencies.id, actions.agencyId))
      .where(and(...conds));
    // Actions with no owner belong to their agency's leads: one query per partnership involved.
    const leads = new Map<string, Map<string, string[]>>();
    const unowned = rows.filter((r) => !r.ownerPersonId);
    for (const pid of new Set(unowned.map((r) => r.partnershipId))) {
      const ids = unowned.filter((r) => r.partnershipId === pid).map((r) => r.agencyId);
      leads.set(pid, await agencyLeadsOf(exec, pid, ids));
    }
    return rows.map((r) => ({
      itemType: 'action',
      itemId: r.id,
      partnershipId: r.partnershipId,
      title: r.title,
      href: `/register/actions/${r.id}`,
      dueOn: r.dueOn,
      kindLabel: `Action for ${r.agencyName}`,
      responsiblePersonIds: r.ownerPersonId
        ? [r.ownerPersonId]
        : (leads.get(r.partnershipId)?.get(r.agencyId) ?? []),
      agencyId: r.agencyId,
    }));
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ agencyId: actions.agencyId, ownerPersonId: actions.ownerPersonId })
      .from(actions)
      .where(and(eq(actions.id, itemId), eq(actions.partnershipId, actor.partnershipId)));
    return Boolean(row) && actionPolicy.read(actor, row);
  },
};

/** Impact checks wait on an agency until it submits its evidence; the others are closed for good. */
const CHECKLESS_RECOMMENDATION_STATUSES = ['draft', 'not_accepted', 'closed'];

/**
 * Impact checks (recommendations register): open while neither judged nor cancelled; whose are the active
 * agency leads of each addressed agency that has not yet submitted its evidence.
 */
export const impactCheckSource: WorkItemSource = {
  itemType: 'impact_check',
  async openItems(exec, q) {
    const conds: (SQL | undefined)[] = [
      isNull(impactChecks.judgement),
      isNull(impactChecks.cancelledAt),
      notInArray(recommendations.status, CHECKLESS_RECOMMENDATION_STATUSES),
    ];
    if (q.partnershipId) conds.push(eq(impactChecks.partnershipId, q.partnershipId));
    if (q.personId) {
      // Only checks waiting on an agency this person leads.
      conds.push(
        sql`exists (select 1 from ${recommendationAgencies} ra join ${memberships} m
          on m.agency_id = ra.agency_id and m.partnership_id = ra.partnership_id
          where ra.recommendation_id = ${impactChecks}.recommendation_id and m.person_id = ${q.personId}
            and m.role = 'agency_lead' and m.active
            and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
              and pa.agency_id = m.agency_id and pa.active)
            and not exists (select 1 from ${impactCheckEvidence} e where e.impact_check_id = ${impactChecks}.id
              and e.agency_id = ra.agency_id and e.submitted_at is not null))`,
      );
    }
    const rows = await exec
      .select({
        id: impactChecks.id,
        partnershipId: impactChecks.partnershipId,
        recommendationId: impactChecks.recommendationId,
        months: impactChecks.months,
        dueOn: impactChecks.dueOn,
        number: recommendations.number,
        title: recommendations.title,
      })
      .from(impactChecks)
      .innerJoin(recommendations, eq(recommendations.id, impactChecks.recommendationId))
      .where(and(...conds));
    if (rows.length === 0) return [];
    const links = await exec
      .select({
        recommendationId: recommendationAgencies.recommendationId,
        agencyId: recommendationAgencies.agencyId,
      })
      .from(recommendationAgencies)
      .where(
        inArray(recommendationAgencies.recommendationId, [...new Set(rows.map((r) => r.recommendationId))]),
      );
    const submitted = new Set(
      (
        await exec
          .select({
            impactCheckId: impactCheckEvidence.impactCheckId,
            agencyId: impactCheckEvidence.agencyId,
          })
          .from(impactCheckEvidence)
          .where(
            and(
              inArray(
                impactCheckEvidence.impactCheckId,
                rows.map((r) => r.id),
              ),
              isNotNull(impactCheckEvidence.submittedAt),
            ),
          )
      ).map((e) => `${e.impactCheckId}|${e.agencyId}`),
    );
    const agenciesOf = new Map<string, string[]>();
    for (const l of links)
      agenciesOf.set(l.recommendationId, [...(agenciesOf.get(l.recommendationId) ?? []), l.agencyId]);
    const waiting = new Map(
      rows.map((r) => [
        r.id,
        (agenciesOf.get(r.recommendationId) ?? []).filter((a) => !submitted.has(`${r.id}|${a}`)),
      ]),
    );
    const leads = new Map<string, Map<string, string[]>>();
    for (const pid of new Set(rows.map((r) => r.partnershipId))) {
      const ids = new Set(
        rows.filter((r) => r.partnershipId === pid).flatMap((r) => waiting.get(r.id) ?? []),
      );
      leads.set(pid, await agencyLeadsOf(exec, pid, [...ids]));
    }
    const items = rows.map((r) => {
      const agencyIds = waiting.get(r.id) ?? [];
      return {
        itemType: 'impact_check',
        itemId: r.id,
        partnershipId: r.partnershipId,
        title: `R-${r.number} ${r.title}: ${r.months}-month impact check`,
        href: `/register/impact-checks/${r.id}`,
        dueOn: r.dueOn,
        kindLabel: 'Impact check: evidence of change',
        responsiblePersonIds: [
          ...new Set(agencyIds.flatMap((a) => leads.get(r.partnershipId)?.get(a) ?? [])),
        ],
        // An escalation names an agency only when one agency is holding the check up.
        agencyId: agencyIds.length === 1 ? agencyIds[0] : null,
      };
    });
    return q.personId ? items.filter((i) => i.responsiblePersonIds.includes(q.personId!)) : items;
  },
  async canSee(exec, actor, itemId) {
    const rows = await exec
      .select({ agencyId: recommendationAgencies.agencyId })
      .from(impactChecks)
      .leftJoin(
        recommendationAgencies,
        eq(recommendationAgencies.recommendationId, impactChecks.recommendationId),
      )
      .where(and(eq(impactChecks.id, itemId), eq(impactChecks.partnershipId, actor.partnershipId)));
    if (rows.length === 0) return false;
    return impactCheckPolicy.read(actor, {
      agencyIds: rows.flatMap((r) => (r.agencyId ? [r.agencyId] : [])),
    });
  },
};

/** Single-agency assurance requests: open until answered; whose are the agency's active leads. */
export const assuranceRequestSource: WorkItemSource = {
  itemType: 'assurance_request',
  async openItems(exec, q) {
    const conds: (SQL | undefined)[] = [
      isNull(assuranceRequests.answeredAt),
      isNull(assuranceRequests.judgement),
    ];
    if (q.partnershipId) conds.push(eq(assuranceRequests.partnershipId, q.partnershipId));
    if (q.personId) {
      conds.push(
        sql`exists (select 1 from ${memberships} m where m.person_id = ${q.personId}
          and m.partnership_id = ${assuranceRequests}.partnership_id and m.agency_id = ${assuranceRequests}.agency_id
          and m.role = 'agency_lead' and m.active
          and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
            and pa.agency_id = m.agency_id and pa.active))`,
      );
    }
    const rows = await exec
      .select({
        id: assuranceRequests.id,
        partnershipId: assuranceRequests.partnershipId,
        title: assuranceRequests.title,
        dueOn: assuranceRequests.dueOn,
        agencyId: assuranceRequests.agencyId,
        agencyName: agencies.name,
      })
      .from(assuranceRequests)
      .innerJoin(agencies, eq(agencies.id, assuranceRequests.agencyId))
      .where(and(...conds));
    const leads = new Map<string, Map<string, string[]>>();
    for (const pid of new Set(rows.map((r) => r.partnershipId))) {
      const ids = rows.filter((r) => r.partnershipId === pid).map((r) => r.agencyId);
      leads.set(pid, await agencyLeadsOf(exec, pid, ids));
    }
    return rows.map((r) => ({
      itemType: 'assurance_request',
      itemId: r.id,
      partnershipId: r.partnershipId,
      title: r.title,
      href: `/register/assurance-requests/${r.id}`,
      dueOn: r.dueOn,
      kindLabel: `Assurance request to ${r.agencyName}`,
      responsiblePersonIds: leads.get(r.partnershipId)?.get(r.agencyId) ?? [],
      agencyId: r.agencyId,
    }));
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ agencyId: assuranceRequests.agencyId })
      .from(assuranceRequests)
      .where(and(eq(assuranceRequests.id, itemId), eq(assuranceRequests.partnershipId, actor.partnershipId)));
    return Boolean(row) && assurancePolicy.read(actor, row);
  },
};

/**
 * Every kind of work item. A later capability adds its own source (actions, impact checks, case-review
 * tasks) by writing a WorkItemSource beside its tables and listing it here.
 */
export const workItemSources: WorkItemSource[] = [
  formResponseSource,
  qaActivitySource,
  actionSource,
  impactCheckSource,
  assuranceRequestSource,
];

export function sourceFor(itemType: string): WorkItemSource | undefined {
  return workItemSources.find((s) => s.itemType === itemType);
}

/** Open items from every source. */
export async function openWorkItems(exec: Executor, q: OpenItemsQuery): Promise<WorkItem[]> {
  const lists = [];
  // One source after another: on PGlite queries run one at a time anyway.
  for (const s of workItemSources) lists.push(await s.openItems(exec, q));
  return lists.flat();
}
