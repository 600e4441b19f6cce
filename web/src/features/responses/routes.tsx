import type { RouteObject } from 'react-router';

/** Pages of the form engine (answering a template), mounted inside the signed-in layout. */
export const responseRoutes: RouteObject[] = [];
