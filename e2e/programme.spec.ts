// The QA programme: an admin opens this year's programme (the demo's 2026–27 Northshire programme),
// plans an activity from the quarter grid and finds it in the grid and on the month list; renames,
// deactivates and reactivates a programme; and the grid page works from the keyboard alone. Every page visited is scanned with axe (see fixtures.ts).

import { apiSend, expect, NORTHSHIRE_ADMIN, test, unique } from './fixtures';

test('an admin plans an activity in a quarter of the grid and sees it in the grid and the month list', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const title = unique('Multi-agency audit: neglect of teenagers');
  await signInAs(NORTHSHIRE_ADMIN);
  // /programme itself goes straight to this year's programme; the list of years links to it too.
  await visit(page, '/programme?view=years');
  await expect(page.getByRole('heading', { level: 1, name: 'QA programme' })).toBeVisible();
  await expect(page.getByRole('row', { name: /2026–27/ })).toContainText('Approved 21 April 2026');
  await page.getByRole('link', { name: 'Open the 2026–27 programme' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Northshire QA programme 2026–27' }),
  ).toBeVisible();
  await expect(page.getByText(/Approved by .* on 21 April 2026 at /)).toBeVisible();
  const grid = page.getByRole('table', { name: /activities by quarter/ });
  await expect(grid.getByRole('columnheader', { name: /Q2/ })).toBeVisible();
  await scanNow(page);

  await grid.getByRole('link', { name: 'Add activity to Q2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan an activity' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Q2/ })).toBeChecked();
  await scanNow(page);

  // An empty form first: the error summary names what is missing.
  await page.getByRole('button', { name: 'Add activity' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Select the kind of activity' })).toHaveAttribute(
    'href',
    '#kind',
  );
  await expect(summary.getByRole('link', { name: 'Enter a title for the activity' })).toHaveAttribute(
    'href',
    '#title',
  );
  await scanNow(page);

  await page.getByLabel('Kind of activity').selectOption({ label: 'Multi-agency case audit' });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Released (optional)').fill('2026-07-06');
  await page.getByLabel('Deadline (optional)').fill('2026-08-14');
  await page.getByLabel('Panel or audit day (optional)').fill('2026-09-09');
  await page
    .getByLabel('Lead (optional)')
    .selectOption({ label: 'Grace Adeyemi (qa.member@northshire.example)' });
  await page.getByRole('checkbox', { name: 'Northshire Police' }).check();
  await page.getByRole('button', { name: 'Add activity' }).click();

  await expect(page.getByRole('alert').filter({ hasText: `${title} added to Q2` })).toBeVisible();
  const q2Cell = page
    .getByRole('table', { name: /activities by quarter/ })
    .getByRole('row', { name: /Multi-agency case audit/ })
    .getByRole('cell')
    .nth(1);
  await expect(q2Cell.getByRole('link', { name: title })).toBeVisible();
  await expect(q2Cell).toContainText('Deadline 14 August 2026');
  await scanNow(page);

  await page
    .getByRole('navigation', { name: 'Programme views' })
    .getByRole('link', { name: 'Month by month' })
    .click();
  await expect(page.getByRole('link', { name: 'Month by month' })).toHaveAttribute('aria-current', 'page');
  const august = page.getByRole('region', { name: 'August 2026' });
  await expect(august.getByRole('row', { name: /14 August 2026/ })).toContainText('Deadline');
  await expect(august.getByRole('link', { name: title })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'September 2026' }).getByRole('link', { name: title }),
  ).toBeVisible();
  await scanNow(page);

  await page.getByRole('region', { name: 'August 2026' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Q2 (July to September 2026)')).toBeVisible();
  await expect(page.getByText('Grace Adeyemi')).toBeVisible();
});

