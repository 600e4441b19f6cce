// Playwright fixtures for Assure's journeys (CONVENTIONS.md habit 12): sign in and seed through the API,
// find things by role and label, wait on URLs and elements (never a fixed sleep), and scan every page a
// test visits with axe. A test fails if it leaves a page it visited unscanned.

import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD } from '../scripts/demo-data';

export { DEMO_PASSWORD, expect };

export const NORTHSHIRE_ADMIN = 'admin@northshire.example';
export const NORTHSHIRE = 'Northshire Safeguarding Partnership';
export const SOUTHVALE = 'Southvale Safeguarding Children Partnership';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export type SessionInfo = {
  person: { id: string; name: string; email: string };
  currentPartnershipId: string | null;
  csrfToken: string;
  partnerships: { id: string; name: string; roles: { role: string; agencyId: string | null }[] }[];
  idleTimeoutSeconds: number;
  expiresAt: string;
};

export type OutboxMessage = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  status: string;
  createdAt: string;
};

/** Runs axe over the page as it is now and fails listing every serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''));
  const report = blocking
    .map((v) => {
      const targets = v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n');
      return `[${v.impact}] ${v.id}: ${v.help}\n${targets}`;
    })
    .join('\n');
  expect(
    blocking.map((v) => v.id),
    `Accessibility violations on ${page.url()}:\n${report}`,
  ).toEqual([]);
}

/** Where a page is, as the scan bookkeeping counts it: path and query, not the fragment. */
const pageKey = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Pages opened by a test, the URLs each has shown, and the ones that have been scanned. */
class ScanLedger {
  private visited = new Map<Page, Set<string>>();
  private scanned = new Map<Page, Set<string>>();

  track(page: Page) {
    this.visited.set(page, new Set());
    this.scanned.set(page, new Set());
    // Fires for full loads and for the app's client-side (history API) navigations alike.
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !frame.url().startsWith('http')) return;
      this.visited.get(page)?.add(pageKey(frame.url()));
    });
  }

  markScanned(page: Page) {
    this.scanned.get(page)?.add(pageKey(page.url()));
  }

  unscanned() {
    const missing: string[] = [];
    for (const [page, visited] of this.visited) {
      const scanned = this.scanned.get(page) ?? new Set();
      for (const key of visited) if (!scanned.has(key)) missing.push(key);
    }
    return missing;
  }
}

/** Waits until the app has rendered a page: its h1 is there and nothing says it is still loading. */
export async function waitForPage(page: Page): Promise<void> {
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
}

/** The session of whoever the page's browser context is signed in as. */
export async function sessionOf(request: APIRequestContext): Promise<SessionInfo> {
  const res = await request.get('/api/v1/auth/session');
  expect(res.status(), 'signed in').toBe(200);
  return (await res.json()) as SessionInfo;
}

/** Signs in through the API; the session cookie lands in whatever context `request` belongs to. */
export async function signInThroughApi(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<SessionInfo> {
  const res = await request.post('/api/v1/auth/sign-in', { data: { email, password } });
  expect(res.status(), `sign in as ${email}: ${await res.text()}`).toBeLessThan(300);
  return sessionOf(request);
}

/** A state-changing API call with the session's CSRF token, for seeding what a journey needs. */
export async function apiSend<T>(
  request: APIRequestContext,
  method: 'POST' | 'PUT',
  path: string,
  data?: unknown,
): Promise<T> {
  const { csrfToken } = await sessionOf(request);
  const res = await request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function scanFinalPages(ledger: ScanLedger, pages: Page[]) {
  for (const p of pages) {
    if (p.isClosed() || !p.url().startsWith('http')) continue;
    await waitForPage(p);
    await expectAccessible(p);
    ledger.markScanned(p);
  }
}

type Fixtures = {
  /** Signs the test's browser context in through the API; returns the session. */
  signInAs(email: string, password?: string): Promise<SessionInfo>;
  /** Goes to a URL, waits for the page to render, and scans it. */
  visit(page: Page, url: string): Promise<void>;
  /** Scans the page as it is now (call after every step that lands on a new page or shows errors). */
  scanNow(page: Page): Promise<void>;
  /** A page in a new browser context with no session (someone else's browser); scanned like any other. */
  newSignedOutPage(): Promise<Page>;
  /** The newest email to an address, as the partnership's admin reads it from the outbox API. */
  latestEmailTo(address: string, opts?: { adminEmail?: string }): Promise<OutboxMessage>;
  ledger: ScanLedger;
};

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  ledger: async ({}, use) => {
    await use(new ScanLedger());
  },

  page: async ({ page, ledger }, use, testInfo) => {
    ledger.track(page);
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) return;
    // The page a journey ends on gets scanned too, so its last step is never missed.
    await scanFinalPages(ledger, [page]);
    const missing = ledger.unscanned();
    expect(missing, `Pages visited but never scanned for accessibility: ${missing.join(', ')}`).toEqual([]);
  },

  signInAs: async ({ page }, use) => {
    await use((email, password) => signInThroughApi(page.request, email, password));
  },

  scanNow: async ({ ledger }, use) => {
    await use(async (page) => {
      await waitForPage(page);
      await expectAccessible(page);
      ledger.markScanned(page);
    });
  },

  visit: async ({ scanNow }, use) => {
    await use(async (page, url) => {
      await page.goto(url);
      await scanNow(page);
    });
  },

  // Depends on `page` so that it is torn down first: its pages get their final scan before they close,
  // and the `page` fixture's check then sees them.
  // `baseURL` rather than the project's: a file may point its journeys at another server (test.use).
  newSignedOutPage: async ({ browser, ledger, page: _page, baseURL }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const pages: Page[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      ledger.track(page);
      pages.push(page);
      return page;
    });
    try {
      if (testInfo.status === testInfo.expectedStatus) await scanFinalPages(ledger, pages);
    } finally {
      for (const context of contexts) await context.close();
    }
  },

  latestEmailTo: async ({ playwright, baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (address, opts = {}) => {
      const admin = await playwright.request.newContext({ baseURL });
      contexts.push(admin);
      const session = await signInThroughApi(admin, opts.adminEmail ?? NORTHSHIRE_ADMIN);
      const partnershipId = session.currentPartnershipId ?? session.partnerships[0]?.id;
      const res = await admin.get(`/api/v1/partnerships/${partnershipId}/outbox?pageSize=100`);
      expect(res.status()).toBe(200);
      const { items } = (await res.json()) as { items: OutboxMessage[] };
      const message = items.find((m) => m.toAddress.toLowerCase() === address.toLowerCase());
      if (!message) throw new Error(`No email to ${address} in the outbox`);
      return message;
    });
    for (const context of contexts) await context.dispose();
  },
});

/** A name no earlier run or test has used (the database lives for the whole run). */
export const unique = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
