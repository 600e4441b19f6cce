import {
  type AnyColumn,
  and,
  asc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { caseFileReference, RAPID_REVIEW_STEP_LABELS } from '../../../contracts/case-reviews.js';
import { IMPACT_CHECK_OPENS_DAYS_BEFORE } from '../../../contracts/recommendations.rules.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { anyMember } from '../../platform/roles.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { caseFileFor, caseFilesReadableBy } from '../case-reviews/case-reviews.access.js';
import {
  caseFileAccess,
  caseFiles,
  rapidReviewSteps,
  rapidReviews,
} from '../case-reviews/case-reviews.tables.js';
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
import { addDays, type IsoDate } from './reminders.rules.js';

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
  /**
   * For a confidential item (a case review's), who its last escalation goes to instead of the partnership's
   * admins, who may not see it: an escalation must not tell anyone a case file exists.
   */
  escalateToInsteadOfAdmins?: string[];
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
  /**
   * My work, for a kind that can hold thousands for one person: only the first `limit` of the person's
   * open items (soonest due first, undated last), with how many there are and how many are overdue, in a
   * fixed number of queries. Without it, My work reads openItems and counts them itself.
   */
  myItems?(exec: Executor, q: MyItemsQuery): Promise<MyItems>;
  canSee(exec: Executor, actor: Actor, itemId: string): Promise<boolean>;
};

export type MyItemsQuery = { partnershipId: string; personId: string; today: IsoDate; limit: number };
/** What My work shows of an item (it is the person's own, so no one else is named). */
export type MyWorkItem = Pick<WorkItem, 'itemType' | 'itemId' | 'title' | 'href' | 'dueOn' | 'kindLabel'>;
/** A person's open items of one kind: the first few, soonest due first, and how many there are in all. */
export type MyItems = { items: MyWorkItem[]; total: number; overdue: number };

/** My work's order in SQL: soonest due first (so overdue first), undated last, then by title. */
const soonestFirst = (due: SQL | AnyColumn, title: SQL | AnyColumn, id: AnyColumn) => [
  sql`${due} asc nulls last`,
  sql`${title} asc`,
  asc(id),
];

/**
 * How many rows the query finds before its LIMIT, and how many are due before today: window counts, so
 * the first few and the totals come from one pass.
 */
const openCounts = (due: SQL | AnyColumn, today: IsoDate) => ({
  total: sql<number>`count(*) over ()`.mapWith(Number),
  overdue: sql<number>`count(*) filter (where ${due} < ${today}) over ()`.mapWith(Number),
});
const countsOf = (rows: { total: number; overdue: number }[]) => ({
  total: rows[0]?.total ?? 0,
  overdue: rows[0]?.overdue ?? 0,
});

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
        caseFileId: formResponses.caseFileId,
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
    // A case file's request (a rapid review's summary) escalates to the case review group, never to admins.
    const group = new Map<string, string[]>();
    for (const pid of new Set(rows.filter((r) => r.caseFileId).map((r) => r.partnershipId)))
      group.set(pid, await caseReviewGroupOf(exec, pid));
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
      ...(r.caseFileId ? { escalateToInsteadOfAdmins: group.get(r.partnershipId) ?? [] } : {}),
    }));
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({
        agencyId: formResponses.agencyId,
        assigneePersonId: formResponses.assigneePersonId,
        caseFileId: formResponses.caseFileId,
      })
      .from(formResponses)
      .where(and(eq(formResponses.id, itemId), eq(formResponses.partnershipId, actor.partnershipId)));
    if (!row) return false;
    const files = row.caseFileId ? await caseFilesReadableBy(exec, actor) : new Set<string>();
    const caseFile = row.caseFileId ? { readable: files === 'all' || files.has(row.caseFileId) } : null;
    return responsePolicy.read(actor, { ...row, caseFile });
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
    const rows = await actionRows(exec).where(actionsOpen(q));
    // Actions with no owner belong to their agency's leads: one query per partnership involved.
    const leads = new Map<string, Map<string, string[]>>();
    const unowned = rows.filter((r) => !r.ownerPersonId);
    for (const pid of new Set(unowned.map((r) => r.partnershipId))) {
      const ids = unowned.filter((r) => r.partnershipId === pid).map((r) => r.agencyId);
      leads.set(pid, await agencyLeadsOf(exec, pid, ids));
    }
    return rows.map((r) => ({
      ...actionItem(r),
      partnershipId: r.partnershipId,
      responsiblePersonIds: r.ownerPersonId
        ? [r.ownerPersonId]
        : (leads.get(r.partnershipId)?.get(r.agencyId) ?? []),
      agencyId: r.agencyId,
    }));
  },
  async myItems(exec, q) {
    const rows = await actionRows(exec, openCounts(actions.dueOn, q.today))
      .where(actionsOpen(q))
      .orderBy(...soonestFirst(actions.dueOn, actions.title, actions.id))
      .limit(q.limit);
    return { ...countsOf(rows), items: rows.map(actionItem) };
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ agencyId: actions.agencyId, ownerPersonId: actions.ownerPersonId })
      .from(actions)
      .where(and(eq(actions.id, itemId), eq(actions.partnershipId, actor.partnershipId)));
    return Boolean(row) && actionPolicy.read(actor, row);
  },
};

