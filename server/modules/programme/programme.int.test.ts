import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { auditTemplates } from '../audit-tools/audit-tools.tables.js';
import { memberships } from '../people/people.tables.js';
import { priorities } from '../priorities/priorities.tables.js';
import { qaActivities } from './programme.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T10:00:00Z' });
});
afterAll(() => t.close());

/** A partnership with an admin, a QA member, a board viewer, two agencies, a priority and an audit tool. */
async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const police = await buildAgency(t.db, { partnershipId: p.id, name: 'Police' });
  const health = await buildAgency(t.db, { partnershipId: p.id, name: 'Health' });
  const [priority] = await t.db
    .insert(priorities)
    .values({ partnershipId: p.id, name: 'Neglect' })
    .returning();
  const [template] = await t.db
    .insert(auditTemplates)
    .values({ partnershipId: p.id, title: 'Case file audit', kind: 'case_audit' })
    .returning();
  const c = await t.signIn(admin.email);
  const base = `/api/v1/partnerships/${p.id}`;
  return { p, admin, qa, viewer, police, health, priority, template, c, base };
}
type World = Awaited<ReturnType<typeof world>>;

async function programmeOf(w: World, startYear = 2026) {
  const res = await w.c.post(`${w.base}/programmes`, {
    startYear,
    yearKind: 'financial',
    title: `QA programme ${startYear}–${String((startYear + 1) % 100).padStart(2, '0')}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const activityBody = (w: World, programmeId: string, over: Record<string, unknown> = {}) => ({
  programmeId,
  kind: 'multi_agency_case_audit',
  title: 'Neglect: children under five',
  description: 'Five cases across levels of need',
  priorityId: w.priority.id,
  leadPersonId: w.qa.id,
  templateId: w.template.id,
  quarter: 1,
  agencyIds: [w.police.id, w.health.id],
  releasedOn: '2026-05-01',
  deadlineOn: '2026-06-12',
  meetingOn: '2026-06-26',
  reportDueOn: '2026-07-31',
  ...over,
});

async function activityIn(w: World, programmeId: string, over: Record<string, unknown> = {}) {
  const res = await w.c.post(`${w.base}/activities`, activityBody(w, programmeId, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('programmes', () => {
  it('starts a financial-year programme with its four quarters, and audits it', async () => {
    const w = await world();
    const res = await w.c.post(`${w.base}/programmes`, { startYear: 2026, title: '  QA programme 2026–27 ' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      startYear: 2026,
      yearKind: 'financial',
      yearLabel: '2026–27',
      title: 'QA programme 2026–27',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      active: true,
      activityCount: 0,
      approval: null,
      changesSinceApproval: 0,
      activities: [],
      allowedVerbs: ['read', 'write', 'approve'],
    });
    expect(body.quarters.map((q: { label: string }) => q.label)).toEqual([
      'April to June 2026',
      'July to September 2026',
      'October to December 2026',
      'January to March 2027',
    ]);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, body.id), eq(auditLog.action, 'created')));
    expect(row).toMatchObject({ entity: 'qa_programme', partnershipId: w.p.id, personId: w.admin.id });
  });

  it('offers an academic year, running September to August', async () => {
    const w = await world();
    const res = await w.c.post(`${w.base}/programmes`, {
      startYear: 2026,
      yearKind: 'academic',
      title: 'Education audits 2026–27',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ startsOn: '2026-09-01', endsOn: '2027-08-31' });
    expect(res.json().quarters[1].label).toBe('December 2026 to February 2027');
  });

  it('refuses a second programme for the same year, naming the field and the existing programme', async () => {
    const w = await world();
    const first = await programmeOf(w);
    const again = await w.c.post(`${w.base}/programmes`, { startYear: 2026, title: 'Another' });
    expect(again.statusCode).toBe(400);
    expect(again.json().details.fields.startYear).toMatch(/already a financial year programme for 2026–27/);
    expect(again.json().details.existingProgrammeId).toBe(first.id);
  });

  it('says what to do about a missing year or title', async () => {
    const w = await world();
    const res = await w.c.post(`${w.base}/programmes`, { title: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toMatchObject({
      startYear: 'Enter the year the programme starts, for example 2026',
      title: 'Enter a title for the programme',
    });
  });

  it('lists programmes newest year first, a page at a time, leaving out deactivated ones unless asked', async () => {
    const w = await world();
    await programmeOf(w, 2025);
    const latest = await programmeOf(w, 2026);
    const old = await programmeOf(w, 2024);
    await w.c.post(`${w.base}/programmes/${old.id}/deactivate`);
    const list = (await w.c.get(`${w.base}/programmes?pageSize=1`)).json();
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.items[0]).toMatchObject({ id: latest.id, startYear: 2026 });
    const all = (await w.c.get(`${w.base}/programmes?includeInactive=true`)).json();
    expect(all.items.map((p: { startYear: number }) => p.startYear)).toEqual([2026, 2025, 2024]);
  });

  it('renames a programme, refusing a stale version with both versions to compare', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const ok = await w.c.put(`${w.base}/programmes/${p.id}`, { title: 'Renamed', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'Renamed', version: 2 });
    const stale = await w.c.put(`${w.base}/programmes/${p.id}`, { title: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      details: { current: { title: 'Renamed', version: 2 } },
    });
  });

  it('will not reactivate a programme while another covers the same year', async () => {
    const w = await world();
    const p = await programmeOf(w);
    expect((await w.c.post(`${w.base}/programmes/${p.id}/deactivate`)).json().active).toBe(false);
    await programmeOf(w);
    const res = await w.c.post(`${w.base}/programmes/${p.id}/reactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/Another active programme covers the same year/);
  });

  it('lets every member read but only admins and the QA group plan', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const viewer = await t.signIn(w.viewer.email);
    const read = await viewer.get(`${w.base}/programmes/${p.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().allowedVerbs).toEqual(['read']);
    expect((await viewer.post(`${w.base}/activities`, activityBody(w, p.id))).statusCode).toBe(403);
    const qa = await t.signIn(w.qa.email);
    expect((await qa.post(`${w.base}/activities`, activityBody(w, p.id))).statusCode).toBe(201);
    const approval = {
      approvedBy: 'Chair',
      approvedOn: '2026-04-20',
      approvalMeeting: 'Executive',
      version: 1,
    };
    expect((await qa.post(`${w.base}/programmes/${p.id}/approval`, approval)).statusCode).toBe(403);
  });
});

describe('activities', () => {
  it('plans an activity with its lead, agencies, priority, audit tool and key dates, and audits names not ids', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    expect(a).toMatchObject({
      kind: 'multi_agency_case_audit',
      title: 'Neglect: children under five',
      quarter: 1,
      status: 'planned',
      statusReason: null,
      deadlineOn: '2026-06-12',
      priority: { id: w.priority.id, name: 'Neglect' },
      lead: { id: w.qa.id, name: w.qa.name },
      agencies: [
        { id: w.health.id, name: 'Health' },
        { id: w.police.id, name: 'Police' },
      ],
      template: { id: w.template.id, title: 'Case file audit' },
      programme: { id: p.id, yearLabel: '2026–27', active: true },
      nextStatuses: ['in_progress', 'cancelled', 'deferred'],
      version: 1,
    });
    expect((await w.c.get(`${w.base}/activities/${a.id}`)).json()).toEqual(a);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'qa_activity'), eq(auditLog.entityId, a.id)));
    expect(row.after).toMatchObject({ lead: w.qa.name, agencies: ['Health', 'Police'], priority: 'Neglect' });
  });

  it('names each field that is wrong and says what to do', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const res = await w.c.post(
      `${w.base}/activities`,
      activityBody(w, p.id, { quarter: 5, kind: 'picnic', title: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toMatchObject({
      quarter: 'Choose a quarter from 1 to 4',
      kind: 'Select the kind of activity',
      title: 'Enter a title for the activity',
    });

    const dates = await w.c.post(
      `${w.base}/activities`,
      activityBody(w, p.id, {
        releasedOn: '2026-06-01',
        deadlineOn: '2026-05-01',
        reportDueOn: '2028-01-01',
      }),
    );
    expect(dates.statusCode).toBe(400);
    expect(dates.json().details.fields).toEqual({
      deadlineOn: 'The deadline must be on or after the date the activity is released',
      reportDueOn:
        'Report due must be between 1 October 2025 and 30 September 2027, near the programme year 2026–27',
    });
    const notADate = await w.c.post(
      `${w.base}/activities`,
      activityBody(w, p.id, { meetingOn: '2026-02-30' }),
    );
    expect(notADate.json().details.fields.meetingOn).toMatch(/Enter a real date for the panel or audit day/);
  });

  it('refuses a lead, agency, priority or audit tool that is not this partnership’s own', async () => {
    const w = await world();
    const other = await world();
    const p = await programmeOf(w);
    const res = await w.c.post(
      `${w.base}/activities`,
      activityBody(w, p.id, {
        leadPersonId: other.qa.id,
        agencyIds: [w.police.id, other.police.id],
        priorityId: other.priority.id,
        templateId: other.template.id,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({
      leadPersonId: 'Choose a lead who is an active member of this partnership',
      agencyIds: 'Choose agencies that are active in this partnership',
      priorityId: 'Choose one of the partnership’s active priorities',
      templateId: 'Choose one of the partnership’s active audit tools',
    });
    // Another partnership's programme does not exist as far as this one can tell.
    const theirs = await programmeOf(other);
    expect((await w.c.post(`${w.base}/activities`, activityBody(w, theirs.id))).statusCode).toBe(404);
    expect((await other.c.get(`${other.base}/activities/${(await activityIn(w, p.id)).id}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses a lead who has left or an agency deactivated in the partnership, but keeps them on an activity that already has them', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    await t.db.update(memberships).set({ active: false }).where(eq(memberships.personId, w.qa.id));
    await t.db
      .update(partnershipAgencies)
      .set({ active: false })
      .where(
        and(eq(partnershipAgencies.partnershipId, w.p.id), eq(partnershipAgencies.agencyId, w.police.id)),
      );
    const fresh = await w.c.post(`${w.base}/activities`, activityBody(w, p.id));
    expect(fresh.json().details.fields).toMatchObject({
      leadPersonId: 'Choose a lead who is an active member of this partnership',
      agencyIds: 'Choose agencies that are active in this partnership',
    });
    const { programmeId: _, ...same } = activityBody(w, p.id, { title: 'Renamed' });
    const kept = await w.c.put(`${w.base}/activities/${a.id}`, { ...same, version: 1 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ title: 'Renamed', lead: { id: w.qa.id }, version: 2 });
  });

  it('changes an activity, replacing its agencies, and answers a stale version with the saved one', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    const { programmeId: _, ...fields } = activityBody(w, p.id);
    const ok = await w.c.put(`${w.base}/activities/${a.id}`, {
      ...fields,
      quarter: 2,
      agencyIds: [w.police.id],
      leadPersonId: null,
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ quarter: 2, lead: null, agencies: [{ id: w.police.id }], version: 2 });
    const stale = await w.c.put(`${w.base}/activities/${a.id}`, { ...fields, title: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      details: { current: { id: a.id, quarter: 2, version: 2, title: 'Neglect: children under five' } },
    });
  });

  it('moves through its workflow; cancelling needs a reason; an impossible move or stale version is refused', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    const url = `${w.base}/activities/${a.id}/status`;
    const jump = await w.c.post(url, { status: 'complete', version: 1 });
    expect(jump.statusCode).toBe(409);
    expect(jump.json()).toMatchObject({ error: 'INVALID_TRANSITION' });
    expect(jump.json().message).toMatch(/planned cannot become complete/);

    const noReason = await w.c.post(url, { status: 'cancelled', reason: '  ', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields.reason).toBe('Enter why the activity was cancelled');

    const started = await w.c.post(url, { status: 'in_progress', reason: 'ignored', version: 1 });
    expect(started.json()).toMatchObject({ status: 'in_progress', statusReason: null, version: 2 });
    expect((await w.c.post(url, { status: 'reporting', version: 1 })).statusCode).toBe(409);
    const deferred = await w.c.post(url, {
      status: 'deferred',
      reason: 'Moved to Q3: police capacity',
      version: 2,
    });
    expect(deferred.json()).toMatchObject({
      status: 'deferred',
      statusReason: 'Moved to Q3: police capacity',
      nextStatuses: ['planned'],
    });
    const again = await w.c.post(url, { status: 'planned', version: 3 });
    expect(again.json()).toMatchObject({ status: 'planned', statusReason: null });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'status_changed')));
    expect(rows).toHaveLength(3);
  });

  it('is not planned or changed in a deactivated programme', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    await w.c.post(`${w.base}/programmes/${p.id}/deactivate`);
    expect((await w.c.post(`${w.base}/activities`, activityBody(w, p.id))).json().error).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      (await w.c.post(`${w.base}/activities/${a.id}/status`, { status: 'in_progress', version: 1 }))
        .statusCode,
    ).toBe(409);
  });
});

