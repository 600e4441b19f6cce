import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildPartnership, createTestApp, type TestApp } from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { auditTemplateVersions } from './audit-tools.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const question = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'yes_no_partly',
  text,
  required: true,
  ...extra,
});
const definition = (questions: unknown[]) => ({
  formatVersion: 1,
  title: 'Case file audit',
  kind: 'case_audit',
  scales: [],
  sections: [{ id: 's1', title: 'The child’s experience', questions }],
});

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}/audit-templates` };
}

/** A template with v1 published and no draft. */
async function published(w: Awaited<ReturnType<typeof world>>) {
  const created = (await w.c.post(w.base, { title: 'Case file audit', kind: 'case_audit' })).json();
  const v1 = created.versions[0].id as string;
  const url = (v: string) => `${w.base}/${created.id}/versions/${v}`;
  const put = await w.c.put(url(v1), {
    definition: definition([question('q1', 'Was the child seen?'), question('q2', 'Was the child heard?')]),
    version: 1,
  });
  expect(put.statusCode, put.body).toBe(200);
  expect((await w.c.post(`${url(v1)}/publish`)).statusCode).toBe(200);
  return { id: created.id as string, v1, url };
}

describe('audit-tool templates', () => {
  it('creates a template with draft version 1 holding a minimal valid definition, and audits it', async () => {
    const { p, admin, c, base } = await world();
    const res = await c.post(base, { title: '  Section 11 audit ', kind: 'self_assessment' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      title: 'Section 11 audit',
      kind: 'self_assessment',
      active: true,
      latestPublishedNumber: null,
      hasDraft: true,
      allowedVerbs: ['readPublished', 'readDrafts', 'write'],
      versions: [{ number: 1, status: 'draft', version: 1, basedOnVersionId: null, publishedAt: null }],
    });
    const v = (await c.get(`${base}/${body.id}/versions/${body.versions[0].id}`)).json();
    expect(v.definition).toMatchObject({
      formatVersion: 1,
      title: 'Section 11 audit',
      kind: 'self_assessment',
    });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, body.id), eq(auditLog.action, 'created')));
    expect(row).toMatchObject({ entity: 'audit_template', partnershipId: p.id, personId: admin.id });
  });

  it('creates from a given definition, and names the path of a problem in one', async () => {
    const { c, base } = await world();
    const ok = await c.post(base, {
      title: 'Imported',
      kind: 'case_audit',
      definition: definition([question('q1', 'Seen?')]),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const v = (await c.get(`${base}/${ok.json().id}/versions/${ok.json().versions[0].id}`)).json();
    expect(v.definition.sections[0].questions[0].text).toBe('Seen?');
    expect(v.definition.title).toBe('Imported');

    const emptySection = await c.post(base, {
      title: 'Empty',
      kind: 'case_audit',
      definition: definition([]),
    });
    expect(emptySection.statusCode).toBe(201); // an empty section is valid
    const worse = await c.post(base, {
      title: 'Broken',
      kind: 'case_audit',
      definition: { formatVersion: 2 },
    });
    expect(worse.statusCode).toBe(400);
    expect(worse.json().details.fields).toHaveProperty('definition.formatVersion');
  });

  it('refuses an invalid draft naming the path, saves a valid one, and refuses a stale version', async () => {
    const { c, base } = await world();
    const created = (await c.post(base, { title: 'Case file audit', kind: 'case_audit' })).json();
    const url = `${base}/${created.id}/versions/${created.versions[0].id}`;
    const invalid = await c.put(url, {
      definition: definition([
        question('q1', 'Was the child seen?'),
        question('q2', 'Why not?', { showIf: { questionId: 'q3', equals: 'no' } }),
        question('q3', 'Later'),
      ]),
      version: 1,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: 'VALIDATION' });
    expect(invalid.json().details.fields['definition.sections.0.questions.1.showIf']).toMatch(/comes later/);
    const [unchanged] = await t.db
      .select()
      .from(auditTemplateVersions)
      .where(eq(auditTemplateVersions.id, created.versions[0].id));
    expect(unchanged.version).toBe(1);

    const ok = await c.put(url, {
      definition: definition([question('q1', 'Was the child seen?')]),
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, status: 'draft' });
    const stale = await c.put(url, { definition: definition([question('q1', 'Lost')]), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'CONFLICT', details: { current: { version: 2 } } });
    expect((await c.put(url, { definition: definition([]) })).statusCode).toBe(400);
  });

  it('publishes a draft, freezing it; a published version cannot change or be published again', async () => {
    const w = await world();
    const tpl = await published(w);
    const v = (await w.c.get(tpl.url(tpl.v1))).json();
    expect(v).toMatchObject({ status: 'published', publishedBy: w.admin.id, version: 3 });
    expect(v.publishedAt).toEqual(expect.any(String));

    const edit = await w.c.put(tpl.url(tpl.v1), {
      definition: definition([question('q1', 'Changed')]),
      version: 3,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      message: 'Published versions cannot change; make a new draft',
    });
    const again = await w.c.post(`${tpl.url(tpl.v1)}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('INVALID_TRANSITION');
    expect((await w.c.get(`${w.base}/${tpl.id}`)).json()).toMatchObject({
      latestPublishedNumber: 1,
      hasDraft: false,
    });
  });

  it('makes a new draft from any version with the same definition, one draft at a time, and diffs versions', async () => {
    const w = await world();
    const tpl = await published(w);
    const draft = await w.c.post(`${tpl.url(tpl.v1)}/new-draft`);
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ number: 2, status: 'draft', basedOnVersionId: tpl.v1, version: 1 });
    const v1 = (await w.c.get(tpl.url(tpl.v1))).json();
    expect(draft.json().definition).toEqual(v1.definition);

    const second = await w.c.post(`${tpl.url(tpl.v1)}/new-draft`);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toBe('CONFLICT');

    const v2 = draft.json().id;
    await w.c.put(tpl.url(v2), {
      definition: definition([
        question('q1', 'Was the child seen alone?', { help: 'Record where' }),
        question('q3', 'Was the plan reviewed?'),
      ]),
      version: 1,
    });
    const diff = await w.c.get(`${tpl.url(tpl.v1)}/diff/${v2}`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toEqual({
      from: { id: tpl.v1, number: 1 },
      to: { id: v2, number: 2 },
      changedFields: [],
      sections: { added: [], removed: [], changed: [{ id: 's1', fields: ['questions'] }] },
      questions: {
        added: [{ id: 'q3', sectionId: 's1', text: 'Was the plan reviewed?' }],
        removed: [{ id: 'q2', sectionId: 's1', text: 'Was the child heard?' }],
        changed: [{ id: 'q1', fields: ['help', 'text'] }],
      },
    });

    // Publishing v2 frees the slot: a draft can then be made from v1 again, numbered 3.
    await w.c.post(`${tpl.url(v2)}/publish`);
    expect((await w.c.post(`${tpl.url(tpl.v1)}/new-draft`)).json()).toMatchObject({
      number: 3,
      basedOnVersionId: tpl.v1,
    });
    const detail = (await w.c.get(`${w.base}/${tpl.id}`)).json();
    expect(detail.versions.map((x: { number: number; status: string }) => `${x.number}:${x.status}`)).toEqual(
      ['1:published', '2:published', '3:draft'],
    );
    expect(detail).toMatchObject({ latestPublishedNumber: 2, hasDraft: true });
  });

  it('a board viewer reads published versions but never drafts, and cannot write', async () => {
    const w = await world();
    const tpl = await published(w);
    const draft = (await w.c.post(`${tpl.url(tpl.v1)}/new-draft`)).json();
    const onlyDraft = (await w.c.post(w.base, { title: 'Not ready', kind: 'survey' })).json();
    const viewer = await buildMember(t.db, { partnershipId: w.p.id, role: 'board_viewer' });
    const v = await t.signIn(viewer.email);

    const list = (await v.get(w.base)).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: tpl.id,
        latestPublishedNumber: 1,
        hasDraft: false,
        allowedVerbs: ['readPublished'],
      }),
    ]);
    const detail = (await v.get(`${w.base}/${tpl.id}`)).json();
    expect(detail.versions.map((x: { number: number }) => x.number)).toEqual([1]);
    expect((await v.get(tpl.url(tpl.v1))).statusCode).toBe(200);
    const hidden = await v.get(tpl.url(draft.id));
    expect(hidden.statusCode).toBe(404);
    expect((await v.get(`${tpl.url(tpl.v1)}/diff/${draft.id}`)).statusCode).toBe(404);
    expect((await v.get(`${w.base}/${onlyDraft.id}`)).statusCode).toBe(404);
    expect((await v.put(tpl.url(draft.id), { definition: definition([]), version: 1 })).statusCode).toBe(403);
    expect((await v.post(w.base, { title: 'Sneaky', kind: 'survey' })).statusCode).toBe(403);
  });

  it('a QA group member can create, edit and publish', async () => {
    const { p, base } = await world();
    const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
    const c = await t.signIn(qa.email);
    const created = await c.post(base, { title: 'QA tool', kind: 'survey' });
    expect(created.statusCode).toBe(201);
    const url = `${base}/${created.json().id}/versions/${created.json().versions[0].id}`;
    expect(
      (await c.put(url, { definition: definition([question('q1', 'Useful?')]), version: 1 })).statusCode,
    ).toBe(200);
    expect((await c.post(`${url}/publish`)).json()).toMatchObject({
      status: 'published',
      publishedBy: qa.id,
    });
  });

  it("another partnership's template is not found and not changed", async () => {
    const a = await world();
    const b = await world();
    const tpl = await published(a);
    const theirs = (u: string) => u.replace(a.p.id, b.p.id);
    for (const res of [
      await b.c.get(theirs(`${a.base}/${tpl.id}`)),
      await b.c.get(theirs(tpl.url(tpl.v1))),
      await b.c.post(theirs(`${tpl.url(tpl.v1)}/new-draft`)),
      await b.c.post(theirs(`${a.base}/${tpl.id}/deactivate`)),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('This audit tool could not be found');
    }
    expect((await b.c.get(b.base)).json().total).toBe(0);
    const rows = await t.db
      .select()
      .from(auditTemplateVersions)
      .where(eq(auditTemplateVersions.templateId, tpl.id));
    expect(rows).toHaveLength(1);
  });

  it('searches, deactivates and reactivates; inactive templates are listed only when asked', async () => {
    const w = await world();
    const tpl = await published(w);
    await w.c.post(w.base, { title: 'Practitioner survey', kind: 'survey' });
    expect((await w.c.get(`${w.base}?q=SURVEY`)).json().items.map((x: { title: string }) => x.title)).toEqual(
      ['Practitioner survey'],
    );
    const off = await w.c.post(`${w.base}/${tpl.id}/deactivate`);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await w.c.get(w.base)).json().total).toBe(1);
    expect((await w.c.get(`${w.base}?includeInactive=true`)).json().total).toBe(2);
    expect((await w.c.post(`${w.base}/${tpl.id}/reactivate`)).json()).toMatchObject({
      active: true,
      version: 3,
    });
  });

  it('every change writes one audit row', async () => {
    const w = await world();
    const tpl = await published(w);
    const draft = (await w.c.post(`${tpl.url(tpl.v1)}/new-draft`)).json();
    await w.c.post(`${w.base}/${tpl.id}/deactivate`);
    await w.c.post(`${w.base}/${tpl.id}/reactivate`);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.entityId, [tpl.id, tpl.v1, draft.id]));
    expect(rows.map((r) => `${r.entity}:${r.action}`).sort()).toEqual([
      'audit_template:created',
      'audit_template:deactivated',
      'audit_template:reactivated',
      'audit_template_version:draft_created',
      'audit_template_version:published',
      'audit_template_version:updated',
    ]);
  });
});