/** Open actions with a due date; with a person, theirs: owned by them, or unowned in an agency they lead. */
function actionsOpen(q: { partnershipId?: string; personId?: string }) {
  return and(
    inArray(actions.status, ['not_started', 'in_progress']),
    isNotNull(actions.dueOn),
    q.partnershipId ? eq(actions.partnershipId, q.partnershipId) : undefined,
    q.personId
      ? or(
          eq(actions.ownerPersonId, q.personId),
          and(
            isNull(actions.ownerPersonId),
            sql`exists (select 1 from ${memberships} m where m.person_id = ${q.personId}
              and m.partnership_id = ${actions}.partnership_id and m.agency_id = ${actions}.agency_id
              and m.role = 'agency_lead' and m.active
              and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
                and pa.agency_id = m.agency_id and pa.active))`,
          ),
        )
      : undefined,
  );
}

const actionRows = <E extends Record<string, SQL.Aliased | SQL>>(exec: Executor, extra?: E) =>
  exec
    .select({
      id: actions.id,
      partnershipId: actions.partnershipId,
      title: actions.title,
      dueOn: actions.dueOn,
      agencyId: actions.agencyId,
      ownerPersonId: actions.ownerPersonId,
      agencyName: agencies.name,
      ...(extra as E),
    })
    .from(actions)
    .innerJoin(agencies, eq(agencies.id, actions.agencyId))
    .$dynamic();

const actionItem = (r: { id: string; title: string; dueOn: string | null; agencyName: string }) => ({
  itemType: 'action',
  itemId: r.id,
  title: r.title,
  href: `/register/actions/${r.id}`,
  dueOn: r.dueOn,
  kindLabel: `Action for ${r.agencyName}`,
});

/** Impact checks wait on an agency until it submits its evidence; the others are closed for good. */
const CHECKLESS_RECOMMENDATION_STATUSES = ['draft', 'not_accepted', 'closed'];

/**
 * Impact checks (recommendations register): open while neither judged nor cancelled; whose are the active
 * agency leads of each addressed agency that has not yet submitted its evidence.
 */
