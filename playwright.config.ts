import { defineConfig } from '@playwright/test';
import { MAIN_URL, SHORT_IDLE_MINUTES, SHORT_IDLE_URL } from './e2e/servers';

// One id for every server this run starts, so the web app is built once and the others serve that
// build (see scripts/e2e-server.mjs). Worker processes load this file too; they start no servers.
const buildId = process.env.E2E_BUILD_ID || `${process.pid}-${Date.now()}`;
const portOf = (url: string) => new URL(url).port;

// Chromium comes from Debian (/usr/bin/chromium, see scripts/ensure-system-deps.sh);
// Playwright never downloads browsers for this project.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: MAIN_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node scripts/e2e-server.mjs --port ${portOf(MAIN_URL)} --data-dir .tmp/e2e-data-${portOf(MAIN_URL)}`,
      url: `${MAIN_URL}/readyz`,
      env: { E2E_BUILD_ID: buildId },
      reuseExistingServer: false,
      timeout: 180_000,
      stderr: 'pipe',
    },
    {
      // For e2e/session-timeout.spec.ts: the shortest idle timeout the server allows.
      command: `node scripts/e2e-server.mjs --port ${portOf(SHORT_IDLE_URL)} --data-dir .tmp/e2e-data-short-idle-${portOf(SHORT_IDLE_URL)} --idle-minutes ${SHORT_IDLE_MINUTES}`,
      url: `${SHORT_IDLE_URL}/readyz`,
      env: { E2E_BUILD_ID: buildId },
      reuseExistingServer: false,
      timeout: 180_000,
      stderr: 'pipe',
    },
  ],
});
