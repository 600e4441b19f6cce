import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActivity } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  multipart,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { formResponseFiles, formResponses } from './responses.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A template with a conditional required question (q2 shows only when q1 is "no"), a rating and an evidence question. */
const formDefinition = {
  formatVersion: 1,
  title: 'Case file audit',
  kind: 'case_audit',
  scales: [
    {
      id: 'rag',
      name: 'RAG',
      options: [
        { id: 'met', label: 'Fully met', score: 2, colour: 'green' },
        { id: 'partly', label: 'Partially met', score: 1, colour: 'orange' },
        { id: 'not', label: 'Not met', score: 0, colour: 'red' },
        { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
      ],
    },
  ],
  sections: [
    {
      id: 's1',
      title: 'The child’s experience',
      questions: [
        { id: 'q1', type: 'yes_no_partly', text: 'Was the child seen?', required: true },
        {
          id: 'q2',
          type: 'long_text',
          text: 'Why was the child not seen?',
          required: true,
          showIf: { questionId: 'q1', equals: 'no' },
        },
        { id: 'q3', type: 'rating', text: 'How well was the child heard?', required: true, scaleId: 'rag' },
        { id: 'q4', type: 'number', text: 'How many visits?', required: false, min: 0, max: 50 },
      ],
    },
    {
      id: 's2',
      title: 'Evidence',
      questions: [
        { id: 'e1', type: 'evidence_file', text: 'Upload the supervision record', required: false },
        { id: 'c1', type: 'chronology', text: 'Key events', required: false },
      ],
    },
  ],
};

type World = Awaited<ReturnType<typeof world>>;

async function world() {
  const p = await buildPartnership(t.db);
  const other = await buildPartnership(t.db);
  const agency = await buildAgency(t.db, { partnershipId: p.id, name: 'Northshire Police' });
  const agencyB = await buildAgency(t.db, { partnershipId: p.id, name: 'County Council' });
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  const lead = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agency.id });
  const leadB = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyB.id });
  const practitioner = await buildMember(t.db, {
    partnershipId: p.id,
    role: 'auditor_practitioner',
    agencyId: agency.id,
  });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const otherAdmin = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
  const c = {
    admin: await t.signIn(admin.email),
    qa: await t.signIn(qa.email),
    lead: await t.signIn(lead.email),
    leadB: await t.signIn(leadB.email),
    practitioner: await t.signIn(practitioner.email),
    viewer: await t.signIn(viewer.email),
    otherAdmin: await t.signIn(otherAdmin.email),
  };
  const P = `/api/v1/partnerships/${p.id}`;
  const created = await c.admin.post(`${P}/audit-templates`, {
    title: 'Case file audit',
    kind: 'case_audit',
    definition: formDefinition,
  });
  expect(created.statusCode, created.body).toBe(201);
  const templateId = created.json().id as string;
  const v1 = created.json().versions[0].id as string;
  return { p, other, agency, agencyB, admin, qa, lead, leadB, practitioner, viewer, c, P, templateId, v1 };
}

async function publish(w: World) {
  const res = await w.c.admin.post(`${w.P}/audit-templates/${w.templateId}/versions/${w.v1}/publish`);
  expect(res.statusCode, res.body).toBe(200);
}

