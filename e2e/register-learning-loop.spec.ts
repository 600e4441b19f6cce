// Closing the learning loop, end to end (issue 4's journey): the QA group records a recommendation to two
// agencies and agrees it; each agency's lead adds an action, and the police's one workstream action also
// answers a second recommendation; the server's clock moves on three months and the 3-month impact check
// appears on both leads' My work; each submits evidence (the police with a file); the QA group judges it
// embedded and closes the recommendation. Every page visited is scanned with axe (see fixtures.ts).
//
// The clock: the journeys' server reads how far ahead of real time it runs from MAIN_CLOCK_FILE
// (TEST_CLOCK_FILE, refused outside NODE_ENV=test). The journey always puts it back. Sessions expire
// when three months pass, so everyone signs in again afterwards, as they would.

import { writeFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiSend, expect, NORTHSHIRE, type SessionInfo, test, unique } from './fixtures';
import { MAIN_CLOCK_FILE } from './servers';

const QA_MEMBER = 'qa.member@northshire.example';
const POLICE_LEAD = 'police.lead@northshire.example';
const ICB_LEAD = 'icb.lead@northshire.example';
const POLICE = 'Northshire Police';
const ICB = 'Northshire Integrated Care Board';
const DAY = 86_400_000;

const setClockAhead = (ms: number) => writeFileSync(MAIN_CLOCK_FILE, String(ms));

/** The server's date as the app sees it, from a date the API computed (YYYY-MM-DD -> "30 April 2026"). */
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

async function inNorthshire(request: APIRequestContext, session: SessionInfo) {
  const pid = session.partnerships.find((p) => p.name === NORTHSHIRE)!.id;
  if (session.currentPartnershipId !== pid) {
    await apiSend(request, 'PUT', '/api/v1/auth/current-partnership', { partnershipId: pid });
  }
  return pid;
}

test.afterEach(() => setClockAhead(0));

