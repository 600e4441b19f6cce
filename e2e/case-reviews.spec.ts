// Case reviews (issue 5): a member of the case review group opens a child's case file, records the serious
// incident notification, opens the rapid review and sees its 15-working-day timetable, asks two agencies for
// their summaries of involvement, which each agency's lead submits through the form engine; then records the
// decision (LCSPR) and puts a recommendation into the register, where the QA group finds it (the register's
// pages are the QA group's; the case review group follows the recommendation on the case file). Agency leads
// and a partnership admin outside the group see neither the menu entry nor the case file. A third journey
// opens a case file with the keyboard alone. Every page visited is scanned with axe (see fixtures.ts).
//
// Dates: the journey does not depend on today. The notification dates are fixed in March 2026, a month
// with no bank holiday in England, so every step's due date is worked out by hand below (weekends skipped);
// they are long past, so the steps not done show as overdue whenever the journey runs.
// The one date the server takes from today (agencies' summaries due 3 working days after they are asked) is
// read from the page and compared with the timetable's step, never computed here.

import type { Page } from '@playwright/test';
import { apiSend, expect, NORTHSHIRE_ADMIN, signInThroughApi, test, unique } from './fixtures';

const CASE_REVIEWER = 'case.review@northshire.example';
const POLICE_LEAD = 'police.lead@northshire.example';
const COUNCIL_LEAD = 'council.lead@northshire.example';

// The local authority became aware on Monday 2 March 2026 and notified the panel on Wednesday 4 March.
const BECAME_AWARE = '2026-03-02';
const NOTIFIED = '2026-03-04';
/** 5 working days after Monday 2 March: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9. */
const NOTIFY_DUE = '9 March 2026';
/** From day 0 = Wed 4 March: Thu 5 (1), Fri 6 (2), Mon 9 (3), ... Thu 12 (6), Fri 13 (7), Mon 23 (13), Wed 25 (15). */
const TIMETABLE = [
  { step: 'Request information from agencies', due: '9 March 2026', day: 3 },
  { step: "Agencies' summaries of involvement due", due: '12 March 2026', day: 6 },
  { step: 'Collate the information and circulate it', due: '13 March 2026', day: 7 },
  { step: 'Decision meeting', due: '23 March 2026', day: 13 },
  { step: 'Decision sent to the national panel', due: '25 March 2026', day: 15 },
];

/** Moves focus forward with Tab until `target` has it (at most `max` presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The agency lead answers their summary of involvement through the form engine and submits it. */
async function submitSummary(
  page: Page,
  reference: string,
  agency: string,
  scanNow: (p: Page) => Promise<void>,
) {
  // It waits on their My work, named by the case file's reference only.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await scanNow(page);
  await page
    .getByRole('link', { name: new RegExp(`Rapid review ${reference}: summary of involvement`) })
    .first()
    .click();
  const tasks = page.getByRole('list').filter({ hasText: 'Check and submit' });
  await expect(tasks).toBeVisible();
  const taskList = new URL(page.url()).pathname;
  await scanNow(page);
  const sections = (await tasks.getByRole('link').allTextContents()).filter((t) => t !== 'Check and submit');
  expect(sections.length).toBeGreaterThan(0);
  for (const name of sections) {
    await page.goto(taskList);
    await tasks.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await answerEverything(page, agency);
    await scanNow(page);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toHaveCount(0);
  }
  await page.goto(taskList);
  await tasks.getByRole('link', { name: 'Check and submit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Form submitted' })).toBeVisible();
  await scanNow(page);
}

/**
 * Answers every question on a section of the starter template "Rapid review: summary of agency
 * involvement", whatever its exact questions: a chronology gets one entry, radio groups their first option,
 * dates 10 February 2026, text the agency's words.
 */
