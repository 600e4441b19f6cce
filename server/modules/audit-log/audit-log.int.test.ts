import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { memberships } from '../people/people.tables.js';
import { auditLog } from './audit-log.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Entry = {
  id: number;
  at: string;
  personId: string | null;
  entity: string;
  action: string;
  entityId: string | null;
};

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}/audit-log` };
}

/** Adds a row as the app would, but at a chosen moment (the log's own time comes from the database). */
async function rowAt(partnershipId: string, at: string, over: Partial<typeof auditLog.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(auditLog)
    .values({ partnershipId, at: new Date(at), entity: 'test_day', action: 'noted', ...over })
    .returning();
  return row;
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const HEADER = [
  'id',
  'at',
  'personEmail',
  'personId',
  'entity',
  'entityId',
  'action',
  'before',
  'after',
  'requestId',
  'ip',
];

describe('filters', () => {
  it('filters by person and by entity', async () => {
    const { p, admin, c, base } = await world();
    const other = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const c2 = await t.signIn(other.email);
    expect((await c.post(`/api/v1/partnerships/${p.id}/priorities`, { name: 'Neglect' })).statusCode).toBe(
      201,
    );
    expect(
      (await c2.post(`/api/v1/partnerships/${p.id}/groups`, { name: 'Board', kind: 'board' })).statusCode,
    ).toBe(201);
    expect(
      (await c2.post(`/api/v1/partnerships/${p.id}/priorities`, { name: 'Exploitation' })).statusCode,
    ).toBe(201);

    const byOther = (await c.get(`${base}?personId=${other.id}`)).json();
    // Their sign-in is listed too: sign-ins are logged for each partnership the person belongs to.
    expect(byOther.items.map((e: Entry) => `${e.entity}:${e.action}`).sort()).toEqual([
      'governance_group:created',
      'person:signed_in',
      'priority:created',
    ]);
    expect(byOther.total).toBe(3);
    expect(byOther.items.every((e: Entry) => e.personId === other.id)).toBe(true);

    const priorities = (await c.get(`${base}?entity=priority`)).json();
    expect(priorities.items.map((e: Entry) => e.personId).sort()).toEqual([admin.id, other.id].sort());
    expect(priorities.items.every((e: Entry) => e.entity === 'priority')).toBe(true);

    const both = (await c.get(`${base}?entity=priority&personId=${admin.id}`)).json();
    expect(both.total).toBe(1);
    expect(both.items[0].after).toMatchObject({ name: 'Neglect' });

    const none = (await c.get(`${base}?entity=no_such_thing`)).json();
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('from and to include the whole of each day (UTC) and nothing either side', async () => {
    const { p, c, base } = await world();
    const before = await rowAt(p.id, '2026-02-28T23:59:59.999Z');
    const startOfFirst = await rowAt(p.id, '2026-03-01T00:00:00.000Z');
    const endOfFirst = await rowAt(p.id, '2026-03-01T23:59:59.999Z');
    const second = await rowAt(p.id, '2026-03-02T12:00:00.000Z');
    const endOfSecond = await rowAt(p.id, '2026-03-02T23:59:59.999Z');
    const after = await rowAt(p.id, '2026-03-03T00:00:00.000Z');
    const ids = async (q: string) =>
      (await c.get(`${base}?entity=test_day&${q}`)).json().items.map((e: Entry) => e.id);

    // Newest first.
    expect(await ids('from=2026-03-01&to=2026-03-02')).toEqual([
      endOfSecond.id,
      second.id,
      endOfFirst.id,
      startOfFirst.id,
    ]);
    expect(await ids('from=2026-03-01&to=2026-03-01')).toEqual([endOfFirst.id, startOfFirst.id]);
    expect(await ids('from=2026-03-02')).toEqual([after.id, endOfSecond.id, second.id]);
    expect(await ids('to=2026-02-28')).toEqual([before.id]);
    const page = (await c.get(`${base}?entity=test_day&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page.items.map((e: Entry) => e.id)).toEqual([second.id, endOfFirst.id]);
  });

  it("refuses a 'to' before 'from', naming 'to', and impossible or badly written dates", async () => {
    const { c, base } = await world();
    const backwards = await c.get(`${base}?from=2026-03-02&to=2026-03-01`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({
      error: 'VALIDATION',
      details: { fields: { to: 'The "to" date must be the same as or after the "from" date' } },
    });
    const feb30 = await c.get(`${base}?from=2026-02-30`);
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().details.fields).toEqual({ from: 'Enter a real date' });
    const month13 = await c.get(`${base}?to=2026-13-01`);
    expect(month13.json().details.fields).toEqual({ to: 'Enter a real date' });
    const british = await c.get(`${base}?from=01/03/2026`);
    expect(british.statusCode).toBe(400);
    expect(british.json().details.fields).toEqual({ from: 'Enter a date in the format YYYY-MM-DD' });
    const badPerson = await c.get(`${base}?personId=someone`);
    expect(badPerson.json().details.fields).toEqual({ personId: 'Choose a person from the list' });
    // The same rules apply to the export.
    const csv = await c.get(`${base}.csv?from=2026-03-02&to=2026-03-01`);
    expect(csv.statusCode).toBe(400);
    expect(csv.json().details.fields).toHaveProperty('to');
  });
});