async function request(w: World, body: Record<string, unknown> = {}, by: TestClient = w.c.admin) {
  const res = await by.post(`${w.P}/responses`, {
    templateId: w.templateId,
    title: 'Q2 multi-agency audit: neglect',
    agencyId: w.agency.id,
    dueOn: '2026-07-31',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('sending requests', () => {
  it('creates a response on the latest published version, refusing a template with only a draft', async () => {
    const w = await world();
    const draftOnly = await w.c.admin.post(`${w.P}/responses`, {
      templateId: w.templateId,
      title: 'Too soon',
      agencyId: w.agency.id,
    });
    expect(draftOnly.statusCode).toBe(400);
    expect(draftOnly.json().details.fields.templateId).toMatch(/no published version/);

    await publish(w);
    const r = await request(w);
    expect(r).toMatchObject({
      status: 'draft',
      version: 1,
      title: 'Q2 multi-agency audit: neglect',
      dueOn: '2026-07-31',
      agency: { id: w.agency.id, name: 'Northshire Police' },
      template: { id: w.templateId, versionId: w.v1, versionNumber: 1, title: 'Case file audit' },
      answers: {},
      previousAnswers: null,
      files: [],
      canEdit: false, // the admin reads it; the agency answers it
      allowedVerbs: ['read'],
    });
    expect((r.definition as { sections: unknown[] }).sections).toHaveLength(2);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'created')));
    expect(audit).toMatchObject({ entity: 'form_response', personId: w.admin.id, partnershipId: w.p.id });
  });

  it('lets QA group members send requests too, but not agency leads or board viewers', async () => {
    const w = await world();
    await publish(w);
    await request(w, {}, w.c.qa);
    for (const who of [w.c.lead, w.c.viewer]) {
      const res = await who.post(`${w.P}/responses`, {
        templateId: w.templateId,
        title: 'x',
        agencyId: w.agency.id,
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses an agency, person, activity or template that is not this partnership’s, naming each field', async () => {
    const w = await world();
    await publish(w);
    const elsewhere = await buildAgency(t.db, { partnershipId: w.other.id });
    const stranger = await buildMember(t.db, { partnershipId: w.other.id, role: 'qa_group_member' });
    const otherActivity = (await buildActivity(t.db, { partnershipId: w.other.id })).id;
    const res = await w.c.admin.post(`${w.P}/responses`, {
      templateId: w.templateId,
      title: 'Mixed up',
      agencyId: elsewhere.id,
      assigneePersonId: stranger.id,
      activityId: otherActivity,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details.fields).sort()).toEqual([
      'activityId',
      'agencyId',
      'assigneePersonId',
    ]);

    const nobody = await w.c.admin.post(`${w.P}/responses`, { templateId: w.templateId, title: 'To nobody' });
    expect(nobody.json().details.fields.agencyId).toBe('Choose an agency or a person to send this to');

    const notOurs = await w.c.otherAdmin.post(`/api/v1/partnerships/${w.other.id}/responses`, {
      templateId: w.templateId,
      title: 'Borrowed',
      assigneePersonId: stranger.id,
    });
    expect(notOurs.json().details.fields.templateId).toBe('Choose an audit tool from the list');

    const badInput = await w.c.admin.post(`${w.P}/responses`, {
      templateId: 'nope',
      title: '',
      dueOn: '2026-02-30',
    });
    expect(badInput.statusCode).toBe(400);
    expect(badInput.json().details.fields).toMatchObject({
      templateId: 'Choose an audit tool',
      title: 'Enter a title for the request',
      dueOn: 'Due date must be a real date',
    });
  });

  it('accepts a programme activity of this partnership', async () => {
    const w = await world();
    await publish(w);
    const activityId = (await buildActivity(t.db, { partnershipId: w.p.id })).id;
    const r = await request(w, { activityId });
    expect(r.activity).toMatchObject({ id: activityId });
    const list = await w.c.admin.get(`${w.P}/responses?activityId=${activityId}`);
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([r.id]);
  });
});

describe('who may read and answer a response', () => {
  it('shows it to admins, QA, the agency’s lead and the assignee; hides it (404) from everyone else', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const toPerson = await request(w, {
      agencyId: null,
      assigneePersonId: w.practitioner.id,
      title: 'For Aisha',
    });
    const url = (id: string) => `${w.P}/responses/${id}`;

    for (const who of [w.c.admin, w.c.qa, w.c.lead]) expect((await who.get(url(r.id))).statusCode).toBe(200);
    expect((await w.c.lead.get(url(r.id))).json()).toMatchObject({
      canEdit: true,
      allowedVerbs: ['read', 'write'],
    });
    for (const who of [w.c.leadB, w.c.viewer, w.c.practitioner]) {
      const res = await who.get(url(r.id));
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('neglect');
    }
    expect((await w.c.otherAdmin.get(url(r.id))).statusCode).toBe(404);
    expect(
      (await w.c.otherAdmin.get(`/api/v1/partnerships/${w.other.id}/responses/${r.id}`)).statusCode,
    ).toBe(404);

    expect((await w.c.practitioner.get(url(toPerson.id))).json()).toMatchObject({ canEdit: true });
    expect((await w.c.lead.get(url(toPerson.id))).statusCode).toBe(404);

    const ids = async (c: TestClient, q = '') =>
      (await c.get(`${w.P}/responses${q}`)).json().items.map((x: { id: string }) => x.id);
    expect((await ids(w.c.admin)).sort()).toEqual([r.id, toPerson.id].sort());
    expect(await ids(w.c.admin, '?mine=true')).toEqual([]);
    expect(await ids(w.c.lead)).toEqual([r.id]);
    expect(await ids(w.c.practitioner)).toEqual([toPerson.id]);
    expect(await ids(w.c.leadB)).toEqual([]);
    expect(await ids(w.c.viewer)).toEqual([]);
    expect(await ids(w.c.admin, `?agencyId=${w.agency.id}&status=draft`)).toEqual([r.id]);
    expect(await ids(w.c.admin, '?status=submitted')).toEqual([]);
  });

  it('refuses answers from readers who do not answer it (403) and from other agencies (404)', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const put = (c: TestClient) =>
      c.put(`${w.P}/responses/${r.id}/answers`, { answers: { q1: 'yes' }, carryForward: {}, version: 1 });
    expect((await put(w.c.admin)).statusCode).toBe(403);
    expect((await put(w.c.qa)).statusCode).toBe(403);
    expect((await put(w.c.leadB)).statusCode).toBe(404);
    expect((await put(w.c.otherAdmin)).statusCode).toBe(404);
    const submit = await w.c.leadB.post(`${w.P}/responses/${r.id}/submit`, { version: 1 });
    expect(submit.statusCode).toBe(404);
    const [row] = await t.db.select().from(formResponses).where(eq(formResponses.id, r.id));
    expect(row).toMatchObject({ answers: {}, version: 1 });
  });
});

describe('autosave', () => {
  it('saves incomplete answers, bumps the version and logs only which questions changed', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const url = `${w.P}/responses/${r.id}/answers`;
    const first = await w.c.lead.put(url, { answers: { q1: 'no', q4: 3 }, carryForward: {}, version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      version: 2,
      answers: { q1: 'no', q4: 3 },
      lastSavedBy: { id: w.lead.id, name: w.lead.name },
    });
    const second = await w.c.lead.put(url, {
      answers: { q1: 'no', q4: 4, q2: 'Not at home on the day of the visit' },
      carryForward: {},
      version: 2,
    });
    expect(second.json().version).toBe(3);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'answers_saved')));
    expect(rows.map((x) => x.after)).toEqual([
      { version: 2, changedQuestionIds: ['q1', 'q4'] },
      { version: 3, changedQuestionIds: ['q2', 'q4'] },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Not at home');
  });

  it('refuses an answer of the wrong shape or to a question the form does not have, naming the question', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const res = await w.c.lead.put(`${w.P}/responses/${r.id}/answers`, {
      answers: { q1: 'maybe', q3: 'met', q4: '3', nope: 'x', c1: [{ date: '2026-01-01' }] },
      carryForward: {},
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({
      q1: 'The answer to ‘Was the child seen?’ must be yes, no or partly',
      q3: 'The answer to ‘How well was the child heard?’ must be a rating',
      q4: 'The answer to ‘How many visits?’ must be a number',
      c1: 'The answer to ‘Key events’ must be chronology entries',
      nope: 'There is no question ‘nope’ in this form. Reload the page to get the current form.',
    });
    const notAnObject = await w.c.lead.put(`${w.P}/responses/${r.id}/answers`, { answers: [], version: 1 });
    expect(notAnObject.statusCode).toBe(400);
    expect(notAnObject.json().details.fields).toHaveProperty('answers');
  });

  it('answers a stale save with 409 and both versions’ material: the saved answers, who saved them and when', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w, { agencyId: w.agency.id, assigneePersonId: w.practitioner.id });
    const url = `${w.P}/responses/${r.id}/answers`;
    const theirs = await w.c.practitioner.put(url, { answers: { q1: 'yes' }, carryForward: {}, version: 1 });
    expect(theirs.statusCode).toBe(200);
    const mine = await w.c.lead.put(url, { answers: { q1: 'partly' }, carryForward: {}, version: 1 });
    expect(mine.statusCode).toBe(409);
    expect(mine.json()).toMatchObject({
      error: 'CONFLICT',
      message: expect.stringContaining('Someone else saved answers'),
      details: {
        current: {
          answers: { q1: 'yes' },
          version: 2,
          lastSavedBy: { id: w.practitioner.id, name: w.practitioner.name },
          lastSavedAt: '2026-06-15T09:00:00.000Z',
        },
      },
    });
    const [row] = await t.db.select().from(formResponses).where(eq(formResponses.id, r.id));
    expect(row.answers).toEqual({ q1: 'yes' });
    // Having seen both, the lead keeps theirs by saving against the current version.
    const resolved = await w.c.lead.put(url, { answers: { q1: 'partly' }, carryForward: {}, version: 2 });
    expect(resolved.json()).toMatchObject({ version: 3, answers: { q1: 'partly' } });
  });

  it('treats a repeat of a save that already landed as a success, without a new version', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const url = `${w.P}/responses/${r.id}/answers`;
    const body = { answers: { q1: 'yes', q4: 2 }, carryForward: {}, version: 1 };
    const [a, b] = [await w.c.lead.put(url, body), await w.c.lead.put(url, body)];
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json().version).toBe(2);
    const saves = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'answers_saved')));
    expect(saves).toHaveLength(1);
  });

  it('lets only one of several saves against the same version land; the rest get 409, never a silent overwrite', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const url = `${w.P}/responses/${r.id}/answers`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        w.c.lead.put(url, { answers: { q4: i + 1 }, carryForward: {}, version: 1 }),
      ),
    );
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    const landed = results.find((x) => x.statusCode === 200)!;
    const [row] = await t.db.select().from(formResponses).where(eq(formResponses.id, r.id));
    expect(row.version).toBe(2);
    expect(row.answers).toEqual(landed.json().answers);
  });

  it('never loses a save that races a submit: one of them is refused', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const base = `${w.P}/responses/${r.id}`;
    const ready = await w.c.lead.put(`${base}/answers`, {
      answers: { q1: 'yes', q3: { optionId: 'met' } },
      carryForward: {},
      version: 1,
    });
    expect(ready.statusCode).toBe(200);
    const [save, submit] = await Promise.all([
      w.c.lead.put(`${base}/answers`, {
        answers: { q1: 'yes', q3: { optionId: 'met' }, q4: 7 },
        carryForward: {},
        version: 2,
      }),
      w.c.lead.post(`${base}/submit`, { version: 2 }),
    ]);
    // Whichever lands first wins; the other is refused, so nobody is told a save worked that was lost.
    expect([save.statusCode, submit.statusCode].filter((c) => c === 200)).toHaveLength(1);
    const [row] = await t.db.select().from(formResponses).where(eq(formResponses.id, r.id));
    if (save.statusCode === 200) expect(row).toMatchObject({ status: 'draft', answers: { q4: 7 } });
    else expect(row).toMatchObject({ status: 'submitted', version: 3 });
  });
});

