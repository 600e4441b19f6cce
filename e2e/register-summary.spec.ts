// The Board's learning loop: a board viewer opens the summary from My work and reads its tables (the
// accessible version of each chart), with no download links; an admin downloads the register as CSV.
// Every page visited is scanned with axe (see fixtures.ts).

import { expect, NORTHSHIRE_ADMIN, test } from './fixtures';

const BOARD = 'board@northshire.example';

test('a board viewer reads the learning loop as tables, with counts only', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  await signInAs(BOARD);
  await visit(page, '/');
  await page.getByRole('link', { name: 'Board summary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning loop' })).toBeVisible();
  await scanNow(page);

  await expect(page.getByRole('heading', { level: 2, name: 'Headlines' })).toBeVisible();
  const byStatus = page.getByRole('table', { name: /Recommendations by status/ });
  await expect(byStatus.getByRole('columnheader', { name: 'Recommendations' })).toBeVisible();
  await expect(byStatus.getByRole('rowheader', { name: 'Impact being checked' })).toBeVisible();
  const byAgency = page.getByRole('table', { name: /Recommendations by agency/ });
  await expect(byAgency.getByRole('columnheader', { name: 'Overdue' })).toBeVisible();
  expect(await byAgency.getByRole('row').count()).toBeGreaterThan(1);
  await expect(page.getByRole('table', { name: /Recommendations by theme/ })).toBeVisible();
  // Board viewers may not take the register's detail away.
  await expect(page.getByRole('link', { name: /CSV/ })).toHaveCount(0);
  await expect(byAgency.getByRole('link', { name: /action plan for/ })).toHaveCount(0);

  // The year filter keeps to the page.
  const years = page.getByLabel('Year agreed');
  const firstYear = await years.locator('option').nth(1).getAttribute('value');
  if (firstYear) {
    await years.selectOption(firstYear);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(new RegExp(`year=${firstYear}`));
    await expect(page.getByText(`agreed in ${firstYear}`).first()).toBeVisible();
    await scanNow(page);
  }
});

test('an admin downloads the register as CSV and sees each agency’s PDF', async ({
  page,
  signInAs,
  visit,
  scanNow,
}) => {
  await signInAs(NORTHSHIRE_ADMIN);
  await visit(page, '/register/summary');
  await expect(page.getByRole('heading', { level: 1, name: 'Learning loop' })).toBeVisible();
  const csv = page.getByRole('link', { name: 'Recommendations (CSV)' });
  const href = await csv.getAttribute('href');
  expect(href).toMatch(/\/register\/recommendations\.csv$/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers()['content-disposition']).toMatch(
    /attachment; filename="assure-recommendations-.*\.csv"/,
  );
  const text = await res.text();
  expect(text.split('\n')[0]).toBe(
    'Reference,Title,Source,Source title,Theme,Priority,Agencies,Status,Agreed on,Actions open,Actions overdue,Latest impact judgement,Closed on',
  );
  expect(text).toMatch(/\nR-\d+,/);

  const pdf = page
    .getByRole('table', { name: /Recommendations by agency/ })
    .getByRole('link', { name: /action plan for/ })
    .first();
  const pdfRes = await page.request.get((await pdf.getAttribute('href'))!);
  expect(pdfRes.status()).toBe(200);
  expect(pdfRes.headers()['content-type']).toBe('application/pdf');
  expect((await pdfRes.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Filtered to one year, the downloads hold only the recommendations agreed that year.
  const years = page.getByLabel('Year agreed');
  const year = await years.locator('option').nth(1).getAttribute('value');
  expect(year).toMatch(/^\d{4}$/);
  await years.selectOption(year!);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  const yearCsv = page.getByRole('link', { name: `Recommendations agreed in ${year} (CSV)` });
  await expect(yearCsv).toHaveAttribute(
    'href',
    new RegExp(`/register/recommendations\\.csv\\?year=${year}$`),
  );
  await expect(
    page.getByRole('link', { name: `Recommendations and actions agreed in ${year} (Excel workbook)` }),
  ).toHaveAttribute('href', new RegExp(`/register/recommendations\\.xlsx\\?year=${year}$`));
  await scanNow(page);
  const [header, ...rows] = csvRows(
    await (await page.request.get((await yearCsv.getAttribute('href'))!)).text(),
  );
  const agreedOn = header.indexOf('Agreed on');
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row[agreedOn], row.join(',')).toMatch(new RegExp(`^${year}-`));
});

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
