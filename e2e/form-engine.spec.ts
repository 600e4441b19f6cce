// Journeys through the form engine: answer a form, lose the connection mid-way and lose nothing, submit
// with a required answer missing (the error summary links to the field), then submit. Every page visited
// is scanned with axe (see fixtures.ts).

import type { APIRequestContext, Page } from '@playwright/test';
import {
  apiSend,
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  NORTHSHIRE_ADMIN,
  type SessionInfo,
  test,
  unique,
} from './fixtures';

/** A template whose second question is required only when the first is answered "No". */
const definition = (title: string) => ({
  formatVersion: 1,
  title,
  kind: 'case_audit',
  scales: [],
  sections: [
    {
      id: 'visit',
      title: 'The visit',
      questions: [
        { id: 'seen', type: 'yes_no_partly', text: 'Was the child seen?', required: true },
        {
          id: 'why_not',
          type: 'long_text',
          text: 'Why was the child not seen?',
          required: true,
          showIf: { questionId: 'seen', equals: 'no' },
        },
        { id: 'who', type: 'short_text', text: 'Who carried out the visit?', required: false },
      ],
    },
    {
      id: 'learning',
      title: 'Learning',
      questions: [{ id: 'change', type: 'long_text', text: 'What should change?', required: true }],
    },
  ],
});

/** Publishes a new form and sends it to the signed-in admin themself; returns the response's id. */
async function seedResponse(request: APIRequestContext, session: SessionInfo) {
  const P = `/api/v1/partnerships/${session.currentPartnershipId}`;
  const title = unique('Home visit audit');
  const template = await apiSend<{ id: string; versions: { id: string }[] }>(
    request,
    'POST',
    `${P}/audit-templates`,
    {
      title,
      kind: 'case_audit',
      definition: definition(title),
    },
  );
  await apiSend(
    request,
    'POST',
    `${P}/audit-templates/${template.id}/versions/${template.versions[0].id}/publish`,
  );
  const response = await apiSend<{ id: string }>(request, 'POST', `${P}/responses`, {
    templateId: template.id,
    title: `${title}: first case`,
    assigneePersonId: session.person.id,
    dueOn: '2030-03-31',
  });
  return response.id;
}

const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved at / });

test('a person answers a form, loses the connection mid-way, loses nothing, and submits after fixing a missing answer', async ({
  page,
  context,
  signInAs,
  visit,
  scanNow,
}) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const responseId = await seedResponse(page.request, session);

  await visit(page, `/responses/${responseId}`);
  const tasks = page.getByRole('list').filter({ hasText: 'Check and submit' });
  await expect(tasks.getByRole('listitem').filter({ hasText: 'The visit' })).toContainText('Not started');
  await tasks.getByRole('link', { name: 'The visit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The visit' })).toBeVisible();
  await scanNow(page);

  // The condition shows its question as soon as "No" is chosen.
  await expect(page.getByLabel('Why was the child not seen?')).toHaveCount(0);
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByLabel('Why was the child not seen?').fill('Nobody answered the door.');
  await expect(saved(page)).toBeVisible();
  await scanNow(page);

  // The connection drops: what is typed is kept on the device and said so.
  await context.setOffline(true);
  await page.getByLabel('Who carried out the visit? (optional)').fill('Duty social worker');
  await page.getByLabel('Who carried out the visit? (optional)').blur();
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline' })).toBeVisible();
  await scanNow(page);

  // Back online: it is sent without being asked, and is there after a reload.
  await context.setOffline(false);
  await expect(saved(page)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Who carried out the visit? (optional)')).toHaveValue('Duty social worker');
  await expect(page.getByLabel('Why was the child not seen?')).toHaveValue('Nobody answered the door.');
  await scanNow(page);

  // "Yes" hides the conditional question, which is then no longer required.
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(page.getByLabel('Why was the child not seen?')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('link', { name: 'Back to the task list' }).first().click();
  await expect(tasks.getByRole('listitem').filter({ hasText: 'The visit' })).toContainText('Completed');
  await scanNow(page);

  // Submitting with the required "What should change?" empty: the summary links to that field.
  await tasks.getByRole('link', { name: 'Check and submit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  const toField = summary.getByRole('link', { name: 'Enter an answer for ‘What should change?’' });
  await expect(toField).toBeVisible();
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(toField).toHaveAttribute('href', `/responses/${responseId}/sections/learning#question-change`);
  await expect(page).toHaveTitle(/^Error: /);
  await scanNow(page);
  await toField.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning' })).toBeVisible();
  await expect(page.getByLabel('What should change?')).toBeFocused();
  await expect(page.locator('#question-change-error')).toContainText(
    'Enter an answer for ‘What should change?’',
  );
  await scanNow(page);

  await page.getByLabel('What should change?').fill('Visits should be unannounced as well as planned.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await expect(page.getByText('Visits should be unannounced as well as planned.')).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Form submitted' })).toBeVisible();
  await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Duty social worker')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and continue' })).toHaveCount(0);
  await scanNow(page);
});

