import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, max, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TRANSITIONS,
  type ActivityKind,
  type ActivityStatus,
  addMonths,
  CLASH_DEADLINES,
  canMoveActivity,
  KEY_DATE_LABELS,
  KEY_DATES,
  type KeyDate,
  MONTHS_OUTSIDE_YEAR_ALLOWED,
  monthKey,
  monthKeyLabel,
  monthsOfYear,
  oneYearOn,
  quarterOfYear,
  STATUSES_NEEDING_REASON,
  type YearKind,
  yearBounds,
  yearLabel,
} from '../../../contracts/programme.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { auditTemplates } from '../audit-tools/audit-tools.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { priorities } from '../priorities/priorities.tables.js';
import { programmePolicy as policy } from './programme.policy.js';
import type { ActivityInput } from './programme.schemas.js';
import { qaActivities, qaActivityAgencies, qaProgrammes } from './programme.tables.js';

export type ProgrammeService = ReturnType<typeof createProgrammeService>;

const PROGRAMME = 'This programme';
const ACTIVITY = 'This activity';
/** A programme is a year's plan; this keeps one page of it bounded. */
export const MAX_ACTIVITIES_PER_PROGRAMME = 300;

type ProgrammeRow = typeof qaProgrammes.$inferSelect;
type ActivityRow = typeof qaActivities.$inferSelect;
type Ref = { id: string; name: string };

// The outer table is named in full: drizzle writes a lone column unqualified inside the subquery.
const activityCount = sql<number>`(select count(*)::int from ${qaActivities} qa where qa.programme_id = "qa_programmes"."id")`;

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: unknown };
  return err?.code === '23505' || (err?.cause !== undefined && isUniqueViolation(err.cause));
};

/** "12 June 2026" for a calendar date, without going through a time zone. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const longDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${day} ${MONTHS[m - 1]} ${y}`;
};

const alreadyPlanned = (kind: YearKind, startYear: number, existingProgrammeId: string) =>
  new AppError('VALIDATION', 'There is a problem with what you entered', {
    fields: {
      startYear: `There is already a ${kind === 'financial' ? 'financial' : 'academic'} year programme for ${yearLabel(startYear)}. Open that one, or choose another year.`,
    },
    existingProgrammeId,
  });

/** Fields shown in "changes since approval", in order, with their labels. */
const CHANGE_FIELDS: Record<string, string> = {
  title: 'Title',
  kind: 'Kind',
  quarter: 'Quarter',
  status: 'Status',
  statusReason: 'Reason',
  releasedOn: KEY_DATE_LABELS.releasedOn,
  deadlineOn: KEY_DATE_LABELS.deadlineOn,
  meetingOn: KEY_DATE_LABELS.meetingOn,
  reportDueOn: KEY_DATE_LABELS.reportDueOn,
  priority: 'Priority',
  lead: 'Lead',
  agencies: 'Agencies involved',
  template: 'Audit tool',
  description: 'Description',
  active: 'Active',
};

/** A value of an audit snapshot as a person reads it. */
function shown(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'kind') return ACTIVITY_KIND_LABELS[value as ActivityKind] ?? String(value);
  if (field === 'status') return ACTIVITY_STATUS_LABELS[value as ActivityStatus] ?? String(value);
  if (field === 'quarter') return `Q${value}`;
  if (field === 'active') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  return String(value);
}