describe('views', () => {
  async function planned(w: World) {
    const p = await programmeOf(w);
    const q1 = await activityIn(w, p.id, { title: 'Q1 audit', releasedOn: '2026-03-16' });
    const s11 = await activityIn(w, p.id, {
      title: 'Section 11 self-assessment',
      kind: 'self_assessment',
      quarter: 1,
      agencyIds: [w.police.id],
      releasedOn: '2026-05-04',
      deadlineOn: '2026-06-30',
      meetingOn: null,
      reportDueOn: null,
    });
    const cancelled = await activityIn(w, p.id, {
      title: 'Cancelled survey',
      kind: 'survey',
      quarter: 1,
      agencyIds: [w.police.id],
      releasedOn: null,
      deadlineOn: '2026-06-19',
      meetingOn: null,
      reportDueOn: null,
    });
    await w.c.post(`${w.base}/activities/${cancelled.id}/status`, {
      status: 'cancelled',
      reason: 'Replaced',
      version: 1,
    });
    const q3 = await activityIn(w, p.id, {
      title: 'Walk the floor: hospital',
      kind: 'walk_the_floor',
      quarter: 3,
      agencyIds: [w.health.id],
      releasedOn: null,
      deadlineOn: null,
      meetingOn: '2026-11-10',
      reportDueOn: null,
    });
    return { p, q1, s11, cancelled, q3 };
  }

  it('puts each activity in its quarter', async () => {
    const w = await world();
    const { p, q1, s11, cancelled, q3 } = await planned(w);
    const grid = (await w.c.get(`${w.base}/programmes/${p.id}/quarters`)).json();
    expect(grid.programme).toMatchObject({ id: p.id, activityCount: 4 });
    expect(grid.quarters.map((q: { activities: { id: string }[] }) => q.activities.map((a) => a.id))).toEqual(
      [[q1.id, s11.id, cancelled.id], [], [q3.id], []],
    );
    expect(grid.quarters[2]).toMatchObject({ quarter: 3, label: 'October to December 2026' });
  });

  it('lists every key date by month, including a month just before the year', async () => {
    const w = await world();
    const { p, q1, s11 } = await planned(w);
    const { months } = (await w.c.get(`${w.base}/programmes/${p.id}/months`)).json();
    expect(months).toHaveLength(13);
    expect(months[0]).toMatchObject({ month: '2026-03', label: 'March 2026', inYear: false });
    expect(months[0].entries).toMatchObject([
      { date: '2026-03-16', keyDate: 'releasedOn', activity: { id: q1.id } },
    ]);
    const june = months.find((m: { month: string }) => m.month === '2026-06');
    expect(june.entries.map((e: { date: string; keyDate: string }) => `${e.date} ${e.keyDate}`)).toEqual([
      '2026-06-12 deadlineOn',
      '2026-06-19 deadlineOn',
      '2026-06-26 meetingOn',
      '2026-06-30 deadlineOn',
    ]);
    expect(months.find((m: { month: string }) => m.month === '2026-05').entries[0].activity.id).toBe(s11.id);
    expect(months.at(-1)).toMatchObject({ month: '2027-03', inYear: true, entries: [] });
  });

  it('shows one agency its activities by month, counting deadlines so clashes show, ignoring cancelled work', async () => {
    const w = await world();
    const { p, q1, s11, cancelled } = await planned(w);
    const view = (await w.c.get(`${w.base}/programmes/${p.id}/agencies/${w.police.id}`)).json();
    expect(view.agency).toEqual({ id: w.police.id, name: 'Police' });
    expect(view.activities.map((a: { id: string }) => a.id)).toEqual([q1.id, s11.id, cancelled.id]);
    const june = view.months.find((m: { month: string }) => m.month === '2026-06');
    expect(june).toMatchObject({ count: 3, deadlines: 2, clash: true });
    expect(view.months.find((m: { month: string }) => m.month === '2026-05')).toMatchObject({
      count: 1,
      deadlines: 0,
      clash: false,
    });
    const health = (await w.c.get(`${w.base}/programmes/${p.id}/agencies/${w.health.id}`)).json();
    expect(health.activities).toHaveLength(2);
    const elsewhere = await buildAgency(t.db);
    expect((await w.c.get(`${w.base}/programmes/${p.id}/agencies/${elsewhere.id}`)).statusCode).toBe(404);
  });
});

