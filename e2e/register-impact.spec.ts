// Closing the learning loop: a recommendation agreed in January has an overdue 3-month impact check; the
// police lead finds it in My work, writes the agency's evidence, uploads an evidence file with it (a file
// of the wrong kind is refused), submits it, and the partnership admin sees the file with the evidence
// and judges it embedded. And the scrutiny plan: an admin adds a scrutiny topic and finds it in the plan.
// Every page visited is scanned with axe (see fixtures.ts).

import type { APIRequestContext } from '@playwright/test';
import {
  apiSend,
  expect,
  NORTHSHIRE,
  NORTHSHIRE_ADMIN,
  type SessionInfo,
  signInThroughApi,
  test,
  unique,
} from './fixtures';

const POLICE_LEAD = 'police.lead@northshire.example';
const AUDIT_PDF = Buffer.from('%PDF-1.4\n%journey\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

const northshireOf = (s: SessionInfo) => s.partnerships.find((p) => p.name === NORTHSHIRE)!.id;

/** Through the admin's API: a recommendation to Northshire Police, agreed on 15 January 2026. */
async function agreedRecommendation(request: APIRequestContext, title: string) {
  const admin = await signInThroughApi(request, NORTHSHIRE_ADMIN);
  const base = `/api/v1/partnerships/${northshireOf(admin)}`;
  const res = await request.get(`${base}/agencies?q=Northshire%20Police`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { id: string; name: string }[] };
  const police = items.find((a) => a.name === 'Northshire Police');
  expect(police, 'the demo police agency').toBeTruthy();
  const rec = await apiSend<{ id: string; version: number }>(request, 'POST', `${base}/recommendations`, {
    title,
    sourceKind: 'other',
    sourceTitle: 'Journey test',
    priority: 'high',
    agencyIds: [police!.id],
  });
  await apiSend(request, 'POST', `${base}/recommendations/${rec.id}/status`, {
    status: 'agreed',
    agreedOn: '2026-01-15',
    version: rec.version,
  });
  const checks = await request.get(`${base}/impact-checks?recommendationId=${rec.id}`);
  expect(checks.status()).toBe(200);
  const list = (await checks.json()) as { items: { id: string; months: number; overdue: boolean }[] };
  const first = list.items.find((c) => c.months === 3);
  expect(first?.overdue, 'the 3-month check is overdue').toBe(true);
  return { checkId: first!.id };
}

test('the police lead submits impact-check evidence from My work and the admin judges it embedded', async ({
  page,
  playwright,
  baseURL,
  signInAs,
  visit,
  scanNow,
}) => {
  test.setTimeout(90_000);
  const title = unique('Police share missing-episode information with schools');
  const adminRequest = await playwright.request.newContext({ baseURL });
  const { checkId } = await agreedRecommendation(adminRequest, title);
  await adminRequest.dispose();

  // The police lead works in two partnerships: make sure this is Northshire.
  const lead = await signInAs(POLICE_LEAD);
  await apiSend(page.request, 'PUT', '/api/v1/auth/current-partnership', {
    partnershipId: northshireOf(lead),
  });
  await visit(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `${title}: 3-month impact check` });
  await expect(row.getByText('Overdue', { exact: true })).toBeVisible();
  await row.getByRole('link').click();
  await expect(page).toHaveURL(`/register/impact-checks/${checkId}`);
  await expect(page.getByRole('heading', { level: 1, name: '3-month impact check' })).toBeVisible();
  await expect(
    page.getByText('Has practice changed? Has the outcome for children and adults changed?'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(title) }).first()).toHaveAttribute(
    'href',
    /^\/register\/recommendations\//,
  );
  await scanNow(page);

  await page
    .getByLabel('What has changed in practice')
    .fill('Missing-episode notifications now reach the school’s safeguarding lead within one working day.');
  await page.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Evidence saved' })).toBeVisible();
  // Only one answer so far: it cannot be submitted yet.
  await expect(page.getByRole('button', { name: 'Submit evidence' })).toHaveCount(0);
  await scanNow(page);

  await page
    .getByLabel('What difference has it made for children and adults')
    .fill('Schools noticed three children missing from lessons early, and return interviews followed.');
  await page.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Evidence saved' })).toBeVisible();

  // An evidence file with it, uploaded at once. A file that is not what its name says is refused first.
  const files = page.getByRole('group', { name: 'Evidence files (optional)' });
  const chooser = files.getByLabel('Add an evidence file');
  await chooser.setInputFiles({
    name: 'school-notifications.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('Not really a PDF\n'),
  });
  await files.getByRole('button', { name: 'Upload file' }).click();
  await expect(files.getByText(/The selected file must be a PDF/)).toBeVisible();
  await expect(chooser).toBeFocused();
  await scanNow(page);
  await chooser.setInputFiles({
    name: 'school-notifications-audit.pdf',
    mimeType: 'application/pdf',
    buffer: AUDIT_PDF,
  });
  await files.getByRole('button', { name: 'Upload file' }).click();
  await expect(files.getByRole('link', { name: 'school-notifications-audit.pdf' })).toBeVisible();
  await expect(files.getByText('school-notifications-audit.pdf uploaded')).toBeAttached();
  await expect(files.getByText(/The selected file must be a PDF/)).toHaveCount(0);
  await scanNow(page);

  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Submit Northshire Police’s evidence?' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'school-notifications-audit.pdf' })).toBeVisible();
  await scanNow(page);
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page).toHaveURL(`/register/impact-checks/${checkId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Evidence submitted' })).toBeVisible();
  await expect(page.getByText(/^Submitted .* by Tom Okafor$/)).toBeVisible();
  await expect(page.getByLabel('What has changed in practice')).toHaveCount(0);
  await scanNow(page);

  // The admin records the QA group's judgement.
  await apiSend(page.request, 'POST', '/api/v1/auth/sign-out');
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, `/register/impact-checks/${checkId}`);
  await expect(page.getByText(/not embedded.*reopens/i).first()).toBeVisible();
  // The file is listed with the police evidence the QA group is judging, and opens.
  const police = page.getByRole('region', { name: 'Northshire Police' });
  const sent = police.getByRole('link', { name: 'school-notifications-audit.pdf' });
  await expect(sent).toBeVisible();
  await expect(police.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  const file = await page.request.get(new URL((await sent.getAttribute('href'))!, page.url()).href);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^attachment/);
  expect((await file.body()).equals(AUDIT_PDF)).toBe(true);
  await page.getByRole('button', { name: 'Record judgement' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(
    summary.getByRole('link', { name: 'Select embedded, partly embedded or not embedded' }),
  ).toHaveAttribute('href', '#judgement');
  await expect(page).toHaveTitle(/^Error: /);
  await scanNow(page);

  await page.getByRole('radio', { name: 'Embedded', exact: true }).check();
  await page
    .getByLabel('Reasons for the judgement')
    .fill('Police and school records agree; the change has held for two terms.');
  await page.getByRole('button', { name: 'Record judgement' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Judgement recorded: Embedded' })).toBeVisible();
  const judgement = page.getByRole('region', { name: 'Judgement' });
  await expect(judgement.getByText('Police and school records agree')).toBeVisible();
  await expect(judgement.getByText('Priya Shah')).toBeVisible();
  await scanNow(page);

  // The list of judged checks shows it too.
  await visit(page, '/register/impact-checks?judged=true');
  const listed = page.getByRole('row').filter({ hasText: title });
  await expect(listed.getByText('Embedded', { exact: true })).toBeVisible();
  await expect(listed.getByText('Submitted', { exact: true })).toBeVisible();
});

test('an admin adds a scrutiny topic to the plan and finds it there', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  const title = unique('Neglect revisited: thresholds nine months on');
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/register/scrutiny');
  await expect(page.getByRole('heading', { level: 1, name: 'Scrutiny plan' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Peer review of the multi-agency safeguarding/ })).toContainText(
    'External peer review',
  );

  await page.getByRole('button', { name: 'Add a topic or peer review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a topic or peer review' })).toBeVisible();
  await scanNow(page);

  await page.getByRole('button', { name: 'Add to the plan' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Select the kind of review' })).toHaveAttribute(
    'href',
    '#kind',
  );
  await expect(summary.getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title');
  await scanNow(page);

  await page.getByRole('radio', { name: 'Independent scrutiny topic' }).check();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Scope (optional)').fill('Twelve neglect cases stepped down from child protection.');
  await page.getByRole('radio', { name: 'Someone who uses Assure' }).check();
  await page
    .getByLabel('Lead', { exact: true })
    .selectOption({ label: 'Martin Osei (scrutineer@northshire.example)' });
  await page.getByLabel('Planned for (optional)').fill('2026-04-01');
  await page.getByRole('button', { name: 'Add to the plan' }).click();

  await expect(page).toHaveURL('/register/scrutiny');
  await expect(
    page.getByRole('alert').filter({ hasText: `${title} added to the scrutiny plan` }),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Independent scrutiny topic');
  await expect(row).toContainText('Martin Osei');
  await expect(row).toContainText('1 April 2026');
  await scanNow(page);

  await row.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add a recommendation from this review' })).toHaveAttribute(
    'href',
    /sourceType=scrutiny_review&sourceId=.+&sourceKind=independent_scrutiny/,
  );
  await scanNow(page);
});