async function answerEverything(page: Page, agency: string) {
  const main = page.getByRole('main');
  const add = main.getByRole('button', { name: 'Add an entry' });
  while ((await add.count()) > 0) await add.first().click();
  for (const group of await main.locator('.govuk-radios').all()) {
    if ((await group.getByRole('radio', { checked: true }).count()) === 0)
      await group.getByRole('radio').first().check();
  }
  for (const day of await main.getByRole('textbox', { name: 'Day', exact: true }).all()) await day.fill('10');
  for (const month of await main.getByRole('textbox', { name: 'Month', exact: true }).all())
    await month.fill('2');
  for (const year of await main.getByRole('textbox', { name: 'Year', exact: true }).all())
    await year.fill('2026');
  for (const box of await main.locator('input.govuk-input:not(.govuk-date-input__input), textarea').all()) {
    if ((await box.inputValue()) === '') await box.fill(`${agency}: recorded for the rapid review.`);
  }
}

test('the case review group records a notification, runs the rapid review with agencies’ summaries, decides on an LCSPR and adds a recommendation', async ({
  page,
  browser,
  baseURL,
  signInAs,
  visit,
  scanNow,
  ledger,
}) => {
  test.setTimeout(240_000);
  const label = unique('Child');
  await signInAs(CASE_REVIEWER);

  // The register of case files, from the menu.
  await visit(page, '/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Case reviews' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Case reviews' })).toBeVisible();
  await scanNow(page);

  // Open a child's case file with a code, never a name.
  await page.getByRole('button', { name: 'Open a case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open a case file' })).toBeVisible();
  await expect(page.getByText('Never a name')).toBeVisible();
  await scanNow(page);
  await page.getByRole('radio', { name: 'Child' }).check();
  await page.getByLabel('Code or initials').fill(label);
  await page.getByRole('button', { name: 'Open case file' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /C-\d+ opened/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  const reference = (await page.locator('.govuk-caption-l').first().textContent())!.split(' ')[0]!;
  expect(reference).toMatch(/^C-\d+$/);
  const caseFileUrl = new URL(page.url()).pathname;
  await scanNow(page);

  // The notification: an empty form says what is missing, then it is recorded in time.
  await page.getByRole('button', { name: 'Record the notification' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record the notification' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Record notification' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Select what is being notified' })).toHaveAttribute(
    'href',
    '#kind',
  );
  await expect(page).toHaveTitle(/^Error: /);
  await scanNow(page);
  await page.getByRole('radio', { name: /Serious incident/ }).check();
  await page.getByRole('radio', { name: 'The child was seriously harmed' }).check();
  await page.getByRole('radio', { name: 'Abuse or neglect is suspected' }).check();
  await page.getByRole('radio', { name: /^In the local authority/ }).check();
  await page.getByLabel('Date the local authority became aware').fill(BECAME_AWARE);
  await page.getByLabel(/Date the notification was sent to the national panel/).fill(NOTIFIED);
  await page.getByRole('button', { name: 'Record notification' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Notification recorded' })).toBeVisible();
  const notification = page.getByRole('region', { name: 'Notification to the national panel' });
  await expect(notification).toContainText(`Due by ${NOTIFY_DUE}, 5 working days after 2 March 2026`);
  await expect(notification).toContainText('4 March 2026 Sent in time');
  await scanNow(page);

  // The rapid review opens from the notification, with its timetable from day 0 = 4 March.
  await page.getByRole('button', { name: 'Open the rapid review' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Rapid review opened' })).toBeVisible();
  const rapidReview = page.getByRole('region', { name: 'Rapid review' });
  await expect(rapidReview).toContainText(
    'The decision is due with the national panel by 25 March 2026, working day 15.',
  );
  const timetable = page.getByRole('table', { name: 'Rapid review timetable' });
  await expect(timetable.getByRole('row')).toHaveCount(TIMETABLE.length + 1);
  for (const { step, due, day } of TIMETABLE) {
    const row = timetable.getByRole('row', { name: new RegExp(step) });
    await expect(row).toContainText(due);
    await expect(row).toContainText(`Working day ${day}`);
  }
  // Those dates are long past, so every step not done is overdue.
  await expect(timetable.getByRole('row', { name: /Decision meeting/ })).toContainText('Overdue');
  await scanNow(page);

  // Summaries of involvement from two agencies, through the form engine.
  await page.getByRole('link', { name: 'Request summaries from agencies' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Request summaries of involvement' }),
  ).toBeVisible();
  await scanNow(page);
  await page.getByRole('checkbox', { name: 'Northshire Police', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Northshire County Council', exact: true }).check();
  await expect(page.getByLabel('Form to send')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Send requests' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Summaries requested from 2 agencies' }),
  ).toBeVisible();
  const requests = page.getByRole('table', { name: 'Agencies’ summaries of involvement' });
  await expect(requests.getByRole('row')).toHaveCount(3);
  await expect(requests.getByRole('row', { name: /Northshire Police/ })).toContainText('Waiting');
  // Asking marks the first step done and moves the summaries' due date to 3 working days after today,
  // which the requests show; the timetable agrees with them.
  const requestDue = (await requests
    .getByRole('row', { name: /Northshire Police/ })
    .getByRole('cell')
    .nth(1)
    .textContent())!;
  const summariesDue = requestDue.replace(/^Due/, '').trim();
  expect(summariesDue).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  await expect(timetable.getByRole('row', { name: /Agencies. summaries/ })).toContainText(summariesDue);
  await expect(timetable.getByRole('row', { name: /Request information/ })).toContainText('Done');
  await scanNow(page);

  // Each agency's lead answers their own request, in their own browser.
  for (const [email, agency] of [
    [POLICE_LEAD, 'Northshire Police'],
    [COUNCIL_LEAD, 'Northshire County Council'],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    const lead = await context.newPage();
    ledger.track(lead);
    await signInThroughApi(lead.request, email);
    await submitSummary(lead, reference, agency, scanNow);
    // They are not in the case review group: no menu entry, and the case file itself is not found.
    await expect(
      lead.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Case reviews' }),
    ).toHaveCount(0);
    await lead.goto(caseFileUrl);
    await expect(lead.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await scanNow(lead);
    await context.close();
  }

  // Back in the case review group: both summaries are in.
  await visit(page, caseFileUrl);
  await expect(requests.getByRole('row', { name: /Northshire Police/ })).toContainText('Submitted');
  await expect(requests.getByRole('row', { name: /Northshire County Council/ })).toContainText('Submitted');
  await expect(page.getByText('2 of 2 agencies submitted.')).toBeVisible();

  // The decision: an LCSPR, decided at the meeting on 23 March and sent to the panel on 25 March (day 15).
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Record the rapid review decision' }),
  ).toBeVisible();
  await scanNow(page);
  const lcspr = page.getByRole('radio', { name: 'Local child safeguarding practice review (LCSPR)' });
  await lcspr.check();
  await expect(page.getByRole('checkbox', { name: /recommends a national review/ })).toBeVisible();
  await page.getByLabel('Who decided').fill('The three safeguarding partners');
  await page.getByLabel('Date of the decision').fill('2026-03-23');
  await page
    .getByLabel('Justification')
    .fill('Agencies’ work together raises learning that a local review will bring out.');
  await page.getByRole('radio', { name: 'No, concerns were not identified' }).check();
  await page.getByRole('button', { name: 'Save decision' }).click();
  // "Concerns not identified" needs its thresholds learning.
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'thresholds learning',
  );
  await scanNow(page);
  await page
    .getByLabel('Thresholds learning')
    .fill('Neglect of an older child was not recognised at the front door.');
  await page.getByLabel(/Date the decision was sent to the national panel/).fill('2026-03-25');
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Decision recorded: Local child safeguarding practice review (LCSPR)' }),
  ).toBeVisible();
  await expect(rapidReview).toContainText('Decision sent to the national panel on 25 March 2026');
  await expect(timetable.getByRole('row', { name: /Decision meeting/ })).toContainText('Done');
  await expect(timetable.getByRole('row', { name: /Decision sent/ })).toContainText('Done');
  await expect(rapidReview).toContainText('Neglect of an older child was not recognised at the front door.');
  await scanNow(page);

  // A recommendation from the rapid review goes into the register.
  const title = unique('Front door managers review every referral about an older child twice');
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a recommendation' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Recommendation', { exact: true }).fill(title);
  await page.getByRole('radio', { name: 'High' }).check();
  await page.getByRole('checkbox', { name: 'Northshire County Council', exact: true }).check();
  await page.getByRole('button', { name: 'Add to the register' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /R-\d+ added to the recommendations register/ }),
  ).toBeVisible();
  const recs = page.getByRole('region', { name: 'Recommendations' });
  await expect(recs.getByRole('row', { name: new RegExp(title) })).toContainText('Draft');
  await scanNow(page);

  // The QA group sees it in the register (the case review group follows it on the case file), with the
  // case file's reference as its source and never the code.
  const qa = await browser.newContext({ baseURL });
  const qaPage = await qa.newPage();
  ledger.track(qaPage);
  await signInThroughApi(qaPage.request, COUNCIL_LEAD);
  await qaPage.goto('/register');
  await expect(qaPage.getByRole('heading', { level: 1, name: 'Recommendations register' })).toBeVisible();
  await scanNow(qaPage);
  await qaPage.getByLabel('Search by title').fill(title);
  await qaPage.getByRole('button', { name: 'Apply filters' }).click();
  await expect(qaPage.getByText('Showing 1 recommendation')).toBeVisible();
  const row = qaPage.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText(`Rapid review ${reference}`);
  await expect(row).toContainText('Draft');
  await scanNow(qaPage);
  await row.getByRole('link', { name: title }).click();
  await expect(qaPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(qaPage.getByRole('main')).toContainText(`Rapid review ${reference}`);
  await expect(qaPage.getByRole('main')).not.toContainText(label);
  await scanNow(qaPage);
  await qa.close();
});

test('a partnership admin outside the case review group sees no menu entry and no case file', async ({
  page,
  playwright,
  baseURL,
  signInAs,
  visit,
}) => {
  // The case review group opens a case file through the API.
  const reviewer = await playwright.request.newContext({ baseURL });
  const session = await signInThroughApi(reviewer, CASE_REVIEWER);
  const file = await apiSend<{ id: string }>(
    reviewer,
    'POST',
    `/api/v1/partnerships/${session.currentPartnershipId}/case-files`,
    { kind: 'adult', label: unique('Adult'), themeIds: [] },
  );
  await reviewer.dispose();

  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/');
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Admin' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Case reviews' })).toHaveCount(0);
  await visit(page, `/case-reviews/${file.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  // The register of case files shows them nothing either.
  await visit(page, '/case-reviews');
  await expect(page.getByText('You are not named on any case file.')).toBeVisible();
});

test('opening a case file works with the keyboard alone', async ({ page, signInAs, visit, scanNow }) => {
  const label = unique('Adult');
  await signInAs(CASE_REVIEWER);
  await visit(page, '/case-reviews/new');
  // From the top of the page, Tab reaches every field in order and the keyboard answers each.
  const child = page.getByRole('radio', { name: 'Child' });
  const adult = page.getByRole('radio', { name: 'Adult' });
  await tabTo(page, child);
  await page.keyboard.press('ArrowDown');
  await expect(adult).toBeChecked();
  await expect(adult).toBeFocused();
  await tabTo(page, page.getByLabel('Code or initials'));
  await page.keyboard.type(label);
  await tabTo(page, page.getByLabel('Summary (optional)'));
  await page.keyboard.type('Referred by the hospital after a fall at home.');
  const firstTheme = page
    .getByRole('group', { name: /Themes/ })
    .getByRole('checkbox')
    .first();
  await tabTo(page, firstTheme);
  await page.keyboard.press('Space');
  await expect(firstTheme).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Open case file' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /C-\d+ opened/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Referred by the hospital after a fall at home.');
  // The success banner has focus, so a screen reader hears it first.
  await expect(page.getByRole('alert').filter({ hasText: /C-\d+ opened/ })).toBeFocused();
  await scanNow(page);
});
