import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamToBuffer } from '../../platform/file-storage.js';
import { buildRecommendation } from '../../testing/factories.js';
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
import {
  assuranceRequestRecommendations,
  assuranceRequests,
  registerFiles,
} from './recommendations.tables.js';

// Evidence files on impact-check evidence and on assurance answers (register_files): who may upload,
// list, download and remove them, and when. The clock stands at 15 June 2026.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const CSV = Buffer.from('team,trained\nNorth,12\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

/**
 * A recommendation to agencies A and B in its impact-check stage (a 3-month check), an assurance request to
 * agency A, the people who act on them, and another partnership's admin.
 */
async function world(app: TestApp = t) {
  const db = app.db;
  const p = await buildPartnership(db);
  const agencyA = await buildAgency(db, { partnershipId: p.id, name: 'Agency A' });
  const agencyB = await buildAgency(db, { partnershipId: p.id, name: 'Agency B' });
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const leadA = await member('agency_lead', agencyA.id);
  const leadB = await member('agency_lead', agencyB.id);
  const practitionerA = await member('auditor_practitioner', agencyA.id);
  const scrutineer = await member('independent_scrutineer');
  const viewer = await member('board_viewer');
  const other = await buildPartnership(db);
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const rec = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id, agencyB.id],
    status: 'impact_check',
    agreedOn: '2026-03-01',
    impactCheckMonths: [3],
  });
  const [check] = rec.impactChecks;
  const [request] = await db
    .insert(assuranceRequests)
    .values({
      partnershipId: p.id,
      agencyId: agencyA.id,
      title: 'Evidence your response',
      question: 'Show how supervision has changed',
      dueOn: '2026-07-31',
    })
    .returning();
  await db
    .insert(assuranceRequestRecommendations)
    .values({ assuranceRequestId: request.id, recommendationId: rec.id });
  const as: Record<string, TestClient> = {};
  for (const [k, person] of Object.entries({
    admin,
    qa,
    leadA,
    leadB,
    practitionerA,
    scrutineer,
    viewer,
    otherAdmin,
  })) {
    as[k] = await app.signIn(person.email);
  }
  return {
    p,
    other,
    agencyA,
    agencyB,
    check,
    request,
    people: { leadA, qa },
    as,
    /** Agency X's evidence on the check. */
    evidence: (agencyId: string, pid = p.id) => `${P(pid)}/impact-checks/${check.id}/evidence/${agencyId}`,
    /** The assurance request. */
    assurance: (pid = p.id) => `${P(pid)}/assurance-requests/${request.id}`,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const upload = (c: TestClient, url: string, fileName = 'supervision-audit.pdf', data: Buffer = PDF) =>
  c.post(`${url}/files`, multipart({ fileName, data }));

async function uploaded(c: TestClient, url: string, fileName?: string, data?: Buffer) {
  const res = await upload(c, url, fileName, data);
  expect(res.statusCode, res.body).toBe(201);
  t.clock.advance(1000); // files are listed oldest first: keep the uploads apart
  return res.json() as { id: string; fileName: string };
}

const fileRows = (app: TestApp, ownerId: string) =>
  app.db.select().from(registerFiles).where(eq(registerFiles.ownerId, ownerId));

const auditOf = (w: World, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id));

