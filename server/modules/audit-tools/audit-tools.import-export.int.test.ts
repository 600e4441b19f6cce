import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { XLSX_MIME } from './audit-tools.import-export.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const definition = {
  formatVersion: 1,
  title: 'Case file audit',
  kind: 'case_audit',
  scales: [
    {
      id: 'rag',
      name: 'RAG',
      options: [
        { id: 'met', label: 'Fully met', score: 2, colour: 'green' },
        { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
      ],
    },
  ],
  bands: [
    { label: 'Not yet', minPercent: 0, maxPercent: 59 },
    { label: 'Good', minPercent: 60, maxPercent: 100 },
  ],
  sections: [
    {
      id: 's1',
      title: 'The child',
      questions: [
        { id: 'seen', type: 'yes_no_partly', text: 'Was the child seen?', required: true },
        {
          id: 'why',
          type: 'long_text',
          text: 'Why not?',
          required: true,
          showIf: { questionId: 'seen', equals: 'no' },
        },
        { id: 'rating', type: 'rating', text: 'Overall', required: true, scaleId: 'rag' },
      ],
    },
  ],
};

/** A multipart/form-data request carrying one file, as a browser's form upload sends it. */
function upload(c: TestClient, url: string, file: Buffer, filename: string, field = 'file') {
  const boundary = '----assure-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const c = await t.signIn(admin.email);
  const base = `/api/v1/partnerships/${p.id}/audit-templates`;
  const created = await c.post(base, { title: 'Case file audit', kind: 'case_audit', definition });
  expect(created.statusCode, created.body).toBe(201);
  const tpl = created.json();
  const url = `${base}/${tpl.id}/versions/${tpl.versions[0].id}`;
  return { p, admin, viewer, c, base, tpl, url };
}

describe('exporting a version', () => {
  it('exports JSON as the documented envelope, as a download, and logs the export', async () => {
    const w = await world();
    const res = await w.c.get(`${w.url}/export.json`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="case-file-audit-v1.json"');
    expect(res.json()).toEqual({
      format: 'assure-audit-template',
      formatVersion: 1,
      title: 'Case file audit',
      kind: 'case_audit',
      definition,
    });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.tpl.versions[0].id), eq(auditLog.action, 'exported')));
    expect(row).toMatchObject({ personId: w.admin.id, after: expect.objectContaining({ format: 'json' }) });
  });

  it('exports XLSX that opens as a workbook with the readable sheets', async () => {
    const w = await world();
    const res = await w.c.get(`${w.url}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toBe('attachment; filename="case-file-audit-v1.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['About', 'Sections', 'Questions', 'Scales', 'Bands']);
    expect(wb.getWorksheet('Questions')!.getRow(3).getCell(9).value).toBe('seen = no');
  });

  it('lets members export published versions but not drafts', async () => {
    const w = await world();
    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.get(`${w.url}/export.json`)).statusCode).toBe(404);
    expect((await w.c.post(`${w.url}/publish`)).statusCode).toBe(200);
    expect((await viewer.get(`${w.url}/export.json`)).statusCode).toBe(200);
    expect((await viewer.get(`${w.url}/export.xlsx`)).statusCode).toBe(200);
  });
});

describe('importing a template', () => {
  it('imports the JSON envelope as a new template with draft version 1, and logs it', async () => {
    const w = await world();
    const envelope = (await w.c.get(`${w.url}/export.json`)).json();
    const res = await w.c.post(`${w.base}/import`, { ...envelope, title: 'Imported audit' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      title: 'Imported audit',
      kind: 'case_audit',
      hasDraft: true,
      latestPublishedNumber: null,
      versions: [{ number: 1, status: 'draft' }],
    });
    const v = (await w.c.get(`${w.base}/${created.id}/versions/${created.versions[0].id}`)).json();
    expect(v.definition).toEqual({ ...definition, title: 'Imported audit' });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'imported')));
    expect(row).toMatchObject({
      entity: 'audit_template',
      after: expect.objectContaining({ source: 'json' }),
    });
  });

  it('round-trips through an XLSX upload: export, then import, gives the same definition', async () => {
    const w = await world();
    const xlsx = (await w.c.get(`${w.url}/export.xlsx`)).rawPayload;
    // Named .json on purpose: the type is read from the content, not the name.
    const res = await upload(w.c, `${w.base}/import`, xlsx, 'template.json');
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    const v = (await w.c.get(`${w.base}/${created.id}/versions/${created.versions[0].id}`)).json();
    expect(v.definition).toEqual(definition);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'imported')));
    expect(row.after).toMatchObject({ source: 'xlsx' });
  });

  it('imports a JSON file upload', async () => {
    const w = await world();
    const json = (await w.c.get(`${w.url}/export.json`)).rawPayload;
    const res = await upload(w.c, `${w.base}/import`, json, 'template.json');
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses an invalid definition naming its JSON path, and creates nothing', async () => {
    const w = await world();
    const before = (await w.c.get(w.base)).json().total;
    const broken = structuredClone(definition);
    broken.sections[0].questions[1].showIf = { questionId: 'rating', equals: 'no' };
    const res = await w.c.post(`${w.base}/import`, {
      format: 'assure-audit-template',
      formatVersion: 1,
      title: 'Broken',
      kind: 'case_audit',
      definition: broken,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields['definition.sections.0.questions.1.showIf']).toMatch(/comes later/);
    expect((await w.c.get(w.base)).json().total).toBe(before);
  });

  it('refuses a workbook with mistakes, naming sheet, row and column', async () => {
    const w = await world();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await w.c.get(`${w.url}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('Questions')!.getRow(4).getCell(3).value = 'stars';
    const res = await upload(w.c, `${w.base}/import`, Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION',
      message: 'The workbook has problems; nothing was imported',
    });
    expect(res.json().details.fields['Questions!C4']).toMatch(
      /^Questions sheet, row 4, column “Type” \(C4\): “stars” is not a type of question/,
    );
  });

  it('refuses files that are not templates, empty uploads and files that are too large, with 400', async () => {
    const w = await world();
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    const res = await upload(w.c, `${w.base}/import`, pdf, 'template.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({
      file: 'The selected file is a PDF file. Choose an Assure template saved as JSON or XLSX.',
    });

    const empty = await upload(w.c, `${w.base}/import`, Buffer.alloc(0), 'empty.json');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.fields.file).toBe('The selected file is empty');

    const big = await upload(w.c, `${w.base}/import`, Buffer.alloc(2 * 1024 * 1024 + 10, 0x20), 'big.json');
    expect(big.statusCode).toBe(400);
    expect(big.json().details.fields.file).toBe('The selected file must be smaller than 2 MB');

    const garbage = await w.c.post(`${w.base}/import`, { hello: 'world' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().details.fields).toHaveProperty('formatVersion');
  });

  it('refuses an import from someone who may not write templates, without reading the file', async () => {
    const w = await world();
    const viewer = await t.signIn(w.viewer.email);
    const res = await upload(viewer, `${w.base}/import`, Buffer.from('not even json'), 'x.json');
    expect(res.statusCode).toBe(403);
  });

  it('accepts uploads on the import route only', async () => {
    const w = await world();
    const res = await upload(w.c, w.base, Buffer.from('{}'), 'x.json');
    expect(res.statusCode).toBe(415);
  });
});
