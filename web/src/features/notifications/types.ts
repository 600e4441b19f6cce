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

/** How much of one kind is waiting, and how much of it `items` shows. */
export type MyWorkKind = { itemType: string; total: number; overdue: number; shown: number };

export type MyWork = {
  /** The most urgent (at most 50), overdue first. */
  items: MyWorkItem[];
  /** Everything waiting, shown or not. */
  total: number;
  overdue: number;
  kinds: MyWorkKind[];
  generatedAt: string;
  unreadNotifications: number;
};

export type Preferences = { dailyDigest: boolean };