/** The QA programme: a year's planned assurance activities, their key dates, status and approval. */
export function createProgrammeService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const scopedProgramme = (ctx: ActorContext, id: string) =>
    and(eq(qaProgrammes.id, id), eq(qaProgrammes.partnershipId, ctx.actor.partnershipId));
  const scopedActivity = (ctx: ActorContext, id: string) =>
    and(eq(qaActivities.id, id), eq(qaActivities.partnershipId, ctx.actor.partnershipId));
  const today = () => todayOn(clock);

  function summary(
    ctx: ActorContext,
    p: ProgrammeRow,
    activities: number,
    recordedByName: string | null = null,
  ) {
    const kind = p.yearKind as YearKind;
    return {
      id: p.id,
      startYear: p.startYear,
      yearKind: kind,
      yearLabel: yearLabel(p.startYear),
      title: p.title,
      ...yearBounds(p.startYear, kind),
      active: p.active,
      version: p.version,
      activityCount: activities,
      copiedFromId: p.copiedFromId,
      approval:
        p.approvedBy && p.approvedOn && p.approvalMeeting && p.approvalRecordedAt
          ? {
              approvedBy: p.approvedBy,
              approvedOn: p.approvedOn,
              approvalMeeting: p.approvalMeeting,
              recordedAt: p.approvalRecordedAt.toISOString(),
              recordedByName,
            }
          : null,
      allowedVerbs: allowedVerbs(policy, ctx.actor, undefined),
    };
  }

  async function loadProgramme(exec: Executor, ctx: ActorContext, id: string) {
    const [row] = await exec
      .select({ p: qaProgrammes, activityCount, recordedByName: people.name })
      .from(qaProgrammes)
      .leftJoin(people, eq(people.id, qaProgrammes.approvalRecordedBy))
      .where(scopedProgramme(ctx, id));
    if (!row) throw notFound(PROGRAMME);
    return row;
  }

  const programmeSummary = async (exec: Executor, ctx: ActorContext, id: string) => {
    const r = await loadProgramme(exec, ctx, id);
    return summary(ctx, r.p, r.activityCount, r.recordedByName);
  };

  /** Activities with their priority, lead and agencies: two queries however many there are. */
  async function activitySummaries(exec: Executor, where: SQL | undefined) {
    const lead = people;
    const rows = await exec
      .select({ a: qaActivities, priorityName: priorities.name, leadName: lead.name })
      .from(qaActivities)
      .leftJoin(priorities, eq(priorities.id, qaActivities.priorityId))
      .leftJoin(lead, eq(lead.id, qaActivities.leadPersonId))
      .where(where)
      .orderBy(
        asc(qaActivities.quarter),
        asc(
          sql`coalesce(${qaActivities.releasedOn}, ${qaActivities.deadlineOn}, ${qaActivities.meetingOn}, ${qaActivities.reportDueOn})`,
        ),
        asc(sql`lower(${qaActivities.title})`),
        asc(qaActivities.id),
      );
    const ids = rows.map((r) => r.a.id);
    const links = ids.length
      ? await exec
          .select({ activityId: qaActivityAgencies.activityId, id: agencies.id, name: agencies.name })
          .from(qaActivityAgencies)
          .innerJoin(agencies, eq(agencies.id, qaActivityAgencies.agencyId))
          .where(inArray(qaActivityAgencies.activityId, ids))
          .orderBy(asc(sql`lower(${agencies.name})`))
      : [];
    const byActivity = new Map<string, Ref[]>();
    for (const l of links) {
      const list = byActivity.get(l.activityId) ?? [];
      list.push({ id: l.id, name: l.name });
      byActivity.set(l.activityId, list);
    }
    return rows.map((r) => ({
      row: r.a,
      view: {
        id: r.a.id,
        programmeId: r.a.programmeId,
        kind: r.a.kind as ActivityKind,
        title: r.a.title,
        quarter: r.a.quarter,
        status: r.a.status as ActivityStatus,
        statusReason: r.a.statusReason,
        releasedOn: r.a.releasedOn,
        deadlineOn: r.a.deadlineOn,
        meetingOn: r.a.meetingOn,
        reportDueOn: r.a.reportDueOn,
        priority: r.a.priorityId && r.priorityName ? { id: r.a.priorityId, name: r.priorityName } : null,
        lead: r.a.leadPersonId && r.leadName ? { id: r.a.leadPersonId, name: r.leadName } : null,
        agencies: byActivity.get(r.a.id) ?? [],
        version: r.a.version,
      },
    }));
  }
  type ActivitySummary = Awaited<ReturnType<typeof activitySummaries>>[number]['view'];

  async function activityDetail(exec: Executor, ctx: ActorContext, id: string) {
    const [found] = await activitySummaries(exec, scopedActivity(ctx, id));
    if (!found) throw notFound(ACTIVITY);
    const { row, view } = found;
    const [p] = await exec.select().from(qaProgrammes).where(eq(qaProgrammes.id, row.programmeId));
    const [template] = row.templateId
      ? await exec
          .select({ id: auditTemplates.id, title: auditTemplates.title })
          .from(auditTemplates)
          .where(eq(auditTemplates.id, row.templateId))
      : [];
    return {
      ...view,
      description: row.description,
      template: template ?? null,
      programme: {
        id: p.id,
        title: p.title,
        startYear: p.startYear,
        yearKind: p.yearKind as YearKind,
        yearLabel: yearLabel(p.startYear),
        active: p.active,
      },
      nextStatuses: [...ACTIVITY_TRANSITIONS[view.status]],
      allowedVerbs: allowedVerbs(policy, ctx.actor, undefined),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  type ActivityDetail = Awaited<ReturnType<typeof activityDetail>>;

  /** What the audit log keeps of an activity: readable names rather than ids, so changes read well later. */
  const snapshot = (a: ActivityDetail) => ({
    programmeId: a.programme.id,
    title: a.title,
    kind: a.kind,
    quarter: a.quarter,
    status: a.status,
    statusReason: a.statusReason,
    releasedOn: a.releasedOn,
    deadlineOn: a.deadlineOn,
    meetingOn: a.meetingOn,
    reportDueOn: a.reportDueOn,
    priority: a.priority?.name ?? null,
    lead: a.lead?.name ?? null,
    agencies: a.agencies.map((x) => x.name),
    template: a.template?.title ?? null,
    description: a.description,
  });

  const programmeSnapshot = (p: ProgrammeRow) => ({
    title: p.title,
    startYear: p.startYear,
    yearKind: p.yearKind,
    approvedBy: p.approvedBy,
    approvedOn: p.approvedOn,
    approvalMeeting: p.approvalMeeting,
    active: p.active,
  });

  /** The audit row that recorded the programme's latest approval; later rows are "changes since". */
  async function approvalBoundary(exec: Executor, ctx: ActorContext, programmeId: string) {
    const [row] = await exec
      .select({ id: max(auditLog.id) })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.partnershipId, ctx.actor.partnershipId),
          eq(auditLog.entity, 'qa_programme'),
          eq(auditLog.entityId, programmeId),
          eq(auditLog.action, 'approval_recorded'),
        ),
      );
    return row?.id ?? null;
  }

  function changesWhere(ctx: ActorContext, programmeId: string, boundary: number) {
    return and(
      eq(auditLog.partnershipId, ctx.actor.partnershipId),
      gt(auditLog.id, boundary),
      or(
        and(eq(auditLog.entity, 'qa_programme'), eq(auditLog.entityId, programmeId)),
        and(
          eq(auditLog.entity, 'qa_activity'),
          inArray(
            auditLog.entityId,
            db
              .select({ id: sql<string>`${qaActivities.id}::text` })
              .from(qaActivities)
              .where(eq(qaActivities.programmeId, programmeId)),
          ),
        ),
      ),
    );
  }

  /**
   * Checks an activity's key dates and references: dates near the programme year and the deadline not
   * before the release; the lead an active member; agencies active in the partnership; priority and
   * audit tool the partnership's own. What the activity already has is always accepted again, so a
   * change elsewhere never fails because, say, its lead has since left.
   */
  async function checkActivity(
    exec: Executor,
    ctx: ActorContext,
    p: ProgrammeRow,
    input: ActivityInput | Omit<ActivityInput, 'version'>,
    current?: { row: ActivityRow; agencyIds: string[] },
  ) {
    const fields: FieldErrors = {};
    const { startsOn, endsOn } = yearBounds(p.startYear, p.yearKind as YearKind);
    const earliest = addMonths(startsOn, -MONTHS_OUTSIDE_YEAR_ALLOWED);
    const latest = addMonths(endsOn, MONTHS_OUTSIDE_YEAR_ALLOWED);
    for (const k of KEY_DATES) {
      const d = input[k];
      if (d && (d < earliest || d > latest))
        fields[k] =
          `${KEY_DATE_LABELS[k]} must be between ${longDate(earliest)} and ${longDate(latest)}, near the programme year ${yearLabel(p.startYear)}`;
    }
    if (!fields.deadlineOn && input.releasedOn && input.deadlineOn && input.deadlineOn < input.releasedOn)
      fields.deadlineOn = 'The deadline must be on or after the date the activity is released';

    const pid = ctx.actor.partnershipId;
    if (input.priorityId && input.priorityId !== current?.row.priorityId) {
      const [pr] = await exec
        .select({ id: priorities.id })
        .from(priorities)
        .where(
          and(
            eq(priorities.id, input.priorityId),
            eq(priorities.partnershipId, pid),
            eq(priorities.active, true),
          ),
        );
      if (!pr) fields.priorityId = 'Choose one of the partnership’s active priorities';
    }
    if (input.templateId && input.templateId !== current?.row.templateId) {
      const [tpl] = await exec
        .select({ id: auditTemplates.id })
        .from(auditTemplates)
        .where(
          and(
            eq(auditTemplates.id, input.templateId),
            eq(auditTemplates.partnershipId, pid),
            eq(auditTemplates.active, true),
          ),
        );
      if (!tpl) fields.templateId = 'Choose one of the partnership’s active audit tools';
    }
    if (input.leadPersonId && input.leadPersonId !== current?.row.leadPersonId) {
      const [m] = await exec
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(
          and(
            eq(memberships.partnershipId, pid),
            eq(memberships.personId, input.leadPersonId),
            eq(memberships.active, true),
            eq(people.active, true),
          ),
        )
        .limit(1);
      if (!m) fields.leadPersonId = 'Choose a lead who is an active member of this partnership';
    }
    const wanted = [...new Set(input.agencyIds ?? [])].filter((id) => !current?.agencyIds.includes(id));
    if (wanted.length) {
      const ok = await exec
        .select({ id: partnershipAgencies.agencyId })
        .from(partnershipAgencies)
        .where(
          and(
            eq(partnershipAgencies.partnershipId, pid),
            eq(partnershipAgencies.active, true),
            inArray(partnershipAgencies.agencyId, wanted),
          ),
        );
      if (ok.length !== wanted.length)
        fields.agencyIds = 'Choose agencies that are active in this partnership';
    }
    if (Object.keys(fields).length) throw invalid(fields);
  }

  const inactiveProgramme = () =>
    new AppError(
      'INVALID_TRANSITION',
      'This programme is deactivated. Reactivate it before planning or changing its activities.',
    );

  const activityValues = (input: ActivityInput | Omit<ActivityInput, 'version'>) => ({
    kind: input.kind,
    title: input.title,
    description: input.description || null,
    priorityId: input.priorityId || null,
    leadPersonId: input.leadPersonId || null,
    templateId: input.templateId || null,
    quarter: input.quarter,
    releasedOn: input.releasedOn || null,
    deadlineOn: input.deadlineOn || null,
    meetingOn: input.meetingOn || null,
    reportDueOn: input.reportDueOn || null,
  });

  /** Every key date of the given activities, as (month, entry) pairs sorted by date. */
  function keyDateEntries(list: ActivitySummary[], keys: readonly KeyDate[] = KEY_DATES) {
    const entries: { date: string; keyDate: KeyDate; activity: ActivitySummary }[] = [];
    for (const a of list)
      for (const k of keys) if (a[k]) entries.push({ date: a[k] as string, keyDate: k, activity: a });
    entries.sort(
      (x, y) =>
        x.date.localeCompare(y.date) ||
        KEY_DATES.indexOf(x.keyDate) - KEY_DATES.indexOf(y.keyDate) ||
        x.activity.title.localeCompare(y.activity.title),
    );
    return entries;
  }

  /** The programme year's twelve months, plus any month just outside it that has an entry. */
  function byMonth<E extends { date: string }>(p: ProgrammeRow, entries: E[]) {
    const months = new Map<string, { month: string; label: string; inYear: boolean; entries: E[] }>();
    for (const m of monthsOfYear(p.startYear, p.yearKind as YearKind)) {
      const key = monthKey(m.year, m.month);
      months.set(key, { month: key, label: monthKeyLabel(key), inYear: true, entries: [] });
    }
    for (const e of entries) {
      const key = e.date.slice(0, 7);
      const m = months.get(key) ?? { month: key, label: monthKeyLabel(key), inYear: false, entries: [] };
      m.entries.push(e);
      months.set(key, m);
    }
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }

  return {
    /** The partnership's programmes, newest year first. */
    async listProgrammes(ctx: ActorContext, q: PageQuery) {
      authorize(policy, ctx.actor, 'read', undefined);
      const where = and(
        eq(qaProgrammes.partnershipId, ctx.actor.partnershipId),
        q.includeInactive ? undefined : eq(qaProgrammes.active, true),
      );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ p: qaProgrammes, activityCount, recordedByName: people.name })
          .from(qaProgrammes)
          .leftJoin(people, eq(people.id, qaProgrammes.approvalRecordedBy))
          .where(where)
          .orderBy(desc(qaProgrammes.startYear), asc(qaProgrammes.yearKind), asc(qaProgrammes.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: count() }).from(qaProgrammes).where(where),
      ]);
      return {
        items: rows.map((r) => summary(ctx, r.p, r.activityCount, r.recordedByName)),
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** One programme with its quarters and every activity in it. */
    async getProgramme(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      const r = await loadProgramme(db, ctx, id);
      const list = await activitySummaries(db, eq(qaActivities.programmeId, id));
      const boundary = await approvalBoundary(db, ctx, id);
      const [changed] = boundary
        ? await db
            .select({ n: count() })
            .from(auditLog)
            .where(changesWhere(ctx, id, boundary))
        : [{ n: 0 }];
      return {
        ...summary(ctx, r.p, r.activityCount, r.recordedByName),
        quarters: [1, 2, 3, 4].map((q) => quarterOfYear(r.p.startYear, r.p.yearKind as YearKind, q)),
        activities: list.map((x) => x.view),
        changesSinceApproval: Number(changed.n),
      };
    },

    /** Starts a programme for a year; one active programme per year and kind of year. */
    async createProgramme(
      ctx: ActorContext,
      input: { startYear: number; yearKind: YearKind; title: string },
    ) {
      authorize(policy, ctx.actor, 'write', undefined);
      try {
        const id = await db.transaction(async (tx) => {
          const [existing] = await tx
            .select({ id: qaProgrammes.id })
            .from(qaProgrammes)
            .where(
              and(
                eq(qaProgrammes.partnershipId, ctx.actor.partnershipId),
                eq(qaProgrammes.yearKind, input.yearKind),
                eq(qaProgrammes.startYear, input.startYear),
                eq(qaProgrammes.active, true),
              ),
            );
          if (existing) throw alreadyPlanned(input.yearKind, input.startYear, existing.id);
          const [row] = await tx
            .insert(qaProgrammes)
            .values({
              partnershipId: ctx.actor.partnershipId,
              startYear: input.startYear,
              yearKind: input.yearKind,
              title: input.title,
            })
            .returning();
          await writeAudit(tx, ctx, {
            entity: 'qa_programme',
            entityId: row.id,
            action: 'created',
            after: programmeSnapshot(row),
          });
          return row.id;
        });
        return this.getProgramme(ctx, id);
      } catch (e) {
        if (isUniqueViolation(e)) throw alreadyPlanned(input.yearKind, input.startYear, '');
        throw e;
      }
    },

    /** Renames a programme (its year is fixed: copy forward makes the next one). */
    async updateProgramme(ctx: ActorContext, id: string, input: { title: string; version: number }) {
      authorize(policy, ctx.actor, 'write', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, qaProgrammes, qaProgrammes.id, id);
        const { p: before, activityCount: n, recordedByName } = await loadProgramme(tx, ctx, id);
        if (before.version !== input.version)
          throw conflict('Someone else changed this programme. Check their changes.', {
            current: summary(ctx, before, n, recordedByName),
          });
        const [after] = await tx
          .update(qaProgrammes)
          .set({ title: input.title, version: before.version + 1, updatedAt: clock.now() })
          .where(scopedProgramme(ctx, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'qa_programme',
          entityId: id,
          action: 'updated',
          before: programmeSnapshot(before),
          after: programmeSnapshot(after),
        });
      });
      return this.getProgramme(ctx, id);
    },

    /** Records that the Executive approved the programme: who for it, on which date, at which meeting. */
    async recordApproval(
      ctx: ActorContext,
      id: string,
      input: { approvedBy: string; approvedOn: string; approvalMeeting: string; version: number },
    ) {
      authorize(policy, ctx.actor, 'approve', undefined);
      if (input.approvedOn > today())
        throw invalid({ approvedOn: 'The date of approval must be today or in the past' });
      await db.transaction(async (tx) => {
        await lockRow(tx, qaProgrammes, qaProgrammes.id, id);
        const { p: before, activityCount: n, recordedByName } = await loadProgramme(tx, ctx, id);
        if (!before.active) throw inactiveProgramme();
        if (before.version !== input.version)
          throw conflict('Someone else changed this programme. Check their changes.', {
            current: summary(ctx, before, n, recordedByName),
          });
        const now = clock.now();
        const [after] = await tx
          .update(qaProgrammes)
          .set({
            approvedBy: input.approvedBy,
            approvedOn: input.approvedOn,
            approvalMeeting: input.approvalMeeting,
            approvalRecordedAt: now,
            approvalRecordedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(scopedProgramme(ctx, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'qa_programme',
          entityId: id,
          action: 'approval_recorded',
          before: programmeSnapshot(before),
          after: programmeSnapshot(after),
        });
      });
      return this.getProgramme(ctx, id);
    },

    /** Every change to the programme or its activities logged after the approval was recorded, newest first. */
    async listChangesSinceApproval(ctx: ActorContext, id: string, q: { page: number; pageSize: number }) {
      authorize(policy, ctx.actor, 'read', undefined);
      const { p } = await loadProgramme(db, ctx, id);
      const boundary = await approvalBoundary(db, ctx, id);
      const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      if (!boundary || !p.approvalRecordedAt) return { ...empty, approvalRecordedAt: null };
      const where = changesWhere(ctx, id, boundary);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ l: auditLog, personName: people.name })
          .from(auditLog)
          .leftJoin(people, eq(people.id, auditLog.personId))
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: count() }).from(auditLog).where(where),
      ]);
      return {
        items: rows.map(({ l, personName }) => {
          const before = (l.before ?? {}) as Record<string, unknown>;
          const after = (l.after ?? {}) as Record<string, unknown>;
          const changes = Object.entries(CHANGE_FIELDS)
            .map(([field, label]) => ({
              field,
              label,
              before: shown(field, before[field]),
              after: shown(field, after[field]),
            }))
            .filter((c) => c.before !== c.after);
          const isActivity = l.entity === 'qa_activity';
          return {
            id: l.id,
            at: l.at.toISOString(),
            personName,
            entity: isActivity ? ('activity' as const) : ('programme' as const),
            entityId: l.entityId ?? '',
            activityTitle: isActivity ? String(after.title ?? before.title ?? '') || null : null,
            action: l.action,
            changes,
          };
        }),
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
        approvalRecordedAt: p.approvalRecordedAt.toISOString(),
      };
    },

    /**
     * Starts next year's programme from this one: every activity that was not cancelled, as planned,
     * with its dates one year on (29 February becomes 28 February). Approval is not copied.
     */
    async copyForward(ctx: ActorContext, id: string, input: { title?: string }) {
      authorize(policy, ctx.actor, 'write', undefined);
      const refuse = (existingProgrammeId: string, label: string) =>
        conflict(`There is already a programme for ${label}. Open it instead of copying this one.`, {
          existingProgrammeId,
        });
      let newId: string;
      try {
        newId = await db.transaction(async (tx) => {
          const { p: source } = await loadProgramme(tx, ctx, id);
          if (!source.active) throw inactiveProgramme();
          const startYear = source.startYear + 1;
          const [existing] = await tx
            .select({ id: qaProgrammes.id })
            .from(qaProgrammes)
            .where(
              and(
                eq(qaProgrammes.partnershipId, ctx.actor.partnershipId),
                eq(qaProgrammes.yearKind, source.yearKind),
                eq(qaProgrammes.startYear, startYear),
                eq(qaProgrammes.active, true),
              ),
            );
          if (existing) throw refuse(existing.id, yearLabel(startYear));
          const title =
            input.title ?? source.title.replace(yearLabel(source.startYear), yearLabel(startYear));
          const [target] = await tx
            .insert(qaProgrammes)
            .values({
              partnershipId: ctx.actor.partnershipId,
              startYear,
              yearKind: source.yearKind,
              title,
              copiedFromId: source.id,
            })
            .returning();
          const sources = await tx
            .select()
            .from(qaActivities)
            .where(and(eq(qaActivities.programmeId, source.id), ne(qaActivities.status, 'cancelled')));
          const moved = (d: string | null) => (d ? oneYearOn(d) : null);
          const copies = sources.map((a) => ({
            id: randomUUID(),
            partnershipId: ctx.actor.partnershipId,
            programmeId: target.id,
            kind: a.kind,
            title: a.title,
            description: a.description,
            priorityId: a.priorityId,
            leadPersonId: a.leadPersonId,
            quarter: a.quarter,
            releasedOn: moved(a.releasedOn),
            deadlineOn: moved(a.deadlineOn),
            meetingOn: moved(a.meetingOn),
            reportDueOn: moved(a.reportDueOn),
            status: 'planned',
            templateId: a.templateId,
            copiedFromId: a.id,
          }));
          if (copies.length) {
            await tx.insert(qaActivities).values(copies);
            const newIdOf = new Map(copies.map((c) => [c.copiedFromId, c.id]));
            // Only agencies still active in the partnership are asked again next year.
            const links = await tx
              .select({ activityId: qaActivityAgencies.activityId, agencyId: qaActivityAgencies.agencyId })
              .from(qaActivityAgencies)
              .innerJoin(
                partnershipAgencies,
                and(
                  eq(partnershipAgencies.agencyId, qaActivityAgencies.agencyId),
                  eq(partnershipAgencies.partnershipId, ctx.actor.partnershipId),
                  eq(partnershipAgencies.active, true),
                ),
              )
              .where(
                inArray(
                  qaActivityAgencies.activityId,
                  sources.map((a) => a.id),
                ),
              );
            if (links.length)
              await tx
                .insert(qaActivityAgencies)
                .values(links.map((l) => ({ activityId: newIdOf.get(l.activityId)!, agencyId: l.agencyId })));
          }
          await writeAudit(tx, ctx, {
            entity: 'qa_programme',
            entityId: target.id,
            action: 'copied_forward',
            after: {
              ...programmeSnapshot(target),
              copiedFromId: source.id,
              activities: copies.map((c) => ({ id: c.id, title: c.title, copiedFromId: c.copiedFromId })),
              leftOutCancelled: (
                await tx
                  .select({ n: count() })
                  .from(qaActivities)
                  .where(and(eq(qaActivities.programmeId, source.id), eq(qaActivities.status, 'cancelled')))
              )[0].n,
            },
          });
          return target.id;
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          const { p } = await loadProgramme(db, ctx, id);
          throw refuse('', yearLabel(p.startYear + 1));
        }
        throw e;
      }
      return this.getProgramme(ctx, newId);
    },

    /** Deactivates or reactivates a programme; its activities are kept either way. */
    async setProgrammeActive(ctx: ActorContext, id: string, active: boolean) {
      authorize(policy, ctx.actor, 'write', undefined);
      try {
        await db.transaction(async (tx) => {
          // Locked first, like every versioned update: two people toggling at once must not share a version.
          await lockRow(tx, qaProgrammes, qaProgrammes.id, id);
          const { p: before } = await loadProgramme(tx, ctx, id);
          if (before.active === active) return;
          const [after] = await tx
            .update(qaProgrammes)
            .set({ active, version: before.version + 1, updatedAt: clock.now() })
            .where(scopedProgramme(ctx, id))
            .returning();
          await writeAudit(tx, ctx, {
            entity: 'qa_programme',
            entityId: id,
            action: active ? 'reactivated' : 'deactivated',
            before: programmeSnapshot(before),
            after: programmeSnapshot(after),
          });
        });
      } catch (e) {
        if (isUniqueViolation(e))
          throw conflict(
            'Another active programme covers the same year. Deactivate that one first, or keep this one deactivated.',
          );
        throw e;
      }
      return this.getProgramme(ctx, id);
    },

    /** The year as a grid of quarters, each with its activities. */
    async getQuarterGrid(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      const programme = await programmeSummary(db, ctx, id);
      const list = (await activitySummaries(db, eq(qaActivities.programmeId, id))).map((x) => x.view);
      return {
        programme,
        quarters: [1, 2, 3, 4].map((q) => ({
          ...quarterOfYear(programme.startYear, programme.yearKind, q),
          activities: list.filter((a) => a.quarter === q),
        })),
      };
    },

    /** Every key date of the programme's activities, month by month. */
    async getMonthList(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      const { p, activityCount: n, recordedByName } = await loadProgramme(db, ctx, id);
      const list = (await activitySummaries(db, eq(qaActivities.programmeId, id))).map((x) => x.view);
      return { programme: summary(ctx, p, n, recordedByName), months: byMonth(p, keyDateEntries(list)) };
    },

    /** What the programme asks of one agency, month by month, with counts so workload clashes show. */
    async getAgencyView(ctx: ActorContext, id: string, agencyId: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      const { p, activityCount: n, recordedByName } = await loadProgramme(db, ctx, id);
      const [agency] = await db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .innerJoin(
          partnershipAgencies,
          and(
            eq(partnershipAgencies.agencyId, agencies.id),
            eq(partnershipAgencies.partnershipId, ctx.actor.partnershipId),
          ),
        )
        .where(eq(agencies.id, agencyId));
      if (!agency) throw notFound('This agency');
      const list = (
        await activitySummaries(
          db,
          and(
            eq(qaActivities.programmeId, id),
            inArray(
              qaActivities.id,
              db
                .select({ id: qaActivityAgencies.activityId })
                .from(qaActivityAgencies)
                .where(eq(qaActivityAgencies.agencyId, agencyId)),
            ),
          ),
        )
      ).map((x) => x.view);
      // Cancelled and deferred work asks nothing of the agency, so it does not count towards a clash.
      const live = list.filter((a) => a.status !== 'cancelled' && a.status !== 'deferred');
      const months = byMonth(p, keyDateEntries(live)).map((m) => {
        const deadlines = m.entries.filter((e) => e.keyDate === 'deadlineOn').length;
        return { ...m, count: m.entries.length, deadlines, clash: deadlines >= CLASH_DEADLINES };
      });
      return { programme: summary(ctx, p, n, recordedByName), agency, activities: list, months };
    },

    async getActivity(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      return activityDetail(db, ctx, id);
    },

    /** Plans an activity in a programme. */
    async createActivity(ctx: ActorContext, input: Omit<ActivityInput, 'version'> & { programmeId: string }) {
      authorize(policy, ctx.actor, 'write', undefined);
      const id = await db.transaction(async (tx) => {
        const { p, activityCount: n } = await loadProgramme(tx, ctx, input.programmeId);
        if (!p.active) throw inactiveProgramme();
        if (n >= MAX_ACTIVITIES_PER_PROGRAMME)
          throw new AppError(
            'INVALID_TRANSITION',
            `A programme can hold up to ${MAX_ACTIVITIES_PER_PROGRAMME} activities. Cancel or move some first.`,
          );
        await checkActivity(tx, ctx, p, input);
        const [row] = await tx
          .insert(qaActivities)
          .values({ partnershipId: ctx.actor.partnershipId, programmeId: p.id, ...activityValues(input) })
          .returning();
        const agencyIds = [...new Set(input.agencyIds ?? [])];
        if (agencyIds.length)
          await tx
            .insert(qaActivityAgencies)
            .values(agencyIds.map((agencyId) => ({ activityId: row.id, agencyId })));
        const after = await activityDetail(tx, ctx, row.id);
        await writeAudit(tx, ctx, {
          entity: 'qa_activity',
          entityId: row.id,
          action: 'created',
          after: snapshot(after),
        });
        return row.id;
      });
      return activityDetail(db, ctx, id);
    },

    /** Changes an activity's details; a stale version answers CONFLICT with the saved activity. */
    async updateActivity(ctx: ActorContext, id: string, input: ActivityInput) {
      authorize(policy, ctx.actor, 'write', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, qaActivities, qaActivities.id, id);
        const before = await activityDetail(tx, ctx, id);
        if (before.version !== input.version)
          throw conflict('Someone else changed this activity. Check their changes.', { current: before });
        const [p] = await tx.select().from(qaProgrammes).where(eq(qaProgrammes.id, before.programme.id));
        if (!p.active) throw inactiveProgramme();
        const [row] = await tx.select().from(qaActivities).where(scopedActivity(ctx, id));
        await checkActivity(tx, ctx, p, input, { row, agencyIds: before.agencies.map((a) => a.id) });
        await tx
          .update(qaActivities)
          .set({ ...activityValues(input), version: before.version + 1, updatedAt: clock.now() })
          .where(scopedActivity(ctx, id));
        await tx.delete(qaActivityAgencies).where(eq(qaActivityAgencies.activityId, id));
        const agencyIds = [...new Set(input.agencyIds ?? [])];
        if (agencyIds.length)
          await tx
            .insert(qaActivityAgencies)
            .values(agencyIds.map((agencyId) => ({ activityId: id, agencyId })));
        const after = await activityDetail(tx, ctx, id);
        await writeAudit(tx, ctx, {
          entity: 'qa_activity',
          entityId: id,
          action: 'updated',
          before: snapshot(before),
          after: snapshot(after),
        });
      });
      return activityDetail(db, ctx, id);
    },

    /** Moves an activity along its workflow; cancelling or deferring needs a reason. */
    async changeActivityStatus(
      ctx: ActorContext,
      id: string,
      input: { status: ActivityStatus; reason?: string | null; version: number },
    ) {
      authorize(policy, ctx.actor, 'write', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, qaActivities, qaActivities.id, id);
        const before = await activityDetail(tx, ctx, id);
        if (before.version !== input.version)
          throw conflict('Someone else changed this activity. Check their changes.', { current: before });
        if (!before.programme.active) throw inactiveProgramme();
        if (!canMoveActivity(before.status, input.status))
          throw new AppError(
            'INVALID_TRANSITION',
            `An activity that is ${ACTIVITY_STATUS_LABELS[before.status].toLowerCase()} cannot become ${ACTIVITY_STATUS_LABELS[input.status].toLowerCase()}. Choose one of: ${ACTIVITY_TRANSITIONS[
              before.status
            ]
              .map((s) => ACTIVITY_STATUS_LABELS[s].toLowerCase())
              .join(', ')}.`,
          );
        const needsReason = STATUSES_NEEDING_REASON.includes(input.status);
        if (needsReason && !input.reason)
          throw invalid({
            reason:
              input.status === 'cancelled'
                ? 'Enter why the activity was cancelled'
                : 'Enter why the activity was deferred, and until when',
          });
        await tx
          .update(qaActivities)
          .set({
            status: input.status,
            statusReason: needsReason ? (input.reason ?? null) : null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(scopedActivity(ctx, id));
        const after = await activityDetail(tx, ctx, id);
        await writeAudit(tx, ctx, {
          entity: 'qa_activity',
          entityId: id,
          action: 'status_changed',
          before: snapshot(before),
          after: snapshot(after),
        });
      });
      return activityDetail(db, ctx, id);
    },
  };
}
