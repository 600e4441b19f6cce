import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import {
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../testing/test-app.js';
import { createTestDatabase } from '../testing/test-db.js';
import { AppError } from './errors.js';

let t: TestApp;
let c: TestClient;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  c = await t.signIn(admin.email);
  base = `/api/v1/partnerships/${p.id}`;
});
afterAll(() => t.close());

/** Nothing in an answer looks like a stack trace or an internal error name. */
function expectNoInternals(res: LightMyRequestResponse) {
  expect(res.body).not.toMatch(/"stack"|\n\s+at |\.ts:\d+|node_modules|FST_ERR|SyntaxError|ZodError/);
}

describe('bad input never gives a 500', () => {
  it('a non-UUID id in a URL is 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/partnerships/not-a-uuid/people', 'partnershipId'],
      [`${base}/people/123`, 'personId'],
      [`${base}/agencies/x`, 'agencyId'],
      [`${base}/groups/${'f'.repeat(36)}`, 'groupId'],
      [`${base}/groups/%27%20or%201=1--`, 'groupId'],
    ];
    for (const [url, param] of cases) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({
        error: 'VALIDATION',
        details: { fields: { [param]: 'Enter a valid identifier' } },
        requestId: res.headers['x-request-id'],
      });
      expectNoInternals(res);
    }
    const put = await c.put(`${base}/priorities/nope`, { name: 'x', version: 1 });
    expect(put.statusCode).toBe(400);
    expect(put.json().details.fields).toHaveProperty('priorityId');
  });

  it('bad query values are 400 naming the parameter', async () => {
    const res = await c.get(`${base}/people?page=abc&pageSize=-1`);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details.fields).sort()).toEqual(['page', 'pageSize']);
    const includeInactive = await c.get(`${base}/agencies?includeInactive=yes`);
    expect(includeInactive.statusCode).toBe(400);
    expect(Object.keys(includeInactive.json().details.fields)).toEqual(['includeInactive']);
  });

  it('a body of the wrong shape is 400, not 500', async () => {
    for (const payload of ['[]', '"just a string"', '42', 'null']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${base}/priorities`,
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error).toBe('VALIDATION');
      expectNoInternals(res);
    }
    const empty = await t.app.inject({
      method: 'POST',
      url: `${base}/priorities`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    const malformed = await t.app.inject({
      method: 'PUT',
      url: base,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      error: 'VALIDATION',
      message: 'The request body is not valid JSON',
    });
  });

  it('an unknown route is a JSON 404 (for the API, only after signing in, so routes are not revealed)', async () => {
    const signedIn = await c.get('/api/v1/no-such-thing');
    expect(signedIn.statusCode).toBe(404);
    expect(signedIn.headers['content-type']).toMatch(/^application\/json/);
    expect(signedIn.json()).toEqual({
      error: 'NOT_FOUND',
      message: 'This page could not be found',
      requestId: signedIn.headers['x-request-id'],
    });
    const wrongMethod = await c.request('PATCH', `${base}/priorities`, {});
    expect(wrongMethod.statusCode).toBe(404);
    expect(wrongMethod.json().error).toBe('NOT_FOUND');

    const anonymousApi = await t.anonymous().get('/api/v1/no-such-thing');
    expect(anonymousApi.statusCode).toBe(401);
    const anonymousOther = await t.anonymous().get('/no-such-page');
    expect(anonymousOther.statusCode).toBe(404);
    expect(anonymousOther.json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('a body over 1 MiB is 413 with a clear message, signed in or not', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    const signedIn = await t.app.inject({
      method: 'POST',
      url: `${base}/priorities`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/json' },
      payload: big,
    });
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    for (const res of [signedIn, anonymous]) {
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({
        error: 'PAYLOAD_TOO_LARGE',
        message: 'What you sent is larger than the 1 MB limit. Send less at a time.',
        requestId: res.headers['x-request-id'],
      });
    }
    // Just under the limit is parsed and judged on its content.
    const under = await c.post(`${base}/priorities`, { name: 'x'.repeat(1_000_000) });
    expect(under.statusCode).toBe(400);
    expect(under.json().details.fields).toEqual({ name: 'Name must be 200 characters or fewer' });
  });
});

describe('infrastructure', () => {
  it('/healthz and /readyz answer 200', async () => {
    const health = await t.anonymous().get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.anonymous().get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('API answers carry a request id and are not cached', async () => {
    const res = await c.get(`${base}/people`);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('OpenAPI document', () => {
  type Operation = {
    parameters?: { in: string; name: string; required?: boolean; schema?: object }[];
    requestBody?: { content: Record<string, { schema: object }> };
    responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
  };
  let doc: {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    components?: { securitySchemes?: Record<string, unknown> };
  };
  beforeAll(async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  it('is OpenAPI 3 with a title, a version and the session and CSRF schemes', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Assure API', version: expect.any(String) });
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['csrf', 'session']);
  });

  it('lists every /api/v1 route (and the calendar feed) the app registers, with that method', () => {
    const api = t.app.assureRoutes.filter(
      (r) => r.url.startsWith('/api/v1/') || r.url.startsWith('/calendar/'),
    );
    expect(api.length).toBeGreaterThan(30);
    const missing = api.filter((r) => {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      return !doc.paths[path]?.[r.method.toLowerCase()];
    });
    expect(missing).toEqual([]);
    // And nothing it does not register.
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(api.map((r) => `${r.method} ${r.url}`).sort());
  });

  it('declares every path parameter, and every operation has responses with descriptions', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), where).toEqual(templated);
        expect(
          declared.every((p) => p.required === true),
          where,
        ).toBe(true);
        expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
        for (const [status, r] of Object.entries(op.responses)) {
          expect(status, where).toMatch(/^[1-5]\d\d$|^default$/);
          expect(typeof r.description, `${where} ${status}`).toBe('string');
        }
      }
    }
  });

  it('every schema in it compiles as JSON Schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // OpenAPI 3.0.3 allows `nullable` beside no `type` (it then means nothing); Ajv refuses it, so drop it there.
    const openApiToAjv = (s: unknown): unknown => {
      if (Array.isArray(s)) return s.map(openApiToAjv);
      if (!s || typeof s !== 'object') return s;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s)) {
        if (k === 'nullable' && !('type' in s)) continue;
        out[k] = openApiToAjv(v);
      }
      return out;
    };
    let count = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schemas = [
          ...(op.parameters ?? []).map((p) => p.schema),
          ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
        ].filter(Boolean) as object[];
        for (const s of schemas) {
          expect(
            () => ajv.compile(openApiToAjv(s) as object),
            `${method.toUpperCase()} ${path}`,
          ).not.toThrow();
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});

describe('unexpected failures', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    app = await buildApp({ database, logLevel: 'silent', webDir: null });
    // Routes added only to this app, to reach the handler's last resort.
    app.get('/api/v1/test-only/crash', { config: { public: true } }, async () => {
      throw new Error('secret detail: connection string postgres://user:pw@db');
    });
    app.get('/api/v1/test-only/coded', { config: { public: true } }, async () => {
      throw new AppError('INVALID_TRANSITION', 'This cannot happen now', { state: 'closed' });
    });
    await app.ready();
    close = async () => {
      await app.close();
      await database.drop();
    };
  });
  afterAll(() => close());

  it('an unexpected error is a plain 500 with the request id and no stack or detail', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test-only/crash' });
    expect(res.statusCode).toBe(500);
    const id = res.headers['x-request-id'];
    expect(res.json()).toEqual({
      error: 'INTERNAL',
      message: `Something went wrong. Try again later. If it keeps happening, quote reference ${id}.`,
      requestId: id,
    });
    expect(res.body).not.toContain('secret');
    expectNoInternals(res);
  });

  it('a coded error keeps its code, message and details', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test-only/coded' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: 'INVALID_TRANSITION',
      message: 'This cannot happen now',
      details: { state: 'closed' },
      requestId: res.headers['x-request-id'],
    });
  });
});
