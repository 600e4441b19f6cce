import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../contracts/notifications.js';
import { agencySections } from './modules/agencies/agencies.tables.js';
import { auditLog } from './modules/audit-log/audit-log.tables.js';
import { auditTemplates, auditTemplateVersions } from './modules/audit-tools/audit-tools.tables.js';
import {
  caseFileAccess,
  caseFiles,
  caseReviewEvents,
  caseReviews,
  sarReferrals,
} from './modules/case-reviews/case-reviews.tables.js';
import { governanceGroupMembers, governanceGroups } from './modules/governance/governance.tables.js';
import { outbox } from './modules/mail/mail.tables.js';
import { notifications } from './modules/notifications/notifications.tables.js';
import { invitations, memberships, people } from './modules/people/people.tables.js';
import { priorities } from './modules/priorities/priorities.tables.js';
import { qaActivities } from './modules/programme/programme.tables.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  assuranceRequestRecommendations,
  assuranceRequests,
  impactCheckEvidence,
  impactChecks,
  registerFiles,
  scrutinyReviews,
  themes,
} from './modules/recommendations/recommendations.tables.js';
import { formResponseFiles, formResponses } from './modules/responses/responses.tables.js';
import {
  buildCaseFile,
  buildOpenActivity,
  buildProgramme,
  buildRecommendation,
} from './testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  multipart,
  type TestApp,
  type TestClient,
} from './testing/test-app.js';

/**
 * The authorisation matrix: every API route, called by
 *   - nobody (no session)                       → 401
 *   - an admin of another partnership           → 404 (existence never leaks)
 *   - a member of this partnership without the role, and
 *   - the lead of another agency in this partnership → 403 or 404
 * and then by someone who is allowed, who must not be refused. It fails when a route is added that
 * this table does not list.
 */

type World = Awaited<ReturnType<typeof buildWorld>>;
type Call = { url: string; body?: unknown };
type Entry = {
  /**
   * Who may call it: 'admin' (partnership admin), 'member' (anyone in the partnership), 'agencyLead' (lead of
   * the agency named in the URL), 'scrutineer', 'nonViewer' (any member but a board viewer, so another
   * agency's lead too), 'caseReviewer' (a member of the case review group), 'boardViewer' (a board viewer).
   */
  allowed: (
    | 'admin'
    | 'member'
    | 'agencyLead'
    | 'scrutineer'
    | 'nonViewer'
    | 'caseReviewer'
    | 'boardViewer'
  )[];
  call: (w: World) => Call;
  /**
   * A route under one case file: a partnership admin, a QA group member and an agency lead outside the case
   * review group get 404; a person named on the file with read gets through a 'read' and 403 on a 'write'.
   */
  caseFile?: 'read' | 'write';
};

const P = (w: World) => `/api/v1/partnerships/${w.a.id}`;

/** A small valid audit-tool definition (ZAuditTemplate). */
const matrixDefinition = (questionText: string) => ({
  formatVersion: 1 as const,
  title: 'Matrix tool',
  kind: 'case_audit' as const,
  scales: [],
  sections: [
    {
      id: 's1',
      title: 'Section one',
      questions: [{ id: 'q1', type: 'short_text' as const, text: questionText, required: false }],
    },
  ],
});

