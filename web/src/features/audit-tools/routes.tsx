import type { RouteObject } from 'react-router';
import {
  DraftDetailsPage,
  DraftPage,
  RemoveQuestionPage,
  RemoveSectionPage,
  SectionPage,
} from './builder-pages';
import { ImportTemplatePage } from './import-page';
import { AddStarterPage, StarterLibraryPage } from './library-page';
import { QuestionPage } from './question-page';
import { BandsPage, RemoveScalePage, ScalePage, ScalesPage } from './scale-pages';
import {
  CompareVersionsPage,
  DeactivateTemplatePage,
  NewTemplatePage,
  PublishDraftPage,
  TemplatePage,
  TemplatesPage,
  VersionPage,
} from './template-pages';

/** Pages of the audit-tool template library and builder, mounted inside the signed-in layout. */
export const auditToolRoutes: RouteObject[] = [
  { path: '/audit-tools/library', element: <StarterLibraryPage /> },
  { path: '/audit-tools/library/:starterId/add', element: <AddStarterPage /> },
  // The template builder (issue 3, part 2).
  { path: '/audit-tools', element: <TemplatesPage /> },
  { path: '/audit-tools/new', element: <NewTemplatePage /> },
  { path: '/audit-tools/import', element: <ImportTemplatePage /> },
  { path: '/audit-tools/:templateId', element: <TemplatePage /> },
  { path: '/audit-tools/:templateId/deactivate', element: <DeactivateTemplatePage /> },
  { path: '/audit-tools/:templateId/compare', element: <CompareVersionsPage /> },
  { path: '/audit-tools/:templateId/versions/:versionId', element: <VersionPage /> },
  { path: '/audit-tools/:templateId/draft', element: <DraftPage /> },
  { path: '/audit-tools/:templateId/draft/publish', element: <PublishDraftPage /> },
  { path: '/audit-tools/:templateId/draft/details', element: <DraftDetailsPage /> },
  { path: '/audit-tools/:templateId/draft/sections/new', element: <SectionPage /> },
  { path: '/audit-tools/:templateId/draft/sections/:sectionId', element: <SectionPage /> },
  { path: '/audit-tools/:templateId/draft/sections/:sectionId/remove', element: <RemoveSectionPage /> },
  { path: '/audit-tools/:templateId/draft/questions/new', element: <QuestionPage /> },
  { path: '/audit-tools/:templateId/draft/questions/:questionId', element: <QuestionPage /> },
  { path: '/audit-tools/:templateId/draft/questions/:questionId/remove', element: <RemoveQuestionPage /> },
  { path: '/audit-tools/:templateId/draft/scales', element: <ScalesPage /> },
  { path: '/audit-tools/:templateId/draft/scales/new', element: <ScalePage /> },
  { path: '/audit-tools/:templateId/draft/scales/:scaleId', element: <ScalePage /> },
  { path: '/audit-tools/:templateId/draft/scales/:scaleId/remove', element: <RemoveScalePage /> },
  { path: '/audit-tools/:templateId/draft/bands', element: <BandsPage /> },
];
