// The installation's service admin creates a partnership (inviting its first admin), and deactivates
// and reactivates it. Every page visited is scanned with axe (see fixtures.ts).

import { expect, test, unique } from './fixtures';

const SERVICE_ADMIN = 'service.admin@assure.example';

test('a service admin creates a partnership, then deactivates and reactivates it', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  await signInAs(SERVICE_ADMIN);
  await visit(page, '/service/partnerships');
  await expect(page.getByRole('heading', { level: 1, name: 'Partnerships in Assure' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My work' }),
  ).toHaveCount(0);

  await page.getByRole('button', { name: 'Create a partnership' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a partnership' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Create partnership' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter the partnership name' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Select who the partnership covers' })).toBeVisible();
  await expect(summary.getByRole('link', { name: "Enter the first admin's email address" })).toBeVisible();
  await scanNow(page);

  const name = unique('Westshire Safeguarding Partnership');
  await page.getByLabel('Partnership name').fill(name);
  await page.getByLabel('Children and adults').check();
  await page.getByLabel('Full name').fill('Sam Patel');
  await page
    .getByLabel('Email address')
    .fill(`${unique('sam').toLowerCase().replace(/\s+/g, '.')}@westshire.example`);
  await page.getByRole('button', { name: 'Create partnership' }).click();
  await expect(page).toHaveURL('/service/partnerships');
  await expect(
    page.getByText('Partnership created. Its first admin has been sent an invitation.'),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  await scanNow(page);

  await row.getByRole('link', { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Deactivate ${name}` })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Deactivate partnership' }).click();
  await expect(page.getByText(`${name} deactivated`)).toBeVisible();
  // Deactivated partnerships are listed only when asked for.
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  await page.getByLabel('Include deactivated partnerships').check();
  await page.getByRole('button', { name: 'Search' }).click();
  const inactiveRow = page.getByRole('row').filter({ hasText: name });
  await expect(inactiveRow).toContainText('Deactivated');
  await scanNow(page);

  await inactiveRow.getByRole('link', { name: `Reactivate ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Reactivate ${name}` })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Reactivate partnership' }).click();
  await expect(page.getByText(`${name} reactivated`)).toBeVisible();
});

test('a partnership admin cannot reach the service admin area', async ({ page, signInAs, visit }) => {
  await signInAs('admin@northshire.example');
  await visit(page, '/service/partnerships');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Service admin' })).toHaveCount(0);
  expect((await page.request.get('/api/v1/installation/partnerships')).status()).toBe(404);
});