const MATRIX: Record<string, Entry> = {
  'GET /api/v1/partnerships/:partnershipId': { allowed: ['member'], call: (w) => ({ url: P(w) }) },
  'PUT /api/v1/partnerships/:partnershipId': {
    allowed: ['admin'],
    call: (w) => ({ url: P(w), body: { name: w.a.name, covers: 'both', version: 1 } }),
  },

  'GET /api/v1/partnerships/:partnershipId/agencies': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/agencies` }),
  },
  'POST /api/v1/partnerships/:partnershipId/agencies': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/agencies`, body: { name: 'Matrix Agency', type: 'housing' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/agencies-available': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}-available`.replace(/-available$/, '/agencies-available') }),
  },
  'GET /api/v1/partnerships/:partnershipId/agencies/:agencyId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyX.id}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/agencies/:agencyId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/agencies/${w.agencyX.id}`,
      body: { name: w.agencyX.name, type: 'police', version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/agencies/:agencyId/link': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyElsewhere.id}/link` }),
  },
  'POST /api/v1/partnerships/:partnershipId/agencies/:agencyId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencySpare.id}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/agencies/:agencyId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencySpare.id}/reactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/agencies/:agencyId/sections': {
    allowed: ['admin', 'agencyLead'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyX.id}/sections`, body: { name: 'Matrix Section' } }),
  },
  'PUT /api/v1/partnerships/:partnershipId/agencies/:agencyId/sections/:sectionId': {
    allowed: ['admin', 'agencyLead'],
    call: (w) => ({
      url: `${P(w)}/agencies/${w.agencyX.id}/sections/${w.sectionX.id}`,
      body: { name: 'Renamed', ownerPersonId: null, active: true, version: 1 },
    }),
  },

  'GET /api/v1/partnerships/:partnershipId/people': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/people` }),
  },
  'GET /api/v1/partnerships/:partnershipId/people/:personId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/people/${w.target.id}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/people/:personId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/people/${w.target.id}`,
      body: { name: 'Renamed Person', jobTitle: null, version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/people/:personId/roles': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/people/${w.target.id}/roles`, body: { role: 'lead_sponsor' } }),
  },
  'POST /api/v1/partnerships/:partnershipId/people/:personId/roles/:membershipId/remove': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/people/${w.target.id}/roles/${w.targetMembershipId}/remove` }),
  },
  'POST /api/v1/partnerships/:partnershipId/people/:personId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/people/${w.leaver.id}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/people/:personId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/people/${w.leaver.id}/reactivate` }),
  },

  'GET /api/v1/partnerships/:partnershipId/invitations': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/invitations` }),
  },
  'POST /api/v1/partnerships/:partnershipId/invitations': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/invitations`,
      body: { email: 'new.person@example.org', name: 'New Person', role: 'board_viewer' },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/invitations/:invitationId/revoke': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/invitations/${w.invitationId}/revoke` }),
  },

  'GET /api/v1/partnerships/:partnershipId/priorities': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/priorities` }),
  },
  'POST /api/v1/partnerships/:partnershipId/priorities': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/priorities`, body: { name: 'Matrix priority' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/priorities/:priorityId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/priorities/${w.priorityId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/priorities/:priorityId': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/priorities/${w.priorityId}`, body: { name: 'Neglect', version: 1 } }),
  },
  'POST /api/v1/partnerships/:partnershipId/priorities/:priorityId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/priorities/${w.priorityId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/priorities/:priorityId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/priorities/${w.priorityId}/reactivate` }),
  },

  'GET /api/v1/partnerships/:partnershipId/groups': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/groups` }),
  },
  'POST /api/v1/partnerships/:partnershipId/groups': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/groups`, body: { name: 'Matrix group', kind: 'subgroup' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/groups/:groupId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/groups/${w.groupId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/groups/:groupId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/groups/${w.groupId}`,
      body: { name: 'Executive', kind: 'executive', version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/groups/:groupId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/groups/${w.groupId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/groups/:groupId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/groups/${w.groupId}/reactivate` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/groups/:groupId/members/:personId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/groups/${w.groupId}/members/${w.target.id}`,
      body: { memberRole: 'chair' },
    }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/groups/:groupId/members/:personId': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/groups/${w.groupId}/members/${w.groupMember.id}` }),
  },

  'GET /api/v1/partnerships/:partnershipId/audit-templates': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/audit-templates` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates`, body: { title: 'Matrix tool', kind: 'case_audit' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/audit-templates/:templateId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}` }),
  },
  'GET /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateV1}` }),
  },
  // The allowed calls run in this order: edit the draft (v3), publish it, then make v4 from v1.
  'PUT /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateDraft}`,
      body: { definition: matrixDefinition('Edited'), version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId/publish': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateDraft}/publish` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId/new-draft': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateV1}/new-draft` }),
  },
  'GET /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId/diff/:otherVersionId':
    {
      allowed: ['member'],
      call: (w) => ({
        url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateV1}/diff/${w.templateV2}`,
      }),
    },
  'GET /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId/export.json': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateV1}/export.json` }),
  },
  'GET /api/v1/partnerships/:partnershipId/audit-templates/:templateId/versions/:versionId/export.xlsx': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/versions/${w.templateV1}/export.xlsx` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/import': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/audit-templates/import`,
      body: {
        format: 'assure-audit-template',
        formatVersion: 1,
        title: 'Matrix import',
        kind: 'case_audit',
        definition: matrixDefinition('Imported'),
      },
    }),
  },
  // The starter library: read by those who may see drafts (admins and QA group members), added by writers.
  'GET /api/v1/partnerships/:partnershipId/audit-templates/library': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/library` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/library/:starterId': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/library/practitioner-survey` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/:templateId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/audit-templates/:templateId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/audit-templates/${w.templateId}/reactivate` }),
  },

  'GET /api/v1/partnerships/:partnershipId/audit-log': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/audit-log` }),
  },
  'GET /api/v1/partnerships/:partnershipId/audit-log.csv': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/audit-log.csv` }),
  },
  'GET /api/v1/partnerships/:partnershipId/outbox': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/outbox` }),
  },
  'POST /api/v1/partnerships/:partnershipId/outbox/:messageId/retry': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/outbox/${w.deadMessageId}/retry` }),
  },
  'GET /api/v1/partnerships/:partnershipId/my-work': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/my-work` }),
  },
  // Reminders and notifications: the policy is admins' (the QA group also reads it); notifications are
  // each person's own (the viewer's here); an item's reminders go to whoever may see the item.
  'GET /api/v1/partnerships/:partnershipId/reminder-policy': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/reminder-policy` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/reminder-policy': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/reminder-policy`,
      body: { ...DEFAULT_REMINDER_POLICY, daysBefore: [14, 7], version: 0 },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/notifications': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/notifications` }),
  },
  'POST /api/v1/partnerships/:partnershipId/notifications/:notificationId/read': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/notifications/${w.viewerNotificationId}/read` }),
  },
  'POST /api/v1/partnerships/:partnershipId/notifications/read-all': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/notifications/read-all` }),
  },
  'GET /api/v1/partnerships/:partnershipId/reminders': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/reminders?itemType=qa_activity&itemId=${w.reminderActivityId}` }),
  },

  // Responses (form engine): agency X's response; its lead answers it, other agencies never see it.
  'GET /api/v1/partnerships/:partnershipId/responses': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/responses` }),
  },
  'POST /api/v1/partnerships/:partnershipId/responses': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/responses`,
      body: { templateId: w.formTemplateId, title: 'Matrix request', agencyId: w.agencyX.id },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/responses/:responseId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/responses/${w.responseId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/responses/:responseId/answers': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/responses/${w.responseId}/answers`,
      body: { answers: { f1: 'Matrix answer' }, carryForward: {}, version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/responses/:responseId/submit': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/responses/${w.responseToSubmitId}/submit`, body: { version: 1 } }),
  },
  'POST /api/v1/partnerships/:partnershipId/responses/:responseId/questions/:questionId/files': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/responses/${w.responseId}/questions/e1/files`,
      body: multipart({ fileName: 'matrix.pdf', data: MATRIX_PDF }),
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/responses/:responseId/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/responses/${w.responseId}/files/${w.responseFileId}` }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/responses/:responseId/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/responses/${w.responseId}/files/${w.responseSpareFileId}` }),
  },
  // The QA programme: every member reads; admins (and the QA group) plan; admins record the approval.
  // Each write has its own programme or activity, so the allowed calls do not trip over each other's versions.
  'GET /api/v1/partnerships/:partnershipId/programmes': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes` }),
  },
  'POST /api/v1/partnerships/:partnershipId/programmes': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/programmes`, body: { startYear: 2050, title: 'Matrix programme' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/programmes/:programmeId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/programmes/:programmeId': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}`, body: { title: 'Renamed', version: 1 } }),
  },
  'POST /api/v1/partnerships/:partnershipId/programmes/:programmeId/approval': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/programmes/${w.approvalProgrammeId}/approval`,
      body: { approvedBy: 'Chair', approvedOn: '2026-04-20', approvalMeeting: 'Executive', version: 1 },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/programmes/:programmeId/changes-since-approval': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}/changes-since-approval` }),
  },
  'POST /api/v1/partnerships/:partnershipId/programmes/:programmeId/copy-forward': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.copyProgrammeId}/copy-forward`, body: {} }),
  },
  'POST /api/v1/partnerships/:partnershipId/programmes/:programmeId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.spareProgrammeId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/programmes/:programmeId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.spareProgrammeId}/reactivate` }),
  },
  'GET /api/v1/partnerships/:partnershipId/programmes/:programmeId/quarters': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}/quarters` }),
  },
  'GET /api/v1/partnerships/:partnershipId/programmes/:programmeId/months': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}/months` }),
  },
  'GET /api/v1/partnerships/:partnershipId/programmes/:programmeId/agencies/:agencyId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/programmes/${w.programmeId}/agencies/${w.agencyX.id}` }),
  },
  'POST /api/v1/partnerships/:partnershipId/activities': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/activities`,
      body: { programmeId: w.programmeId, kind: 'survey', title: 'Matrix survey', quarter: 2 },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/activities/:activityId': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/activities/${w.programmeActivityId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/activities/:activityId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/activities/${w.programmeActivityId}`,
      body: { kind: 'peer_review', title: 'Matrix peer review', quarter: 3, version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/activities/:activityId/status': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/activities/${w.statusActivityId}/status`,
      body: { status: 'in_progress', version: 1 },
    }),
  },
  // The recommendations register: every member reads the themes; admins (and the QA group) manage them
  // and the register; an agency lead reads only recommendations addressed to their agency.
  'GET /api/v1/partnerships/:partnershipId/themes': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/themes` }),
  },
  'POST /api/v1/partnerships/:partnershipId/themes': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/themes`, body: { name: 'Matrix theme' } }),
  },
  'PUT /api/v1/partnerships/:partnershipId/themes/:themeId': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/themes/${w.themeId}`, body: { name: 'Matrix theme renamed', version: 1 } }),
  },
  'POST /api/v1/partnerships/:partnershipId/themes/:themeId/deactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/themes/${w.spareThemeId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/themes/:themeId/reactivate': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/themes/${w.spareThemeId}/reactivate` }),
  },
  'GET /api/v1/partnerships/:partnershipId/recommendation-settings': {
    allowed: ['admin'],
    call: (w) => ({ url: `${P(w)}/recommendation-settings` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/recommendation-settings': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/recommendation-settings`,
      body: { impactCheckMonths: [3, 6, 12], version: 0 },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/recommendations': {
    allowed: ['admin', 'agencyLead'],
    call: (w) => ({ url: `${P(w)}/recommendations?agencyId=${w.agencyX.id}` }),
  },
  'POST /api/v1/partnerships/:partnershipId/recommendations': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/recommendations`,
      body: {
        title: 'Matrix recommendation',
        sourceKind: 'other',
        sourceTitle: 'Matrix',
        agencyIds: [w.agencyX.id],
      },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/recommendations/:recommendationId': {
    allowed: ['admin', 'agencyLead', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/recommendations/${w.recommendationId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/recommendations/:recommendationId': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/recommendations/${w.recommendationId}`,
      body: {
        title: 'Matrix recommendation renamed',
        sourceKind: 'other',
        sourceTitle: 'Matrix',
        agencyIds: [w.agencyX.id],
        version: 1,
      },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/recommendations/:recommendationId/status': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/recommendations/${w.statusRecommendationId}/status`,
      body: { status: 'agreed', agreedOn: '2026-06-01', version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/recommendations/:recommendationId/close': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/recommendations/${w.closeRecommendationId}/close`,
      body: { approvedBy: 'Chair', meeting: 'QA group', closedOn: '2026-06-10', version: 1 },
    }),
  },
  // Actions (recommendations register): agency X's actions; its lead plans and updates them, other
  // agencies never see them (404); a board viewer's list is empty. Each write has its own action.
  'GET /api/v1/partnerships/:partnershipId/actions': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/actions` }),
  },
  'POST /api/v1/partnerships/:partnershipId/actions': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/actions`,
      body: { agencyId: w.agencyX.id, title: 'Matrix action', recommendationIds: [w.actionRecommendationId] },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/actions/:actionId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/actions/${w.actionId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/actions/:actionId': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/actions/${w.actionId}`,
      body: { title: 'Matrix action renamed', recommendationIds: [w.actionRecommendationId], version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/actions/:actionId/status': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/actions/${w.statusActionId}/status`,
      body: { status: 'in_progress', version: 1 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/actions/:actionId/updates': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/actions/${w.actionId}/updates`,
      body: { body: 'Matrix progress', updateOn: '2026-06-01' },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/actions/:actionId/updates/:updateId/files': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/actions/${w.actionId}/updates/${w.actionUpdateId}/files`,
      body: multipart({ fileName: 'matrix.pdf', data: MATRIX_PDF }),
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/actions/:actionId/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/actions/${w.actionId}/files/${w.actionFileId}` }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/actions/:actionId/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/actions/${w.actionId}/files/${w.actionSpareFileId}` }),
  },
  'GET /api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyX.id}/action-plan` }),
  },
  'GET /api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan/unanswered': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyX.id}/action-plan/unanswered` }),
  },
  // The Board's learning-loop summary: counts only, for admins, the QA group, scrutineers, lead sponsors
  // and board viewers (agency leads are refused; summary.int.test.ts checks that). The register's exports
  // are for those who read the whole register; an agency's action-plan PDF as its action plan.
  'GET /api/v1/partnerships/:partnershipId/register/summary': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/register/summary` }),
  },
  'GET /api/v1/partnerships/:partnershipId/register/recommendations.csv': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/register/recommendations.csv` }),
  },
  'GET /api/v1/partnerships/:partnershipId/register/recommendations.xlsx': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/register/recommendations.xlsx` }),
  },
  'GET /api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan.pdf': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/agencies/${w.agencyX.id}/action-plan.pdf` }),
  },
  // Impact checks: agency X's lead writes and submits X's evidence; admins (and the QA group) judge a
  // check whose evidence is in. Another agency's lead and the board viewer get 404 (their lists are empty).
  'GET /api/v1/partnerships/:partnershipId/impact-checks': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/impact-checks` }),
  },
  'GET /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/impact-checks/${w.impactCheckId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/impact-checks/${w.impactCheckId}/evidence/${w.agencyX.id}`,
      body: { practiceChange: 'Matrix practice', outcomes: 'Matrix outcomes', version: 0 },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId/submit': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/impact-checks/${w.impactCheckId}/evidence/${w.agencyX.id}/submit` }),
  },
  // Agency X's evidence files (on a check of their own, so the evidence stays a draft): read, added and
  // removed by X's lead; another agency's lead gets 404.
  'GET /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId/files': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/impact-checks/${w.filesImpactCheckId}/evidence/${w.agencyX.id}/files` }),
  },
  'POST /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId/files': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/impact-checks/${w.filesImpactCheckId}/evidence/${w.agencyX.id}/files`,
      body: multipart({ fileName: 'matrix.pdf', data: MATRIX_PDF }),
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/impact-checks/${w.filesImpactCheckId}/evidence/${w.agencyX.id}/files/${w.evidenceFileId}`,
    }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/evidence/:agencyId/files/:fileId':
    {
      allowed: ['agencyLead'],
      call: (w) => ({
        url: `${P(w)}/impact-checks/${w.filesImpactCheckId}/evidence/${w.agencyX.id}/files/${w.evidenceSpareFileId}`,
      }),
    },
  'POST /api/v1/partnerships/:partnershipId/impact-checks/:impactCheckId/judgement': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/impact-checks/${w.judgedImpactCheckId}/judgement`,
      body: { judgement: 'embedded', reasons: 'Matrix reasons', judgedOn: '2026-06-01', version: 1 },
    }),
  },
  // Single-agency assurance requests to agency X: asked and judged by admins (and the QA group), answered
  // by X's lead; nobody else sees them.
  'GET /api/v1/partnerships/:partnershipId/assurance-requests': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/assurance-requests` }),
  },
  'POST /api/v1/partnerships/:partnershipId/assurance-requests': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests`,
      body: {
        agencyId: w.agencyX.id,
        title: 'Matrix request',
        question: 'Evidence your response',
        dueOn: '2026-12-31',
        recommendationIds: [w.assuranceRecommendationId],
      },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/assurance-requests/${w.assuranceRequestId}` }),
  },
  'POST /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/answer': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests/${w.assuranceRequestId}/answer`,
      body: { answer: 'Matrix answer', version: 1 },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/answer/files': {
    allowed: ['agencyLead'],
    call: (w) => ({ url: `${P(w)}/assurance-requests/${w.assuranceRequestId}/answer/files` }),
  },
  'POST /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/answer/files': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests/${w.assuranceRequestId}/answer/files`,
      body: multipart({ fileName: 'matrix.pdf', data: MATRIX_PDF }),
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/answer/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests/${w.assuranceRequestId}/answer/files/${w.answerFileId}`,
    }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/answer/files/:fileId': {
    allowed: ['agencyLead'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests/${w.assuranceRequestId}/answer/files/${w.answerSpareFileId}`,
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/assurance-requests/:assuranceRequestId/judgement': {
    allowed: ['admin'],
    call: (w) => ({
      url: `${P(w)}/assurance-requests/${w.answeredAssuranceRequestId}/judgement`,
      body: { judgement: 'assured', reasons: 'Matrix reasons', judgedOn: '2026-06-01', version: 1 },
    }),
  },
  // The scrutiny plan: every member but board viewers reads it; admins, the QA group and scrutineers write.
  'GET /api/v1/partnerships/:partnershipId/scrutiny-reviews': {
    allowed: ['nonViewer'],
    call: (w) => ({ url: `${P(w)}/scrutiny-reviews` }),
  },
  'POST /api/v1/partnerships/:partnershipId/scrutiny-reviews': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({
      url: `${P(w)}/scrutiny-reviews`,
      body: { kind: 'scrutiny_topic', title: 'Matrix scrutiny topic' },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/scrutiny-reviews/:scrutinyReviewId': {
    allowed: ['nonViewer'],
    call: (w) => ({ url: `${P(w)}/scrutiny-reviews/${w.scrutinyReviewId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/scrutiny-reviews/:scrutinyReviewId': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({
      url: `${P(w)}/scrutiny-reviews/${w.scrutinyReviewId}`,
      body: {
        kind: 'external_peer_review',
        title: 'Matrix peer review',
        leadName: 'Matrix reviewer',
        version: 1,
      },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/scrutiny-reviews/:scrutinyReviewId/deactivate': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/scrutiny-reviews/${w.spareScrutinyReviewId}/deactivate` }),
  },
  'POST /api/v1/partnerships/:partnershipId/scrutiny-reviews/:scrutinyReviewId/reactivate': {
    allowed: ['admin', 'scrutineer'],
    call: (w) => ({ url: `${P(w)}/scrutiny-reviews/${w.spareScrutinyReviewId}/reactivate` }),
  },
  // Case reviews: case files and rapid reviews. The list answers everyone (an empty list outside the case
  // review group); opening a case file is for the case review group; everything under one case file is for
  // the case review group and people named on it (see `caseFile`).
  'GET /api/v1/partnerships/:partnershipId/case-files': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/case-files` }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files': {
    allowed: ['caseReviewer'],
    call: (w) => ({ url: `${P(w)}/case-files`, body: { kind: 'child', label: 'Child Z' } }),
  },
  'GET /api/v1/partnerships/:partnershipId/case-files/:caseFileId': {
    allowed: ['caseReviewer'],
    caseFile: 'read',
    call: (w) => ({ url: `${P(w)}/case-files/${w.matrixRapidFileId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixRapidFileId}`,
      body: { version: 1, label: 'Child Y', themeIds: [] },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/case-files/:caseFileId/access': {
    allowed: ['caseReviewer'],
    caseFile: 'read',
    call: (w) => ({ url: `${P(w)}/case-files/${w.matrixRapidFileId}/access` }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/access': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixRapidFileId}/access`,
      body: { personId: w.groupMember.id, level: 'read' },
    }),
  },
  'DELETE /api/v1/partnerships/:partnershipId/case-files/:caseFileId/access/:personId': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({ url: `${P(w)}/case-files/${w.matrixRapidFileId}/access/${w.matrixSpareNamedId}` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/notification': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixUnnotifiedFileId}/notification`,
      body: {
        kind: 'serious_incident',
        becameAwareOn: '2026-06-10',
        harm: 'serious_harm',
        abuseOrNeglect: 'suspected',
        place: 'in_area',
      },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/rapid-review': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({ url: `${P(w)}/case-files/${w.matrixNotifiedFileId}/rapid-review` }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/rapid-review/steps/:stepId': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixRapidFileId}/rapid-review/steps/${w.matrixStepId}`,
      body: { version: 1, dueOn: '2026-06-15', doneOn: '2026-06-15' },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/rapid-review/summary-requests': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixRapidFileId}/rapid-review/summary-requests`,
      body: { agencyIds: [w.agencyX.id], templateVersionId: w.templateV1 },
    }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/rapid-review/decision': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixRapidFileId}/rapid-review/decision`,
      body: {
        version: 1,
        decision: 'lcspr',
        decidedBy: 'Matrix panel',
        decidedOn: '2026-06-12',
        justification: 'Matrix justification',
      },
    }),
  },
  // Case reviews: SAR referrals, reviews and their milestones, recommendations from a case file (the case
  // review group and people named with edit; see `caseFile`), the dashboard (every member, each seeing only
  // the files they may read) and the annual counts (no case detail).
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/sar-referral': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixAdultFileId}/sar-referral`,
      body: {
        receivedOn: '2026-06-01',
        hasCareAndSupportNeeds: true,
        concernAboutJointWorking: true,
        outcome: 'died',
      },
    }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/sar-referral/decision': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixReferredFileId}/sar-referral/decision`,
      body: {
        version: 1,
        decision: 'partnership_review',
        decidedBy: 'Matrix panel',
        decidedOn: '2026-06-05',
        justification: 'Matrix justification',
      },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/reviews': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixChildFileId}/reviews`,
      body: { kind: 'lcspr', title: 'Matrix LCSPR', initiatedOn: '2026-06-01' },
    }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/reviews/:reviewId': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixChildFileId}/reviews/${w.matrixReviewId}`,
      body: { version: 1, title: 'Matrix review', status: 'in_progress', targetPublicationOn: '2026-11-01' },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/reviews/:reviewId/events': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixChildFileId}/reviews/${w.matrixReviewId}/events`,
      body: { kind: 'panel_meeting', title: 'Matrix panel', dueOn: '2026-07-01' },
    }),
  },
  'PUT /api/v1/partnerships/:partnershipId/case-files/:caseFileId/reviews/:reviewId/events/:eventId': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixChildFileId}/reviews/${w.matrixReviewId}/events/${w.matrixEventId}`,
      body: { version: 1, kind: 'terms_of_reference', title: 'Matrix terms', doneOn: '2026-06-10' },
    }),
  },
  'POST /api/v1/partnerships/:partnershipId/case-files/:caseFileId/recommendations': {
    allowed: ['caseReviewer'],
    caseFile: 'write',
    call: (w) => ({
      url: `${P(w)}/case-files/${w.matrixChildFileId}/recommendations`,
      body: { reviewId: w.matrixReviewId, title: 'Matrix recommendation', agencyIds: [w.agencyX.id] },
    }),
  },
  'GET /api/v1/partnerships/:partnershipId/case-reviews/dashboard': {
    allowed: ['member'],
    call: (w) => ({ url: `${P(w)}/case-reviews/dashboard` }),
  },
  'GET /api/v1/partnerships/:partnershipId/case-reviews/counts': {
    allowed: ['admin', 'caseReviewer', 'boardViewer'],
    call: (w) => ({ url: `${P(w)}/case-reviews/counts?year=2026` }),
  },
};

const MATRIX_PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** A published form with an evidence question, two responses of agency X, and two files (bytes stored). */
async function buildResponseWorld(t: TestApp, partnershipId: string, agencyId: string) {
  const db = t.db;
  const [{ id: formTemplateId }] = await db
    .insert(auditTemplates)
    .values({ partnershipId, title: 'Matrix form', kind: 'case_audit' })
    .returning();
  const definition = {
    ...matrixDefinition('Form'),
    sections: [
      {
        id: 's1',
        title: 'Section one',
        questions: [
          { id: 'f1', type: 'short_text' as const, text: 'Anything to add?', required: false },
          { id: 'e1', type: 'evidence_file' as const, text: 'Evidence', required: false },
        ],
      },
    ],
  };
  const [{ id: formVersionId }] = await db
    .insert(auditTemplateVersions)
    .values({
      templateId: formTemplateId,
      number: 1,
      status: 'published',
      publishedAt: new Date(),
      definition,
    })
    .returning();
  const [{ id: responseId }, { id: responseToSubmitId }] = await db
    .insert(formResponses)
    .values([
      { partnershipId, templateVersionId: formVersionId, agencyId, title: 'Matrix response' },
      { partnershipId, templateVersionId: formVersionId, agencyId, title: 'Matrix response to submit' },
    ])
    .returning();
  const file = (storageKey: string) => ({
    partnershipId,
    responseId,
    questionId: 'e1',
    storageKey,
    fileName: 'evidence.pdf',
    mediaType: 'application/pdf',
    sizeBytes: MATRIX_PDF.length,
    sha256: 'x',
  });
  const keys = [crypto.randomUUID(), crypto.randomUUID()];
  for (const key of keys) await t.fileStorage.put(key, MATRIX_PDF);
  const [{ id: responseFileId }, { id: responseSpareFileId }] = await db
    .insert(formResponseFiles)
    .values(keys.map(file))
    .returning();
  return { formTemplateId, responseId, responseToSubmitId, responseFileId, responseSpareFileId };
}

/**
 * The installation's own administration (service admins only). Anyone else, even a partnership admin,
 * is answered 404 so the area is not revealed.
 */
const INSTALLATION_ROUTES: Record<string, (w: World) => Call> = {
  'GET /api/v1/installation/partnerships': () => ({ url: '/api/v1/installation/partnerships' }),
  'POST /api/v1/installation/partnerships': () => ({
    url: '/api/v1/installation/partnerships',
    body: {
      name: 'Matrix New Partnership',
      covers: 'adults',
      adminName: 'First Admin',
      adminEmail: 'first.admin@example.org',
    },
  }),
  'GET /api/v1/installation/partnerships/:id': (w) => ({
    url: `/api/v1/installation/partnerships/${w.b.id}`,
  }),
  'POST /api/v1/installation/partnerships/:id/deactivate': (w) => ({
    url: `/api/v1/installation/partnerships/${w.b.id}/deactivate`,
  }),
  'POST /api/v1/installation/partnerships/:id/reactivate': (w) => ({
    url: `/api/v1/installation/partnerships/${w.b.id}/reactivate`,
  }),
};

/** Routes that need a session but no partnership: the person's own session. Checked separately below. */
const SESSION_ROUTES = [
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/keep-alive',
  'PUT /api/v1/auth/current-partnership',
  'GET /api/v1/me/preferences',
  'PUT /api/v1/me/preferences',
  'GET /api/v1/me/calendar-feed',
  'POST /api/v1/me/calendar-feed',
  'DELETE /api/v1/me/calendar-feed',
];

/** Routes open without a session, each for a stated reason. Their own tests cover what they reveal. */
const PUBLIC_ROUTES: Record<string, string> = {
  'POST /api/v1/auth/sign-in': 'signing in',
  'POST /api/v1/auth/sign-out': 'signing out is harmless without a session',
  'POST /api/v1/auth/password-reset': 'answers the same whether or not the email has an account',
  'POST /api/v1/auth/password-reset/complete': 'the single-use token is the credential',
  'GET /api/v1/invitations/:token': 'the single-use token is the credential',
  'POST /api/v1/invitations/:token/accept': 'the single-use token is the credential',
};
const isInfrastructure = (url: string) => !url.startsWith('/api/v1/');

let t: TestApp;
let w: World;

async function buildWorld(t: TestApp) {
  const db = t.db;
  const a = await buildPartnership(db, { name: 'Matrix Partnership A' });
  const b = await buildPartnership(db, { name: 'Matrix Partnership B' });
  const agencyX = await buildAgency(db, { partnershipId: a.id, name: 'Agency X' });
  const agencyY = await buildAgency(db, { partnershipId: a.id, name: 'Agency Y' });
  const agencySpare = await buildAgency(db, { partnershipId: a.id, name: 'Agency Spare' });
  const agencyElsewhere = await buildAgency(db, { partnershipId: b.id, name: 'Agency Elsewhere' });
  const [sectionX] = await db
    .insert(agencySections)
    .values({ agencyId: agencyX.id, name: 'Section of X' })
    .returning();

  const adminA = await buildMember(db, { partnershipId: a.id, role: 'partnership_admin' });
  const adminB = await buildMember(db, { partnershipId: b.id, role: 'partnership_admin' });
  const leadX = await buildMember(db, { partnershipId: a.id, role: 'agency_lead', agencyId: agencyX.id });
  const leadY = await buildMember(db, { partnershipId: a.id, role: 'agency_lead', agencyId: agencyY.id });
  const viewer = await buildMember(db, { partnershipId: a.id, role: 'board_viewer' });
  const scrutineer = await buildMember(db, { partnershipId: a.id, role: 'independent_scrutineer' });
  const target = await buildMember(db, { partnershipId: a.id, role: 'qa_group_member' });
  const [{ id: targetMembershipId }] = await db
    .insert(memberships)
    .values({ partnershipId: a.id, personId: target.id, role: 'case_review_group_member' })
    .returning();
  const leaver = await buildMember(db, { partnershipId: a.id, role: 'qa_group_member' });
  const groupMember = await buildMember(db, { partnershipId: a.id, role: 'qa_group_member' });
  const [{ id: priorityId }] = await db
    .insert(priorities)
    .values({ partnershipId: a.id, name: 'Neglect' })
    .returning();
  const [{ id: groupId }] = await db
    .insert(governanceGroups)
    .values({ partnershipId: a.id, name: 'Executive', kind: 'executive' })
    .returning();
  await db.insert(governanceGroupMembers).values({ groupId, personId: groupMember.id });
  const [{ id: invitationId }] = await db
    .insert(invitations)
    .values({
      tokenHash: 'matrix-token-hash',
      partnershipId: a.id,
      email: 'invitee@example.org',
      name: 'Invitee',
      role: 'board_viewer',
      expiresAt: new Date('2030-01-01'),
    })
    .returning();
  const [{ id: deadMessageId }] = await db
    .insert(outbox)
    .values({
      partnershipId: a.id,
      toAddress: 'x@example.org',
      subject: 'Hello',
      textBody: 'Hello',
      status: 'dead',
      attempts: 5,
    })
    .returning();
  const [{ id: templateId }] = await db
    .insert(auditTemplates)
    .values({ partnershipId: a.id, title: 'Matrix tool', kind: 'case_audit' })
    .returning();
  const [{ id: templateV1 }, { id: templateV2 }, { id: templateDraft }] = await db
    .insert(auditTemplateVersions)
    .values([
      {
        templateId,
        number: 1,
        status: 'published',
        publishedAt: new Date(),
        definition: matrixDefinition('One'),
      },
      {
        templateId,
        number: 2,
        status: 'published',
        publishedAt: new Date(),
        definition: matrixDefinition('Two'),
      },
      { templateId, number: 3, status: 'draft', definition: matrixDefinition('Three') },
    ])
    .returning();
  const responseWorld = await buildResponseWorld(t, a.id, agencyX.id);
  const notificationWorld = await buildNotificationWorld(t, a.id, viewer.id);
  const programmeWorld = await buildProgrammeWorld(t, a.id);
  const actionWorld = await buildActionWorld(t, a.id, agencyX.id);
  const recommendationWorld = await buildRecommendationWorld(t, a.id, agencyX.id);
  const impactWorld = await buildImpactCheckWorld(t, a.id, agencyX.id);
  const caseReviewWorld = await buildCaseReviewMatrixWorld(t, a.id);
  const rapidReviewWorld = await buildRapidReviewMatrixWorld(t, a.id, caseReviewWorld.namedReader.id);
  const outsider = await buildPerson(db);
  const serviceAdmin = await buildPerson(db);
  await db.update(people).set({ isServiceAdmin: true }).where(eq(people.id, serviceAdmin.id));
  return {
    a,
    b,
    agencyX,
    agencyY,
    agencySpare,
    agencyElsewhere,
    sectionX,
    adminA,
    adminB,
    leadX,
    leadY,
    viewer,
    scrutineer,
    target,
    targetMembershipId,
    leaver,
    groupMember,
    priorityId,
    groupId,
    invitationId,
    deadMessageId,
    templateId,
    templateV1,
    templateV2,
    templateDraft,
    outsider,
    serviceAdmin,
    ...responseWorld,
    ...notificationWorld,
    ...programmeWorld,
    ...actionWorld,
    ...recommendationWorld,
    ...impactWorld,
    ...caseReviewWorld,
    ...rapidReviewWorld,
  };
}

/**
 * Case files and rapid reviews: a child's case file with a sent notification and its rapid review open (and a
 * spare person named on it, to take off), one whose notification is sent but has no rapid review yet, and one
 * with no notification. The member named with read on every case file is named on these too.
 */
async function buildRapidReviewMatrixWorld(t: TestApp, partnershipId: string, namedReaderId: string) {
  const spare = await buildMember(t.db, { partnershipId, role: 'qa_group_member' });
  const named = [{ personId: namedReaderId, level: 'read' as const }];
  const sent = { becameAwareOn: '2026-06-08', notifiedPanelOn: '2026-06-10' };
  const rapid = await buildCaseFile(t.db, {
    partnershipId,
    label: 'Matrix child R',
    notification: sent,
    rapidReview: true,
    named: [...named, { personId: spare.id, level: 'read' }],
  });
  const notified = await buildCaseFile(t.db, {
    partnershipId,
    label: 'Matrix child N',
    notification: sent,
    named,
  });
  const unnotified = await buildCaseFile(t.db, { partnershipId, label: 'Matrix child U', named });
  return {
    matrixRapidFileId: rapid.id,
    matrixStepId: rapid.steps[0].id,
    matrixSpareNamedId: spare.id,
    matrixNotifiedFileId: notified.id,
    matrixUnnotifiedFileId: unnotified.id,
  };
}

/**
 * Case reviews: a case review group member, a QA group member outside it, and a member named with read on
 * every case file; a child's case file with an LCSPR and its terms of reference milestone, an adult's case
 * file without a referral and one with a referral to decide.
 */
async function buildCaseReviewMatrixWorld(t: TestApp, partnershipId: string) {
  const db = t.db;
  const caseReviewer = await buildMember(db, { partnershipId, role: 'case_review_group_member' });
  const qaOnly = await buildMember(db, { partnershipId, role: 'qa_group_member' });
  const namedReader = await buildMember(db, { partnershipId, role: 'qa_group_member' });
  const files = await db
    .insert(caseFiles)
    .values(
      (['child', 'adult', 'adult'] as const).map((kind, i) => ({
        partnershipId,
        number: 9001 + i,
        kind,
        label: `Matrix ${kind} ${i}`,
      })),
    )
    .returning();
  const [child, adult, referred] = files;
  await db.insert(caseFileAccess).values(
    files.map((f) => ({
      caseFileId: f.id,
      personId: namedReader.id,
      partnershipId,
      level: 'read' as const,
    })),
  );
  await db.insert(sarReferrals).values({
    partnershipId,
    caseFileId: referred.id,
    receivedOn: '2026-06-01',
    hasCareAndSupportNeeds: true,
    concernAboutJointWorking: false,
    outcome: 'died',
    acknowledgeDueOn: '2026-06-08',
  });
  const [review] = await db
    .insert(caseReviews)
    .values({
      partnershipId,
      caseFileId: child.id,
      kind: 'lcspr',
      title: 'Matrix LCSPR',
      initiatedOn: '2026-05-01',
      targetPublicationOn: '2026-11-01',
    })
    .returning();
  const [event] = await db
    .insert(caseReviewEvents)
    .values({ partnershipId, reviewId: review.id, kind: 'terms_of_reference', title: 'Matrix terms' })
    .returning();
  return {
    caseReviewer,
    qaOnly,
    namedReader,
    matrixChildFileId: child.id,
    matrixAdultFileId: adult.id,
    matrixReferredFileId: referred.id,
    matrixReviewId: review.id,
    matrixEventId: event.id,
  };
}

/**
 * Impact checks, assurance requests and scrutiny reviews: a recommendation to agency X with a check for X's
 * evidence, one ready to judge and one with X's draft evidence and two files; a request to X to answer
 * (with two files) and one answered; two scrutiny reviews.
 */
async function buildImpactCheckWorld(t: TestApp, partnershipId: string, agencyId: string) {
  const rec = await buildRecommendation(t.db, {
    partnershipId,
    agencyIds: [agencyId],
    status: 'impact_check',
    agreedOn: '2026-01-05',
    impactCheckMonths: [3, 6, 12],
  });
  const [open, ready, filed] = [...rec.impactChecks].sort((x, y) => x.months - y.months);
  const [draft] = await t.db
    .insert(impactCheckEvidence)
    .values({ partnershipId, impactCheckId: filed.id, agencyId, practiceChange: 'Matrix draft' })
    .returning();
  await t.db.insert(impactCheckEvidence).values({
    partnershipId,
    impactCheckId: ready.id,
    agencyId,
    practiceChange: 'Matrix practice',
    outcomes: 'Matrix outcomes',
    submittedAt: new Date('2026-05-20T10:00:00Z'),
  });
  const [{ id: assuranceRequestId }, { id: answeredAssuranceRequestId }] = await t.db
    .insert(assuranceRequests)
    .values(
      [null, 'Matrix answer'].map((answer) => ({
        partnershipId,
        agencyId,
        title: 'Matrix assurance request',
        question: 'Evidence your response',
        dueOn: '2026-07-31',
        answer,
        answeredAt: answer ? new Date('2026-06-01T10:00:00Z') : null,
      })),
    )
    .returning();
  await t.db.insert(assuranceRequestRecommendations).values(
    [assuranceRequestId, answeredAssuranceRequestId].map((id) => ({
      assuranceRequestId: id,
      recommendationId: rec.id,
    })),
  );
  const registerFile = async (ownerType: string, ownerId: string) => {
    const storageKey = crypto.randomUUID();
    await t.fileStorage.put(storageKey, MATRIX_PDF);
    const [{ id }] = await t.db
      .insert(registerFiles)
      .values({
        partnershipId,
        ownerType,
        ownerId,
        agencyId,
        storageKey,
        fileName: 'evidence.pdf',
        mediaType: 'application/pdf',
        sizeBytes: MATRIX_PDF.length,
        sha256: 'x',
      })
      .returning();
    return id;
  };
  const [evidenceFileId, evidenceSpareFileId, answerFileId, answerSpareFileId] = [
    await registerFile('impact_check_evidence', draft.id),
    await registerFile('impact_check_evidence', draft.id),
    await registerFile('assurance_request', assuranceRequestId),
    await registerFile('assurance_request', assuranceRequestId),
  ];
  const [{ id: scrutinyReviewId }, { id: spareScrutinyReviewId }] = await t.db
    .insert(scrutinyReviews)
    .values(
      ['Matrix topic', 'Matrix spare topic'].map((title) => ({
        partnershipId,
        kind: 'scrutiny_topic',
        title,
      })),
    )
    .returning();
  return {
    impactCheckId: open.id,
    judgedImpactCheckId: ready.id,
    filesImpactCheckId: filed.id,
    evidenceFileId,
    evidenceSpareFileId,
    answerFileId,
    answerSpareFileId,
    assuranceRecommendationId: rec.id,
    assuranceRequestId,
    answeredAssuranceRequestId,
    scrutinyReviewId,
    spareScrutinyReviewId,
  };
}

/** Two themes, and recommendations to agency X: one to read and edit, a draft to agree, one ready to close. */
async function buildRecommendationWorld(t: TestApp, partnershipId: string, agencyId: string) {
  const [{ id: themeId }, { id: spareThemeId }] = await t.db
    .insert(themes)
    .values([
      { partnershipId, name: 'Matrix neglect' },
      { partnershipId, name: 'Matrix spare theme' },
    ])
    .returning();
  const rec = await buildRecommendation(t.db, { partnershipId, agencyIds: [agencyId] });
  const statusRec = await buildRecommendation(t.db, { partnershipId, agencyIds: [agencyId] });
  const closeRec = await buildRecommendation(t.db, {
    partnershipId,
    agencyIds: [agencyId],
    status: 'impact_check',
    agreedOn: '2025-01-10',
    impactCheckMonths: [12],
  });
  const [check] = closeRec.impactChecks;
  await t.db
    .update(impactChecks)
    .set({ judgement: 'embedded', judgedOn: '2026-02-01' })
    .where(eq(impactChecks.id, check.id));
  await t.db.insert(impactCheckEvidence).values({
    partnershipId,
    impactCheckId: check.id,
    agencyId,
    practiceChange: 'Audits show it',
    submittedAt: new Date('2026-01-20T10:00:00Z'),
  });
  return {
    themeId,
    spareThemeId,
    recommendationId: rec.id,
    statusRecommendationId: statusRec.id,
    closeRecommendationId: closeRec.id,
  };
}

/** A recommendation to agency X, two of agency X's actions answering it, an update and two files (bytes stored). */
async function buildActionWorld(t: TestApp, partnershipId: string, agencyId: string) {
  const db = t.db;
  const rec = await buildRecommendation(db, {
    partnershipId,
    agencyIds: [agencyId],
    status: 'agreed',
    agreedOn: '2026-05-01',
  });
  const [{ id: actionId }, { id: statusActionId }] = await db
    .insert(actions)
    .values(['Matrix action', 'Matrix action to start'].map((title) => ({ partnershipId, agencyId, title })))
    .returning();
  await db
    .insert(actionRecommendations)
    .values([actionId, statusActionId].map((id) => ({ actionId: id, recommendationId: rec.id })));
  const [{ id: actionUpdateId }] = await db
    .insert(actionUpdates)
    .values({ partnershipId, actionId, body: 'Matrix update', updateOn: '2026-06-01' })
    .returning();
  const keys = [crypto.randomUUID(), crypto.randomUUID()];
  for (const key of keys) await t.fileStorage.put(key, MATRIX_PDF);
  const [{ id: actionFileId }, { id: actionSpareFileId }] = await db
    .insert(registerFiles)
    .values(
      keys.map((storageKey) => ({
        partnershipId,
        ownerType: 'action_update',
        ownerId: actionUpdateId,
        agencyId,
        storageKey,
        fileName: 'evidence.pdf',
        mediaType: 'application/pdf',
        sizeBytes: MATRIX_PDF.length,
        sha256: 'x',
      })),
    )
    .returning();
  return {
    actionRecommendationId: rec.id,
    actionId,
    statusActionId,
    actionUpdateId,
    actionFileId,
    actionSpareFileId,
  };
}

/** QA programmes of years no other row uses (one to read and rename, one each to approve, copy and deactivate) and two activities. */
async function buildProgrammeWorld(t: TestApp, partnershipId: string) {
  const [programme, approval, copy, spare] = await Promise.all(
    [2040, 2042, 2044, 2046].map((startYear) => buildProgramme(t.db, { partnershipId, startYear })),
  );
  const [{ id: programmeActivityId }, { id: statusActivityId }] = await t.db
    .insert(qaActivities)
    .values(
      ['Matrix audit', 'Matrix review'].map((title) => ({
        partnershipId,
        programmeId: programme.id,
        kind: 'multi_agency_case_audit',
        title,
        quarter: 1,
      })),
    )
    .returning();
  return {
    programmeId: programme.id,
    approvalProgrammeId: approval.id,
    copyProgrammeId: copy.id,
    spareProgrammeId: spare.id,
    programmeActivityId,
    statusActivityId,
  };
}

/** A notification of the viewer's, and a programme activity (of a year no other row uses) with reminders to list. */
async function buildNotificationWorld(t: TestApp, partnershipId: string, viewerId: string) {
  const [{ id: viewerNotificationId }] = await t.db
    .insert(notifications)
    .values({ partnershipId, personId: viewerId, kind: 'reminder', title: 'Matrix reminder' })
    .returning();
  const activity = await buildOpenActivity(t.db, {
    partnershipId,
    startYear: 2001,
    deadlineOn: '2026-06-15',
  });
  return { viewerNotificationId, reminderActivityId: activity.id };
}

const clients: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  for (const [k, p] of Object.entries({
    adminA: w.adminA,
    adminB: w.adminB,
    leadX: w.leadX,
    leadY: w.leadY,
    viewer: w.viewer,
    scrutineer: w.scrutineer,
    outsider: w.outsider,
    serviceAdmin: w.serviceAdmin,
    caseReviewer: w.caseReviewer,
    qaOnly: w.qaOnly,
    namedReader: w.namedReader,
  })) {
    clients[k] = await t.signIn(p.email);
  }
});
afterAll(() => t.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('authorisation matrix', () => {
  it('covers every route the app registers', () => {
    const api = t.app.assureRoutes.filter((r) => !isInfrastructure(r.url)).map(key);
    const covered = new Set([
      ...Object.keys(MATRIX),
      ...Object.keys(INSTALLATION_ROUTES),
      ...SESSION_ROUTES,
      ...Object.keys(PUBLIC_ROUTES),
    ]);
    const missing = api.filter((k) => !covered.has(k));
    expect(missing, 'routes missing from the authorisation matrix').toEqual([]);
    const stale = [...covered].filter((k) => !api.includes(k));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);
  });

  it('marks as public exactly the routes listed as public', () => {
    const publicRoutes = t.app.assureRoutes
      .filter((r) => r.public && !isInfrastructure(r.url))
      .map(key)
      .sort();
    expect(publicRoutes).toEqual(Object.keys(PUBLIC_ROUTES).sort());
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    const [method] = route.split(' ');
    describe(route, () => {
      it('refuses a request without a session (401)', async () => {
        const c = entry.call(w);
        const res = await t.anonymous().request(method, c.url, c.body);
        expect(res.statusCode).toBe(401);
      });

      it('refuses an admin of another partnership without revealing the record (404)', async () => {
        const c = entry.call(w);
        const res = await clients.adminB.request(method, c.url, c.body);
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain(w.a.name);
      });

      it('refuses someone who signed in but belongs to no partnership (404)', async () => {
        const c = entry.call(w);
        expect((await clients.outsider.request(method, c.url, c.body)).statusCode).toBe(404);
      });

      if (!entry.allowed.includes('member')) {
        if (!entry.allowed.includes('boardViewer'))
          it('refuses a member of the partnership without the role (403/404)', async () => {
            const c = entry.call(w);
            const res = await clients.viewer.request(method, c.url, c.body);
            expect([403, 404]).toContain(res.statusCode);
          });

        if (!entry.allowed.includes('nonViewer')) {
          it('refuses the lead of another agency in the same partnership (403/404)', async () => {
            const c = entry.call(w);
            const res = await clients.leadY.request(method, c.url, c.body);
            expect([403, 404]).toContain(res.statusCode);
          });
        }
      }
    });
  }

  for (const [route, entry] of Object.entries(MATRIX)) {
    if (!entry.caseFile) continue;
    const [method] = route.split(' ');
    describe(`${route} (a case file)`, () => {
      it('hides the case file from a partnership admin, a QA group member and an agency lead outside the case review group (404)', async () => {
        const c = entry.call(w);
        for (const who of ['adminA', 'qaOnly', 'leadX']) {
          const res = await clients[who].request(method, c.url, c.body);
          expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
          expect(res.body).not.toContain('Matrix');
        }
      });
      if (entry.caseFile === 'write')
        it('refuses a person named on the file with read (403)', async () => {
          const c = entry.call(w);
          const res = await clients.namedReader.request(method, c.url, c.body);
          expect(res.statusCode, res.body).toBe(403);
        });
      else
        it('lets a person named on the file with read read it', async () => {
          const c = entry.call(w);
          const res = await clients.namedReader.request(method, c.url, c.body);
          expect(res.statusCode, res.body).toBe(200);
        });
    });
  }

  // After every refusal has been tried, those allowed must get through (proving the refusals are not blanket).
  for (const [route, entry] of Object.entries(MATRIX)) {
    const [method] = route.split(' ');
    it(`${route} lets ${entry.allowed.join(' / ')} through`, async () => {
      const c = entry.call(w);
      const caller = entry.allowed.includes('agencyLead')
        ? clients.leadX
        : entry.allowed.includes('nonViewer')
          ? clients.leadY
          : entry.allowed.includes('admin')
            ? clients.adminA
            : entry.allowed.includes('scrutineer')
              ? clients.scrutineer
              : entry.allowed.includes('caseReviewer')
                ? clients.caseReviewer
                : clients.viewer;
      const res = await caller.request(method, c.url, c.body);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
    });
  }

  it('logs a refusal in the audit log', async () => {
    await clients.viewer.post(`${P(w)}/priorities`, { name: 'Sneaky' });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.personId, w.viewer.id));
    expect(rows.some((r) => r.action === 'permission_refused')).toBe(true);
  });
});

describe('installation routes', () => {
  for (const [route, call] of Object.entries(INSTALLATION_ROUTES)) {
    const [method] = route.split(' ');
    it(`${route}: refused without a session (401), hidden from partnership admins and others (404), open to service admins`, async () => {
      const c = call(w);
      expect((await t.anonymous().request(method, c.url, c.body)).statusCode).toBe(401);
      for (const who of ['adminA', 'adminB', 'leadY', 'outsider']) {
        const res = await clients[who].request(method, c.url, c.body);
        expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
      }
      const ok = await clients.serviceAdmin.request(method, c.url, c.body);
      expect(ok.statusCode, ok.body).toBeGreaterThanOrEqual(200);
      expect(ok.statusCode, ok.body).toBeLessThan(300);
    });
  }
});

describe('session routes', () => {
  it('refuse requests without a session', async () => {
    for (const k of SESSION_ROUTES) {
      const [method, url] = k.split(' ');
      expect(
        (await t.anonymous().request(method, url, method === 'GET' ? undefined : { partnershipId: w.a.id }))
          .statusCode,
      ).toBe(401);
    }
  });

  it('will not switch a person into a partnership they do not belong to', async () => {
    const res = await clients.adminB.put('/api/v1/auth/current-partnership', { partnershipId: w.a.id });
    expect(res.statusCode).toBe(404);
  });

  it('refuse a change without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/keep-alive',
      headers: { cookie: clients.viewer.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('CSRF');
  });
});