export const impactCheckSource: WorkItemSource = {
  itemType: 'impact_check',
  async openItems(exec, q) {
    // One row per check and agency it still waits on (addressed, no evidence submitted), or one row with
    // no agency when none: a join, never a list of ids, however many checks are open.
    const rows = await exec
      .select({
        ...impactCheckColumns,
        partnershipId: impactChecks.partnershipId,
        waitingAgencyId: recommendationAgencies.agencyId,
      })
      .from(impactChecks)
      .innerJoin(recommendations, eq(recommendations.id, impactChecks.recommendationId))
      .leftJoin(
        recommendationAgencies,
        and(
          eq(recommendationAgencies.recommendationId, impactChecks.recommendationId),
          sql`not exists (select 1 from ${impactCheckEvidence} e where e.impact_check_id = ${impactChecks.id}
            and e.agency_id = ${recommendationAgencies.agencyId} and e.submitted_at is not null)`,
        ),
      )
      .where(impactChecksOpen(q));
    const checks = new Map<string, (typeof rows)[number] & { waiting: string[] }>();
    for (const r of rows) {
      const c = checks.get(r.id) ?? { ...r, waiting: [] };
      if (r.waitingAgencyId) c.waiting.push(r.waitingAgencyId);
      checks.set(r.id, c);
    }
    const leads = new Map<string, Map<string, string[]>>();
    for (const pid of new Set(rows.map((r) => r.partnershipId))) {
      const ids = new Set(
        rows.filter((r) => r.partnershipId === pid).flatMap((r) => r.waitingAgencyId ?? []),
      );
      leads.set(pid, await agencyLeadsOf(exec, pid, [...ids]));
    }
    const items = [...checks.values()].map((c) => ({
      ...impactCheckItem(c),
      partnershipId: c.partnershipId,
      responsiblePersonIds: [...new Set(c.waiting.flatMap((a) => leads.get(c.partnershipId)?.get(a) ?? []))],
      // An escalation names an agency only when one agency is holding the check up.
      agencyId: c.waiting.length === 1 ? c.waiting[0] : null,
    }));
    return q.personId ? items.filter((i) => i.responsiblePersonIds.includes(q.personId!)) : items;
  },
  async myItems(exec, q) {
    const rows = await exec
      .select({ ...impactCheckColumns, ...openCounts(impactChecks.dueOn, q.today) })
      .from(impactChecks)
      .innerJoin(recommendations, eq(recommendations.id, impactChecks.recommendationId))
      .where(impactChecksOpen(q))
      .orderBy(...soonestFirst(impactChecks.dueOn, sql`${recommendations.number}`, impactChecks.id))
      .limit(q.limit);
    return { ...countsOf(rows), items: rows.map(impactCheckItem) };
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

/**
 * Open impact checks (neither judged nor cancelled, of a recommendation still being worked) that take
 * evidence already (from a few weeks before they are due); with a person, those waiting on an agency
 * they lead. Over impact_checks joined to recommendations.
 */
function impactChecksOpen(q: { partnershipId?: string; personId?: string; today: IsoDate }) {
  return and(
    isNull(impactChecks.judgement),
    isNull(impactChecks.cancelledAt),
    notInArray(recommendations.status, CHECKLESS_RECOMMENDATION_STATUSES),
    // Open for evidence only from a few weeks before it is due.
    lte(impactChecks.dueOn, addDays(q.today, IMPACT_CHECK_OPENS_DAYS_BEFORE)),
    q.partnershipId ? eq(impactChecks.partnershipId, q.partnershipId) : undefined,
    q.personId
      ? sql`exists (select 1 from ${recommendationAgencies} ra join ${memberships} m
          on m.agency_id = ra.agency_id and m.partnership_id = ra.partnership_id
          where ra.recommendation_id = ${impactChecks}.recommendation_id and m.person_id = ${q.personId}
            and m.role = 'agency_lead' and m.active
            and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
              and pa.agency_id = m.agency_id and pa.active)
            and not exists (select 1 from ${impactCheckEvidence} e where e.impact_check_id = ${impactChecks}.id
              and e.agency_id = ra.agency_id and e.submitted_at is not null))`
      : undefined,
  );
}

const impactCheckColumns = {
  id: impactChecks.id,
  months: impactChecks.months,
  dueOn: impactChecks.dueOn,
  number: recommendations.number,
  title: recommendations.title,
};

const impactCheckItem = (c: {
  id: string;
  months: number;
  dueOn: string;
  number: number;
  title: string;
}) => ({
  itemType: 'impact_check',
  itemId: c.id,
  title: `R-${c.number} ${c.title}: ${c.months}-month impact check`,
  href: `/register/impact-checks/${c.id}`,
  dueOn: c.dueOn,
  kindLabel: 'Impact check: evidence of change',
});

/** Single-agency assurance requests: open until answered; whose are the agency's active leads. */
export const assuranceRequestSource: WorkItemSource = {
  itemType: 'assurance_request',
  async openItems(exec, q) {
    const rows = await assuranceRows(exec).where(assuranceRequestsOpen(q));
    const leads = new Map<string, Map<string, string[]>>();
    for (const pid of new Set(rows.map((r) => r.partnershipId))) {
      const ids = rows.filter((r) => r.partnershipId === pid).map((r) => r.agencyId);
      leads.set(pid, await agencyLeadsOf(exec, pid, ids));
    }
    return rows.map((r) => ({
      ...assuranceItem(r),
      partnershipId: r.partnershipId,
      responsiblePersonIds: leads.get(r.partnershipId)?.get(r.agencyId) ?? [],
      agencyId: r.agencyId,
    }));
  },
  async myItems(exec, q) {
    const rows = await assuranceRows(exec, openCounts(assuranceRequests.dueOn, q.today))
      .where(assuranceRequestsOpen(q))
      .orderBy(...soonestFirst(assuranceRequests.dueOn, assuranceRequests.title, assuranceRequests.id))
      .limit(q.limit);
    return { ...countsOf(rows), items: rows.map(assuranceItem) };
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ agencyId: assuranceRequests.agencyId })
      .from(assuranceRequests)
      .where(and(eq(assuranceRequests.id, itemId), eq(assuranceRequests.partnershipId, actor.partnershipId)));
    return Boolean(row) && assurancePolicy.read(actor, row);
  },
};

