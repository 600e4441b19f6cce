import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { recommendations } from './recommendations.tables.js';
import { buildSummaryScenario } from './summary.scenario.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof buildSummaryScenario>>;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildSummaryScenario(t);
});
afterAll(() => t.close());

const P = (pid = s.p.id) => `/api/v1/partnerships/${pid}`;
const HEADER = [
  'Reference',
  'Title',
  'Source',
  'Source title',
  'Theme',
  'Priority',
  'Agencies',
  'Status',
  'Agreed on',
  'Actions open',
  'Actions overdue',
  'Latest impact judgement',
  'Closed on',
];

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const hasPdfToText = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const exportRows = (personId: string, entity: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.personId, personId), eq(auditLog.entity, entity), eq(auditLog.action, 'exported')),
    );

describe('the register as CSV', () => {
  it('streams every recommendation, newest first, with a header and the agreed columns; the export is logged', async () => {
    const admin = await t.signIn(s.admin.email);
    const res = await admin.get(`${P()}/register/recommendations.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="assure-recommendations-.*\.csv"$/,
    );
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(HEADER);
    expect(rows.map((r) => r[0])).toEqual(['R-7', 'R-6', 'R-5', 'R-4', 'R-3', 'R-2', 'R-1']);
    const byRef = Object.fromEntries(
      rows.map((r) => [r[0], Object.fromEntries(HEADER.map((h, i) => [h, r[i]]))]),
    );
    expect(byRef['R-2']).toEqual({
      Reference: 'R-2',
      Title: s.recs.r2.title,
      Source: 'Local child safeguarding practice review',
      'Source title': 'LCSPR Child K',
      Theme: 'Neglect',
      Priority: 'High',
      Agencies: `${s.agencyA.name}; ${s.agencyB.name}`,
      Status: 'Agreed',
      'Agreed on': '2026-05-01',
      'Actions open': '1',
      'Actions overdue': '1',
      'Latest impact judgement': '',
      'Closed on': '',
    });
    expect(byRef['R-5']['Latest impact judgement']).toBe('Embedded');
    expect(byRef['R-5']['Closed on']).toBe('2025-12-01');
    expect(byRef['R-7']['Latest impact judgement']).toBe('Not embedded');
    expect(byRef['R-3']['Actions overdue']).toBe('0');
    const logged = await exportRows(s.admin.id, 'register');
    expect(logged.map((r) => r.after)).toContainEqual({ filter: {}, format: 'csv' });
  });

  it('takes the register list’s filters, and refuses bad ones with 400 naming the field', async () => {
    const qa = await t.signIn(s.qa.email);
    const overdue = parseCsv((await qa.get(`${P()}/register/recommendations.csv?overdue=true`)).body);
    expect(overdue.slice(1).map((r) => r[0])).toEqual(['R-4', 'R-2']);
    const agencyB = parseCsv(
      (await qa.get(`${P()}/register/recommendations.csv?agencyId=${s.agencyB.id}&status=agreed`)).body,
    );
    expect(agencyB.slice(1).map((r) => r[0])).toEqual(['R-2']);
    const bad = await qa.get(`${P()}/register/recommendations.csv?status=lost&agencyId=nope`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields).sort()).toEqual(['agencyId', 'status']);
  });

  it('pages through a large register without losing or repeating a row', async () => {
    const big = await buildPartnership(t.db);
    const agency = await buildAgency(t.db, { partnershipId: big.id });
    const admin = await buildMember(t.db, { partnershipId: big.id, role: 'partnership_admin' });
    const n = 1234;
    await t.db.insert(recommendations).values(
      Array.from({ length: n }, (_, i) => ({
        partnershipId: big.id,
        number: i + 1,
        title: i === 7 ? '=HYPERLINK("x")' : `Bulk, "quoted" recommendation ${i + 1}`,
        sourceKind: 'other',
        sourceTitle: 'Bulk',
        status: 'agreed',
        agreedOn: '2026-01-01',
      })),
    );
    void agency;
    const res = await (await t.signIn(admin.email)).get(`${P(big.id)}/register/recommendations.csv`);
    const rows = parseCsv(res.body).slice(1);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r[0])).size).toBe(n);
    expect(rows[0][0]).toBe(`R-${n}`);
    expect(rows[n - 1][0]).toBe('R-1');
    expect(rows.find((r) => r[0] === 'R-1')?.[1]).toBe('Bulk, "quoted" recommendation 1');
    // A title that looks like a formula is neutralised.
    expect(rows.find((r) => r[0] === 'R-8')?.[1]).toBe(`'=HYPERLINK("x")`);
  });
});

describe('the register as XLSX', () => {
  it('opens with two sheets, Recommendations and Actions, and is logged', async () => {
    const scrutineer = await t.signIn(s.scrutineer.email);
    const res = await scrutineer.get(`${P()}/register/recommendations.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Recommendations', 'Actions']);
    const recs = wb.getWorksheet('Recommendations')!;
    expect((recs.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(recs.actualRowCount).toBe(8);
    expect(recs.getRow(2).getCell(1).value).toBe('R-7');
    const acts = wb.getWorksheet('Actions')!;
    expect(acts.actualRowCount).toBe(4);
    const lines = [2, 3, 4].map((i) => (acts.getRow(i).values as unknown[]).slice(1));
    const overdue = lines.find((l) => l[1] === 'Send chronologies two days ahead');
    expect(overdue).toEqual([
      s.agencyA.name,
      'Send chronologies two days ahead',
      'R-2',
      s.owner.name,
      '2026-06-01',
      'Not started',
      'Red',
      'Yes',
    ]);
    const protocol = lines.find((l) => l[1] === 'Write the transitions protocol');
    expect(protocol?.[9]).toBe('2026-06-10');
    expect(protocol?.[10]).toBe('Protocol agreed by the heads of service');
    const logged = await exportRows(s.scrutineer.id, 'register');
    expect(logged.map((r) => r.after)).toContainEqual({ filter: {}, format: 'xlsx' });
  });

  it('keeps to the filter on both sheets', async () => {
    const admin = await t.signIn(s.admin.email);
    const res = await admin.get(`${P()}/register/recommendations.xlsx?themeId=${s.transitions.id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Recommendations')!.actualRowCount).toBe(4);
    const acts = wb.getWorksheet('Actions')!;
    expect(acts.actualRowCount).toBe(3);
    expect(acts.getRow(2).getCell(2).value).not.toBe('Send chronologies two days ahead');
  });
});

describe('exports for one year, as the learning-loop summary filters', () => {
  it('holds only the recommendations agreed that year, on both sheets, the same ones the summary counts', async () => {
    const admin = await t.signIn(s.admin.email);
    const csv = await admin.get(`${P()}/register/recommendations.csv?year=2025`);
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...rows] = parseCsv(csv.body);
    const agreedOn = header.indexOf('Agreed on');
    expect(rows.map((r) => r[0])).toEqual(['R-7', 'R-4', 'R-3']);
    for (const r of rows) expect(r[agreedOn]).toMatch(/^2025-/);
    const summary = await admin.get(`${P()}/register/summary?year=2025`);
    expect(summary.json().totals.total).toBe(rows.length);

    const xlsx = await admin.get(`${P()}/register/recommendations.xlsx?year=2025`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const recs = wb.getWorksheet('Recommendations')!;
    expect([2, 3, 4].map((i) => recs.getRow(i).getCell(1).value)).toEqual(['R-7', 'R-4', 'R-3']);
    expect(recs.actualRowCount).toBe(4);
    const acts = wb.getWorksheet('Actions')!;
    expect(acts.actualRowCount).toBe(3);
    expect([2, 3].map((i) => acts.getRow(i).getCell(2).value).sort()).toEqual([
      'Discharge letter template',
      'Write the transitions protocol',
    ]);

    // Another year, and a year with the register's other filters.
    const y2024 = parseCsv((await admin.get(`${P()}/register/recommendations.csv?year=2024`)).body);
    expect(y2024.slice(1).map((r) => r[0])).toEqual(['R-5']);
    const none = parseCsv((await admin.get(`${P()}/register/recommendations.csv?year=2023`)).body);
    expect(none).toEqual([HEADER]);
    const themed = parseCsv(
      (await admin.get(`${P()}/register/recommendations.csv?year=2025&themeId=${s.transitions.id}`)).body,
    );
    expect(themed.slice(1).map((r) => r[0])).toEqual(['R-7', 'R-3']);

    const logged = await exportRows(s.admin.id, 'register');
    expect(logged.map((r) => r.after)).toContainEqual({ filter: { year: 2025 }, format: 'xlsx' });
  });

  it('refuses a bad year with 400 naming the field', async () => {
    const admin = await t.signIn(s.admin.email);
    for (const year of ['twenty', '1999', '2025.5', '']) {
      for (const file of ['csv', 'xlsx']) {
        const res = await admin.get(`${P()}/register/recommendations.${file}?year=${year}`);
        expect(res.statusCode, `${file} year=${year}`).toBe(400);
        expect(res.json().error).toBe('VALIDATION');
        expect(Object.keys(res.json().details.fields)).toEqual(['year']);
      }
    }
  });
});

describe('who may export', () => {
  it('refuses board viewers, lead sponsors and agency leads the exports (403) and the PDF (404)', async () => {
    for (const who of [s.viewer, s.sponsor, s.leadB]) {
      const c = await t.signIn(who.email);
      expect((await c.get(`${P()}/register/recommendations.csv`)).statusCode).toBe(403);
      expect((await c.get(`${P()}/register/recommendations.xlsx`)).statusCode).toBe(403);
      expect((await c.get(`${P()}/agencies/${s.agencyA.id}/action-plan.pdf`)).statusCode).toBe(404);
    }
  });

  it('hides everything from another partnership (404)', async () => {
    const other = await buildPartnership(t.db);
    const otherAdmin = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
    const c = await t.signIn(otherAdmin.email);
    for (const u of [
      `${P()}/register/recommendations.csv`,
      `${P()}/register/recommendations.xlsx`,
      `${P()}/agencies/${s.agencyA.id}/action-plan.pdf`,
    ]) {
      const res = await c.get(u);
      expect(res.statusCode, u).toBe(404);
      expect(res.body).not.toContain(s.agencyA.name);
    }
    // Nor may this partnership's admin take another partnership's agency's plan.
    const admin = await t.signIn(s.admin.email);
    const elsewhere = await buildAgency(t.db, { partnershipId: other.id });
    expect((await admin.get(`${P()}/agencies/${elsewhere.id}/action-plan.pdf`)).statusCode).toBe(404);
  });
});

describe('an agency’s action plan as PDF', () => {
  it('is a PDF with the agency, its recommendations and actions; the agency’s own lead may take it', async () => {
    const lead = await t.signIn(s.leadA.email);
    const res = await lead.get(`${P()}/agencies/${s.agencyA.id}/action-plan.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="action-plan-alder-police-.*-2026-06-15\.pdf"$/,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const logged = await exportRows(s.leadA.id, 'action_plan');
    expect(logged).toHaveLength(1);
    expect(logged[0].entityId).toBe(s.agencyA.id);

    if (!hasPdfToText) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assure-pdf-'));
    try {
      const file = path.join(dir, 'plan.pdf');
      fs.writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain(s.agencyA.name);
      expect(text).toContain(s.p.name);
      expect(text).toContain('Send chronologies two days ahead');
      expect(text).toContain('Protocol agreed by the heads of service');
      expect(text).toContain('RAG: Red');
      expect(text).toContain('Overdue');
      expect(text).toMatch(/Page 1 of \d/);
      // Drafts and recommendations not accepted are not in the plan; another agency's are not either.
      expect(text).not.toContain('Draft: refresh');
      expect(text).not.toContain(s.recs.r4.title);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses another agency’s lead (404) and answers a bad agency id with 400', async () => {
    const leadB = await t.signIn(s.leadB.email);
    expect((await leadB.get(`${P()}/agencies/${s.agencyA.id}/action-plan.pdf`)).statusCode).toBe(404);
    const admin = await t.signIn(s.admin.email);
    const bad = await admin.get(`${P()}/agencies/not-an-id/action-plan.pdf`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.agencyId).toBeTruthy();
  });
});
