import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../scripts/demo-data.js';
import { ukToday } from '../../platform/clock.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

// The adults and reviews part of the case reviews demo (reviews.demo.ts), read through the API as the demo's
// own people would. Its dates count back from the day it is seeded, so the app's clock is set to now too.
const NOW = new Date();
const TODAY = ukToday(NOW);

let t: TestApp;
let P: string;
beforeAll(async () => {
  t = await createTestApp({ now: NOW.toISOString() });
  const { northshireId } = await seedDemo(t.db);
  P = `/api/v1/partnerships/${northshireId}`;
});
afterAll(() => t.close());

const as = (email: string) => t.signIn(email, DEMO_PASSWORD);
type Summary = { id: string; label: string; reference: string; kind: string; stage: string };

describe('the case reviews demo (adults and reviews)', () => {
  it('gives Adult M a SAR referral decided "SAR" and the SAR in progress with its reviewer, milestones and target', async () => {
    const daniel = await as('case.review@northshire.example');
    const list = (await daniel.get(`${P}/case-files?kind=adult`)).json();
    const m = list.items.find((i: Summary) => i.label === 'Adult M');
    expect(m).toMatchObject({ kind: 'adult', stage: 'review' });
    const d = (await daniel.get(`${P}/case-files/${m.id}`)).json();
    expect(d.themes.map((x: { name: string }) => x.name).sort()).toEqual(['Information sharing', 'Neglect']);
    expect(d.sarReferral).toMatchObject({
      mandatory: true,
      acknowledgedInTime: true,
      overdue: false,
      decision: 'sar',
      referrerAgency: { name: 'Northshire Hospitals NHS Foundation Trust' },
    });
    expect(d.reviews).toHaveLength(1);
    const sar = d.reviews[0];
    expect(sar).toMatchObject({
      kind: 'sar',
      status: 'in_progress',
      reviewerKind: 'independent',
      publishedOn: null,
      overdue: false,
    });
    expect(sar.reviewerName).toBeTruthy();
    expect(sar.termsOfReference).toBeTruthy();
    expect(sar.targetPublicationOn > TODAY).toBe(true);
    expect(
      sar.events.map((e: { kind: string; doneOn: string | null; overdue: boolean }) => [e.kind, !!e.doneOn]),
    ).toEqual([
      ['terms_of_reference', true],
      ['agency_report', false],
    ]);
    expect(sar.events[1].dueOn > TODAY).toBe(true);
  });

  it('gives Child T an LCSPR decided at rapid review, published late with its reason, and one recommendation in the register', async () => {
    const daniel = await as('case.review@northshire.example');
    const list = (await daniel.get(`${P}/case-files?kind=child`)).json();
    const c = list.items.find((i: Summary) => i.label === 'Child T');
    expect(c).toMatchObject({ stage: 'review' });
    const d = (await daniel.get(`${P}/case-files/${c.id}`)).json();
    expect(d.notification).toMatchObject({ kind: 'serious_incident', inTime: true });
    expect(d.rapidReview).toMatchObject({ decision: 'lcspr', overdue: false });
    expect(d.rapidReview.steps.every((s: { doneOn: string | null }) => s.doneOn)).toBe(true);
    const lcspr = d.reviews[0];
    expect(lcspr).toMatchObject({ kind: 'lcspr', status: 'published', publishedLate: true, overdue: false });
    expect(lcspr.delayReason).toMatch(/criminal proceedings/);
    expect(d.recommendations).toHaveLength(1);
    const rec = d.recommendations[0];
    expect(rec).toMatchObject({ status: 'agreed', sourceKind: 'lcspr', sourceTitle: `LCSPR ${c.reference}` });
    expect(rec.nextImpactCheckOn > TODAY).toBe(true);

    // The QA group sees it in the register, by reference only.
    const grace = await as('qa.member@northshire.example');
    const inRegister = (await grace.get(`${P}/recommendations/${rec.id}`)).json();
    expect(inRegister).toMatchObject({ sourceType: 'case_file', sourceTitle: `LCSPR ${c.reference}` });
    expect(JSON.stringify(inRegister)).not.toContain('Child T');
  });

  it('keeps both files from the partnership admin, and counts them for the annual report', async () => {
    const priya = await as('admin@northshire.example');
    expect((await priya.get(`${P}/case-files`)).json().items).toEqual([]);
    const daniel = await as('case.review@northshire.example');
    const all = (await daniel.get(`${P}/case-files`)).json().items as Summary[];
    for (const label of ['Adult M', 'Child T']) {
      const f = all.find((i) => i.label === label)!;
      expect((await priya.get(`${P}/case-files/${f.id}`)).statusCode).toBe(404);
    }
    // Codes or initials, never names.
    for (const f of all) expect(f.label).toMatch(/^(Child|Adult|Young person) [A-Z]{1,2}$/);
    const counts = (await priya.get(`${P}/case-reviews/counts?year=${TODAY.slice(0, 4)}`)).json();
    expect(counts.sarReferrals.total + counts.reviews.started + counts.notifications.total).toBeGreaterThan(
      0,
    );
  });
});
