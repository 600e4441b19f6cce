import type { RouteObject } from 'react-router';

/** Pages of the recommendations and actions register, mounted inside the signed-in layout. */
export const registerRoutes: RouteObject[] = [];