test('answers typed offline and never sent are offered back when the form is opened again', async ({
  page,
  context,
  browser,
  baseURL,
  signInAs,
  visit,
}) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const responseId = await seedResponse(page.request, session);
  await visit(page, `/responses/${responseId}/sections/visit`);
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(saved(page)).toBeVisible();

  await context.setOffline(true);
  await page.getByLabel('Who carried out the visit? (optional)').fill('Typed on the train');
  await page.getByLabel('Who carried out the visit? (optional)').blur();
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline' })).toBeVisible();
  await expectAccessible(page);
  // The browser is closed before the connection comes back (closing the whole context, not just the
  // tab, so no script of the old page can send when the connection returns); later it is opened again
  // with what it had kept: the session cookie and this device's storage.
  const kept = await context.storageState();
  await context.close();
  const later = await browser.newContext({ storageState: kept, baseURL });
  const again = await later.newPage();
  await again.goto(`/responses/${responseId}`);
  const banner = again.getByRole('region', { name: 'Important' });
  await expect(banner).toContainText('You have answers on this device that were not saved');
  await expectAccessible(again);
  await banner.getByRole('button', { name: 'Restore my answers' }).click();
  await expect(saved(again)).toBeVisible();
  await again.getByRole('link', { name: 'The visit' }).click();
  await expect(again.getByLabel('Who carried out the visit? (optional)')).toHaveValue('Typed on the train');
  await expectAccessible(again);
  await later.close();
});

test('answers typed as the session ends are kept on the device and offered back after signing in again', async ({
  page,
  context,
  signInAs,
  visit,
  scanNow,
}) => {
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const responseId = await seedResponse(page.request, session);
  await visit(page, `/responses/${responseId}/sections/visit`);
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(saved(page)).toBeVisible();

  // The session ends (an idle timeout, a cleared cookie) while the person is typing: the next save is
  // refused and Assure asks them to sign in again.
  await context.clearCookies();
  await page.getByLabel('Who carried out the visit? (optional)').fill('Typed as the session ended');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
  await scanNow(page);

  // They sign in again and are taken back to the form: what they typed is offered back.
  await page.getByLabel('Email address').fill(NORTHSHIRE_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/responses/${responseId}`));
  const banner = page.getByRole('region', { name: 'Important' });
  await expect(banner).toContainText('You have answers on this device that were not saved');
  await scanNow(page);
  await banner.getByRole('button', { name: 'Restore my answers' }).click();
  await expect(saved(page)).toBeVisible();
  // Saved on the server: a fresh load of the section shows it.
  await visit(page, `/responses/${responseId}/sections/visit`);
  await expect(page.getByLabel('Who carried out the visit? (optional)')).toHaveValue(
    'Typed as the session ended',
  );
});