describe('approval and changes since', () => {
  it('records the Executive’s approval, then lists only the changes made after it', async () => {
    const w = await world();
    const p = await programmeOf(w);
    const a = await activityIn(w, p.id);
    const url = `${w.base}/programmes/${p.id}`;
    expect((await w.c.get(`${url}/changes-since-approval`)).json()).toMatchObject({
      items: [],
      total: 0,
      approvalRecordedAt: null,
    });

    const future = await w.c.post(`${url}/approval`, {
      approvedBy: 'Chair',
      approvedOn: '2026-11-24',
      approvalMeeting: 'Executive',
      version: 1,
    });
    expect(future.json().details.fields.approvedOn).toBe('The date of approval must be today or in the past');
    const missing = await w.c.post(`${url}/approval`, { approvedBy: '', approvalMeeting: '', version: 1 });
    expect(Object.keys(missing.json().details.fields).sort()).toEqual([
      'approvalMeeting',
      'approvedBy',
      'approvedOn',
    ]);

    const approved = await w.c.post(`${url}/approval`, {
      approvedBy: 'Independent Chair of the Executive',
      approvedOn: '2026-04-20',
      approvalMeeting: 'Executive, 20 April 2026',
      version: 1,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      approval: {
        approvedBy: 'Independent Chair of the Executive',
        approvedOn: '2026-04-20',
        approvalMeeting: 'Executive, 20 April 2026',
        recordedAt: '2026-11-23T10:00:00.000Z',
        recordedByName: w.admin.name,
      },
      changesSinceApproval: 0,
      version: 2,
    });

    const { programmeId: _, ...fields } = activityBody(w, p.id);
    await w.c.put(`${w.base}/activities/${a.id}`, { ...fields, deadlineOn: '2026-06-19', version: 1 });
    await activityIn(w, p.id, { title: 'Added later', kind: 'survey' });
    const changes = (await w.c.get(`${url}/changes-since-approval`)).json();
    expect(changes).toMatchObject({ total: 2, approvalRecordedAt: '2026-11-23T10:00:00.000Z' });
    expect(changes.items[0]).toMatchObject({
      entity: 'activity',
      action: 'created',
      activityTitle: 'Added later',
      personName: w.admin.name,
    });
    expect(changes.items[0].changes).toContainEqual({
      field: 'kind',
      label: 'Kind',
      before: null,
      after: 'Survey',
    });
    expect(changes.items[1]).toMatchObject({
      entity: 'activity',
      entityId: a.id,
      action: 'updated',
      changes: [{ field: 'deadlineOn', label: 'Deadline', before: '12 June 2026', after: '19 June 2026' }],
    });
    expect((await w.c.get(url)).json().changesSinceApproval).toBe(2);
    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.get(`${url}/changes-since-approval?pageSize=1`)).json()).toMatchObject({
      total: 2,
      pageSize: 1,
      items: [{ activityTitle: 'Added later' }],
    });
  });
});

