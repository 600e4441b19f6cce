import type { FastifyInstance } from 'fastify';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { createAgencyRepo } from './agencies/agencies.repo.js';
import { registerAgencyRoutes } from './agencies/agencies.routes.js';
import { createAgencyService } from './agencies/agencies.service.js';
import type { AuthService } from './auth/auth.service.js';
import type { Mailer } from './mail/mail.service.js';
import { registerPartnershipRoutes } from './partnerships/partnerships.routes.js';
import { createPartnershipService } from './partnerships/partnerships.service.js';

export type ModuleDeps = {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  auth: AuthService;
  publicUrl: string;
  maxHours: number;
};

/** Wires every domain's repository, service and routes, once. */
export function registerModules(app: FastifyInstance, deps: ModuleDeps) {
  const { db, clock } = deps;
  registerPartnershipRoutes(app, createPartnershipService({ db, clock }));
  registerAgencyRoutes(app, createAgencyService({ db, clock, agencyRepo: createAgencyRepo() }));
}
