import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecommendation } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { createMailer } from '../mail/mail.service.js';
import { outbox } from '../mail/mail.tables.js';
import { remindersSent } from '../notifications/notifications.tables.js';
import { runReminders } from '../notifications/reminders.service.js';
import { impactCheckSource } from '../notifications/work-items.js';
import { markImpactChecksDue } from './impact-checks.due.js';
import { actionRecommendations, actions, impactChecks, recommendations } from './recommendations.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

/**
 * A partnership with agencies A and B (addressed) and C (not), their leads, the QA group, a scrutineer,
 * a board viewer and a practitioner at A; a recommendation agreed on 1 March 2026 with checks at 3, 6
 * and 12 months (due 1 June, 1 September, 1 March 2027) and two of agency A's actions, one complete.
 */
async function world(opts: { agreedOn?: string } = {}) {
  const db = t.db;
  const p = await buildPartnership(db);
  const [agencyA, agencyB, agencyC] = await Promise.all(
    ['A', 'B', 'C'].map((n) => buildAgency(db, { partnershipId: p.id, name: `Agency ${n}` })),
  );
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const leadA = await member('agency_lead', agencyA.id);
  const leadB = await member('agency_lead', agencyB.id);
  const leadC = await member('agency_lead', agencyC.id);
  const practitionerA = await member('auditor_practitioner', agencyA.id);
  const scrutineer = await member('independent_scrutineer');
  const viewer = await member('board_viewer');
  const other = await buildPartnership(db);
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const rec = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id, agencyB.id],
    status: 'impact_check',
    agreedOn: opts.agreedOn ?? '2026-03-01',
    title: 'Strengthen neglect thresholds',
    impactCheckMonths: [3, 6, 12],
  });
  const [first, second, third] = [...rec.impactChecks].sort((x, y) => x.months - y.months);
  const [done, started] = await db
    .insert(actions)
    .values([
      {
        partnershipId: p.id,
        agencyId: agencyA.id,
        title: 'Train staff',
        status: 'complete',
        completedOn: '2026-05-01',
      },
      { partnershipId: p.id, agencyId: agencyA.id, title: 'Audit again', status: 'not_started' },
    ])
    .returning();
  await db.insert(actionRecommendations).values([
    { actionId: done.id, recommendationId: rec.id },
    { actionId: started.id, recommendationId: rec.id },
  ]);
  const signIn = (x: { email: string }) => t.signIn(x.email);
  return {
    p,
    other,
    agencyA,
    agencyB,
    agencyC,
    rec,
    first,
    second,
    third,
    done,
    started,
    people: { admin, qa, leadA, leadB, leadC, practitionerA, scrutineer, viewer, otherAdmin },
    as: {
      admin: await signIn(admin),
      qa: await signIn(qa),
      leadA: await signIn(leadA),
      leadB: await signIn(leadB),
      leadC: await signIn(leadC),
      practitionerA: await signIn(practitionerA),
      scrutineer: await signIn(scrutineer),
      viewer: await signIn(viewer),
      otherAdmin: await signIn(otherAdmin),
    },
  };
}
type World = Awaited<ReturnType<typeof world>>;

const evidenceUrl = (w: World, checkId: string, agencyId: string) =>
  `${P(w.p.id)}/impact-checks/${checkId}/evidence/${agencyId}`;

