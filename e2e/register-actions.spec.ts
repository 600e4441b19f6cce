// The register's actions: an admin agrees two recommendations addressed to Northshire Police (through
// the API); the police's agency lead answers both with one workstream action, records progress with an
// evidence file, starts it, and finds it on the agency's action plan; the lead of another agency cannot
// open it. Every page visited is scanned with axe (see fixtures.ts).

import { apiSend, expect, NORTHSHIRE, NORTHSHIRE_ADMIN, signInThroughApi, test, unique } from './fixtures';

const POLICE_LEAD = 'police.lead@northshire.example';
// The council's lead is also a QA group member, who reads every agency's actions (actions.policy.ts), so
// the lead of another agency who holds no such role is Riverside Primary School's education provider lead.
const OTHER_AGENCY_LEAD = 'dsl.riverside@northshire.example';

type Rec = { id: string; number: number; version: number; title: string };

test('an agency lead answers two recommendations with one action, records progress with evidence and sees it on the action plan', async ({
  page,
  playwright,
  baseURL,
  signInAs,
  visit,
  scanNow,
  newSignedOutPage,
}) => {
  test.setTimeout(90_000);
  // --- Seed: two agreed recommendations addressed to Northshire Police, as the partnership admin -------
  const admin = await playwright.request.newContext({ baseURL });
  const adminSession = await signInThroughApi(admin, NORTHSHIRE_ADMIN);
  const pid = adminSession.partnerships.find((p) => p.name === NORTHSHIRE)!.id;
  const base = `/api/v1/partnerships/${pid}`;
  const agenciesRes = await admin.get(`${base}/agencies?q=Northshire%20Police&pageSize=100`);
  const { items: agencies } = (await agenciesRes.json()) as { items: { id: string; name: string }[] };
  const police = agencies.find((a) => a.name === 'Northshire Police')!;
  const recs: Rec[] = [];
  for (const title of [
    unique('Check that officers record the voice of the child at every domestic abuse call-out'),
    unique('Refer every child seen at a domestic abuse incident to the front door within 24 hours'),
  ]) {
    const draft = await apiSend<Rec>(admin, 'POST', `${base}/recommendations`, {
      title,
      sourceKind: 'case_audit',
      sourceTitle: 'Multi-agency audit: domestic abuse and children under five',
      priority: 'high',
      agencyIds: [police.id],
    });
    recs.push(
      await apiSend<Rec>(admin, 'POST', `${base}/recommendations/${draft.id}/status`, {
        status: 'agreed',
        version: draft.version,
      }),
    );
  }
  await admin.dispose();
  const [first, second] = recs;
  const ref = (r: Rec) => `R-${r.number}`;

  // --- The police's agency lead adds one action answering both ---------------------------------------
  await signInAs(POLICE_LEAD);
  await apiSend(page.request, 'PUT', '/api/v1/auth/current-partnership', { partnershipId: pid });
  await visit(page, `/register/actions/new?recommendationId=${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Add an action' })).toBeVisible();
  // Only the agency the recommendation is addressed to (and the lead leads) is offered, already chosen.
  const agency = page.getByLabel('Agency');
  await expect(agency).toHaveValue(police.id);
  await expect(agency.getByRole('option')).toHaveText(['Choose an agency', 'Northshire Police']);
  const answers = page.getByRole('group', { name: 'Recommendations it answers' });
  await expect(answers.getByRole('checkbox', { name: new RegExp(ref(first)) })).toBeChecked();
  await expect(answers.getByRole('checkbox', { name: new RegExp(ref(second)) })).not.toBeChecked();

  // Nothing typed yet: the error summary links to the title.
  await page.getByRole('button', { name: 'Add action' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter a title for the action' })).toHaveAttribute(
    'href',
    '#title',
  );
  await expect(page).toHaveTitle(/^Error: Add an action/);
  await scanNow(page);

  const title = unique('Voice of the child briefing and audit for response officers');
  await page.getByLabel('Title').fill(title);
  await page
    .getByLabel('Description (optional)')
    .fill('Briefing for every response team, then a dip sample.');
  await page
    .getByLabel('Owner (optional)')
    .selectOption({ label: 'Tom Okafor (police.lead@northshire.example)' });
  const due = page.getByRole('group', { name: 'Due date (optional)' });
  await due.getByLabel('Day').fill('30');
  await due.getByLabel('Month').fill('9');
  await due.getByLabel('Year').fill('2030');
  await page.getByRole('group', { name: 'RAG rating (optional)' }).getByLabel('Amber').check();
  await answers.getByRole('checkbox', { name: new RegExp(ref(second)) }).check();
  await page.getByRole('button', { name: 'Add action' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Action added' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const actionUrl = page.url();
  const actionId = actionUrl.split('/').pop()!;
  await expect(page.getByText('30 September 2030')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`^${ref(first)}: `) })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`^${ref(second)}: `) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Reminders sent' })).toBeVisible();
  await scanNow(page);

  // --- A progress update, then an evidence file on it -----------------------------------------------
  const update = page.getByRole('form', { name: 'Add a progress update' });
  await update.getByLabel('What progress has been made?').fill('Briefing delivered to four of six teams.');
  await update.getByRole('group', { name: 'RAG rating now (optional)' }).getByLabel('Green').check();
  await update.getByRole('button', { name: 'Add update' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Progress update added' })).toBeVisible();
  const updates = page.getByRole('list').filter({ hasText: 'Briefing delivered to four of six teams.' });
  await expect(updates).toBeVisible();
  await scanNow(page);

  await page.getByLabel(/^Add an evidence file/).setInputFiles({
    name: 'briefing-attendance.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%demo\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  });
  await page.getByRole('button', { name: /^Upload file/ }).click();
  const download = page.getByRole('link', { name: 'briefing-attendance.pdf' });
  await expect(download).toBeVisible();
  const file = await page.request.get(new URL((await download.getAttribute('href'))!, page.url()).href);
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await scanNow(page);

  // --- Start it -------------------------------------------------------------------------------------
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Change the status of ${title}` })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Start it (in progress)').check();
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Status changed' })).toBeVisible();
  await expect(page.locator('.app-tag-row')).toContainText('In progress');
  await scanNow(page);

  // --- The agency's action plan ---------------------------------------------------------------------
  await page.getByRole('link', { name: 'Northshire Police action plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northshire Police action plan' })).toBeVisible();
  const inProgress = page.getByRole('region', { name: /^In progress/ });
  const row = inProgress.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText(ref(first));
  await expect(row).toContainText(ref(second));
  await expect(row).toContainText('Briefing delivered to four of six teams.');
  // Both recommendations are answered now, so neither waits for an action.
  const waiting = page.getByRole('heading', { name: 'Recommendations with no action yet' });
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`^${ref(first)}: `) })).toHaveCount(0);
  await scanNow(page);

  // The lead's list of actions has it too.
  await visit(page, '/register/actions?mine=true');
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Northshire Police');

  // --- Another agency's lead cannot open it ---------------------------------------------------------
  const other = await newSignedOutPage();
  await signInThroughApi(other.request, OTHER_AGENCY_LEAD);
  await visit(other, actionUrl);
  await expect(other.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(other.getByText(title)).toHaveCount(0);
  expect(actionId).toMatch(/^[0-9a-f-]{36}$/);
});

