import type { RouteObject } from 'react-router';

/** Pages of the audit-tool template library and builder, mounted inside the signed-in layout. */
export const auditToolRoutes: RouteObject[] = [];
