import type { RouteObject } from 'react-router';
import {
  DecisionPage,
  EditCaseFilePage,
  NotificationPage,
  SarDecisionPage,
  SarReferralPage,
  StepPage,
  SummaryRequestsPage,
} from './case-file-forms';
import { CaseFilePage } from './case-file-page';
import {
  CaseReviewCountsPage,
  CaseReviewDashboardPage,
  CaseReviewsPage,
  NewCaseFilePage,
} from './register-pages';
import {
  EditEventPage,
  EditReviewPage,
  NamedPeoplePage,
  NewCaseRecommendationPage,
  NewEventPage,
  NewReviewPage,
  RemoveNamedPersonPage,
} from './review-pages';

/** Pages of case reviews (notifications, rapid reviews, SAR referrals, reviews), inside the signed-in layout. */
export const caseReviewRoutes: RouteObject[] = [
  // The register, dashboard, counts and opening a case file (register-pages.tsx)
  { path: '/case-reviews', element: <CaseReviewsPage /> },
  { path: '/case-reviews/new', element: <NewCaseFilePage /> },
  { path: '/case-reviews/dashboard', element: <CaseReviewDashboardPage /> },
  { path: '/case-reviews/counts', element: <CaseReviewCountsPage /> },
  // One case file and its forms (case-file-page.tsx, case-file-forms.tsx)
  { path: '/case-reviews/:caseFileId', element: <CaseFilePage /> },
  { path: '/case-reviews/:caseFileId/edit', element: <EditCaseFilePage /> },
  { path: '/case-reviews/:caseFileId/notification', element: <NotificationPage /> },
  { path: '/case-reviews/:caseFileId/rapid-review/steps/:stepId', element: <StepPage /> },
  { path: '/case-reviews/:caseFileId/summary-requests', element: <SummaryRequestsPage /> },
  { path: '/case-reviews/:caseFileId/decision', element: <DecisionPage /> },
  { path: '/case-reviews/:caseFileId/sar-referral', element: <SarReferralPage /> },
  { path: '/case-reviews/:caseFileId/sar-decision', element: <SarDecisionPage /> },
  // Reviews, milestones, recommendations and named people (review-pages.tsx)
  { path: '/case-reviews/:caseFileId/reviews/new', element: <NewReviewPage /> },
  { path: '/case-reviews/:caseFileId/reviews/:reviewId/edit', element: <EditReviewPage /> },
  { path: '/case-reviews/:caseFileId/reviews/:reviewId/events/new', element: <NewEventPage /> },
  { path: '/case-reviews/:caseFileId/reviews/:reviewId/events/:eventId/edit', element: <EditEventPage /> },
  { path: '/case-reviews/:caseFileId/recommendations/new', element: <NewCaseRecommendationPage /> },
  { path: '/case-reviews/:caseFileId/people', element: <NamedPeoplePage /> },
  { path: '/case-reviews/:caseFileId/people/:personId/remove', element: <RemoveNamedPersonPage /> },
];
