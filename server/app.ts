import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuthHooks } from './modules/auth/auth.hooks.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { registerModules } from './modules/index.js';
import { createMailer, DELIVER_EMAIL_JOB } from './modules/mail/mail.service.js';
import { registerReminderJobs } from './modules/notifications/reminders.service.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Database } from './platform/db.js';
import { createFilesystemStorage, type FileStorage } from './platform/file-storage.js';
import { installErrorHandler, sendNotFound } from './platform/http.js';
import type { Jobs } from './platform/jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    assureRoutes: { method: string; url: string; public: boolean }[];
  }
}

export type AppDeps = {
  database: Database;
  clock?: Clock;
  jobs?: Jobs | null;
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  idleMinutes?: number;
  maxHours?: number;
  trustProxy?: boolean;
  logLevel?: string;
  /** Folder of the built web app; served with an SPA fallback when present. */
  webDir?: string | null;
  /** Sign-in attempts per IP per minute. */
  signInRateLimit?: number;
  /** Seconds before a failed email is first retried (default 30, doubling each time). */
  emailRetryDelaySeconds?: number;
  /** Where uploaded files live (default: the filesystem under ./data/files). */
  fileStorage?: FileStorage;
  /** The largest upload accepted, in bytes (default 20 MB). */
  uploadMaxBytes?: number;
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultWebDir = path.resolve(here, '../dist/web');

/** Builds the whole application without listening, so tests can drive it in-process. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const publicUrl = deps.publicUrl ?? 'http://localhost:3000';
  const idleMinutes = deps.idleMinutes ?? 30;
  const maxHours = deps.maxHours ?? 12;
  const { db } = deps.database;

  const app = Fastify({
    logger:
      deps.logLevel === 'silent'
        ? false
        : { level: deps.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1_048_576,
  });
  // Every route is recorded so the authorisation matrix test can prove it covers them all.
  const routes: { method: string; url: string; public: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD')
        routes.push({
          method,
          url: r.url,
          public: (r.config as { public?: boolean } | undefined)?.public === true,
        });
    }
  });
  app.decorate('assureRoutes', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Assure API',
        version: '1',
        description:
          "The API behind Assure's web app. Every route needs a session cookie and, for changes, the X-CSRF-Token header from GET /api/v1/auth/session.",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'assure_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installErrorHandler(app, db);

  const mailer = createMailer({
    db,
    jobs: deps.jobs ?? null,
    smtpUrl: deps.smtpUrl,
    from: deps.mailFrom ?? 'Assure <no-reply@assure.invalid>',
    clock,
    retryDelaySeconds: deps.emailRetryDelaySeconds,
    log: (message) => app.log.warn(message),
  });
  if (deps.jobs) {
    await deps.jobs.work<{ outboxId: string }>(DELIVER_EMAIL_JOB, async (data) => {
      await mailer.deliver(data.outboxId);
    });
  }
  if (deps.jobs) {
    // Workers only: the daily schedule that sends these jobs is set by main.ts (scheduleReminderJobs).
    await registerReminderJobs(deps.jobs, { db, clock, mailer, publicUrl });
  }
  const auth = createAuthService({ db, clock, mailer, publicUrl, idleMinutes, maxHours });
  installAuthHooks(app, auth);
  if (deps.jobs) {
    // Expired sessions are refused anyway; this only keeps the table small.
    const timer = setInterval(() => {
      auth.purgeExpiredSessions().catch((e) => app.log.error(e, 'could not purge sessions'));
    }, 15 * 60_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  const publicRateLimit = { max: deps.signInRateLimit ?? 20, timeWindow: '1 minute' };
  registerAuthRoutes(app, { auth, idleMinutes, maxHours, signInRateLimit: publicRateLimit });
  const fileStorage = deps.fileStorage ?? createFilesystemStorage(path.resolve('data', 'files'));
  const uploadMaxBytes = deps.uploadMaxBytes ?? 20 * 1024 * 1024;
  registerModules(app, {
    db,
    clock,
    mailer,
    auth,
    publicUrl,
    maxHours,
    publicRateLimit,
    fileStorage,
    uploadMaxBytes,
  });

  const webDir = deps.webDir === undefined ? defaultWebDir : deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    // Every non-API path is a page of the single-page app.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return sendNotFound(req, reply);
      const file = path.join(webDir, path.normalize(req.url.split('?')[0]).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(webDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(path.relative(webDir, file));
      }
      return reply.type('text/html').send(indexHtml);
    });
  } else {
    app.setNotFoundHandler(sendNotFound);
  }

  return app;
}
