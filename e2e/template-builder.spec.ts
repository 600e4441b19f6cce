// The audit-tool template builder: an admin builds a template with a conditional question, publishes
// it, makes a new draft, changes it, and sees what changed. Every page visited is scanned with axe.

import { expect, NORTHSHIRE_ADMIN, test, unique } from './fixtures';

test('an admin builds and publishes a template with a conditional question, then compares a new draft', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(120_000);
  await signInAs(NORTHSHIRE_ADMIN);
  const title = unique('Neglect case file audit');

  await visit(page, '/audit-tools');
  await page.getByRole('button', { name: 'Create a template' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a template' })).toBeVisible();
  await scanNow(page);

  // Nothing entered: the error summary names both fields.
  await page.getByRole('button', { name: 'Create template' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Select the kind of audit tool' })).toBeVisible();
  await expect(page).toHaveTitle('Error: Create a template – Assure');
  await scanNow(page);

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Case file audit').check();
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit draft version 1' })).toBeVisible();
  await expect(page.getByRole('alert').getByText(`${title} created as draft version 1`)).toBeVisible();
  await scanNow(page);

  // A rating scale, from the presets.
  await page.getByRole('link', { name: 'Change rating scales' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rating scales' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Add the RAG scale' }).click();
  await expect(page.getByRole('alert').getByText('RAG scale added')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'RAG' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('link', { name: 'Back to the draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit draft version 1' })).toBeVisible();
  await scanNow(page);

  // The first question: yes, no or partly.
  await page.getByRole('link', { name: 'Add a question to section 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a question' })).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Question', { exact: true }).fill('Was the child seen alone?');
  await page.getByLabel('Yes, no or partly').check();
  await page.getByRole('group', { name: 'Is an answer required?' }).getByLabel('Yes').check();
  await page.getByLabel('The lived experience of the child or adult').check();
  await page.getByRole('button', { name: 'Add question' }).click();
  await expect(page.getByRole('alert').getByText('Question added')).toBeVisible();
  await scanNow(page);

  // The second question, shown only if the first is answered "yes".
  await page.getByRole('link', { name: 'Add a question to section 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a question' })).toBeVisible();
  await page.getByLabel('Question', { exact: true }).fill('What did the child say?');
  await page.getByLabel('Long text').check();
  await page.getByRole('group', { name: 'Is an answer required?' }).getByLabel('No').check();
  await page.getByLabel('Only when an earlier question has a certain answer').check();
  await page.getByLabel('The earlier question').selectOption({ label: '1. Was the child seen alone?' });
  await page
    .getByRole('group', { name: 'Show this question when its answer' })
    .getByLabel('is', { exact: true })
    .check();
  await page.getByRole('group', { name: 'Answers that show this question' }).getByLabel('Yes').check();
  await scanNow(page);
  await page.getByRole('button', { name: 'Add question' }).click();
  await expect(page.getByRole('alert').getByText('Question added')).toBeVisible();
  await expect(page.getByText('Shown only if question 1 (‘Was the child seen alone?’) is Yes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move question 2 up' })).toBeVisible();
  await scanNow(page);

  // Publish version 1, after a confirmation page.
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Publish version 1 of ${title}?` })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('alert').getByText('Version 1 published')).toBeVisible();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row', { name: /Version 1 Published/ })).toBeVisible();
  await scanNow(page);

  // A new draft from version 1, with one question reworded.
  await page.getByRole('button', { name: 'Make a new draft from version 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit draft version 2' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('link', { name: 'Change question 2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change question 2' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Answers that show this question' }).getByLabel('Yes'),
  ).toBeChecked();
  await scanNow(page);
  await page.getByLabel('Question', { exact: true }).fill('What did the child tell the practitioner?');
  await page.getByRole('button', { name: 'Save question' }).click();
  await expect(page.getByRole('alert').getByText('Question 2 saved')).toBeVisible();
  await scanNow(page);

  // The differences between version 1 and the draft.
  await page.getByRole('link', { name: `Back to ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(versions.getByRole('row', { name: /Version 2 Draft/ })).toBeVisible();
  await scanNow(page);
  await expect(page.getByLabel('From')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Compare versions' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Changes from version 1 to version 2' }),
  ).toBeVisible();
  const changed = page.getByRole('table', { name: 'Questions changed' });
  await expect(
    changed.getByRole('row', { name: /What did the child tell the practitioner\? .* Changed: question/ }),
  ).toBeVisible();
  await scanNow(page);

  // Version 1 is unchanged.
  await page.getByRole('link', { name: `Back to ${title}` }).click();
  await page.getByRole('link', { name: 'Version 1', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 3, name: 'Question 2: What did the child say?' }),
  ).toBeVisible();
  await expect(page.getByText('Only if question 1 (‘Was the child seen alone?’) is Yes')).toBeVisible();
  await scanNow(page);
});
