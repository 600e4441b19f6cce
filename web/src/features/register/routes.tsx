import type { RouteObject } from 'react-router';
import {
  ActionPage,
  ActionPlanPage,
  ActionPlansPage,
  ActionStatusPage,
  ActionsPage,
  EditActionPage,
  NewActionPage,
  UnansweredRecommendationsPage,
} from './action-pages';
import { AssuranceRequestPage, AssuranceRequestsPage, NewAssuranceRequestPage } from './assurance-pages';
import { ImpactCheckPage, ImpactChecksPage, SubmitEvidencePage } from './impact-check-pages';
import {
  CloseRecommendationPage,
  EditRecommendationPage,
  EditThemePage,
  NewRecommendationPage,
  NewThemePage,
  RecommendationPage,
  RecommendationStatusPage,
  RegisterPage,
  RegisterSettingsPage,
  ThemesPage,
} from './recommendation-pages';
import {
  DeactivateScrutinyPage,
  EditScrutinyPage,
  NewScrutinyPage,
  ScrutinyPlanPage,
  ScrutinyReviewPage,
} from './scrutiny-pages';
import { SummaryPage } from './summary-page';

/** Pages of the recommendations and actions register, mounted inside the signed-in layout. */
export const registerRoutes: RouteObject[] = [
  // Recommendations (recommendation-pages.tsx)
  { path: '/register', element: <RegisterPage /> },
  { path: '/register/recommendations/new', element: <NewRecommendationPage /> },
  { path: '/register/recommendations/:recommendationId', element: <RecommendationPage /> },
  { path: '/register/recommendations/:recommendationId/edit', element: <EditRecommendationPage /> },
  { path: '/register/recommendations/:recommendationId/status', element: <RecommendationStatusPage /> },
  { path: '/register/recommendations/:recommendationId/close', element: <CloseRecommendationPage /> },
  { path: '/register/themes', element: <ThemesPage /> },
  { path: '/register/themes/new', element: <NewThemePage /> },
  { path: '/register/themes/:themeId/edit', element: <EditThemePage /> },
  { path: '/admin/register-settings', element: <RegisterSettingsPage /> },
  // Actions and action plans (action-pages.tsx)
  { path: '/register/actions', element: <ActionsPage /> },
  { path: '/register/actions/new', element: <NewActionPage /> },
  { path: '/register/actions/:actionId', element: <ActionPage /> },
  { path: '/register/actions/:actionId/edit', element: <EditActionPage /> },
  { path: '/register/actions/:actionId/status', element: <ActionStatusPage /> },
  { path: '/register/action-plans', element: <ActionPlansPage /> },
  { path: '/register/agencies/:agencyId/action-plan', element: <ActionPlanPage /> },
  {
    path: '/register/agencies/:agencyId/action-plan/unanswered',
    element: <UnansweredRecommendationsPage />,
  },
  // Impact checks, assurance requests and the scrutiny plan (impact-check-pages, assurance-pages, scrutiny-pages)
  { path: '/register/impact-checks', element: <ImpactChecksPage /> },
  { path: '/register/impact-checks/:impactCheckId', element: <ImpactCheckPage /> },
  {
    path: '/register/impact-checks/:impactCheckId/evidence/:agencyId/submit',
    element: <SubmitEvidencePage />,
  },
  { path: '/register/assurance-requests', element: <AssuranceRequestsPage /> },
  { path: '/register/assurance-requests/new', element: <NewAssuranceRequestPage /> },
  { path: '/register/assurance-requests/:assuranceRequestId', element: <AssuranceRequestPage /> },
  { path: '/register/scrutiny', element: <ScrutinyPlanPage /> },
  { path: '/register/scrutiny/new', element: <NewScrutinyPage /> },
  { path: '/register/scrutiny/:scrutinyReviewId', element: <ScrutinyReviewPage /> },
  { path: '/register/scrutiny/:scrutinyReviewId/edit', element: <EditScrutinyPage /> },
  { path: '/register/scrutiny/:scrutinyReviewId/deactivate', element: <DeactivateScrutinyPage /> },
  // The Board's learning-loop summary (summary-page.tsx)
  { path: '/register/summary', element: <SummaryPage /> },
];
