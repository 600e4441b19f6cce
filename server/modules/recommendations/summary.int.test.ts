import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildPartnership, createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildSummaryScenario } from './summary.scenario.js';
import type { TLoopCounts } from './summary.schemas.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof buildSummaryScenario>>;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildSummaryScenario(t);
});
afterAll(() => t.close());

const url = (pid: string, query = '') => `/api/v1/partnerships/${pid}/register/summary${query}`;
const counts = (c: Partial<TLoopCounts>): TLoopCounts => ({
  total: 0,
  agreed: 0,
  inProgress: 0,
  impactCheck: 0,
  closed: 0,
  notAccepted: 0,
  open: 0,
  onTrack: 0,
  overdue: 0,
  impactChecked: 0,
  embedded: 0,
  ...c,
});

describe('the Board’s learning-loop summary', () => {
  it('counts every recommendation past draft exactly, by status, on track, overdue, checked and embedded', async () => {
    const admin = await t.signIn(s.admin.email);
    const res = await admin.get(url(s.p.id));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2026-06-15');
    expect(body.year).toBeNull();
    expect(body.years).toEqual([2026, 2025, 2024]);
    expect(body.totals).toEqual(
      counts({
        total: 6,
        agreed: 1,
        inProgress: 1,
        impactCheck: 2,
        closed: 1,
        notAccepted: 1,
        open: 4,
        onTrack: 2,
        overdue: 2,
        impactChecked: 4,
        embedded: 2,
      }),
    );
    expect(body.allowedVerbs).toEqual(['read', 'export']);
  });

  it('breaks the counts down by agency (a recommendation to two agencies counts under each)', async () => {
    const admin = await t.signIn(s.admin.email);
    const body = (await admin.get(url(s.p.id))).json();
    expect(body.byAgency).toEqual([
      {
        agency: { id: s.agencyA.id, name: s.agencyA.name },
        counts: counts({
          total: 4,
          agreed: 1,
          inProgress: 1,
          impactCheck: 1,
          closed: 1,
          open: 3,
          onTrack: 2,
          overdue: 1,
          impactChecked: 3,
          embedded: 1,
        }),
      },
      {
        agency: { id: s.agencyB.id, name: s.agencyB.name },
        counts: counts({
          total: 3,
          agreed: 1,
          impactCheck: 1,
          notAccepted: 1,
          open: 2,
          onTrack: 0,
          overdue: 2,
          impactChecked: 1,
          embedded: 1,
        }),
      },
    ]);
  });

  it('breaks the counts down by theme, with recommendations without a theme last', async () => {
    const admin = await t.signIn(s.admin.email);
    const body = (await admin.get(url(s.p.id))).json();
    expect(body.byTheme).toEqual([
      {
        theme: { id: s.neglect.id, name: 'Neglect' },
        counts: counts({
          total: 2,
          agreed: 1,
          closed: 1,
          open: 1,
          overdue: 1,
          impactChecked: 1,
          embedded: 1,
        }),
      },
      {
        theme: { id: s.transitions.id, name: 'Transitions' },
        counts: counts({
          total: 3,
          inProgress: 1,
          impactCheck: 1,
          notAccepted: 1,
          open: 2,
          onTrack: 2,
          impactChecked: 2,
        }),
      },
      {
        theme: null,
        counts: counts({ total: 1, impactCheck: 1, open: 1, overdue: 1, impactChecked: 1, embedded: 1 }),
      },
    ]);
  });

  it('filters by the year of agreement', async () => {
    const admin = await t.signIn(s.admin.email);
    const body = (await admin.get(url(s.p.id, '?year=2025'))).json();
    expect(body.year).toBe(2025);
    expect(body.years).toEqual([2026, 2025, 2024]);
    expect(body.totals).toEqual(
      counts({
        total: 3,
        inProgress: 1,
        impactCheck: 2,
        open: 3,
        onTrack: 2,
        overdue: 1,
        impactChecked: 3,
        embedded: 1,
      }),
    );
    expect(body.byAgency.map((r: { agency: { name: string } }) => r.agency.name)).toEqual([
      s.agencyA.name,
      s.agencyB.name,
    ]);
    const none = (await admin.get(url(s.p.id, '?year=2030'))).json();
    expect(none.totals.total).toBe(0);
    expect(none.byAgency).toEqual([]);
    expect(none.byTheme).toEqual([]);
  });

  it('answers a bad year with 400 naming the field', async () => {
    const admin = await t.signIn(s.admin.email);
    for (const year of ['soon', '1999', '2025.5']) {
      const res = await admin.get(url(s.p.id, `?year=${year}`));
      expect(res.statusCode, year).toBe(400);
      expect(res.json().details.fields.year).toBeTruthy();
    }
  });

  it('gives board viewers and lead sponsors the counts only: no titles, no exports', async () => {
    for (const who of [s.viewer, s.sponsor]) {
      const c = await t.signIn(who.email);
      const res = await c.get(url(s.p.id));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().totals.total).toBe(6);
      expect(res.json().allowedVerbs).toEqual(['read']);
      for (const r of Object.values(s.recs)) expect(res.body).not.toContain(r.title);
      expect(res.body).not.toContain('Send chronologies');
    }
  });

  it('is open to the QA group and scrutineers (with exports), closed to agency leads (403)', async () => {
    for (const who of [s.qa, s.scrutineer]) {
      const res = await (await t.signIn(who.email)).get(url(s.p.id));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().allowedVerbs).toEqual(['read', 'export']);
    }
    const lead = await t.signIn(s.leadA.email);
    expect((await lead.get(url(s.p.id))).statusCode).toBe(403);
  });

  it('never counts another partnership’s register, and hides this one from its admins (404)', async () => {
    const other = await buildPartnership(t.db);
    const otherAdmin = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
    const c = await t.signIn(otherAdmin.email);
    expect((await c.get(url(s.p.id))).statusCode).toBe(404);
    const own = (await c.get(url(other.id))).json();
    expect(own.totals.total).toBe(0);
    expect(own.byAgency).toEqual([]);
  });
});
