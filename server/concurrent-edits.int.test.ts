import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../contracts/notifications.js';
import { buildActivity, buildProgramme } from './testing/factories.js';
import { buildMember, buildPartnership, createTestApp, type TestApp } from './testing/test-app.js';

// Two people saving the same record at once, each from the version they opened: exactly one save lands
// and every other is answered 409 with the saved record, never a silent overwrite (PRODUCT.md §5, "No
// lost work"). On PostgreSQL the requests really run side by side; PGlite runs one query at a time, so
// there the test shows only that the rule holds in sequence.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const other = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const [a, b] = [await t.signIn(admin.email), await t.signIn(other.email)];
  return { p, clients: [a, b, a, b, a, b], P: `/api/v1/partnerships/${p.id}` };
}

function expectOneWinner(codes: number[]) {
  expect(codes.filter((c) => c === 200)).toHaveLength(1);
  expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
}

describe('saving on the same version at the same time', () => {
  it('a priority: one rename lands, the rest are told someone else changed it', async () => {
    const { clients, P } = await world();
    const created = await clients[0].post(`${P}/priorities`, { name: 'Neglect' });
    const id = created.json().id as string;
    const results = await Promise.all(
      clients.map((c, i) => c.put(`${P}/priorities/${id}`, { name: `Neglect ${i}`, version: 1 })),
    );
    expectOneWinner(results.map((r) => r.statusCode));
    const winner = results.find((r) => r.statusCode === 200)!;
    const now = await clients[0].get(`${P}/priorities/${id}`);
    expect(now.json()).toMatchObject({ name: winner.json().name, version: 2 });
  });

  it('a programme activity: one status change lands', async () => {
    const { p, clients, P } = await world();
    const activity = await buildActivity(t.db, { partnershipId: p.id });
    const results = await Promise.all(
      clients.map((c, i) =>
        c.post(`${P}/activities/${activity.id}/status`, {
          status: i % 2 ? 'in_progress' : 'deferred',
          reason: i % 2 ? null : 'Clashes with the inspection',
          version: 1,
        }),
      ),
    );
    expectOneWinner(results.map((r) => r.statusCode));
    const now = await clients[0].get(`${P}/activities/${activity.id}`);
    expect(now.json().version).toBe(2);
  });

  it('a programme: one rename lands', async () => {
    const { p, clients, P } = await world();
    const programme = await buildProgramme(t.db, { partnershipId: p.id });
    const results = await Promise.all(
      clients.map((c, i) =>
        c.put(`${P}/programmes/${programme.id}`, { title: `Programme ${i}`, version: 1 }),
      ),
    );
    expectOneWinner(results.map((r) => r.statusCode));
  });

  it('the reminder policy, never saved before: one save lands', async () => {
    const { clients, P } = await world();
    const current = await clients[0].get(`${P}/reminder-policy`);
    expect(current.statusCode).toBe(200);
    const version = current.json().version as number;
    const results = await Promise.all(
      clients.map((c, i) =>
        c.put(`${P}/reminder-policy`, { ...DEFAULT_REMINDER_POLICY, daysBefore: [i + 1], version }),
      ),
    );
    expectOneWinner(results.map((r) => r.statusCode));
  });
});