async function giveEvidence(w: World, c: TestClient, checkId: string, agencyId: string, text: string) {
  const saved = await c.put(evidenceUrl(w, checkId, agencyId), {
    practiceChange: `${text}: practice`,
    outcomes: `${text}: outcomes`,
    version: 0,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await c.post(`${evidenceUrl(w, checkId, agencyId)}/submit`, {});
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted.json();
}

describe('listing impact checks', () => {
  it('shows the QA group every check, agency leads only their own, and filters by due date and judgement', async () => {
    const w = await world();
    const all = await w.as.admin.get(`${P(w.p.id)}/impact-checks`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(3);
    expect(all.json().items.map((i: { months: number }) => i.months)).toEqual([3, 6, 12]);
    expect(all.json().items[0]).toMatchObject({
      dueOn: '2026-06-01',
      overdue: true,
      judgement: null,
      recommendation: { id: w.rec.id, title: 'Strengthen neglect thresholds', number: w.rec.number },
      agencies: [
        { id: w.agencyA.id, name: 'Agency A', evidenceStatus: 'not_started' },
        { id: w.agencyB.id, name: 'Agency B', evidenceStatus: 'not_started' },
      ],
    });

    const leadA = (await w.as.leadA.get(`${P(w.p.id)}/impact-checks`)).json();
    expect(leadA.total).toBe(3);
    // Agency B's progress is B's business.
    expect(leadA.items[0].agencies).toEqual([
      { id: w.agencyA.id, name: 'Agency A', evidenceStatus: 'not_started' },
      { id: w.agencyB.id, name: 'Agency B', evidenceStatus: null },
    ]);
    expect((await w.as.leadC.get(`${P(w.p.id)}/impact-checks`)).json().total).toBe(0);
    expect((await w.as.viewer.get(`${P(w.p.id)}/impact-checks`)).json().total).toBe(0);
    expect((await w.as.scrutineer.get(`${P(w.p.id)}/impact-checks`)).json().total).toBe(3);

    const q = async (query: string) =>
      (await w.as.qa.get(`${P(w.p.id)}/impact-checks?${query}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await q('due=overdue')).toEqual([w.first.id]);
    expect(await q('due=90')).toEqual([w.second.id]);
    expect(await q('due=30')).toEqual([]);
    expect(await q(`agencyId=${w.agencyA.id}&judged=false`)).toHaveLength(3);
    expect(await q(`agencyId=${w.agencyC.id}`)).toEqual([]);
    expect(await q('judged=true')).toEqual([]);
    expect(await q(`recommendationId=${w.rec.id}&pageSize=1&page=2`)).toEqual([w.second.id]);

    const bad = await w.as.qa.get(`${P(w.p.id)}/impact-checks?due=soon&judged=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields).sort()).toEqual(['due', 'judged']);

    // Another partnership's admin learns nothing.
    expect((await w.as.otherAdmin.get(`${P(w.p.id)}/impact-checks`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${P(w.other.id)}/impact-checks`)).json().total).toBe(0);
  });
});

describe('evidence of change', () => {
  it("is written by the agency's own lead, and another agency's evidence is never shown or writable", async () => {
    const w = await world();
    const id = w.first.id;
    const saved = await w.as.leadA.put(evidenceUrl(w, id, w.agencyA.id), {
      practiceChange: 'Supervision now covers neglect thresholds',
      outcomes: null,
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const a = saved.json().agencies.find((x: { id: string }) => x.id === w.agencyA.id);
    expect(a.evidence).toMatchObject({
      practiceChange: 'Supervision now covers neglect thresholds',
      outcomes: null,
      status: 'draft',
      version: 1,
      allowedVerbs: ['read', 'write'],
    });
    // Agency A's lead never receives agency B's evidence, even once B has written some.
    await w.as.leadB.put(evidenceUrl(w, id, w.agencyB.id), {
      practiceChange: 'B secret practice',
      outcomes: 'B secret outcomes',
      version: 0,
    });
    const asA = await w.as.leadA.get(`${P(w.p.id)}/impact-checks/${id}`);
    expect(asA.statusCode).toBe(200);
    expect(asA.body).not.toContain('B secret');
    expect(asA.json().agencies.find((x: { id: string }) => x.id === w.agencyB.id)).toMatchObject({
      evidence: null,
      evidenceStatus: null,
    });
    expect((await w.as.leadB.get(`${P(w.p.id)}/impact-checks/${id}`)).body).not.toContain('Supervision now');
    // The QA group sees both.
    const asQa = await w.as.qa.get(`${P(w.p.id)}/impact-checks/${id}`);
    expect(asQa.body).toContain('B secret practice');
    expect(asQa.body).toContain('Supervision now covers');
    expect(asQa.json().allowedVerbs).toEqual(['read', 'judge']);

    // Writing another agency's evidence: 404, as if it did not exist.
    const body = { practiceChange: 'x', outcomes: 'y', version: 1 };
    expect((await w.as.leadA.put(evidenceUrl(w, id, w.agencyB.id), body)).statusCode).toBe(404);
    expect((await w.as.leadB.put(evidenceUrl(w, id, w.agencyA.id), body)).statusCode).toBe(404);
    expect((await w.as.leadA.post(`${evidenceUrl(w, id, w.agencyB.id)}/submit`, {})).statusCode).toBe(404);
    // An agency the recommendation is not addressed to sees nothing of the check.
    expect((await w.as.leadC.get(`${P(w.p.id)}/impact-checks/${id}`)).statusCode).toBe(404);
    expect((await w.as.leadC.put(evidenceUrl(w, id, w.agencyC.id), body)).statusCode).toBe(404);
    expect((await w.as.viewer.get(`${P(w.p.id)}/impact-checks/${id}`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${P(w.p.id)}/impact-checks/${id}`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.put(evidenceUrl(w, id, w.agencyA.id), body)).statusCode).toBe(404);
    // Those who read agency A's evidence but may not write it: 403.
    expect((await w.as.practitionerA.put(evidenceUrl(w, id, w.agencyA.id), body)).statusCode).toBe(403);
    expect((await w.as.scrutineer.put(evidenceUrl(w, id, w.agencyA.id), body)).statusCode).toBe(403);

    // A stale save: 409 with the current evidence.
    const stale = await w.as.leadA.put(evidenceUrl(w, id, w.agencyA.id), { ...body, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('CONFLICT');
    expect(stale.json().details.current.practiceChange).toBe('Supervision now covers neglect thresholds');

    // Bad input names the field.
    const bad = await w.as.leadA.put(evidenceUrl(w, id, w.agencyA.id), { practiceChange: 5, outcomes: 'y' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields).sort()).toEqual(['practiceChange', 'version']);
    expect((await w.as.leadA.get(`${P(w.p.id)}/impact-checks/not-a-uuid`)).statusCode).toBe(400);

    // Submitting needs both parts.
    const early = await w.as.leadA.post(`${evidenceUrl(w, id, w.agencyA.id)}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(Object.keys(early.json().details.fields)).toEqual(['outcomes']);
    await w.as.leadA.put(evidenceUrl(w, id, w.agencyA.id), {
      practiceChange: 'Supervision now covers neglect thresholds',
      outcomes: 'Fewer repeat referrals for neglect',
      version: 1,
    });
    const submitted = await w.as.leadA.post(`${evidenceUrl(w, id, w.agencyA.id)}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    const mine = submitted.json().agencies.find((x: { id: string }) => x.id === w.agencyA.id);
    expect(mine.evidence).toMatchObject({ status: 'submitted', submittedByName: w.people.leadA.name });
    expect(mine.evidence.allowedVerbs).toEqual(['read']);
    // Submitting again changes nothing; changing submitted evidence is refused.
    expect((await w.as.leadA.post(`${evidenceUrl(w, id, w.agencyA.id)}/submit`, {})).statusCode).toBe(200);
    const late = await w.as.leadA.put(evidenceUrl(w, id, w.agencyA.id), { ...body, version: 3 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('INVALID_TRANSITION');

    // The admin may write an agency's evidence on its behalf.
    const byAdmin = await w.as.admin.put(evidenceUrl(w, w.second.id, w.agencyB.id), {
      practiceChange: 'p',
      outcomes: 'o',
      version: 0,
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'impact_check_evidence'), eq(auditLog.partnershipId, w.p.id)));
    expect(audit.map((r) => r.action).sort()).toEqual([
      'created',
      'created',
      'created',
      'submitted',
      'updated',
    ]);
  });
});

describe('judging an impact check', () => {
  it('needs every agency’s evidence and reasons, is for admins and the QA group, and happens once', async () => {
    const w = await world();
    const url = `${P(w.p.id)}/impact-checks/${w.first.id}/judgement`;
    const judgement = {
      judgement: 'embedded',
      reasons: 'Audit shows change',
      judgedOn: '2026-06-14',
      version: 1,
    };
    await giveEvidence(w, w.as.leadA, w.first.id, w.agencyA.id, 'A');

    const waiting = await w.as.qa.post(url, judgement);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error).toBe('INVALID_TRANSITION');
    expect(waiting.json().message).toContain('Agency B');
    expect(waiting.json().details.waitingForAgencyIds).toEqual([w.agencyB.id]);

    await giveEvidence(w, w.as.leadB, w.first.id, w.agencyB.id, 'B');
    const noReasons = await w.as.qa.post(url, { ...judgement, reasons: '  ', judgement: 'sort of' });
    expect(noReasons.statusCode).toBe(400);
    expect(Object.keys(noReasons.json().details.fields).sort()).toEqual(['judgement', 'reasons']);
    const future = await w.as.qa.post(url, { ...judgement, judgedOn: '2026-07-01' });
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json().details.fields)).toEqual(['judgedOn']);
    expect((await w.as.leadA.post(url, judgement)).statusCode).toBe(403);
    expect((await w.as.scrutineer.post(url, judgement)).statusCode).toBe(403);
    expect((await w.as.leadC.post(url, judgement)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.post(url, judgement)).statusCode).toBe(404);
    expect((await w.as.qa.post(url, { ...judgement, version: 0 })).statusCode).toBe(409);

    const ok = await w.as.qa.post(url, judgement);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      judgement: 'embedded',
      judgementReasons: 'Audit shows change',
      judgedOn: '2026-06-14',
      judgedByName: w.people.qa.name,
      overdue: false,
      version: 2,
      allowedVerbs: ['read'],
    });
    const again = await w.as.admin.post(url, { ...judgement, version: 2, judgement: 'not_embedded' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('INVALID_TRANSITION');
    // Embedded leaves the recommendation and its actions alone.
    const [rec] = await t.db.select().from(recommendations).where(eq(recommendations.id, w.rec.id));
    expect(rec.status).toBe('impact_check');
    const [done] = await t.db.select().from(actions).where(eq(actions.id, w.done.id));
    expect(done.status).toBe('complete');
    // Judged evidence is final.
    const after = await w.as.leadA.put(evidenceUrl(w, w.first.id, w.agencyA.id), {
      practiceChange: 'x',
      outcomes: 'y',
      version: 2,
    });
    expect(after.statusCode).toBe(409);
    expect(
      (await w.as.qa.get(`${P(w.p.id)}/impact-checks?judged=true`))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).toEqual([w.first.id]);
  });

  it('"not embedded" reopens the recommendation and its completed actions, with audit rows', async () => {
    const w = await world();
    await giveEvidence(w, w.as.leadA, w.second.id, w.agencyA.id, 'A');
    await giveEvidence(w, w.as.leadB, w.second.id, w.agencyB.id, 'B');
    const res = await w.as.admin.post(`${P(w.p.id)}/impact-checks/${w.second.id}/judgement`, {
      judgement: 'not_embedded',
      reasons: 'Case audit found no change in practice',
      judgedOn: '2026-06-15',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recommendation.status).toBe('in_progress');

    const [rec] = await t.db.select().from(recommendations).where(eq(recommendations.id, w.rec.id));
    expect(rec.status).toBe('in_progress');
    expect(rec.statusReason).toContain('6-month impact check was judged not embedded');
    expect(rec.statusReason).toContain('Case audit found no change in practice');
    expect(rec.version).toBe(w.rec.version + 1);
    const [done] = await t.db.select().from(actions).where(eq(actions.id, w.done.id));
    expect(done).toMatchObject({ status: 'in_progress', completedOn: null, version: 2 });
    const [started] = await t.db.select().from(actions).where(eq(actions.id, w.started.id));
    expect(started).toMatchObject({ status: 'not_started', version: 1 });

    const rows = await t.db.select().from(auditLog).where(eq(auditLog.partnershipId, w.p.id));
    const of = (entity: string, id: string) =>
      rows.filter((r) => r.entity === entity && r.entityId === id).map((r) => r.action);
    expect(of('impact_check', w.second.id)).toEqual(['judged']);
    expect(of('recommendation', w.rec.id)).toContain('reopened');
    expect(of('action', w.done.id)).toEqual(['reopened']);
    expect(of('action', w.started.id)).toEqual([]);
  });

  it('refuses evidence and judgements on a cancelled check, or once the recommendation is closed', async () => {
    const w = await world();
    await t.db.update(impactChecks).set({ cancelledAt: new Date() }).where(eq(impactChecks.id, w.third.id));
    const res = await w.as.leadA.put(evidenceUrl(w, w.third.id, w.agencyA.id), {
      practiceChange: 'x',
      outcomes: 'y',
      version: 0,
    });
    expect(res.statusCode).toBe(409);
    expect((await w.as.qa.get(`${P(w.p.id)}/impact-checks`)).json().total).toBe(2);
    expect((await w.as.qa.get(`${P(w.p.id)}/impact-checks?includeCancelled=true`)).json().total).toBe(3);

    // Once the recommendation is closed, its remaining checks take no more evidence or judgements.
    await giveEvidence(w, w.as.leadA, w.second.id, w.agencyA.id, 'A');
    await giveEvidence(w, w.as.leadB, w.second.id, w.agencyB.id, 'B');
    await t.db.update(recommendations).set({ status: 'closed' }).where(eq(recommendations.id, w.rec.id));
    const evidence = await w.as.leadA.put(evidenceUrl(w, w.first.id, w.agencyA.id), {
      practiceChange: 'x',
      outcomes: 'y',
      version: 0,
    });
    expect(evidence.statusCode).toBe(409);
    expect(evidence.json().message).toContain('closed');
    const judged = await w.as.qa.post(`${P(w.p.id)}/impact-checks/${w.second.id}/judgement`, {
      judgement: 'not_embedded',
      reasons: 'r',
      judgedOn: '2026-06-15',
      version: 1,
    });
    expect(judged.statusCode).toBe(409);
    const [rec] = await t.db.select().from(recommendations).where(eq(recommendations.id, w.rec.id));
    expect(rec.status).toBe('closed');
  });
});

describe('chasing overdue impact checks', () => {
  it("lists an overdue check on the agency lead's My work, then reminds and escalates it", async () => {
    // Agreed 18 February: the 3-month check fell due on 18 May, 28 days before 15 June.
    const w = await world({ agreedOn: '2026-02-18' });
    expect(w.first.dueOn).toBe('2026-05-18');
    // Agency B has given its evidence, so the check waits on agency A alone.
    await giveEvidence(w, w.as.leadB, w.first.id, w.agencyB.id, 'B');

    const mine = (await w.as.leadA.get(`${P(w.p.id)}/my-work`)).json().items;
    const item = mine.find((i: { itemId: string }) => i.itemId === w.first.id);
    expect(item).toMatchObject({
      itemType: 'impact_check',
      href: `/register/impact-checks/${w.first.id}`,
      overdue: true,
      title: `R-${w.rec.number} Strengthen neglect thresholds: 3-month impact check`,
    });
    const leadBItems = (await w.as.leadB.get(`${P(w.p.id)}/my-work`)).json().items;
    expect(leadBItems.map((i: { itemId: string }) => i.itemId)).not.toContain(w.first.id);
    // The 6-month check (due 18 August) is not work yet: it opens for evidence 28 days before, on 21 July.
    expect(w.second.dueOn).toBe('2026-08-18');
    expect(leadBItems.map((i: { itemId: string }) => i.itemId)).not.toContain(w.second.id);
    const openOn = async (today: string) =>
      (await impactCheckSource.openItems(t.db, { personId: w.people.leadB.id, today })).map((i) => i.itemId);
    expect(await openOn('2026-07-20')).not.toContain(w.second.id);
    expect(await openOn('2026-07-21')).toContain(w.second.id);

    t.clock.set('2026-06-15T06:00:00Z');
    try {
      const mailer = createMailer({
        db: t.db,
        jobs: null,
        from: 'Assure <no-reply@assure.test>',
        clock: t.clock,
      });
      await runReminders({ db: t.db, clock: t.clock, mailer, publicUrl: 'http://assure.test' });
    } finally {
      t.clock.set('2026-06-15T09:00:00Z');
    }
    const sent = await t.db
      .select({ rule: remindersSent.rule, personId: remindersSent.personId })
      .from(remindersSent)
      .where(and(eq(remindersSent.itemType, 'impact_check'), eq(remindersSent.itemId, w.first.id)));
    const to = (rule: string) =>
      sent
        .filter((s) => s.rule === rule)
        .map((s) => s.personId)
        .sort();
    expect(sent.some((s) => s.rule.startsWith('every:7:'))).toBe(true);
    expect(sent.filter((s) => !s.rule.startsWith('escalate')).map((s) => s.personId)).toEqual([
      w.people.leadA.id,
    ]);
    expect(to('escalate:admin')).toEqual([w.people.admin.id]);
    const mail = await t.db.select().from(outbox).where(eq(outbox.toAddress, w.people.admin.email));
    expect(mail[0].textBody).toContain(`http://assure.test/register/impact-checks/${w.first.id}`);

    // The reminders list of the check: its readers see it, another agency's lead does not.
    const list = `${P(w.p.id)}/reminders?itemType=impact_check&itemId=${w.first.id}`;
    expect((await w.as.qa.get(list)).statusCode).toBe(200);
    expect((await w.as.leadC.get(list)).statusCode).toBe(404);
  });
});

describe('impact being checked', () => {
  it('moves an agreed recommendation to "impact being checked" on the day its first check falls due, once', async () => {
    const w = await world({ agreedOn: '2026-02-18' });
    const statusOf = async () =>
      (await t.db.select().from(recommendations).where(eq(recommendations.id, w.rec.id)))[0].status;
    const run = (today: string) =>
      t.db.transaction((tx) =>
        markImpactChecksDue(
          tx,
          { requestId: 'test', ip: null },
          { today, now: new Date(`${today}T07:00:00Z`), partnershipId: w.p.id },
        ),
      );
    await t.db.update(recommendations).set({ status: 'agreed' }).where(eq(recommendations.id, w.rec.id));
    expect(await run('2026-05-17')).toBe(0);
    expect(await statusOf()).toBe('agreed');
    expect(await run('2026-05-18')).toBe(1);
    expect(await statusOf()).toBe('impact_check');
    expect(await run('2026-05-19')).toBe(0);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.rec.id), eq(auditLog.action, 'status_changed')));
    expect(audit.map((a) => a.after)).toContainEqual(
      expect.objectContaining({ status: 'impact_check', because: 'impact_check_due' }),
    );
  });
});
