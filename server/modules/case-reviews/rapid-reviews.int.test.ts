import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditTemplate } from '../../../contracts/audit-tools.js';
import { buildCaseFile } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { auditTemplates, auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { createMailer } from '../mail/mail.service.js';
import { notifications } from '../notifications/notifications.tables.js';
import { runReminders } from '../notifications/reminders.service.js';
import { formResponses } from '../responses/responses.tables.js';
import { caseFileAccess } from './case-reviews.tables.js';

// Monday 15 June 2026, 10:00 in London. No bank holiday in June; the spring bank holiday was 25 May.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

/** A client that signs in on its first request (signing in is the slow part of these tests). */
function lazyClient(email: string) {
  let client: Promise<TestClient> | null = null;
  const c = () => {
    client ??= t.signIn(email);
    return client;
  };
  return {
    get: async (url: string) => (await c()).get(url),
    post: async (url: string, body?: unknown) => (await c()).post(url, body),
    put: async (url: string, body?: unknown) => (await c()).put(url, body),
    delete: async (url: string) => (await c()).delete(url),
  };
}

const definition: TAuditTemplate = {
  formatVersion: 1,
  title: 'Summary of involvement',
  kind: 'case_audit',
  scales: [],
  sections: [
    {
      id: 's1',
      title: 'Involvement',
      questions: [{ id: 'q1', type: 'long_text', text: 'Your involvement', required: false }],
    },
  ],
};

async function world() {
  const db = t.db;
  const p = await buildPartnership(db);
  const police = await buildAgency(db, { partnershipId: p.id, name: 'Police' });
  const health = await buildAgency(db, { partnershipId: p.id, name: 'Health' });
  const school = await buildAgency(db, { partnershipId: p.id, name: 'School' });
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const group = await member('case_review_group_member');
  const group2 = await member('case_review_group_member');
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const policeLead = await member('agency_lead', police.id);
  const healthLead = await member('agency_lead', health.id);
  const reader = await member('qa_group_member');
  const [template] = await db
    .insert(auditTemplates)
    .values({ partnershipId: p.id, title: 'Rapid review summary', kind: 'case_audit' })
    .returning();
  const [published, draft] = await db
    .insert(auditTemplateVersions)
    .values([
      { templateId: template.id, number: 1, status: 'published', publishedAt: new Date(), definition },
      { templateId: template.id, number: 2, status: 'draft', definition },
    ])
    .returning();
  const file = await buildCaseFile(db, {
    partnershipId: p.id,
    label: 'Child K',
    notification: { becameAwareOn: '2026-06-08', notifiedPanelOn: '2026-06-10' },
    named: [{ personId: reader.id, level: 'read' }],
  });
  const s = (x: { email: string }) => lazyClient(x.email);
  return {
    p,
    agencies: { police, health, school },
    people: { group, group2, admin, qa, policeLead, healthLead, reader },
    versions: { published, draft },
    file,
    url: `${P(p.id)}/case-files/${file.id}`,
    as: {
      group: s(group),
      group2: s(group2),
      admin: s(admin),
      qa: s(qa),
      policeLead: s(policeLead),
      healthLead: s(healthLead),
      reader: s(reader),
    },
  };
}
type W = Awaited<ReturnType<typeof world>>;

async function open(w: W) {
  const res = await w.as.group.post(`${w.url}/rapid-review`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const stepOf = (detail: { rapidReview: { steps: { step: string }[] } }, step: string) =>
  detail.rapidReview.steps.find((s) => s.step === step) as unknown as {
    id: string;
    dueOn: string;
    doneOn: string | null;
    version: number;
    overdue: boolean;
  };

describe('opening a rapid review', () => {
  it('starts the 15-working-day clock on the day the notification was sent, with the five steps', async () => {
    const w = await world();
    const detail = await open(w);
    // Sent Wednesday 10 June (day 0); working days 3, 6, 7, 13 and 15 fall on these dates.
    expect(detail.stage).toBe('rapid_review');
    expect(detail.rapidReview).toMatchObject({
      startedOn: '2026-06-10',
      dueOn: '2026-07-01',
      workingDay: 3,
      overdue: false,
      decision: null,
      decisionInTime: null,
      summaryRequests: [],
      version: 1,
    });
    expect(
      detail.rapidReview.steps.map((s: { step: string; dueOn: string; dueWorkingDay: number }) => [
        s.step,
        s.dueOn,
        s.dueWorkingDay,
      ]),
    ).toEqual([
      ['request_information', '2026-06-15', 3],
      ['agency_summaries', '2026-06-18', 6],
      ['collate', '2026-06-19', 7],
      ['decision_meeting', '2026-06-29', 13],
      ['decision_sent', '2026-07-01', 15],
    ]);
    expect(detail.rapidReview.steps[0]).toMatchObject({
      label: 'Request information from agencies',
      overdue: false,
      ownerPersonId: null,
      doneOn: null,
    });
    const again = await w.as.group.post(`${w.url}/rapid-review`);
    expect(again.statusCode).toBe(409);
    const [opened] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'rapid_review'),
          eq(auditLog.action, 'opened'),
          eq(auditLog.partnershipId, w.p.id),
        ),
      );
    expect(opened.after).toMatchObject({ reference: 'C-1', startedOn: '2026-06-10', dueOn: '2026-07-01' });
  });

  it('opens only from a serious incident notification that has been sent', async () => {
    const w = await world();
    const bare = await buildCaseFile(t.db, { partnershipId: w.p.id });
    const none = await w.as.group.post(`${P(w.p.id)}/case-files/${bare.id}/rapid-review`);
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe(
      'Record the serious incident notification before opening a rapid review.',
    );
    const unsent = await buildCaseFile(t.db, {
      partnershipId: w.p.id,
      notification: { becameAwareOn: '2026-06-12' },
    });
    const notSent = await w.as.group.post(`${P(w.p.id)}/case-files/${unsent.id}/rapid-review`);
    expect(notSent.statusCode).toBe(400);
    expect(notSent.json().details.fields.notifiedPanelOn).toMatch(/Enter the date the notification was sent/);
  });

  it('is for the case review group and people named with edit access; others get 403 or 404', async () => {
    const w = await world();
    expect((await w.as.reader.post(`${w.url}/rapid-review`)).statusCode).toBe(403);
    for (const c of [w.as.admin, w.as.qa, w.as.policeLead])
      expect((await c.post(`${w.url}/rapid-review`)).statusCode).toBe(404);
    await t.db
      .update(caseFileAccess)
      .set({ level: 'edit' })
      .where(eq(caseFileAccess.personId, w.people.reader.id));
    expect((await w.as.reader.post(`${w.url}/rapid-review`)).statusCode).toBe(201);
  });

  it('moves the clock and the unfinished steps when the notification’s send date is corrected', async () => {
    const w = await world();
    const detail = await open(w);
    const done = stepOf(detail, 'request_information');
    await w.as.group.put(`${w.url}/rapid-review/steps/${done.id}`, {
      version: 1,
      dueOn: done.dueOn,
      doneOn: '2026-06-12',
    });
    const moved = await w.as.group.put(`${w.url}/notification`, {
      kind: 'serious_incident',
      becameAwareOn: '2026-06-08',
      harm: 'serious_harm',
      abuseOrNeglect: 'suspected',
      place: 'in_area',
      notifiedPanelOn: '2026-06-09',
      version: detail.notification.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const rr = moved.json().rapidReview;
    expect(rr).toMatchObject({ startedOn: '2026-06-09', dueOn: '2026-06-30', workingDay: 4 });
    expect(rr.steps.map((s: { dueOn: string; doneOn: string | null }) => [s.dueOn, s.doneOn])).toEqual([
      ['2026-06-15', '2026-06-12'], // done: left as it was
      ['2026-06-17', null],
      ['2026-06-18', null],
      ['2026-06-26', null],
      ['2026-06-30', null],
    ]);
    const cleared = await w.as.group.put(`${w.url}/notification`, {
      kind: 'serious_incident',
      becameAwareOn: '2026-06-08',
      harm: 'serious_harm',
      abuseOrNeglect: 'suspected',
      place: 'in_area',
      notifiedPanelOn: null,
    });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().details.fields.notifiedPanelOn).toMatch(/cannot be removed/);
  });
});

describe('the rapid review’s steps', () => {
  it('takes an owner who can read the case file, dates and notes, and flags overdue steps', async () => {
    const w = await world();
    const detail = await open(w);
    const step = stepOf(detail, 'request_information');
    const url = `${w.url}/rapid-review/steps/${step.id}`;
    const adminOwner = await w.as.group.put(url, {
      version: 1,
      dueOn: '2026-06-12',
      ownerPersonId: w.people.admin.id,
    });
    expect(adminOwner.statusCode).toBe(400);
    expect(adminOwner.json().details.fields.ownerPersonId).toMatch(
      /case review group or named on this case file/,
    );
    const saved = await w.as.group.put(url, {
      version: 1,
      dueOn: '2026-06-12',
      ownerPersonId: w.people.reader.id,
      notes: 'Ask health and police first',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(stepOf(saved.json(), 'request_information')).toMatchObject({
      ownerPersonId: w.people.reader.id,
      ownerName: w.people.reader.name,
      dueOn: '2026-06-12',
      overdue: true,
      notes: 'Ask health and police first',
      version: 2,
    });
    expect(saved.json().nextDue).toEqual({
      what: 'Request information from agencies',
      dueOn: '2026-06-12',
      overdue: true,
    });
    const stale = await w.as.group2.put(url, { version: 1, dueOn: '2026-06-15' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ id: step.id, version: 2 });
    const future = await w.as.group.put(url, { version: 2, dueOn: '2026-06-12', doneOn: '2026-06-16' });
    expect(future.json().details.fields.doneOn).toBe('The date it was done cannot be in the future');
    const early = await w.as.group.put(url, { version: 2, dueOn: '2026-06-01' });
    expect(early.json().details.fields.dueOn).toMatch(/on or after 2026-06-10/);
    const done = await w.as.group.put(url, {
      version: 2,
      dueOn: '2026-06-12',
      ownerPersonId: w.people.reader.id,
      doneOn: '2026-06-15',
    });
    expect(stepOf(done.json(), 'request_information')).toMatchObject({
      doneOn: '2026-06-15',
      overdue: false,
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'rapid_review_step'), eq(auditLog.entityId, step.id)));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Ask health');
    expect(audit[0].after).toMatchObject({ textFields: ['notes'], step: 'request_information' });
    // Someone named with read access may read the timetable but not change it.
    expect((await w.as.reader.put(url, { version: 3, dueOn: '2026-06-12' })).statusCode).toBe(403);
    const other = await buildCaseFile(t.db, {
      partnershipId: w.p.id,
      notification: { becameAwareOn: '2026-06-08', notifiedPanelOn: '2026-06-10' },
      rapidReview: true,
    });
    // A step of another case file is not found under this one.
    expect(
      (
        await w.as.group.put(`${w.url}/rapid-review/steps/${other.steps[0].id}`, {
          version: 1,
          dueOn: '2026-06-12',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('agencies’ summaries of involvement', () => {
  async function requested(w: W) {
    await open(w);
    const res = await w.as.group.post(`${w.url}/rapid-review/summary-requests`, {
      agencyIds: [w.agencies.police.id, w.agencies.health.id],
      templateVersionId: w.versions.published.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('sends one request per agency, due in 3 working days, titled with the reference only', async () => {
    const w = await world();
    const detail = await requested(w);
    expect(detail.rapidReview.summaryRequests).toEqual([
      expect.objectContaining({
        agencyId: w.agencies.health.id,
        agencyName: 'Health',
        title: 'Rapid review C-1: summary of involvement',
        templateTitle: 'Rapid review summary',
        status: 'draft',
        dueOn: '2026-06-18',
        overdue: false,
        submittedAt: null,
      }),
      expect.objectContaining({ agencyName: 'Police', dueOn: '2026-06-18' }),
    ]);
    expect(stepOf(detail, 'request_information')).toMatchObject({ doneOn: '2026-06-15', version: 2 });
    expect(stepOf(detail, 'agency_summaries')).toMatchObject({ dueOn: '2026-06-18', doneOn: null });
    const rows = await t.db.select().from(formResponses).where(eq(formResponses.caseFileId, w.file.id));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.title.includes('C-1') && !r.title.includes('Child K'))).toBe(true);
    // Asking the same agency twice is refused, naming it.
    const again = await w.as.group.post(`${w.url}/rapid-review/summary-requests`, {
      agencyIds: [w.agencies.police.id, w.agencies.school.id],
      templateVersionId: w.versions.published.id,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().details.fields.agencyIds).toMatch(/Already asked for a summary: Police/);
    const draft = await w.as.group.post(`${w.url}/rapid-review/summary-requests`, {
      agencyIds: [w.agencies.school.id],
      templateVersionId: w.versions.draft.id,
    });
    expect(draft.json().details.fields.templateVersionId).toBe('Select a published form of this partnership');
    const none = await w.as.group.post(`${w.url}/rapid-review/summary-requests`, {
      agencyIds: [],
      templateVersionId: w.versions.published.id,
    });
    expect(none.json().details.fields.agencyIds).toBe('Select at least one agency');
  });

  it('needs an open rapid review', async () => {
    const w = await world();
    const res = await w.as.group.post(`${w.url}/rapid-review/summary-requests`, {
      agencyIds: [w.agencies.police.id],
      templateVersionId: w.versions.published.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/Open the rapid review first/);
  });

  it('is read only by the agency answering it and the case file’s readers: not by partnership admins or the QA group', async () => {
    const w = await world();
    const detail = await requested(w);
    const police = detail.rapidReview.summaryRequests.find(
      (r: { agencyName: string }) => r.agencyName === 'Police',
    );
    const rUrl = `${P(w.p.id)}/responses/${police.responseId}`;
    const listed = async (c: ReturnType<typeof lazyClient>, q = '') =>
      ((await c.get(`${P(w.p.id)}/responses${q}`)).json().items as { id: string }[]).map((i) => i.id);

    // The answering agency's lead reads, answers and submits it, and sees it in their list.
    const lead = await w.as.policeLead.get(rUrl);
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ canEdit: true, title: 'Rapid review C-1: summary of involvement' });
    expect(await listed(w.as.policeLead)).toContain(police.responseId);
    const saved = await w.as.policeLead.put(`${rUrl}/answers`, {
      answers: { q1: 'Two call-outs in May' },
      carryForward: {},
      version: 1,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await w.as.policeLead.post(`${rUrl}/submit`, { version: 2 })).statusCode).toBe(200);

    // Partnership admins and the QA group, who see every other response, get 404 and an empty list.
    for (const c of [w.as.admin, w.as.qa]) {
      expect((await c.get(rUrl)).statusCode).toBe(404);
      expect(await listed(c)).not.toContain(police.responseId);
      expect(await listed(c, `?agencyId=${w.agencies.police.id}`)).toEqual([]);
      expect(await listed(c, '?status=submitted')).toEqual([]);
      expect(
        (await c.get(`${P(w.p.id)}/reminders?itemType=form_response&itemId=${police.responseId}`)).statusCode,
      ).toBe(404);
    }
    // Another agency's lead neither.
    expect((await w.as.healthLead.get(rUrl)).statusCode).toBe(404);
    expect(await listed(w.as.healthLead)).not.toContain(police.responseId);

    // The case review group and the person named on the case file read it (but do not answer it).
    for (const c of [w.as.group, w.as.reader]) {
      const res = await c.get(rUrl);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'submitted', answers: { q1: 'Two call-outs in May' } });
      expect(res.json().allowedVerbs).toEqual(['read']);
      expect(await listed(c)).toContain(police.responseId);
      expect(
        (await c.get(`${P(w.p.id)}/reminders?itemType=form_response&itemId=${police.responseId}`)).statusCode,
      ).toBe(200);
    }
    expect(
      (await w.as.group.put(`${rUrl}/answers`, { answers: {}, carryForward: {}, version: 3 })).statusCode,
    ).toBe(403);

    // The case file shows it submitted.
    const after = (await w.as.group.get(w.url)).json();
    expect(
      after.rapidReview.summaryRequests.find((r: { agencyName: string }) => r.agencyName === 'Police'),
    ).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-06-15T09:00:00.000Z',
      overdue: false,
    });

    // An admin cannot carry its answers into an ordinary request to the same agency.
    const carried = await w.as.admin.post(`${P(w.p.id)}/responses`, {
      templateId: (
        await t.db
          .select()
          .from(auditTemplateVersions)
          .where(eq(auditTemplateVersions.id, w.versions.published.id))
      )[0].templateId,
      title: 'Follow-up',
      agencyId: w.agencies.police.id,
      previousResponseId: police.responseId,
    });
    expect(carried.statusCode).toBe(400);
    expect(carried.json().details.fields.previousResponseId).toBeDefined();

    // Ordinary requests are still the admins' and the QA group's to see.
    const ordinary = await w.as.admin.post(`${P(w.p.id)}/responses`, {
      templateId: (
        await t.db
          .select()
          .from(auditTemplateVersions)
          .where(eq(auditTemplateVersions.id, w.versions.published.id))
      )[0].templateId,
      title: 'Ordinary request',
      agencyId: w.agencies.police.id,
    });
    expect(ordinary.statusCode, ordinary.body).toBe(201);
    expect(await listed(w.as.qa)).toEqual([ordinary.json().id]);
    expect((await w.as.qa.get(`${P(w.p.id)}/responses/${ordinary.json().id}`)).statusCode).toBe(200);
  });

  it('escalates an overdue summary to the case review group, never to the partnership admins', async () => {
    const w = await world();
    await requested(w);
    // Due Thursday 18 June; 28 days later the default policy escalates past the agency lead.
    t.clock.set('2026-07-16T06:00:00Z');
    try {
      await runReminders({
        db: t.db,
        clock: t.clock,
        mailer: createMailer({ db: t.db, jobs: null, from: 'Assure <no-reply@assure.test>', clock: t.clock }),
        publicUrl: 'http://assure.test',
      });
    } finally {
      t.clock.set('2026-06-15T09:00:00Z');
    }
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.partnershipId, w.p.id), eq(notifications.itemType, 'form_response')));
    const to = (id: string) => told.filter((n) => n.personId === id);
    expect(to(w.people.policeLead.id).length).toBeGreaterThan(0);
    expect(to(w.people.admin.id)).toEqual([]);
    expect(to(w.people.group.id).length).toBeGreaterThan(0);
    expect(told.every((n) => !n.title.includes('Child K'))).toBe(true);
  });
});

describe('the decision', () => {
  const decision = {
    version: 1,
    decision: 'lcspr',
    recommendNationalReview: true,
    decidedBy: 'Rapid review panel (chair: LA director of children’s services)',
    decidedOn: '2026-06-12',
    justification: 'Agencies did not share information about the injuries',
    decisionSentOn: '2026-06-15',
  };

  it('records who decided, the option and why, and marks the meeting and sending steps done', async () => {
    const w = await world();
    await open(w);
    const res = await w.as.group.put(`${w.url}/rapid-review/decision`, decision);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('decided');
    expect(res.json().rapidReview).toMatchObject({
      decision: 'lcspr',
      recommendNationalReview: true,
      decidedOn: '2026-06-12',
      decisionSentOn: '2026-06-15',
      decisionInTime: true,
      workingDay: 3,
      overdue: false,
      version: 2,
    });
    expect(stepOf(res.json(), 'decision_meeting').doneOn).toBe('2026-06-12');
    expect(stepOf(res.json(), 'decision_sent').doneOn).toBe('2026-06-15');
    expect(stepOf(res.json(), 'collate').doneOn).toBeNull();
    const stale = await w.as.group2.put(`${w.url}/rapid-review/decision`, {
      ...decision,
      decision: 'no_further_action',
      recommendNationalReview: false,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ decision: 'lcspr', version: 2 });
    const changed = await w.as.group.put(`${w.url}/rapid-review/decision`, {
      ...decision,
      version: 2,
      decision: 'no_further_action',
      recommendNationalReview: false,
    });
    expect(changed.json()).toMatchObject({
      stage: 'no_review',
      rapidReview: { decision: 'no_further_action' },
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'rapid_review'), eq(auditLog.partnershipId, w.p.id)));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['opened', 'decided', 'decision_changed']),
    );
    expect(JSON.stringify(audit)).not.toContain('did not share');
  });

  it('lets only an LCSPR recommend a national review, and needs thresholds learning when concerns were not identified', async () => {
    const w = await world();
    await open(w);
    const url = `${w.url}/rapid-review/decision`;
    const national = await w.as.group.put(url, { ...decision, decision: 'partnership_review' });
    expect(national.statusCode).toBe(400);
    expect(national.json().details.fields.recommendNationalReview).toBe(
      'Only a decision to hold an LCSPR can recommend a national review',
    );
    const thresholds = await w.as.group.put(url, { ...decision, concernsNotIdentified: true });
    expect(thresholds.json().details.fields.thresholdsLearning).toMatch(/Enter the thresholds learning/);
    const missing = await w.as.group.put(url, { version: 1, decision: 'lcspr', decidedOn: '2026-06-12' });
    expect(Object.keys(missing.json().details.fields).sort()).toEqual(['decidedBy', 'justification']);
    const badOption = await w.as.group.put(url, { ...decision, decision: 'maybe' });
    expect(badOption.json().details.fields.decision).toBe('Select the decision');
    const sentBefore = await w.as.group.put(url, { ...decision, decisionSentOn: '2026-06-11' });
    expect(sentBefore.json().details.fields.decisionSentOn).toBe(
      'The date the decision was sent must be on or after the date of the decision',
    );
    const ok = await w.as.group.put(url, {
      ...decision,
      decision: 'immediate_learning',
      recommendNationalReview: false,
      decisionSentOn: null,
      concernsNotIdentified: true,
      thresholdsLearning: 'Bruising in a non-mobile baby was not escalated',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rapidReview).toMatchObject({
      concernsNotIdentified: true,
      thresholdsLearning: 'Bruising in a non-mobile baby was not escalated',
      decisionInTime: null,
    });
    expect(stepOf(ok.json(), 'decision_sent').doneOn).toBeNull();
    // Named with read access: 403; outside the group: 404.
    expect((await w.as.reader.put(url, { ...decision, version: 2 })).statusCode).toBe(403);
    expect((await w.as.admin.put(url, { ...decision, version: 2 })).statusCode).toBe(404);
  });
});