describe('submitting', () => {
  it('refuses missing required answers by question id; a required question hidden by its condition is not required', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const base = `${w.P}/responses/${r.id}`;
    const empty = await w.c.lead.post(`${base}/submit`, { version: 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.fields).toEqual({
      q1: 'Select yes, no or partly for ‘Was the child seen?’',
      q3: 'Select a rating for ‘How well was the child heard?’',
    });

    // q1 "no" shows q2, which is then required.
    await w.c.lead.put(`${base}/answers`, {
      answers: { q1: 'no', q3: { optionId: 'na' } },
      carryForward: {},
      version: 1,
    });
    const shown = await w.c.lead.post(`${base}/submit`, { version: 2 });
    expect(shown.json().details.fields).toEqual({
      q2: 'Enter an answer for ‘Why was the child not seen?’',
      q3: 'Enter a reason why this is not applicable',
    });

    // q1 "yes" hides q2: its stale answer neither blocks nor survives the submission.
    await w.c.lead.put(`${base}/answers`, {
      answers: { q1: 'yes', q2: 'left over', q3: { optionId: 'met' } },
      carryForward: {},
      version: 2,
    });
    const ok = await w.c.lead.post(`${base}/submit`, { version: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'submitted',
      version: 4,
      answers: { q1: 'yes', q3: { optionId: 'met' } },
    });
    expect(ok.json().answers).not.toHaveProperty('q2');

    // A double click: the same submit again is a success, and nothing changes.
    const again = await w.c.lead.post(`${base}/submit`, { version: 3 });
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(4);

    const later = await w.c.lead.put(`${base}/answers`, {
      answers: { q1: 'no' },
      carryForward: {},
      version: 4,
    });
    expect(later.statusCode).toBe(409);
    expect(later.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      message: 'This form has been submitted, so its answers can no longer be changed.',
    });
    const detail = (await w.c.lead.get(base)).json();
    expect(detail).toMatchObject({ status: 'submitted', canEdit: false, submittedBy: { id: w.lead.id } });
  });

  it('refuses a submit against a stale version with the saved answers', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    await w.c.lead.put(`${w.P}/responses/${r.id}/answers`, {
      answers: { q1: 'yes' },
      carryForward: {},
      version: 1,
    });
    const res = await w.c.lead.post(`${w.P}/responses/${r.id}/submit`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.current).toMatchObject({ version: 2, answers: { q1: 'yes' } });
  });
});

