// Journeys through the foundation: sign-in, agencies, invitations, the partnership switcher, the audit
// log, permissions and keyboard access. Every page visited is scanned with axe (see fixtures.ts).

import {
  apiSend,
  DEMO_PASSWORD,
  expect,
  NORTHSHIRE,
  NORTHSHIRE_ADMIN,
  SOUTHVALE,
  sessionOf,
  test,
  unique,
} from './fixtures';

test('a person signs in through the sign-in page, sees their work list, and signs out', async ({
  page,
  visit,
  scanNow,
}) => {
  await visit(page, '/sign-in');
  await expect(page).toHaveTitle('Sign in – Assure');

  await page.getByLabel('Email address').fill('qa.member@northshire.example');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(page).toHaveTitle('Error: Sign in – Assure');
  const toField = summary.getByRole('link', { name: 'Enter a correct email address and password' });
  await expect(toField).toHaveAttribute('href', '#email');
  // What was typed is kept, and the summary's link takes the person to the field.
  await expect(page.getByLabel('Email address')).toHaveValue('qa.member@northshire.example');
  await scanNow(page);
  await toField.click();
  await expect(page.getByLabel('Email address')).toBeFocused();

  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await expect(page.getByText('Hello Grace Adeyemi.')).toBeVisible();
  // Grace leads activities in the demo programme, so they are waiting for her.
  await expect(page.getByRole('table', { name: /waiting for you, overdue first/ })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Signed in as Grace Adeyemi');
  await scanNow(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signed-out');
  await expect(page.getByRole('heading', { level: 1, name: 'You have been signed out' })).toBeVisible();
  await scanNow(page);
  expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
});

test('an admin creates an agency, with the error summary for an empty form first', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const name = unique('Eastbrook Family Hub');
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/');

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('link', { name: 'Agencies', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agencies' })).toBeVisible();
  await scanNow(page);
  // A link styled and announced as a button, as GOV.UK start links are.
  await page.getByRole('button', { name: 'Create agency' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an agency' })).toBeVisible();
  await scanNow(page);

  await page.getByRole('button', { name: 'Create agency' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter a name' })).toHaveAttribute('href', '#name');
  await expect(summary.getByRole('link', { name: 'Select the type of agency' })).toHaveAttribute(
    'href',
    '#type',
  );
  await expect(page).toHaveTitle('Error: Create an agency – Assure');
  await scanNow(page);

  await page.getByLabel('Agency name').fill(name);
  await page.getByLabel('Type of agency').selectOption({ label: 'Voluntary sector' });
  await page.getByRole('button', { name: 'Create agency' }).click();

  await expect(page).toHaveURL(/\/admin\/agencies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Agency created');
  await expect(page.getByRole('definition').filter({ hasText: 'Voluntary sector' })).toBeVisible();
  await scanNow(page);

  await page.getByRole('link', { name: 'Back to agencies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agencies' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('searchbox', { name: 'Search agencies' }).fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Voluntary sector');
  await expect(row).toContainText('This one only');
  await scanNow(page);
});

test('an admin invites someone, who accepts from the emailed link and appears in People', async ({
  page,
  signInAs,
  visit,
  scanNow,
  newSignedOutPage,
  latestEmailTo,
}) => {
  const name = unique('Morgan Ellery');
  const email = `invitee.${Date.now()}.${Math.floor(Math.random() * 1e6)}@northshire.example`;
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/admin');

  await page.getByRole('link', { name: 'Invitations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Invite someone' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invite someone' })).toBeVisible();
  await scanNow(page);

  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('radio', { name: 'Agency lead' }).check();
  // An agency-scoped role must name its agency.
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: /^Choose the agency/ })).toHaveAttribute(
    'href',
    '#agencyId',
  );
  await scanNow(page);

  await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northshire Police' });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invitation sent' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`to ${email}`);
  await scanNow(page);

  // No SMTP here: the invitation waits in the outbox, where the admin reads it.
  await page.getByRole('link', { name: 'email outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email outbox' })).toBeVisible();
  const message = page.getByRole('listitem').filter({ hasText: email });
  await expect(message).toHaveCount(1);
  await expect(message.getByRole('heading')).toHaveText(
    `You have been invited to join ${NORTHSHIRE} on Assure`,
  );
  await message.getByText('Read the email').click();
  const body = message.getByText(/\/invitation\//);
  await expect(body).toBeVisible();
  await scanNow(page);
  const link = ((await body.textContent()) ?? '').match(/https?:\/\/\S+(\/invitation\/[A-Za-z0-9_-]+)/);
  expect(link, 'the email holds an invitation link').not.toBeNull();
  const invitationPath = link![1];
  // The page shows the email the outbox holds.
  expect((await latestEmailTo(email)).textBody).toContain(invitationPath);

  // The invitee opens the link in their own browser, with no session.
  const invitee = await newSignedOutPage();
  await invitee.goto(invitationPath);
  await expect(
    invitee.getByRole('heading', { level: 1, name: `Create your account for ${NORTHSHIRE}` }),
  ).toBeVisible();
  await expect(invitee.getByRole('main')).toContainText('Northshire Police');
  await expect(invitee.getByLabel('Your full name')).toHaveValue(name);
  await scanNow(invitee);
  await invitee.getByLabel('Create a password', { exact: true }).fill('correct horse battery staple');
  await invitee.getByRole('button', { name: 'Create account' }).click();

  await expect(invitee).toHaveURL('/');
  await expect(invitee.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await expect(invitee.getByRole('alert')).toContainText(`You have joined ${NORTHSHIRE}`);
  await expect(invitee.getByRole('banner')).toContainText(`Signed in as ${name}`);
  await scanNow(invitee);
  expect((await sessionOf(invitee.request)).person.email).toBe(email);

  // The admin now finds them in People, with the role they were invited to.
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('searchbox', { name: 'Search people' }).fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Agency lead, Northshire Police');
  await expect(row).toContainText(email);
  await scanNow(page);
});

test('a member of two partnerships switches between them in the header', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const session = await signInAs('police.lead@northshire.example');
  const northshire = session.partnerships.find((p) => p.name === NORTHSHIRE)!;
  const southvale = session.partnerships.find((p) => p.name === SOUTHVALE)!;
  expect(northshire && southvale, 'member of both partnerships').toBeTruthy();
  // Start in Northshire whatever an earlier run left the session remembering.
  await apiSend(page.request, 'PUT', '/api/v1/auth/current-partnership', { partnershipId: northshire.id });

  await visit(page, '/');
  const service = page.getByRole('region', { name: 'Service information' });
  await expect(service).toContainText(`Partnership: ${NORTHSHIRE}`);

  await page.getByLabel('Switch partnership').selectOption({ label: SOUTHVALE });
  await page.getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(`You are now working in ${SOUTHVALE}`);
  await expect(service).toContainText(`Partnership: ${SOUTHVALE}`);
  await expect(service).not.toContainText(`Partnership: ${NORTHSHIRE}`);
  await expect(page.getByLabel('Switch partnership')).toHaveValue(southvale.id);
  await scanNow(page);

  expect((await sessionOf(page.request)).currentPartnershipId).toBe(southvale.id);
  // The choice is the session's, not just the tab's: a reload stays in Southvale.
  await page.reload();
  await expect(service).toContainText(`Partnership: ${SOUTHVALE}`);
  await scanNow(page);
});

test('an admin reads the audit log, filters it by kind of record, and downloads it as CSV', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  // Seeded through the API: this journey is about reading the log, not creating agencies.
  const session = await signInAs(NORTHSHIRE_ADMIN);
  const partnershipId = session.currentPartnershipId!;
  const agency = await apiSend<{ id: string; name: string }>(
    page.request,
    'POST',
    `/api/v1/partnerships/${partnershipId}/agencies`,
    { name: unique('Westmere Youth Trust'), type: 'voluntary_sector' },
  );

  await visit(page, '/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await scanNow(page);

  await page.getByLabel('Kind of record').fill('agency');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]entity=agency(&|$)/);
  const row = page.getByRole('row').filter({ hasText: agency.id });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(NORTHSHIRE_ADMIN);
  await expect(row).toContainText('Created');
  // Only agency records are listed (after the row header, a row's cells are who, action, record, ...).
  const entries = page.getByRole('row').filter({ has: page.getByRole('cell') });
  for (const entry of await entries.all()) {
    await expect(entry.getByRole('cell').nth(2)).toContainText('Agency');
  }
  await row.getByText(/\d+ changes?/).click();
  await expect(row).toContainText(`name: set to ${agency.name}`);
  await scanNow(page);

  const download = page.getByRole('link', { name: 'Download these entries as a spreadsheet (CSV)' });
  const href = await download.getAttribute('href');
  expect(href).toContain('entity=agency');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const [header, ...lines] = (await csv.text()).trim().split(/\r?\n/);
  expect(header).toBe('id,at,personEmail,personId,entity,entityId,action,before,after,requestId,ip');
  expect(lines.some((l) => l.includes(agency.id) && l.includes(',created,'))).toBe(true);
});

test('a person without admin rights sees no Admin navigation and is refused the admin pages', async ({
  page,
  signInAs,
  visit,
}) => {
  await signInAs('board@northshire.example');
  await visit(page, '/');
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'My work' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await expect(menu.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

  await visit(page, '/admin');
  await expect(
    page.getByRole('heading', { level: 1, name: 'You do not have permission to see this page' }),
  ).toBeVisible();
  // The server refuses too; the page is not the only guard.
  const { currentPartnershipId } = await sessionOf(page.request);
  const res = await page.request.get(`/api/v1/partnerships/${currentPartnershipId}/outbox`);
  expect(res.status()).toBe(403);
});

test('on the sign-in page the first Tab reaches "Skip to main content", which moves to the main content', async ({
  page,
  visit,
}) => {
  await visit(page, '/sign-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
