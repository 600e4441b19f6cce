import { baselineSelfEvaluation } from './baseline-self-evaluation.js';
import { careActSelfAssessment } from './care-act-self-assessment.js';
import { caseFileAudit } from './case-file-audit.js';
import type { StarterTemplate } from './common.js';
import { educationAudit } from './education-section-175-157.js';
import { practitionerSurvey } from './practitioner-survey.js';
import { rapidReviewSummary } from './rapid-review-summary.js';
import { section11SelfAssessment } from './section-11-self-assessment.js';
import { serviceUserSurvey } from './service-user-survey.js';

export type { StarterTemplate } from './common.js';

/**
 * The starter library: audit-tool templates written in Assure's own words from the public standards,
 * which a partnership copies into its own templates and adapts. In the order the library lists them.
 */
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  caseFileAudit,
  section11SelfAssessment,
  careActSelfAssessment,
  educationAudit,
  baselineSelfEvaluation,
  practitionerSurvey,
  serviceUserSurvey,
  rapidReviewSummary,
];

/** The starter with this id, or undefined. */
export function findStarter(id: string): StarterTemplate | undefined {
  return STARTER_TEMPLATES.find((s) => s.id === id);
}
