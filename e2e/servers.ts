// The servers Playwright starts for the journeys (playwright.config.ts `webServer`), each with its own
// data directory. Most journeys use the first; a journey that needs a short session idle timeout
// points its file at the second with `test.use({ baseURL: SHORT_IDLE_URL })`.
// E2E_MAIN_PORT and E2E_SHORT_PORT move them, so two runs on one machine do not collide.

/** Default settings (30-minute idle timeout). */
export const MAIN_URL = `http://127.0.0.1:${process.env.E2E_MAIN_PORT ?? '3100'}`;

/** SESSION_IDLE_MINUTES=1, the minimum the server accepts: the timeout warning shows after ~23 s. */
export const SHORT_IDLE_URL = `http://127.0.0.1:${process.env.E2E_SHORT_PORT ?? '3101'}`;
export const SHORT_IDLE_MINUTES = 1;

/**
 * The file that moves the main server's clock (TEST_CLOCK_FILE, set by scripts/e2e-server.mjs inside the
 * data directory playwright.config.ts gives it): milliseconds ahead of real time. See
 * e2e/register-learning-loop.spec.ts.
 */
export const MAIN_CLOCK_FILE = `.tmp/e2e-data-${process.env.E2E_MAIN_PORT ?? '3100'}/clock-offset-ms`;
