// Shapes of the case reviews API's answers (server/modules/case-reviews/*.schemas.ts is the source of truth;
// these mirror the parts the pages use). Dates are 'YYYY-MM-DD'; every dated thing carries its computed due
// date and `overdue`, worked out by the server on the UK date.
import type {
  CaseKind,
  NotificationKind,
  RapidReviewDecision,
  RapidReviewStep,
  ReviewEventKind,
  ReviewKind,
  ReviewStatus,
  SAR_OUTCOMES,
  SarDecision,
} from '../../../../contracts/case-reviews';
import type { RecommendationSource, RecommendationStatus } from '../../../../contracts/recommendations';

export type Ref = { id: string; name: string };

export type CaseFileStage =
  | 'notification'
  | 'rapid_review'
  | 'sar_referral'
  | 'review'
  | 'decided'
  | 'no_review';

export type NextDue = { what: string; dueOn: string; overdue: boolean };

export type CaseFileSummary = {
  id: string;
  number: number;
  reference: string;
  kind: CaseKind;
  label: string;
  stage: CaseFileStage;
  nextDue: NextDue | null;
  themes: Ref[];
};

export type CaseFileVerb = 'read' | 'write' | 'grant';

export type Notification = {
  id: string;
  kind: NotificationKind;
  becameAwareOn: string;
  harm: 'death' | 'serious_harm' | null;
  abuseOrNeglect: 'known' | 'suspected' | null;
  place: 'in_area' | 'abroad' | null;
  ageAtDeath: number | null;
  notifyDueOn: string;
  notifiedPanelOn: string | null;
  ofstedNotifiedOn: string | null;
  lateReason: string | null;
  /** Working days from becoming aware to the send date (or to today while unsent); day 5 is the last in time. */
  workingDay: number;
  /** null until it has been sent. */
  inTime: boolean | null;
  overdue: boolean;
  needsRapidReview: boolean;
  version: number;
};

export type RapidReviewStepView = {
  id: string;
  step: RapidReviewStep;
  label: string;
  position: number;
  ownerPersonId: string | null;
  ownerName: string | null;
  dueOn: string;
  /** Which working day of the 15 the due date falls on. */
  dueWorkingDay: number;
  doneOn: string | null;
  overdue: boolean;
  notes: string | null;
  version: number;
};

export type SummaryRequest = {
  responseId: string;
  agencyId: string | null;
  agencyName: string | null;
  title: string;
  templateTitle: string;
  status: 'draft' | 'submitted';
  dueOn: string | null;
  submittedAt: string | null;
  overdue: boolean;
};

export type RapidReview = {
  id: string;
  startedOn: string;
  dueOn: string;
  workingDay: number;
  overdue: boolean;
  decision: RapidReviewDecision | null;
  recommendNationalReview: boolean;
  decidedBy: string | null;
  decidedOn: string | null;
  justification: string | null;
  decisionSentOn: string | null;
  /** Whether the decision was sent by dueOn; null until sent. */
  decisionInTime: boolean | null;
  concernsNotIdentified: boolean;
  thresholdsLearning: string | null;
  steps: RapidReviewStepView[];
  summaryRequests: SummaryRequest[];
  version: number;
};

export type SarOutcome = (typeof SAR_OUTCOMES)[number];

export type SarReferral = {
  id: string;
  receivedOn: string;
  referrerAgency: Ref | null;
  referrerAgencyId: string | null;
  hasCareAndSupportNeeds: boolean;
  concernAboutJointWorking: boolean;
  outcome: SarOutcome;
  acknowledgeDueOn: string;
  acknowledgedOn: string | null;
  acknowledgedInTime: boolean | null;
  workingDay: number;
  mandatory: boolean;
  overdue: boolean;
  decision: SarDecision | null;
  decidedBy: string | null;
  decidedOn: string | null;
  justification: string | null;
  concernsNotIdentified: boolean;
  thresholdsLearning: string | null;
  version: number;
};

export type ReviewEvent = {
  id: string;
  kind: ReviewEventKind;
  title: string;
  agency: Ref | null;
  agencyId: string | null;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
  notes: string | null;
  version: number;
};

export type Review = {
  id: string;
  kind: ReviewKind;
  title: string;
  status: ReviewStatus;
  initiatedOn: string;
  recommendNationalReview: boolean;
  reviewerName: string | null;
  reviewerKind: 'independent' | 'internal' | null;
  reviewerAppointedOn: string | null;
  termsOfReference: string | null;
  familyInvolvement: string | null;
  targetPublicationOn: string;
  publishedOn: string | null;
  /** Published after targetPublicationOn; null until published. */
  publishedLate: boolean | null;
  delayReason: string | null;
  overdue: boolean;
  events: ReviewEvent[];
  version: number;
};

export type CaseFileRecommendation = {
  id: string;
  reference: string;
  title: string;
  sourceKind: RecommendationSource;
  sourceTitle: string;
  status: RecommendationStatus;
  nextImpactCheckOn: string | null;
};

export type CaseFileAccessEntry = {
  personId: string;
  name: string;
  level: 'read' | 'edit';
  grantedAt: string;
};

export type CaseFile = {
  id: string;
  number: number;
  reference: string;
  kind: CaseKind;
  label: string;
  summary: string | null;
  stage: CaseFileStage;
  nextDue: NextDue | null;
  version: number;
  themes: Ref[];
  access: CaseFileAccessEntry[];
  allowedVerbs: CaseFileVerb[];
  notification: Notification | null;
  rapidReview: RapidReview | null;
  sarReferral: SarReferral | null;
  reviews: Review[];
  recommendations: CaseFileRecommendation[];
};

/** One line of the dashboard: something due this week or overdue, on a case file the person may read. */
export type DashboardItem = {
  caseFileId: string;
  kind:
    | 'notification'
    | 'rapid_review_step'
    | 'summary_request'
    | 'sar_acknowledgement'
    | 'review_event'
    | 'review_publication';
  reference: string;
  what: string;
  dueOn: string;
  overdue: boolean;
  href: string;
};

export type Dashboard = { dueThisWeek: DashboardItem[]; overdue: DashboardItem[] };

export type CountRow = { key: string; count: number };

/** Counts for one year of the annual report (GET /case-reviews/counts?year=). */
export type CaseReviewCounts = {
  year: number;
  notifications: { total: number; inTime: number; late: number; notSent: number; careLeaverDeaths: number };
  rapidReviews: { total: number; byDecision: CountRow[]; recommendNationalReview: number };
  sarReferrals: { total: number; mandatory: number; discretionary: number; byDecision: CountRow[] };
  reviews: { started: number; published: number; publishedLate: number; byKind: CountRow[] };
  themes: { id: string; name: string; caseFiles: number; reviews: number; recurring: boolean }[];
};