test('a recommendation to two agencies goes from agreed, through actions and a 3-month impact check, to closed', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(240_000);
  setClockAhead(0);
  const title = unique('Every agency records who the child lives with at each contact');
  const otherTitle = unique('Health and police share one chronology template for neglect cases');

  // --- The QA group records the recommendation to two agencies and agrees it --------------------------
  const qa = await signInAs(QA_MEMBER);
  const pid = await inNorthshire(page.request, qa);
  const base = `/api/v1/partnerships/${pid}`;
  await visit(page, '/register');
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a recommendation' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Recommendation', { exact: true }).fill(title);
  await page.getByLabel('Kind of source').selectOption({ label: 'Multi-agency case audit' });
  await page.getByLabel('Name of the source').fill('Multi-agency audit: who lives in the household');
  await page.getByRole('radio', { name: 'High' }).check();
  await page.getByRole('checkbox', { name: POLICE, exact: true }).check();
  await page.getByRole('checkbox', { name: ICB, exact: true }).check();
  await page.getByRole('button', { name: 'Add recommendation' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /R-\d+ added as a draft/ })).toBeVisible();
  const recUrl = new URL(page.url()).pathname;
  const recId = recUrl.split('/').pop()!;
  await scanNow(page);

  await page.getByRole('button', { name: 'Agree it' }).click();
  await expect(page.getByRole('radio', { name: 'Agree it' })).toBeChecked();
  await scanNow(page);
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /R-\d+ agreed/ })).toBeVisible();
  const checks = page.getByRole('table', { name: 'Impact checks' });
  await expect(checks.getByRole('row', { name: /3 month check/ })).toBeVisible();
  await scanNow(page);
  const rec = (await (await page.request.get(`${base}/recommendations/${recId}`)).json()) as {
    number: number;
    reference: string;
  };
  const ref = rec.reference;

  // The second recommendation, to the police alone, that the same workstream action will answer.
  const police = (
    (await (
      await page.request.get(`${base}/agencies?q=${encodeURIComponent(POLICE)}&pageSize=100`)
    ).json()) as {
      items: { id: string; name: string }[];
    }
  ).items.find((a) => a.name === POLICE)!;
  const draft = await apiSend<{ id: string; version: number; reference: string }>(
    page.request,
    'POST',
    `${base}/recommendations`,
    {
      title: otherTitle,
      sourceKind: 'lcspr',
      sourceTitle: 'LCSPR: Child H',
      priority: 'medium',
      agencyIds: [police.id],
    },
  );
  const other = await apiSend<{ reference: string }>(
    page.request,
    'POST',
    `${base}/recommendations/${draft.id}/status`,
    {
      status: 'agreed',
      version: draft.version,
    },
  );

  // The impact check falls due three months after agreement; it is not anyone's work yet.
  const { items: impactChecks } = (await (
    await page.request.get(`${base}/impact-checks?recommendationId=${recId}`)
  ).json()) as { items: { id: string; months: number; dueOn: string }[] };
  const check = impactChecks.find((c) => c.months === 3)!;
  await apiSend(page.request, 'POST', '/api/v1/auth/sign-out');

  // --- Each agency's lead adds an action; the police's answers both recommendations ------------------
  const addAction = async (email: string, agency: string, actionTitle: string, alsoAnswers?: string) => {
    await inNorthshire(page.request, await signInAs(email));
    await visit(page, `/register/actions/new?recommendationId=${recId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Add an action' })).toBeVisible();
    await expect(page.getByLabel('Agency', { exact: true })).toHaveValue(/.+/);
    await expect(page.getByLabel('Agency', { exact: true }).locator('option:checked')).toHaveText(agency);
    await page.getByLabel('Title').fill(actionTitle);
    const due = page.getByRole('group', { name: 'Due date (optional)' });
    await due.getByLabel('Day').fill('15');
    await due.getByLabel('Month').fill('6');
    await due.getByLabel('Year').fill('2031');
    if (alsoAnswers) {
      await page
        .getByRole('group', { name: 'Recommendations it answers' })
        .getByRole('checkbox', { name: new RegExp(alsoAnswers) })
        .check();
    }
    await scanNow(page);
    await page.getByRole('button', { name: 'Add action' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Action added' })).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(`^${ref}: `) })).toBeVisible();
    if (alsoAnswers)
      await expect(page.getByRole('link', { name: new RegExp(`^${alsoAnswers}: `) })).toBeVisible();
    await scanNow(page);
    // Not yet on My work: the impact check is three months away.
    await visit(page, '/');
    await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
    await expect(page.getByText(`${title}: 3-month impact check`)).toHaveCount(0);
    await scanNow(page);
    await apiSend(page.request, 'POST', '/api/v1/auth/sign-out');
  };
  await addAction(
    POLICE_LEAD,
    POLICE,
    unique('Household-composition prompt on every police visit record'),
    other.reference,
  );
  await addAction(ICB_LEAD, ICB, unique('GP practices check household members at registration and review'));

  // --- Three months on: the impact check is on each lead's My work ------------------------------------
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  const daysAhead = Math.round((Date.parse(check.dueOn) - Date.parse(today)) / DAY);
  expect(daysAhead).toBeGreaterThanOrEqual(89);
  setClockAhead(daysAhead * DAY);

  const submitEvidence = async (page: Page, email: string, agency: string, file?: string) => {
    await inNorthshire(page.request, await signInAs(email));
    await visit(page, '/');
    const row = page.getByRole('row').filter({ hasText: `${title}: 3-month impact check` });
    await expect(row).toBeVisible();
    await expect(row).toContainText(longDate(check.dueOn));
    await scanNow(page);
    await row.getByRole('link').click();
    await expect(page).toHaveURL(`/register/impact-checks/${check.id}`);
    await expect(page.getByRole('heading', { level: 1, name: '3-month impact check' })).toBeVisible();
    await page
      .getByLabel('What has changed in practice')
      .fill(`${agency}: household members are now recorded at every contact.`);
    await page
      .getByLabel('What difference has it made for children and adults')
      .fill(`${agency}: two unknown adults in a household were identified and checked within a day.`);
    await page.getByRole('button', { name: 'Save evidence' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Evidence saved' })).toBeVisible();
    if (file) {
      await page.getByLabel(/^Add an evidence file/).setInputFiles({
        name: file,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%demo\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
      });
      await page.getByRole('button', { name: /^Upload file/ }).click();
      await expect(page.getByRole('link', { name: file })).toBeVisible();
    }
    await scanNow(page);
    await page.getByRole('button', { name: 'Submit evidence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Submit ${agency}’s evidence?` })).toBeVisible();
    await scanNow(page);
    await page.getByRole('button', { name: 'Submit evidence' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Evidence submitted' })).toBeVisible();
    await scanNow(page);
    await apiSend(page.request, 'POST', '/api/v1/auth/sign-out');
  };
  await submitEvidence(page, POLICE_LEAD, POLICE, 'household-prompt-dip-sample.pdf');
  await submitEvidence(page, ICB_LEAD, ICB);

  // --- The QA group judges it embedded and closes the recommendation ---------------------------------
  await inNorthshire(page.request, await signInAs(QA_MEMBER));
  const serverToday = check.dueOn;
  await visit(page, `/register/impact-checks/${check.id}`);
  await expect(page.getByRole('link', { name: 'household-prompt-dip-sample.pdf' })).toBeVisible();
  await page.getByRole('radio', { name: 'Embedded', exact: true }).check();
  await page
    .getByLabel('Reasons for the judgement')
    .fill('Both agencies’ records show the household recorded at every contact since the spring.');
  await page.getByRole('button', { name: 'Record judgement' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Judgement recorded: Embedded' })).toBeVisible();
  await scanNow(page);

  await visit(page, recUrl);
  await page.getByRole('button', { name: 'Close it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Close ${ref}` })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Who approved closing it').fill('Quality Assurance and Performance Group');
  await page.getByLabel('The meeting at which it was approved').fill(`QAPG, ${longDate(serverToday)}`);
  await page.getByLabel('Date it was closed').fill(serverToday);
  await page.getByRole('button', { name: 'Close recommendation' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `${ref} closed` })).toBeVisible();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Closing approved by')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Closed (approved by Quality Assurance and Performance Group',
  );
  await scanNow(page);
});
