import type { RouteObject } from 'react-router';
import {
  NewRequestPage,
  ResponseCheckPage,
  ResponseLayout,
  ResponseSectionPage,
  ResponsesPage,
  ResponseTaskListPage,
} from './response-pages';

/** Pages of the form engine (answering a template), mounted inside the signed-in layout. */
export const responseRoutes: RouteObject[] = [
  { path: '/responses', element: <ResponsesPage /> },
  { path: '/requests/new', element: <NewRequestPage /> },
  {
    path: '/responses/:responseId',
    element: <ResponseLayout />,
    children: [
      { index: true, element: <ResponseTaskListPage /> },
      { path: 'sections/:sectionId', element: <ResponseSectionPage /> },
      { path: 'check', element: <ResponseCheckPage /> },
    ],
  },
];