/** Unanswered assurance requests; with a person, those to an agency they lead. */
function assuranceRequestsOpen(q: { partnershipId?: string; personId?: string }) {
  return and(
    isNull(assuranceRequests.answeredAt),
    isNull(assuranceRequests.judgement),
    q.partnershipId ? eq(assuranceRequests.partnershipId, q.partnershipId) : undefined,
    q.personId
      ? sql`exists (select 1 from ${memberships} m where m.person_id = ${q.personId}
          and m.partnership_id = ${assuranceRequests}.partnership_id and m.agency_id = ${assuranceRequests}.agency_id
          and m.role = 'agency_lead' and m.active
          and exists (select 1 from ${partnershipAgencies} pa where pa.partnership_id = m.partnership_id
            and pa.agency_id = m.agency_id and pa.active))`
      : undefined,
  );
}

const assuranceRows = <E extends Record<string, SQL.Aliased | SQL>>(exec: Executor, extra?: E) =>
  exec
    .select({
      id: assuranceRequests.id,
      partnershipId: assuranceRequests.partnershipId,
      title: assuranceRequests.title,
      dueOn: assuranceRequests.dueOn,
      agencyId: assuranceRequests.agencyId,
      agencyName: agencies.name,
      ...(extra as E),
    })
    .from(assuranceRequests)
    .innerJoin(agencies, eq(agencies.id, assuranceRequests.agencyId))
    .$dynamic();

const assuranceItem = (r: { id: string; title: string; dueOn: string; agencyName: string }) => ({
  itemType: 'assurance_request',
  itemId: r.id,
  title: r.title,
  href: `/register/assurance-requests/${r.id}`,
  dueOn: r.dueOn,
  kindLabel: `Assurance request to ${r.agencyName}`,
});

/** Active case review group members of a partnership (who read every case file there). */
async function caseReviewGroupOf(exec: Executor, partnershipId: string) {
  const rows = await exec
    .selectDistinct({ personId: memberships.personId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.role, 'case_review_group_member'),
        eq(memberships.active, true),
        eq(people.active, true),
      ),
    );
  return rows.map((r) => r.personId);
}

/**
 * Rapid review steps (case reviews): open while not done; whose is the step's owner, while the owner may
 * still read the case file (an active case review group member, or named on it). Titles carry the case
 * file's reference, never its label. Seen only by people who may read the case file; the last escalation
 * goes to the case review group, never to the partnership's admins.
 */
