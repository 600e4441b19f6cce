import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZAuditTemplate } from '../../../contracts/audit-tools.js';
import { DEMO_PASSWORD, seedDemo } from '../../../scripts/demo-data.js';
import { ukToday } from '../../platform/clock.js';
import { addWorkingDays, nextWorkingDay } from '../../platform/working-days.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { workingDayOf } from './case-reviews.rules.js';

// The children's part of the case reviews demo (case-reviews.demo.ts), read through the API as the demo's
// own people would. The demo's dates count back from the real day it is seeded (so the demo rapid review is
// always part-way through), so the app's clock is set to now too.
const NOW = new Date();
const TODAY = ukToday(NOW);
/** The demo counts from the next working day (today, on a working day): the summaries are due then. */
const DUE = nextWorkingDay(TODAY);
const STARTED = addWorkingDays(DUE, -5);

let t: TestApp;
let P: string;
beforeAll(async () => {
  t = await createTestApp({ now: NOW.toISOString() });
  const { northshireId } = await seedDemo(t.db);
  P = `/api/v1/partnerships/${northshireId}`;
});
afterAll(() => t.close());

const as = (email: string) => t.signIn(email, DEMO_PASSWORD);

describe('the case reviews demo (children)', () => {
  it('gives the case review group Child K’s rapid review part-way through, with one summary in and one due on the next working day', async () => {
    const daniel = await as('case.review@northshire.example');
    const list = (await daniel.get(`${P}/case-files?kind=child`)).json();
    const k = list.items.find((i: { label: string }) => i.label === 'Child K');
    expect(k).toMatchObject({ stage: 'rapid_review' });
    const detail = (await daniel.get(`${P}/case-files/${k.id}`)).json();
    expect(detail.notification).toMatchObject({ kind: 'serious_incident', inTime: true, overdue: false });
    expect(detail.rapidReview).toMatchObject({
      startedOn: STARTED,
      workingDay: workingDayOf(STARTED, TODAY),
      overdue: false,
      decision: null,
    });
    expect(
      detail.rapidReview.steps.map((s: { doneOn: string | null; overdue: boolean }) => [
        s.doneOn !== null,
        s.overdue,
      ]),
    ).toEqual([
      [true, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(detail.rapidReview.steps[1].dueOn).toBe(DUE);
    expect(
      detail.rapidReview.summaryRequests.map((r: { agencyName: string; status: string; dueOn: string }) => [
        r.agencyName,
        r.status,
        r.dueOn,
      ]),
    ).toEqual([
      ['Northshire County Council', 'draft', DUE],
      ['Northshire Police', 'submitted', DUE],
    ]);
    expect(detail.rapidReview.summaryRequests[0].title).toBe(
      `Rapid review ${k.reference}: summary of involvement`,
    );
    const j = list.items.find((i: { label: string }) => i.label === 'Young person J');
    expect(j).toMatchObject({ stage: 'no_review', nextDue: null });
  });

  it('publishes the rapid review summary form, and the police’s summary is a valid, submitted answer to it', async () => {
    const daniel = await as('case.review@northshire.example');
    const k = (await daniel.get(`${P}/case-files?q=child%20k`)).json().items[0];
    const police = (await daniel.get(`${P}/case-files/${k.id}`))
      .json()
      .rapidReview.summaryRequests.find((r: { agencyName: string }) => r.agencyName === 'Northshire Police');
    const response = (await daniel.get(`${P}/responses/${police.responseId}`)).json();
    expect(response.template.title).toBe('Rapid review: summary of agency involvement');
    expect(ZAuditTemplate.safeParse(response.definition).success).toBe(true);
    expect(response).toMatchObject({ status: 'submitted' });
    expect(response.answers.chronology).toHaveLength(2);
  });

  it('keeps Child K from the partnership admin and the QA group, and lets each agency lead see only their own summary', async () => {
    const daniel = await as('case.review@northshire.example');
    const k = (await daniel.get(`${P}/case-files?q=child%20k`)).json().items[0];
    const requests = (await daniel.get(`${P}/case-files/${k.id}`)).json().rapidReview.summaryRequests as {
      agencyName: string;
      responseId: string;
    }[];
    const policeId = requests.find((r) => r.agencyName === 'Northshire Police')!.responseId;
    const councilId = requests.find((r) => r.agencyName === 'Northshire County Council')!.responseId;
    for (const email of ['admin@northshire.example', 'qa.member@northshire.example']) {
      const c = await as(email);
      expect((await c.get(`${P}/case-files/${k.id}`)).statusCode, email).toBe(404);
      expect((await c.get(`${P}/case-files`)).json().total, email).toBe(0);
      expect((await c.get(`${P}/responses/${policeId}`)).statusCode, email).toBe(404);
      const listed = (await c.get(`${P}/responses?pageSize=100`))
        .json()
        .items.map((i: { id: string }) => i.id);
      expect(listed, email).not.toContain(policeId);
    }
    const tom = await as('police.lead@northshire.example');
    expect((await tom.get(`${P}/case-files/${k.id}`)).statusCode).toBe(404);
    expect((await tom.get(`${P}/responses/${policeId}`)).statusCode).toBe(200);
    expect((await tom.get(`${P}/responses/${councilId}`)).statusCode).toBe(404);
    // Rebecca leads the council (and sits on the QA group): she answers the council's, not the police's.
    const rebecca = await as('council.lead@northshire.example');
    expect((await rebecca.get(`${P}/responses/${councilId}`)).json()).toMatchObject({ canEdit: true });
    expect((await rebecca.get(`${P}/responses/${policeId}`)).statusCode).toBe(404);
  });
});
