import type { RouteObject } from 'react-router';

/** Notification and reminder pages, mounted inside the signed-in layout. */
export const notificationRoutes: RouteObject[] = [];
