import type { RouteObject } from 'react-router';
import { ActivityPage, ActivityStatusPage, EditActivityPage, NewActivityPage } from './activity-pages';
import { CalendarFeedPage } from './calendar-feed-page';
import {
  AgenciesPage,
  ApprovalPage,
  CopyForwardPage,
  DeactivateProgrammePage,
  MonthsPage,
  ProgrammeIndexPage,
  QuarterGridPage,
  RenameProgrammePage,
} from './programme-pages';

/** Pages of the QA programme and calendar, mounted inside the signed-in layout. */
export const programmeRoutes: RouteObject[] = [
  { path: '/programme', element: <ProgrammeIndexPage /> },
  { path: '/programme/calendar-feed', element: <CalendarFeedPage /> },
  { path: '/programme/activities/new', element: <NewActivityPage /> },
  { path: '/programme/activities/:activityId', element: <ActivityPage /> },
  { path: '/programme/activities/:activityId/edit', element: <EditActivityPage /> },
  { path: '/programme/activities/:activityId/status', element: <ActivityStatusPage /> },
  { path: '/programme/:programmeId', element: <QuarterGridPage /> },
  { path: '/programme/:programmeId/months', element: <MonthsPage /> },
  { path: '/programme/:programmeId/agencies', element: <AgenciesPage /> },
  { path: '/programme/:programmeId/approval', element: <ApprovalPage /> },
  { path: '/programme/:programmeId/copy-forward', element: <CopyForwardPage /> },
  { path: '/programme/:programmeId/rename', element: <RenameProgrammePage /> },
  { path: '/programme/:programmeId/deactivate', element: <DeactivateProgrammePage /> },
];