describe('copy forward', () => {
  it('copies every activity that was not cancelled as planned, a year on, without the approval', async () => {
    const w = await world();
    const p = await programmeOf(w, 2027);
    // A leap day: the copy lands on 28 February 2029.
    const leap = await activityIn(w, p.id, {
      title: 'Section 175 audit',
      kind: 'education_audit',
      quarter: 4,
      releasedOn: '2028-01-10',
      deadlineOn: '2028-02-29',
      meetingOn: '2028-03-15',
      reportDueOn: null,
    });
    await w.c.post(`${w.base}/activities/${leap.id}/status`, { status: 'in_progress', version: 1 });
    const dropped = await activityIn(w, p.id, {
      title: 'Dropped',
      releasedOn: null,
      deadlineOn: null,
      meetingOn: null,
      reportDueOn: null,
    });
    await w.c.post(`${w.base}/activities/${dropped.id}/status`, {
      status: 'cancelled',
      reason: 'No',
      version: 1,
    });
    await w.c.post(`${w.base}/programmes/${p.id}/approval`, {
      approvedBy: 'Chair',
      approvedOn: '2026-04-20',
      approvalMeeting: 'Executive',
      version: 1,
    });

    const res = await w.c.post(`${w.base}/programmes/${p.id}/copy-forward`, {});
    expect(res.statusCode, res.body).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({
      startYear: 2028,
      title: 'QA programme 2028–29',
      copiedFromId: p.id,
      approval: null,
      activityCount: 1,
    });
    expect(next.activities).toMatchObject([
      {
        title: 'Section 175 audit',
        status: 'planned',
        quarter: 4,
        releasedOn: '2029-01-10',
        deadlineOn: '2029-02-28',
        meetingOn: '2029-03-15',
        reportDueOn: null,
        lead: { id: w.qa.id },
        agencies: [{ id: w.health.id }, { id: w.police.id }],
      },
    ]);
    const [copy] = await t.db.select().from(qaActivities).where(eq(qaActivities.id, next.activities[0].id));
    expect(copy.copiedFromId).toBe(leap.id);

    const again = await w.c.post(`${w.base}/programmes/${p.id}/copy-forward`, { title: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'CONFLICT', details: { existingProgrammeId: next.id } });
    expect(again.json().message).toMatch(/already a programme for 2028–29/);
  });
});
