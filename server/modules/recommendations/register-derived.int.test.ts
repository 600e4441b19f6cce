import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecommendation } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { actionRecommendations, actions, impactChecks, recommendations } from './recommendations.tables.js';

// A recommendation's earliest due date still waiting and its latest judgement are kept on its row by
// database triggers (migration 0008), whoever writes its actions, their links or its impact checks. These
// tests write those tables directly, as demo data, imports and other modules do, and read the register
// and the Board summary back. The clock stands at 15 June 2026.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const p = await buildPartnership(t.db);
  const agency = await buildAgency(t.db, { partnershipId: p.id });
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const rec = () =>
    buildRecommendation(t.db, {
      partnershipId: p.id,
      agencyIds: [agency.id],
      status: 'in_progress',
      agreedOn: '2026-01-10',
    });
  const c = await t.signIn(admin.email);
  const P = `/api/v1/partnerships/${p.id}`;
  const overdue = async () =>
    ((await c.get(`${P}/recommendations?overdue=true&pageSize=100`)).json().items as { id: string }[])
      .map((r) => r.id)
      .sort();
  const derived = async (id: string) => {
    const [r] = await t.db
      .select({ nextDueOn: recommendations.nextDueOn, latestJudgement: recommendations.latestJudgement })
      .from(recommendations)
      .where(eq(recommendations.id, id));
    return r;
  };
  const summary = async () => (await c.get(`${P}/register/summary`)).json().totals;
  return { p, agency, rec, overdue, derived, summary };
}