describe('CSV export', () => {
  it('has a header and one line per row, JSON-encodes before/after, and is itself logged', async () => {
    const { p, admin, c, base } = await world();
    const tricky = { name: 'Comma, "quotes" and\na line break', n: 3, nested: { ok: true } };
    const seeded = await rowAt(p.id, '2026-03-01T10:00:00Z', {
      entity: 'priority',
      action: 'updated',
      entityId: 'abc',
      before: tricky,
      after: { name: 'Plain' },
      personId: admin.id,
      personEmail: admin.email,
    });
    expect(
      (await c.post(`/api/v1/partnerships/${p.id}/priorities`, { name: 'Neglect, and "more"' })).statusCode,
    ).toBe(201);

    const res = await c.get(`${base}.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="assure-audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );

    const [header, ...lines] = parseCsv(res.body);
    expect(header).toEqual(HEADER);
    const inDb = await t.db.select().from(auditLog).where(eq(auditLog.partnershipId, p.id));
    // Every row of this partnership, including the export's own row, and nothing else.
    expect(lines.map((l) => Number(l[0])).sort((a, b) => a - b)).toEqual(
      inDb.map((r) => r.id).sort((a, b) => a - b),
    );
    expect(lines.every((l) => l.length === HEADER.length)).toBe(true);

    const col = (name: string) => HEADER.indexOf(name);
    const seededLine = lines.find((l) => Number(l[0]) === seeded.id) as string[];
    expect(JSON.parse(seededLine[col('before')])).toEqual(tricky);
    expect(JSON.parse(seededLine[col('after')])).toEqual({ name: 'Plain' });
    expect(seededLine[col('at')]).toBe('2026-03-01T10:00:00.000Z');
    expect(seededLine[col('personEmail')]).toBe(admin.email);

    const exported = inDb.filter((r) => r.entity === 'audit_log' && r.action === 'exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      personId: admin.id,
      requestId: res.headers['x-request-id'],
      after: { format: 'csv' },
    });
    const exportLine = lines.find((l) => Number(l[0]) === exported[0].id) as string[];
    expect(exportLine[col('action')]).toBe('exported');

    const created = lines.find(
      (l) => l[col('entity')] === 'priority' && l[col('action')] === 'created',
    ) as string[];
    expect(JSON.parse(created[col('after')])).toMatchObject({ name: 'Neglect, and "more"' });
    expect(created[col('before')]).toBe('');
  });

  it('applies the filters and logs them with the export', async () => {
    const { p, c, base } = await world();
    const inRange = await rowAt(p.id, '2026-03-01T10:00:00Z');
    await rowAt(p.id, '2026-04-01T10:00:00Z');
    const res = await c.get(`${base}.csv?entity=test_day&from=2026-03-01&to=2026-03-31`);
    const [, ...lines] = parseCsv(res.body);
    expect(lines.map((l) => Number(l[0]))).toEqual([inRange.id]);
    const [logged] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, p.id), eq(auditLog.action, 'exported')));
    expect(logged.after).toEqual({
      format: 'csv',
      filter: { entity: 'test_day', from: '2026-03-01', to: '2026-03-31' },
    });
  });

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    const { p, c, base } = await world();
    // An address may legally begin with '-' or '+', and this person's actions carry it into the log.
    const [person] = [await buildPerson(t.db, { email: `-2+3.${Date.now()}@example.org` })];
    await t.db
      .insert(memberships)
      .values({ partnershipId: p.id, personId: person.id, role: 'partnership_admin' });
    const theirs = await t.signIn(person.email);
    expect(
      (await theirs.post(`/api/v1/partnerships/${p.id}/priorities`, { name: 'Neglect' })).statusCode,
    ).toBe(201);
    const formula = await rowAt(p.id, '2026-03-01T10:00:00Z', {
      personEmail: '=HYPERLINK("http://evil.example","click")',
      entityId: '@SUM(A1:A9)',
    });
    const plus = await rowAt(p.id, '2026-03-01T11:00:00Z', { entityId: '+441234' });

    const [header, ...lines] = parseCsv((await c.get(`${base}.csv`)).body);
    const col = (name: string) => header.indexOf(name);
    const line = (id: number) => lines.find((l) => Number(l[0]) === id) as string[];
    expect(line(formula.id)[col('personEmail')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(line(formula.id)[col('entityId')]).toBe(`'@SUM(A1:A9)`);
    expect(line(plus.id)[col('entityId')]).toBe(`'+441234`);
    const byPerson = lines.find(
      (l) => l[col('personId')] === person.id && l[col('entity')] === 'priority',
    ) as string[];
    expect(byPerson[col('personEmail')]).toBe(`'${person.email}`);
    // No cell of any line starts a formula.
    for (const l of lines) for (const cell of l) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('integrity and isolation', () => {
  it('the table refuses UPDATE and DELETE', async () => {
    const { p } = await world();
    const row = await rowAt(p.id, '2026-03-01T10:00:00Z', { action: 'original' });
    await expect(
      t.database.raw.query("update audit_log set action = 'tampered' where id = $1", [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.raw.query('delete from audit_log where id = $1', [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.database.raw.query('delete from audit_log where partnership_id = $1', [p.id]),
    ).rejects.toThrow(/append-only/);
    const [still] = await t.db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.action).toBe('original');
  });

  it("another partnership's rows never appear, in the list or the export", async () => {
    const a = await world();
    const b = await world();
    const bPriority = await b.c.post(`/api/v1/partnerships/${b.p.id}/priorities`, { name: 'B only' });
    expect(bPriority.statusCode).toBe(201);
    await rowAt(b.p.id, '2026-03-01T10:00:00Z', { entity: 'b_secret' });
    await a.c.post(`/api/v1/partnerships/${a.p.id}/priorities`, { name: 'A only' });

    const all = (await a.c.get(`${a.base}?pageSize=200`)).json();
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.some((e: Entry) => e.personId === b.admin.id || e.entity === 'b_secret')).toBe(false);
    expect(all.items.some((e: Entry) => e.entityId === bPriority.json().id)).toBe(false);
    expect((await a.c.get(`${a.base}?personId=${b.admin.id}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await a.c.get(`${a.base}?entity=b_secret`)).json().total).toBe(0);

    const csv = (await a.c.get(`${a.base}.csv`)).body;
    expect(csv).not.toContain(b.admin.id);
    expect(csv).not.toContain('b_secret');
    expect(csv).not.toContain('B only');
    // B's admin reading A's log through A's URL gets nothing at all.
    expect((await b.c.get(a.base)).statusCode).toBe(404);
  });
});
