import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { createFilesystemStorage } from '../platform/file-storage.js';
import type { Jobs } from '../platform/jobs.js';
import { startJobs } from '../platform/jobs-pgboss.js';
import { TEST_PASSWORD } from './factories.js';
import { createTestDatabase } from './test-db.js';

export type TestClient = {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
};

/** The real app, in-process, on a fresh database, with a clock the test controls. */
export async function createTestApp(
  opts: {
    now?: string;
    jobs?: Jobs | null;
    /** Runs pg-boss on the test database (polling every half second); close() stops it. */
    withJobs?: boolean;
    smtpUrl?: string;
    emailRetryDelaySeconds?: number;
    idleMinutes?: number;
    signInRateLimit?: number;
    /** The largest upload accepted, in bytes (default 20 MB, as in production). */
    uploadMaxBytes?: number;
  } = {},
) {
  const database = await createTestDatabase();
  // Uploaded files go to a folder of this test's own, removed by close().
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'assure-files-'));
  const fileStorage = createFilesystemStorage(filesDir);
  const clock = fixedClock(opts.now ?? '2026-06-15T09:00:00Z');
  const ownJobs = opts.withJobs ? await startJobs(database, { pollSeconds: 0.5 }) : null;
  const jobs = ownJobs ?? opts.jobs ?? null;
  const app = await buildApp({
    database,
    clock,
    jobs,
    smtpUrl: opts.smtpUrl,
    emailRetryDelaySeconds: opts.emailRetryDelaySeconds,
    logLevel: 'silent',
    webDir: null,
    idleMinutes: opts.idleMinutes,
    signInRateLimit: opts.signInRateLimit ?? 10_000,
    publicUrl: 'http://assure.test',
    fileStorage,
    uploadMaxBytes: opts.uploadMaxBytes,
  });
  await app.ready();

  const client = (cookie: string, csrfToken: string): TestClient => {
    const request = (method: string, url: string, body?: unknown) =>
      body instanceof MultipartBody
        ? app.inject({
            method: method as 'POST',
            url,
            headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': body.contentType },
            payload: body.payload,
          })
        : app.inject({
            method: method as 'GET',
            url,
            headers: {
              cookie,
              'x-csrf-token': csrfToken,
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            payload: body === undefined ? undefined : JSON.stringify(body),
          });
    return {
      cookie,
      csrfToken,
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      put: (url, body) => request('PUT', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      delete: (url) => request('DELETE', url),
    };
  };

  return {
    app,
    database,
    db: database.db,
    clock,
    jobs,
    filesDir,
    fileStorage,
    /** Signs in through the API, as a browser would, and returns a client carrying the cookie and CSRF token. */
    async signIn(email: string, password = TEST_PASSWORD): Promise<TestClient> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password },
      });
      if (res.statusCode !== 200)
        throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'assure_session');
      const cookie = `assure_session=${set?.value}`;
      const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
      return client(cookie, session.json().csrfToken);
    },
    /** A client with no session at all. */
    anonymous: () => client('', ''),
    async close() {
      await app.close();
      await ownJobs?.stop();
      await database.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * A multipart/form-data body (a file upload) for a TestClient call: `client.post(url, multipart(...))`
 * sends it as the browser's upload form would. Fields come first, then the file.
 */
export class MultipartBody {
  readonly boundary = `----assure-test-${Math.random().toString(16).slice(2)}`;
  readonly payload: Buffer;
  constructor(
    file: { field?: string; fileName: string; contentType?: string; data: Buffer },
    fields: Record<string, string> = {},
  ) {
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(
        Buffer.from(
          `--${this.boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
      );
    }
    parts.push(
      Buffer.from(
        `--${this.boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${this.boundary}--\r\n`),
    );
    this.payload = Buffer.concat(parts);
  }
  get contentType() {
    return `multipart/form-data; boundary=${this.boundary}`;
  }
}
export const multipart = (...args: ConstructorParameters<typeof MultipartBody>) => new MultipartBody(...args);

export { buildAgency, buildMember, buildPartnership, buildPerson, TEST_PASSWORD } from './factories.js';
export type { FastifyInstance };
