import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZAuditTemplate } from '../../../contracts/audit-tools.js';
import { seedDemoIfEmpty } from '../../../scripts/demo-data.js';
import { buildMember, buildPartnership, createTestApp, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { auditTemplates, auditTemplateVersions } from './audit-tools.tables.js';
import { findStarter, STARTER_TEMPLATES } from './starter-library/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const lead = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead' });
  return {
    p,
    admin,
    adminClient: await t.signIn(admin.email),
    qaClient: await t.signIn(qa.email),
    viewerClient: await t.signIn(viewer.email),
    leadClient: await t.signIn(lead.email),
    base: `/api/v1/partnerships/${p.id}/audit-templates`,
  };
}

const templateCount = async (partnershipId: string) =>
  (await t.db.select().from(auditTemplates).where(eq(auditTemplates.partnershipId, partnershipId))).length;

describe('the starter library', () => {
  it('lists every starter with its size to admins and QA group members', async () => {
    const w = await world();
    for (const c of [w.adminClient, w.qaClient]) {
      const res = await c.get(`${w.base}/library`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.allowedVerbs).toContain('write');
      expect(body.items.map((i: { id: string }) => i.id)).toEqual(STARTER_TEMPLATES.map((s) => s.id));
      const caseAudit = body.items.find((i: { id: string }) => i.id === 'multi-agency-case-file-audit');
      const starter = findStarter('multi-agency-case-file-audit')!;
      expect(caseAudit).toEqual({
        id: starter.id,
        title: 'Multi-agency case file audit',
        kind: 'case_audit',
        description: starter.description,
        sections: starter.definition.sections.length,
        questions: starter.definition.sections.flatMap((s) => s.questions).length,
        sectionTitles: starter.definition.sections.map((s) => s.title),
      });
      // The list names the starters; it does not hand out their definitions.
      expect(caseAudit).not.toHaveProperty('definition');
    }
  });

  it('refuses the library to members who may not see draft templates', async () => {
    const w = await world();
    for (const c of [w.viewerClient, w.leadClient]) {
      const res = await c.get(`${w.base}/library`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('FORBIDDEN');
    }
  });

  it('adds a starter as a new template with draft version 1, through the usual create path and audit row', async () => {
    const w = await world();
    const res = await w.adminClient.post(`${w.base}/library/practitioner-survey`);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      title: 'Practitioner survey',
      kind: 'survey',
      active: true,
      latestPublishedNumber: null,
      hasDraft: true,
      versions: [{ number: 1, status: 'draft', basedOnVersionId: null }],
    });

    // The copy is the starter, whole, and valid.
    const version = await w.adminClient.get(`${w.base}/${created.id}/versions/${created.versions[0].id}`);
    expect(version.statusCode).toBe(200);
    expect(version.json().definition).toEqual(findStarter('practitioner-survey')!.definition);
    expect(ZAuditTemplate.safeParse(version.json().definition).success).toBe(true);

    // It is one of the partnership's templates now.
    const list = (await w.adminClient.get(w.base)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(created.id);

    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'created')));
    expect(row).toMatchObject({ entity: 'audit_template', partnershipId: w.p.id, personId: w.admin.id });
  });

  it('makes an independent copy each time: editing one changes neither the other nor the library', async () => {
    const w = await world();
    const first = (await w.qaClient.post(`${w.base}/library/service-user-survey`)).json();
    const second = (await w.qaClient.post(`${w.base}/library/service-user-survey`)).json();
    expect(first.id).not.toBe(second.id);

    const url = `${w.base}/${first.id}/versions/${first.versions[0].id}`;
    const definition = (await w.qaClient.get(url)).json().definition;
    definition.sections[0].title = 'Changed locally';
    const put = await w.qaClient.put(url, { definition, version: 1 });
    expect(put.statusCode, put.body).toBe(200);

    const other = (await w.qaClient.get(`${w.base}/${second.id}/versions/${second.versions[0].id}`)).json();
    expect(other.definition.sections[0].title).toBe('About you');
    expect(findStarter('service-user-survey')!.definition.sections[0].title).toBe('About you');
  });

  it('answers 404 for an unknown starter and 400 naming the field for a malformed id, adding nothing', async () => {
    const w = await world();
    const unknown = await w.adminClient.post(`${w.base}/library/no-such-starter`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'NOT_FOUND' });

    const malformed = await w.adminClient.post(`${w.base}/library/Not.A.Slug`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details.fields).toHaveProperty('starterId');

    expect(await templateCount(w.p.id)).toBe(0);
  });

  it('refuses adding to members who may not write templates, without revealing whether the starter exists', async () => {
    const w = await world();
    for (const c of [w.viewerClient, w.leadClient]) {
      for (const id of ['section-11-self-assessment', 'no-such-starter']) {
        const res = await c.post(`${w.base}/library/${id}`);
        expect(res.statusCode).toBe(403);
      }
    }
    expect(await templateCount(w.p.id)).toBe(0);
  });

  it('adds to the partnership in the URL only: another partnership’s admin is answered 404', async () => {
    const w = await world();
    const other = await world();
    const res = await other.adminClient.post(`${w.base}/library/section-11-self-assessment`);
    expect(res.statusCode).toBe(404);
    expect(await templateCount(w.p.id)).toBe(0);
    expect(await templateCount(other.p.id)).toBe(0);
  });

  it('adds every starter cleanly', async () => {
    const w = await world();
    for (const s of STARTER_TEMPLATES) {
      const res = await w.adminClient.post(`${w.base}/library/${s.id}`);
      expect(res.statusCode, `${s.id}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ title: s.title, kind: s.kind });
    }
    expect(await templateCount(w.p.id)).toBe(STARTER_TEMPLATES.length);
  });
});

describe('the demo data’s starter templates', () => {
  let demo: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await seedDemoIfEmpty(demo.db);
  });
  afterAll(() => demo.drop());

  async function templatesOf(name: string) {
    const [p] = await demo.db.select().from(partnerships).where(eq(partnerships.name, name));
    return demo.db
      .select({
        title: auditTemplates.title,
        kind: auditTemplates.kind,
        number: auditTemplateVersions.number,
        status: auditTemplateVersions.status,
        publishedBy: auditTemplateVersions.publishedBy,
        definition: auditTemplateVersions.definition,
      })
      .from(auditTemplates)
      .innerJoin(auditTemplateVersions, eq(auditTemplateVersions.templateId, auditTemplates.id))
      .where(eq(auditTemplates.partnershipId, p.id));
  }

  it('gives Northshire the case file audit and Section 11 starters, published as version 1', async () => {
    const rows = (await templatesOf('Northshire Safeguarding Partnership')).filter((r) =>
      ['Multi-agency case file audit', 'Section 11 self-assessment'].includes(r.title),
    );
    expect(rows.map((r) => r.title).sort()).toEqual([
      'Multi-agency case file audit',
      'Section 11 self-assessment',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ number: 1, status: 'published' });
      expect(r.publishedBy).not.toBeNull();
      expect(ZAuditTemplate.safeParse(r.definition).success).toBe(true);
    }
  });

  it('gives Northshire (children and adults) the Care Act starter and Southvale (children) the education audit, as drafts', async () => {
    const northshire = await templatesOf('Northshire Safeguarding Partnership');
    const careAct = northshire.filter((r) => r.title === 'Care Act adult safeguarding self-assessment');
    expect(careAct).toHaveLength(1);
    expect(careAct[0]).toMatchObject({ kind: 'self_assessment', number: 1, status: 'draft' });
    const southvale = await templatesOf('Southvale Safeguarding Children Partnership');
    expect(southvale.map((r) => r.title)).toEqual(['Section 175/157 education safeguarding audit']);
    expect(southvale[0]).toMatchObject({ kind: 'education_audit', number: 1, status: 'draft' });
  });
});
