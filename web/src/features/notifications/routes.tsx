import type { RouteObject } from 'react-router';
import { AccountNotificationsPage } from './account-notifications-page';
import { NotificationsPage } from './notifications-page';
import { ReminderPolicyPage } from './reminder-policy-page';

/** Notification and reminder pages, mounted inside the signed-in layout. */
export const notificationRoutes: RouteObject[] = [
  { path: '/notifications', element: <NotificationsPage /> },
  { path: '/account/notifications', element: <AccountNotificationsPage /> },
  // Admins only: the page checks, and the server decides.
  { path: '/admin/reminders', element: <ReminderPolicyPage /> },
];
