import type { RouteObject } from 'react-router';

/** Pages of the QA programme and calendar, mounted inside the signed-in layout. */
export const programmeRoutes: RouteObject[] = [];