describe('impact-check evidence files', () => {
  it('are added to an agency’s draft evidence, listed, served only as attachments (logged), and shown with the evidence', async () => {
    const w = await world();
    const url = w.evidence(w.agencyA.id);
    // A file before any text: the evidence starts as a draft, and the agency's first save still matches.
    const file = await uploaded(w.as.leadA, url);
    expect(file).toMatchObject({
      fileName: 'supervision-audit.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: { id: w.people.leadA.id, name: w.people.leadA.name },
      removedAt: null,
    });
    const saved = await w.as.leadA.put(url, {
      practiceChange: 'Audits',
      outcomes: 'Fewer repeats',
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    // Stored under a random key, never the name; the bytes are the upload's.
    const [stored] = await t.db.select().from(registerFiles).where(eq(registerFiles.id, file.id));
    expect(stored).toMatchObject({ ownerType: 'impact_check_evidence', agencyId: w.agencyA.id });
    expect(stored.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((await streamToBuffer(await t.fileStorage.get(stored.storageKey))).equals(PDF)).toBe(true);

    const second = await uploaded(w.as.leadA, url, 'training-register.csv', CSV);
    const listed = await w.as.qa.get(`${url}/files`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((f: { id: string }) => f.id)).toEqual([file.id, second.id]);

    // The monitoring group sees the files with the evidence on the check.
    const detail = (await w.as.qa.get(`${P(w.p.id)}/impact-checks/${w.check.id}`)).json();
    const a = detail.agencies.find((x: { id: string }) => x.id === w.agencyA.id);
    expect(a.evidence.files.map((f: { fileName: string }) => f.fileName)).toEqual([
      'supervision-audit.pdf',
      'training-register.csv',
    ]);
    expect(a.evidence.status).toBe('draft');

    const dl = await w.as.qa.get(`${url}/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="supervision-audit.pdf"/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    // Practitioners of the agency and scrutineers read it too.
    expect((await w.as.practitionerA.get(`${url}/files/${file.id}`)).statusCode).toBe(200);
    expect((await w.as.scrutineer.get(`${url}/files`)).statusCode).toBe(200);

    const uploads = await auditOf(w, 'file_uploaded');
    expect(uploads.map((r) => r.entity)).toEqual(['impact_check_evidence', 'impact_check_evidence']);
    expect(uploads[0].after).toMatchObject({
      fileId: file.id,
      impactCheckId: w.check.id,
      agencyId: w.agencyA.id,
      fileName: 'supervision-audit.pdf',
      sha256: stored.sha256,
    });
    const downloads = await auditOf(w, 'file_downloaded');
    expect(downloads).toHaveLength(2);
    expect(downloads[0]).toMatchObject({ entity: 'register_file', entityId: file.id });
  });

  it('are never shown to another agency (404) or another partnership (404), nor written by readers (403)', async () => {
    const w = await world();
    const url = w.evidence(w.agencyA.id);
    const file = await uploaded(w.as.leadA, url);
    for (const c of [w.as.leadB, w.as.viewer]) {
      expect((await c.get(`${url}/files`)).statusCode).toBe(404);
      expect((await c.get(`${url}/files/${file.id}`)).statusCode).toBe(404);
      expect((await upload(c, url)).statusCode).toBe(404);
      expect((await c.delete(`${url}/files/${file.id}`)).statusCode).toBe(404);
    }
    const elsewhere = w.evidence(w.agencyA.id, w.other.id);
    expect((await w.as.otherAdmin.get(`${elsewhere}/files`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${elsewhere}/files/${file.id}`)).statusCode).toBe(404);
    expect((await upload(w.as.otherAdmin, elsewhere)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.delete(`${elsewhere}/files/${file.id}`)).statusCode).toBe(404);
    // Agency B's lead asking for A's file through B's own evidence: still 404.
    await w.as.leadB.put(w.evidence(w.agencyB.id), { practiceChange: 'x', outcomes: null, version: 0 });
    expect((await w.as.leadB.get(`${w.evidence(w.agencyB.id)}/files/${file.id}`)).statusCode).toBe(404);
    expect((await w.as.leadB.delete(`${w.evidence(w.agencyB.id)}/files/${file.id}`)).statusCode).toBe(404);
    // B's lead sees that A has evidence, never its files.
    const seen = (await w.as.leadB.get(`${P(w.p.id)}/impact-checks/${w.check.id}`)).json();
    expect(seen.agencies.find((x: { id: string }) => x.id === w.agencyA.id).evidence).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(file.id);
    // Readers who do not write the evidence.
    expect((await upload(w.as.practitionerA, url)).statusCode).toBe(403);
    expect((await w.as.scrutineer.delete(`${url}/files/${file.id}`)).statusCode).toBe(403);
    // Nothing was added or removed by any of it.
    const rows = await t.db.select().from(registerFiles).where(eq(registerFiles.agencyId, w.agencyA.id));
    expect(rows.map((r) => [r.id, r.removedAt])).toEqual([[file.id, null]]);
  });

  it('refuses a file of the wrong type with a 400 naming the file, and stores nothing', async () => {
    const w = await world();
    const url = w.evidence(w.agencyA.id);
    const exe = await upload(w.as.leadA, url, 'evil.pdf', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.fields.file).toMatch(/must be a PDF/);
    const none = await w.as.leadA.post(`${url}/files`, multipart({ fileName: '', data: Buffer.alloc(0) }));
    expect(none.statusCode).toBe(400);
    expect(none.json().details.fields.file).toBe('Select a file to upload');
    expect((await w.as.leadA.get(`${url}/files`)).json().items).toEqual([]);
    expect(await t.db.select().from(registerFiles).where(eq(registerFiles.agencyId, w.agencyA.id))).toEqual(
      [],
    );
  });

  it('removes a file while the evidence is a draft (the row kept), and refuses both once it is submitted', async () => {
    const w = await world();
    const url = w.evidence(w.agencyA.id);
    const gone = await uploaded(w.as.leadA, url, 'old-draft.pdf');
    const kept = await uploaded(w.as.leadA, url, 'audit.pdf');
    const rm = await w.as.leadA.delete(`${url}/files/${gone.id}`);
    expect(rm.statusCode, rm.body).toBe(200);
    expect(rm.json()).toMatchObject({ id: gone.id, removedAt: expect.any(String) });
    expect((await w.as.leadA.get(`${url}/files/${gone.id}`)).statusCode).toBe(404);
    expect((await w.as.leadA.delete(`${url}/files/${gone.id}`)).statusCode).toBe(404);
    const [row] = await t.db.select().from(registerFiles).where(eq(registerFiles.id, gone.id));
    expect(row.removedAt).not.toBeNull();
    expect((await auditOf(w, 'file_removed'))[0]).toMatchObject({
      entity: 'impact_check_evidence',
      before: { fileId: gone.id, fileName: 'old-draft.pdf', agencyId: w.agencyA.id },
    });

    const saved = await w.as.leadA.put(url, { practiceChange: 'Audits', outcomes: 'Fewer', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await w.as.leadA.post(`${url}/submit`, {})).statusCode).toBe(200);
    const late = await w.as.leadA.delete(`${url}/files/${kept.id}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/submitted/);
    expect((await upload(w.as.leadA, url)).statusCode).toBe(409);
    // Still there for the monitoring group.
    expect((await w.as.qa.get(`${url}/files`)).json().items.map((f: { id: string }) => f.id)).toEqual([
      kept.id,
    ]);
  });
});

describe('assurance answer files', () => {
  it('are added by the agency’s lead (before or after answering), listed, downloaded (logged) and shown with the answer', async () => {
    const w = await world();
    const url = w.assurance();
    const file = await uploaded(w.as.leadA, `${url}/answer`);
    const answered = await w.as.leadA.post(`${url}/answer`, { answer: 'Supervision audited', version: 1 });
    expect(answered.statusCode, answered.body).toBe(200);
    const later = await uploaded(
      w.as.leadA,
      `${url}/answer`,
      'minutes.txt',
      Buffer.from('Minutes of the panel\n'),
    );
    expect(answered.json().answerFiles.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const detail = (await w.as.qa.get(url)).json();
    expect(detail.answerFiles.map((f: { fileName: string }) => f.fileName)).toEqual([
      'supervision-audit.pdf',
      'minutes.txt',
    ]);
    expect(detail.version).toBe(2); // files do not change the request's version
    const listed = await w.as.practitionerA.get(`${url}/answer/files`);
    expect(listed.json().items.map((f: { id: string }) => f.id)).toEqual([file.id, later.id]);
    const dl = await w.as.qa.get(`${url}/answer/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="supervision-audit.pdf"/);
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    const [stored] = await fileRows(t, w.request.id);
    expect(stored).toMatchObject({ ownerType: 'assurance_request', agencyId: w.agencyA.id });
    const uploads = await auditOf(w, 'file_uploaded');
    expect(uploads.map((r) => [r.entity, r.entityId])).toEqual([
      ['assurance_request', w.request.id],
      ['assurance_request', w.request.id],
    ]);
    expect(await auditOf(w, 'file_downloaded')).toMatchObject([
      { entity: 'register_file', entityId: file.id, personId: expect.any(String) },
    ]);
  });

  it('are never shown to another agency or partnership (404); only the agency’s lead adds or removes them (403)', async () => {
    const w = await world();
    const url = `${w.assurance()}/answer`;
    const file = await uploaded(w.as.leadA, url);
    for (const c of [w.as.leadB, w.as.viewer]) {
      expect((await c.get(`${url}/files`)).statusCode).toBe(404);
      expect((await c.get(`${url}/files/${file.id}`)).statusCode).toBe(404);
      expect((await upload(c, url)).statusCode).toBe(404);
      expect((await c.delete(`${url}/files/${file.id}`)).statusCode).toBe(404);
    }
    const elsewhere = `${w.assurance(w.other.id)}/answer`;
    expect((await w.as.otherAdmin.get(`${elsewhere}/files`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${elsewhere}/files/${file.id}`)).statusCode).toBe(404);
    expect((await upload(w.as.otherAdmin, elsewhere)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.delete(`${elsewhere}/files/${file.id}`)).statusCode).toBe(404);
    for (const c of [w.as.qa, w.as.practitionerA, w.as.scrutineer]) {
      expect((await upload(c, url)).statusCode).toBe(403);
      expect((await c.delete(`${url}/files/${file.id}`)).statusCode).toBe(403);
    }
    // An action's or the evidence's file id is not the answer's.
    const evidenceFile = await uploaded(w.as.leadA, w.evidence(w.agencyA.id));
    expect((await w.as.leadA.get(`${url}/files/${evidenceFile.id}`)).statusCode).toBe(404);
    expect((await w.as.leadA.delete(`${url}/files/${evidenceFile.id}`)).statusCode).toBe(404);
    expect((await fileRows(t, w.request.id)).map((r) => [r.id, r.removedAt])).toEqual([[file.id, null]]);
  });

  it('refuses the wrong type with a 400; removes until the answer is judged, then refuses both', async () => {
    const w = await world();
    const url = w.assurance();
    const exe = await upload(w.as.leadA, `${url}/answer`, 'setup.exe', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.fields.file).toMatch(/EXE file, which cannot be uploaded/);
    expect(await fileRows(t, w.request.id)).toEqual([]);

    const gone = await uploaded(w.as.leadA, `${url}/answer`, 'wrong.pdf');
    const kept = await uploaded(w.as.leadA, `${url}/answer`, 'right.pdf');
    expect((await w.as.leadA.post(`${url}/answer`, { answer: 'Done', version: 1 })).statusCode).toBe(200);
    const rm = await w.as.leadA.delete(`${url}/answer/files/${gone.id}`);
    expect(rm.statusCode, rm.body).toBe(200);
    expect((await w.as.qa.get(`${url}/answer/files/${gone.id}`)).statusCode).toBe(404);
    expect((await auditOf(w, 'file_removed'))[0]).toMatchObject({
      entity: 'assurance_request',
      entityId: w.request.id,
      before: { fileId: gone.id, fileName: 'wrong.pdf' },
    });

    const judged = await w.as.qa.post(`${url}/judgement`, {
      judgement: 'assured',
      reasons: 'The audit shows it',
      judgedOn: '2026-06-15',
      version: 2,
    });
    expect(judged.statusCode, judged.body).toBe(200);
    expect(judged.json().answerFiles.map((f: { id: string }) => f.id)).toEqual([kept.id]);
    const late = await w.as.leadA.delete(`${url}/answer/files/${kept.id}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/judged/);
    expect((await upload(w.as.leadA, `${url}/answer`)).statusCode).toBe(409);
  });

  it('answers a stale answer with 409 and the saved answer, who gave it and its version', async () => {
    const w = await world();
    const url = w.assurance();
    expect((await w.as.leadA.post(`${url}/answer`, { answer: 'First', version: 1 })).statusCode).toBe(200);
    const stale = await w.as.leadA.post(`${url}/answer`, { answer: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toEqual({
      answer: 'First',
      answeredAt: expect.any(String),
      answeredByName: w.people.leadA.name,
      version: 2,
    });
  });
});

describe('evidence file size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ uploadMaxBytes: 1024 });
  });
  afterAll(() => small.close());

  it('refuses a file over the limit on evidence and on an answer with 413 naming the file, and stores nothing', async () => {
    const w = await world(small);
    const big = Buffer.concat([PDF, Buffer.alloc(2048, 0x20)]);
    for (const url of [w.evidence(w.agencyA.id), `${w.assurance()}/answer`]) {
      const res = await upload(w.as.leadA, url, 'big.pdf', big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({
        error: 'PAYLOAD_TOO_LARGE',
        details: { fields: { file: 'The selected file must be smaller than 1 KB' } },
      });
    }
    expect(
      await small.db.select().from(registerFiles).where(eq(registerFiles.partnershipId, w.p.id)),
    ).toEqual([]);
  });
});