export const rapidReviewStepSource: WorkItemSource = {
  itemType: 'rapid_review_step',
  async openItems(exec, q) {
    const rows = await exec
      .select({
        id: rapidReviewSteps.id,
        partnershipId: rapidReviewSteps.partnershipId,
        step: rapidReviewSteps.step,
        dueOn: rapidReviewSteps.dueOn,
        ownerPersonId: rapidReviewSteps.ownerPersonId,
        caseFileId: caseFiles.id,
        number: caseFiles.number,
      })
      .from(rapidReviewSteps)
      .innerJoin(rapidReviews, eq(rapidReviews.id, rapidReviewSteps.rapidReviewId))
      .innerJoin(caseFiles, eq(caseFiles.id, rapidReviews.caseFileId))
      .where(
        and(
          isNull(rapidReviewSteps.doneOn),
          isNotNull(rapidReviewSteps.ownerPersonId),
          q.partnershipId ? eq(rapidReviewSteps.partnershipId, q.partnershipId) : undefined,
          q.personId ? eq(rapidReviewSteps.ownerPersonId, q.personId) : undefined,
          sql`(exists (select 1 from ${memberships} m join ${people} p on p.id = m.person_id
              where m.person_id = ${rapidReviewSteps.ownerPersonId} and m.partnership_id = ${rapidReviewSteps.partnershipId}
                and m.role = 'case_review_group_member' and m.active and p.active)
            or exists (select 1 from ${caseFileAccess} a where a.case_file_id = ${caseFiles.id}
              and a.person_id = ${rapidReviewSteps.ownerPersonId}))`,
        ),
      );
    const group = new Map<string, string[]>();
    for (const pid of new Set(rows.map((r) => r.partnershipId)))
      group.set(pid, await caseReviewGroupOf(exec, pid));
    return rows.map((r) => ({
      itemType: 'rapid_review_step',
      itemId: r.id,
      partnershipId: r.partnershipId,
      title: `${caseFileReference(r.number)} rapid review: ${RAPID_REVIEW_STEP_LABELS[r.step]}`,
      href: `/case-reviews/${r.caseFileId}`,
      dueOn: r.dueOn,
      kindLabel: 'Rapid review step',
      responsiblePersonIds: r.ownerPersonId ? [r.ownerPersonId] : [],
      agencyId: null,
      escalateToInsteadOfAdmins: group.get(r.partnershipId) ?? [],
    }));
  },
  async canSee(exec, actor, itemId) {
    const [row] = await exec
      .select({ caseFileId: rapidReviews.caseFileId })
      .from(rapidReviewSteps)
      .innerJoin(rapidReviews, eq(rapidReviews.id, rapidReviewSteps.rapidReviewId))
      .where(and(eq(rapidReviewSteps.id, itemId), eq(rapidReviewSteps.partnershipId, actor.partnershipId)));
    if (!row) return false;
    try {
      await caseFileFor(exec, actor, row.caseFileId, 'read');
      return true;
    } catch (e) {
      if (e instanceof AppError) return false;
      throw e;
    }
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
  rapidReviewStepSource,
];

export function sourceFor(itemType: string): WorkItemSource | undefined {
  return workItemSources.find((s) => s.itemType === itemType);
}

/** My work's order: soonest due first (so overdue first), undated last; a stable sort keeps each kind's own order. */
const bySoonestDue = (a: { dueOn: IsoDate | null }, b: { dueOn: IsoDate | null }) =>
  (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31');

/**
 * My work, kind by kind: the person's first `limit` open items of each (soonest due first) and how many
 * there are, and how many overdue. A kind with `myItems` answers in a fixed number of queries however
 * many it holds; any other is read through openItems and cut here.
 */
export async function myWorkByKind(
  exec: Executor,
  q: MyItemsQuery,
): Promise<(MyItems & { itemType: string })[]> {
  const out: (MyItems & { itemType: string })[] = [];
  // One source after another: on PGlite queries run one at a time anyway.
  for (const s of workItemSources) {
    if (s.myItems) {
      out.push({ itemType: s.itemType, ...(await s.myItems(exec, q)) });
      continue;
    }
    const mine = (await s.openItems(exec, q))
      .filter((i) => i.responsiblePersonIds.includes(q.personId))
      .sort((a, b) => bySoonestDue(a, b) || a.title.localeCompare(b.title));
    out.push({
      itemType: s.itemType,
      total: mine.length,
      overdue: mine.filter((i) => i.dueOn !== null && i.dueOn < q.today).length,
      items: mine.slice(0, q.limit).map(({ itemType, itemId, title, href, dueOn, kindLabel }) => ({
        itemType,
        itemId,
        title,
        href,
        dueOn,
        kindLabel,
      })),
    });
  }
  return out;
}

/** The first `limit` of every kind's first items, soonest due first (kinds in their sources' order on a tie). */
export function firstOfAll(kinds: MyItems[], limit: number): MyWorkItem[] {
  return kinds
    .flatMap((k) => k.items)
    .sort(bySoonestDue)
    .slice(0, limit);
}

/** Open items from every source. */
export async function openWorkItems(exec: Executor, q: OpenItemsQuery): Promise<WorkItem[]> {
  const lists = [];
  // One source after another: on PGlite queries run one at a time anyway.
  for (const s of workItemSources) lists.push(await s.openItems(exec, q));
  return lists.flat();
}