describe('what a recommendation derives from its actions and impact checks', () => {
  it('follows a workstream action’s due date, status and links for every recommendation it answers', async () => {
    const w = await world();
    const [r1, r2, r3] = [await w.rec(), await w.rec(), await w.rec()];
    const [a] = await t.db
      .insert(actions)
      .values({ partnershipId: w.p.id, agencyId: w.agency.id, title: 'Workstream', dueOn: '2026-06-01' })
      .returning();
    await t.db.insert(actionRecommendations).values([
      { actionId: a.id, recommendationId: r1.id },
      { actionId: a.id, recommendationId: r2.id },
    ]);
    expect(await w.derived(r1.id)).toEqual({ nextDueOn: '2026-06-01', latestJudgement: null });
    expect(await w.overdue()).toEqual([r1.id, r2.id].sort());

    // A later due date: on track.
    await t.db.update(actions).set({ dueOn: '2026-09-30' }).where(eq(actions.id, a.id));
    expect(await w.overdue()).toEqual([]);
    expect((await w.derived(r2.id)).nextDueOn).toBe('2026-09-30');

    // Back in the past, and linked to a third; then unlinked from the first.
    await t.db.update(actions).set({ dueOn: '2026-05-01' }).where(eq(actions.id, a.id));
    await t.db.insert(actionRecommendations).values({ actionId: a.id, recommendationId: r3.id });
    expect(await w.overdue()).toEqual([r1.id, r2.id, r3.id].sort());
    await t.db
      .delete(actionRecommendations)
      .where(
        sql`${actionRecommendations.actionId} = ${a.id} and ${actionRecommendations.recommendationId} = ${r1.id}`,
      );
    expect(await w.overdue()).toEqual([r2.id, r3.id].sort());
    expect((await w.derived(r1.id)).nextDueOn).toBeNull();

    // The earliest of several open actions counts; complete and cancelled ones do not.
    const [b] = await t.db
      .insert(actions)
      .values({ partnershipId: w.p.id, agencyId: w.agency.id, title: 'Second', dueOn: '2026-08-01' })
      .returning();
    await t.db.insert(actionRecommendations).values({ actionId: b.id, recommendationId: r2.id });
    expect((await w.derived(r2.id)).nextDueOn).toBe('2026-05-01');
    await t.db.update(actions).set({ status: 'complete' }).where(eq(actions.id, a.id));
    expect((await w.derived(r2.id)).nextDueOn).toBe('2026-08-01');
    expect((await w.derived(r3.id)).nextDueOn).toBeNull();
    await t.db.update(actions).set({ status: 'cancelled' }).where(eq(actions.id, b.id));
    expect(await w.overdue()).toEqual([]);

    // Reopened: overdue again. A recommendation no longer being worked is never overdue.
    await t.db.update(actions).set({ status: 'in_progress' }).where(eq(actions.id, a.id));
    expect(await w.overdue()).toEqual([r2.id, r3.id].sort());
    await t.db.update(recommendations).set({ status: 'closed' }).where(eq(recommendations.id, r3.id));
    expect(await w.overdue()).toEqual([r2.id]);
  });

  it('follows impact checks: unjudged and due counts as waiting; the latest judgement is the one shown', async () => {
    const w = await world();
    const r = await w.rec();
    const check = async (months: number, dueOn: string) =>
      (
        await t.db
          .insert(impactChecks)
          .values({ partnershipId: w.p.id, recommendationId: r.id, months, dueOn })
          .returning()
      )[0];
    const three = await check(3, '2026-04-10');
    const six = await check(6, '2026-07-10');
    expect(await w.derived(r.id)).toEqual({ nextDueOn: '2026-04-10', latestJudgement: null });
    expect(await w.overdue()).toEqual([r.id]);
    expect(await w.summary()).toMatchObject({ open: 1, overdue: 1, impactChecked: 0, embedded: 0 });

    await t.db
      .update(impactChecks)
      .set({ judgement: 'embedded', judgedOn: '2026-05-01' })
      .where(eq(impactChecks.id, three.id));
    expect(await w.derived(r.id)).toEqual({ nextDueOn: '2026-07-10', latestJudgement: 'embedded' });
    expect(await w.overdue()).toEqual([]);
    expect(await w.summary()).toMatchObject({ overdue: 0, onTrack: 1, impactChecked: 1, embedded: 1 });

    // A later judgement replaces it; cancelling that check brings the earlier one back.
    await t.db
      .update(impactChecks)
      .set({ judgement: 'not_embedded', judgedOn: '2026-06-01' })
      .where(eq(impactChecks.id, six.id));
    expect(await w.derived(r.id)).toEqual({ nextDueOn: null, latestJudgement: 'not_embedded' });
    expect(await w.summary()).toMatchObject({ impactChecked: 1, embedded: 0 });
    await t.db.update(impactChecks).set({ cancelledAt: new Date() }).where(eq(impactChecks.id, six.id));
    expect(await w.derived(r.id)).toEqual({ nextDueOn: null, latestJudgement: 'embedded' });

    // Removed altogether (as a reset might): nothing left to derive.
    await t.db.delete(impactChecks).where(eq(impactChecks.recommendationId, r.id));
    expect(await w.derived(r.id)).toEqual({ nextDueOn: null, latestJudgement: null });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'stays right when two transactions change two actions of one recommendation at once (PostgreSQL)',
    async () => {
      const w = await world();
      const r = await w.rec();
      const [a, b] = await t.db
        .insert(actions)
        .values([
          { partnershipId: w.p.id, agencyId: w.agency.id, title: 'A', dueOn: '2026-09-01' },
          { partnershipId: w.p.id, agencyId: w.agency.id, title: 'B', dueOn: '2026-10-01' },
        ])
        .returning();
      await t.db.insert(actionRecommendations).values([
        { actionId: a.id, recommendationId: r.id },
        { actionId: b.id, recommendationId: r.id },
      ]);
      // The first holds the recommendation until it commits; the second, changing the other action
      // meanwhile, must then read the first's change rather than what it saw when it started.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstUpdated!: () => void;
      const updated = new Promise<void>((resolve) => {
        firstUpdated = resolve;
      });
      const first = t.db.transaction(async (tx) => {
        await tx.update(actions).set({ status: 'complete' }).where(eq(actions.id, a.id));
        firstUpdated();
        await held;
      });
      await updated;
      const second = t.db.transaction(async (tx) => {
        await tx.update(actions).set({ dueOn: '2026-11-01' }).where(eq(actions.id, b.id));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await Promise.all([first, second]);
      // A complete, B due 1 November: the earliest still waiting is B's.
      expect((await w.derived(r.id)).nextDueOn).toBe('2026-11-01');
    },
  );
});
