// The starter library of audit tools: a partnership admin adds a starter to the partnership's own
// templates and lands on the new template, a draft version 1. Every page visited is scanned with axe.

import { expect, NORTHSHIRE_ADMIN, test } from './fixtures';

type TemplateDetail = {
  id: string;
  title: string;
  kind: string;
  hasDraft: boolean;
  latestPublishedNumber: number | null;
  versions: { id: string; number: number; status: string }[];
};

test('an admin adds the practitioner survey from the starter library', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const partnershipId = session.currentPartnershipId ?? session.partnerships[0].id;

  await visit(page, '/audit-tools/library');
  await expect(page.getByRole('heading', { level: 1, name: 'Starter library' })).toBeVisible();
  for (const title of [
    'Multi-agency case file audit',
    'Section 11 self-assessment',
    'Care Act adult safeguarding self-assessment',
    'Section 175/157 education safeguarding audit',
    'Thematic review: single-agency baseline self-evaluation',
    'Practitioner survey',
    'Service-user survey',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  const survey = page.getByRole('region', { name: 'Practitioner survey' });
  await expect(survey).toContainText(/4 sections, 13 questions/);
  await survey.getByText('What it covers').click();
  await expect(survey.getByRole('listitem').filter({ hasText: 'Working with other agencies' })).toBeVisible();

  await survey.getByRole('button', { name: 'Add to our templates – Practitioner survey' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Add Practitioner survey to your audit tools?' }),
  ).toBeVisible();
  await scanNow(page);

  const added = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' && r.url().endsWith('/audit-templates/library/practitioner-survey'),
  );
  await page.getByRole('button', { name: 'Add to our templates' }).click();
  const response = await added;
  expect(response.status()).toBe(201);
  const created = (await response.json()) as TemplateDetail;

  // The new template's own page (template-pages.tsx), with the draft ready to edit.
  await expect(page).toHaveURL(`/audit-tools/${created.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Practitioner survey' })).toBeVisible();
  await expect(page.getByText('Practitioner survey added to your audit tools as a draft')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Draft version 1' })).toBeVisible();
  await scanNow(page);

  const res = await page.request.get(`/api/v1/partnerships/${partnershipId}/audit-templates/${created.id}`);
  expect(res.status()).toBe(200);
  expect((await res.json()) as TemplateDetail).toMatchObject({
    title: 'Practitioner survey',
    kind: 'survey',
    hasDraft: true,
    latestPublishedNumber: null,
    versions: [{ number: 1, status: 'draft' }],
  });
});

test('a board viewer cannot open the starter library', async ({ page, signInAs, visit }) => {
  await signInAs('board@northshire.example');
  await visit(page, '/audit-tools/library');
  await expect(page.getByRole('heading', { level: 1, name: 'Starter library' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Add to our templates/ })).toHaveCount(0);
});
