// The recommendations register: an admin adds a theme, adds a recommendation addressed to two agencies,
// agrees it and sees its three impact checks fall 3, 6 and 12 months later; then does not accept another
// with a reason, which stays on the page. Every page visited is scanned with axe (see fixtures.ts).

import { apiSend, expect, NORTHSHIRE_ADMIN, test, unique } from './fixtures';

test('an admin adds a theme and a recommendation, agrees it and sees its impact checks scheduled', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(120_000);
  const theme = unique('Neglect of teenagers');
  const title = unique('Agencies use one neglect screening tool for teenagers');
  await signInAs(NORTHSHIRE_ADMIN);

  // A theme first, from the register's theme list.
  await visit(page, '/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations register' })).toBeVisible();
  await page.getByRole('link', { name: 'Themes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Themes' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Add a theme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a theme' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Name').fill(theme);
  await page.getByRole('button', { name: 'Add theme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `${theme} added` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(theme) })).toContainText('Active');
  await scanNow(page);

  // The recommendation: an empty form first shows what is missing.
  await visit(page, '/register');
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a recommendation' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Add recommendation' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter the recommendation' })).toHaveAttribute(
    'href',
    '#title',
  );
  await expect(
    summary.getByRole('link', { name: 'Choose at least one agency it is addressed to' }),
  ).toHaveAttribute('href', '#agencyIds');
  await scanNow(page);

  await page.getByLabel('Recommendation', { exact: true }).fill(title);
  await page.getByLabel('Kind of source').selectOption({ label: 'Multi-agency case audit' });
  await page.getByLabel('Name of the source').fill('Multi-agency audit: neglect of teenagers');
  await page.getByLabel('Theme (optional)').selectOption({ label: theme });
  await page.getByRole('radio', { name: 'High' }).check();
  await page.getByRole('checkbox', { name: 'Northshire Police', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Northshire County Council', exact: true }).check();
  await page.getByRole('button', { name: 'Add recommendation' }).click();

  await expect(page.getByRole('alert').filter({ hasText: /R-\d+ added as a draft/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const agencies = page.getByRole('list').filter({ hasText: 'Northshire Police' });
  await expect(agencies).toContainText('Northshire County Council');
  await expect(
    page.getByText('Impact checks are scheduled when the recommendation is agreed.'),
  ).toBeVisible();
  await scanNow(page);

  // Agree it on 31 January 2026: checks fall at the end of April and July, and in January 2027.
  await page.getByRole('button', { name: 'Agree it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /What happens to R-\d+\?/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Agree it' })).toBeChecked();
  await scanNow(page);
  await page.getByLabel('Date it was agreed').fill('2026-01-31');
  await page.getByRole('button', { name: 'Change status' }).click();

  await expect(page.getByRole('alert').filter({ hasText: /R-\d+ agreed/ })).toBeVisible();
  const checks = page.getByRole('table', { name: 'Impact checks' });
  await expect(checks.getByRole('row')).toHaveCount(4);
  await expect(checks.getByRole('row', { name: /3 month check/ })).toContainText('30 April 2026');
  await expect(checks.getByRole('row', { name: /6 month check/ })).toContainText('31 July 2026');
  await expect(checks.getByRole('row', { name: /12 month check/ })).toContainText('31 January 2027');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Status changed from Draft to Agreed (agreed on 31 January 2026; impact checks at 3, 6 and 12 months)',
  );
  await scanNow(page);

  // The register lists it, found by its title and a filter.
  await page.getByRole('link', { name: 'Back to the register' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations register' })).toBeVisible();
  await page.getByLabel('Search by title').fill(title);
  await page.getByLabel('Priority').selectOption({ label: 'High' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/priority=high/);
  await expect(page.getByText('Showing 1 recommendation')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Agreed');
  await scanNow(page);
});

test('an admin does not accept a recommendation, and the reason stays on it', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(90_000);
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const pid = session.currentPartnershipId;
  const agencies = (
    await (await page.request.get(`/api/v1/partnerships/${pid}/agencies?pageSize=100`)).json()
  ).items as { id: string; name: string }[];
  const hospitals = agencies.find((a) => a.name === 'Northshire Hospitals NHS Foundation Trust')!;
  const title = unique('The emergency department records who came with each child');
  const rec = await apiSend<{ id: string; reference: string }>(
    page.request,
    'POST',
    `/api/v1/partnerships/${pid}/recommendations`,
    {
      title,
      sourceKind: 'walk_the_floor',
      sourceTitle: 'Walk the floor visit: children’s ward',
      agencyIds: [hospitals.id],
    },
  );

  await visit(page, `/register/recommendations/${rec.id}`);
  await page.getByRole('button', { name: 'Do not accept it' }).click();
  await expect(page.getByRole('radio', { name: 'Do not accept it' })).toBeChecked();
  await scanNow(page);

  // No reason: the error summary says what is missing.
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'There is a problem' })
      .getByRole('link', { name: 'Enter why the recommendation was not accepted' }),
  ).toHaveAttribute('href', '#reason');
  await scanNow(page);

  const reason = 'The trust already checks this through its own monthly audit of the ward.';
  await page.getByLabel('Why was it not accepted?').fill(reason);
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: `${rec.reference} is now not accepted` }),
  ).toBeVisible();
  await expect(page.getByText('Not accepted', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Why it was not accepted' })).toBeVisible();
  await expect(page.getByText(reason, { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(`Not accepted: ${reason}`);
  await expect(page.getByRole('button', { name: 'Reconsider it' })).toBeVisible();
  await scanNow(page);

  // The register shows it among the recommendations not accepted.
  await page.getByRole('link', { name: 'Back to the register' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations register' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Status').selectOption({ label: 'Not accepted' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=not_accepted/);
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Not accepted');
  await scanNow(page);
});