describe('carrying answers forward', () => {
  it('starts from the earlier response’s answers, shows them, and needs each confirmed or changed before submitting', async () => {
    const w = await world();
    await publish(w);
    const last = await request(w, { title: 'Last year' });
    await w.c.lead.put(`${w.P}/responses/${last.id}/answers`, {
      answers: { q1: 'yes', q3: { optionId: 'partly' } },
      carryForward: {},
      version: 1,
    });
    await w.c.lead.post(`${w.P}/responses/${last.id}/submit`, { version: 2 });

    const wrongAgency = await w.c.admin.post(`${w.P}/responses`, {
      templateId: w.templateId,
      title: 'This year',
      agencyId: w.agencyB.id,
      previousResponseId: last.id,
    });
    expect(wrongAgency.json().details.fields.previousResponseId).toBe(
      'Choose an earlier response from the same agency or person',
    );

    const r = await request(w, { title: 'This year', previousResponseId: last.id });
    expect(r).toMatchObject({
      previousResponseId: last.id,
      previousAnswers: { q1: 'yes', q3: { optionId: 'partly' } },
      answers: { q1: 'yes', q3: { optionId: 'partly' } },
    });
    const base = `${w.P}/responses/${r.id}`;
    const pending = await w.c.lead.post(`${base}/submit`, { version: 1 });
    expect(pending.json().details.fields).toEqual({
      q1: 'Confirm your earlier answer to ‘Was the child seen?’ is still true, or say it has changed',
      q3: 'Confirm your earlier answer to ‘How well was the child heard?’ is still true, or say it has changed',
    });
    const saved = await w.c.lead.put(`${base}/answers`, {
      answers: { q1: 'yes', q3: { optionId: 'met' } },
      carryForward: { q1: 'confirmed', q3: 'changed' },
      version: 1,
    });
    expect(saved.json().carryForward).toEqual({ q1: 'confirmed', q3: 'changed' });
    const badChoice = await w.c.lead.put(`${base}/answers`, {
      answers: {},
      carryForward: { q1: 'maybe' },
      version: 2,
    });
    expect(badChoice.statusCode).toBe(400);
    expect((await w.c.lead.post(`${base}/submit`, { version: 2 })).statusCode).toBe(200);
  });
});

