import type { FastifyInstance } from 'fastify';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import type { FileStorage } from '../platform/file-storage.js';
import { createAgencyRepo } from './agencies/agencies.repo.js';
import { registerAgencyRoutes } from './agencies/agencies.routes.js';
import { createAgencyService } from './agencies/agencies.service.js';
import { registerAuditLogRoutes } from './audit-log/audit-log.routes.js';
import { createAuditLogService } from './audit-log/audit-log.service.js';
import { createAuditTemplateLibraryService } from './audit-tools/audit-tools.library.js';
import { registerAuditTemplateLibraryRoutes } from './audit-tools/audit-tools.library.routes.js';
import { registerAuditTemplateRoutes } from './audit-tools/audit-tools.routes.js';
import { createAuditTemplateService } from './audit-tools/audit-tools.service.js';
import type { AuthService } from './auth/auth.service.js';
import { registerCaseFileRoutes } from './case-reviews/case-files.routes.js';
import { createCaseFileService } from './case-reviews/case-files.service.js';
import { registerCaseReviewDashboardRoutes } from './case-reviews/dashboard.routes.js';
import { createCaseReviewDashboardService } from './case-reviews/dashboard.service.js';
import { registerRapidReviewRoutes } from './case-reviews/rapid-reviews.routes.js';
import { createRapidReviewService } from './case-reviews/rapid-reviews.service.js';
import { registerReviewRoutes } from './case-reviews/reviews.routes.js';
import { createReviewService } from './case-reviews/reviews.service.js';
import { registerSarReferralRoutes } from './case-reviews/sar-referrals.routes.js';
import { createSarReferralService } from './case-reviews/sar-referrals.service.js';
import { registerGovernanceRoutes } from './governance/governance.routes.js';
import { createGovernanceService } from './governance/governance.service.js';
import { registerInstallationRoutes } from './installation/installation.routes.js';
import { createInstallationService } from './installation/installation.service.js';
import { createOutboxService, registerOutboxRoutes } from './mail/mail.routes.js';
import type { Mailer } from './mail/mail.service.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';
import { createNotificationService } from './notifications/notifications.service.js';
import { registerPartnershipRoutes } from './partnerships/partnerships.routes.js';
import { createPartnershipService } from './partnerships/partnerships.service.js';
import { createPeopleRepo } from './people/people.repo.js';
import { registerPeopleRoutes } from './people/people.routes.js';
import { createPeopleService } from './people/people.service.js';
import { registerPriorityRoutes } from './priorities/priorities.routes.js';
import { createPriorityService } from './priorities/priorities.service.js';
import { createCalendarFeedService } from './programme/calendar-feed.service.js';
import { registerProgrammeRoutes } from './programme/programme.routes.js';
import { createProgrammeService } from './programme/programme.service.js';
import { registerActionRoutes } from './recommendations/actions.routes.js';
import { createActionService } from './recommendations/actions.service.js';
import { registerAssuranceRoutes } from './recommendations/assurance.routes.js';
import { createAssuranceService } from './recommendations/assurance.service.js';
import { registerRegisterReports } from './recommendations/exports.routes.js';
import { registerImpactCheckRoutes } from './recommendations/impact-checks.routes.js';
import { createImpactCheckService } from './recommendations/impact-checks.service.js';
import { registerRecommendationRoutes } from './recommendations/recommendations.routes.js';
import { createRecommendationService } from './recommendations/recommendations.service.js';
import { registerScrutinyRoutes } from './recommendations/scrutiny.routes.js';
import { createScrutinyService } from './recommendations/scrutiny.service.js';
import { registerResponseRoutes } from './responses/responses.routes.js';
import { createResponseService } from './responses/responses.service.js';

export type ModuleDeps = {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  auth: AuthService;
  publicUrl: string;
  maxHours: number;
  publicRateLimit: { max: number; timeWindow: string };
  /** Where evidence files' bytes live, and the largest upload accepted. */
  fileStorage: FileStorage;
  uploadMaxBytes: number;
};

/** Wires every domain's repository, service and routes, once. */
export function registerModules(app: FastifyInstance, deps: ModuleDeps) {
  const { db, clock, mailer, auth, publicUrl } = deps;
  registerPartnershipRoutes(app, createPartnershipService({ db, clock }));
  registerAgencyRoutes(app, createAgencyService({ db, clock, agencyRepo: createAgencyRepo() }));
  const people = createPeopleService({ db, clock, peopleRepo: createPeopleRepo(), mailer, auth, publicUrl });
  registerInstallationRoutes(app, createInstallationService({ db, clock, mailer, people }));
  registerPeopleRoutes(app, people, {
    maxHours: deps.maxHours,
    acceptRateLimit: deps.publicRateLimit,
  });
  registerPriorityRoutes(app, createPriorityService({ db, clock }));
  registerGovernanceRoutes(app, createGovernanceService({ db, clock }));
  registerAuditTemplateRoutes(app, createAuditTemplateService({ db, clock }));
  registerAuditTemplateLibraryRoutes(app, createAuditTemplateLibraryService({ db, clock }));
  registerProgrammeRoutes(
    app,
    createProgrammeService({ db, clock }),
    createCalendarFeedService({ db, clock, publicUrl }),
  );
  registerAuditLogRoutes(app, createAuditLogService({ db }));
  registerOutboxRoutes(app, createOutboxService({ db, mailer }));
  registerNotificationRoutes(app, createNotificationService({ db, clock }));
  registerResponseRoutes(app, createResponseService({ db, clock, storage: deps.fileStorage }), {
    uploadMaxBytes: deps.uploadMaxBytes,
  });
  registerRecommendationRoutes(app, createRecommendationService({ db, clock }));
  registerImpactCheckRoutes(app, createImpactCheckService({ db, clock, storage: deps.fileStorage }), {
    uploadMaxBytes: deps.uploadMaxBytes,
  });
  registerAssuranceRoutes(app, createAssuranceService({ db, clock, storage: deps.fileStorage }), {
    uploadMaxBytes: deps.uploadMaxBytes,
  });
  registerScrutinyRoutes(app, createScrutinyService({ db, clock }));
  registerRegisterReports(app, { db, clock });
  registerActionRoutes(app, createActionService({ db, clock, storage: deps.fileStorage }), {
    uploadMaxBytes: deps.uploadMaxBytes,
  });
  // Case reviews (issue 5): case files and rapid reviews; SAR referrals, reviews and the dashboard beside them.
  registerCaseFileRoutes(app, createCaseFileService({ db, clock }));
  registerRapidReviewRoutes(app, createRapidReviewService({ db, clock }));
  registerSarReferralRoutes(app, createSarReferralService({ db, clock }));
  registerReviewRoutes(app, createReviewService({ db, clock }));
  registerCaseReviewDashboardRoutes(app, createCaseReviewDashboardService({ db, clock }));
}
