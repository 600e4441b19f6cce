// The idle timeout, in real time, against the server started with the shortest idle timeout it allows
// (SESSION_IDLE_MINUTES=1, see servers.ts): the GOV.UK "you're about to be signed out" warning, staying
// signed in from it, being signed out when nobody answers it, and getting back what was typed after
// signing in again ("nothing a person types is ever lost").
//
// With a 60-second idle timeout the app counts 45 seconds from the last API call (15 seconds are kept
// back for the server's marking granularity, see idle-timeout.tsx) and opens the warning for the last
// half of them: it appears ~22.5 s after the last call and signs the person out ~22.5 s later.

import { DEMO_PASSWORD, expect, NORTHSHIRE_ADMIN, test, unique } from './fixtures';
import { SHORT_IDLE_MINUTES, SHORT_IDLE_URL } from './servers';

test.use({ baseURL: SHORT_IDLE_URL });

const IDLE_SECONDS = SHORT_IDLE_MINUTES * 60;
// Generous bounds for the two waits above: each is ~22.5 s after the last thing that counts as activity.
const UNTIL_WARNING_MS = 40_000;
const UNTIL_SIGNED_OUT_MS = 40_000;

test('an idle admin is warned, stays signed in, is later signed out, and gets their typing back after signing in again', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  // Two idle waits of ~45 s in all, plus the pages and scans around them.
  test.setTimeout(150_000);
  const name = unique('Neglect of adolescents');
  const description = 'Typed after choosing to stay signed in';

  const session = await signInAs(NORTHSHIRE_ADMIN);
  expect(session.idleTimeoutSeconds, 'this server runs with the short idle timeout').toBe(IDLE_SECONDS);

  await visit(page, '/admin');
  await page.getByRole('link', { name: 'Priorities', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Priorities' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Add a priority' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a priority' })).toBeVisible();
  await scanNow(page);
  const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
  await nameField.fill(name);
  await expect(nameField).toBeFocused();

  // 1. Do nothing: the warning opens, as a modal dialog that takes focus and is announced by its title.
  const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
  await expect(dialog).toBeVisible({ timeout: UNTIL_WARNING_MS });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription(
    /^For your security, we will sign you out in \d+ seconds\. If you are signed out, anything you have typed but not saved is kept in this browser tab until you sign in again\.$/,
  );
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('You’re about to be signed out');
  await expect(dialog.locator('strong')).toHaveText(/^\d+ seconds$/);
  await expect(dialog).toBeFocused();
  // Tab stays inside the dialog: its two controls, then round to the first again.
  const stay = dialog.getByRole('button', { name: 'Stay signed in' });
  const signOut = dialog.getByRole('button', { name: 'Sign out' });
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(signOut).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await scanNow(page);
  await expect(dialog, 'still open after the scan').toBeVisible();

  // Escape means "stay signed in": the session is extended and focus goes back to the field.
  const keepAlive = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/auth/keep-alive') && r.request().method() === 'POST',
  );
  await page.keyboard.press('Escape');
  expect((await keepAlive).status(), 'the session is kept alive').toBe(200);
  await expect(dialog).toBeHidden();
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveValue(name);
  expect((await page.request.get('/api/v1/auth/session')).status(), 'still signed in').toBe(200);

  // Typing is not activity the server can see; it is kept in the tab all the same.
  await page.getByRole('textbox', { name: 'Description (optional)' }).fill(description);

  // 2. Do nothing again. The warning comes back, announces the last milestones politely, and at zero
  // the person is signed out and told why.
  await expect(dialog).toBeVisible({ timeout: UNTIL_WARNING_MS });
  await expect(dialog.locator('[aria-live="polite"]')).toHaveText('We will sign you out in 10 seconds.', {
    timeout: UNTIL_SIGNED_OUT_MS,
  });
  await page.waitForURL((url) => url.pathname === '/signed-out', { timeout: UNTIL_SIGNED_OUT_MS });
  const signedOutAt = new URL(page.url());
  expect(signedOutAt.searchParams.get('reason')).toBe('timeout');
  expect(signedOutAt.searchParams.get('returnTo')).toBe('/admin/priorities/new');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'You have been signed out' })).toBeVisible();
  await expect(main).toContainText(
    `We signed you out because you had not used Assure for ${SHORT_IDLE_MINUTES} minute.`,
  );
  await expect(main).toContainText('Anything you had typed but not saved is kept in this browser tab.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await scanNow(page);
  // Ended on the server too, not just in the page.
  await expect
    .poll(async () => (await page.request.get('/api/v1/auth/session')).status(), { message: 'signed out' })
    .toBe(401);

  // Sign in again from the page that explained it, and land back on the form with the words kept.
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/admin/priorities/new');
  await expect(
    page.getByRole('region', { name: 'Important' }).filter({ hasText: 'Sign in to carry on' }),
  ).toBeVisible();
  await scanNow(page);
  await page.getByLabel('Email address').fill(NORTHSHIRE_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.waitForURL((url) => url.pathname === '/admin/priorities/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Add a priority' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Important' }).filter({ hasText: 'We kept what you typed earlier' }),
  ).toBeVisible();
  await expect(nameField).toHaveValue(name);
  await expect(page.getByRole('textbox', { name: 'Description (optional)' })).toHaveValue(description);
  await scanNow(page);

  await page.getByRole('button', { name: 'Add priority' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/priorities');
  await expect(page.getByRole('heading', { level: 1, name: 'Priorities' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Priority added');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(description);
  await scanNow(page);
  // Saved, so the draft is gone from the tab.
  const drafts = await page.evaluate(() =>
    Object.keys(window.sessionStorage).filter((k) => k.startsWith('assure:draft:')),
  );
  expect(drafts).toEqual([]);
});
