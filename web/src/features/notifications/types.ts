import type { TReminderPolicy } from '../../../../contracts/notifications';

export type ReminderPolicyView = TReminderPolicy & {
  version: number;
  updatedAt: string | null;
  allowedVerbs: ('read' | 'manage')[];
};

export type AppNotification = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  href: string | null;
  itemType: string | null;
  itemId: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = {
  items: AppNotification[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
};

export type ReminderSent = {
  id: string;
  rule: string;
  ruleLabel: string;
  dueOn: string;
  sentOn: string;
  channel: 'email' | 'digest';
  createdAt: string;
  digestedAt: string | null;
  personId: string;
  personName: string;
};

export type MyWorkItem = {
  kind: string;
  title: string;
  href: string;
  dueDate: string | null;
  overdue: boolean;
  daysUntilDue: number | null;
  itemType: string;
  itemId: string;
};

export type MyWork = { items: MyWorkItem[]; generatedAt: string; unreadNotifications: number };

export type Preferences = { dailyDigest: boolean };