describe('evidence files', () => {
  const upload = (
    c: TestClient,
    w: World,
    responseId: string,
    file: Parameters<typeof multipart>[0],
    q = 'e1',
  ) => c.post(`${w.P}/responses/${responseId}/questions/${q}/files`, multipart(file));

  it('stores a PDF under a random key, lists it, attaches it to the answer and serves it only as an attachment', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const res = await upload(w.c.lead, w, r.id, { fileName: 'Supervision record.pdf', data: PDF });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      questionId: 'e1',
      fileName: 'Supervision record.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: { id: w.lead.id },
      removedAt: null,
    });
    const [row] = await t.db.select().from(formResponseFiles).where(eq(formResponseFiles.id, file.id));
    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain('Supervision');

    const detail = (await w.c.lead.get(`${w.P}/responses/${r.id}`)).json();
    expect(detail.files.map((f: { id: string }) => f.id)).toEqual([file.id]);
    expect(detail.answers.e1).toEqual({ fileIds: [file.id] });
    expect(detail.version).toBe(1); // an upload never makes the next autosave stale

    // An autosave cannot drop or forge the file list: files are managed by their own routes.
    const saved = await w.c.lead.put(`${w.P}/responses/${r.id}/answers`, {
      answers: { q1: 'yes', e1: { fileIds: ['forged'] } },
      carryForward: {},
      version: 1,
    });
    expect(saved.json().answers.e1).toEqual({ fileIds: [file.id] });

    for (const reader of [w.c.lead, w.c.admin, w.c.qa]) {
      const dl = await reader.get(`${w.P}/responses/${r.id}/files/${file.id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(PDF)).toBe(true);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="Supervision record.pdf"/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('never lets another agency or partnership download, upload or remove', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const file = (await upload(w.c.lead, w, r.id, { fileName: 'a.pdf', data: PDF })).json();
    const fileUrl = `${w.P}/responses/${r.id}/files/${file.id}`;
    for (const who of [w.c.leadB, w.c.viewer, w.c.practitioner, w.c.otherAdmin]) {
      expect((await who.get(fileUrl)).statusCode).toBe(404);
      expect((await who.delete(fileUrl)).statusCode).toBe(404);
      expect((await upload(who, w, r.id, { fileName: 'b.pdf', data: PDF })).statusCode).toBe(404);
    }
    expect(
      (await w.c.otherAdmin.get(`/api/v1/partnerships/${w.other.id}/responses/${r.id}/files/${file.id}`))
        .statusCode,
    ).toBe(404);
    // Readers who do not answer it may download but not change it.
    expect((await upload(w.c.admin, w, r.id, { fileName: 'c.pdf', data: PDF })).statusCode).toBe(403);
    const files = await t.db.select().from(formResponseFiles).where(eq(formResponseFiles.responseId, r.id));
    expect(files).toHaveLength(1);
  });

  it('checks the type by content: refuses an .exe renamed .pdf and a PNG named .pdf; accepts PNG and plain text', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const exe = await upload(w.c.lead, w, r.id, {
      fileName: 'minutes.pdf',
      contentType: 'application/pdf',
      data: EXE,
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.fields.file).toMatch(
      /^The selected file is a EXE file, which cannot be uploaded/,
    );
    const misnamed = await upload(w.c.lead, w, r.id, { fileName: 'chart.pdf', data: PNG });
    expect(misnamed.json().details.fields.file).toMatch(/PNG file but its name ends ‘.pdf’/);
    const binaryAsText = await upload(w.c.lead, w, r.id, {
      fileName: 'notes.txt',
      data: Buffer.from([0, 1, 2, 3, 0xff]),
    });
    expect(binaryAsText.statusCode).toBe(400);
    const empty = await upload(w.c.lead, w, r.id, { fileName: 'empty.pdf', data: Buffer.alloc(0) });
    expect(empty.json().details.fields.file).toMatch(/empty/);

    const png = await upload(w.c.lead, w, r.id, { fileName: '../../etc/chart.png', data: PNG });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ fileName: 'chart.png', mediaType: 'image/png' });
    const csv = await upload(w.c.lead, w, r.id, {
      fileName: 'figures.csv',
      data: Buffer.from('quarter,referrals\nQ1,120\n'),
    });
    expect(csv.json()).toMatchObject({ mediaType: 'text/csv' });
    const files = await t.db.select().from(formResponseFiles).where(eq(formResponseFiles.responseId, r.id));
    expect(files).toHaveLength(2);
  });

  it('refuses a file for a question that does not take files, and any file once submitted', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const wrong = await upload(w.c.lead, w, r.id, { fileName: 'a.pdf', data: PDF }, 'q1');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.fields.file).toBe('This question does not take files');
    const noFile = await w.c.lead.post(`${w.P}/responses/${r.id}/questions/e1/files`, {});
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().details.fields.file).toBe('Select a file to upload');

    await w.c.lead.put(`${w.P}/responses/${r.id}/answers`, {
      answers: { q1: 'yes', q3: { optionId: 'met' } },
      carryForward: {},
      version: 1,
    });
    await w.c.lead.post(`${w.P}/responses/${r.id}/submit`, { version: 2 });
    const late = await upload(w.c.lead, w, r.id, { fileName: 'a.pdf', data: PDF });
    expect(late.statusCode).toBe(409);
  });

  it('removes a file by marking it (the row stays) and stops serving it', async () => {
    const w = await world();
    await publish(w);
    const r = await request(w);
    const file = (await upload(w.c.lead, w, r.id, { fileName: 'a.pdf', data: PDF })).json();
    const url = `${w.P}/responses/${r.id}/files/${file.id}`;
    const removed = await w.c.lead.delete(url);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().removedAt).not.toBeNull();
    expect((await w.c.lead.get(url)).statusCode).toBe(404);
    expect((await w.c.lead.delete(url)).statusCode).toBe(404);
    const [row] = await t.db.select().from(formResponseFiles).where(eq(formResponseFiles.id, file.id));
    expect(row.removedBy).toBe(w.lead.id);
    const detail = (await w.c.lead.get(`${w.P}/responses/${r.id}`)).json();
    expect(detail.files).toEqual([]);
    expect(detail.answers).not.toHaveProperty('e1');
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'file_removed')));
    expect(audit).toHaveLength(1);
  });
});

describe('upload size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ uploadMaxBytes: 1024 });
  });
  afterAll(() => small.close());

  it('refuses a file over the limit with 413 and says how large it may be', async () => {
    const saved = t;
    t = small;
    try {
      const w = await world();
      await publish(w);
      const r = await request(w);
      const big = Buffer.concat([PDF, Buffer.alloc(2048, 0x20)]);
      const res = await w.c.lead.post(
        `${w.P}/responses/${r.id}/questions/e1/files`,
        multipart({ fileName: 'big.pdf', data: big }),
      );
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({
        error: 'PAYLOAD_TOO_LARGE',
        message: 'The selected file must be smaller than 1 KB',
      });
      const files = await small.db
        .select()
        .from(formResponseFiles)
        .where(eq(formResponseFiles.responseId, r.id));
      expect(files).toEqual([]);
      const fits = await w.c.lead.post(
        `${w.P}/responses/${r.id}/questions/e1/files`,
        multipart({ fileName: 'small.pdf', data: PDF }),
      );
      expect(fits.statusCode).toBe(201);
    } finally {
      t = saved;
    }
  });
});
