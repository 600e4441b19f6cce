// Reminders and My work: an admin sets the partnership's reminder policy; a practitioner sees what is
// waiting for them, overdue first, and chooses a daily digest. Every page visited is scanned with axe.

import type { APIRequestContext } from '@playwright/test';
import { apiSend, expect, NORTHSHIRE_ADMIN, signInThroughApi, test, unique } from './fixtures';

const PRACTITIONER = 'practitioner@northshire.example';

/** A date `n` days from today, YYYY-MM-DD. Only dates well away from today are used, so UTC is fine. */
const dayFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Asks the practitioner, through the admin's API, to fill in a form: one overdue, one due later. */
async function requestResponses(request: APIRequestContext) {
  const admin = await signInThroughApi(request, NORTHSHIRE_ADMIN);
  const base = `/api/v1/partnerships/${admin.currentPartnershipId ?? admin.partnerships[0].id}`;
  const get = async <T>(path: string) => {
    const res = await request.get(`${base}/${path}`);
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
  const tools = await get<{ items: { id: string; latestPublishedNumber: number | null }[] }>(
    'audit-templates?pageSize=100',
  );
  const tool = tools.items.find((t) => t.latestPublishedNumber !== null);
  expect(tool, 'a published audit tool in the demo data').toBeTruthy();
  const people = await get<{ items: { id: string; email?: string; name: string }[] }>('people?q=Aisha');
  const aisha = people.items.find((p) => p.name === 'Aisha Rahman');
  expect(aisha, 'the demo practitioner').toBeTruthy();
  const overdue = unique('Overdue return');
  const later = unique('Later return');
  for (const [title, dueOn] of [
    [later, dayFromToday(10)],
    [overdue, dayFromToday(-3)],
  ]) {
    await apiSend(request, 'POST', `${base}/responses`, {
      templateId: tool!.id,
      title,
      dueOn,
      assigneePersonId: aisha!.id,
    });
  }
  return { overdue, later };
}

test('an admin changes the reminder policy, with an error first, and sees it saved', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/admin');
  await page.getByRole('link', { name: 'Reminders' }).click();
  await expect(page).toHaveURL('/admin/reminders');
  await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible();
  await scanNow(page);

  const before = page.getByLabel('Days before the due date');
  await before.fill('fortnight');
  await page.getByRole('button', { name: 'Save reminder policy' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /as whole numbers separated by commas/ })).toHaveAttribute(
    'href',
    '#daysBefore',
  );
  await expect(page).toHaveTitle(/^Error: Reminders/);
  await expect(before).toHaveValue('fortnight');
  await scanNow(page);

  await before.fill('21, 7');
  await page.getByLabel('Tell the partnership admins after (days overdue)').fill('35');
  await page.getByRole('button', { name: 'Save reminder policy' }).click();
  await expect(page.getByRole('alert')).toContainText('Reminder policy saved');
  const now = page.getByRole('definition');
  await expect(now.filter({ hasText: '21 days, 7 days' })).toBeVisible();
  await expect(now.filter({ hasText: '35 days' })).toBeVisible();
  await expect(page.getByLabel('Days before the due date')).toHaveValue('21, 7');
  await scanNow(page);

  // Saved on the server too: a fresh load shows it.
  await visit(page, '/admin/reminders');
  await expect(page.getByLabel('Days before the due date')).toHaveValue('21, 7');
});

test('a practitioner sees their work overdue first, opens notifications and chooses a daily digest', async ({
  page,
  playwright,
  baseURL,
  signInAs,
  visit,
  scanNow,
}) => {
  const adminRequest = await playwright.request.newContext({ baseURL });
  const { overdue, later } = await requestResponses(adminRequest);
  await adminRequest.dispose();

  await signInAs(PRACTITIONER);
  await visit(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  const table = page.getByRole('table', { name: /waiting for you, overdue first/ });
  const overdueRow = table.getByRole('row').filter({ hasText: overdue });
  await expect(overdueRow.getByText('Overdue', { exact: true })).toBeVisible();
  await expect(
    table.getByRole('row').filter({ hasText: later }).getByText('Overdue', { exact: true }),
  ).toHaveCount(0);
  // Overdue first: the first data row is an overdue one.
  await expect(table.getByRole('row').nth(1).getByText('Overdue', { exact: true })).toBeVisible();
  await expect(overdueRow.getByRole('link', { name: overdue })).toHaveAttribute('href', /^\/responses\//);

  await page
    .getByRole('link', { name: /notification/i })
    .first()
    .click();
  await expect(page).toHaveURL('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await scanNow(page);

  await page.getByRole('link', { name: 'Choose how you get reminders by email' }).click();
  await expect(page).toHaveURL('/account/notifications');
  await scanNow(page);
  await page.getByLabel('One email a day (a daily digest)').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Your choice has been saved');
  await expect(page.getByLabel('One email a day (a daily digest)')).toBeChecked();
  await scanNow(page);

  // Back as it was, for any later journey.
  await page.getByLabel('An email for each reminder').check();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PUT'),
    page.getByRole('button', { name: 'Save' }).click(),
  ]);
  await visit(page, '/account/notifications');
  await expect(page.getByLabel('An email for each reminder')).toBeChecked();
});
