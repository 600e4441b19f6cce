// Shapes of the API's answers, as the web app reads them. The server's zod schemas are the source of
// truth; these mirror the parts the pages use.
import type {
  AgencyType,
  GROUP_KINDS,
  GROUP_MEMBER_ROLES,
  PARTNERSHIP_COVERS,
  Role,
} from '../../../contracts/org';

export type Covers = (typeof PARTNERSHIP_COVERS)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type GroupMemberRole = (typeof GROUP_MEMBER_ROLES)[number];

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type SessionInfo = {
  person: { id: string; email: string; name: string; isServiceAdmin: boolean };
  partnerships: {
    id: string;
    name: string;
    covers: string;
    roles: { role: Role; agencyId: string | null }[];
  }[];
  currentPartnershipId: string | null;
  csrfToken: string;
  idleTimeoutSeconds: number;
  expiresAt: string;
};

export type Partnership = {
  id: string;
  name: string;
  covers: Covers;
  active: boolean;
  version: number;
  allowedVerbs: string[];
};

export type AgencySummary = {
  id: string;
  name: string;
  type: AgencyType;
  active: boolean;
  partnershipCount: number;
};

export type Section = {
  id: string;
  name: string;
  ownerPersonId: string | null;
  ownerName: string | null;
  active: boolean;
  version: number;
};

export type Agency = AgencySummary & {
  version: number;
  sections: Section[];
  allowedVerbs: string[];
};

export type AvailableAgency = { id: string; name: string; type: AgencyType };

export type PersonSummary = {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  active: boolean;
  roles: { membershipId: string; role: Role; agencyId: string | null; agencyName: string | null }[];
};

export type Person = {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  active: boolean;
  version: number;
  roles: {
    membershipId: string;
    role: Role;
    agencyId: string | null;
    agencyName: string | null;
    active: boolean;
  }[];
  allowedVerbs: string[];
};

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export type Invitation = {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string | null;
  agencyName: string | null;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
};

export type PublicInvitation = {
  partnershipName: string;
  email: string;
  name: string;
  role: Role;
  agencyName: string | null;
  existingAccount: boolean;
};

export type Priority = {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  version: number;
};

export type GroupSummary = {
  id: string;
  name: string;
  kind: GroupKind;
  description: string | null;
  active: boolean;
  memberCount: number;
  version: number;
};

export type Group = GroupSummary & {
  members: { personId: string; name: string; email: string; memberRole: GroupMemberRole }[];
  allowedVerbs: string[];
};

export type AuditEntry = {
  id: number;
  at: string;
  personId: string | null;
  personEmail: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

export type OutboxStatus = 'outbox' | 'queued' | 'sent' | 'failed' | 'dead';

export type OutboxMessage = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export type WorkItem = {
  kind: string;
  title: string;
  href: string;
  dueDate: string | null;
  overdue: boolean;
};

export type MyWork = { items: WorkItem[]; generatedAt: string };