test('an admin pages through a long action plan, overdue first, and opens every recommendation with no action yet', async ({
  page,
  playwright,
  baseURL,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(150_000);
  // --- Seed, as the admin: a new agency with 12 agreed recommendations, the first answered by 55 actions
  // (30 overdue, 25 due later); the other 11 have no action yet. -------------------------------------
  const admin = await playwright.request.newContext({ baseURL });
  const adminSession = await signInThroughApi(admin, NORTHSHIRE_ADMIN);
  const pid = adminSession.partnerships.find((p) => p.name === NORTHSHIRE)!.id;
  const base = `/api/v1/partnerships/${pid}`;
  const agencyName = unique('Harbour Housing Trust');
  const agency = await apiSend<{ id: string }>(admin, 'POST', `${base}/agencies`, {
    name: agencyName,
    type: 'housing',
  });
  const recs: Rec[] = [];
  for (let i = 1; i <= 12; i++) {
    const draft = await apiSend<Rec>(admin, 'POST', `${base}/recommendations`, {
      title: `Housing officers check who else lives at the address (${i})`,
      sourceKind: 'thematic_review',
      sourceTitle: 'Thematic review: hidden adults',
      priority: 'medium',
      agencyIds: [agency.id],
    });
    recs.push(
      await apiSend<Rec>(admin, 'POST', `${base}/recommendations/${draft.id}/status`, {
        status: 'agreed',
        version: draft.version,
      }),
    );
  }
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 55; i++) {
    await apiSend(admin, 'POST', `${base}/actions`, {
      agencyId: agency.id,
      title: `${i < 30 ? 'Overdue' : 'Later'} visit ${String(i).padStart(2, '0')}`,
      dueOn: i < 30 ? day(-60 + i) : day(10 + i),
      recommendationIds: [recs[0].id],
    });
  }
  await admin.dispose();

  await signInAs(NORTHSHIRE_ADMIN);
  await apiSend(page.request, 'PUT', '/api/v1/auth/current-partnership', { partnershipId: pid });
  await visit(page, `/register/agencies/${agency.id}/action-plan`);
  await expect(page.getByRole('heading', { level: 1, name: `${agencyName} action plan` })).toBeVisible();
  await expect(page.getByText('Showing 1 to 50 of 55 actions')).toBeVisible();
  const overdue = page.getByRole('region', { name: /^Overdue/ });
  await expect(overdue.getByRole('heading', { name: 'Overdue (30)' })).toBeVisible();
  await expect(overdue.getByRole('row')).toHaveCount(31);
  // Soonest due first: the first overdue action heads the list.
  await expect(overdue.getByRole('row').nth(1)).toContainText('Overdue visit 00');
  const notStarted = page.getByRole('region', { name: /^Not started/ });
  await expect(notStarted.getByText('Showing 1 to 20 of 25; 5 more on the next page')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recommendations with no action yet (11)' })).toBeVisible();
  await scanNow(page);

  // --- Page 2 holds the rest, and nothing already shown -----------------------------------------------
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(new RegExp(`/register/agencies/${agency.id}/action-plan\\?page=2$`));
  await expect(page.getByText('Showing 51 to 55 of 55 actions')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Overdue/ })).toHaveCount(0);
  const rest = page.getByRole('region', { name: /^Not started/ });
  await expect(rest.getByText('Showing 21 to 25 of 25; 20 more on the previous page')).toBeVisible();
  await expect(rest.getByRole('row')).toHaveCount(6);
  await expect(rest.getByRole('row').nth(1)).toContainText('Later visit 50');
  await scanNow(page);

  // --- Every recommendation with no action yet, a link away --------------------------------------------
  await page.getByRole('link', { name: 'See all 11 recommendations with no action yet' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Recommendations with no action yet' }),
  ).toBeVisible();
  await expect(page.getByText('Showing 11 recommendations')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`^R-${recs[11].number}: `) })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`^R-${recs[0].number}: `) })).toHaveCount(0);
  await scanNow(page);
});