test('an admin renames, deactivates and reactivates a programme', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const api = `/api/v1/partnerships/${session.currentPartnershipId ?? session.partnerships[0].id}`;
  // An academic year of its own, far off, so no other journey's programme shares it.
  const startYear = 2040 + Math.floor(Math.random() * 55);
  const made = await apiSend<{ id: string }>(page.request, 'POST', `${api}/programmes`, {
    startYear,
    yearKind: 'academic',
    title: unique('Schools QA programme'),
  });
  await visit(page, `/programme/${made.id}`);

  // Rename: an empty title is refused in the error summary, then the new one is saved.
  await page.getByRole('link', { name: 'Rename this programme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rename the programme' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Save title' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(problem.getByRole('link', { name: 'Enter a title for the programme' })).toHaveAttribute(
    'href',
    '#title',
  );
  await expect(page).toHaveTitle(/^Error: /);
  await scanNow(page);
  const title = unique('Schools and colleges QA programme');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Save title' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Programme renamed' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await scanNow(page);

  // Deactivate, after a confirmation page that says what is kept.
  await page.getByRole('button', { name: 'Deactivate programme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Deactivate ${title}?` })).toBeVisible();
  await expect(page.getByText('no activity can be planned or changed in it')).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Deactivate programme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Programme deactivated' })).toBeVisible();
  await expect(
    page.getByText('This programme is deactivated: it can be read but not planned.'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: /Add activity to/ })).toHaveCount(0);
  await scanNow(page);

  // While another active programme covers the year it cannot come back: the error summary says why.
  const replacement = await apiSend<{ id: string }>(page.request, 'POST', `${api}/programmes`, {
    startYear,
    yearKind: 'academic',
    title: unique('Replacement programme'),
  });
  await page.getByRole('button', { name: 'Reactivate programme' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Another active programme covers the same year' }),
  ).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await scanNow(page);
  await apiSend(page.request, 'POST', `${api}/programmes/${replacement.id}/deactivate`);
  await page.getByRole('button', { name: 'Reactivate programme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Programme reactivated' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add activity to Q1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate programme' })).toBeVisible();
  await scanNow(page);
});

test('the quarter grid works from the keyboard alone', async ({ page, signInAs, visit, scanNow }) => {
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/programme?view=years');
  await page.getByRole('link', { name: 'Open the 2026–27 programme' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Northshire QA programme 2026–27' }),
  ).toBeVisible();
  await scanNow(page);

  // Tab on through the page: the views' navigation, then the grid's links, each in reading order.
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  const reached: string[] = [];
  for (let i = 0; i < 120 && reached.at(-1) !== 'Add activity to Q3'; i++) {
    await page.keyboard.press('Tab');
    reached.push(await focused());
  }
  for (const name of [
    'Month by month',
    'By agency',
    'Approval',
    'Add activity to Q1',
    'Add activity to Q3',
  ]) {
    expect(reached, `${name} reachable with Tab`).toContain(name);
  }
  expect(reached.indexOf('Month by month')).toBeLessThan(reached.indexOf('Add activity to Q1'));

  // The focused link shows a visible focus style and Enter follows it.
  const outline = await page.evaluate(
    () => getComputedStyle(document.activeElement as Element).backgroundColor,
  );
  expect(outline).toBe('rgb(255, 221, 0)');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/programme\/activities\/new\?programmeId=.*&quarter=3$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Plan an activity' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Q3/ })).toBeChecked();
});

test('every other programme page passes the accessibility scan', async ({ page, signInAs, visit }) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const partnershipId = session.currentPartnershipId ?? session.partnerships[0].id;
  const api = `/api/v1/partnerships/${partnershipId}`;
  const { items } = await (await page.request.get(`${api}/programmes`)).json();
  const programme = items.find((p: { startYear: number }) => p.startYear === 2026);
  const detail = await (await page.request.get(`${api}/programmes/${programme.id}`)).json();
  const activity = detail.activities[0];
  const agencies = await (await page.request.get(`${api}/agencies?pageSize=100`)).json();
  const police = agencies.items.find((a: { name: string }) => a.name === 'Northshire Police');

  await visit(page, `/programme/${programme.id}/agencies?agencyId=${police.id}`);
  await expect(page.getByRole('table', { name: /What is coming to Northshire Police/ })).toBeVisible();
  await visit(page, `/programme/${programme.id}/approval`);
  await expect(page.getByRole('heading', { name: 'Changes since approval' })).toBeVisible();
  await visit(page, `/programme/${programme.id}/copy-forward`);
  await visit(page, `/programme/activities/${activity.id}`);
  await visit(page, `/programme/activities/${activity.id}/edit`);
  await visit(page, `/programme/activities/${activity.id}/status`);
  await visit(page, '/programme/calendar-feed');
});
